// Temp file in the target folder + rename: no reader ever sees a half-written output.
#include "gongwen/i18n.hpp"
#include "gongwen/package.hpp"

#include "gongwen/diagnostics.hpp"
#include "package/atomic_write.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <stdio.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace gongwen {

using i18n::_;


namespace {

mode_t file_mode() {
    // umask() both reads and sets: read it once, before any thread starts writing.
    static const mode_t mode = [] {
        mode_t m = ::umask(022);
        ::umask(m);
        return static_cast<mode_t>(0666 & ~m);
    }();
    return mode;
}

std::string folder_of(const std::string& path) {
    auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

std::string base_of(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

[[noreturn]] void fail(const std::string& path, const std::string& what, int err) {
    throw Error("cannot-write", path, i18n::format(_("{what}: {reason}"), {{"what", what}, {"reason", i18n::system_error(err)}}));
}

} // namespace

namespace detail {

void write_atomically(const std::string& path, bool overwrite, const std::function<void(int& fd, const std::string& temp_path)>& fill) {
    if (path.empty() || path.back() == '/') throw Error("cannot-write", path, _("the output path names a folder"));
    const std::string folder = folder_of(path);
    struct stat sb;
    if (::stat(path.c_str(), &sb) == 0) {
        if (S_ISDIR(sb.st_mode)) throw Error("cannot-write", path, _("the output path is a folder"));
        if (!overwrite) throw Error("output-exists", path, _("the output exists; use --force to overwrite it"));
    }
    std::string tmp = folder + "/." + base_of(path) + ".XXXXXX";
    int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (fd < 0) fail(path, i18n::format(_("cannot create a temporary file in '{folder}'"), {{"folder", folder}}), errno);
    try {
        fill(fd, tmp);
    } catch (...) {
        if (fd >= 0) ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    if (fd >= 0 && ::close(fd) != 0) {
        int e = errno;
        ::unlink(tmp.c_str());
        fail(path, _("cannot write"), e);
    }
    // by name: a writer may have replaced the file behind the descriptor (libzip writes anew)
    if (::chmod(tmp.c_str(), file_mode()) != 0) {
        int e = errno;
        ::unlink(tmp.c_str());
        fail(path, _("cannot set permissions"), e);
    }
    int rc;
    if (overwrite) {
        rc = ::rename(tmp.c_str(), path.c_str());
    } else {
        rc = ::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
        if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
            // A file system without RENAME_NOREPLACE: link() refuses an existing target too.
            rc = ::link(tmp.c_str(), path.c_str());
            if (rc == 0) ::unlink(tmp.c_str());
        }
    }
    if (rc != 0) {
        int e = errno;
        ::unlink(tmp.c_str());
        if (e == EEXIST) throw Error("output-exists", path, _("the output exists; use --force to overwrite it"));
        fail(path, _("cannot move the finished file into place"), e);
    }
}

} // namespace detail

void write_file_atomically(const std::string& path, std::string_view bytes, bool overwrite) {
    detail::write_atomically(path, overwrite, [&](int& fd, const std::string&) {
        const char* p = bytes.data();
        std::size_t left = bytes.size();
        while (left > 0) {
            ssize_t n = ::write(fd, p, left);
            if (n < 0) {
                if (errno == EINTR) continue;
                fail(path, _("cannot write"), errno);
            }
            p += n;
            left -= static_cast<std::size_t>(n);
        }
    });
}

} // namespace gongwen
