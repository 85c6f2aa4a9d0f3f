// gongwen list / describe / generate / plugin new: document types as plugins.
#include "cli_common.hpp"

#include "gongwen/data.hpp"
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
    bool as_json = false;
    int run() const {
        PluginCatalog cat = discover_plugins();
        int rc = cat.problems.has_errors() ? kBadInput : kOk;
        if (as_json) {
            json arr = json::array();
            for (const auto& m : cat.plugins) arr.push_back(manifest_json(m));
            std::cout << json{{"plugins", arr}, {"search_path", plugin_search_path()}, {"diagnostics", diagnostics_json(cat.problems)}}.dump(2)
                      << '\n';
            return rc;
        }
        if (cat.plugins.empty()) std::printf("no document types found\n");
        for (const auto& m : cat.plugins) {
            std::string formats;
            for (const auto& [f, _] : m.templates) formats += (formats.empty() ? "" : ",") + f;
            std::printf("%-28s %s  %s (%s)  v%s  %s  [%s]  %s\n", m.id.c_str(), m.name.zh.c_str(), m.name.en.c_str(),
                        formats.c_str(), m.version.c_str(), m.library.empty() ? "manifest" : "c++", m.origin.c_str(),
                        m.dir.c_str());
        }
        print_diagnostics(cat.problems);
        return rc;
    }
};

void print_field(const FieldSpec& f, int indent) {
    std::string pad(static_cast<std::size_t>(indent), ' ');
    std::printf("%s%-12s %s%s  %s%s\n", pad.c_str(), f.name.c_str(), field_type_name(f.type), f.required ? ", required" : "",
                f.label.zh.c_str(), f.label.en.empty() ? "" : (" / " + f.label.en).c_str());
    if (!f.help.text().empty()) std::printf("%s    %s\n", pad.c_str(), f.help.text().c_str());
    if (!f.choices.empty()) {
        std::string all;
        for (const auto& c : f.choices) all += (all.empty() ? "" : "、") + c;
        std::printf("%s    choices: %s\n", pad.c_str(), all.c_str());
    }
    if (!f.default_value.is_null()) std::printf("%s    default: %s\n", pad.c_str(), f.default_value.dump().c_str());
    if (!f.example.is_null()) std::printf("%s    example: %s\n", pad.c_str(), f.example.dump().c_str());
    for (const auto& c : f.columns) print_field(c, indent + 4);
}

const PluginManifest* find_type(const PluginCatalog& cat, const std::string& type, Diagnostics& diags) {
    const PluginManifest* m = cat.find(type);
    if (!m) {
        // A broken plugin of that id explains itself better than "unknown".
        // Whatever is broken on the plugin path may be the type asked for: show it all.
        diags.append(cat.problems);
        diags.error("unknown-type", type, "no document type '" + type + "'; `gongwen list` shows the installed ones");
    }
    return m;
}

struct DescribeCmd {
    std::string type;
    bool as_json = false;
    int run() const {
        PluginCatalog cat = discover_plugins();
        Diagnostics diags;
        const PluginManifest* m = find_type(cat, type, diags);
        if (!m) {
            print_diagnostics(diags);
            return kBadInput;
        }
        if (as_json) {
            std::cout << manifest_json(*m).dump(2) << '\n';
            return kOk;
        }
        std::printf("%s — %s / %s  (v%s, %s, %s)\n", m->id.c_str(), m->name.zh.c_str(), m->name.en.c_str(), m->version.c_str(),
                    m->library.empty() ? "manifest" : "c++", m->origin.c_str());
        if (!m->description.text().empty()) std::printf("%s\n", m->description.text().c_str());
        std::printf("folder: %s\n", m->dir.c_str());
        for (const auto& [f, path] : m->templates) std::printf("template %s: %s\n", f.c_str(), path.c_str());
        std::printf("file name: %s\nfields:\n", m->output.c_str());
        for (const auto& f : m->fields) print_field(f, 2);
        return kOk;
    }
};

struct GenerateCmd {
    std::string type, data_path, out_path;
    bool force = false, strict = false, as_json = false, strip = false;

    int run() const {
        auto fmt = format_from_extension(out_path);
        bool pdf = out_path.size() > 4 && (out_path.compare(out_path.size() - 4, 4, ".pdf") == 0 ||
                                           out_path.compare(out_path.size() - 4, 4, ".PDF") == 0);
        if (pdf) fmt = DocFormat::docx;  // rendered as DOCX, then converted by LibreOffice
        if (!fmt) {
            std::cerr << "gongwen generate: the output must end in .docx, .odt or .pdf: " << out_path << '\n';
            return kUsage;
        }
        Diagnostics diags;
        int rc = kOk;
        try {
            PluginCatalog cat = discover_plugins();
            const PluginManifest* m = find_type(cat, type, diags);
            if (!m) throw Error(Diagnostics{});
            json data = read_json_file(data_path);
            RenderOptions ro;
            ro.strict = strict;
            ro.strip_invalid_chars = strip;
            auto bytes = generate_document(*m, data, *fmt, data_path, ro, diags);
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
            if (rc == kOk) std::cerr << "wrote " << out_path << '\n';
        }
        return rc;
    }
};

// ---- gongwen plugin new --------------------------------------------------------------------

const char* kContentTypes = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>
)";

const char* kRels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>
)";

std::string document_xml(bool cpp) {
    std::string count = cpp ? "（共{{事项数}}项）" : "";
    return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:body>
    <w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr><w:t>{{标题}}</w:t></w:r></w:p>
    <w:p><w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr><w:t>{{主送机关}}：</w:t></w:r></w:p>
    <w:p><w:pPr><w:ind w:firstLineChars="200"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr><w:t>{{正文}}</w:t></w:r></w:p>
    <w:p><w:r><w:t>{{#事项}}</w:t></w:r></w:p>
    <w:p><w:pPr><w:ind w:firstLineChars="200"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr><w:t>{{@index | ordinal}}{{内容}}（责任人：{{责任人 | default:"待定"}}）</w:t></w:r></w:p>
    <w:p><w:r><w:t>{{/事项}}</w:t></w:r></w:p>
    <w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr><w:t>)" +
           count + R"({{成文日期 | date}}</w:t></w:r></w:p>
    <w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>
  </w:body>
</w:document>
)";
}

json scaffold_manifest(const std::string& id, bool cpp) {
    json fields = json::array({
        {{"name", "标题"}, {"label", {{"zh", "标题"}, {"en", "Title"}}}, {"type", "text"}, {"required", true}, {"example", "关于某事项的通知"}},
        {{"name", "主送机关"}, {"label", {{"zh", "主送机关"}, {"en", "Addressee"}}}, {"type", "text"}, {"required", true}},
        {{"name", "正文"}, {"label", {{"zh", "正文"}, {"en", "Body"}}}, {"type", "multiline"}},
        {{"name", "事项"},
         {"label", {{"zh", "事项"}, {"en", "Items"}}},
         {"type", "list"},
         {"columns", json::array({{{"name", "内容"}, {"label", {{"zh", "内容"}, {"en", "Item"}}}, {"type", "text"}, {"required", true}},
                                  {{"name", "责任人"}, {"label", {{"zh", "责任人"}, {"en", "Owner"}}}, {"type", "text"}}})}},
        {{"name", "成文日期"}, {"label", {{"zh", "成文日期"}, {"en", "Date"}}}, {"type", "date"}, {"required", true}},
    });
    json m = {{"id", id},
              {"version", "0.1.0"},
              {"abi", plugin_abi_version()},
              {"name", {{"zh", id}, {"en", id}}},
              {"description", {{"zh", "新的公文类型：请修改 plugin.json 与 templates/。"}, {"en", "A new document type: edit plugin.json and templates/."}}},
              {"templates", {{"docx", "templates/document.docx"}}},
              {"output", "{{标题}}"},
              {"fields", fields}};
    if (cpp) m["library"] = "lib" + id + ".so";
    return m;
}

const char* kExample = R"({
  "标题": "关于开展专项检查的通知",
  "主送机关": "各乡镇党委，县直各单位党组（党委）",
  "正文": "为进一步压实整改责任，现就有关事项通知如下。",
  "事项": [
    {"内容": "各单位对照问题清单开展自查。", "责任人": "王某某"},
    {"内容": "于规定时间内报送自查报告。"}
  ],
  "成文日期": "2023-07-05"
}
)";

std::string cpp_source() {
    return R"(// A C++ plugin: computed values before rendering. Built with gongwen_add_plugin().
#include <gongwen/plugin_sdk.hpp>

class Plugin : public gongwen::sdk::Plugin {
public:
    nlohmann::json prepare(nlohmann::json data) override {
        data["事项数"] = data.value("事项", nlohmann::json::array()).size();
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
    std::string name, parent = ".";
    bool cpp = false, force = false;
    int run() const {
        json m = scaffold_manifest(name, cpp);
        for (char c : name) {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                std::cerr << "gongwen plugin new: a type id uses lower-case letters, digits and '-': " << name << '\n';
                return kUsage;
            }
        }
        fs::path dir = fs::path(parent) / name;
        std::error_code ec;
        if (fs::exists(dir, ec) && !force) {
            std::cerr << dir.string() << ": error[output-exists]: the folder exists; use --force to write into it\n";
            return kBadInput;
        }
        try {
            auto put = [&](const fs::path& rel, const std::string& text) {
                fs::create_directories((dir / rel).parent_path());
                write_file_atomically((dir / rel).string(), text, true);
            };
            put("plugin.json", m.dump(2) + "\n");
            put("example.json", kExample);
            put("templates/document.docx/[Content_Types].xml", kContentTypes);
            put("templates/document.docx/_rels/.rels", kRels);
            put("templates/document.docx/word/document.xml", document_xml(cpp));
            if (cpp) {
                put("src/plugin.cpp", cpp_source());
                put("CMakeLists.txt", cmake_lists(name));
            }
        } catch (const Error& e) {
            print_diagnostics(e.diagnostics());
            return kBadInput;
        } catch (const fs::filesystem_error& e) {
            std::cerr << dir.string() << ": error[cannot-write]: " << e.what() << '\n';
            return kBadInput;
        }
        std::cout << "created " << dir.string() << "\n";
        if (cpp) {
            // The prefix this gongwen runs from is where find_package(Gongwen) finds the SDK.
            std::error_code pe;
            std::string prefix = fs::read_symlink("/proc/self/exe", pe).parent_path().parent_path().string();
            std::cout << "build it:  cmake -S " << dir.string() << " -B " << dir.string() << "/build -DCMAKE_PREFIX_PATH=" << prefix
                      << " && cmake --build " << dir.string() << "/build\n"
                      << "try it:    GONGWEN_PLUGIN_PATH=" << dir.string() << "/build/" << name << " gongwen generate " << name
                      << " --data " << dir.string() << "/example.json -o " << name << ".docx\n";
        } else {
            std::cout << "try it:    GONGWEN_PLUGIN_PATH=" << dir.string() << " gongwen generate " << name << " --data "
                      << dir.string() << "/example.json -o " << name << ".docx\n";
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
    c.list_app = app.add_subcommand("list", "the document types found, and where each came from");
    c.list_app->add_flag("--json", c.list.as_json, "machine-readable output");

    c.describe_app = app.add_subcommand("describe", "a document type's fields and templates");
    c.describe_app->add_option("TYPE", c.describe.type, "type id, e.g. rectification-notice")->required();
    c.describe_app->add_flag("--json", c.describe.as_json, "machine-readable output");

    c.generate_app = app.add_subcommand("generate", "validate data, compute values and render a document of a type");
    c.generate_app->add_option("TYPE", c.generate.type, "type id, e.g. rectification-notice")->required();
    c.generate_app->add_option("--data,-d", c.generate.data_path, "data, a JSON object")->required()->check(CLI::ExistingFile);
    c.generate_app->add_option("-o,--output", c.generate.out_path, "output file: .docx, .odt or .pdf (PDF through LibreOffice)")->required();
    c.generate_app->add_flag("--force", c.generate.force, "overwrite an existing output");
    c.generate_app->add_flag("--strict", c.generate.strict, "a missing value is an error, not a warning");
    c.generate_app->add_flag("--json", c.generate.as_json, "print the result and diagnostics as JSON");
    c.generate_app->add_flag("--strip-invalid-chars", c.generate.strip, "drop characters XML cannot hold instead of failing");

    auto* plugin = app.add_subcommand("plugin", "work on plugins");
    plugin->require_subcommand(1);
    c.new_app = plugin->add_subcommand("new", "create a working plugin folder to start a new document type from");
    c.new_app->add_option("NAME", c.plugin_new.name, "the type id, e.g. immediate-rectification")->required();
    c.new_app->add_flag("--cpp", c.plugin_new.cpp, "with a C++ library (computed values, checks, formatters)");
    c.new_app->add_option("--dir", c.plugin_new.parent, "where to create it (default: here)");
    c.new_app->add_flag("--force", c.plugin_new.force, "write into an existing folder");
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
