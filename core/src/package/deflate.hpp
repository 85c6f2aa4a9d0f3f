// Raw DEFLATE of changed parts (libdeflate), outside the one file that includes <zip.h>.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gongwen::detail {

/// Compression level for rendered parts. Measured in bench/ (RESULTS.md): libdeflate level 6
/// takes 55-65 % of zlib 6's time; files are as small as zlib's on notices, 10 % bigger on
/// large tables (level 7 would match zlib there for 15-25 % more time).
inline constexpr int kDeflateLevel = 6;

/// Raw DEFLATE (no zlib header) of `in` at `level`, with a per-thread compressor.
std::string deflate_raw(std::string_view in, int level);
/// CRC-32 of `in`, as zip stores it.
std::uint32_t crc32_of(std::string_view in);

} // namespace gongwen::detail
