// The built-in formatters by name: argument checks and registration (the formatters
// themselves are in numbers.cpp, dates.cpp and title_lines.cpp).
#include "gongwen/formatters.hpp"

#include "formatters/common.hpp"
#include "gongwen/i18n.hpp"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <charconv>
#include <cmath>

namespace gongwen {
namespace {

using namespace formatters;
using i18n::_;
using Check = std::function<std::optional<std::string>(const Args&)>;
using Apply = std::function<json(const json&, const Args&)>;

/// Message when the count of args is outside [min, max], e.g. "percent takes at most 1 argument, got 2".
std::optional<std::string> check_count(const std::string& name, const Args& a, size_t min, size_t max) {
    if (a.size() >= min && a.size() <= max) return std::nullopt;
    const char* pattern = max == 0    ? _("{filter} takes no arguments, got {n}")
                          : min == max ? i18n::P_("{filter} takes exactly {max} argument, got {n}",
                                                  "{filter} takes exactly {max} arguments, got {n}", max)
                                       : i18n::P_("{filter} takes at most {max} argument, got {n}",
                                                  "{filter} takes at most {max} arguments, got {n}", max);
    return i18n::format(pattern, {{"filter", name}, {"max", max}, {"n", a.size()}});
}

/// Checks the optional decimals argument (0–6) of percent/number.
std::optional<std::string> check_decimals(const std::string& name, const Args& a) {
    if (auto e = check_count(name, a, 0, 1)) return e;
    if (!a.empty() && (a[0].size() != 1 || a[0][0] < '0' || a[0][0] > '6'))
        return name + ": " + i18n::format(_("decimals must be an integer from 0 to 6, got \"{value}\""), {{"value", a[0]}});
    return std::nullopt;
}

/// The line length argument of title_lines: an integer from 2 to 50 characters.
std::optional<int> line_chars(const std::string& arg) {
    int n = 0;
    auto r = std::from_chars(arg.data(), arg.data() + arg.size(), n);
    if (r.ec != std::errc() || r.ptr != arg.data() + arg.size() || n < 2 || n > 50) return std::nullopt;
    return n;
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
    add("cn_upper", count("cn_upper", 0, 0), [](const json& v, const Args&) -> json {
        // An amount with a fraction is written as money: 105.5 → 壹佰零伍元伍角, 105.05 →
        // 壹佰零伍元零伍分, 0.5 → 伍角 (to the 分; more places are an error, not a rounding).
        auto n = to_number(v);
        if (n && !n->i && std::trunc(n->d) != n->d && n->d > 0 && n->d < 9.2e15) {
            int64_t cents = std::llround(n->d * 100);
            if (std::fabs(n->d * 100 - static_cast<double>(cents)) > 1e-6)
                fail("cn_upper", _("an integer or an amount to the 分 (two decimal places)"), v);
            static const char* digits[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
            int64_t yuan = cents / 100;
            int jiao = static_cast<int>(cents / 10 % 10), fen = static_cast<int>(cents % 10);
            std::string out = yuan ? spell("cn_upper", yuan, u"%spellout-cardinal-financial") + "元" : "";
            if (jiao) out += std::string(digits[jiao]) + "角";
            else if (yuan && fen) out += "零";
            if (fen) out += std::string(digits[fen]) + "分";
            return out;
        }
        return spell("cn_upper", require_count("cn_upper", v), u"%spellout-cardinal-financial");
    });
    add("cn_year", count("cn_year", 0, 0), [](const json& v, const Args&) -> json {
        if (!to_number(v) && v.is_string()) {
            if (auto d = parse_date_text(v.get_ref<const std::string&>()))
                return spell("cn_year", d->y, u"%spellout-numbering-year");
            fail("cn_year", _("a year or a date"), v);
        }
        int64_t year = require_count("cn_year", v);
        if (year < 1000 || year > 9999) fail("cn_year", _("a year of four digits (2023) or a date"), v);
        return spell("cn_year", year, u"%spellout-numbering-year");
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
                return "ordinal: " + i18n::format(_("pattern \"{pattern}\" has no '#' to stand for the number"), {{"pattern", a[0]}});
            return std::nullopt;
        },
        [](const json& v, const Args& a) -> json {
            int64_t n = require_count("ordinal", v);
            if (n == 0) fail("ordinal", _("a position from 1 (一是, 二是, …)"), v);
            std::string numeral = spell("ordinal", n, u"%spellout-cardinal"), out;
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
    // A long title in lines of at most N characters (default 20: 2号 in the 156 mm type area).
    add("title_lines",
        [](const Args& a) -> std::optional<std::string> {
            if (auto e = check_count("title_lines", a, 0, 1)) return e;
            if (!a.empty() && !line_chars(a[0]))
                return "title_lines: " + i18n::format(_("characters a line must be an integer from 2 to 50, got \"{value}\""), {{"value", a[0]}});
            return std::nullopt;
        },
        [](const json& v, const Args& a) -> json {
            if (v.is_null()) return v;
            return title_lines(value_to_text(v), a.empty() ? 20 : *line_chars(a[0]));
        });
    // The number of items of a list (0 when missing), for "问题{{问题|count}}个" outside the loop.
    add("count", count("count", 0, 0), [](const json& v, const Args&) -> json {
        if (v.is_null()) return 0;
        if (v.is_array() || v.is_object()) return v.size();
        throw FormatError("count: " + i18n::format(_("expected {what}, got {value}"), {{"what", _("a list")}, {"value", v.dump()}}));
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