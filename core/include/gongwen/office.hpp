// LibreOffice as a converter: DOCX/ODT to PDF through a real headless soffice.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongwen {

/// Converts a document (its bytes and its format's extension, "docx" or "odt") to PDF with a
/// headless soffice that has a profile of its own, stopped by pid when it overruns
/// `timeout_seconds`; the PDF is written to `pdf_path` through a temp file and rename. The
/// soffice used is $GONGWEN_SOFFICE or `soffice` on the PATH. Throws Error naming the output
/// when LibreOffice is missing, fails or times out; nothing is left behind then.
void convert_to_pdf(std::string_view document, const std::string& extension, const std::string& pdf_path,
                    bool overwrite, int timeout_seconds = 120);

/// Converts many documents with one soffice process (restarted once for what a crash left
/// undone): each pair is (document path, PDF path). Returns the PDF paths that failed, with why.
std::map<std::string, std::string> convert_many_to_pdf(const std::vector<std::pair<std::string, std::string>>& jobs,
                                                       bool overwrite, int seconds_per_document = 20);

} // namespace gongwen
