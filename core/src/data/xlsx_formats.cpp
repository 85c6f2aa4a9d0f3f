// How an XLSX cell's number is shown (xlsx_formats.hpp).
#include "data/xlsx_formats.hpp"

#include "gongwen/calendar.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <string>

namespace gongwen::detail::xlsx {

namespace {

std::string two(long long v) { return (v < 10 ? "0" : "") + std::to_string(v); }

} // namespace

// Builtin formats: 14-22 and 45-47 everywhere; 27-36 and 50-58 are the East Asian date and
// time formats (yyyy"年"m"月"d"日", h"时"mm"分" ...) Excel uses in a Chinese locale.
Shown builtin_format(int id) {
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58)
        return Shown::date;
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || id == 45 || id == 47 || id == 55 || id == 56)
        return Shown::time;
    if (id == 46) return Shown::elapsed;
    if (id == 22) return Shown::datetime;
    return Shown::number;
}

// A custom format code shows a date or time when y/m/d/h/s appear as codes: not inside quotes,
// not escaped (\x, _x, *x), not in [colour] or [$-804] brackets, not part of AM/PM. Only the
// first section counts (the one positive numbers use).
Shown custom_format(std::string_view code) {
    bool y = false, m = false, d = false, h = false, s = false, elapsed = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        char c = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
        if (c == ';') break;
        if (c == '"') {
            i = std::min(code.find('"', i + 1), code.size());
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;
        } else if (c == '[') {
            std::size_t end = std::min(code.find(']', i), code.size());
            std::string_view in = code.substr(i + 1, end - i - 1);
            // [h], [mm], [ss]: elapsed time, which may pass 24 hours.
            if (!in.empty() && std::all_of(in.begin(), in.end(), [&](char x) { return std::tolower(x) == std::tolower(in[0]); }) &&
                std::strchr("hHmMsS", in[0]))
                elapsed = true;
            i = end;
        } else if (code.compare(i, 5, "AM/PM") == 0 || code.compare(i, 5, "am/pm") == 0) {
            i += 4;
        } else if (code.compare(i, 3, "A/P") == 0 || code.compare(i, 3, "a/p") == 0) {
            i += 2;
        } else {
            y |= c == 'y', m |= c == 'm', d |= c == 'd', h |= c == 'h', s |= c == 's';
        }
    }
    bool date = y || d || (m && !h && !s);  // a lone "m" is a month; beside h or s it is minutes
    bool time = h || s || elapsed;
    if (elapsed && !date) return Shown::elapsed;
    return date && time ? Shown::datetime : date ? Shown::date : time ? Shown::time : Shown::number;
}

std::optional<nlohmann::json> serial_to_iso(double v, Shown shown, bool date1904) {
    calendar::ExcelDate at = calendar::from_excel_serial(v, date1904 ? calendar::ExcelEpoch::e1904 : calendar::ExcelEpoch::e1900);
    std::int64_t secs = at.days * 86400 + at.seconds;
    std::string time = two(at.seconds / 3600) + ":" + two(at.seconds / 60 % 60) + ":" + two(at.seconds % 60);
    if (shown == Shown::time) return time;
    if (shown == Shown::elapsed) return two(secs / 3600) + ":" + two(secs / 60 % 60) + ":" + two(secs % 60);
    if (at.kind == calendar::ExcelDate::out_of_range) return std::nullopt;
    std::string date = at.kind == calendar::ExcelDate::phantom_leap_day
                           ? "1900-02-29"
                           : std::to_string(at.when.y) + "-" + two(at.when.m) + "-" + two(at.when.d);
    return nlohmann::json(shown == Shown::date ? date : date + "T" + time);
}

} // namespace gongwen::detail::xlsx
