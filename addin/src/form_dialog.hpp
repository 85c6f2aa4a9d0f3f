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

/// The installed types in a list with the chosen one's description, and the output format; the
/// type and format chosen last come first. A double-click on a type goes on. Nothing when cancelled.
std::optional<TypeChoice> pick_type(const com::sun::star::uno::Reference<com::sun::star::uno::XComponentContext>& ctx,
                                    const com::sun::star::uno::Reference<com::sun::star::awt::XWindowPeer>& parent,
                                    const gongwen::PluginCatalog& catalog);

/// The form of a type, centred and as large as the screen allows, its fields on as few pages as
/// fit: a box per field (a date field with a calendar; a choice as a drop-down; a list field as a
/// grid with a row editor, list_grid.hpp), labels with * for required fields, the help as a
/// tooltip and the example greyed in an empty box. It starts from a draft left unfinished (if the
/// clerk restores it) or the remembered values (drafts.hpp). `generate` gets the form's data and
/// returns "" when the document was made, else the problems: every field they name turns red
/// (the problem as its tooltip), the pages holding them are named, the list of them leads to each
/// field (double-click), the form goes to the first, and the marks follow the corrections. Closing
/// it with something typed asks first and keeps a draft. Returns false when cancelled.
bool fill_form(const com::sun::star::uno::Reference<com::sun::star::uno::XComponentContext>& ctx,
               const com::sun::star::uno::Reference<com::sun::star::awt::XWindowPeer>& parent,
               const gongwen::PluginManifest& type, const std::function<std::string(const nlohmann::json&)>& generate);

/// A data file (JSON, XLSX, CSV) from the file dialog, opened in the folder used last; nothing
/// when cancelled.
std::optional<std::string> pick_data_file(const com::sun::star::uno::Reference<com::sun::star::uno::XComponentContext>& ctx);

/// A file's data as one object: JSON as it is; a spreadsheet's first row (headers as keys).
nlohmann::json read_data_file(const std::string& path);

} // namespace gongwen_addin
