// validate → compute → render: one document of a type.
#include "gongwen/plugin.hpp"

#include "layout/end_block.hpp"

namespace gongwen {

std::optional<std::string> generate_document(const PluginManifest& manifest, const nlohmann::json& data,
                                             DocFormat format, const std::string& data_label,
                                             const RenderOptions& options, Diagnostics& diags) {
    // Keys of list records that name no column: said once each (errors with --strict).
    report_unknown_record_keys(manifest.fields, data, data_label, options.strict, diags);
    ValidateOptions vo;
    vo.allow_invalid_xml_chars = options.strip_invalid_chars;
    nlohmann::json valid = validate_data(manifest.fields, data, data_label, diags, vo);
    if (diags.has_errors()) return std::nullopt;
    auto plugin = LoadedPlugin::load(manifest);
    if (!plugin->validate(valid, data_label, diags)) return std::nullopt;
    nlohmann::json prepared = plugin->prepare(valid, data_label);
    auto tmpl = plugin->compile_template(format, diags);
    if (!tmpl->ok()) return std::nullopt;
    if (layout::uses_end_block(prepared)) {
        // The 版记's page depends on where the text ends: followed on the DOCX twin, whose
        // pages the ODT shares (it is the same template converted).
        Diagnostics scratch;
        auto docx = format == DocFormat::docx ? tmpl : plugin->compile_template(DocFormat::docx, scratch);
        if (docx->ok()) layout::settle_end_block(*docx, prepared, options);
    }
    return tmpl->render(prepared, options, diags);
}

} // namespace gongwen
