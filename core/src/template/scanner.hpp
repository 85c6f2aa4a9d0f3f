// The compiler's first stage: reads a part's XML into items, finds the tags in its text layer
// (a tag may run across runs, spans and even paragraphs) and splits the text around them.
#pragma once

#include "template/part_items.hpp"

namespace gongwen::detail {

/// Scans `xml`. Tags the scanner cannot read (unclosed, too long) and tags that cross table
/// cells are reported to `reporter`; a part without any tag comes back with no tags (and need
/// not be compiled). Throws Error when the XML is malformed or declares a DTD.
ScannedPart scan_part(const std::string& xml, const FormatAdapter& format, const TemplateOptions& options,
                      const FormatterRegistry& formatters, PartReporter& reporter);

} // namespace gongwen::detail
