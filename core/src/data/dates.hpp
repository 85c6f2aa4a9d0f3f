// Dates as people and spreadsheets write them: the one parser (gongwen/calendar.hpp) with what
// is wrong with a date that is none said in the user's language, for the data check and the
// date formatters.
#pragma once

#include "gongwen/calendar.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gongwen::detail {

using calendar::CivilDate;
using calendar::days_in_month;

/// calendar::parse_date; when the text has a date's shape but names no day ("2024-04-31"),
/// `why` (if given) says why: "April has only 30 days".
std::optional<CivilDate> parse_civil_date(std::string_view s, std::string* why = nullptr);

} // namespace gongwen::detail
