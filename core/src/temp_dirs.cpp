// Temp folders of a run (gongwen/temp_dirs.hpp).
#include "gongwen/temp_dirs.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace gongwen {

namespace fs = std::filesystem;

// A folder of a run is named PREFIX-PID-XXXXXX: a run killed before it could remove its folders
// (SIGKILL, a power cut) leaves them to the next run, which removes those whose process is gone.
void remove_stale_temp_dirs() {
    static const char* const prefixes[] = {"gongwen-batch-", "gongwen-pdf-", "gongwen-check-"};
    auto owner_gone = [](const std::string& digits) {
        if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
        long pid = std::stol(digits);
        return pid > 0 && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
    };
    std::error_code ec;
    const fs::path tmp = fs::temp_directory_path(ec);
    if (ec) return;
    for (auto it = fs::directory_iterator(tmp, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::string name = it->path().filename().string();
        for (const char* prefix : prefixes) {
            std::size_t n = std::strlen(prefix);
            if (name.compare(0, n, prefix) != 0) continue;
            std::size_t dash = name.find('-', n);
            struct stat st;
            if (dash == std::string::npos || !owner_gone(name.substr(n, dash - n))) continue;
            if (::lstat(it->path().c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::getuid()) continue;
            std::error_code rm;
            fs::remove_all(it->path(), rm);
        }
    }
    // The UNO pipes of offices killed with their run (office_bridge.cpp names them gongwen-PID-…).
    const std::string pipe_prefix = "OSL_PIPE_" + std::to_string(::getuid()) + "_gongwen-";
    for (auto it = fs::directory_iterator("/tmp", ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.compare(0, pipe_prefix.size(), pipe_prefix) != 0) continue;
        std::size_t dash = name.find('-', pipe_prefix.size());
        if (dash != std::string::npos && owner_gone(name.substr(pipe_prefix.size(), dash - pipe_prefix.size()))) ::unlink(it->path().c_str());
    }
}

std::string make_run_temp_dir(const std::string& prefix) {
    remove_stale_temp_dirs();
    std::error_code ec;
    std::string tmpl = (fs::temp_directory_path(ec) / (prefix + "-" + std::to_string(::getpid()) + "-XXXXXX")).string();
    return ::mkdtemp(tmpl.data()) ? tmpl : std::string();
}

} // namespace gongwen
