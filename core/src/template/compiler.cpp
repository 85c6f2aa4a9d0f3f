#include "template/compiler.hpp"

#include "gongwen/i18n.hpp"

#include "template/tag_parser.hpp"
#include "xml_problem.hpp"
#include "template/xml_text.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>

namespace gongwen::detail {

using i18n::_;

namespace {

enum class K : unsigned char { start, end, empty, text, other, tag };

struct Item {
    K k = K::other;
    std::string s;               // markup as XML; text unescaped
    const char* name = "";       // element name (start/end/empty)
    int para = 0;                // paragraph number at this item
    int tag = -1;                // tag items: index into the part's tag records
    int match = -1;              // start <-> end
    int parent = -1;             // start item of the enclosing element
};

struct TagRecord {
    ParsedTag parsed;
    std::string text;            // as written, delimiters included
    int para = 0;
    std::size_t begin = 0, end = 0;  // in the text layer
    bool ok = true;              // no problem in the tag itself
    int item = -1;               // its item
    int end_item = -1;           // items strictly between `item` and this one are covered by the tag
    bool consumed = false;       // a section tag whose section repeats whole rows/paragraphs
};

struct Section {
    int open_tag = -1, close_tag = -1;
    int outer_begin = 0, outer_end = 0;  // items replaced by the section
    int body_begin = 0, body_end = -1;   // items repeated (inclusive; empty when end < begin)
    std::vector<int> children;           // indices into the section list
    bool valid = false;                  // expanded without error
    bool guard = false;                  // see Node::guard
    std::string before, after, empty_fill, iter_open, iter_close;
    bool page_break_each = false, page_break_last = false, ensure_paragraph = false;
};

bool name_is(const char* name, const char* want) { return want[0] != '\0' && std::strcmp(name, want) == 0; }

class PartCompiler {
public:
    PartCompiler(const std::string& label, const std::string& part, const FormatSpec& spec,
                 const TemplateOptions& options, const FormatterRegistry& formatters, Diagnostics& diags)
        : label_(label), part_(part), spec_(spec), options_(options), formatters_(formatters), diags_(diags) {}

    std::optional<CompiledPart> run(const std::string& xml, std::vector<TagInfo>& tags_out) {
        // Office parts never carry a DTD (OPC M1.18); one is refused, not half-understood.
        if (xml.find("<!DOCTYPE") != std::string::npos) {
            Diagnostics d;
            Diagnostic diag;
            diag.code = "malformed-xml";
            diag.file = label_;
            diag.part = part_;
            diag.message = _("the part declares a DTD (<!DOCTYPE>), which office documents may not");
            d.add(diag);
            throw Error(d);
        }
        pugi::xml_document doc;
        const unsigned flags = pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_declaration |
                               pugi::parse_doctype | pugi::parse_comments | pugi::parse_pi;
        pugi::xml_parse_result res = doc.load_buffer(xml.data(), xml.size(), flags, pugi::encoding_utf8);
        if (!res) {
            Diagnostics d;
            Diagnostic diag;
            diag.code = "malformed-xml";
            diag.file = label_;
            diag.part = part_;
            diag.message = i18n::format(_("malformed XML at line {line}: {problem}"),
                                        {{"line", line_of(xml, res.offset)}, {"problem", xml_problem(res.status)}});
            d.add(diag);
            throw Error(d);
        }
        tokenize(doc);
        scan();
        if (tags_.empty()) return std::nullopt;
        rebuild_items();
        link_items();
        merge_spanned_paragraphs();
        for (const auto& t : tags_) {
            TagInfo info;
            info.text = t.text;
            info.part = part_;
            info.paragraph = t.para;
            info.name = t.parsed.expr.name;
            switch (t.parsed.kind) {
            case ParsedTag::Kind::value: info.kind = "value"; break;
            case ParsedTag::Kind::section: info.kind = "section"; break;
            case ParsedTag::Kind::inverted: info.kind = "inverted"; break;
            case ParsedTag::Kind::close: info.kind = "close"; break;
            }
            for (const auto& f : t.parsed.expr.filters) info.filters.push_back(f.name);
            tags_out.push_back(std::move(info));
        }
        for (auto& t : tags_) {
            for (const auto& p : t.parsed.problems) report(p.code, t.para, t.text, p.message);
            if (!t.parsed.problems.empty()) t.ok = false;
        }
        pair_sections();
        expand_sections();
        nest_sections();
        if (errors_) return CompiledPart{part_, {}, xml.size()};
        mark_preserve_space();
        CompiledPart out;
        out.name = part_;
        out.size_hint = xml.size();
        std::vector<int> top;
        for (int i = 0; i < static_cast<int>(sections_.size()); ++i)
            if (!is_child_[i] && sections_[i].valid) top.push_back(i);
        out.nodes = build(0, static_cast<int>(items_.size()) - 1, top);
        return out;
    }

private:
    static int line_of(const std::string& xml, std::ptrdiff_t offset) {
        if (offset < 0) return 1;
        auto end = xml.begin() + std::min<std::ptrdiff_t>(offset, static_cast<std::ptrdiff_t>(xml.size()));
        return 1 + static_cast<int>(std::count(xml.begin(), end, '\n'));
    }

    void report(const std::string& code, int para, const std::string& tag, const std::string& message) {
        Diagnostic d;
        d.code = code;
        d.file = label_;
        d.part = part_;
        d.paragraph = para;
        d.tag = tag;
        d.message = message;
        diags_.add(d);
        errors_ = true;
    }

    bool is_paragraph(const char* n) const { return name_is(n, spec_.paragraph) || name_is(n, spec_.paragraph_alt); }
    bool is_cell(const char* n) const { return name_is(n, spec_.cell) || name_is(n, spec_.cell_alt); }
    bool is_row(const char* n) const { return name_is(n, spec_.row); }
    bool is_table(const char* n) const { return name_is(n, spec_.table); }

    // ---- 1. the XML as a flat list of markup and text items -------------------------------

    static std::string start_tag(const pugi::xml_node& n, bool empty) {
        std::string s = "<";
        s += n.name();
        for (const auto& a : n.attributes()) {
            s += ' ';
            s += a.name();
            s += "=\"";
            append_escaped_attr(s, a.value());
            s += '"';
        }
        s += empty ? "/>" : ">";
        return s;
    }

    void push_markup(K k, std::string s, const char* name) {
        Item it;
        it.k = k;
        it.s = std::move(s);
        it.name = name;
        if ((k == K::start || k == K::empty) && is_paragraph(name)) ++para_;
        it.para = para_;
        raw_.push_back(std::move(it));
    }

    void tokenize(const pugi::xml_document& doc) {
        // Iterative walk: templates may nest deeply and must not exhaust the stack.
        pugi::xml_node n = doc.first_child();
        int in_text_layer = 0;  // ODT: depth of paragraphs around us
        while (n) {
            bool descend = false;
            switch (n.type()) {
            case pugi::node_element: {
                if (!n.first_child()) {
                    push_markup(K::empty, start_tag(n, true), n.name());
                    if (is_paragraph(n.name())) {}
                } else {
                    push_markup(K::start, start_tag(n, false), n.name());
                    if (spec_.format == DocFormat::odt && is_paragraph(n.name())) ++in_text_layer;
                    descend = true;
                }
                break;
            }
            case pugi::node_pcdata:
            case pugi::node_cdata: {
                pugi::xml_node parent = n.parent();
                bool layer = spec_.format == DocFormat::docx ? name_is(parent.name(), spec_.text) : in_text_layer > 0;
                if (layer) {
                    Item it;
                    it.k = K::text;
                    it.s = n.value();
                    it.para = para_;
                    raw_.push_back(std::move(it));
                } else {
                    std::string s;
                    append_escaped_text(s, n.value());
                    push_markup(K::other, std::move(s), "");
                }
                break;
            }
            case pugi::node_comment:
                push_markup(K::other, std::string("<!--") + n.value() + "-->", "");
                break;
            case pugi::node_pi:
                push_markup(K::other, std::string("<?") + n.name() + " " + n.value() + "?>", "");
                break;
            case pugi::node_declaration: {
                std::string s = "<?";
                s += n.name();
                for (const auto& a : n.attributes()) {
                    s += ' ';
                    s += a.name();
                    s += "=\"";
                    append_escaped_attr(s, a.value());
                    s += '"';
                }
                s += "?>\n";
                push_markup(K::other, std::move(s), "");
                break;
            }
            case pugi::node_doctype:
                push_markup(K::other, std::string("<!DOCTYPE ") + n.value() + ">", "");
                break;
            default:
                break;
            }
            if (descend) {
                n = n.first_child();
                continue;
            }
            // Next sibling, closing the elements we leave on the way up.
            while (n && !n.next_sibling()) {
                n = n.parent();
                if (!n || n.type() == pugi::node_document) {
                    n = pugi::xml_node();
                    break;
                }
                push_markup(K::end, std::string("</") + n.name() + ">", n.name());
                if (spec_.format == DocFormat::odt && is_paragraph(n.name())) --in_text_layer;
            }
            if (n) n = n.next_sibling();
        }
    }

    // ---- 2. tags in the text layer ---------------------------------------------------------

    void scan() {
        std::string layer;
        for (std::size_t i = 0; i < raw_.size(); ++i) {
            if (raw_[i].k != K::text) continue;
            text_items_.push_back(static_cast<int>(i));
            text_offsets_.push_back(layer.size());
            layer += raw_[i].s;
        }
        const std::string& open = options_.open;
        const std::string& close = options_.close;
        std::size_t pos = 0;
        while (true) {
            std::size_t o = layer.find(open, pos);
            if (o == std::string::npos) break;
            std::size_t inner = o + open.size();
            std::size_t c = layer.find(close, inner);
            std::size_t next_open = layer.find(open, inner);
            if (c == std::string::npos || (next_open != std::string::npos && next_open < c)) {
                std::size_t stop = c == std::string::npos ? layer.size() : next_open;
                report_scan("unclosed-tag", o, shorten(layer.substr(o, stop - o)),
                            i18n::format(_("the tag is not closed with '{close}'"), {{"close", close}}));
                if (c == std::string::npos) break;
                pos = next_open;
                continue;
            }
            std::size_t end = c + close.size();
            if (c - inner > options_.max_tag_length) {
                report_scan("tag-too-long", o, shorten(layer.substr(o, end - o)),
                            i18n::format(_("the tag is {n} bytes long (limit {limit})"),
                                         {{"n", c - inner}, {"limit", options_.max_tag_length}}));
                pos = end;
                continue;
            }
            TagRecord t;
            t.text = layer.substr(o, end - o);
            t.begin = o;
            t.end = end;
            t.para = raw_[text_items_[text_index_at(o)]].para;
            t.parsed = parse_tag(std::string_view(layer).substr(inner, c - inner), formatters_);
            tags_.push_back(std::move(t));
            pos = end;
        }
    }

    static std::string shorten(const std::string& s) {
        if (s.size() <= 60) return s;
        std::size_t cut = 57;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
        return s.substr(0, cut) + "...";
    }

    // Index into text_items_ of the text item holding layer offset `off`.
    std::size_t text_index_at(std::size_t off) const {
        auto it = std::upper_bound(text_offsets_.begin(), text_offsets_.end(), off);
        std::size_t idx = static_cast<std::size_t>(it - text_offsets_.begin());
        idx = idx == 0 ? 0 : idx - 1;
        // Skip empty text items that share the offset.
        while (idx + 1 < text_offsets_.size() && text_offsets_[idx + 1] == off && raw_[text_items_[idx]].s.size() == off - text_offsets_[idx])
            ++idx;
        return idx;
    }

    void report_scan(const std::string& code, std::size_t layer_off, const std::string& tag, const std::string& message) {
        int para = text_items_.empty() ? 0 : raw_[text_items_[text_index_at(layer_off)]].para;
        report(code, para, tag, message);
    }

    // ---- 3. text items split around tags; a tag item where each tag starts -----------------

    void rebuild_items() {
        std::vector<Item> out;
        out.reserve(raw_.size() + tags_.size() * 2);
        std::size_t next_tag = 0;  // first tag not yet finished
        std::size_t text_no = 0;
        for (std::size_t i = 0; i < raw_.size(); ++i) {
            Item& it = raw_[i];
            if (it.k != K::text) {
                out.push_back(std::move(it));
                continue;
            }
            std::size_t ts = text_offsets_[text_no];
            std::size_t te = ts + it.s.size();
            ++text_no;
            std::size_t cur = ts;  // layer offset up to which this item is emitted
            while (next_tag < tags_.size() && tags_[next_tag].begin < te) {
                TagRecord& t = tags_[next_tag];
                if (t.begin >= cur) {
                    Item lit;
                    lit.k = K::text;
                    lit.s = it.s.substr(cur - ts, t.begin - cur);
                    lit.para = it.para;
                    if (!lit.s.empty()) out.push_back(std::move(lit));
                    Item tag;
                    tag.k = K::tag;
                    tag.tag = static_cast<int>(next_tag);
                    tag.para = it.para;
                    t.item = static_cast<int>(out.size());
                    out.push_back(std::move(tag));
                }
                if (t.end <= te) {
                    t.end_item = static_cast<int>(out.size());
                    cur = std::max(cur, t.end);
                    ++next_tag;
                } else {
                    cur = te;  // the tag goes on in a later text item
                    break;
                }
            }
            if (cur < te) {
                Item lit;
                lit.k = K::text;
                lit.s = it.s.substr(cur - ts);
                lit.para = it.para;
                out.push_back(std::move(lit));
            }
        }
        items_ = std::move(out);
        check_tags_within_cells();
    }

    // A tag whose text runs from one table cell into another cannot be rendered in place.
    void check_tags_within_cells() {
        for (auto& t : tags_) {
            if (t.item < 0) continue;
            for (int i = t.item + 1; i < t.end_item; ++i) {
                const Item& it = items_[i];
                if ((it.k == K::start || it.k == K::end) && (is_cell(it.name) || is_row(it.name) || is_table(it.name))) {
                    report("tag-spans-cells", t.para, t.text, _("the tag starts in one table cell and ends in another"));
                    t.ok = false;
                    break;
                }
            }
        }
    }

    // A tag typed across paragraphs joins them: the paragraph boundaries (and line breaks)
    // inside the tag go, the first paragraph keeps its properties.
    void merge_spanned_paragraphs() {
        skip_.assign(items_.size(), false);
        for (const auto& t : tags_) {
            if (t.item < 0 || t.end_item <= t.item + 1) continue;
            // A deletion tracked inside the tag goes with the tag: only its text was ever shown.
            for (int i = t.item + 1; i < t.end_item; ++i) {
                if (items_[i].k == K::start && std::strcmp(items_[i].name, "w:del") == 0 && items_[i].match < t.end_item)
                    for (int k = i; k <= items_[i].match; ++k) skip_[k] = true;
            }
            bool crosses = false;
            for (int i = t.item + 1; i < t.end_item && !crosses; ++i)
                crosses = items_[i].k == K::end && is_paragraph(items_[i].name);
            if (!crosses) continue;
            for (int i = t.item + 1; i < t.end_item; ++i) {
                const Item& it = items_[i];
                if ((it.k == K::start || it.k == K::end) && is_paragraph(it.name)) {
                    skip_[i] = true;
                    if (it.k == K::start) {
                        // The joined paragraph's properties would land mid-paragraph.
                        for (int k = i + 1; k < it.match; ++k) {
                            if (items_[k].parent == i && items_[k].k == K::start &&
                                (std::strcmp(items_[k].name, "w:pPr") == 0)) {
                                for (int m = k; m <= items_[k].match; ++m) skip_[m] = true;
                            }
                        }
                    }
                } else if (it.k == K::empty && (std::strcmp(it.name, "w:br") == 0 || std::strcmp(it.name, "w:cr") == 0 ||
                                                 std::strcmp(it.name, "text:line-break") == 0)) {
                    skip_[i] = true;
                }
            }
        }
    }

    void link_items() {
        std::vector<int> stack;
        for (int i = 0; i < static_cast<int>(items_.size()); ++i) {
            Item& it = items_[i];
            it.parent = stack.empty() ? -1 : stack.back();
            if (it.k == K::start) {
                stack.push_back(i);
            } else if (it.k == K::end) {
                int s = stack.back();
                stack.pop_back();
                it.parent = stack.empty() ? -1 : stack.back();
                items_[s].match = i;
                it.match = s;
            }
        }
    }

    // ---- 4. sections: pairs of tags -------------------------------------------------------

    void pair_sections() {
        std::vector<int> stack;  // open tags
        for (int ti = 0; ti < static_cast<int>(tags_.size()); ++ti) {
            TagRecord& t = tags_[ti];
            if (t.item < 0) continue;
            auto kind = t.parsed.kind;
            if (kind == ParsedTag::Kind::value) continue;
            if (!t.parsed.problems.empty() && t.parsed.expr.name.empty() && kind != ParsedTag::Kind::close) continue;
            if (kind == ParsedTag::Kind::section || kind == ParsedTag::Kind::inverted) {
                stack.push_back(ti);
                if (static_cast<int>(stack.size()) > options_.max_depth) {
                    report("too-deep", t.para, t.text,
                           i18n::format(_("sections nest more than {n} deep"), {{"n", options_.max_depth}}));
                    return;
                }
                continue;
            }
            // A closing tag.
            const std::string& name = t.parsed.expr.name;
            if (stack.empty()) {
                report("unopened-section", t.para, t.text, _("closing tag without an opening tag"));
                continue;
            }
            if (name.empty() || tags_[stack.back()].parsed.expr.name == name) {
                add_section(stack.back(), ti);
                stack.pop_back();
                continue;
            }
            auto found = std::find_if(stack.rbegin(), stack.rend(),
                                      [&](int o) { return tags_[o].parsed.expr.name == name; });
            if (found == stack.rend()) {
                report("mismatched-section", t.para, t.text,
                       i18n::format(_("closing tag does not match the open section {tag}"), {{"tag", tags_[stack.back()].text}}));
                continue;
            }
            // Sections opened after the one this tag closes were never closed.
            while (stack.back() != *found) {
                const TagRecord& o = tags_[stack.back()];
                report("unclosed-section", o.para, o.text,
                       i18n::format(_("section is not closed before {tag} (paragraph {paragraph})"),
                                    {{"tag", t.text}, {"paragraph", t.para}}));
                stack.pop_back();
            }
            add_section(stack.back(), ti);
            stack.pop_back();
        }
        for (int o : stack) {
            const TagRecord& t = tags_[o];
            report("unclosed-section", t.para, t.text, _("section is never closed"));
        }
    }

    void add_section(int open, int close) {
        Section s;
        s.open_tag = open;
        s.close_tag = close;
        sections_.push_back(s);
    }

    // ---- 5. what each section repeats -------------------------------------------------------

    int enclosing(int item, bool (PartCompiler::*pred)(const char*) const) const {
        for (int p = items_[item].parent; p >= 0; p = items_[p].parent)
            if ((this->*pred)(items_[p].name)) return p;
        return -1;
    }

    static bool is_blank(const std::string& s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
    }

    // The list item holding paragraph `p` when `p` is its only content (ODT), else `p`.
    int lift_list_item(int p) const {
        int li = items_[p].parent;
        if (spec_.format != DocFormat::odt || li < 0 || std::strcmp(items_[li].name, "text:list-item") != 0) return p;
        for (int i = li + 1; i < items_[li].match; ++i)
            if (items_[i].parent == li && i != p && i != items_[p].match && items_[i].k != K::other) return p;
        return li;
    }

    // True when the paragraph (or list item) starting at item `p` holds no text but the tag at `tag_item`.
    bool alone_in_paragraph(int p, int tag_item) const {
        for (int i = p + 1; i < items_[p].match; ++i) {
            const Item& it = items_[i];
            if (it.k == K::tag && i != tag_item) return false;
            if (it.k == K::text && !it.s.empty()) return false;
        }
        return true;
    }

    void expand_sections() {
        for (Section& s : sections_) {
            TagRecord& open = tags_[s.open_tag];
            TagRecord& close = tags_[s.close_tag];
            int a = open.item, b = close.item;
            if (options_.paragraph_loop) {
                int pa = enclosing(a, &PartCompiler::is_paragraph);
                int pb = enclosing(b, &PartCompiler::is_paragraph);
                if (pa >= 0 && pb >= 0 && pa != pb && items_[pa].parent != items_[pb].parent) {
                    // ODT lists: each paragraph sits in its own list item; the items repeat.
                    int la = lift_list_item(pa), lb = lift_list_item(pb);
                    if (items_[la].parent == items_[lb].parent) {
                        pa = la;
                        pb = lb;
                    }
                }
                if (pa >= 0 && pb >= 0 && pa != pb && items_[pa].parent == items_[pb].parent &&
                    alone_in_paragraph(pa, a) && alone_in_paragraph(pb, b)) {
                    s.outer_begin = pa;
                    s.outer_end = items_[pb].match;
                    s.body_begin = items_[pa].match + 1;
                    s.body_end = pb - 1;
                    if (spec_.format == DocFormat::docx) keep_breaks(s, pa, pb);
                    open.consumed = close.consumed = true;
                    s.valid = true;
                    continue;
                }
            }
            // Elements left open or closed between the two tags.
            std::vector<int> stack;
            std::vector<const char*> closes, opens;
            bool crosses_cell = false, crosses_table = false;
            for (int i = a + 1; i < b; ++i) {
                const Item& it = items_[i];
                if (it.k == K::start) {
                    stack.push_back(i);
                } else if (it.k == K::end) {
                    if (!stack.empty()) stack.pop_back();
                    else closes.push_back(it.name);
                }
            }
            for (int i : stack) opens.push_back(items_[i].name);
            for (const char* n : closes) {
                crosses_cell |= is_cell(n);
                crosses_table |= is_table(n) || is_row(n);
            }
            if (crosses_cell && !crosses_table) {
                int ra = enclosing(a, &PartCompiler::is_row);
                int rb = enclosing(b, &PartCompiler::is_row);
                if (ra >= 0 && rb >= 0 && items_[ra].parent == items_[rb].parent) {
                    s.outer_begin = ra;
                    s.outer_end = items_[rb].match;
                    s.body_begin = ra;
                    s.body_end = items_[rb].match;
                    open.consumed = close.consumed = true;
                    s.valid = true;
                    add_table_guard(s, ra, rb);
                    continue;
                }
            }
            bool mirrored = closes.size() == opens.size() && !crosses_cell && !crosses_table;
            for (std::size_t i = 0; mirrored && i < closes.size(); ++i)
                mirrored = std::strcmp(closes[i], opens[opens.size() - 1 - i]) == 0;
            if (!mirrored && wrap_inline(s, a, closes.size(), stack)) {
                s.outer_begin = a;
                s.outer_end = b;
                s.body_begin = a + 1;
                s.body_end = b - 1;
                s.valid = true;
                continue;
            }
            if (!mirrored) {
                report("section-crosses-structure", open.para, open.text,
                       i18n::format(_("section {open} ... {close} (paragraph {paragraph}) starts and ends at different levels "
                                      "of the document structure (e.g. in a table and outside it)"),
                                    {{"open", open.text}, {"close", close.text}, {"paragraph", close.para}}));
                continue;
            }
            s.outer_begin = a;
            s.outer_end = b;
            s.body_begin = a + 1;
            s.body_end = b - 1;
            s.valid = true;
            if (spec_.format == DocFormat::docx && !closes.empty()) keep_section_break_inline(s, closes.size(), stack);
        }
        for (auto& g : guards_) sections_.push_back(std::move(g));
        guards_.clear();
    }

    static bool is_inline(const char* n) {
        static const char* names[] = {"w:r",          "w:t",          "w:hyperlink", "w:ins",     "w:del",
                                      "w:smartTag",   "w:fldSimple",  "w:moveFrom",  "w:moveTo",  "text:span",
                                      "text:a",       "text:meta",    "text:ruby",   "text:ruby-base"};
        for (const char* x : names)
            if (std::strcmp(n, x) == 0) return true;
        return false;
    }

    // An inline section whose tags sit in different spans or runs of one paragraph
    // (`<span>{{#a}}x</span>{{/a}}`): the spans it leaves are closed before it and reopened in
    // each repetition, the ones it enters are closed at the end of each repetition and reopened
    // after it, so any number of repetitions stays well-formed and keeps the formatting.
    bool wrap_inline(Section& s, int a, std::size_t close_count, const std::vector<int>& opens) {
        std::vector<int> left;  // start items of the elements the body leaves, innermost first
        for (int p = items_[a].parent; p >= 0 && left.size() < close_count; p = items_[p].parent) left.push_back(p);
        for (int p : left)
            if (!is_inline(items_[p].name)) return false;
        for (int p : opens)
            if (!is_inline(items_[p].name)) return false;
        for (int p : left) s.before += std::string("</") + items_[p].name + ">";
        for (auto it = left.rbegin(); it != left.rend(); ++it) s.iter_open += items_[*it].s;
        for (auto it = opens.rbegin(); it != opens.rend(); ++it) s.iter_close += std::string("</") + items_[*it].name + ">";
        for (int p : opens) s.after += items_[p].s;
        return true;
    }

    // ---- DOCX page and section breaks in the paragraphs a loop removes ----------------------

    // The w:sectPr held by the paragraph starting at item `p`, as XML, or "".
    std::string section_break_of(int p) const {
        for (int i = p + 1; i < items_[p].match; ++i) {
            if (items_[i].k == K::start && std::strcmp(items_[i].name, "w:sectPr") == 0) {
                std::string xml;
                for (int k = i; k <= items_[i].match; ++k) xml += items_[k].s;
                return xml;
            }
        }
        return "";
    }

    bool has_page_break(int p) const {
        for (int i = p + 1; i < items_[p].match; ++i)
            if (items_[i].k == K::empty && std::strcmp(items_[i].name, "w:br") == 0 &&
                items_[i].s.find("w:type=\"page\"") != std::string::npos)
                return true;
        return false;
    }

    void keep_breaks(Section& s, int pa, int pb) {
        if (has_page_break(pa)) s.body_begin = pa;  // every repetition starts on a new page
        if (has_page_break(pb)) s.page_break_last = true;
        std::string open_sect = section_break_of(pa);
        std::string close_sect = section_break_of(pb);
        if (!open_sect.empty()) {
            s.before = "<w:p><w:pPr>" + open_sect + "</w:pPr></w:p>";
            if (open_sect.find("w:val=\"continuous\"") == std::string::npos) s.page_break_each = true;
        }
        if (!close_sect.empty()) s.after = "<w:p><w:pPr>" + close_sect + "</w:pPr></w:p>";
        // A table cell must end with a paragraph: if the loop holds the only ones, keep one.
        int cell = items_[pa].parent;
        if (cell >= 0 && is_cell(items_[cell].name)) {
            bool other = false;
            for (int i = cell + 1; i < items_[cell].match && !other; ++i)
                if (items_[i].parent == cell && items_[i].k != K::end && is_paragraph(items_[i].name) &&
                    (i < s.outer_begin || i > s.outer_end))
                    other = true;
            s.ensure_paragraph = !other;
        }
    }

    // An inline section from one paragraph into another that holds a section break: with no
    // repetition the two paragraphs merge, so the break is put back in a paragraph of its own.
    void keep_section_break_inline(Section& s, std::size_t close_count, const std::vector<int>& opens) {
        int pb = enclosing(tags_[s.close_tag].item, &PartCompiler::is_paragraph);
        if (pb < 0 || opens.empty() || opens.front() != pb) return;
        std::string sect = section_break_of(pb);
        if (sect.empty()) return;
        std::string fill;
        int a = tags_[s.open_tag].item;
        int p = items_[a].parent;
        for (std::size_t k = 0; k < close_count && p >= 0; ++k, p = items_[p].parent)
            fill += std::string("</") + items_[p].name + ">";
        fill += "<w:p><w:pPr>" + sect + "</w:pPr>";
        for (std::size_t k = 1; k < opens.size(); ++k) fill += items_[opens[k]].s;
        s.empty_fill = std::move(fill);
    }

    // A table whose every row is in the loop is dropped when the loop renders no row.
    void add_table_guard(const Section& s, int ra, int rb) {
        int table = items_[ra].parent;
        if (table < 0 || !is_table(items_[table].name)) return;
        for (int i = table + 1; i < items_[table].match; ++i)
            if (items_[i].parent == table && items_[i].k == K::start && is_row(items_[i].name) &&
                (i < ra || i > items_[rb].match))
                return;
        Section g;
        g.open_tag = s.open_tag;
        g.close_tag = s.close_tag;
        g.outer_begin = g.body_begin = table;
        g.outer_end = g.body_end = items_[table].match;
        g.valid = true;
        g.guard = true;
        guards_.push_back(std::move(g));
    }

    void nest_sections() {
        std::vector<int> order(sections_.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
        std::sort(order.begin(), order.end(), [&](int x, int y) {
            const Section& a = sections_[x];
            const Section& b = sections_[y];
            if (a.outer_begin != b.outer_begin) return a.outer_begin < b.outer_begin;
            return a.outer_end > b.outer_end;
        });
        is_child_.assign(sections_.size(), false);
        std::vector<int> stack;
        for (int id : order) {
            Section& s = sections_[id];
            if (!s.valid) continue;
            while (!stack.empty() && sections_[stack.back()].outer_end < s.outer_begin) stack.pop_back();
            if (!stack.empty()) {
                Section& parent = sections_[stack.back()];
                if (s.outer_begin < parent.body_begin || s.outer_end > parent.body_end) {
                    const TagRecord& t = tags_[s.open_tag];
                    report("sections-overlap", t.para, t.text,
                           i18n::format(_("section overlaps section {tag} once both are extended to whole paragraphs or table rows"),
                                        {{"tag", tags_[parent.open_tag].text}}));
                    continue;
                }
                parent.children.push_back(id);
                is_child_[id] = true;
            }
            stack.push_back(id);
        }
    }

    // ---- 6. nodes ------------------------------------------------------------------------

    // A w:t that receives a value must keep the value's leading and trailing spaces.
    void mark_preserve_space() {
        if (spec_.format != DocFormat::docx) return;
        for (const auto& t : tags_) {
            if (t.item < 0 || t.parsed.kind != ParsedTag::Kind::value) continue;
            int p = items_[t.item].parent;
            if (p < 0 || !name_is(items_[p].name, spec_.text)) continue;
            std::string& s = items_[p].s;
            if (s.find("xml:space=") == std::string::npos) s.insert(s.size() - 1, " xml:space=\"preserve\"");
        }
    }

    std::vector<Node> build(int begin, int end, const std::vector<int>& children) {
        std::vector<Node> nodes;
        std::string lit;
        auto flush = [&] {
            if (lit.empty()) return;
            Node n;
            n.kind = Node::Kind::literal;
            n.literal = std::move(lit);
            lit.clear();
            nodes.push_back(std::move(n));
        };
        std::vector<int> kids = children;
        std::sort(kids.begin(), kids.end(), [&](int x, int y) { return sections_[x].outer_begin < sections_[y].outer_begin; });
        std::size_t next = 0;
        for (int i = begin; i <= end; ++i) {
            if (next < kids.size() && sections_[kids[next]].outer_begin == i) {
                const Section& s = sections_[kids[next++]];
                const TagRecord& t = tags_[s.open_tag];
                flush();
                Node n;
                n.kind = Node::Kind::section;
                n.expr = t.parsed.expr;
                n.inverted = t.parsed.kind == ParsedTag::Kind::inverted;
                n.paragraph = t.para;
                n.tag_id = s.open_tag;
                n.tag_text = t.text;
                n.guard = s.guard;
                n.before = s.before;
                n.after = s.after;
                n.empty_fill = s.empty_fill;
                n.iter_open = s.iter_open;
                n.iter_close = s.iter_close;
                n.page_break_each = s.page_break_each;
                n.page_break_last = s.page_break_last;
                n.ensure_paragraph = s.ensure_paragraph;
                n.children = build(s.body_begin, s.body_end, s.children);
                nodes.push_back(std::move(n));
                i = s.outer_end;
                continue;
            }
            const Item& it = items_[i];
            if (skip_[i]) continue;
            switch (it.k) {
            case K::text:
                append_escaped_text(lit, it.s);
                break;
            case K::tag: {
                const TagRecord& t = tags_[it.tag];
                if (t.parsed.kind != ParsedTag::Kind::value || !t.ok) break;
                flush();
                Node n;
                n.kind = Node::Kind::value;
                n.expr = t.parsed.expr;
                n.site = spec_.format == DocFormat::docx ? ValueSite::docx_text : ValueSite::odt_text;
                n.paragraph = t.para;
                n.tag_id = it.tag;
                n.tag_text = t.text;
                nodes.push_back(std::move(n));
                break;
            }
            default:
                lit += it.s;
                break;
            }
        }
        flush();
        return nodes;
    }

    const std::string& label_;
    const std::string& part_;
    const FormatSpec& spec_;
    const TemplateOptions& options_;
    const FormatterRegistry& formatters_;
    Diagnostics& diags_;
    int para_ = 0;
    bool errors_ = false;
    std::vector<Item> raw_;
    std::vector<int> text_items_;
    std::vector<std::size_t> text_offsets_;
    std::vector<TagRecord> tags_;
    std::vector<Item> items_;
    std::vector<Section> sections_;
    std::vector<Section> guards_;
    std::vector<bool> skip_;
    std::vector<bool> is_child_;
};

} // namespace

std::optional<CompiledPart> compile_part(const std::string& label, const std::string& part, const std::string& xml,
                                         const FormatSpec& spec, const TemplateOptions& options,
                                         const FormatterRegistry& formatters, std::vector<TagInfo>& tags,
                                         Diagnostics& diags) {
    PartCompiler c(label, part, spec, options, formatters, diags);
    return c.run(xml, tags);
}

} // namespace gongwen::detail
