// String-level XML for the merge: the rendered parts are the engine's own well-formed output, so
// the merge walks their tags and rewrites attribute values in one pass, never building a DOM
// (10,000 copies pass through here one at a time).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::batch::xml {

/// One element found by children(): where its markup starts and ends in the text given.
struct Span {
    std::size_t begin = 0, end = 0;  ///< [begin, end): from '<' to after its end tag (or '/>')
    std::string_view name;           ///< qualified name
};

/// The top-level elements of `content` (the inside of an element), in order.
std::vector<Span> children(std::string_view content);

/// The first element named `name` at any depth of `xml` from `from`, or nothing.
std::optional<Span> find_element(std::string_view xml, std::string_view name, std::size_t from = 0);

/// [begin, end) of the inside of the element `span` (empty at span.end for `<x/>`).
std::pair<std::size_t, std::size_t> inner(std::string_view xml, const Span& span);

/// The value of `attribute` on the start tag at `tag` (offset of its '<'), or nothing.
std::optional<std::string> attribute(std::string_view xml, std::size_t tag, std::string_view attribute);

/// Calls `fn(element, attribute, value)` for every attribute of every start tag; when it returns
/// a string, the value is replaced by it (written as given: escape it yourself). Returns the
/// rewritten text (`xml` itself when nothing changed).
using AttributeRewrite =
    std::function<std::optional<std::string>(std::string_view element, std::string_view attribute, std::string_view value)>;
std::string rewrite_attributes(std::string_view xml, const AttributeRewrite& fn);

/// Calls `fn(value)` for every value of `attribute` on start tags of `element` ("" = any).
void for_each_value(std::string_view xml, std::string_view element, std::string_view attribute,
                    const std::function<void(std::string_view)>& fn);

/// `text` escaped for an attribute value.
std::string escape_attribute(std::string_view text);
/// An attribute value as written, unescaped (the five entities and numeric references).
std::string unescape(std::string_view text);

/// A 64-bit FNV-1a hash of `bytes`. Media are told apart by size, CRC and two of these (different
/// seeds): not collision-resistant against a crafted file, but no accident makes two pictures one.
std::uint64_t hash(std::string_view bytes, std::uint64_t seed = 1469598103934665603ull);

} // namespace gongwen::batch::xml
