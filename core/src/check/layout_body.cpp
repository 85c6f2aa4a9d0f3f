// gongwen check on the laid-out pages: the body (grid, headings at a page foot, signature and
// date, attachments), the 版记 and the page numbers.
#include "check/layout_rules.hpp"

#include "gongwen/i18n.hpp"
#include "check/text_rules.hpp"

#include <algorithm>
#include <cmath>

namespace gongwen::pdfcheck {

using i18n::_;
using i18n::P_;

namespace {

std::string head(const TextLine& l, std::size_t n = 12) {
    std::u32string t = l.text();
    return t.size() <= n ? to_utf8(t) : to_utf8(t.substr(0, n)) + "…";
}

std::string without_spaces(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != ' ') out += c;
    return out;
}

} // namespace

const TextLine* LayoutCheck::page_number_line(const Page& p) const {
    for (const auto& l : p.lines)
        if (l.box.y0 >= f_.bottom - 1 && check::text_matches("\\d", l.utf8())) return &l;
    return nullptr;
}

int LayoutCheck::edition_page() const {
    for (std::size_t i = pdf_.pages.size(); i-- > 0;)
        for (const TextLine* l : content(pdf_.pages[i]))
            if (check::text_matches("印发$", l->utf8())) return static_cast<int>(i) + 1;
    return 0;
}

// ---- the grid: nothing outside 28–184 mm, 28 characters a full line, 28.95 pt pitch -----------

void LayoutCheck::grid() {
    const std::string body = body_font();
    const double char_pitch = (f_.right - f_.left) / f_.chars_per_line;
    for (const auto& p : pdf_.pages) {
        int outside = 0, bad_lines = 0, bad_pitch = 0;
        std::string first_outside, first_line, first_pitch;
        std::vector<const TextLine*> lines = content(p);
        for (std::size_t li = 0; li < lines.size(); ++li) {
            const TextLine* l = lines[li];
            for (const auto& s : l->segments)
                for (const auto& g : s.glyphs) {
                    bool right = g.box.x1 > f_.right + 0.3, left = g.box.x0 < f_.left - 0.3;
                    if (!right && !left) continue;
                    if (outside++ == 0)
                        first_outside = i18n::format(right ? _("'{char}' ends at {x} mm in '{line}'") : _("'{char}' starts at {x} mm in '{line}'"),
                                                     {{"char", to_utf8(std::u32string(1, g.ch))}, {"x", mm(right ? g.box.x1 : g.box.x0)}, {"line", head(*l)}});
                }
            // A paragraph's full line in a size below 三号 (a body paragraph set to 12 pt, say) holds
            // more than 28 however its characters are spread. Only lines from the type area's left
            // edge: a table's cells start inside their borders, the 版记's lines are indented.
            if (l->size_pt < 16 - 0.6 && l->size_pt > 5 && l->font() == body && std::fabs(l->box.x0 - f_.left) <= 0.5 &&
                l->box.x1 >= f_.right - char_pitch) {
                // its characters in full-width slots: a digit or a Latin letter is half of one
                double slots = 0;
                for (char32_t c : l->text()) slots += is_full_width(c) ? 1 : 0.5;
                if (slots > f_.chars_per_line + 1 && bad_lines++ == 0)
                    first_line = i18n::format(_("'{line}' holds {n} characters of {size} pt"),
                                              {{"line", head(*l)}, {"n", static_cast<int>(std::lround(slots))}, {"size", mm(l->size_pt)}});
                continue;
            }
            // A full line of full-width 16 pt characters: its slots (indent + characters) are 28.
            if (std::fabs(l->size_pt - 16) > 0.6 || l->box.x1 < f_.right - char_pitch) continue;
            std::u32string text = l->text();
            if (!std::all_of(text.begin(), text.end(), is_full_width)) continue;
            double indent = (l->box.x0 - f_.left) / char_pitch;
            if (indent < -0.5 || indent > 2.5) continue;
            int slots = static_cast<int>(std::lround(indent)) + static_cast<int>(text.size());
            // 27 spread over the line is right when a character went down with the punctuation
            // that may not open a line (the next line's second character): 避头尾.
            // The next line may open the next page.
            const TextLine* following = li + 1 < lines.size() ? lines[li + 1] : nullptr;
            if (!following && &p != &pdf_.pages.back()) {
                std::vector<const TextLine*> next_page = content(*(&p + 1));
                if (!next_page.empty()) following = next_page.front();
            }
            if (slots == f_.chars_per_line - 1 && following) {
                std::u32string next = following->text();
                if (next.size() > 1 && std::u32string(U"，。、；：？！）》」』”’…").find(next[1]) != std::u32string::npos) continue;
            }
            if (slots != f_.chars_per_line && bad_lines++ == 0)
                first_line = i18n::format(std::lround(indent) ? _("'{line}' holds {n} characters (indent included)") : _("'{line}' holds {n} characters"),
                                          {{"line", head(*l)}, {"n", slots}});
        }
        // The pitch between consecutive body lines (the bottoms of their body-font glyphs). A line
        // that also holds Latin digits sits up to 0.75 pt lower in its line box (the office suite
        // aligns the two fonts' baselines), so one pitch may be off by that much; their mean is
        // the grid's pitch.
        double pitch_sum = 0;
        int pitch_count = 0;
        for (std::size_t i = 1; i < lines.size(); ++i) {
            const TextLine& a = *lines[i - 1];
            const TextLine& b = *lines[i];
            if (std::fabs(a.size_pt - 16) > 0.6 || std::fabs(b.size_pt - 16) > 0.6 || a.font() != body || b.font() != body) continue;
            double pitch = (b.bottom_in(body) - a.bottom_in(body)) / kMmPerPt;
            if (pitch < 0.5 * f_.pitch_pt || pitch > 1.5 * f_.pitch_pt) continue;
            pitch_sum += pitch;
            ++pitch_count;
            if (std::fabs(pitch - f_.pitch_pt) > f_.line_tolerance_pt && bad_pitch++ == 0)
                first_pitch = i18n::format(_("{pitch} pt between '{a}' and '{b}'"), {{"pitch", mm(pitch)}, {"a", head(a, 6)}, {"b", head(b, 6)}});
        }
        // A mean needs lines enough to say something (a short page holds two or three).
        if (pitch_count >= 5 && std::fabs(pitch_sum / pitch_count - f_.pitch_pt) > f_.pitch_tolerance_pt && bad_pitch++ == 0)
            first_pitch = i18n::format(_("a mean of {pitch} pt over {n} pitches"), {{"pitch", mm(pitch_sum / pitch_count)}, {"n", pitch_count}});
        if (outside)
            deviation("gbt-grid", p.number,
                      i18n::format(P_("{n} glyph outside the type area, first {first}; wants 28–184 mm (± 0.3, no hanging punctuation)",
                                      "{n} glyphs outside the type area, first {first}; wants 28–184 mm (± 0.3, no hanging punctuation)", outside),
                                   {{"n", outside}, {"first", first_outside}}));
        if (bad_lines)
            deviation("gbt-grid", p.number,
                      i18n::format(P_("{n} full line without 28 characters, first {first}; wants 28", "{n} full lines without 28 characters, first {first}; wants 28",
                                      bad_lines),
                                   {{"n", bad_lines}, {"first", first_line}}));
        if (bad_pitch)
            deviation("gbt-grid", p.number,
                      i18n::format(P_("{n} line pitch off, first {first}; wants 28.95 pt (22 lines a page): each ± 1, their mean ± 0.3",
                                      "{n} line pitches off, first {first}; wants 28.95 pt (22 lines a page): each ± 1, their mean ± 0.3", bad_pitch),
                                   {{"n", bad_pitch}, {"first", first_pitch}}));
    }
}

// ---- a heading as the last line of a page ------------------------------------------------------

void LayoutCheck::heading_keep() {
    for (std::size_t i = 0; i + 1 < pdf_.pages.size(); ++i) {
        std::vector<const TextLine*> lines = content(pdf_.pages[i]);
        if (lines.empty()) continue;
        const TextLine& last = *lines.back();
        std::string t = last.utf8();
        bool heading = check::text_matches("^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", t);
        // A run-in heading whose paragraph fills the line goes on with its text: not alone.
        if (heading && last.box.x1 < f_.right - f_.char3)
            deviation("gbt-heading-keep", pdf_.pages[i].number,
                      i18n::format(_("the heading '{heading}' is the last line of the page (its bottom at {y} mm); wants it kept with the next paragraph"),
                                   {{"heading", t}, {"y", mm(last.box.y1)}}));
    }
}

// ---- the signature (发文机关署名) and date (成文日期) -------------------------------------------

void LayoutCheck::signature() {
    for (const auto& p : pdf_.pages) {
        std::vector<const TextLine*> lines = content(p);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (!check::text_matches("^(19|20)\\d{2}年\\d{1,2}月\\d{1,2}日$", without_spaces(lines[i]->utf8()))) continue;
            const TextLine& date = *lines[i];
            if (i < 2) {
                deviation("gbt-signature", p.number,
                          i == 0 ? i18n::format(_("the 成文日期 '{date}' opens the page, apart from its signature; wants body text above them on the "
                                                  "same page (adjust spacing, not 此页无正文)"),
                                                {{"date", date.utf8()}})
                                 : std::string(_("the signature and 成文日期 stand alone on the page; wants body text above them on the same page "
                                                 "(adjust spacing, not 此页无正文)")));
                if (i == 0) return;
            }
            const TextLine& sig = *lines[i - 1];
            const double c = f_.char3;
            double sealed_edge = f_.right - date.box.x1;                  // wants 4 characters
            // wants 0 ± 1.5; a joint document's names share the line: the last is over the date
            double centre_off = sig.segments.back().box.centre_x() - date.box.centre_x();
            double sig_edge = f_.right - sig.box.x1;                      // unsealed: wants 2 characters
            double date_edge = f_.right - date.box.x1;                    // unsealed, long date: 2 characters
            double date_shift = date.box.x0 - sig.box.x0;                 // unsealed: wants 2 characters
            bool sealed = std::fabs(sealed_edge - 4 * c) <= f_.tolerance && std::fabs(centre_off) <= 1.5;
            bool unsealed = std::fabs(date_shift - 2 * c) <= f_.tolerance &&
                            (std::fabs(sig_edge - 2 * c) <= f_.tolerance || std::fabs(date_edge - 2 * c) <= f_.tolerance);
            if (sealed || unsealed) return;
            double sealed_miss = std::fabs(sealed_edge - 4 * c) + std::fabs(centre_off);
            double unsealed_miss = std::fabs(date_shift - 2 * c) + std::min(std::fabs(sig_edge - 2 * c), std::fabs(date_edge - 2 * c));
            deviation("gbt-signature", p.number,
                      i18n::format(_("the signature '{signature}' and date '{date}' fit neither layout (closest: {closest}): sealed — the date ends "
                                     "{sealed_edge} mm from 184 (wants 4 characters, {four} ± 1), the signature's centre is {centre_off} mm off the "
                                     "date's (wants ± 1.5); unsealed — the signature ends {sig_edge} mm from 184 (wants {two} ± 1), the date starts "
                                     "{shift} mm right of the signature (wants {two})"),
                                   {{"signature", sig.utf8()}, {"date", date.utf8()},
                                    {"closest", sealed_miss <= unsealed_miss ? _("sealed") : _("unsealed")},
                                    {"sealed_edge", mm(sealed_edge)}, {"four", mm(4 * c)}, {"centre_off", mm(centre_off)},
                                    {"sig_edge", mm(sig_edge)}, {"two", mm(2 * c)}, {"shift", mm(date_shift)}}));
            return;
        }
    }
    deviation("gbt-signature", 0, _("no 成文日期 found (a line like 2023年7月5日 alone under the signature)"));
}

// ---- the 版记: last page, even page count, rules at 262 mm and 28–184, indents ----------------

void LayoutCheck::edition_block() {
    const int P = edition_page();
    if (P == 0) return;  // no 印发 line (信函格式, or no 版记)
    const Page& page = pdf_.pages[static_cast<std::size_t>(P - 1)];
    const TextLine* cc = nullptr;
    const TextLine* issued = nullptr;
    for (const TextLine* l : content(page)) {
        if (!cc && l->utf8().rfind("抄送", 0) == 0) cc = l;
        if (check::text_matches("印发$", l->utf8())) issued = l;
    }
    const int N = static_cast<int>(pdf_.pages.size());
    if (P != N)
        deviation("gbt-edition-block", P, i18n::format(_("the 版记 is on page {page}; wants the last page ({last})"), {{"page", P}, {"last", N}}));
    if (N % 2)
        deviation("gbt-edition-block", N,
                  i18n::format(P_("the document has {n} page; wants an even count, the 版记 on an even page (封四)",
                                  "the document has {n} pages; wants an even count, the 版记 on an even page (封四)", static_cast<unsigned long>(N)),
                               {{"n", N}}));
    double top = issued->box.y0, bottom = issued->box.y1;
    if (cc) top = std::min(top, cc->box.y0), bottom = std::max(bottom, cc->box.y1);
    std::vector<const InkBand*> rules;
    for (const auto& r : page.dark_rules)
        if (r.y1 > top - 15 && r.y0 < bottom + 15) rules.push_back(&r);
    if (!page.rendered || rules.empty()) {
        deviation("gbt-edition-block", P, _("no black rules around the 版记 (lines at least 100 mm long)"));
    } else {
        const InkBand& last = *rules.back();
        if (std::fabs(last.y1 - f_.bottom) > f_.tolerance)
            deviation("gbt-edition-block", P,
                      i18n::format(_("the 版记's last rule ends {got} mm from the page top; wants the type area's bottom, {want} ± 1 mm"),
                                   {{"got", mm(last.y1)}, {"want", mm(f_.bottom)}}));
        for (const InkBand* r : rules)
            if (std::fabs(r->x0 - f_.left) > f_.tolerance || std::fabs(r->x1 - f_.right) > f_.tolerance)
                deviation("gbt-edition-block", P,
                          i18n::format(_("the 版记 rule at {y} mm spans {from}–{to} mm; wants 28–184 ± 1 mm"),
                                       {{"y", mm(r->y0)}, {"from", mm(r->x0)}, {"to", mm(r->x1)}}));
    }
    const double in_left = f_.left + f_.char4, in_right = f_.right - f_.char4;
    if (cc && std::fabs(cc->box.x0 - in_left) > f_.tolerance)
        deviation("gbt-edition-block", P,
                  i18n::format(_("抄送 starts at {got} mm; wants 1 character (4号) in, {want} ± 1 mm"), {{"got", mm(cc->box.x0)}, {"want", mm(in_left)}}));
    if (std::fabs(issued->segments.front().box.x0 - in_left) > f_.tolerance)
        deviation("gbt-edition-block", P,
                  i18n::format(_("the 印发机关 starts at {got} mm; wants 1 character in, {want} ± 1 mm"),
                               {{"got", mm(issued->segments.front().box.x0)}, {"want", mm(in_left)}}));
    if (std::fabs(issued->segments.back().box.x1 - in_right) > f_.tolerance)
        deviation("gbt-edition-block", P,
                  i18n::format(_("the 印发日期 ends at {got} mm; wants 1 character in from 184, {want} ± 1 mm"),
                               {{"got", mm(issued->segments.back().box.x1)}, {"want", mm(in_right)}}));
}

// ---- page numbers: — N —, 7 mm under the type area, odd right, even left, consecutive ----------

void LayoutCheck::page_numbers() {
    const int P = edition_page();
    const bool blank_before = P > 1 && content(pdf_.pages[static_cast<std::size_t>(P - 2)]).empty();
    for (const auto& p : pdf_.pages) {
        const TextLine* pn = page_number_line(p);
        // §7.5: after a blank page, neither it nor the 版记 page is numbered; page 1 of a letter neither.
        bool letter_first = options_.letter_format && p.number == 1;
        if ((blank_before && (p.number == P || p.number == P - 1)) || letter_first) {
            if (pn)
                deviation("gbt-page-number", p.number,
                          i18n::format(letter_first ? _("the page carries a number ('{number}'); wants none on page 1 of a letter (信函格式)")
                                                    : _("the page carries a number ('{number}'); wants none on the blank page before the 版记 nor on the 版记 page"),
                                       {{"number", pn->utf8()}}));
            continue;
        }
        if (!pn) {
            deviation("gbt-page-number", p.number, i18n::format(_("no page number under the type area; wants '— {page} —'"), {{"page", p.number}}));
            continue;
        }
        std::string t = without_spaces(pn->utf8());
        if (!check::text_matches("^[—―]\\d+[—―]$", t))
            deviation("gbt-page-number", p.number, i18n::format(_("the page number reads '{number}'; wants '— N —' (em dashes)"), {{"number", pn->utf8()}}));
        std::string digits;
        for (char ch : t)
            if (ch >= '0' && ch <= '9') digits += ch;
        if (!digits.empty() && std::stoi(digits.substr(0, 6)) != p.number)
            deviation("gbt-page-number", p.number, i18n::format(_("the page is numbered {got}; wants {want} (consecutive)"), {{"got", digits}, {"want", p.number}}));
        if (std::fabs(pn->box.y0 - (f_.bottom + 7)) > 2)
            deviation("gbt-page-number", p.number,
                      i18n::format(_("the page number's top is {got} mm from the page top; wants about {want} ± 2 mm (7 mm under the type area)"),
                                   {{"got", mm(pn->box.y0)}, {"want", mm(f_.bottom + 7)}}));
        bool odd = p.number % 2 == 1;
        double got = odd ? pn->box.x1 : pn->box.x0, want = odd ? f_.right - f_.char4 : f_.left + f_.char4;
        if (std::fabs(got - want) > f_.tolerance)
            deviation("gbt-page-number", p.number,
                      i18n::format(odd ? _("the page number ends at {got} mm; wants odd pages right, 1 character (4号) in: {want} ± 1 mm")
                                       : _("the page number starts at {got} mm; wants even pages left, 1 character (4号) in: {want} ± 1 mm"),
                                   {{"got", mm(got)}, {"want", mm(want)}}));
    }
}

// ---- attachments: 附件N top left of the page that starts one; the 附件说明 lists them -------------

void LayoutCheck::attachments() {
    int marks = 0;
    for (const auto& p : pdf_.pages) {
        std::vector<const TextLine*> lines = content(p);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const TextLine& l = *lines[i];
            if (!check::text_matches("^附件\\d*$", without_spaces(l.utf8()))) continue;
            ++marks;
            if (i != 0 || l.box.y0 > f_.top + f_.pitch_pt * kMmPerPt)
                deviation("gbt-attachment", p.number,
                          i18n::format(_("'{line}' is not on the page's first line (its top at {y} mm); wants each attachment to start a page with 附件N top left"),
                                       {{"line", l.utf8()}, {"y", mm(l.box.y0)}}));
            if (std::fabs(l.box.x0 - f_.left) > f_.tolerance)
                deviation("gbt-attachment", p.number, i18n::format(_("'{line}' starts at {x} mm; wants flush left, 28 ± 1 mm"), {{"line", l.utf8()}, {"x", mm(l.box.x0)}}));
        }
    }
    // The 附件说明: 附件：first item, then items aligned under it.
    for (const auto& p : pdf_.pages) {
        std::vector<const TextLine*> lines = content(p);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            std::u32string t = lines[i]->text();
            if (t.rfind(U"附件：", 0) != 0 || t.size() < 4) continue;
            const Glyph& first = lines[i]->segments.front().glyphs.size() > 3 ? lines[i]->segments.front().glyphs[3] : lines[i]->segments.front().glyphs.back();
            bool numbered = check::text_matches("^[0-9]+[.．]", to_utf8(t.substr(3)));
            int items = 1;
            for (std::size_t k = i + 1; k < lines.size() && std::fabs(lines[k]->box.x0 - first.box.x0) < f_.tolerance; ++k)
                if (check::text_matches("^[0-9]+[.．]", lines[k]->utf8())) ++items;
            if (numbered && items == 1)
                deviation("gbt-attachment", p.number,
                          i18n::format(_("the 附件说明 numbers its only attachment ('{item}'); wants no number for one"), {{"item", to_utf8(t.substr(3))}}));
            if (!numbered && items > 1)
                deviation("gbt-attachment", p.number,
                          i18n::format(_("the 附件说明 lists {n} attachments, the first without '1.'; wants them numbered"), {{"n", items}}));
            if (items != marks)
                deviation("gbt-attachment", p.number,
                          i18n::format(P_("the 附件说明 lists {n} attachment; {marks} page(s) start with 附件 or 附件N top left; wants one for each",
                                          "the 附件说明 lists {n} attachments; {marks} page(s) start with 附件 or 附件N top left; wants one for each",
                                          static_cast<unsigned long>(items)),
                                       {{"n", items}, {"marks", marks}}));
            return;
        }
    }
}

} // namespace gongwen::pdfcheck
