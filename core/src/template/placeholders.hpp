// The scanner's step for image tags in alt text: a picture whose alt text is an image tag is a
// placeholder (docs/image-tags.md).
#pragma once

#include "template/part_items.hpp"

#include <utility>
#include <vector>

namespace gongwen::detail {

/// Among `pictures` (raw item ranges of the outermost picture elements), those whose alt text is
/// an image tag: their tags are appended to `tags` (tags of the text layer found inside them, an
/// ODT frame's title, are dropped), their ranges returned in document order. `text_items` and
/// `text_offsets` place the raw text items in the text layer.
std::vector<std::pair<int, int>> find_placeholders(const std::vector<Item>& raw, const std::vector<std::pair<int, int>>& pictures,
                                                   const std::vector<int>& text_items, const std::vector<std::size_t>& text_offsets,
                                                   std::vector<TagRecord>& tags, const FormatAdapter& format,
                                                   const TemplateOptions& options, const FormatterRegistry& formatters);

} // namespace gongwen::detail
