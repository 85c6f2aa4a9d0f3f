// Shared by the gongwen subcommands.
#pragma once

#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <optional>

namespace gongwen::cli {

using i18n::_;
using i18n::N_;
using i18n::P_;

constexpr int kOk = 0;
constexpr int kBadInput = 1;
constexpr int kUsage = 2;

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
