// One document per row: read the rows once, compile the template once, render on every core.
#include "gongwen/batch.hpp"

#include "gongwen/i18n.hpp"
#include "gongwen/package.hpp"
#include "gongwen/plugin.hpp"
#include "batch/batch_inputs.hpp"
#include "batch/merge.hpp"
#include "gongwen/temp_dirs.hpp"

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

const char* batch_format_name(BatchFormat f) {
    switch (f) {
    case BatchFormat::docx: return "docx";
    case BatchFormat::odt: return "odt";
    case BatchFormat::pdf: return "pdf";
    }
    return "docx";
}

std::optional<BatchFormat> parse_batch_format(const std::string& name) {
    for (BatchFormat f : {BatchFormat::docx, BatchFormat::odt, BatchFormat::pdf})
        if (name == batch_format_name(f)) return f;
    return std::nullopt;
}

const char* row_status_name(RowStatus s) {
    switch (s) {
    case RowStatus::written: return "written";
    case RowStatus::skipped: return "skipped";
    case RowStatus::failed: return "failed";
    }
    return "failed";
}

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

BatchSummary run_batch(const BatchOptions& o) {
    auto start = std::chrono::steady_clock::now();
    if (o.format == BatchFormat::pdf && !o.to_pdf) throw Error("bad-option", o.out_dir, _("PDF output needs a converter to PDF (LibreOffice)"));
    if (o.shard_n == 0 || o.shard_k == 0 || o.shard_k > o.shard_n)
        throw Error("bad-option", o.data_path, _("--shard K/N needs 1 ≤ K ≤ N"));
    remove_stale_temp_dirs();  // what a batch killed before its end left in the temp folder
    auto type = DocumentType::open(discover_plugins(), o.type);
    const PluginManifest* m = &type->manifest();
    DocFormat fmt = o.format == BatchFormat::odt ? DocFormat::odt : DocFormat::docx;  // a PDF is a converted DOCX
    if (const auto& compiled = type->template_for(fmt); !compiled.tmpl->ok()) throw Error(compiled.diagnostics);

    BatchSummary summary;
    batch::Inputs inputs(o, *type, summary.problems);
    const DataTable& rows = inputs.rows;

    // --strict: a column nobody reads stops the batch before anything is written.
    if (o.strict && summary.problems.has_errors()) throw Error(summary.problems);
    if (!o.merge.empty()) return batch::run_merge(o, *type, inputs, std::move(summary), start);

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
    // The folders this batch makes are removed again if it leaves them empty (every row failed,
    // or it stopped before writing): nothing is left behind but what was written.
    struct MadeFolders {
        fs::path dir, top;  // the output folder, and the outermost folder made for it
        ~MadeFolders() {
            if (top.empty()) return;
            std::error_code e;
            for (fs::path p = dir; fs::is_directory(p, e) && fs::is_empty(p, e) && fs::remove(p, e) && p != top; p = p.parent_path()) {
            }
        }
    } made{fs::absolute(o.out_dir, ec).lexically_normal(), {}};
    if (!made.dir.has_filename()) made.dir = made.dir.parent_path();  // "out/" as "out"
    for (fs::path p = made.dir; !p.empty() && !fs::exists(p, ec) && p != p.parent_path(); p = p.parent_path()) made.top = p;
    fs::create_directories(o.out_dir, ec);
    if (!fs::is_directory(o.out_dir, ec)) throw Error("cannot-write", o.out_dir, _("cannot create the output folder"));
    const fs::path out_dir = fs::absolute(o.out_dir).lexically_normal();
    const std::string pattern = o.name_pattern.empty() ? m->output : o.name_pattern;
    if (!o.name_pattern.empty()) check_name_pattern(o.name_pattern, m->fields, "--name", "--name", summary.problems);
    for (std::size_t i = 0; i < rows.rows.size(); ++i) {
        // Every row's name is decided, the other shards' too: two rows that make the same name
        // get the same _2 whether the batch runs whole or in shards, so shards never collide.
        bool mine = i % o.shard_n == o.shard_k - 1;
        if (!mine && o.shard_n == 1) continue;
        json data = inputs.row_data(i);
        std::string name = safe_file_name(render_pattern(pattern, data, type->formatters()));
        std::string unique = name;
        for (int n = 2; names.count(unique); ++n) unique = name + "_" + std::to_string(n);
        names.insert(unique);
        if (!mine) continue;
        fs::path path = (out_dir / (unique + "." + batch_format_name(o.format))).lexically_normal();
        if (path.parent_path() != out_dir) throw Error("bad-name", o.out_dir, format(_("a file name left the output folder: {name}"), {{"name", unique}}));
        jobs.push_back({rows.row_numbers[i], i, path.string()});
    }
    // Rows of a rows file whose key names no document are reported, not silently dropped.
    inputs.report_unused_sources(summary.problems);

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
    std::mutex progress_mutex;
    std::mutex pdf_mutex;
    std::unique_ptr<PdfSink> pdf_sink;  // converts each row's DOCX while the next rows render
    std::size_t pdf_count = 0;
    fs::path pdf_tmp;
    if (o.format == BatchFormat::pdf) {
        // The intermediate DOCX files live in the system's temp folder, never in --out-dir.
        std::string t = make_run_temp_dir("gongwen-batch");
        if (t.empty()) throw Error("cannot-write", fs::temp_directory_path(ec).string(), _("cannot create a temporary folder"));
        pdf_tmp = t;
        pdf_sink = o.to_pdf(o.force || o.resume);
    }
    auto report_progress = [&] {
        if (!o.on_progress) return;
        std::lock_guard<std::mutex> lock(progress_mutex);
        BatchProgress p{done.load(), jobs.size(), failed.load(),
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
        o.on_progress(p);
    };
    const auto images = image_source_for(o.data_path, o.safe_paths);  // image tags: the rows' folder
    auto work = [&] {
        for (std::size_t i = next++; i < jobs.size(); i = next++) {
            Job& job = jobs[i];
            RowResult& r = summary.rows[i];
            r.row = job.row;
            r.output = job.path;
            std::string label = rows.label + ":" + std::to_string(job.row);
            try {
                if (fs::exists(job.path) && !o.force) {
                    if (o.resume && batch::complete_output(job.path, o.format)) {
                        r.status = RowStatus::skipped;
                        ++done;
                        report_progress();
                        continue;
                    }
                    if (!o.resume) throw Error("output-exists", job.path, _("the output exists; use --resume to keep it or --force to overwrite it"));
                }
                ValidateOptions where = inputs.locate(job.index);
                GenerateOptions go;
                go.render.strict = o.strict;
                go.render.images = images;  // image tags
                go.render.data_label = label;
                go.where = &where;
                go.report_unknown_record_keys = false;  // said once for the batch
                go.template_diagnostics = false;        // checked before the first row
                auto bytes = type->generate(inputs.row_data(job.index), fmt, label, go, r.diagnostics);
                if (!bytes) throw Error(Diagnostics{});
                if (o.format == BatchFormat::pdf) {
                    std::string src = (pdf_tmp / (std::to_string(i) + ".docx")).string();
                    write_file_atomically(src, *bytes, true);
                    std::lock_guard<std::mutex> lock(pdf_mutex);
                    pdf_sink->submit(src, job.path);
                    ++pdf_count;
                    r.status = RowStatus::written;
                } else {
                    write_file_atomically(job.path, *bytes, o.force || o.resume);
                    r.status = RowStatus::written;
                }
            } catch (const Error& e) {
                r.diagnostics.append(e.diagnostics());
                r.status = RowStatus::failed;
                ++failed;
            } catch (const std::exception& e) {
                r.diagnostics.error("internal-error", label, e.what());
                r.status = RowStatus::failed;
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

    if (pdf_sink) {
        // A pool of offices (--office-workers) has been converting since the first row was ready.
        auto failures = pdf_sink->finish([&](std::size_t n) {
            if (!o.on_progress || !pdf_count) return;
            BatchProgress p{n, pdf_count, 0, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), "pdf"};
            o.on_progress(p);
        });
        pdf_sink.reset();
        for (auto& r : summary.rows) {
            auto it = failures.find(r.output);
            if (it != failures.end() && r.status == RowStatus::written) {
                r.status = RowStatus::failed;
                // The row and its file: "notices.xlsx:7: error[office-failed]: 单位7.pdf: LibreOffice …"
                // TRANSLATORS: a row's output file, then why LibreOffice could not make it
                r.diagnostics.error("office-failed", rows.label + ":" + std::to_string(r.row),
                                    format(_("{file}: {reason}"), {{"file", fs::path(r.output).filename().string()}, {"reason", it->second}}));
            }
        }
    }
    if (!pdf_tmp.empty()) fs::remove_all(pdf_tmp, ec);
    for (const auto& r : summary.rows) {
        if (r.status == RowStatus::written) ++summary.written;
        else if (r.status == RowStatus::skipped) ++summary.skipped;
        else ++summary.failed;
    }
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

} // namespace gongwen
