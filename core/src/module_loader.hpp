// Gongwen's own modules (office-bridge.so, pdf-reader.so): shared libraries loaded only when
// their work is wanted, so that the command starts without LibreOffice's or poppler's libraries.
#pragma once

#include <boost/dll/shared_library.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace gongwen {

struct OwnModule {
    boost::dll::shared_library lib;
    std::string path;   ///< where it was found ("" when it is not installed)
    std::string error;  ///< why a module that was found cannot be used
    bool loaded() const { return error.empty() && lib.is_loaded(); }
};

/// The folders Gongwen's installed files are looked for from: the folder of the code running
/// this (libgongwen.so, the add-in, or the command as the loader names it — for a command found
/// on PATH only its bare name, so skipped), then the command's real file's (/proc/self/exe).
std::vector<std::filesystem::path> own_homes();

/// Finds and loads `file`: the path in $`env`, else lib/gongwen/`file` next to the code running
/// this — libgongwen.so's folder, or the gongwen command's real location (/proc/self/exe, so that
/// the command run by name from PATH finds its modules too) — and checks that its function
/// `abi_symbol` returns `abi`. `what` names the module in messages ("the office bridge").
OwnModule load_own_module(const char* env, const char* file, const char* abi_symbol, unsigned abi, const std::string& what);

} // namespace gongwen
