// Document types as plugins: a folder with plugin.json, templates and optionally a library.
#pragma once

#include "gongwen/diagnostics.hpp"
#include "gongwen/formatters.hpp"
#include "gongwen/template.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gongwen {

/// The plugin ABI this host speaks (see plugin_abi.h).
int plugin_abi_version();

/// Text in Chinese with an English fallback.
struct LocalizedText {
    std::string zh, en;
    /// zh when present, else en.
    const std::string& text() const { return zh.empty() ? en : zh; }
};

/// `seal`: an image, the 印章 of the GB/T 9704 frame (§7.3.5.1) — a file path (relative to the
/// data file) or {path|data, width, height (mm), alt}; true stands for a seal stamped by hand
/// after printing (the sealed layout, no picture), false for none.
enum class FieldType { text, multiline, integer, number, date, choice, list, seal };

/// "text", "multiline", ...
const char* field_type_name(FieldType t);

/// One field of a document type's data.
struct FieldSpec {
    std::string name;
    LocalizedText label;
    FieldType type = FieldType::text;
    bool required = false;
    nlohmann::json default_value;        ///< null when none
    nlohmann::json example;              ///< null when none
    LocalizedText help;
    std::vector<std::string> choices;    ///< choice
    std::optional<double> min, max;      ///< integer, number; row counts of a list
    std::vector<FieldSpec> columns;      ///< list: the fields of each record
    /// Forms offer the last value again (names, organs, contacts); not numbers, titles, dates.
    bool remember = false;

    /// 「label」(name), the way messages name a field.
    std::string display() const;
};

/// plugin.json, read and checked.
struct PluginManifest {
    std::string id;
    std::string version;
    int abi = 0;
    LocalizedText name, description;
    std::vector<FieldSpec> fields;
    std::map<std::string, std::string> templates;  ///< "docx"/"odt" -> path (file or XML folder), absolute
    std::string output;                            ///< file-name pattern, e.g. "{{单位}}巡察整改通知书"
    std::string library;                           ///< absolute path, empty for manifest-only plugins
    std::string dir;                               ///< the plugin's folder
    std::string origin;                            ///< builtin, GONGWEN_PLUGIN_PATH, user
    /// "gbt9704": the core computes the GB/T 9704 frame's values (gongwen/gbt9704.hpp) after
    /// the plugin's own prepare, so that a manifest-only type lays out like the built-in ones.
    std::string frame;
};

/// Reads `dir`/plugin.json. Throws Error listing every problem of the manifest.
PluginManifest read_manifest(const std::string& dir);
/// Checks manifest text as if it were `dir`/plugin.json (paths resolve in `dir`). Throws Error.
PluginManifest parse_manifest(const std::string& text, const std::string& dir);

/// Checks data against the fields schema and returns it normalised (defaults filled in,
/// numbers and dates in canonical form). Every problem goes to `diags`, by field label and row.
nlohmann::json validate_data(const std::vector<FieldSpec>& fields, const nlohmann::json& data,
                             const std::string& data_label, Diagnostics& diags);

/// Where a value of the data came from, for diagnostics that name the file, row and column.
struct ValueOrigin {
    std::string file;    ///< with the place: "problems.csv:53", "units.xlsx:Sheet1!C3"
    std::string column;  ///< the column's header as the file writes it; "" to name the field
};

struct ValidateOptions {
    /// The renderer drops characters XML cannot hold (--strip-invalid-chars): not a problem.
    bool allow_invalid_xml_chars = false;
    /// Where the value of `field` is: at the top (`list` ""), or in record `record` (0-based) of
    /// list field `list`. Nothing: on the data label, by field.
    std::function<std::optional<ValueOrigin>(const std::string& list, std::size_t record, const std::string& field)> locate;
};

/// validate_data, with the places of the values and what the renderer will tolerate.
nlohmann::json validate_data(const std::vector<FieldSpec>& fields, const nlohmann::json& data,
                             const std::string& data_label, Diagnostics& diags, const ValidateOptions& options);

/// The one rule for the keys of data — JSON objects, spreadsheet headers, list records, files
/// the add-in loads: a key is a field's name, else its Chinese label, else its English label.
/// Null when it names no field.
const FieldSpec* field_for_key(const std::vector<FieldSpec>& fields, const std::string& key);

/// `data` with every key that is a field's label renamed to the field's name, in the records of
/// list fields too (a name beside its own label wins). Keys that name no field are kept.
nlohmann::json with_field_names(const std::vector<FieldSpec>& fields, const nlohmann::json& data);

/// A row of a table (a spreadsheet, CSV or JSON rows file, a --rows file's record) as data:
/// keys renamed to field names by the rule of with_field_names, and a list field of text lines
/// given in one cell split into its lines (at line ends, ';' and '；', blanks trimmed).
nlohmann::json table_row_data(const std::vector<FieldSpec>& fields, const nlohmann::json& row);

/// The field whose name or label `key` most resembles (a typo, a longer or shorter header), for
/// "did you mean"; null when none is close.
const FieldSpec* closest_field(const std::vector<FieldSpec>& fields, const std::string& key);

/// 「label」(name) of a suggestion: "「描述」" or "「抄送机关」 (抄送)".
std::string suggestion_text(const FieldSpec& f);

/// Keys of list records that name no column of their list are read by nobody: one diagnostic
/// per list and key ("unknown-column", a warning, an error when `strict`), with the closest
/// column. `said` (optional) keeps each said once over the documents of a batch.
void report_unknown_record_keys(const std::vector<FieldSpec>& fields, const nlohmann::json& data,
                                const std::string& data_label, bool strict, Diagnostics& diags,
                                std::set<std::string>* said = nullptr);

/// The folders searched for plugins, in order: installed with Gongwen, $GONGWEN_PLUGIN_PATH,
/// the user's data folder ($XDG_DATA_HOME/gongwen/plugins). Each with its origin name.
std::vector<std::pair<std::string, std::string>> plugin_search_path();

/// What discovery found: the plugins by id (the first folder wins) and every problem: broken
/// manifests, and duplicates that a later folder would have shadowed.
struct PluginCatalog {
    std::vector<PluginManifest> plugins;
    Diagnostics problems;
    /// Folders in a plugin root without a plugin.json: no plugin, passed over quietly.
    std::vector<std::string> skipped;
    const PluginManifest* find(const std::string& id) const;
    /// The type `id`, or null with what explains its absence added to `diags`: every problem on
    /// the plugin path (a broken plugin of that id explains itself best), a folder of that name
    /// without plugin.json, then "unknown-type".
    const PluginManifest* require(const std::string& id, Diagnostics& diags) const;
};

/// Scans the search path.
PluginCatalog discover_plugins();
/// Scans the given folders (each holding plugin folders), with origin names.
PluginCatalog discover_plugins(const std::vector<std::pair<std::string, std::string>>& roots);

/// A plugin ready to generate documents: its library (if any) loaded and checked.
class LoadedPlugin {
public:
    /// Loads the library named by the manifest; checks the ABI in the manifest and in the
    /// library. Throws Error naming the plugin and its path.
    static std::shared_ptr<LoadedPlugin> load(const PluginManifest& manifest);
    ~LoadedPlugin();

    const PluginManifest& manifest() const;
    /// Runs the plugin's own checks (problems go to `diags`); returns false on an error. With
    /// `where`, a problem is said where its field's value is (a batch's cell or rows-file line).
    bool validate(const nlohmann::json& data, const std::string& data_label, Diagnostics& diags,
                  const ValidateOptions* where = nullptr) const;
    /// Adds computed values. Throws Error when the plugin fails: on `data_label` (the data
    /// file and row, like every other problem of the data) when given, else on the library.
    nlohmann::json prepare(const nlohmann::json& data, const std::string& data_label = {}) const;
    /// The built-in formatters plus the plugin's.
    const FormatterRegistry& formatters() const;
    /// Compiles the plugin's template for a format. Throws Error if it has none or it is bad.
    std::shared_ptr<const Template> compile_template(DocFormat format, Diagnostics& diags) const;

    struct Impl;

private:
    explicit LoadedPlugin(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// Renders a file-name pattern ("{{单位}}整改通知书") with data; values only.
std::string render_pattern(const std::string& pattern, const nlohmann::json& data, const FormatterRegistry& formatters);

/// The names a file-name pattern uses that are no field (nor a field's label): a name pattern is
/// rendered from the data as read, so such a name is always empty in the file name. One warning
/// each ("unknown-pattern-field", with the closest field) for `file`; `what` says which pattern
/// ("output", "--name").
void check_name_pattern(const std::string& pattern, const std::vector<FieldSpec>& fields, const std::string& file,
                        const std::string& what, Diagnostics& diags);

} // namespace gongwen
