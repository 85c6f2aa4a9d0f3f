// Image tags in ODF text: an as-char draw:frame + draw:image at a tag, a placeholder frame (any
// anchor) with only its image replaced; the files in Pictures/ with their manifest entries.
#include "formats/pictures.hpp"

#include "template/xml_text.hpp"

#include "gongwen/i18n.hpp"

#include <cstdio>
#include <cstdlib>

namespace gongwen::detail::pictures {

using i18n::_;
using Hole = PictureTemplate::Hole;

namespace {

// An ODF length in mm; 0 when it is none (a percentage, a missing attribute).
double length_mm(const char* text) {
    char* end = nullptr;
    double v = std::strtod(text, &end);
    if (end == text || !(v > 0)) return 0;
    std::string_view unit(end);
    if (unit == "mm") return v;
    if (unit == "cm") return v * 10;
    if (unit == "in" || unit == "inch") return v * 25.4;
    if (unit == "pt") return v * 25.4 / 72;
    if (unit == "pc") return v * 25.4 / 6;
    if (unit == "px") return v * 25.4 / 96;
    return 0;
}

void append_mm(std::string& out, double mm) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3fmm", mm);
    out += buf;
}

bool is_frame_with_image(pugi::xml_node root) {
    return local_name(root.name()) == "frame" && child_local(root, "image");
}

} // namespace

std::string odt_alt_text(std::string_view xml) {
    pugi::xml_document doc;
    if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8)) return "";
    pugi::xml_node root = doc.document_element();
    if (!is_frame_with_image(root)) return "";  // a text box, an object
    std::string title = child_local(root, "title").text().get(), desc = child_local(root, "desc").text().get();
    return title.find('%') == std::string::npos && desc.find('%') != std::string::npos ? desc : title;
}

std::optional<PictureTemplate> odt_template(std::string_view xml, std::string_view alt, std::string& problem) {
    pugi::xml_document doc;
    if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8) ||
        !is_frame_with_image(doc.document_element())) {
        problem = _("the placeholder is not a frame holding an image");
        return std::nullopt;
    }
    pugi::xml_node frame = doc.document_element();
    pugi::xml_attribute width = attribute_local(frame, "width"), height = attribute_local(frame, "height");
    double w = length_mm(width.value()), h = length_mm(height.value());
    if (!(w > 0) || !(h > 0)) {
        problem = _("the placeholder frame has no fixed size (svg:width and svg:height)");
        return std::nullopt;
    }
    for (const char* name : {"title", "desc"}) {
        pugi::xml_node n = child_local(frame, name);
        if (!n || trim(n.text().get()) != alt) continue;
        while (n.first_child()) n.remove_child(n.first_child());
        n.append_child(pugi::node_pcdata).set_value(sentinel(Hole::alt).c_str());
        break;
    }
    width.set_value(sentinel(Hole::width).c_str());
    height.set_value(sentinel(Hole::height).c_str());
    // The first image is replaced; the others (LibreOffice's PNG twin of an SVG) go.
    pugi::xml_node image = child_local(frame, "image");
    for (pugi::xml_node n = image.next_sibling(); n;) {
        pugi::xml_node next = n.next_sibling();
        if (local_name(n.name()) == "image") frame.remove_child(n);
        n = next;
    }
    if (pugi::xml_node data = child_local(image, "binary-data")) image.remove_child(data);
    for (const char* name : {"href", "type", "show", "actuate"})
        if (!attribute_local(image, name)) image.append_attribute((std::string("xlink:") + name).c_str());
    attribute_local(image, "href").set_value(sentinel(Hole::reference).c_str());
    attribute_local(image, "type").set_value("simple");
    attribute_local(image, "show").set_value("embed");
    attribute_local(image, "actuate").set_value("onLoad");
    for (pugi::xml_attribute a : image.attributes())
        if (local_name(a.name()) == "mime-type") a.set_value(sentinel(Hole::media_type).c_str());
    PictureTemplate t = cut_at_sentinels(doc);
    t.width_mm = w;
    t.height_mm = h;
    return t;
}

void odt_hole(std::string& out, Hole hole, const PictureUse& use) {
    switch (hole) {
    case Hole::reference: append_escaped_attr(out, use.reference); break;
    case Hole::media_type: out += image_media_type(use.format); break;
    case Hole::width: append_mm(out, use.width_mm); break;
    case Hole::height: append_mm(out, use.height_mm); break;
    case Hole::alt: append_escaped_text(out, use.alt); break;
    case Hole::blip_ext:
    case Hole::blip_ext_list: break;
    }
}

void odt_inline(std::string& out, const PictureUse& use) {
    out += "<draw:frame xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "
           "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" "
           "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
           "draw:name=\"gwImage\" text:anchor-type=\"as-char\" svg:width=\"";
    append_mm(out, use.width_mm);
    out += "\" svg:height=\"";
    append_mm(out, use.height_mm);
    out += "\" draw:z-index=\"0\"><draw:image xlink:href=\"";
    append_escaped_attr(out, use.reference);
    out += "\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\"/>";
    if (!use.alt.empty()) {
        out += "<svg:title>";
        append_escaped_text(out, use.alt);
        out += "</svg:title>";
    }
    out += "</draw:frame>";
}

void odt_add_media(const Package& package, const std::vector<MediaUse>& media,
                   std::map<std::string, std::string, std::less<>>& replaced, std::vector<Package::NewPart>& added) {
    for (const auto& m : media) added.push_back({m.name, *m.bytes, m.format == ImageFormat::svg});
    const char* manifest_name = "META-INF/manifest.xml";
    if (!package.find(manifest_name)) return;
    std::string manifest = package.text(manifest_name);
    // The root's prefix, as the manifest writes it (manifest: everywhere in practice).
    std::size_t root = manifest.find("manifest");
    std::size_t lt = manifest.rfind('<', root);
    std::string prefix = lt != std::string::npos && manifest.compare(lt + 1, 9, "manifest:") == 0 ? "manifest:" : "";
    std::string declare = prefix.empty() ? " xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"" : "";
    std::string lines;
    for (const auto& m : media) {
        lines += " <manifest:file-entry" + declare + " manifest:full-path=\"";
        append_escaped_attr(lines, m.name);
        lines += "\" manifest:media-type=\"";
        lines += image_media_type(m.format);
        lines += "\"/>\n";
    }
    std::size_t end = manifest.rfind("</");
    if (end == std::string::npos) return;
    manifest.insert(end, lines);
    replaced[manifest_name] = std::move(manifest);
}

} // namespace gongwen::detail::pictures
