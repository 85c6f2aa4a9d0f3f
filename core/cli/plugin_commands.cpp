// gongwen list / describe / generate / plugin new: document types as plugins.
#include "cli_common.hpp"
#include "columns.hpp"

#include "gongwen/data.hpp"
#include "gongwen/document_type.hpp"
#include "gongwen/office.hpp"
#include "gongwen/package.hpp"
#include "gongwen/plugin.hpp"
#include "gongwen/template.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace gongwen::cli {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

json localized_json(const LocalizedText& t) { return {{"zh", t.zh}, {"en", t.en}}; }

json field_json(const FieldSpec& f) {
    json j = {{"name", f.name}, {"label", localized_json(f.label)}, {"type", field_type_name(f.type)}, {"required", f.required}};
    if (!f.default_value.is_null()) j["default"] = f.default_value;
    if (!f.example.is_null()) j["example"] = f.example;
    if (!f.help.text().empty()) j["help"] = localized_json(f.help);
    if (!f.choices.empty()) j["choices"] = f.choices;
    if (f.min) j["min"] = *f.min;
    if (f.max) j["max"] = *f.max;
    if (!f.columns.empty()) {
        j["columns"] = json::array();
        for (const auto& c : f.columns) j["columns"].push_back(field_json(c));
    }
    return j;
}

json manifest_json(const PluginManifest& m) {
    json j = {{"id", m.id},           {"version", m.version},         {"abi", m.abi},
              {"name", localized_json(m.name)}, {"description", localized_json(m.description)},
              {"dir", m.dir},         {"origin", m.origin},           {"kind", m.library.empty() ? "manifest" : "c++"},
              {"output", m.output},   {"templates", m.templates}};
    if (!m.library.empty()) j["library"] = m.library;
    j["fields"] = json::array();
    for (const auto& f : m.fields) j["fields"].push_back(field_json(f));
    return j;
}

struct ListCmd {
    bool as_json = false, verbose = false;
    int run() const {
        PluginCatalog cat = discover_plugins();
        int rc = cat.problems.has_errors() ? kBadInput : kOk;
        if (as_json) {
            json arr = json::array();
            for (const auto& m : cat.plugins) arr.push_back(manifest_json(m));
            std::cout << json{{"plugins", arr}, {"search_path", plugin_search_path()}, {"skipped", cat.skipped},
                              {"diagnostics", diagnostics_json(cat.problems)}}
                             .dump(2)
                      << '\n';
            return rc;
        }
        if (cat.plugins.empty()) std::cout << _("no document types found") << '\n';
        std::vector<std::vector<std::string>> rows;
        for (const auto& m : cat.plugins) {
            std::string formats;
            for (const auto& [f, path] : m.templates) formats += (formats.empty() ? "" : ",") + f;
            rows.push_back({m.id, m.name.zh, m.name.en, formats, "v" + m.version, m.library.empty() ? "manifest" : "c++",
                            "[" + m.origin + "]", m.dir});
        }
        std::cout << format_columns(rows);
        if (verbose) {
            for (const auto& [root, origin] : plugin_search_path())
                std::cout << i18n::format(_("searched {folder} ({origin})"), {{"folder", root}, {"origin", origin}}) << '\n';
            for (const auto& dir : cat.skipped)
                std::cout << i18n::format(_("skipped {folder}: no plugin.json"), {{"folder", dir}}) << '\n';
        }
        print_diagnostics(cat.problems);
        return rc;
    }
};

// A field type as the user reads it ("text"; in Chinese 文本); the manifest's names stay as they are.
const char* type_label(FieldType t) {
    switch (t) {
    case FieldType::text: return _("text");
    case FieldType::multiline: return _("multiline");
    case FieldType::integer: return _("integer");
    case FieldType::number: return _("number");
    case FieldType::date: return _("date");
    case FieldType::choice: return _("choice");
    case FieldType::list: return _("list");
    case FieldType::seal: return _("seal");
    }
    return field_type_name(t);
}

// What a field takes, on one line: its type, required, the range of a number or of a list's rows.
std::string field_summary(const FieldSpec& f) {
    std::string s = type_label(f.type);
    if (f.required) s += std::string(", ") + _("required");
    auto number = [](double v) {
        std::string t = json(v).dump();
        if (t.size() > 2 && t.compare(t.size() - 2, 2, ".0") == 0) t.resize(t.size() - 2);
        return t;
    };
    if (f.type == FieldType::list) {
        if (f.min && f.max) s += ", " + i18n::format(_("{min} to {max} rows"), {{"min", number(*f.min)}, {"max", number(*f.max)}});
        else if (f.min) s += ", " + i18n::format(P_("at least {min} row", "at least {min} rows", static_cast<unsigned long>(*f.min)), {{"min", number(*f.min)}});
        else if (f.max) s += ", " + i18n::format(P_("at most {max} row", "at most {max} rows", static_cast<unsigned long>(*f.max)), {{"max", number(*f.max)}});
    } else {
        if (f.min) s += ", ≥ " + number(*f.min);
        if (f.max) s += ", ≤ " + number(*f.max);
    }
    return s;
}

void add_field_rows(const FieldSpec& f, const std::string& indent, std::vector<std::vector<std::string>>& rows) {
    std::string label = f.label.zh + (f.label.en.empty() ? "" : " / " + f.label.en);
    rows.push_back({indent + f.name, field_summary(f), label});
    std::string more = indent + "    ";
    if (!f.help.text().empty()) rows.push_back({more + f.help.text()});
    if (f.type == FieldType::date)
        rows.push_back({more + _("a date: 2023-07-05, 2023/7/5, 2023.7.5, 2023年7月5日 or an Excel date cell")});
    if (f.type == FieldType::seal)
        rows.push_back({more + _("an image: a file path relative to the data file, or {path|data, width, height (mm), alt}; true: stamped by hand")});
    if (f.type == FieldType::list)
        rows.push_back({more + (f.columns.empty() ? std::string(_("rows of text, one a line (a JSON array of strings)"))
                                                  : std::string(_("rows of records (a JSON array of objects; in batch, a --rows file) with the columns:")))});
    if (!f.choices.empty()) {
        std::string all;
        for (const auto& c : f.choices) all += (all.empty() ? "" : "、") + c;
        rows.push_back({more + i18n::format(_("one of: {choices}"), {{"choices", all}})});
    }
    if (!f.default_value.is_null()) rows.push_back({more + i18n::format(_("default: {value}"), {{"value", f.default_value.dump()}})});
    if (!f.example.is_null()) rows.push_back({more + i18n::format(_("example: {value}"), {{"value", f.example.dump()}})});
    for (const auto& c : f.columns) add_field_rows(c, indent + "    ", rows);
}

struct DescribeCmd {
    std::string type;
    bool as_json = false;
    int run() const {
        PluginCatalog cat = discover_plugins();
        Diagnostics diags;
        const PluginManifest* m = cat.require(type, diags);
        if (!m) {
            print_diagnostics(diags);
            return kBadInput;
        }
        if (as_json) {
            std::cout << manifest_json(*m).dump(2) << '\n';
            return kOk;
        }
        std::cout << m->id << " — " << m->name.zh << " / " << m->name.en << "  (v" << m->version << ", "
                  << (m->library.empty() ? "manifest" : "c++") << ", " << m->origin << ")\n";
        if (!m->description.text().empty()) std::cout << m->description.text() << '\n';
        std::vector<std::vector<std::string>> about = {{_("folder:"), m->dir}};
        for (const auto& [f, path] : m->templates) about.push_back({i18n::format(_("{format} template:"), {{"format", f}}), path});
        about.push_back({_("file name:"), m->output});
        std::error_code ec;
        if (fs::exists(m->dir + "/example.json", ec)) about.push_back({_("sample data:"), m->dir + "/example.json"});
        if (!m->frame.empty()) about.push_back({_("frame:"), m->frame});
        std::cout << format_columns(about) << _("fields:") << '\n';
        std::vector<std::vector<std::string>> rows;
        for (const auto& f : m->fields) add_field_rows(f, "", rows);
        std::cout << format_columns(rows, "  ");
        for (const auto& d : cat.problems.items())
            if (d.file.rfind(m->dir + "/", 0) == 0) std::cerr << d.to_string() << '\n';
        return kOk;
    }
};

struct GenerateCmd {
    std::string type, data_path, out_path;
    bool force = false, strict = false, as_json = false, strip = false, safe_paths = false;

    int run() const {
        auto out = output_format(out_path, true);
        if (!out) return output_usage_error("generate", out_path, true);
        auto fmt = std::optional<DocFormat>(out->format);  // a PDF is rendered as DOCX, then converted
        bool pdf = out->pdf;
        Diagnostics diags;
        int rc = kOk;
        try {
            auto doc_type = DocumentType::open(discover_plugins(), type);
            json data = read_json_file(data_path);
            GenerateOptions go;
            go.render.strict = strict;
            go.render.strip_invalid_chars = strip;
            go.render.images = image_source_for(data_path, safe_paths);  // image tags: paths from the data's folder
            go.render.data_label = data_path;
            auto bytes = doc_type->generate(data, *fmt, data_path, go, diags);
            if (!bytes) throw Error(Diagnostics{});
            if (pdf)
                convert_to_pdf(*bytes, "docx", out_path, force);
            else
                write_file_atomically(out_path, *bytes, force);
        } catch (const Error& e) {
            diags.append(e.diagnostics());
            rc = kBadInput;
        }
        if (as_json) {
            std::cout << json{{"ok", rc == kOk}, {"output", rc == kOk ? json(out_path) : json(nullptr)},
                              {"diagnostics", diagnostics_json(diags)}}.dump(2)
                      << '\n';
        } else {
            print_diagnostics(diags);
            if (rc == kOk) std::cerr << i18n::format(_("wrote {file}"), {{"file", out_path}}) << '\n';
        }
        return rc;
    }
};

// ---- gongwen plugin new --------------------------------------------------------------------

// <prefix>/bin/gongwen -> <prefix>/share/gongwen/scaffold (the build tree has the same shape).
fs::path scaffold_dir() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path().parent_path() / "share" / "gongwen" / "scaffold";
}

std::string cpp_source() {
    return R"(// A C++ plugin: checks and computed values before rendering. Built with gongwen_add_plugin().
// plugin.json says "frame": "gbt9704": after prepare() the core computes the frame's values
// (signature, 附件说明, 版记; gongwen/gbt9704.hpp), so prepare() only adds what is this type's own.
#include <gongwen/plugin_sdk.hpp>

class Plugin : public gongwen::sdk::Plugin {
public:
    nlohmann::json prepare(nlohmann::json data) override {
        // Every item names who answers for it.
        for (auto& item : data["事项"])
            if (item.value("责任人", std::string()).empty()) item["责任人"] = "待定";
        return data;
    }

    std::vector<gongwen::sdk::Problem> validate(const nlohmann::json& data) override {
        std::vector<gongwen::sdk::Problem> problems;
        if (data.value("事项", nlohmann::json::array()).empty())
            problems.push_back({"事项", 0, "至少需要一项"});
        return problems;
    }
};

GONGWEN_PLUGIN(Plugin)
)";
}

std::string cmake_lists(const std::string& id) {
    return "cmake_minimum_required(VERSION 3.18)\nproject(" + id + "_plugin LANGUAGES CXX)\n\n"
           "find_package(Gongwen REQUIRED)\n\n"
           "# Builds lib" + id + ".so and assembles the plugin folder in ${CMAKE_BINARY_DIR}/" + id + "\n"
           "gongwen_add_plugin(" + id + "\n  SOURCES src/plugin.cpp\n  MANIFEST plugin.json\n  FILES templates example.json)\n";
}

struct PluginNewCmd {
    std::string id, name, parent = ".";
    bool cpp = false, force = false;
    int run() const {
        for (char c : id) {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                std::cerr << i18n::format(_("gongwen plugin new: a type id uses lower-case letters, digits and '-' ({id}); "
                                            "give the Chinese name with --name"),
                                          {{"id", id}})
                          << '\n';
                return kUsage;
            }
        }
        const fs::path from = scaffold_dir();
        std::error_code ec;
        if (!fs::exists(from / "plugin.json", ec)) {
            std::cerr << i18n::format(_("{folder}: error[missing-scaffold]: the scaffold is not installed with this gongwen"),
                                      {{"folder", from.string()}})
                      << '\n';
            return kBadInput;
        }
        fs::path dir = fs::path(parent) / id;
        if (fs::exists(dir, ec) && !force) {
            std::cerr << i18n::format(_("{folder}: error[output-exists]: the folder exists; use --force to write into it"),
                                      {{"folder", dir.string()}})
                      << '\n';
            return kBadInput;
        }
        try {
            json m = json::parse(read_file_bytes((from / "plugin.json").string()));
            m["id"] = id;
            m["name"] = {{"zh", name.empty() ? id : name}, {"en", id}};
            if (cpp) m["library"] = "lib" + id + ".so";
            auto put = [&](const fs::path& rel, const std::string& text) {
                fs::create_directories((dir / rel).parent_path());
                write_file_atomically((dir / rel).string(), text, true);
            };
            for (auto it = fs::recursive_directory_iterator(from); it != fs::recursive_directory_iterator(); ++it) {
                fs::path rel = fs::relative(it->path(), from);
                if (it->is_regular_file() && rel != "plugin.json") put(rel, read_file_bytes(it->path().string()));
            }
            put("plugin.json", m.dump(2) + "\n");
            if (cpp) {
                put("src/plugin.cpp", cpp_source());
                put("CMakeLists.txt", cmake_lists(id));
            }
        } catch (const Error& e) {
            print_diagnostics(e.diagnostics());
            return kBadInput;
        } catch (const std::exception& e) {
            std::cerr << dir.string() << ": error[cannot-write]: " << e.what() << '\n';
            return kBadInput;
        }
        std::cout << i18n::format(_("created {folder}"), {{"folder", dir.string()}}) << '\n';
        const std::string data = (dir / "example.json").string();
        if (cpp) {
            // The prefix this gongwen runs from is where find_package(Gongwen) finds the SDK.
            std::error_code pe;
            std::string prefix = fs::read_symlink("/proc/self/exe", pe).parent_path().parent_path().string();
            std::cout << _("build it:") << "  cmake -S " << dir.string() << " -B " << dir.string() << "/build -DCMAKE_PREFIX_PATH=" << prefix
                      << " && cmake --build " << dir.string() << "/build\n"
                      << _("try it:") << "    GONGWEN_PLUGIN_PATH=" << dir.string() << "/build/" << id << " gongwen generate " << id
                      << " --data " << data << " -o " << id << ".docx\n";
        } else {
            std::cout << _("try it:") << "    GONGWEN_PLUGIN_PATH=" << dir.string() << " gongwen generate " << id << " --data " << data
                      << " -o " << id << ".docx\n";
        }
        return kOk;
    }
};

} // namespace

struct PluginCommands {
    ListCmd list;
    DescribeCmd describe;
    GenerateCmd generate;
    PluginNewCmd plugin_new;
    CLI::App *list_app = nullptr, *describe_app = nullptr, *generate_app = nullptr, *new_app = nullptr;
};

PluginCommands* add_plugin_commands(CLI::App& app) {
    static PluginCommands c;
    c.list_app = app.add_subcommand("list", _("the document types found, and where each came from"));
    c.list_app->add_flag("--json", c.list.as_json, _("machine-readable output"));
    c.list_app->add_flag("--verbose,-v", c.list.verbose, _("also the folders searched and those passed over (no plugin.json)"));

    c.describe_app = app.add_subcommand("describe", _("a document type's fields and templates"));
    c.describe_app->add_option("TYPE", c.describe.type, _("type id, e.g. rectification-notice"))->required();
    c.describe_app->add_flag("--json", c.describe.as_json, _("machine-readable output"));

    c.generate_app = app.add_subcommand("generate", _("validate data, compute values and render a document of a type"));
    c.generate_app->add_option("TYPE", c.generate.type, _("type id, e.g. rectification-notice"))->required();
    c.generate_app->add_option("--data,-d", c.generate.data_path, _("data, a JSON object"))->required()->check(CLI::ExistingFile);
    c.generate_app->add_option("-o,--output", c.generate.out_path, _("output file: .docx, .odt or .pdf (PDF through LibreOffice)"))->required();
    c.generate_app->add_flag("--force", c.generate.force, _("overwrite an existing output"));
    c.generate_app->add_flag("--strict", c.generate.strict, _("a missing value is an error, not a warning"));
    c.generate_app->add_flag("--json", c.generate.as_json, _("print the result and diagnostics as JSON"));
    c.generate_app->add_flag("--strip-invalid-chars", c.generate.strip, _("drop characters XML cannot hold instead of failing"));
    c.generate_app->add_flag("--safe-paths", c.generate.safe_paths, _("image files must be inside the data file's folder"));

    auto* plugin = app.add_subcommand("plugin", _("work on plugins"));
    plugin->require_subcommand(1);
    c.new_app = plugin->add_subcommand("new", _("create a working plugin folder to start a new document type from"));
    c.new_app->add_option("ID", c.plugin_new.id, _("the type id, e.g. immediate-rectification"))->required();
    c.new_app->add_option("--name", c.plugin_new.name, _("the type's Chinese name, e.g. 立行立改通知书"));
    c.new_app->add_flag("--cpp", c.plugin_new.cpp, _("with a C++ library (computed values, checks, formatters)"));
    c.new_app->add_option("--dir", c.plugin_new.parent, _("where to create it (default: here)"));
    c.new_app->add_flag("--force", c.plugin_new.force, _("write into an existing folder"));
    return &c;
}

std::optional<int> run_plugin_commands(PluginCommands* c) {
    if (c->list_app->parsed()) return c->list.run();
    if (c->describe_app->parsed()) return c->describe.run();
    if (c->generate_app->parsed()) return c->generate.run();
    if (c->new_app->parsed()) return c->plugin_new.run();
    return std::nullopt;
}

} // namespace gongwen::cli
