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

/// Throws Error (`damaged-package`) when an entry's local header names it otherwise than the
/// central directory does: readers would disagree on what the package holds. For a package
/// libzip's consistency check refused for lesser reasons (bytes after the end record, a local
/// header's time); a Zip64 directory is not walked.
void require_local_names_match(std::string_view bytes, const std::string& label);

} // namespace gongwen::detail
