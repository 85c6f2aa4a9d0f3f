// Built-in formatters: Chinese numerals, dates, percentages and text helpers (ICU based).
#include "gongwen/formatters.hpp"

#include <unicode/dtfmtsym.h>
#include <unicode/gregocal.h>
#include <unicode/numberformatter.h>
#include <unicode/nounit.h>
#include <unicode/rbnf.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string_view>

namespace gongwen {
namespace {

using json = nlohmann::json;
using Args = std::vector<std::string>;
using Check = std::function<std::optional<std::string>(const Args&)>;
using Apply = std::function<json(const json&, const Args&)>;

/// UTF-8 of an ICU string.
std::string to_utf8(const icu::UnicodeString& u) {
    std::string s;
    u.toUTF8String(s);
    return s;
}

/// A value as shown in error messages: `"abc"`, `3.5`, `null`; long ones cut at 60 bytes.
std::string describe(const json& v) {
    std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
    if (s.size() <= 60) return s;
    size_t n = 57;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // UTF-8 boundary
    return s.substr(0, n) + "...";
}

/// Throws `name: expected <expected>, got <value>`.
[[noreturn]] void fail(const std::string& name, const std::string& expected, const json& v) {
    throw FormatError(name + ": expected " + expected + ", got " + describe(v));
}

/// A parsed number; `i` is set when it is an exact 64-bit integer.
struct Number {
    double d = 0;
    std::optional<int64_t> i;
};

/// `s` without leading/trailing ASCII blanks.
std::string_view trim_ascii(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

/// True for plain decimal text: [+-]digits[.digits][e[+-]digits] (no hex, inf or nan).
bool is_decimal_syntax(std::string_view s) {
    size_t p = 0, digits = 0;
    auto run = [&] { size_t n = 0; while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p, ++n; return n; };
    if (p < s.size() && (s[p] == '+' || s[p] == '-')) ++p;
    digits += run();
    if (p < s.size() && s[p] == '.') { ++p; digits += run(); }
    if (digits == 0) return false;
    if (p < s.size() && (s[p] == 'e' || s[p] == 'E')) {
        ++p;
        if (p < s.size() && (s[p] == '+' || s[p] == '-')) ++p;
        if (run() == 0) return false;
    }
    return p == s.size();
}

/// The number in a JSON number or a numeric string; nothing for anything else.
std::optional<Number> to_number(const json& v) {
    if (v.is_number_unsigned()) {
        auto u = v.get<uint64_t>();
        if (u > static_cast<uint64_t>(INT64_MAX)) return Number{static_cast<double>(u), std::nullopt};
        return Number{static_cast<double>(u), static_cast<int64_t>(u)};
    }
    if (v.is_number_integer()) return Number{static_cast<double>(v.get<int64_t>()), v.get<int64_t>()};
    if (v.is_number_float()) {
        double d = v.get<double>();
        if (!std::isfinite(d)) return std::nullopt;
        return Number{d, std::nullopt};
    }
    if (!v.is_string()) return std::nullopt;
    std::string_view s = trim_ascii(v.get_ref<const std::string&>());
    if (!is_decimal_syntax(s)) return std::nullopt;
    bool neg = s.front() == '-';
    if (s.front() == '-' || s.front() == '+') s.remove_prefix(1);
    const char* end = s.data() + s.size();
    int64_t i = 0;
    auto ri = std::from_chars(s.data(), end, i);
    if (ri.ec == std::errc() && ri.ptr == end) return Number{neg ? -double(i) : double(i), neg ? -i : i};
    double d = 0;
    auto rd = std::from_chars(s.data(), end, d);  // locale independent, unlike strtod
    if (rd.ec != std::errc() || rd.ptr != end || !std::isfinite(d)) return std::nullopt;
    return Number{neg ? -d : d, std::nullopt};
}

/// A non-negative integer (3, 3.0 or "3"); throws FormatError otherwise.
int64_t require_count(const std::string& name, const json& v) {
    auto n = to_number(v);
    if (!n) fail(name, "an integer", v);
    int64_t i = 0;
    if (n->i) i = *n->i;
    else if (std::trunc(n->d) == n->d && std::fabs(n->d) < 9.2e18) i = static_cast<int64_t>(n->d);
    else fail(name, "an integer", v);
    if (i < 0) fail(name, "a non-negative integer", v);
    return i;
}

/// `n` spelled with a rule set of ICU's Chinese spell-out rules (one formatter per thread).
std::string spell(const std::string& name, int64_t n, const char16_t* ruleset) {
    thread_local const std::unique_ptr<icu::RuleBasedNumberFormat> rbnf = [] {
        UErrorCode st = U_ZERO_ERROR;
        auto f = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale("zh"), st);
        return U_FAILURE(st) ? nullptr : std::move(f);  // "zh" gives U_USING_DEFAULT_WARNING: fine
    }();
    if (!rbnf) throw FormatError(name + ": ICU Chinese spell-out rules are unavailable");
    icu::UnicodeString out;
    icu::FieldPosition pos;
    UErrorCode st = U_ZERO_ERROR;
    rbnf->format(n, icu::UnicodeString(ruleset), out, pos, st);
    std::string s = to_utf8(out);
    // From 10^18 on, ICU falls back to "1,000,...": not a Chinese numeral.
    if (U_FAILURE(st) || s.find_first_of("0123456789") != std::string::npos)
        throw FormatError(name + ": " + std::to_string(n) + " is too large for a Chinese numeral");
    return s;
}

// ---- dates ----

struct Ymd {
    int y = 0, m = 0, d = 0, hh = 0, mi = 0, ss = 0;
};

int days_in_month(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm), and back.
int64_t days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}
Ymd civil_from_days(int64_t z) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    Ymd r;
    r.d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    r.m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    r.y = static_cast<int>(yoe + era * 400 + (r.m <= 2));
    return r;
}

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

/// Parses "YYYY-MM-DD[Thh:mm[:ss[.fff]][Z|±hh:mm]]", "YYYY/MM/DD" or "YYYY年M月D日" into a
/// valid date. A zone suffix is ignored: the wall-clock date as written is kept.
std::optional<Ymd> parse_date_text(std::string_view s) {
    Ymd r;
    s = trim_ascii(s);
    if (!read_int(s, 4, 4, r.y)) return std::nullopt;
    if (eat(s, "年")) {
        if (!read_int(s, 1, 2, r.m) || !eat(s, "月") || !read_int(s, 1, 2, r.d) || !eat(s, "日")) return std::nullopt;
    } else {
        std::string_view sep = s.substr(0, 1);
        if ((sep != "-" && sep != "/") || !eat(s, sep) || !read_int(s, 1, 2, r.m) || !eat(s, sep) ||
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
            if (r.hh > 23 || r.mi > 59 || r.ss > 59 || zh > 23 || zm > 59) return std::nullopt;
        }
    }
    if (!s.empty() || r.y < 1 || r.m < 1 || r.m > 12 || r.d < 1 || r.d > days_in_month(r.y, r.m)) return std::nullopt;
    return r;
}

/// Date of an Excel serial (1900 system: 1 = 1900-01-01, 60 = the fictitious 1900-02-29).
Ymd from_excel_serial(const std::string& name, double serial, const json& v) {
    if (!(serial >= 1 && serial < 2958466)) fail(name, "an Excel serial date between 1 and 2958465", v);
    auto days = static_cast<int64_t>(std::floor(serial));
    if (days == 60) throw FormatError(name + ": Excel serial 60 is 1900-02-29, a date that does not exist");
    auto secs = std::llround((serial - static_cast<double>(days)) * 86400);
    if (secs >= 86400) secs -= 86400, ++days;
    if (days < 60) ++days;  // before Excel's fake leap day the 1899-12-30 epoch is one day off
    Ymd r = civil_from_days(days_from_civil(1899, 12, 30) + days);
    r.hh = static_cast<int>(secs / 3600), r.mi = static_cast<int>(secs / 60 % 60), r.ss = static_cast<int>(secs % 60);
    return r;
}

/// The date in a date string, an Excel serial number or numeric string; throws FormatError.
Ymd require_date(const std::string& name, const json& v) {
    if (auto n = to_number(v)) return from_excel_serial(name, n->d, v);
    if (v.is_string())
        if (auto d = parse_date_text(v.get_ref<const std::string&>())) return *d;
    fail(name, "a valid date (YYYY-MM-DD, YYYY/MM/DD, YYYY年M月D日 or an Excel serial number)", v);
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

/// Formats `d` with a SimpleDateFormat pattern; on failure returns nothing and sets `error`.
/// Formatters are cached per thread; a new pattern is validated by a trial format, since ICU
/// accepts unknown letters and unterminated quotes when constructing.
std::optional<std::string> format_date(const Ymd& d, const std::string& pattern, std::string& error) {
    thread_local std::map<std::string, std::unique_ptr<icu::SimpleDateFormat>> cache;
    auto bad = [&error](std::string message) { error = std::move(message); return std::optional<std::string>(); };
    icu::GregorianCalendar* cal = utc_calendar();
    if (!cal) return bad("ICU Gregorian calendar unavailable");
    auto it = cache.find(pattern);
    if (it == cache.end()) {
        if (pattern.empty()) return bad("empty date pattern");
        icu::UnicodeString p = icu::UnicodeString::fromUTF8(pattern);
        icu::UnicodeString letters(icu::DateFormatSymbols::getPatternUChars());
        bool quoted = false;
        for (int32_t i = 0; i < p.length(); ++i) {
            char16_t c = p[i];
            if (c == u'\'') quoted = !quoted;  // '' toggles twice: a literal quote
            else if (!quoted && ((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')) && letters.indexOf(c) < 0)
                return bad("unknown letter '" + std::string(1, char(c)) + "' in date pattern \"" + pattern +
                           "\" (quote literal text: 'text')");
        }
        if (quoted) return bad("unterminated quote in date pattern \"" + pattern + "\"");
        UErrorCode st = U_ZERO_ERROR;
        auto f = std::make_unique<icu::SimpleDateFormat>(p, icu::Locale("zh"), st);
        if (U_FAILURE(st)) return bad("invalid date pattern \"" + pattern + "\": " + u_errorName(st));
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
        return bad("cannot format with date pattern \"" + pattern + "\": " + u_errorName(st));
    }
    return to_utf8(out);
}

// ---- numbers ----

/// Fixed-decimal formatter (percent: ×100 with "%"), half away from zero in decimal, no
/// grouping, no "-0". LocalizedNumberFormatter is immutable and thread-safe.
const icu::number::LocalizedNumberFormatter& decimal_formatter(bool percent, int decimals) {
    static const std::vector<icu::number::LocalizedNumberFormatter> table = [] {
        std::vector<icu::number::LocalizedNumberFormatter> t;
        for (int p = 0; p < 2; ++p)
            for (int d = 0; d <= 6; ++d) {
                auto f = icu::number::NumberFormatter::withLocale(icu::Locale::getRoot())
                             .precision(icu::number::Precision::fixedFraction(d))
                             .roundingMode(UNUM_ROUND_HALFUP)
                             .grouping(UNUM_GROUPING_OFF)
                             .sign(UNUM_SIGN_NEGATIVE);
                t.push_back(p ? f.unit(icu::NoUnit::percent()).scale(icu::number::Scale::powerOfTen(2)) : f);
            }
        return t;
    }();
    return table[(percent ? 7 : 0) + decimals];
}

/// Formats a number value with fixed decimals; throws FormatError on a non-number.
json format_decimal(const std::string& name, bool percent, const json& v, const Args& a) {
    auto n = to_number(v);
    if (!n) fail(name, "a number", v);
    int decimals = a.empty() ? 0 : a[0][0] - '0';
    const auto& f = decimal_formatter(percent, decimals);
    UErrorCode st = U_ZERO_ERROR;
    icu::UnicodeString out = (n->i ? f.formatInt(*n->i, st) : f.formatDouble(n->d, st)).toString(st);
    if (U_FAILURE(st)) throw FormatError(name + ": cannot format " + describe(v) + ": " + u_errorName(st));
    return to_utf8(out);
}

// ---- argument checks and registration ----

/// Message when the count of args is outside [min, max], e.g. "percent takes at most 1 argument, got 2".
std::optional<std::string> check_count(const std::string& name, const Args& a, size_t min, size_t max) {
    if (a.size() >= min && a.size() <= max) return std::nullopt;
    std::string what = max == 0 ? "no arguments" : (min == max ? "exactly " : "at most ") + std::to_string(max) +
                                                       (max == 1 ? " argument" : " arguments");
    return name + " takes " + what + ", got " + std::to_string(a.size());
}

/// Checks the optional decimals argument (0–6) of percent/number.
std::optional<std::string> check_decimals(const std::string& name, const Args& a) {
    if (auto e = check_count(name, a, 0, 1)) return e;
    if (!a.empty() && (a[0].size() != 1 || a[0][0] < '0' || a[0][0] > '6'))
        return name + ": decimals must be an integer from 0 to 6, got \"" + a[0] + "\"";
    return std::nullopt;
}

/// Value formatted as text by an ICU string operation; null stays null.
json map_text(const json& v, icu::UnicodeString& (*op)(icu::UnicodeString&)) {
    if (v.is_null()) return v;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(value_to_text(v));
    return to_utf8(op(u));
}

FormatterRegistry make_builtin() {
    FormatterRegistry r;
    auto add = [&r](const std::string& name, Check check, Apply apply, bool handles_missing = false) {
        Formatter f;
        f.check_args = check;
        f.apply = [check, apply](const json& v, const Args& a) -> json {
            if (auto e = check(a)) throw FormatError(*e);  // apply is safe even if never checked
            return apply(v, a);
        };
        f.handles_missing = handles_missing;
        r.add(name, std::move(f));
    };
    auto count = [](std::string name, size_t min, size_t max) -> Check {
        return [name, min, max](const Args& a) { return check_count(name, a, min, max); };
    };
    auto spell_with = [](std::string name, const char16_t* ruleset) -> Apply {
        return [name, ruleset](const json& v, const Args&) -> json {
            return spell(name, require_count(name, v), ruleset);
        };
    };

    add("cn", count("cn", 0, 0), spell_with("cn", u"%spellout-cardinal"));
    add("cn_upper", count("cn_upper", 0, 0), spell_with("cn_upper", u"%spellout-cardinal-financial"));
    add("cn_year", count("cn_year", 0, 0), [](const json& v, const Args&) -> json {
        if (!to_number(v) && v.is_string()) {
            if (auto d = parse_date_text(v.get_ref<const std::string&>()))
                return spell("cn_year", d->y, u"%spellout-numbering-year");
            fail("cn_year", "a year or a date", v);
        }
        return spell("cn_year", require_count("cn_year", v), u"%spellout-numbering-year");
    });
    add("date",
        [](const Args& a) -> std::optional<std::string> {
            if (auto e = check_count("date", a, 0, 1)) return e;
            std::string error;
            if (!a.empty() && !format_date(Ymd{2023, 7, 5}, a[0], error)) return "date: " + error;
            return std::nullopt;
        },
        [](const json& v, const Args& a) -> json {
            std::string error;
            auto s = format_date(require_date("date", v), a.empty() ? "yyyy年M月d日" : a[0], error);
            if (!s) throw FormatError("date: " + error);
            return *s;
        });
    add("percent", [](const Args& a) { return check_decimals("percent", a); },
        [](const json& v, const Args& a) { return format_decimal("percent", true, v, a); });
    add("number", [](const Args& a) { return check_decimals("number", a); },
        [](const json& v, const Args& a) { return format_decimal("number", false, v, a); });
    add("default", count("default", 1, 1), [](const json& v, const Args& a) -> json {
        bool empty = v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) ||
                     (v.is_array() && v.empty());
        return empty ? json(a[0]) : v;
    }, true);
    add("join", count("join", 0, 1), [](const json& v, const Args& a) -> json {
        if (!v.is_array()) return v;
        std::string sep = a.empty() ? "、" : a[0], out;
        for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + value_to_text(v[i]);
        return out;
    });
    add("ordinal",
        [](const Args& a) -> std::optional<std::string> {
            if (auto e = check_count("ordinal", a, 0, 1)) return e;
            if (!a.empty() && a[0].find('#') == std::string::npos)
                return "ordinal: pattern \"" + a[0] + "\" has no '#' to stand for the number";
            return std::nullopt;
        },
        [](const json& v, const Args& a) -> json {
            std::string numeral = spell("ordinal", require_count("ordinal", v), u"%spellout-cardinal"), out;
            for (char c : a.empty() ? std::string("#是") : a[0]) out += c == '#' ? numeral : std::string(1, c);
            return out;
        });
    add("upper", count("upper", 0, 0), [](const json& v, const Args&) {
        return map_text(v, [](icu::UnicodeString& u) -> icu::UnicodeString& { return u.toUpper(icu::Locale::getRoot()); });
    });
    add("lower", count("lower", 0, 0), [](const json& v, const Args&) {
        return map_text(v, [](icu::UnicodeString& u) -> icu::UnicodeString& { return u.toLower(icu::Locale::getRoot()); });
    });
    add("trim", count("trim", 0, 0), [](const json& v, const Args&) {
        return map_text(v, [](icu::UnicodeString& u) -> icu::UnicodeString& {
            // White_Space characters are all in the BMP, so code units suffice.
            int32_t b = 0, e = u.length();
            while (b < e && u_isUWhiteSpace(u[b])) ++b;
            while (e > b && u_isUWhiteSpace(u[e - 1])) --e;
            return u.retainBetween(b, e);
        });
    });
    // The number of items of a list (0 when missing), for "问题{{问题|count}}个" outside the loop.
    add("count", count("count", 0, 0), [](const json& v, const Args&) -> json {
        if (v.is_null()) return 0;
        if (v.is_array() || v.is_object()) return v.size();
        throw FormatError("count: expected a list, got " + v.dump());
    }, true);
    return r;
}

}  // namespace

const FormatterRegistry& FormatterRegistry::builtin() {
    static const FormatterRegistry registry = make_builtin();
    return registry;
}

std::vector<std::string> FormatterRegistry::names() const {
    std::vector<std::string> out;
    for (const auto& entry : map_) out.push_back(entry.first);  // std::map: already sorted
    return out;
}

std::string value_to_text(const json& value) {
    switch (value.type()) {
    case json::value_t::null: return "";
    case json::value_t::string: return value.get<std::string>();
    case json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case json::value_t::number_integer: return std::to_string(value.get<int64_t>());
    case json::value_t::number_unsigned: return std::to_string(value.get<uint64_t>());
    case json::value_t::number_float: {
        double d = value.get<double>();
        if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<int64_t>(d));
        return value.dump();  // shortest round-trip form: 12.5, 0.1, 1e+20
    }
    case json::value_t::array: {
        std::string out;
        for (size_t i = 0; i < value.size(); ++i) out += (i ? "、" : "") + value_to_text(value[i]);
        return out;
    }
    default: return value.dump(-1, ' ', false, json::error_handler_t::replace);
    }
}

}  // namespace gongwen
