// Template: finds the text parts of a DOCX or ODT package, compiles them, renders them.
#include "gongwen/template.hpp"

#include "gongwen/i18n.hpp"

#include "template/compiled.hpp"
#include "template/compiler.hpp"
#include "template/images.hpp"
#include "template/renderer.hpp"
#include "formats/format.hpp"


#include <algorithm>
#include <optional>
#include <filesystem>
#include <cstring>

namespace gongwen {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

DocFormat detect_format(const Package& pkg) {
    if (const PackageEntry* m = pkg.find("mimetype")) {
        std::string type = m->data;
        while (!type.empty() && (type.back() == '\n' || type.back() == '\r' || type.back() == ' ')) type.pop_back();
        if (type == "application/vnd.oasis.opendocument.text") return DocFormat::odt;
        throw Error("wrong-mimetype", pkg.label(),
                    i18n::format(i18n::_("the package's mimetype is '{mimetype}', not an OpenDocument text (.odt)"),
                                 {{"mimetype", type.substr(0, 80)}}));
    }
    if (pkg.find("[Content_Types].xml")) return DocFormat::docx;
    throw Error("not-a-document", pkg.label(),
                i18n::_("the package is neither a DOCX (no [Content_Types].xml) nor an ODT (no mimetype)"));
}

} // namespace

const char* tag_kind_name(TagKind kind) {
    switch (kind) {
    case TagKind::value: return "value";
    case TagKind::section: return "section";
    case TagKind::inverted: return "inverted";
    case TagKind::close: return "close";
    case TagKind::image: return "image";
    }
    return "value";
}

const char* format_name(DocFormat f) { return f == DocFormat::docx ? "docx" : "odt"; }

DocFormat package_format(const Package& package) { return detect_format(package); }

void require_format_of_name(DocFormat have, const std::string& path) {
    std::string name = path;
    while (name.size() > 1 && name.back() == '/') name.pop_back();
    auto want = format_from_extension(name);
    if (!want) throw Error("unknown-format", path, i18n::_("the name must end in .docx or .odt"));
    if (have != *want)
        throw Error("format-mismatch", path,
                    i18n::format(have == DocFormat::docx ? i18n::_("the file is a DOCX package but its name ends in .{extension}")
                                                         : i18n::_("the file is an ODT package but its name ends in .{extension}"),
                                 {{"extension", format_name(*want)}}));
}

std::optional<DocFormat> format_from_extension(const std::string& path) {
    std::string p = lower(path);
    if (ends_with(p, ".docx")) return DocFormat::docx;
    if (ends_with(p, ".odt")) return DocFormat::odt;
    return std::nullopt;
}

Template::Template(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Template::~Template() = default;

DocFormat Template::format() const { return impl_->format; }
const std::string& Template::label() const { return impl_->package.label(); }
const std::vector<TagInfo>& Template::tags() const { return impl_->tags; }
bool Template::ok() const { return impl_->ok; }

std::shared_ptr<const Template> Template::compile(Package package, const TemplateOptions& options, Diagnostics& diags) {
    auto impl = std::make_unique<Impl>();
    impl->format = detect_format(package);
    impl->options = options;
    // Compiling and rendering recurse once per nesting level: keep far from the stack's end.
    constexpr int kHardestDepth = 5000;
    if (options.max_depth > kHardestDepth)
        throw Error("bad-option", package.label(),
                    i18n::format(i18n::_("--max-depth {depth} is above the most this build supports ({most})"),
                                 {{"depth", options.max_depth}, {"most", kHardestDepth}}));
    if (options.open.empty() || options.close.empty())
        throw Error("bad-delimiters", package.label(), i18n::_("delimiters must not be empty"));
    const FormatterRegistry& formatters = options.formatters ? *options.formatters : FormatterRegistry::builtin();
    const detail::FormatAdapter& format = detail::format_adapter(impl->format);
    std::vector<std::string> parts = format.text_parts(package);
    std::size_t errors_before = diags.error_count();
    impl->unique = detail::UniqueValues(format);
    for (const auto& part : parts) impl->unique.learn(package.text(part));
    for (const auto& part : parts) {
        std::size_t first = diags.size();
        auto compiled = detail::compile_part(package.label(), part, package.text(part), format, options, formatters,
                                             impl->tags, diags);
        diags.sort_from(first);
        if (compiled) {
            impl->has_images |= compiled->has_images;
            impl->parts.push_back(std::move(*compiled));
        }
    }
    // The pictures image tags write carry ids too: copies of them are kept unique.
    if (impl->has_images) impl->unique.learn(format.sample_inline_picture());
    impl->ok = diags.error_count() == errors_before;
    impl->package = std::move(package);
    return std::shared_ptr<const Template>(new Template(std::move(impl)));
}

std::shared_ptr<const Template> Template::compile_file(const std::string& path, const TemplateOptions& options,
                                                       Diagnostics& diags) {
    std::string name = path;
    while (name.size() > 1 && name.back() == '/') name.pop_back();
    auto want = format_from_extension(name);
    if (!want) {
        // A legacy .doc or an encrypted file named so: what it is says more than its name.
        if (std::error_code ec; std::filesystem::is_regular_file(path, ec)) {
            try {
                Package::read_file(path, options.package_limits);
            } catch (const Error& e) {
                const auto& items = e.diagnostics().items();
                if (!items.empty() && (items[0].code == "legacy-format" || items[0].code == "encrypted-package")) throw;
            }
        }
        throw Error("unknown-format", path,
                    i18n::_("a template must be a .docx or .odt file (or a folder of its XML parts named so)"));
    }
    std::error_code ec;
    // A template kept as XML (a folder named like the file) is packed in memory.
    Package pkg = std::filesystem::is_directory(path, ec)
                      ? Package::read_memory(Package::from_folder(path).write_all(), path, options.package_limits)
                      : Package::read_file(path, options.package_limits);
    auto t = compile(std::move(pkg), options, diags);
    require_format_of_name(t->format(), path);
    return t;
}

std::optional<std::string> Template::render(const nlohmann::json& data, const RenderOptions& options,
                                            Diagnostics& diags) const {
    if (!impl_->ok) {
        diags.error("template-has-errors", label(), "the template has errors; run 'gongwen inspect' to list them");
        return std::nullopt;
    }
    std::map<std::string, std::string, std::less<>> replaced;
    bool ok = true;
    // Only a template that carries unique ids pays for tracking them (the hot path of a batch).
    std::optional<detail::UniqueValues::Document> unique;
    if (!impl_->unique.empty()) unique.emplace(impl_->unique);
    // Likewise only a template with image tags gets a place for the document's images.
    std::optional<detail::ImageContext> images;
    if (impl_->has_images) images.emplace(detail::ImageContext{impl_->package, detail::format_adapter(impl_->format), options, nullptr});
    for (const auto& part : impl_->parts) {
        std::string out;
        if (!detail::render_part(label(), part, data, impl_->options, options, out, diags, images ? &*images : nullptr)) ok = false;
        if (ok && unique) unique->make_unique(out);
        replaced.emplace(part.name, std::move(out));
    }
    if (!ok) return std::nullopt;
    std::vector<Package::NewPart> added;
    if (images && images->document) images->document->finish(replaced, added);
    return impl_->package.write(replaced, added);
}

std::optional<std::string> Template::render_part(const std::string& part, const nlohmann::json& data,
                                                 const RenderOptions& options, Diagnostics& diags) const {
    if (!impl_->ok) return std::nullopt;
    for (const auto& compiled : impl_->parts) {
        if (compiled.name != part) continue;
        std::string out;
        detail::ImageContext images{impl_->package, detail::format_adapter(impl_->format), options, nullptr};
        if (!detail::render_part(label(), compiled, data, impl_->options, options, out, diags, &images)) return std::nullopt;
        if (!impl_->unique.empty()) detail::UniqueValues::Document(impl_->unique).make_unique(out);
        return out;
    }
    const PackageEntry* e = impl_->package.find(part);
    if (!e || !e->has_data) return std::nullopt;
    return e->data;
}

} // namespace gongwen
