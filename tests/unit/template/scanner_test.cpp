// The compiler's scanner (core/src/template/scanner.cpp): tags in the text layer, across runs,
// spans and paragraphs.
#include "template/scanner.hpp"

#include <gtest/gtest.h>

namespace gongwen::detail {
namespace {

const char* kW = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";
const char* kText = R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0")";

struct Scan {
    Diagnostics diags;
    std::string label = "t", part = "p";
    ScannedPart result;
};

void scan(Scan& s, const std::string& xml, const FormatAdapter& format, TemplateOptions options = {}) {
    PartReporter reporter(s.label, s.part, s.diags);
    s.result = scan_part(xml, format, options, FormatterRegistry::builtin(), reporter);
}

std::string docx(const std::string& body) { return std::string("<w:document ") + kW + "><w:body>" + body + "</w:body></w:document>"; }
std::string odt(const std::string& body) { return std::string("<office:text xmlns:office=\"o\" ") + kText + ">" + body + "</office:text>"; }

std::vector<std::string> codes(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& x : d.items()) out.push_back(x.code);
    return out;
}

TEST(TemplateScanner, TagSplitAcrossDocxRuns) {
    Scan s;
    scan(s, docx("<w:p><w:r><w:t>Dear {{na</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>me}}!</w:t></w:r></w:p>"), docx_format());
    ASSERT_EQ(s.result.tags.size(), 1u);
    const TagRecord& tag = s.result.tags[0];
    EXPECT_EQ(tag.text, "{{name}}");
    EXPECT_EQ(tag.parsed.expr.name, "name");
    EXPECT_EQ(tag.paragraph, 1);
    ASSERT_GE(tag.item, 0);
    EXPECT_EQ(s.result.items[tag.item].kind, ItemKind::tag);
    // The rest of the text stays around the tag: "Dear " before it, "!" after it.
    EXPECT_EQ(s.result.items[tag.item - 1].markup, "Dear ");
    EXPECT_EQ(s.result.items[tag.end_item].markup, "!");
    // The second run lies inside the tag: between the tag item and its end.
    bool covered_run = false;
    for (int i = tag.item + 1; i < tag.end_item; ++i)
        covered_run |= s.result.items[i].kind == ItemKind::start && s.result.items[i].name == "w:r";
    EXPECT_TRUE(covered_run);
    EXPECT_TRUE(s.diags.empty());
}

TEST(TemplateScanner, TagSplitAcrossOdtSpans) {
    Scan s;
    scan(s, odt(R"(<text:p>{{a<text:span text:style-name="T1">b}} x</text:span></text:p>)"), odt_format());
    ASSERT_EQ(s.result.tags.size(), 1u);
    EXPECT_EQ(s.result.tags[0].text, "{{ab}}");
    // The span's start is inside the tag and its text after the tag stays in the span.
    const auto& items = s.result.items;
    EXPECT_EQ(items[s.result.tags[0].end_item].markup, " x");
    EXPECT_EQ(items[items[s.result.tags[0].end_item].parent].name, "text:span");
}

TEST(TemplateScanner, OnlyTheTextLayerIsScanned) {
    Scan s;
    // A field instruction is not text a reader sees.
    scan(s, docx("<w:p><w:r><w:instrText>{{x}}</w:instrText></w:r></w:p>"), docx_format());
    EXPECT_TRUE(s.result.tags.empty());
    Scan o;
    // ODT: text outside paragraphs is not.
    scan(o, odt("<text:sequence-decls>{{y}}</text:sequence-decls><text:p>{{z}}</text:p>"), odt_format());
    ASSERT_EQ(o.result.tags.size(), 1u);
    EXPECT_EQ(o.result.tags[0].text, "{{z}}");
}

TEST(TemplateScanner, UnclosedAndTooLongTags) {
    Scan s;
    TemplateOptions options;
    options.max_tag_length = 5;
    scan(s, docx("<w:p><w:r><w:t>{{a {{b}} {{abcdefgh}}</w:t></w:r></w:p>"), docx_format(), options);
    EXPECT_EQ(codes(s.diags), (std::vector<std::string>{"unclosed-tag", "tag-too-long"}));
    ASSERT_EQ(s.result.tags.size(), 1u);
    EXPECT_EQ(s.result.tags[0].text, "{{b}}");
}

TEST(TemplateScanner, TagAcrossTableCellsIsReported) {
    Scan s;
    scan(s, odt("<table:table><table:table-row><table:table-cell><text:p>{{a</text:p></table:table-cell>"
                "<table:table-cell><text:p>b}}</text:p></table:table-cell></table:table-row></table:table>"),
         odt_format());
    EXPECT_EQ(codes(s.diags), (std::vector<std::string>{"tag-spans-cells"}));
    ASSERT_EQ(s.result.tags.size(), 1u);
    EXPECT_FALSE(s.result.tags[0].ok);
}

TEST(TemplateScanner, TagAcrossParagraphsJoinsThem) {
    Scan s;
    scan(s, docx("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>{{na</w:t></w:r></w:p>"
                 "<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr><w:r><w:br/><w:t>me}}</w:t></w:r></w:p>"),
         docx_format());
    ASSERT_EQ(s.result.tags.size(), 1u);
    const auto& items = s.result.items;
    const auto& skip = s.result.skip;
    int skipped_paragraph_marks = 0, kept_properties = 0;
    bool break_skipped = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].role == Role::paragraph && skip[i]) ++skipped_paragraph_marks;
        if (items[i].kind == ItemKind::start && items[i].role == Role::properties && !skip[i]) ++kept_properties;
        if (items[i].role == Role::line_break) break_skipped = skip[i];
    }
    EXPECT_EQ(skipped_paragraph_marks, 2);  // the first paragraph's end, the second's start
    EXPECT_EQ(kept_properties, 1);          // the first paragraph's
    EXPECT_TRUE(break_skipped);
}

TEST(TemplateScanner, TrackedDeletionInsideATagGoes) {
    Scan s;
    scan(s, docx("<w:p><w:r><w:t>{{a</w:t></w:r><w:del><w:r><w:delText>zz</w:delText></w:r></w:del>"
                 "<w:r><w:t>b}}</w:t></w:r></w:p>"),
         docx_format());
    ASSERT_EQ(s.result.tags.size(), 1u);
    EXPECT_EQ(s.result.tags[0].text, "{{ab}}");
    bool deletion_skipped = false;
    for (std::size_t i = 0; i < s.result.items.size(); ++i)
        if (s.result.items[i].role == Role::removed_text) deletion_skipped = s.result.skip[i];
    EXPECT_TRUE(deletion_skipped);
}

TEST(TemplateScanner, MalformedXmlAndDtdThrow) {
    Scan s;
    EXPECT_THROW(scan(s, docx("<w:p>"), docx_format()), Error);
    EXPECT_THROW(scan(s, "<!DOCTYPE x []><x/>", docx_format()), Error);
}

TEST(TemplateScanner, NoTagNoItems) {
    Scan s;
    scan(s, docx("<w:p><w:r><w:t>plain { text }</w:t></w:r></w:p>"), docx_format());
    EXPECT_TRUE(s.result.tags.empty());
    EXPECT_TRUE(s.diags.empty());
}

} // namespace
} // namespace gongwen::detail
