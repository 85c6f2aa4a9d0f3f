// Gongwen's own modules (office-bridge.so, pdf-reader.so): shared libraries loaded only when
// their work is wanted, so that the command starts without LibreOffice's or poppler's libraries.
#pragma once

#include <boost/dll/shared_library.hpp>

#include <string>

namespace gongwen {

struct OwnModule {
    boost::dll::shared_library lib;
    std::string path;   ///< where it was found ("" when it is not installed)
    std::string error;  ///< why a module that was found cannot be used
    bool loaded() const { return error.empty() && lib.is_loaded(); }
};

/// Finds and loads `file`: the path in $`env`, else lib/gongwen/`file` next to the code running
/// this — libgongwen.so's folder, or the gongwen command's real location (/proc/self/exe, so that
/// the command run by name from PATH finds its modules too) — and checks that its function
/// `abi_symbol` returns `abi`. `what` names the module in messages ("the office bridge").
OwnModule load_own_module(const char* env, const char* file, const char* abi_symbol, unsigned abi, const std::string& what);

} // namespace gongwen
