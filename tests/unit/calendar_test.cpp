// The one date/serial/text utility (gongwen/calendar.hpp, gongwen/text.hpp) and the one rule for a
// table's row as data (table_row_data).
#include "gongwen/calendar.hpp"
#include "gongwen/plugin.hpp"
#include "gongwen/plugin_sdk.hpp"
#include "gongwen/text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace cal = gongwen::calendar;
using nlohmann::json;

namespace {

std::string ymd(const cal::CivilDate& c) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", c.y, c.m, c.d, c.hh, c.mi, c.ss);
    return buf;
}

std::string serial(double s, cal::ExcelEpoch e = cal::ExcelEpoch::e1900) {
    cal::ExcelDate d = cal::from_excel_serial(s, e);
    if (d.kind == cal::ExcelDate::phantom_leap_day) return "phantom";
    if (d.kind == cal::ExcelDate::out_of_range) return "out of range";
    return ymd(d.when);
}

} // namespace

TEST(Calendar, DaysAndDatesBothWays) {
    EXPECT_EQ(cal::days_from_civil(1970, 1, 1), 0);
    EXPECT_EQ(cal::days_from_civil(2000, 3, 1), 11017);
    EXPECT_EQ(cal::days_from_civil(1899, 12, 30), -25569);
    for (std::int64_t z : {-719468LL, -25569LL, -1LL, 0LL, 59LL, 11016LL, 19723LL, 2932896LL}) {
        cal::CivilDate c = cal::civil_from_days(z);
        EXPECT_EQ(cal::days_from_civil(c.y, c.m, c.d), z) << ymd(c);
    }
    EXPECT_EQ(ymd(cal::civil_from_days(19723)), "2024-01-01 00:00:00");
    EXPECT_EQ(cal::days_in_month(2024, 2), 29);
    EXPECT_EQ(cal::days_in_month(1900, 2), 28);
    EXPECT_EQ(cal::days_in_month(2000, 2), 29);
}

// Excel's 1900 system counts a 1900-02-29 that never was (serial 60): serials before it are one
// day off the epoch the others follow; the 1904 system (date1904) starts at 0 = 1904-01-01.
TEST(Calendar, ExcelSerialsInBothDateSystems) {
    EXPECT_EQ(serial(0), "1899-12-31 00:00:00");
    EXPECT_EQ(serial(1), "1900-01-01 00:00:00");
    EXPECT_EQ(serial(59), "1900-02-28 00:00:00");
    EXPECT_EQ(serial(60), "phantom");
    EXPECT_EQ(serial(61), "1900-03-01 00:00:00");
    EXPECT_EQ(serial(25569), "1970-01-01 00:00:00");
    EXPECT_EQ(serial(45000.5), "2023-03-15 12:00:00");
    EXPECT_EQ(serial(45112.75), "2023-07-05 18:00:00");
    EXPECT_EQ(serial(45112.9999999), "2023-07-06 00:00:00");  // to the nearest second
    EXPECT_EQ(serial(2958465), "9999-12-31 00:00:00");
    EXPECT_EQ(serial(2958466), "out of range");
    EXPECT_EQ(serial(-1), "out of range");
    EXPECT_EQ(serial(0, cal::ExcelEpoch::e1904), "1904-01-01 00:00:00");
    EXPECT_EQ(serial(60, cal::ExcelEpoch::e1904), "1904-03-01 00:00:00");  // no phantom day there
    EXPECT_EQ(serial(24107, cal::ExcelEpoch::e1904), "1970-01-01 00:00:00");
    EXPECT_EQ(serial(43650, cal::ExcelEpoch::e1904), "2023-07-05 00:00:00");  // 45112 in the 1900 system
    EXPECT_EQ(serial(2957003, cal::ExcelEpoch::e1904), "9999-12-31 00:00:00");
    EXPECT_EQ(serial(2957004, cal::ExcelEpoch::e1904), "out of range");
}

TEST(Calendar, OneParserForEveryForm) {
    cal::DateForm form{};
    auto d = cal::parse_date(" 2023-07-05 ", nullptr, &form);
    ASSERT_TRUE(d);
    EXPECT_EQ(ymd(*d), "2023-07-05 00:00:00");
    EXPECT_EQ(form, cal::DateForm::iso);
    ASSERT_TRUE(cal::parse_date("2023/7/5", nullptr, &form));
    EXPECT_EQ(form, cal::DateForm::slash);
    ASSERT_TRUE(cal::parse_date("2023.7.5", nullptr, &form));
    EXPECT_EQ(form, cal::DateForm::dot);
    ASSERT_TRUE(cal::parse_date("2023年7月5日", nullptr, &form));
    EXPECT_EQ(form, cal::DateForm::chinese);
    d = cal::parse_date("2023-07-05T08:30:15+08:00", nullptr, &form);
    ASSERT_TRUE(d);
    EXPECT_EQ(ymd(*d), "2023-07-05 08:30:15");
    EXPECT_EQ(form, cal::DateForm::iso_with_time);
    cal::DateProblem p;
    EXPECT_FALSE(cal::parse_date("2024-04-31", &p));
    EXPECT_EQ(p.kind, cal::DateProblem::day);
    EXPECT_EQ(p.month_number, 4);
    EXPECT_FALSE(cal::parse_date("2023-13-01", &p));
    EXPECT_EQ(p.kind, cal::DateProblem::month);
    EXPECT_FALSE(cal::parse_date("2023-07-05T25:00", &p));
    EXPECT_EQ(p.kind, cal::DateProblem::time_of_day);
    p = {};
    EXPECT_FALSE(cal::parse_date("July 5", &p));
    EXPECT_EQ(p.kind, cal::DateProblem::none);
}

// The SDK's ISO dates go through the same parser: a day the month does not have is refused
// (it was moved into the next month: 2023-02-31 read as 2023-03-03).
TEST(Calendar, SdkDatesUseTheOneParser) {
    EXPECT_EQ(gongwen::sdk::days_from_iso("2023-07-05"), 19543);
    EXPECT_EQ(gongwen::sdk::iso_from_days(19543), "2023-07-05");
    EXPECT_THROW(gongwen::sdk::days_from_iso("2023-02-31"), std::runtime_error);
    EXPECT_THROW(gongwen::sdk::days_from_iso("2023年7月5日"), std::runtime_error);
    EXPECT_THROW(gongwen::sdk::days_from_iso("2023-07-05T08:00"), std::runtime_error);
}

TEST(Text, TrimTakesTheAsciiBlanks) {
    EXPECT_EQ(gongwen::text::trim(" \t a b \r\n"), "a b");
    EXPECT_EQ(gongwen::text::trim(" \r\n"), "");
    EXPECT_EQ(gongwen::text::trim("\u3000x\u3000"), "\u3000x\u3000");  // not the ideographic space
}

// A table's row as data: the same rule as every other key of data (a name beside its own label
// wins, whatever the column order: batch let the later column win), a list of lines in one cell
// split.
TEST(TableRowData, NamesLabelsAndLinesInOneCell) {
    gongwen::FieldSpec unit;
    unit.name = "unit";
    unit.label.zh = "单位";
    gongwen::FieldSpec lines;
    lines.name = "lines";
    lines.label.zh = "要求";
    lines.type = gongwen::FieldType::list;
    std::vector<gongwen::FieldSpec> fields = {unit, lines};
    json row = {{"单位", "by label"}, {"unit", "by name"}, {"要求", "一；二;三\n 四 \n\n"}, {"其他", 1}};
    json data = gongwen::table_row_data(fields, row);
    EXPECT_EQ(data["unit"], "by name");
    EXPECT_EQ(data["lines"], json::array({"一", "二", "三", "四"}));
    EXPECT_EQ(data["其他"], 1);
    EXPECT_FALSE(data.contains("单位"));
}
