// batch --merge: rows rendered on every core, appended in row order by one thread; a window of
// rows ahead of the one being appended bounds what memory holds.
#include "batch/merge.hpp"

#include "batch/batch_inputs.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/temp_dirs.hpp"

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <functional>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

namespace gongwen::batch {

namespace fs = std::filesystem;
using i18n::_;
using i18n::format;
using i18n::P_;

namespace {

// The merged document to PDF through the batch's converter, whichever of its two forms it has
// (a sink fed while rendering, as the office pool makes it, or one call over a list of jobs).
template <class Converter, class Progress>
auto convert_merged(const Converter& to_pdf, const std::string& document, const std::string& pdf, bool overwrite, const Progress& progress,
                    int) -> decltype(to_pdf(overwrite)->finish(progress)) {
    auto sink = to_pdf(overwrite);
    sink->submit(document, pdf);
    return sink->finish(progress);
}
template <class Converter, class Progress>
auto convert_merged(const Converter& to_pdf, const std::string& document, const std::string& pdf, bool overwrite, const Progress& progress,
                    long) -> decltype(to_pdf(std::vector<std::pair<std::string, std::string>>{}, overwrite, progress)) {
    return to_pdf(std::vector<std::pair<std::string, std::string>>{{document, pdf}}, overwrite, progress);
}

} // namespace

std::optional<BatchFormat> merge_format(const std::string& path) {
    auto dot = path.rfind('.');
    if (dot == std::string::npos || path.find('/', dot) != std::string::npos) return std::nullopt;
    std::string ext = path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return parse_batch_format(ext);
}

BatchSummary run_merge(const BatchOptions& o, const DocumentType& type, const Inputs& inputs, BatchSummary summary,
                       std::chrono::steady_clock::time_point start) {
    auto out_format = merge_format(o.merge);
    if (!out_format) throw Error("bad-option", o.merge, _("--merge needs a file name ending in .docx, .odt or .pdf"));
    if (*out_format == BatchFormat::pdf && !o.to_pdf) throw Error("bad-option", o.merge, _("PDF output needs a converter to PDF (LibreOffice)"));
    // A merged PDF is the merged DOCX converted, as a plain batch's PDFs are.
    const DocFormat fmt = *out_format == BatchFormat::odt ? DocFormat::odt : DocFormat::docx;
    std::error_code ec;
    const fs::path path = fs::absolute(o.merge).lexically_normal();
    fs::create_directories(path.parent_path(), ec);
    if (!fs::is_directory(path.parent_path(), ec)) throw Error("cannot-write", o.merge, _("cannot create the output folder"));
    if (fs::is_directory(path, ec)) throw Error("cannot-write", o.merge, _("the output path is a folder"));
    if (fs::exists(path, ec) && !o.force) throw Error("output-exists", o.merge, _("the output exists; use --force to overwrite it"));
    // What a merge killed mid-write left next to its output (".all.docx.XXXXXX") goes.
    const std::string stale = "." + path.filename().string() + ".";
    for (auto it = fs::directory_iterator(path.parent_path(), ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::string f = it->path().filename().string();
        if (f.size() == stale.size() + 6 && f.compare(0, stale.size(), stale) == 0) fs::remove(it->path(), ec);
    }

    const DataTable& rows = inputs.rows;
    std::vector<std::size_t> mine;  // indices into rows.rows, in row order
    for (std::size_t i = 0; i < rows.rows.size(); ++i)
        if (i % o.shard_n == o.shard_k - 1) mine.push_back(i);
    inputs.report_unused_sources(summary.problems);
    summary.rows.resize(mine.size());

    std::string tmp = make_run_temp_dir("gongwen-batch");
    if (tmp.empty()) throw Error("cannot-write", fs::temp_directory_path(ec).string(), _("cannot create a temporary folder"));
    struct Cleanup {
        std::string dir;
        ~Cleanup() {
            std::error_code e;
            fs::remove_all(dir, e);
        }
    } cleanup{tmp};
    auto merger = fmt == DocFormat::docx ? docx_merger(tmp, o.merge) : odt_merger(tmp, o.merge);

    // Workers render rows [appended, appended + window); the appending thread takes them in order.
    unsigned n = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
    n = static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(1, mine.size())));
    const std::size_t window = 4 * static_cast<std::size_t>(n);
    std::mutex m;
    std::condition_variable cv;
    std::size_t next = 0, appended = 0, failed = 0;
    bool stop = false;
    std::map<std::size_t, std::optional<std::string>> ready;
    const auto images = image_source_for(o.data_path, o.safe_paths);  // image tags: the rows' folder
    auto work = [&] {
        for (;;) {
            std::size_t i;
            {
                std::unique_lock<std::mutex> lock(m);
                cv.wait(lock, [&] { return stop || next >= mine.size() || next < appended + window; });
                if (stop || next >= mine.size()) return;
                i = next++;
            }
            RowResult& r = summary.rows[i];
            r.row = rows.row_numbers[mine[i]];
            r.output = o.merge;
            std::string label = rows.label + ":" + std::to_string(r.row);
            std::optional<std::string> bytes;
            try {
                ValidateOptions where = inputs.locate(mine[i]);
                GenerateOptions go;
                go.render.strict = o.strict;
                go.render.images = images;
                go.render.data_label = label;
                go.where = &where;
                go.report_unknown_record_keys = false;
                go.template_diagnostics = false;
                bytes = type.generate(inputs.row_data(mine[i]), fmt, label, go, r.diagnostics);
            } catch (const Error& e) {
                r.diagnostics.append(e.diagnostics());
            } catch (const std::exception& e) {
                r.diagnostics.error("internal-error", label, e.what());
            }
            std::lock_guard<std::mutex> lock(m);
            ready.emplace(i, std::move(bytes));
            cv.notify_all();
        }
    };
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < n; ++t) threads.emplace_back(work);
    bool merge_broken = false;  // the merge itself failed (not a row's data): nothing more is appended
    for (std::size_t i = 0; i < mine.size(); ++i) {
        if (merge_broken) {  // rows not rendered
            summary.rows[i].row = rows.row_numbers[mine[i]];
            summary.rows[i].status = RowStatus::skipped;
            continue;
        }
        std::optional<std::string> bytes;
        {
            std::unique_lock<std::mutex> lock(m);
            cv.wait(lock, [&] { return ready.count(i) > 0; });
            bytes = std::move(ready[i]);
            ready.erase(i);
        }
        RowResult& r = summary.rows[i];
        if (!bytes) {
            r.status = RowStatus::failed;
            ++failed;
        } else if (!failed && !merge_broken) {
            try {
                merger->add(*bytes, rows.label + ":" + std::to_string(r.row));
                r.status = RowStatus::written;
            } catch (const Error& e) {
                r.diagnostics.append(e.diagnostics());
                r.status = RowStatus::failed;
                ++failed;
                merge_broken = true;
            }
        } else {
            r.status = RowStatus::skipped;
        }
        {
            std::lock_guard<std::mutex> lock(m);
            appended = i + 1;
            if (merge_broken) stop = true;
            cv.notify_all();
        }
        if (o.on_progress)
            o.on_progress({i + 1, mine.size(), failed, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()});
    }
    for (auto& t : threads) t.join();

    auto not_written = [&] {
        for (auto& r : summary.rows)
            if (r.status == RowStatus::written) r.status = RowStatus::skipped;
    };
    if (failed) {
        // A print run with a notice missing is worse than none: the merged file is not written.
        not_written();
        summary.problems.error("merge-not-written", o.merge,
                               format(P_("{n} row failed: the merged document is not written", "{n} rows failed: the merged document is not written", failed),
                                      {{"n", failed}}));
    } else if (mine.empty()) {
        summary.problems.error("merge-not-written", o.merge, _("no row to merge: the merged document is not written"));
    } else {
        try {
            if (*out_format == BatchFormat::pdf) {
                std::string merged = tmp + "/merged.docx";
                merger->write(merged, true);
                merger.reset();
                auto pdf_start = std::chrono::steady_clock::now();
                auto failures = convert_merged(o.to_pdf, merged, path.string(), o.force, std::function<void(std::size_t)>([&](std::size_t d) {
                    if (o.on_progress)
                        o.on_progress({d, 1, 0, std::chrono::duration<double>(std::chrono::steady_clock::now() - pdf_start).count(), "pdf"});
                }), 0);
                if (!failures.empty()) throw Error("office-failed", o.merge, failures.begin()->second);
            } else {
                merger->write(path.string(), o.force);
            }
        } catch (const Error& e) {
            not_written();
            summary.problems.append(e.diagnostics());
        }
    }
    for (const auto& r : summary.rows) {
        if (r.status == RowStatus::written) ++summary.written;
        else if (r.status == RowStatus::skipped) ++summary.skipped;
        else ++summary.failed;
    }
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

} // namespace gongwen::batch
