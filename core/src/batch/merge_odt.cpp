// ODT documents merged into one: each document's first paragraph takes a paragraph style that
// starts a page of the template's first page style with page number 1 (LibreOffice then inserts
// a blank page where the previous document ended on an odd page: odd numbers are right pages).
// Automatic styles that differ between documents, and page styles whose headers or footers were
// rendered differently, are renamed per document; table, section, frame and bookmark names and
// xml:ids get a document suffix; pictures with the same bytes are stored once.
#include "batch/merge.hpp"
#include "batch/merge_package.hpp"
#include "batch/merge_xml.hpp"

#include "gongwen/i18n.hpp"

#include <cerrno>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_set>

namespace gongwen::batch {

namespace {

using i18n::_;

// Elements at the start of office:text that a document may hold once.
bool declaration(std::string_view name) {
    return name == "text:sequence-decls" || name == "text:variable-decls" || name == "text:user-field-decls" ||
           name == "text:dde-connection-decls" || name == "office:forms" || name == "text:alphabetical-index-auto-mark-file" ||
           name == "table:calculation-settings" || name == "table:content-validations" || name == "table:label-ranges";
}

// (element, attribute) pairs that name something a document must name once; "" = any element.
bool names_unique(std::string_view el, std::string_view a) {
    if (a == "xml:id") return true;
    if (a == "table:name") return el == "table:table";
    if (a == "draw:name") return el.substr(0, 5) == "draw:";
    if (a == "text:name")
        return el == "text:section" || el == "text:bookmark" || el == "text:bookmark-start" || el == "text:bookmark-end" ||
               el == "text:reference-mark" || el == "text:reference-mark-start" || el == "text:reference-mark-end";
    return false;
}
// Attributes that refer to such a name.
bool refers_to_name(std::string_view el, std::string_view a) {
    return a == "text:continue-list" || a == "draw:chain-next-name" ||
           (a == "text:ref-name" && (el == "text:bookmark-ref" || el == "text:reference-ref"));
}

bool style_reference(std::string_view a) {
    return a.size() >= 10 && a.substr(a.size() - 10) == "style-name";
}

struct Parts {
    std::string_view before, inner, after;  // around the inside of an element
};

std::optional<Parts> split(std::string_view xml, std::string_view element) {
    auto s = xml::find_element(xml, element);
    if (!s) return std::nullopt;
    auto [b, e] = xml::inner(xml, *s);
    return Parts{xml.substr(0, b), xml.substr(b, e - b), xml.substr(e)};
}

class OdtMerger final : public Merger {
public:
    OdtMerger(const std::string& temp_dir, const std::string& label)
        : out_(temp_dir, label), label_(label), body_path_(temp_dir + "/body.xml") {
        body_ = std::fopen(body_path_.c_str(), "w+b");
        if (!body_) throw Error("cannot-write", body_path_, i18n::system_error(errno));
    }
    ~OdtMerger() override {
        if (body_) std::fclose(body_);
        std::remove(body_path_.c_str());
    }

    void add(const std::string& bytes, const std::string& label) override {
        Package pkg = Package::read_memory(bytes, label);
        const std::string& content = pkg.text("content.xml");
        const std::string& styles = pkg.find("styles.xml") ? pkg.text("styles.xml") : empty_;
        auto text = split(content, "office:text");
        auto autos = split(content, "office:automatic-styles");
        if (!text || !autos) throw Error("merge-failed", label, _("the document has no office:text or office:automatic-styles"));
        const unsigned k = ++copies_;
        if (k == 1) first_document(pkg, content, *autos, *text, styles);

        std::map<std::string, std::string> styles_renamed = master_pages(styles, k, label);
        std::map<std::string, std::string> pictures;
        for (const auto& e : pkg.entries())
            if (e.name.compare(0, 9, "Pictures/") == 0 && e.name.back() != '/') pictures[e.name] = store_picture(pkg, e, k);
        merge_automatic_styles(autos->inner, k, styles_renamed);

        // The body: declarations once, names made unique, styles and pictures renamed.
        std::string body;
        for (const auto& c : xml::children(text->inner))
            if (k == 1 || !declaration(c.name)) body.append(text->inner.substr(c.begin, c.end - c.begin));
        std::map<std::string, std::string> names;
        if (k > 1)
            xml::rewrite_attributes(body, [&](std::string_view el, std::string_view a, std::string_view v) -> std::optional<std::string> {
                if (names_unique(el, a) && !names.count(std::string(v))) {
                    std::string fresh = std::string(v) + "_" + std::to_string(k);
                    while (used_names_.count(fresh)) fresh += "_";
                    used_names_.insert(fresh);
                    names.emplace(v, fresh);
                }
                return std::nullopt;
            });
        body = xml::rewrite_attributes(body, [&](std::string_view el, std::string_view a, std::string_view v) -> std::optional<std::string> {
            if (style_reference(a)) {
                auto it = styles_renamed.find(std::string(v));
                if (it != styles_renamed.end()) return it->second;
            } else if (names_unique(el, a) || refers_to_name(el, a)) {
                auto it = names.find(std::string(v));
                if (it != names.end()) return it->second;
            } else if (a == "xlink:href") {
                auto it = pictures.find(std::string(v));
                if (it != pictures.end() && it->second != v) return it->second;
            }
            return std::nullopt;
        });
        start_on_new_page(body, k, label);
        if (std::fwrite(body.data(), 1, body.size(), body_) != body.size()) throw Error("cannot-write", body_path_, i18n::system_error(errno));
    }

    void write(const std::string& path, bool overwrite) override {
        if (!copies_) throw Error("merge-failed", path, _("no document to merge"));
        std::string styles = styles_;
        if (!extra_masters_.empty()) {
            std::size_t at = styles.rfind("</office:master-styles>");
            if (at == std::string::npos) throw Error("merge-failed", label_, _("styles.xml has no office:master-styles"));
            styles.insert(at, extra_masters_);
        }
        if (!extra_layouts_.empty()) {
            std::size_t at = styles.find("</office:automatic-styles>");
            if (at == std::string::npos) throw Error("merge-failed", label_, _("styles.xml has no office:automatic-styles"));
            styles.insert(at, extra_layouts_);
        }
        std::string autos;
        for (const auto& name : auto_order_) autos += auto_styles_[name];
        std::string head = content_head_ + autos + content_mid_;
        out_.start_stream("content.xml", head);
        std::fflush(body_);
        std::rewind(body_);
        std::string chunk(1 << 16, '\0');
        for (std::size_t n; (n = std::fread(chunk.data(), 1, chunk.size(), body_)) > 0;) out_.append(std::string_view(chunk.data(), n));
        out_.finish_stream(content_tail_);
        out_.add_text("styles.xml", styles);
        std::string manifest = manifest_;
        std::size_t at = manifest.rfind("</manifest:manifest>");
        if (at != std::string::npos) manifest.insert(at, manifest_extra_);
        out_.add_text("META-INF/manifest.xml", manifest);
        for (const auto& e : first_->entries()) {
            if (written_.count(e.name)) continue;
            if (e.name.back() == '/') out_.add_folder(e.name);
            else out_.add_raw(e, e.name);
        }
        out_.write(path, overwrite);
    }

private:
    void first_document(const Package& pkg, const std::string& content, const Parts& autos, const Parts& text, const std::string& styles) {
        const PackageEntry* mime = pkg.find("mimetype");
        out_.add_stored("mimetype", mime ? std::string_view(mime->data) : "application/vnd.oasis.opendocument.text");
        // content.xml = head, the automatic styles, mid, the bodies, tail
        content_head_ = std::string(autos.before);
        std::size_t text_begin = static_cast<std::size_t>(text.inner.data() - content.data());
        std::size_t autos_end = static_cast<std::size_t>(autos.after.data() - content.data());
        content_mid_ = content.substr(autos_end, text_begin - autos_end);
        content_tail_ = std::string(text.after);
        styles_ = styles;
        manifest_ = pkg.find("META-INF/manifest.xml") ? pkg.text("META-INF/manifest.xml") : "";
        written_ = {"mimetype", "content.xml", "styles.xml", "META-INF/manifest.xml"};
        if (auto ms = split(styles, "office:master-styles")) {
            masters_ = std::string(ms->inner);
            first_master_.clear();
            for (const auto& c : xml::children(ms->inner))
                if (c.name == "style:master-page") {
                    std::string name = xml::attribute(ms->inner, c.begin, "style:name").value_or("");
                    if (first_master_.empty() || name == "Standard") first_master_ = name;
                }
        }
        if (first_master_.empty()) first_master_ = "Standard";
        if (auto sa = split(styles, "office:automatic-styles")) styles_autos_ = std::string(sa->inner);
        xml::rewrite_attributes(text.inner, [&](std::string_view el, std::string_view a, std::string_view v) -> std::optional<std::string> {
            if (names_unique(el, a)) used_names_.emplace(v);
            return std::nullopt;
        });
        first_ = pkg;
    }

    // The page styles of this document: the first's, or (when its headers or footers rendered
    // otherwise) copies of them named for it. Returns the automatic styles' references renamed.
    std::map<std::string, std::string> master_pages(const std::string& styles, unsigned k, const std::string& label) {
        std::map<std::string, std::string> renamed;
        auto ms = split(styles, "office:master-styles");
        if (!ms || ms->inner == masters_) return renamed;
        auto sa = split(styles, "office:automatic-styles");
        if (!sa || sa->inner != styles_autos_)
            throw Error("merge-unsupported", label, _("the document's styles.xml differs from the first document's beyond its headers and footers"));
        std::string key(ms->inner);  // the whole text: a hash could take one document's headers for another's
        // not a structured binding: a lambda below uses it (C++17 lets no lambda capture one; clang refuses)
        auto emplaced = variants_.emplace(key, std::map<std::string, std::string>{});
        auto it = emplaced.first;
        bool fresh = emplaced.second;
        if (fresh) {
            for (const auto& c : xml::children(ms->inner))
                if (c.name == "style:master-page") {
                    std::string name = xml::attribute(ms->inner, c.begin, "style:name").value_or("");
                    it->second[name] = name + "_" + std::to_string(k);
                }
            extra_masters_ += xml::rewrite_attributes(ms->inner, [&](std::string_view, std::string_view a, std::string_view v) -> std::optional<std::string> {
                if (a == "style:name" || a == "style:next-style-name" || a == "style:display-name") {
                    auto r = it->second.find(std::string(v));
                    if (r != it->second.end()) return r->second;
                }
                return std::nullopt;
            });
        }
        masters_renamed_ = it->second;
        return renamed;
    }

    std::string store_picture(const Package& pkg, const PackageEntry& e, unsigned k) {
        std::string key = std::to_string(e.size) + ":" + std::to_string(e.crc) + ":" + std::to_string(xml::hash(e.raw)) + ":" +
                          std::to_string(xml::hash(e.raw, 7809847782465536322ull));
        auto it = pictures_.find(key);
        if (it != pictures_.end()) return it->second;
        std::string name = e.name;
        for (unsigned n = k; written_.count(name); ++n) {
            auto dot = e.name.rfind('.');
            name = dot == std::string::npos || dot < 9 ? e.name + "_" + std::to_string(n)
                                                       : e.name.substr(0, dot) + "_" + std::to_string(n) + e.name.substr(dot);
        }
        written_.insert(name);
        out_.add_raw(e, name);
        if (k > 1 || name != e.name) {
            std::string type = "application/octet-stream";
            const std::string& m = pkg.text("META-INF/manifest.xml");
            std::size_t at = m.find("manifest:full-path=\"" + e.name + "\"");
            if (at != std::string::npos) {
                std::size_t tag = m.rfind('<', at);
                type = xml::attribute(m, tag, "manifest:media-type").value_or(type);
            }
            manifest_extra_ += " <manifest:file-entry manifest:full-path=\"" + xml::escape_attribute(name) + "\" manifest:media-type=\"" +
                               xml::escape_attribute(type) + "\"/>\n";
        }
        return pictures_[key] = name;
    }

    // The document's automatic styles: one the merge holds already with the same definition is
    // shared; one that differs is renamed for this document.
    void merge_automatic_styles(std::string_view autos, unsigned k, std::map<std::string, std::string>& renamed) {
        std::string text(autos);
        if (!masters_renamed_.empty())
            text = xml::rewrite_attributes(text, [&](std::string_view, std::string_view a, std::string_view v) -> std::optional<std::string> {
                if (a != "style:master-page-name") return std::nullopt;
                auto it = masters_renamed_.find(std::string(v));
                if (it == masters_renamed_.end()) return std::nullopt;
                return it->second;
            });
        current_masters_ = masters_renamed_;
        masters_renamed_.clear();
        std::vector<std::pair<std::string, std::string>> defs;
        for (const auto& c : xml::children(text))
            defs.emplace_back(xml::attribute(text, c.begin, "style:name").value_or(""), text.substr(c.begin, c.end - c.begin));
        for (const auto& [name, def] : defs) {
            auto it = auto_styles_.find(name);
            if (it != auto_styles_.end() && it->second == def) continue;
            if (it == auto_styles_.end()) continue;  // new to the merge: keeps its name
            std::string fresh = name + "_" + std::to_string(k);
            while (auto_styles_.count(fresh)) fresh += "_";
            renamed[name] = fresh;
        }
        for (const auto& [name, def] : defs) {
            std::string key = name;
            if (auto r = renamed.find(name); r != renamed.end()) key = r->second;
            else if (auto_styles_.count(name)) continue;
            std::string d = renamed.empty() ? def : xml::rewrite_attributes(def, [&](std::string_view, std::string_view a, std::string_view v) -> std::optional<std::string> {
                if (a == "style:name" || style_reference(a)) {
                    auto r = renamed.find(std::string(v));
                    if (r != renamed.end()) return r->second;
                }
                return std::nullopt;
            });
            auto_styles_[key] = d;
            auto_order_.push_back(key);
        }
    }

    // A copy of the page style `master` whose page layout is for right pages only, followed by
    // `master` itself: a document's first page is then always a right (odd) page, LibreOffice
    // inserting a blank page before it when the previous document ended on one.
    std::string right_page_master(const std::string& master) {
        auto known = right_masters_.find(master);
        if (known != right_masters_.end()) return known->second;
        std::string src;
        for (const std::string* pool : {&masters_, &extra_masters_})
            for (const auto& c : xml::children(*pool))
                if (src.empty() && c.name == "style:master-page" && xml::attribute(*pool, c.begin, "style:name") == master)
                    src = pool->substr(c.begin, c.end - c.begin);
        if (src.empty()) return right_masters_[master] = master;
        std::string layout = xml::attribute(src, 0, "style:page-layout-name").value_or("");
        std::string right_layout = "GongwenRight" + std::to_string(right_masters_.size() + 1);
        for (const auto& c : xml::children(styles_autos_))
            if (c.name == "style:page-layout" && xml::attribute(styles_autos_, c.begin, "style:name") == layout) {
                std::string l = xml::rewrite_attributes(styles_autos_.substr(c.begin, c.end - c.begin),
                                                        [&](std::string_view el, std::string_view a, std::string_view) -> std::optional<std::string> {
                                                            if (el != "style:page-layout") return std::nullopt;
                                                            if (a == "style:name") return right_layout;
                                                            if (a == "style:page-usage") return std::string("right");
                                                            return std::nullopt;
                                                        });
                if (l.find("style:page-usage=") == std::string::npos) l.insert(std::string_view("<style:page-layout").size(), " style:page-usage=\"right\"");
                extra_layouts_ += l;
            }
        if (extra_layouts_.find("style:name=\"" + right_layout + "\"") == std::string::npos) return right_masters_[master] = master;
        std::string name = "GongwenFirst" + std::to_string(right_masters_.size() + 1);
        std::string page = xml::rewrite_attributes(src, [&](std::string_view el, std::string_view a, std::string_view) -> std::optional<std::string> {
            if (el != "style:master-page") return std::nullopt;
            if (a == "style:name") return name;
            if (a == "style:display-name") return name;
            if (a == "style:page-layout-name") return right_layout;
            if (a == "style:next-style-name") return xml::escape_attribute(master);
            return std::nullopt;
        });
        if (page.find("style:next-style-name=") == std::string::npos)
            page.insert(std::string_view("<style:master-page").size(), " style:next-style-name=\"" + xml::escape_attribute(master) + "\"");
        extra_masters_ += page;
        return right_masters_[master] = name;
    }

    // The first paragraph of the document starts a new page of the first page style, numbered 1.
    void start_on_new_page(std::string& body, unsigned k, const std::string& label) {
        auto p = xml::find_element(body, "text:p");
        auto h = xml::find_element(body, "text:h");
        if (!p || (h && h->begin < p->begin)) p = h;
        if (!p) throw Error("merge-failed", label, _("the document has no paragraph to start its pages with"));
        std::string style = xml::attribute(body, p->begin, "text:style-name").value_or("Standard");
        std::string base = first_master_;
        auto a = auto_styles_.find(style);
        bool automatic = a != auto_styles_.end() && a->second.find("style:family=\"paragraph\"") != std::string::npos;
        if (automatic)
            if (auto m = xml::attribute(a->second, 0, "style:master-page-name"); m && !m->empty()) base = *m;
        if (auto r = current_masters_.find(base); r != current_masters_.end()) base = r->second;
        std::string master = right_page_master(base);
        std::string key = style + "\n" + master;
        auto it = start_styles_.find(key);
        if (it == start_styles_.end()) {
            std::string name = "GongwenStart" + std::to_string(start_styles_.size() + 1);
            while (auto_styles_.count(name)) name += "_";
            std::string def;
            if (automatic) {
                def = xml::rewrite_attributes(a->second, [&](std::string_view el, std::string_view at, std::string_view) -> std::optional<std::string> {
                    if (el == "style:style" && at == "style:name") return name;
                    if (el == "style:style" && at == "style:master-page-name") return xml::escape_attribute(master);
                    return std::nullopt;
                });
                std::size_t close = def.find('>');
                bool empty = def[close - 1] == '/';
                std::string open = def.substr(0, empty ? close - 1 : close);
                std::string rest = empty ? "</style:style>" : def.substr(close + 1);
                if (open.find("style:master-page-name") == std::string::npos)
                    open += " style:master-page-name=\"" + xml::escape_attribute(master) + "\"";
                std::size_t pp = rest.find("<style:paragraph-properties");
                if (pp == std::string::npos) rest.insert(0, "<style:paragraph-properties style:page-number=\"1\"/>");
                else if (rest.find("style:page-number=") == std::string::npos)
                    rest.insert(pp + std::string_view("<style:paragraph-properties").size(), " style:page-number=\"1\"");
                def = open + ">" + rest;
            } else {
                def = "<style:style style:name=\"" + name + "\" style:family=\"paragraph\" style:parent-style-name=\"" + xml::escape_attribute(style) +
                      "\" style:master-page-name=\"" + xml::escape_attribute(master) +
                      "\"><style:paragraph-properties style:page-number=\"1\"/></style:style>";
            }
            auto_styles_[name] = def;
            auto_order_.push_back(name);
            it = start_styles_.emplace(key, name).first;
        }
        (void)k;
        std::string tag = body.substr(p->begin, body.find('>', p->begin) + 1 - p->begin);
        std::string fixed = xml::rewrite_attributes(tag, [&](std::string_view, std::string_view a, std::string_view) -> std::optional<std::string> {
            if (a == "text:style-name") return it->second;
            return std::nullopt;
        });
        if (fixed == tag) fixed.insert(p->name.size() + 1, " text:style-name=\"" + it->second + "\"");
        body.replace(p->begin, tag.size(), fixed);
    }

    MergedPackage out_;
    std::string label_, body_path_;
    std::FILE* body_ = nullptr;
    const std::string empty_;
    std::optional<Package> first_;
    unsigned copies_ = 0;
    std::string content_head_, content_mid_, content_tail_, styles_, manifest_, manifest_extra_;
    std::string masters_, styles_autos_, first_master_ = "Standard", extra_masters_;
    std::map<std::string, std::map<std::string, std::string>> variants_;  // master styles -> page styles renamed
    std::string extra_layouts_;
    std::map<std::string, std::string> right_masters_;
    std::map<std::string, std::string> masters_renamed_, current_masters_, pictures_, auto_styles_, start_styles_;
    std::vector<std::string> auto_order_;
    std::set<std::string> written_;
    std::unordered_set<std::string> used_names_;
};

} // namespace

std::unique_ptr<Merger> odt_merger(const std::string& temp_dir, const std::string& label) {
    return std::make_unique<OdtMerger>(temp_dir, label);
}

} // namespace gongwen::batch
