#include "gongwen/template.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <thread>

namespace gongwen {
namespace {

using json = nlohmann::json;
using test::make_docx;
using test::para;

std::shared_ptr<const Template> compile(const std::string& body, Diagnostics& d, TemplateOptions o = {}) {
    return Template::compile(Package::read_memory(make_docx(body), "t.docx"), o, d);
}

// Visible text of word/document.xml: paragraphs joined by '|', w:br as \n, w:tab as \t.
std::string text_of(const std::string& zip) {
    Package p = Package::read_memory(zip, "out.docx");
    pugi::xml_document doc;
    EXPECT_TRUE(doc.load_string(p.text("word/document.xml").c_str()));
    std::string out;
    bool first = true;
    for (auto& x : doc.select_nodes("//w:p")) {
        if (!first) out += "|";
        first = false;
        auto nodes = x.node().select_nodes(".//w:t | .//w:br | .//w:tab");
        nodes.sort();
        for (auto& n : nodes) {
            std::string name = n.node().name();
            out += name == "w:t" ? n.node().text().get() : name == "w:br" ? "\n" : "\t";
        }
    }
    return out;
}

std::string render(const std::string& body, const json& data, Diagnostics* diags = nullptr, RenderOptions ro = {}) {
    Diagnostics local;
    Diagnostics& d = diags ? *diags : local;
    auto t = compile(body, d);
    auto out = t->render(data, ro, d);
    return out ? text_of(*out) : "<failed>";
}

std::vector<std::string> codes(const Diagnostics& d) {
    std::vector<std::string> c;
    for (const auto& x : d.items()) c.push_back(x.code);
    return c;
}

TEST(TemplateCompiler, ReportsEveryProblemInOneRun) {
    Diagnostics d;
    auto t = compile(para("{{#a}}") + para("{{x | nosuch}}") + para("{{}}") + para("{{/b}}") +
                         para("{{n | percent:99}}") + para("{{/c}}"),
                     d);
    EXPECT_FALSE(t->ok());
    // In document order.
    EXPECT_EQ(codes(d), (std::vector<std::string>{"unclosed-section", "unknown-filter", "empty-tag", "mismatched-section",
                                                   "bad-filter-arg", "mismatched-section"}));
    // FILE:PART:PARAGRAPH: error[code]: message, with the tag as written.
    EXPECT_EQ(d.items()[1].to_string(), "t.docx:word/document.xml:2: error[unknown-filter]: unknown filter 'nosuch' ({{x | nosuch}})");
    EXPECT_EQ(d.items()[1].tag, "{{x | nosuch}}");
    EXPECT_EQ(d.items()[0].paragraph, 1);
    EXPECT_EQ(d.items()[4].to_string(),
              "t.docx:word/document.xml:5: error[bad-filter-arg]: filter 'percent': decimals must be an integer from 0 to 6, got \"99\" ({{n | percent:99}})");
}

TEST(TemplateCompiler, ReportsStrayClosingAndUnclosedTags) {
    Diagnostics d;
    compile(para("{{/a}} and {{b"), d);
    EXPECT_EQ(codes(d), (std::vector<std::string>{"unclosed-tag", "unopened-section"}));
}

TEST(TemplateCompiler, RefusesTagAcrossTableCells) {
    Diagnostics d;
    compile("<w:tbl><w:tr><w:tc>" + para("{{na") + "</w:tc><w:tc>" + para("me}}") + "</w:tc></w:tr></w:tbl>", d);
    EXPECT_EQ(codes(d), std::vector<std::string>{"tag-spans-cells"});
}

TEST(TemplateCompiler, RefusesSectionFromTableToOutside) {
    Diagnostics d;
    compile("<w:tbl><w:tr><w:tc>" + para("{{#a}}x") + "</w:tc></w:tr></w:tbl>" + para("y{{/a}}"), d);
    EXPECT_EQ(codes(d), std::vector<std::string>{"section-crosses-structure"});
}

TEST(TemplateCompiler, LimitsNestingDepth) {
    std::string body;
    for (int i = 0; i < 300; ++i) body += "{{#a}}";
    for (int i = 0; i < 300; ++i) body += "{{/a}}";
    Diagnostics d;
    compile(para(body), d);
    ASSERT_FALSE(d.items().empty());
    EXPECT_EQ(d.items()[0].code, "too-deep");
}

TEST(TemplateCompiler, FindsTagsSplitAcrossRunsAndMarks) {
    std::string body = "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{{</w:t></w:r><w:proofErr w:type=\"spellStart\"/>"
                       "<w:bookmarkStart w:id=\"0\" w:name=\"x\"/><w:r w:rsidR=\"00AB\"><w:t>na</w:t></w:r>"
                       "<w:bookmarkEnd w:id=\"0\"/><w:ins w:id=\"1\"><w:r><w:t>me}}</w:t></w:r></w:ins></w:p>";
    Diagnostics d;
    auto t = compile(body, d);
    ASSERT_TRUE(t->ok()) << d.to_string();
    auto out = t->render({{"name", "值"}}, {}, d);
    ASSERT_TRUE(out);
    Package p = Package::read_memory(*out, "o");
    const std::string& xml = p.text("word/document.xml");
    // The value sits in the first run, the bold one.
    EXPECT_NE(xml.find("<w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">值</w:t>"), std::string::npos) << xml;
}

TEST(TemplateRenderer, ResolvesNamesInEnclosingScopes) {
    json data = {{"unit", "县教育局"}, {"rows", {{{"name", "甲"}}, {{"name", "乙"}}}}};
    EXPECT_EQ(render(para("{{#rows}}{{@index}}.{{name}}@{{unit}};{{/rows}}"), data), "1.甲@县教育局;2.乙@县教育局;");
}

TEST(TemplateRenderer, SectionsOverObjectsTruthsAndInverted) {
    json data = {{"a", {{"b", "B"}}}, {"yes", true}, {"no", false}, {"empty", json::array()}, {"zero", 0}};
    EXPECT_EQ(render(para("{{#a}}{{b}}{{/a}}{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^empty}}E{{/empty}}{{^zero}}Z{{/zero}}{{^missing}}M{{/missing}}"), data),
              "BYEZM");
}

TEST(TemplateRenderer, DottedAndChineseNames) {
    json data = {{"单位", {{"名称", "某某县"}}}, {"list", {"x", "y"}}};
    EXPECT_EQ(render(para("{{单位.名称}}-{{list.1}}-{{ 单位 . 名称 }}"), data), "某某县-y-某某县");
}

TEST(TemplateRenderer, EscapesXmlAndTurnsNewlinesIntoBreaks) {
    EXPECT_EQ(render(para("{{v}}"), {{"v", "a<b>&c\nd\te"}}), "a<b>&c\nd\te");
}

TEST(TemplateRenderer, MissingValueIsAWarningOrAStrictError) {
    Diagnostics d;
    EXPECT_EQ(render(para("[{{nope}}]"), json::object(), &d), "[]");
    ASSERT_EQ(d.items().size(), 1u);
    EXPECT_EQ(d.items()[0].severity, Severity::warning);
    EXPECT_EQ(d.items()[0].code, "missing-value");

    Diagnostics strict;
    RenderOptions ro;
    ro.strict = true;
    EXPECT_EQ(render(para("[{{nope}}]"), json::object(), &strict, ro), "<failed>");
    EXPECT_TRUE(strict.has_errors());
    EXPECT_NE(strict.to_string().find("'nope'"), std::string::npos);
}

TEST(TemplateRenderer, DefaultFilterSilencesMissingValue) {
    Diagnostics d;
    EXPECT_EQ(render(para("{{nope | default:\"无\"}}"), json::object(), &d), "无");
    EXPECT_TRUE(d.empty());
}

TEST(TemplateRenderer, RefusesOrStripsCharactersXmlCannotHold) {
    Diagnostics d;
    EXPECT_EQ(render(para("{{v}}"), {{"v", std::string("a\x01") + "b"}}, &d), "<failed>");
    EXPECT_NE(d.to_string().find("error[invalid-char]: the value of 'v' holds U+0001"), std::string::npos) << d.to_string();
    RenderOptions ro;
    ro.strip_invalid_chars = true;
    EXPECT_EQ(render(para("{{v}}"), {{"v", std::string("a\x01") + "b"}}, nullptr, ro), "ab");
}

TEST(TemplateRenderer, FormatErrorNamesTheTag) {
    Diagnostics d;
    EXPECT_EQ(render(para("{{n | cn}}"), {{"n", "abc"}}, &d), "<failed>");
    ASSERT_TRUE(d.has_errors());
    EXPECT_EQ(d.items()[0].code, "format-error");
    EXPECT_EQ(d.items()[0].tag, "{{n | cn}}");
}

TEST(TemplateRenderer, ParagraphLoopDropsTagParagraphs) {
    json data = {{"xs", {"一", "二"}}};
    EXPECT_EQ(render(para("before") + para("{{#xs}}") + para("item {{.}}") + para("{{/xs}}") + para("after"), data),
              "before|item 一|item 二|after");
    TemplateOptions off;
    off.paragraph_loop = false;
    Diagnostics d;
    auto t = compile(para("{{#xs}}") + para("item {{.}}") + para("{{/xs}}"), d, off);
    EXPECT_EQ(text_of(*t->render(data, {}, d)), "|item 一||item 二|");
}

TEST(TemplateRenderer, TableRowLoopRepeatsRows) {
    std::string row = "<w:tr><w:tc>" + para("{{#rs}}{{@index}}") + "</w:tc><w:tc>" + para("{{v}}{{/rs}}") + "</w:tc></w:tr>";
    std::string body = "<w:tbl><w:tr><w:tc>" + para("No") + "</w:tc><w:tc>" + para("V") + "</w:tc></w:tr>" + row + "</w:tbl>";
    json data = {{"rs", {{{"v", "a"}}, {{"v", "b"}}, {{"v", "c"}}}}};
    EXPECT_EQ(render(body, data), "No|V|1|a|2|b|3|c");
}

TEST(TemplateRenderer, RendersFromManyThreadsAtOnce) {
    Diagnostics d;
    auto t = compile(para("{{#xs}}{{.}},{{/xs}}") + para("{{n | cn}}"), d);
    std::vector<std::thread> threads;
    std::vector<std::string> results(8);
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&, i] {
            Diagnostics local;
            json data = {{"xs", {i, i + 1}}, {"n", 10 + i}};
            for (int k = 0; k < 50; ++k) results[i] = text_of(*t->render(data, {}, local));
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(results[0], "0,1,|十");
    EXPECT_EQ(results[5], "5,6,|十五");
}

TEST(TemplateRenderer, LimitsTheSizeOfARenderedPart) {
    json data = {{"xs", json::array()}};
    for (int i = 0; i < 2000; ++i) data["xs"].push_back("0123456789");
    RenderOptions ro;
    ro.max_part_size = 10000;
    Diagnostics d;
    EXPECT_EQ(render(para("{{#xs}}{{.}}{{/xs}}"), data, &d, ro), "<failed>");
    EXPECT_EQ(d.items().at(0).code, "output-limit");
}

} // namespace
} // namespace gongwen
