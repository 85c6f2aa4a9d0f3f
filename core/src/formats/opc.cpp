#include "formats/opc.hpp"

#include "gongwen/i18n.hpp"

#include "xml_problem.hpp"

#include <pugixml.hpp>

#include <cctype>

namespace gongwen::detail::opc {

using i18n::_;

namespace {

pugi::xml_document parse(const Package& package, std::string_view part) {
    const PackageEntry* e = package.find(part);
    if (!e || !e->has_data)
        throw Error("missing-part", package.label(),
                    i18n::format(_("the package has no part '{part}'"), {{"part", std::string(part)}}));
    pugi::xml_document doc;
    pugi::xml_parse_result r = doc.load_buffer(e->data.data(), e->data.size());
    if (!r)
        throw Error("malformed-xml", package.label(),
                    i18n::format(_("part '{part}' is not well-formed XML at byte {offset}: {reason}"),
                                 {{"part", std::string(part)},
                                  {"offset", static_cast<long long>(r.offset)},
                                  {"reason", xml_problem(r.status)}}));
    return doc;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

std::string relationships_part_of(std::string_view part) {
    std::size_t slash = part.rfind('/');
    std::string_view dir = slash == std::string_view::npos ? std::string_view() : part.substr(0, slash + 1);
    std::string out(dir);
    out += "_rels/";
    out += part.substr(dir.size());
    out += ".rels";
    return out;
}

std::string resolve_target(std::string_view source, std::string_view target) {
    std::string path;
    if (!target.empty() && target[0] == '/') {
        path = target.substr(1);
    } else {
        std::size_t slash = source.rfind('/');
        if (slash != std::string_view::npos) path = source.substr(0, slash + 1);
        path += target;
    }
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        std::string segment = path.substr(start, slash - start);
        if (segment == "..") {
            if (!segments.empty()) segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(std::move(segment));
        }
        start = slash + 1;
    }
    std::string out;
    for (const auto& segment : segments) {
        if (!out.empty()) out += '/';
        out += segment;
    }
    return out;
}

std::vector<Relationship> relationships(const Package& package, std::string_view part) {
    std::string rels_part = relationships_part_of(part);
    std::vector<Relationship> out;
    if (!package.find(rels_part)) return out;
    pugi::xml_document doc = parse(package, rels_part);
    for (pugi::xml_node r : doc.document_element().children("Relationship")) {
        Relationship rel;
        rel.id = r.attribute("Id").value();
        rel.type = r.attribute("Type").value();
        rel.target = r.attribute("Target").value();
        rel.external = std::string_view(r.attribute("TargetMode").value()) == "External";
        if (!rel.external) rel.part = resolve_target(part, rel.target);
        out.push_back(std::move(rel));
    }
    return out;
}

bool type_is(std::string_view type, std::string_view suffix) {
    return type.size() > suffix.size() && type.substr(type.size() - suffix.size()) == suffix &&
           type[type.size() - suffix.size() - 1] == '/';
}

const Relationship* find_by_type(const std::vector<Relationship>& rels, std::string_view suffix) {
    for (const auto& r : rels)
        if (!r.external && type_is(r.type, suffix)) return &r;
    return nullptr;
}

const Relationship* find_by_id(const std::vector<Relationship>& rels, std::string_view id) {
    for (const auto& r : rels)
        if (r.id == id) return &r;
    return nullptr;
}

std::string main_part(const Package& package) {
    std::vector<Relationship> rels = relationships(package, "");  // kept: r points into it
    const Relationship* r = find_by_type(rels, "officeDocument");
    return r ? r->part : std::string();
}

std::string content_type(const Package& package, std::string_view part) {
    pugi::xml_document types = parse(package, "[Content_Types].xml");
    pugi::xml_node root = types.document_element();
    for (pugi::xml_node o : root.children("Override")) {
        std::string_view name = o.attribute("PartName").value();
        if (!name.empty() && name[0] == '/') name.remove_prefix(1);
        // Part names compare case-insensitively (OPC M1.12).
        if (lower(name) == lower(part)) return o.attribute("ContentType").value();
    }
    std::size_t dot = part.rfind('.');
    std::string extension = dot == std::string_view::npos ? std::string() : lower(part.substr(dot + 1));
    for (pugi::xml_node d : root.children("Default"))
        if (lower(d.attribute("Extension").value()) == extension) return d.attribute("ContentType").value();
    return "";
}

} // namespace gongwen::detail::opc
