// validate → compute → render, composed once: one document of a type.
#include "gongwen/document_type.hpp"

#include "gongwen/i18n.hpp"
#include "gongwen/image.hpp"
#include "layout/end_block.hpp"

namespace gongwen {

using json = nlohmann::json;
using i18n::_;

namespace {

// The images of `seal` fields read and checked before anything is computed: a bad one is said on
// its field (and row), as every other problem of the data, not on the frame's loop that places it.
void check_seal_images(const std::vector<FieldSpec>& fields, const json& data, const std::string& label, const ImageSource& source,
                       const std::string& row, Diagnostics& diags) {
    for (const auto& f : fields) {
        if (!data.is_object() || !data.contains(f.name)) continue;
        const json& v = data[f.name];
        std::string where = row.empty() ? f.display() : i18n::format(_("{row}, {field}"), {{"row", row}, {"field", f.display()}});
        if (f.type == FieldType::list && !f.columns.empty() && v.is_array()) {
            for (std::size_t i = 0; i < v.size(); ++i)
                check_seal_images(f.columns, v[i], label, source, i18n::format(_("{field} row {row}"), {{"field", where}, {"row", i + 1}}), diags);
            continue;
        }
        if (f.type != FieldType::seal || v.is_boolean() || image_value_empty(v)) continue;
        try {
            load_image(v, source);
        } catch (const ImageError& e) {
            diags.error(e.code(), label, i18n::format(_("{where}: {message}"), {{"where", where}, {"message", std::string(e.what())}}));
        }
    }
}

} // namespace

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
    if (options.render.images) check_seal_images(fields(), valid, data_label, *options.render.images, "", diags);
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
