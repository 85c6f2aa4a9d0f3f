// Packages: the zip container of a .docx, .odt or .xlsx. Read once, written many times.
#pragma once

#include <cstdint>
#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen {

/// Limits that keep a hostile package (a zip bomb) from exhausting the machine. A user may
/// raise them; exceeding one is an error, never an out-of-memory kill.
struct PackageLimits {
    std::uint64_t max_entries = 10000;                      ///< entries in the package
    std::uint64_t max_total_size = 1024ull * 1024 * 1024;   ///< sum of uncompressed sizes, bytes
    std::uint64_t max_ratio = 500;                          ///< uncompressed / compressed, per entry
    std::uint64_t ratio_floor = 1024 * 1024;                ///< entries smaller than this skip the ratio test
};

/// One entry of a package: its raw (still compressed) bytes and what the central directory says.
struct PackageEntry {
    std::string name;
    std::uint64_t size = 0;        ///< uncompressed
    std::uint32_t crc = 0;
    std::uint16_t method = 0;      ///< 0 stored, 8 deflated
    std::time_t mtime = 0;
    std::string raw;               ///< the bytes as stored in the archive
    std::string data;              ///< uncompressed bytes, kept for XML parts only
    bool has_data = false;
};

/// A package read fully into memory: thread-safe to read and to write from once built.
class Package {
public:
    /// Reads a package from a file; `label` names it in diagnostics. Throws Error on a missing,
    /// damaged, encrypted or oversized package.
    static Package read_file(const std::string& path, const PackageLimits& limits = {});
    /// Same, from bytes in memory.
    static Package read_memory(std::string_view bytes, const std::string& label,
                               const PackageLimits& limits = {});

    /// Builds a package from parts given as name and bytes, in order (`mimetype` first for ODF).
    static Package from_parts(const std::vector<std::pair<std::string, std::string>>& parts, const std::string& label);
    /// Packs a folder: every regular file below it, `mimetype` first, `[Content_Types].xml`
    /// next, the rest sorted by path. Throws Error naming the folder.
    static Package from_folder(const std::string& folder);

    /// Writes the package with every part deflated anew (`mimetype` stored).
    std::string write_all() const;

    const std::string& label() const { return label_; }
    const std::vector<PackageEntry>& entries() const { return entries_; }
    /// The entry of that name, or nullptr.
    const PackageEntry* find(std::string_view name) const;
    /// Uncompressed content of an XML-ish part (.xml, .rels, mimetype). Throws Error if absent.
    const std::string& text(std::string_view name) const;

    /// A part a rendering adds (an image tag's picture): deflated, or stored when `compress` is
    /// false (PNG and JPEG are compressed already).
    struct NewPart {
        std::string name;
        std::string data;
        bool compress = true;
    };

    /// Writes a new package: every entry in order, `replaced` parts deflated anew, all others
    /// copied as their raw compressed bytes, then the `added` parts; an ODT `mimetype` first and
    /// stored. Returns the zip bytes. Throws Error.
    std::string write(const std::map<std::string, std::string, std::less<>>& replaced,
                      const std::vector<NewPart>& added = {}) const;

private:
    std::string label_;
    std::vector<PackageEntry> entries_;
};

/// Writes bytes to `path` through a temp file in the same folder, renamed into place, so no
/// reader ever sees a half-written file. Without `overwrite`, an existing file is kept and an
/// Error says so. Throws Error naming the path on any failure, leaving nothing behind.
void write_file_atomically(const std::string& path, std::string_view bytes, bool overwrite);

/// Reads a whole file; throws Error naming the path.
std::string read_file_bytes(const std::string& path);

/// The document as LibreOffice must be handed it to lay out the page that Word and WPS lay out.
/// LibreOffice's DOCX import reads w:overflowPunct the wrong way round (val="0", "punctuation must
/// not hang into the margin", becomes hanging punctuation) while its DOCX export writes it right:
/// the copy says the opposite of the document (an absent element stays absent). Anything that is
/// not a readable DOCX comes back as it is.
std::string for_libreoffice(std::string_view bytes, const std::string& extension);

/// The file `input` itself, or a copy of it, `folder`/`name`, that LibreOffice lays out as Word
/// does (for_libreoffice): the file to hand to LibreOffice.
std::string libreoffice_input(const std::string& input, const std::string& folder, const std::string& name);

} // namespace gongwen
