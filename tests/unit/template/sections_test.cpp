// The compiler's sections stage (core/src/template/sections.cpp, expansion.cpp): pairing,
// what each section repeats, nesting.
#include "template/scanner.hpp"
#include "template/sections.hpp"

#include <gtest/gtest.h>

namespace gongwen::detail {
namespace {

const char* kW = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";
const char* kText = R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0")";

std::string docx(const std::string& body) { return std::string("<w:document ") + kW + "><w:body>" + body + "</w:body></w:document>"; }
std::string odt(const std::string& body) { return std::string("<office:text xmlns:office=\"o\" ") + kText + ">" + body + "</office:text>"; }
std::string p(const std::string& text) { return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"; }
std::string tp(const std::string& text) { return "<text:p>" + text + "</text:p>"; }

struct Plan {
    Diagnostics diags;
    std::string label = "t", part = "p";
    ScannedPart scanned;
    std::vector<Section> sections;

    std::vector<std::string> codes() const {
        std::vector<std::string> out;
        for (const auto& x : diags.items()) out.push_back(x.code);
        return out;
    }
    // The element name of an item.
    std::string name_at(int item) const { return std::string(scanned.items[item].name); }
};

void plan(Plan& pl, const std::string& xml, const FormatAdapter& format, TemplateOptions options = {}) {
    PartReporter reporter(pl.label, pl.part, pl.diags);
    pl.scanned = scan_part(xml, format, options, FormatterRegistry::builtin(), reporter);
    pl.sections = plan_sections(pl.scanned, format, options, reporter);
}

TEST(TemplateSections, PairingErrors) {
    Plan pl;
    plan(pl, docx(p("{{/x}}") + p("{{#a}}") + p("{{#b}}") + p("{{/a}}") + p("{{#c}}") + p("{{/d}}")), docx_format());
    // {{/x}} closes nothing; {{#b}} is left open by {{/a}}; {{/d}} matches no open section; {{#c}} never closes.
    EXPECT_EQ(pl.codes(), (std::vector<std::string>{"unopened-section", "unclosed-section", "mismatched-section",
                                                    "unclosed-section"}));
    ASSERT_EQ(pl.sections.size(), 1u);
    EXPECT_EQ(pl.scanned.tags[pl.sections[0].open_tag].text, "{{#a}}");
    EXPECT_EQ(pl.scanned.tags[pl.sections[0].close_tag].text, "{{/a}}");
}

TEST(TemplateSections, AnonymousCloseAndDepthLimit) {
    Plan ok;
    plan(ok, docx(p("{{#a}}x{{/}}")), docx_format());
    EXPECT_TRUE(ok.diags.empty());
    ASSERT_EQ(ok.sections.size(), 1u);
    Plan deep;
    TemplateOptions options;
    options.max_depth = 2;
    plan(deep, docx(p("{{#a}}{{#b}}{{#c}}x{{/c}}{{/b}}{{/a}}")), docx_format(), options);
    EXPECT_EQ(deep.codes(), (std::vector<std::string>{"too-deep"}));
}

TEST(TemplateSections, ParagraphLoopRepeatsParagraphs) {
    Plan pl;
    plan(pl, docx(p("{{#a}}") + p("body") + p("{{/a}}")), docx_format());
    ASSERT_EQ(pl.sections.size(), 1u);
    const Section& s = pl.sections[0];
    EXPECT_EQ(s.expansion, Expansion::paragraphs);
    EXPECT_EQ(pl.name_at(s.outer_begin), "w:p");
    EXPECT_EQ(pl.name_at(s.outer_end), "w:p");
    EXPECT_EQ(pl.name_at(s.body_begin), "w:p");  // the body paragraph
    // Without the paragraph loop the same tags repeat what stands between them.
    Plan inl;
    TemplateOptions options;
    options.paragraph_loop = false;
    plan(inl, docx(p("{{#a}}") + p("body") + p("{{/a}}")), docx_format(), options);
    ASSERT_EQ(inl.sections.size(), 1u);
    EXPECT_EQ(inl.sections[0].expansion, Expansion::content);
    EXPECT_EQ(inl.scanned.items[inl.sections[0].outer_begin].kind, ItemKind::tag);
}

TEST(TemplateSections, TagsInCellsRepeatRowsAndGuardTheTable) {
    Plan pl;
    plan(pl, docx("<w:tbl><w:tr><w:tc>" + p("{{#rows}}{{a}}") + "</w:tc><w:tc>" + p("{{b}}{{/rows}}") +
                  "</w:tc></w:tr></w:tbl>"),
         docx_format());
    ASSERT_EQ(pl.sections.size(), 2u);
    EXPECT_EQ(pl.sections[0].expansion, Expansion::rows);
    EXPECT_EQ(pl.name_at(pl.sections[0].outer_begin), "w:tr");
    // Every row of the table is looped: a guard drops the table when there is none.
    EXPECT_EQ(pl.sections[1].expansion, Expansion::table);
    EXPECT_TRUE(pl.sections[1].guard);
    EXPECT_EQ(pl.name_at(pl.sections[1].outer_begin), "w:tbl");
    EXPECT_TRUE(pl.sections[0].nested);  // inside the guard
    Plan header;
    plan(header, docx("<w:tbl><w:tr><w:tc>" + p("head") + "</w:tc></w:tr><w:tr><w:tc>" + p("{{#rows}}") + "</w:tc><w:tc>" +
                      p("{{/rows}}") + "</w:tc></w:tr></w:tbl>"),
         docx_format());
    ASSERT_EQ(header.sections.size(), 1u);  // a header row stays: no guard
    EXPECT_EQ(header.sections[0].expansion, Expansion::rows);
}

TEST(TemplateSections, InlineSectionAcrossRunsReopensThem) {
    Plan pl;
    plan(pl, docx("<w:p><w:hyperlink w:history=\"1\"><w:r><w:t>{{#a}}x</w:t></w:r></w:hyperlink><w:r><w:t>y{{/a}}</w:t></w:r></w:p>"),
         docx_format());
    ASSERT_EQ(pl.sections.size(), 1u);
    const Section& s = pl.sections[0];
    EXPECT_EQ(s.expansion, Expansion::content);
    EXPECT_EQ(s.before, "</w:t></w:r></w:hyperlink>");
    EXPECT_EQ(s.iter_open, "<w:hyperlink w:history=\"1\"><w:r><w:t>");
    EXPECT_EQ(s.iter_close, "</w:t></w:r>");
    EXPECT_EQ(s.after, "<w:r><w:t>");
    // Runs left and entered alike need nothing: the body repeats as it is.
    Plan same;
    plan(same, docx("<w:p><w:r><w:t>{{#a}}x</w:t></w:r><w:r><w:t>y{{/a}}</w:t></w:r></w:p>"), docx_format());
    ASSERT_EQ(same.sections.size(), 1u);
    EXPECT_EQ(same.sections[0].expansion, Expansion::content);
    EXPECT_EQ(same.sections[0].before, "");
}

// ODT parity (a): spans are formatting, not structure, also when the section crosses paragraphs.
TEST(TemplateSections, OdtTagsAtDifferentSpanDepthsAcrossParagraphs) {
    Plan pl;
    TemplateOptions options;
    options.paragraph_loop = false;
    plan(pl, odt(tp("{{#a}}x") + tp("<text:span text:style-name=\"T1\">y{{/a}}</text:span>z")), odt_format(), options);
    EXPECT_TRUE(pl.diags.empty()) << pl.diags.to_string();
    ASSERT_EQ(pl.sections.size(), 1u);
    const Section& s = pl.sections[0];
    EXPECT_EQ(s.expansion, Expansion::content);
    EXPECT_EQ(s.before, "");
    EXPECT_EQ(s.iter_open, "");
    EXPECT_EQ(s.iter_close, "</text:span>");
    EXPECT_EQ(s.after, "<text:span text:style-name=\"T1\">");
    // A table is structure: that still crosses it.
    Plan table;
    plan(table, odt("<table:table><table:table-row><table:table-cell>" + tp("{{#a}}x") +
                    "</table:table-cell></table:table-row></table:table>" + tp("<text:span>y{{/a}}</text:span>")),
         odt_format(), options);
    EXPECT_EQ(table.codes(), (std::vector<std::string>{"section-crosses-structure"}));
}

// A section from a heading into a paragraph (text:h and text:p are both paragraphs): from the
// second repetition on the body closes the paragraph the previous one opened; with no repetition
// the heading is closed and the paragraph opened.
TEST(TemplateSections, OdtSectionFromHeadingIntoParagraph) {
    Plan pl;
    TemplateOptions options;
    options.paragraph_loop = false;
    plan(pl, odt("<text:h text:outline-level=\"1\">T{{#a}}x</text:h><text:p text:style-name=\"P\">y{{/a}}z</text:p>"),
         odt_format(), options);
    EXPECT_TRUE(pl.diags.empty()) << pl.diags.to_string();
    ASSERT_EQ(pl.sections.size(), 1u);
    const Section& s = pl.sections[0];
    EXPECT_EQ(s.expansion, Expansion::content);
    ASSERT_EQ(s.again.size(), 1u);
    EXPECT_EQ(pl.name_at(s.again[0].first), "text:h");
    EXPECT_EQ(pl.scanned.items[s.again[0].first].kind, ItemKind::end);
    EXPECT_EQ(s.again[0].second, "</text:p>");
    EXPECT_EQ(s.empty_fill, "</text:h><text:p text:style-name=\"P\">");
}

// ODT parity (b): a paragraph loop from inside a text:section (a DOCX section break saved by
// LibreOffice) to outside it.
TEST(TemplateSections, OdtParagraphLoopLeavesTextSection) {
    Plan pl;
    plan(pl, odt("<text:section text:name=\"S1\">" + tp("head") + tp("{{#a}}") + tp("{{x}}") + "</text:section>" +
                 "<text:section text:name=\"S2\">" + tp("{{/a}}") + tp("more") + "</text:section>"),
         odt_format());
    EXPECT_TRUE(pl.diags.empty()) << pl.diags.to_string();
    ASSERT_EQ(pl.sections.size(), 1u);
    const Section& s = pl.sections[0];
    EXPECT_EQ(s.expansion, Expansion::paragraphs);
    // S1 is closed before the loop and reopened in each repetition; S2 reopened after it.
    EXPECT_EQ(s.before, "</text:section>");
    EXPECT_EQ(s.iter_open, "<text:section text:name=\"S1\">");
    EXPECT_EQ(s.iter_close, "");
    EXPECT_EQ(s.after, "<text:section text:name=\"S2\">");
    // The repetition holds S1's rest and its end, not S2's start.
    EXPECT_EQ(pl.name_at(s.body_end), "text:section");
    EXPECT_EQ(pl.scanned.items[s.body_end].kind, ItemKind::end);
    // In DOCX a w:sectPr is no container: nothing like this is ever needed there.
    Plan docx_plan;
    plan(docx_plan, docx(p("{{#a}}") + p("{{x}}") + p("{{/a}}")), docx_format());
    EXPECT_EQ(docx_plan.sections[0].before, "");
}

TEST(TemplateSections, OdtListItemsRepeat) {
    Plan pl;
    plan(pl, odt("<text:list><text:list-item>" + tp("{{#a}}") + "</text:list-item><text:list-item>" + tp("{{.}}") +
                 "</text:list-item><text:list-item>" + tp("{{/a}}") + "</text:list-item></text:list>"),
         odt_format());
    ASSERT_EQ(pl.sections.size(), 1u);
    EXPECT_EQ(pl.sections[0].expansion, Expansion::paragraphs);
    EXPECT_EQ(pl.name_at(pl.sections[0].outer_begin), "text:list-item");
}

TEST(TemplateSections, CrossingStructureIsReported) {
    Plan pl;
    plan(pl, docx("<w:tbl><w:tr><w:tc>" + p("{{#a}} x") + "</w:tc></w:tr></w:tbl>" + p("y {{/a}}")), docx_format());
    EXPECT_EQ(pl.codes(), (std::vector<std::string>{"section-crosses-structure"}));
    ASSERT_EQ(pl.sections.size(), 1u);
    EXPECT_FALSE(pl.sections[0].valid());
}

TEST(TemplateSections, OverlapOnceExpandedIsReported) {
    // Two sections as the expansion left them: the second starts inside the first's body and
    // ends after it.
    std::vector<TagRecord> tags(4);
    tags[0].text = "{{#a}}";
    tags[2].text = "{{#b}}";
    auto section = [](int open, int outer_begin, int outer_end, int body_begin, int body_end) {
        Section s;
        s.open_tag = open;
        s.close_tag = open + 1;
        s.outer_begin = outer_begin;
        s.outer_end = outer_end;
        s.body_begin = body_begin;
        s.body_end = body_end;
        s.expansion = Expansion::paragraphs;
        return s;
    };
    std::vector<Section> sections{section(0, 0, 20, 5, 15), section(2, 10, 30, 12, 25)};
    Diagnostics diags;
    std::string label = "t", part = "p";
    PartReporter reporter(label, part, diags);
    nest_sections(sections, tags, reporter);
    ASSERT_EQ(diags.items().size(), 1u);
    EXPECT_EQ(diags.items()[0].code, "sections-overlap");
    EXPECT_EQ(diags.items()[0].tag, "{{#b}}");
    EXPECT_FALSE(sections[1].nested);
    // Inside the body it nests.
    std::vector<Section> nested{section(0, 0, 20, 5, 15), section(2, 6, 14, 7, 13)};
    Diagnostics none;
    PartReporter quiet(label, part, none);
    nest_sections(nested, tags, quiet);
    EXPECT_TRUE(none.empty());
    EXPECT_TRUE(nested[1].nested);
    EXPECT_EQ(nested[0].children, (std::vector<int>{1}));
}

TEST(TemplateSections, NestedSectionsBecomeChildren) {
    Plan pl;
    plan(pl, docx(p("{{#a}}") + p("{{#b}}x{{/b}}") + p("{{/a}}")), docx_format());
    EXPECT_TRUE(pl.diags.empty()) << pl.diags.to_string();
    ASSERT_EQ(pl.sections.size(), 2u);
    // Pairs are listed as they close: {{#b}} first.
    EXPECT_TRUE(pl.sections[0].nested);
    EXPECT_FALSE(pl.sections[1].nested);
    EXPECT_EQ(pl.sections[1].children, (std::vector<int>{0}));
}

} // namespace
} // namespace gongwen::detail
