// What a file is when it is not the zip package it claims to be.
#pragma once

#include <string>
#include <string_view>

namespace gongwen::detail {

/// Throws Error (`encrypted-package` or `legacy-format`) naming what an OLE compound file is:
/// an Office document saved with a password, a Word 97–2003 .doc, an Excel 97–2003 .xls.
/// Returns when `bytes` is not a compound file.
void refuse_compound_file(std::string_view bytes, const std::string& label);

/// Throws Error (`encrypted-package`) when an ODF manifest declares encrypted entries
/// (manifest:encryption-data): the office suite saved the document with a password.
void refuse_encrypted_odf(std::string_view manifest, const std::string& label);

} // namespace gongwen::detail
