// A document type ready to make documents: its plugin loaded, its templates compiled once per
// format, its rule for the keys of data. The one composition of validate → prepare → render,
// used by `gongwen generate`, `gongwen batch` and the Writer add-in.
#pragma once

#include "gongwen/diagnostics.hpp"
#include "gongwen/plugin.hpp"
#include "gongwen/template.hpp"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gongwen {

/// How one document is made by DocumentType::generate.
struct GenerateOptions {
    RenderOptions render;
    /// Where each value is (a batch's cell, a --rows file's line), for the problems of the data;
    /// null: on the data label, by field.
    const ValidateOptions* where = nullptr;
    /// Keys of list records that name no column, said for this document (a batch says them once
    /// for all its rows instead).
    bool report_unknown_record_keys = true;
    /// The template's own warnings added to the document's (a batch has checked the template
    /// before its first row instead).
    bool template_diagnostics = true;
};

class DocumentType {
public:
    /// The type `id` of `catalog`, its plugin loaded. Throws Error with what explains its absence
    /// (PluginCatalog::require: a broken plugin of that id, a folder without plugin.json, then
    /// "unknown-type"), or why its plugin does not load.
    static std::shared_ptr<const DocumentType> open(const PluginCatalog& catalog, const std::string& id);
    /// The type a manifest describes, its plugin loaded. Throws Error when the plugin does not load.
    static std::shared_ptr<const DocumentType> load(const PluginManifest& manifest);

    const PluginManifest& manifest() const;
    const std::vector<FieldSpec>& fields() const { return manifest().fields; }
    const LoadedPlugin& plugin() const { return *plugin_; }
    /// The built-in formatters plus the plugin's.
    const FormatterRegistry& formatters() const { return plugin_->formatters(); }

    /// The template of `format`, compiled the first time it is asked for and kept (thread-safe),
    /// with what its compilation said. Throws Error when the type has no template of that format
    /// or it cannot be read.
    struct Compiled {
        std::shared_ptr<const Template> tmpl;
        Diagnostics diagnostics;
    };
    const Compiled& template_for(DocFormat format) const;

    /// The field a key of data names — a field's name, else its Chinese label, else its English
    /// label (field_for_key) — or null.
    const FieldSpec* field(const std::string& key) const { return field_for_key(fields(), key); }
    /// The name of that field, or the key itself when it names none.
    std::string field_name(const std::string& key) const;
    /// A row of a table as the data of one document (table_row_data).
    nlohmann::json row_data(const nlohmann::json& row) const { return table_row_data(fields(), row); }

    /// One document: the data checked against the fields schema, then by the plugin, computed
    /// values added, the GB/T 9704 版记 settled on the DOCX twin's pages when the data asks for
    /// it, the template of `format` rendered. Every problem goes to `diags`; nothing on an error.
    /// Throws Error when the plugin fails or the template cannot be read.
    std::optional<std::string> generate(const nlohmann::json& data, DocFormat format, const std::string& data_label,
                                        const GenerateOptions& options, Diagnostics& diags) const;

    explicit DocumentType(std::shared_ptr<LoadedPlugin> plugin);

private:
    std::shared_ptr<LoadedPlugin> plugin_;
    mutable std::mutex compile_mutex_;
    mutable std::optional<Compiled> docx_, odt_;
};

} // namespace gongwen
