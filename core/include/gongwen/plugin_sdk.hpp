// Writing a C++ plugin: derive from gongwen::sdk::Plugin, override what you need, and name the
// class once with GONGWEN_PLUGIN(MyPlugin). Header-only: a plugin needs nlohmann-json and this
// header, not the engine, libzip or pugixml. Every hook runs inside try/catch, so an exception
// becomes an error message for the host instead of crossing the boundary.
#pragma once

#include "gongwen/calendar.hpp"
#include "gongwen/plugin_abi.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace gongwen::sdk {

/// A problem found by Plugin::validate: the field (its name), the 1-based row of a list field
/// (0 for none) and a message for the user.
struct Problem {
    std::string field;
    int row = 0;
    std::string message;
};

/// The hooks of a plugin. Each may throw: the message reaches the user. They need not be
/// thread-safe: the host calls a plugin's hooks, formatters included, one at a time.
class Plugin {
public:
    virtual ~Plugin() = default;
    /// Returns the data with computed values added (percentages, deadlines, counts...).
    virtual nlohmann::json prepare(nlohmann::json data) { return data; }
    /// Checks beyond the fields schema (which the host has applied already).
    virtual std::vector<Problem> validate(const nlohmann::json&) { return {}; }
    /// Names of the formatters this plugin adds.
    virtual std::vector<std::string> formatters() const { return {}; }
    /// Applies one of them.
    virtual nlohmann::json format(const std::string& name, const nlohmann::json&, const std::vector<std::string>&) {
        throw std::runtime_error("no formatter '" + name + "'");
    }
};

/// part / total, for percentages that are computed, never typed. Throws on a zero total, so
/// the user reads "问题总数 is 0" instead of a document that says "nan%".
inline double ratio(double part, double total, const std::string& what = "total") {
    if (total == 0) throw std::runtime_error(what + " is 0: cannot compute a percentage of it");
    return part / total;
}

/// Days since 1970-01-01 of an ISO date "YYYY-MM-DD" (the form the host gives date fields in),
/// by the engine's one date parser (gongwen/calendar.hpp); throws on anything else, and on a
/// day its month does not have.
inline long days_from_iso(const std::string& iso) {
    calendar::DateForm form{};
    auto date = calendar::parse_date(iso, nullptr, &form);
    if (!date || form != calendar::DateForm::iso) throw std::runtime_error("not a date (YYYY-MM-DD): " + iso);
    return static_cast<long>(calendar::days_from_civil(date->y, date->m, date->d));
}

/// The ISO date of a day count from days_from_iso.
inline std::string iso_from_days(long z) {
    const calendar::CivilDate c = calendar::civil_from_days(z);
    char buf[64];  // room for any int the compiler imagines (-Wformat-truncation)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
    return buf;
}

/// An ISO date moved by `days` (deadlines: issue date + 60 days).
inline std::string add_days(const std::string& iso, long days) { return iso_from_days(days_from_iso(iso) + days); }

namespace detail {

inline void put(gongwen_sink* s, const std::string& text) {
    if (s && s->write) s->write(s->ctx, text.data(), text.size());
}

template <class F>
int guarded(gongwen_sink* err, F&& f) {
    try {
        f();
        return 0;
    } catch (const std::exception& e) {
        put(err, e.what());
    } catch (...) {
        put(err, "unknown exception");
    }
    return 1;
}

template <class P>
P& instance() {
    static P plugin;
    return plugin;
}

template <class P>
const gongwen_plugin_v1* make_table() {
    static const gongwen_plugin_v1 table = {
        sizeof(gongwen_plugin_v1),
        GONGWEN_PLUGIN_ABI_VERSION,
        [](const char* data, gongwen_sink* out, gongwen_sink* err) {
            return guarded(err, [&] { put(out, instance<P>().prepare(nlohmann::json::parse(data)).dump()); });
        },
        [](const char* data, gongwen_sink* out, gongwen_sink* err) {
            return guarded(err, [&] {
                nlohmann::json arr = nlohmann::json::array();
                for (const auto& p : instance<P>().validate(nlohmann::json::parse(data)))
                    arr.push_back({{"field", p.field}, {"row", p.row}, {"message", p.message}});
                put(out, arr.dump());
            });
        },
        [](gongwen_sink* out, gongwen_sink* err) {
            return guarded(err, [&] { put(out, nlohmann::json(instance<P>().formatters()).dump()); });
        },
        [](const char* name, const char* value, const char* args, gongwen_sink* out, gongwen_sink* err) {
            return guarded(err, [&] {
                auto a = nlohmann::json::parse(args).get<std::vector<std::string>>();
                put(out, instance<P>().format(name, nlohmann::json::parse(value), a).dump());
            });
        },
    };
    return &table;
}

} // namespace detail
} // namespace gongwen::sdk

/// Exports the plugin class `Class` (default-constructible, derived from gongwen::sdk::Plugin).
#define GONGWEN_PLUGIN(Class)                                                                      \
    extern "C" __attribute__((visibility("default"))) const uint32_t gongwen_plugin_abi =          \
        GONGWEN_PLUGIN_ABI_VERSION;                                                                \
    extern "C" __attribute__((visibility("default"))) const gongwen_plugin_v1* gongwen_plugin_entry(void) { \
        return ::gongwen::sdk::detail::make_table<Class>();                                        \
    }
