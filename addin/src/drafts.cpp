// What the add-in keeps between two 新建公文 (drafts.hpp).
#include "drafts.hpp"

#include "gongwen/data.hpp"
#include "gongwen/package.hpp"

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace gongwen_addin::keep {

namespace {

nlohmann::json read(const fs::path& file) {
    try {
        std::error_code ec;
        if (fs::is_regular_file(file, ec)) return gongwen::read_json_file(file.string());
    } catch (...) {
        // a damaged file is forgotten, not an error
    }
    return nullptr;
}

void write(const fs::path& file, const nlohmann::json& data) {
    try {
        fs::create_directories(file.parent_path());
        gongwen::write_file_atomically(file.string(), data.dump(2), true);
    } catch (...) {
        // a read-only home does not stop the document
    }
}

fs::path draft_file(const std::string& type) { return fs::path(folder()) / "drafts" / (type + ".json"); }

} // namespace

std::string folder() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    fs::path base = xdg && *xdg ? fs::path(xdg) : fs::path(home ? home : "/tmp") / ".config";
    return (base / "gongwen" / "addin").string();
}

nlohmann::json remembered(const std::string& type) { return read(fs::path(folder()) / (type + ".json")); }

void remember(const gongwen::PluginManifest& type, const nlohmann::json& data) {
    nlohmann::json kept = nlohmann::json::object();
    for (const auto& f : type.fields) {
        auto it = data.find(f.name);
        if (f.remember && it != data.end()) kept[f.name] = *it;
    }
    write(fs::path(folder()) / (type.id + ".json"), kept);
}

nlohmann::json draft(const std::string& type) {
    nlohmann::json d = read(draft_file(type));
    return d.is_object() && !d.empty() ? d : nlohmann::json();
}

void save_draft(const std::string& type, const nlohmann::json& data) { write(draft_file(type), data); }

void drop_draft(const std::string& type) {
    std::error_code ec;
    fs::remove(draft_file(type), ec);
}

std::string choice(const std::string& key) {
    nlohmann::json c = read(fs::path(folder()) / "choices.json");
    if (!c.is_object()) return "";
    auto it = c.find(key);
    return it != c.end() && it->is_string() ? it->get<std::string>() : "";
}

void set_choice(const std::string& key, const std::string& value) {
    fs::path file = fs::path(folder()) / "choices.json";
    nlohmann::json c = read(file);
    if (!c.is_object()) c = nlohmann::json::object();
    c[key] = value;
    write(file, c);
}

} // namespace gongwen_addin::keep
