// CSV rows for `gongwen batch`: bytes in some encoding -> UTF-8 -> RFC 4180 records -> objects.
#include "gongwen/table.hpp"

#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/text.hpp"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>

namespace gongwen {
namespace {

using i18n::_;

[[noreturn]] void fail(const std::string& code, const std::string& label, int line, const std::string& message) {
    throw Error(code, line > 0 ? label + ":" + std::to_string(line) : label, message);
}

// The line a byte offset is on, counting CRLF, LF and a lone CR as one line break each, the
// way the parser does.
int line_at(std::string_view s, std::size_t offset) {
    int line = 1;
    for (std::size_t i = 0; i < offset && i < s.size(); ++i)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n'))) ++line;
    return line;
}

std::string hex_byte(unsigned char c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", c);
    return buf;
}

// Offset of the first ill-formed UTF-8 sequence, or npos. U8_NEXT rejects overlongs,
// surrogates and code points past U+10FFFF, as a strict decoder should.
std::size_t invalid_utf8_at(std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t i = 0, n = static_cast<int32_t>(s.size());
    while (i < n) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) return static_cast<std::size_t>(start);
    }
    return std::string_view::npos;
}

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};

// Converts from a legacy encoding to UTF-8 with ICU, stopping at the first byte sequence the
// encoding does not define (a substitution character would silently corrupt a name). `guessed`:
// the encoding is GB18030 because the file is not UTF-8, not because the user said so.
std::string convert_to_utf8(std::string_view bytes, const std::string& encoding, const std::string& label,
                            bool guessed) {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<UConverter, ConverterCloser> cv(ucnv_open(encoding.c_str(), &st));
    if (U_FAILURE(st))
        fail("bad-encoding", label, 0,
             i18n::format(_("unknown encoding '{encoding}'; use UTF-8, GB18030 or GBK"), {{"encoding", encoding}}));
    ucnv_setToUCallBack(cv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &st);
    // One input byte never yields more than one UTF-16 unit (4-byte GB18030 gives a pair).
    std::u16string units(bytes.size() + 1, u'\0');
    UChar* target = reinterpret_cast<UChar*>(units.data());
    const char* source = bytes.data();
    ucnv_toUnicode(cv.get(), &target, target + units.size(), &source, bytes.data() + bytes.size(), nullptr, true, &st);
    if (U_FAILURE(st)) {
        char bad[32];
        int8_t len = sizeof bad;
        UErrorCode st2 = U_ZERO_ERROR;
        ucnv_getInvalidChars(cv.get(), bad, &len, &st2);
        std::size_t off = static_cast<std::size_t>(source - bytes.data()) - static_cast<std::size_t>(U_SUCCESS(st2) ? len : 0);
        fail("bad-encoding", label, line_at(bytes, off),
             i18n::format(guessed ? _("byte {byte} is not valid {encoding} (the file is not UTF-8 either; name its encoding with --encoding)")
                                  : _("byte {byte} is not valid {encoding}"),
                          {{"byte", hex_byte(static_cast<unsigned char>(bytes[std::min(off, bytes.size() - 1)]))}, {"encoding", encoding}}));
    }
    units.resize(static_cast<std::size_t>(target - reinterpret_cast<UChar*>(units.data())));
    std::string out;
    int32_t needed = 0;
    st = U_ZERO_ERROR;
    u_strToUTF8(nullptr, 0, &needed, reinterpret_cast<const UChar*>(units.data()), static_cast<int32_t>(units.size()), &st);
    out.resize(static_cast<std::size_t>(needed));
    st = U_ZERO_ERROR;
    u_strToUTF8(out.data(), needed, &needed, reinterpret_cast<const UChar*>(units.data()), static_cast<int32_t>(units.size()), &st);
    if (U_FAILURE(st)) fail("bad-encoding", label, 0, i18n::format(_("cannot convert to UTF-8: {reason}"), {{"reason", u_errorName(st)}}));
    if (out.compare(0, 3, "\xEF\xBB\xBF") == 0) out.erase(0, 3);  // a BOM in the source encoding
    return out;
}

bool is_utf8_name(std::string name) {
    name.erase(std::remove_if(name.begin(), name.end(), [](char c) { return c == '-' || c == '_'; }), name.end());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    return name == "utf8";
}

// The text as UTF-8: explicit encodings are obeyed; "" honours a UTF-8 BOM, accepts valid
// UTF-8 and otherwise assumes GB18030, which is what Excel on a Chinese Windows writes.
std::string decode(std::string_view bytes, const std::string& encoding, const std::string& label) {
    bool bom = bytes.substr(0, 3) == "\xEF\xBB\xBF";
    if (encoding.empty() && !bom &&
        (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF"))
        fail("bad-encoding", label, 1, _("the file is UTF-16 (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" instead"));
    if (is_utf8_name(encoding) || (encoding.empty() && bom)) {
        if (bom) bytes.remove_prefix(3);
        std::size_t bad = invalid_utf8_at(bytes);
        if (bad != std::string_view::npos)
            fail("bad-encoding", label, line_at(bytes, bad),
                 i18n::format(_("byte {byte} is not valid UTF-8; if the file came from Excel on Chinese Windows, try --encoding GB18030"),
                              {{"byte", hex_byte(static_cast<unsigned char>(bytes[bad]))}}));
        return std::string(bytes);
    }
    if (encoding.empty()) {
        if (invalid_utf8_at(bytes) == std::string_view::npos) return std::string(bytes);
        return convert_to_utf8(bytes, "GB18030", label, true);
    }
    return convert_to_utf8(bytes, encoding, label, false);
}

struct Record {
    int line = 0;  // where the record begins
    std::vector<std::string> fields;  // trimmed
};

// RFC 4180 records, one at a time, over UTF-8 text (every delimiter is ASCII, so bytes will do).
class Parser {
public:
    Parser(std::string_view s, const std::string& label) : s_(s), label_(label) {}

    bool next(Record& r) {
        if (pos_ >= s_.size()) return false;
        r.line = line_;
        r.fields.clear();
        for (;;) {
            std::string field;
            std::size_t p = s_.find_first_not_of(" \t", pos_);
            if (p != std::string_view::npos && s_[p] == '"') {
                quoted(p + 1, field);
            } else {
                std::size_t end = std::min(s_.find_first_of(",\r\n", pos_), s_.size());
                field.assign(s_.substr(pos_, end - pos_));  // a stray quote here is kept as a character
                pos_ = end;
            }
            r.fields.push_back(std::string(text::trim(field)));
            if (pos_ >= s_.size()) return true;
            char c = s_[pos_++];
            if (c == ',') continue;
            if (c == '\r' && pos_ < s_.size() && s_[pos_] == '\n') ++pos_;
            ++line_;
            return true;
        }
    }

private:
    // A quoted field from just after its opening quote; line breaks inside become "\n".
    void quoted(std::size_t p, std::string& field) {
        int begin = line_;
        for (;;) {
            if (p >= s_.size())
                fail("bad-csv", label_, begin, _("the quoted field that begins on this line never ends (a missing closing quote?)"));
            char c = s_[p++];
            if (c == '"') {
                if (p < s_.size() && s_[p] == '"') {
                    field += '"';
                    ++p;
                    continue;
                }
                break;
            }
            if (c == '\r' || c == '\n') {
                if (c == '\r' && p < s_.size() && s_[p] == '\n') ++p;
                ++line_;
                c = '\n';
            }
            field += c;
        }
        p = std::min(s_.find_first_not_of(" \t", p), s_.size());
        if (p < s_.size() && s_[p] != ',' && s_[p] != '\r' && s_[p] != '\n')
            fail("bad-csv", label_, line_,
                 _("text follows a closing quote; inside a quoted field a quote is written twice (\"\")"));
        pos_ = p;
    }

    std::string_view s_;
    const std::string& label_;
    std::size_t pos_ = 0;
    int line_ = 1;
};

bool all_empty(const Record& r) {
    return std::all_of(r.fields.begin(), r.fields.end(), [](const std::string& f) { return f.empty(); });
}

} // namespace

DataTable read_csv_bytes(std::string_view bytes, const std::string& label, const TableOptions& opts) {
    std::string text = decode(bytes, opts.encoding, label);
    Parser parser(text, label);
    DataTable t;
    t.label = label;

    Record header;
    do {
        if (!parser.next(header)) fail("bad-csv", label, 0, _("the file has no rows: its first line must name the columns"));
    } while (all_empty(header));
    // Excel writes a trailing "," for every formatted but empty column: nameless columns at the
    // end are allowed, as long as no row puts a value under them.
    std::size_t named = header.fields.size();
    while (named > 0 && header.fields[named - 1].empty()) --named;
    for (std::size_t i = 0; i < named; ++i) {
        const std::string& name = header.fields[i];
        if (name.empty())
            fail("bad-header", label, header.line, i18n::format(_("column {n} of the header has no name"), {{"n", i + 1}}));
        auto prev = std::find(t.columns.begin(), t.columns.end(), name);
        if (prev != t.columns.end())
            fail("bad-header", label, header.line,
                 i18n::format(_("column {n} of the header, \"{name}\", repeats column {first}"),
                              {{"n", i + 1}, {"name", name}, {"first", prev - t.columns.begin() + 1}}));
        t.columns.push_back(name);
    }

    Record r;
    while (parser.next(r)) {
        if (all_empty(r)) continue;  // blank lines and ",,,"
        if (r.fields.size() != header.fields.size())
            fail("bad-csv", label, r.line,
                 i18n::format(i18n::P_("this row has {n} field but the header has {header} (a comma inside a value needs quotes)",
                                       "this row has {n} fields but the header has {header} (a comma inside a value needs quotes)",
                                       r.fields.size()),
                              {{"n", r.fields.size()}, {"header", header.fields.size()}}));
        if (t.rows.size() >= opts.max_rows)
            fail("too-many-rows", label, r.line,
                 i18n::format(i18n::P_("more than {n} row (raise it with --max-rows)", "more than {n} rows (raise it with --max-rows)",
                                       opts.max_rows),
                              {{"n", opts.max_rows}}));
        nlohmann::json row = nlohmann::json::object();
        for (std::size_t i = 0; i < r.fields.size(); ++i) {
            if (r.fields[i].empty()) continue;
            if (i >= named)
                fail("bad-csv", label, r.line,
                     i18n::format(_("field {n} holds \"{value}\" but its column has no name in the header"),
                                  {{"n", i + 1}, {"value", r.fields[i]}}));
            row[t.columns[i]] = std::move(r.fields[i]);
        }
        t.rows.push_back(std::move(row));
        t.row_numbers.push_back(r.line);
    }
    return t;
}

} // namespace gongwen
