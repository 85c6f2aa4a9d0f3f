#include "template/renderer.hpp"

#include "formats/format.hpp"
#include "template/images.hpp"
#include "template/xml_text.hpp"

#include "gongwen/i18n.hpp"

#include <cstdlib>
#include <unordered_set>

namespace gongwen::detail {

using i18n::_;

namespace {

using json = nlohmann::json;

bool truthy(const json& v) {
    switch (v.type()) {
    case json::value_t::null: return false;
    case json::value_t::boolean: return v.get<bool>();
    case json::value_t::number_integer: return v.get<std::int64_t>() != 0;
    case json::value_t::number_unsigned: return v.get<std::uint64_t>() != 0;
    case json::value_t::number_float: return v.get<double>() != 0.0;
    case json::value_t::string: return !v.get_ref<const std::string&>().empty();
    case json::value_t::array: return !v.empty();
    default: return true;
    }
}

// Length of the UTF-8 sequence at s[i] and its code point; 0 on a malformed sequence.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t* cp) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    char32_t v = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) {
        unsigned char cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) return 0;
        v = (v << 6) | (cc & 0x3F);
    }
    *cp = v;
    return n;
}

bool xml_char_ok(char32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

class Renderer {
public:
    Renderer(const std::string& label, const CompiledPart& part, const TemplateOptions& topts,
             const RenderOptions& ropts, std::string& out, Diagnostics& diags, ImageContext* images)
        : label_(label), part_(part), format_(*part.format), topts_(topts), ropts_(ropts), out_(out), diags_(diags),
          images_(images) {}

    bool run(const json& data) {
        scopes_.push_back(&data);
        render(part_.nodes);
        return !failed_;
    }

private:
    struct Loop {
        std::size_t index, count;
        const std::string* name;
    };

    void report(Severity sev, const std::string& code, const Node& n, const std::string& message) {
        Diagnostic d;
        d.severity = sev;
        d.code = code;
        d.file = label_;
        d.part = part_.name;
        d.paragraph = n.paragraph;
        d.tag = n.tag_text;
        d.message = message;
        diags_.add(std::move(d));
        if (sev == Severity::error) failed_ = true;
    }

    // The value a path names, searched from the innermost scope outwards; nullptr if missing.
    const json* lookup(const Expr& e, json& tmp) const {
        switch (e.kind) {
        case Expr::Kind::dot: return scopes_.back();
        case Expr::Kind::index:
            if (loops_.empty()) return nullptr;
            tmp = loops_.back().index + 1;
            return &tmp;
        case Expr::Kind::count:
            if (loops_.empty()) return nullptr;
            tmp = loops_.back().count;
            return &tmp;
        case Expr::Kind::path: break;
        }
        for (auto s = scopes_.rbegin(); s != scopes_.rend(); ++s) {
            const json& scope = **s;
            if (!scope.is_object()) continue;
            auto it = scope.find(e.segments.front());
            if (it == scope.end()) continue;
            const json* cur = &*it;
            for (std::size_t k = 1; k < e.segments.size(); ++k) {
                const std::string& seg = e.segments[k];
                if (cur->is_object()) {
                    auto jt = cur->find(seg);
                    if (jt == cur->end()) return nullptr;
                    cur = &*jt;
                } else if (cur->is_array() && !seg.empty() && seg.find_first_not_of("0123456789") == std::string::npos &&
                           seg.size() < 10) {
                    std::size_t idx = std::strtoul(seg.c_str(), nullptr, 10);
                    if (idx >= cur->size()) return nullptr;
                    cur = &(*cur)[idx];
                } else {
                    return nullptr;
                }
            }
            return cur;
        }
        return nullptr;
    }

    // The value of a tag after its filters; nullptr when missing (and nothing gave it a value).
    const json* evaluate(const Node& n, json& tmp, bool* error) {
        *error = false;
        const json* v = lookup(n.expr, tmp);
        if (n.expr.filters.empty()) return v;
        if (!v && !n.expr.handles_missing) return nullptr;
        static const json null_value;
        json cur = v ? *v : null_value;
        for (const auto& f : n.expr.filters) {
            try {
                cur = f.fn->apply(cur, f.args);
            } catch (const FormatError& e) {
                report(Severity::error, "format-error", n, i18n::format(_("filter '{filter}' failed: {reason}"), {{"filter", f.name}, {"reason", e.what()}}));
                *error = true;
                return nullptr;
            } catch (const std::exception& e) {
                report(Severity::error, "format-error", n, i18n::format(_("filter '{filter}' failed: {reason}"), {{"filter", f.name}, {"reason", e.what()}}));
                *error = true;
                return nullptr;
            }
        }
        tmp = std::move(cur);
        return &tmp;
    }

    void missing(const Node& n) {
        if (!warned_.insert(n.tag_id).second) return;  // once per tag, not once per repetition
        if (ropts_.strict)
            report(Severity::error, "missing-value", n, i18n::format(_("no value for '{name}'"), {{"name", n.expr.name}}));
        else
            report(Severity::warning, "missing-value", n, i18n::format(_("no value for '{name}'; left empty"), {{"name", n.expr.name}}));
    }

    void render(const std::vector<Node>& nodes) {
        for (const Node& n : nodes) {
            if (stop_) return;
            switch (n.kind) {
            case Node::Kind::literal:
                out_ += n.literal;
                break;
            case Node::Kind::value: {
                json tmp;
                bool error = false;
                const json* v = evaluate(n, tmp, &error);
                if (error) break;
                if (!v) {
                    missing(n);
                    break;
                }
                if (v->is_string()) {
                    emit(n, v->get_ref<const std::string&>());
                } else {
                    emit(n, value_to_text(*v));
                }
                break;
            }
            case Node::Kind::section:
                section(n);
                break;
            case Node::Kind::image:
                image(n);
                break;
            }
        }
    }

    // An image tag: a picture (docs/image-tags.md); a bad image is an error naming the data and field.
    void image(const Node& n) {
        json tmp;
        bool error = false;
        const json* v = evaluate(n, tmp, &error);
        if (error) return;
        if (!v) {
            missing(n);
            return;
        }
        if (image_value_empty(*v) || !images_) return;
        try {
            render_picture(n, *v, part_.name, *images_, out_);
        } catch (const ImageError& e) {
            Diagnostic d;
            d.code = e.code();
            d.file = ropts_.data_label.empty() ? label_ : ropts_.data_label;
            d.tag = n.tag_text;
            std::string field = n.expr.name;
            if (!loops_.empty())
                field = i18n::format(_("{field}, in item {n} of '{list}'"),
                                     {{"field", field}, {"n", loops_.back().index + 1}, {"list", *loops_.back().name}});
            d.message = i18n::format(_("image '{field}': {problem}"), {{"field", field}, {"problem", std::string(e.what())}});
            diags_.add(std::move(d));
            failed_ = true;
        }
    }

    void section(const Node& n) {
        json tmp;
        bool error = false;
        const json* v = evaluate(n, tmp, &error);
        if (error) return;
        bool on = v && truthy(*v);
        if (n.inverted || n.guard) {
            out_ += n.before;
            if (on != n.inverted) {
                out_ += n.iter_open;
                render(n.children);
                out_ += n.iter_close;
            }
            out_ += n.after;
            return;
        }
        const std::size_t start = out_.size();
        out_ += n.before;
        std::size_t reps = 0;
        if (on && v->is_array()) {
            // `tmp` may hold the array (after filters): it lives through the loop.
            loops_.push_back({0, v->size(), &n.expr.name});
            for (std::size_t i = 0; i < v->size() && !stop_; ++i) {
                loops_.back().index = i;
                repetition(n, &(*v)[i], i == 0, i + 1 == v->size());
                ++reps;
                if (out_.size() > ropts_.max_part_size) {
                    stop_ = true;
                    report(Severity::error, "output-limit", n,
                           i18n::format(_("the rendered part exceeds {limit} bytes (raise it with --max-output-size)"),
                                        {{"limit", ropts_.max_part_size}}));
                }
            }
            loops_.pop_back();
        } else if (on) {
            repetition(n, v, true, true);
            reps = 1;
        }
        if (reps == 0) {
            out_ += n.empty_fill;
            if (n.page_break_last) out_ += format_.page_break_paragraph();
        }
        out_ += n.after;
        if (n.ensure_paragraph && out_.size() == start) out_ += format_.empty_paragraph();
    }

    void repetition(const Node& n, const json* scope, bool first, bool last) {
        const std::size_t start = out_.size();
        scopes_.push_back(scope);
        out_ += n.iter_open;
        render(first || n.children_again.empty() ? n.children : n.children_again);
        out_ += n.iter_close;
        scopes_.pop_back();
        if (n.page_break_each || (last && n.page_break_last)) format_.append_page_break(out_, start);
    }

    void emit(const Node& n, std::string_view text) {
        // Characters XML 1.0 cannot hold: an error naming the field, or dropped on request.
        std::string cleaned;
        for (std::size_t i = 0; i < text.size();) {
            unsigned char c = static_cast<unsigned char>(text[i]);
            if (c >= 0x20 && c < 0x80) {
                ++i;
                continue;
            }
            char32_t cp = 0;
            std::size_t len = decode_utf8(text, i, &cp);
            if (len != 0 && xml_char_ok(cp)) {
                i += len;
                continue;
            }
            if (ropts_.strip_invalid_chars) {
                cleaned = clean(text);
                text = cleaned;
                break;
            }
            char buf[16];
            std::snprintf(buf, sizeof buf, len == 0 ? "byte 0x%02X" : "U+%04X",
                          len == 0 ? static_cast<unsigned>(c) : static_cast<unsigned>(cp));
            report(Severity::error, "invalid-char", n,
                   i18n::format(_("the value of '{name}' holds {char}, which XML 1.0 cannot hold (use --strip-invalid-chars to drop it)"),
                                {{"name", n.expr.name}, {"char", std::string(buf)}}));
            return;
        }
        if (n.plain_text)
            append_plain_text(out_, text);
        else
            format_.append_value(out_, text, topts_.linebreaks);
    }

    // In an element that holds text only, a break or a tab is a space.
    static void append_plain_text(std::string& out, std::string_view text) {
        std::size_t run = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            char c = text[i];
            if (c != '\n' && c != '\r' && c != '\t') continue;
            append_escaped_text(out, text.substr(run, i - run));
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += ' ';
            run = i + 1;
        }
        append_escaped_text(out, text.substr(run));
    }

    static std::string clean(std::string_view text) {
        std::string out;
        for (std::size_t i = 0; i < text.size();) {
            char32_t cp = 0;
            std::size_t len = decode_utf8(text, i, &cp);
            if (len == 0) {
                ++i;
                continue;
            }
            if (xml_char_ok(cp)) out.append(text.substr(i, len));
            i += len;
        }
        return out;
    }

    const std::string& label_;
    const CompiledPart& part_;
    const FormatAdapter& format_;
    const TemplateOptions& topts_;
    const RenderOptions& ropts_;
    std::string& out_;
    Diagnostics& diags_;
    ImageContext* images_;
    std::vector<const json*> scopes_;
    std::vector<Loop> loops_;
    std::unordered_set<int> warned_;
    bool failed_ = false;  // an error: the output is discarded, but every problem is still reported
    bool stop_ = false;    // the output outgrew its limit: rendering stops
};

} // namespace

bool render_part(const std::string& label, const CompiledPart& part, const nlohmann::json& data,
                 const TemplateOptions& topts, const RenderOptions& ropts, std::string& out, Diagnostics& diags,
                 ImageContext* images) {
    out.clear();
    out.reserve(part.size_hint + part.size_hint / 4);
    Renderer r(label, part, topts, ropts, out, diags, images);
    bool ok = r.run(data);
    if (ok && out.size() > ropts.max_part_size) {
        Diagnostic d;
        d.code = "output-limit";
        d.file = label;
        d.part = part.name;
        d.message = i18n::format(_("the rendered part is {n} bytes, above {limit} (raise it with --max-output-size)"),
                                 {{"n", out.size()}, {"limit", ropts.max_part_size}});
        diags.add(d);
        return false;
    }
    return ok;
}

} // namespace gongwen::detail
