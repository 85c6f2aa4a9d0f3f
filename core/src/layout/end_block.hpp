// The GB/T 9704 frame's end block (版记): on the last page, an even one (§7.4, §7.5).
#pragma once

#include "gongwen/template.hpp"

#include <nlohmann/json.hpp>

namespace gongwen::layout {

/// True when the data was prepared for the GB/T 9704 frame: it carries the 版记 switches
/// (版记换页, 版记空白页) that settle_end_block sets.
bool uses_end_block(const nlohmann::json& prepared);

/// Renders `docx` (the DOCX template of the type) once, follows its pages (estimate_pages) and
/// sets the switches: the 版记 stays at the foot of the last page when that page is even and
/// has room for it; it goes to the next page when the text ends on an odd page; and when an
/// even page is full, a blank page comes first and both carry no page number (§7.5).
void settle_end_block(const Template& docx, nlohmann::json& prepared, const RenderOptions& options);

} // namespace gongwen::layout
