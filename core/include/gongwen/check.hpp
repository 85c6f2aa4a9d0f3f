// GB/T 9704-2012 layout check of a finished document (DOCX or ODT).
#pragma once

#include "gongwen/diagnostics.hpp"
#include "gongwen/package.hpp"

#include <string>

namespace gongwen {

/// Checks page size, margins (±1 mm), body and title fonts and sizes, the 22 × 28 grid, page
/// numbers (— N —, odd right, even left), document-number brackets 〔〕 and the date style.
/// Each deviation is a diagnostic (code gbt-…) with the part and paragraph where it is.
Diagnostics check_gbt9704(const Package& document);

/// What the layout check assumes about a document.
struct LayoutOptions {
    bool letter_format = false;  ///< 信函格式: the organ mark 30 mm from the page top, no number on page 1
};

/// Checks the pages LibreOffice laid out (a PDF) against GB/T 9704: the organ mark and red rule
/// measured on rendered ink, fonts (and their embedding), the 28 × 22 grid and hanging
/// punctuation on the glyph boxes, headings at a page foot, the signature and date, the 版记 and
/// its rules, page numbers, the title's lines, attachments and the 发文字号. Each deviation is a
/// diagnostic (code gbt-…) on `label` with its page. Throws Error when the PDF cannot be read.
Diagnostics check_gbt9704_layout(const std::string& pdf_path, const std::string& label, const LayoutOptions& options = {});

/// True when the layout check can read PDFs: Gongwen's PDF reader module (lib/gongwen/
/// pdf-reader.so, built with poppler-cpp) is there. It is loaded on first use.
bool layout_check_available();

} // namespace gongwen
