// One document per row: read the rows once, compile the template once, render on every core.
#include "gongwen/batch.hpp"

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

// Column headers may be field names or their labels (Chinese or English).
std::string field_for(const std::vector<FieldSpec>& fields, const std::string& header) {
    for (const auto& f : fields)
        if (f.name == header) return f.name;
    for (const auto& f : fields)
        if (f.label.zh == header || f.label.en == header) return f.name;
    return header;
}

// Edit distance between two texts, by code point (a Chinese header is short: no need for more).
std::size_t distance(const std::string& a, const std::string& b) {
    auto points = [](const std::string& s) {
        std::vector<uint32_t> out;
        for (std::size_t i = 0; i < s.size();) {
            unsigned char c = s[i];
            std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            uint32_t cp = 0;
            for (std::size_t k = 0; k < n && i + k < s.size(); ++k) cp = cp << 8 | static_cast<unsigned char>(s[i + k]);
            out.push_back(cp);
            i += n;
        }
        return out;
    };
    std::vector<uint32_t> x = points(a), y = points(b);
    std::vector<std::size_t> row(y.size() + 1);
    for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (x[i - 1] == y[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[y.size()];
}

// Columns that name no field are read by nobody: said once per column, with the field the
// header most resembles ("did you mean 抄送机关?"); with --strict they stop the batch.
void report_unknown_columns(const DataTable& table, const std::vector<FieldSpec>& fields, const std::string& type, bool strict,
                            Diagnostics& out) {
    for (const std::string& column : table.columns) {
        std::string name = field_for(fields, column);
        if (std::any_of(fields.begin(), fields.end(), [&](const FieldSpec& f) { return f.name == name; })) continue;
        // The closest by edit distance, a shared beginning counting in its favour (抄送单位 is
        // 抄送机关 mistyped rather than 报送单位).
        const FieldSpec* best = nullptr;
        std::size_t best_d = std::string::npos;
        long best_score = 0;
        for (const auto& f : fields)
            for (const std::string& known : {f.name, f.label.zh, f.label.en}) {
                if (known.empty()) continue;
                std::size_t d = distance(column, known);
                std::size_t common = 0;
                while (common < column.size() && common < known.size() && column[common] == known[common]) ++common;
                while (common > 0 && common < column.size() && (static_cast<unsigned char>(column[common]) & 0xC0) == 0x80)
                    --common;  // whole characters only
                long score = static_cast<long>(d) - static_cast<long>(distance(column.substr(0, common), ""));
                if (!best || score < best_score) best_d = d, best_score = score, best = &f;
            }
        std::string message = "column 「" + column + "」 is not a field of " + type + " and is ignored";
        if (best && best_d * 2 <= distance(column, "") + 1)
            message += "; did you mean 「" + (best->label.zh.empty() ? best->name : best->label.zh) + "」" +
                       (best->label.zh.empty() || best->label.zh == best->name ? "" : " (" + best->name + ")") + "?";
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
        throw Error("bad-option", o.out_dir, "--format must be docx, odt or pdf");
    if (o.shard_n == 0 || o.shard_k == 0 || o.shard_k > o.shard_n)
        throw Error("bad-option", o.data_path, "--shard K/N needs 1 ≤ K ≤ N");
    PluginCatalog cat = discover_plugins();
    const PluginManifest* m = cat.find(o.type);
    if (!m) {
        Diagnostics d = cat.problems;
        d.error("unknown-type", o.type, "no document type '" + o.type + "'; `gongwen list` shows the installed ones");
        throw Error(d);
    }
    auto plugin = LoadedPlugin::load(*m);
    DocFormat fmt = o.format == "odt" ? DocFormat::odt : DocFormat::docx;
    Diagnostics compile_diags;
    auto tmpl = plugin->compile_template(fmt, compile_diags);
    if (!tmpl->ok()) throw Error(compile_diags);
    // The GB/T 9704 frame places its 版记 by following the pages of the DOCX twin.
    auto docx_twin = fmt == DocFormat::docx ? tmpl : plugin->compile_template(DocFormat::docx, compile_diags);

    DataTable rows = read_table(o.data_path, o.table);
    BatchSummary summary;
    report_unknown_columns(rows, m->fields, o.type, o.strict, summary.problems);

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
        if (colon == std::string::npos) throw Error("bad-option", spec, "--rows needs FILE:KEY, e.g. problems.xlsx:单位名称");
        s.key = rest.substr(colon + 1);
        s.table = read_table(rest.substr(0, colon), o.table);
        // A key column the file does not have: said once, with the columns it has (not a line
        // per row that names no document).
        if (std::find(s.table.columns.begin(), s.table.columns.end(), s.key) == s.table.columns.end()) {
            std::string columns;
            for (const auto& c : s.table.columns) columns += (columns.empty() ? "" : "、") + c;
            throw Error("bad-option", spec, s.table.label + " has no column 「" + s.key + "」; its columns are " +
                                                 (columns.empty() ? std::string("none") : columns));
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
                    d.file = rows.label + ":" + std::to_string(rows.row_numbers[r]);
                    d.message = "「" + s.key + "」 '" + k + "' is also on row " + std::to_string(at->second) +
                                ": both documents get every record of " + s.table.label + " with it";
                    summary.problems.add(d);
                }
        }
        if (s.field.empty()) {
            std::vector<std::string> lists;
            for (const auto& f : m->fields)
                if (f.type == FieldType::list && !f.columns.empty()) lists.push_back(f.name);
            if (lists.size() != 1)
                throw Error("bad-option", spec, "say which list field the rows fill: --rows FIELD=FILE:KEY");
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
            throw Error("bad-option", spec, "'" + s.field + "' is not a list field of " + o.type + "; its list fields are " +
                                                 (lists.empty() ? std::string("none") : lists));
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
    if (!fs::is_directory(o.out_dir, ec)) throw Error("cannot-write", o.out_dir, "cannot create the output folder");
    const fs::path out_dir = fs::absolute(o.out_dir).lexically_normal();
    const std::string pattern = o.name_pattern.empty() ? m->output : o.name_pattern;
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
        if (path.parent_path() != out_dir) throw Error("bad-name", o.out_dir, "a file name left the output folder: " + unique);
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
                summary.problems.error("unknown-key", s.table.label + ":" + std::to_string(s.table.row_numbers[r]),
                                       "「" + s.key + "」 '" + k + "' names no row of " + rows.label);
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
    summary.rows.resize(jobs.size());
    std::atomic<std::size_t> next{0}, done{0}, failed{0};
    std::mutex plugin_mutex, progress_mutex;
    std::vector<std::pair<std::string, std::string>> pdf_jobs;  // rendered docx -> pdf path
    std::mutex pdf_mutex;
    fs::path pdf_tmp;
    if (o.format == "pdf") {
        // The intermediate DOCX files live in the system's temp folder, never in --out-dir.
        std::string t = (fs::temp_directory_path() / "gongwen-batch-XXXXXX").string();
        if (!::mkdtemp(t.data())) throw Error("cannot-write", t, "cannot create a temporary folder");
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
                    if (!o.resume) throw Error("output-exists", job.path, "the output exists; use --resume to keep it or --force to overwrite it");
                }
                json valid = validate_data(m->fields, make_data(job.index), label, r.diagnostics);
                if (r.diagnostics.has_errors()) throw Error(Diagnostics{});
                json prepared;
                {
                    // Plugin code need not be thread-safe: its hooks run one at a time.
                    std::lock_guard<std::mutex> lock(plugin_mutex);
                    if (!plugin->validate(valid, label, r.diagnostics)) throw Error(Diagnostics{});
                    prepared = plugin->prepare(valid);
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
