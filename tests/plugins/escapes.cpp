// Written against the bare C table, without the SDK's guards: an exception escapes the hook.
#include <gongwen/plugin_abi.h>
#include <stdexcept>

namespace {
int prepare(const char*, gongwen_sink*, gongwen_sink*) { throw std::runtime_error("escaped from prepare"); }
const gongwen_plugin_v1 table = {sizeof(gongwen_plugin_v1), GONGWEN_PLUGIN_ABI_VERSION, prepare, nullptr, nullptr, nullptr};
} // namespace

extern "C" __attribute__((visibility("default"))) const uint32_t gongwen_plugin_abi = GONGWEN_PLUGIN_ABI_VERSION;
extern "C" __attribute__((visibility("default"))) const gongwen_plugin_v1* gongwen_plugin_entry(void) { return &table; }
