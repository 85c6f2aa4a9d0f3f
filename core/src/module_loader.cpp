// Finding and loading Gongwen's own modules (see module_loader.hpp).
#include "module_loader.hpp"

#include "gongwen/i18n.hpp"

#include <boost/dll/runtime_symbol_info.hpp>

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace gongwen {

namespace fs = std::filesystem;
using i18n::_;
using i18n::N_;

namespace {

// Each module's sentences whole (`what` is English: it only picks them).
struct ModuleMessages {
    const char* what;
    const char* other_abi;
    const char* cannot_load;
};
const ModuleMessages kModules[] = {
    {"the office bridge", N_("the office bridge {path} speaks another ABI"), N_("cannot load the office bridge {path}: {reason}")},
    {"the PDF reader", N_("the PDF reader {path} speaks another ABI"), N_("cannot load the PDF reader {path}: {reason}")},
};
const ModuleMessages kAnyModule = {"", N_("the module {path} speaks another ABI"), N_("cannot load the module {path}: {reason}")};

const ModuleMessages& messages_for(const std::string& what) {
    for (const auto& m : kModules)
        if (what == m.what) return m;
    return kAnyModule;
}

} // namespace

std::vector<fs::path> own_homes() {
    std::vector<fs::path> homes;
    std::error_code ec;
    fs::path code = boost::dll::this_line_location(ec).string();
    if (!ec && code.is_absolute()) homes.push_back(code.parent_path());
    fs::path program = boost::dll::program_location(ec).string();
    if (!ec && !program.empty()) homes.push_back(program.parent_path());
    return homes;
}

OwnModule load_own_module(const char* env, const char* file, const char* abi_symbol, unsigned abi, const std::string& what) {
    OwnModule m;
    std::vector<fs::path> candidates;
    if (const char* given = std::getenv(env); given && *given) {
        candidates.emplace_back(given);
    } else {
        for (const fs::path& here : own_homes())
            for (const char* rel : {"gongwen", "../lib/gongwen", "../" GONGWEN_INSTALL_LIBDIR "/gongwen"})
                candidates.push_back((here / rel / file).lexically_normal());
    }
    for (const fs::path& c : candidates) {
        std::error_code ec;
        if (!fs::is_regular_file(c, ec)) continue;
        m.path = c.string();
        try {
            m.lib.load(m.path);
            if (m.lib.get<unsigned()>(abi_symbol)() != abi)
                m.error = i18n::format(_(messages_for(what).other_abi), {{"path", m.path}});
        } catch (const std::exception& e) {
            m.error = i18n::format(_(messages_for(what).cannot_load), {{"path", m.path}, {"reason", e.what()}});
        }
        return m;
    }
    return m;  // not built or not installed: no path, no error
}

} // namespace gongwen
