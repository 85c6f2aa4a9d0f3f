// What a document format means to the template engine, behind one small interface: the
// compiler and the renderer are format-neutral and ask the adapter of the template's format
// (WordprocessingML for DOCX, ODF text for ODT) which parts hold text, what role an element
// plays and how a value or a break is written. No other file of the engine names a DOCX or
// ODT element.
#pragma once

#include "gongwen/diagnostics.hpp"
#include "gongwen/image.hpp"
#include "gongwen/package.hpp"
#include "gongwen/template.hpp"

#include <map>
#include <optional>
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
    picture,           ///< a drawing or frame that may be an image tag's placeholder (DOCX w:drawing, ODT draw:frame)
};

/// An attribute whose value must be unique in a document (a drawing's id, a table's name): the
/// copies a loop makes get new values (see template/unique_ids.hpp).
struct UniqueAttribute {
    std::string_view element;    ///< the element's qualified name
    std::string_view attribute;  ///< the attribute's qualified name
    bool numeric;                ///< new values count up from the document's largest; else NAME_2, NAME_3 …
};

/// A placeholder picture compiled (docs/image-tags.md): its XML cut where each rendering puts
/// the new image's reference, size and alt text.
struct PictureTemplate {
    enum class Hole : unsigned char {
        reference,   ///< DOCX: the relationship id of a:blip/@r:embed; ODT: draw:image/@xlink:href
        media_type,  ///< ODT: the image's media type (draw:image/@draw:mime-type, loext:mime-type)
        blip_ext,    ///< DOCX: the SVG extension (asvg:svgBlip) as an a:ext, inside an existing a:extLst
        blip_ext_list, ///< DOCX: the same in an a:extLst of its own
        width,       ///< the box's width (EMU; ODT a length)
        height,
        alt,         ///< the alt text that held the tag (escaped)
    };
    std::vector<std::string> pieces;   ///< literal XML; one more than holes
    std::vector<Hole> holes;
    double width_mm = 0, height_mm = 0;  ///< the box the template gives
};

/// A picture of a rendered document: where its image is and how large it is drawn.
struct PictureUse {
    std::string_view reference;  ///< what PictureTemplate::Hole::reference is
    ImageFormat format = ImageFormat::png;
    double width_mm = 0, height_mm = 0;
    std::string_view alt;
};

/// What a document's images change in its package besides its text parts.
struct MediaUse {
    std::string name;        ///< the media part (word/media/…, Pictures/…)
    ImageFormat format;
    const std::string* bytes;
};
struct PartMedia {
    std::string part;        ///< the text part whose pictures use them
    std::vector<std::pair<std::string, std::size_t>> references;  ///< reference -> index into the media
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

    // ---- image tags (formats/docx_pictures.cpp, formats/odt_pictures.cpp) ---------------------

    /// The alt text of the picture element `xml` (a Role::picture element as XML), unescaped, or
    /// "" when it has none or is no picture (an ODT frame holding a text box).
    virtual std::string picture_alt_text(std::string_view xml) const = 0;

    /// `xml`, a placeholder picture whose alt text `alt` is an image tag, cut into a template.
    /// Nothing, and `problem` set, when it cannot take an image (no size, no image element).
    virtual std::optional<PictureTemplate> picture_template(std::string_view xml, std::string_view alt,
                                                            std::string& problem) const = 0;

    /// Appends what a hole of a placeholder picture gets for `use`.
    virtual void append_picture_hole(std::string& out, PictureTemplate::Hole hole, const PictureUse& use) const = 0;

    /// Appends an inline picture at a value's place in the text layer (DOCX: within a w:t).
    virtual void append_inline_picture(std::string& out, const PictureUse& use) const = 0;

    /// A picture as append_inline_picture writes it, for the ids it uses (UniqueValues::learn).
    virtual std::string sample_inline_picture() const = 0;

    /// The package path of a new media part for an image (`stem` names it, e.g. gw-0123abcd).
    virtual std::string media_path(const Package& package, std::string_view stem, ImageFormat format) const = 0;

    /// The reference the pictures of `part` use for the media part `media` (a new relationship
    /// id, or the path itself); `so_far` holds the references already handed out for that part.
    virtual std::string media_reference(const Package& package, const std::string& part, const std::string& media,
                                        const PartMedia& so_far) const = 0;

    /// The package's other parts changed for the media used (relationships, content types,
    /// manifest): replaced parts into `replaced`, new ones into `added`, media parts included.
    virtual void add_media(const Package& package, const std::vector<MediaUse>& media, const std::vector<PartMedia>& parts,
                           std::map<std::string, std::string, std::less<>>& replaced,
                           std::vector<Package::NewPart>& added) const = 0;
};

/// The adapter of `format`.
const FormatAdapter& format_adapter(DocFormat format);

/// The adapters themselves (formats/docx.cpp, formats/odt.cpp).
const FormatAdapter& docx_format();
const FormatAdapter& odt_format();

} // namespace gongwen::detail
