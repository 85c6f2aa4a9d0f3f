// What is wrong with a date that is none, in the user's language; the parser is calendar.hpp's.
#include "data/dates.hpp"

#include "gongwen/i18n.hpp"

namespace gongwen::detail {

using i18n::_;
using i18n::N_;

std::optional<CivilDate> parse_civil_date(std::string_view s, std::string* why) {
    calendar::DateProblem problem;
    std::optional<CivilDate> r = calendar::parse_date(s, &problem);
    if (r || problem.kind == calendar::DateProblem::none || !why) return r;
    const std::string_view text = gongwen::text::trim(s);
    // The shape of a date: say what is wrong with it.
    // TRANSLATORS: a month in "{date} is not a valid date: {month} has only {days} days"
    static const char* const months[] = {N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
                                         N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December")};
    using calendar::DateProblem;
    const int y = problem.year, m = problem.month_number;
    switch (problem.kind) {
    case DateProblem::none: break;
    case DateProblem::time_of_day: *why = i18n::format(_("{date} is not a valid time of day"), {{"date", text}}); break;
    case DateProblem::year_zero: *why = i18n::format(_("{date} is not a valid date: there is no year 0"), {{"date", text}}); break;
    case DateProblem::month:
        *why = i18n::format(_("{date} is not a valid date: there is no month {month}"), {{"date", text}, {"month", m}});
        break;
    case DateProblem::day_zero: *why = i18n::format(_("{date} is not a valid date: there is no day 0"), {{"date", text}}); break;
    case DateProblem::day:
        *why = m == 2 ? i18n::format(_("{date} is not a valid date: February {year} has only {days} days"),
                                     {{"date", text}, {"year", y}, {"days", days_in_month(y, m)}})
                      : i18n::format(_("{date} is not a valid date: {month} has only {days} days"),
                                     {{"date", text}, {"month", _(months[m - 1])}, {"days", days_in_month(y, m)}});
        break;
    }
    return std::nullopt;
}

} // namespace gongwen::detail
