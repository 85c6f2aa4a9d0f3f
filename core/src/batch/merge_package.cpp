#include "batch/merge_package.hpp"

#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"
#include "package/atomic_write.hpp"
#include "package/deflate.hpp"
#include "package/zip_error.hpp"

#include <zip.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gongwen::batch {

using i18n::_;

struct MergedPackage::Deflater {
    z_stream z{};
    bool open = false;
    ~Deflater() {
        if (open) deflateEnd(&z);
    }
};

namespace {

void write_all(int fd, const char* p, std::size_t n, const std::function<void(int)>& on_error) {
    while (n > 0) {
        ssize_t w = ::write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            on_error(errno);
            return;
        }
        p += w;
        n -= static_cast<std::size_t>(w);
    }
}

// A zip source over a region of a file holding bytes already in their final form.
struct RegionSource {
    int fd = -1;
    zip_uint64_t offset = 0, len = 0, pos = 0;
    zip_stat_t st{};
    zip_error_t error{};
};

zip_int64_t region_callback(void* userdata, void* out, zip_uint64_t len, zip_source_cmd_t cmd) {
    auto* s = static_cast<RegionSource*>(userdata);
    switch (cmd) {
    case ZIP_SOURCE_OPEN: s->pos = 0; return 0;
    case ZIP_SOURCE_READ: {
        zip_uint64_t n = std::min(len, s->len - s->pos);
        zip_uint64_t done = 0;
        while (done < n) {
            ssize_t r = ::pread(s->fd, static_cast<char*>(out) + done, static_cast<std::size_t>(n - done),
                                static_cast<off_t>(s->offset + s->pos + done));
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) {
                zip_error_set(&s->error, ZIP_ER_READ, errno);
                return -1;
            }
            done += static_cast<zip_uint64_t>(r);
        }
        s->pos += n;
        return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE: return 0;
    case ZIP_SOURCE_STAT:
        if (len < sizeof(zip_stat_t)) return -1;
        std::memcpy(out, &s->st, sizeof(zip_stat_t));
        return sizeof(zip_stat_t);
    case ZIP_SOURCE_ERROR: return zip_error_to_data(&s->error, out, len);
    case ZIP_SOURCE_FREE:
        zip_error_fini(&s->error);
        delete s;
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                              ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default: zip_error_set(&s->error, ZIP_ER_OPNOTSUPP, 0); return -1;
    }
}

} // namespace

MergedPackage::MergedPackage(const std::string& temp_dir, std::string label)
    : label_(std::move(label)), blob_path_(temp_dir + "/parts.bin"), stream_path_(temp_dir + "/main.deflate") {
    blob_fd_ = ::open(blob_path_.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (blob_fd_ < 0) fail(_("cannot create a temporary file"), errno);
}

MergedPackage::~MergedPackage() {
    if (blob_fd_ >= 0) ::close(blob_fd_);
    if (stream_fd_ >= 0) ::close(stream_fd_);
    ::unlink(blob_path_.c_str());
    ::unlink(stream_path_.c_str());
}

void MergedPackage::fail(const std::string& what, int err) const {
    throw Error("cannot-write", label_, i18n::format(_("{what}: {reason}"), {{"what", what}, {"reason", i18n::system_error(err)}}));
}

void MergedPackage::blob_write(std::string_view bytes, Entry& e) {
    e.file = 0;
    e.offset = blob_size_;
    e.comp_size = bytes.size();
    write_all(blob_fd_, bytes.data(), bytes.size(), [&](int err) { fail(_("cannot write a temporary file"), err); });
    blob_size_ += bytes.size();
}

void MergedPackage::add_raw(const PackageEntry& entry, const std::string& name) {
    Entry e;
    e.name = name;
    e.size = entry.size;
    e.crc = entry.crc;
    e.method = entry.method;
    blob_write(entry.raw, e);
    entries_.push_back(std::move(e));
}

void MergedPackage::add_text(const std::string& name, std::string_view text) {
    Entry e;
    e.name = name;
    e.size = text.size();
    e.crc = detail::crc32_of(text);
    e.method = ZIP_CM_DEFLATE;
    blob_write(detail::deflate_raw(text, detail::kDeflateLevel), e);
    entries_.push_back(std::move(e));
}

void MergedPackage::add_stored(const std::string& name, std::string_view bytes) {
    Entry e;
    e.name = name;
    e.size = bytes.size();
    e.crc = detail::crc32_of(bytes);
    e.method = ZIP_CM_STORE;
    blob_write(bytes, e);
    entries_.push_back(std::move(e));
}

void MergedPackage::add_folder(const std::string& name) {
    Entry e;
    e.name = name;
    e.file = -1;
    entries_.push_back(std::move(e));
}

void MergedPackage::start_stream(const std::string& name, std::string_view head) {
    stream_fd_ = ::open(stream_path_.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (stream_fd_ < 0) fail(_("cannot create a temporary file"), errno);
    deflater_ = std::make_unique<Deflater>();
    if (deflateInit2(&deflater_->z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw Error("internal-error", label_, "deflateInit2");
    deflater_->open = true;
    stream_crc_ = static_cast<std::uint32_t>(crc32(0L, Z_NULL, 0));
    Entry e;
    e.name = name;
    e.file = 1;
    e.method = ZIP_CM_DEFLATE;
    entries_.push_back(std::move(e));
    append(head);
}

void MergedPackage::append(std::string_view text) {
    static thread_local char out[1 << 16];
    z_stream& z = deflater_->z;
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        uInt n = static_cast<uInt>(std::min<std::size_t>(left, 1u << 30));
        stream_crc_ = static_cast<std::uint32_t>(crc32(stream_crc_, reinterpret_cast<const Bytef*>(p), n));
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(p));
        z.avail_in = n;
        do {
            z.next_out = reinterpret_cast<Bytef*>(out);
            z.avail_out = sizeof out;
            deflate(&z, Z_NO_FLUSH);
            std::size_t have = sizeof out - z.avail_out;
            write_all(stream_fd_, out, have, [&](int err) { fail(_("cannot write a temporary file"), err); });
            stream_comp_ += have;
        } while (z.avail_out == 0);
        p += n;
        left -= n;
        stream_size_ += n;
    }
}

void MergedPackage::finish_stream(std::string_view tail) {
    append(tail);
    static thread_local char out[1 << 16];
    z_stream& z = deflater_->z;
    z.next_in = nullptr;
    z.avail_in = 0;
    int rc;
    do {
        z.next_out = reinterpret_cast<Bytef*>(out);
        z.avail_out = sizeof out;
        rc = deflate(&z, Z_FINISH);
        std::size_t have = sizeof out - z.avail_out;
        write_all(stream_fd_, out, have, [&](int err) { fail(_("cannot write a temporary file"), err); });
        stream_comp_ += have;
    } while (rc == Z_OK);
    deflater_.reset();
    for (auto& e : entries_)
        if (e.file == 1) {
            e.offset = 0;
            e.comp_size = stream_comp_;
            e.size = stream_size_;
            e.crc = stream_crc_;
        }
}

void MergedPackage::write(const std::string& path, bool overwrite) {
    detail::write_atomically(path, overwrite, [&](int& fd, const std::string& tmp) {
        ::close(fd);  // libzip writes the file anew, by its name
        fd = -1;
        int zerr = 0;
        zip_t* za = zip_open(tmp.c_str(), ZIP_TRUNCATE, &zerr);
        if (!za) {
            zip_error_t e;
            zip_error_init_with_code(&e, zerr);
            std::string why = detail::zip_error_text(&e);
            zip_error_fini(&e);
            throw Error("write-failed", path, i18n::format(_("cannot create a zip: {reason}"), {{"reason", why}}));
        }
        auto fail_zip = [&](const std::string& what) {
            std::string why = detail::zip_error_text(zip_get_error(za));
            zip_discard(za);
            throw Error("write-failed", path, i18n::format(_("{what}: {reason}"), {{"what", what}, {"reason", why}}));
        };
        for (const Entry& e : entries_) {
            if (e.file < 0) {
                if (zip_dir_add(za, e.name.c_str(), ZIP_FL_ENC_UTF_8) < 0) fail_zip(i18n::format(_("cannot add folder '{entry}'"), {{"entry", e.name}}));
                continue;
            }
            auto* s = new RegionSource;
            zip_error_init(&s->error);
            s->fd = e.file == 1 ? stream_fd_ : blob_fd_;
            s->offset = e.offset;
            s->len = e.comp_size;
            zip_stat_init(&s->st);
            s->st.valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC | ZIP_STAT_MTIME;
            s->st.size = e.size;
            s->st.comp_size = e.comp_size;
            s->st.comp_method = e.method;
            s->st.crc = e.crc;
            s->st.mtime = 315532800;  // 1980-01-01: the same merge makes the same bytes
            zip_source_t* src = zip_source_function(za, region_callback, s);
            if (!src) {
                zip_error_fini(&s->error);
                delete s;
                fail_zip(i18n::format(_("cannot add '{entry}'"), {{"entry", e.name}}));
            }
            zip_int64_t idx = zip_file_add(za, e.name.c_str(), src, ZIP_FL_ENC_UTF_8);
            if (idx < 0) {
                zip_source_free(src);
                fail_zip(i18n::format(_("cannot add '{entry}'"), {{"entry", e.name}}));
            }
            if (e.method == ZIP_CM_STORE && zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0) != 0)
                fail_zip(i18n::format(_("cannot store '{entry}'"), {{"entry", e.name}}));
        }
        if (zip_close(za) != 0) fail_zip(_("cannot finish the zip"));
    });
}

} // namespace gongwen::batch
