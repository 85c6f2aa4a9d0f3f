// The one user of Boost.DLL: loads a plugin library and calls it through the C table only.
#include "gongwen/plugin.hpp"

#include "gongwen/gbt9704.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/package.hpp"
#include "gongwen/plugin_abi.h"
#include "gongwen/text.hpp"
#include "template/tag_parser.hpp"

#include <boost/dll/shared_library.hpp>

#include <cstddef>
#include <dlfcn.h>
#include <mutex>
#include <set>

namespace gongwen {

using json = nlohmann::json;
using i18n::_;

namespace {

// The frame a manifest names, computed after the plugin's own prepare (which may add to what the
// frame reads, such as 内置附件). The manifest reader made sure its fields exist.
json with_frame(const PluginManifest& m, json data) {
    if (m.frame == "gbt9704") gbt9704::prepare_frame(data);
    return data;
}

} // namespace

struct LoadedPlugin::Impl {
    PluginManifest manifest;
    boost::dll::shared_library library;
    const gongwen_plugin_v1* table = nullptr;
    FormatterRegistry formatters;
    // Plugin code need not be thread-safe: its hooks run one at a time, whichever thread calls
    // them (a batch renders, and so calls the plugin's formatters, on every core).
    mutable std::mutex hook_mutex;

    [[noreturn]] void fail(const std::string& code, const std::string& message) const {
        throw Error(code, manifest.library.empty() ? manifest.dir : manifest.library,
                    i18n::format(_("plugin '{id}': {message}"), {{"id", manifest.id}, {"message", message}}));
    }

    // Calls one hook with host-owned sinks; nothing the library allocated outlives the call.
    template <class Call>
    std::string call(const char* hook, Call&& c) const {
        std::string out, err;
        gongwen_sink out_sink{&out, [](void* ctx, const char* b, std::size_t n) { static_cast<std::string*>(ctx)->append(b, n); }};
        gongwen_sink err_sink{&err, [](void* ctx, const char* b, std::size_t n) { static_cast<std::string*>(ctx)->append(b, n); }};
        int rc = 0;
        try {
            std::lock_guard<std::mutex> lock(hook_mutex);
            rc = c(&out_sink, &err_sink);
        } catch (const std::exception& e) {
            fail("plugin-failed", i18n::format(_("an exception escaped from {hook}: {reason}"), {{"hook", hook}, {"reason", e.what()}}));
        } catch (...) {
            fail("plugin-failed", i18n::format(_("an exception escaped from {hook}"), {{"hook", hook}}));
        }
        if (rc != 0)  // hook names are the C table's
            fail("plugin-failed", err.empty() ? i18n::format(_("{hook} failed: no message"), {{"hook", hook}})
                                              : i18n::format(_("{hook} failed: {message}"), {{"hook", hook}, {"message", err}}));
        return out;
    }

    json call_json(const char* hook, const std::function<int(gongwen_sink*, gongwen_sink*)>& c) const {
        std::string text = call(hook, c);
        try {
            return json::parse(text);
        } catch (const json::exception& e) {
            fail("plugin-failed", i18n::format(_("{hook} returned malformed JSON: {reason}"), {{"hook", hook}, {"reason", e.what()}}));
        }
    }
};

std::shared_ptr<LoadedPlugin> LoadedPlugin::load(const PluginManifest& manifest) {
    auto impl = std::make_unique<Impl>();
    impl->manifest = manifest;
    impl->formatters = FormatterRegistry::builtin();
    if (manifest.library.empty()) return std::shared_ptr<LoadedPlugin>(new LoadedPlugin(std::move(impl)));

    Impl& p = *impl;
    std::error_code ec;
    p.library.load(manifest.library, boost::dll::load_mode::default_mode, ec);
    if (ec || !p.library.is_loaded()) {
        const char* why = ::dlerror();
        p.fail("plugin-load-failed", i18n::format(_("cannot load the library: {reason}"), {{"reason", why ? std::string(why) : ec.message()}}));
    }
    if (!p.library.has("gongwen_plugin_abi"))
        p.fail("plugin-bad-library", i18n::format(_("the library exports no '{symbol}' (is it built with GONGWEN_PLUGIN(...)?)"),
                                                  {{"symbol", "gongwen_plugin_abi"}}));
    const std::uint32_t abi = p.library.get<const std::uint32_t>("gongwen_plugin_abi");
    if (abi != static_cast<std::uint32_t>(plugin_abi_version()))
        p.fail("plugin-abi-mismatch", i18n::format(_("the library was built for plugin ABI {abi}, this Gongwen speaks {ours}"),
                                                   {{"abi", abi}, {"ours", plugin_abi_version()}}));
    if (!p.library.has("gongwen_plugin_entry"))
        p.fail("plugin-bad-library", i18n::format(_("the library exports no '{symbol}'"), {{"symbol", "gongwen_plugin_entry"}}));
    auto entry = p.library.get<const gongwen_plugin_v1*()>("gongwen_plugin_entry");
    try {
        p.table = entry();
    } catch (...) {
        p.fail("plugin-failed", i18n::format(_("an exception escaped from {hook}"), {{"hook", "gongwen_plugin_entry"}}));
    }
    if (!p.table) p.fail("plugin-bad-library", i18n::format(_("{hook} returned no table"), {{"hook", "gongwen_plugin_entry"}}));
    if (p.table->abi != static_cast<std::uint32_t>(plugin_abi_version()) ||
        p.table->size < offsetof(gongwen_plugin_v1, format) + sizeof(p.table->format))
        p.fail("plugin-abi-mismatch", i18n::format(_("the library's hook table does not match plugin ABI {abi}"), {{"abi", plugin_abi_version()}}));

    if (p.table->list_formatters) {
        json names = p.call_json("list_formatters", [&](gongwen_sink* o, gongwen_sink* e) { return p.table->list_formatters(o, e); });
        if (!names.is_array()) p.fail("plugin-failed", i18n::format(_("{hook} must return a JSON array of names"), {{"hook", "list_formatters"}}));
        for (const auto& n : names) {
            if (!n.is_string()) p.fail("plugin-failed", i18n::format(_("{hook} must return names as strings"), {{"hook", "list_formatters"}}));
            std::string name = n.get<std::string>();
            if (p.formatters.find(name)) p.fail("plugin-bad-library", i18n::format(_("formatter '{name}' already exists"), {{"name", name}}));
            if (!p.table->format) p.fail("plugin-bad-library", _("the library lists formatters but has no format hook"));
            Formatter f;
            const Impl* self = &p;
            f.apply = [self, name](const json& value, const std::vector<std::string>& args) -> json {
                std::string v = value.dump(), a = json(args).dump();
                try {
                    return self->call_json("format", [&](gongwen_sink* o, gongwen_sink* e) {
                        return self->table->format(name.c_str(), v.c_str(), a.c_str(), o, e);
                    });
                } catch (const Error& err) {
                    throw FormatError(err.diagnostics().items().front().message);
                }
            };
            p.formatters.add(name, std::move(f));
        }
    }
    return std::shared_ptr<LoadedPlugin>(new LoadedPlugin(std::move(impl)));
}

LoadedPlugin::LoadedPlugin(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LoadedPlugin::~LoadedPlugin() = default;

const PluginManifest& LoadedPlugin::manifest() const { return impl_->manifest; }
const FormatterRegistry& LoadedPlugin::formatters() const { return impl_->formatters; }

bool LoadedPlugin::validate(const json& data, const std::string& data_label, Diagnostics& diags,
                            const ValidateOptions* located) const {
    const Impl& p = *impl_;
    if (!p.table || !p.table->validate) return true;
    std::string text = data.dump();
    json problems;
    try {
        problems = p.call_json("validate", [&](gongwen_sink* o, gongwen_sink* e) { return p.table->validate(text.c_str(), o, e); });
    } catch (const Error& e) {
        // As prepare: a hook that fails on the data is said on the data file.
        if (data_label.empty() || e.diagnostics().empty()) throw;
        Diagnostic d = e.diagnostics().items().front();
        d.file = data_label;
        diags.add(d);
        return false;
    }
    if (!problems.is_array()) p.fail("plugin-failed", i18n::format(_("{hook} must return a JSON array"), {{"hook", "validate"}}));
    for (const auto& x : problems) {
        auto text_at = [&](const char* k) { auto it = x.find(k); return it != x.end() && it->is_string() ? it->get<std::string>() : std::string(); };
        if (!x.is_object() || (x.contains("row") && !x["row"].is_number_integer()))
            p.fail("plugin-failed", _("validate must return objects {\"field\", \"row\", \"message\"}"));
        std::string field = text_at("field");
        int row = x.value("row", 0);
        std::string where;
        for (const auto& f : p.manifest.fields)
            if (f.name == field) where = f.display();
        if (where.empty() && !field.empty()) where = "「" + field + "」";
        if (row > 0) where = i18n::format(_("{field} row {row}"), {{"field", where}, {"row", row}});
        std::string file = data_label;
        if (located && located->locate && !field.empty())
            if (auto o = row > 0 ? located->locate(field, static_cast<std::size_t>(row - 1), "") : located->locate("", 0, field))
                file = o->file;
        std::string message = text_at("message").empty() ? std::string(_("invalid")) : text_at("message");
        diags.error("invalid-data", file, where.empty() ? message : i18n::format(_("{where}: {message}"), {{"where", where}, {"message", message}}));
    }
    return problems.empty();
}

json LoadedPlugin::prepare(const json& data, const std::string& data_label) const {
    const Impl& p = *impl_;
    if (!p.table || !p.table->prepare) return with_frame(p.manifest, data);
    std::string text = data.dump();
    json out;
    try {
        out = p.call_json("prepare", [&](gongwen_sink* o, gongwen_sink* e) { return p.table->prepare(text.c_str(), o, e); });
    } catch (const Error& e) {
        // A hook that refuses the data ("上一轮反馈问题数 is 0") is a problem of the data: said on
        // the data file, as the schema's problems are, not on the library.
        if (data_label.empty() || e.diagnostics().empty()) throw;
        Diagnostic d = e.diagnostics().items().front();
        d.file = data_label;
        Diagnostics ds;
        ds.add(d);
        throw Error(ds);
    }
    if (!out.is_object()) p.fail("plugin-failed", i18n::format(_("{hook} must return the data as a JSON object"), {{"hook", "prepare"}}));
    return with_frame(p.manifest, std::move(out));
}

std::shared_ptr<const Template> LoadedPlugin::compile_template(DocFormat format, Diagnostics& diags) const {
    const Impl& p = *impl_;
    auto it = p.manifest.templates.find(format_name(format));
    if (it == p.manifest.templates.end())
        throw Error("no-template", p.manifest.dir + "/plugin.json",
                    i18n::format(_("plugin '{id}' has no .{format} template"), {{"id", p.manifest.id}, {"format", format_name(format)}}));
    TemplateOptions o;
    o.formatters = &p.formatters;
    std::error_code ec;
    std::shared_ptr<const Template> t;
    if (std::filesystem::is_directory(it->second, ec)) {
        // A template kept as XML: packed in memory, so plugin authors need no build step.
        Package packed = Package::read_memory(Package::from_folder(it->second).write_all(), it->second);
        t = Template::compile(std::move(packed), o, diags);
    } else {
        t = Template::compile_file(it->second, o, diags);
    }
    if (t->format() != format)
        throw Error("format-mismatch", it->second, i18n::format(_("the template is not a .{format} document"), {{"format", format_name(format)}}));
    return t;
}

std::string render_pattern(const std::string& pattern, const json& data, const FormatterRegistry& formatters) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
        std::size_t open = pattern.find("{{", pos);
        if (open == std::string::npos) break;
        std::size_t close = pattern.find("}}", open + 2);
        if (close == std::string::npos) break;
        out += pattern.substr(pos, open - pos);
        auto tag = detail::parse_tag(std::string_view(pattern).substr(open + 2, close - open - 2), formatters);
        if (tag.problems.empty() && tag.kind == detail::ParsedTag::Kind::value && tag.expr.kind == detail::Expr::Kind::path) {
            const json* cur = &data;
            for (const auto& seg : tag.expr.segments) {
                if (!cur->is_object() || !cur->contains(seg)) {
                    cur = nullptr;
                    break;
                }
                cur = &(*cur)[seg];
            }
            json v = cur ? *cur : json();
            try {
                for (const auto& f : tag.expr.filters) v = f.fn->apply(v, f.args);
                out += value_to_text(v);
            } catch (const std::exception&) {
                // A name pattern never fails a document: the value is left out.
            }
        }
        pos = close + 2;
    }
    out += pattern.substr(pos);
    return out;
}

void check_name_pattern(const std::string& pattern, const std::vector<FieldSpec>& fields, const std::string& file,
                        const std::string& what, Diagnostics& diags) {
    std::set<std::string> said;
    for (std::size_t open = pattern.find("{{"); open != std::string::npos; open = pattern.find("{{", open + 2)) {
        std::size_t close = pattern.find("}}", open + 2);
        if (close == std::string::npos) break;
        // {{ 单位 | upper }} -> 单位; {{单位.名称}} -> 单位
        std::string name = pattern.substr(open + 2, close - open - 2);
        name = name.substr(0, name.find('|'));
        name = std::string(text::trim(name.substr(0, name.find('.'))));
        if (name.empty() || field_for_key(fields, name) || !said.insert(name).second) continue;
        Diagnostic d;
        d.severity = Severity::warning;
        d.code = "unknown-pattern-field";
        d.file = file;
        d.tag = "{{" + name + "}}";
        // TRANSLATORS: {key} is the plugin.json key that holds the pattern (output)
        if (const FieldSpec* best = closest_field(fields, name))
            d.message = i18n::format(_("the file-name pattern ({key}) uses '{name}', which is no field: it stays empty in every name; did you mean {suggestion}?"),
                                     {{"key", what}, {"name", name}, {"suggestion", suggestion_text(*best)}});
        else
            d.message = i18n::format(_("the file-name pattern ({key}) uses '{name}', which is no field: it stays empty in every name"),
                                     {{"key", what}, {"name", name}});
        diags.add(d);
    }
}

} // namespace gongwen
