// soffice itself: found on the PATH, run as `soffice --convert-to pdf` (the path without the
// office bridge), and the documents handed to it corrected for its DOCX import.
#include "office_internal.hpp"
#include "spawn_office.hpp"

#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/package.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <map>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace gongwen::office {

namespace fs = std::filesystem;
using i18n::_;
using i18n::format;

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

// Runs one soffice over `inputs`, PDFs into `outdir`; kills it by pid after `timeout_seconds`.
// Returns "" or what went wrong.
std::string run_soffice(const std::string& soffice, const std::string& work, const std::vector<std::string>& inputs,
                        const std::string& outdir, int timeout_seconds, int attempt) {
    // A profile of its own per process: a killed office may leave its profile locked.
    std::string profile = "-env:UserInstallation=file://" + work + "/profile" + std::to_string(attempt);
    std::vector<std::string> args = {office_spawn::office_program(soffice), "--headless", "--invisible", "--norestore",
                                     "--nodefault", "--nologo", profile, "--convert-to",
                                     // blank pages LibreOffice inserts kept, as the bridge keeps them
                                     "pdf:writer_pdf_Export:{\"IsSkipEmptyPages\":{\"type\":\"boolean\",\"value\":\"false\"}}", "--outdir", outdir};
    args.insert(args.end(), inputs.begin(), inputs.end());
    int status = 0;
    pid_t pid = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    // Its own process group, killed with us (spawn_office.hpp); started again when it asks to
    // be (once on a fresh profile), as oosplash would.
    for (int spawns = 0;; ++spawns) {
        pid = office_spawn::spawn_office(args, work + "/soffice.log");
        if (pid < 0) {
            int e = errno;
            return format(_("cannot start {program}: {reason}"), {{"program", args.front()}, {"reason", i18n::system_error(e)}});
        }
        while (true) {
            pid_t done = ::waitpid(pid, &status, WNOHANG);
            if (done == pid) break;
            if (done < 0 && errno != EINTR) {
                int e = errno;
                return format(_("waiting for soffice: {reason}"), {{"reason", i18n::system_error(e)}});
            }
            if (std::chrono::steady_clock::now() > deadline) {
                ::kill(-pid, SIGKILL);
                ::waitpid(pid, &status, 0);
                return format(_("LibreOffice did not finish within {seconds} s"), {{"seconds", timeout_seconds}});
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        if (!office_spawn::office_restart_status(status) || spawns == 2) break;
        ::kill(-pid, SIGKILL);
    }
    ::kill(-pid, SIGKILL);  // whatever of its group outlived it
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::string log = read_file_bytes(work + "/soffice.log");
        if (log.size() > 300) log = log.substr(0, 300) + "...";
        return log.empty() ? std::string(_("LibreOffice stopped unexpectedly"))
                           : format(_("LibreOffice stopped unexpectedly: {log}"), {{"log", log}});
    }
    return "";
}

} // namespace gongwen::office
