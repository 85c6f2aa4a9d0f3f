// Tests of the built-in formatters and value_to_text.
#include "gongwen/formatters.hpp"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <memory>
#include <set>
#include <thread>

namespace gongwen {
namespace {

using json = nlohmann::json;
using Args = std::vector<std::string>;

/// The built-in formatter `name`; fails the test if missing.
const Formatter& fmt(const std::string& name) {
    const Formatter* f = FormatterRegistry::builtin().find(name);
    if (!f) throw std::runtime_error("no formatter " + name);
    return *f;
}

/// Applies `name` and returns the result.
json run(const std::string& name, const json& value, const Args& args = {}) {
    return fmt(name).apply(value, args);
}

/// The FormatError message of applying `name`, or "<no error>".
std::string error_of(const std::string& name, const json& value, const Args& args = {}) {
    try {
        fmt(name).apply(value, args);
    } catch (const FormatError& e) {
        return e.what();
    }
    return "<no error>";
}

/// The check_args message, or "<ok>".
std::string check(const std::string& name, const Args& args) {
    return fmt(name).check_args(args).value_or("<ok>");
}

TEST(Formatters, CountGivesTheLengthOfAList) {
    EXPECT_EQ(run("count", json::array({1, 2, 3})), 3);
    EXPECT_EQ(run("count", json()), 0);
    EXPECT_TRUE(fmt("count").handles_missing);
    EXPECT_THROW(run("count", "abc"), FormatError);
}

TEST(Formatters, RegistryNamesSortedAndComplete) {
    std::vector<std::string> expected = {"cn",    "cn_upper", "cn_year", "count",   "date", "default", "join",
                                         "lower", "number",   "ordinal", "percent", "title_lines", "trim", "upper"};
    EXPECT_EQ(FormatterRegistry::builtin().names(), expected);
    EXPECT_EQ(&FormatterRegistry::builtin(), &FormatterRegistry::builtin());
    EXPECT_EQ(FormatterRegistry::builtin().find("nope"), nullptr);
    EXPECT_TRUE(fmt("default").handles_missing);
    EXPECT_FALSE(fmt("cn").handles_missing);
}

TEST(Formatters, Cn) {
    EXPECT_EQ(run("cn", 0), "零");
    EXPECT_EQ(run("cn", 3), "三");
    EXPECT_EQ(run("cn", 10), "十");
    EXPECT_EQ(run("cn", 15), "十五");
    EXPECT_EQ(run("cn", 105), "一百零五");
    EXPECT_EQ(run("cn", 1010), "一千零一十");
    EXPECT_EQ(run("cn", 100000), "十万");
    EXPECT_EQ(run("cn", 123456789), "一亿二千三百四十五万六千七百八十九");
    EXPECT_EQ(run("cn", "15"), "十五");
    EXPECT_EQ(run("cn", " 15 "), "十五");
    EXPECT_EQ(run("cn", 3.0), "三");
    EXPECT_EQ(run("cn", json(15u)), "十五");
    EXPECT_EQ(error_of("cn", "abc"), "cn: expected an integer, got \"abc\"");
    EXPECT_EQ(error_of("cn", 3.5), "cn: expected an integer, got 3.5");
    EXPECT_EQ(error_of("cn", "0x10"), "cn: expected an integer, got \"0x10\"");
    EXPECT_EQ(error_of("cn", -3), "cn: expected a non-negative integer, got -3");
    EXPECT_EQ(error_of("cn", "-3"), "cn: expected a non-negative integer, got \"-3\"");
    EXPECT_EQ(error_of("cn", nullptr), "cn: expected an integer, got null");
    EXPECT_EQ(error_of("cn", true), "cn: expected an integer, got true");
    EXPECT_NE(error_of("cn", 1000000000000000000LL).find("too large"), std::string::npos);
    EXPECT_EQ(check("cn", {}), "<ok>");
    EXPECT_EQ(check("cn", {"x"}), "cn takes no arguments, got 1");
    EXPECT_EQ(error_of("cn", 3, {"x"}), "cn takes no arguments, got 1");
}

TEST(Formatters, CnUpper) {
    EXPECT_EQ(run("cn_upper", 105), "壹佰零伍");
    EXPECT_EQ(run("cn_upper", 0), "零");
    EXPECT_EQ(run("cn_upper", "15"), "拾伍");
    EXPECT_EQ(run("cn_upper", 100000), "拾万");
    // Amounts: a fraction is written as money, to the 分.
    EXPECT_EQ(run("cn_upper", 105.5), "壹佰零伍元伍角");
    EXPECT_EQ(run("cn_upper", "105.05"), "壹佰零伍元零伍分");
    EXPECT_EQ(run("cn_upper", 12.34), "拾贰元叁角肆分");
    EXPECT_EQ(run("cn_upper", 0.5), "伍角");
    EXPECT_EQ(error_of("cn_upper", 1.505), "cn_upper: expected an integer or an amount to the 分 (two decimal places), got 1.505");
    EXPECT_EQ(check("cn_upper", {"a", "b"}), "cn_upper takes no arguments, got 2");
}

TEST(Formatters, CnYear) {
    EXPECT_EQ(run("cn_year", 2023), "二〇二三");
    EXPECT_EQ(run("cn_year", "2024"), "二〇二四");
    EXPECT_EQ(run("cn_year", 2000), "二〇〇〇");
    EXPECT_EQ(run("cn_year", "2023-07-05"), "二〇二三");
    EXPECT_EQ(run("cn_year", "2023年7月5日"), "二〇二三");
    EXPECT_EQ(error_of("cn_year", "2023-02-30"), "cn_year: expected a year or a date, got \"2023-02-30\"");
    EXPECT_EQ(error_of("cn_year", "abc"), "cn_year: expected a year or a date, got \"abc\"");
    EXPECT_EQ(error_of("cn_year", -1), "cn_year: expected a non-negative integer, got -1");
    EXPECT_EQ(error_of("cn_year", 15), "cn_year: expected a year of four digits (2023) or a date, got 15");
    EXPECT_EQ(error_of("cn_year", 123456), "cn_year: expected a year of four digits (2023) or a date, got 123456");
    EXPECT_EQ(check("cn_year", {"x"}), "cn_year takes no arguments, got 1");
}

TEST(Formatters, DateOfEightDigits) {
    EXPECT_EQ(run("date", "20230705"), "2023年7月5日");
    EXPECT_EQ(run("date", 20230705), "2023年7月5日");
    EXPECT_EQ(error_of("date", "20230231"), "date: expected a valid date (20230705 is YYYYMMDD), got \"20230231\"");
}

TEST(Formatters, Date) {
    EXPECT_EQ(run("date", "2023-07-05"), "2023年7月5日");
    EXPECT_EQ(run("date", "2023-07-05T14:30"), "2023年7月5日");
    EXPECT_EQ(run("date", "2023-07-05T14:30:15Z", {"yyyy-MM-dd HH:mm:ss"}), "2023-07-05 14:30:15");
    EXPECT_EQ(run("date", "2023-07-05T23:30:00+08:00", {"yyyy-MM-dd HH:mm"}), "2023-07-05 23:30");
    EXPECT_EQ(run("date", "2023/7/5"), "2023年7月5日");
    EXPECT_EQ(run("date", "2023年7月5日", {"yyyy-MM-dd"}), "2023-07-05");
    EXPECT_EQ(run("date", "2023-07-05", {"EEEE"}), "星期三");
    EXPECT_EQ(run("date", "2023-07-05", {"yyyy'年'MM'月'"}), "2023年07月");
    // Days at the edge of the UTC day must not shift whatever the machine's time zone.
    EXPECT_EQ(run("date", "2023-01-01T00:00", {"yyyy-MM-dd"}), "2023-01-01");
    EXPECT_EQ(run("date", "2023-12-31T23:59:59", {"yyyy-MM-dd"}), "2023-12-31");
    // Proleptic Gregorian: no Julian switch in 1582.
    EXPECT_EQ(run("date", "1500-03-01", {"yyyy-MM-dd"}), "1500-03-01");
    // Leap days.
    EXPECT_EQ(run("date", "2024-02-29"), "2024年2月29日");
    EXPECT_EQ(run("date", "2000-02-29"), "2000年2月29日");
    // A date's shape that names no day says why (the data check's parser: one for both).
    EXPECT_EQ(error_of("date", "2023-02-29"), "date: 2023-02-29 is not a valid date: February 2023 has only 28 days");
    EXPECT_EQ(error_of("date", "1900-02-29"), "date: 1900-02-29 is not a valid date: February 1900 has only 28 days");
    EXPECT_EQ(error_of("date", "2024-04-31"), "date: 2024-04-31 is not a valid date: April has only 30 days");
    EXPECT_EQ(error_of("date", "2023-13-01"), "date: 2023-13-01 is not a valid date: there is no month 13");
    EXPECT_EQ(error_of("date", "2023-07-05T25:00"), "date: 2023-07-05T25:00 is not a valid time of day");
    EXPECT_EQ(run("date", "2023.07.05"), "2023年7月5日");
    EXPECT_NE(error_of("date", "2023-07-05x").find("expected a valid date"), std::string::npos);
    EXPECT_NE(error_of("date", "garbage").find("got \"garbage\""), std::string::npos);
    EXPECT_NE(error_of("date", nullptr).find("got null"), std::string::npos);
    // Excel serial dates (1900 system).
    EXPECT_EQ(run("date", 45112), "2023年7月5日");
    EXPECT_EQ(run("date", "45112"), "2023年7月5日");
    EXPECT_EQ(run("date", 45112.75, {"yyyy-MM-dd HH:mm"}), "2023-07-05 18:00");
    EXPECT_EQ(run("date", 1, {"yyyy-MM-dd"}), "1900-01-01");
    EXPECT_EQ(run("date", 59, {"yyyy-MM-dd"}), "1900-02-28");
    EXPECT_EQ(run("date", 61, {"yyyy-MM-dd"}), "1900-03-01");
    EXPECT_EQ(run("date", 2958465, {"yyyy-MM-dd"}), "9999-12-31");
    EXPECT_NE(error_of("date", 60).find("does not exist"), std::string::npos);
    EXPECT_NE(error_of("date", 0).find("Excel serial"), std::string::npos);
    EXPECT_NE(error_of("date", -5).find("Excel serial"), std::string::npos);
    // Patterns, checked at compile time.
    EXPECT_EQ(check("date", {}), "<ok>");
    EXPECT_EQ(check("date", {"yyyy-MM-dd"}), "<ok>");
    EXPECT_EQ(check("date", {"yyyy-MM-dd", "x"}), "date takes at most 1 argument, got 2");
    EXPECT_NE(check("date", {"yyyy-tt"}).find("unknown letter 't'"), std::string::npos);
    EXPECT_NE(check("date", {"yyyy'"}).find("unterminated quote"), std::string::npos);
    EXPECT_NE(check("date", {""}).find("empty date pattern"), std::string::npos);
    EXPECT_NE(error_of("date", "2023-07-05", {"jj"}).find("unknown letter 'j'"), std::string::npos);
}

TEST(Formatters, Percent) {
    EXPECT_EQ(run("percent", 0.125, {"1"}), "12.5%");
    EXPECT_EQ(run("percent", 0.125), "13%");
    EXPECT_EQ(run("percent", 0.0005, {"1"}), "0.1%");
    EXPECT_EQ(run("percent", 0.0015, {"1"}), "0.2%");
    EXPECT_EQ(run("percent", -0.125), "-13%");
    EXPECT_EQ(run("percent", -0.001), "0%");
    EXPECT_EQ(run("percent", -0.0004, {"1"}), "0.0%");
    EXPECT_EQ(run("percent", 0), "0%");
    EXPECT_EQ(run("percent", 1), "100%");
    EXPECT_EQ(run("percent", 12.5), "1250%");
    EXPECT_EQ(run("percent", "0.5"), "50%");
    EXPECT_EQ(run("percent", 0.333333, {"6"}), "33.333300%");
    EXPECT_EQ(error_of("percent", "half"), "percent: expected a number, got \"half\"");
    EXPECT_EQ(error_of("percent", nullptr), "percent: expected a number, got null");
    EXPECT_EQ(check("percent", {"1", "2"}), "percent takes at most 1 argument, got 2");
    EXPECT_EQ(check("percent", {"7"}), "percent: decimals must be an integer from 0 to 6, got \"7\"");
    EXPECT_EQ(check("percent", {"-1"}), "percent: decimals must be an integer from 0 to 6, got \"-1\"");
    EXPECT_EQ(check("percent", {"x"}), "percent: decimals must be an integer from 0 to 6, got \"x\"");
    EXPECT_EQ(check("percent", {"0"}), "<ok>");
}

TEST(Formatters, Number) {
    EXPECT_EQ(run("number", 3.14159, {"2"}), "3.14");
    EXPECT_EQ(run("number", 3.14159), "3");
    EXPECT_EQ(run("number", 2.5), "3");
    EXPECT_EQ(run("number", -2.5), "-3");
    EXPECT_EQ(run("number", 1.005, {"2"}), "1.01");  // decimal rounding, not binary
    EXPECT_EQ(run("number", -0.001, {"2"}), "0.00");
    EXPECT_EQ(run("number", 1234567.891, {"1"}), "1234567.9");  // no grouping
    EXPECT_EQ(run("number", 100000, {"2"}), "100000.00");
    EXPECT_EQ(run("number", "15", {"1"}), "15.0");
    EXPECT_EQ(run("number", "1e3"), "1000");
    EXPECT_EQ(error_of("number", "1,000"), "number: expected a number, got \"1,000\"");
    EXPECT_EQ(error_of("number", "inf"), "number: expected a number, got \"inf\"");
    EXPECT_EQ(error_of("number", json::array()), "number: expected a number, got []");
    EXPECT_EQ(check("number", {"2.5"}), "number: decimals must be an integer from 0 to 6, got \"2.5\"");
    EXPECT_EQ(error_of("number", 1, {"9"}), "number: decimals must be an integer from 0 to 6, got \"9\"");
}

TEST(Formatters, Default) {
    EXPECT_EQ(run("default", nullptr, {"无"}), "无");
    EXPECT_EQ(run("default", "", {"无"}), "无");
    EXPECT_EQ(run("default", json::array(), {"无"}), "无");
    EXPECT_EQ(run("default", "有", {"无"}), "有");
    EXPECT_EQ(run("default", 0, {"无"}), 0);
    EXPECT_EQ(run("default", false, {"无"}), false);
    EXPECT_EQ(run("default", json::array({1}), {"无"}), json::array({1}));
    EXPECT_EQ(check("default", {}), "default takes exactly 1 argument, got 0");
    EXPECT_EQ(check("default", {"a", "b"}), "default takes exactly 1 argument, got 2");
    EXPECT_EQ(error_of("default", nullptr), "default takes exactly 1 argument, got 0");
}

TEST(Formatters, Join) {
    EXPECT_EQ(run("join", json::array({"甲", "乙", "丙"})), "甲、乙、丙");
    EXPECT_EQ(run("join", json::array({"a", 1, 2.5, true}), {", "}), "a, 1, 2.5, true");
    EXPECT_EQ(run("join", json::array()), "");
    EXPECT_EQ(run("join", json::array({"x"}), {"/"}), "x");
    EXPECT_EQ(run("join", "text", {"/"}), "text");
    EXPECT_EQ(run("join", nullptr), nullptr);
    EXPECT_EQ(check("join", {"a", "b"}), "join takes at most 1 argument, got 2");
}

TEST(Formatters, Ordinal) {
    EXPECT_EQ(run("ordinal", 1), "一是");
    EXPECT_EQ(run("ordinal", 2), "二是");
    EXPECT_EQ(run("ordinal", 12), "十二是");
    EXPECT_EQ(run("ordinal", 3, {"（#）"}), "（三）");
    EXPECT_EQ(error_of("ordinal", 0), "ordinal: expected a position from 1 (一是, 二是, …), got 0");
    EXPECT_EQ(run("ordinal", "3", {"第#"}), "第三");
    EXPECT_EQ(run("ordinal", 10, {"第#条"}), "第十条");
    EXPECT_EQ(error_of("ordinal", "x"), "ordinal: expected an integer, got \"x\"");
    EXPECT_NE(check("ordinal", {"第"}).find("no '#'"), std::string::npos);
    EXPECT_EQ(check("ordinal", {"a#", "b"}), "ordinal takes at most 1 argument, got 2");
    EXPECT_NE(error_of("ordinal", 3, {"第"}).find("no '#'"), std::string::npos);
}

TEST(Formatters, UpperLower) {
    EXPECT_EQ(run("upper", "abc 中文 é"), "ABC 中文 É");
    EXPECT_EQ(run("upper", "straße"), "STRASSE");
    EXPECT_EQ(run("lower", "ABC Ä"), "abc ä");
    EXPECT_EQ(run("lower", "I"), "i");  // root locale: no Turkish dotless i
    EXPECT_EQ(run("upper", nullptr), nullptr);
    EXPECT_EQ(run("upper", true), "TRUE");
    EXPECT_EQ(check("upper", {"x"}), "upper takes no arguments, got 1");
    EXPECT_EQ(check("lower", {"x"}), "lower takes no arguments, got 1");
}

TEST(Formatters, Trim) {
    EXPECT_EQ(run("trim", "  a b  "), "a b");
    EXPECT_EQ(run("trim", "\u3000\u3000正文\u3000"), "正文");
    EXPECT_EQ(run("trim", "\t\n\u00a0x\u2003"), "x");
    EXPECT_EQ(run("trim", " \u3000 "), "");
    EXPECT_EQ(run("trim", "中\u3000文"), "中\u3000文");
    EXPECT_EQ(run("trim", nullptr), nullptr);
    EXPECT_EQ(check("trim", {""}), "trim takes no arguments, got 1");
}

// ---- title_lines: a long title in a trapezoid or a diamond, broken at ICU word boundaries ----

/// The lines of `s`, split at "\n".
std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    size_t from = 0;
    for (size_t at; (at = s.find('\n', from)) != std::string::npos; from = at + 1) out.push_back(s.substr(from, at - from));
    out.push_back(s.substr(from));
    return out;
}

/// Width in characters: ASCII counts one half, everything else here one.
double width(const std::string& s) {
    double w = 0;
    for (unsigned char c : s)
        if (c < 0x80) w += 0.5;
        else if ((c & 0xC0) != 0x80) w += 1;
    return w;
}

/// The UTF-16 offsets ICU's dictionary-based Chinese word break iterator gives for `s`,
/// computed here independently of the formatter.
std::set<int32_t> icu_word_boundaries(const std::string& s) {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale("zh"), st));
    EXPECT_TRUE(U_SUCCESS(st)) << u_errorName(st);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    it->setText(u);
    std::set<int32_t> out;
    for (int32_t b = it->first(); b != icu::BreakIterator::DONE; b = it->next()) out.insert(b);
    return out;
}

/// Checks what every broken title must satisfy and returns its lines: the text unchanged but
/// for the breaks, each break an ICU word boundary that splits none of `words`, no line longer
/// than `max`, no line starting with closing or ending with opening punctuation, and the
/// lengths a trapezoid (each no longer than the next) or a diamond (rising, then falling).
std::vector<std::string> checked_lines(const std::string& title, int max, const std::vector<std::string>& words = {}) {
    std::string got = run("title_lines", title, max == 20 ? Args{} : Args{std::to_string(max)}).get<std::string>();
    std::vector<std::string> lines = lines_of(got);
    std::string rejoined;
    for (const auto& l : lines) rejoined += l;
    EXPECT_EQ(rejoined, title) << got;
    std::set<int32_t> boundaries = icu_word_boundaries(title);
    std::string before;
    std::vector<double> widths;
    for (size_t i = 0; i < lines.size(); ++i) {
        widths.push_back(width(lines[i]));
        EXPECT_LE(widths.back(), max) << "line " << i + 1 << " of\n" << got;
        if (i + 1 == lines.size()) break;
        before += lines[i];
        int32_t at = icu::UnicodeString::fromUTF8(before).length();
        EXPECT_TRUE(boundaries.count(at)) << "break after 「" << before << "」 is not an ICU word boundary";
        for (const auto& w : words)
            for (size_t p = title.find(w); p != std::string::npos; p = title.find(w, p + 1))
                EXPECT_FALSE(p < before.size() && before.size() < p + w.size()) << "「" << w << "」 broken in\n" << got;
        for (const char* closing : {"，", "、", "。", "）", "》", "”"})
            EXPECT_NE(lines[i + 1].rfind(closing, 0), 0u) << "line " << i + 2 << " starts with " << closing << ":\n" << got;
        for (const char* opening : {"（", "《", "“"}) {
            std::string o = opening;
            EXPECT_FALSE(lines[i].size() >= o.size() && lines[i].compare(lines[i].size() - o.size(), o.size(), o) == 0)
                << "line " << i + 1 << " ends with " << opening << ":\n" << got;
        }
    }
    size_t peak = 0;  // the end of the rising part: a trapezoid when it is the last line
    while (peak + 1 < widths.size() && widths[peak] <= widths[peak + 1]) ++peak;
    for (size_t i = peak; i + 1 < widths.size(); ++i) EXPECT_GE(widths[i], widths[i + 1]) << "neither a trapezoid nor a diamond:\n" << got;
    if (peak + 1 < widths.size()) EXPECT_LT(widths[0], widths[peak]) << "an inverted trapezoid:\n" << got;
    return lines;
}

TEST(TitleLines, ShortTitleStaysOneLine) {
    EXPECT_EQ(run("title_lines", "清河县2023年上半年巡察工作总结"), "清河县2023年上半年巡察工作总结");
    EXPECT_EQ(run("title_lines", "关于对县委第三轮巡察反馈问题整改情况的通报"), "关于对县委第三轮巡察\n反馈问题整改情况的通报");
    EXPECT_EQ(run("title_lines", "关于对县委第三轮巡察反馈问题整改情况的通报", {"21"}), "关于对县委第三轮巡察反馈问题整改情况的通报");
    EXPECT_EQ(run("title_lines", nullptr), nullptr);
    EXPECT_EQ(run("title_lines", ""), "");
}

TEST(TitleLines, HalfWidthDigitsCountHalf) {
    // 22 code points, but the four digits are two characters wide: 20, it fits.
    const std::string fits = "关于开展2024年度第一轮常规巡察工作的通知";
    EXPECT_EQ(run("title_lines", fits), fits);
    std::vector<std::string> lines = checked_lines("县委巡察工作领导小组关于开展2024年度第一轮常规巡察工作的通知", 20);
    EXPECT_EQ(lines, (std::vector<std::string>{"县委巡察工作领导小组关于开展", "2024年度第一轮常规巡察工作的通知"}));
}

TEST(TitleLines, ThirtyEightCharactersMakeTwoEvenLinesAtAWordBoundary) {
    const std::string title = "关于县委第二巡察组对县人民医院党委开展常规巡察反馈问题整改落实情况的专题报告";
    ASSERT_EQ(width(title), 38);
    std::vector<std::string> lines = checked_lines(title, 20, {"反馈问题", "整改", "报告", "巡察组", "人民医院", "党委"});
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(width(lines[0]), 19);
    EXPECT_EQ(lines[0], "关于县委第二巡察组对县人民医院党委开展");

    const std::string forty = "关于县委第三巡察组对县教育局党组开展常规巡察发现问题反馈和整改工作有关事项的通知";
    lines = checked_lines(forty, 20, {"发现问题", "反馈", "整改", "通知", "教育局", "有关事项"});
    EXPECT_EQ(lines, (std::vector<std::string>{"关于县委第三巡察组对县教育局党组开展常规", "巡察发现问题反馈和整改工作有关事项的通知"}));
}

TEST(TitleLines, LongTitlesTakeThreeLines) {
    const std::string title = "中共清河县委巡察工作领导小组关于对县教育局等六个单位开展第三轮巡察反馈问题整改情况监督检查的通报";
    ASSERT_EQ(width(title), 48);
    std::vector<std::string> lines = checked_lines(title, 20, {"反馈问题", "整改", "监督检查", "通报", "领导小组", "教育局"});
    EXPECT_EQ(lines.size(), 3u);

    // Brackets: never a line ending with 《 or （, nor starting with 》 or ）.
    const std::string book = "中共某某县委巡察工作领导小组办公室关于印发《县委巡察机构与纪检监察机关协作配合办法（试行）》的通知";
    ASSERT_EQ(width(book), 49);
    lines = checked_lines(book, 20, {"试行", "通知", "关于", "印发", "协作", "配合"});
    EXPECT_EQ(lines.size(), 3u);

    // Narrower lines: the fewest that fit.
    lines = checked_lines("关于县委第三巡察组对县教育局党组开展常规巡察发现问题反馈和整改工作有关事项的通知", 15,
                          {"发现问题", "通知", "教育局"});
    EXPECT_EQ(lines.size(), 3u);
    lines = checked_lines("关于县委第三巡察组对县教育局党组开展常规巡察发现问题反馈和整改工作有关事项的通知", 12,
                          {"发现问题", "通知", "教育局", "整改"});
    EXPECT_EQ(lines.size(), 4u);
}

TEST(TitleLines, TitlesAlreadyBrokenOrUnbreakableStayAsTheyAre) {
    const std::string broken = "关于县委第三巡察组对县教育局党组\n开展常规巡察发现问题反馈和整改工作有关事项的通知";
    EXPECT_EQ(run("title_lines", broken), broken);
    // No word boundary within a line: any character boundary then, still under the rules.
    EXPECT_EQ(run("title_lines", std::string(60, 'x'), {"10"}),
              std::string(20, 'x') + "\n" + std::string(20, 'x') + "\n" + std::string(20, 'x'));
    // Nothing but closing punctuation: no break is allowed, the title stays one line.
    std::string closing;
    for (int i = 0; i < 25; ++i) closing += "。";
    EXPECT_EQ(run("title_lines", closing), closing);
}

TEST(TitleLines, Arguments) {
    EXPECT_EQ(check("title_lines", {}), "<ok>");
    EXPECT_EQ(check("title_lines", {"18"}), "<ok>");
    EXPECT_EQ(check("title_lines", {"x"}), "title_lines: characters a line must be an integer from 2 to 50, got \"x\"");
    EXPECT_EQ(check("title_lines", {"1"}), "title_lines: characters a line must be an integer from 2 to 50, got \"1\"");
    EXPECT_EQ(check("title_lines", {"20", "1"}), "title_lines takes at most 1 argument, got 2");
    EXPECT_EQ(run("title_lines", 12345), "12345");
}

TEST(Formatters, ValueToText) {
    EXPECT_EQ(value_to_text("文本"), "文本");
    EXPECT_EQ(value_to_text(42), "42");
    EXPECT_EQ(value_to_text(-7), "-7");
    EXPECT_EQ(value_to_text(json(18446744073709551615ull)), "18446744073709551615");
    EXPECT_EQ(value_to_text(3.0), "3");
    EXPECT_EQ(value_to_text(-0.0), "0");
    EXPECT_EQ(value_to_text(12.5), "12.5");
    EXPECT_EQ(value_to_text(0.1), "0.1");
    EXPECT_EQ(value_to_text(1e20), "1e+20");
    EXPECT_EQ(value_to_text(true), "true");
    EXPECT_EQ(value_to_text(false), "false");
    EXPECT_EQ(value_to_text(nullptr), "");
    EXPECT_EQ(value_to_text(json::array({"a", 1, json::array({"b", "c"})})), "a、1、b、c");
    EXPECT_EQ(value_to_text(json{{"k", "值"}}), "{\"k\":\"值\"}");
}

TEST(Formatters, ThreadsGiveSameResults) {
    std::vector<std::thread> threads;
    std::vector<int> ok(8, 0);
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([t, &ok] {
            bool good = true;
            for (int i = 0; i < 200; ++i) {
                good = good && run("cn", 105) == "一百零五" && run("date", 45112) == "2023年7月5日" &&
                       run("percent", 0.125, {"1"}) == "12.5%" &&
                       run("title_lines", "关于对县委第三轮巡察反馈问题整改情况的通报") == "关于对县委第三轮巡察\n反馈问题整改情况的通报";
            }
            ok[t] = good;
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(ok, std::vector<int>(8, 1));
}

}  // namespace
}  // namespace gongwen
