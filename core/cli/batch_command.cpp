// gongwen batch: the command around run_batch — options, progress, summary, report.
#include "cli_common.hpp"

#include "gongwen/batch.hpp"
#include "gongwen/package.hpp"

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
std::string unwritable(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(path, ec)) return "it is a folder";
    fs::path parent = fs::path(path).parent_path();
    if (parent.empty()) parent = ".";
    if (!fs::is_directory(parent, ec)) return "no folder " + parent.string();
    std::string probe = (parent / ".gongwen-report-XXXXXX").string();
    int fd = ::mkstemp(probe.data());
    if (fd < 0) return std::strerror(errno);
    ::close(fd);
    ::unlink(probe.c_str());
    return "";
}

} // namespace

struct BatchCommand {
    BatchOptions o;
    std::string shard = "1/1", report_path;
    CLI::App* app = nullptr;

    int run() {
        auto slash = shard.find('/');
        try {
            if (slash == std::string::npos) throw std::invalid_argument(shard);
            o.shard_k = static_cast<unsigned>(std::stoul(shard.substr(0, slash)));
            o.shard_n = static_cast<unsigned>(std::stoul(shard.substr(slash + 1)));
        } catch (const std::exception&) {
            std::cerr << "gongwen batch: --shard takes K/N, e.g. 3/8\n";
            return kUsage;
        }
        if (o.shard_k == 0 || o.shard_k > o.shard_n) {
            std::cerr << "gongwen batch: --shard K/N needs 1 ≤ K ≤ N: " << shard << '\n';
            return kUsage;
        }
        // The report is written at the end: a path it cannot be written to is said now, before
        // a document is written, not after the whole batch.
        if (!report_path.empty()) {
            std::string why = unwritable(report_path);
            if (!why.empty()) {
                std::cerr << report_path << ": error[cannot-write]: the report cannot be written there: " << why << '\n';
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
            if (tty) {
                int width = 30, fill = p.total ? static_cast<int>(width * p.done / p.total) : width;
                std::fprintf(stderr, "\r%-6s [%s%s] %zu/%zu  %.1f docs/s  ETA %s%s%s", p.stage, std::string(static_cast<std::size_t>(fill), '#').c_str(),
                             std::string(static_cast<std::size_t>(width - fill), '.').c_str(), p.done, p.total, rate,
                             duration(eta).c_str(), p.failed ? ("  failed " + std::to_string(p.failed)).c_str() : "",
                             end ? "\n" : "");
            } else {
                std::fprintf(stderr, "batch %s: %zu/%zu (%zu%%), %.1f docs/s, ETA %s\n", p.stage, p.done, p.total,
                             p.total ? p.done * 100 / p.total : 100, rate, duration(eta).c_str());
            }
            std::fflush(stderr);
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
            if (r.status == "failed") print_diagnostics(r.diagnostics);
        print_diagnostics(s.problems);
        std::fprintf(stderr, "written %zu, skipped %zu, failed %zu in %.1f s → %s\n", s.written, s.skipped, s.failed, s.seconds,
                     o.out_dir.c_str());
        if (!report_path.empty()) {
            json rows = json::array();
            for (const auto& r : s.rows)
                rows.push_back({{"row", r.row}, {"output", r.output}, {"status", r.status}, {"diagnostics", diagnostics_json(r.diagnostics)}});
            json rep = {{"type", o.type},       {"data", o.data_path}, {"out_dir", o.out_dir}, {"written", s.written},
                        {"skipped", s.skipped}, {"failed", s.failed},  {"seconds", s.seconds}, {"rows", rows},
                        {"problems", diagnostics_json(s.problems)}};
            try {
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
    c.app = app.add_subcommand("batch", "one document per row of a spreadsheet (XLSX, CSV, JSON), in parallel");
    c.app->add_option("TYPE", c.o.type, "document type id")->required();
    c.app->add_option("--data,-d", c.o.data_path, "rows: .xlsx (first sheet), .csv (UTF-8 or GB18030), .json, .jsonl")
        ->required()->check(CLI::ExistingFile);
    c.app->add_option("--out-dir,-o", c.o.out_dir, "where the documents go")->required();
    c.app->add_option("--format", c.o.format, "docx, odt or pdf")->check(CLI::IsMember({"docx", "odt", "pdf"}))->capture_default_str();
    c.app->add_option("--jobs,-j", c.o.jobs, "parallel renderers (default: every core)");
    c.app->add_option("--name", c.o.name_pattern, "file-name pattern, e.g. \"{{单位名称}}整改通知书\" (default: the type's)");
    c.app->add_flag("--resume", c.o.resume, "keep outputs that exist and are complete; write the rest");
    c.app->add_flag("--force", c.o.force, "overwrite outputs that exist");
    c.app->add_flag("--strict", c.o.strict, "a missing value is an error");
    c.app->add_option("--shard", c.shard, "K/N: only the K-th of N deterministic slices of the rows")->capture_default_str();
    c.app->add_option("--report", c.report_path, "write a JSON report of every row");
    c.app->add_option("--sheet", c.o.table.sheet, "XLSX sheet of every .xlsx input without its own (default: the first)");
    c.app->add_option("--encoding", c.o.table.encoding, "CSV encoding of every .csv input without its own: UTF-8, GB18030, GBK (default: detected)");
    c.app->add_option("--rows", c.o.row_sources, "[FIELD=]FILE:KEY[,encoding=NAME][,sheet=NAME] — rows of a list field from another file, by key column; "
                    "encoding= (CSV) and sheet= (XLSX) are that file's own");
    c.app->get_option("--resume")->excludes(c.app->get_option("--force"));
    return &c;
}

std::optional<int> run_batch_command(BatchCommand* c) {
    if (c->app->parsed()) return c->run();
    return std::nullopt;
}

} // namespace gongwen::cli
