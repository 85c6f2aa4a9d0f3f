// validate → compute → render, composed once: one document of a type.
#include "gongwen/document_type.hpp"

#include "layout/end_block.hpp"

namespace gongwen {

using json = nlohmann::json;

std::shared_ptr<const DocumentType> DocumentType::open(const PluginCatalog& catalog, const std::string& id) {
    Diagnostics missing;
    const PluginManifest* m = catalog.require(id, missing);
    if (!m) throw Error(missing);
    return load(*m);
}

std::shared_ptr<const DocumentType> DocumentType::load(const PluginManifest& manifest) {
    return std::make_shared<const DocumentType>(LoadedPlugin::load(manifest));
}

DocumentType::DocumentType(std::shared_ptr<LoadedPlugin> plugin) : plugin_(std::move(plugin)) {}

const PluginManifest& DocumentType::manifest() const { return plugin_->manifest(); }

const DocumentType::Compiled& DocumentType::template_for(DocFormat format) const {
    std::lock_guard<std::mutex> lock(compile_mutex_);
    std::optional<Compiled>& slot = format == DocFormat::docx ? docx_ : odt_;
    if (!slot) {
        Compiled c;
        c.tmpl = plugin_->compile_template(format, c.diagnostics);
        slot = std::move(c);
    }
    return *slot;
}

std::string DocumentType::field_name(const std::string& key) const {
    const FieldSpec* f = field(key);
    return f ? f->name : key;
}

std::optional<std::string> DocumentType::generate(const json& data, DocFormat format, const std::string& data_label,
                                                  const GenerateOptions& options, Diagnostics& diags) const {
    // Keys of list records that name no column: said once each (errors with --strict).
    if (options.report_unknown_record_keys)
        report_unknown_record_keys(fields(), data, data_label, options.render.strict, diags);
    ValidateOptions vo = options.where ? *options.where : ValidateOptions{};
    vo.allow_invalid_xml_chars = options.render.strip_invalid_chars;
    json valid = validate_data(fields(), data, data_label, diags, vo);
    if (diags.has_errors()) return std::nullopt;
    if (!plugin_->validate(valid, data_label, diags, options.where)) return std::nullopt;
    json prepared = plugin_->prepare(valid, data_label);
    const Compiled& compiled = template_for(format);
    if (options.template_diagnostics) diags.append(compiled.diagnostics);
    if (!compiled.tmpl->ok()) return std::nullopt;
    if (layout::uses_end_block(prepared)) {
        // The 版记's page depends on where the text ends: followed on the DOCX twin, whose
        // pages the ODT shares (it is the same template converted).
        const Compiled& docx = format == DocFormat::docx ? compiled : template_for(DocFormat::docx);
        if (docx.tmpl->ok()) layout::settle_end_block(*docx.tmpl, prepared, options.render);
    }
    return compiled.tmpl->render(prepared, options.render, diags);
}

} // namespace gongwen
