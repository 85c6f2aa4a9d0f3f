// Any bytes as a .docx/.odt/.xlsx: the package reader answers with an Error, never a crash,
// and a package it accepts compiles or fails cleanly too.
#include "gongwen/package.hpp"
#include "gongwen/template.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gongwen::PackageLimits limits;
    limits.max_total_size = 64u << 20;  // keep one input's memory bounded
    try {
        gongwen::Package pkg =
            gongwen::Package::read_memory(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz", limits);
        gongwen::Diagnostics d;
        auto t = gongwen::Template::compile(std::move(pkg), {}, d);
        if (t->ok()) (void)t->render(nlohmann::json::object(), {}, d);
    } catch (const gongwen::Error&) {
    }
    return 0;
}
