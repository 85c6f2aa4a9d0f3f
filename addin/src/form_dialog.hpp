// The 新建公文 dialogs: pick a document type, then fill a form built from its fields schema.
#pragma once

#include "gongwen/plugin.hpp"

#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

#include <functional>
#include <optional>
#include <string>

namespace gongwen_addin {

struct TypeChoice {
    const gongwen::PluginManifest* type = nullptr;
    std::string format;  // docx | odt
};

/// The installed types in a list, and the output format. Nothing when cancelled.
std::optional<TypeChoice> pick_type(const com::sun::star::uno::Reference<com::sun::star::uno::XComponentContext>& ctx,
                                    const com::sun::star::uno::Reference<com::sun::star::awt::XWindowPeer>& parent,
                                    const gongwen::PluginCatalog& catalog);

/// The form of a type: one control per field (text, multiline, number, date, choice; a list as
/// one row a line, columns separated by |), labels with * for required fields and the help as a
/// tooltip, the last values used for the type (or the defaults), 载入数据… (JSON/XLSX/CSV) and
/// 生成. `generate` gets the form's data and returns "" when the document was made, else the
/// problems, which the form shows (the fields named in them turn red) and stays open. Returns
/// false when cancelled.
bool fill_form(const com::sun::star::uno::Reference<com::sun::star::uno::XComponentContext>& ctx,
               const com::sun::star::uno::Reference<com::sun::star::awt::XWindowPeer>& parent,
               const gongwen::PluginManifest& type, const std::function<std::string(const nlohmann::json&)>& generate);

/// A data file (JSON, XLSX, CSV) from the file dialog; nothing when cancelled.
std::optional<std::string> pick_data_file(const com::sun::star::uno::Reference<com::sun::star::uno::XComponentContext>& ctx);

/// A file's data as one object: JSON as it is; a spreadsheet's first row (headers as keys).
nlohmann::json read_data_file(const std::string& path);

/// Form values as data (empty fields left out) and back.
nlohmann::json form_data(const std::vector<gongwen::FieldSpec>& fields, const std::vector<std::string>& texts);
std::vector<std::string> form_texts(const std::vector<gongwen::FieldSpec>& fields, const nlohmann::json& data);

} // namespace gongwen_addin
