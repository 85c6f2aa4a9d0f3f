// Warm-loop benchmark, measured the way the anchors (shared/bench/anchors) measure their engines:
// the template is compiled once and the data parsed once; then N times the document is rendered,
// zipped (Template::render returns the zip bytes) and written to a file of its own. Each of the N
// timings covers render + zip + write. One RESULT line, in the anchors' format:
//
//   gongwen_bench --template T.docx --data D.json --n N [--delims "{" "}"] [--out-dir /tmp/bench-out]
//                 [--label gongwen] [--case NAME] [--times]
//
//   RESULT engine=gongwen@0.1.0 case=notice mode=loop n=200 median_ms=.. p10_ms=.. p90_ms=.. first_ms=..
//          docs_per_s=.. peak_rss_mb=.. out_bytes=.. compile_ms=.. write_median_ms=.. warnings=0
//          out=/tmp/bench-out/gongwen-notice-0.docx
//
// docs_per_s is N / wall time of the whole loop; peak_rss_mb is getrusage(RUSAGE_SELF).ru_maxrss of the
// process (template, data and the largest output included); write_median_ms is the median of the
// write_file_atomically share of each time (temp file + rename), compile_ms the one-off compile.
#include "gongwen/data.hpp"
#include "gongwen/diagnostics.hpp"
#include "gongwen/package.hpp"
#include "gongwen/template.hpp"
#include "gongwen/version.hpp"

#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Linear interpolation between order statistics, as bench_common.js computes its quantiles.
double quantile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return 0.0;
    double pos = (sorted.size() - 1) * q;
    auto lo = static_cast<std::size_t>(pos);
    std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

double peak_rss_mb() {
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0;  // ru_maxrss is in KiB on Linux
}

std::string stem_of(const std::string& path) {
    auto slash = path.rfind('/');
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    auto dot = base.find('.');
    return dot == std::string::npos ? base : base.substr(0, dot);
}

std::string extension_of(const std::string& path) {
    auto slash = path.rfind('/');
    auto dot = path.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
    return path.substr(dot);
}

[[noreturn]] void usage(const char* why) {
    std::cerr << "gongwen_bench: " << why << "\n"
              << "usage: gongwen_bench --template T.docx --data D.json --n N [--delims OPEN CLOSE]\n"
              << "                     [--out-dir /tmp/bench-out] [--label gongwen] [--case NAME] [--times]\n"
              << "--times also prints every per-document time to stderr\n";
    std::exit(2);
}

void mkdir_p(const std::string& dir) {
    std::string cur;
    for (std::size_t i = 0; i <= dir.size(); ++i) {
        if (i == dir.size() || (dir[i] == '/' && i > 0)) {
            cur = dir.substr(0, i);
            if (::mkdir(cur.c_str(), 0777) != 0 && errno != EEXIST) {
                std::cerr << "gongwen_bench: cannot create " << cur << ": " << std::strerror(errno) << "\n";
                std::exit(1);
            }
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::string template_path, data_path, out_dir = "/tmp/bench-out", label = "gongwen", case_name;
    std::string open = "{", close = "}";
    long n = -1;
    bool print_times = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) usage(("missing value after " + a).c_str());
            return argv[++i];
        };
        if (a == "--template") template_path = next();
        else if (a == "--data") data_path = next();
        else if (a == "--n") n = std::strtol(next().c_str(), nullptr, 10);
        else if (a == "--delims") { open = next(); close = next(); }
        else if (a == "--out-dir") out_dir = next();
        else if (a == "--label") label = next();
        else if (a == "--case") case_name = next();
        else if (a == "--times") print_times = true;
        else if (a == "-h" || a == "--help") usage("help");
        else usage(("unknown argument " + a).c_str());
    }
    if (template_path.empty() || data_path.empty()) usage("--template and --data are required");
    if (n < 1) usage("--n must be a positive number");
    if (case_name.empty()) case_name = stem_of(template_path);
    const std::string ext = extension_of(template_path);

    gongwen::Diagnostics diags;
    try {
        mkdir_p(out_dir);
        nlohmann::json data = gongwen::read_json_file(data_path);  // parsed once, like JSON.parse in the anchors

        gongwen::TemplateOptions topts;
        topts.open = open;
        topts.close = close;
        auto t0 = Clock::now();
        auto tmpl = gongwen::Template::compile_file(template_path, topts, diags);  // compiled once
        const double compile_ms = ms_since(t0);
        if (!tmpl->ok()) {
            std::cerr << diags.to_string();
            return 1;
        }

        const gongwen::RenderOptions ropts;
        std::vector<double> times;
        std::vector<double> write_times;  // the write_file_atomically part of each time
        times.reserve(static_cast<std::size_t>(n));
        write_times.reserve(static_cast<std::size_t>(n));
        std::size_t out_bytes = 0;
        std::size_t warnings_first = 0;
        const std::string first_out = out_dir + "/" + label + "-" + case_name + "-0" + ext;

        const auto loop_start = Clock::now();
        for (long i = 0; i < n; ++i) {
            gongwen::Diagnostics d;  // one list per document, as a server would keep
            const auto d0 = Clock::now();
            std::optional<std::string> bytes = tmpl->render(data, ropts, d);
            if (!bytes) {
                std::cerr << d.to_string();
                return 1;
            }
            const auto w0 = Clock::now();
            gongwen::write_file_atomically(out_dir + "/" + label + "-" + case_name + "-" + std::to_string(i) + ext,
                                           *bytes, /*overwrite=*/true);
            times.push_back(ms_since(d0));
            write_times.push_back(ms_since(w0));
            out_bytes = bytes->size();
            if (i == 0) warnings_first = d.items().size();
        }
        const double loop_ms = ms_since(loop_start);

        if (print_times) {
            std::fprintf(stderr, "times_ms");
            for (double t : times) std::fprintf(stderr, " %.3f", t);
            std::fprintf(stderr, "\n");
        }
        const double first = times.front();
        std::vector<double> sorted = times;
        std::sort(sorted.begin(), sorted.end());
        std::sort(write_times.begin(), write_times.end());
        std::printf(
            "RESULT engine=gongwen@%s case=%s mode=loop n=%ld median_ms=%.3f p10_ms=%.3f p90_ms=%.3f "
            "first_ms=%.3f docs_per_s=%.2f peak_rss_mb=%.1f out_bytes=%zu compile_ms=%.2f write_median_ms=%.3f "
            "warnings=%zu out=%s\n",
            gongwen::kVersion, case_name.c_str(), n, quantile(sorted, 0.5), quantile(sorted, 0.1),
            quantile(sorted, 0.9), first, n / (loop_ms / 1000.0), peak_rss_mb(), out_bytes, compile_ms,
            quantile(write_times, 0.5),
            warnings_first, first_out.c_str());
    } catch (const gongwen::Error& e) {
        diags.append(e.diagnostics());
        std::cerr << diags.to_string();
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "gongwen_bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
