// gongwen check: the layout figures of GB/T 9704-2012 read back from a document's XML.
#include "gongwen/check.hpp"
#include "gongwen/i18n.hpp"

#include "check/text_rules.hpp"
#include "formats/opc.hpp"

#include <pugixml.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>

namespace gongwen {

using i18n::_;
using i18n::N_;

namespace {

namespace opc = detail::opc;

// "odd", "even", "left", "right", "center" in messages, in the user's language.
const char* word(const std::string& w) {
    if (w == "odd") return _("odd");
    if (w == "even") return _("even");
    if (w == "left" || w.empty()) return _("left");
    if (w == "right") return _("right");
    if (w == "center") return _("center");
    if (w == "both" || w == "justify") return _("justified");
    return w.c_str();
}

constexpr double kTwipsPerMm = 1440.0 / 25.4;

struct Figures {  // what the standard asks, in mm and pt
    double page_w = 210, page_h = 297, top = 37, bottom = 35, left = 28, right = 26, tolerance = 1;
    double body_pt = 16, title_pt = 22;
    int lines = 22, chars = 28;
};

class Checker {
public:
    explicit Checker(const Package& pkg) : pkg_(pkg) {}

    void deviation(const std::string& code, const std::string& part, int paragraph, const std::string& message) {
        Diagnostic d;
        d.code = code;
        d.file = pkg_.label();
        d.part = part;
        d.paragraph = paragraph;
        d.message = message;
        out_.add(d);
    }

    void margin(const char* name, double got_mm, double want_mm, const std::string& part) {
        if (std::fabs(got_mm - want_mm) > f_.tolerance)
            deviation("gbt-margin", part, 0,
                      i18n::format(_(name), {{"got", fmt(got_mm)}, {"want", fmt(want_mm)}}));
    }

    void page(double w, double h, const std::string& part) {
        if (std::fabs(w - f_.page_w) > f_.tolerance || std::fabs(h - f_.page_h) > f_.tolerance)
            deviation("gbt-page-size", part, 0,
                      i18n::format(_("the page is {width} × {height} mm; GB/T 9704 wants A4, 210 × 297 mm"), {{"width", fmt(w)}, {"height", fmt(h)}}));
    }

    void body_font(const std::string& east, double pt, const std::string& part) {
        if (east.find("仿宋") == std::string::npos && east.find("FangSong") == std::string::npos)
            deviation("gbt-body-font", part, 0, i18n::format(_("the body font is '{font}'; GB/T 9704 wants 仿宋 (3号)"), {{"font", east}}));
        if (std::fabs(pt - f_.body_pt) > 0.01)
            deviation("gbt-body-size", part, 0, i18n::format(_("the body text is {size} pt; GB/T 9704 wants 3号 (16 pt)"), {{"size", fmt(pt)}}));
    }

    void title_font(const std::string& east, double pt, const std::string& part, int para) {
        if (east.find("小标宋") == std::string::npos)
            deviation("gbt-title-font", part, para, i18n::format(_("the title font is '{font}'; GB/T 9704 wants 小标宋 (2号)"), {{"font", east}}));
        if (std::fabs(pt - f_.title_pt) > 0.01)
            deviation("gbt-title-size", part, para, i18n::format(_("the title is {size} pt; GB/T 9704 wants 2号 (22 pt)"), {{"size", fmt(pt)}}));
    }

    void grid(double type_h_pt, double line_pt, double type_w_pt, double char_pt, const std::string& part) {
        if (line_pt <= 0) {
            deviation("gbt-grid", part, 0, _("no line pitch is set; GB/T 9704 wants 22 lines a page"));
        } else {
            int lines = static_cast<int>(std::floor(type_h_pt / line_pt + 0.01));
            if (lines != f_.lines)
                deviation("gbt-grid", part, 0,
                          i18n::format(i18n::P_("{n} line a page (line pitch {pitch} pt); GB/T 9704 wants 22",
                                                "{n} lines a page (line pitch {pitch} pt); GB/T 9704 wants 22", static_cast<unsigned long>(std::max(lines, 0))),
                                       {{"n", lines}, {"pitch", fmt(line_pt)}}));
        }
        int chars = char_pt > 0 ? static_cast<int>(std::floor(type_w_pt / char_pt + 0.01)) : 0;
        if (chars != f_.chars)
            deviation("gbt-grid", part, 0,
                      i18n::format(i18n::P_("{n} character a line (character pitch {pitch} pt); GB/T 9704 wants 28",
                                            "{n} characters a line (character pitch {pitch} pt); GB/T 9704 wants 28", static_cast<unsigned long>(std::max(chars, 0))),
                                   {{"n", chars}, {"pitch", fmt(char_pt)}}));
    }

    // 发文字号 brackets and dates, in the text of each paragraph (rules shared with the layout check).
    void text(const std::string& utf8, const std::string& part, int para) {
        for (const auto& hit : check::text_rule_hits(utf8))
            deviation(hit.code, part, para, i18n::format(_("{rule}: '{found}'"), {{"rule", hit.message}, {"found", hit.found}}));
    }

    void page_number(const std::string& text, bool has_field, const std::string& align, const char* which, const char* want_align,
                     const std::string& part) {
        if (!has_field) {
            deviation("gbt-page-number", part, 0, i18n::format(_("no page number on {which} pages"), {{"which", word(which)}}));
            return;
        }
        // — N —: an em dash (U+2014) each side of the number.
        if (text.rfind("— ", 0) != 0 || text.size() < 4 || text.compare(text.size() - 4, 4, " —") != 0)
            deviation("gbt-page-number", part, 0,
                      i18n::format(_("the page number on {which} pages reads '{text}'; GB/T 9704 wants '— 1 —'"), {{"which", word(which)}, {"text", text}}));
        if (align != want_align)
            deviation("gbt-page-number", part, 0,
                      i18n::format(_("page numbers on {which} pages are aligned {align}; GB/T 9704 wants {want}"),
                                   {{"which", word(which)}, {"align", word(align)}, {"want", word(want_align)}}));
    }

    static std::string fmt(double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", v);
        std::string s = buf;
        if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
        return s;
    }

    const Package& pkg_;
    Figures f_;
    Diagnostics out_;
};

pugi::xml_document load(const Package& pkg, const std::string& part) {
    pugi::xml_document doc;
    if (const PackageEntry* e = pkg.find(part); e && e->has_data) doc.load_buffer(e->data.data(), e->data.size());
    return doc;
}

// ---- DOCX --------------------------------------------------------------------------------------

double attr_num(pugi::xml_node n, const char* a, double fallback = 0) {
    pugi::xml_attribute at = n.attribute(a);
    return at ? at.as_double() : fallback;
}

struct RunProps {
    std::string east;
    double half_points = 0;
    double spacing_twentieths = 0;
};

void apply_rpr(pugi::xml_node rpr, RunProps& p) {
    if (!rpr) return;
    if (auto f = rpr.child("w:rFonts"); f && f.attribute("w:eastAsia")) p.east = f.attribute("w:eastAsia").value();
    if (auto sz = rpr.child("w:sz")) p.half_points = sz.attribute("w:val").as_double();
    if (auto sp = rpr.child("w:spacing")) p.spacing_twentieths = sp.attribute("w:val").as_double();
}

// The run properties a paragraph style gives, following basedOn from the document defaults.
RunProps style_props(const pugi::xml_document& styles, const std::string& id) {
    RunProps p;
    apply_rpr(styles.child("w:styles").child("w:docDefaults").child("w:rPrDefault").child("w:rPr"), p);
    std::vector<pugi::xml_node> chain;
    std::string cur = id;
    for (int guard = 0; !cur.empty() && guard < 20; ++guard) {
        pugi::xml_node s = styles.child("w:styles").find_child_by_attribute("w:style", "w:styleId", cur.c_str());
        if (!s) break;
        chain.push_back(s);
        cur = s.child("w:basedOn").attribute("w:val").value();
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) apply_rpr(it->child("w:rPr"), p);
    return p;
}

std::string paragraph_text(pugi::xml_node p) {
    std::string t;
    for (auto x : p.select_nodes(".//w:t")) t += x.node().text().get();
    return t;
}

void check_docx(Checker& c, const Package& pkg) {
    std::string main = opc::main_part(pkg);
    if (main.empty()) main = "word/document.xml";
    auto doc = load(pkg, main);
    auto styles = load(pkg, "word/styles.xml");
    auto settings = load(pkg, "word/settings.xml");
    pugi::xml_node body = doc.child("w:document").child("w:body");
    pugi::xml_node sect = body.child("w:sectPr");
    if (!sect) {
        c.deviation("gbt-page-size", main, 0, _("the document has no section properties (page size and margins)"));
        return;
    }
    auto sz = sect.child("w:pgSz");
    auto mar = sect.child("w:pgMar");
    double w = attr_num(sz, "w:w", 12240) / kTwipsPerMm, h = attr_num(sz, "w:h", 15840) / kTwipsPerMm;
    c.page(w, h, main);
    double top = attr_num(mar, "w:top") / kTwipsPerMm, bottom = attr_num(mar, "w:bottom") / kTwipsPerMm;
    double left = attr_num(mar, "w:left") / kTwipsPerMm, right = attr_num(mar, "w:right") / kTwipsPerMm;
    c.margin(N_("the top margin is {got} mm; GB/T 9704 wants {want} ± 1 mm"), top, c.f_.top, main);
    c.margin(N_("the bottom margin is {got} mm; GB/T 9704 wants {want} ± 1 mm"), bottom, c.f_.bottom, main);
    c.margin(N_("the left margin is {got} mm; GB/T 9704 wants {want} ± 1 mm"), left, c.f_.left, main);
    c.margin(N_("the right margin is {got} mm; GB/T 9704 wants {want} ± 1 mm"), right, c.f_.right, main);

    RunProps normal = style_props(styles, "Normal");
    c.body_font(normal.east, normal.half_points / 2, "word/styles.xml");
    // The grid: lines from the line pitch, characters from the font size and its spacing
    // (or the character grid's pitch).
    double type_h_pt = (h - top - bottom) * 72 / 25.4, type_w_pt = (w - left - right) * 72 / 25.4;
    auto grid = sect.child("w:docGrid");
    double line_pt = attr_num(grid, "w:linePitch") / 20;
    double char_pt = normal.half_points / 2 + normal.spacing_twentieths / 20;
    if (std::string(grid.attribute("w:type").value()) == "linesAndChars" || std::string(grid.attribute("w:type").value()) == "snapToChars")
        char_pt = normal.half_points / 2 + attr_num(grid, "w:charSpace") / 4096;
    c.grid(type_h_pt, line_pt, type_w_pt, char_pt, main);

    // The title: the first paragraph in a title style.
    int para = 0;
    bool title_seen = false;
    for (auto x : body.select_nodes(".//w:p")) {
        ++para;
        pugi::xml_node p = x.node();
        std::string sid = p.child("w:pPr").child("w:pStyle").attribute("w:val").value();
        if (!title_seen && !sid.empty()) {
            pugi::xml_node s = styles.child("w:styles").find_child_by_attribute("w:style", "w:styleId", sid.c_str());
            std::string name = s.child("w:name").attribute("w:val").value();
            if ((sid == "Title" || name.find("标题") == 0 || name == "Title") && name.find("级标题") == std::string::npos &&
                !paragraph_text(p).empty()) {
                title_seen = true;
                RunProps tp = style_props(styles, sid);
                apply_rpr(p.child("w:r").child("w:rPr"), tp);
                c.title_font(tp.east, tp.half_points / 2, main, para);
            }
        }
        c.text(paragraph_text(p), main, para);
    }
    if (!title_seen) c.deviation("gbt-title-font", main, 0, _("no paragraph is in a title style (公文标题 / Title)"));

    // Page numbers: the footers of odd (default) and even pages.
    bool even_odd = settings.child("w:settings").child("w:evenAndOddHeaders") != nullptr;
    const auto rels = opc::relationships(pkg, main);
    auto footer = [&](const char* type, const char* which, const char* want) {
        std::string id;
        // The body's pages are numbered in the first section (a later one may hold only the
        // unnumbered blank page and 版记 page of §7.5).
        pugi::xml_node first = body.select_node(".//w:pPr/w:sectPr").node();
        for (auto ref : (first ? first : sect).children("w:footerReference"))
            if (std::string(ref.attribute("w:type").value()) == type) id = ref.attribute("r:id").value();
        const opc::Relationship* rel = opc::find_by_id(rels, id);
        std::string part = rel && !rel->external ? rel->part : main;
        auto ftr = load(pkg, part);
        bool field = false;
        std::string text, align;
        for (auto x : ftr.select_nodes("//w:p")) {
            std::string instr;
            for (auto i : x.node().select_nodes(".//w:instrText")) instr += i.node().text().get();
            bool simple = x.node().select_node(".//w:fldSimple[contains(@w:instr,'PAGE')]");
            if (instr.find("PAGE") == std::string::npos && !simple) continue;
            field = true;
            text = paragraph_text(x.node());
            align = x.node().child("w:pPr").child("w:jc").attribute("w:val").value();
        }
        // The text holds the field's cached result: put a digit placeholder back in its place.
        c.page_number(text, field, align, which, want, part);
    };
    footer("default", "odd", "right");
    if (!even_odd) c.deviation("gbt-page-number", "word/settings.xml", 0, _("odd and even pages share one footer; GB/T 9704 puts numbers right on odd, left on even pages"));
    else footer("even", "even", "left");
}

// ---- ODT ---------------------------------------------------------------------------------------

double length_mm(const char* v) {
    if (!v || !*v) return 0;
    char* end = nullptr;
    double x = std::strtod(v, &end);
    std::string unit = end ? end : "";
    if (unit == "in") return x * 25.4;
    if (unit == "cm") return x * 10;
    if (unit == "mm") return x;
    if (unit == "pt") return x * 25.4 / 72;
    if (unit == "pc") return x * 25.4 / 6;
    return x;
}

double pt_of(const char* v) { return length_mm(v) * 72 / 25.4; }

void check_odt(Checker& c, const Package& pkg) {
    const std::string part = "styles.xml";
    auto styles = load(pkg, part);
    auto content = load(pkg, "content.xml");
    pugi::xml_node root = styles.child("office:document-styles");
    pugi::xml_node master = root.child("office:master-styles").child("style:master-page");
    std::string layout_name = master.attribute("style:page-layout-name").value();
    pugi::xml_node layout = root.child("office:automatic-styles").find_child_by_attribute("style:page-layout", "style:name", layout_name.c_str());
    pugi::xml_node props = layout.child("style:page-layout-properties");
    double w = length_mm(props.attribute("fo:page-width").value()), h = length_mm(props.attribute("fo:page-height").value());
    c.page(w, h, part);
    // ODF measures the margins to the header and footer; the body begins after them.
    auto extra = [](pugi::xml_node hf) {
        pugi::xml_node p = hf.child("style:header-footer-properties");
        if (!p) return 0.0;
        double hgt = length_mm(p.attribute("fo:min-height").value()) + length_mm(p.attribute("svg:height").value());
        bool dynamic = std::string(p.attribute("style:dynamic-spacing").value()) == "true";
        double gap = length_mm(p.attribute(hf.name() == std::string("style:footer-style") ? "fo:margin-top" : "fo:margin-bottom").value());
        return dynamic ? hgt : hgt + gap;
    };
    bool has_footer = master.child("style:footer") != nullptr;
    bool has_header = master.child("style:header") != nullptr;
    double top = length_mm(props.attribute("fo:margin-top").value()) + (has_header ? extra(layout.child("style:header-style")) : 0);
    double bottom = length_mm(props.attribute("fo:margin-bottom").value()) + (has_footer ? extra(layout.child("style:footer-style")) : 0);
    double left = length_mm(props.attribute("fo:margin-left").value()), right = length_mm(props.attribute("fo:margin-right").value());
    c.margin(N_("the top margin is {got} mm; GB/T 9704 wants {want} ± 1 mm"), top, c.f_.top, part);
    c.margin(N_("the bottom margin is {got} mm; GB/T 9704 wants {want} ± 1 mm"), bottom, c.f_.bottom, part);
    c.margin(N_("the left margin is {got} mm; GB/T 9704 wants {want} ± 1 mm"), left, c.f_.left, part);
    c.margin(N_("the right margin is {got} mm; GB/T 9704 wants {want} ± 1 mm"), right, c.f_.right, part);

    // Paragraph styles: the default, then Standard.
    pugi::xml_node all = root.child("office:styles");
    auto text_props = [&](const char* name) -> pugi::xml_node {
        return all.find_child_by_attribute("style:style", "style:name", name).child("style:text-properties");
    };
    pugi::xml_node deflt = all.find_child_by_attribute("style:default-style", "style:family", "paragraph").child("style:text-properties");
    std::string east = deflt.attribute("style:font-name-asian").value();
    double size = pt_of(deflt.attribute("style:font-size-asian").value());
    double spacing = pt_of(deflt.attribute("fo:letter-spacing").value());
    if (auto std_tp = text_props("Standard")) {
        if (std_tp.attribute("style:font-name-asian")) east = std_tp.attribute("style:font-name-asian").value();
        if (std_tp.attribute("style:font-size-asian")) size = pt_of(std_tp.attribute("style:font-size-asian").value());
    }
    c.body_font(east, size, part);
    double type_h_pt = (h - top - bottom) * 72 / 25.4, type_w_pt = (w - left - right) * 72 / 25.4;
    double line_pt = 0;
    if (std::string(props.attribute("style:layout-grid-mode").value()) != "none" && props.attribute("style:layout-grid-lines"))
        line_pt = type_h_pt / props.attribute("style:layout-grid-lines").as_double();
    else if (auto pp = all.find_child_by_attribute("style:style", "style:name", "Standard").child("style:paragraph-properties"))
        line_pt = pt_of(pp.attribute("fo:line-height").value());
    c.grid(type_h_pt, line_pt, type_w_pt, size + spacing, part);

    // The title: the first paragraph in a style named like one.
    int para = 0;
    bool title_seen = false;
    pugi::xml_node auto_styles = content.child("office:document-content").child("office:automatic-styles");
    for (auto x : content.select_nodes("//text:p | //text:h")) {
        ++para;
        pugi::xml_node p = x.node();
        std::string text;
        for (auto t : p.select_nodes(".//text()")) text += t.node().value();
        std::string sname = p.attribute("text:style-name").value();
        // Automatic styles point at the named style they refine.
        pugi::xml_node a = auto_styles.find_child_by_attribute("style:style", "style:name", sname.c_str());
        std::string named = a ? a.attribute("style:parent-style-name").value() : sname;
        if (!title_seen && (named == "公文标题" || named == "Title") && !text.empty()) {
            title_seen = true;
            pugi::xml_node tp = text_props(named.c_str());
            std::string tf = tp.attribute("style:font-name-asian").value();
            double ts = pt_of(tp.attribute("style:font-size-asian").value());
            if (auto at = a.child("style:text-properties"); at && at.attribute("style:font-size-asian"))
                ts = pt_of(at.attribute("style:font-size-asian").value());
            c.title_font(tf, ts, "content.xml", para);
        }
        c.text(text, "content.xml", para);
    }
    if (!title_seen) c.deviation("gbt-title-font", "content.xml", 0, _("no paragraph is in a title style (公文标题 / Title)"));

    auto footer = [&](const char* element, const char* which, const char* want) {
        pugi::xml_node f = master.child(element);
        pugi::xml_node p = f.select_node(".//text:p[.//text:page-number]").node();
        std::string text;
        for (auto t : p.select_nodes(".//text()")) text += t.node().value();
        // <text:s/> is a space the text nodes do not show; the page number is a digit run.
        std::string shown;
        for (auto n : p.select_nodes(".//node()")) {
            pugi::xml_node nd = n.node();
            if (nd.type() == pugi::node_pcdata) shown += nd.value();
            else if (std::strcmp(nd.name(), "text:s") == 0) shown += std::string(nd.attribute("text:c").as_uint(1), ' ');
        }
        std::string pstyle = p.attribute("text:style-name").value();
        pugi::xml_node ps = root.child("office:automatic-styles").find_child_by_attribute("style:style", "style:name", pstyle.c_str());
        std::string align = ps.child("style:paragraph-properties").attribute("fo:text-align").value();
        if (align == "end") align = "right";
        if (align == "start") align = "left";
        c.page_number(shown, p != nullptr, align, which, want, part);
    };
    footer("style:footer", "odd", "right");
    if (!master.child("style:footer-left")) c.deviation("gbt-page-number", part, 0, _("odd and even pages share one footer; GB/T 9704 puts numbers right on odd, left on even pages"));
    else footer("style:footer-left", "even", "left");
}

} // namespace

Diagnostics check_gbt9704(const Package& document) {
    Checker c(document);
    if (document.find("mimetype")) check_odt(c, document);
    else check_docx(c, document);
    return c.out_;
}

} // namespace gongwen
