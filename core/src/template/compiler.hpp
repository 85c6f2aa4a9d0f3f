// Compiles one XML part: finds tags in the text layer, pairs sections, decides what each
// section repeats (inline content, paragraphs or table rows) and builds the node tree.
#pragma once

#include "template/compiled.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gongwen::detail {

/// Compiles `xml`, the part `part` of `label`. Returns nothing when the part holds no tag (it
/// is then copied unchanged). Tags go to `tags`, problems to `diags`. Throws Error when the
/// XML is malformed.
std::optional<CompiledPart> compile_part(const std::string& label, const std::string& part, const std::string& xml,
                                         const FormatSpec& spec, const TemplateOptions& options,
                                         const FormatterRegistry& formatters, std::vector<TagInfo>& tags,
                                         Diagnostics& diags);

} // namespace gongwen::detail
