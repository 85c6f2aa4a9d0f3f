// Helpers shared by the unit tests: small packages built in memory, temp folders, the CLI.
#pragma once

#include "gongwen/package.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace gongwen::test {

inline const char* kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A minimal DOCX whose body is `body` (w:p elements), as zip bytes.
inline std::string make_docx(const std::string& body, std::vector<std::pair<std::string, std::string>> extra = {}) {
    std::vector<std::pair<std::string, std::string>> parts = {
        {"[Content_Types].xml",
         R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
         R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
         R"(<Default Extension="xml" ContentType="application/xml"/>)"
         R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)"},
        {"_rels/.rels",
         R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
         R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)"},
        {"word/document.xml", std::string(R"(<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w=")") + kWordNs +
                                  R"("><w:body>)" + body + "</w:body></w:document>"},
    };
    for (auto& e : extra) parts.push_back(std::move(e));
    return Package::from_parts(parts, "test.docx").write_all();
}

/// A paragraph holding one run of text.
inline std::string para(const std::string& text) { return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"; }

/// A fresh empty folder under the system temp folder.
inline std::string temp_dir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "gongwen-test-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) std::abort();
    return tmpl;
}

inline void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct RunResult {
    int code = -1;
    std::string out, err;
};

/// Runs the gongwen binary with `args` (already shell-quoted), capturing stdout and stderr.
inline RunResult run_gongwen(const std::string& args, const std::string& env = "") {
    std::string dir = temp_dir();
    std::string cmd = (env.empty() ? std::string() : "env " + env + " ") + "'" + GONGWEN_BIN + "' " + args + " >'" + dir + "/out' 2>'" + dir + "/err' </dev/null";
    int status = std::system(cmd.c_str());
    RunResult r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(dir + "/out");
    r.err = slurp(dir + "/err");
    std::filesystem::remove_all(dir);
    return r;
}

} // namespace gongwen::test
