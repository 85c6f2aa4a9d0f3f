// GB/T 9704-2012 layout check of a finished document (DOCX or ODT).
#pragma once

#include "gongwen/diagnostics.hpp"
#include "gongwen/package.hpp"

namespace gongwen {

/// Checks page size, margins (±1 mm), body and title fonts and sizes, the 22 × 28 grid, page
/// numbers (— N —, odd right, even left), document-number brackets 〔〕 and the date style.
/// Each deviation is a diagnostic (code gbt-…) with the part and paragraph where it is.
Diagnostics check_gbt9704(const Package& document);

} // namespace gongwen
