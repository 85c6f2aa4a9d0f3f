// Any bytes as a CSV in any encoding: the reader answers with rows or an Error, never a crash.
#include "gongwen/diagnostics.hpp"
#include "gongwen/table.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    // The first byte picks the encoding the user would have asked for.
    static const char* encodings[] = {"", "UTF-8", "GB18030", "GBK"};
    gongwen::TableOptions o;
    o.encoding = encodings[data[0] % 4];
    o.max_rows = 10000;
    try {
        (void)gongwen::read_csv_bytes(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), "fuzz.csv", o);
    } catch (const gongwen::Error&) {
    }
    return 0;
}
