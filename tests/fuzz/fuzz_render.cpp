// Arbitrary JSON data through a template that uses every kind of tag and filter: rendering
// reports bad values as diagnostics, never crashes.
#include "gongwen/package.hpp"
#include "gongwen/template.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace {

std::shared_ptr<const gongwen::Template> make_template() {
    std::string body =
        "<w:p><w:r><w:t>{{a}} {{a.b}} {{单位}} {{n | cn}} {{n | cn_upper}} {{y | cn_year}} {{d | date}} {{d | date:\"yy/M\"}}"
        "{{r | percent:1}} {{r | number:2}} {{x | default:\"无\"}} {{l | join:\"、\"}} {{l | count}} {{s | upper}} {{s | trim}}</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>{{#l}}</w:t></w:r></w:p><w:p><w:r><w:t>{{@index | ordinal}}{{.}}{{@count}}{{a}}{{#m}}{{.}}{{/m}}</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>{{/l}}</w:t></w:r></w:p><w:p><w:r><w:t>{{^z}}none{{/z}}{{#o}}{{p}}{{/o}}</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{{#rows}}{{@index}}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{{v}}{{/rows}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    std::string doc = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" + body +
                      "</w:body></w:document>";
    const char* types =
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    gongwen::Diagnostics d;
    auto t = gongwen::Template::compile(gongwen::Package::from_parts({{"[Content_Types].xml", types}, {"word/document.xml", doc}}, "fuzz"),
                                        {}, d);
    if (!t->ok()) __builtin_trap();  // the fixed template itself must be good
    return t;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto tmpl = make_template();
    nlohmann::json j = nlohmann::json::parse(reinterpret_cast<const char*>(data), reinterpret_cast<const char*>(data) + size,
                                             nullptr, false);
    if (j.is_discarded()) return 0;
    gongwen::Diagnostics d;
    gongwen::RenderOptions ro;
    ro.max_part_size = 16u << 20;
    for (bool strip : {false, true}) {
        ro.strip_invalid_chars = strip;
        (void)tmpl->render(j, ro, d);
    }
    return 0;
}
