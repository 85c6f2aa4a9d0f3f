// What the add-in keeps between two 新建公文 in the user's configuration folder
// ($XDG_CONFIG_HOME or ~/.config, then gongwen/addin/): per type the remembered values (only the
// fields the schema marks "remember") and the draft of a form closed unfinished; the type,
// format and data folder chosen last. Keeping is a convenience: a file that cannot be read or
// written is ignored, never an error.
#pragma once

#include "gongwen/plugin.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace gongwen_addin::keep {

/// gongwen/addin/ in the user's configuration folder.
std::string folder();

/// The values the form starts from: the remembered fields of the last document made.
nlohmann::json remembered(const std::string& type);
/// Remembers the fields of `data` marked "remember" (and only those).
void remember(const gongwen::PluginManifest& type, const nlohmann::json& data);

/// The draft of a form closed unfinished (null when none).
nlohmann::json draft(const std::string& type);
void save_draft(const std::string& type, const nlohmann::json& data);
void drop_draft(const std::string& type);

/// A choice of the pickers ("type", "format", "folder"), "" when none yet.
std::string choice(const std::string& key);
void set_choice(const std::string& key, const std::string& value);

} // namespace gongwen_addin::keep
