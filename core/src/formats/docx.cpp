// WordprocessingML (DOCX): the text layer is the text of w:t elements inside runs.
#include "formats/format.hpp"
#include "formats/opc.hpp"
#include "formats/pictures.hpp"

#include "template/xml_text.hpp"

#include "gongwen/i18n.hpp"

#include <algorithm>
#include <iterator>
#include <unordered_map>

namespace gongwen::detail {

using i18n::_;

namespace {

class DocxFormat final : public FormatAdapter {
public:
    DocFormat format() const override { return DocFormat::docx; }

    // The main part the package's relationships name, then its headers, footers, notes and
    // comments.
    std::vector<std::string> text_parts(const Package& package) const override {
        std::string main = opc::main_part(package);
        if (main.empty()) main = "word/document.xml";
        if (!package.find(main))
            throw Error("missing-part", package.label(),
                        i18n::format(_("the package has no main document part '{part}'"), {{"part", main}}));
        std::string type = opc::content_type(package, main);
        if (type.find("wordprocessingml") == std::string::npos)
            throw Error("not-a-document", package.label(),
                        type.empty() ? i18n::format(_("the main part '{part}' is not a Word document (it has no content type)"),
                                                    {{"part", main}})
                                     : i18n::format(_("the main part '{part}' is not a Word document but '{type}'"),
                                                    {{"part", main}, {"type", type}}));
        std::vector<std::string> parts{main};
        static const char* const kinds[] = {"header", "footer", "footnotes", "endnotes", "comments"};
        for (const auto& r : opc::relationships(package, main)) {
            if (r.external) continue;
            if (std::none_of(std::begin(kinds), std::end(kinds), [&](const char* k) { return opc::type_is(r.type, k); }))
                continue;
            if (package.find(r.part) && std::find(parts.begin(), parts.end(), r.part) == parts.end()) parts.push_back(r.part);
        }
        return parts;
    }

    Role role(std::string_view element) const override {
        static const std::unordered_map<std::string_view, Role> roles = {
            {"w:p", Role::paragraph},          {"w:tr", Role::row},
            {"w:tc", Role::cell},              {"w:tbl", Role::table},
            {"w:t", Role::text},               {"w:br", Role::line_break},
            {"w:cr", Role::line_break},        {"w:pPr", Role::properties},
            {"w:del", Role::removed_text},     {"w:sectPr", Role::section_break},
            {"w:r", Role::inline_markup},      {"w:hyperlink", Role::inline_markup},
            {"w:ins", Role::inline_markup},    {"w:smartTag", Role::inline_markup},
            {"w:fldSimple", Role::inline_markup}, {"w:moveFrom", Role::inline_markup},
            {"w:moveTo", Role::inline_markup},    {"w:drawing", Role::picture},
        };
        auto it = roles.find(element);
        return it == roles.end() ? Role::other : it->second;
    }

    bool text_is_paragraph_content() const override { return false; }

    bool is_page_break(std::string_view element, std::string_view markup) const override {
        return element == "w:br" && markup.find("w:type=\"page\"") != std::string_view::npos;
    }

    bool loops_keep_breaks() const override { return true; }

    bool section_break_starts_page(std::string_view markup) const override {
        return markup.find("w:val=\"continuous\"") == std::string_view::npos;
    }

    std::string paragraph_with_properties(std::string_view properties, bool close) const override {
        std::string out = "<w:p><w:pPr>";
        out += properties;
        out += "</w:pPr>";
        if (close) out += "</w:p>";
        return out;
    }

    std::string_view empty_paragraph() const override { return "<w:p/>"; }

    void append_page_break(std::string& out, std::size_t since) const override {
        static const std::string_view run = "<w:r><w:br w:type=\"page\"/></w:r>";
        std::size_t p = out.rfind("</w:p>");
        if (p == std::string::npos || p < since) {
            out += page_break_paragraph();
            return;
        }
        out.insert(p, run);
    }

    std::string_view page_break_paragraph() const override { return "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"; }

    void preserve_space(std::string& markup) const override {
        if (markup.find("xml:space=") == std::string::npos) markup.insert(markup.size() - 1, " xml:space=\"preserve\"");
    }

    // Spaces in a w:t are kept as they are (the compiler marks it xml:space="preserve").
    void append_literal(std::string& out, std::string_view text, bool) const override {
        append_escaped_text(out, text);
    }

    // A value lands inside a w:t: a break or a tab closes it and opens another.
    // Word refuses a document whose drawings share an id ("unreadable content").
    std::vector<UniqueAttribute> unique_attributes() const override { return {{"wp:docPr", "id", true}}; }

    std::string picture_alt_text(std::string_view xml) const override { return pictures::docx_alt_text(xml); }
    std::optional<PictureTemplate> picture_template(std::string_view xml, std::string_view alt,
                                                    std::string& problem) const override {
        return pictures::docx_template(xml, alt, problem);
    }
    void append_picture_hole(std::string& out, PictureTemplate::Hole hole, const PictureUse& use) const override {
        pictures::docx_hole(out, hole, use);
    }
    void append_inline_picture(std::string& out, const PictureUse& use) const override { pictures::docx_inline(out, use); }
    std::string sample_inline_picture() const override {
        std::string out;
        pictures::docx_inline(out, PictureUse{"rId1", ImageFormat::png, 1, 1, ""});
        return out;
    }
    std::string media_path(const Package& package, std::string_view stem, ImageFormat format) const override {
        return pictures::docx_media_path(package, stem, format);
    }
    std::string media_reference(const Package& package, const std::string& part, const std::string&,
                                const PartMedia& so_far) const override {
        return pictures::docx_reference(package, part, so_far);
    }
    void add_media(const Package& package, const std::vector<MediaUse>& media, const std::vector<PartMedia>& parts,
                   std::map<std::string, std::string, std::less<>>& replaced,
                   std::vector<Package::NewPart>& added) const override {
        pictures::docx_add_media(package, media, parts, replaced, added);
    }

    void append_value(std::string& out, std::string_view text, bool linebreaks) const override {
        if (!linebreaks) {
            append_escaped_text(out, text);
            return;
        }
        std::size_t run = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            char c = text[i];
            if (c != '\n' && c != '\r' && c != '\t') continue;
            append_escaped_text(out, text.substr(run, i - run));
            if (c == '\t') {
                out += "</w:t><w:tab/><w:t xml:space=\"preserve\">";
            } else {
                if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
                out += "</w:t><w:br/><w:t xml:space=\"preserve\">";
            }
            run = i + 1;
        }
        append_escaped_text(out, text.substr(run));
    }
};

} // namespace

const FormatAdapter& docx_format() {
    static const DocxFormat adapter;
    return adapter;
}

const FormatAdapter& format_adapter(DocFormat format) {
    return format == DocFormat::docx ? docx_format() : odt_format();
}

} // namespace gongwen::detail
