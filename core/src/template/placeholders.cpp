#include "template/placeholders.hpp"

#include "template/xml_text.hpp"

#include <algorithm>

namespace gongwen::detail {

namespace {

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

} // namespace

std::vector<std::pair<int, int>> find_placeholders(const std::vector<Item>& raw, const std::vector<std::pair<int, int>>& pictures,
                                                   const std::vector<int>& text_items, const std::vector<std::size_t>& text_offsets,
                                                   std::vector<TagRecord>& tags, const FormatAdapter& format,
                                                   const TemplateOptions& options, const FormatterRegistry& formatters) {
    // The layer offset where the text of raw items from `r` on starts.
    auto layer_offset_from = [&](int r) -> std::size_t {
        auto it = std::lower_bound(text_items.begin(), text_items.end(), r);
        if (it == text_items.end()) return text_offsets.empty() ? 0 : text_offsets.back() + raw[text_items.back()].markup.size();
        return text_offsets[static_cast<std::size_t>(it - text_items.begin())];
    };
    const std::string& open = options.open;
    const std::string& close = options.close;
    std::vector<TagRecord> found;
    std::vector<std::pair<int, int>> ranges;
    for (auto [first, last] : pictures) {
        bool has_open = false;
        for (int i = first; i <= last && !has_open; ++i) has_open = raw[i].markup.find(open) != std::string::npos;
        if (!has_open) continue;
        std::string xml;
        for (int i = first; i <= last; ++i) {
            if (raw[i].kind == ItemKind::text)
                append_escaped_text(xml, raw[i].markup);
            else
                xml += raw[i].markup;
        }
        std::string alt = format.picture_alt_text(xml);
        std::string_view text = trim_spaces(alt);
        if (text.size() < open.size() + close.size() || text.substr(0, open.size()) != open ||
            text.substr(text.size() - close.size()) != close)
            continue;
        ParsedTag parsed = parse_tag(text.substr(open.size(), text.size() - open.size() - close.size()), formatters);
        if (parsed.kind != ParsedTag::Kind::image) continue;
        // Tags found in the picture's own text (an ODT frame's title) are the placeholder's;
        // a tag running into or out of the picture leaves it a plain picture.
        std::size_t lb = layer_offset_from(first), le = layer_offset_from(last + 1);
        bool crossing = false;
        for (const auto& t : tags) crossing |= (t.begin < lb && t.end > lb) || (t.begin < le && t.end > le);
        if (crossing) continue;
        tags.erase(std::remove_if(tags.begin(), tags.end(),
                                  [&](const TagRecord& t) { return t.begin >= lb && t.begin < le && t.end <= le && le > lb; }),
                   tags.end());
        TagRecord tag;
        tag.parsed = std::move(parsed);
        tag.text = std::string(text);
        tag.paragraph = raw[first].paragraph;
        tag.picture = std::move(xml);
        found.push_back(std::move(tag));
        ranges.emplace_back(first, last);
    }
    for (auto& t : found) tags.push_back(std::move(t));
    return ranges;
}

} // namespace gongwen::detail
