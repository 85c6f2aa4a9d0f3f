// The sections of a document merged into a DOCX: where it starts (an odd page, numbered 1) and
// where it ends (its body's last sectPr moved into its last paragraph).
#pragma once

#include <string>

namespace gongwen::batch {

/// The section properties `sect` (w:sectPr markup) of a section that starts a document: w:type
/// oddPage, w:pgNumType w:start="1", each child where the schema's order puts it.
std::string starting_section(std::string sect);

/// The top-level paragraph `p` (markup, or "" when the body ended otherwise, e.g. with a table)
/// ending its section with `sect`: the sectPr in its w:pPr, or a paragraph of its own after it.
std::string ending_paragraph(const std::string& p, const std::string& sect);

} // namespace gongwen::batch
