// The compiler's second stage: pairs the section tags, decides what each section repeats
// (whole paragraphs, whole table rows or the content between its tags) and nests them.
#pragma once

#include "template/part_items.hpp"

#include <string>
#include <utility>
#include <vector>

namespace gongwen::detail {

/// What a section repeats.
enum class Expansion : unsigned char {
    none,        ///< not expanded (an error was reported)
    paragraphs,  ///< the paragraphs (or list items) between the paragraphs holding its tags
    rows,        ///< the table rows from the one holding its open tag to the one holding its close tag
    content,     ///< what stands between its tags (formatting closed and reopened as needed)
    table,       ///< a guard: the whole table, dropped when its row loop renders no row
};

struct Section {
    int open_tag = -1, close_tag = -1;   ///< indices into the part's tags
    int outer_begin = 0, outer_end = 0;  ///< items replaced by the section
    int body_begin = 0, body_end = -1;   ///< items repeated (inclusive; empty when end < begin)
    Expansion expansion = Expansion::none;
    std::vector<int> children;           ///< indices of the sections nested in the body
    bool nested = false;                 ///< a child of another section
    bool guard = false;                  ///< see Node::guard
    std::string before, after, empty_fill, iter_open, iter_close;  ///< see Node
    bool page_break_each = false, page_break_last = false, ensure_paragraph = false;
    /// Items of the body written differently from the second repetition on (item, markup).
    std::vector<std::pair<int, std::string>> again;

    bool valid() const { return expansion != Expansion::none; }
};

/// Pairs opening and closing tags (by name; `{/}` closes the innermost). Unpaired, mismatched
/// and too deeply nested tags are reported.
std::vector<Section> pair_sections(const std::vector<TagRecord>& tags, int max_depth, PartReporter& reporter);

/// Decides what each section repeats; sections that cannot be expanded are reported and stay
/// Expansion::none. Guards of tables whose every row is looped are appended.
void expand_sections(std::vector<Section>& sections, const ScannedPart& part, const FormatAdapter& format,
                     bool paragraph_loop, PartReporter& reporter);

/// Nests the expanded sections: sets `children` and `nested`; a section that overlaps another
/// once both are expanded is reported.
void nest_sections(std::vector<Section>& sections, const std::vector<TagRecord>& tags, PartReporter& reporter);

/// The three steps in order.
std::vector<Section> plan_sections(const ScannedPart& part, const FormatAdapter& format, const TemplateOptions& options,
                                   PartReporter& reporter);

} // namespace gongwen::detail
