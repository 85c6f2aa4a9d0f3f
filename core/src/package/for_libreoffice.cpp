// A DOCX made ready for LibreOffice's import (gongwen/package.hpp: for_libreoffice).
#include "gongwen/diagnostics.hpp"
#include "gongwen/package.hpp"

#include <filesystem>
#include <map>
#include <string>

namespace gongwen {

// LibreOffice's DOCX import reads w:overflowPunct the wrong way round: writerfilter maps
// val="0" — Word's and WPS's "punctuation must not hang into the margin" — to hanging
// punctuation, and val="1" to none. The copy handed to LibreOffice says the opposite of what
// the document says (an absent element stays absent), so that LibreOffice lays out the page
// that Word lays out. Anything that is not a readable DOCX is handed over as it is.
std::string for_libreoffice(std::string_view bytes, const std::string& extension) {
    if (extension != "docx") return std::string(bytes);
    try {
        Package pkg = Package::read_memory(bytes, "document.docx");
        std::map<std::string, std::string, std::less<>> replaced;
        for (const char* part : {"word/styles.xml", "word/document.xml"}) {
            const PackageEntry* e = pkg.find(part);
            if (!e || !e->has_data || e->data.find("overflowPunct") == std::string::npos) continue;
            std::string xml = e->data, out;
            std::size_t from = 0;
            for (std::size_t at; (at = xml.find("<w:overflowPunct", from)) != std::string::npos;) {
                std::size_t end = xml.find("/>", at);
                if (end == std::string::npos) break;
                std::string element = xml.substr(at, end + 2 - at);
                bool on = element.find("w:val=\"0\"") == std::string::npos && element.find("w:val=\"false\"") == std::string::npos &&
                          element.find("w:val=\"off\"") == std::string::npos;
                out += xml.substr(from, at - from) + (on ? "<w:overflowPunct w:val=\"0\"/>" : "<w:overflowPunct w:val=\"1\"/>");
                from = end + 2;
            }
            out += xml.substr(from);
            replaced.emplace(part, std::move(out));
        }
        return replaced.empty() ? std::string(bytes) : pkg.write(replaced);
    } catch (const Error&) {
        return std::string(bytes);  // LibreOffice says what is wrong with it
    }
}

std::string libreoffice_input(const std::string& input, const std::string& folder, const std::string& name) {
    std::string ext = std::filesystem::path(input).extension().string();
    if (ext != ".docx") return input;
    std::string bytes = read_file_bytes(input);
    std::string fixed = for_libreoffice(bytes, "docx");
    if (fixed == bytes) return input;
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    std::string copy = folder + "/" + name;
    write_file_atomically(copy, fixed, true);
    return copy;
}

} // namespace gongwen
