// LibreOffice as a converter: DOCX/ODT to PDF through a real headless soffice. The office
// library, apart from the engine: link Gongwen::office (libgongwen-office).
#pragma once

#include "gongwen/temp_dirs.hpp"  // the temp folders of a run, which the office uses

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongwen {

/// One long-lived headless LibreOffice driven over UNO by the office bridge module
/// (lib/gongwen/office-bridge.so, built when the LibreOffice SDK is present): started with a
/// profile and a UNO pipe of its own in a temp folder — or connected to the office named by
/// $GONGWEN_OFFICE_CONNECT, e.g. "socket,host=127.0.0.1,port=2002" — restarted when it dies, and
/// stopped by its pid (process group) when a document overruns its time. Throws Error when
/// LibreOffice or the bridge is missing or will not start. The office dies with the thread that
/// started it (PR_SET_PDEATHSIG: with the process too, even killed with SIGKILL): create the
/// session and convert on a thread that outlives the work.
class OfficeSession {
public:
    OfficeSession();
    ~OfficeSession();
    OfficeSession(const OfficeSession&) = delete;
    OfficeSession& operator=(const OfficeSession&) = delete;

    /// `input` (.docx/.odt) to PDF at `pdf_path` through a temp file and rename; an existing
    /// file is kept unless `overwrite`. A document during which the office died is tried once
    /// more on a fresh office. Throws Error naming `pdf_path`; nothing is left behind then.
    void convert(const std::string& input, const std::string& pdf_path, bool overwrite, int timeout_seconds = 120);

    long pid() const;      ///< the soffice process started (0 when connected to another)
    int restarts() const;  ///< how often the office was started again after dying

    /// True when Gongwen has its office bridge (else PDF output runs soffice --convert-to).
    static bool available();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// True when there is a LibreOffice to convert with: $GONGWEN_SOFFICE, soffice on the PATH, or
/// (with the bridge) the office named by $GONGWEN_OFFICE_CONNECT. Starts nothing.
bool office_available();

/// Converts a document (its bytes and its format's extension, "docx" or "odt") to PDF with a
/// headless soffice that has a profile of its own, stopped by pid when it overruns
/// `timeout_seconds`; the PDF is written to `pdf_path` through a temp file and rename. The
/// soffice used is $GONGWEN_SOFFICE or `soffice` on the PATH. Throws Error naming the output
/// when LibreOffice is missing, fails or times out; nothing is left behind then.
void convert_to_pdf(std::string_view document, const std::string& extension, const std::string& pdf_path,
                    bool overwrite, int timeout_seconds = 120);

/// Converts many documents with one office (an OfficeSession, or without the bridge one soffice
/// process, restarted once for what a crash left undone): each pair is (document path, PDF path). Returns the PDF paths that failed, with why.
std::map<std::string, std::string> convert_many_to_pdf(const std::vector<std::pair<std::string, std::string>>& jobs,
                                                       bool overwrite, int seconds_per_document = 20,
                                                       const std::function<void(std::size_t done)>& on_document = {});

} // namespace gongwen
