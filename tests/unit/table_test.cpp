// Data readers for `gongwen batch`: CSV (UTF-8 and GB18030), XLSX, JSON and JSON Lines.
#include "gongwen/diagnostics.hpp"
#include "gongwen/package.hpp"
#include "gongwen/table.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gongwen {
namespace {

using nlohmann::json;

std::string data_path(const std::string& name) { return std::string(GONGWEN_SOURCE_DIR) + "/tests/data/" + name; }

// The first diagnostic of the Error `f` throws; a failed expectation when it throws none.
template <class F>
Diagnostic error_of(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.diagnostics().items().front();
    }
    ADD_FAILURE() << "no error thrown";
    return {};
}

// What rows.csv holds, as read_csv_bytes should give it.
const std::vector<std::string> kColumns = {"姓名", "部门", "职务", "联系电话", "备注"};

std::vector<json> expected_rows() {
    return {
        {{"姓名", "张三"}, {"部门", "办公室"}, {"职务", "主任"}, {"联系电话", "010-12345678"}, {"备注", "负责文件起草, 审核"}},
        {{"姓名", "李四"}, {"部门", "财务处"}, {"职务", "副处长"}, {"联系电话", "13800138000"}, {"备注", "多行\n备注"}},
        {{"姓名", "王五"}, {"部门", "人事处"}, {"职务", "科员"}},
        {{"姓名", "赵六"}, {"部门", "信息中心"}, {"职务", "工程师"}, {"联系电话", "0755-88886666"}, {"备注", "他说\"好的\""}},
        {{"姓名", "𠮷田"}, {"部门", "国际合作处"}, {"职务", "翻译"}},
        {{"姓名", "阿依古丽·买买提"}, {"部门", "办公室"}, {"职务", "科员"}},
    };
}

void expect_rows_fixture(const DataTable& t, const std::vector<int>& numbers) {
    EXPECT_EQ(t.columns, kColumns) << t.label;
    EXPECT_EQ(t.rows, expected_rows()) << t.label;
    EXPECT_EQ(t.row_numbers, numbers) << t.label;
}

// ---------------------------------------------------------------- the same rows from every format

TEST(Table, EveryFormatOfTheFixtureGivesTheSameRows) {
    // CSV: the record of 李四 spans lines 3-4, so the rows after it start one line later.
    expect_rows_fixture(read_table(data_path("rows.csv")), {2, 3, 5, 6, 7, 8});
    expect_rows_fixture(read_table(data_path("rows-gb18030.csv")), {2, 3, 5, 6, 7, 8});
    TableOptions gb;
    gb.encoding = "GB18030";
    expect_rows_fixture(read_table(data_path("rows-gb18030.csv"), gb), {2, 3, 5, 6, 7, 8});
    expect_rows_fixture(read_table(data_path("rows.json")), {1, 2, 3, 4, 5, 6});
    expect_rows_fixture(read_table(data_path("rows.jsonl")), {1, 2, 3, 4, 5, 6});
    // LibreOffice's conversion of rows.csv: shared strings, rich-text runs, a cell with " 信息中心 ".
    expect_rows_fixture(read_table(data_path("rows.xlsx")), {2, 3, 4, 5, 6, 7});
}

TEST(Table, LabelsNameTheFileAndAChosenSheet) {
    EXPECT_EQ(read_table(data_path("rows.csv")).label, data_path("rows.csv"));
    EXPECT_EQ(read_table(data_path("rows.xlsx")).label, data_path("rows.xlsx"));
    TableOptions o;
    o.sheet = "Q2 data";
    EXPECT_EQ(read_table(data_path("types.xlsx"), o).label, data_path("types.xlsx") + ":Q2 data");
}

// ---------------------------------------------------------------- CSV

TEST(Csv, BomCrlfQuotesAndBlankLines) {
    DataTable t = read_csv_bytes("\xEF\xBB\xBF" " a , b ,c\r\n1,\"x,\r\ny\",\"\"\"q\"\"\"\r\n\r\n,,\r\n 2 , \"  \" ,3\r\n\r\n\r\n", "t.csv");
    EXPECT_EQ(t.columns, (std::vector<std::string>{"a", "b", "c"}));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0], (json{{"a", "1"}, {"b", "x,\ny"}, {"c", "\"q\""}}));
    EXPECT_EQ(t.rows[1], (json{{"a", "2"}, {"c", "3"}}));  // an all-space value is an absent key
    EXPECT_EQ(t.row_numbers, (std::vector<int>{2, 6}));
}

TEST(Csv, LastLineWithoutNewlineAndHeaderOnly) {
    DataTable t = read_csv_bytes("a,b\n1,2", "t.csv");
    EXPECT_EQ(t.rows, (std::vector<json>{{{"a", "1"}, {"b", "2"}}}));
    EXPECT_TRUE(read_csv_bytes("a,b\n", "t.csv").rows.empty());
}

TEST(Csv, TrailingNamelessColumnsAsExcelWritesThem) {
    DataTable t = read_csv_bytes("a,b,,\n1,2,,\n", "t.csv");
    EXPECT_EQ(t.columns, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(t.rows.size(), 1u);
    Diagnostic d = error_of([] { read_csv_bytes("a,b,,\n1,2,,x\n", "t.csv"); });
    EXPECT_EQ(d.code, "bad-csv");
    EXPECT_EQ(d.file, "t.csv:2");
}

TEST(Csv, RaggedRowsNameTheirLine) {
    Diagnostic fewer = error_of([] { read_csv_bytes("a,b,c\n1,2,3\n\"x\ny\",2\n", "t.csv"); });
    EXPECT_EQ(fewer.code, "bad-csv");
    EXPECT_EQ(fewer.file, "t.csv:3");
    EXPECT_NE(fewer.message.find("2 fields but the header has 3"), std::string::npos) << fewer.message;
    Diagnostic more = error_of([] { read_csv_bytes("a,b\n1,2\n\n1,2,3\n", "t.csv"); });
    EXPECT_EQ(more.file, "t.csv:4");
    EXPECT_EQ(more.to_string().substr(0, 24), "t.csv:4: error[bad-csv]:");
}

TEST(Csv, UnterminatedQuoteNamesTheLineWhereTheFieldBegan) {
    Diagnostic d = error_of([] { read_csv_bytes("a,b\n1,2\n3,\"never\nends\n\n", "t.csv"); });
    EXPECT_EQ(d.code, "bad-csv");
    EXPECT_EQ(d.file, "t.csv:3");
    Diagnostic after = error_of([] { read_csv_bytes("a,b\n1,\"x\"y\n", "t.csv"); });
    EXPECT_EQ(after.code, "bad-csv");
    EXPECT_EQ(after.file, "t.csv:2");
}

TEST(Csv, EmptyOrRepeatedHeaderNamesTheColumn) {
    Diagnostic dup = error_of([] { read_csv_bytes("\n姓名,部门, 姓名 \n1,2,3\n", "t.csv"); });
    EXPECT_EQ(dup.code, "bad-header");
    EXPECT_EQ(dup.file, "t.csv:2");
    EXPECT_NE(dup.message.find("column 3"), std::string::npos) << dup.message;
    EXPECT_NE(dup.message.find("\"姓名\", repeats column 1"), std::string::npos) << dup.message;
    Diagnostic empty = error_of([] { read_csv_bytes("a, ,c\n", "t.csv"); });
    EXPECT_EQ(empty.code, "bad-header");
    EXPECT_NE(empty.message.find("column 2"), std::string::npos) << empty.message;
    EXPECT_EQ(error_of([] { read_csv_bytes("", "t.csv"); }).code, "bad-csv");
    EXPECT_EQ(error_of([] { read_csv_bytes("\n\n", "t.csv"); }).code, "bad-csv");
}

TEST(Csv, Gb18030GivenAsUtf8IsABadEncodingOnItsLine) {
    TableOptions utf8;
    utf8.encoding = "UTF-8";
    Diagnostic d = error_of([&] { read_csv_bytes("name,dept\nabc,def\n\xD5\xC5\xC8\xFD,x\n", "t.csv", utf8); });
    EXPECT_EQ(d.code, "bad-encoding");
    EXPECT_EQ(d.file, "t.csv:3");
    EXPECT_NE(d.message.find("0xD5"), std::string::npos) << d.message;
    EXPECT_NE(d.message.find("--encoding GB18030"), std::string::npos) << d.message;
    // The whole fixture: its header is already GB18030.
    Diagnostic f = error_of([&] { read_table(data_path("rows-gb18030.csv"), utf8); });
    EXPECT_EQ(f.file, data_path("rows-gb18030.csv") + ":1");
}

TEST(Csv, GbkCannotHoldWhatOnlyGb18030Encodes) {
    // 𠮷 (U+20BB7) is a four-byte GB18030 sequence, outside GBK: line 7 of the fixture.
    TableOptions gbk;
    gbk.encoding = "GBK";
    Diagnostic d = error_of([&] { read_table(data_path("rows-gb18030.csv"), gbk); });
    EXPECT_EQ(d.code, "bad-encoding");
    EXPECT_EQ(d.file, data_path("rows-gb18030.csv") + ":7");
    // Text within GBK reads the same either way.
    DataTable t = read_csv_bytes("\xD0\xD5\xC3\xFB\n\xD5\xC5\xC8\xFD\n", "t.csv", gbk);
    EXPECT_EQ(t.rows, (std::vector<json>{{{"姓名", "张三"}}}));
}

TEST(Csv, NeitherUtf8NorGb18030AndOtherEncodingErrors) {
    Diagnostic d = error_of([] { read_csv_bytes("a\nok\n\xFF\n", "t.csv"); });
    EXPECT_EQ(d.code, "bad-encoding");
    EXPECT_EQ(d.file, "t.csv:3");
    EXPECT_EQ(error_of([] { read_csv_bytes("\xFF\xFE" "a\0", "t.csv"); }).code, "bad-encoding");  // UTF-16
    TableOptions bogus;
    bogus.encoding = "no-such-encoding";
    EXPECT_EQ(error_of([&] { read_csv_bytes("a\n", "t.csv", bogus); }).code, "bad-encoding");
    // A BOM promises UTF-8: no guessing past it.
    EXPECT_EQ(error_of([] { read_csv_bytes("\xEF\xBB\xBF" "a\n\xD5\xC5\n", "t.csv"); }).file, "t.csv:2");
}

TEST(Csv, TooManyRows) {
    TableOptions o;
    o.max_rows = 2;
    EXPECT_EQ(read_csv_bytes("a\n1\n2\n", "t.csv", o).rows.size(), 2u);
    Diagnostic d = error_of([&] { read_csv_bytes("a\n1\n2\n3\n", "t.csv", o); });
    EXPECT_EQ(d.code, "too-many-rows");
    EXPECT_EQ(d.file, "t.csv:4");
    EXPECT_NE(d.message.find("--max-rows"), std::string::npos);
}

// ---------------------------------------------------------------- XLSX: types.xlsx (make_xlsx_fixtures.py)

TEST(Xlsx, TypedCellsOfTheFirstSheet) {
    DataTable t = read_table(data_path("types.xlsx"));
    EXPECT_EQ(t.columns, (std::vector<std::string>{"名称", "日期", "时间", "数量", "金额", "通过", "备注", "天数"}));
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.row_numbers, (std::vector<int>{2, 3, 5}));  // row 4 holds only formatting

    const json& a = t.rows[0];
    EXPECT_EQ(a["名称"], "甲");                          // shared string
    EXPECT_EQ(a["日期"], "2024-01-01");                  // builtin 14
    EXPECT_EQ(a["时间"], "2024-01-01T13:30:00");         // custom yyyy-mm-dd hh:mm:ss
    EXPECT_TRUE(a["数量"].is_number_integer());
    EXPECT_EQ(a["数量"], 42);
    EXPECT_TRUE(a["金额"].is_number_float());
    EXPECT_EQ(a["金额"], 1234.5);
    EXPECT_EQ(a["通过"], true);
    EXPECT_EQ(a["备注"], "内联文本");                    // inline string, two runs
    EXPECT_EQ(a["天数"], 3);                             // 0" days": quoted letters are no date

    const json& b = t.rows[1];
    EXPECT_EQ(b["名称"], "乙");                          // t="str", a formula's text
    EXPECT_EQ(b["日期"], "2024-02-29");                  // yyyy"年"m"月"d"日"
    EXPECT_EQ(b["时间"], "18:00:00");                    // builtin 20, h:mm
    EXPECT_EQ(b["数量"], 84);                            // a formula's cached number
    EXPECT_EQ(b["金额"], -0.25);                         // [Red]0.00 is a number format
    EXPECT_EQ(b["通过"], false);
    EXPECT_EQ(b["备注"], "富 文本");                     // rich runs joined, the phonetic run left out
    EXPECT_EQ(b["天数"], "a\rb");                        // _x000D_

    const json& c = t.rows[2];  // row and cells without references
    EXPECT_EQ(c["名称"], "丙");
    EXPECT_EQ(c["日期"], "1900-01-01");                  // builtin 31, the Chinese long date; serial 1
    EXPECT_EQ(c["时间"], "36:00:00");                    // [h]:mm:ss passes 24 hours
    EXPECT_EQ(c["数量"], 12345678901LL);
    EXPECT_EQ(c["金额"], 0.001);
    EXPECT_FALSE(c.contains("通过"));
}

TEST(Xlsx, FormulaErrorNamesTheCell) {
    TableOptions o;
    o.sheet = "错误";
    Diagnostic d = error_of([&] { read_table(data_path("types.xlsx"), o); });
    EXPECT_EQ(d.code, "bad-cell");
    EXPECT_EQ(d.file, data_path("types.xlsx") + ":错误!C3");
    EXPECT_EQ(d.message, "holds the formula error #DIV/0!");
}

TEST(Xlsx, SheetsByNameAndUnknownSheet) {
    Package pkg = Package::read_file(data_path("types.xlsx"));
    EXPECT_EQ(xlsx_sheet_names(pkg), (std::vector<std::string>{"数据", "错误", "Q2 data"}));
    TableOptions o;
    o.sheet = "Q2 data";
    DataTable q2 = read_xlsx(pkg, o);
    EXPECT_EQ(q2.columns, (std::vector<std::string>{"季度", "名称"}));
    EXPECT_EQ(q2.rows, (std::vector<json>{{{"季度", "Q2"}, {"名称", "丙"}}}));
    o.sheet = "数据";
    EXPECT_EQ(read_xlsx(pkg, o).rows, read_xlsx(pkg).rows);
    o.sheet = "Sheet1";
    Diagnostic d = error_of([&] { read_xlsx(pkg, o); });
    EXPECT_EQ(d.code, "unknown-sheet");
    EXPECT_NE(d.message.find("'Sheet1'"), std::string::npos) << d.message;
    EXPECT_NE(d.message.find("数据, 错误, Q2 data"), std::string::npos) << d.message;
}

// ---------------------------------------------------------------- XLSX built in memory

const char* kSheetNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

Package workbook(const std::string& rows, const std::string& styles = "", const std::string& pr = "",
                 const std::string& sheet = "Sheet1") {
    std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    std::string wb_rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                          "<Relationship Id=\"rId1\" Type=\"" + rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>";
    if (!styles.empty()) wb_rels += "<Relationship Id=\"rId2\" Type=\"" + rel + "/styles\" Target=\"styles.xml\"/>";
    std::vector<std::pair<std::string, std::string>> parts = {
        {"_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        "<Relationship Id=\"rId1\" Type=\"" + rel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
        {"xl/workbook.xml", std::string("<x:workbook xmlns:x=\"") + kSheetNs + "\" xmlns:r=\"" + rel + "\">" + pr +
                                "<x:sheets><x:sheet name=\"" + sheet + "\" sheetId=\"1\" r:id=\"rId1\"/></x:sheets></x:workbook>"},
        {"xl/_rels/workbook.xml.rels", wb_rels + "</Relationships>"},
        {"xl/worksheets/sheet1.xml", std::string("<x:worksheet xmlns:x=\"") + kSheetNs + "\"><x:sheetData>" + rows +
                                         "</x:sheetData></x:worksheet>"},
    };
    if (!styles.empty()) parts.push_back({"xl/styles.xml", std::string("<styleSheet xmlns=\"") + kSheetNs + "\">" + styles + "</styleSheet>"});
    return Package::from_parts(parts, "m.xlsx");
}

const std::string kDateStyle = "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"22\"/></cellXfs>";

std::string header_row() {
    return "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>d</x:t></x:is></x:c></x:row>";
}

std::string date_row(int r, const std::string& v, int style = 1) {
    return "<x:row r=\"" + std::to_string(r) + "\"><x:c r=\"A" + std::to_string(r) + "\" s=\"" + std::to_string(style) +
           "\"><x:v>" + v + "</x:v></x:c></x:row>";
}

TEST(Xlsx, DateSystemsAndTheLeapDayExcelInvented) {
    DataTable t = read_xlsx(workbook(header_row() + date_row(2, "59") + date_row(3, "61") + date_row(4, "2958465") +
                                         date_row(5, "45292.99999999") + date_row(6, "-1") + date_row(7, "43831.25", 2),
                                     kDateStyle));
    std::vector<json> got;
    for (const auto& r : t.rows) got.push_back(r["d"]);
    EXPECT_EQ(got, (std::vector<json>{"1900-02-28", "1900-03-01", "9999-12-31", "2024-01-02", -1, "2020-01-01T06:00:00"}));
    DataTable t1904 = read_xlsx(workbook(header_row() + date_row(2, "0") + date_row(3, "43830"), kDateStyle,
                                         "<x:workbookPr date1904=\"1\"/>"));
    EXPECT_EQ(t1904.rows[0]["d"], "1904-01-01");
    EXPECT_EQ(t1904.rows[1]["d"], "2024-01-01");
    // Past 9999-12-31 in the 1904 system (Excel shows ####): the number, as in the 1900 system
    // (it was a year-10000 text).
    DataTable past = read_xlsx(workbook(header_row() + date_row(2, "2957003") + date_row(3, "2957004"), kDateStyle,
                                        "<x:workbookPr date1904=\"1\"/>"));
    EXPECT_EQ(past.rows[0]["d"], "9999-12-31");
    EXPECT_EQ(past.rows[1]["d"], 2957004);
}

// The workbook is the package's officeDocument (its relationships read by formats/opc.hpp), not
// a fixed xl/workbook.xml: the package's relationships were never read, and such a workbook was
// refused.
TEST(Xlsx, TheWorkbookIsThePackagesMainPart) {
    std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    std::string rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships";
    Package pkg = Package::from_parts(
        {{"_rels/.rels", "<Relationships xmlns=\"" + rels_ns + "\"><Relationship Id=\"rId1\" Type=\"" + rel +
                             "/officeDocument\" Target=\"book/main.xml\"/></Relationships>"},
         {"book/main.xml", std::string("<workbook xmlns=\"") + kSheetNs + "\" xmlns:r=\"" + rel +
                               "\"><sheets><sheet name=\"表\" sheetId=\"1\" r:id=\"s1\"/></sheets></workbook>"},
         {"book/_rels/main.xml.rels", "<Relationships xmlns=\"" + rels_ns + "\"><Relationship Id=\"s1\" Type=\"" + rel +
                                          "/worksheet\" Target=\"../sheets/one.xml\"/></Relationships>"},
         {"sheets/one.xml", std::string("<worksheet xmlns=\"") + kSheetNs + "\"><sheetData>" + header_row() +
                                "<row r=\"2\"><c r=\"A2\"><v>7</v></c></row></sheetData></worksheet>"}},
        "main.xlsx");
    DataTable t = read_xlsx(pkg);
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0]["d"], 7);
    EXPECT_EQ(xlsx_sheet_names(pkg), std::vector<std::string>{"表"});
}

TEST(Xlsx, HeaderProblemsNameTheCell) {
    std::string dup = "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>a</x:t></x:is></x:c>"
                      "<x:c r=\"C1\" t=\"inlineStr\"><x:is><x:t> a</x:t></x:is></x:c></x:row>";
    Diagnostic d = error_of([&] { read_xlsx(workbook(dup, "", "", "My sheet")); });
    EXPECT_EQ(d.code, "bad-header");
    EXPECT_EQ(d.file, "m.xlsx:'My sheet'!C1");
    EXPECT_NE(d.message.find("repeats A1"), std::string::npos) << d.message;

    std::string stray = header_row() + "<x:row r=\"2\"><x:c r=\"A2\"><x:v>1</x:v></x:c><x:c r=\"AB2\"><x:v>2</x:v></x:c></x:row>";
    Diagnostic s = error_of([&] { read_xlsx(workbook(stray)); });
    EXPECT_EQ(s.code, "bad-cell");
    EXPECT_EQ(s.to_string().substr(0, 33), "m.xlsx:Sheet1!AB2: error[bad-cell");

    std::string uncalculated = header_row() + "<x:row r=\"2\"><x:c r=\"A2\"><x:f>1+1</x:f></x:c></x:row>";
    Diagnostic u = error_of([&] { read_xlsx(workbook(uncalculated)); });
    EXPECT_EQ(u.code, "bad-cell");
    EXPECT_EQ(u.file, "m.xlsx:Sheet1!A2");

    EXPECT_EQ(error_of([] { read_xlsx(workbook("")); }).code, "bad-xlsx");
}

TEST(Xlsx, NotAWorkbook) {
    Package docx = Package::from_parts({{"word/document.xml", "<w:document/>"}}, "d.xlsx");
    EXPECT_EQ(error_of([&] { read_xlsx(docx); }).code, "bad-xlsx");
    EXPECT_EQ(error_of([] { read_table(data_path("rows.csv") + ".missing.xlsx"); }).file, data_path("rows.csv") + ".missing.xlsx");
}

// ---------------------------------------------------------------- JSON rows

TEST(JsonRows, ColumnsInTheOrderOfFirstUse) {
    DataTable t = read_json_rows("[{\"b\": 1, \"a\": [1, 2]}, {\"c\": null, \"a\": \"x\"}]", "t.json");
    EXPECT_EQ(t.columns, (std::vector<std::string>{"b", "a", "c"}));
    EXPECT_EQ(t.rows[0]["a"], json::array({1, 2}));
    EXPECT_TRUE(t.rows[1]["c"].is_null());
    EXPECT_TRUE(read_json_rows(" [ ] ", "t.json").rows.empty());
}

TEST(JsonRows, NonObjectsAndSyntaxErrorsSayWhere) {
    Diagnostic arr = error_of([] { read_json_rows("[{\"a\": 1}, \"x\"]", "t.json"); });
    EXPECT_EQ(arr.code, "bad-rows");
    EXPECT_NE(arr.message.find("element 2"), std::string::npos) << arr.message;

    Diagnostic line = error_of([] { read_json_rows("{\"a\": 1}\n\n[1]\n", "t.jsonl"); });
    EXPECT_EQ(line.code, "bad-rows");
    EXPECT_EQ(line.file, "t.jsonl:3");

    Diagnostic syntax = error_of([] { read_json_rows("{\"a\": 1}\n{\"名\": 1,}\n", "t.jsonl"); });
    EXPECT_EQ(syntax.code, "bad-json");
    EXPECT_EQ(syntax.file, "t.jsonl:2:9");  // the 9th character, 名 counted once

    Diagnostic arr_syntax = error_of([] { read_json_rows("[\n{\"a\": 1},\n{\"a\" 2}]", "t.json"); });
    EXPECT_EQ(arr_syntax.code, "bad-json");
    EXPECT_EQ(arr_syntax.file.substr(0, 9), "t.json:3:");

    Diagnostic pretty = error_of([] { read_json_rows("{\n  \"a\": 1\n}\n", "t.json"); });
    EXPECT_EQ(pretty.code, "bad-rows");
    EXPECT_NE(pretty.message.find("one JSON object"), std::string::npos) << pretty.message;

    EXPECT_EQ(error_of([] { read_json_rows("  \n", "t.json"); }).code, "bad-json");
}

// ---------------------------------------------------------------- read_table

TEST(ReadTable, ExtensionsAndOptionsThatDoNotApply) {
    EXPECT_EQ(error_of([] { read_table("a.txt"); }).code, "unknown-format");
    EXPECT_EQ(error_of([] { read_table("a.XLS"); }).code, "unknown-format");
    TableOptions sheet;
    sheet.sheet = "x";
    EXPECT_EQ(error_of([&] { read_table(data_path("rows.csv"), sheet); }).code, "bad-option");
    TableOptions enc;
    enc.encoding = "GBK";
    EXPECT_EQ(error_of([&] { read_table(data_path("rows.json"), enc); }).code, "bad-option");
    TableOptions few;
    few.max_rows = 5;
    EXPECT_EQ(error_of([&] { read_table(data_path("rows.jsonl"), few); }).code, "too-many-rows");
    EXPECT_EQ(error_of([&] { read_table(data_path("rows.xlsx"), few); }).file, data_path("rows.xlsx") + ":rows!A7");
}

} // namespace
} // namespace gongwen
