// Finding and loading Gongwen's own modules (see module_loader.hpp).
#include "module_loader.hpp"

#include <boost/dll/runtime_symbol_info.hpp>

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace gongwen {

namespace fs = std::filesystem;

OwnModule load_own_module(const char* env, const char* file, const char* abi_symbol, unsigned abi, const std::string& what) {
    OwnModule m;
    std::vector<fs::path> candidates;
    if (const char* given = std::getenv(env); given && *given) {
        candidates.emplace_back(given);
    } else {
        // The code running this (libgongwen.so, or the command itself as the loader names it —
        // for a command found on PATH that is only its bare name), then the command's real file.
        std::vector<fs::path> homes;
        std::error_code ec;
        fs::path code = boost::dll::this_line_location(ec).string();
        if (!ec && code.is_absolute()) homes.push_back(code.parent_path());
        fs::path program = boost::dll::program_location(ec).string();
        if (!ec && !program.empty()) homes.push_back(program.parent_path());
        for (const fs::path& here : homes)
            for (const char* rel : {"gongwen", "../lib/gongwen", "../" GONGWEN_INSTALL_LIBDIR "/gongwen"})
                candidates.push_back((here / rel / file).lexically_normal());
    }
    for (const fs::path& c : candidates) {
        std::error_code ec;
        if (!fs::is_regular_file(c, ec)) continue;
        m.path = c.string();
        try {
            m.lib.load(m.path);
            if (m.lib.get<unsigned()>(abi_symbol)() != abi) m.error = what + " " + m.path + " speaks another ABI";
        } catch (const std::exception& e) {
            m.error = "cannot load " + what + " " + m.path + ": " + e.what();
        }
        return m;
    }
    return m;  // not built or not installed: no path, no error
}

} // namespace gongwen
