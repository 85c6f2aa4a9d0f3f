// Golden tests: every folder of tests/golden/ is a template, its data and what a user must get.
//
// A case folder holds template.docx or template.odt, data.json, optionally options.json
// ({"delimiters": [o, c], "paragraph_loop", "linebreaks", "strict", "strip_invalid_chars"}) and
//   expected.txt              the visible text of the rendered document: "== PART" before each
//                             text part, then one line per paragraph (tab as \t, line break as \n,
//                             page break as \f, backslash as \\)
//   expected-diagnostics.txt  the diagnostics, one per line, the template path written TEMPLATE;
//                             alone: the template must fail; with expected.txt: the warnings of a
//                             successful render (without it, a successful render must be silent)
//   expected-xpath.txt        optional, "PART<TAB>XPATH" per line: the XPath must select a node in
//                             that rendered part ("PART<TAB>!XPATH": must select none)
//   expected-media.txt        optional: the media parts of the output (word/media/…, Pictures/…), one a
//                             line, sorted — an image used many times is stored once
// Image tags read their files from the case folder (data.json's folder, as gongwen render does).
// The output is always read back: every XML part of the package must parse.
// GONGWEN_REGENERATE_GOLDEN=1 rewrites expected.txt / expected-diagnostics.txt from the actual
// output. Regenerate only the cases you changed (--gtest_filter='Cases/Golden.*/odt_values'): an
// expected file states what a user must get, which is not always what the engine does today;
// review every rewritten file by eye before committing it.
#include "gongwen/data.hpp"
#include "gongwen/diagnostics.hpp"
#include "gongwen/package.hpp"
#include "gongwen/template.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const fs::path& golden_dir() {
    static const fs::path dir = fs::path(GONGWEN_TEST_DATA) / "golden";
    return dir;
}

bool regenerating() {
    const char* v = std::getenv("GONGWEN_REGENERATE_GOLDEN");
    return v && std::strcmp(v, "1") == 0;
}

std::optional<std::string> read_if_exists(const fs::path& p) {
    if (!fs::exists(p)) return std::nullopt;
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_text(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + p.string());
}

/// The template of a case folder, or an empty path.
fs::path template_of(const fs::path& dir) {
    for (const char* name : {"template.docx", "template.odt"})
        if (fs::exists(dir / name)) return dir / name;
    return {};
}

/// Every case folder (one holding a template), sorted by name.
std::vector<std::string> case_names() {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(golden_dir(), ec))
        if (entry.is_directory() && !template_of(entry.path()).empty()) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// ---- visible text -----------------------------------------------------------------------

bool is(const pugi::xml_node& n, const char* name) { return std::strcmp(n.name(), name) == 0; }

/// Appends `s` to a line with \ , tab and line breaks written as two-character escapes.
void append_escaped(std::string& line, std::string_view s) {
    for (char c : s) {
        switch (c) {
        case '\\': line += "\\\\"; break;
        case '\t': line += "\\t"; break;
        case '\n': line += "\\n"; break;
        case '\f': line += "\\f"; break;
        case '\r': line += "\\r"; break;
        default: line += c;
        }
    }
}

/// WordprocessingML: one line per w:p, in document order, as Word shows it with tracked changes
/// accepted (no w:delText, no field codes). A paragraph nested in another (a text box) gets its
/// own line after its host's.
class DocxText {
public:
    explicit DocxText(std::vector<std::string>& lines) : lines_(lines) {}

    void walk(const pugi::xml_node& node) {
        for (auto n : node.children()) {
            if (n.type() != pugi::node_element) continue;
            if (is(n, "w:p")) {
                paragraph(n);
            } else if ((is(n, "w:footnote") || is(n, "w:endnote")) && *n.attribute("w:type").value()) {
                continue;  // separators, not text
            } else if (!is(n, "mc:Fallback")) {  // mc:Choice holds the same content
                walk(n);
            }
        }
    }

private:
    void paragraph(const pugi::xml_node& p) {
        std::string line;
        std::vector<pugi::xml_node> nested;
        runs(p, line, nested);
        lines_.push_back(std::move(line));
        for (const auto& q : nested) paragraph(q);
    }

    void runs(const pugi::xml_node& node, std::string& line, std::vector<pugi::xml_node>& nested) {
        for (auto n : node.children()) {
            if (n.type() != pugi::node_element) continue;
            bool in_run = is(n.parent(), "w:r");
            if (is(n, "w:p")) {
                nested.push_back(n);
            } else if (is(n, "w:t") && in_run) {
                // A raw line feed in w:t (a value rendered with linebreaks off) shows as a space.
                std::string t = n.text().get();
                std::replace_if(t.begin(), t.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
                append_escaped(line, t);
            } else if (is(n, "w:tab") && in_run) {
                line += "\\t";
            } else if ((is(n, "w:br") || is(n, "w:cr")) && in_run) {
                std::string_view type = n.attribute("w:type").value();
                line += type == "page" || type == "column" ? "\\f" : "\\n";
            } else if (is(n, "w:noBreakHyphen") && in_run) {
                line += '-';
            } else if (is(n, "w:pPr") || is(n, "w:rPr") || is(n, "w:delText") || is(n, "w:instrText") ||
                       is(n, "mc:Fallback")) {
                continue;
            } else {
                runs(n, line, nested);
            }
        }
    }

    std::vector<std::string>& lines_;
};

/// OpenDocument text: one line per text:p / text:h, white space collapsed as ODF 1.2 §6.1.2 says
/// (literal white space: one space, none at the start or end of the paragraph; text:s, text:tab
/// and text:line-break are kept). Note bodies and annotations get lines of their own afterwards.
class OdtText {
public:
    explicit OdtText(std::vector<std::string>& lines) : lines_(lines) {}

    void walk(const pugi::xml_node& node) {
        for (auto n : node.children()) {
            if (n.type() != pugi::node_element) continue;
            if (is(n, "text:p") || is(n, "text:h"))
                paragraph(n);
            else
                walk(n);
        }
    }

private:
    struct Line {
        std::string text;
        bool started = false;        // something visible written
        bool pending_space = false;  // a collapsed literal space, written if more text follows

        void put(std::string_view s) {
            if (pending_space) text += ' ';
            pending_space = false;
            started = true;
            append_escaped(text, s);
        }
    };

    void paragraph(const pugi::xml_node& p) {
        Line line;
        std::vector<pugi::xml_node> nested;
        content(p, line, nested);
        lines_.push_back(std::move(line.text));
        for (const auto& q : nested) walk_one(q);
    }

    void walk_one(const pugi::xml_node& n) {
        if (is(n, "text:p") || is(n, "text:h"))
            paragraph(n);
        else
            walk(n);
    }

    void content(const pugi::xml_node& node, Line& line, std::vector<pugi::xml_node>& nested) {
        for (auto n : node.children()) {
            if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
                for (char c : std::string_view(n.value())) {
                    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                        if (line.started) line.pending_space = true;
                    } else {
                        line.put(std::string_view(&c, 1));
                    }
                }
                continue;
            }
            if (n.type() != pugi::node_element) continue;
            if (is(n, "text:s")) {
                int count = n.attribute("text:c").as_int(1);
                line.put(std::string(static_cast<std::size_t>(std::max(count, 0)), ' '));
            } else if (is(n, "text:tab")) {
                line.put("\t");
            } else if (is(n, "text:line-break")) {
                line.put("\n");
            } else if (is(n, "text:note-body") || is(n, "office:annotation") || is(n, "draw:frame") ||
                       is(n, "text:p") || is(n, "text:h")) {
                nested.push_back(n);  // not part of this paragraph's text (ODF 1.2 §6.1.1)
            } else if (is(n, "text:ruby-text") || is(n, "office:annotation-end")) {
                continue;
            } else {
                content(n, line, nested);
            }
        }
    }

    std::vector<std::string>& lines_;
};

/// The text parts of a DOCX, as the package's relationships name them: the main document, then
/// its headers, footers, notes and comments in relationship order.
std::vector<std::string> docx_text_parts(const Package& pkg) {
    auto parse = [&](const std::string& name, pugi::xml_document& doc) {
        const std::string& xml = pkg.text(name);
        return static_cast<bool>(doc.load_buffer(xml.data(), xml.size()));
    };
    auto ends_with = [](std::string_view s, std::string_view suffix) {
        return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
    };
    std::string main = "word/document.xml";
    pugi::xml_document root_rels;
    if (pkg.find("_rels/.rels") && parse("_rels/.rels", root_rels))
        for (auto r : root_rels.document_element().children("Relationship"))
            if (ends_with(r.attribute("Type").value(), "/officeDocument")) main = r.attribute("Target").value();
    if (!main.empty() && main[0] == '/') main.erase(0, 1);
    std::vector<std::string> parts{main};
    std::string dir = main.substr(0, main.rfind('/') + 1);
    std::string rels_name = dir + "_rels/" + main.substr(dir.size()) + ".rels";
    pugi::xml_document rels;
    if (pkg.find(rels_name) && parse(rels_name, rels)) {
        for (auto r : rels.document_element().children("Relationship")) {
            std::string type = r.attribute("Type").value();
            bool text = false;
            for (const char* k : {"/header", "/footer", "/footnotes", "/endnotes", "/comments"}) text |= ends_with(type, k);
            if (!text || std::strcmp(r.attribute("TargetMode").value(), "External") == 0) continue;
            std::string target = r.attribute("Target").value();
            std::string name = target[0] == '/' ? target.substr(1) : dir + target;
            if (pkg.find(name) && std::find(parts.begin(), parts.end(), name) == parts.end()) parts.push_back(name);
        }
    }
    return parts;
}

/// The visible text of a rendered package, as expected.txt holds it.
std::string visible_text(const Package& pkg, DocFormat format) {
    std::vector<std::string> parts;
    if (format == DocFormat::docx) {
        parts = docx_text_parts(pkg);
    } else {
        parts = {"content.xml"};
        if (pkg.find("styles.xml")) parts.push_back("styles.xml");
    }
    std::string out;
    for (const auto& part : parts) {
        const std::string& xml = pkg.text(part);
        pugi::xml_document doc;
        if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata)) {
            ADD_FAILURE() << part << " does not parse";
            continue;
        }
        std::vector<std::string> lines;
        if (format == DocFormat::docx)
            DocxText(lines).walk(doc);
        else
            OdtText(lines).walk(doc);
        out += "== " + part + "\n";
        for (const auto& l : lines) out += l + "\n";
    }
    return out;
}

// ---- the runner ---------------------------------------------------------------------------

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    if (from.empty()) return s;
    for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
    return s;
}

std::string diagnostics_text(const Diagnostics& diags, const std::string& template_path) {
    std::string out;
    for (const auto& d : diags.items()) out += replace_all(d.to_string(), template_path, "TEMPLATE") + "\n";
    return out;
}

struct Options {
    TemplateOptions tmpl;
    RenderOptions render;
};

Options read_options(const fs::path& dir) {
    Options o;
    auto text = read_if_exists(dir / "options.json");
    if (!text) return o;
    json j = parse_json_text(*text, (dir / "options.json").string());
    for (const auto& [key, value] : j.items()) {
        if (key == "delimiters") {
            o.tmpl.open = value.at(0).get<std::string>();
            o.tmpl.close = value.at(1).get<std::string>();
        } else if (key == "paragraph_loop") {
            o.tmpl.paragraph_loop = value.get<bool>();
        } else if (key == "linebreaks") {
            o.tmpl.linebreaks = value.get<bool>();
        } else if (key == "strict") {
            o.render.strict = value.get<bool>();
        } else if (key == "strip_invalid_chars") {
            o.render.strip_invalid_chars = value.get<bool>();
        } else {
            throw std::runtime_error("options.json: unknown option '" + key + "'");
        }
    }
    return o;
}

/// Checks expected-xpath.txt against the rendered package.
void check_xpaths(const fs::path& file, const Package& out) {
    auto text = read_if_exists(file);
    if (!text) return;
    std::istringstream in(*text);
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        auto tab = line.find('\t');
        ASSERT_NE(tab, std::string::npos) << file.string() << ":" << line_no << ": expected PART<TAB>XPATH";
        std::string part = line.substr(0, tab);
        std::string xpath = line.substr(tab + 1);
        bool negate = !xpath.empty() && xpath[0] == '!';
        if (negate) xpath.erase(0, 1);
        ASSERT_NE(out.find(part), nullptr) << file.string() << ":" << line_no << ": no part " << part;
        pugi::xml_document doc;
        const std::string& xml = out.text(part);
        ASSERT_TRUE(doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata));
        pugi::xpath_node_set found;
        try {
            found = doc.select_nodes(xpath.c_str());
        } catch (const pugi::xpath_exception& e) {
            ADD_FAILURE() << file.string() << ":" << line_no << ": bad XPath: " << e.what();
            continue;
        }
        if (negate)
            EXPECT_TRUE(found.empty()) << file.string() << ":" << line_no << ": " << part << " has a node matching " << xpath;
        else
            EXPECT_FALSE(found.empty()) << file.string() << ":" << line_no << ": " << part << " has no node matching " << xpath;
    }
}

/// Compares `actual` with the file, or rewrites the file when regenerating.
void compare_or_regenerate(const fs::path& file, const std::string& actual) {
    if (regenerating()) {
        auto old = read_if_exists(file);
        if (!old || *old != actual) {
            write_text(file, actual);
            std::cout << "[ REGENERATED ] " << file.string() << " (review it)\n";
        }
        return;
    }
    auto expected = read_if_exists(file);
    ASSERT_TRUE(expected) << "missing " << file << " (GONGWEN_REGENERATE_GOLDEN=1 writes it; review it)";
    EXPECT_EQ(*expected, actual) << "in " << file;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, RendersAsExpected) {
    const fs::path dir = golden_dir() / GetParam();
    const fs::path tmpl_path = template_of(dir);
    const std::string path = tmpl_path.string();
    const fs::path text_file = dir / "expected.txt";
    const fs::path diag_file = dir / "expected-diagnostics.txt";

    Options options = read_options(dir);
    json data = read_json_file((dir / "data.json").string());
    options.render.images = image_source_for((dir / "data.json").string(), false);

    Diagnostics diags;
    std::optional<std::string> bytes;
    std::shared_ptr<const Template> tmpl;
    try {
        tmpl = Template::compile_file(path, options.tmpl, diags);
        if (tmpl->ok()) bytes = tmpl->render(data, options.render, diags);
    } catch (const Error& e) {
        diags.append(e.diagnostics());
    }
    const std::string diag_text = diagnostics_text(diags, path);

    if (!bytes) {
        // A failing case: only its diagnostics count.
        if (!regenerating()) {
            ASSERT_FALSE(fs::exists(text_file)) << "the render failed:\n" << diag_text;
        }
        compare_or_regenerate(diag_file, diag_text);
        return;
    }

    // A rendered document: read it back; every XML part must parse.
    Package out = Package::read_memory(*bytes, "rendered " + GetParam());
    auto ends_with = [](std::string_view s, std::string_view suffix) {
        return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
    };
    for (const auto& entry : out.entries()) {
        if (!ends_with(entry.name, ".xml") && !ends_with(entry.name, ".rels")) continue;
        pugi::xml_document doc;
        const std::string& content = out.text(entry.name);
        pugi::xml_parse_result res = doc.load_buffer(content.data(), content.size());
        EXPECT_TRUE(res) << entry.name << " is not well-formed XML: " << res.description() << " at offset " << res.offset;
    }

    if (!regenerating()) {
        ASSERT_FALSE(fs::exists(diag_file) && !fs::exists(text_file))
            << "the template was expected to fail, but rendered with:\n" << diag_text;
    }
    compare_or_regenerate(text_file, visible_text(out, tmpl->format()));
    if (regenerating() && diags.empty()) {
        fs::remove(diag_file);
    } else if (fs::exists(diag_file) || regenerating()) {
        compare_or_regenerate(diag_file, diag_text);
    } else {
        EXPECT_TRUE(diags.empty()) << "unexpected diagnostics (list them in expected-diagnostics.txt):\n" << diag_text;
    }
    check_xpaths(dir / "expected-xpath.txt", out);
    if (fs::exists(dir / "expected-media.txt")) {
        std::vector<std::string> media;
        for (const auto& e : out.entries())
            if (e.name.find("/media/") != std::string::npos || e.name.rfind("Pictures/", 0) == 0) media.push_back(e.name);
        std::sort(media.begin(), media.end());
        std::string listed;
        for (const auto& m : media) listed += m + "\n";
        compare_or_regenerate(dir / "expected-media.txt", listed);
    }
}

std::string case_test_name(const ::testing::TestParamInfo<std::string>& info) {
    std::string name = info.param;
    for (auto& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, ::testing::ValuesIn(case_names()), case_test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Golden);

// The runner's own text extraction, on hand-written XML: a wrong extractor would make every
// golden file wrong in the same way.

TEST(GoldenText, OdtCollapsesWhiteSpaceAsOdfSays) {
    std::vector<std::string> lines;
    pugi::xml_document doc;
    const char* xml =
        "<r xmlns:text=\"t\"><text:p>  a  b\n c <text:span> d</text:span> </text:p>"
        "<text:p><text:s text:c=\"2\"/>x<text:s/> <text:tab/>y<text:line-break/>z  </text:p>"
        "<text:p>n<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>note</text:p>"
        "</text:note-body></text:note></text:p></r>";
    ASSERT_TRUE(doc.load_string(xml, pugi::parse_default | pugi::parse_ws_pcdata));
    OdtText(lines).walk(doc);
    EXPECT_EQ(lines, (std::vector<std::string>{"a b c d", "  x  \\ty\\nz", "n1", "note"}));
}

TEST(GoldenText, DocxReadsRunsTabsBreaksAndSkipsDeletions) {
    std::vector<std::string> lines;
    pugi::xml_document doc;
    const char* xml =
        "<w:body xmlns:w=\"w\"><w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr>"
        "<w:r><w:t xml:space=\"preserve\"> a\\ </w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r>"
        "<w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins><w:r><w:t>new</w:t></w:r></w:ins>"
        "<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:br w:type=\"page\"/></w:r></w:p>"
        "<w:footnote w:type=\"separator\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote></w:body>";
    ASSERT_TRUE(doc.load_string(xml, pugi::parse_default | pugi::parse_ws_pcdata));
    DocxText(lines).walk(doc);
    EXPECT_EQ(lines, (std::vector<std::string>{" a\\\\ \\tb\\ncnew\\f"}));
}

}  // namespace
}  // namespace gongwen
