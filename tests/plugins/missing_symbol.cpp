// Exports the ABI number but forgets the entry point.
#include <gongwen/plugin_abi.h>
extern "C" __attribute__((visibility("default"))) const uint32_t gongwen_plugin_abi = GONGWEN_PLUGIN_ABI_VERSION;
