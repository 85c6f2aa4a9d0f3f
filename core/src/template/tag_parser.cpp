#include "template/tag_parser.hpp"

#include "gongwen/i18n.hpp"

namespace gongwen::detail {

using i18n::_;

namespace {

bool is_space(std::string_view s, std::size_t i, std::size_t* len) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        *len = 1;
        return true;
    }
    // U+3000 IDEOGRAPHIC SPACE and U+00A0 NO-BREAK SPACE, both common in Chinese documents.
    if (s.compare(i, 3, "\xE3\x80\x80") == 0) {
        *len = 3;
        return true;
    }
    if (s.compare(i, 2, "\xC2\xA0") == 0) {
        *len = 2;
        return true;
    }
    return false;
}

std::string_view trim(std::string_view s) {
    std::size_t len = 0;
    std::size_t b = 0;
    while (b < s.size() && is_space(s, b, &len)) b += len;
    s.remove_prefix(b);
    while (!s.empty()) {
        // Trailing spaces: test the last 1, 2 or 3 bytes.
        if (is_space(s, s.size() - 1, &len) && len == 1) { s.remove_suffix(1); continue; }
        if (s.size() >= 2 && is_space(s, s.size() - 2, &len) && len == 2) { s.remove_suffix(2); continue; }
        if (s.size() >= 3 && is_space(s, s.size() - 3, &len) && len == 3) { s.remove_suffix(3); continue; }
        break;
    }
    return s;
}

// Quote pairs accepted around filter arguments: ASCII, and the curly quotes that word
// processors put in place of them as the user types.
struct QuotePair {
    std::string_view open, close;
};
constexpr QuotePair kQuotes[] = {
    {"\"", "\""}, {"'", "'"}, {"\xE2\x80\x9C", "\xE2\x80\x9D"}, {"\xE2\x80\x98", "\xE2\x80\x99"},
};

// Splits on `sep` outside quotes.
std::vector<std::string_view> split_outside_quotes(std::string_view s, char sep, bool* unterminated) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    std::size_t i = 0;
    *unterminated = false;
    while (i < s.size()) {
        bool quoted = false;
        for (const auto& q : kQuotes) {
            if (s.compare(i, q.open.size(), q.open) == 0) {
                std::size_t end = s.find(q.close, i + q.open.size());
                if (end == std::string_view::npos) {
                    *unterminated = true;
                    i = s.size();
                } else {
                    i = end + q.close.size();
                }
                quoted = true;
                break;
            }
        }
        if (quoted) continue;
        if (s[i] == sep) {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
        ++i;
    }
    out.push_back(s.substr(start));
    return out;
}

std::string unquote(std::string_view arg) {
    for (const auto& q : kQuotes) {
        if (arg.size() >= q.open.size() + q.close.size() && arg.substr(0, q.open.size()) == q.open &&
            arg.substr(arg.size() - q.close.size()) == q.close) {
            return std::string(arg.substr(q.open.size(), arg.size() - q.open.size() - q.close.size()));
        }
    }
    return std::string(arg);
}

void parse_name(std::string_view name, Expr& expr, std::vector<TagProblem>& problems) {
    expr.name = std::string(name);
    if (name == ".") {
        expr.kind = Expr::Kind::dot;
        return;
    }
    if (name == "@index") {
        expr.kind = Expr::Kind::index;
        return;
    }
    if (name == "@count") {
        expr.kind = Expr::Kind::count;
        return;
    }
    expr.kind = Expr::Kind::path;
    std::size_t start = 0;
    while (true) {
        std::size_t dot = name.find('.', start);
        std::string_view seg = trim(name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (seg.empty()) {
            problems.push_back({"bad-name", i18n::format(_("'{name}' is not a valid name: empty part in a dotted path"), {{"name", std::string(name)}})});
            return;
        }
        expr.segments.emplace_back(seg);
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
}

} // namespace

ParsedTag parse_tag(std::string_view inner, const FormatterRegistry& formatters) {
    ParsedTag tag;
    std::string_view s = trim(inner);
    if (s.empty()) {
        tag.problems.push_back({"empty-tag", _("the tag is empty")});
        return tag;
    }
    switch (s.front()) {
    case '#': tag.kind = ParsedTag::Kind::section; s.remove_prefix(1); break;
    case '^': tag.kind = ParsedTag::Kind::inverted; s.remove_prefix(1); break;
    case '/': tag.kind = ParsedTag::Kind::close; s.remove_prefix(1); break;
    case '%': tag.kind = ParsedTag::Kind::image; s.remove_prefix(1); break;
    default: break;
    }
    bool unterminated = false;
    auto pieces = split_outside_quotes(s, '|', &unterminated);
    if (unterminated) {
        tag.problems.push_back({"bad-filter-arg", _("a quoted argument is not closed")});
        return tag;
    }
    std::string_view name = trim(pieces.front());
    if (name.empty()) {
        if (tag.kind == ParsedTag::Kind::close && pieces.size() == 1) return tag;  // `{{/}}` closes the innermost section
        tag.problems.push_back({"empty-tag", _("the tag has no name")});
        return tag;
    }
    parse_name(name, tag.expr, tag.problems);
    if (tag.kind == ParsedTag::Kind::close && pieces.size() > 1) {
        tag.problems.push_back({"bad-filter", _("a closing tag takes no filters")});
        return tag;
    }
    for (std::size_t i = 1; i < pieces.size(); ++i) {
        std::string_view f = trim(pieces[i]);
        if (f.empty()) {
            tag.problems.push_back({"empty-filter", _("empty filter after '|'")});
            continue;
        }
        bool bad_quote = false;
        auto parts = split_outside_quotes(f, ':', &bad_quote);
        Filter filter;
        filter.name = std::string(trim(parts.front()));
        for (std::size_t k = 1; k < parts.size(); ++k) filter.args.push_back(unquote(trim(parts[k])));
        filter.fn = formatters.find(filter.name);
        if (!filter.fn) {
            tag.problems.push_back({"unknown-filter", i18n::format(_("unknown filter '{filter}'"), {{"filter", filter.name}})});
            continue;
        }
        if (filter.fn->check_args) {
            if (auto why = filter.fn->check_args(filter.args)) {
                // Formatters name themselves in their messages ("percent: ..."); say it once.
                std::string detail = why->rfind(filter.name + ": ", 0) == 0 ? why->substr(filter.name.size() + 2) : *why;
                std::string msg = i18n::format(_("filter '{filter}': {problem}"), {{"filter", filter.name}, {"problem", detail}});
                tag.problems.push_back({"bad-filter-arg", msg});
                continue;
            }
        }
        if (filter.fn->handles_missing) tag.expr.handles_missing = true;
        tag.expr.filters.push_back(std::move(filter));
    }
    return tag;
}

} // namespace gongwen::detail
