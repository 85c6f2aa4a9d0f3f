// Small text helpers shared by the engine, the add-in and the plugin SDK (header-only).
#pragma once

#include <string_view>

namespace gongwen::text {

/// The ASCII blanks around values in data files and forms: space, tab, CR, LF.
inline bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// `s` without leading and trailing ASCII blanks (is_blank).
inline std::string_view trim(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

} // namespace gongwen::text
