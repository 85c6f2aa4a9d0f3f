// libzip's error in the user's language: shared by the package reader and writer.
#pragma once

#include <zip.h>

#include <string>

namespace gongwen::detail {

/// libzip's reason in the user's language (its own text is English); a reason not known here
/// keeps libzip's words.
std::string zip_error_text(zip_error_t* e);

} // namespace gongwen::detail
