// Table readers: the rows of `gongwen batch`, one document per row, from CSV, XLSX or JSON.
//
// Where an error is: every reader throws gongwen::Error with one Diagnostic whose `file` holds
// the file and the place, the way data.hpp does for JSON, so Diagnostic::to_string() prints
//     rows.csv:7: error[bad-csv]: ...            CSV: the physical line (1-based, the header's is 1)
//     rows.xlsx:Sheet1!C5: error[bad-cell]: ...  XLSX: the sheet and the cell, as Excel writes them
//     rows.jsonl:3: error[bad-rows]: ...         JSON Lines: the line
//     rows.json:4:7: error[bad-json]: ...        JSON syntax: line and column
// `part` and `paragraph` stay empty: they belong to package parts of templates.
//
// Codes: bad-csv (quotes, ragged rows, empty file), bad-encoding, bad-header (an empty or
// repeated column name), bad-xlsx (a workbook that lacks a part or is malformed), bad-cell (an
// error value, a formula never calculated, a value under no header), unknown-sheet, bad-json,
// bad-rows (a JSON row that is not an object), too-many-rows, unknown-format, bad-option; and
// whatever Package and read_file_bytes throw (not-a-package, cannot-read, ...).
#pragma once

#include "gongwen/package.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace gongwen {

/// Rows read from a spreadsheet or data file: each row a JSON object keyed by column header.
struct DataTable {
    std::string label;                    ///< the file (and sheet) as the user named it: "a.xlsx:Sheet2"
    std::vector<std::string> columns;     ///< header names, in order (JSON: keys in order of first use)
    std::vector<nlohmann::json> rows;     ///< objects; empty cells are absent keys
    std::vector<int> row_numbers;         ///< where each row is in the source: CSV line / XLSX row
                                          ///< (header = 1) / JSON index (1-based) / JSON Lines line
    std::string cell_prefix;              ///< XLSX: "a.xlsx:Sheet1!", to which a cell's reference is added
    std::vector<std::string> column_refs; ///< XLSX: each column's letters ("C"), as `columns`

    /// Where the value of `column` in row `index` (into `rows`) is, for a diagnostic:
    /// "a.xlsx:Sheet1!C53" for a column of a sheet, else "a.csv:53" (the line, the row).
    std::string place(std::size_t index, const std::string& column = {}) const;
};

struct TableOptions {
    /// CSV: "" detects (a UTF-8 BOM, else UTF-8 if the bytes are valid UTF-8, else GB18030);
    /// "UTF-8", "GB18030", "GBK" or any other name ICU knows force it.
    std::string encoding;
    std::string sheet;                    ///< XLSX: "" = the first sheet, else the sheet of that name
    PackageLimits limits;                 ///< XLSX package limits
    std::size_t max_rows = 1000000;       ///< more rows is an error ("raise it with --max-rows")
};

/// CSV as in RFC 4180: comma-separated, "" inside quotes, newlines inside quotes, CRLF or LF.
/// The first non-blank record names the columns. Names and values are stripped of surrounding
/// ASCII whitespace; a value left empty is an absent key. Records whose fields are all empty
/// (blank lines, ",,,") are skipped. A record with more or fewer fields than the header is an
/// error. Leniencies: spaces around a quoted field are allowed, and a quote inside an unquoted
/// field is kept as a character.
DataTable read_csv_bytes(std::string_view bytes, const std::string& label, const TableOptions& = {});

/// One sheet of an .xlsx workbook: its first non-empty row names the columns. Strings, numbers
/// (integral values as JSON integers), booleans, formula results (the value cached in the file)
/// and dates (numbers in a date format, as "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS" or "HH:MM:SS")
/// become JSON values; strings are stripped like CSV values. Empty rows are skipped.
DataTable read_xlsx(const Package& pkg, const TableOptions& = {});

/// The sheet names of a workbook, in tab order. Throws Error.
std::vector<std::string> xlsx_sheet_names(const Package& pkg);

/// A JSON array of objects, or JSON Lines (one object a line; blank lines skipped). Values are
/// kept as written (null included). Must be UTF-8.
DataTable read_json_rows(std::string_view text, const std::string& label);

/// By extension, ignoring case: .csv, .xlsx/.xlsm, .json, .jsonl/.ndjson. Throws Error.
DataTable read_table(const std::string& path, const TableOptions& = {});

} // namespace gongwen
