// Inside the batch: what it reads before its first document — the data's columns against the
// type's fields, list-field rows from other files (--rows), the files' own options.
#pragma once

#include "gongwen/batch.hpp"
#include "gongwen/document_type.hpp"
#include "gongwen/table.hpp"

#include <map>
#include <string>
#include <vector>

namespace gongwen::batch {

/// Rows of a list field from another file (--rows [FIELD=]FILE:KEY).
struct RowsSource {
    std::string field;  ///< the list field they fill
    std::string key;    ///< the column that names their document
    DataTable table;
    std::map<std::string, std::vector<std::size_t>> by_key;  ///< key value -> its rows, in order
};

/// The batch's inputs as read: the rows, the --rows files, and what was said about them.
class Inputs {
public:
    Inputs(const BatchOptions& options, const DocumentType& type, Diagnostics& problems);

    DataTable rows;
    std::vector<RowsSource> sources;

    /// The data of row `i` (into rows.rows): the row as data, its records from every --rows file.
    nlohmann::json row_data(std::size_t i) const;
    /// Where each value of row `i` is, for the problems of its document.
    ValidateOptions locate(std::size_t i) const;
    /// Rows of a --rows file whose key names no row of the data: one error each.
    void report_unused_sources(Diagnostics& problems) const;

private:
    TableOptions defaults_for(const std::string& path);
    RowsSource read_source(const std::string& spec, Diagnostics& problems);
    std::string key_of(std::size_t i, const std::string& key_field) const;

    const BatchOptions& o_;
    const DocumentType& type_;
    bool sheet_used_ = false, encoding_used_ = false;
};

/// Columns that name no field are read by nobody: said once per column, with the field the
/// header most resembles; errors with --strict.
void report_unknown_columns(const DataTable& table, const std::vector<FieldSpec>& fields, const std::string& type, bool strict,
                            Diagnostics& out);

/// True when `path` holds a complete output of `format` (a PDF with its end, a readable package).
bool complete_output(const std::string& path, BatchFormat format);

} // namespace gongwen::batch
