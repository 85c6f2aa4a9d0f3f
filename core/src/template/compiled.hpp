// The compiled form of a template: per part, a tree of literal XML, values and sections.
#pragma once

#include "gongwen/template.hpp"
#include "template/unique_ids.hpp"

#include <memory>
#include <string>
#include <vector>

namespace gongwen::detail {

class FormatAdapter;
struct PictureTemplate;

/// A parsed tag expression: `#name | f:arg | g`.
struct Filter {
    std::string name;
    std::vector<std::string> args;
    const Formatter* fn = nullptr;
};

struct Expr {
    enum class Kind { path, dot, index, count } kind = Kind::path;
    std::string name;                  ///< as written, trimmed
    std::vector<std::string> segments; ///< dotted path split
    std::vector<Filter> filters;
    bool handles_missing = false;      ///< a filter gives missing values a value
};

struct Node {
    enum class Kind { literal, value, section, image } kind = Kind::literal;
    std::string literal;               ///< literal: escaped XML
    Expr expr;                         ///< value, section
    bool inverted = false;             ///< section
    bool guard = false;                ///< section rendered once, without a scope, when its value is true
                                       ///< (a table whose every row is looped: dropped when there is none)
    // Page and section breaks around a paragraph loop, kept the way Word users expect (and
    // docxtemplater does) when the format keeps them: see template/expansion.cpp.
    std::string before, after;         ///< XML emitted before / after the repetitions
    std::string empty_fill;            ///< XML emitted instead when there is no repetition
    std::string iter_open, iter_close; ///< XML around each repetition (spans reopened and closed)
    bool page_break_each = false;      ///< each repetition ends with a page break
    bool page_break_last = false;      ///< the last repetition ends with a page break
    bool ensure_paragraph = false;     ///< emit an empty paragraph when nothing was rendered (a cell needs one)
    bool plain_text = false;           ///< value: its element holds text only (an ODT text field, ruby text),
                                       ///< so breaks, tabs and runs of spaces are written as plain spaces
    int paragraph = 0;
    int tag_id = 0;                    ///< index in the part's tag list, for de-duplicated warnings
    std::string tag_text;              ///< as written
    std::shared_ptr<const PictureTemplate> picture;  ///< image: the placeholder picture; null: inline at the tag
    std::vector<Node> children;        ///< section body
    std::vector<Node> children_again;  ///< the body from the second repetition on, when it differs: a
                                       ///< loop from a heading into a paragraph closes the heading once,
                                       ///< then the paragraph the previous repetition opened
};

struct CompiledPart {
    std::string name;
    const FormatAdapter* format = nullptr;  ///< how values and breaks are written
    std::vector<Node> nodes;
    std::size_t size_hint = 0;         ///< template part size: a first guess at the output size
    bool has_images = false;           ///< holds image tags
};

} // namespace gongwen::detail

namespace gongwen {

struct Template::Impl {
    Package package;
    DocFormat format = DocFormat::docx;
    TemplateOptions options;
    std::vector<detail::CompiledPart> parts;
    std::vector<TagInfo> tags;
    detail::UniqueValues unique;  ///< ids and names the template uses, kept unique in loop copies
    bool has_images = false;      ///< some part holds an image tag: rendering may add media parts
    bool ok = false;
};

} // namespace gongwen
