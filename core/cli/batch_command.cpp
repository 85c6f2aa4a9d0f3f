// gongwen batch: the command around run_batch — options, progress, summary, report.
#include "cli_common.hpp"

#include "gongwen/batch.hpp"
#include "gongwen/office.hpp"
#include "gongwen/package.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <unistd.h>

namespace gongwen::cli {

using json = nlohmann::json;
using i18n::format;

namespace {

std::string duration(double s) {
    if (s < 0 || s > 1e7) return "?";
    int t = static_cast<int>(s + 0.5);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d:%02d", t / 60, t % 60);
    return buf;
}

// Why a file cannot be written at `path` through a temp file next to it and a rename (as
// write_file_atomically does), or "": a file is made there and removed again.
std::string unwritable(const std::string& path, const std::string& out_dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(path, ec)) return _("it is a folder");
    fs::path parent = fs::path(path).parent_path();
    if (parent.empty()) parent = ".";
    // In the output folder, which the batch makes: the nearest folder above it that exists must
    // take files. Any other folder must exist (a mistyped one is said now, not after the batch).
    auto norm = [&](fs::path p) {
        p = fs::absolute(p, ec).lexically_normal();
        return p.has_filename() ? p : p.parent_path();
    };
    if (!out_dir.empty() && norm(parent) == norm(out_dir))
        while (!fs::exists(parent, ec) && norm(parent) != norm(parent).parent_path()) parent = norm(parent).parent_path();
    if (!fs::is_directory(parent, ec)) return format(_("no folder {folder}"), {{"folder", parent.string()}});
    std::string probe = (parent / ".gongwen-report-XXXXXX").string();
    int fd = ::mkstemp(probe.data());
    if (fd < 0) return i18n::system_error(errno);
    ::close(fd);
    ::unlink(probe.c_str());
    return "";
}

} // namespace

struct BatchCommand {
    BatchOptions o;
    std::string shard = "1/1", report_path, output_format = "docx";  // --format, as the user wrote it
    unsigned office_workers = 0;  // --office-workers; 0: default_office_workers()
    CLI::App* app = nullptr;

    int run() {
        o.format = *parse_batch_format(output_format);  // CLI11 took docx, odt or pdf only
        if (!o.merge.empty()) {  // --merge FILE: its extension is the format
            auto dot = o.merge.rfind('.');
            std::string ext = dot == std::string::npos ? "" : o.merge.substr(dot + 1);
            std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
            auto f = parse_batch_format(ext);
            if (!f || (app->get_option("--format")->count() && *f != o.format)) {
                std::cerr << "gongwen batch: " << format(_("--merge needs a file name ending in .docx, .odt or .pdf (the format of --format): {file}"), {{"file", o.merge}}) << '\n';
                return kUsage;
            }
            o.format = *f;
        } else if (o.out_dir.empty()) {
            std::cerr << "gongwen batch: " << _("--out-dir is required (or --merge FILE)") << '\n';
            return kUsage;
        }
        auto slash = shard.find('/');
        try {
            if (slash == std::string::npos) throw std::invalid_argument(shard);
            o.shard_k = static_cast<unsigned>(std::stoul(shard.substr(0, slash)));
            o.shard_n = static_cast<unsigned>(std::stoul(shard.substr(slash + 1)));
        } catch (const std::exception&) {
            std::cerr << "gongwen batch: " << _("--shard takes K/N, e.g. 3/8") << '\n';
            return kUsage;
        }
        if (o.shard_k == 0 || o.shard_k > o.shard_n) {
            std::cerr << "gongwen batch: " << format(_("--shard K/N needs 1 ≤ K ≤ N: {shard}"), {{"shard", shard}}) << '\n';
            return kUsage;
        }
        // The report is written at the end: a path it cannot be written to is said now, before
        // a document is written, not after the whole batch.
        if (!report_path.empty()) {
            std::string why = unwritable(report_path, o.merge.empty() ? o.out_dir : std::string());
            if (!why.empty()) {
                Diagnostic d;
                d.code = "cannot-write";
                d.file = report_path;
                d.message = format(_("the report cannot be written there: {reason}"), {{"reason", why}});
                std::cerr << d.to_string() << '\n';
                return kBadInput;
            }
        }
        const bool tty = ::isatty(STDERR_FILENO);
        double last = -1;
        std::string stage = "render";
        o.on_progress = [&](const BatchProgress& p) {
            bool end = p.done == p.total;
            if (stage != p.stage) {  // a new stage starts its own bar
                stage = p.stage;
                last = -1e9;
            }
            if (!end && p.seconds - last < (tty ? 0.1 : 2.0)) return;
            last = p.seconds;
            double rate = p.seconds > 0 ? p.done / p.seconds : 0;
            double eta = rate > 0 ? (p.total - p.done) / rate : -1;
            char per_second[32];
            std::snprintf(per_second, sizeof per_second, "%.1f", rate);
            // TRANSLATORS: the stages of a batch in its progress line: "render 120/4000 …", "pdf 3/4000 …"
            std::string stage_name = std::strcmp(p.stage, "pdf") == 0 ? _("pdf") : _("render");
            if (tty) {
                int width = 30, fill = p.total ? static_cast<int>(width * p.done / p.total) : width;
                if (stage_name.size() < 6) stage_name.resize(6, ' ');
                std::string bar = std::string(static_cast<std::size_t>(fill), '#') + std::string(static_cast<std::size_t>(width - fill), '.');
                std::string line =
                    p.failed ? format(_("{stage} [{bar}] {done}/{total}  {rate} docs/s  ETA {eta}  failed {failed}"),
                                      {{"stage", stage_name}, {"bar", bar}, {"done", p.done}, {"total", p.total}, {"rate", per_second},
                                       {"eta", duration(eta)}, {"failed", p.failed}})
                             : format(_("{stage} [{bar}] {done}/{total}  {rate} docs/s  ETA {eta}"),
                                      {{"stage", stage_name}, {"bar", bar}, {"done", p.done}, {"total", p.total}, {"rate", per_second},
                                       {"eta", duration(eta)}});
                std::fprintf(stderr, "\r%s%s", line.c_str(), end ? "\n" : "");
            } else {
                std::string line = format(_("batch {stage}: {done}/{total} ({percent}%), {rate} docs/s, ETA {eta}"),
                                          {{"stage", stage_name}, {"done", p.done}, {"total", p.total},
                                           {"percent", p.total ? p.done * 100 / p.total : 100}, {"rate", per_second}, {"eta", duration(eta)}});
                std::fprintf(stderr, "%s\n", line.c_str());
            }
            std::fflush(stderr);
        };
        // A pool of offices for the batch's PDFs (--office-workers), fed as the rows are rendered.
        o.to_pdf = [this](bool overwrite) -> std::unique_ptr<PdfSink> {
            struct Pool : PdfSink {
                OfficePool pool;
                Pool(unsigned n, bool overwrite) : pool(n, overwrite, 20) {}
                void submit(const std::string& document, const std::string& pdf) override { pool.submit(document, pdf); }
                std::map<std::string, std::string> finish(const std::function<void(std::size_t)>& on_document) override {
                    return pool.finish(on_document);
                }
            };
            return std::make_unique<Pool>(office_workers, overwrite);
        };
        BatchSummary s;
        try {
            s = run_batch(o);
        } catch (const Error& e) {
            print_diagnostics(e.diagnostics());
            // An option the batch cannot use (a --rows field that is no list, a bad --shard) is a
            // usage error, as CLI11's own are.
            bool usage = !e.diagnostics().items().empty();
            for (const auto& d : e.diagnostics().items()) usage = usage && d.code == "bad-option";
            return usage ? kUsage : kBadInput;
        }
        for (const auto& r : s.rows)
            if (r.status == RowStatus::failed) print_diagnostics(r.diagnostics);
        print_diagnostics(s.problems);
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.1f", s.seconds);
        std::string summary = format(_("written {written}, skipped {skipped}, failed {failed} in {seconds} s → {folder}"),
                                     {{"written", s.written}, {"skipped", s.skipped}, {"failed", s.failed}, {"seconds", seconds},
                                      {"folder", o.merge.empty() ? o.out_dir : o.merge}});
        std::fprintf(stderr, "%s\n", summary.c_str());
        if (!report_path.empty()) {
            json rows = json::array();
            for (const auto& r : s.rows)
                rows.push_back({{"row", r.row}, {"output", r.output}, {"status", row_status_name(r.status)}, {"diagnostics", diagnostics_json(r.diagnostics)}});
            json rep = {{"type", o.type},       {"data", o.data_path}, {"out_dir", o.out_dir}, {"merge", o.merge}, {"written", s.written},
                        {"skipped", s.skipped}, {"failed", s.failed},  {"seconds", s.seconds}, {"rows", rows},
                        {"problems", diagnostics_json(s.problems)}};
            try {
                // in the output folder: made again if the batch took it away empty (every row failed)
                std::error_code ec;
                if (auto parent = std::filesystem::path(report_path).parent_path(); !parent.empty())
                    std::filesystem::create_directories(parent, ec);
                write_file_atomically(report_path, rep.dump(2) + "\n", true);
            } catch (const Error& e) {
                print_diagnostics(e.diagnostics());
                return kBadInput;
            }
        }
        return s.failed || s.problems.has_errors() ? kBadInput : kOk;
    }
};

BatchCommand* add_batch_command(CLI::App& app) {
    static BatchCommand c;
    c.app = app.add_subcommand("batch", _("one document per row of a spreadsheet (XLSX, CSV, JSON), in parallel"));
    c.app->add_option("TYPE", c.o.type, _("document type id"))->required();
    c.app->add_option("--data,-d", c.o.data_path, _("rows: .xlsx (first sheet), .csv (UTF-8 or GB18030), .json, .jsonl"))
        ->required()->check(CLI::ExistingFile);
    c.app->add_option("--out-dir,-o", c.o.out_dir, _("where the documents go"));
    c.app->add_option("--format", c.output_format, _("docx, odt or pdf"))->check(CLI::IsMember({"docx", "odt", "pdf"}))->capture_default_str();
    c.app->add_option("--jobs,-j", c.o.jobs, _("parallel renderers (default: every core)"));
    c.app->add_option("--office-workers", c.office_workers, _("LibreOffice processes converting to PDF side by side (default: every core)"))
        ->check(CLI::Range(1u, 64u));
    c.app->add_option("--name", c.o.name_pattern, _("file-name pattern, e.g. \"{{单位名称}}整改通知书\" (default: the type's)"));
    c.app->add_flag("--resume", c.o.resume, _("keep outputs that exist and are complete; write the rest"));
    c.app->add_flag("--force", c.o.force, _("overwrite outputs that exist"));
    c.app->add_flag("--strict", c.o.strict, _("a missing value is an error"));
    c.app->add_flag("--safe-paths,!--no-safe-paths", c.o.safe_paths,
                    _("image files must be inside the data file's folder (the default; --no-safe-paths allows any)"));
    c.app->add_option("--shard", c.shard, _("K/N: only the K-th of N deterministic slices of the rows"))->capture_default_str();
    c.app->add_option("--report", c.report_path, _("write a JSON report of every row"));
    c.app->add_option("--sheet", c.o.table.sheet, _("XLSX sheet of every .xlsx input without its own (default: the first)"));
    c.app->add_option("--encoding", c.o.table.encoding, _("CSV encoding of every .csv input without its own: UTF-8, GB18030, GBK (default: detected)"));
    c.app->add_option("--rows", c.o.row_sources, _("[FIELD=]FILE:KEY[,encoding=NAME][,sheet=NAME] — rows of a list field from another file, by key column; "
                      "encoding= (CSV) and sheet= (XLSX) are that file's own"));
    c.app->get_option("--resume")->excludes(c.app->get_option("--force"));
    c.app->add_option("--merge", c.o.merge, _("FILE.docx|.odt|.pdf: every row's document in one file, each from an odd page, numbered from 1"))
        ->excludes(c.app->get_option("--out-dir"))->excludes(c.app->get_option("--resume"))->excludes(c.app->get_option("--name"));
    return &c;
}

std::optional<int> run_batch_command(BatchCommand* c) {
    if (c->app->parsed()) return c->run();
    return std::nullopt;
}

} // namespace gongwen::cli
