// Helpers shared by the unit tests: small packages built in memory, temp folders, the CLI.
#pragma once

#include "gongwen/package.hpp"

#include <pugixml.hpp>

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
    // English messages unless `env` asks for another language (LANG=…, LANGUAGE=…).
    std::string cmd = "env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=C.UTF-8 " + env + " '" + GONGWEN_BIN + "' " + args + " >'" + dir +
                      "/out' 2>'" + dir + "/err' </dev/null";
    int status = std::system(cmd.c_str());
    RunResult r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(dir + "/out");
    r.err = slurp(dir + "/err");
    std::filesystem::remove_all(dir);
    return r;
}

/// The visible paragraphs of a rendered document's main part, in order: DOCX w:p (w:t text,
/// w:tab as \t, w:br as \n), ODT text:p/text:h (text:s as spaces, tabs, line breaks).
inline std::vector<std::string> visible_paragraphs(const Package& pkg) {
    bool odt = pkg.find("mimetype") != nullptr;
    const std::string& xml = pkg.text(odt ? "content.xml" : "word/document.xml");
    pugi::xml_document doc;
    doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata);
    std::vector<std::string> out;
    auto paras = doc.select_nodes(odt ? "//text:p | //text:h" : "//w:p");
    paras.sort();
    for (const auto& x : paras) {
        std::string text;
        struct Walker : pugi::xml_tree_walker {
            std::string* text;
            bool odt;
            pugi::xml_node paragraph;
            // Text of a paragraph nested in this one (a text box's) belongs to that paragraph.
            bool own(pugi::xml_node n) const {
                for (pugi::xml_node up = n.parent(); up; up = up.parent()) {
                    std::string u = up.name();
                    if (u == "w:p" || u == "text:p" || u == "text:h") return up == paragraph;
                }
                return false;
            }
            bool for_each(pugi::xml_node& n) override {
                if (!own(n)) return true;
                std::string name = n.name();
                if (n.type() == pugi::node_pcdata) {
                    std::string parent = n.parent().name();
                    if (!odt && parent == "w:t") *text += n.value();
                    if (odt && parent != "text:note-citation") *text += n.value();
                } else if (name == "w:tab" || name == "text:tab") {
                    *text += "\t";
                } else if ((name == "w:br" && std::string(n.attribute("w:type").value()) != "page") ||
                           name == "text:line-break") {  // a page break is no line of text
                    *text += "\n";
                } else if (name == "text:s") {
                    *text += std::string(n.attribute("text:c").as_uint(1), ' ');
                }
                return true;
            }
        } walker;
        walker.text = &text;
        walker.odt = odt;
        walker.paragraph = x.node();
        x.node().traverse(walker);
        out.push_back(text);
    }
    return out;
}

/// True under CI (CI=true): a test whose input or tool is missing fails there instead of
/// skipping, so a green run never hides a test that did not run.
inline bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci && *ci && std::string(ci) != "false" && std::string(ci) != "0";
}

} // namespace gongwen::test

/// Skips the test for a missing input or tool — or fails it under CI (test::in_ci).
#define GONGWEN_SKIP_UNLESS_CI(why)                                                              \
    do {                                                                                        \
        if (::gongwen::test::in_ci()) FAIL() << why << " (CI=true: a missing input is a failure)"; \
        GTEST_SKIP() << why;                                                                    \
    } while (0)
