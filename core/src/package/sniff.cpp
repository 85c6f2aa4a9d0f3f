#include "package/sniff.hpp"

#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"

#include <cstdint>
#include <set>

namespace gongwen::detail {

using i18n::_;

namespace {

constexpr std::string_view kCompoundMagic("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);

unsigned le16(std::string_view b, std::size_t at) {
    return static_cast<unsigned char>(b[at]) | (static_cast<unsigned>(static_cast<unsigned char>(b[at + 1])) << 8);
}

// The names of the storages and streams of a compound file (MS-CFB). Directory entries are
// 128 bytes, aligned on 128 in sectors after the header: each aligned slot whose name length
// and object type are plausible and whose name is ASCII in UTF-16LE counts. Finding a stream's
// name is all that is asked here; nothing of it is read.
std::set<std::string> compound_entry_names(std::string_view b) {
    std::set<std::string> names;
    for (std::size_t at = 512; at + 128 <= b.size(); at += 128) {
        unsigned len = le16(b, at + 64);  // bytes, with the terminating NUL
        unsigned char type = static_cast<unsigned char>(b[at + 66]);
        if (len < 4 || len > 64 || len % 2 != 0 || (type != 1 && type != 2 && type != 5)) continue;
        if (le16(b, at + len - 2) != 0) continue;
        std::string name;
        for (unsigned i = 0; i + 2 < len; i += 2) {
            unsigned c = le16(b, at + i);
            if (c < 0x20 || c > 0x7e) {
                name.clear();
                break;
            }
            name.push_back(static_cast<char>(c));
        }
        if (!name.empty()) names.insert(name);
    }
    return names;
}

std::uint32_t le32(std::string_view b, std::size_t at) {
    return le16(b, at) | (static_cast<std::uint32_t>(le16(b, at + 2)) << 16);
}

} // namespace

void refuse_compound_file(std::string_view bytes, const std::string& label) {
    if (bytes.substr(0, kCompoundMagic.size()) != kCompoundMagic) return;
    std::set<std::string> names = compound_entry_names(bytes);
    if (names.count("EncryptedPackage") || names.count("EncryptionInfo"))
        throw Error("encrypted-package", label,
                    _("the document is encrypted (saved with a password) — remove the password in the office suite first"));
    if (names.count("WordDocument"))
        throw Error("legacy-format", label,
                    _("a Word 97–2003 .doc, not a .docx: convert it to .docx in the office suite first (Save As)"));
    if (names.count("Workbook") || names.count("Book"))
        throw Error("legacy-format", label,
                    _("an Excel 97–2003 .xls, not a .xlsx: convert it to .xlsx in the office suite first (Save As)"));
    throw Error("legacy-format", label,
                _("an OLE compound file (an Office 97–2003 format), not a zip package (.docx/.odt/.xlsx): "
                  "convert it in the office suite first"));
}

void refuse_encrypted_odf(std::string_view manifest, const std::string& label) {
    if (manifest.find(":encryption-data") != std::string_view::npos ||
        manifest.find("<encryption-data") != std::string_view::npos)
        throw Error("encrypted-package", label,
                    _("the document is encrypted (saved with a password) — remove the password in the office suite first"));
}

void require_local_names_match(std::string_view b, const std::string& label) {
    std::size_t end = b.size() >= 22 ? b.rfind(std::string_view("PK\x05\x06", 4)) : std::string_view::npos;
    if (end == std::string_view::npos || end + 22 > b.size()) return;
    std::uint32_t count = le16(b, end + 10), offset = le32(b, end + 16);
    if (offset == 0xFFFFFFFFu || count == 0xFFFFu) return;
    std::size_t at = offset;
    for (std::uint32_t i = 0; i < count; ++i) {
        if (at + 46 > b.size() || le32(b, at) != 0x02014b50u) return;  // libzip judged the directory
        std::size_t name_len = le16(b, at + 28), extra = le16(b, at + 30), comment = le16(b, at + 32);
        std::uint32_t local = le32(b, at + 42);
        if (at + 46 + name_len > b.size() || local == 0xFFFFFFFFu) return;
        std::string_view name = b.substr(at + 46, name_len);
        bool same = static_cast<std::size_t>(local) + 30 <= b.size() && le32(b, local) == 0x04034b50u &&
                    le16(b, local + 26) == name_len && b.substr(local + 30, name_len) == name;
        if (!same)
            throw Error("damaged-package", label,
                        i18n::format(_("entry '{entry}': its local header does not name it so (readers would disagree on the package's content)"),
                                     {{"entry", std::string(name)}}));
        at += 46 + name_len + extra + comment;
    }
}

} // namespace gongwen::detail
