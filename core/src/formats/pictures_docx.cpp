// Image tags in WordprocessingML: an inline w:drawing (wp:inline, pic:pic) at a tag, a
// placeholder drawing (inline or anchored) with only its image replaced; media in word/media/,
// a relationship in the .rels of the part that shows it, a content-type Default per extension.
#include "formats/opc.hpp"
#include "formats/pictures.hpp"

#include "template/xml_text.hpp"

#include "gongwen/i18n.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace gongwen::detail::pictures {

using i18n::_;
using Hole = PictureTemplate::Hole;

namespace {

constexpr const char* kSvgExtUri = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}";
constexpr double kEmuPerMm = 36000;

bool parse(pugi::xml_document& doc, std::string_view xml) {
    return doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
}

long long emu(double mm) { return std::max(1LL, std::llround(mm * kEmuPerMm)); }

void svg_blip(std::string& out, std::string_view reference) {
    out += "<a:ext uri=\"";
    out += kSvgExtUri;
    out += "\"><asvg:svgBlip xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"";
    append_escaped_attr(out, reference);
    out += "\"/></a:ext>";
}

// Inserts `what` before the closing tag of the root element of `xml`.
void insert_before_root_end(std::string& xml, std::string_view what) {
    std::size_t end = xml.rfind("</");
    if (end == std::string::npos) {
        // A root written empty (<Relationships/>): open it.
        std::size_t slash = xml.rfind("/>");
        if (slash == std::string::npos) return;
        std::size_t lt = xml.rfind('<', slash);
        std::string name = xml.substr(lt + 1, xml.find_first_of(" \t\r\n/", lt + 1) - lt - 1);
        xml.replace(slash, 2, ">" + std::string(what) + "</" + name + ">");
        return;
    }
    xml.insert(end, what);
}

} // namespace

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::strchr(" \t\r\n", s.front())) s.remove_prefix(1);
    while (!s.empty() && std::strchr(" \t\r\n", s.back())) s.remove_suffix(1);
    return s;
}

PictureTemplate cut_at_sentinels(const pugi::xml_document& doc) {
    std::ostringstream ss;
    doc.save(ss, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
    std::string xml = ss.str();
    PictureTemplate t;
    const std::string_view mark = "\xC2\xA7gw";
    std::size_t from = 0;
    for (std::size_t at = xml.find(mark); at != std::string::npos; at = xml.find(mark, at + 1)) {
        // A sentinel is §gwN§ with N a hole; anything else (the document's own text) stays text.
        std::size_t digit = at + mark.size();
        if (digit + 3 > xml.size() || xml[digit] < '0' || xml[digit] > '0' + static_cast<int>(Hole::alt) ||
            xml.compare(digit + 1, 2, "\xC2\xA7") != 0)
            continue;
        t.pieces.push_back(xml.substr(from, at - from));
        t.holes.push_back(static_cast<Hole>(xml[digit] - '0'));
        from = digit + 3;  // the digit and the closing §
    }
    t.pieces.push_back(xml.substr(from));
    return t;
}

std::string docx_alt_text(std::string_view xml) {
    pugi::xml_document doc;
    if (!parse(doc, xml)) return "";
    pugi::xml_node root = doc.document_element();
    pugi::xml_node pr = find_local(root, "docPr");
    if (!pr || !find_local(root, "blip")) return "";  // a chart, a text box, a shape: no image to replace
    std::string descr = attribute_local(pr, "descr").value(), title = attribute_local(pr, "title").value();
    return descr.find('%') == std::string::npos && title.find('%') != std::string::npos ? title : descr;
}

std::optional<PictureTemplate> docx_template(std::string_view xml, std::string_view alt, std::string& problem) {
    pugi::xml_document doc;
    if (!parse(doc, xml)) {
        problem = _("the placeholder picture cannot be read");
        return std::nullopt;
    }
    pugi::xml_node root = doc.document_element();
    pugi::xml_node frame = root.first_child();  // wp:inline or wp:anchor
    while (frame && frame.type() != pugi::node_element) frame = frame.next_sibling();
    pugi::xml_node pr = find_local(root, "docPr"), blip = find_local(root, "blip");
    pugi::xml_node extent = frame ? child_local(frame, "extent") : pugi::xml_node();
    double w = extent ? attribute_local(extent, "cx").as_double() / kEmuPerMm : 0;
    double h = extent ? attribute_local(extent, "cy").as_double() / kEmuPerMm : 0;
    if (!pr || !blip || !(w > 0) || !(h > 0)) {
        problem = _("the placeholder is not a picture with a size (wp:extent, a:blip)");
        return std::nullopt;
    }
    // The tag leaves the alt text (wp:docPr's, and pic:cNvPr's where it was repeated).
    for (pugi::xml_node holder : {pr, find_local(root, "cNvPr")})
        for (const char* name : {"descr", "title"})
            if (pugi::xml_attribute a = attribute_local(holder, name); a && trim(a.value()) == alt) a.set_value(sentinel(Hole::alt).c_str());
    pugi::xml_attribute embed = attribute_local(blip, "embed");
    if (!embed) embed = blip.append_attribute("r:embed");
    embed.set_value(sentinel(Hole::reference).c_str());
    // The old image's SVG twin (Word 2016's asvg:svgBlip) goes; the new image brings its own.
    pugi::xml_node list = child_local(blip, "extLst");
    if (list) {
        for (pugi::xml_node ext = list.first_child(); ext;) {
            pugi::xml_node next = ext.next_sibling();
            if (child_local(ext, "svgBlip")) list.remove_child(ext);
            ext = next;
        }
        if (!list.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; })) {
            blip.remove_child(list);
            list = pugi::xml_node();
        }
    }
    if (list)
        list.append_child(pugi::node_pcdata).set_value(sentinel(Hole::blip_ext).c_str());
    else
        blip.append_child(pugi::node_pcdata).set_value(sentinel(Hole::blip_ext_list).c_str());
    attribute_local(extent, "cx").set_value(sentinel(Hole::width).c_str());
    attribute_local(extent, "cy").set_value(sentinel(Hole::height).c_str());
    if (pugi::xml_node pic = find_local(root, "pic"))
        if (pugi::xml_node ext = child_local(child_local(child_local(pic, "spPr"), "xfrm"), "ext")) {
            if (auto cx = attribute_local(ext, "cx")) cx.set_value(sentinel(Hole::width).c_str());
            if (auto cy = attribute_local(ext, "cy")) cy.set_value(sentinel(Hole::height).c_str());
        }
    PictureTemplate t = cut_at_sentinels(doc);
    t.width_mm = w;
    t.height_mm = h;
    return t;
}

void docx_hole(std::string& out, Hole hole, const PictureUse& use) {
    switch (hole) {
    case Hole::reference: append_escaped_attr(out, use.reference); break;
    case Hole::width: out += std::to_string(emu(use.width_mm)); break;
    case Hole::height: out += std::to_string(emu(use.height_mm)); break;
    case Hole::alt: append_escaped_attr(out, use.alt); break;
    case Hole::blip_ext:
        if (use.format == ImageFormat::svg) svg_blip(out, use.reference);
        break;
    case Hole::blip_ext_list:
        if (use.format == ImageFormat::svg) {
            out += "<a:extLst>";
            svg_blip(out, use.reference);
            out += "</a:extLst>";
        }
        break;
    case Hole::media_type: break;
    }
}

// The value stands inside a w:t: the drawing goes between two w:t of the same run.
void docx_inline(std::string& out, const PictureUse& use) {
    std::string cx = std::to_string(emu(use.width_mm)), cy = std::to_string(emu(use.height_mm));
    out += "</w:t><w:drawing xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
           "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
           "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\" "
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
           "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"";
    out += cx + "\" cy=\"" + cy;
    out += "\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"1\" name=\"Picture\" descr=\"";
    append_escaped_attr(out, use.alt);
    out += "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
           "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
           "<pic:nvPicPr><pic:cNvPr id=\"0\" name=\"Picture\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"";
    append_escaped_attr(out, use.reference);
    out += "\">";
    docx_hole(out, Hole::blip_ext_list, use);
    out += "</a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"";
    out += cx + "\" cy=\"" + cy;
    out += "\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
           "</wp:inline></w:drawing><w:t xml:space=\"preserve\">";
}

std::string docx_media_path(const Package& package, std::string_view stem, ImageFormat format) {
    std::string main = opc::main_part(package);
    std::string dir = main.find('/') == std::string::npos ? "word/" : main.substr(0, main.rfind('/') + 1);
    return dir + "media/" + std::string(stem) + "." + image_extension(format);
}

std::string docx_reference(const Package& package, const std::string& part, const PartMedia& so_far) {
    const PackageEntry* rels = package.find(opc::relationships_part_of(part));
    for (std::size_t n = so_far.references.size() + 1;; ++n) {
        std::string id = "rIdGw" + std::to_string(n);
        bool taken = std::any_of(so_far.references.begin(), so_far.references.end(), [&](const auto& r) { return r.first == id; });
        if (!taken && (!rels || rels->data.find("\"" + id + "\"") == std::string::npos)) return id;
    }
}

void docx_add_media(const Package& package, const std::vector<MediaUse>& media, const std::vector<PartMedia>& parts,
                    std::map<std::string, std::string, std::less<>>& replaced, std::vector<Package::NewPart>& added) {
    for (const auto& m : media) added.push_back({m.name, *m.bytes, m.format == ImageFormat::svg});
    // A Default content type for each extension the package has none for.
    std::string types = package.text("[Content_Types].xml");
    pugi::xml_document doc;
    doc.load_buffer(types.data(), types.size());
    std::string defaults;
    for (ImageFormat f : {ImageFormat::png, ImageFormat::jpeg, ImageFormat::svg}) {
        if (std::none_of(media.begin(), media.end(), [&](const MediaUse& m) { return m.format == f; })) continue;
        bool has = false;
        for (pugi::xml_node d : doc.document_element().children())
            if (local_name(d.name()) == "Default") {
                std::string ext = d.attribute("Extension").value();
                std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
                has |= ext == image_extension(f);
            }
        if (!has) defaults += std::string("<Default Extension=\"") + image_extension(f) + "\" ContentType=\"" + image_media_type(f) + "\"/>";
    }
    if (!defaults.empty()) {
        insert_before_root_end(types, defaults);
        replaced["[Content_Types].xml"] = std::move(types);
    }
    // The relationships of each part that shows an image.
    for (const auto& pm : parts) {
        std::string rels_name = opc::relationships_part_of(pm.part);
        const PackageEntry* e = package.find(rels_name);
        std::string rels = e ? package.text(rels_name)
                             : "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                               "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>";
        bool strict = rels.find("http://purl.oclc.org/ooxml/officeDocument/relationships/") != std::string::npos;
        std::string type = strict ? "http://purl.oclc.org/ooxml/officeDocument/relationships/image"
                                  : "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
        std::string dir = pm.part.substr(0, pm.part.rfind('/') + 1);
        std::string lines;
        for (const auto& [id, index] : pm.references) {
            const std::string& name = media[index].name;
            std::string target = !dir.empty() && name.rfind(dir, 0) == 0 ? name.substr(dir.size()) : "/" + name;
            lines += "<Relationship Id=\"" + id + "\" Type=\"" + type + "\" Target=\"";
            append_escaped_attr(lines, target);
            lines += "\"/>";
        }
        insert_before_root_end(rels, lines);
        if (e)
            replaced[rels_name] = std::move(rels);
        else
            added.push_back({rels_name, std::move(rels), true});
    }
}

} // namespace gongwen::detail::pictures
