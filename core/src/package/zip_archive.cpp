// Reading packages (with zip_writer.cpp the only files that include <zip.h>): every entry
// inflated once, CRC and sizes checked, the limits applied before anything is inflated.
#include "gongwen/i18n.hpp"
#include "gongwen/package.hpp"

#include "gongwen/diagnostics.hpp"
#include "package/sniff.hpp"
#include "package/zip_error.hpp"

#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace gongwen {

using i18n::_;


namespace detail {

std::string zip_error_text(zip_error_t* e) {
    switch (zip_error_code_zip(e)) {
        case ZIP_ER_NOZIP: return _("not a zip archive");
        case ZIP_ER_INCONS: return _("the zip archive is inconsistent");
        case ZIP_ER_CRC: return _("checksum (CRC) error");
        case ZIP_ER_EOF: return _("the file ends too early");
        case ZIP_ER_READ: return _("read error");
        case ZIP_ER_WRITE: return _("write error");
        case ZIP_ER_MEMORY: return _("not enough memory");
        case ZIP_ER_ZLIB: return _("the compressed data is damaged");
        case ZIP_ER_COMPNOTSUPP: return _("compression method not supported");
        case ZIP_ER_ENCRNOTSUPP: return _("encryption method not supported");
        case ZIP_ER_NOPASSWD: return _("the entry is encrypted");
        case ZIP_ER_WRONGPASSWD: return _("the entry is encrypted");
        default: break;
    }
    const char* s = zip_error_strerror(e);
    return s ? s : _("unknown zip error");
}

} // namespace detail

using detail::refuse_compound_file;
using detail::zip_error_text;

namespace {

bool is_text_part(std::string_view name) {
    auto ends_with = [&](std::string_view suffix) {
        return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
    };
    return ends_with(".xml") || ends_with(".rels") || name == "mimetype";
}

// Owns a zip_t opened for reading; discards it on scope exit.
struct ReadArchive {
    zip_t* za = nullptr;
    ~ReadArchive() {
        if (za) zip_discard(za);
    }
};

// Reads exactly one entry through a zip_file_t, refusing more than `limit` bytes.
std::string read_entry(zip_t* za, zip_uint64_t index, zip_flags_t flags, zip_uint64_t expected,
                       const std::string& label, const std::string& name) {
    zip_file_t* f = zip_fopen_index(za, index, flags);
    if (!f) {
        throw Error("damaged-package", label,
                    i18n::format(_("cannot open entry '{entry}': {reason}"), {{"entry", name}, {"reason", zip_error_text(zip_get_error(za))}}));
    }
    // The header's size is a claim, not a fact: the buffer grows with what is really inflated
    // (a few bytes of input must not make us allocate gigabytes), up to the claim plus one byte,
    // which catches an entry that holds more than it says.
    constexpr zip_uint64_t first_chunk = 1u << 20;
    std::string out;
    out.resize(static_cast<std::size_t>(std::min(expected, first_chunk)) + 1);
    zip_uint64_t got = 0;
    while (true) {
        if (got == out.size() && got <= expected)
            out.resize(static_cast<std::size_t>(std::min(expected + 1, static_cast<zip_uint64_t>(out.size()) * 2)));
        zip_int64_t n = zip_fread(f, out.data() + got, out.size() - got);
        if (n < 0) {
            std::string why = zip_error_text(zip_file_get_error(f));
            zip_fclose(f);
            throw Error("damaged-package", label, i18n::format(_("entry '{entry}' is damaged: {reason}"), {{"entry", name}, {"reason", why}}));
        }
        if (n == 0) break;
        got += static_cast<zip_uint64_t>(n);
        if (got > expected) {
            zip_fclose(f);
            throw Error("damaged-package", label,
                        i18n::format(_("entry '{entry}' holds more data than its header says ({n} bytes)"),
                                     {{"entry", name}, {"n", expected}}));
        }
    }
    int rc = zip_fclose(f);
    if (rc != 0) {
        zip_error_t e;
        zip_error_init_with_code(&e, rc);
        std::string why = zip_error_text(&e);
        zip_error_fini(&e);
        throw Error("damaged-package", label, i18n::format(_("entry '{entry}' is damaged: {reason}"), {{"entry", name}, {"reason", why}}));
    }
    if (got != expected) {
        throw Error("damaged-package", label,
                    i18n::format(_("entry '{entry}' is truncated: {got} of {n} bytes"), {{"entry", name}, {"got", got}, {"n", expected}}));
    }
    out.resize(static_cast<std::size_t>(got));
    return out;
}

// Opens bytes for reading; null with `err` set on failure.
zip_t* open_zip(std::string_view bytes, int flags, zip_error_t* err) {
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, err);
    if (!src) return nullptr;
    zip_t* za = zip_open_from_source(src, ZIP_RDONLY | flags, err);
    if (!za) zip_source_free(src);
    return za;
}

} // namespace

Package Package::read_memory(std::string_view bytes, const std::string& label, const PackageLimits& limits) {
    if (bytes.empty()) throw Error("not-a-package", label, _("the file is empty"));
    refuse_compound_file(bytes, label);
    zip_error_t err;
    zip_error_init(&err);
    ReadArchive ar;
    // Opened with libzip's consistency check; a package it refuses is opened as office suites
    // open it: what it refuses for includes what Word and LibreOffice read (a byte after the end
    // record, a local header's time that differs from the central directory's). What matters is
    // checked instead: local and central names agree, and on every entry its CRC and its size as
    // it is inflated, the names, the limits.
    ar.za = open_zip(bytes, ZIP_CHECKCONS, &err);
    if (!ar.za && zip_error_code_zip(&err) == ZIP_ER_INCONS) {
        detail::require_local_names_match(bytes, label);
        zip_error_t again;
        zip_error_init(&again);
        ar.za = open_zip(bytes, 0, &again);
        zip_error_fini(&again);
    }
    if (!ar.za) {
        int code = zip_error_code_zip(&err);
        std::string why = zip_error_text(&err);
        zip_error_fini(&err);
        bool looks_like_zip = bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
        if (code == ZIP_ER_NOZIP && !looks_like_zip)
            throw Error("not-a-package", label, i18n::format(_("not a zip package (.docx/.odt/.xlsx): {reason}"), {{"reason", why}}));
        if (code == ZIP_ER_NOZIP)
            throw Error("damaged-package", label, _("the zip is truncated or damaged: its central directory is missing"));
        if (code == ZIP_ER_EXISTS)
            throw Error("damaged-package", label, _("the package holds two entries of the same name"));
        throw Error("damaged-package", label, i18n::format(_("damaged zip package: {reason}"), {{"reason", why}}));
    }
    zip_error_fini(&err);

    Package pkg;
    pkg.label_ = label;
    zip_int64_t count = zip_get_num_entries(ar.za, 0);
    if (count < 0) throw Error("damaged-package", label, _("cannot list the entries"));
    if (static_cast<std::uint64_t>(count) > limits.max_entries) {
        throw Error("package-limit", label,
                    i18n::format(_("too many entries: {n} (limit {limit}; raise it with --max-entries)"),
                                 {{"n", count}, {"limit", limits.max_entries}}));
    }
    // The limits are checked on what the central directory declares, before anything is
    // inflated; inflating then refuses an entry that grows past its declared size.
    std::uint64_t declared = 0;
    std::set<std::string> seen;
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        if (zip_stat_index(ar.za, static_cast<zip_uint64_t>(i), 0, &st) != 0)
            throw Error("damaged-package", label, i18n::format(_("cannot read entry {n}"), {{"n", i}}));
        std::string name = st.name ? st.name : "";
        // Part names may not climb out of the package (OPC M1.3): no "..", no absolute names.
        bool unsafe = name.empty() || name.front() == '/' || name.find('\\') != std::string::npos ||
                      name == ".." || name.rfind("../", 0) == 0 || name.find("/../") != std::string::npos ||
                      (name.size() >= 3 && name.compare(name.size() - 3, 3, "/..") == 0);
        if (unsafe) throw Error("damaged-package", label, i18n::format(_("entry '{entry}' has an unsafe name (absolute or with ..)"), {{"entry", name}}));
        if (!seen.insert(name).second) throw Error("damaged-package", label, i18n::format(_("the package holds two entries named '{entry}'"), {{"entry", name}}));
        // (compared so that no sum of claimed sizes can wrap around)
        if (st.size > limits.max_total_size - declared)
            throw Error("package-limit", label,
                        i18n::format(_("uncompressed size exceeds {limit} bytes at entry '{entry}' (raise it with --max-package-size)"),
                                     {{"limit", limits.max_total_size}, {"entry", name}}));
        declared += st.size;
    }
    std::uint64_t total = 0;
    pkg.entries_.reserve(static_cast<std::size_t>(count));
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        if (zip_stat_index(ar.za, static_cast<zip_uint64_t>(i), 0, &st) != 0) {
            throw Error("damaged-package", label, i18n::format(_("cannot read entry {n}"), {{"n", i}}));
        }
        PackageEntry e;
        e.name = st.name ? st.name : "";
        if (st.valid & ZIP_STAT_ENCRYPTION_METHOD && st.encryption_method != ZIP_EM_NONE)
            throw Error("encrypted-package", label, i18n::format(_("entry '{entry}' is encrypted"), {{"entry", e.name}}));
        e.size = st.size;
        e.crc = st.crc;
        e.method = st.comp_method;
        e.mtime = st.mtime;
        if (st.size > limits.max_total_size - total) {
            throw Error("package-limit", label,
                        i18n::format(_("uncompressed size exceeds {limit} bytes at entry '{entry}' (raise it with --max-package-size)"),
                                     {{"limit", limits.max_total_size}, {"entry", e.name}}));
        }
        total += st.size;
        if (st.size >= limits.ratio_floor && st.comp_size > 0 && st.size / st.comp_size > limits.max_ratio) {
            throw Error("package-limit", label,
                        i18n::format(_("entry '{entry}' expands {n} times (limit {limit}): a zip bomb?"),
                                     {{"entry", e.name}, {"n", st.size / st.comp_size}, {"limit", limits.max_ratio}}));
        }
        if (st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE) {
            throw Error("damaged-package", label,
                        i18n::format(_("entry '{entry}' uses compression method {method}, which office packages do not use"),
                                     {{"entry", e.name}, {"method", st.comp_method}}));
        }
        if (st.comp_size > bytes.size())
            throw Error("damaged-package", label,
                        i18n::format(_("entry '{entry}' claims {n} compressed bytes, more than the whole file holds"),
                                     {{"entry", e.name}, {"n", st.comp_size}}));
        // Decompressing checks the CRC and the declared size; the raw bytes are what we copy.
        std::string data = read_entry(ar.za, static_cast<zip_uint64_t>(i), 0, st.size, label, e.name);
        if (st.comp_method == ZIP_CM_STORE) {
            e.raw = data;
        } else {
            e.raw = read_entry(ar.za, static_cast<zip_uint64_t>(i), ZIP_FL_COMPRESSED, st.comp_size, label, e.name);
        }
        if (is_text_part(e.name)) {
            e.data = std::move(data);
            e.has_data = true;
        }
        pkg.entries_.push_back(std::move(e));
    }
    // An ODF package saved with a password keeps its zip readable and encrypts the parts: its
    // manifest says so, and the parts are never parsed as XML.
    if (const PackageEntry* manifest = pkg.find("META-INF/manifest.xml"); manifest && manifest->has_data)
        detail::refuse_encrypted_odf(manifest->data, label);
    return pkg;
}

Package Package::read_file(const std::string& path, const PackageLimits& limits) {
    std::string bytes = read_file_bytes(path);
    return read_memory(bytes, path, limits);
}

const PackageEntry* Package::find(std::string_view name) const {
    for (const auto& e : entries_)
        if (e.name == name) return &e;
    return nullptr;
}

const std::string& Package::text(std::string_view name) const {
    const PackageEntry* e = find(name);
    if (!e || !e->has_data)
        throw Error("missing-part", label_, i18n::format(_("the package has no part '{part}'"), {{"part", std::string(name)}}));
    return e->data;
}

std::string read_file_bytes(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error("cannot-read", path, i18n::format(_("cannot open: {reason}"), {{"reason", i18n::system_error(errno)}}));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || S_ISDIR(sb.st_mode)) {
        ::close(fd);
        throw Error("cannot-read", path, _("not a regular file"));
    }
    std::string out;
    out.reserve(static_cast<std::size_t>(sb.st_size));
    char buf[1 << 16];
    while (true) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            ::close(fd);
            throw Error("cannot-read", path, i18n::format(_("read failed: {reason}"), {{"reason", i18n::system_error(e)}}));
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

} // namespace gongwen
