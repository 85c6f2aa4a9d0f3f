// The model the compiler's stages share: a part as a flat list of items (markup, text, tags),
// the tags found in its text layer, and a reporter of problems in the part.
#pragma once

#include "formats/format.hpp"
#include "template/tag_parser.hpp"

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace gongwen::detail {

enum class ItemKind : unsigned char { start, end, empty, text, other, tag };

struct Item {
    ItemKind kind = ItemKind::other;
    Role role = Role::other;     ///< start, end, empty: the element's role
    std::string markup;          ///< markup as XML; text items: the text, unescaped
    std::string_view name;       ///< element name (start, end, empty)
    int paragraph = 0;           ///< paragraph number at this item
    int tag = -1;                ///< tag items: index into the part's tags
    int match = -1;              ///< start <-> end
    int parent = -1;             ///< start item of the enclosing element
};

/// Formatting inside a paragraph (runs, spans, links, tracked changes), as opposed to structure.
inline bool is_inline(Role role) {
    return role == Role::inline_markup || role == Role::text || role == Role::removed_text;
}

struct TagRecord {
    ParsedTag parsed;
    std::string text;            ///< as written, delimiters included
    int paragraph = 0;
    std::size_t begin = 0, end = 0;  ///< in the text layer
    bool ok = true;              ///< no problem in the tag itself
    int item = -1;               ///< its tag item
    int end_item = -1;           ///< items strictly between `item` and this one are covered by the tag
    std::string picture;         ///< an image tag that is a placeholder picture's alt text: the picture's XML
};

/// A part after the scanner: its items (linked: parent and match set), its tags, and the items
/// the tags swallow (paragraph boundaries inside a tag, tracked deletions).
struct ScannedPart {
    std::vector<Item> items;
    std::vector<TagRecord> tags;
    std::vector<bool> skip;
    std::unordered_set<std::string> names;  ///< owns the element names the items point to
};

/// Problems found in one part, as diagnostics naming the file, part, paragraph and tag.
class PartReporter {
public:
    PartReporter(const std::string& label, const std::string& part, Diagnostics& diags)
        : label_(label), part_(part), diags_(diags) {}

    void report(const std::string& code, int paragraph, const std::string& tag, const std::string& message) {
        Diagnostic d;
        d.code = code;
        d.file = label_;
        d.part = part_;
        d.paragraph = paragraph;
        d.tag = tag;
        d.message = message;
        diags_.add(d);
        errors_ = true;
    }

    /// Throws Error: the part cannot be read at all.
    [[noreturn]] void malformed(const std::string& message) const {
        Diagnostics d;
        Diagnostic diag;
        diag.code = "malformed-xml";
        diag.file = label_;
        diag.part = part_;
        diag.message = message;
        d.add(diag);
        throw Error(d);
    }

    bool errors() const { return errors_; }

private:
    const std::string& label_;
    const std::string& part_;
    Diagnostics& diags_;
    bool errors_ = false;
};

} // namespace gongwen::detail
