// The page model of the layout check (check/pdf_pages.hpp): what the core and the PDF reader
// module both use.
#include "check/pdf_pages.hpp"

#include <map>

namespace gongwen::pdfcheck {

std::u32string TextLine::text() const {
    std::u32string t;
    for (const auto& s : segments) t += s.text;
    return t;
}

std::string TextLine::utf8() const { return to_utf8(text()); }

std::size_t TextLine::glyph_count() const {
    std::size_t n = 0;
    for (const auto& s : segments) n += s.glyphs.size();
    return n;
}

double TextLine::bottom_in(const std::string& font) const {
    double bottom = -1;
    for (const auto& s : segments)
        for (const auto& g : s.glyphs)
            if (g.font == font) bottom = std::max(bottom, g.box.y1);
    return bottom < 0 ? box.y1 : bottom;
}

std::string TextLine::font() const {
    std::map<std::string, std::size_t> count;
    for (const auto& s : segments)
        for (const auto& g : s.glyphs) ++count[g.font];
    std::string best;
    std::size_t most = 0;
    for (const auto& [f, n] : count)
        if (n > most) best = f, most = n;
    return best;
}

std::string to_utf8(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

bool is_full_width(char32_t c) {
    return (c >= 0x3000 && c <= 0x303F) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF01 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
           c == 0x2014 || c == 0x2026 || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019;
}

} // namespace gongwen::pdfcheck
