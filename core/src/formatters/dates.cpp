// Dates for the formatters: a date from text, YYYYMMDD or an Excel serial, formatted with an
// ICU SimpleDateFormat pattern.
#include "formatters/common.hpp"

#include "data/dates.hpp"
#include "gongwen/i18n.hpp"

#include <unicode/dtfmtsym.h>
#include <unicode/gregocal.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <cmath>
#include <map>
#include <memory>

namespace gongwen::formatters {

using i18n::_;

std::optional<Ymd> parse_date_text(std::string_view s, std::string* why) { return detail::parse_civil_date(s, why); }

namespace {

/// Date of an Excel serial (1900 system: 1 = 1900-01-01, 60 = the fictitious 1900-02-29).
Ymd from_excel_serial(const std::string& name, double serial, const json& v) {
    if (!(serial >= 1 && serial < 2958466)) fail(name, _("an Excel serial date between 1 and 2958465"), v);
    calendar::ExcelDate date = calendar::from_excel_serial(serial);
    if (date.kind == calendar::ExcelDate::phantom_leap_day)
        throw FormatError(name + ": " + _("Excel serial 60 is 1900-02-29, a date that does not exist"));
    if (date.kind != calendar::ExcelDate::date) fail(name, _("an Excel serial date between 1 and 2958465"), v);
    return date.when;
}

/// A pure-Gregorian calendar in UTC for this thread, or nullptr if ICU cannot make one.
icu::GregorianCalendar* utc_calendar() {
    thread_local const std::unique_ptr<icu::GregorianCalendar> cal = []() -> std::unique_ptr<icu::GregorianCalendar> {
        UErrorCode st = U_ZERO_ERROR;
        auto c = std::make_unique<icu::GregorianCalendar>(*icu::TimeZone::getGMT(), icu::Locale("zh"), st);
        c->setGregorianChange(U_DATE_MIN, st);  // proleptic: no Julian dates before 1582
        c->setLenient(false);
        return U_FAILURE(st) ? nullptr : std::move(c);
    }();
    return cal.get();
}

} // namespace

/// The date in a date string, an Excel serial number or numeric string; throws FormatError.
Ymd require_date(const std::string& name, const json& v) {
    // Eight digits are YYYYMMDD (20230705), as spreadsheets and forms often hold a date; no Excel
    // serial has eight digits.
    if (auto n = to_number(v); n && n->i && *n->i >= 10000101 && *n->i <= 99991231) {
        std::string digits = std::to_string(*n->i);
        if (auto d = parse_date_text(digits.substr(0, 4) + "-" + digits.substr(4, 2) + "-" + digits.substr(6, 2))) return *d;
        fail(name, _("a valid date (20230705 is YYYYMMDD)"), v);
    }
    if (auto n = to_number(v)) return from_excel_serial(name, n->d, v);
    if (v.is_string()) {
        std::string why;
        if (auto d = parse_date_text(v.get_ref<const std::string&>(), &why)) return *d;
        if (!why.empty()) throw FormatError(name + ": " + why);
    }
    fail(name, _("a valid date (YYYY-MM-DD, YYYY/MM/DD, YYYY年M月D日, YYYYMMDD or an Excel serial number)"), v);
}

/// Formats `d` with a SimpleDateFormat pattern; on failure returns nothing and sets `error`.
/// Formatters are cached per thread; a new pattern is validated by a trial format, since ICU
/// accepts unknown letters and unterminated quotes when constructing.
std::optional<std::string> format_date(const Ymd& d, const std::string& pattern, std::string& error) {
    thread_local std::map<std::string, std::unique_ptr<icu::SimpleDateFormat>> cache;
    auto bad = [&error](std::string message) { error = std::move(message); return std::optional<std::string>(); };
    icu::GregorianCalendar* cal = utc_calendar();
    if (!cal) return bad(_("ICU Gregorian calendar unavailable"));
    auto it = cache.find(pattern);
    if (it == cache.end()) {
        if (pattern.empty()) return bad(_("empty date pattern"));
        icu::UnicodeString p = icu::UnicodeString::fromUTF8(pattern);
        icu::UnicodeString letters(icu::DateFormatSymbols::getPatternUChars());
        bool quoted = false;
        for (int32_t i = 0; i < p.length(); ++i) {
            char16_t c = p[i];
            if (c == u'\'') quoted = !quoted;  // '' toggles twice: a literal quote
            else if (!quoted && ((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')) && letters.indexOf(c) < 0)
                return bad(i18n::format(_("unknown letter '{letter}' in date pattern \"{pattern}\" (quote literal text: 'text')"),
                                        {{"letter", std::string(1, char(c))}, {"pattern", pattern}}));
        }
        if (quoted) return bad(i18n::format(_("unterminated quote in date pattern \"{pattern}\""), {{"pattern", pattern}}));
        UErrorCode st = U_ZERO_ERROR;
        auto f = std::make_unique<icu::SimpleDateFormat>(p, icu::Locale("zh"), st);
        if (U_FAILURE(st)) return bad(i18n::format(_("invalid date pattern \"{pattern}\": {reason}"), {{"pattern", pattern}, {"reason", u_errorName(st)}}));
        f->setTimeZone(*icu::TimeZone::getGMT());
        if (cache.size() >= 64) cache.clear();
        it = cache.emplace(pattern, std::move(f)).first;
    }
    UErrorCode st = U_ZERO_ERROR;
    cal->clear();
    cal->set(d.y, d.m - 1, d.d, d.hh, d.mi, d.ss);
    icu::UnicodeString out;
    it->second->format(*cal, out, nullptr, st);
    if (U_FAILURE(st)) {
        cache.erase(it);
        return bad(i18n::format(_("cannot format with date pattern \"{pattern}\": {reason}"), {{"pattern", pattern}, {"reason", u_errorName(st)}}));
    }
    return to_utf8(out);
}

} // namespace gongwen::formatters
