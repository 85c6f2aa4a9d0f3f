// gongwen batch: one document per row of a spreadsheet, in parallel, nothing lost.
#pragma once

#include "gongwen/diagnostics.hpp"
#include "gongwen/table.hpp"
#include "gongwen/template.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gongwen {

/// What a batch writes: DOCX, ODT, or PDF (DOCX converted by BatchOptions::to_pdf).
enum class BatchFormat { docx, odt, pdf };
/// "docx", "odt", "pdf": the outputs' extension and --format's words.
const char* batch_format_name(BatchFormat f);
/// The format --format names; nothing for another word.
std::optional<BatchFormat> parse_batch_format(const std::string& name);

/// What became of a row's document.
enum class RowStatus { written, skipped, failed };
/// "written", "skipped", "failed": the words of --report (a documented contract).
const char* row_status_name(RowStatus s);

/// How far a batch has come, for a progress display.
struct BatchProgress {
    std::size_t done = 0, total = 0, failed = 0;
    double seconds = 0;
    const char* stage = "render";  ///< "render", then "pdf" while LibreOffice converts
};

/// What turns a batch's rendered documents into PDFs while the batch is still rendering: submit()
/// as each row's document is written (the batch makes one call at a time), then finish() once,
/// which waits for every document, calls `on_document(done)` as they are done, and returns the PDF
/// paths that failed, with why. The office library's OfficePool (gongwen/office.hpp, linked as
/// Gongwen::office) is one: the batch itself starts no office.
class PdfSink {
public:
    virtual ~PdfSink() = default;
    virtual void submit(const std::string& document, const std::string& pdf_path) = 0;
    virtual std::map<std::string, std::string> finish(const std::function<void(std::size_t done)>& on_document) = 0;
};
/// Makes the batch's PdfSink; an existing PDF is kept unless `overwrite`.
using PdfConverter = std::function<std::unique_ptr<PdfSink>(bool overwrite)>;

struct BatchOptions {
    std::string type;                      ///< document type id
    std::string data_path;                 ///< rows: .xlsx, .csv, .json, .jsonl
    std::string out_dir;
    BatchFormat format = BatchFormat::docx;
    unsigned jobs = 0;                     ///< 0: every core
    std::string name_pattern;              ///< "": the type's own output pattern
    bool resume = false;                   ///< skip outputs that exist and are complete
    bool force = false;                    ///< overwrite outputs that exist
    bool strict = false;
    bool safe_paths = true;                ///< image files only from the data file's folder (--no-safe-paths)
    unsigned shard_k = 1, shard_n = 1;     ///< the K-th of N deterministic slices of the rows
    TableOptions table;                    ///< encoding, sheet
    std::vector<std::string> row_sources;  ///< "[FIELD=]FILE:KEY": list-field rows from another file
    std::function<void(const BatchProgress&)> on_progress;
    PdfConverter to_pdf;                   ///< needed for PDF output
    /// --merge FILE (.docx, .odt, .pdf): every row's document in this one file instead of one file
    /// per row, each starting on an odd page numbered from 1 (out_dir, name_pattern, resume unused).
    /// A failed row is reported and the merged file is not written.
    std::string merge;
};

/// What became of one row.
struct RowResult {
    int row = 0;                           ///< in the data file (spreadsheet row / CSV line / JSON index)
    std::string output;                    ///< the file written or kept
    RowStatus status = RowStatus::failed;
    Diagnostics diagnostics;
};

struct BatchSummary {
    std::size_t written = 0, skipped = 0, failed = 0;
    double seconds = 0;
    std::vector<RowResult> rows;           ///< in row order
    Diagnostics problems;                  ///< about the batch as a whole (unknown keys in a rows file...)
};

/// Runs a batch. Throws Error when nothing can be done at all (unknown type, unreadable data,
/// bad options); a bad row is reported in its RowResult and the batch goes on.
BatchSummary run_batch(const BatchOptions& options);

/// A file name made safe: no path separators, no "..", no control characters, no characters
/// Windows forbids, not empty, at most 180 bytes of whole UTF-8 characters.
std::string safe_file_name(const std::string& raw);

} // namespace gongwen
