// OPC (ECMA-376 Part 2), the packaging of DOCX and XLSX: relationships and content types.
// The one place that reads `_rels/*.rels` and `[Content_Types].xml`: the template, the XLSX
// reader and the GB/T 9704 check all ask here.
#pragma once

#include "gongwen/diagnostics.hpp"
#include "gongwen/package.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gongwen::detail::opc {

/// One relationship of a part (or of the package).
struct Relationship {
    std::string id;
    std::string type;      ///< the relationship type URI
    std::string target;    ///< as written in the .rels part
    std::string part;      ///< the target resolved to a part name ("" for an external target)
    bool external = false; ///< TargetMode="External": a URI outside the package
};

/// The relationships part of `part`: "word/document.xml" -> "word/_rels/document.xml.rels";
/// "" (the package itself) -> "_rels/.rels".
std::string relationships_part_of(std::string_view part);

/// `target` relative to the part `source` (a part name; "" for the package), resolved to a part
/// name: "word/document.xml" + "../media/x.png" -> "media/x.png". A target starting with '/'
/// starts at the package root; "." and ".." segments are resolved (never above the root).
std::string resolve_target(std::string_view source, std::string_view target);

/// The relationships of `part` ("" for the package's own), in document order; empty when the
/// part has no relationships part. Throws Error (code "malformed-xml", naming the .rels part)
/// when the relationships part is not well-formed XML.
std::vector<Relationship> relationships(const Package& package, std::string_view part);

/// True when the relationship type URI ends with `/suffix`, e.g. type_is(r.type, "header").
/// (Transitional and Strict URIs differ in their base, not in the last segment.)
bool type_is(std::string_view type, std::string_view suffix);

/// The first relationship of `part` with `type_is(type, suffix)` and an internal target, or
/// nullptr.
const Relationship* find_by_type(const std::vector<Relationship>& rels, std::string_view suffix);

/// The relationship with id `id`, or nullptr.
const Relationship* find_by_id(const std::vector<Relationship>& rels, std::string_view id);

/// The package's main part (the target of its officeDocument relationship), or "" when the
/// package has none.
std::string main_part(const Package& package);

/// The content type of `part` by [Content_Types].xml (an Override, else the Default for its
/// extension, compared case-insensitively); "" when none applies. Throws Error when
/// [Content_Types].xml is missing or not well-formed.
std::string content_type(const Package& package, std::string_view part);

} // namespace gongwen::detail::opc
