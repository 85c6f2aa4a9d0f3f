// The data's problems in the user's language: under LANG=zh_CN.UTF-8 a clerk reads why the JSON,
// a date or a required field is wrong in Chinese — no English sentence, the codes kept.
#include "test_util.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>

namespace gongwen {
namespace {

using test::para;
using test::run_gongwen;

class I18nData : public ::testing::Test {
protected:
    void SetUp() override { dir_ = test::temp_dir(); }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string path(const std::string& name) const { return dir_ + "/" + name; }
    std::string q(const std::string& name) const { return "'" + path(name) + "'"; }
    void file(const std::string& name, const std::string& bytes) const { test::write_file(path(name), bytes); }

    // The notice's sample data, changed by `edit`, through `gongwen generate` in Chinese.
    test::RunResult generate(const std::function<void(nlohmann::json&)>& edit) {
        nlohmann::json d = nlohmann::json::parse(test::slurp(std::string(GONGWEN_SOURCE_DIR) + "/examples/samples/rectification-notice.json"));
        edit(d);
        file("d.json", d.dump());
        return run_gongwen("generate rectification-notice --data " + q("d.json") + " -o " + q("n.docx"), "LANG=zh_CN.UTF-8");
    }
    std::string dir_;
};

TEST_F(I18nData, BadJsonInChinese) {
    file("t.docx", test::make_docx(para("{{a}}")));
    file("d.json", "{\n  \"a\": 1,\n  \"b\": ]\n}");
    std::string args = "render " + q("t.docx") + " --data " + q("d.json") + " -o " + q("o.docx");
    auto zh = run_gongwen(args, "LANG=zh_CN.UTF-8");
    EXPECT_EQ(zh.code, 1);
    EXPECT_NE(zh.err.find(path("d.json") + ":3:8: 错误[bad-json]："), std::string::npos) << zh.err;
    EXPECT_NE(zh.err.find("语法错误"), std::string::npos) << zh.err;
    EXPECT_NE(zh.err.find("“]”"), std::string::npos) << zh.err;  // the token, not ']'
    for (const auto* english : {"syntax error", "while parsing", "unexpected", "expected", "literal"})
        EXPECT_EQ(zh.err.find(english), std::string::npos) << english << "\n" << zh.err;
    // a lexer's problem, with what it read
    file("d.json", "{\"a\": tru}");
    zh = run_gongwen(args, "LANG=zh_CN.UTF-8");
    EXPECT_NE(zh.err.find("字面值"), std::string::npos) << zh.err;
    EXPECT_NE(zh.err.find("tru}”"), std::string::npos) << zh.err;
    EXPECT_EQ(zh.err.find("last read"), std::string::npos) << zh.err;
    EXPECT_EQ(zh.err.find("invalid literal"), std::string::npos) << zh.err;
    // English under C, as nlohmann says it
    auto c = run_gongwen(args, "LANG=C");
    EXPECT_NE(c.err.find("error[bad-json]: syntax error while parsing value - invalid literal; last read: '\"a\": tru}'"), std::string::npos) << c.err;
}

TEST_F(I18nData, AnImpossibleDateAndAMissingFieldInChinese) {
    auto date = generate([](nlohmann::json& d) { d["成文日期"] = "2024-04-31"; });
    EXPECT_EQ(date.code, 1);
    EXPECT_NE(date.err.find(path("d.json") + ": 错误[invalid-data]：「成文日期」：2024-04-31 不是有效日期：4"), std::string::npos)
        << date.err;
    EXPECT_NE(date.err.find("只有 30 天"), std::string::npos) << date.err;
    auto feb = generate([](nlohmann::json& d) { d["成文日期"] = "2023年2月29日"; });
    EXPECT_NE(feb.err.find("2023年2月29日 不是有效日期：2023 年 2 月只有 28 天"), std::string::npos) << feb.err;
    auto missing = generate([](nlohmann::json& d) {
        d.erase("标题");
        d["问题"][1]["描述"] = "";
    });
    EXPECT_EQ(missing.code, 1);
    EXPECT_NE(missing.err.find("错误[invalid-data]：「标题」：必填"), std::string::npos) << missing.err;
    EXPECT_NE(missing.err.find("「发现的问题」(问题) 第 2 行"), std::string::npos) << missing.err;
    for (const auto* english : {"required", "is not a valid date", "has only", " row "}) {
        EXPECT_EQ(date.err.find(english), std::string::npos) << english << "\n" << date.err;
        EXPECT_EQ(missing.err.find(english), std::string::npos) << english << "\n" << missing.err;
    }
}

TEST_F(I18nData, ATableInsteadOfOneDocumentsDataInChinese) {
    file("rows.csv", "被巡察单位,标题\n县教育局,t\n");
    auto r = run_gongwen("generate rectification-notice --data " + q("rows.csv") + " -o " + q("n.docx"), "LANG=zh_CN.UTF-8");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("错误[not-json]：这是 CSV 表格，不是一份公文的 JSON 数据"), std::string::npos) << r.err;
}

} // namespace
} // namespace gongwen
