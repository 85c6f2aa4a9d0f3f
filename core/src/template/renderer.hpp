// Renders a compiled part with data.
#pragma once

#include "template/compiled.hpp"

#include <string>

namespace gongwen::detail {

struct ImageContext;

/// Renders `part` into `out`. Returns false on an error (already in `diags`). `images` is needed
/// when the part has image tags (CompiledPart::has_images).
bool render_part(const std::string& label, const CompiledPart& part, const nlohmann::json& data,
                 const TemplateOptions& topts, const RenderOptions& ropts, std::string& out, Diagnostics& diags,
                 ImageContext* images = nullptr);

} // namespace gongwen::detail
