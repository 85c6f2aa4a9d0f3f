// Text columns for the terminal: widths by display columns (a CJK character takes two).
#pragma once

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <string>
#include <vector>

namespace gongwen::cli {

/// Terminal columns of UTF-8 text: East Asian wide and fullwidth characters take two
/// (UCHAR_EAST_ASIAN_WIDTH), combining marks none, the rest one.
inline int display_width(const std::string& s) {
    int width = 0;
    for (int32_t i = 0, n = static_cast<int32_t>(s.size()); i < n;) {
        UChar32 c;
        U8_NEXT(s.data(), i, n, c);
        if (c < 0) { ++width; continue; }  // a broken byte shows as one replacement character
        if (u_getCombiningClass(c) > 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
        int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        width += ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
    }
    return width;
}

/// Rows of cells printed with every column padded to its widest cell, two spaces apart. The last
/// cell of a row is not padded and does not widen its column (a row of one cell is a note).
inline std::string format_columns(const std::vector<std::vector<std::string>>& rows, const std::string& indent = "") {
    std::vector<int> widths;
    for (const auto& r : rows)
        for (std::size_t c = 0; c + 1 < r.size(); ++c) {
            if (widths.size() <= c) widths.resize(c + 1, 0);
            widths[c] = std::max(widths[c], display_width(r[c]));
        }
    std::string out;
    for (const auto& r : rows) {
        std::string line = indent;
        for (std::size_t c = 0; c < r.size(); ++c) {
            line += r[c];
            if (c + 1 < r.size()) line += std::string(static_cast<std::size_t>(widths[c] - display_width(r[c]) + 2), ' ');
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    return out;
}

} // namespace gongwen::cli
