// Compiles one XML part in three stages: the scanner finds the tags in the text layer
// (scanner.hpp), the sections stage pairs and expands the sections (sections.hpp), and this
// last stage builds the node tree the renderer walks.
#pragma once

#include "template/compiled.hpp"
#include "formats/format.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gongwen::detail {

/// Compiles `xml`, the part `part` of `label`. Returns nothing when the part holds no tag (it
/// is then copied unchanged). Tags go to `tags`, problems to `diags`. Throws Error when the
/// XML is malformed.
std::optional<CompiledPart> compile_part(const std::string& label, const std::string& part, const std::string& xml,
                                         const FormatAdapter& format, const TemplateOptions& options,
                                         const FormatterRegistry& formatters, std::vector<TagInfo>& tags,
                                         Diagnostics& diags);

} // namespace gongwen::detail
