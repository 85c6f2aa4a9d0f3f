// What a document format means to the template engine, behind one small interface: the
// compiler and the renderer are format-neutral and ask the adapter of the template's format
// (WordprocessingML for DOCX, ODF text for ODT) which parts hold text, what role an element
// plays and how a value or a break is written. No other file of the engine names a DOCX or
// ODT element.
#pragma once

#include "gongwen/diagnostics.hpp"
#include "gongwen/package.hpp"
#include "gongwen/template.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gongwen::detail {

/// The role an element plays for the template engine.
enum class Role : unsigned char {
    other,             ///< passed through as it is
    paragraph,         ///< w:p; text:p, text:h
    row,               ///< a table row
    cell,              ///< a table cell (ODT: covered cells too)
    table,             ///< a table
    inline_markup,     ///< runs, spans, links, tracked insertions: formatting, not structure
    text,              ///< the element whose text is the text layer (DOCX w:t; ODT has none)
    line_break,        ///< a break inside a paragraph (line, page or column)
    properties,        ///< a paragraph's properties (DOCX w:pPr)
    repeat_unit,       ///< repeats with the one paragraph it holds (ODT text:list-item)
    section_container, ///< a region a loop may leave and re-enter (ODT text:section)
    removed_text,      ///< a tracked deletion (DOCX w:del): its text is not shown
    section_break,     ///< a section break a paragraph loop keeps (DOCX w:sectPr)
};

/// An attribute whose value must be unique in a document (a drawing's id, a table's name): the
/// copies a loop makes get new values (see template/unique_ids.hpp).
struct UniqueAttribute {
    std::string_view element;    ///< the element's qualified name
    std::string_view attribute;  ///< the attribute's qualified name
    bool numeric;                ///< new values count up from the document's largest; else NAME_2, NAME_3 …
};

class FormatAdapter {
public:
    virtual ~FormatAdapter() = default;

    virtual DocFormat format() const = 0;

    /// The parts of `package` that hold text, main part first. Throws Error when the package
    /// lacks its main part or is not of this format.
    virtual std::vector<std::string> text_parts(const Package& package) const = 0;

    /// The role of the element named `element` (qualified name as written).
    virtual Role role(std::string_view element) const = 0;

    /// Where the text layer is: true when it is any text inside a paragraph (ODT), false when
    /// it is the text of Role::text elements only (DOCX).
    virtual bool text_is_paragraph_content() const = 0;

    /// True when the empty element `element`, written as `markup`, is a page break.
    virtual bool is_page_break(std::string_view element, std::string_view markup) const = 0;

    /// True when a paragraph loop keeps the page and section breaks of the paragraphs its tags
    /// stood in (and keeps a table cell's last paragraph).
    virtual bool loops_keep_breaks() const = 0;

    /// True when the section break `markup` (a Role::section_break element) starts a new page.
    virtual bool section_break_starts_page(std::string_view markup) const = 0;

    /// A paragraph holding only `properties` (markup of the paragraph's properties' content),
    /// closed when `close` is true, else left open.
    virtual std::string paragraph_with_properties(std::string_view properties, bool close) const = 0;

    /// An empty paragraph.
    virtual std::string_view empty_paragraph() const = 0;

    /// Appends a page break at the end of the last paragraph written into `out` since offset
    /// `since` (a paragraph of its own when there is none).
    virtual void append_page_break(std::string& out, std::size_t since) const = 0;

    /// A paragraph that only breaks the page.
    virtual std::string_view page_break_paragraph() const = 0;

    /// Adjusts the start tag `markup` of a Role::text element that receives a value, so that the
    /// value's leading and trailing spaces are kept.
    virtual void preserve_space(std::string& markup) const = 0;

    /// Appends the template's own text `text` (escaped here). `keep_leading`: its leading spaces
    /// followed a section tag, which renders nothing; they must stay visible wherever they land
    /// (ODF ignores spaces at a paragraph's start, DOCX keeps them).
    virtual void append_literal(std::string& out, std::string_view text, bool keep_leading) const = 0;

    /// Appends the value `text` (valid XML characters) where the text layer is. With
    /// `linebreaks`, newlines and tabs become the format's breaks and tabs.
    virtual void append_value(std::string& out, std::string_view text, bool linebreaks) const = 0;

    /// The attributes whose values must stay unique when a loop repeats their elements.
    virtual std::vector<UniqueAttribute> unique_attributes() const = 0;
};

/// The adapter of `format`.
const FormatAdapter& format_adapter(DocFormat format);

/// The adapters themselves (formats/docx.cpp, formats/odt.cpp).
const FormatAdapter& docx_format();
const FormatAdapter& odt_format();

} // namespace gongwen::detail
