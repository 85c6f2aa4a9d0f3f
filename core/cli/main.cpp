// The `gongwen` command: a thin layer over the library.
#include "gongwen/data.hpp"
#include "gongwen/diagnostics.hpp"
#include "gongwen/package.hpp"
#include "gongwen/template.hpp"
#include "gongwen/version.hpp"
#include "cli_common.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <iostream>

namespace {

using namespace gongwen::cli;
using gongwen::Diagnostics;
using json = nlohmann::json;

// Options shared by the commands that read templates.
struct TemplateFlags {
    std::vector<std::string> delimiters;
    std::string paragraph_loop = "on";
    std::string linebreaks = "on";
    std::uint64_t max_entries = gongwen::PackageLimits{}.max_entries;
    std::uint64_t max_package_size = gongwen::PackageLimits{}.max_total_size;
    int max_depth = gongwen::TemplateOptions{}.max_depth;

    void add_to(CLI::App* cmd) {
        cmd->add_option("--delimiters", delimiters, "opening and closing delimiters (default {{ }})")
            ->expected(2)
            ->type_name("OPEN CLOSE");
        cmd->add_option("--paragraph-loop", paragraph_loop, "loop tags alone in paragraphs repeat whole paragraphs")
            ->check(CLI::IsMember({"on", "off"}))
            ->capture_default_str();
        cmd->add_option("--linebreaks", linebreaks, "\\n in values becomes a line break, \\t a tab")
            ->check(CLI::IsMember({"on", "off"}))
            ->capture_default_str();
        cmd->add_option("--max-entries", max_entries, "largest number of entries in a package")->capture_default_str();
        cmd->add_option("--max-package-size", max_package_size, "largest uncompressed package size, bytes")
            ->capture_default_str();
        cmd->add_option("--max-depth", max_depth, "deepest nesting of sections")->capture_default_str();
    }

    gongwen::TemplateOptions options() const {
        gongwen::TemplateOptions o;
        if (delimiters.size() == 2) {
            o.open = delimiters[0];
            o.close = delimiters[1];
        }
        o.paragraph_loop = paragraph_loop == "on";
        o.linebreaks = linebreaks == "on";
        o.package_limits.max_entries = max_entries;
        o.package_limits.max_total_size = max_package_size;
        o.max_depth = max_depth;
        return o;
    }
};

struct RenderCmd {
    std::string template_path, data_path, out_path;
    bool strict = false, force = false, strip = false, as_json = false;
    std::uint64_t max_output = gongwen::RenderOptions{}.max_part_size;
    TemplateFlags tf;

    int run() {
        Diagnostics diags;
        int rc = kOk;
        try {
            auto want = gongwen::format_from_extension(out_path);
            auto have = gongwen::format_from_extension(template_path);
            if (!want) {
                std::cerr << "gongwen render: the output must end in .docx or .odt: " << out_path << '\n';
                return kUsage;
            }
            if (have && *have != *want) {
                std::cerr << "gongwen render: the output's format (." << gongwen::format_name(*want)
                          << ") does not match the template's (." << gongwen::format_name(*have) << ")\n";
                return kUsage;
            }
            json data = data_path.empty() ? json::object() : gongwen::read_json_file(data_path);
            if (!data.is_object()) throw gongwen::Error("bad-data", data_path, "the data must be a JSON object");
            auto tmpl = gongwen::Template::compile_file(template_path, tf.options(), diags);
            gongwen::RenderOptions ro;
            ro.strict = strict;
            ro.strip_invalid_chars = strip;
            ro.max_part_size = max_output;
            std::optional<std::string> bytes;
            if (tmpl->ok()) bytes = tmpl->render(data, ro, diags);
            if (!bytes) {
                rc = kBadInput;
            } else {
                gongwen::write_file_atomically(out_path, *bytes, force);
            }
        } catch (const gongwen::Error& e) {
            diags.append(e.diagnostics());
            rc = kBadInput;
        }
        report(diags, rc);
        return rc;
    }

    void report(const Diagnostics& diags, int rc) const {
        if (as_json) {
            json j = {{"ok", rc == kOk}, {"output", rc == kOk ? json(out_path) : json(nullptr)},
                      {"diagnostics", diagnostics_json(diags)}};
            std::cout << j.dump(2) << '\n';
            return;
        }
        print_diagnostics(diags);
        if (rc == kOk) std::cerr << "wrote " << out_path << '\n';
    }
};

struct InspectCmd {
    std::string template_path;
    bool as_json = false;
    TemplateFlags tf;

    int run() {
        Diagnostics diags;
        std::shared_ptr<const gongwen::Template> tmpl;
        try {
            tmpl = gongwen::Template::compile_file(template_path, tf.options(), diags);
        } catch (const gongwen::Error& e) {
            diags.append(e.diagnostics());
        }
        int rc = diags.has_errors() ? kBadInput : kOk;
        if (as_json) {
            json tags = json::array();
            if (tmpl) {
                for (const auto& t : tmpl->tags())
                    tags.push_back({{"name", t.name}, {"kind", t.kind}, {"part", t.part}, {"paragraph", t.paragraph},
                                    {"text", t.text}, {"filters", t.filters}});
            }
            json j = {{"template", template_path},
                      {"format", tmpl ? json(gongwen::format_name(tmpl->format())) : json(nullptr)},
                      {"ok", rc == kOk},
                      {"tags", tags},
                      {"diagnostics", diagnostics_json(diags)}};
            std::cout << j.dump(2) << '\n';
            return rc;
        }
        if (tmpl) {
            std::printf("%s (%s): %zu tags\n", template_path.c_str(), gongwen::format_name(tmpl->format()),
                        tmpl->tags().size());
            for (const auto& t : tmpl->tags()) {
                std::string filters;
                for (const auto& f : t.filters) filters += (filters.empty() ? "" : ",") + f;
                std::printf("  %s:%d\t%-8s\t%s\t%s%s%s\n", t.part.c_str(), t.paragraph, t.kind.c_str(),
                            t.name.empty() ? "-" : t.name.c_str(), t.text.c_str(), filters.empty() ? "" : "\tfilters=",
                            filters.c_str());
            }
        }
        print_diagnostics(diags);
        return rc;
    }
};

struct PackCmd {
    std::string folder, out_path;
    bool force = false;

    int run() {
        try {
            gongwen::Package pkg = gongwen::Package::from_folder(folder);
            gongwen::write_file_atomically(out_path, pkg.write_all(), force);
        } catch (const gongwen::Error& e) {
            print_diagnostics(e.diagnostics());
            return kBadInput;
        }
        return kOk;
    }
};

} // namespace

int run(int argc, char** argv);

int main(int argc, char** argv) {
    // Past a file-size limit, write() must fail with EFBIG (and the temp file be removed)
    // rather than the process die of SIGXFSZ and leave it behind.
    std::signal(SIGXFSZ, SIG_IGN);
    try {
        return run(argc, argv);
    } catch (const std::bad_alloc&) {
        std::cerr << "gongwen: error[out-of-memory]: not enough memory; lower the limits or the input size\n";
    } catch (const std::exception& e) {
        std::cerr << "gongwen: error[internal-error]: " << e.what() << "\n";
    }
    return kBadInput;
}

int run(int argc, char** argv) {
    CLI::App app{"gongwen — fills DOCX and ODT templates of official documents (公文) with data"};
    app.set_version_flag("--version", std::string("gongwen ") + gongwen::kVersion);
    app.require_subcommand(1);

    RenderCmd render;
    auto* rc = app.add_subcommand("render", "render a bare template with JSON data");
    rc->add_option("TEMPLATE", render.template_path, "template, .docx or .odt (or a folder of its XML parts)")->required()->check(CLI::ExistingPath);
    rc->add_option("--data,-d", render.data_path, "data, a JSON object")->check(CLI::ExistingFile);
    rc->add_option("-o,--output", render.out_path, "output file; its extension must match the template's")->required();
    rc->add_flag("--strict", render.strict, "a missing value is an error, not a warning");
    rc->add_flag("--force", render.force, "overwrite an existing output");
    rc->add_flag("--strip-invalid-chars", render.strip, "drop characters XML cannot hold instead of failing");
    rc->add_flag("--json", render.as_json, "print the result and diagnostics as JSON");
    rc->add_option("--max-output-size", render.max_output, "largest rendered part, bytes")->capture_default_str();
    render.tf.add_to(rc);

    InspectCmd inspect;
    auto* ic = app.add_subcommand("inspect", "list the tags of a template and every error in it");
    ic->add_option("TEMPLATE", inspect.template_path, "template, .docx or .odt (or a folder of its XML parts)")->required()->check(CLI::ExistingPath);
    ic->add_flag("--json", inspect.as_json, "machine-readable output");
    inspect.tf.add_to(ic);

    PackCmd pack;
    auto* pc = app.add_subcommand("pack", "pack a folder of XML parts into a .docx/.odt (templates are kept as XML)");
    pc->add_option("FOLDER", pack.folder, "the unpacked package")->required()->check(CLI::ExistingDirectory);
    pc->add_option("-o,--output", pack.out_path, "the package to write")->required();
    pc->add_flag("--force", pack.force, "overwrite an existing output");

    auto* check_cmd = add_check_command(app);

    auto* plugin_cmds = add_plugin_commands(app);
    auto* batch_cmd = add_batch_command(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? kOk : kUsage;
    }
    if (rc->parsed()) return render.run();
    if (ic->parsed()) return inspect.run();
    if (pc->parsed()) return pack.run();
    if (auto rc = run_check_command(check_cmd)) return *rc;
    if (auto rc = run_plugin_commands(plugin_cmds)) return *rc;
    if (auto rc = run_batch_command(batch_cmd)) return *rc;
    return kUsage;
}
