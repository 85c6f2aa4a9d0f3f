// JSON rows for `gongwen batch`, and read_table, which picks a reader by the file's extension.
#include "gongwen/table.hpp"

#include "data/json_error.hpp"
#include "gongwen/data.hpp"
#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace gongwen {
namespace {

using i18n::_;
using i18n::N_;

// A JSON value's type in the user's words, for "is a JSON {type}" (nlohmann's type_name()).
std::string json_type(const nlohmann::ordered_json& v) {
    // TRANSLATORS: a JSON type, in "this line holds a JSON {type}"
    static const std::pair<const char*, const char*> names[] = {
        {"null", N_("null")},       {"object", N_("object")}, {"array", N_("array")},     {"string", N_("string")},
        {"boolean", N_("boolean")}, {"number", N_("number")}, {"binary", N_("binary")}};
    for (const auto& [english, message] : names)
        if (std::string(v.type_name()) == english) return _(message);
    return v.type_name();
}

// Rows keep the keys' order of the file for `columns`: ordered_json remembers it, json sorts.
void add_row(DataTable& t, const nlohmann::ordered_json& obj, int number) {
    for (const auto& item : obj.items())
        if (std::find(t.columns.begin(), t.columns.end(), item.key()) == t.columns.end()) t.columns.push_back(item.key());
    t.rows.emplace_back(obj);
    t.row_numbers.push_back(number);
}

// JSON Lines: each non-blank line one object. Errors name the line (and column for syntax).
DataTable read_json_lines(std::string_view text, const std::string& label) {
    DataTable t;
    t.label = label;
    int number = 0;
    while (!text.empty()) {
        ++number;
        std::size_t nl = std::min(text.find('\n'), text.size());
        std::string line(text.substr(0, nl));
        text.remove_prefix(std::min(nl + 1, text.size()));
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        nlohmann::ordered_json v;
        try {
            v = nlohmann::ordered_json::parse(line);
        } catch (const nlohmann::json::parse_error& e) {
            // A pretty-printed single object fails on its first line: say what the file is.
            if (t.rows.empty()) {
                auto whole = nlohmann::ordered_json::parse(line + "\n" + std::string(text), nullptr, false);
                if (whole.is_object())
                    throw Error("bad-rows", label,
                                _("the file holds one JSON object; rows are an array of objects [{...}, {...}] "
                                  "or JSON Lines, one object a line"));
            }
            // Column in characters, as parse_json_text counts it; the message after nlohmann's prefix.
            std::size_t off = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, line.size());
            std::size_t col = 1;
            for (std::size_t i = 0; i < off; ++i)
                if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
            std::string what = e.what();
            auto colon = what.find(": ");
            if (colon != std::string::npos) what = what.substr(colon + 2);
            throw Error("bad-json", label + ":" + std::to_string(number) + ":" + std::to_string(col), detail::json_error_text(what));
        } catch (const nlohmann::json::exception& e) {  // a value it cannot hold, such as 37e7777
            std::string what = e.what();
            auto bracket = what.find("] ");
            throw Error("bad-json", label + ":" + std::to_string(number),
                        detail::json_error_text(bracket == std::string::npos ? what : what.substr(bracket + 2)));
        }
        if (!v.is_object())
            throw Error("bad-rows", label + ":" + std::to_string(number),
                        i18n::format(_("this line holds a JSON {type}; each line must be an object {\"column\": value}"),
                                     {{"type", json_type(v)}}));
        add_row(t, v, number);
    }
    return t;
}

} // namespace

DataTable read_json_rows(std::string_view text, const std::string& label) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) throw Error("bad-json", label, _("the file is empty; rows are an array of objects or JSON Lines"));
    if (text[first] != '[') return read_json_lines(text, label);

    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
        parse_json_text(std::string(text), label);  // throws with the line and column of the error
        throw Error("bad-json", label, _("not valid JSON"));
    }
    DataTable t;
    t.label = label;
    int number = 0;
    for (const auto& v : doc) {
        ++number;
        if (!v.is_object())
            throw Error("bad-rows", label,
                        i18n::format(_("element {n} of the array (counting from 1) is a JSON {type}; each row must be an object {\"column\": value}"),
                                     {{"n", number}, {"type", json_type(v)}}));
        add_row(t, v, number);
    }
    return t;
}

std::string DataTable::place(std::size_t index, const std::string& column) const {
    int row = index < row_numbers.size() ? row_numbers[index] : 0;
    if (!cell_prefix.empty())
        for (std::size_t c = 0; c < columns.size() && c < column_refs.size(); ++c)
            if (columns[c] == column) return cell_prefix + column_refs[c] + std::to_string(row);
    return label + ":" + std::to_string(row);
}

DataTable read_table(const std::string& path, const TableOptions& opts) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    bool csv = ext == ".csv", xlsx = ext == ".xlsx" || ext == ".xlsm";
    bool json = ext == ".json" || ext == ".jsonl" || ext == ".ndjson";
    if (ext == ".xls" || ext == ".ods" || ext == ".et")
        throw Error("unknown-format", path, i18n::format(_("'{ext}' workbooks are not read; save the sheet as .xlsx or as CSV"), {{"ext", ext}}));
    if (!csv && !xlsx && !json)
        throw Error("unknown-format", path,
                    i18n::format(_("cannot tell the format from the extension '{ext}'; use .csv, .xlsx, .json or .jsonl"), {{"ext", ext}}));
    // Options that mean nothing for the format would be silently ignored: say so instead.
    if (!opts.sheet.empty() && !xlsx) throw Error("bad-option", path, i18n::format(_("{option} applies only to .xlsx files"), {{"option", "--sheet"}}));
    if (!opts.encoding.empty() && !csv)
        throw Error("bad-option", path, i18n::format(_("{option} applies only to .csv files (JSON and XLSX are always Unicode)"), {{"option", "--encoding"}}));

    if (csv) return read_csv_bytes(read_file_bytes(path), path, opts);
    if (xlsx) return read_xlsx(Package::read_file(path, opts.limits), opts);
    DataTable t = read_json_rows(read_file_bytes(path), path);
    if (t.rows.size() > opts.max_rows) {
        throw Error("too-many-rows", path,
                    i18n::format(i18n::P_("more than {n} row (raise it with --max-rows)", "more than {n} rows (raise it with --max-rows)",
                                          opts.max_rows),
                                 {{"n", opts.max_rows}}));
    }
    return t;
}

} // namespace gongwen
