// Template: finds the text parts of a DOCX or ODT package, compiles them, renders them.
#include "gongwen/template.hpp"

#include "gongwen/i18n.hpp"

#include "template/compiled.hpp"
#include "template/compiler.hpp"
#include "template/renderer.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <filesystem>
#include <cstring>

namespace gongwen {

namespace detail {

const FormatSpec& spec_for(DocFormat f) {
    static const FormatSpec docx{DocFormat::docx, "w:p", "", "w:tr", "w:tc", "", "w:tbl", "w:t"};
    static const FormatSpec odt{DocFormat::odt, "text:p", "text:h", "table:table-row", "table:table-cell",
                                "table:covered-table-cell", "table:table", ""};
    return f == DocFormat::docx ? docx : odt;
}

} // namespace detail

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

pugi::xml_document parse_small(const Package& pkg, const std::string& part) {
    pugi::xml_document doc;
    const std::string& xml = pkg.text(part);
    if (!doc.load_buffer(xml.data(), xml.size())) throw Error("malformed-xml", pkg.label(), "part '" + part + "' is not well-formed XML");
    return doc;
}

// "word/document.xml" + "../media/x.png" -> "media/x.png"; absolute targets start at the root.
std::string resolve_target(const std::string& base_dir, std::string target) {
    std::string path = target.size() && target[0] == '/' ? target.substr(1) : base_dir + target;
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        std::string seg = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (seg == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!seg.empty() && seg != ".") {
            parts.push_back(seg);
        }
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

std::string content_type_of(const pugi::xml_document& types, const std::string& part) {
    for (auto o : types.document_element().children("Override")) {
        std::string name = o.attribute("PartName").value();
        if (!name.empty() && name[0] == '/') name.erase(0, 1);
        if (name == part) return o.attribute("ContentType").value();
    }
    auto dot = part.rfind('.');
    std::string ext = dot == std::string::npos ? "" : lower(part.substr(dot + 1));
    for (auto d : types.document_element().children("Default"))
        if (lower(d.attribute("Extension").value()) == ext) return d.attribute("ContentType").value();
    return "";
}

// The text parts of a DOCX: the main part the package's relationships name, then its headers,
// footers, notes and comments.
std::vector<std::string> docx_parts(const Package& pkg) {
    std::string main;
    if (pkg.find("_rels/.rels")) {
        auto rels = parse_small(pkg, "_rels/.rels");
        for (auto r : rels.document_element().children("Relationship"))
            if (ends_with(r.attribute("Type").value(), "/officeDocument")) main = resolve_target("", r.attribute("Target").value());
    }
    if (main.empty()) main = "word/document.xml";
    if (!pkg.find(main)) throw Error("missing-part", pkg.label(), "the package has no main document part '" + main + "'");
    auto types = parse_small(pkg, "[Content_Types].xml");
    std::string type = content_type_of(types, main);
    if (type.find("wordprocessingml") == std::string::npos)
        throw Error("not-a-document", pkg.label(),
                    "the main part '" + main + "' is not a Word document (" + (type.empty() ? "no content type" : type) + ")");
    std::vector<std::string> parts{main};
    auto slash = main.rfind('/');
    std::string dir = slash == std::string::npos ? "" : main.substr(0, slash + 1);
    std::string rels_name = dir + "_rels/" + main.substr(dir.size()) + ".rels";
    if (pkg.find(rels_name)) {
        auto rels = parse_small(pkg, rels_name);
        static const char* kinds[] = {"/header", "/footer", "/footnotes", "/endnotes", "/comments"};
        for (auto r : rels.document_element().children("Relationship")) {
            if (std::strcmp(r.attribute("TargetMode").value(), "External") == 0) continue;
            std::string rtype = r.attribute("Type").value();
            if (std::none_of(std::begin(kinds), std::end(kinds), [&](const char* k) { return ends_with(rtype, k); })) continue;
            std::string target = resolve_target(dir, r.attribute("Target").value());
            if (pkg.find(target) && std::find(parts.begin(), parts.end(), target) == parts.end()) parts.push_back(target);
        }
    }
    return parts;
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
                    "--max-depth " + std::to_string(options.max_depth) + " is above the most this build supports (" +
                        std::to_string(kHardestDepth) + ")");
    if (options.open.empty() || options.close.empty())
        throw Error("bad-delimiters", package.label(), "delimiters must not be empty");
    const FormatterRegistry& formatters = options.formatters ? *options.formatters : FormatterRegistry::builtin();
    std::vector<std::string> parts;
    if (impl->format == DocFormat::docx) {
        parts = docx_parts(package);
    } else {
        if (!package.find("content.xml")) throw Error("missing-part", package.label(), "the package has no 'content.xml'");
        parts.push_back("content.xml");
        if (package.find("styles.xml")) parts.push_back("styles.xml");
    }
    std::size_t errors_before = diags.error_count();
    const auto& spec = detail::spec_for(impl->format);
    for (const auto& part : parts) {
        std::size_t first = diags.size();
        auto compiled = detail::compile_part(package.label(), part, package.text(part), spec, options, formatters,
                                             impl->tags, diags);
        diags.sort_from(first);
        if (compiled) impl->parts.push_back(std::move(*compiled));
    }
    impl->ok = diags.error_count() == errors_before;
    impl->package = std::move(package);
    return std::shared_ptr<const Template>(new Template(std::move(impl)));
}

std::shared_ptr<const Template> Template::compile_file(const std::string& path, const TemplateOptions& options,
                                                       Diagnostics& diags) {
    std::string name = path;
    while (name.size() > 1 && name.back() == '/') name.pop_back();
    auto want = format_from_extension(name);
    if (!want) throw Error("unknown-format", path, "a template must be a .docx or .odt file (or a folder of its XML parts named so)");
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
    for (const auto& part : impl_->parts) {
        std::string out;
        if (!detail::render_part(label(), part, data, impl_->options, options, out, diags)) ok = false;
        replaced.emplace(part.name, std::move(out));
    }
    if (!ok) return std::nullopt;
    return impl_->package.write(replaced);
}

std::optional<std::string> Template::render_part(const std::string& part, const nlohmann::json& data,
                                                 const RenderOptions& options, Diagnostics& diags) const {
    if (!impl_->ok) return std::nullopt;
    for (const auto& compiled : impl_->parts) {
        if (compiled.name != part) continue;
        std::string out;
        if (!detail::render_part(label(), compiled, data, impl_->options, options, out, diags)) return std::nullopt;
        return out;
    }
    const PackageEntry* e = impl_->package.find(part);
    if (!e || !e->has_data) return std::nullopt;
    return e->data;
}

} // namespace gongwen
