#include "data/dates.hpp"

#include "gongwen/i18n.hpp"

namespace gongwen::detail {

namespace {

using i18n::_;
using i18n::N_;

/// Reads min..max ASCII digits from the front of `s`.
bool read_int(std::string_view& s, size_t min, size_t max, int& out) {
    size_t n = 0;
    out = 0;
    while (n < s.size() && n < max && s[n] >= '0' && s[n] <= '9') out = out * 10 + (s[n++] - '0');
    s.remove_prefix(n);
    return n >= min;
}

/// Removes `lit` from the front of `s` if it is there.
bool eat(std::string_view& s, std::string_view lit) {
    if (s.substr(0, lit.size()) != lit) return false;
    s.remove_prefix(lit.size());
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

} // namespace

int days_in_month(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

std::optional<CivilDate> parse_civil_date(std::string_view s, std::string* why) {
    CivilDate r;
    std::string_view text = s = trim(s);
    if (!read_int(s, 4, 4, r.y)) return std::nullopt;
    if (eat(s, "年")) {
        if (!read_int(s, 1, 2, r.m) || !eat(s, "月") || !read_int(s, 1, 2, r.d) || !eat(s, "日")) return std::nullopt;
    } else {
        std::string_view sep = s.substr(0, 1);
        if ((sep != "-" && sep != "/" && sep != ".") || !eat(s, sep) || !read_int(s, 1, 2, r.m) || !eat(s, sep) ||
            !read_int(s, 1, 2, r.d))
            return std::nullopt;
        if (sep == "-" && (eat(s, "T") || eat(s, " "))) {
            if (!read_int(s, 2, 2, r.hh) || !eat(s, ":") || !read_int(s, 2, 2, r.mi)) return std::nullopt;
            if (eat(s, ":") && !read_int(s, 2, 2, r.ss)) return std::nullopt;
            int frac = 0, zh = 0, zm = 0;
            if (eat(s, ".") && !read_int(s, 1, 9, frac)) return std::nullopt;
            bool offset = eat(s, "+") || eat(s, "-");
            if (offset && (!read_int(s, 2, 2, zh) || !eat(s, ":") || !read_int(s, 2, 2, zm))) return std::nullopt;
            if (!offset) eat(s, "Z");
            if (!s.empty()) return std::nullopt;
            if (r.hh > 23 || r.mi > 59 || r.ss > 59 || zh > 23 || zm > 59) {
                if (why) *why = i18n::format(_("{date} is not a valid time of day"), {{"date", text}});
                return std::nullopt;
            }
        }
    }
    if (!s.empty()) return std::nullopt;
    // The shape of a date: say what is wrong with it.
    // TRANSLATORS: a month in "{date} is not a valid date: {month} has only {days} days"
    static const char* const months[] = {N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
                                         N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December")};
    if (r.y < 1) {
        if (why) *why = i18n::format(_("{date} is not a valid date: there is no year 0"), {{"date", text}});
        return std::nullopt;
    }
    if (r.m < 1 || r.m > 12) {
        if (why) *why = i18n::format(_("{date} is not a valid date: there is no month {month}"), {{"date", text}, {"month", r.m}});
        return std::nullopt;
    }
    if (r.d < 1) {
        if (why) *why = i18n::format(_("{date} is not a valid date: there is no day 0"), {{"date", text}});
        return std::nullopt;
    }
    if (r.d > days_in_month(r.y, r.m)) {
        if (why)
            *why = r.m == 2 ? i18n::format(_("{date} is not a valid date: February {year} has only {days} days"),
                                           {{"date", text}, {"year", r.y}, {"days", days_in_month(r.y, r.m)}})
                            : i18n::format(_("{date} is not a valid date: {month} has only {days} days"),
                                           {{"date", text}, {"month", _(months[r.m - 1])}, {"days", days_in_month(r.y, r.m)}});
        return std::nullopt;
    }
    return r;
}

} // namespace gongwen::detail
