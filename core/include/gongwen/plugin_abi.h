/* The binary boundary between Gongwen and a C++ plugin library: plain C, versioned.
 *
 * A plugin library exports two symbols:
 *   const uint32_t gongwen_plugin_abi;                  -- GONGWEN_PLUGIN_ABI_VERSION it was built for
 *   const gongwen_plugin_v1* gongwen_plugin_entry(void); -- its table of hooks
 * Data crosses as UTF-8 JSON text; results are written through a sink the host owns, so no
 * object allocated by the library outlives a call, and no exception crosses (each hook
 * returns 0 on success, non-zero with a message written to `err`).
 * Most plugins do not write this by hand: see gongwen/plugin_sdk.hpp. */
#ifndef GONGWEN_PLUGIN_ABI_H
#define GONGWEN_PLUGIN_ABI_H

#include <stddef.h>
#include <stdint.h>

#define GONGWEN_PLUGIN_ABI_VERSION 1

#ifdef __cplusplus
extern "C" {
#endif

/* Where a hook writes its result: the host appends `len` bytes to its own buffer. */
typedef struct gongwen_sink {
    void* ctx;
    void (*write)(void* ctx, const char* bytes, size_t len);
} gongwen_sink;

typedef struct gongwen_plugin_v1 {
    uint32_t size; /* sizeof(gongwen_plugin_v1) as the plugin saw it: later versions only append */
    uint32_t abi;  /* GONGWEN_PLUGIN_ABI_VERSION */
    /* Adds computed values: data in, the whole new data object out. NULL: nothing to add. */
    int (*prepare)(const char* data_json, gongwen_sink* out_json, gongwen_sink* err);
    /* Extra checks: data in, a JSON array of {"field","row","message"} out. NULL: none. */
    int (*validate)(const char* data_json, gongwen_sink* out_problems_json, gongwen_sink* err);
    /* The names of the formatters it adds, as a JSON array. NULL: none. */
    int (*list_formatters)(gongwen_sink* out_names_json, gongwen_sink* err);
    /* Applies formatter `name` to a JSON value with a JSON array of string arguments. */
    int (*format)(const char* name, const char* value_json, const char* args_json, gongwen_sink* out_json,
                  gongwen_sink* err);
} gongwen_plugin_v1;

typedef const gongwen_plugin_v1* (*gongwen_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* GONGWEN_PLUGIN_ABI_H */
