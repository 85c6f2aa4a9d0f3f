#include "template/scanner.hpp"

#include "gongwen/i18n.hpp"

#include "template/placeholders.hpp"
#include "template/xml_text.hpp"
#include "xml_problem.hpp"

#include <pugixml.hpp>

#include <algorithm>

namespace gongwen::detail {

using i18n::_;

namespace {

int line_of(const std::string& xml, std::ptrdiff_t offset) {
    if (offset < 0) return 1;
    auto end = xml.begin() + std::min<std::ptrdiff_t>(offset, static_cast<std::ptrdiff_t>(xml.size()));
    return 1 + static_cast<int>(std::count(xml.begin(), end, '\n'));
}

std::string shorten(const std::string& text) {
    if (text.size() <= 60) return text;
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
    return text.substr(0, cut) + "...";
}

void append_attributes(std::string& out, const pugi::xml_node& node) {
    for (const auto& a : node.attributes()) {
        out += ' ';
        out += a.name();
        out += "=\"";
        append_escaped_attr(out, a.value());
        out += '"';
    }
}

class Scanner {
public:
    Scanner(const FormatAdapter& format, const TemplateOptions& options, const FormatterRegistry& formatters,
            PartReporter& reporter)
        : format_(format), options_(options), formatters_(formatters), reporter_(reporter) {}

    ScannedPart run(const std::string& xml) {
        // Office parts never carry a DTD (OPC M1.18); one is refused, not half-understood.
        if (xml.find("<!DOCTYPE") != std::string::npos)
            reporter_.malformed(_("the part declares a DTD (<!DOCTYPE>), which office documents may not"));
        pugi::xml_document doc;
        const unsigned flags = pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_declaration |
                               pugi::parse_doctype | pugi::parse_comments | pugi::parse_pi;
        pugi::xml_parse_result result = doc.load_buffer(xml.data(), xml.size(), flags, pugi::encoding_utf8);
        if (!result)
            reporter_.malformed(i18n::format(_("malformed XML at line {line}: {problem}"),
                                             {{"line", line_of(xml, result.offset)}, {"problem", xml_problem(result.status)}}));
        read_items(doc);
        find_tags();
        if (!pictures_.empty())
            placeholders_ = find_placeholders(raw_, pictures_, text_items_, text_offsets_, part_.tags, format_, options_, formatters_);
        if (part_.tags.empty()) return std::move(part_);
        split_text_at_tags();
        order_tags();
        link_items();
        check_tags_within_cells();
        join_paragraphs_inside_tags();
        return std::move(part_);
    }

private:
    // ---- the XML as a flat list of markup and text items ----------------------------------

    // The element name, kept once per part (find first: emplace would allocate every time).
    std::string_view intern(const char* name) {
        auto found = part_.names.find(name);
        if (found == part_.names.end()) found = part_.names.emplace(name).first;
        return *found;
    }

    void push_markup(ItemKind kind, std::string markup, const char* name) {
        Item item;
        item.kind = kind;
        item.markup = std::move(markup);
        if (kind == ItemKind::start || kind == ItemKind::end || kind == ItemKind::empty) {
            item.name = intern(name);
            item.role = format_.role(item.name);
            if (kind != ItemKind::end && item.role == Role::paragraph) ++paragraph_;
        }
        item.paragraph = paragraph_;
        raw_.push_back(std::move(item));
    }

    void read_items(const pugi::xml_document& doc) {
        // Iterative walk: templates may nest deeply and must not exhaust the stack.
        pugi::xml_node node = doc.first_child();
        int paragraph_depth = 0;
        while (node) {
            bool descend = false;
            switch (node.type()) {
            case pugi::node_element: {
                std::string markup = "<";
                markup += node.name();
                append_attributes(markup, node);
                if (!node.first_child()) {
                    markup += "/>";
                    push_markup(ItemKind::empty, std::move(markup), node.name());
                } else {
                    markup += ">";
                    push_markup(ItemKind::start, std::move(markup), node.name());
                    if (raw_.back().role == Role::paragraph) ++paragraph_depth;
                    if (raw_.back().role == Role::picture && picture_depth_++ == 0) picture_start_ = static_cast<int>(raw_.size()) - 1;
                    descend = true;
                }
                break;
            }
            case pugi::node_pcdata:
            case pugi::node_cdata: {
                bool in_layer = format_.text_is_paragraph_content() ? paragraph_depth > 0
                                                                    : format_.role(node.parent().name()) == Role::text;
                if (in_layer) {
                    Item item;
                    item.kind = ItemKind::text;
                    item.markup = node.value();
                    item.paragraph = paragraph_;
                    raw_.push_back(std::move(item));
                } else {
                    std::string escaped;
                    append_escaped_text(escaped, node.value());
                    push_markup(ItemKind::other, std::move(escaped), "");
                }
                break;
            }
            case pugi::node_comment:
                push_markup(ItemKind::other, std::string("<!--") + node.value() + "-->", "");
                break;
            case pugi::node_pi:
                push_markup(ItemKind::other, std::string("<?") + node.name() + " " + node.value() + "?>", "");
                break;
            case pugi::node_declaration: {
                std::string markup = "<?";
                markup += node.name();
                append_attributes(markup, node);
                markup += "?>\n";
                push_markup(ItemKind::other, std::move(markup), "");
                break;
            }
            case pugi::node_doctype:
                push_markup(ItemKind::other, std::string("<!DOCTYPE ") + node.value() + ">", "");
                break;
            default:
                break;
            }
            if (descend) {
                node = node.first_child();
                continue;
            }
            // Next sibling, closing the elements we leave on the way up.
            while (node && !node.next_sibling()) {
                node = node.parent();
                if (!node || node.type() == pugi::node_document) {
                    node = pugi::xml_node();
                    break;
                }
                push_markup(ItemKind::end, std::string("</") + node.name() + ">", node.name());
                if (raw_.back().role == Role::paragraph) --paragraph_depth;
                if (raw_.back().role == Role::picture && --picture_depth_ == 0)
                    pictures_.emplace_back(picture_start_, static_cast<int>(raw_.size()) - 1);
            }
            if (node) node = node.next_sibling();
        }
    }

    // ---- tags in the text layer (the text items joined) -----------------------------------

    void find_tags() {
        std::string layer;
        for (std::size_t i = 0; i < raw_.size(); ++i) {
            if (raw_[i].kind != ItemKind::text) continue;
            text_items_.push_back(static_cast<int>(i));
            text_offsets_.push_back(layer.size());
            layer += raw_[i].markup;
        }
        const std::string& open = options_.open;
        const std::string& close = options_.close;
        std::size_t pos = 0;
        while (true) {
            std::size_t open_at = layer.find(open, pos);
            if (open_at == std::string::npos) break;
            std::size_t inner = open_at + open.size();
            std::size_t close_at = layer.find(close, inner);
            std::size_t next_open = layer.find(open, inner);
            if (close_at == std::string::npos || (next_open != std::string::npos && next_open < close_at)) {
                std::size_t stop = close_at == std::string::npos ? layer.size() : next_open;
                report_at(open_at, "unclosed-tag", shorten(layer.substr(open_at, stop - open_at)),
                          i18n::format(_("the tag is not closed with '{close}'"), {{"close", close}}));
                if (close_at == std::string::npos) break;
                pos = next_open;
                continue;
            }
            std::size_t end = close_at + close.size();
            if (close_at - inner > options_.max_tag_length) {
                report_at(open_at, "tag-too-long", shorten(layer.substr(open_at, end - open_at)),
                          i18n::format(_("the tag is {n} bytes long (limit {limit})"),
                                       {{"n", close_at - inner}, {"limit", options_.max_tag_length}}));
                pos = end;
                continue;
            }
            TagRecord tag;
            tag.text = layer.substr(open_at, end - open_at);
            tag.begin = open_at;
            tag.end = end;
            tag.paragraph = raw_[text_items_[text_index_at(open_at)]].paragraph;
            tag.parsed = parse_tag(std::string_view(layer).substr(inner, close_at - inner), formatters_);
            part_.tags.push_back(std::move(tag));
            pos = end;
        }
    }

    // Index into text_items_ of the text item holding layer offset `offset`.
    std::size_t text_index_at(std::size_t offset) const {
        auto it = std::upper_bound(text_offsets_.begin(), text_offsets_.end(), offset);
        std::size_t index = static_cast<std::size_t>(it - text_offsets_.begin());
        index = index == 0 ? 0 : index - 1;
        // Skip empty text items that share the offset.
        while (index + 1 < text_offsets_.size() && text_offsets_[index + 1] == offset &&
               raw_[text_items_[index]].markup.size() == offset - text_offsets_[index])
            ++index;
        return index;
    }

    void report_at(std::size_t offset, const std::string& code, const std::string& tag, const std::string& message) {
        int paragraph = text_items_.empty() ? 0 : raw_[text_items_[text_index_at(offset)]].paragraph;
        reporter_.report(code, paragraph, tag, message);
    }

    // ---- text items split around tags; a tag item where each tag starts --------------------

    void split_text_at_tags() {
        std::vector<Item>& out = part_.items;
        auto& tags = part_.tags;
        out.reserve(raw_.size() + tags.size() * 2);
        std::size_t next_tag = 0;  // first tag not yet finished
        std::size_t text_number = 0;
        const std::size_t layer_tags = tags.size() - placeholders_.size();  // placeholders' tags come last
        std::size_t next_placeholder = 0;
        for (int r = 0; r < static_cast<int>(raw_.size()); ++r) {
            Item& item = raw_[r];
            if (next_placeholder < placeholders_.size() && placeholders_[next_placeholder].first == r) {
                // A placeholder picture becomes its tag's item.
                int last = placeholders_[next_placeholder].second;
                TagRecord& tag = tags[layer_tags + next_placeholder++];
                Item tag_item;
                tag_item.kind = ItemKind::tag;
                tag_item.tag = static_cast<int>(&tag - tags.data());
                tag_item.paragraph = item.paragraph;
                tag.item = static_cast<int>(out.size());
                tag.end_item = tag.item + 1;
                out.push_back(std::move(tag_item));
                for (; r < last; ++r)
                    if (raw_[r + 1].kind == ItemKind::text) ++text_number;
                continue;
            }
            if (item.kind != ItemKind::text) {
                out.push_back(std::move(item));
                continue;
            }
            std::size_t item_begin = text_offsets_[text_number];
            std::size_t item_end = item_begin + item.markup.size();
            ++text_number;
            std::size_t done = item_begin;  // layer offset up to which this item is emitted
            while (next_tag < layer_tags && tags[next_tag].begin < item_end) {
                TagRecord& tag = tags[next_tag];
                if (tag.begin >= done) {
                    Item before;
                    before.kind = ItemKind::text;
                    before.markup = item.markup.substr(done - item_begin, tag.begin - done);
                    before.paragraph = item.paragraph;
                    if (!before.markup.empty()) out.push_back(std::move(before));
                    Item tag_item;
                    tag_item.kind = ItemKind::tag;
                    tag_item.tag = static_cast<int>(next_tag);
                    tag_item.paragraph = item.paragraph;
                    tag.item = static_cast<int>(out.size());
                    out.push_back(std::move(tag_item));
                }
                if (tag.end <= item_end) {
                    tag.end_item = static_cast<int>(out.size());
                    done = std::max(done, tag.end);
                    ++next_tag;
                } else {
                    done = item_end;  // the tag goes on in a later text item
                    break;
                }
            }
            if (done < item_end) {
                Item rest;
                rest.kind = ItemKind::text;
                rest.markup = item.markup.substr(done - item_begin);
                rest.paragraph = item.paragraph;
                out.push_back(std::move(rest));
            }
        }
    }

    // Tags in document order (placeholders' tags were appended last); items renumbered.
    void order_tags() {
        if (placeholders_.empty()) return;
        auto& tags = part_.tags;
        std::stable_sort(tags.begin(), tags.end(), [](const TagRecord& a, const TagRecord& b) { return a.item < b.item; });
        for (int i = 0; i < static_cast<int>(tags.size()); ++i)
            if (tags[i].item >= 0) part_.items[tags[i].item].tag = i;
    }

    void link_items() {
        auto& items = part_.items;
        std::vector<int> open;
        for (int i = 0; i < static_cast<int>(items.size()); ++i) {
            Item& item = items[i];
            item.parent = open.empty() ? -1 : open.back();
            if (item.kind == ItemKind::start) {
                open.push_back(i);
            } else if (item.kind == ItemKind::end) {
                int start = open.back();
                open.pop_back();
                item.parent = open.empty() ? -1 : open.back();
                items[start].match = i;
                item.match = start;
            }
        }
    }

    // A tag whose text runs from one table cell into another cannot be rendered in place.
    void check_tags_within_cells() {
        const auto& items = part_.items;
        for (auto& tag : part_.tags) {
            if (tag.item < 0) continue;
            for (int i = tag.item + 1; i < tag.end_item; ++i) {
                const Item& item = items[i];
                bool table_structure = item.role == Role::cell || item.role == Role::row || item.role == Role::table;
                if ((item.kind == ItemKind::start || item.kind == ItemKind::end) && table_structure) {
                    reporter_.report("tag-spans-cells", tag.paragraph, tag.text,
                                     _("the tag starts in one table cell and ends in another"));
                    tag.ok = false;
                    break;
                }
            }
        }
    }

    // A tag typed across paragraphs joins them: the paragraph boundaries (and line breaks)
    // inside the tag go, the first paragraph keeps its properties.
    void join_paragraphs_inside_tags() {
        const auto& items = part_.items;
        auto& skip = part_.skip;
        skip.assign(items.size(), false);
        auto skip_element = [&](int start) {
            for (int k = start; k <= items[start].match; ++k) skip[k] = true;
        };
        for (const auto& tag : part_.tags) {
            if (tag.item < 0 || tag.end_item <= tag.item + 1) continue;
            // A deletion tracked inside the tag goes with the tag: only its text was ever shown.
            for (int i = tag.item + 1; i < tag.end_item; ++i)
                if (items[i].kind == ItemKind::start && items[i].role == Role::removed_text && items[i].match < tag.end_item)
                    skip_element(i);
            bool crosses = false;
            for (int i = tag.item + 1; i < tag.end_item && !crosses; ++i)
                crosses = items[i].kind == ItemKind::end && items[i].role == Role::paragraph;
            if (!crosses) continue;
            for (int i = tag.item + 1; i < tag.end_item; ++i) {
                const Item& item = items[i];
                if ((item.kind == ItemKind::start || item.kind == ItemKind::end) && item.role == Role::paragraph) {
                    skip[i] = true;
                    if (item.kind != ItemKind::start) continue;
                    // The joined paragraph's properties would land mid-paragraph.
                    for (int k = i + 1; k < item.match; ++k)
                        if (items[k].parent == i && items[k].kind == ItemKind::start && items[k].role == Role::properties)
                            skip_element(k);
                } else if (item.kind == ItemKind::empty && item.role == Role::line_break) {
                    skip[i] = true;
                }
            }
        }
    }

    const FormatAdapter& format_;
    const TemplateOptions& options_;
    const FormatterRegistry& formatters_;
    PartReporter& reporter_;
    ScannedPart part_;
    int paragraph_ = 0;
    std::vector<Item> raw_;
    std::vector<int> text_items_;
    std::vector<std::size_t> text_offsets_;
    std::vector<std::pair<int, int>> pictures_;      // raw items of each outermost picture element
    std::vector<std::pair<int, int>> placeholders_;  // those that are placeholders, in order
    int picture_depth_ = 0, picture_start_ = -1;
};

} // namespace

ScannedPart scan_part(const std::string& xml, const FormatAdapter& format, const TemplateOptions& options,
                      const FormatterRegistry& formatters, PartReporter& reporter) {
    return Scanner(format, options, formatters, reporter).run(xml);
}

} // namespace gongwen::detail
