// PDF through LibreOffice: through an OfficeSession when Gongwen has its office bridge, else
// `soffice --convert-to pdf` (a build without the LibreOffice SDK).
#include "gongwen/office.hpp"

#include "office_internal.hpp"

#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/package.hpp"

#include <cerrno>
#include <cstdlib>

namespace gongwen {

namespace fs = std::filesystem;
using i18n::_;
using i18n::format;
using office::find_soffice;
using office::run_soffice;
using office::TempDir;

bool office_available() {
    const char* connect = std::getenv("GONGWEN_OFFICE_CONNECT");
    return !find_soffice().empty() || (OfficeSession::available() && connect && *connect);
}

void convert_to_pdf(std::string_view document, const std::string& extension, const std::string& pdf_path,
                    bool overwrite, int timeout_seconds) {
    std::string soffice = find_soffice();
    const char* connect = std::getenv("GONGWEN_OFFICE_CONNECT");
    if (soffice.empty() && !(OfficeSession::available() && connect && *connect))
        throw Error("no-office", pdf_path, _("PDF output needs LibreOffice: install libreoffice-writer (or set GONGWEN_SOFFICE)"));
    std::error_code ec;
    if (!overwrite && fs::exists(pdf_path, ec))
        throw Error("output-exists", pdf_path, _("the output exists; use --force to overwrite it"));
    TempDir tmp;
    if (tmp.path.empty()) {
        int e = errno;
        throw Error("cannot-write", pdf_path, format(_("cannot create a temporary folder: {reason}"), {{"reason", i18n::system_error(e)}}));
    }
    std::string input = tmp.path + "/document." + extension;
    if (OfficeSession::available()) {
        write_file_atomically(input, document, true);  // the session corrects it
        OfficeSession office;
        office.convert(input, pdf_path, overwrite, timeout_seconds);
        return;
    }
    write_file_atomically(input, for_libreoffice(document, extension), true);
    std::string why = run_soffice(soffice, tmp.path, {input}, tmp.path + "/out", timeout_seconds);
    std::string pdf = tmp.path + "/out/document.pdf";
    if (!why.empty() || !fs::exists(pdf, ec) || fs::file_size(pdf, ec) == 0)
        throw Error("office-failed", pdf_path,
                    why.empty() ? std::string(_("LibreOffice could not convert the document to PDF"))
                                : format(_("LibreOffice could not convert the document to PDF: {reason}"), {{"reason", why}}));
    write_file_atomically(pdf_path, read_file_bytes(pdf), overwrite);
}

std::map<std::string, std::string> convert_many_to_pdf(const std::vector<std::pair<std::string, std::string>>& jobs,
                                                       bool overwrite, int seconds_per_document,
                                                       const std::function<void(std::size_t done)>& on_document, unsigned workers) {
    OfficePool pool(workers, overwrite, seconds_per_document);
    for (const auto& j : jobs) pool.submit(j.first, j.second);
    return pool.finish(on_document);
}

namespace office {

// One soffice over `jobs`, converting them in order. When it dies or hangs, another picks up
// what it left undone, for as long as each makes progress; a document on which two in a row
// stop without converting anything is given up, and the rest go on.
std::map<std::string, std::string> convert_with_soffice(const std::vector<std::pair<std::string, std::string>>& jobs,
                                                        bool overwrite, int seconds_per_document) {
    std::map<std::string, std::string> failures;
    std::string soffice = find_soffice();
    if (soffice.empty()) {
        for (const auto& j : jobs) failures[j.second] = _("PDF output needs LibreOffice: install libreoffice-writer");
        return failures;
    }
    auto did_not_convert = [](const std::string& why) {
        return why.empty() ? std::string(_("LibreOffice did not convert it"))
                           : format(_("LibreOffice did not convert it: {reason}"), {{"reason", why}});
    };
    TempDir tmp;
    std::vector<std::pair<std::string, std::string>> todo = jobs;
    int fruitless = 0;
    for (int attempt = 0; !todo.empty(); ++attempt) {
        std::vector<std::string> inputs;
        for (std::size_t k = 0; k < todo.size(); ++k)
            inputs.push_back(libreoffice_input(todo[k].first, tmp.path + "/in" + std::to_string(attempt) + "-" + std::to_string(k),
                                               fs::path(todo[k].first).filename().string()));
        std::string outdir = tmp.path + "/out" + std::to_string(attempt);
        std::string why = run_soffice(soffice, tmp.path, inputs, outdir, 30 + seconds_per_document * static_cast<int>(inputs.size()),
                                      attempt);
        std::vector<std::pair<std::string, std::string>> left;
        for (const auto& j : todo) {
            std::string pdf = outdir + "/" + fs::path(j.first).stem().string() + ".pdf";
            std::error_code ec;
            if (fs::exists(pdf, ec) && fs::file_size(pdf, ec) > 0) {
                try {
                    write_file_atomically(j.second, read_file_bytes(pdf), overwrite);
                } catch (const Error& e) {
                    failures[j.second] = e.diagnostics().items().front().message;
                }
            } else {
                left.push_back(j);
            }
        }
        fs::remove_all(outdir);
        bool progress = left.size() < todo.size();
        todo = std::move(left);
        if (todo.empty()) break;
        if (why.empty()) {
            // It ended by itself and left these: they are documents LibreOffice cannot convert.
            for (const auto& j : todo) failures[j.second] = did_not_convert(why);
            break;
        }
        fruitless = progress ? 0 : fruitless + 1;
        if (fruitless == 2) {
            failures[todo.front().second] = did_not_convert(why);
            todo.erase(todo.begin());
            fruitless = 0;
        }
    }
    return failures;
}

} // namespace office

} // namespace gongwen
