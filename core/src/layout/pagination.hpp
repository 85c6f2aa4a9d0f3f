// Where a DOCX's text ends on its pages, estimated from its XML: enough to place the GB/T 9704
// 版记 (end block) on the last, even page without an office suite.
//
// A document of the GB/T 9704 frame is set on an exact grid (every paragraph has an exact line
// height, every character of the body is one 28th of the line), so its pagination can be
// followed line by line: paragraphs wrap at the line-break opportunities ICU gives (which
// also keeps closing punctuation off a line's start), tables grow by their tallest cell, and
// keep-with-next, widow and orphan control move lines to the next page as an office suite does.
// The estimate is a means to place the end block; `gongwen check` measures the real pages.
#pragma once

#include "gongwen/package.hpp"

#include <string_view>

namespace gongwen::layout {

struct PageEstimate {
    int pages = 1;              ///< pages the flowing text takes
    double last_used_pt = 0;    ///< height the text takes on the last page
    double page_pt = 0;         ///< height of the type area
    double floating_pt = 0;     ///< height of the floating (page-anchored) tables: the end block
};

/// Follows the body of a rendered DOCX (its main part and styles) page by page.
PageEstimate estimate_pages(const Package& docx);

/// The same from the two parts' XML.
PageEstimate estimate_pages(std::string_view document_xml, std::string_view styles_xml);

} // namespace gongwen::layout
