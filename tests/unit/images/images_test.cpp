// Image values and image tags (docs/image-tags.md): sizes from the image itself, base64, the
// refusals of bad values and unsafe paths, and the package a rendering with images writes.
#include "gongwen/image.hpp"
#include "gongwen/template.hpp"

#include "formats/format.hpp"
#include "images/image_check.hpp"
#include "../test_util.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace gongwen {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const fs::path kGolden = fs::path(GONGWEN_TEST_DATA) / "golden" / "docx-images";

std::string bytes_of(const fs::path& p) { return test::slurp(p.string()); }

// The code of the ImageError `fn` throws, or "" when it throws none.
template <class Fn>
std::string error_code(Fn&& fn) {
    try {
        fn();
    } catch (const ImageError& e) {
        return e.code();
    }
    return "";
}

ImageSource in(const fs::path& folder, bool safe = false) {
    ImageSource s;
    s.folder = folder.string();
    s.safe_paths = safe;
    return s;
}

TEST(ImageValue, SizeFromTheImagesOwnResolution) {
    LoadedImage png = load_image("photo.png", in(kGolden));  // 120 x 90 px, pHYs 3780 px/m
    EXPECT_EQ(png.format, ImageFormat::png);
    EXPECT_NEAR(png.natural_width_mm, 120 * 25.4 / (3780 * 0.0254), 0.01);
    LoadedImage jpg = load_image("photo.jpg", in(kGolden));  // 160 x 120 px, JFIF 72 dpi
    EXPECT_EQ(jpg.format, ImageFormat::jpeg);
    EXPECT_NEAR(jpg.natural_width_mm, 160 * 25.4 / 72, 0.01);
    EXPECT_NEAR(jpg.natural_height_mm, 120 * 25.4 / 72, 0.01);
    auto size = image_size_mm(load_image(json{{"path", "photo.jpg"}, {"height", 30}}, in(kGolden)));
    ASSERT_TRUE(size);
    EXPECT_NEAR(size->first, 40, 0.001);  // the width follows the 4:3 proportions
}

TEST(ImageValue, SvgSizeFromItsUnitsOrViewBox) {
    auto svg = [](const std::string& attrs) {
        return detail::check_image("<svg xmlns=\"http://www.w3.org/2000/svg\" " + attrs + "/>", ImageFormat::svg, 1000);
    };
    EXPECT_NEAR(svg("width=\"42mm\" height=\"2cm\"").width_mm, 42, 1e-9);
    EXPECT_NEAR(svg("width=\"42mm\" height=\"2cm\"").height_mm, 20, 1e-9);
    EXPECT_NEAR(svg("width=\"72pt\" height=\"96\"").width_mm, 25.4, 1e-9);
    EXPECT_NEAR(svg("viewBox=\"0 0 96 48\"").height_mm, 12.7, 1e-9);
    EXPECT_NEAR(svg("width=\"30mm\" viewBox=\"0,0,200,100\"").height_mm, 15, 1e-9);
    EXPECT_EQ(svg("width=\"100%\"").width_mm, 0);  // no size: the value must give one
    EXPECT_EQ(error_code([] { detail::check_image("<html/>", ImageFormat::svg, 1); }), "image-invalid");
    EXPECT_EQ(error_code([] { detail::check_image("<!DOCTYPE svg [<!ENTITY a \"b\">]><svg/>", ImageFormat::svg, 1); }),
              "image-invalid");
}

TEST(ImageValue, Base64DataAndDataUris) {
    std::string png = bytes_of(kGolden / "photo.png");
    // base64 by hand: three bytes to four characters
    static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string b64;
    for (std::size_t i = 0; i < png.size(); i += 3) {
        unsigned v = static_cast<unsigned char>(png[i]) << 16;
        if (i + 1 < png.size()) v |= static_cast<unsigned char>(png[i + 1]) << 8;
        if (i + 2 < png.size()) v |= static_cast<unsigned char>(png[i + 2]);
        b64 += abc[(v >> 18) & 63];
        b64 += abc[(v >> 12) & 63];
        b64 += i + 1 < png.size() ? abc[(v >> 6) & 63] : '=';
        b64 += i + 2 < png.size() ? abc[v & 63] : '=';
    }
    EXPECT_EQ(load_image(json{{"data", b64}}, {}).bytes, png);
    EXPECT_EQ(load_image(json{{"data", "data:image/png;base64," + b64}}, {}).bytes, png);
    EXPECT_EQ(error_code([&] { load_image(json{{"data", b64.substr(0, b64.size() - 3) + "*"}}, {}); }), "image-bad-value");
    EXPECT_EQ(error_code([&] { load_image(json{{"data", "QUJD="}}, {}); }), "image-bad-value");  // bad padding
    EXPECT_EQ(error_code([&] { load_image(json{{"data", "TWFu"}}, {}); }), "image-invalid");    // "Man": no image
}

TEST(ImageValue, RefusesBadValues) {
    auto code = [](const json& v) { return error_code([&] { load_image(v, in(kGolden)); }); };
    EXPECT_EQ(code(42), "image-bad-value");
    EXPECT_EQ(code(json{{"path", "photo.png"}, {"widht", 3}}), "image-bad-value");
    EXPECT_EQ(code(json{{"path", "photo.png"}, {"width", 0}}), "image-bad-value");
    EXPECT_EQ(code(json{{"path", "photo.png"}, {"data", "x"}}), "image-bad-value");
    EXPECT_EQ(code("photo.gif"), "image-invalid");
    EXPECT_EQ(code("absent.png"), "image-missing");
    EXPECT_EQ(code("photo.jpg.png"), "image-missing");
    EXPECT_TRUE(image_value_empty(nullptr));
    EXPECT_TRUE(image_value_empty(""));
    // damaged and too large
    std::string png = bytes_of(kGolden / "photo.png");
    EXPECT_EQ(error_code([&] { detail::check_image(png.substr(0, png.size() - 20), ImageFormat::png, 1u << 30); }),
              "image-invalid");
    EXPECT_EQ(error_code([&] { detail::check_image(png, ImageFormat::png, 120 * 90 - 1); }), "image-too-large");
    std::string jpg = bytes_of(kGolden / "photo.jpg");
    EXPECT_EQ(error_code([&] { detail::check_image(jpg.substr(0, jpg.size() / 2), ImageFormat::jpeg, 1u << 30); }),
              "image-invalid");
}

TEST(ImageValue, SafePathsKeepFilesInTheDataFolder) {
    fs::path root = test::temp_dir();
    fs::create_directories(root / "data" / "sub");
    fs::copy_file(kGolden / "photo.png", root / "data" / "sub" / "a.png");
    fs::copy_file(kGolden / "photo.png", root / "outside.png");
    fs::create_symlink("../outside.png", root / "data" / "escape.png");
    fs::create_symlink("sub/a.png", root / "data" / "inside.png");
    auto code = [&](const std::string& path, bool safe) { return error_code([&] { load_image(path, in(root / "data", safe)); }); };
    EXPECT_EQ(code("sub/a.png", true), "");
    EXPECT_EQ(code("inside.png", true), "");
    EXPECT_EQ(code((root / "data" / "sub" / "a.png").string(), true), "");
    EXPECT_EQ(code("../outside.png", true), "image-unsafe-path");
    EXPECT_EQ(code("sub/../../outside.png", true), "image-unsafe-path");
    EXPECT_EQ(code((root / "outside.png").string(), true), "image-unsafe-path");
    EXPECT_EQ(code("escape.png", true), "image-unsafe-path");
    EXPECT_EQ(code("escape.png", false), "");  // without --safe-paths: any file
    fs::remove_all(root);
}

TEST(ImageTags, InspectListsThemAndRenderingWithoutThemAddsNothing) {
    Diagnostics d;
    auto with = Template::compile(Package::read_memory(test::make_docx(test::para("{{%photo}}")), "t.docx"), {}, d);
    ASSERT_TRUE(with->ok()) << d.to_string();
    ASSERT_EQ(with->tags().size(), 1u);
    EXPECT_EQ(with->tags()[0].kind, TagKind::image);
    EXPECT_STREQ(tag_kind_name(with->tags()[0].kind), "image");
    EXPECT_EQ(with->tags()[0].name, "photo");
    // A missing image is a warning and no picture; null is silent.
    ASSERT_TRUE(with->render(json::object(), {}, d));
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d.items()[0].code, "missing-value");
    ASSERT_TRUE(with->render(json{{"photo", nullptr}}, {}, d));
    EXPECT_EQ(d.size(), 1u);
    auto plain = Template::compile(Package::read_memory(test::make_docx(test::para("{{name}}")), "t.docx"), {}, d);
    auto bytes = plain->render(json{{"name", "x"}}, {}, d);
    ASSERT_TRUE(bytes);
    Package rendered = Package::read_memory(*bytes, "out.docx");
    EXPECT_EQ(rendered.entries().size(), Package::read_memory(test::make_docx(test::para("{{name}}")), "t").entries().size());
}

TEST(ImageTags, AnImageErrorNamesTheDataTheFieldAndTheLoopItem) {
    Diagnostics d;
    auto t = Template::compile(Package::read_memory(test::make_docx(test::para("{{#rows}}{{%photo}}{{/rows}}")), "t.docx"), {}, d);
    ASSERT_TRUE(t->ok());
    RenderOptions ro;
    ro.images = image_source_for((kGolden / "data.json").string(), false);
    ro.data_label = "rows.csv:7";
    json data = {{"rows", json::array({json{{"photo", "photo.png"}}, json{{"photo", "nope.png"}}})}};
    EXPECT_FALSE(t->render(data, ro, d));
    ASSERT_EQ(d.size(), 1u) << d.to_string();
    const Diagnostic& e = d.items()[0];
    EXPECT_EQ(e.code, "image-missing");
    EXPECT_EQ(e.file, "rows.csv:7");
    EXPECT_EQ(e.tag, "{{%photo}}");
    EXPECT_NE(e.message.find("item 2 of 'rows'"), std::string::npos) << e.message;
}

TEST(ImageTags, PlaceholderTemplateKeepsEverythingButTheImage) {
    // An anchored picture: its position, wrap and name (which happens to look like a sentinel) stay.
    std::string xml =
        "<w:drawing><wp:anchor behindDoc=\"1\"><wp:positionH relativeFrom=\"page\"><wp:posOffset>42</wp:posOffset></wp:positionH>"
        "<wp:extent cx=\"1512000\" cy=\"756000\"/><wp:wrapNone/><wp:docPr id=\"7\" name=\"x\xC2\xA7gw9\xC2\xA7 \xC2\xA7gw\" "
        "descr=\" {{%seal}} \"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed=\"rId5\"><a:extLst><a:ext uri=\"u\">"
        "<asvg:svgBlip r:embed=\"rId6\"/></a:ext></a:extLst></a:blip></pic:blipFill><pic:spPr><a:xfrm><a:ext cx=\"1512000\" "
        "cy=\"756000\"/></a:xfrm></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing>";
    const detail::FormatAdapter& docx = detail::format_adapter(DocFormat::docx);
    EXPECT_EQ(docx.picture_alt_text(xml), " {{%seal}} ");
    std::string problem;
    auto t = docx.picture_template(xml, "{{%seal}}", problem);
    ASSERT_TRUE(t) << problem;
    EXPECT_NEAR(t->width_mm, 42, 1e-9);
    EXPECT_NEAR(t->height_mm, 21, 1e-9);
    std::string out;
    detail::PictureUse use{"rIdGw1", ImageFormat::png, 30, 30, "印章"};
    for (std::size_t i = 0; i < t->pieces.size(); ++i) {
        out += t->pieces[i];
        if (i < t->holes.size()) docx.append_picture_hole(out, t->holes[i], use);
    }
    for (const char* kept : {"behindDoc=\"1\"", "<wp:posOffset>42</wp:posOffset>", "<wp:wrapNone", "id=\"7\"",
                             "name=\"x\xC2\xA7gw9\xC2\xA7 \xC2\xA7gw\"", "r:embed=\"rIdGw1\"", "descr=\"印章\"",
                             "cx=\"1080000\" cy=\"1080000\""})
        EXPECT_NE(out.find(kept), std::string::npos) << kept << " in " << out;
    EXPECT_EQ(out.find("rId5"), std::string::npos) << out;
    EXPECT_EQ(out.find("svgBlip"), std::string::npos) << out;  // the old SVG twin is gone; a PNG brings none
    EXPECT_FALSE(docx.picture_template("<w:drawing><wp:inline/></w:drawing>", "{{%seal}}", problem));
}

} // namespace
} // namespace gongwen
