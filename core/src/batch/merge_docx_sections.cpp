#include "batch/merge_docx_sections.hpp"

#include "batch/merge_xml.hpp"

namespace gongwen::batch {

namespace {

// Children of sectPr after w:type, and after w:pgNumType, in the schema's order.
const char* const kAfterType[] = {"w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols",
                                  "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
                                  "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"};
const char* const kAfterPgNum[] = {"w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
                                   "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"};

// Inserts `child` into the sectPr markup `s` before the first top-level child named in `before`.
template <std::size_t N>
void insert_child(std::string& s, const std::string& child, const char* const (&before)[N]) {
    if (s.size() >= 2 && s.compare(s.size() - 2, 2, "/>") == 0) {  // <w:sectPr/>
        s = s.substr(0, s.size() - 2) + ">" + child + "</w:sectPr>";
        return;
    }
    auto [b, e] = xml::inner(s, {0, s.size(), "w:sectPr"});
    for (const auto& c : xml::children(std::string_view(s).substr(b, e - b)))
        for (const char* name : before)
            if (c.name == name) {
                s.insert(b + c.begin, child);
                return;
            }
    s.insert(e, child);
}

// A section that starts its document: on an odd page, its page numbers from 1.
} // namespace

std::string starting_section(std::string s) {
    auto type = xml::find_element(s, "w:type");
    if (type && !xml::find_element(s, "w:sectPrChange")) s.erase(type->begin, type->end - type->begin);
    insert_child(s, "<w:type w:val=\"oddPage\"/>", kAfterType);
    auto pg = xml::find_element(s, "w:pgNumType");
    if (pg) {
        std::string tag = s.substr(pg->begin, pg->end - pg->begin);
        std::string fixed = xml::rewrite_attributes(tag, [](std::string_view, std::string_view a, std::string_view) -> std::optional<std::string> {
            if (a == "w:start") return "1";
            return std::nullopt;
        });
        if (fixed == tag) fixed.insert(std::string_view("<w:pgNumType").size(), " w:start=\"1\"");
        s.replace(pg->begin, pg->end - pg->begin, fixed);
    } else {
        insert_child(s, "<w:pgNumType w:start=\"1\"/>", kAfterPgNum);
    }
    return s;
}

// The paragraph `p` (markup of a top-level w:p, or "") ending its section with `sect`.
std::string ending_paragraph(const std::string& p, const std::string& sect) {
    const std::string alone = "<w:p><w:pPr>" + sect + "</w:pPr></w:p>";
    if (p.empty() || xml::find_element(p, "w:sectPr")) return p + alone;
    if (p.size() >= 2 && p.compare(p.size() - 2, 2, "/>") == 0 && p.find('>') == p.size() - 1) return alone;
    auto [b, e] = xml::inner(p, {0, p.size(), "w:p"});
    auto kids = xml::children(std::string_view(p).substr(b, e - b));
    std::string out = p;
    if (kids.empty() || kids[0].name != "w:pPr") {
        out.insert(b, "<w:pPr>" + sect + "</w:pPr>");
        return out;
    }
    std::string ppr = p.substr(b + kids[0].begin, kids[0].end - kids[0].begin);
    if (ppr.compare(ppr.size() - 2, 2, "/>") == 0) {
        ppr = ppr.substr(0, ppr.size() - 2) + ">" + sect + "</w:pPr>";
    } else {
        auto [pb, pe] = xml::inner(ppr, {0, ppr.size(), "w:pPr"});
        std::size_t at = pe;
        for (const auto& c : xml::children(std::string_view(ppr).substr(pb, pe - pb)))
            if (c.name == "w:pPrChange") {
                at = pb + c.begin;
                break;
            }
        ppr.insert(at, sect);
    }
    out.replace(b + kids[0].begin, kids[0].end - kids[0].begin, ppr);
    return out;
}

} // namespace gongwen::batch
