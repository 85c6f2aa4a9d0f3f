// DOCX documents merged into one: a section break per document (w:type oddPage, page numbers from
// 1), its header and footer parts, images and links carried over with its relationships (parts
// with the same bytes stored once), lists restarted (a w:num of its own per document), drawing
// and bookmark ids made unique.
#include "batch/merge.hpp"
#include "batch/merge_package.hpp"
#include "batch/merge_xml.hpp"
#include "batch/merge_docx_sections.hpp"

#include "formats/opc.hpp"
#include "gongwen/i18n.hpp"

#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace gongwen::batch {

namespace {

namespace opc = detail::opc;
using i18n::_;

// Parts every copy shares with the first: the first's are kept.
bool shared_type(const std::string& type) {
    static const char* const kinds[] = {"styles",   "stylesWithEffects", "settings", "webSettings",      "fontTable",
                                        "theme",    "numbering",         "footnotes", "endnotes",        "comments",
                                        "people",   "commentsExtended",  "commentsIds", "commentsExtensible", "customXml",
                                        "glossaryDocument"};
    for (const char* k : kinds)
        if (opc::type_is(type, k)) return true;
    return false;
}

std::string folder_of(const std::string& part) {
    auto s = part.rfind('/');
    return s == std::string::npos ? "" : part.substr(0, s + 1);
}

// `part` as a target relative to the part `from` (both part names).
std::string relative_target(const std::string& from, const std::string& part) {
    std::string folder = folder_of(from);
    if (!folder.empty() && part.compare(0, folder.size(), folder) == 0) return part.substr(folder.size());
    return "/" + part;
}

std::string key_of(std::string_view bytes, std::string_view extra) {
    return std::to_string(bytes.size()) + ":" + std::to_string(xml::hash(bytes)) + ":" + std::to_string(xml::hash(bytes, 7809847782465536322ull)) +
           ":" + std::to_string(xml::hash(extra));
}

unsigned long long number(std::string_view s) {
    unsigned long long n = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + static_cast<unsigned>(c - '0');
    }
    return n;
}

class DocxMerger final : public Merger {
public:
    DocxMerger(const std::string& temp_dir, const std::string& label) : out_(temp_dir, label), label_(label) {}

    void add(const std::string& bytes, const std::string& label) override {
        Package pkg = Package::read_memory(bytes, label);
        std::string main = opc::main_part(pkg);
        if (main.empty()) main = "word/document.xml";
        const std::string& doc = pkg.text(main);
        auto body = xml::find_element(doc, "w:body");
        if (!body) throw Error("merge-failed", label, _("the document has no body (w:body)"));
        auto [ib, ie] = xml::inner(doc, *body);
        std::string_view content = std::string_view(doc).substr(ib, ie - ib);
        for (const char* note : {"<w:footnoteReference", "<w:endnoteReference", "<w:commentReference"})
            if (content.find(note) != std::string_view::npos)
                throw Error("merge-unsupported", label, _("documents with footnotes, endnotes or comments cannot be merged yet"));
        const unsigned k = ++copies_;
        if (k == 1) first_document(pkg, main, doc.substr(0, ib), doc.substr(ie));
        learn_defaults(pkg);

        std::map<std::string, std::string> rid;
        for (const auto& r : opc::relationships(pkg, main)) rid[r.id] = merge_relationship(pkg, r, k, label);
        std::string text = k == 1 ? first_ids(content, rid) : renumber(content, rid, k);

        // The document's sections: the first starts on an odd page numbered 1; the last (the
        // body's own sectPr) ends the document in its last paragraph.
        auto kids = xml::children(text);
        std::string final_sect;
        std::size_t body_end = text.size();
        if (!kids.empty() && kids.back().name == "w:sectPr") {
            final_sect = text.substr(kids.back().begin, kids.back().end - kids.back().begin);
            body_end = kids.back().begin;
            kids.pop_back();
        }
        std::string body_text = text.substr(0, body_end);
        text.clear();
        if (auto first = xml::find_element(body_text, "w:sectPr"))
            body_text.replace(first->begin, first->end - first->begin,
                              starting_section(body_text.substr(first->begin, first->end - first->begin)));
        else
            final_sect = starting_section(final_sect.empty() ? "<w:sectPr/>" : final_sect);
        kids = xml::children(body_text);
        std::size_t last_begin = body_text.size();
        if (!kids.empty() && kids.back().name == "w:p") last_begin = kids.back().begin;
        if (k > 1) out_.append(ending_paragraph(pending_, pending_sect_));
        out_.append(std::string_view(body_text).substr(0, last_begin));
        pending_ = body_text.substr(last_begin);
        pending_sect_ = final_sect;
    }

    void write(const std::string& path, bool overwrite) override {
        if (!copies_) throw Error("merge-failed", path, _("no document to merge"));
        out_.append(pending_);
        out_.append(pending_sect_);
        out_.finish_stream(tail_);
        // The main part's relationships, the numbering with every document's lists, the content
        // types of every part; the first document's other parts as they were.
        std::string rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
        for (const auto& r : rels_)
            rels += "<Relationship Id=\"" + xml::escape_attribute(r.id) + "\" Type=\"" + xml::escape_attribute(r.type) + "\" Target=\"" +
                    xml::escape_attribute(r.target) + "\"" + (r.external ? " TargetMode=\"External\"" : "") + "/>";
        rels += "</Relationships>";
        out_.add_text(opc::relationships_part_of(main_), rels);
        if (!numbering_part_.empty()) {
            std::size_t at = numbering_.find("<w:numIdMacAtCleanup");
            if (at == std::string::npos) at = numbering_.rfind("</w:numbering>");
            if (at == std::string::npos) throw Error("merge-failed", numbering_part_, _("the numbering part is not well-formed"));
            numbering_.insert(at, new_nums_);
            out_.add_text(numbering_part_, numbering_);
        }
        std::string types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">";
        for (const auto& [ext, type] : defaults_)
            types += "<Default Extension=\"" + xml::escape_attribute(ext) + "\" ContentType=\"" + xml::escape_attribute(type) + "\"/>";
        for (const auto& [part, type] : overrides_)
            types += "<Override PartName=\"/" + xml::escape_attribute(part) + "\" ContentType=\"" + xml::escape_attribute(type) + "\"/>";
        types += "</Types>";
        out_.add_text("[Content_Types].xml", types);
        for (const auto& e : first_->entries())
            if (!written_.count(e.name) && e.name != "[Content_Types].xml") {
                if (!e.name.empty() && e.name.back() == '/') out_.add_folder(e.name);
                else out_.add_raw(e, e.name);
            }
        out_.write(path, overwrite);
    }

private:
    struct Rel {
        std::string id, type, target;
        bool external;
    };

    void first_document(const Package& pkg, const std::string& main, std::string head, std::string tail) {
        main_ = main;
        tail_ = std::move(tail);
        out_.start_stream(main, head);
        written_ = {main, opc::relationships_part_of(main), "[Content_Types].xml"};
        for (const auto& r : opc::relationships(pkg, main))
            if (!r.external && opc::type_is(r.type, "numbering") && pkg.find(r.part)) {
                numbering_part_ = r.part;
                numbering_ = pkg.text(r.part);
                written_.insert(r.part);
                learn_numbering();
            }
        // The Overrides of the first document's parts stay (a stored part adds its own).
        xml::for_each_value(pkg.text("[Content_Types].xml"), "Override", "PartName", [&](std::string_view name) {
            std::string part = xml::unescape(name);
            if (!part.empty() && part[0] == '/') part.erase(0, 1);
            if (pkg.find(part)) overrides_[part] = opc::content_type(pkg, part);
        });
        first_ = pkg;
    }

    void learn_defaults(const Package& pkg) {
        const std::string& ct = pkg.text("[Content_Types].xml");
        auto root = xml::find_element(ct, "Types");
        if (!root) return;
        auto [b, e] = xml::inner(ct, *root);
        for (const auto& c : xml::children(std::string_view(ct).substr(b, e - b))) {
            if (c.name != "Default") continue;
            auto ext = xml::attribute(ct, b + c.begin, "Extension");
            auto type = xml::attribute(ct, b + c.begin, "ContentType");
            if (ext && type) defaults_.emplace(*ext, *type);
        }
    }

    void learn_numbering() {
        auto root = xml::find_element(numbering_, "w:numbering");
        if (!root) return;
        auto [b, e] = xml::inner(numbering_, *root);
        std::string_view in = std::string_view(numbering_).substr(b, e - b);
        for (const auto& c : xml::children(in)) {
            std::string_view el = in.substr(c.begin, c.end - c.begin);
            if (c.name == "w:abstractNum") {
                std::string id = xml::attribute(el, 0, "w:abstractNumId").value_or("");
                auto [lb, le] = xml::inner(el, {0, el.size(), c.name});
                for (const auto& l : xml::children(el.substr(lb, le - lb))) {
                    if (l.name != "w:lvl") continue;
                    std::string_view lvl = el.substr(lb + l.begin, l.end - l.begin);
                    std::string start = "0";
                    if (auto s = xml::find_element(lvl, "w:start")) start = xml::attribute(lvl, s->begin, "w:val").value_or("0");
                    abstract_starts_[id].emplace_back(xml::attribute(lvl, 0, "w:ilvl").value_or("0"), start);
                }
            } else if (c.name == "w:num") {
                std::string id = xml::attribute(el, 0, "w:numId").value_or("");
                next_num_ = std::max(next_num_, number(id));
                if (auto a = xml::find_element(el, "w:abstractNumId")) num_abstract_[id] = xml::attribute(el, a->begin, "w:val").value_or("");
                nums_[id] = std::string(el);
            }
        }
    }

    // A list of the document numbered anew: a w:num over the same abstractNum, each level started
    // at its own start value.
    std::string restarted_num(const std::string& num_id) {
        std::string fresh = std::to_string(++next_num_);
        const std::string& abs = num_abstract_[num_id];
        const std::string& orig = nums_[num_id];
        std::string out = "<w:num w:numId=\"" + fresh + "\"><w:abstractNumId w:val=\"" + xml::escape_attribute(abs) + "\"/>";
        std::map<std::string, std::string> overrides;  // ilvl -> lvlOverride of the original
        std::size_t pos = 0;
        while (auto o = xml::find_element(orig, "w:lvlOverride", pos)) {
            overrides[xml::attribute(orig, o->begin, "w:ilvl").value_or("0")] = orig.substr(o->begin, o->end - o->begin);
            pos = o->end;
        }
        for (const auto& [ilvl, start] : abstract_starts_[abs]) {
            auto it = overrides.find(ilvl);
            if (it != overrides.end() && it->second.find("<w:startOverride") != std::string::npos) {
                out += it->second;
                continue;
            }
            std::string open = "<w:lvlOverride w:ilvl=\"" + xml::escape_attribute(ilvl) + "\"><w:startOverride w:val=\"" + start + "\"/>";
            if (it != overrides.end()) {
                auto [b, e] = xml::inner(it->second, {0, it->second.size(), "w:lvlOverride"});
                out += open + it->second.substr(b, e - b) + "</w:lvlOverride>";
            } else {
                out += open + "</w:lvlOverride>";
            }
        }
        new_nums_ += out + "</w:num>";
        return fresh;
    }

    std::string add_relationship(const std::string& wanted_id, const std::string& type, const std::string& target, bool external) {
        std::string id = wanted_id;
        while (id.empty() || rel_ids_.count(id)) id = "rIdMerge" + std::to_string(++rel_counter_);
        rel_ids_.insert(id);
        rels_.push_back({id, type, target, external});
        return id;
    }

    std::string merge_relationship(const Package& pkg, const opc::Relationship& r, unsigned k, const std::string& label) {
        if (r.external) {
            std::string key = "E\n" + r.type + "\n" + r.target;
            auto it = rel_by_key_.find(key);
            if (it != rel_by_key_.end()) return it->second;
            return rel_by_key_[key] = add_relationship(r.id, r.type, r.target, true);
        }
        if (shared_type(r.type)) {
            std::string key = "S\n" + r.type + "\n" + r.part;
            auto it = rel_by_key_.find(key);
            if (it != rel_by_key_.end()) return it->second;
            if (k > 1)
                throw Error("merge-failed", label,
                            i18n::format(_("the document has a part the first document has not ('{part}'): documents that differ in their "
                                           "styles, settings or numbering cannot be merged"),
                                         {{"part", r.part}}));
            return rel_by_key_[key] = add_relationship(r.id, r.type, r.target, false);
        }
        std::string stored = store_part(pkg, r.part, k, label, 0);
        std::string key = "I\n" + r.type + "\n" + stored;
        auto it = rel_by_key_.find(key);
        if (it != rel_by_key_.end()) return it->second;
        return rel_by_key_[key] = add_relationship(r.id, r.type, relative_target(main_, stored), false);
    }

    // Stores a part of a copy (a header, a footer, an image …) with the parts it refers to, once
    // per distinct content; returns its name in the merged package.
    std::string store_part(const Package& pkg, const std::string& part, unsigned k, const std::string& label, int depth) {
        const PackageEntry* e = pkg.find(part);
        if (!e || depth > 8)
            throw Error("merge-failed", label, i18n::format(_("a relationship names the part '{part}', which is missing"), {{"part", part}}));
        std::string rels;
        auto sub = opc::relationships(pkg, part);
        for (const auto& r : sub) {
            std::string target = r.external ? r.target : relative_target(part, store_part(pkg, r.part, k, label, depth + 1));
            rels += "<Relationship Id=\"" + xml::escape_attribute(r.id) + "\" Type=\"" + xml::escape_attribute(r.type) + "\" Target=\"" +
                    xml::escape_attribute(target) + "\"" + (r.external ? " TargetMode=\"External\"" : "") + "/>";
        }
        std::string_view bytes = e->has_data ? std::string_view(e->data) : std::string_view(e->raw);
        std::string key = key_of(bytes, rels);
        auto it = stored_.find(key);
        if (it != stored_.end()) return it->second;
        std::string name = part;
        for (unsigned n = k; written_.count(name); ++n) {
            auto dot = part.rfind('.');
            auto slash = part.rfind('/');
            name = dot == std::string::npos || (slash != std::string::npos && dot < slash)
                       ? part + "_" + std::to_string(n)
                       : part.substr(0, dot) + "_" + std::to_string(n) + part.substr(dot);
        }
        written_.insert(name);
        if (e->has_data) {
            std::string text = e->data;
            if (k == 1) {
                xml::for_each_value(text, "wp:docPr", "id", [&](std::string_view v) { next_docpr_ = std::max(next_docpr_, number(v)); });
            } else {
                text = xml::rewrite_attributes(text, [&](std::string_view el, std::string_view a, std::string_view) -> std::optional<std::string> {
                    if (el == "wp:docPr" && a == "id") return std::to_string(++next_docpr_);
                    return std::nullopt;
                });
            }
            out_.add_text(name, text);
        } else {
            out_.add_raw(*e, name);
        }
        if (!sub.empty()) {
            std::string rels_part = opc::relationships_part_of(name);
            written_.insert(rels_part);
            out_.add_text(rels_part, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                                     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                                         rels + "</Relationships>");
        }
        std::string type = opc::content_type(pkg, part);
        auto dot = name.rfind('.');
        std::string ext = dot == std::string::npos ? "" : name.substr(dot + 1);
        auto d = defaults_.find(ext);
        if (!type.empty() && (d == defaults_.end() || d->second != type)) overrides_[name] = type;
        stored_.emplace(std::move(key), name);
        return name;
    }

    // The first document keeps its ids; what it uses is learnt.
    std::string first_ids(std::string_view content, const std::map<std::string, std::string>& rid) {
        xml::for_each_value(content, "wp:docPr", "id", [&](std::string_view v) { next_docpr_ = std::max(next_docpr_, number(v)); });
        xml::for_each_value(content, "w:bookmarkStart", "w:id", [&](std::string_view v) { next_bookmark_ = std::max(next_bookmark_, number(v)); });
        xml::for_each_value(content, "w:bookmarkStart", "w:name", [&](std::string_view v) { bookmark_names_.emplace(v); });
        return rewrite_ids(content, rid);
    }

    std::string rewrite_ids(std::string_view content, const std::map<std::string, std::string>& rid) {
        bool same = true;
        for (const auto& [a, b] : rid) same = same && a == b;
        if (same) return std::string(content);
        return xml::rewrite_attributes(content, [&](std::string_view, std::string_view a, std::string_view v) -> std::optional<std::string> {
            if (a.size() > 2 && a.substr(0, 2) == "r:") {
                auto it = rid.find(std::string(v));
                if (it != rid.end() && it->second != v) return xml::escape_attribute(it->second);
            }
            return std::nullopt;
        });
    }

    // A later document: its relationships, drawing ids, bookmarks and lists made its own.
    std::string renumber(std::string_view content, const std::map<std::string, std::string>& rid, unsigned k) {
        std::map<std::string, std::string> names, bookmark_ids, num_ids;
        xml::for_each_value(content, "w:bookmarkStart", "w:name", [&](std::string_view v) {
            std::string fresh = std::string(v) + "_" + std::to_string(k);
            while (bookmark_names_.count(fresh)) fresh += "_";
            bookmark_names_.insert(fresh);
            names.emplace(xml::unescape(v), fresh);
        });
        std::string text = xml::rewrite_attributes(content, [&](std::string_view el, std::string_view a,
                                                               std::string_view v) -> std::optional<std::string> {
            if (a.size() > 2 && a.substr(0, 2) == "r:") {
                auto it = rid.find(std::string(v));
                if (it != rid.end() && it->second != v) return xml::escape_attribute(it->second);
                return std::nullopt;
            }
            if (el == "wp:docPr" && a == "id") return std::to_string(++next_docpr_);
            if ((el == "w:bookmarkStart" || el == "w:bookmarkEnd") && a == "w:id") {
                auto [it, fresh] = bookmark_ids.emplace(std::string(v), "");
                if (fresh) it->second = std::to_string(++next_bookmark_);
                return it->second;
            }
            if ((el == "w:bookmarkStart" && a == "w:name") || a == "w:anchor") {
                auto it = names.find(xml::unescape(v));
                if (it != names.end()) return xml::escape_attribute(it->second);
                return std::nullopt;
            }
            if (el == "w:numId" && a == "w:val" && v != "0" && num_abstract_.count(std::string(v))) {
                auto [it, fresh] = num_ids.emplace(std::string(v), "");
                if (fresh) it->second = restarted_num(it->first);
                return it->second;
            }
            return std::nullopt;
        });
        if (!names.empty()) rename_field_references(text, names);
        return text;
    }

    // REF and PAGEREF fields name bookmarks in their instruction text.
    static void rename_field_references(std::string& text, const std::map<std::string, std::string>& names) {
        std::size_t pos = 0;
        while ((pos = text.find("<w:instrText", pos)) != std::string::npos) {
            std::size_t b = text.find('>', pos);
            std::size_t e = text.find("</w:instrText>", b);
            if (b == std::string::npos || e == std::string::npos) return;
            if (text[b - 1] == '/') {
                pos = b;
                continue;
            }
            std::string instr = text.substr(b + 1, e - b - 1), out;
            std::size_t i = 0;
            while (i < instr.size()) {
                std::size_t j = instr.find(' ', i);
                if (j == std::string::npos) j = instr.size();
                std::string word = instr.substr(i, j - i);
                auto it = names.find(word);
                out += it == names.end() ? word : it->second;
                if (j < instr.size()) out += ' ';
                i = j + 1;
            }
            text.replace(b + 1, e - b - 1, out);
            pos = b + 1 + out.size();
        }
    }

    MergedPackage out_;
    std::string label_, main_, tail_;
    std::optional<Package> first_;
    unsigned copies_ = 0;
    std::vector<Rel> rels_;
    std::set<std::string> rel_ids_, written_;
    std::map<std::string, std::string> rel_by_key_, stored_, defaults_, overrides_;
    unsigned rel_counter_ = 0;
    std::string numbering_part_, numbering_, new_nums_;
    std::map<std::string, std::string> num_abstract_, nums_;
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> abstract_starts_;
    unsigned long long next_num_ = 0, next_docpr_ = 0, next_bookmark_ = 0;
    std::unordered_set<std::string> bookmark_names_;
    std::string pending_, pending_sect_;
};

} // namespace

std::unique_ptr<Merger> docx_merger(const std::string& temp_dir, const std::string& label) {
    return std::make_unique<DocxMerger>(temp_dir, label);
}

} // namespace gongwen::batch
