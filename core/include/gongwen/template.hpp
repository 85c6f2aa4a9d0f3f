// Templates: a DOCX or ODT package compiled once, rendered with data many times.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gongwen/diagnostics.hpp"
#include "gongwen/formatters.hpp"
#include "gongwen/image.hpp"
#include "gongwen/package.hpp"

namespace gongwen {

enum class DocFormat { docx, odt };

/// "docx" or "odt".
const char* format_name(DocFormat f);
/// The format an output or template path names by its extension (.docx/.odt), if any.
std::optional<DocFormat> format_from_extension(const std::string& path);
/// The format a package is by its content: an ODT by its mimetype, a DOCX by
/// [Content_Types].xml. Throws Error naming the package when it is neither.
DocFormat package_format(const Package& package);
/// The one rule for a document named by a path, whether read (inspect, render, check) or written
/// (pack): throws Error("format-mismatch", path, …) unless `have` is the format its extension
/// (.docx/.odt) names, Error("unknown-format", …) when it names neither.
void require_format_of_name(DocFormat have, const std::string& path);

/// How a template is read.
struct TemplateOptions {
    std::string open = "{{";                  ///< opening delimiter
    std::string close = "}}";                 ///< closing delimiter
    bool paragraph_loop = true;               ///< loop tags alone in paragraphs repeat whole paragraphs
    bool linebreaks = true;                   ///< "\n" in a value becomes a line break, "\t" a tab
    const FormatterRegistry* formatters = nullptr;  ///< nullptr: the built-in set
    PackageLimits package_limits;             ///< zip bomb limits
    int max_depth = 100;                      ///< section nesting depth
    std::size_t max_tag_length = 4096;        ///< bytes between the delimiters
};

/// How data is rendered into a compiled template.
struct RenderOptions {
    bool strict = false;                      ///< a missing value is an error, not a warning
    bool strip_invalid_chars = false;         ///< drop characters XML 1.0 cannot hold instead of failing
    std::uint64_t max_part_size = 1024ull * 1024 * 1024;  ///< bytes of one rendered XML part
    /// Image tags: where a value's relative path starts (the data file's folder), whether a path
    /// may lead outside it (--safe-paths), the images' limits; null: the current folder, any path.
    /// Shared, so that a batch's rows share one.
    std::shared_ptr<const ImageSource> images;
    /// The data as the user named it (a file, a batch's "rows.xlsx:5"), for the problems of its
    /// images; "": the template's name.
    std::string data_label;
};

/// What a tag does: `{{x}}`, `{{#x}}`, `{{^x}}`, `{{/x}}`, `{{%x}}` (an image, docs/image-tags.md).
enum class TagKind { value, section, inverted, close, image };

/// "value", "section", "inverted", "close" or "image", as `gongwen inspect` prints it.
const char* tag_kind_name(TagKind kind);

/// One tag of a template, for `gongwen inspect`.
struct TagInfo {
    std::string name;        ///< the value path, e.g. "unit.name", "." or "@index"; "" for `{{/}}`
    TagKind kind = TagKind::value;
    std::string part;        ///< e.g. word/document.xml
    int paragraph = 0;       ///< 1-based in the part
    std::string text;        ///< the tag as written
    std::vector<std::string> filters;
};

/// A compiled template. Immutable and safe to render from many threads at once.
class Template {
public:
    /// Compiles a package. Every problem of the template goes to `diags`; the result is
    /// renderable only when no error was added. Throws Error when the package itself is not a
    /// DOCX/ODT one (missing main part, malformed XML, wrong mimetype).
    static std::shared_ptr<const Template> compile(Package package, const TemplateOptions& options,
                                                   Diagnostics& diags);
    /// Reads and compiles a template file; the format comes from its content and must match
    /// its extension. Throws Error as above.
    static std::shared_ptr<const Template> compile_file(const std::string& path, const TemplateOptions& options,
                                                        Diagnostics& diags);
    ~Template();

    DocFormat format() const;
    const std::string& label() const;
    /// Every tag found, in document order per part.
    const std::vector<TagInfo>& tags() const;
    /// True when compilation reported no error.
    bool ok() const;

    /// Renders `data` to the bytes of a new package. On an error (and with `strict`, on a
    /// missing value) returns nothing; every problem, warnings included, goes to `diags`.
    std::optional<std::string> render(const nlohmann::json& data, const RenderOptions& options,
                                      Diagnostics& diags) const;

    /// One XML part of what render() would write — rendered when it is a template part, as the
    /// template holds it otherwise — without packaging anything (for reading a rendered document
    /// cheaply). Nothing when the part does not exist or does not render.
    std::optional<std::string> render_part(const std::string& part, const nlohmann::json& data, const RenderOptions& options,
                                           Diagnostics& diags) const;

    struct Impl;

private:
    explicit Template(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace gongwen
