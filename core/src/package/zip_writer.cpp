// Writing packages: every entry copied as its raw compressed bytes, replaced parts deflated
// anew. With zip_archive.cpp the only files that include <zip.h>.
#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/package.hpp"
#include "package/deflate.hpp"
#include "package/zip_error.hpp"

#include <zip.h>

#include <algorithm>
#include <cstring>

namespace gongwen {

using i18n::_;
using detail::zip_error_text;

namespace {

// A zip source over bytes that are already in their final (stored or deflated) form, with
// the stat libzip needs to copy them without recompressing.
struct RawSource {
    std::string owned;       // used when the bytes are made here (a rendered part)
    const char* data = nullptr;
    zip_uint64_t len = 0;
    zip_uint64_t pos = 0;
    zip_stat_t st{};
    zip_error_t error{};
};

zip_int64_t raw_source_callback(void* userdata, void* out, zip_uint64_t len, zip_source_cmd_t cmd) {
    auto* s = static_cast<RawSource*>(userdata);
    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        s->pos = 0;
        return 0;
    case ZIP_SOURCE_READ: {
        zip_uint64_t n = std::min(len, s->len - s->pos);
        std::memcpy(out, s->data + s->pos, static_cast<std::size_t>(n));
        s->pos += n;
        return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
        return 0;
    case ZIP_SOURCE_STAT:
        if (len < sizeof(zip_stat_t)) return -1;
        std::memcpy(out, &s->st, sizeof(zip_stat_t));
        return sizeof(zip_stat_t);
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&s->error, out, len);
    case ZIP_SOURCE_FREE:
        zip_error_fini(&s->error);
        delete s;
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
        zip_error_set(&s->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

RawSource* make_raw_source(const PackageEntry& e) {
    auto* s = new RawSource;
    zip_error_init(&s->error);
    s->data = e.raw.data();
    s->len = e.raw.size();
    zip_stat_init(&s->st);
    s->st.valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC | ZIP_STAT_MTIME;
    s->st.size = e.size;
    s->st.comp_size = e.raw.size();
    s->st.comp_method = e.method;
    s->st.crc = e.crc;
    s->st.mtime = e.mtime;
    return s;
}

RawSource* make_stored_source(std::string bytes, std::time_t mtime) {
    auto* s = new RawSource;
    zip_error_init(&s->error);
    s->owned = std::move(bytes);
    s->data = s->owned.data();
    s->len = s->owned.size();
    zip_stat_init(&s->st);
    s->st.valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC | ZIP_STAT_MTIME;
    s->st.size = s->len;
    s->st.comp_size = s->len;
    s->st.comp_method = ZIP_CM_STORE;
    s->st.crc = detail::crc32_of(s->owned);
    s->st.mtime = mtime;
    return s;
}

RawSource* make_deflated_source(std::string_view text, std::time_t mtime) {
    auto* s = new RawSource;
    zip_error_init(&s->error);
    s->owned = detail::deflate_raw(text, detail::kDeflateLevel);
    s->data = s->owned.data();
    s->len = s->owned.size();
    zip_stat_init(&s->st);
    s->st.valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC | ZIP_STAT_MTIME;
    s->st.size = text.size();
    s->st.comp_size = s->len;
    s->st.comp_method = ZIP_CM_DEFLATE;
    s->st.crc = detail::crc32_of(text);
    s->st.mtime = mtime;
    return s;
}

} // namespace

std::string Package::write(const std::map<std::string, std::string, std::less<>>& replaced,
                           const std::vector<NewPart>& added) const {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &err);
    if (!buffer) throw Error("write-failed", label_, i18n::format(_("cannot create a zip buffer: {reason}"), {{"reason", zip_error_text(&err)}}));
    zip_t* za = zip_open_from_source(buffer, ZIP_TRUNCATE, &err);
    if (!za) {
        std::string why = zip_error_text(&err);
        zip_source_free(buffer);
        throw Error("write-failed", label_, i18n::format(_("cannot create a zip: {reason}"), {{"reason", why}}));
    }
    zip_source_keep(buffer);
    auto fail = [&](const std::string& what) {
        std::string why = zip_error_text(zip_get_error(za));
        zip_discard(za);
        zip_source_free(buffer);
        throw Error("write-failed", label_, i18n::format(_("{what}: {reason}"), {{"what", what}, {"reason", why}}));
    };

    // ODF wants `mimetype` first and stored; other packages keep their order.
    std::vector<const PackageEntry*> order;
    for (const auto& e : entries_)
        if (e.name == "mimetype") order.push_back(&e);
    for (const auto& e : entries_)
        if (e.name != "mimetype") order.push_back(&e);

    for (const PackageEntry* e : order) {
        if (!e->name.empty() && e->name.back() == '/') {
            if (zip_dir_add(za, e->name.c_str(), ZIP_FL_ENC_UTF_8) < 0) fail(i18n::format(_("cannot add folder '{entry}'"), {{"entry", e->name}}));
            continue;
        }
        RawSource* rs = nullptr;
        bool stored = false;
        auto it = replaced.find(e->name);
        if (it != replaced.end()) {
            rs = make_deflated_source(it->second, e->mtime);
        } else if (e->name == "mimetype" && e->method != ZIP_CM_STORE) {
            rs = make_stored_source(e->data, e->mtime);
            stored = true;
        } else {
            rs = make_raw_source(*e);
            stored = e->method == ZIP_CM_STORE;
        }
        zip_source_t* src = zip_source_function(za, raw_source_callback, rs);
        if (!src) {
            zip_error_fini(&rs->error);
            delete rs;
            fail(i18n::format(_("cannot add '{entry}'"), {{"entry", e->name}}));
        }
        zip_int64_t idx = zip_file_add(za, e->name.c_str(), src, ZIP_FL_ENC_UTF_8);
        if (idx < 0) {
            zip_source_free(src);
            fail(i18n::format(_("cannot add '{entry}'"), {{"entry", e->name}}));
        }
        if (stored && zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0) != 0)
            fail(i18n::format(_("cannot store '{entry}'"), {{"entry", e->name}}));
    }
    const std::time_t added_time = entries_.empty() ? 0 : entries_.front().mtime;
    for (const NewPart& part : added) {
        RawSource* rs = part.compress ? make_deflated_source(part.data, added_time) : make_stored_source(part.data, added_time);
        zip_source_t* src = zip_source_function(za, raw_source_callback, rs);
        zip_int64_t idx = src ? zip_file_add(za, part.name.c_str(), src, ZIP_FL_ENC_UTF_8) : -1;
        if (!src) {
            zip_error_fini(&rs->error);
            delete rs;
        } else if (idx < 0) {
            zip_source_free(src);
        }
        if (idx < 0 || (!part.compress && zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0) != 0))
            fail(i18n::format(_("cannot add '{entry}'"), {{"entry", part.name}}));
    }
    if (zip_close(za) != 0) fail(_("cannot finish the zip"));

    std::string out;
    zip_stat_t st;
    if (zip_source_stat(buffer, &st) != 0 || zip_source_open(buffer) != 0) {
        zip_source_free(buffer);
        throw Error("write-failed", label_, _("cannot read the written zip back"));
    }
    out.resize(static_cast<std::size_t>(st.size));
    zip_int64_t n = zip_source_read(buffer, out.data(), st.size);
    zip_source_close(buffer);
    zip_source_free(buffer);
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size)
        throw Error("write-failed", label_, _("cannot read the written zip back"));
    return out;
}

} // namespace gongwen
