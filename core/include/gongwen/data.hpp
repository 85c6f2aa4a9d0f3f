// Data readers: the values a template is rendered with.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace gongwen {

/// Reads a JSON file (UTF-8). Throws Error naming the file, line and column of a syntax error
/// or an ill-formed UTF-8 sequence.
nlohmann::json read_json_file(const std::string& path);

/// Parses JSON text; `label` names it in errors. Throws Error like read_json_file.
nlohmann::json parse_json_text(const std::string& text, const std::string& label);

} // namespace gongwen
