// The DOCX and ODT format adapters (core/src/formats/): roles, parts, breaks, values.
#include "formats/format.hpp"
#include "../test_util.hpp"

#include <gtest/gtest.h>

namespace gongwen::detail {
namespace {

TEST(FormatAdapters, DocxRoles) {
    const FormatAdapter& f = docx_format();
    EXPECT_EQ(f.format(), DocFormat::docx);
    EXPECT_EQ(f.role("w:p"), Role::paragraph);
    EXPECT_EQ(f.role("w:tr"), Role::row);
    EXPECT_EQ(f.role("w:tc"), Role::cell);
    EXPECT_EQ(f.role("w:tbl"), Role::table);
    EXPECT_EQ(f.role("w:r"), Role::inline_markup);
    EXPECT_EQ(f.role("w:hyperlink"), Role::inline_markup);
    EXPECT_EQ(f.role("w:ins"), Role::inline_markup);
    EXPECT_EQ(f.role("w:t"), Role::text);
    EXPECT_EQ(f.role("w:br"), Role::line_break);
    EXPECT_EQ(f.role("w:pPr"), Role::properties);
    EXPECT_EQ(f.role("w:sectPr"), Role::section_break);
    EXPECT_EQ(f.role("w:del"), Role::removed_text);
    EXPECT_EQ(f.role("w:body"), Role::other);
    // The other format's names mean nothing here.
    EXPECT_EQ(f.role("text:p"), Role::other);
    EXPECT_EQ(f.role("text:span"), Role::other);
    EXPECT_FALSE(f.text_is_paragraph_content());
    EXPECT_TRUE(f.loops_keep_breaks());
}

TEST(FormatAdapters, OdtRoles) {
    const FormatAdapter& f = odt_format();
    EXPECT_EQ(f.format(), DocFormat::odt);
    EXPECT_EQ(f.role("text:p"), Role::paragraph);
    EXPECT_EQ(f.role("text:h"), Role::paragraph);
    EXPECT_EQ(f.role("table:table-row"), Role::row);
    EXPECT_EQ(f.role("table:table-cell"), Role::cell);
    EXPECT_EQ(f.role("table:covered-table-cell"), Role::cell);
    EXPECT_EQ(f.role("table:table"), Role::table);
    EXPECT_EQ(f.role("text:span"), Role::inline_markup);
    EXPECT_EQ(f.role("text:a"), Role::inline_markup);
    EXPECT_EQ(f.role("text:line-break"), Role::line_break);
    EXPECT_EQ(f.role("text:list-item"), Role::repeat_unit);
    EXPECT_EQ(f.role("text:section"), Role::section_container);
    EXPECT_EQ(f.role("text:list"), Role::other);
    EXPECT_EQ(f.role("w:p"), Role::other);
    EXPECT_TRUE(f.text_is_paragraph_content());
    EXPECT_FALSE(f.loops_keep_breaks());
    EXPECT_EQ(&format_adapter(DocFormat::odt), &f);
    EXPECT_EQ(&format_adapter(DocFormat::docx), &docx_format());
}

TEST(FormatAdapters, DocxPageAndSectionBreaks) {
    const FormatAdapter& f = docx_format();
    EXPECT_TRUE(f.is_page_break("w:br", R"(<w:br w:type="page"/>)"));
    EXPECT_FALSE(f.is_page_break("w:br", "<w:br/>"));
    EXPECT_FALSE(f.is_page_break("w:cr", R"(<w:cr w:type="page"/>)"));
    EXPECT_TRUE(f.section_break_starts_page("<w:sectPr><w:pgSz/></w:sectPr>"));
    EXPECT_FALSE(f.section_break_starts_page(R"(<w:sectPr><w:type w:val="continuous"/></w:sectPr>)"));
    EXPECT_EQ(f.paragraph_with_properties("<w:sectPr/>", true), "<w:p><w:pPr><w:sectPr/></w:pPr></w:p>");
    EXPECT_EQ(f.paragraph_with_properties("<w:sectPr/>", false), "<w:p><w:pPr><w:sectPr/></w:pPr>");
    // At the end of the last paragraph written since the offset, or in a paragraph of its own.
    std::string out = "<w:p><w:r><w:t>a</w:t></w:r></w:p>";
    f.append_page_break(out, 0);
    EXPECT_EQ(out, R"(<w:p><w:r><w:t>a</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>)");
    std::string none = "<w:p/><x/>";
    f.append_page_break(none, 6);
    EXPECT_EQ(none, R"(<w:p/><x/><w:p><w:r><w:br w:type="page"/></w:r></w:p>)");
}

TEST(FormatAdapters, DocxValues) {
    const FormatAdapter& f = docx_format();
    std::string out;
    f.append_value(out, "a<b\nc\td\r\ne", true);
    EXPECT_EQ(out, "a&lt;b</w:t><w:br/><w:t xml:space=\"preserve\">c</w:t><w:tab/><w:t xml:space=\"preserve\">d</w:t>"
                   "<w:br/><w:t xml:space=\"preserve\">e");
    out.clear();
    f.append_value(out, "a\nb", false);
    EXPECT_EQ(out, "a\nb");
    std::string markup = "<w:t>";
    f.preserve_space(markup);
    EXPECT_EQ(markup, "<w:t xml:space=\"preserve\">");
    f.preserve_space(markup);
    EXPECT_EQ(markup, "<w:t xml:space=\"preserve\">");
}

TEST(FormatAdapters, OdtValues) {
    const FormatAdapter& f = odt_format();
    std::string out;
    f.append_value(out, " a  b\tc\nd ", true);
    EXPECT_EQ(out, "<text:s/>a <text:s/>b<text:tab/>c<text:line-break/>d<text:s/>");
    out.clear();
    f.append_value(out, "a\tb\nc", false);
    EXPECT_EQ(out, "a b c");
    std::string markup = "<text:span>";
    f.preserve_space(markup);
    EXPECT_EQ(markup, "<text:span>");
    EXPECT_FALSE(f.is_page_break("text:line-break", "<text:line-break/>"));
}

// Spaces right after a section tag stood between the tag and the text in the template; the tag
// renders nothing, and ODF would drop them at a paragraph's start: they are written as text:s.
TEST(FormatAdapters, LiteralSpacesAfterASectionTag) {
    std::string out;
    odt_format().append_literal(out, "  a <b> ", true);
    EXPECT_EQ(out, "<text:s text:c=\"2\"/>a &lt;b&gt; ");
    out.clear();
    odt_format().append_literal(out, " a", true);
    EXPECT_EQ(out, "<text:s/>a");
    out.clear();
    odt_format().append_literal(out, " a", false);
    EXPECT_EQ(out, " a");
    out.clear();
    docx_format().append_literal(out, " a&", true);
    EXPECT_EQ(out, " a&amp;");
}

TEST(FormatAdapters, DocxTextPartsFollowTheRelationships) {
    const std::string rels =
        R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
        R"(<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>)"
        R"(<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="/word/footer1.xml"/>)"
        R"(<Relationship Id="r3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
        R"(<Relationship Id="r4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="missing.xml"/>)"
        R"(</Relationships>)";
    Package pkg = Package::read_memory(test::make_docx(test::para("x"), {{"word/_rels/document.xml.rels", rels},
                                                                         {"word/header1.xml", "<w:hdr/>"},
                                                                         {"word/footer1.xml", "<w:ftr/>"},
                                                                         {"word/styles.xml", "<w:styles/>"}}),
                                       "t.docx");
    auto parts = docx_format().text_parts(pkg);
    EXPECT_EQ(parts, (std::vector<std::string>{"word/document.xml", "word/header1.xml", "word/footer1.xml"}));
}

TEST(FormatAdapters, DocxMainPartMustBeAWordDocument) {
    Package pkg = Package::from_parts(
        {{"[Content_Types].xml",
          R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>)"},
         {"word/document.xml", "<w:document/>"}},
        "t.docx");
    try {
        docx_format().text_parts(pkg);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.diagnostics().items().front().code, "not-a-document");
    }
}

TEST(FormatAdapters, OdtTextParts) {
    Package both = Package::from_parts({{"mimetype", "application/vnd.oasis.opendocument.text"},
                                        {"content.xml", "<c/>"},
                                        {"styles.xml", "<s/>"}},
                                       "t.odt");
    EXPECT_EQ(odt_format().text_parts(both), (std::vector<std::string>{"content.xml", "styles.xml"}));
    Package none = Package::from_parts({{"mimetype", "application/vnd.oasis.opendocument.text"}}, "n.odt");
    EXPECT_THROW(odt_format().text_parts(none), Error);
}

} // namespace
} // namespace gongwen::detail
