// Dates as people and spreadsheets write them: the one parser of the data check and the
// date formatters.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gongwen::detail {

struct CivilDate {
    int y = 0, m = 0, d = 0, hh = 0, mi = 0, ss = 0;
};

/// Days of month `m` (1-12) of year `y`, leap years counted.
int days_in_month(int y, int m);

/// Parses "YYYY-MM-DD[Thh:mm[:ss[.fff]][Z|±hh:mm]]" (or a space for the T), "YYYY/MM/DD",
/// "YYYY.MM.DD" or "YYYY年M月D日", ASCII whitespace around it ignored, into a date that exists.
/// A zone suffix is ignored: the wall-clock date as written is kept. Nothing when it is not
/// one; when the text has a date's shape but names no day ("2024-04-31"), `why` (if given)
/// says why: "April has only 30 days".
std::optional<CivilDate> parse_civil_date(std::string_view s, std::string* why = nullptr);

} // namespace gongwen::detail
