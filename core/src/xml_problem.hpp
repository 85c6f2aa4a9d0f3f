// What pugixml found wrong with a part, in the user's language (its own description() is
// English): one wording for the template compiler and the XLSX reader, so one translation.
#pragma once

#include <pugixml.hpp>

namespace gongwen::detail {

const char* xml_problem(pugi::xml_parse_status status);

} // namespace gongwen::detail
