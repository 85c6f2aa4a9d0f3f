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

} // namespace gongwen::detail
