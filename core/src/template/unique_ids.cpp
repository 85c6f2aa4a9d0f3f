#include "template/unique_ids.hpp"

#include <cstdlib>

namespace gongwen::detail {

namespace {

// Calls fn(value_begin, value_end) for every `attribute="…"` on a start tag of `element` in xml.
template <class Fn>
void for_each_value(std::string_view xml, const UniqueAttribute& a, Fn&& fn) {
    std::string open = "<" + std::string(a.element);
    std::string attr = " " + std::string(a.attribute) + "=\"";
    std::size_t pos = 0;
    while ((pos = xml.find(open, pos)) != std::string_view::npos) {
        std::size_t after = pos + open.size();
        pos = after;
        if (after >= xml.size()) break;
        char c = xml[after];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '/' && c != '>') continue;  // a longer name
        std::size_t tag_end = xml.find('>', after);
        if (tag_end == std::string_view::npos) break;
        std::size_t at = xml.substr(0, tag_end).find(attr, after - 1);
        if (at == std::string_view::npos) continue;
        std::size_t begin = at + attr.size();
        std::size_t end = xml.find('"', begin);
        if (end == std::string_view::npos || end > tag_end) continue;
        fn(begin, end);
        pos = tag_end;
    }
}

bool parse_number(std::string_view s, unsigned long long& out) {
    if (s.empty() || s.size() > 18) return false;
    out = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        out = out * 10 + static_cast<unsigned>(c - '0');
    }
    return true;
}

} // namespace

void UniqueValues::learn(std::string_view xml) {
    for (std::size_t i = 0; i < attributes_.size(); ++i) {
        for_each_value(xml, attributes_[i], [&](std::size_t b, std::size_t e) {
            std::string_view value = xml.substr(b, e - b);
            used_[i].emplace(value);
            unsigned long long n = 0;
            if (parse_number(value, n) && n > largest_[i]) largest_[i] = n;
            any_ = true;
        });
    }
}

UniqueValues::Document::Document(const UniqueValues& template_values)
    : values_(template_values), seen_(template_values.attributes_.size()), next_(template_values.largest_) {}

void UniqueValues::Document::make_unique(std::string& xml) {
    for (std::size_t i = 0; i < values_.attributes_.size(); ++i) {
        const UniqueAttribute& a = values_.attributes_[i];
        // Replacements change lengths: collect first, then rebuild the part once.
        std::vector<std::pair<std::size_t, std::size_t>> spans;
        std::vector<std::string> replacements;
        for_each_value(xml, a, [&](std::size_t b, std::size_t e) {
            std::string value = xml.substr(b, e - b);
            if (seen_[i].insert(value).second) return;
            std::string fresh;
            if (a.numeric) {
                fresh = std::to_string(++next_[i]);
            } else {
                for (unsigned long long k = 2;; ++k) {
                    fresh = value + "_" + std::to_string(k);
                    if (!values_.used_[i].count(fresh) && !seen_[i].count(fresh)) break;
                }
            }
            seen_[i].insert(fresh);
            spans.emplace_back(b, e);
            replacements.push_back(std::move(fresh));
        });
        if (spans.empty()) continue;
        std::string out;
        out.reserve(xml.size() + spans.size() * 4);
        std::size_t from = 0;
        for (std::size_t k = 0; k < spans.size(); ++k) {
            out.append(xml, from, spans[k].first - from);
            out += replacements[k];
            from = spans[k].second;
        }
        out.append(xml, from, std::string::npos);
        xml.swap(out);
    }
}

} // namespace gongwen::detail
