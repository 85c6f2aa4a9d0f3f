// Following a DOCX's pages from its XML (see pagination.hpp); its paragraphs are measured by
// paragraph_lines.cpp.
#include "layout/pagination.hpp"
#include "layout/paragraph_lines.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gongwen::layout {

namespace {

// A block of the flow: a paragraph (lines of one height) or a table row (one unsplittable piece).
struct Block {
    int lines = 1;
    double line_pt = 0;
    double before_pt = 0, after_pt = 0;
    bool keep_next = false, page_break_before = false, widow_control = false, splittable = true;
};

class Paginator {
public:
    explicit Paginator(double page_pt) : page_pt_(page_pt) {}

    void add(const Block& b) {
        if (b.page_break_before && used_ > 0) new_page();
        double head = (used_ > 0 ? b.before_pt : 0);
        double height = head + b.lines * b.line_pt + b.after_pt;
        if (used_ + height <= page_pt_ + 0.01) {
            place(b, height);
            return;
        }
        // Lines that fit on this page; widow and orphan control keep two lines together.
        int fit = b.splittable ? static_cast<int>((page_pt_ - used_ - head + 0.01) / b.line_pt) : 0;
        fit = std::clamp(fit, 0, b.lines);
        if (b.widow_control && fit > 0) {
            if (fit < 2) fit = 0;
            else if (b.lines - fit < 2) fit = b.lines - 2 >= 2 ? b.lines - 2 : 0;
        }
        if (fit == 0) {
            pull_kept_chain();
            if (used_ > 0) new_page();
            double h = b.lines * b.line_pt + b.after_pt;
            while (h > page_pt_ + 0.01) {  // taller than a page: it fills pages
                h -= page_pt_;
                ++pages_;
            }
            place(b, h);
            return;
        }
        new_page();
        Block rest = b;
        rest.lines = b.lines - fit;
        place(rest, rest.lines * b.line_pt + b.after_pt);
        chain_.clear();
        if (b.keep_next) chain_.push_back(rest.lines * b.line_pt + b.after_pt);
    }

    int pages() const { return pages_; }
    /// Height the office suite adds on a page without a paragraph of its own (a table's header
    /// row repeated at the top of the page the table continues on).
    void grow(double pt) { used_ += pt; }

    PageEstimate result(double page_pt) const {
        PageEstimate e;
        e.pages = pages_;
        e.last_used_pt = used_;
        e.page_pt = page_pt;
        return e;
    }

private:
    void place(const Block& b, double height) {
        used_ += height;
        if (b.keep_next) chain_.push_back(height);
        else chain_.clear();
    }

    // Keep-with-next: the paragraphs that keep with the one moving to a new page go with it
    // (unless they fill the page themselves).
    void pull_kept_chain() {
        double moved = 0;
        for (double h : chain_) moved += h;
        if (!chain_.empty() && moved < used_ - 0.01 && moved < page_pt_) {
            used_ -= moved;
            new_page();
            used_ = moved;
            chain_.clear();
            carried_ = true;
        }
    }

    void new_page() {
        if (carried_) {  // the kept paragraphs already opened this page
            carried_ = false;
            return;
        }
        ++pages_;
        used_ = 0;
        chain_.clear();
    }

    double page_pt_;
    double used_ = 0;
    int pages_ = 1;
    bool carried_ = false;
    std::vector<double> chain_;  // heights of the paragraphs that keep with what follows
};

std::string text_of(pugi::xml_node paragraph, bool* page_break) {
    std::string t;
    for (pugi::xpath_node x : paragraph.select_nodes(".//w:t | .//w:tab | .//w:br")) {
        pugi::xml_node n = x.node();
        if (std::strcmp(n.name(), "w:t") == 0) t += n.text().get();
        else if (std::strcmp(n.name(), "w:tab") == 0) t += "\u3000";
        else if (std::string(n.attribute("w:type").value()) == "page") *page_break = true;
        else t += "\n";
    }
    return t;
}

ParagraphProps props_of(const Styles& styles, pugi::xml_node paragraph) {
    pugi::xml_node ppr = paragraph.child("w:pPr");
    ParagraphProps p = styles.paragraph(ppr.child("w:pStyle").attribute("w:val").value());
    apply_ppr(ppr, p);
    // The first run with text gives the size the lines are measured in.
    for (pugi::xml_node r : paragraph.children("w:r"))
        if (r.child("w:t")) {
            apply_rpr(r.child("w:rPr"), p);
            break;
        }
    return p;
}

Block paragraph_block(const Styles& styles, pugi::xml_node paragraph, double width_pt, bool* page_break) {
    ParagraphProps p = props_of(styles, paragraph);
    std::string text = text_of(paragraph, page_break);
    Block b;
    b.lines = count_lines(text, p, width_pt - p.left_pt - p.right_pt);
    b.line_pt = p.line_pt > 0 && p.line_exact ? p.line_pt : std::max(p.line_pt, p.font_pt * 1.3);
    b.before_pt = p.before_pt;
    b.after_pt = p.after_pt;
    b.keep_next = p.keep_next;
    b.page_break_before = p.page_break_before;
    b.widow_control = p.widow_control;
    return b;
}

// Height of a table row: its tallest cell (its paragraphs and the cell margins), at least the
// row's own height.
double row_height(const Styles& styles, pugi::xml_node row, const std::pair<double, double>& margins) {
    double tallest = 0;
    for (pugi::xml_node cell : row.children("w:tc")) {
        double width = num(cell.child("w:tcPr").child("w:tcW"), "w:w") * kTwip - margins.second;
        double h = margins.first;
        for (pugi::xml_node p : cell.children("w:p")) {
            bool ignored = false;
            Block b = paragraph_block(styles, p, width, &ignored);
            h += b.before_pt + b.lines * b.line_pt + b.after_pt;
        }
        tallest = std::max(tallest, h);
    }
    return std::max(tallest, num(row.child("w:trPr").child("w:trHeight"), "w:val") * kTwip);
}

// The width of a table's horizontal rules (its own, else its style's): each row adds one.
double rule_pt(const Styles& styles, pugi::xml_node tbl_pr) {
    pugi::xml_node borders = tbl_pr.child("w:tblBorders");
    if (!borders) borders = styles.table_borders(tbl_pr.child("w:tblStyle").attribute("w:val").value());
    pugi::xml_node inside = borders.child("w:insideH");
    std::string kind = inside.attribute("w:val").value();
    return inside && kind != "nil" && kind != "none" ? num(inside, "w:sz") / 8.0 : 0.0;
}

} // namespace

PageEstimate estimate_pages(const Package& docx) {
    const PackageEntry* doc = docx.find("word/document.xml");
    const PackageEntry* styles = docx.find("word/styles.xml");
    return estimate_pages(doc && doc->has_data ? std::string_view(doc->data) : std::string_view(),
                          styles && styles->has_data ? std::string_view(styles->data) : std::string_view());
}

PageEstimate estimate_pages(std::string_view document_xml, std::string_view styles_xml) {
    pugi::xml_document doc, styles_doc;
    doc.load_buffer(document_xml.data(), document_xml.size());
    styles_doc.load_buffer(styles_xml.data(), styles_xml.size());
    Styles styles(styles_doc);
    pugi::xml_node body = doc.child("w:document").child("w:body");
    pugi::xml_node sect = body.child("w:sectPr");
    double page_pt = (num(sect.child("w:pgSz"), "w:h", 16838) - num(sect.child("w:pgMar"), "w:top", 1440) -
                      num(sect.child("w:pgMar"), "w:bottom", 1440)) * kTwip;
    double width_pt = (num(sect.child("w:pgSz"), "w:w", 11906) - num(sect.child("w:pgMar"), "w:left", 1440) -
                       num(sect.child("w:pgMar"), "w:right", 1440)) * kTwip;
    Paginator pages(page_pt);
    double floating = 0;
    for (pugi::xml_node child : body.children()) {
        if (std::strcmp(child.name(), "w:p") == 0) {
            // A shape anchored to the page with text kept above and below it (the 版记's box)
            // takes its height from the page, wherever its anchor is.
            for (pugi::xpath_node a : child.select_nodes(".//wp:anchor[wp:wrapTopAndBottom]"))
                floating += num(a.node().child("wp:extent"), "cy") / 12700.0;
            bool page_break = false;
            Block b = paragraph_block(styles, child, width_pt, &page_break);
            if (page_break && text_of(child, &page_break).empty()) {
                b.page_break_before = true;  // an empty paragraph holding a page break: the break, then the mark
                b.lines = 1;
            }
            // A paragraph of (almost) no height — an anchor — fits wherever the text ends.
            if (b.lines * b.line_pt + b.before_pt + b.after_pt < 2.0 && !b.page_break_before) continue;
            pages.add(b);
        } else if (std::strcmp(child.name(), "w:tbl") == 0) {
            pugi::xml_node tbl_pr = child.child("w:tblPr");
            auto margins = styles.cell_margins(tbl_pr.child("w:tblStyle").attribute("w:val").value());
            if (auto mar = tbl_pr.child("w:tblCellMar"))
                margins = {(num(mar.child("w:top"), "w:w") + num(mar.child("w:bottom"), "w:w")) * kTwip,
                           (num(mar.child("w:left"), "w:w") + num(mar.child("w:right"), "w:w")) * kTwip};
            bool is_floating = tbl_pr.child("w:tblpPr") != nullptr;
            double header = 0;  // the rows repeated at the top of every page the table runs on
            double rule = is_floating ? 0 : rule_pt(styles, tbl_pr);
            for (pugi::xml_node row : child.children("w:tr")) {
                double h = row_height(styles, row, margins) + rule;
                if (is_floating) {
                    floating += h;
                    continue;
                }
                Block b;
                b.lines = 1;
                b.line_pt = h;
                b.splittable = false;
                b.keep_next = row.child("w:trPr").child("w:tblHeader") != nullptr;
                int before = pages.pages();
                pages.add(b);
                if (b.keep_next) header += h;
                else if (pages.pages() != before && header > 0) pages.grow(header);
            }
        }
    }
    PageEstimate e = pages.result(page_pt);
    e.floating_pt = floating;
    return e;
}

} // namespace gongwen::layout
