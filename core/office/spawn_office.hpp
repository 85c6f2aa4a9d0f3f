// Starting a headless LibreOffice that dies with the process that started it: the one way Gongwen
// starts soffice, shared by the office bridge (core/bridge/) and the soffice --convert-to path of
// the office library (soffice.cpp). Header-only, because the bridge is a module of its own.
//
// The `soffice` program is a shell script that runs oosplash, which runs soffice.bin as its
// child: killing Gongwen with SIGKILL left oosplash and soffice.bin running for ever. So
// soffice.bin, next to the script, is started directly when it is there (the script only sets
// the locale and file locking, done here too), with PR_SET_PDEATHSIG: the kernel kills it when
// the thread that started it ends, whatever ended it. oosplash's other duty, starting soffice.bin
// again when it exits with 79 or 81 (it does so once on a fresh profile), is the caller's
// (office_restart_status).
#pragma once

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace gongwen::office_spawn {

/// soffice.bin next to `soffice` (a symlink to the script is followed), or `soffice` itself.
inline std::string office_program(const std::string& soffice) {
    char buf[PATH_MAX];
    std::string real = ::realpath(soffice.c_str(), buf) ? std::string(buf) : soffice;
    auto slash = real.rfind('/');
    std::string bin = (slash == std::string::npos ? std::string() : real.substr(0, slash + 1)) + "soffice.bin";
    if (real.size() > 4 && real.compare(real.size() - 4, 4, ".bin") == 0) return real;
    return ::access(bin.c_str(), X_OK) == 0 ? bin : soffice;
}

/// soffice.bin's exit statuses that ask to be started again (EXITHELPER_NORMAL_RESTART,
/// EXITHELPER_CRASH_WITH_RESTART), as oosplash does.
inline bool office_restart_status(int status) {
    return WIFEXITED(status) && (WEXITSTATUS(status) == 79 || WEXITSTATUS(status) == 81);
}

/// Starts `args` (args[0] the program) in a process group of its own, stdin from /dev/null,
/// stdout and stderr to `log`, killed by the kernel when the calling thread ends
/// (PR_SET_PDEATHSIG). Returns the pid, or -1 with errno set.
inline pid_t spawn_office(const std::vector<std::string>& args, const std::string& log) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    // The environment of the script: its own locale handling aside, it sets file locking on.
    std::vector<char*> envp;
    for (char** e = environ; e && *e; ++e)
        if (std::strncmp(*e, "SAL_ENABLE_FILE_LOCKING=", 24) != 0) envp.push_back(*e);
    static char locking[] = "SAL_ENABLE_FILE_LOCKING=1";
    envp.push_back(locking);
    envp.push_back(nullptr);
    const pid_t parent = ::getpid();
    int ready[2];
    if (::pipe2(ready, O_CLOEXEC) != 0) return -1;
    pid_t pid = ::fork();
    if (pid < 0) {
        int e = errno;
        ::close(ready[0]);
        ::close(ready[1]);
        errno = e;
        return -1;
    }
    if (pid == 0) {
        // Only async-signal-safe calls between fork and exec (the parent has threads).
        ::close(ready[0]);
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);  // the parent is gone already
        int in = ::open("/dev/null", O_RDONLY);
        int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in >= 0) ::dup2(in, STDIN_FILENO);
        if (out >= 0) {
            ::dup2(out, STDOUT_FILENO);
            ::dup2(out, STDERR_FILENO);
        }
        ::execve(argv[0], argv.data(), envp.data());
        int e = errno;
        (void)!::write(ready[1], &e, sizeof e);
        ::_exit(127);
    }
    ::close(ready[1]);
    ::setpgid(pid, pid);  // either side may run first
    int e = 0;
    ssize_t n;
    while ((n = ::read(ready[0], &e, sizeof e)) < 0 && errno == EINTR) {
    }
    ::close(ready[0]);
    if (n == static_cast<ssize_t>(sizeof e)) {  // exec failed
        int status;
        ::waitpid(pid, &status, 0);
        errno = e;
        return -1;
    }
    return pid;
}

} // namespace gongwen::office_spawn
