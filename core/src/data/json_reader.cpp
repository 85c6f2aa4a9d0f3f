#include "gongwen/data.hpp"

#include "data/json_error.hpp"
#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/package.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>
#include <optional>

namespace gongwen {

using i18n::_;
using i18n::N_;

namespace detail {

namespace {

// The words nlohmann puts in its syntax errors: (English, translatable) pairs, N_ so that
// xgettext finds them.
struct Word {
    const char* english;
    const char* message;
};

// TRANSLATORS: what nlohmann-json was reading, in "syntax error while parsing {context} - …"
const Word kContexts[] = {{"value", N_("value")},   {"object key", N_("object key")}, {"object separator", N_("object separator")},
                          {"object", N_("object")}, {"array", N_("array")}};

// TRANSLATORS: a JSON token, in "unexpected {token}; expected {expected}"
const Word kTokens[] = {{"true literal", N_("true literal")},     {"false literal", N_("false literal")},
                        {"null literal", N_("null literal")},     {"string literal", N_("string literal")},
                        {"number literal", N_("number literal")}, {"end of input", N_("end of input")},
                        {"'[', '{', or a literal", N_("'[', '{', or a literal")},
                        {"unknown token", N_("unknown token")},   {"<parse error>", N_("<parse error>")},
                        {"'['", N_("'['")}, {"'{'", N_("'{'")}, {"']'", N_("']'")}, {"'}'", N_("'}'")},
                        {"':'", N_("':'")}, {"','", N_("','")}};

// The lexer's problems, as nlohmann writes them.
const char* const kProblems[] = {
    N_("invalid string: missing closing quote"),
    N_("invalid string: ill-formed UTF-8 byte"),
    N_("invalid string: '\\u' must be followed by 4 hex digits"),
    N_("invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF"),
    N_("invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF"),
    N_("invalid string: forbidden character after backslash"),
    N_("invalid comment; missing closing '*/'"),
    N_("invalid comment; expecting '/' or '*' after '/'"),
    N_("invalid number; expected digit after '-'"),
    N_("invalid number; expected digit after '.'"),
    N_("invalid number; expected digit after exponent sign"),
    N_("invalid literal"),
    N_("invalid BOM; must be 0xEF 0xBB 0xBF if given"),
};

std::string word(const Word* table, std::size_t n, const std::string& english, bool* known = nullptr) {
    for (std::size_t i = 0; i < n; ++i)
        if (english == table[i].english) {
            if (known) *known = true;
            return _(table[i].message);
        }
    if (known) *known = false;
    return english;  // '[', ':' and the like need no translation
}

bool starts(const std::string& s, const char* prefix) { return s.compare(0, std::strlen(prefix), prefix) == 0; }

std::optional<std::string> problem_text(const std::string& p) {
    for (const char* known : kProblems)
        if (p == known) return std::string(_(known));
    // "invalid string: control character U+0009 (HT) must be escaped to \u0009 or \t"
    const char* control = "invalid string: control character ";
    const char* escaped = " must be escaped to ";
    auto at = p.find(escaped);
    if (starts(p, control) && at != std::string::npos) {
        std::string ch = p.substr(std::strlen(control), at - std::strlen(control)), esc = p.substr(at + std::strlen(escaped));
        auto either = esc.find(" or ");
        if (either == std::string::npos)
            return i18n::format(_("invalid string: control character {char} must be escaped to {escape}"), {{"char", ch}, {"escape", esc}});
        return i18n::format(_("invalid string: control character {char} must be escaped to {escape} or {short}"),
                            {{"char", ch}, {"escape", esc.substr(0, either)}, {"short", esc.substr(either + 4)}});
    }
    return std::nullopt;
}

} // namespace

std::string json_error_text(const std::string& what) {
    if (i18n::language() == i18n::Language::english) return what;
    const char* overflow = "number overflow parsing '";
    if (starts(what, overflow) && what.size() > std::strlen(overflow) && what.back() == '\'')
        return i18n::format(_("number overflow parsing '{text}'"),
                            {{"text", what.substr(std::strlen(overflow), what.size() - std::strlen(overflow) - 1)}});
    const char* syntax = "syntax error while parsing ";
    auto dash = what.find(" - ");
    if (!starts(what, syntax) || dash == std::string::npos) return what;
    bool known = false;
    std::string context = word(kContexts, std::size(kContexts), what.substr(std::strlen(syntax), dash - std::strlen(syntax)), &known);
    if (!known) return what;
    std::string rest = what.substr(dash + 3), expected;
    // "; expected '}'" ends it when the parser knew what it wanted.
    std::string tail;
    for (const char* token : {"end of input", "string literal", "'[', '{', or a literal", "':'", "']'", "'}'", "','"}) {
        std::string t = std::string("; expected ") + token;
        if (rest.size() > t.size() && rest.compare(rest.size() - t.size(), t.size(), t) == 0 && t.size() > tail.size()) {
            tail = t;
            expected = word(kTokens, std::size(kTokens), token);
        }
    }
    rest.erase(rest.size() - tail.size());
    if (starts(rest, "unexpected ")) {
        std::string token = word(kTokens, std::size(kTokens), rest.substr(std::strlen("unexpected ")));
        return expected.empty()
                   ? i18n::format(_("syntax error while parsing {context} - unexpected {token}"), {{"context", context}, {"token", token}})
                   : i18n::format(_("syntax error while parsing {context} - unexpected {token}; expected {expected}"),
                                  {{"context", context}, {"token", token}, {"expected", expected}});
    }
    const char* last = "; last read: '";
    auto l = rest.find(last);
    if (l == std::string::npos || rest.back() != '\'') return what;
    auto problem = problem_text(rest.substr(0, l));
    if (!problem) return what;
    std::string text = rest.substr(l + std::strlen(last), rest.size() - l - std::strlen(last) - 1);
    return expected.empty()
               ? i18n::format(_("syntax error while parsing {context} - {problem}; last read: '{text}'"),
                              {{"context", context}, {"problem", *problem}, {"text", text}})
               : i18n::format(_("syntax error while parsing {context} - {problem}; last read: '{text}'; expected {expected}"),
                              {{"context", context}, {"problem", *problem}, {"text", text}, {"expected", expected}});
}

} // namespace detail

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
        d.message = detail::json_error_text(what);
        Diagnostics ds;
        ds.add(d);
        throw Error(ds);
    } catch (const nlohmann::json::exception& e) {
        // Not a syntax error but a value nlohmann cannot hold, such as the number 37e7777.
        std::string what = e.what();
        auto bracket = what.find("] ");
        throw Error("bad-json", label, detail::json_error_text(bracket == std::string::npos ? what : what.substr(bracket + 2)));
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
                    i18n::format(zip || ends_with(".xlsx") || ends_with(".xls") || ends_with(".ods")
                                     ? _("this is a spreadsheet, not the JSON data of one document: "
                                         "`gongwen batch TYPE --data {file} --out-dir FOLDER` makes one document per row")
                                     : _("this is a CSV table, not the JSON data of one document: "
                                         "`gongwen batch TYPE --data {file} --out-dir FOLDER` makes one document per row"),
                                 {{"file", path}}));
    return parse_json_text(bytes, path);
}

} // namespace gongwen
