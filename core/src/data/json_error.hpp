// nlohmann-json's reasons for refusing a text, in the user's language.
#pragma once

#include <string>

namespace gongwen::detail {

/// The reason of a nlohmann::json::parse_error after its "parse error at line L, column C: "
/// ("syntax error while parsing value - invalid literal; last read: 'tru'"), or of another
/// nlohmann exception after its "[json.exception.…] " ("number overflow parsing '37e7777'"),
/// translated when Chinese is chosen; English, or a text it does not know, comes back as it is.
std::string json_error_text(const std::string& what);

} // namespace gongwen::detail
