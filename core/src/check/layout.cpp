// gongwen check on the laid-out pages: the header block (organ mark, red rule, 发文字号), fonts
// and title, measured on the PDF that LibreOffice writes. The body's rules are in layout_body.cpp.
#include "gongwen/check.hpp"
#include "gongwen/i18n.hpp"

#include "check/layout_rules.hpp"
#include "check/text_rules.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>

namespace gongwen {

using i18n::_;

namespace pdfcheck {

namespace {

bool contains_ci(const std::string& hay, const char* needle) {
    std::string h = hay, n = needle;
    for (auto& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return h.find(n) != std::string::npos;
}

bool is_fangsong(const std::string& font) { return contains_ci(font, "fang") || font.find("仿宋") != std::string::npos; }

bool is_heavy_song(const std::string& font) {
    for (const char* w : {"black", "bold", "heavy", "xbs", "xiaobiaosong", "小标宋"})
        if (contains_ci(font, w)) return true;
    return false;
}

} // namespace

std::string LayoutCheck::mm(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s == "-0" ? "0" : s;
}

void LayoutCheck::deviation(const std::string& code, int page, const std::string& message) {
    Diagnostic d;
    d.code = code;
    d.file = label_;
    d.page = page;
    d.message = message;
    out_.add(std::move(d));
}

std::vector<const TextLine*> LayoutCheck::content(const Page& p) const {
    std::vector<const TextLine*> lines;
    for (const auto& l : p.lines)
        if (l.box.y0 < f_.bottom) lines.push_back(&l);
    return lines;
}

const InkBand* LayoutCheck::red_rule() const {
    if (pdf_.pages.empty()) return nullptr;
    const Page& p = pdf_.pages.front();
    // The topmost: a letter (信函格式) has a second red rule near the page foot.
    for (const auto& b : p.red_rules)
        if (b.y0 > p.red_top) return &b;
    return nullptr;
}

const TextLine* LayoutCheck::doc_number_line() const {
    const InkBand* rule = red_rule();
    if (!rule) return nullptr;
    const TextLine* above = nullptr;
    for (const TextLine* l : content(pdf_.pages.front()))
        if (l->box.y1 <= rule->y0 + 0.5 && l->box.y0 > pdf_.pages.front().red_top + 5) above = l;
    return above;
}

std::string LayoutCheck::body_font() const {
    std::map<std::string, std::size_t> count;
    for (const auto& p : pdf_.pages)
        for (const auto& l : p.lines)
            for (const auto& s : l.segments)
                for (const auto& g : s.glyphs)
                    if (std::fabs(g.size_pt - 16) < 0.6 && is_full_width(g.ch)) ++count[g.font];
    std::string best;
    std::size_t most = 0;
    for (const auto& [font, n] : count)
        if (n > most) best = font, most = n;
    return best;
}

// ---- the organ mark and the red rule, on page 1's ink ------------------------------------------

void LayoutCheck::organ_mark_and_red_rule() {
    const Page& p1 = pdf_.pages.front();
    const double want = options_.letter_format ? 30 : f_.top + 35;
    const char* where = options_.letter_format ? _("30 mm from the page top (信函格式)") : _("35 mm below the type area's top");
    if (p1.red_top < 0) {
        deviation("gbt-organ-mark", 1,
                  i18n::format(_("no red ink on page 1; wants the red organ mark at {want} mm ({where})"), {{"want", mm(want)}, {"where", where}}));
        return;
    }
    if (std::fabs(p1.red_top - want) > f_.tolerance)
        deviation("gbt-organ-mark", 1,
                  i18n::format(_("the organ mark's red ink starts {got} mm from the page top; wants {want} ± 1 mm ({where})"),
                               {{"got", mm(p1.red_top)}, {"want", mm(want)}, {"where", where}}));
    if (options_.letter_format) return;  // 信函格式 has double rules 170 mm long: not measured here
    const InkBand* rule = red_rule();
    if (!rule) {
        deviation("gbt-red-rule", 1, _("no red rule (a red line at least 100 mm long) under the organ mark"));
        return;
    }
    if (std::fabs(rule->x0 - f_.left) > f_.tolerance || std::fabs(rule->x1 - f_.right) > f_.tolerance)
        deviation("gbt-red-rule", 1,
                  i18n::format(_("the red rule spans {from}–{to} mm; wants the type area, 28–184 ± 1 mm"), {{"from", mm(rule->x0)}, {"to", mm(rule->x1)}}));
    const TextLine* number = doc_number_line();
    if (!number) {
        deviation("gbt-red-rule", 1, _("no 发文字号 line between the organ mark and the red rule"));
        return;
    }
    // Measured from the ink of the number's glyphs (their visible bottom), not the font's descent.
    double bottom = number->ink_y1 >= 0 ? number->ink_y1 : number->box.y1;
    double gap = rule->y0 - bottom;
    if (std::fabs(gap - 4) > f_.tolerance)
        deviation("gbt-red-rule", 1,
                  i18n::format(_("the red rule's top lies {gap} mm below the bottom of the 发文字号's ink ('{number}'); wants 4 ± 1 mm"),
                               {{"gap", mm(gap)}, {"number", number->utf8()}}));
}

// ---- fonts -------------------------------------------------------------------------------------

void LayoutCheck::fonts() {
    std::string body = body_font();
    if (body.empty()) {
        deviation("gbt-body-font", 0, _("no 16 pt (3号) body text found"));
    } else {
        if (!is_fangsong(body))
            deviation("gbt-body-font", 0, i18n::format(_("the body text is set in '{font}'; wants a FangSong (仿宋) face"), {{"font", body}}));
        bool embedded = false;
        for (const auto& f : pdf_.fonts)
            if (f.name == body && f.embedded) embedded = true;
        if (!embedded) deviation("gbt-body-font", 0, i18n::format(_("the body font '{font}' is not embedded in the PDF"), {{"font", body}}));
    }
    const Page& p1 = pdf_.pages.front();
    const InkBand* rule = red_rule();
    for (const TextLine* l : content(p1)) {
        bool mark = p1.red_top >= 0 && l->box.y1 > p1.red_top && (!rule || l->box.y1 <= rule->y0) && l->size_pt >= 20;
        if (mark && !is_heavy_song(l->font()))
            deviation("gbt-title-font", 1, i18n::format(_("the organ mark is set in '{font}'; wants a heavy song face (小标宋)"), {{"font", l->font()}}));
    }
}

// ---- the title ---------------------------------------------------------------------------------

void LayoutCheck::title() {
    const Page& p1 = pdf_.pages.front();
    const InkBand* rule = red_rule();
    double below = rule ? rule->y1 : p1.red_top + 10;
    std::vector<const TextLine*> lines;
    for (const TextLine* l : content(p1)) {
        if (l->box.y0 < below) continue;
        if (l->size_pt >= 20) lines.push_back(l);
        else if (!lines.empty()) break;
    }
    if (lines.empty()) {
        deviation("gbt-title", 1, _("no 22 pt (2号) title under the red rule"));
        return;
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const TextLine& l = *lines[i];
        if (!is_heavy_song(l.font()))
            deviation("gbt-title-font", 1, i18n::format(_("the title is set in '{font}'; wants a heavy song face (小标宋)"), {{"font", l.font()}}));
        if (std::fabs(l.box.centre_x() - f_.centre()) > f_.tolerance)
            deviation("gbt-title", 1,
                      i18n::format(_("title line {n} ('{text}') is centred at {got} mm; wants {want} ± 1 mm"),
                                   {{"n", i + 1}, {"text", l.utf8()}, {"got", mm(l.box.centre_x())}, {"want", mm(f_.centre())}}));
    }
    const double half_char = 11 * kMmPerPt;  // half a 2号 character
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        double w = lines[i]->box.width();
        if (w + half_char < lines[i - 1]->box.width() && w + half_char < lines[i + 1]->box.width())
            deviation("gbt-title", 1,
                      i18n::format(_("title line {n} ({width} mm) is shorter than both its neighbours ({before}, {after} mm): an hourglass; "
                                     "wants a trapezoid or diamond"),
                                   {{"n", i + 1}, {"width", mm(w)}, {"before", mm(lines[i - 1]->box.width())}, {"after", mm(lines[i + 1]->box.width())}}));
    }
    if (lines.size() < 2) return;
    // Every line break at a word boundary (ICU's dictionary-based word break for Chinese).
    icu::UnicodeString joined;
    std::vector<int32_t> breaks;
    for (const TextLine* l : lines) {
        if (!joined.isEmpty()) breaks.push_back(joined.length());
        joined += icu::UnicodeString::fromUTF8(l->utf8());
    }
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status) || !words) return;
    words->setText(joined);
    for (std::size_t i = 0; i < breaks.size(); ++i) {
        if (words->isBoundary(breaks[i])) continue;
        int32_t from = words->preceding(breaks[i]);
        int32_t to = words->following(breaks[i]);
        std::string word, before, after;
        joined.tempSubString(from, to - from).toUTF8String(word);
        joined.tempSubString(from, breaks[i] - from).toUTF8String(before);
        joined.tempSubString(breaks[i], to - breaks[i]).toUTF8String(after);
        deviation("gbt-title", 1,
                  i18n::format(_("the title breaks between lines {n} and {next} inside the word '{word}' ({before} | {after}); wants breaks between words"),
                               {{"n", i + 1}, {"next", i + 2}, {"word", word}, {"before", before}, {"after", after}}));
    }
}

// ---- the 发文字号 and 份号 ----------------------------------------------------------------------

void LayoutCheck::doc_number() {
    const Page& p1 = pdf_.pages.front();
    const TextLine* line = doc_number_line();
    if (!line) {  // no red rule: the first line above the title that reads like a number
        for (const TextLine* l : content(p1))
            if (l->size_pt < 20 && check::text_matches("[〔\\[［【(（].{4}[〕\\]］】)）].*号", l->utf8())) {
                line = l;
                break;
            }
    }
    if (line) {
        std::string number = line->utf8();
        for (const auto& s : line->segments)  // the 签发人 shares the line: take the part with 号
            if (to_utf8(s.text).find("号") != std::string::npos) number = to_utf8(s.text);
        bool reported = false;
        for (const auto& hit : check::text_rule_hits(number))
            if (hit.code == "gbt-doc-number") {
                deviation("gbt-doc-number", 1, i18n::format(_("the 发文字号 reads '{number}': {rule}"), {{"number", number}, {"rule", hit.message}}));
                reported = true;
            }
        if (!reported && !check::has_valid_doc_number(number))
            deviation("gbt-doc-number", 1,
                      i18n::format(_("the 发文字号 reads '{number}'; wants 机关代字〔2023〕5号 (4-digit year in 〔〕, no 第, no leading zero)"),
                                   {{"number", number}}));
    }
    for (const TextLine* l : content(p1)) {  // 份号: a line of digits above the organ mark
        if (p1.red_top >= 0 && l->box.y0 >= p1.red_top) break;
        std::string t = l->utf8();
        if (t.empty() || !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
        if (t.size() != 6)
            deviation("gbt-doc-number", 1,
                      i18n::format(i18n::P_("the 份号 '{number}' has {n} digit; wants 6 (000001)", "the 份号 '{number}' has {n} digits; wants 6 (000001)",
                                            t.size()),
                                   {{"number", t}, {"n", t.size()}}));
    }
}

} // namespace pdfcheck

Diagnostics check_gbt9704_layout(const std::string& pdf_path, const std::string& label, const LayoutOptions& options) {
    pdfcheck::PdfLayout pdf = pdfcheck::read_pdf_layout(pdf_path, label, {1, -1});
    pdfcheck::LayoutCheck c(pdf, label, options);
    if (pdf.pages.empty()) {
        c.deviation("gbt-page-size", 0, _("the PDF has no pages"));
        return c.take();
    }
    c.organ_mark_and_red_rule();
    c.fonts();
    c.title();
    c.doc_number();
    c.grid();
    c.heading_keep();
    c.signature();
    c.seal();
    c.edition_block();
    c.page_numbers();
    c.attachments();
    return c.take();
}

} // namespace gongwen
