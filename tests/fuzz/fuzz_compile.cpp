// Any text as word/document.xml (first byte even) or content.xml (odd): the template compiler
// reports problems as diagnostics, never crashes, and what it accepts renders.
#include "gongwen/package.hpp"
#include "gongwen/template.hpp"

#include <cstdint>
#include <string>

namespace {
const char* kTypes =
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    bool odt = data[0] & 1;
    std::string xml(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::vector<std::pair<std::string, std::string>> parts;
    if (odt) parts = {{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", xml}};
    else parts = {{"[Content_Types].xml", kTypes}, {"word/document.xml", xml}};
    gongwen::TemplateOptions o;
    o.max_depth = 50;
    try {
        gongwen::Diagnostics d;
        auto t = gongwen::Template::compile(gongwen::Package::from_parts(parts, "fuzz"), o, d);
        if (t->ok()) {
            nlohmann::json data = {{"a", "x\ny"}, {"b", {1, 2, 3}}, {"c", {{"d", "e"}}}, {"n", 5}};
            gongwen::RenderOptions ro;
            ro.max_part_size = 16u << 20;
            (void)t->render(data, ro, d);
        }
    } catch (const gongwen::Error&) {
    }
    return 0;
}
