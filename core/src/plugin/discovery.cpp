// Where plugins come from: installed with Gongwen, $GONGWEN_PLUGIN_PATH, the user's data folder.
#include "gongwen/plugin.hpp"

#include "gongwen/i18n.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace gongwen {

namespace fs = std::filesystem;
using i18n::_;

namespace {

// <prefix>/bin/gongwen -> <prefix>/share/gongwen/plugins; the build tree has the same shape.
std::string installed_plugin_dir() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return "";
    return (exe.parent_path().parent_path() / "share" / "gongwen" / "plugins").lexically_normal().string();
}

} // namespace

std::vector<std::pair<std::string, std::string>> plugin_search_path() {
    std::vector<std::pair<std::string, std::string>> roots;
    std::string installed = installed_plugin_dir();
    if (!installed.empty()) roots.emplace_back(installed, "builtin");
    if (const char* env = std::getenv("GONGWEN_PLUGIN_PATH")) {
        std::string s = env;
        std::size_t start = 0;
        while (start <= s.size()) {
            std::size_t colon = s.find(':', start);
            std::string dir = s.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
            if (!dir.empty()) roots.emplace_back(dir, "GONGWEN_PLUGIN_PATH");
            if (colon == std::string::npos) break;
            start = colon + 1;
        }
    }
    std::string data_home;
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) data_home = x;
    else if (const char* h = std::getenv("HOME"); h && *h) data_home = std::string(h) + "/.local/share";
    if (!data_home.empty()) roots.emplace_back(data_home + "/gongwen/plugins", "user");
    return roots;
}

const PluginManifest* PluginCatalog::find(const std::string& id) const {
    for (const auto& p : plugins)
        if (p.id == id) return &p;
    return nullptr;
}

const PluginManifest* PluginCatalog::require(const std::string& id, Diagnostics& diags) const {
    if (const PluginManifest* m = find(id)) return m;
    diags.append(problems);
    for (const auto& dir : skipped)
        if (fs::path(dir).filename() == id) diags.error("missing-manifest", dir, _("no plugin.json in the plugin folder"));
    diags.error("unknown-type", id, i18n::format(_("no document type '{type}'; `gongwen list` shows the installed ones"), {{"type", id}}));
    return nullptr;
}

PluginCatalog discover_plugins(const std::vector<std::pair<std::string, std::string>>& roots) {
    PluginCatalog cat;
    for (const auto& [root, origin] : roots) {
        std::error_code ec;
        if (!fs::is_directory(root, ec)) {
            if (origin == "GONGWEN_PLUGIN_PATH") {
                Diagnostic d;
                d.severity = Severity::warning;
                d.code = "no-plugin-folder";
                d.file = root;
                d.message = i18n::format(_("{variable} names a folder that does not exist"), {{"variable", "GONGWEN_PLUGIN_PATH"}});
                cat.problems.add(d);
            }
            continue;
        }
        // A root may itself be a plugin folder (GONGWEN_PLUGIN_PATH=path/to/my-plugin) or hold several.
        std::vector<fs::path> dirs;
        if (fs::exists(fs::path(root) / "plugin.json", ec)) {
            dirs.push_back(root);
        } else {
            for (auto it = fs::directory_iterator(root, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
                if (it->is_directory(ec)) dirs.push_back(it->path());
            std::sort(dirs.begin(), dirs.end());
        }
        for (const auto& dir : dirs) {
            // A plugin root may hold other folders too (GONGWEN_PLUGIN_PATH=build/ of a plugin
            // project): a folder without plugin.json is no plugin and passed over without a word,
            // but remembered for `gongwen list --verbose` and for "no document type".
            if (dir.string() != root && !fs::exists(dir / "plugin.json", ec)) {
                cat.skipped.push_back(dir.string());
                continue;
            }
            try {
                PluginManifest m = read_manifest(dir.string());
                m.origin = origin;
                if (const PluginManifest* first = cat.find(m.id)) {
                    Diagnostic d;
                    d.severity = Severity::warning;
                    d.code = "duplicate-plugin";
                    d.file = m.dir;
                    // TRANSLATORS: {origin} is where the first was found: builtin, GONGWEN_PLUGIN_PATH or user
                    d.message = i18n::format(_("a plugin with id '{id}' is already installed at {dir} ({origin}); this one is ignored"),
                                             {{"id", m.id}, {"dir", first->dir}, {"origin", first->origin}});
                    cat.problems.add(d);
                    continue;
                }
                check_name_pattern(m.output, m.fields, m.dir + "/plugin.json", "output", cat.problems);
                cat.plugins.push_back(std::move(m));
            } catch (const Error& e) {
                cat.problems.append(e.diagnostics());
            }
        }
    }
    return cat;
}

PluginCatalog discover_plugins() { return discover_plugins(plugin_search_path()); }

} // namespace gongwen
