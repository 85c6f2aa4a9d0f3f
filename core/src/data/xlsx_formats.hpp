// How an XLSX cell's number is shown: the number formats that make it a date or a time, and a
// serial date as ISO 8601 in the workbook's date system (xlsx_reader.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace gongwen::detail::xlsx {

enum class Shown { number, date, time, elapsed, datetime };

/// Builtin formats: 14-22 and 45-47 everywhere; 27-36 and 50-58 are the East Asian date and
/// time formats (yyyy"年"m"月"d"日", h"时"mm"分" ...) Excel uses in a Chinese locale.
Shown builtin_format(int id);

/// A custom format code shows a date or time when y/m/d/h/s appear as codes: not inside quotes,
/// not escaped (\x, _x, *x), not in [colour] or [$-804] brackets, not part of AM/PM. Only the
/// first section counts (the one positive numbers use).
Shown custom_format(std::string_view code);

/// A serial date (days since the epoch, the fraction the time of day) as ISO 8601, in the
/// workbook's date system (calendar::from_excel_serial). The 1900 system's serial 60 is shown as
/// Excel shows it, 1900-02-29, a date the data check then names as one that does not exist.
/// Nothing for a date past 9999-12-31, which Excel shows as ####.
std::optional<nlohmann::json> serial_to_iso(double v, Shown shown, bool date1904);

} // namespace gongwen::detail::xlsx
