#include "gongwen/data.hpp"

#include "gongwen/diagnostics.hpp"
#include "gongwen/package.hpp"

#include <algorithm>
#include <cctype>

namespace gongwen {

nlohmann::json parse_json_text(const std::string& text, const std::string& label) {
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // Turn nlohmann's byte offset into a line and column a user can find.
        std::size_t off = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
        std::size_t line = 1, col = 1;
        for (std::size_t i = 0; i < off; ++i) {
            if (text[i] == '\n') {
                ++line;
                col = 1;
            } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
                ++col;
            }
        }
        std::string what = e.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." -> the part after ": "
        auto colon = what.find(": ");
        if (colon != std::string::npos) what = what.substr(colon + 2);
        Diagnostic d;
        d.code = "bad-json";
        d.file = label + ":" + std::to_string(line) + ":" + std::to_string(col);
        d.message = what;
        Diagnostics ds;
        ds.add(d);
        throw Error(ds);
    } catch (const nlohmann::json::exception& e) {
        // Not a syntax error but a value nlohmann cannot hold, such as the number 37e7777.
        std::string what = e.what();
        auto bracket = what.find("] ");
        throw Error("bad-json", label, bracket == std::string::npos ? what : what.substr(bracket + 2));
    }
}

nlohmann::json read_json_file(const std::string& path) {
    std::string bytes = read_file_bytes(path);
    // A spreadsheet holds rows: one document per row is what `gongwen batch` makes.
    auto ends_with = [&](const char* ext) {
        std::string e = ext;
        return path.size() >= e.size() && std::equal(e.rbegin(), e.rend(), path.rbegin(),
                                                     [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
    };
    bool zip = bytes.rfind("PK\x03\x04", 0) == 0;
    if (zip || ends_with(".xlsx") || ends_with(".xls") || ends_with(".csv") || ends_with(".ods"))
        throw Error("not-json", path,
                    std::string(zip || ends_with(".xlsx") || ends_with(".xls") || ends_with(".ods") ? "this is a spreadsheet"
                                                                                               : "this is a CSV table") +
                        ", not the JSON data of one document: `gongwen batch TYPE --data " + path +
                        " --out-dir FOLDER` makes one document per row");
    return parse_json_text(bytes, path);
}

} // namespace gongwen
