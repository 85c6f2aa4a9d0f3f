// Any bytes as an .xlsx: package, workbook, shared strings, styles and sheet are all read
// defensively; the answer is rows or an Error, never a crash.
#include "gongwen/package.hpp"
#include "gongwen/diagnostics.hpp"
#include "gongwen/table.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gongwen::PackageLimits limits;
    limits.max_total_size = 64u << 20;
    try {
        gongwen::Package pkg =
            gongwen::Package::read_memory(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xlsx", limits);
        gongwen::TableOptions o;
        o.max_rows = 10000;
        (void)gongwen::xlsx_sheet_names(pkg);
        (void)gongwen::read_xlsx(pkg, o);
    } catch (const gongwen::Error&) {
    }
    return 0;
}
