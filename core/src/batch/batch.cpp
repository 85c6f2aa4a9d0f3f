// One document per row: read the rows once, compile the template once, render on every core.
#include "gongwen/batch.hpp"

#include "gongwen/i18n.hpp"
#include "gongwen/office.hpp"
#include "gongwen/package.hpp"
#include "gongwen/plugin.hpp"
#include "layout/end_block.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unistd.h>

namespace gongwen {

namespace fs = std::filesystem;
using json = nlohmann::json;
using i18n::_;
using i18n::format;
using i18n::P_;

std::string safe_file_name(const std::string& raw) {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(raw[i]);
        if (c < 0x20 || c == 0x7F || std::string("/\\:*?\"<>|").find(static_cast<char>(c)) != std::string::npos) {
            out += '_';
            continue;
        }
        out += static_cast<char>(c);
    }
    // No leading dots or spaces (no "..", no hidden files), no trailing ones (Windows drops them).
    std::size_t b = out.find_first_not_of(". ");
    out = b == std::string::npos ? "" : out.substr(b);
    while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
    if (out.size() > 180) {
        std::size_t cut = 180;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
    }
    return out.empty() ? "document" : out;
}

namespace {

// Column headers may be field names or their labels: the rule of generate and the add-in.
std::string field_for(const std::vector<FieldSpec>& fields, const std::string& header) {
    const FieldSpec* f = field_for_key(fields, header);
    return f ? f->name : header;
}

// Columns that name no field are read by nobody: said once per column, with the field the
// header most resembles ("did you mean 抄送机关?"); with --strict they stop the batch.
void report_unknown_columns(const DataTable& table, const std::vector<FieldSpec>& fields, const std::string& type, bool strict,
                            Diagnostics& out) {
    for (const std::string& column : table.columns) {
        std::string name = field_for(fields, column);
        if (std::any_of(fields.begin(), fields.end(), [&](const FieldSpec& f) { return f.name == name; })) continue;
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

// A spreadsheet row as the data of one document: names for labels, lists of lines split.
json row_data(const std::vector<FieldSpec>& fields, const json& row) {
    json out = json::object();
    for (auto it = row.begin(); it != row.end(); ++it) {
        std::string name = field_for(fields, it.key());
        auto f = std::find_if(fields.begin(), fields.end(), [&](const FieldSpec& s) { return s.name == name; });
        if (f != fields.end() && f->type == FieldType::list && f->columns.empty() && it.value().is_string()) {
            // A list of text lines in one cell: one a line, or separated by ；
            json lines = json::array();
            std::string s = it.value().get<std::string>(), cur;
            auto flush = [&] {
                std::size_t a = cur.find_first_not_of(" \t\r"), z = cur.find_last_not_of(" \t\r");
                if (a != std::string::npos) lines.push_back(cur.substr(a, z - a + 1));
                cur.clear();
            };
            for (std::size_t i = 0; i < s.size(); ++i) {
                if (s[i] == '\n' || s[i] == ';') { flush(); continue; }
                if (s.compare(i, 3, "；") == 0) { flush(); i += 2; continue; }
                cur += s[i];
            }
            flush();
            out[name] = lines;
        } else {
            out[name] = it.value();
        }
    }
    return out;
}

struct RowsSource {
    std::string field;  // the list field they fill
    std::string key;    // the column that names their document
    DataTable table;
    std::map<std::string, std::vector<std::size_t>> by_key;  // key value -> its rows, in order
};

bool complete_output(const std::string& path, const std::string& format) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec) || fs::file_size(path, ec) == 0) return false;
    if (format == "pdf") {
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

} // namespace

BatchSummary run_batch(const BatchOptions& o) {
    auto start = std::chrono::steady_clock::now();
    if (o.format != "docx" && o.format != "odt" && o.format != "pdf")
        throw Error("bad-option", o.out_dir, _("--format must be docx, odt or pdf"));
    if (o.shard_n == 0 || o.shard_k == 0 || o.shard_k > o.shard_n)
        throw Error("bad-option", o.data_path, _("--shard K/N needs 1 ≤ K ≤ N"));
    remove_stale_temp_dirs();  // what a batch killed before its end left in the temp folder
    PluginCatalog cat = discover_plugins();
    Diagnostics missing;
    const PluginManifest* m = cat.require(o.type, missing);
    if (!m) throw Error(missing);
    auto plugin = LoadedPlugin::load(*m);
    DocFormat fmt = o.format == "odt" ? DocFormat::odt : DocFormat::docx;
    Diagnostics compile_diags;
    auto tmpl = plugin->compile_template(fmt, compile_diags);
    if (!tmpl->ok()) throw Error(compile_diags);
    // The GB/T 9704 frame places its 版记 by following the pages of the DOCX twin.
    auto docx_twin = fmt == DocFormat::docx ? tmpl : plugin->compile_template(DocFormat::docx, compile_diags);

    // --sheet and --encoding are defaults for the files they fit (a sheet for a workbook, an
    // encoding for a CSV file), so XLSX data and a GB18030 CSV of rows go together; a --rows
    // file may carry its own (FILE:KEY,encoding=GBK,sheet=问题). One that fits no input is a slip.
    auto extension = [](const std::string& path) {
        std::string ext = fs::path(path).extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
        return ext;
    };
    auto is_csv = [&](const std::string& path) { return extension(path) == ".csv"; };
    auto is_xlsx = [&](const std::string& path) { return extension(path) == ".xlsx" || extension(path) == ".xlsm"; };
    bool sheet_used = false, encoding_used = false;
    auto defaults_for = [&](const std::string& path) {
        TableOptions t = o.table;
        if (!is_xlsx(path)) t.sheet.clear();
        else sheet_used = true;
        if (!is_csv(path)) t.encoding.clear();
        else encoding_used = true;
        return t;
    };
    DataTable rows = read_table(o.data_path, defaults_for(o.data_path));
    BatchSummary summary;
    report_unknown_columns(rows, m->fields, o.type, o.strict, summary.problems);
    {
        // Records of list fields in the data (JSON rows): a key that names no column is said
        // once over the batch, with the column it resembles.
        std::set<std::string> said;
        for (std::size_t r = 0; r < rows.rows.size(); ++r)
            report_unknown_record_keys(m->fields, rows.rows[r], rows.place(r), o.strict, summary.problems, &said);
    }

    // List fields from other files: "[FIELD=]FILE:KEY".
    std::vector<RowsSource> sources;
    for (const auto& spec : o.row_sources) {
        RowsSource s;
        std::string rest = spec;
        if (auto eq = rest.find('='); eq != std::string::npos && rest.find(':') > eq) {
            s.field = field_for(m->fields, rest.substr(0, eq));
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
            std::string key_field = field_for(m->fields, s.key);
            std::map<std::string, int> first_row;
            for (std::size_t r = 0; r < rows.rows.size(); ++r)
                for (auto it = rows.rows[r].begin(); it != rows.rows[r].end(); ++it) {
                    if (field_for(m->fields, it.key()) != key_field) continue;
                    std::string k = value_to_text(it.value());
                    auto [at, fresh] = first_row.emplace(k, rows.row_numbers[r]);
                    if (fresh) continue;
                    Diagnostic d;
                    d.severity = Severity::warning;
                    d.code = "duplicate-key";
                    d.file = rows.place(r, it.key());  // the cell of a sheet, the line of a CSV
                    d.message = format(_("「{key}」 '{value}' is also on row {row}: both documents get every record of {file} with it"),
                                       {{"key", s.key}, {"value", k}, {"row", at->second}, {"file", s.table.label}});
                    summary.problems.add(d);
                }
        }
        if (s.field.empty()) {
            std::vector<std::string> lists;
            for (const auto& f : m->fields)
                if (f.type == FieldType::list && !f.columns.empty()) lists.push_back(f.name);
            if (lists.size() != 1)
                throw Error("bad-option", spec, _("say which list field the rows fill: --rows FIELD=FILE:KEY"));
            s.field = lists.front();
        }
        // Rows fill a list field of records; anything else is the user's slip, not data.
        const FieldSpec* target = nullptr;
        std::string lists;
        for (const auto& f : m->fields) {
            if (f.name == s.field) target = &f;
            if (f.type == FieldType::list && !f.columns.empty()) lists += (lists.empty() ? "" : ", ") + f.name;
        }
        if (!target || target->type != FieldType::list || target->columns.empty())
            throw Error("bad-option", spec,
                        lists.empty() ? format(_("'{field}' is not a list field of {type}; its list fields are none"),
                                               {{"field", s.field}, {"type", o.type}})
                                      : format(_("'{field}' is not a list field of {type}; its list fields are {fields}"),
                                               {{"field", s.field}, {"type", o.type}, {"fields", lists}}));
        {
            // The rows file's columns are the list's columns, and its key column.
            std::vector<FieldSpec> columns = target->columns;
            FieldSpec key;
            key.name = field_for(m->fields, s.key);
            columns.push_back(key);
            for (const auto& f : m->fields)
                if (f.name == key.name) columns.back() = f;
            report_unknown_columns(s.table, columns, o.type + " 「" + s.field + "」", o.strict, summary.problems);
        }
        for (std::size_t r = 0; r < s.table.rows.size(); ++r) {
            auto it = s.table.rows[r].find(s.key);
            if (it != s.table.rows[r].end()) s.by_key[value_to_text(*it)].push_back(r);
        }
        sources.push_back(std::move(s));
    }

    if (!o.table.sheet.empty() && !sheet_used) throw Error("bad-option", o.data_path, _("--sheet applies only to .xlsx files"));
    if (!o.table.encoding.empty() && !encoding_used)
        throw Error("bad-option", o.data_path, _("--encoding applies only to .csv files (JSON and XLSX are always Unicode)"));

    // --strict: a column nobody reads stops the batch before anything is written.
    if (o.strict && summary.problems.has_errors()) throw Error(summary.problems);

    // Which rows, their data and their file names: decided up front, in row order, so names
    // and shards are deterministic.
    // A job keeps only where its row is: the row's data is built again when it is rendered, so
    // memory holds the table and the results, not a second copy of every row's data.
    struct Job {
        int row;
        std::size_t index;  // into rows.rows
        std::string path;
    };
    std::vector<Job> jobs;
    std::set<std::string> names;
    std::error_code ec;
    fs::create_directories(o.out_dir, ec);
    if (!fs::is_directory(o.out_dir, ec)) throw Error("cannot-write", o.out_dir, _("cannot create the output folder"));
    const fs::path out_dir = fs::absolute(o.out_dir).lexically_normal();
    const std::string pattern = o.name_pattern.empty() ? m->output : o.name_pattern;
    if (!o.name_pattern.empty()) check_name_pattern(o.name_pattern, m->fields, "--name", "--name", summary.problems);
    std::map<std::string, std::vector<std::size_t>> used_keys;  // source index -> matched
    auto make_data = [&](std::size_t i) {
        json data = row_data(m->fields, rows.rows[i]);
        for (std::size_t si = 0; si < sources.size(); ++si) {
            const RowsSource& s = sources[si];
            std::string key_field = field_for(m->fields, s.key);
            std::string key = data.contains(key_field) ? value_to_text(data[key_field]) : "";
            const FieldSpec* list = nullptr;
            for (const auto& f : m->fields)
                if (f.name == s.field) list = &f;
            json items = json::array();
            if (auto hit = s.by_key.find(key); hit != s.by_key.end() && !key.empty())
                for (std::size_t r : hit->second) items.push_back(row_data(list->columns, s.table.rows[r]));
            data[s.field] = items;
        }
        return data;
    };
    for (std::size_t i = 0; i < rows.rows.size(); ++i) {
        // Every row's name is decided, the other shards' too: two rows that make the same name
        // get the same _2 whether the batch runs whole or in shards, so shards never collide.
        bool mine = i % o.shard_n == o.shard_k - 1;
        if (!mine && o.shard_n == 1) continue;
        json data = make_data(i);
        std::string name = safe_file_name(render_pattern(pattern, data, plugin->formatters()));
        std::string unique = name;
        for (int n = 2; names.count(unique); ++n) unique = name + "_" + std::to_string(n);
        names.insert(unique);
        if (!mine) continue;
        fs::path path = (out_dir / (unique + "." + o.format)).lexically_normal();
        if (path.parent_path() != out_dir) throw Error("bad-name", o.out_dir, format(_("a file name left the output folder: {name}"), {{"name", unique}}));
        jobs.push_back({rows.row_numbers[i], i, path.string()});
    }
    // Rows of a rows file whose key names no document are reported, not silently dropped.
    for (const auto& s : sources) {
        std::string key_field = field_for(m->fields, s.key);
        std::set<std::string> keys;
        for (const auto& r : rows.rows) {
            for (auto it = r.begin(); it != r.end(); ++it)
                if (field_for(m->fields, it.key()) == key_field) keys.insert(value_to_text(it.value()));
        }
        for (std::size_t r = 0; r < s.table.rows.size(); ++r) {
            auto it = s.table.rows[r].find(s.key);
            std::string k = it == s.table.rows[r].end() ? "" : value_to_text(*it);
            if (!keys.count(k))
                summary.problems.error("unknown-key", s.table.place(r, s.key),
                                       format(_("「{key}」 '{value}' names no row of {file}"), {{"key", s.key}, {"value", k}, {"file", rows.label}}));
        }
    }

    // A batch killed mid-write leaves its temp file (".name.XXXXXX", see write_file_atomically):
    // a rerun removes those of its own outputs. Nothing else in --out-dir is touched.
    {
        std::set<std::string> outputs;
        for (const auto& j : jobs) outputs.insert(fs::path(j.path).filename().string());
        for (auto it = fs::directory_iterator(out_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
            std::string f = it->path().filename().string();
            if (f.size() > 8 && f[0] == '.' && f[f.size() - 7] == '.' && outputs.count(f.substr(1, f.size() - 8)))
                fs::remove(it->path(), ec);
        }
    }
    // Outputs there already, without --resume or --force: said once for them all, and nothing is
    // written (it was an error line per row, and the rows whose output was missing written).
    if (!o.force && !o.resume) {
        std::size_t there = 0;
        std::string first;
        for (const auto& j : jobs)
            if (fs::exists(j.path, ec)) {
                if (!there++) first = fs::path(j.path).filename().string();
            }
        if (there) {
            // TRANSLATORS: the first output that exists, when more do: "a.docx, …"
            std::string files = there > 1 ? format(_("{file}, …"), {{"file", first}}) : first;
            std::string what =
                there == jobs.size()
                    ? format(P_("{n} output exists ({files}); use --resume to keep it and write the rest, or --force to overwrite it",
                                "{n} outputs exist ({files}); use --resume to keep them and write the rest, or --force to overwrite them", there),
                             {{"n", there}, {"files", files}})
                    : format(P_("{n} of the {total} outputs exists ({files}); use --resume to keep it and write the rest, or --force to "
                                "overwrite it",
                                "{n} of the {total} outputs exist ({files}); use --resume to keep them and write the rest, or --force to "
                                "overwrite them",
                                there),
                             {{"n", there}, {"total", jobs.size()}, {"files", files}});
            Diagnostics d = summary.problems;
            d.error("output-exists", o.out_dir, what);
            throw Error(d);
        }
    }
    summary.rows.resize(jobs.size());
    std::atomic<std::size_t> next{0}, done{0}, failed{0};
    std::mutex plugin_mutex, progress_mutex;
    std::vector<std::pair<std::string, std::string>> pdf_jobs;  // rendered docx -> pdf path
    std::mutex pdf_mutex;
    fs::path pdf_tmp;
    if (o.format == "pdf") {
        // The intermediate DOCX files live in the system's temp folder, never in --out-dir.
        std::string t = make_run_temp_dir("gongwen-batch");
        if (t.empty()) throw Error("cannot-write", fs::temp_directory_path(ec).string(), _("cannot create a temporary folder"));
        pdf_tmp = t;
    }
    auto report_progress = [&] {
        if (!o.on_progress) return;
        std::lock_guard<std::mutex> lock(progress_mutex);
        BatchProgress p{done.load(), jobs.size(), failed.load(),
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
        o.on_progress(p);
    };
    auto work = [&] {
        for (std::size_t i = next++; i < jobs.size(); i = next++) {
            Job& job = jobs[i];
            RowResult& r = summary.rows[i];
            r.row = job.row;
            r.output = job.path;
            std::string label = rows.label + ":" + std::to_string(job.row);
            try {
                if (fs::exists(job.path) && !o.force) {
                    if (o.resume && complete_output(job.path, o.format)) {
                        r.status = "skipped";
                        ++done;
                        report_progress();
                        continue;
                    }
                    if (!o.resume) throw Error("output-exists", job.path, _("the output exists; use --resume to keep it or --force to overwrite it"));
                }
                // A problem is said where its value is: the cell of the data, or the line and
                // column of the --rows file its record came from.
                ValidateOptions vo;
                vo.locate = [&](const std::string& list, std::size_t record, const std::string& field) -> std::optional<ValueOrigin> {
                    if (list.empty()) {
                        for (const auto& c : rows.columns)
                            if (field_for(m->fields, c) == field) return ValueOrigin{rows.place(job.index, c), c};
                        return std::nullopt;
                    }
                    const FieldSpec* spec = field_for_key(m->fields, list);
                    for (const auto& s : sources) {
                        if (s.field != list || !spec) continue;
                        std::string key_field = field_for(m->fields, s.key), key;
                        for (auto it = rows.rows[job.index].begin(); it != rows.rows[job.index].end(); ++it)
                            if (field_for(m->fields, it.key()) == key_field) key = value_to_text(it.value());
                        auto hit = s.by_key.find(key);
                        if (key.empty() || hit == s.by_key.end() || record >= hit->second.size()) return std::nullopt;
                        std::size_t at = hit->second[record];
                        for (const auto& c : s.table.columns)
                            if (field_for(spec->columns, c) == field) return ValueOrigin{s.table.place(at, c), c};
                        return ValueOrigin{s.table.place(at), ""};
                    }
                    return std::nullopt;
                };
                json valid = validate_data(m->fields, make_data(job.index), label, r.diagnostics, vo);
                if (r.diagnostics.has_errors()) throw Error(Diagnostics{});
                json prepared;
                {
                    // Plugin code need not be thread-safe: its hooks run one at a time.
                    std::lock_guard<std::mutex> lock(plugin_mutex);
                    if (!plugin->validate(valid, label, r.diagnostics, &vo)) throw Error(Diagnostics{});
                    prepared = plugin->prepare(valid, label);
                }
                RenderOptions ro;
                ro.strict = o.strict;
                if (layout::uses_end_block(prepared) && docx_twin->ok()) layout::settle_end_block(*docx_twin, prepared, ro);
                auto bytes = tmpl->render(prepared, ro, r.diagnostics);
                if (!bytes) throw Error(Diagnostics{});
                if (o.format == "pdf") {
                    std::string src = (pdf_tmp / (std::to_string(i) + ".docx")).string();
                    write_file_atomically(src, *bytes, true);
                    std::lock_guard<std::mutex> lock(pdf_mutex);
                    pdf_jobs.emplace_back(src, job.path);
                    r.status = "written";
                } else {
                    write_file_atomically(job.path, *bytes, o.force || o.resume);
                    r.status = "written";
                }
            } catch (const Error& e) {
                r.diagnostics.append(e.diagnostics());
                r.status = "failed";
                ++failed;
            } catch (const std::exception& e) {
                r.diagnostics.error("internal-error", label, e.what());
                r.status = "failed";
                ++failed;
            }
            ++done;
            report_progress();
        }
    };
    unsigned n = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
    n = static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(1, jobs.size())));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < n; ++t) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();

    if (o.format == "pdf" && !pdf_jobs.empty()) {
        // One LibreOffice process for the whole batch, not one per document.
        auto pdf_start = std::chrono::steady_clock::now();
        auto failures = convert_many_to_pdf(pdf_jobs, o.force || o.resume, 20, [&](std::size_t n) {
            if (!o.on_progress) return;
            BatchProgress p{n, pdf_jobs.size(), 0,
                            std::chrono::duration<double>(std::chrono::steady_clock::now() - pdf_start).count(), "pdf"};
            o.on_progress(p);
        });
        for (auto& r : summary.rows) {
            auto it = failures.find(r.output);
            if (it != failures.end() && r.status == "written") {
                r.status = "failed";
                r.diagnostics.error("office-failed", r.output, it->second);
            }
        }
    }
    if (!pdf_tmp.empty()) fs::remove_all(pdf_tmp, ec);
    for (const auto& r : summary.rows) {
        if (r.status == "written") ++summary.written;
        else if (r.status == "skipped") ++summary.skipped;
        else ++summary.failed;
    }
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

} // namespace gongwen
