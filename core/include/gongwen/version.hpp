// Versions: of the library, and of the plugin ABI.
#pragma once

namespace gongwen {

/// The library's version.
inline constexpr const char* kVersion = "0.1.0";

} // namespace gongwen
