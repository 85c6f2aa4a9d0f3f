// Shared by the gongwen subcommands.
#pragma once

#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/template.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cctype>
#include <iostream>
#include <optional>
#include <string>

namespace gongwen::cli {

using i18n::_;
using i18n::N_;
using i18n::P_;

constexpr int kOk = 0;
constexpr int kBadInput = 1;
constexpr int kUsage = 2;

/// What an output path asks for by its extension: a .docx or .odt document, or — where the
/// command writes PDF (`pdf_allowed`) — a .pdf, rendered as DOCX and converted by LibreOffice.
/// The one rule of render, generate and pack; nothing when it is none of these, a usage error
/// (output_usage_error). Whether the content matches the name is require_format_of_name's.
struct OutputFormat {
    DocFormat format = DocFormat::docx;
    bool pdf = false;
};
inline std::optional<OutputFormat> output_format(const std::string& path, bool pdf_allowed) {
    if (auto f = format_from_extension(path)) return OutputFormat{*f, false};
    std::string ext = path.size() >= 4 ? path.substr(path.size() - 4) : "";
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (pdf_allowed && ext == ".pdf") return OutputFormat{DocFormat::docx, true};
    return std::nullopt;
}
/// Says on stderr that `command` cannot write `path` (its extension); returns kUsage.
inline int output_usage_error(const char* command, const std::string& path, bool pdf_allowed) {
    std::cerr << "gongwen " << command << ": "
              << i18n::format(pdf_allowed ? _("the output must end in .docx, .odt or .pdf: {file}")
                                          : _("the output must end in .docx or .odt: {file}"),
                              {{"file", path}})
              << '\n';
    return kUsage;
}

/// Diagnostics as a JSON array for --json output.
inline nlohmann::json diagnostics_json(const Diagnostics& d) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& x : d.items()) {
        arr.push_back({{"severity", x.severity == Severity::error ? "error" : "warning"},
                       {"code", x.code},
                       {"file", x.file},
                       {"part", x.part},
                       {"paragraph", x.paragraph},
                       {"tag", x.tag},
                       {"message", x.message}});
        if (x.page > 0) arr.back()["page"] = x.page;  // a laid-out page (the layout check)
    }
    return arr;
}

/// Every diagnostic on stderr, one a line.
inline void print_diagnostics(const Diagnostics& d) {
    for (const auto& x : d.items()) std::cerr << x.to_string() << '\n';
}

/// The plugin subcommands: list, describe, generate, plugin new. Returns a runner that tells
/// whether one of them was chosen and runs it.
struct PluginCommands;
PluginCommands* add_plugin_commands(CLI::App& app);
/// Runs the chosen plugin command; nullopt when none was chosen.
std::optional<int> run_plugin_commands(PluginCommands* cmds);

/// gongwen check: the XML rules and, through LibreOffice, the layout rules (check_command.cpp).
struct CheckCommand;
CheckCommand* add_check_command(CLI::App& app);
std::optional<int> run_check_command(CheckCommand* cmd);

/// gongwen batch.
struct BatchCommand;
BatchCommand* add_batch_command(CLI::App& app);
std::optional<int> run_batch_command(BatchCommand* cmd);

} // namespace gongwen::cli
