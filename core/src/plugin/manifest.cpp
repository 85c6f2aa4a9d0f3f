// plugin.json: read before any code of the plugin is loaded, every problem reported at once.
#include "gongwen/plugin.hpp"

#include "gongwen/data.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/package.hpp"
#include "gongwen/plugin_abi.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace gongwen {

namespace fs = std::filesystem;
using json = nlohmann::json;
using i18n::_;

int plugin_abi_version() { return GONGWEN_PLUGIN_ABI_VERSION; }

const char* field_type_name(FieldType t) {
    switch (t) {
    case FieldType::text: return "text";
    case FieldType::multiline: return "multiline";
    case FieldType::integer: return "integer";
    case FieldType::number: return "number";
    case FieldType::date: return "date";
    case FieldType::choice: return "choice";
    case FieldType::list: return "list";
    case FieldType::seal: return "seal";
    }
    return "text";
}

std::string FieldSpec::display() const {
    const std::string& l = label.text();
    if (l.empty() || l == name) return "「" + name + "」";
    return "「" + l + "」(" + name + ")";
}

namespace {

class ManifestReader {
public:
    explicit ManifestReader(std::string file) : file_(std::move(file)) {}

    void problem(const std::string& where, const std::string& message) {
        // TRANSLATORS: {where} is a place in plugin.json such as fields[2] (单位).type
        diags_.error("bad-manifest", file_, where.empty() ? message : i18n::format(_("{where}: {message}"), {{"where", where}, {"message", message}}));
    }
    const Diagnostics& diags() const { return diags_; }

    LocalizedText localized(const json& j, const std::string& where, bool required) {
        LocalizedText t;
        if (j.is_null()) {
            if (required) problem(where, _("missing (give {\"zh\": \"…\", \"en\": \"…\"} or a string)"));
        } else if (j.is_string()) {
            t.zh = j.get<std::string>();
        } else if (j.is_object()) {
            for (auto it = j.begin(); it != j.end(); ++it) {
                if (!it.value().is_string()) {
                    problem(where + "." + it.key(), _("must be a string"));
                } else if (it.key() == "zh") {
                    t.zh = it.value().get<std::string>();
                } else if (it.key() == "en") {
                    t.en = it.value().get<std::string>();
                } else {
                    problem(where, i18n::format(_("unknown language '{language}' (zh, en)"), {{"language", it.key()}}));
                }
            }
            if (required && t.zh.empty() && t.en.empty()) problem(where, _("is empty"));
        } else {
            problem(where, _("must be a string or {\"zh\": \"…\", \"en\": \"…\"}"));
        }
        return t;
    }

    std::optional<FieldType> type_of(const std::string& s) {
        static const std::pair<const char*, FieldType> names[] = {
            {"text", FieldType::text},       {"multiline", FieldType::multiline}, {"integer", FieldType::integer},
            {"number", FieldType::number},   {"date", FieldType::date},           {"choice", FieldType::choice},
            {"list", FieldType::list},       {"seal", FieldType::seal}};
        for (const auto& [n, t] : names)
            if (s == n) return t;
        return std::nullopt;
    }

    std::vector<FieldSpec> fields(const json& arr, const std::string& where, bool nested) {
        std::vector<FieldSpec> out;
        if (!arr.is_array()) {
            problem(where, _("must be a list of fields"));
            return out;
        }
        std::set<std::string> names;
        for (std::size_t i = 0; i < arr.size(); ++i) {
            const json& f = arr[i];
            std::string at = where + "[" + std::to_string(i) + "]";
            if (!f.is_object()) {
                problem(at, _("must be an object"));
                continue;
            }
            FieldSpec s;
            if (!f.contains("name") || !f["name"].is_string() || f["name"].get<std::string>().empty()) {
                problem(at, _("needs a \"name\""));
            } else {
                s.name = f["name"].get<std::string>();
                at += " (" + s.name + ")";
                if (!names.insert(s.name).second) problem(at, _("the name is used twice"));
                if (s.name.find_first_of(".|{}") != std::string::npos)
                    problem(at, _("a field name may not contain . | { or }"));
            }
            for (auto it = f.begin(); it != f.end(); ++it) {
                static const std::set<std::string> known = {"name", "label", "type", "required", "default", "example",
                                                            "help", "choices", "min", "max", "columns",
                                                            "remember"};
                if (!known.count(it.key())) problem(at, i18n::format(_("unknown key '{key}'"), {{"key", it.key()}}));
            }
            s.label = localized(f.value("label", json()), at + ".label", false);
            s.help = localized(f.value("help", json()), at + ".help", false);
            std::string type = text_or(f, "type", "text", at + ".type");
            if (auto t = type_of(type)) {
                s.type = *t;
            } else {
                problem(at, i18n::format(_("unknown type '{type}' (text, multiline, integer, number, date, choice, list, seal)"), {{"type", type}}));
            }
            if (f.contains("required")) {
                if (f["required"].is_boolean()) s.required = f["required"].get<bool>();
                else problem(at + ".required", _("must be true or false"));
            }
            if (f.contains("remember")) {
                if (f["remember"].is_boolean()) s.remember = f["remember"].get<bool>();
                else problem(at + ".remember", _("must be true or false"));
            }
            s.default_value = f.value("default", json());
            s.example = f.value("example", json());
            for (const char* k : {"min", "max"}) {
                if (!f.contains(k)) continue;
                if (!f[k].is_number()) problem(at + "." + k, _("must be a number"));
                else (std::string(k) == "min" ? s.min : s.max) = f[k].get<double>();
            }
            if (s.type == FieldType::choice) {
                if (!f.contains("choices") || !f["choices"].is_array() || f["choices"].empty()) {
                    problem(at, _("a choice field needs a non-empty \"choices\" list"));
                } else {
                    for (const auto& c : f["choices"]) {
                        if (c.is_string()) s.choices.push_back(c.get<std::string>());
                        else problem(at + ".choices", _("must hold strings"));
                    }
                }
            }
            if (s.type == FieldType::list) {
                // Without columns a list holds plain text lines (抄送 organs, 整改要求 paragraphs).
                if (nested) problem(at, _("a list inside a list is not supported"));
                else if (f.contains("columns")) s.columns = fields(f["columns"], at + ".columns", true);
            } else if (f.contains("columns")) {
                problem(at, _("only a list field has \"columns\""));
            }
            out.push_back(std::move(s));
        }
        return out;
    }

    // obj[key] as a string, or `fallback` when absent; another JSON type is a problem.
    std::string text_or(const json& obj, const char* key, const std::string& fallback, const std::string& where) {
        auto it = obj.find(key);
        if (it == obj.end()) return fallback;
        if (!it->is_string()) {
            problem(where, _("must be a string"));
            return fallback;
        }
        return it->get<std::string>();
    }

private:
    std::string file_;
    Diagnostics diags_;
};

bool valid_id(const std::string& id) {
    if (id.empty() || id.size() > 64 || id.front() == '-') return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
    return true;
}

// A path inside the plugin folder: relative, no "..".
bool inside(const std::string& rel) {
    if (rel.empty() || rel.front() == '/') return false;
    for (const auto& part : fs::path(rel))
        if (part == "..") return false;
    return true;
}

} // namespace

PluginManifest read_manifest(const std::string& dir) {
    std::string file = (fs::path(dir) / "plugin.json").string();
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) throw Error("missing-manifest", dir, _("no plugin.json in the plugin folder"));
    return parse_manifest(read_file_bytes(file), dir);
}

PluginManifest parse_manifest(const std::string& text, const std::string& dir) {
    std::string file = (fs::path(dir) / "plugin.json").string();
    std::error_code ec;
    json j = parse_json_text(text, file);
    ManifestReader r(file);
    PluginManifest m;
    m.dir = fs::absolute(dir).lexically_normal().string();
    if (!m.dir.empty() && m.dir.back() == '/') m.dir.pop_back();
    if (!j.is_object()) {
        r.problem("", _("must be a JSON object"));
        throw Error(r.diags());
    }
    static const std::set<std::string> known = {"id",     "version", "abi",     "name",     "description",
                                                "fields", "templates", "output", "library", "frame", "$schema"};
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!known.count(it.key())) r.problem("", i18n::format(_("unknown key '{key}'"), {{"key", it.key()}}));
    if (!j.contains("id") || !j["id"].is_string() || !valid_id(j["id"].get<std::string>()))
        r.problem("id", _("needs an id of lower-case letters, digits and '-', such as \"rectification-notice\""));
    else
        m.id = j["id"].get<std::string>();
    if (!j.contains("version") || !j["version"].is_string()) r.problem("version", _("needs a version string such as \"1.0.0\""));
    else m.version = j["version"].get<std::string>();
    if (!j.contains("abi") || !j["abi"].is_number_integer()) {
        r.problem("abi", i18n::format(_("needs the plugin ABI it was written for (this Gongwen speaks {abi})"), {{"abi", plugin_abi_version()}}));
    } else {
        m.abi = j["abi"].get<int>();
        if (m.abi != plugin_abi_version())
            r.problem("abi", i18n::format(_("the plugin needs ABI {abi}, this Gongwen speaks {ours}"),
                                          {{"abi", m.abi}, {"ours", plugin_abi_version()}}));
    }
    m.name = r.localized(j.value("name", json()), "name", true);
    m.description = r.localized(j.value("description", json()), "description", false);
    m.fields = r.fields(j.value("fields", json::array()), "fields", false);
    m.output = r.text_or(j, "output", m.id, "output");
    if (!j.contains("templates") || !j["templates"].is_object() || j["templates"].empty()) {
        r.problem("templates", _("needs {\"docx\": \"…\"} and/or {\"odt\": \"…\"}"));
    } else {
        for (auto it = j["templates"].begin(); it != j["templates"].end(); ++it) {
            if (it.key() != "docx" && it.key() != "odt") {
                r.problem("templates", i18n::format(_("unknown format '{format}' (docx, odt)"), {{"format", it.key()}}));
                continue;
            }
            if (!it.value().is_string() || !inside(it.value().get<std::string>())) {
                r.problem("templates." + it.key(), _("must be a path inside the plugin folder"));
                continue;
            }
            std::string path = m.dir + "/" + it.value().get<std::string>();
            auto ext = format_from_extension(it.value().get<std::string>());
            if (!ext || format_name(*ext) != it.key())
                r.problem("templates." + it.key(), i18n::format(_("'{path}' is not a .{format} template"),
                                                               {{"path", it.value().get<std::string>()}, {"format", it.key()}}));
            if (!fs::exists(path, ec))
                r.problem("templates." + it.key(), i18n::format(_("the template '{path}' is missing"), {{"path", it.value().get<std::string>()}}));
            m.templates[it.key()] = path;
        }
    }
    if (j.contains("frame")) {
        // The frame computes from these: 成文日期 must be a date it can always read.
        if (j["frame"] != "gbt9704") {
            r.problem("frame", i18n::format(_("unknown frame {frame} (gbt9704)"), {{"frame", j["frame"].dump()}}));
        } else {
            m.frame = "gbt9704";
            auto date = std::find_if(m.fields.begin(), m.fields.end(), [](const FieldSpec& f) { return f.name == "成文日期"; });
            if (date == m.fields.end() || date->type != FieldType::date || !date->required)
                r.problem("frame", _("the GB/T 9704 frame needs a required date field 成文日期"));
        }
    }
    if (j.contains("library")) {
        if (!j["library"].is_string() || !inside(j["library"].get<std::string>())) {
            r.problem("library", _("must be a path inside the plugin folder"));
        } else {
            m.library = m.dir + "/" + j["library"].get<std::string>();
            if (!fs::is_regular_file(m.library, ec))
                r.problem("library", i18n::format(_("the library '{path}' is missing (not built?)"), {{"path", j["library"].get<std::string>()}}));
        }
    }
    // A default must itself be valid data for its field.
    for (const auto& f : m.fields) {
        if (f.default_value.is_null()) continue;
        Diagnostics d;
        validate_data({f}, nlohmann::json{{f.name, f.default_value}}, file, d);
        for (const auto& x : d.items())
            if (x.severity == Severity::error) r.problem("fields (" + f.name + ").default", x.message);
    }
    if (r.diags().has_errors()) throw Error(r.diags());
    return m;
}

} // namespace gongwen
