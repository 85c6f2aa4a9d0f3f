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
#include <cstdlib>
#include <iostream>
#include <regex>

namespace {

using namespace gongwen::cli;
using gongwen::Diagnostics;
using json = nlohmann::json;
using gongwen::i18n::format;

// Options shared by the commands that read templates.
struct TemplateFlags {
    std::vector<std::string> delimiters;
    std::string paragraph_loop = "on";
    std::string linebreaks = "on";
    std::uint64_t max_entries = gongwen::PackageLimits{}.max_entries;
    std::uint64_t max_package_size = gongwen::PackageLimits{}.max_total_size;
    int max_depth = gongwen::TemplateOptions{}.max_depth;

    void add_to(CLI::App* cmd) {
        cmd->add_option("--delimiters", delimiters, _("opening and closing delimiters (default {{ }})"))
            ->expected(2)
            ->type_name("OPEN CLOSE");
        cmd->add_option("--paragraph-loop", paragraph_loop, _("loop tags alone in paragraphs repeat whole paragraphs"))
            ->check(CLI::IsMember({"on", "off"}))
            ->capture_default_str();
        cmd->add_option("--linebreaks", linebreaks, _("\\n in values becomes a line break, \\t a tab"))
            ->check(CLI::IsMember({"on", "off"}))
            ->capture_default_str();
        cmd->add_option("--max-entries", max_entries, _("largest number of entries in a package"))->capture_default_str();
        cmd->add_option("--max-package-size", max_package_size, _("largest uncompressed package size, bytes"))
            ->capture_default_str();
        cmd->add_option("--max-depth", max_depth, _("deepest nesting of sections"))->capture_default_str();
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
    bool strict = false, force = false, strip = false, as_json = false, safe_paths = false;
    std::uint64_t max_output = gongwen::RenderOptions{}.max_part_size;
    TemplateFlags tf;

    int run() {
        Diagnostics diags;
        int rc = kOk;
        try {
            auto out = output_format(out_path, false);
            auto have = gongwen::format_from_extension(template_path);
            if (!out) return output_usage_error("render", out_path, false);
            auto want = std::optional<gongwen::DocFormat>(out->format);
            if (have && *have != *want) {
                std::cerr << "gongwen render: "
                          << format(_("the output's format (.{output}) does not match the template's (.{template})"),
                                    {{"output", gongwen::format_name(*want)}, {"template", gongwen::format_name(*have)}})
                          << '\n';
                return kUsage;
            }
            json data = data_path.empty() ? json::object() : gongwen::read_json_file(data_path);
            if (!data.is_object()) throw gongwen::Error("bad-data", data_path, _("the data must be a JSON object"));
            auto tmpl = gongwen::Template::compile_file(template_path, tf.options(), diags);
            gongwen::RenderOptions ro;
            ro.strict = strict;
            ro.strip_invalid_chars = strip;
            ro.max_part_size = max_output;
            ro.images = gongwen::image_source_for(data_path, safe_paths);  // image tags: paths from the data's folder
            ro.data_label = data_path;
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
        if (rc == kOk) std::cerr << format(_("wrote {file}"), {{"file", out_path}}) << '\n';
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
                    tags.push_back({{"name", t.name}, {"kind", tag_kind_name(t.kind)}, {"part", t.part}, {"paragraph", t.paragraph},
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
            std::size_t n = tmpl->tags().size();
            std::printf("%s\n", format(P_("{file} ({format}): {n} tag", "{file} ({format}): {n} tags", n),
                                        {{"file", template_path}, {"format", gongwen::format_name(tmpl->format())}, {"n", n}})
                                     .c_str());
            for (const auto& t : tmpl->tags()) {
                std::string filters;
                for (const auto& f : t.filters) filters += (filters.empty() ? "" : ",") + f;
                std::printf("  %s:%d\t%-8s\t%s\t%s%s%s\n", t.part.c_str(), t.paragraph, tag_kind_name(t.kind),
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
        if (!output_format(out_path, false)) return output_usage_error("pack", out_path, false);
        try {
            gongwen::Package pkg = gongwen::Package::from_folder(folder);
            // A DOCX's parts packed into x.odt would be refused by every reader.
            gongwen::require_format_of_name(gongwen::package_format(pkg), out_path);
            gongwen::write_file_atomically(out_path, pkg.write_all(), force);
        } catch (const gongwen::Error& e) {
            print_diagnostics(e.diagnostics());
            return kBadInput;
        }
        return kOk;
    }
};

// CLI11's own words in the language of the messages: the help's headings, and its parse errors,
// which it writes in English only and are recognised here by their shape.
std::string parse_error_message(const CLI::Error& e) {
    std::string what = e.what();
    if (gongwen::i18n::language() == gongwen::i18n::Language::english) return what;
    std::smatch m;
    auto re = [](const char* pattern) { return std::regex(pattern); };
    if (std::regex_match(what, m, re("A subcommand is required"))) return _("a subcommand is required");
    if (std::regex_match(what, m, re("(.+) is required")))
        return format(_("{option} is required"), {{"option", m[1].str()}});
    if (std::regex_match(what, m, re("The following arguments? (?:was|were) not expected: (.*)")))
        return format(_("not understood: {arguments}"), {{"arguments", m[1].str()}});
    if (std::regex_match(what, m, re("(.+): (?:File|Path|Directory) does not exist: (.*)")))
        return format(_("{option}: no such file or folder: {path}"), {{"option", m[1].str()}, {"path", m[2].str()}});
    if (std::regex_match(what, m, re("(.+): File is actually a directory: (.*)")))
        return format(_("{option}: a folder, not a file: {path}"), {{"option", m[1].str()}, {"path", m[2].str()}});
    if (std::regex_match(what, m, re("(.+): Directory is actually a file: (.*)")))
        return format(_("{option}: a file, not a folder: {path}"), {{"option", m[1].str()}, {"path", m[2].str()}});
    if (std::regex_match(what, m, re("(.+): (.*) not in (\\{.*\\})")))
        return format(_("{option}: {value} is not one of {choices}"),
                      {{"option", m[1].str()}, {"value", m[2].str()}, {"choices", m[3].str()}});
    if (std::regex_match(what, m, re("Could not convert: (.+) = (.*)")))
        return format(_("{option}: not a valid value: {value}"), {{"option", m[1].str()}, {"value", m[2].str()}});
    if (std::regex_match(what, m, re("(.+): (\\d+) required (.*) missing")))
        return format(_("{option} takes {n} values ({names})"), {{"option", m[1].str()}, {"n", m[2].str()}, {"names", m[3].str()}});
    return format(_("the command line is not understood: {detail}"), {{"detail", what}});
}

void localize(CLI::App& app) {
    auto f = app.get_formatter();
    f->label("Usage", _("Usage"));
    f->label("OPTIONS", _("OPTIONS"));
    f->label("SUBCOMMAND", _("SUBCOMMAND"));
    f->label("SUBCOMMANDS", _("SUBCOMMANDS"));
    f->label("Positionals", _("Positionals"));
    f->label("REQUIRED", _("REQUIRED"));
    app.option_defaults()->group(_("Options"));
    app.failure_message([](const CLI::App* a, const CLI::Error& e) {
        std::string out = parse_error_message(e) + "\n";
        if (a->get_help_ptr())
            out += format(_("Run with {help} for more information."), {{"help", a->get_help_ptr()->get_name()}}) + "\n";
        return out;
    });
}

// The group the subcommands are listed under in --help, in every level.
void localize_subcommands(CLI::App* app) {
    for (CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; })) {
        sub->group(_("Subcommands"));
        for (CLI::Option* opt : sub->get_options())  // the help flag was made before the defaults reached it
            if (opt->get_group() == "Options") opt->group(_("Options"));
        localize_subcommands(sub);
    }
}

} // namespace

int run(int argc, char** argv);

// The language of the messages: --lang zh|en anywhere on the command line (read before the
// options, whose help is a message too), else the environment as gettext reads it. The locale
// need not be installed: Chinese is read under a locale of its own (i18n.cpp); LANGUAGE=zh_CN
// steers gettext to the Chinese catalogue whatever the user's LANGUAGE said. No setlocale():
// numbers keep the C locale.
void choose_language(int argc, char** argv) {
    std::optional<gongwen::i18n::Language> asked;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--") break;
        if (a == "--lang" && i + 1 < argc) asked = gongwen::i18n::parse_language(argv[i + 1]);
        else if (a.substr(0, 7) == "--lang=") asked = gongwen::i18n::parse_language(a.substr(7));
    }
    auto lang = asked ? *asked : gongwen::i18n::language_from_environment();
    if (lang == gongwen::i18n::Language::chinese) ::setenv("LANGUAGE", "zh_CN", 1);
    gongwen::i18n::set_language(lang);
}

int main(int argc, char** argv) {
    // Past a file-size limit, write() must fail with EFBIG (and the temp file be removed)
    // rather than the process die of SIGXFSZ and leave it behind.
    std::signal(SIGXFSZ, SIG_IGN);
    try {
        choose_language(argc, argv);
        return run(argc, argv);
    } catch (const std::bad_alloc&) {
        std::cerr << "gongwen: "
                  << format(_("error[{code}]: {message}"),
                            {{"code", "out-of-memory"}, {"message", _("not enough memory; lower the limits or the input size")}})
                  << '\n';
    } catch (const std::exception& e) {
        std::cerr << "gongwen: " << format(_("error[{code}]: {message}"), {{"code", "internal-error"}, {"message", e.what()}}) << '\n';
    }
    return kBadInput;
}

int run(int argc, char** argv) {
    CLI::App app{_("gongwen — fills DOCX and ODT templates of official documents (公文) with data")};
    localize(app);
    app.set_version_flag("--version", std::string("gongwen ") + gongwen::kVersion, _("print the version and exit"));
    app.set_help_flag("-h,--help", _("print this help and exit"));
    app.require_subcommand(1);
    // Read by choose_language() before parsing; here for --help and to reject other values.
    std::string lang;
    app.add_option("--lang", lang, _("language of the messages: zh or en (default: from LC_ALL, LC_MESSAGES, LANG)"))
        ->check(CLI::IsMember({"zh", "en"}));
    app.fallthrough();  // --lang after the subcommand too

    RenderCmd render;
    auto* rc = app.add_subcommand("render", _("render a bare template with JSON data"));
    rc->add_option("TEMPLATE", render.template_path, _("template, .docx or .odt (or a folder of its XML parts)"))->required()->check(CLI::ExistingPath);
    rc->add_option("--data,-d", render.data_path, _("data, a JSON object"))->check(CLI::ExistingFile);
    rc->add_option("-o,--output", render.out_path, _("output file; its extension must match the template's"))->required();
    rc->add_flag("--strict", render.strict, _("a missing value is an error, not a warning"));
    rc->add_flag("--force", render.force, _("overwrite an existing output"));
    rc->add_flag("--strip-invalid-chars", render.strip, _("drop characters XML cannot hold instead of failing"));
    rc->add_flag("--safe-paths", render.safe_paths, _("image files must be inside the data file's folder"));
    rc->add_flag("--json", render.as_json, _("print the result and diagnostics as JSON"));
    rc->add_option("--max-output-size", render.max_output, _("largest rendered part, bytes"))->capture_default_str();
    render.tf.add_to(rc);

    InspectCmd inspect;
    auto* ic = app.add_subcommand("inspect", _("list the tags of a template and every error in it"));
    ic->add_option("TEMPLATE", inspect.template_path, _("template, .docx or .odt (or a folder of its XML parts)"))->required()->check(CLI::ExistingPath);
    ic->add_flag("--json", inspect.as_json, _("machine-readable output"));
    inspect.tf.add_to(ic);

    PackCmd pack;
    auto* pc = app.add_subcommand("pack", _("pack a folder of XML parts into a .docx/.odt (templates are kept as XML)"));
    pc->add_option("FOLDER", pack.folder, _("the unpacked package"))->required()->check(CLI::ExistingDirectory);
    pc->add_option("-o,--output", pack.out_path, _("the package to write"))->required();
    pc->add_flag("--force", pack.force, _("overwrite an existing output"));

    auto* check_cmd = add_check_command(app);

    auto* plugin_cmds = add_plugin_commands(app);
    auto* batch_cmd = add_batch_command(app);

    localize_subcommands(&app);
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
