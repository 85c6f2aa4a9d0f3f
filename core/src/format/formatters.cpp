// Built-in formatters: Chinese numerals, dates, percentages and text helpers (ICU based).
#include "gongwen/formatters.hpp"
#include "gongwen/i18n.hpp"

#include "data/dates.hpp"

#include <unicode/brkiter.h>
#include <unicode/dtfmtsym.h>
#include <unicode/gregocal.h>
#include <unicode/numberformatter.h>
#include <unicode/nounit.h>
#include <unicode/rbnf.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string_view>

namespace gongwen {
namespace {

using i18n::_;
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
    throw FormatError(name + ": " + i18n::format(_("expected {what}, got {value}"), {{"what", expected}, {"value", describe(v)}}));
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

// ---- dates ----

struct Ymd {
    int y = 0, m = 0, d = 0, hh = 0, mi = 0, ss = 0;
};

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

/// A date in text, by the one date parser (data/dates.hpp): what it says is wrong with an
/// impossible date goes to `why`.
std::optional<Ymd> parse_date_text(std::string_view s, std::string* why = nullptr) {
    auto d = detail::parse_civil_date(s, why);
    if (!d) return std::nullopt;
    Ymd r;
    r.y = d->y, r.m = d->m, r.d = d->d, r.hh = d->hh, r.mi = d->mi, r.ss = d->ss;
    return r;
}

/// Date of an Excel serial (1900 system: 1 = 1900-01-01, 60 = the fictitious 1900-02-29).
Ymd from_excel_serial(const std::string& name, double serial, const json& v) {
    if (!(serial >= 1 && serial < 2958466)) fail(name, _("an Excel serial date between 1 and 2958465"), v);
    auto days = static_cast<int64_t>(std::floor(serial));
    if (days == 60) throw FormatError(name + ": " + _("Excel serial 60 is 1900-02-29, a date that does not exist"));
    auto secs = std::llround((serial - static_cast<double>(days)) * 86400);
    if (secs >= 86400) secs -= 86400, ++days;
    if (days < 60) ++days;  // before Excel's fake leap day the 1899-12-30 epoch is one day off
    Ymd r = civil_from_days(days_from_civil(1899, 12, 30) + days);
    r.hh = static_cast<int>(secs / 3600), r.mi = static_cast<int>(secs / 60 % 60), r.ss = static_cast<int>(secs % 60);
    return r;
}

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
    if (!n) fail(name, _("a number"), v);
    int decimals = a.empty() ? 0 : a[0][0] - '0';
    const auto& f = decimal_formatter(percent, decimals);
    UErrorCode st = U_ZERO_ERROR;
    icu::UnicodeString out = (n->i ? f.formatInt(*n->i, st) : f.formatDouble(n->d, st)).toString(st);
    if (U_FAILURE(st)) throw FormatError(name + ": " + i18n::format(_("cannot format {value}: {reason}"), {{"value", describe(v)}, {"reason", u_errorName(st)}}));
    return to_utf8(out);
}

// ---- titles: long ones broken into a trapezoid or a diamond at word boundaries ----

/// Width of a code point in half characters: 2 for full-width (CJK, full-width forms, and the
/// East Asian ambiguous ones such as “ ” — that Chinese fonts set full), 1 for half-width
/// (ASCII digits, letters, punctuation), 0 for marks and format characters.
int half_units(UChar32 c) {
    int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR || type == U_CONTROL_CHAR) return 0;
    int eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return eaw == U_EA_FULLWIDTH || eaw == U_EA_WIDE || eaw == U_EA_AMBIGUOUS ? 2 : 1;
}

/// True if no line may start with `c`: closing brackets and quotes, 、，。：；！？ and the like.
bool closes(UChar32 c) {
    int8_t t = u_charType(c);
    return t == U_END_PUNCTUATION || t == U_FINAL_PUNCTUATION || t == U_OTHER_PUNCTUATION;
}
/// True if no line may end with `c`: opening brackets and quotes, 《 among them.
bool opens(UChar32 c) {
    int8_t t = u_charType(c);
    return t == U_START_PUNCTUATION || t == U_INITIAL_PUNCTUATION;
}

/// The word boundaries of ICU's dictionary-based Chinese word break iterator (one per thread),
/// 0 and the length included.
std::vector<int32_t> word_boundaries(const icu::UnicodeString& u) {
    thread_local const std::unique_ptr<icu::BreakIterator> words = []() -> std::unique_ptr<icu::BreakIterator> {
        UErrorCode st = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createWordInstance(icu::Locale("zh"), st));
        return U_FAILURE(st) ? nullptr : std::move(b);
    }();
    if (!words) throw FormatError(std::string("title_lines: ") + _("ICU word break rules are unavailable"));
    words->setText(u);
    std::vector<int32_t> out;
    for (int32_t b = words->first(); b != icu::BreakIterator::DONE; b = words->next()) out.push_back(b);
    return out;
}

/// Where a title may break: a UTF-16 offset, the width before it, and what breaking there costs.
struct BreakPoint {
    int32_t at = 0;
    int width = 0;     // half characters from the start of the title
    double cost = 0;   // added to the imbalance when a line ends here
};

/// The break points of `u`: ICU word boundaries, or with `any_character` every code point
/// boundary (non-word ones at a high cost), minus those the punctuation rules forbid (before
/// closing punctuation, after opening punctuation, inside —— or ……, before a blank).
/// Breaking next to a one-character "word" costs extra, twice between two (the dictionary did
/// not know the word: 办公|室, 整|改), and so does breaking inside brackets or quotes. The
/// first and last entries are the ends.
std::vector<BreakPoint> break_points(const icu::UnicodeString& u, bool any_character) {
    constexpr double kSingle = 9, kInside = 4, kNotAWord = 100;
    std::vector<int32_t> words = word_boundaries(u);
    std::vector<BreakPoint> out{{0, 0, 0}};
    auto is_word_boundary = [&](int32_t at) { return std::binary_search(words.begin(), words.end(), at); };
    // A one-ideograph segment between two word boundaries.
    auto single_ideograph = [&](int32_t from, int32_t to) {
        return from < to && u.countChar32(from, to - from) == 1 && u_hasBinaryProperty(u.char32At(from), UCHAR_IDEOGRAPHIC);
    };
    int width = 0, depth = 0;
    for (int32_t i = 0; i < u.length();) {
        UChar32 c = u.char32At(i);
        int32_t next = i + U16_LENGTH(c);
        width += half_units(c);
        if (opens(c)) ++depth;
        else if ((u_charType(c) == U_END_PUNCTUATION || u_charType(c) == U_FINAL_PUNCTUATION) && depth > 0) --depth;
        i = next;
        if (i == u.length()) break;
        UChar32 after = u.char32At(i);
        bool word = is_word_boundary(i);
        if (!word && !any_character) continue;
        if (closes(after) || opens(c) || u_isUWhiteSpace(after) || half_units(after) == 0) continue;
        if (c == after && u_charType(c) == U_DASH_PUNCTUATION) continue;
        double cost = word ? 0 : kNotAWord;
        if (word) {
            auto w = std::lower_bound(words.begin(), words.end(), i);
            int singles = (single_ideograph(*(w - 1), i) ? 1 : 0) + (single_ideograph(i, *(w + 1)) ? 1 : 0);
            cost += singles * kSingle;
        }
        if (depth > 0) cost += kInside;
        out.push_back({i, width, cost});
    }
    out.push_back({u.length(), width, 0});
    return out;
}

/// The fewest lines of at most `max` half characters the break points allow; 0 if none.
int fewest_lines(const std::vector<BreakPoint>& points, int max) {
    int lines = 0;
    for (size_t from = 0; from + 1 < points.size(); ++lines) {
        size_t to = from;
        while (to + 1 < points.size() && points[to + 1].width - points[from].width <= max) ++to;
        if (to == from) return 0;  // the next break point is too far
        from = to;
    }
    return lines;
}

/// The ends (indices into `points`) of the best `lines` lines of at most `max` half characters.
/// A dynamic programme over (break point, lines so far, length of the last line, shape): the
/// shape is a trapezoid (each line no longer than the next) or a diamond (lengths rise strictly
/// at least once, then fall); the cost is the squared deviation of each line from the mean
/// length plus the costs of the break points; a broken shape is taken only when no other fits.
std::vector<size_t> best_lines(const std::vector<BreakPoint>& points, int max, int lines) {
    enum Shape { kLevel, kRising, kFalling, kBroken, kShapes };  // kLevel: all lines equal so far
    constexpr double kInf = std::numeric_limits<double>::infinity(), kBrokenShape = 1e6;
    const size_t n = points.size();
    const double mean = points.back().width / 2.0 / lines;
    auto index = [&](size_t point, int line, int last, int shape) {
        return ((point * (lines + 1) + line) * (max + 1) + last) * kShapes + shape;
    };
    std::vector<double> cost(n * (lines + 1) * (max + 1) * kShapes, kInf);
    std::vector<size_t> from(cost.size(), SIZE_MAX);
    auto relax = [&](size_t to_state, double c, size_t from_state) {
        if (c < cost[to_state]) cost[to_state] = c, from[to_state] = from_state;
    };
    for (size_t p = 0; p < n; ++p)
        for (int line = 0; line < lines; ++line)
            for (int last = 0; last <= max; ++last)
                for (int shape = 0; shape < kShapes; ++shape) {
                    bool start = p == 0 && line == 0 && last == 0 && shape == kLevel;
                    size_t s = index(p, line, last, shape);
                    if (!start && cost[s] == kInf) continue;
                    double base = start ? 0 : cost[s];
                    for (size_t q = p + 1; q < n && points[q].width - points[p].width <= max; ++q) {
                        int len = points[q].width - points[p].width;
                        if (line + 1 == lines && q + 1 != n) continue;  // the last line ends the title
                        int next = shape;
                        if (line > 0) {
                            if (shape == kLevel) next = len == last ? kLevel : len > last ? kRising : kBroken;
                            else if (shape == kRising) next = len >= last ? kRising : kFalling;
                            else if (shape == kFalling) next = len <= last ? kFalling : kBroken;
                        }
                        double d = len / 2.0 - mean;
                        double c = base + d * d + (q + 1 == n ? 0 : points[q].cost) +
                                   (next == kBroken && shape != kBroken ? kBrokenShape : 0);
                        relax(index(q, line + 1, len, next), c, start ? SIZE_MAX - 1 : s);
                    }
                }
    size_t best = SIZE_MAX;
    for (int last = 0; last <= max; ++last)
        for (int shape = 0; shape < kShapes; ++shape) {
            size_t s = index(n - 1, lines, last, shape);
            if (cost[s] < kInf && (best == SIZE_MAX || cost[s] < cost[best])) best = s;
        }
    std::vector<size_t> ends;
    for (size_t s = best; s != SIZE_MAX && s != SIZE_MAX - 1; s = from[s]) ends.push_back(s / kShapes / (max + 1) / (lines + 1));
    std::reverse(ends.begin(), ends.end());
    return ends;
}

/// `title` in the fewest lines of at most `max_chars` characters, joined with "\n"; see
/// `title_lines` in the README. A title that fits, one that already has a line break, and one
/// that cannot be broken under the rules stay as they are.
std::string title_lines(const std::string& title, int max_chars) {
    constexpr int kMostLines = 8, kLongest = 400;  // beyond that it is not a title: no search over it
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(title);
    if (u.length() > kLongest || title.find('\n') != std::string::npos) return title;
    const int max = 2 * max_chars;
    std::vector<BreakPoint> points = break_points(u, false);
    if (points.back().width <= max) return title;
    int lines = fewest_lines(points, max);
    if (lines == 0) {  // a run longer than a line without a word boundary: any character then
        points = break_points(u, true);
        lines = fewest_lines(points, max);
    }
    if (lines == 0 || lines > kMostLines) return title;
    std::vector<size_t> ends = best_lines(points, max, lines);
    if (ends.empty()) return title;
    std::string out;
    int32_t start = 0;
    for (size_t e : ends) {
        icu::UnicodeString line = u.tempSubStringBetween(start, points[e].at);
        int32_t end = line.length();
        while (end > 0 && u_isUWhiteSpace(line[end - 1])) --end;  // a blank before a break
        if (!out.empty()) out += '\n';
        out += to_utf8(line.tempSubStringBetween(0, end));
        start = points[e].at;
    }
    return out;
}

// ---- argument checks and registration ----

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
