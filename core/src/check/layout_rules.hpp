// The layout check's rules and what they share: the figures of GB/T 9704 in mm, the pages, and
// a way to report a deviation on a page.
#pragma once

#include "check/pdf_pages.hpp"
#include "gongwen/check.hpp"

#include <string>

namespace gongwen::pdfcheck {

struct Figures {
    double left = 28, right = 184, top = 37, bottom = 262;  // the type area (mm from the top-left)
    double tolerance = 1;
    double char3 = 16 * kMmPerPt;  // one 3号 character (16 pt)
    double char4 = 14 * kMmPerPt;  // one 4号 character (14 pt)
    double pitch_pt = 28.95, pitch_tolerance_pt = 0.3, line_tolerance_pt = 1.0;
    int chars_per_line = 28;
    double centre() const { return (left + right) / 2; }
};

class LayoutCheck {
public:
    LayoutCheck(const PdfLayout& pdf, std::string label, const LayoutOptions& options)
        : pdf_(pdf), label_(std::move(label)), options_(options) {}

    void deviation(const std::string& code, int page, const std::string& message);
    Diagnostics take() { return std::move(out_); }

    // layout.cpp: the header block, fonts, title, document number
    void organ_mark_and_red_rule();
    void fonts();
    void title();
    void doc_number();
    // layout_body.cpp: the body, its end and the page furniture
    void grid();
    void heading_keep();
    void signature();
    // layout_seal.cpp: the seal over the signature and date
    void seal();
    void edition_block();
    void page_numbers();
    void attachments();

    /// "12.3" (one decimal, no trailing .0).
    static std::string mm(double v);

private:
    // The lines inside the type area (not the page number below it).
    std::vector<const TextLine*> content(const Page& p) const;
    const TextLine* page_number_line(const Page& p) const;
    const InkBand* red_rule() const;        // the first red line (≥ 100 mm) under the mark on page 1
    const TextLine* doc_number_line() const;  // the line right above the red rule
    std::string body_font() const;          // the font of most 16 pt full-width glyphs
    int edition_page() const;               // the page with the 印发 line, 0 when none

    const PdfLayout& pdf_;
    std::string label_;
    LayoutOptions options_;
    Figures f_;
    Diagnostics out_;
};

} // namespace gongwen::pdfcheck
