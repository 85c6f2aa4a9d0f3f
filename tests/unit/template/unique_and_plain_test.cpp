// What a loop copies stays valid: drawing ids and object names unique in the document
// (template/unique_ids.cpp), and values in text-only elements written as plain text.
#include "template/unique_ids.hpp"
#include "../test_util.hpp"

#include "gongwen/template.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace gongwen {
namespace {

std::vector<std::string> all(const std::string& xml, const std::string& pattern) {
    std::vector<std::string> out;
    std::regex re(pattern);
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), re); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1]);
    return out;
}

std::string rendered_part(const std::string& package_bytes, const std::string& part, const nlohmann::json& data) {
    Diagnostics diags;
    auto t = Template::compile(Package::read_memory(package_bytes, "t"), TemplateOptions{}, diags);
    auto out = t->render(data, RenderOptions{}, diags);
    EXPECT_TRUE(out) << diags.size();
    if (!out) return {};
    return Package::read_memory(*out, "out").text(part);
}

std::string make_odt(const std::string& body) {
    std::vector<std::pair<std::string, std::string>> parts = {
        {"mimetype", "application/vnd.oasis.opendocument.text"},
        {"content.xml",
         R"(<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0")"
         R"( xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0")"
         R"( office:version="1.3"><office:body><office:text>)" + body + "</office:text></office:body></office:document-content>"},
    };
    return Package::from_parts(parts, "test.odt").write_all();
}

const char* kDrawing = R"(<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">)"
                       R"(<wp:docPr id="7" name="Box 1"/></wp:inline></w:drawing></w:r>)";

TEST(UniqueIds, ALoopsCopiesOfADrawingGetIdsTheDocumentDoesNotUse) {
    std::string body = test::para("{{#rows}}") + "<w:p>" + kDrawing + "</w:p>" + test::para("{{/rows}}") +
                       "<w:p><w:r><wp:docPr id=\"9\" xmlns:wp=\"urn:x\"/></w:r></w:p>";
    std::string xml = rendered_part(test::make_docx(body), "word/document.xml", {{"rows", {1, 2, 3}}});
    // The first copy keeps 7, the others count up from the largest id of the template (9).
    EXPECT_EQ(all(xml, R"re(<wp:docPr id="(\d+)")re"), (std::vector<std::string>{"7", "10", "11", "9"}));
}

TEST(UniqueIds, WithoutALoopNothingChanges) {
    std::string body = test::para("{{x}}") + "<w:p>" + kDrawing + "</w:p>";
    std::string xml = rendered_part(test::make_docx(body), "word/document.xml", {{"x", "a"}});
    EXPECT_EQ(all(xml, R"re(<wp:docPr id="(\d+)")re"), (std::vector<std::string>{"7"}));
}

TEST(UniqueIds, OdtTablesRepeatedByALoopGetNamesOfTheirOwn) {
    std::string table = R"(<table:table table:name="Table1"><table:table-row><table:table-cell><text:p>{{.}}</text:p>)"
                        R"(</table:table-cell></table:table-row></table:table>)";
    std::string body = "<text:p>{{#rows}}</text:p>" + table + "<text:p>{{/rows}}</text:p>" +
                       R"(<table:table table:name="Table1_2"><table:table-row><table:table-cell><text:p/></table:table-cell></table:table-row></table:table>)";
    std::string xml = rendered_part(make_odt(body), "content.xml", {{"rows", {"a", "b", "c"}}});
    // Table1_2 is the template's own: the copies skip it.
    EXPECT_EQ(all(xml, R"re(table:name="([^"]+)")re"), (std::vector<std::string>{"Table1", "Table1_3", "Table1_4", "Table1_2"}));
}

TEST(UniqueIds, ALongerElementNameIsNotTaken) {
    detail::UniqueValues values(detail::odt_format());
    values.learn(R"(<table:table-row table:name="x"/>)");
    EXPECT_TRUE(values.empty());
    values.learn(R"(<table:table table:name="x"/>)");
    EXPECT_FALSE(values.empty());
}

TEST(PlainTextValues, AValueInATextFieldGetsNoBreakTabOrSpaceElement) {
    std::string body = R"(<text:p>{{v}}|<text:date text:date-value="2023-07-01">{{v}}</text:date></text:p>)";
    Diagnostics diags;
    TemplateOptions options;
    options.linebreaks = true;
    auto t = Template::compile(Package::read_memory(make_odt(body), "t"), options, diags);
    auto out = t->render({{"v", "a\nb\tc  d"}}, RenderOptions{}, diags);
    ASSERT_TRUE(out);
    std::string xml = Package::read_memory(*out, "out").text("content.xml");
    // In the paragraph: the format's break and tab; in the date field: spaces.
    EXPECT_NE(xml.find("a<text:line-break/>b<text:tab/>c"), std::string::npos) << xml;
    EXPECT_NE(xml.find(">a b c  d</text:date>"), std::string::npos) << xml;
}

} // namespace
} // namespace gongwen
