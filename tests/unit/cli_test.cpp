// The `gongwen` command as other tools and users call it: exit codes, messages, no lost files.
#include "gongwen/package.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

namespace gongwen {
namespace {

using test::para;
using test::run_gongwen;

class Cli : public ::testing::Test {
protected:
    void SetUp() override { dir_ = test::temp_dir(); }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string path(const std::string& name) const { return dir_ + "/" + name; }
    std::string q(const std::string& name) const { return "'" + path(name) + "'"; }
    void file(const std::string& name, const std::string& bytes) const { test::write_file(path(name), bytes); }
    bool exists(const std::string& name) const { return std::filesystem::exists(path(name)); }
    std::string dir_;
};

TEST_F(Cli, RendersTheBundledSample) {
    auto r = run_gongwen(std::string("render '") + GONGWEN_BINARY_DIR +
                         "/share/gongwen/plugins/rectification-notice/templates/notice.docx' --data '" + GONGWEN_SOURCE_DIR +
                         "/examples/samples/rectification-notice.json' -o " + q("n.docx"));
    EXPECT_EQ(r.code, 0) << r.err;
    Package out = Package::read_file(path("n.docx"));
    EXPECT_NE(out.text("word/document.xml").find("中共清河县教育局党组"), std::string::npos);
}

TEST_F(Cli, KeepsAnExistingOutputWithoutForce) {
    file("t.docx", test::make_docx(para("{{a}}")));
    file("d.json", R"({"a": "x"})");
    file("out.docx", "precious");
    auto r = run_gongwen("render " + q("t.docx") + " --data " + q("d.json") + " -o " + q("out.docx"));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("error[output-exists]"), std::string::npos) << r.err;
    EXPECT_EQ(test::slurp(path("out.docx")), "precious");
    r = run_gongwen("render " + q("t.docx") + " --data " + q("d.json") + " -o " + q("out.docx") + " --force");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(test::slurp(path("out.docx")), "precious");
}

TEST_F(Cli, ReportsTemplateErrorsWithPlacesAndWritesNothing) {
    file("t.docx", test::make_docx(para("ok") + para("{{#a}}") + para("{{b | nosuch}}")));
    file("d.json", "{}");
    auto r = run_gongwen("render " + q("t.docx") + " --data " + q("d.json") + " -o " + q("out.docx"));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find(path("t.docx") + ":word/document.xml:3: error[unknown-filter]: unknown filter 'nosuch'"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(path("t.docx") + ":word/document.xml:2: error[unclosed-section]"), std::string::npos) << r.err;
    EXPECT_FALSE(exists("out.docx"));
}

TEST_F(Cli, UsageErrorsExitWithTwo) {
    file("t.docx", test::make_docx(para("x")));
    EXPECT_EQ(run_gongwen("render " + q("t.docx") + " -o " + q("out.odt")).code, 2);  // format mismatch
    EXPECT_EQ(run_gongwen("render " + q("t.docx") + " -o " + q("out.pdfx")).code, 2);
    EXPECT_EQ(run_gongwen("render " + q("t.docx")).code, 2);                          // no -o
    EXPECT_EQ(run_gongwen("render " + q("t.docx") + " -o x.docx --paragraph-loop maybe").code, 2);
    EXPECT_EQ(run_gongwen("frobnicate").code, 2);
    EXPECT_FALSE(exists("out.odt"));
    auto help = run_gongwen("render --help");
    EXPECT_EQ(help.code, 0);
    EXPECT_NE(help.out.find("--delimiters"), std::string::npos);
}

TEST_F(Cli, ASpreadsheetAsTheDataOfOneDocumentPointsToBatch) {
    // It used to say bad-json "last read: 'P'" (the zip's first byte).
    std::string xlsx = std::string(GONGWEN_SOURCE_DIR) + "/examples/batch/notices.xlsx";
    auto r = run_gongwen("generate rectification-notice --data '" + xlsx + "' -o " + q("n.docx"));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("error[not-json]: this is a spreadsheet"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("gongwen batch"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(path("n.docx")));
    file("rows.csv", "被巡察单位,标题\n县教育局,t\n");
    r = run_gongwen("generate rectification-notice --data " + q("rows.csv") + " -o " + q("n.docx"));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("this is a CSV table"), std::string::npos) << r.err;
}

TEST_F(Cli, BadJsonDataNamesLineAndColumn) {
    file("t.docx", test::make_docx(para("{{a}}")));
    file("d.json", "{\n  \"a\": 1,\n  \"b\": ]\n}");
    auto r = run_gongwen("render " + q("t.docx") + " --data " + q("d.json") + " -o " + q("o.docx"));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find(path("d.json") + ":3:8: error[bad-json]"), std::string::npos) << r.err;
    EXPECT_FALSE(exists("o.docx"));
}

TEST_F(Cli, InvalidUtf8InJsonIsAnError) {
    file("t.docx", test::make_docx(para("{{a}}")));
    file("d.json", "{\"a\": \"\xC3\x28\"}");
    auto r = run_gongwen("render " + q("t.docx") + " --data " + q("d.json") + " -o " + q("o.docx"));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("error[bad-json]"), std::string::npos) << r.err;
}

TEST_F(Cli, DamagedTemplateIsAClearError) {
    file("t.docx", "not a zip at all");
    auto r = run_gongwen("render " + q("t.docx") + " -o " + q("o.docx"));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find(path("t.docx") + ": error[not-a-package]"), std::string::npos) << r.err;
    // A DOCX renamed .odt.
    file("x.odt", test::make_docx(para("x")));
    r = run_gongwen("render " + q("x.odt") + " -o " + q("o.odt"));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("error[format-mismatch]"), std::string::npos) << r.err;
}

TEST_F(Cli, StrictMakesMissingValuesErrors) {
    file("t.docx", test::make_docx(para("{{a}}{{b}}")));
    file("d.json", R"({"a": "x"})");
    auto r = run_gongwen("render " + q("t.docx") + " --data " + q("d.json") + " -o " + q("o.docx"));
    EXPECT_EQ(r.code, 0);
    EXPECT_NE(r.err.find("warning[missing-value]: no value for 'b'"), std::string::npos) << r.err;
    r = run_gongwen("render " + q("t.docx") + " --data " + q("d.json") + " -o " + q("s.docx") + " --strict");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("error[missing-value]"), std::string::npos) << r.err;
    EXPECT_FALSE(exists("s.docx"));
}

TEST_F(Cli, CustomDelimitersAndSwitches) {
    file("t.docx", test::make_docx(para("&lt;&lt;a&gt;&gt; {{a}}") + para("{#xs}") + para("{.}") + para("{/xs}")));
    file("d.json", R"({"a": "A", "xs": [1, 2]})");
    auto r = run_gongwen("render " + q("t.docx") + " --data " + q("d.json") + " -o " + q("o.docx") +
                         " --delimiters '<<' '>>'");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(Package::read_file(path("o.docx")).text("word/document.xml").find("A {{a}}"), std::string::npos);
    // With `{ }`, the `{{a}}` of the first paragraph is a tag opened twice: an error.
    r = run_gongwen("render " + q("t.docx") + " --data " + q("d.json") + " -o " + q("p.docx") + " --delimiters '{' '}'");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("error[unclosed-tag]"), std::string::npos) << r.err;
    file("u.docx", test::make_docx(para("{#xs}") + para("{.}") + para("{/xs}")));
    r = run_gongwen("render " + q("u.docx") + " --data " + q("d.json") + " -o " + q("u-on.docx") + " --delimiters '{' '}'");
    EXPECT_EQ(r.code, 0) << r.err;
    r = run_gongwen("render " + q("u.docx") + " --data " + q("d.json") + " -o " + q("u-off.docx") +
                    " --delimiters '{' '}' --paragraph-loop off");
    EXPECT_EQ(r.code, 0) << r.err;
    // Paragraph loop on: the tag paragraphs vanish (2 paragraphs); off: they stay (5).
    auto count = [&](const std::string& f) {
        std::string xml = Package::read_file(path(f)).text("word/document.xml");
        std::size_t n = 0;
        for (std::size_t at = xml.find("<w:p>"); at != std::string::npos; at = xml.find("<w:p>", at + 1)) ++n;
        return n;
    };
    EXPECT_EQ(count("u-on.docx"), 2u);
    EXPECT_EQ(count("u-off.docx"), 5u);
}

TEST_F(Cli, InspectListsTagsAsJson) {
    file("t.docx", test::make_docx(para("{{单位}}") + para("{{#xs}}{{. | cn}}{{/xs}}") + para("{{/zz}}")));
    auto r = run_gongwen("inspect --json " + q("t.docx"));
    EXPECT_EQ(r.code, 1);  // the stray closing tag
    auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["tags"].size(), 5u);
    EXPECT_EQ(j["tags"][0]["name"], "单位");
    EXPECT_EQ(j["tags"][0]["kind"], "value");
    EXPECT_EQ(j["tags"][0]["paragraph"], 1);
    EXPECT_EQ(j["tags"][1]["kind"], "section");
    EXPECT_EQ(j["tags"][2]["filters"][0], "cn");
    EXPECT_EQ(j["diagnostics"][0]["code"], "unopened-section");
    EXPECT_EQ(j["format"], "docx");
}

TEST_F(Cli, RenderJsonReportsTheOutcome) {
    file("t.docx", test::make_docx(para("{{a}}")));
    auto r = run_gongwen("render --json " + q("t.docx") + " -o " + q("o.docx"));
    EXPECT_EQ(r.code, 0);
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["ok"], true);
    EXPECT_EQ(j["diagnostics"][0]["code"], "missing-value");
}

} // namespace
} // namespace gongwen
