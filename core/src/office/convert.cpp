// One soffice process per conversion: simple and robust; batches use a long-lived office instead.
#include "gongwen/office.hpp"

#include "gongwen/diagnostics.hpp"
#include "gongwen/package.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace gongwen {

namespace fs = std::filesystem;

namespace {

std::string find_soffice() {
    if (const char* env = std::getenv("GONGWEN_SOFFICE"); env && *env) return env;
    const char* path = std::getenv("PATH");
    std::string p = path ? path : "/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= p.size()) {
        std::size_t colon = p.find(':', start);
        std::string dir = p.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        std::string candidate = (dir.empty() ? "." : dir) + "/soffice";
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    return "";
}

struct TempDir {
    std::string path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "gongwen-pdf-XXXXXX").string();
        if (::mkdtemp(tmpl.data())) path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        if (!path.empty()) fs::remove_all(path, ec);
    }
};

// Runs one soffice over `inputs`, PDFs into `outdir`; kills it by pid after `timeout_seconds`.
// Returns "" or what went wrong.
std::string run_soffice(const std::string& soffice, const std::string& work, const std::vector<std::string>& inputs,
                        const std::string& outdir, int timeout_seconds, int attempt = 0) {
    // A profile of its own per process: a killed office may leave its profile locked.
    std::string profile = "-env:UserInstallation=file://" + work + "/profile" + std::to_string(attempt);
    std::vector<std::string> args = {soffice, "--headless", "--invisible", "--norestore", "--nodefault", "--nologo",
                                     profile, "--convert-to", "pdf:writer_pdf_Export", "--outdir", outdir};
    args.insert(args.end(), inputs.begin(), inputs.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, (work + "/soffice.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    // Its own process group: soffice starts soffice.bin as a child, and a timeout stops both.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    pid_t pid = 0;
    int rc = ::posix_spawn(&pid, soffice.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) return "cannot start " + soffice + ": " + std::strerror(rc);
    int status = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    while (true) {
        pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (done < 0 && errno != EINTR) return std::string("waiting for soffice: ") + std::strerror(errno);
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(-pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            return "LibreOffice did not finish within " + std::to_string(timeout_seconds) + " s";
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(-pid, SIGKILL);  // whatever of its group outlived it
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::string log = read_file_bytes(work + "/soffice.log");
        if (log.size() > 300) log = log.substr(0, 300) + "...";
        return "LibreOffice stopped unexpectedly" + (log.empty() ? "" : ": " + log);
    }
    return "";
}

} // namespace

void convert_to_pdf(std::string_view document, const std::string& extension, const std::string& pdf_path,
                    bool overwrite, int timeout_seconds) {
    std::string soffice = find_soffice();
    if (soffice.empty())
        throw Error("no-office", pdf_path, "PDF output needs LibreOffice: install libreoffice-writer (or set GONGWEN_SOFFICE)");
    std::error_code ec;
    if (!overwrite && fs::exists(pdf_path, ec))
        throw Error("output-exists", pdf_path, "the output exists; use --force to overwrite it");
    TempDir tmp;
    if (tmp.path.empty()) throw Error("cannot-write", pdf_path, std::string("cannot create a temporary folder: ") + std::strerror(errno));
    std::string input = tmp.path + "/document." + extension;
    write_file_atomically(input, document, true);
    std::string why = run_soffice(soffice, tmp.path, {input}, tmp.path + "/out", timeout_seconds);
    std::string pdf = tmp.path + "/out/document.pdf";
    if (!why.empty() || !fs::exists(pdf, ec) || fs::file_size(pdf, ec) == 0)
        throw Error("office-failed", pdf_path, "LibreOffice could not convert the document to PDF" + (why.empty() ? "" : ": " + why));
    write_file_atomically(pdf_path, read_file_bytes(pdf), overwrite);
}

std::map<std::string, std::string> convert_many_to_pdf(const std::vector<std::pair<std::string, std::string>>& jobs,
                                                       bool overwrite, int seconds_per_document) {
    std::map<std::string, std::string> failures;
    std::string soffice = find_soffice();
    if (soffice.empty()) {
        for (const auto& j : jobs) failures[j.second] = "PDF output needs LibreOffice: install libreoffice-writer";
        return failures;
    }
    TempDir tmp;
    std::vector<std::pair<std::string, std::string>> todo = jobs;
    std::string why;
    // A second process picks up what a crash or a hang of the first left undone.
    for (int attempt = 0; attempt < 2 && !todo.empty(); ++attempt) {
        std::vector<std::string> inputs;
        for (const auto& j : todo) inputs.push_back(j.first);
        std::string outdir = tmp.path + "/out" + std::to_string(attempt);
        why = run_soffice(soffice, tmp.path, inputs, outdir, 30 + seconds_per_document * static_cast<int>(inputs.size()), attempt);
        std::vector<std::pair<std::string, std::string>> left;
        for (const auto& j : todo) {
            std::string pdf = outdir + "/" + fs::path(j.first).stem().string() + ".pdf";
            std::error_code ec;
            if (fs::exists(pdf, ec) && fs::file_size(pdf, ec) > 0) {
                try {
                    write_file_atomically(j.second, read_file_bytes(pdf), overwrite);
                } catch (const Error& e) {
                    failures[j.second] = e.diagnostics().items().front().message;
                }
            } else {
                left.push_back(j);
            }
        }
        todo = std::move(left);
    }
    for (const auto& j : todo) failures[j.second] = "LibreOffice did not convert it" + (why.empty() ? "" : ": " + why);
    return failures;
}

} // namespace gongwen
