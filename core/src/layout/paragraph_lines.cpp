// The paragraphs of a DOCX as the page follower measures them (paragraph_lines.hpp).
#include "layout/paragraph_lines.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>
#include <vector>

namespace gongwen::layout {

namespace {

constexpr double kAutoSpaceEm = 0.22;  // between CJK and Latin text (LibreOffice's PDF: 3.5 pt at 16 pt)

bool on(pugi::xml_node flag) {
    if (!flag) return false;
    std::string v = flag.attribute("w:val").value();
    return v.empty() || v == "1" || v == "true" || v == "on";
}

// Advance of a character in ems: full width for CJK, Liberation Serif's widths for Latin.
double em_width(UChar32 c) {
    int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    if (ea == U_EA_FULLWIDTH || ea == U_EA_WIDE) return 1.0;
    if (c == ' ') return 0.25;
    if (c >= '0' && c <= '9') return 0.5;
    if (c >= 'A' && c <= 'Z') return 0.68;
    if (c >= 'a' && c <= 'z') return 0.46;
    if (c == '.' || c == ',' || c == ':' || c == ';') return 0.25;
    if (c == '(' || c == ')' || c == '-') return 0.33;
    if (c == 0x2014 || c == 0x2026 || c == 0x201C || c == 0x201D) return 1.0;  // — … “ ”: full width in CJK text
    return 0.5;
}

} // namespace

double num(pugi::xml_node n, const char* attribute, double fallback) {
    pugi::xml_attribute a = n.attribute(attribute);
    return a ? a.as_double() : fallback;
}

void apply_ppr(pugi::xml_node ppr, ParagraphProps& p) {
    if (!ppr) return;
    if (auto s = ppr.child("w:spacing")) {
        if (s.attribute("w:before")) p.before_pt = num(s, "w:before") * kTwip;
        if (s.attribute("w:after")) p.after_pt = num(s, "w:after") * kTwip;
        if (s.attribute("w:line")) {
            std::string rule = s.attribute("w:lineRule").value();
            p.line_exact = rule == "exact";
            p.line_pt = rule == "exact" || rule == "atLeast" ? num(s, "w:line") * kTwip : 0;
        }
    }
    if (auto i = ppr.child("w:ind")) {
        if (i.attribute("w:left")) p.left_pt = num(i, "w:left") * kTwip;
        if (i.attribute("w:start")) p.left_pt = num(i, "w:start") * kTwip;
        if (i.attribute("w:right")) p.right_pt = num(i, "w:right") * kTwip;
        if (i.attribute("w:end")) p.right_pt = num(i, "w:end") * kTwip;
        if (i.attribute("w:firstLine")) p.first_pt = num(i, "w:firstLine") * kTwip;
        if (i.attribute("w:hanging")) p.first_pt = -num(i, "w:hanging") * kTwip;
    }
    if (auto k = ppr.child("w:keepNext")) p.keep_next = on(k);
    if (auto b = ppr.child("w:pageBreakBefore")) p.page_break_before = on(b);
    if (auto w = ppr.child("w:widowControl")) p.widow_control = on(w);
}

void apply_rpr(pugi::xml_node rpr, ParagraphProps& p) {
    if (!rpr) return;
    if (auto sz = rpr.child("w:sz")) p.font_pt = num(sz, "w:val", 20) / 2;
    if (auto sp = rpr.child("w:spacing")) p.letter_pt = num(sp, "w:val") * kTwip;
}

ParagraphProps Styles::paragraph(const std::string& style_id) const {
    ParagraphProps p;
    p.font_pt = 10;
    pugi::xml_node defaults = root_.child("w:docDefaults");
    apply_ppr(defaults.child("w:pPrDefault").child("w:pPr"), p);
    apply_rpr(defaults.child("w:rPrDefault").child("w:rPr"), p);
    std::string id = style_id;
    if (id.empty()) {
        pugi::xml_node normal = root_.find_child_by_attribute("w:style", "w:default", "1");
        id = normal.attribute("w:styleId").value();
    }
    std::vector<pugi::xml_node> chain;
    for (int guard = 0; !id.empty() && guard < 20; ++guard) {
        pugi::xml_node s = root_.find_child_by_attribute("w:style", "w:styleId", id.c_str());
        if (!s) break;
        chain.push_back(s);
        id = s.child("w:basedOn").attribute("w:val").value();
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        apply_ppr(it->child("w:pPr"), p);
        apply_rpr(it->child("w:rPr"), p);
    }
    return p;
}

pugi::xml_node Styles::table_borders(const std::string& style_id) const {
    return root_.find_child_by_attribute("w:style", "w:styleId", style_id.c_str()).child("w:tblPr").child("w:tblBorders");
}

std::pair<double, double> Styles::cell_margins(const std::string& style_id) const {
    pugi::xml_node mar = root_.find_child_by_attribute("w:style", "w:styleId", style_id.c_str()).child("w:tblPr").child("w:tblCellMar");
    if (!mar) return {0, 108 * 2 * kTwip};
    return {(num(mar.child("w:top"), "w:w") + num(mar.child("w:bottom"), "w:w")) * kTwip,
            (num(mar.child("w:left"), "w:w") + num(mar.child("w:right"), "w:w")) * kTwip};
}

int count_lines(const std::string& utf8, const ParagraphProps& p, double width_pt) {
    if (utf8.empty()) return 1;
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
    UErrorCode status = U_ZERO_ERROR;
    static thread_local std::unique_ptr<icu::BreakIterator> breaker(icu::BreakIterator::createLineInstance(icu::Locale("zh"), status));
    if (!breaker) return 1;
    int lines = 0;
    // Hard line breaks (\n from w:br) split the paragraph first.
    int32_t start = 0;
    while (start <= text.length()) {
        int32_t end = text.indexOf(u'\n', start);
        if (end < 0) end = text.length();
        icu::UnicodeString piece(text, start, end - start);
        breaker->setText(piece);
        double used = 0, avail = width_pt - (lines == 0 ? p.first_pt : 0);
        ++lines;
        int previous_kind = 0;  // 1: CJK, 2: Latin letter or digit — the space office suites put between
        int32_t from = breaker->first();
        for (int32_t to = breaker->next(); to != icu::BreakIterator::DONE; from = to, to = breaker->next()) {
            double seg = 0, seg_visible = 0;
            for (int32_t i = from; i < to;) {
                UChar32 c = piece.char32At(i);
                double w = em_width(c) * p.font_pt + p.letter_pt;
                int kind = em_width(c) == 1.0 ? 1 : (u_isalnum(c) ? 2 : 0);
                if (kind && previous_kind && kind != previous_kind) w += kAutoSpaceEm * p.font_pt;
                previous_kind = kind;
                seg += w;
                if (!u_isWhitespace(c)) seg_visible = seg;
                i += U16_LENGTH(c);
            }
            if (used + seg_visible <= avail + 0.01 || used == 0) {
                used += seg;
                // A segment longer than a whole line breaks anywhere.
                while (used > avail + 0.01 && seg_visible > avail) {
                    ++lines;
                    used -= avail;
                    avail = width_pt;
                }
            } else {
                ++lines;
                avail = width_pt;
                used = seg;
            }
        }
        start = end + 1;
        if (end == text.length()) break;
    }
    return lines;
}

} // namespace gongwen::layout
