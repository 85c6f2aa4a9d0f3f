// title_lines: a long title broken into a trapezoid or a diamond at word boundaries (ICU's
// dictionary-based Chinese word breaks), the punctuation rules kept.
#include "formatters/common.hpp"

#include "gongwen/i18n.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>

namespace gongwen::formatters {

using i18n::_;

namespace {

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

} // namespace

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

} // namespace gongwen::formatters
