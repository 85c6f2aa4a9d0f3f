// Pictures for image tags, per format (formats/pictures_docx.cpp, formats/pictures_odt.cpp), and
// what both share: a placeholder picture is parsed, the places a rendering fills are marked with
// sentinels, and the serialized XML is cut there into a PictureTemplate.
#pragma once

#include "formats/format.hpp"

#include <pugixml.hpp>

#include <cstring>
#include <string>
#include <string_view>

namespace gongwen::detail::pictures {

/// A mark no document holds (§gwN§), standing for a hole until the XML is cut.
inline std::string sentinel(PictureTemplate::Hole hole) {
    return std::string("\xC2\xA7gw") + static_cast<char>('0' + static_cast<int>(hole)) + "\xC2\xA7";
}

/// The element's name without its prefix.
inline std::string_view local_name(const char* name) {
    const char* colon = std::strchr(name, ':');
    return colon ? std::string_view(colon + 1) : std::string_view(name);
}

/// The first element below `node` (depth first) whose local name is `local`.
inline pugi::xml_node find_local(pugi::xml_node node, std::string_view local) {
    return node.find_node([&](pugi::xml_node n) { return n.type() == pugi::node_element && local_name(n.name()) == local; });
}

/// The first child element of `node` with that local name.
inline pugi::xml_node child_local(pugi::xml_node node, std::string_view local) {
    for (pugi::xml_node c : node.children())
        if (c.type() == pugi::node_element && local_name(c.name()) == local) return c;
    return {};
}

/// The attribute of `node` with that local name (any prefix).
inline pugi::xml_attribute attribute_local(pugi::xml_node node, std::string_view local) {
    for (pugi::xml_attribute a : node.attributes())
        if (local_name(a.name()) == local) return a;
    return {};
}

/// The document serialized and cut at its sentinels.
PictureTemplate cut_at_sentinels(const pugi::xml_document& doc);

/// Spaces around `s` trimmed.
std::string_view trim(std::string_view s);

// DOCX
std::string docx_alt_text(std::string_view xml);
std::optional<PictureTemplate> docx_template(std::string_view xml, std::string_view alt, std::string& problem);
void docx_hole(std::string& out, PictureTemplate::Hole hole, const PictureUse& use);
void docx_inline(std::string& out, const PictureUse& use);
std::string docx_media_path(const Package& package, std::string_view stem, ImageFormat format);
std::string docx_reference(const Package& package, const std::string& part, const PartMedia& so_far);
void docx_add_media(const Package& package, const std::vector<MediaUse>& media, const std::vector<PartMedia>& parts,
                    std::map<std::string, std::string, std::less<>>& replaced, std::vector<Package::NewPart>& added);

// ODT
std::string odt_alt_text(std::string_view xml);
std::optional<PictureTemplate> odt_template(std::string_view xml, std::string_view alt, std::string& problem);
void odt_hole(std::string& out, PictureTemplate::Hole hole, const PictureUse& use);
void odt_inline(std::string& out, const PictureUse& use);
void odt_add_media(const Package& package, const std::vector<MediaUse>& media,
                   std::map<std::string, std::string, std::less<>>& replaced, std::vector<Package::NewPart>& added);

} // namespace gongwen::detail::pictures
