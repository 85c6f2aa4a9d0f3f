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

/// How many offices a pool runs when not told: $GONGWEN_OFFICE_WORKERS when it is a number from
/// 1 to 64, else the number of cores.
unsigned default_office_workers();

/// A pool of offices converting documents to PDF side by side, fed while the documents are still
/// being made: each worker is a thread with an OfficeSession of its own (its own profile, UNO
/// pipe and process group; macros off; restarted when it dies; killed by process group when a
/// document overruns its time), started on the worker's first document — so no more offices
/// start than there are documents, and they start in parallel. A document during which its
/// office died is tried once more on that worker's restarted office; the other workers go on.
/// Without the office bridge each worker is one `soffice --convert-to pdf` over its share of the
/// documents (run at finish()). Every office started is stopped, by its pid, by finish() or the
/// destructor.
class OfficePool {
public:
    /// `workers`: at most that many offices (0: default_office_workers()); an existing PDF is
    /// kept unless `overwrite`.
    explicit OfficePool(unsigned workers = 0, bool overwrite = false, int seconds_per_document = 20);
    ~OfficePool();  ///< abandons what is not converted yet and stops every office
    OfficePool(const OfficePool&) = delete;
    OfficePool& operator=(const OfficePool&) = delete;

    /// Queues `document` (.docx/.odt) to become `pdf_path`; `name` says which document it is in
    /// a message (e.g. "notices.xlsx:7"; "" names none). Returns at once.
    void submit(const std::string& document, const std::string& pdf_path, const std::string& name = "");

    /// Waits until every document submitted is converted or failed, calling `on_document(done)`
    /// after each (on the caller's thread), then stops the offices. Returns the PDF paths that
    /// failed, with why (the document's name and file in the message).
    std::map<std::string, std::string> finish(const std::function<void(std::size_t done)>& on_document = {});

    unsigned workers() const;       ///< the most offices this pool runs
    std::vector<long> pids() const; ///< the soffice processes running now, one per started worker
    int restarts() const;           ///< how often its offices were started again after dying

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Converts many documents with a pool of `workers` offices (0: default_office_workers(); see
/// OfficePool): each pair is (document path, PDF path). Returns the PDF paths that failed, with why.
std::map<std::string, std::string> convert_many_to_pdf(const std::vector<std::pair<std::string, std::string>>& jobs,
                                                       bool overwrite, int seconds_per_document = 20,
                                                       const std::function<void(std::size_t done)>& on_document = {},
                                                       unsigned workers = 0);

} // namespace gongwen
