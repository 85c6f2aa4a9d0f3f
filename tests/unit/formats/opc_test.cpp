// OPC relationships and content types (core/src/formats/opc.cpp).
#include "formats/opc.hpp"

#include <gtest/gtest.h>

namespace gongwen::detail {
namespace {

const char* kRelsHead =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
const char* kRelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

std::string rel(const std::string& id, const std::string& type, const std::string& target, bool external = false) {
    return "<Relationship Id=\"" + id + "\" Type=\"" + kRelType + type + "\" Target=\"" + target + "\"" +
           (external ? " TargetMode=\"External\"" : "") + "/>";
}

const char* kTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="XML" ContentType="application/xml"/>)"
    R"(<Override PartName="/Word/Document.xml" ContentType="main+xml"/></Types>)";

TEST(Opc, RelationshipsPartOfAPart) {
    EXPECT_EQ(opc::relationships_part_of("word/document.xml"), "word/_rels/document.xml.rels");
    EXPECT_EQ(opc::relationships_part_of("xl/worksheets/sheet1.xml"), "xl/worksheets/_rels/sheet1.xml.rels");
    EXPECT_EQ(opc::relationships_part_of(""), "_rels/.rels");
    EXPECT_EQ(opc::relationships_part_of("top.xml"), "_rels/top.xml.rels");
}

TEST(Opc, ResolvesRelativeAndAbsoluteTargets) {
    EXPECT_EQ(opc::resolve_target("word/document.xml", "header1.xml"), "word/header1.xml");
    EXPECT_EQ(opc::resolve_target("word/document.xml", "../media/x.png"), "media/x.png");
    EXPECT_EQ(opc::resolve_target("word/document.xml", "./sub/../footer2.xml"), "word/footer2.xml");
    EXPECT_EQ(opc::resolve_target("word/document.xml", "/customXml/item1.xml"), "customXml/item1.xml");
    EXPECT_EQ(opc::resolve_target("", "word/document.xml"), "word/document.xml");
    // Never above the package root.
    EXPECT_EQ(opc::resolve_target("a.xml", "../../b.xml"), "b.xml");
}

TEST(Opc, ReadsRelationshipsWithResolvedParts) {
    Package pkg = Package::from_parts(
        {{"_rels/.rels", std::string(kRelsHead) + rel("rId1", "officeDocument", "/word/document.xml") + "</Relationships>"},
         {"word/document.xml", "<doc/>"},
         {"word/_rels/document.xml.rels",
          std::string(kRelsHead) + rel("rId7", "header", "header1.xml") + rel("rId8", "image", "../media/a.png") +
              rel("rId9", "hyperlink", "https://example.org/x", true) + "</Relationships>"}},
        "t.docx");
    EXPECT_EQ(opc::main_part(pkg), "word/document.xml");
    auto rels = opc::relationships(pkg, "word/document.xml");
    ASSERT_EQ(rels.size(), 3u);
    EXPECT_EQ(rels[0].id, "rId7");
    EXPECT_EQ(rels[0].part, "word/header1.xml");
    EXPECT_EQ(rels[1].part, "media/a.png");
    EXPECT_TRUE(rels[2].external);
    EXPECT_EQ(rels[2].part, "");
    EXPECT_EQ(rels[2].target, "https://example.org/x");
    ASSERT_NE(opc::find_by_id(rels, "rId8"), nullptr);
    EXPECT_EQ(opc::find_by_id(rels, "rId8")->part, "media/a.png");
    EXPECT_EQ(opc::find_by_id(rels, "rId10"), nullptr);
    ASSERT_NE(opc::find_by_type(rels, "header"), nullptr);
    EXPECT_EQ(opc::find_by_type(rels, "header")->id, "rId7");
    // An external relationship is never a part.
    EXPECT_EQ(opc::find_by_type(rels, "hyperlink"), nullptr);
}

TEST(Opc, MissingRelationshipsAreEmpty) {
    Package pkg = Package::from_parts({{"word/document.xml", "<doc/>"}}, "t.docx");
    EXPECT_TRUE(opc::relationships(pkg, "word/document.xml").empty());
    EXPECT_EQ(opc::main_part(pkg), "");
}

TEST(Opc, MalformedRelationshipsNameThePart) {
    Package pkg = Package::from_parts({{"word/_rels/document.xml.rels", std::string(kRelsHead) + "<Relationship"}}, "bad.docx");
    try {
        opc::relationships(pkg, "word/document.xml");
        FAIL() << "no error";
    } catch (const Error& e) {
        ASSERT_FALSE(e.diagnostics().items().empty());
        const Diagnostic& d = e.diagnostics().items().front();
        EXPECT_EQ(d.code, "malformed-xml");
        EXPECT_EQ(d.file, "bad.docx");
        EXPECT_NE(d.message.find("word/_rels/document.xml.rels"), std::string::npos) << d.message;
    }
}

TEST(Opc, TypeIsComparesTheLastSegment) {
    EXPECT_TRUE(opc::type_is(std::string(kRelType) + "header", "header"));
    EXPECT_TRUE(opc::type_is("http://purl.oclc.org/ooxml/officeDocument/relationships/footer", "footer"));
    EXPECT_FALSE(opc::type_is(std::string(kRelType) + "myheader", "header"));
    EXPECT_FALSE(opc::type_is("header", "header"));
}

TEST(Opc, ContentTypeByOverrideThenDefault) {
    Package pkg = Package::from_parts({{"[Content_Types].xml", kTypes}, {"word/document.xml", "<d/>"}}, "t.docx");
    // Part names compare case-insensitively; so do extensions.
    EXPECT_EQ(opc::content_type(pkg, "word/document.xml"), "main+xml");
    EXPECT_EQ(opc::content_type(pkg, "word/styles.xml"), "application/xml");
    EXPECT_EQ(opc::content_type(pkg, "media/a.png"), "");
    Package none = Package::from_parts({{"word/document.xml", "<d/>"}}, "none.docx");
    EXPECT_THROW(opc::content_type(none, "word/document.xml"), Error);
}

} // namespace
} // namespace gongwen::detail
