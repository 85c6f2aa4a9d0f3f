// PDF through a pool of offices, measured on any template (the anchors' notice, say), the way
// `gongwen batch --format pdf` does it: the template compiled once, N documents rendered and each
// handed to an OfficePool as soon as it is written, the pool converting them side by side.
//
//   pdf_pool_bench --template T.docx --data D.json --n N --workers W [--delims "{" "}"] [--out-dir DIR]
//
//   RESULT engine=gongwen-pool case=notice n=50 workers=2 wall_s=.. render_s=.. failed=0 restarts=0
//
// wall_s: from before the compile to the last PDF written and every office stopped (the offices'
// start included); render_s: compile + render + write of the N documents (the offices start and
// convert meanwhile). See bench/pdf_pool.sh, which runs it beside the two anchors.
#include "gongwen/data.hpp"
#include "gongwen/diagnostics.hpp"
#include "gongwen/office.hpp"
#include "gongwen/package.hpp"
#include "gongwen/template.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

[[noreturn]] void usage(const std::string& why) {
    std::cerr << "pdf_pool_bench: " << why << "\n"
              << "usage: pdf_pool_bench --template T.docx --data D.json --n N --workers W [--delims OPEN CLOSE] [--out-dir DIR]\n";
    std::exit(2);
}

} // namespace

int main(int argc, char** argv) {
    std::string template_path, data_path, out_dir = "/tmp/bench-out/pdf-pool", open = "{", close = "}";
    long n = 50;
    unsigned workers = 0;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) usage("missing value after " + a);
            return argv[++i];
        };
        if (a == "--template") template_path = next();
        else if (a == "--data") data_path = next();
        else if (a == "--n") n = std::strtol(next().c_str(), nullptr, 10);
        else if (a == "--workers") workers = static_cast<unsigned>(std::strtoul(next().c_str(), nullptr, 10));
        else if (a == "--delims") { open = next(); close = next(); }
        else if (a == "--out-dir") out_dir = next();
        else usage("unknown argument " + a);
    }
    if (template_path.empty() || data_path.empty() || n < 1) usage("--template, --data and --n ≥ 1 are needed");
    namespace fs = std::filesystem;
    fs::create_directories(out_dir + "/docx");
    const std::string ext = fs::path(template_path).extension().string();
    gongwen::Diagnostics diags;
    try {
        const auto start = Clock::now();
        gongwen::OfficePool pool(workers, true, 120);
        nlohmann::json data = gongwen::read_json_file(data_path);
        gongwen::TemplateOptions topts;
        topts.open = open;
        topts.close = close;
        auto tmpl = gongwen::Template::compile_file(template_path, topts, diags);
        if (!tmpl->ok()) {
            std::cerr << diags.to_string();
            return 1;
        }
        for (long i = 0; i < n; ++i) {
            auto bytes = tmpl->render(data, {}, diags);
            if (!bytes) {
                std::cerr << diags.to_string();
                return 1;
            }
            std::string doc = out_dir + "/docx/" + std::to_string(i) + ext;
            gongwen::write_file_atomically(doc, *bytes, true);
            pool.submit(doc, out_dir + "/" + std::to_string(i) + ".pdf");
        }
        const double render_s = seconds_since(start);
        auto failures = pool.finish();
        const double wall_s = seconds_since(start);
        for (const auto& [pdf, why] : failures) std::cerr << pdf << ": " << why << "\n";
        std::printf("RESULT engine=gongwen-pool case=%s n=%ld workers=%u wall_s=%.2f render_s=%.3f failed=%zu restarts=%d\n",
                    fs::path(template_path).stem().string().c_str(), n, pool.workers(), wall_s, render_s, failures.size(),
                    pool.restarts());
        return failures.empty() ? 0 : 1;
    } catch (const gongwen::Error& e) {
        std::cerr << e.diagnostics().to_string();
        return 1;
    }
}
