// Plugins: manifests, the fields schema, discovery, and broken plugins that must fail clearly.
#include "gongwen/plugin.hpp"
#include "gongwen/plugin_sdk.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include <filesystem>

namespace gongwen {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// ---- the fields schema ------------------------------------------------------------------------

std::vector<FieldSpec> schema() {
    std::string dir = test::temp_dir();
    fs::create_directories(dir + "/t.docx");
    test::write_file(dir + "/plugin.json", R"({
      "id": "t", "version": "1", "abi": 1, "name": "测试", "templates": {"docx": "t.docx"},
      "fields": [
        {"name": "单位", "label": {"zh": "单位名称", "en": "Unit"}, "type": "text", "required": true},
        {"name": "说明", "type": "multiline"},
        {"name": "轮次", "label": "巡察轮次", "type": "integer", "min": 1, "max": 20},
        {"name": "比例", "type": "number"},
        {"name": "日期", "label": "成文日期", "type": "date"},
        {"name": "类别", "type": "choice", "choices": ["甲", "乙"]},
        {"name": "报送", "type": "text", "default": "县委巡察办"},
        {"name": "抄送", "type": "list"},
        {"name": "问题", "type": "list", "min": 1, "columns": [
          {"name": "描述", "type": "text", "required": true},
          {"name": "数量", "type": "integer"}]}
      ]})");
    auto m = read_manifest(dir);
    fs::remove_all(dir);
    return m.fields;
}

std::vector<std::string> messages(const Diagnostics& d) {
    std::vector<std::string> m;
    for (const auto& x : d.items()) m.push_back(x.message);
    return m;
}

TEST(PluginSchema, NormalisesGoodData) {
    Diagnostics d;
    json out = validate_data(schema(),
                             {{"单位", "县教育局"}, {"轮次", "3"}, {"比例", 0.5}, {"日期", "2023年7月5日"}, {"类别", "乙"},
                              {"抄送", {"县纪委", "组织部"}}, {"问题", {{{"描述", "a"}, {"数量", 2.0}}}}},
                             "d.json", d);
    EXPECT_TRUE(d.empty()) << d.to_string();
    EXPECT_EQ(out["轮次"], 3);
    EXPECT_TRUE(out["轮次"].is_number_integer());
    EXPECT_EQ(out["日期"], "2023-07-05");
    EXPECT_EQ(out["报送"], "县委巡察办");  // the default
    EXPECT_EQ(out["说明"], "");
    EXPECT_EQ(out["问题"][0]["数量"], 2);
}

TEST(PluginSchema, AcceptsExcelSerialDates) {
    Diagnostics d;
    json out = validate_data(schema(), {{"单位", "x"}, {"日期", 45112}, {"问题", {{{"描述", "a"}}}}}, "d.json", d);
    EXPECT_EQ(out["日期"], "2023-07-05");
}

TEST(PluginSchema, ReportsEveryProblemByLabelAndRow) {
    Diagnostics d;
    validate_data(schema(),
                  {{"轮次", "三"}, {"比例", "abc"}, {"日期", "2023-02-29"}, {"类别", "丙"}, {"抄送", {{{"x", 1}}}},
                   {"问题", {{{"数量", 1}}, "not a row", {{"描述", "ok"}, {"数量", "1.5"}}}}},
                  "d.json", d);
    EXPECT_EQ(messages(d), (std::vector<std::string>{
                               "「单位名称」(单位): required, but missing or empty",
                               "「巡察轮次」(轮次): must be a whole number, got \"三\"",
                               "「比例」: must be a number, got \"abc\"",
                               "「成文日期」(日期): 2023-02-29 is not a valid date: February 2023 has only 28 days",
                               "「类别」: must be one of 甲、乙, got \"丙\"",
                               "「抄送」 row 1: must be text, got {\"x\":1}",
                               "「问题」 row 1, 「描述」: required, but missing or empty",
                               "「问题」 row 2: must be a record, got \"not a row\"",
                               "「问题」 row 3, 「数量」: must be a whole number, got \"1.5\"",
                           }));
    EXPECT_EQ(d.items()[0].to_string(), "d.json: error[invalid-data]: 「单位名称」(单位): required, but missing or empty");
}

TEST(PluginSchema, NamesOrLabelsByOneRuleInListRecordsToo) {
    std::vector<FieldSpec> fields = schema();
    fields.back().columns[0].label.zh = "问题";  // 描述, labelled 问题 as in rectification-notice
    // A name beside its own label wins; an English label is read too; unknown keys are kept.
    json d = {{"单位名称", "县教育局"}, {"Unit", "x"}, {"问题", {{{"问题", "甲"}, {"数量", 2}}, {{"描述", "乙"}, {"问题", "丙"}}}},
              {"备注", 1}};
    json n = with_field_names(fields, d);
    EXPECT_EQ(n["单位"], "县教育局");
    EXPECT_EQ(n["问题"][0]["描述"], "甲");
    EXPECT_EQ(n["问题"][1]["描述"], "乙");
    EXPECT_EQ(n["备注"], 1);
    ASSERT_NE(field_for_key(fields, "巡察轮次"), nullptr);
    EXPECT_EQ(field_for_key(fields, "巡察轮次")->name, "轮次");
    EXPECT_EQ(field_for_key(fields, "无此字段"), nullptr);
    Diagnostics diags;
    json out = validate_data(fields, {{"单位名称", "县教育局"}, {"问题", {{{"问题", "甲"}}}}}, "d.json", diags);
    EXPECT_FALSE(diags.has_errors()) << diags.to_string();
    EXPECT_EQ(out["问题"][0]["描述"], "甲");
}

TEST(PluginSchema, UnknownKeysOfListRecordsAreSaidOnceWithTheClosestColumn) {
    std::vector<FieldSpec> fields = schema();
    json d = {{"单位", "x"}, {"问题", {{{"描述", "甲"}, {"问题描述", "a"}}, {{"描述", "乙"}, {"问题描述", "b"}, {"数目", 1}}}}};
    Diagnostics diags;
    report_unknown_record_keys(fields, d, "d.json", false, diags);
    ASSERT_EQ(diags.size(), 2u) << diags.to_string();
    EXPECT_EQ(diags.items()[0].message, "「问题」: 「问题描述」 is not a column of its records and is ignored; did you mean 「描述」?");
    EXPECT_EQ(diags.items()[0].severity, Severity::warning);
    EXPECT_EQ(diags.items()[1].message, "「问题」: 「数目」 is not a column of its records and is ignored; did you mean 「数量」?");
    Diagnostics strict;
    report_unknown_record_keys(fields, d, "d.json", true, strict);
    EXPECT_TRUE(strict.has_errors());
}

TEST(PluginSchema, AnImpossibleDateSaysWhy) {
    Diagnostics diags;
    validate_data(schema(), {{"单位", "x"}, {"问题", {{{"描述", "a"}}}}, {"日期", "2024-04-31"}}, "d.json", diags);
    EXPECT_EQ(messages(diags), std::vector<std::string>{"「成文日期」(日期): 2024-04-31 is not a valid date: April has only 30 days"});
    Diagnostics feb;
    validate_data(schema(), {{"单位", "x"}, {"问题", {{{"描述", "a"}}}}, {"日期", "2023年2月29日"}}, "d.json", feb);
    EXPECT_EQ(messages(feb), std::vector<std::string>{"「成文日期」(日期): 2023年2月29日 is not a valid date: February 2023 has only 28 days"});
    Diagnostics ok;
    json out = validate_data(schema(), {{"单位", "x"}, {"问题", {{{"描述", "a"}}}}, {"日期", "2024.02.29"}}, "d.json", ok);
    EXPECT_FALSE(ok.has_errors()) << ok.to_string();
    EXPECT_EQ(out["日期"], "2024-02-29");
}

TEST(PluginSchema, CharactersXmlCannotHoldAreTheDatasByFieldAndRow) {
    Diagnostics diags;
    validate_data(schema(), {{"单位", "a\x01" "b"}, {"问题", {{{"描述", "ok"}}, {{"描述", "x\xEF\xBF\xBEy"}}}}}, "d.json", diags);
    EXPECT_EQ(messages(diags),
              (std::vector<std::string>{
                  "「单位名称」(单位): holds U+0001, a character XML 1.0 cannot hold (documents cannot store it): remove it from the data",
                  "「问题」 row 2, 「描述」: holds U+FFFE, a character XML 1.0 cannot hold (documents cannot store it): remove it from the data"}));
    Diagnostics allowed;
    ValidateOptions o;
    o.allow_invalid_xml_chars = true;
    validate_data(schema(), {{"单位", "a\x01" "b"}, {"问题", {{{"描述", "ok"}}}}}, "d.json", allowed, o);
    EXPECT_FALSE(allowed.has_errors());
}

TEST(PluginSchema, ChecksRangesAndRowCounts) {
    Diagnostics d;
    validate_data(schema(), {{"单位", "x"}, {"轮次", 21}, {"问题", json::array()}}, "d.json", d);
    EXPECT_EQ(messages(d), (std::vector<std::string>{"「巡察轮次」(轮次): must be at most 20, got 21",
                                                      "「问题」: needs at least 1 row, has 0"}));
}

// ---- manifests ------------------------------------------------------------------------------

class PluginDirs : public ::testing::Test {
protected:
    void SetUp() override { root_ = test::temp_dir(); }
    void TearDown() override { fs::remove_all(root_); }
    std::string plugin(const std::string& root, const std::string& id, const std::string& extra = "") {
        std::string dir = root_ + "/" + root + "/" + id;
        fs::create_directories(dir + "/t.docx");
        test::write_file(dir + "/plugin.json", R"({"id": ")" + id + R"(", "version": "1", "abi": 1, "name": "n",
            "templates": {"docx": "t.docx"})" + extra + "}");
        return dir;
    }
    std::string root_;
};

TEST_F(PluginDirs, ReportsEveryManifestProblem) {
    std::string dir = root_ + "/bad";
    fs::create_directories(dir);
    test::write_file(dir + "/plugin.json", R"({"id": "Bad Id", "abi": 7, "name": {"fr": "x"}, "feilds": [],
        "templates": {"pdf": "x", "docx": "../escape.docx"}, "library": "libnone.so",
        "fields": [{"name": "a", "type": "lst"}, {"name": "a", "type": "choice"}, {"type": "text"}]})");
    try {
        read_manifest(dir);
        FAIL() << "no error";
    } catch (const Error& e) {
        std::string all = e.diagnostics().to_string();
        for (const char* want :
             {"unknown key 'feilds'", "id: needs an id", "version: needs a version", "abi: the plugin needs ABI 7",
              "name: unknown language 'fr'", "templates: unknown format 'pdf'", "templates.docx: must be a path inside",
              "library: the library 'libnone.so' is missing", "fields[0] (a): unknown type 'lst'",
              "fields[1] (a): the name is used twice", "fields[1] (a): a choice field needs", "fields[2]: needs a \"name\""})
            EXPECT_NE(all.find(want), std::string::npos) << "missing: " << want << "\nin:\n" << all;
        EXPECT_EQ(e.diagnostics().items().front().file, dir + "/plugin.json");
    }
}

// Found by fuzz_manifest in CI: a non-string "type" or "output" threw out of the reader.
TEST_F(PluginDirs, ReportsWronglyTypedStringsInsteadOfThrowing) {
    std::string dir = plugin("r", "typed", R"(, "output": 3, "fields": [{"name": "a", "type": 5}])");
    try {
        read_manifest(dir);
        FAIL() << "no error";
    } catch (const Error& e) {
        std::string all = e.diagnostics().to_string();
        EXPECT_NE(all.find("output: must be a string"), std::string::npos) << all;
        EXPECT_NE(all.find("fields[0] (a).type: must be a string"), std::string::npos) << all;
    }
}

TEST_F(PluginDirs, DiscoversInOrderAndReportsDuplicates) {
    plugin("first", "a");
    plugin("first", "b");
    std::string shadow = plugin("second", "a");
    plugin("second", "c");
    PluginCatalog cat = discover_plugins({{root_ + "/first", "builtin"}, {root_ + "/second", "GONGWEN_PLUGIN_PATH"},
                                          {root_ + "/absent", "user"}});
    ASSERT_EQ(cat.plugins.size(), 3u);
    EXPECT_EQ(cat.find("a")->origin, "builtin");
    EXPECT_EQ(cat.find("a")->dir, root_ + "/first/a");
    EXPECT_EQ(cat.find("c")->origin, "GONGWEN_PLUGIN_PATH");
    ASSERT_EQ(cat.problems.items().size(), 1u);
    EXPECT_EQ(cat.problems.items()[0].code, "duplicate-plugin");
    EXPECT_EQ(cat.problems.items()[0].severity, Severity::warning);
    EXPECT_EQ(cat.problems.items()[0].file, shadow);
}

TEST_F(PluginDirs, ARootMayBeAPluginFolderItself) {
    std::string dir = plugin("x", "solo");
    PluginCatalog cat = discover_plugins({{dir, "GONGWEN_PLUGIN_PATH"}});
    ASSERT_EQ(cat.plugins.size(), 1u);
    EXPECT_EQ(cat.plugins[0].id, "solo");
}

TEST(PluginSearchPath, BuiltinThenEnvironmentThenUser) {
    ::setenv("GONGWEN_PLUGIN_PATH", "/p1:/p2", 1);
    ::setenv("XDG_DATA_HOME", "/xdg", 1);
    auto path = plugin_search_path();
    ::unsetenv("GONGWEN_PLUGIN_PATH");
    ::unsetenv("XDG_DATA_HOME");
    ASSERT_EQ(path.size(), 4u);
    EXPECT_EQ(path[0].second, "builtin");
    EXPECT_EQ(path[1], (std::pair<std::string, std::string>{"/p1", "GONGWEN_PLUGIN_PATH"}));
    EXPECT_EQ(path[2].first, "/p2");
    EXPECT_EQ(path[3], (std::pair<std::string, std::string>{"/xdg/gongwen/plugins", "user"}));
}

TEST(PluginSdk, DatesAndRatios) {
    EXPECT_EQ(sdk::add_days("2023-06-05", 60), "2023-08-04");
    EXPECT_EQ(sdk::add_days("2024-02-28", 1), "2024-02-29");
    EXPECT_EQ(sdk::add_days("2023-12-31", 1), "2024-01-01");
    EXPECT_DOUBLE_EQ(sdk::ratio(3, 4), 0.75);
    EXPECT_THROW(sdk::ratio(1, 0, "问题总数"), std::runtime_error);
    EXPECT_THROW(sdk::days_from_iso("2023/06/05"), std::runtime_error);
}

TEST(PluginPattern, RendersFileNames) {
    json data = {{"单位", "县教育局"}, {"日期", "2023-07-05"}};
    EXPECT_EQ(render_pattern("{{单位}}整改通知书（{{日期 | date}}）", data, FormatterRegistry::builtin()),
              "县教育局整改通知书（2023年7月5日）");
    EXPECT_EQ(render_pattern("{{缺失}}通知", data, FormatterRegistry::builtin()), "通知");
}

// ---- broken plugins, through the command as a user meets them ------------------------------

struct BrokenCase {
    const char* id;
    std::vector<const char*> expect;  // substrings of stderr
};

class BrokenPlugin : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenPlugin, FailsWithAClearErrorAndNoOutput) {
    const BrokenCase& c = GetParam();
    std::string dir = test::temp_dir();
    test::write_file(dir + "/d.json", R"({"标题": "测试"})");
    std::string fixtures = GONGWEN_PLUGIN_FIXTURES;
    auto r = test::run_gongwen("generate " + std::string(c.id) + " --data '" + dir + "/d.json' -o '" + dir + "/o.docx'",
                               "GONGWEN_PLUGIN_PATH='" + fixtures + "'");
    EXPECT_EQ(r.code, 1) << r.err;
    for (const char* want : c.expect) {
        std::string w = want;
        std::size_t at = w.find("$DIR");
        if (at != std::string::npos) w.replace(at, 4, fixtures + "/" + c.id);
        EXPECT_NE(r.err.find(w), std::string::npos) << "missing: " << w << "\nin:\n" << r.err;
    }
    EXPECT_FALSE(fs::exists(dir + "/o.docx"));
    fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, BrokenPlugin,
    ::testing::Values(
        BrokenCase{"wrong-abi-manifest", {"$DIR/plugin.json: error[bad-manifest]: abi: the plugin needs ABI 2, this Gongwen speaks 1"}},
        BrokenCase{"wrong-abi-library", {"$DIR/libwrong-abi-library.so: error[plugin-abi-mismatch]: plugin 'wrong-abi-library': the library was built for plugin ABI 99"}},
        BrokenCase{"missing-symbol", {"$DIR/libmissing-symbol.so: error[plugin-bad-library]: plugin 'missing-symbol': the library exports no 'gongwen_plugin_entry'"}},
        BrokenCase{"throws-prepare", {"error[plugin-failed]: plugin 'throws-prepare': prepare failed: boom in prepare"}},
        BrokenCase{"throws-validate", {"error[plugin-failed]: plugin 'throws-validate': validate failed: boom in validate"}},
        BrokenCase{"throws-formatters", {"error[plugin-failed]: plugin 'throws-formatters': list_formatters failed: boom in formatters"}},
        BrokenCase{"throws-format", {"error[format-error]: filter 'boom' failed: plugin 'throws-format': format failed: boom in format"}},
        BrokenCase{"escapes-prepare", {"error[plugin-failed]: plugin 'escapes-prepare': an exception escaped from prepare: escaped from prepare"}},
        BrokenCase{"template-missing", {"$DIR/plugin.json: error[bad-manifest]: templates.docx: the template 'templates/nowhere.docx' is missing"}},
        BrokenCase{"malformed-manifest", {"$DIR/plugin.json:2:12: error[bad-json]: syntax error while parsing object key"}},
        BrokenCase{"missing-manifest", {"$DIR: error[missing-manifest]: no plugin.json in the plugin folder", "error[unknown-type]"}},
        BrokenCase{"bad-fields", {"error[bad-manifest]: unknown key 'feilds'", "fields[0] (a): unknown type 'lst'"}}),
    [](const auto& info) {
        std::string n = info.param.id;
        for (auto& ch : n)
            if (ch == '-') ch = '_';
        return n;
    });

TEST(BrokenPlugin, AHookThatRefusesTheDataIsSaidOnTheDataFile) {
    // A hook's failure on the data reads like the schema's problems: on the data file (it named
    // the plugin's library).
    for (std::string hook : {"prepare", "validate"}) {
        std::string dir = test::temp_dir();
        test::write_file(dir + "/d.json", R"({"标题": "测试"})");
        auto r = test::run_gongwen("generate throws-" + hook + " --data '" + dir + "/d.json' -o '" + dir + "/o.docx'",
                                   std::string("GONGWEN_PLUGIN_PATH='") + GONGWEN_PLUGIN_FIXTURES + "'");
        EXPECT_EQ(r.code, 1);
        EXPECT_NE(r.err.find(dir + "/d.json: error[plugin-failed]: plugin 'throws-" + hook + "': " + hook + " failed: boom in " + hook),
                  std::string::npos)
            << r.err;
        EXPECT_EQ(r.err.find(".so:"), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(dir + "/o.docx"));
        fs::remove_all(dir);
    }
}

TEST(BrokenPluginList, ListsTheGoodAndReportsTheBroken) {
    auto r = test::run_gongwen("list", std::string("GONGWEN_PLUGIN_PATH='") + GONGWEN_PLUGIN_FIXTURES + "'");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("rectification-notice"), std::string::npos) << r.out;  // the built-in one still works
    EXPECT_NE(r.out.find("throws-prepare"), std::string::npos);  // loads fine until its hook runs
    EXPECT_EQ(r.out.find("wrong-abi-manifest"), std::string::npos);
    EXPECT_NE(r.err.find("error[bad-manifest]"), std::string::npos);
}

// Terminal columns of a line up to byte `end`: CJK two, the rest one (the test's own count).
int columns_before(const std::string& line, std::size_t end) {
    int w = 0;
    for (std::size_t i = 0; i < end && i < line.size();) {
        unsigned char c = line[i];
        std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        w += n == 3 ? 2 : 1;  // the names here are BMP CJK
        i += n;
    }
    return w;
}

std::string line_with(const std::string& text, const std::string& start) {
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        if (l.rfind(start, 0) == 0) return l;
    return "";
}

TEST(PluginCatalogCli, ABuildFolderOnThePluginPathIsPassedOverQuietly) {
    // GONGWEN_PLUGIN_PATH at a build folder: its folders hold no plugin.json; `list` said an
    // error for each and exited 1.
    auto r = test::run_gongwen("list", std::string("GONGWEN_PLUGIN_PATH='") + GONGWEN_BINARY_DIR + "'");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_NE(r.out.find("rectification-notice"), std::string::npos);
    auto v = test::run_gongwen("list --verbose", std::string("GONGWEN_PLUGIN_PATH='") + GONGWEN_BINARY_DIR + "'");
    EXPECT_EQ(v.code, 0);
    EXPECT_NE(v.out.find(std::string("skipped ") + GONGWEN_BINARY_DIR + "/tests: no plugin.json"), std::string::npos) << v.out;
}

TEST(PluginCatalogCli, ListAndDescribeAlignColumnsByDisplayWidth) {
    auto r = test::run_gongwen("list");
    ASSERT_EQ(r.code, 0) << r.err;
    // 巡察建议书 (5 characters) and 巡察整改通知书 (7): the English names start in one column.
    std::string a = line_with(r.out, "recommendation-letter"), b = line_with(r.out, "rectification-notice");
    ASSERT_FALSE(a.empty());
    ASSERT_FALSE(b.empty());
    EXPECT_EQ(columns_before(a, a.find("Inspection")), columns_before(b, b.find("Inspection"))) << r.out;

    auto d = test::run_gongwen("describe rectification-notice");
    ASSERT_EQ(d.code, 0) << d.err;
    std::string x = line_with(d.out, "  份号 "), y = line_with(d.out, "  发文机关标志 ");
    ASSERT_FALSE(x.empty()) << d.out;
    ASSERT_FALSE(y.empty()) << d.out;
    EXPECT_EQ(columns_before(x, x.find("text")), columns_before(y, y.find("text"))) << d.out;
}

TEST(PluginCatalogCli, DescribeSaysRangesListShapesDateFormsAndTheSampleData) {
    auto d = test::run_gongwen("describe rectification-notice");
    ASSERT_EQ(d.code, 0) << d.err;
    EXPECT_NE(d.out.find("integer, required, ≥ 1"), std::string::npos) << d.out;              // 轮次 min 1
    EXPECT_NE(d.out.find("≥ 1, ≤ 365"), std::string::npos) << d.out;                           // 整改天数
    EXPECT_NE(d.out.find("list, at least 1 row "), std::string::npos) << d.out;                // 问题: singular
    EXPECT_NE(d.out.find("rows of records"), std::string::npos) << d.out;                      // 问题's shape
    EXPECT_NE(d.out.find("rows of text, one a line"), std::string::npos) << d.out;             // 抄送's
    EXPECT_NE(d.out.find("2023年7月5日 or an Excel date cell"), std::string::npos) << d.out;
    EXPECT_NE(d.out.find("/rectification-notice/example.json"), std::string::npos) << d.out;
}

TEST(PluginCatalogCli, AFileNamePatternOverNoFieldIsWarnedOf) {
    std::string dir = test::temp_dir();
    auto r = test::run_gongwen("batch rectification-notice --data '" + std::string(GONGWEN_SOURCE_DIR) +
                               "/examples/batch/notices.csv' --rows 问题='" + GONGWEN_SOURCE_DIR +
                               "/examples/batch/problems.csv':被巡察单位 --name '{{被巡察单}}整改通知' --out-dir '" + dir + "/o'");
    EXPECT_NE(r.err.find("--name: warning[unknown-pattern-field]: the file-name pattern (--name) uses '被巡察单', which is no field"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("did you mean 「被巡察单位」?"), std::string::npos) << r.err;
    std::filesystem::remove_all(dir);
}

TEST(PluginCatalogCli, AFrameIsOneTheCoreKnowsWithTheDateItComputesFrom) {
    std::string dir = test::temp_dir();
    test::write_file(dir + "/t.docx", "");
    auto manifest = [&](const std::string& frame, const std::string& date_field) {
        return R"({"id": "x", "version": "1", "abi": 1, "name": "x", "templates": {"docx": "t.docx"}, "frame": )" + frame +
               R"(, "fields": [)" + date_field + "]}";
    };
    const std::string date = R"({"name": "成文日期", "type": "date", "required": true})";
    EXPECT_EQ(parse_manifest(manifest("\"gbt9704\"", date), dir).frame, "gbt9704");
    auto refused = [&](const std::string& text, const std::string& want) {
        try {
            parse_manifest(text, dir);
            ADD_FAILURE() << "accepted: " << text;
        } catch (const Error& e) {
            EXPECT_NE(e.diagnostics().to_string().find(want), std::string::npos) << e.diagnostics().to_string();
        }
    };
    refused(manifest("\"gbt9705\"", date), "frame: unknown frame \"gbt9705\" (gbt9704)");
    refused(manifest("\"gbt9704\"", R"({"name": "成文日期", "type": "text", "required": true})"), "needs a required date field 成文日期");
    refused(manifest("\"gbt9704\"", R"({"name": "成文日期", "type": "date"})"), "needs a required date field 成文日期");
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace gongwen
