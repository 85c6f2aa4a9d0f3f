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

    std::string profile = "-env:UserInstallation=file://" + tmp.path + "/profile";
    std::string outdir = tmp.path + "/out";
    std::vector<std::string> args = {soffice, "--headless", "--invisible", "--norestore", "--nodefault", "--nologo",
                                     profile, "--convert-to", "pdf:writer_pdf_Export", "--outdir", outdir, input};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, (tmp.path + "/soffice.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid = 0;
    int rc = ::posix_spawn(&pid, soffice.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw Error("office-failed", pdf_path, "cannot start " + soffice + ": " + std::strerror(rc));

    int status = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    while (true) {
        pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (done < 0 && errno != EINTR) throw Error("office-failed", pdf_path, std::string("waiting for soffice: ") + std::strerror(errno));
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            throw Error("office-timeout", pdf_path, "LibreOffice did not finish the PDF within " + std::to_string(timeout_seconds) + " s");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::string pdf = outdir + "/document.pdf";
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !fs::exists(pdf, ec) || fs::file_size(pdf, ec) == 0) {
        std::string log = read_file_bytes(tmp.path + "/soffice.log");
        if (log.size() > 300) log = log.substr(0, 300) + "...";
        throw Error("office-failed", pdf_path, "LibreOffice could not convert the document to PDF" + (log.empty() ? "" : ": " + log));
    }
    write_file_atomically(pdf_path, read_file_bytes(pdf), overwrite);
}

} // namespace gongwen
