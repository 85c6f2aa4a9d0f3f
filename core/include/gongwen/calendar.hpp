// Dates, once for the engine and the plugin SDK (header-only, no dependencies): days since
// 1970-01-01 and back, the one parser of dates as people and spreadsheets write them, and Excel's
// serial dates in both of its date systems.
#pragma once

#include "gongwen/text.hpp"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>

namespace gongwen::calendar {

/// A proleptic Gregorian date, with a time of day.
struct CivilDate {
    int y = 0, m = 0, d = 0, hh = 0, mi = 0, ss = 0;
};

inline bool is_leap_year(long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/// Days of month `m` (1-12) of year `y`.
inline int days_in_month(long long y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap_year(y) ? 29 : days[m - 1];
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
inline std::int64_t days_from_civil(std::int64_t y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/// The date `days` after 1970-01-01 (time of day 0).
inline CivilDate civil_from_days(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    CivilDate r;
    r.d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    r.m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    r.y = static_cast<int>(yoe + era * 400 + (r.m <= 2));
    return r;
}

// ---- the parser

/// How a date was written.
enum class DateForm { iso, iso_with_time, slash, dot, chinese };

/// What is wrong with text that has a date's shape but names no moment.
struct DateProblem {
    enum Kind { none, time_of_day, year_zero, month, day_zero, day } kind = none;
    int year = 0, month_number = 0;  ///< for `month` and `day`
};

/// Parses "YYYY-MM-DD[Thh:mm[:ss[.fff]][Z|±hh:mm]]" (or a space for the T), "YYYY/MM/DD",
/// "YYYY.MM.DD" or "YYYY年M月D日", ASCII whitespace around it ignored, into a date that exists.
/// A zone suffix is ignored: the wall-clock date as written is kept. Nothing when it is not one;
/// `problem` (if given) says why when the text has a date's shape ("2024-04-31": day), and
/// `form` how it was written.
inline std::optional<CivilDate> parse_date(std::string_view s, DateProblem* problem = nullptr, DateForm* form = nullptr) {
    auto read_int = [&s](std::size_t min, std::size_t max, int& out) {
        std::size_t n = 0;
        out = 0;
        while (n < s.size() && n < max && s[n] >= '0' && s[n] <= '9') out = out * 10 + (s[n++] - '0');
        s.remove_prefix(n);
        return n >= min;
    };
    auto eat = [&s](std::string_view lit) {
        if (s.substr(0, lit.size()) != lit) return false;
        s.remove_prefix(lit.size());
        return true;
    };
    s = text::trim(s);
    auto fail = [problem](DateProblem::Kind kind, int year = 0, int month = 0) {
        if (problem) *problem = DateProblem{kind, year, month};
        return std::optional<CivilDate>();
    };
    CivilDate r;
    DateForm how = DateForm::chinese;
    if (!read_int(4, 4, r.y)) return std::nullopt;
    if (eat("年")) {
        if (!read_int(1, 2, r.m) || !eat("月") || !read_int(1, 2, r.d) || !eat("日")) return std::nullopt;
    } else {
        std::string_view sep = s.substr(0, 1);
        if ((sep != "-" && sep != "/" && sep != ".") || !eat(sep) || !read_int(1, 2, r.m) || !eat(sep) || !read_int(1, 2, r.d))
            return std::nullopt;
        how = sep == "-" ? DateForm::iso : sep == "/" ? DateForm::slash : DateForm::dot;
        if (sep == "-" && (eat("T") || eat(" "))) {
            how = DateForm::iso_with_time;
            if (!read_int(2, 2, r.hh) || !eat(":") || !read_int(2, 2, r.mi)) return std::nullopt;
            if (eat(":") && !read_int(2, 2, r.ss)) return std::nullopt;
            int frac = 0, zh = 0, zm = 0;
            if (eat(".") && !read_int(1, 9, frac)) return std::nullopt;
            bool offset = eat("+") || eat("-");
            if (offset && (!read_int(2, 2, zh) || !eat(":") || !read_int(2, 2, zm))) return std::nullopt;
            if (!offset) eat("Z");
            if (!s.empty()) return std::nullopt;
            if (r.hh > 23 || r.mi > 59 || r.ss > 59 || zh > 23 || zm > 59) return fail(DateProblem::time_of_day);
        }
    }
    if (!s.empty()) return std::nullopt;
    if (r.y < 1) return fail(DateProblem::year_zero);
    if (r.m < 1 || r.m > 12) return fail(DateProblem::month, r.y, r.m);
    if (r.d < 1) return fail(DateProblem::day_zero);
    if (r.d > days_in_month(r.y, r.m)) return fail(DateProblem::day, r.y, r.m);
    if (form) *form = how;
    return r;
}

// ---- Excel's serial dates

/// Excel's two date systems: 1900 (serial 1 is 1900-01-01, and serial 60 the 1900-02-29 that
/// Lotus 1-2-3 counted and Excel keeps), and 1904 (serial 0 is 1904-01-01; a workbook says so
/// with <workbookPr date1904="1"/>).
enum class ExcelEpoch { e1900, e1904 };

/// What an Excel serial is.
struct ExcelDate {
    enum Kind { date, phantom_leap_day, out_of_range } kind = out_of_range;
    CivilDate when;        ///< for `date`: the day and the time of day, to the nearest second
    std::int64_t days = 0; ///< whole days of the serial (the time of day rounded into them)
    long seconds = 0;      ///< the time of day in seconds
};

/// The moment an Excel serial stands for: its whole days the date, its fraction the time of day
/// (rounded to the second). In the 1900 system serial 60 is the day that does not exist
/// (`phantom_leap_day`), and serials from 1 to 59 lie one day before the epoch the others
/// follow (1899-12-30); serial 0 is 1899-12-31 (Excel's "1900-01-00"). Serials before the
/// epoch and past 9999-12-31 are `out_of_range`.
inline ExcelDate from_excel_serial(double serial, ExcelEpoch epoch = ExcelEpoch::e1900) {
    ExcelDate r;
    if (!(serial >= 0 && serial < 2958466)) return r;
    const auto secs = static_cast<std::int64_t>(std::llround(serial * 86400.0));
    r.days = secs / 86400;
    r.seconds = static_cast<long>(secs % 86400);
    std::int64_t from_1970 = 0;
    if (epoch == ExcelEpoch::e1904) {
        from_1970 = r.days - 24107;  // 1970-01-01 is 1904 serial 24107
    } else if (r.days == 60) {
        r.kind = ExcelDate::phantom_leap_day;
        return r;
    } else {
        from_1970 = r.days < 60 ? r.days - 25568 : r.days - 25569;  // 1970-01-01 is 1900 serial 25569
    }
    if (from_1970 > days_from_civil(9999, 12, 31)) return r;
    r.when = civil_from_days(from_1970);
    r.when.hh = static_cast<int>(r.seconds / 3600), r.when.mi = static_cast<int>(r.seconds / 60 % 60),
    r.when.ss = static_cast<int>(r.seconds % 60);
    r.kind = ExcelDate::date;
    return r;
}

} // namespace gongwen::calendar
