// The batch's inputs: the rows, list-field rows from other files (--rows), the files' own options,
// and what is said about them before the first document.
#include "batch/batch_inputs.hpp"

#include "gongwen/i18n.hpp"
#include "gongwen/package.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

namespace gongwen::batch {

namespace fs = std::filesystem;
using json = nlohmann::json;
using i18n::_;
using i18n::format;

namespace {

std::string extension(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}
bool is_csv(const std::string& path) { return extension(path) == ".csv"; }
bool is_xlsx(const std::string& path) { return extension(path) == ".xlsx" || extension(path) == ".xlsm"; }

std::string field_name(const std::vector<FieldSpec>& fields, const std::string& key) {
    const FieldSpec* f = field_for_key(fields, key);
    return f ? f->name : key;
}

} // namespace

void report_unknown_columns(const DataTable& table, const std::vector<FieldSpec>& fields, const std::string& type, bool strict,
                            Diagnostics& out) {
    for (const std::string& column : table.columns) {
        if (field_for_key(fields, column)) continue;
        std::string message = format(_("column 「{column}」 is not a field of {type} and is ignored"), {{"column", column}, {"type", type}});
        if (const FieldSpec* best = closest_field(fields, column))
            message = format(_("column 「{column}」 is not a field of {type} and is ignored; did you mean {field}?"),
                             {{"column", column}, {"type", type}, {"field", suggestion_text(*best)}});
        Diagnostic d;
        d.severity = strict ? Severity::error : Severity::warning;
        d.code = "unknown-column";
        d.file = table.label;
        d.message = message;
        out.add(d);
    }
}

bool complete_output(const std::string& path, BatchFormat format) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec) || fs::file_size(path, ec) == 0) return false;
    if (format == BatchFormat::pdf) {
        std::string b = read_file_bytes(path);
        return b.rfind("%PDF", 0) == 0 && b.find("%%EOF", b.size() > 1024 ? b.size() - 1024 : 0) != std::string::npos;
    }
    try {
        Package::read_file(path);
        return true;
    } catch (const Error&) {
        return false;
    }
}

// --sheet and --encoding are defaults for the files they fit (a sheet for a workbook, an
// encoding for a CSV file), so XLSX data and a GB18030 CSV of rows go together; a --rows
// file may carry its own (FILE:KEY,encoding=GBK,sheet=问题). One that fits no input is a slip.
TableOptions Inputs::defaults_for(const std::string& path) {
    TableOptions t = o_.table;
    if (!is_xlsx(path)) t.sheet.clear();
    else sheet_used_ = true;
    if (!is_csv(path)) t.encoding.clear();
    else encoding_used_ = true;
    return t;
}

Inputs::Inputs(const BatchOptions& o, const DocumentType& type, Diagnostics& problems) : o_(o), type_(type) {
    rows = read_table(o.data_path, defaults_for(o.data_path));
    report_unknown_columns(rows, type.fields(), o.type, o.strict, problems);
    {
        // Records of list fields in the data (JSON rows): a key that names no column is said
        // once over the batch, with the column it resembles.
        std::set<std::string> said;
        for (std::size_t r = 0; r < rows.rows.size(); ++r)
            report_unknown_record_keys(type.fields(), rows.rows[r], rows.place(r), o.strict, problems, &said);
    }
    for (const auto& spec : o.row_sources) sources.push_back(read_source(spec, problems));
    if (!o.table.sheet.empty() && !sheet_used_) throw Error("bad-option", o.data_path, _("--sheet applies only to .xlsx files"));
    if (!o.table.encoding.empty() && !encoding_used_)
        throw Error("bad-option", o.data_path, _("--encoding applies only to .csv files (JSON and XLSX are always Unicode)"));
}

// List fields from other files: "[FIELD=]FILE:KEY[,encoding=NAME][,sheet=NAME]".
RowsSource Inputs::read_source(const std::string& spec, Diagnostics& problems) {
    const std::vector<FieldSpec>& fields = type_.fields();
    RowsSource s;
    std::string rest = spec;
    if (auto eq = rest.find('='); eq != std::string::npos && rest.find(':') > eq) {
        s.field = type_.field_name(rest.substr(0, eq));
        rest = rest.substr(eq + 1);
    }
    auto colon = rest.rfind(':');
    if (colon == std::string::npos) throw Error("bad-option", spec, _("--rows needs FILE:KEY, e.g. problems.xlsx:单位名称"));
    s.key = rest.substr(colon + 1);
    std::string file = rest.substr(0, colon);
    TableOptions own = defaults_for(file);
    // The file's own options after the key: KEY,encoding=GB18030,sheet=问题
    if (auto comma = s.key.find(','); comma != std::string::npos) {
        std::string opts = s.key.substr(comma + 1);
        s.key = s.key.substr(0, comma);
        for (std::size_t at = 0; at <= opts.size();) {
            std::size_t end = std::min(opts.find(',', at), opts.size());
            std::string item = opts.substr(at, end - at);
            at = end + 1;
            auto eq = item.find('=');
            std::string name = item.substr(0, eq), value = eq == std::string::npos ? "" : item.substr(eq + 1);
            if (name == "encoding" && !value.empty()) {
                if (!is_csv(file)) throw Error("bad-option", spec, _("encoding= applies only to a .csv file"));
                own.encoding = value;
            } else if (name == "sheet" && !value.empty()) {
                if (!is_xlsx(file)) throw Error("bad-option", spec, _("sheet= applies only to an .xlsx file"));
                own.sheet = value;
            } else {
                throw Error("bad-option", spec,
                            format(_("after FILE:KEY come the file's own options: ,encoding=NAME (CSV) or ,sheet=NAME (XLSX); not '{option}'"),
                                   {{"option", item}}));
            }
        }
    }
    s.table = read_table(file, own);
    // A key column the file does not have: said once, with the columns it has (not a line
    // per row that names no document).
    if (std::find(s.table.columns.begin(), s.table.columns.end(), s.key) == s.table.columns.end()) {
        std::string columns;
        for (const auto& c : s.table.columns) columns += (columns.empty() ? "" : "、") + c;
        throw Error("bad-option", spec,
                    columns.empty() ? format(_("{file} has no column 「{key}」; its columns are none"), {{"file", s.table.label}, {"key", s.key}})
                                    : format(_("{file} has no column 「{key}」; its columns are {columns}"),
                                             {{"file", s.table.label}, {"key", s.key}, {"columns", columns}}));
    }
    // The key must name one document: a key value on two rows of the data would give both
    // documents the same records.
    {
        std::string key_field = type_.field_name(s.key);
        std::map<std::string, int> first_row;
        for (std::size_t r = 0; r < rows.rows.size(); ++r)
            for (auto it = rows.rows[r].begin(); it != rows.rows[r].end(); ++it) {
                if (type_.field_name(it.key()) != key_field) continue;
                std::string k = value_to_text(it.value());
                auto [at, fresh] = first_row.emplace(k, rows.row_numbers[r]);
                if (fresh) continue;
                Diagnostic d;
                d.severity = Severity::warning;
                d.code = "duplicate-key";
                d.file = rows.place(r, it.key());  // the cell of a sheet, the line of a CSV
                d.message = format(_("「{key}」 '{value}' is also on row {row}: both documents get every record of {file} with it"),
                                   {{"key", s.key}, {"value", k}, {"row", at->second}, {"file", s.table.label}});
                problems.add(d);
            }
    }
    if (s.field.empty()) {
        std::vector<std::string> lists;
        for (const auto& f : fields)
            if (f.type == FieldType::list && !f.columns.empty()) lists.push_back(f.name);
        if (lists.size() != 1) throw Error("bad-option", spec, _("say which list field the rows fill: --rows FIELD=FILE:KEY"));
        s.field = lists.front();
    }
    // Rows fill a list field of records; anything else is the user's slip, not data.
    const FieldSpec* target = nullptr;
    std::string lists;
    for (const auto& f : fields) {
        if (f.name == s.field) target = &f;
        if (f.type == FieldType::list && !f.columns.empty()) lists += (lists.empty() ? "" : ", ") + f.name;
    }
    if (!target || target->type != FieldType::list || target->columns.empty())
        throw Error("bad-option", spec,
                    lists.empty() ? format(_("'{field}' is not a list field of {type}; its list fields are none"),
                                           {{"field", s.field}, {"type", o_.type}})
                                  : format(_("'{field}' is not a list field of {type}; its list fields are {fields}"),
                                           {{"field", s.field}, {"type", o_.type}, {"fields", lists}}));
    {
        // The rows file's columns are the list's columns, and its key column.
        std::vector<FieldSpec> columns = target->columns;
        FieldSpec key;
        key.name = type_.field_name(s.key);
        columns.push_back(key);
        for (const auto& f : fields)
            if (f.name == key.name) columns.back() = f;
        report_unknown_columns(s.table, columns, o_.type + " 「" + s.field + "」", o_.strict, problems);
    }
    for (std::size_t r = 0; r < s.table.rows.size(); ++r) {
        auto it = s.table.rows[r].find(s.key);
        if (it != s.table.rows[r].end()) s.by_key[value_to_text(*it)].push_back(r);
    }
    return s;
}

std::string Inputs::key_of(std::size_t i, const std::string& key_field) const {
    std::string key;
    for (auto it = rows.rows[i].begin(); it != rows.rows[i].end(); ++it)
        if (type_.field_name(it.key()) == key_field) key = value_to_text(it.value());
    return key;
}

json Inputs::row_data(std::size_t i) const {
    json data = type_.row_data(rows.rows[i]);
    for (const RowsSource& s : sources) {
        std::string key_field = type_.field_name(s.key);
        std::string key = data.contains(key_field) ? value_to_text(data[key_field]) : "";
        const FieldSpec* list = nullptr;
        for (const auto& f : type_.fields())
            if (f.name == s.field) list = &f;
        json items = json::array();
        if (auto hit = s.by_key.find(key); hit != s.by_key.end() && !key.empty())
            for (std::size_t r : hit->second) items.push_back(table_row_data(list->columns, s.table.rows[r]));
        data[s.field] = items;
    }
    return data;
}

// A problem is said where its value is: the cell of the data, or the line and column of the
// --rows file its record came from.
ValidateOptions Inputs::locate(std::size_t i) const {
    ValidateOptions vo;
    vo.locate = [this, i](const std::string& list, std::size_t record, const std::string& field) -> std::optional<ValueOrigin> {
        if (list.empty()) {
            for (const auto& c : rows.columns)
                if (type_.field_name(c) == field) return ValueOrigin{rows.place(i, c), c};
            return std::nullopt;
        }
        const FieldSpec* spec = type_.field(list);
        for (const auto& s : sources) {
            if (s.field != list || !spec) continue;
            std::string key = key_of(i, type_.field_name(s.key));
            auto hit = s.by_key.find(key);
            if (key.empty() || hit == s.by_key.end() || record >= hit->second.size()) return std::nullopt;
            std::size_t at = hit->second[record];
            for (const auto& c : s.table.columns)
                if (field_name(spec->columns, c) == field) return ValueOrigin{s.table.place(at, c), c};
            return ValueOrigin{s.table.place(at), ""};
        }
        return std::nullopt;
    };
    return vo;
}

void Inputs::report_unused_sources(Diagnostics& problems) const {
    for (const auto& s : sources) {
        std::string key_field = type_.field_name(s.key);
        std::set<std::string> keys;
        for (const auto& r : rows.rows) {
            for (auto it = r.begin(); it != r.end(); ++it)
                if (type_.field_name(it.key()) == key_field) keys.insert(value_to_text(it.value()));
        }
        for (std::size_t r = 0; r < s.table.rows.size(); ++r) {
            auto it = s.table.rows[r].find(s.key);
            std::string k = it == s.table.rows[r].end() ? "" : value_to_text(*it);
            if (!keys.count(k))
                problems.error("unknown-key", s.table.place(r, s.key),
                               format(_("「{key}」 '{value}' names no row of {file}"), {{"key", s.key}, {"value", k}, {"file", rows.label}}));
        }
    }
}

} // namespace gongwen::batch
