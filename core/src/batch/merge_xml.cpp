#include "batch/merge_xml.hpp"

#include <cstdint>

namespace gongwen::batch::xml {

namespace {

enum class Kind { start, end, empty, other };

struct Tag {
    Kind kind = Kind::other;
    std::size_t begin = 0, end = 0;  // '<' .. after '>'
    std::size_t name_end = 0;
    std::string_view name;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The next tag at or after `pos`; false at the end of the text.
bool next_tag(std::string_view xml, std::size_t pos, Tag& t) {
    std::size_t lt = xml.find('<', pos);
    if (lt == std::string_view::npos || lt + 1 >= xml.size()) return false;
    t.begin = lt;
    t.name = {};
    auto skip_to = [&](std::string_view close) {
        std::size_t e = xml.find(close, lt + 1);
        t.end = e == std::string_view::npos ? xml.size() : e + close.size();
        t.kind = Kind::other;
        return true;
    };
    char c = xml[lt + 1];
    if (c == '!') {
        if (xml.substr(lt, 4) == "<!--") return skip_to("-->");
        if (xml.substr(lt, 9) == "<![CDATA[") return skip_to("]]>");
        return skip_to(">");
    }
    if (c == '?') return skip_to("?>");
    bool closing = c == '/';
    std::size_t n = lt + (closing ? 2 : 1), ne = n;
    while (ne < xml.size() && !is_space(xml[ne]) && xml[ne] != '>' && xml[ne] != '/') ++ne;
    t.name = xml.substr(n, ne - n);
    t.name_end = ne;
    // The end of the tag: '>' outside quotes.
    char quote = 0;
    std::size_t i = ne;
    for (; i < xml.size(); ++i) {
        char d = xml[i];
        if (quote) {
            if (d == quote) quote = 0;
        } else if (d == '"' || d == '\'') {
            quote = d;
        } else if (d == '>') {
            break;
        }
    }
    t.end = i < xml.size() ? i + 1 : xml.size();
    if (closing) t.kind = Kind::end;
    else t.kind = (i > 0 && xml[i - 1] == '/') ? Kind::empty : Kind::start;
    return true;
}

// Where the element whose start tag is `t` ends (after its end tag).
std::size_t element_end(std::string_view xml, const Tag& t) {
    if (t.kind == Kind::empty) return t.end;
    int depth = 1;
    Tag u;
    std::size_t pos = t.end;
    while (next_tag(xml, pos, u)) {
        pos = u.end;
        if (u.kind == Kind::start) ++depth;
        else if (u.kind == Kind::end && --depth == 0) return u.end;
    }
    return xml.size();
}

// Calls fn(name_begin, name_end, value_begin, value_end) for each attribute of tag t.
template <class Fn>
void for_each_attribute(std::string_view xml, const Tag& t, Fn&& fn) {
    std::size_t i = t.name_end;
    while (i < t.end) {
        while (i < t.end && is_space(xml[i])) ++i;
        if (i >= t.end || xml[i] == '/' || xml[i] == '>') return;
        std::size_t nb = i;
        while (i < t.end && xml[i] != '=' && !is_space(xml[i])) ++i;
        std::size_t ne = i;
        while (i < t.end && (is_space(xml[i]) || xml[i] == '=')) ++i;
        if (i >= t.end) return;
        char q = xml[i];
        if (q != '"' && q != '\'') return;
        std::size_t vb = ++i;
        while (i < t.end && xml[i] != q) ++i;
        fn(nb, ne, vb, i);
        ++i;
    }
}

} // namespace

std::vector<Span> children(std::string_view content) {
    std::vector<Span> out;
    Tag t;
    std::size_t pos = 0;
    while (next_tag(content, pos, t)) {
        if (t.kind == Kind::start || t.kind == Kind::empty) {
            std::size_t e = element_end(content, t);
            out.push_back({t.begin, e, t.name});
            pos = e;
        } else {
            pos = t.end;
        }
    }
    return out;
}

std::optional<Span> find_element(std::string_view xml, std::string_view name, std::size_t from) {
    Tag t;
    std::size_t pos = from;
    while (next_tag(xml, pos, t)) {
        if ((t.kind == Kind::start || t.kind == Kind::empty) && t.name == name) return Span{t.begin, element_end(xml, t), t.name};
        pos = t.end;
    }
    return std::nullopt;
}

std::pair<std::size_t, std::size_t> inner(std::string_view xml, const Span& span) {
    Tag t;
    if (!next_tag(xml, span.begin, t) || t.kind == Kind::empty) return {span.end, span.end};
    std::size_t close = span.end > 0 ? xml.rfind("</", span.end - 1) : std::string_view::npos;
    if (close == std::string_view::npos || close < t.end) close = t.end;
    return {t.end, close};
}

std::optional<std::string> attribute(std::string_view xml, std::size_t tag, std::string_view name) {
    Tag t;
    if (!next_tag(xml, tag, t)) return std::nullopt;
    std::optional<std::string> out;
    for_each_attribute(xml, t, [&](std::size_t nb, std::size_t ne, std::size_t vb, std::size_t ve) {
        if (!out && xml.substr(nb, ne - nb) == name) out = unescape(xml.substr(vb, ve - vb));
    });
    return out;
}

std::string rewrite_attributes(std::string_view xml, const AttributeRewrite& fn) {
    std::string out;
    std::size_t copied = 0;
    Tag t;
    std::size_t pos = 0;
    while (next_tag(xml, pos, t)) {
        pos = t.end;
        if (t.kind != Kind::start && t.kind != Kind::empty) continue;
        for_each_attribute(xml, t, [&](std::size_t nb, std::size_t ne, std::size_t vb, std::size_t ve) {
            auto r = fn(t.name, xml.substr(nb, ne - nb), xml.substr(vb, ve - vb));
            if (!r) return;
            if (out.empty()) out.reserve(xml.size() + 256);
            out.append(xml.substr(copied, vb - copied));
            out += *r;
            copied = ve;
        });
    }
    if (copied == 0) return std::string(xml);
    out.append(xml.substr(copied));
    return out;
}

void for_each_value(std::string_view xml, std::string_view element, std::string_view attr,
                    const std::function<void(std::string_view)>& fn) {
    Tag t;
    std::size_t pos = 0;
    while (next_tag(xml, pos, t)) {
        pos = t.end;
        if (t.kind != Kind::start && t.kind != Kind::empty) continue;
        if (!element.empty() && t.name != element) continue;
        for_each_attribute(xml, t, [&](std::size_t nb, std::size_t ne, std::size_t vb, std::size_t ve) {
            if (xml.substr(nb, ne - nb) == attr) fn(xml.substr(vb, ve - vb));
        });
    }
}

std::string escape_attribute(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string unescape(std::string_view text) {
    if (text.find('&') == std::string_view::npos) return std::string(text);
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '&') {
            out += text[i];
            continue;
        }
        std::size_t semi = text.find(';', i);
        if (semi == std::string_view::npos) {
            out += text.substr(i);
            break;
        }
        std::string_view e = text.substr(i + 1, semi - i - 1);
        if (e == "amp") out += '&';
        else if (e == "lt") out += '<';
        else if (e == "gt") out += '>';
        else if (e == "quot") out += '"';
        else if (e == "apos") out += '\'';
        else if (!e.empty() && e[0] == '#') {
            unsigned long cp = e.size() > 1 && (e[1] == 'x' || e[1] == 'X') ? std::stoul(std::string(e.substr(2)), nullptr, 16)
                                                                             : std::stoul(std::string(e.substr(1)));
            if (cp < 0x80) out += static_cast<char>(cp);
            else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
            else if (cp < 0x10000) {
                out += static_cast<char>(0xE0 | (cp >> 12));
                out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (cp & 0x3F));
            } else {
                out += static_cast<char>(0xF0 | (cp >> 18));
                out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
                out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (cp & 0x3F));
            }
        } else {
            out.append(text.substr(i, semi - i + 1));
        }
        i = semi;
    }
    return out;
}

std::uint64_t hash(std::string_view bytes, std::uint64_t seed) {
    std::uint64_t h = seed;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

} // namespace gongwen::batch::xml
