// What each section repeats: whole paragraphs (paragraph loop), whole table rows, or the
// content between its tags. Which breaks a paragraph loop keeps is the format's choice.
#include "template/sections.hpp"

#include "gongwen/i18n.hpp"

#include <algorithm>

namespace gongwen::detail {

using i18n::_;

namespace {

std::string end_tag(std::string_view name) {
    std::string out = "</";
    out += name;
    out += '>';
    return out;
}

class Expander {
public:
    Expander(const ScannedPart& part, const FormatAdapter& format, bool paragraph_loop, PartReporter& reporter)
        : items_(part.items), tags_(part.tags), format_(format), paragraph_loop_(paragraph_loop), reporter_(reporter) {}

    void run(std::vector<Section>& sections) {
        for (Section& section : sections) expand(section);
        for (auto& guard : guards_) sections.push_back(std::move(guard));
    }

private:
    void expand(Section& s) {
        const TagRecord& open = tags_[s.open_tag];
        const TagRecord& close = tags_[s.close_tag];
        int a = open.item, b = close.item;
        if (paragraph_loop_ && expand_to_paragraphs(s, a, b)) return;
        // Elements left open or closed between the two tags.
        std::vector<int> opened;
        std::vector<std::string_view> closed;
        bool crosses_cell = false, crosses_table = false;
        for (int i = a + 1; i < b; ++i) {
            const Item& item = items_[i];
            if (item.kind == ItemKind::start) {
                opened.push_back(i);
            } else if (item.kind == ItemKind::end) {
                if (!opened.empty()) {
                    opened.pop_back();
                } else {
                    closed.push_back(item.name);
                    crosses_cell |= item.role == Role::cell;
                    crosses_table |= item.role == Role::table || item.role == Role::row;
                }
            }
        }
        if (crosses_cell && !crosses_table && expand_to_rows(s, a, b)) return;
        bool mirrored = closed.size() == opened.size() && !crosses_cell && !crosses_table;
        for (std::size_t i = 0; mirrored && i < closed.size(); ++i)
            mirrored = closed[i] == items_[opened[opened.size() - 1 - i]].name;
        if (!mirrored && !wrap_inline(s, a, closed.size(), opened)) {
            reporter_.report("section-crosses-structure", open.paragraph, open.text,
                             i18n::format(_("section {open} ... {close} (paragraph {paragraph}) starts and ends at different levels "
                                            "of the document structure (e.g. in a table and outside it)"),
                                          {{"open", open.text}, {"close", close.text}, {"paragraph", close.paragraph}}));
            return;
        }
        s.outer_begin = a;
        s.outer_end = b;
        s.body_begin = a + 1;
        s.body_end = b - 1;
        s.expansion = Expansion::content;
        if (mirrored && format_.loops_keep_breaks() && !closed.empty()) keep_section_break_inline(s, closed.size(), opened);
    }

    int enclosing(int item, Role role) const {
        for (int p = items_[item].parent; p >= 0; p = items_[p].parent)
            if (items_[p].role == role) return p;
        return -1;
    }

    // The repeat unit (an ODT list item) holding paragraph `p` when `p` is its only content, else `p`.
    int lift_to_repeat_unit(int p) const {
        int unit = items_[p].parent;
        if (unit < 0 || items_[unit].role != Role::repeat_unit) return p;
        for (int i = unit + 1; i < items_[unit].match; ++i)
            if (items_[i].parent == unit && i != p && i != items_[p].match && items_[i].kind != ItemKind::other) return p;
        return unit;
    }

    // True when the paragraph (or list item) starting at item `p` holds no text but the tag at `tag_item`.
    bool alone_in_paragraph(int p, int tag_item) const {
        for (int i = p + 1; i < items_[p].match; ++i) {
            const Item& item = items_[i];
            if (item.kind == ItemKind::tag && i != tag_item) return false;
            if (item.kind == ItemKind::text && !item.markup.empty()) return false;
        }
        return true;
    }

    // Tags alone in their paragraphs: the paragraphs between them repeat.
    bool expand_to_paragraphs(Section& s, int a, int b) {
        int first = enclosing(a, Role::paragraph);
        int last = enclosing(b, Role::paragraph);
        if (first < 0 || last < 0 || first == last) return false;
        if (items_[first].parent != items_[last].parent) {
            // ODT lists: each paragraph sits in its own list item; the items repeat.
            int first_unit = lift_to_repeat_unit(first), last_unit = lift_to_repeat_unit(last);
            if (items_[first_unit].parent == items_[last_unit].parent) {
                first = first_unit;
                last = last_unit;
            }
        }
        std::vector<int> left, entered;  // section containers the loop leaves and enters
        if (items_[first].parent != items_[last].parent && !containers_between(first, last, left, entered)) return false;
        if (!alone_in_paragraph(first, a) || !alone_in_paragraph(last, b)) return false;
        s.outer_begin = first;
        s.outer_end = items_[last].match;
        s.body_begin = items_[first].match + 1;
        s.body_end = last - 1;
        s.expansion = Expansion::paragraphs;
        if (!left.empty() || !entered.empty())
            wrap_containers(s, left, entered);
        else if (format_.loops_keep_breaks())
            keep_breaks(s, first, last);
        return true;
    }

    // When `first` and `last` sit in different section containers (an ODT text:section, what a
    // DOCX section break becomes), the containers each leaves below their common parent:
    // `left` innermost first, `entered` outermost first. False when anything else separates them.
    bool containers_between(int first, int last, std::vector<int>& left, std::vector<int>& entered) const {
        auto climb = [&](int item) {
            std::vector<int> chain{item};
            for (int p = items_[item].parent; p >= 0 && items_[p].role == Role::section_container; p = items_[p].parent)
                chain.push_back(p);
            return chain;
        };
        std::vector<int> from = climb(first), to = climb(last);
        for (std::size_t i = 0; i < from.size(); ++i) {
            for (std::size_t j = 0; j < to.size(); ++j) {
                if (items_[from[i]].parent != items_[to[j]].parent) continue;
                left.assign(from.begin() + 1, from.begin() + static_cast<std::ptrdiff_t>(i) + 1);
                entered.assign(to.rbegin() + static_cast<std::ptrdiff_t>(to.size() - 1 - j), to.rend() - 1);
                return true;
            }
        }
        return false;
    }

    // A paragraph loop from inside containers to outside them (or into others): the containers
    // it leaves are closed before it and reopened in each repetition, the ones it enters closed
    // at the end of each repetition and reopened after it. A repetition that would only reopen
    // (or only close) a container leaves it out.
    void wrap_containers(Section& s, const std::vector<int>& left, const std::vector<int>& entered) {
        auto only_markup_of = [&](int from, int to, ItemKind kind) {
            for (int i = from; i <= to; ++i)
                if (items_[i].kind != ItemKind::other && items_[i].kind != kind) return false;
            return true;
        };
        for (int p : left) s.before += end_tag(items_[p].name);
        for (auto it = entered.begin(); it != entered.end(); ++it) s.after += items_[*it].markup;
        if (!left.empty()) {
            int outer_end = items_[left.back()].match;
            if (only_markup_of(s.body_begin, outer_end, ItemKind::end))
                s.body_begin = outer_end + 1;
            else
                for (auto it = left.rbegin(); it != left.rend(); ++it) s.iter_open += items_[*it].markup;
        }
        if (!entered.empty()) {
            int outer_start = entered.front();
            if (only_markup_of(outer_start, s.body_end, ItemKind::start))
                s.body_end = outer_start - 1;
            else
                for (auto it = entered.rbegin(); it != entered.rend(); ++it) s.iter_close += end_tag(items_[*it].name);
        }
    }

    // Tags in different cells of a table: the rows from the one to the other repeat.
    bool expand_to_rows(Section& s, int a, int b) {
        int first = enclosing(a, Role::row);
        int last = enclosing(b, Role::row);
        if (first < 0 || last < 0 || items_[first].parent != items_[last].parent) return false;
        s.outer_begin = first;
        s.outer_end = items_[last].match;
        s.body_begin = first;
        s.body_end = items_[last].match;
        s.expansion = Expansion::rows;
        add_table_guard(s, first, last);
        return true;
    }

    // A section whose tags sit at different depths of formatting (`<span>{{#a}}x</span>{{/a}}`,
    // or `{{#a}}` directly in one paragraph and `{{/a}}` in a span of the next): formatting is
    // not structure. The runs or spans the body leaves are closed before it and reopened in each
    // repetition, the ones it enters are closed at the end of each repetition and reopened after
    // it, so any number of repetitions stays well-formed and keeps the formatting. The structure
    // the body crosses (paragraphs) must be left and entered alike.
    bool wrap_inline(Section& s, int a, std::size_t close_count, const std::vector<int>& opened) {
        std::vector<int> left;  // start items of the elements the body leaves, innermost first
        for (int p = items_[a].parent; p >= 0 && left.size() < close_count; p = items_[p].parent) left.push_back(p);
        std::size_t inline_left = 0, inline_entered = 0;
        while (inline_left < left.size() && is_inline(items_[left[inline_left]].role)) ++inline_left;
        while (inline_entered < opened.size() && is_inline(items_[opened[opened.size() - 1 - inline_entered]].role))
            ++inline_entered;
        std::size_t structure = left.size() - inline_left;
        if (structure != opened.size() - inline_entered) return false;
        bool renamed = false;
        for (std::size_t k = 0; k < structure; ++k) {
            const Item& leaves = items_[left[inline_left + k]];
            const Item& enters = items_[opened[structure - 1 - k]];
            if (leaves.role == Role::cell || leaves.role == Role::row || leaves.role == Role::table) return false;
            if (leaves.name == enters.name) continue;
            // A heading left for a paragraph (ODT text:h, text:p): from the second repetition on,
            // the paragraph the previous repetition entered is the one to close.
            if (leaves.role != Role::paragraph || enters.role != Role::paragraph) return false;
            s.again.emplace_back(leaves.match, end_tag(enters.name));
            renamed = true;
        }
        if (renamed) {
            // With no repetition the two stay apart: the heading closed, the paragraph opened.
            for (std::size_t k = 0; k < structure; ++k) s.empty_fill += end_tag(items_[left[inline_left + k]].name);
            for (std::size_t k = 0; k < structure; ++k) s.empty_fill += items_[opened[k]].markup;
        }
        for (std::size_t k = 0; k < inline_left; ++k) s.before += end_tag(items_[left[k]].name);
        for (std::size_t k = inline_left; k-- > 0;) s.iter_open += items_[left[k]].markup;
        for (std::size_t k = opened.size(); k-- > structure;) s.iter_close += end_tag(items_[opened[k]].name);
        for (std::size_t k = structure; k < opened.size(); ++k) s.after += items_[opened[k]].markup;
        return true;
    }

    // ---- page and section breaks in the paragraphs a loop removes ---------------------------

    // The section break held by the paragraph starting at item `p`, as XML, or "".
    std::string section_break_of(int p) const {
        for (int i = p + 1; i < items_[p].match; ++i) {
            if (items_[i].kind == ItemKind::start && items_[i].role == Role::section_break) {
                std::string xml;
                for (int k = i; k <= items_[i].match; ++k) xml += items_[k].markup;
                return xml;
            }
        }
        return "";
    }

    bool has_page_break(int p) const {
        for (int i = p + 1; i < items_[p].match; ++i)
            if (items_[i].kind == ItemKind::empty && format_.is_page_break(items_[i].name, items_[i].markup)) return true;
        return false;
    }

    void keep_breaks(Section& s, int first, int last) {
        if (has_page_break(first)) s.body_begin = first;  // every repetition starts on a new page
        if (has_page_break(last)) s.page_break_last = true;
        std::string open_break = section_break_of(first);
        std::string close_break = section_break_of(last);
        if (!open_break.empty()) {
            s.before = format_.paragraph_with_properties(open_break, true);
            if (format_.section_break_starts_page(open_break)) s.page_break_each = true;
        }
        if (!close_break.empty()) s.after = format_.paragraph_with_properties(close_break, true);
        // A table cell must end with a paragraph: if the loop holds the only ones, keep one.
        int cell = items_[first].parent;
        if (cell >= 0 && items_[cell].role == Role::cell) {
            bool other = false;
            for (int i = cell + 1; i < items_[cell].match && !other; ++i)
                if (items_[i].parent == cell && items_[i].kind != ItemKind::end && items_[i].role == Role::paragraph &&
                    (i < s.outer_begin || i > s.outer_end))
                    other = true;
            s.ensure_paragraph = !other;
        }
    }

    // An inline section from one paragraph into another that holds a section break: with no
    // repetition the two paragraphs merge, so the break is put back in a paragraph of its own.
    void keep_section_break_inline(Section& s, std::size_t close_count, const std::vector<int>& opened) {
        int last = enclosing(tags_[s.close_tag].item, Role::paragraph);
        if (last < 0 || opened.empty() || opened.front() != last) return;
        std::string section_break = section_break_of(last);
        if (section_break.empty()) return;
        std::string fill;
        int p = items_[tags_[s.open_tag].item].parent;
        for (std::size_t k = 0; k < close_count && p >= 0; ++k, p = items_[p].parent) fill += end_tag(items_[p].name);
        fill += format_.paragraph_with_properties(section_break, false);
        for (std::size_t k = 1; k < opened.size(); ++k) fill += items_[opened[k]].markup;
        s.empty_fill = std::move(fill);
    }

    // A table whose every row is in the loop is dropped when the loop renders no row.
    void add_table_guard(const Section& s, int first, int last) {
        int table = items_[first].parent;
        if (table < 0 || items_[table].role != Role::table) return;
        for (int i = table + 1; i < items_[table].match; ++i)
            if (items_[i].parent == table && items_[i].kind == ItemKind::start && items_[i].role == Role::row &&
                (i < first || i > items_[last].match))
                return;
        Section guard;
        guard.open_tag = s.open_tag;
        guard.close_tag = s.close_tag;
        guard.outer_begin = guard.body_begin = table;
        guard.outer_end = guard.body_end = items_[table].match;
        guard.expansion = Expansion::table;
        guard.guard = true;
        guards_.push_back(std::move(guard));
    }

    const std::vector<Item>& items_;
    const std::vector<TagRecord>& tags_;
    const FormatAdapter& format_;
    bool paragraph_loop_;
    PartReporter& reporter_;
    std::vector<Section> guards_;
};

} // namespace

void expand_sections(std::vector<Section>& sections, const ScannedPart& part, const FormatAdapter& format,
                     bool paragraph_loop, PartReporter& reporter) {
    Expander(part, format, paragraph_loop, reporter).run(sections);
}

} // namespace gongwen::detail
