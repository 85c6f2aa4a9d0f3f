// What the built-in formatters share: numbers read from values, errors, ICU text, and the
// pieces each group of formatters (numbers, dates, titles) offers the registry.
#pragma once

#include "gongwen/calendar.hpp"
#include "gongwen/formatters.hpp"

#include <unicode/unistr.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace gongwen::formatters {

using json = nlohmann::json;
using Args = std::vector<std::string>;

/// UTF-8 of an ICU string.
std::string to_utf8(const icu::UnicodeString& u);

/// A value as shown in error messages: `"abc"`, `3.5`, `null`; long ones cut at 60 bytes.
std::string describe(const json& v);

/// Throws `name: expected <expected>, got <value>`.
[[noreturn]] void fail(const std::string& name, const std::string& expected, const json& v);

/// A parsed number; `i` is set when it is an exact 64-bit integer.
struct Number {
    double d = 0;
    std::optional<int64_t> i;
};

/// The number in a JSON number or a numeric string; nothing for anything else.
std::optional<Number> to_number(const json& v);

/// A non-negative integer (3, 3.0 or "3"); throws FormatError otherwise.
int64_t require_count(const std::string& name, const json& v);

/// `n` spelled with a rule set of ICU's Chinese spell-out rules (one formatter per thread).
std::string spell(const std::string& name, int64_t n, const char16_t* ruleset);

/// Formats a number value with fixed decimals (percent: ×100 with "%"); throws FormatError on a
/// non-number.
json format_decimal(const std::string& name, bool percent, const json& v, const Args& a);

// ---- dates (dates.cpp)

using Ymd = calendar::CivilDate;

/// A date in text, by the one date parser (data/dates.hpp): what it says is wrong with an
/// impossible date goes to `why`.
std::optional<Ymd> parse_date_text(std::string_view s, std::string* why = nullptr);

/// The date in a date string, an Excel serial number or numeric string; throws FormatError.
Ymd require_date(const std::string& name, const json& v);

/// Formats `d` with a SimpleDateFormat pattern; on failure returns nothing and sets `error`.
std::optional<std::string> format_date(const Ymd& d, const std::string& pattern, std::string& error);

// ---- titles (title_lines.cpp)

/// `title` in the fewest lines of at most `max_chars` characters, joined with "\n"; see
/// `title_lines` in the README.
std::string title_lines(const std::string& title, int max_chars);

} // namespace gongwen::formatters
