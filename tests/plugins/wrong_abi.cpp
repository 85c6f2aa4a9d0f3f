// A library built for a plugin ABI this host does not speak.
#include <gongwen/plugin_abi.h>
extern "C" __attribute__((visibility("default"))) const uint32_t gongwen_plugin_abi = 99;
extern "C" __attribute__((visibility("default"))) const gongwen_plugin_v1* gongwen_plugin_entry(void) { return nullptr; }
