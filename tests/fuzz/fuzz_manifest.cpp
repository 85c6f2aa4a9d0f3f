// Any text as plugin.json: the manifest reader lists problems, never crashes; data validated
// against an accepted schema never crashes either.
#include "gongwen/plugin.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string dir = [] {
        std::string d = (std::filesystem::temp_directory_path() / "gongwen-fuzz-manifest").string();
        std::filesystem::create_directories(d + "/t.docx");
        return d;
    }();
    std::string text(reinterpret_cast<const char*>(data), size);
    try {
        gongwen::PluginManifest m = gongwen::parse_manifest(text, dir);
        gongwen::Diagnostics d;
        (void)gongwen::validate_data(m.fields, nlohmann::json::parse(text, nullptr, false), "fuzz", d);
    } catch (const gongwen::Error&) {
    }
    return 0;
}
