// The merged package as it grows: its main part deflated as each copy is appended (zlib, one
// stream), every other part compressed once into a temp file, the zip assembled from those files
// at the end and moved into place atomically. Memory holds no copy once it is appended.
#pragma once

#include "gongwen/package.hpp"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::batch {

class MergedPackage {
public:
    /// Its work files go into `temp_dir`; `label` names the output in errors.
    MergedPackage(const std::string& temp_dir, std::string label);
    ~MergedPackage();
    MergedPackage(const MergedPackage&) = delete;
    MergedPackage& operator=(const MergedPackage&) = delete;

    /// Entries, in the order the zip will hold them.
    void add_raw(const PackageEntry& entry, const std::string& name);  ///< as compressed in its package
    void add_text(const std::string& name, std::string_view text);     ///< deflated here
    void add_stored(const std::string& name, std::string_view bytes);  ///< stored (an ODF mimetype)
    void add_folder(const std::string& name);
    /// The streamed part: `head` now, then append(), and finish_stream(tail) before write().
    void start_stream(const std::string& name, std::string_view head);
    void append(std::string_view text);
    void finish_stream(std::string_view tail);
    /// Bytes of the streamed part so far (uncompressed).
    std::uint64_t streamed() const { return stream_size_; }

    /// Writes the zip to `path` through a temp file next to it and a rename (no reader sees half
    /// a file; an existing file is kept unless `overwrite`). Throws Error naming `path`.
    void write(const std::string& path, bool overwrite);

private:
    struct Entry {
        std::string name;
        int file = 0;  // 0: blob, 1: stream, -1: folder
        std::uint64_t offset = 0, comp_size = 0, size = 0;
        std::uint32_t crc = 0;
        std::uint16_t method = 0;
    };
    void blob_write(std::string_view bytes, Entry& e);
    [[noreturn]] void fail(const std::string& what, int err) const;

    std::string label_, blob_path_, stream_path_;
    int blob_fd_ = -1, stream_fd_ = -1;
    std::uint64_t blob_size_ = 0, stream_size_ = 0, stream_comp_ = 0;
    std::uint32_t stream_crc_ = 0;
    std::vector<Entry> entries_;
    struct Deflater;
    std::unique_ptr<Deflater> deflater_;
};

} // namespace gongwen::batch
