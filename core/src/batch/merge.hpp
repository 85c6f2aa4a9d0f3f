// batch --merge: every row's document in one file, each starting on an odd page with its own page
// numbers from 1 and its own headers and footers (as LibreOffice's mail merge "single document").
// The rows are rendered on every core; their documents are appended in row order, one at a time,
// to a package that grows on disk (merge_package.hpp), so memory holds a few documents, not N.
#pragma once

#include "gongwen/batch.hpp"
#include "gongwen/document_type.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace gongwen::batch {

class Inputs;

/// Appends rendered documents (whole packages as generate() makes them) to one merged document.
class Merger {
public:
    virtual ~Merger() = default;
    /// The next document, in order; `label` names it in errors (the data file and row).
    virtual void add(const std::string& package_bytes, const std::string& label) = 0;
    /// Writes the merged package to `path` (atomically; kept if it exists unless `overwrite`).
    virtual void write(const std::string& path, bool overwrite) = 0;
};

/// A merger of DOCX documents (merge_docx.cpp) or ODT documents (merge_odt.cpp); their work
/// files go into `temp_dir`, `label` names the output.
std::unique_ptr<Merger> docx_merger(const std::string& temp_dir, const std::string& label);
std::unique_ptr<Merger> odt_merger(const std::string& temp_dir, const std::string& label);

/// The format --merge FILE names by its extension (.docx, .odt, .pdf), or nothing.
std::optional<BatchFormat> merge_format(const std::string& path);

/// Runs the batch of `options` (options.merge set) into one file: called by run_batch once the
/// inputs are read. A row that fails is reported and the merged file is not written.
BatchSummary run_merge(const BatchOptions& options, const DocumentType& type, const Inputs& inputs, BatchSummary summary,
                       std::chrono::steady_clock::time_point start);

} // namespace gongwen::batch
