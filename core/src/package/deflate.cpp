#include "package/deflate.hpp"

#include <libdeflate.h>

#include <memory>
#include <new>
#include <stdexcept>

namespace gongwen::detail {

namespace {
struct CompressorDeleter {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};
using CompressorPtr = std::unique_ptr<libdeflate_compressor, CompressorDeleter>;
} // namespace

std::string deflate_raw(std::string_view in, int level) {
    // One compressor per thread and level: allocating one costs more than compressing a notice.
    thread_local CompressorPtr compressors[13];
    if (level < 0 || level > 12) level = 6;
    auto& c = compressors[level];
    if (!c) {
        c.reset(libdeflate_alloc_compressor(level));
        if (!c) throw std::bad_alloc();
    }
    // Not a std::string of the bound's size: zero-filling 9 MB for a 200 KB result cost a
    // quarter of a large document's time (bench/RESULTS.md, hotspots).
    std::size_t bound = libdeflate_deflate_compress_bound(c.get(), in.size());
    std::unique_ptr<char[]> buf(new char[bound]);
    std::size_t n = libdeflate_deflate_compress(c.get(), in.data(), in.size(), buf.get(), bound);
    if (n == 0) throw std::runtime_error("deflate: output buffer too small");
    return std::string(buf.get(), n);
}

std::uint32_t crc32_of(std::string_view in) {
    return libdeflate_crc32(0, in.data(), in.size());
}

} // namespace gongwen::detail
