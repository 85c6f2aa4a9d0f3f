// ODF text (ODT): the text layer is all text inside paragraphs and headings, spans included.
#include "formats/format.hpp"
#include "formats/pictures.hpp"

#include "template/xml_text.hpp"

#include "gongwen/i18n.hpp"

#include <unordered_map>

namespace gongwen::detail {

namespace {

class OdtFormat final : public FormatAdapter {
public:
    DocFormat format() const override { return DocFormat::odt; }

    std::vector<std::string> text_parts(const Package& package) const override {
        if (!package.find("content.xml")) throw Error("missing-part", package.label(), i18n::_("the package has no 'content.xml'"));
        std::vector<std::string> parts{"content.xml"};
        if (package.find("styles.xml")) parts.push_back("styles.xml");
        return parts;
    }

    Role role(std::string_view element) const override {
        static const std::unordered_map<std::string_view, Role> roles = {
            {"text:p", Role::paragraph},
            {"text:h", Role::paragraph},
            {"table:table-row", Role::row},
            {"table:table-cell", Role::cell},
            {"table:covered-table-cell", Role::cell},
            {"table:table", Role::table},
            {"text:line-break", Role::line_break},
            {"text:list-item", Role::repeat_unit},
            {"text:section", Role::section_container},
            {"text:span", Role::inline_markup},
            {"text:a", Role::inline_markup},
            {"text:meta", Role::inline_markup},
            {"text:ruby", Role::inline_markup},
            {"text:ruby-base", Role::inline_markup},
            {"draw:frame", Role::picture},
        };
        auto it = roles.find(element);
        return it == roles.end() ? Role::other : it->second;
    }

    bool text_is_paragraph_content() const override { return true; }

    // Page breaks are paragraph styles in ODF, not elements.
    bool is_page_break(std::string_view, std::string_view) const override { return false; }

    bool loops_keep_breaks() const override { return false; }

    bool section_break_starts_page(std::string_view) const override { return false; }

    std::string paragraph_with_properties(std::string_view, bool close) const override {
        return close ? "<text:p/>" : "<text:p>";
    }

    std::string_view empty_paragraph() const override { return "<text:p/>"; }

    void append_page_break(std::string& out, std::size_t) const override { out += page_break_paragraph(); }

    // Without a paragraph style that breaks the page there is none to write: an empty paragraph.
    std::string_view page_break_paragraph() const override { return "<text:p/>"; }

    void preserve_space(std::string&) const override {}

    void append_literal(std::string& out, std::string_view text, bool keep_leading) const override {
        std::size_t spaces = 0;
        if (keep_leading)
            while (spaces < text.size() && text[spaces] == ' ') ++spaces;
        if (spaces == 1)
            out += "<text:s/>";
        else if (spaces > 1)
            out += "<text:s text:c=\"" + std::to_string(spaces) + "\"/>";
        append_escaped_text(out, text.substr(spaces));
    }

    // Tables, sections and frames are named; LibreOffice renames duplicates on load.
    std::vector<UniqueAttribute> unique_attributes() const override {
        return {{"table:table", "table:name", false}, {"text:section", "text:name", false}, {"draw:frame", "draw:name", false}};
    }

    std::string picture_alt_text(std::string_view xml) const override { return pictures::odt_alt_text(xml); }
    std::optional<PictureTemplate> picture_template(std::string_view xml, std::string_view alt,
                                                    std::string& problem) const override {
        return pictures::odt_template(xml, alt, problem);
    }
    void append_picture_hole(std::string& out, PictureTemplate::Hole hole, const PictureUse& use) const override {
        pictures::odt_hole(out, hole, use);
    }
    void append_inline_picture(std::string& out, const PictureUse& use) const override { pictures::odt_inline(out, use); }
    std::string sample_inline_picture() const override {
        std::string out;
        pictures::odt_inline(out, PictureUse{"Pictures/x.png", ImageFormat::png, 1, 1, ""});
        return out;
    }
    std::string media_path(const Package&, std::string_view stem, ImageFormat format) const override {
        return "Pictures/" + std::string(stem) + "." + image_extension(format);
    }
    std::string media_reference(const Package&, const std::string&, const std::string& media, const PartMedia&) const override {
        return media;
    }
    void add_media(const Package& package, const std::vector<MediaUse>& media, const std::vector<PartMedia>&,
                   std::map<std::string, std::string, std::less<>>& replaced,
                   std::vector<Package::NewPart>& added) const override {
        pictures::odt_add_media(package, media, replaced, added);
    }

    // ODF collapses white space: runs of spaces become <text:s/>, breaks and tabs elements.
    void append_value(std::string& out, std::string_view text, bool linebreaks) const override {
        std::size_t run = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            char c = text[i];
            if (c == ' ') {
                std::size_t k = i;
                while (k < text.size() && text[k] == ' ') ++k;
                std::size_t count = k - i;
                // At either edge of the value a space may meet one of the template's.
                bool at_edge = i == 0 || k == text.size();
                if (count == 1 && !at_edge) continue;
                append_escaped_text(out, text.substr(run, i - run));
                std::size_t extra = count;
                if (!at_edge) {
                    out += ' ';
                    --extra;
                }
                if (extra == 1)
                    out += "<text:s/>";
                else if (extra > 1)
                    out += "<text:s text:c=\"" + std::to_string(extra) + "\"/>";
                run = k;
                i = k - 1;
                continue;
            }
            if (c != '\n' && c != '\r' && c != '\t') continue;
            append_escaped_text(out, text.substr(run, i - run));
            if (c == '\t') {
                out += linebreaks ? "<text:tab/>" : " ";
            } else {
                if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
                out += linebreaks ? "<text:line-break/>" : " ";
            }
            run = i + 1;
        }
        append_escaped_text(out, text.substr(run));
    }
};

} // namespace

const FormatAdapter& odt_format() {
    static const OdtFormat adapter;
    return adapter;
}

} // namespace gongwen::detail
