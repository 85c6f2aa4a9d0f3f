#include "template/sections.hpp"

#include "gongwen/i18n.hpp"

#include <algorithm>

namespace gongwen::detail {

using i18n::_;

std::vector<Section> pair_sections(const std::vector<TagRecord>& tags, int max_depth, PartReporter& reporter) {
    std::vector<Section> sections;
    auto add = [&](int open, int close) {
        Section s;
        s.open_tag = open;
        s.close_tag = close;
        sections.push_back(std::move(s));
    };
    std::vector<int> open_tags;
    for (int index = 0; index < static_cast<int>(tags.size()); ++index) {
        const TagRecord& tag = tags[index];
        if (tag.item < 0) continue;
        auto kind = tag.parsed.kind;
        if (kind == ParsedTag::Kind::value || kind == ParsedTag::Kind::image) continue;
        if (!tag.parsed.problems.empty() && tag.parsed.expr.name.empty() && kind != ParsedTag::Kind::close) continue;
        if (kind == ParsedTag::Kind::section || kind == ParsedTag::Kind::inverted) {
            open_tags.push_back(index);
            if (static_cast<int>(open_tags.size()) > max_depth) {
                reporter.report("too-deep", tag.paragraph, tag.text,
                                i18n::format(_("sections nest more than {n} deep"), {{"n", max_depth}}));
                return sections;
            }
            continue;
        }
        // A closing tag.
        const std::string& name = tag.parsed.expr.name;
        if (open_tags.empty()) {
            reporter.report("unopened-section", tag.paragraph, tag.text, _("closing tag without an opening tag"));
            continue;
        }
        if (name.empty() || tags[open_tags.back()].parsed.expr.name == name) {
            add(open_tags.back(), index);
            open_tags.pop_back();
            continue;
        }
        auto found = std::find_if(open_tags.rbegin(), open_tags.rend(),
                                  [&](int o) { return tags[o].parsed.expr.name == name; });
        if (found == open_tags.rend()) {
            reporter.report("mismatched-section", tag.paragraph, tag.text,
                            i18n::format(_("closing tag does not match the open section {tag}"),
                                         {{"tag", tags[open_tags.back()].text}}));
            continue;
        }
        // Sections opened after the one this tag closes were never closed.
        while (open_tags.back() != *found) {
            const TagRecord& unclosed = tags[open_tags.back()];
            reporter.report("unclosed-section", unclosed.paragraph, unclosed.text,
                            i18n::format(_("section is not closed before {tag} (paragraph {paragraph})"),
                                         {{"tag", tag.text}, {"paragraph", tag.paragraph}}));
            open_tags.pop_back();
        }
        add(open_tags.back(), index);
        open_tags.pop_back();
    }
    for (int open : open_tags) {
        const TagRecord& tag = tags[open];
        reporter.report("unclosed-section", tag.paragraph, tag.text, _("section is never closed"));
    }
    return sections;
}

void nest_sections(std::vector<Section>& sections, const std::vector<TagRecord>& tags, PartReporter& reporter) {
    std::vector<int> order(sections.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&](int x, int y) {
        const Section& a = sections[x];
        const Section& b = sections[y];
        if (a.outer_begin != b.outer_begin) return a.outer_begin < b.outer_begin;
        return a.outer_end > b.outer_end;
    });
    std::vector<int> enclosing;
    for (int id : order) {
        Section& section = sections[id];
        if (!section.valid()) continue;
        while (!enclosing.empty() && sections[enclosing.back()].outer_end < section.outer_begin) enclosing.pop_back();
        if (!enclosing.empty()) {
            Section& parent = sections[enclosing.back()];
            if (section.outer_begin < parent.body_begin || section.outer_end > parent.body_end) {
                const TagRecord& tag = tags[section.open_tag];
                reporter.report("sections-overlap", tag.paragraph, tag.text,
                                i18n::format(_("section overlaps section {tag} once both are extended to whole paragraphs or table rows"),
                                             {{"tag", tags[parent.open_tag].text}}));
                continue;
            }
            parent.children.push_back(id);
            section.nested = true;
        }
        enclosing.push_back(id);
    }
}

std::vector<Section> plan_sections(const ScannedPart& part, const FormatAdapter& format, const TemplateOptions& options,
                                   PartReporter& reporter) {
    std::vector<Section> sections = pair_sections(part.tags, options.max_depth, reporter);
    expand_sections(sections, part, format, options.paragraph_loop, reporter);
    nest_sections(sections, part.tags, reporter);
    return sections;
}

} // namespace gongwen::detail
