// The `gongwen` command as other tools and users call it: exit codes, messages, no lost files.
#include "gongwen/package.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <functional>

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

// The notice's sample data, changed by `edit`, through `gongwen generate` (issue 11).
struct Generated {
    int code;
    std::string err;
    bool written;
};

class CliGenerate : public Cli {
protected:
    Generated generate(const std::function<void(nlohmann::json&)>& edit, const std::string& extra = "") {
        nlohmann::json d = nlohmann::json::parse(test::slurp(std::string(GONGWEN_SOURCE_DIR) + "/examples/samples/rectification-notice.json"));
        edit(d);
        file("d.json", d.dump());
        std::filesystem::remove(path("n.docx"));
        auto r = run_gongwen("generate rectification-notice --data " + q("d.json") + " -o " + q("n.docx") + extra);
        return {r.code, r.err, exists("n.docx")};
    }
};

TEST_F(CliGenerate, ListRecordsTakeTheColumnsLabelsAsBatchDoes) {
    // examples/batch/problems.csv heads 描述 with its label 问题: JSON may too (it was "「问题」(描述):
    // required, but missing or empty" for every record).
    auto g = generate([](nlohmann::json& d) {
        for (auto& p : d["问题"]) {
            p["问题"] = p["描述"];
            p.erase("描述");
        }
    });
    EXPECT_EQ(g.code, 0) << g.err;
    ASSERT_TRUE(g.written);
    std::string text;
    for (const auto& p : test::visible_paragraphs(Package::read_file(path("n.docx")))) text += p;
    EXPECT_NE(text.find("部分学校食堂财务管理不规范"), std::string::npos);
}

TEST_F(CliGenerate, AnUnknownKeyOfListRecordsIsSaidOnceWithTheClosestColumn) {
    // It was silently dropped: the notices went out without it.
    auto edit = [](nlohmann::json& d) {
        for (auto& p : d["问题"]) p["依据条款"] = "x";
    };
    auto g = generate(edit);
    EXPECT_EQ(g.code, 0) << g.err;
    const std::string want = path("d.json") + ": warning[unknown-column]: 「发现的问题」(问题): 「依据条款」 is not a column of its records and is "
                             "ignored; did you mean 「依据」?";
    EXPECT_NE(g.err.find(want), std::string::npos) << g.err;
    EXPECT_EQ(g.err.find(want), g.err.rfind(want)) << "said once, not per record:\n" << g.err;
    g = generate(edit, " --strict");
    EXPECT_EQ(g.code, 1) << g.err;
    EXPECT_NE(g.err.find("error[unknown-column]: 「发现的问题」(问题): 「依据条款」"), std::string::npos) << g.err;
    EXPECT_FALSE(g.written);
}

TEST_F(CliGenerate, AnImpossibleDateSaysWhy) {
    auto g = generate([](nlohmann::json& d) { d["成文日期"] = "2024-04-31"; });
    EXPECT_EQ(g.code, 1);
    EXPECT_NE(g.err.find(path("d.json") + ": error[invalid-data]: 「成文日期」: 2024-04-31 is not a valid date: April has only 30 days"),
              std::string::npos)
        << g.err;
    EXPECT_FALSE(g.written);
}

TEST_F(CliGenerate, ACharacterXmlCannotHoldIsTheDatasNotTheTemplates) {
    // It was "…/templates/notice.docx:word/document.xml:N: error[invalid-char]": the installed
    // template blamed for the data.
    for (const char* bad : {"\x01", "\xEF\xBF\xBE"}) {
        auto g = generate([&](nlohmann::json& d) {
            d["标题"] = std::string("关于") + bad + "整改的通知";
            d["问题"][1]["依据"] = std::string("x") + bad;
        });
        EXPECT_EQ(g.code, 1);
        EXPECT_NE(g.err.find(path("d.json") + ": error[invalid-data]: 「标题」: holds U+"), std::string::npos) << g.err;
        EXPECT_NE(g.err.find(path("d.json") + ": error[invalid-data]: 「发现的问题」(问题) row 2, 「依据」: holds U+"), std::string::npos) << g.err;
        EXPECT_EQ(g.err.find("notice.docx"), std::string::npos) << g.err;
        EXPECT_FALSE(g.written);
    }
    // --strip-invalid-chars still drops them.
    auto g = generate([](nlohmann::json& d) { d["标题"] = "关于\x01整改的通知"; }, " --strip-invalid-chars");
    EXPECT_EQ(g.code, 0) << g.err;
    EXPECT_TRUE(g.written);
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

TEST_F(Cli, APluginsFormatterRunsOneCallAtATimeInAMultiWorkerBatch) {
    // Plugin code need not be thread-safe (plugin_sdk.hpp): the racy-format fixture's `echo`
    // keeps its value in the plugin between two steps. Called from every batch worker at once,
    // documents took each other's titles (issue 11, item 5).
    std::string csv = "标题\n";
    for (int i = 0; i < 60; ++i) csv += "标题" + std::to_string(1000 + i) + "\n";
    file("rows.csv", csv);
    auto r = run_gongwen("batch racy-format --data " + q("rows.csv") + " --out-dir " + q("out") + " --jobs 4",
                         std::string("GONGWEN_PLUGIN_PATH='") + GONGWEN_PLUGIN_FIXTURES + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    int wrong = 0;
    for (int i = 0; i < 60; ++i) {
        std::string title = "标题" + std::to_string(1000 + i);
        auto paras = test::visible_paragraphs(Package::read_file(path("out/" + title + ".docx")));
        ASSERT_EQ(paras.size(), 3u) << title;
        for (const auto& p : paras) wrong += p != title;
    }
    EXPECT_EQ(wrong, 0) << "paragraphs with another document's title";
}

TEST_F(Cli, UsageErrorsExitWithTwoInEveryCommand) {
    // Issue 11, item 16: a usage error is 2 whichever command meets it, and nothing is written.
    std::string data = std::string(GONGWEN_SOURCE_DIR) + "/examples/batch/notices.csv";
    auto r = run_gongwen("batch rectification-notice --data '" + data + "' --out-dir " + q("out") + " --shard 0/3");
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find("gongwen batch: --shard K/N needs 1 ≤ K ≤ N: 0/3"), std::string::npos) << r.err;
    EXPECT_FALSE(exists("out"));
    std::string sample = std::string(GONGWEN_SOURCE_DIR) + "/examples/samples/rectification-notice.json";
    r = run_gongwen("generate rectification-notice --data '" + sample + "' -o " + q("x.doc"));
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find("gongwen generate: the output must end in .docx, .odt or .pdf: " + path("x.doc")), std::string::npos) << r.err;
    file("t.docx", test::make_docx(para("{{a}}")));
    r = run_gongwen("render " + q("t.docx") + " -o " + q("x.pdf"));
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find("gongwen render: the output must end in .docx or .odt: " + path("x.pdf")), std::string::npos) << r.err;
    file("parts.docx", test::make_docx(para("x")));
    ASSERT_EQ(std::system(("unzip -q " + q("parts.docx") + " -d " + q("parts")).c_str()), 0);  // a DOCX's parts
    r = run_gongwen("pack " + q("parts") + " -o " + q("x.zip"));
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find("gongwen pack: the output must end in .docx or .odt: " + path("x.zip")), std::string::npos) << r.err;
    for (const char* f : {"x.doc", "x.pdf", "x.zip"}) EXPECT_FALSE(exists(f)) << f;
}

TEST_F(Cli, ADocumentWhoseNameSaysAnotherFormatIsRefusedByEveryCommand) {
    // One rule, inspect's: pack and check took a DOCX named .odt (pack wrote it, check passed it).
    file("docx.odt", test::make_docx(para("x")));
    file("parts.docx", test::make_docx(para("x")));
    ASSERT_EQ(std::system(("unzip -q " + q("parts.docx") + " -d " + q("parts")).c_str()), 0);  // a DOCX's parts
    const std::string want = ": error[format-mismatch]: the file is a DOCX package but its name ends in .odt";
    auto r = run_gongwen("inspect " + q("docx.odt"));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find(path("docx.odt") + want), std::string::npos) << r.err;
    r = run_gongwen("check --layout off " + q("docx.odt"));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find(path("docx.odt") + want), std::string::npos) << r.err;
    r = run_gongwen("pack " + q("parts") + " -o " + q("packed.odt"));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find(path("packed.odt") + want), std::string::npos) << r.err;
    EXPECT_FALSE(exists("packed.odt"));
    r = run_gongwen("pack " + q("parts") + " -o " + q("packed.docx"));  // named as it is: packed
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(exists("packed.docx"));
}

} // namespace
} // namespace gongwen
