// Numbers for the formatters: values read as numbers, Chinese numerals (ICU spell-out rules),
// fixed decimals and percentages, and the errors every formatter raises.
#include "formatters/common.hpp"

#include "gongwen/i18n.hpp"
#include "gongwen/text.hpp"

#include <unicode/nounit.h>
#include <unicode/numberformatter.h>
#include <unicode/rbnf.h>

#include <charconv>
#include <cmath>
#include <memory>

namespace gongwen::formatters {

using i18n::_;

namespace {

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

} // namespace

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
    throw FormatError(name + ": " + i18n::format(_("expected {what}, got {value}"), {{"what", expected}, {"value", describe(v)}}));
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
    std::string_view s = text::trim(v.get_ref<const std::string&>());
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
    if (!n) fail(name, _("an integer"), v);
    int64_t i = 0;
    if (n->i) i = *n->i;
    else if (std::trunc(n->d) == n->d && std::fabs(n->d) < 9.2e18) i = static_cast<int64_t>(n->d);
    else fail(name, _("an integer"), v);
    if (i < 0) fail(name, _("a non-negative integer"), v);
    return i;
}

/// `n` spelled with a rule set of ICU's Chinese spell-out rules (one formatter per thread).
std::string spell(const std::string& name, int64_t n, const char16_t* ruleset) {
    thread_local const std::unique_ptr<icu::RuleBasedNumberFormat> rbnf = [] {
        UErrorCode st = U_ZERO_ERROR;
        auto f = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale("zh"), st);
        return U_FAILURE(st) ? nullptr : std::move(f);  // "zh" gives U_USING_DEFAULT_WARNING: fine
    }();
    if (!rbnf) throw FormatError(name + ": " + _("ICU Chinese spell-out rules are unavailable"));
    icu::UnicodeString out;
    icu::FieldPosition pos;
    UErrorCode st = U_ZERO_ERROR;
    rbnf->format(n, icu::UnicodeString(ruleset), out, pos, st);
    std::string s = to_utf8(out);
    // From 10^18 on, ICU falls back to "1,000,...": not a Chinese numeral.
    if (U_FAILURE(st) || s.find_first_of("0123456789") != std::string::npos)
        throw FormatError(name + ": " + i18n::format(_("{n} is too large for a Chinese numeral"), {{"n", n}}));
    return s;
}

namespace {

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

} // namespace

/// Formats a number value with fixed decimals; throws FormatError on a non-number.
json format_decimal(const std::string& name, bool percent, const json& v, const Args& a) {
    auto n = to_number(v);
    if (!n) fail(name, _("a number"), v);
    int decimals = a.empty() ? 0 : a[0][0] - '0';
    const auto& f = decimal_formatter(percent, decimals);
    UErrorCode st = U_ZERO_ERROR;
    icu::UnicodeString out = (n->i ? f.formatInt(*n->i, st) : f.formatDouble(n->d, st)).toString(st);
    if (U_FAILURE(st)) throw FormatError(name + ": " + i18n::format(_("cannot format {value}: {reason}"), {{"value", describe(v)}, {"reason", u_errorName(st)}}));
    return to_utf8(out);
}

} // namespace gongwen::formatters
