// Parses what stands between the delimiters: `#name`, `^name`, `/name`, `name | f:"a" | g`.
#pragma once

#include "template/compiled.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gongwen::detail {

struct TagProblem {
    std::string code;
    std::string message;
};

struct ParsedTag {
    enum class Kind { value, section, inverted, close, image } kind = Kind::value;
    Expr expr;
    std::vector<TagProblem> problems;  ///< empty when the tag is good
};

/// Parses the inside of a tag (delimiters removed). Unknown filters and bad arguments are
/// checked against `formatters`. Never throws on bad input: problems are listed.
ParsedTag parse_tag(std::string_view inner, const FormatterRegistry& formatters);

} // namespace gongwen::detail
