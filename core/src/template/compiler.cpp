#include "template/compiler.hpp"

#include "template/scanner.hpp"
#include "template/sections.hpp"

#include "gongwen/i18n.hpp"

#include <algorithm>
#include <memory>

namespace gongwen::detail {

namespace {

TagInfo describe(const TagRecord& tag, const std::string& part) {
    TagInfo info;
    info.text = tag.text;
    info.part = part;
    info.paragraph = tag.paragraph;
    info.name = tag.parsed.expr.name;
    switch (tag.parsed.kind) {
    case ParsedTag::Kind::value: info.kind = TagKind::value; break;
    case ParsedTag::Kind::section: info.kind = TagKind::section; break;
    case ParsedTag::Kind::inverted: info.kind = TagKind::inverted; break;
    case ParsedTag::Kind::close: info.kind = TagKind::close; break;
    case ParsedTag::Kind::image: info.kind = TagKind::image; break;
    }
    for (const auto& f : tag.parsed.expr.filters) info.filters.push_back(f.name);
    return info;
}

/// Builds the node tree from the scanned items and the planned sections.
class NodeBuilder {
public:
    NodeBuilder(ScannedPart& part, const std::vector<Section>& sections, const FormatAdapter& format,
                const std::vector<std::shared_ptr<const PictureTemplate>>& pictures)
        : items_(part.items), tags_(part.tags), skip_(part.skip), sections_(sections), format_(format), pictures_(pictures) {}

    std::vector<Node> build(int begin, int end, std::vector<int> children,
                            const std::vector<std::pair<int, std::string>>* again = nullptr) const {
        std::vector<Node> nodes;
        std::string literal;
        auto flush = [&] {
            if (literal.empty()) return;
            Node n;
            n.kind = Node::Kind::literal;
            n.literal = std::move(literal);
            literal.clear();
            nodes.push_back(std::move(n));
        };
        std::sort(children.begin(), children.end(),
                  [&](int x, int y) { return sections_[x].outer_begin < sections_[y].outer_begin; });
        std::size_t next = 0;
        for (int i = begin; i <= end; ++i) {
            if (next < children.size() && sections_[children[next]].outer_begin == i) {
                const Section& section = sections_[children[next++]];
                flush();
                nodes.push_back(section_node(section));
                i = section.outer_end;
                continue;
            }
            const Item& item = items_[i];
            if (skip_[i]) continue;
            if (again) {
                auto it = std::find_if(again->begin(), again->end(), [&](const auto& a) { return a.first == i; });
                if (it != again->end()) {
                    literal += it->second;
                    continue;
                }
            }
            switch (item.kind) {
            case ItemKind::text:
                format_.append_literal(literal, item.markup, follows_section_tag(i));
                break;
            case ItemKind::tag: {
                const TagRecord& tag = tags_[item.tag];
                bool image = tag.parsed.kind == ParsedTag::Kind::image;
                if ((tag.parsed.kind != ParsedTag::Kind::value && !image) || !tag.ok) break;
                flush();
                Node n;
                n.kind = image ? Node::Kind::image : Node::Kind::value;
                if (image) n.picture = pictures_[item.tag];
                n.expr = tag.parsed.expr;
                n.paragraph = tag.paragraph;
                n.tag_id = item.tag;
                n.tag_text = tag.text;
                n.plain_text = holds_text_only(item.parent);
                nodes.push_back(std::move(n));
                break;
            }
            default:
                literal += item.markup;
                break;
            }
        }
        flush();
        return nodes;
    }

private:
    // The element holding a value takes text only (not a paragraph, a run or a span): breaks,
    // tabs and space elements are not allowed in it.
    bool holds_text_only(int holder) const {
        if (holder < 0) return false;
        Role role = items_[holder].role;
        return role != Role::paragraph && role != Role::text && role != Role::inline_markup;
    }

    bool is_section_tag(const Item& item) const {
        auto kind = tags_[item.tag].parsed.kind;
        return item.kind == ItemKind::tag && kind != ParsedTag::Kind::value && kind != ParsedTag::Kind::image;
    }

    // The text item `i` starts right where a section tag ends.
    bool follows_section_tag(int i) const {
        for (int k = i - 1; k >= 0; --k) {
            const Item& item = items_[k];
            if (item.kind == ItemKind::tag) return is_section_tag(item) && tags_[item.tag].end_item == i;
            if (item.kind == ItemKind::text) return false;
        }
        return false;
    }

    Node section_node(const Section& section) const {
        const TagRecord& tag = tags_[section.open_tag];
        Node n;
        n.kind = Node::Kind::section;
        n.expr = tag.parsed.expr;
        n.inverted = tag.parsed.kind == ParsedTag::Kind::inverted;
        n.paragraph = tag.paragraph;
        n.tag_id = section.open_tag;
        n.tag_text = tag.text;
        n.guard = section.guard;
        n.before = section.before;
        n.after = section.after;
        n.empty_fill = section.empty_fill;
        n.iter_open = section.iter_open;
        n.iter_close = section.iter_close;
        n.page_break_each = section.page_break_each;
        n.page_break_last = section.page_break_last;
        n.ensure_paragraph = section.ensure_paragraph;
        n.children = build(section.body_begin, section.body_end, section.children);
        if (!section.again.empty())
            n.children_again = build(section.body_begin, section.body_end, section.children, &section.again);
        return n;
    }

    const std::vector<Item>& items_;
    const std::vector<TagRecord>& tags_;
    const std::vector<bool>& skip_;
    const std::vector<Section>& sections_;
    const FormatAdapter& format_;
    const std::vector<std::shared_ptr<const PictureTemplate>>& pictures_;
};

// The text element that receives a value keeps the value's leading and trailing spaces.
void preserve_value_spaces(ScannedPart& part, const FormatAdapter& format) {
    for (const auto& tag : part.tags) {
        if (tag.item < 0 || (tag.parsed.kind != ParsedTag::Kind::value && tag.parsed.kind != ParsedTag::Kind::image)) continue;
        int holder = part.items[tag.item].parent;
        if (holder >= 0 && part.items[holder].role == Role::text) format.preserve_space(part.items[holder].markup);
    }
}

// Image tags: a placeholder picture cut into its template; a tag typed in the text must stand
// where a picture may go (not in an element that holds text only). Empty when there is none.
std::vector<std::shared_ptr<const PictureTemplate>> compile_pictures(ScannedPart& part, const FormatAdapter& format,
                                                                     PartReporter& reporter) {
    std::vector<std::shared_ptr<const PictureTemplate>> pictures;
    for (std::size_t t = 0; t < part.tags.size(); ++t) {
        TagRecord& tag = part.tags[t];
        if (tag.parsed.kind != ParsedTag::Kind::image || !tag.ok || tag.item < 0) continue;
        if (pictures.empty()) pictures.resize(part.tags.size());
        if (!tag.picture.empty()) {
            std::string problem;
            auto compiled = format.picture_template(tag.picture, tag.text, problem);
            if (!compiled) {
                reporter.report("bad-placeholder", tag.paragraph, tag.text, problem);
                tag.ok = false;
                continue;
            }
            pictures[t] = std::make_shared<const PictureTemplate>(std::move(*compiled));
            tag.picture.clear();
            continue;
        }
        int holder = part.items[tag.item].parent;
        Role role = holder < 0 ? Role::other : part.items[holder].role;
        if (role != Role::paragraph && role != Role::text && role != Role::inline_markup) {
            reporter.report("image-tag-misplaced", tag.paragraph, tag.text,
                            i18n::_("an image tag cannot stand here: this element holds text only"));
            tag.ok = false;
        }
    }
    return pictures;
}

} // namespace

std::optional<CompiledPart> compile_part(const std::string& label, const std::string& part_name, const std::string& xml,
                                         const FormatAdapter& format, const TemplateOptions& options,
                                         const FormatterRegistry& formatters, std::vector<TagInfo>& tags,
                                         Diagnostics& diags) {
    PartReporter reporter(label, part_name, diags);
    ScannedPart part = scan_part(xml, format, options, formatters, reporter);
    if (part.tags.empty()) return std::nullopt;
    for (const auto& tag : part.tags) tags.push_back(describe(tag, part_name));
    for (auto& tag : part.tags) {
        for (const auto& p : tag.parsed.problems) reporter.report(p.code, tag.paragraph, tag.text, p.message);
        if (!tag.parsed.problems.empty()) tag.ok = false;
    }
    std::vector<Section> sections = plan_sections(part, format, options, reporter);
    CompiledPart out;
    out.name = part_name;
    out.format = &format;
    out.size_hint = xml.size();
    std::vector<std::shared_ptr<const PictureTemplate>> pictures = compile_pictures(part, format, reporter);
    if (reporter.errors()) return out;
    preserve_value_spaces(part, format);
    std::vector<int> top;
    for (int i = 0; i < static_cast<int>(sections.size()); ++i)
        if (!sections[i].nested && sections[i].valid()) top.push_back(i);
    out.nodes = NodeBuilder(part, sections, format, pictures).build(0, static_cast<int>(part.items.size()) - 1, top);
    out.has_images = !pictures.empty();
    return out;
}

} // namespace gongwen::detail
