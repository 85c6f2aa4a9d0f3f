// Raw DEFLATE of changed parts (libdeflate), outside the one file that includes <zip.h>.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gongwen::detail {

/// Compression level for rendered parts. Measured in bench/: level 6 of libdeflate keeps
/// files as small as zlib's default while costing ~35% less time.
inline constexpr int kDeflateLevel = 6;

/// Raw DEFLATE (no zlib header) of `in` at `level`, with a per-thread compressor.
std::string deflate_raw(std::string_view in, int level);
/// CRC-32 of `in`, as zip stores it.
std::uint32_t crc32_of(std::string_view in);

} // namespace gongwen::detail
