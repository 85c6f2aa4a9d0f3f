// Data against a fields schema: every problem at once, by field label and row.
#include "gongwen/plugin.hpp"

#include "data/dates.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace gongwen {

namespace {

using json = nlohmann::json;
using i18n::_;

bool is_empty(const json& v) {
    return v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) || (v.is_array() && v.empty());
}

std::string shown(const json& v) {
    std::string s = v.is_string() ? "\"" + v.get<std::string>() + "\"" : v.dump();
    return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

// Full-width digits and signs (０-９, ．, －), as Chinese input methods type them, in ASCII.
std::string ascii_digits(const std::string& in) {
    std::string out;
    for (std::size_t i = 0; i < in.size(); ++i) {
        unsigned char c0 = static_cast<unsigned char>(in[i]);
        if (c0 == 0xEF && i + 2 < in.size()) {
            unsigned char c1 = static_cast<unsigned char>(in[i + 1]), c2 = static_cast<unsigned char>(in[i + 2]);
            if (c1 == 0xBC && c2 >= 0x90 && c2 <= 0x99) { out += static_cast<char>('0' + (c2 - 0x90)); i += 2; continue; }
            if (c1 == 0xBC && c2 == 0x8E) { out += '.'; i += 2; continue; }
            if (c1 == 0xBC && c2 == 0x8D) { out += '-'; i += 2; continue; }
        }
        out += static_cast<char>(c0);
    }
    return out;
}

std::optional<double> as_number(const json& v) {
    if (v.is_number()) return v.get<double>();
    if (!v.is_string()) return std::nullopt;
    std::string s(text::trim(ascii_digits(v.get<std::string>())));
    if (s.empty()) return std::nullopt;
    errno = 0;
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (errno != 0 || end != s.c_str() + s.size() || !std::isfinite(d)) return std::nullopt;
    return d;
}

// A date as people and spreadsheets write it -> "YYYY-MM-DD".
std::optional<std::string> canonical_date(const json& v, std::string* why) {
    int y = 0, m = 0, d = 0;
    if (v.is_number()) {
        // An Excel serial date (1900 system).
        double serial = v.get<double>();
        // Excel serials below 10000 (before 1927) are far more likely a year or a typo.
        if (serial < 10000 || serial > 2958465) return std::nullopt;
        calendar::ExcelDate date = calendar::from_excel_serial(serial);
        if (date.kind != calendar::ExcelDate::date) return std::nullopt;
        y = date.when.y, m = date.when.m, d = date.when.d;
    } else if (v.is_string()) {
        // The one date parser, the date formatter's: it says why 2024-04-31 is no date.
        auto c = detail::parse_civil_date(v.get<std::string>(), why);
        if (!c) return std::nullopt;
        y = c->y, m = c->m, d = c->d;
    } else {
        return std::nullopt;
    }
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > detail::days_in_month(y, m)) return std::nullopt;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return std::string(buf);
}

class Validator {
public:
    Validator(const std::string& label, Diagnostics& diags, const ValidateOptions& opts)
        : label_(label), diags_(diags), opts_(opts), file_(label) {}

    // `row`: for a list's record, where the record is ("「问题」 row 2").
    json object(const std::vector<FieldSpec>& fields, const json& data, const std::string& row,
                const std::string& list = {}, std::size_t record = 0) {
        json out = data.is_object() ? data : json::object();
        for (const auto& f : fields) {
            // TRANSLATORS: a column of a list's record: {row} is "{field} row {row}", {field} the column
            std::string where = row.empty() ? f.display() : i18n::format(_("{row}, {field}"), {{"row", row}, {"field", f.display()}});
            // Where the value is in its file: the file, row and column it has there.
            file_ = label_;
            if (opts_.locate)
                if (auto o = opts_.locate(list, record, f.name)) {
                    file_ = o->file;
                    // The column as the file heads it (the field's name or label: the display
                    // holds it), and for a record from another file, whose document it is.
                    where = f.display();
                    if (!o->column.empty() && o->column != f.name && o->column != f.label.zh)
                        // TRANSLATORS: the column as the data file heads it, then the field it is
                        where = i18n::format(_("「{column}」 {field}"), {{"column", o->column}, {"field", where}});
                    if (!list.empty() && !row.empty())
                        // TRANSLATORS: a column of a record kept in another file: {row} is "{field} row {row}", {file} the document's data
                        where = i18n::format(_("{field}, {row} in {file}"), {{"field", where}, {"row", row}, {"file", label_}});
                }
            json v = data.is_object() && data.contains(f.name) ? data[f.name] : json();
            if (is_empty(v)) {
                if (!f.default_value.is_null()) {
                    out[f.name] = f.default_value;
                } else if (f.required) {
                    problem(i18n::format(_("{where}: required, but missing or empty"), {{"where", where}}));
                } else if (f.type == FieldType::list && f.min && *f.min > 0) {
                    problem(at_least(where, *f.min, 0));
                } else {
                    out[f.name] = f.type == FieldType::list ? json::array() : json("");
                }
                continue;
            }
            out[f.name] = value(f, v, where);
        }
        return out;
    }

    /// Problems from here on are said on the data label.
    void on_label() { file_ = label_; }

private:
    void problem(const std::string& message) { diags_.error("invalid-data", file_, message); }

public:
    // A character XML 1.0 cannot hold (U+0001, U+FFFE...) is the data's fault, said here with
    // its field and row rather than by the renderer on the template's paragraph.
    void xml_chars(const std::string& s, const std::string& where) {
        if (opts_.allow_invalid_xml_chars) return;
        for (std::size_t i = 0; i < s.size();) {
            unsigned char c = static_cast<unsigned char>(s[i]);
            std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
            for (std::size_t k = 1; k < n && i + k < s.size(); ++k) cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
            i += n;
            bool ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
                      (cp >= 0x10000 && cp <= 0x10FFFF);
            if (ok) continue;
            char buf[16];
            std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
            problem(i18n::format(_("{where}: holds {char}, a character XML 1.0 cannot hold (documents cannot store it): remove it from the data"),
                                 {{"where", where}, {"char", buf}}));
            return;
        }
    }

private:

    json value(const FieldSpec& f, const json& v, const std::string& where) {
        switch (f.type) {
        case FieldType::text:
        case FieldType::multiline:
            if (v.is_string()) {
                xml_chars(v.get_ref<const std::string&>(), where);
                return v;
            }
            if (v.is_number() || v.is_boolean()) return value_to_text(v);
            problem(i18n::format(_("{where}: must be text, got {value}"), {{"where", where}, {"value", shown(v)}}));
            return v;
        case FieldType::integer: {
            auto d = as_number(v);
            if (!d || std::floor(*d) != *d || std::fabs(*d) > 9e15) {
                problem(i18n::format(_("{where}: must be a whole number, got {value}"), {{"where", where}, {"value", shown(v)}}));
                return v;
            }
            range(f, *d, where);
            return static_cast<std::int64_t>(*d);
        }
        case FieldType::number: {
            auto d = as_number(v);
            if (!d) {
                problem(i18n::format(_("{where}: must be a number, got {value}"), {{"where", where}, {"value", shown(v)}}));
                return v;
            }
            range(f, *d, where);
            return v.is_number() ? v : json(*d);
        }
        case FieldType::date: {
            std::string why;
            auto d = canonical_date(v, &why);
            if (!d) {
                problem(why.empty() ? i18n::format(_("{where}: must be a date such as 2023-07-05 or 2023年7月5日, got {value}"),
                                                   {{"where", where}, {"value", shown(v)}})
                                    : i18n::format(_("{where}: {message}"), {{"where", where}, {"message", why}}));
                return v;
            }
            return *d;
        }
        case FieldType::choice: {
            std::string s = value_to_text(v);
            for (const auto& c : f.choices)
                if (c == s) return s;
            std::string all;
            for (const auto& c : f.choices) all += (all.empty() ? "" : "、") + c;
            problem(i18n::format(_("{where}: must be one of {choices}, got {value}"), {{"where", where}, {"choices", all}, {"value", shown(v)}}));
            return v;
        }
        case FieldType::seal: return seal(v, where);
        case FieldType::list: {
            if (!v.is_array()) {
                problem(i18n::format(_("{where}: must be a list of rows, got {value}"), {{"where", where}, {"value", shown(v)}}));
                return v;
            }
            if (f.min && v.size() < *f.min) problem(at_least(where, *f.min, v.size()));
            if (f.max && v.size() > *f.max) {
                auto n = static_cast<long>(*f.max);
                problem(i18n::format(i18n::P_("{where}: allows at most {n} row, has {count}", "{where}: allows at most {n} rows, has {count}",
                                              static_cast<unsigned long>(n)),
                                     {{"where", where}, {"n", n}, {"count", v.size()}}));
            }
            json rows = json::array();
            for (std::size_t i = 0; i < v.size(); ++i) {
                std::string row = i18n::format(_("{field} row {row}"), {{"field", where}, {"row", i + 1}});
                if (f.columns.empty()) {
                    if (v[i].is_string()) xml_chars(v[i].get_ref<const std::string&>(), row);
                    if (v[i].is_string() || v[i].is_number()) rows.push_back(value_to_text(v[i]));
                    else problem(i18n::format(_("{where}: must be text, got {value}"), {{"where", row}, {"value", shown(v[i])}}));
                    continue;
                }
                const std::string at = file_;
                if (!v[i].is_object()) {
                    problem(i18n::format(_("{where}: must be a record, got {value}"), {{"where", row}, {"value", shown(v[i])}}));
                    rows.push_back(v[i]);
                    continue;
                }
                rows.push_back(object(f.columns, v[i], row, f.name, i));
                file_ = at;
            }
            return rows;
        }
        }
        return v;
    }

    // A seal (印章): true (stamped by hand: the sealed layout, no picture) or false (none), the
    // words 加盖/不加盖 for them, an image file's path (relative to the data file; the renderer
    // reads it) or {path|data, width, height (mm), alt}.
    json seal(const json& v, const std::string& where) {
        auto bad = [&](const std::string& why) {
            problem(i18n::format(_("{where}: {message}"), {{"where", where}, {"message", why}}));
            return v;
        };
        if (v.is_boolean()) return v;
        if (v.is_string()) {
            std::string s(text::trim(v.get<std::string>()));
            if (s == "加盖" || s == "不加盖") return s == "加盖";
            xml_chars(s, where);
            return s;
        }
        if (!v.is_object())
            return bad(i18n::format(_("must be an image: a file path, or {\"path\"|\"data\", \"width\", \"height\" (mm), \"alt\"}; got {value}"),
                                    {{"value", shown(v)}}));
        for (auto it = v.begin(); it != v.end(); ++it) {
            const std::string& k = it.key();
            if (k != "path" && k != "data" && k != "width" && k != "height" && k != "alt")
                return bad(i18n::format(_("unknown key '{key}' in an image (path, data, width, height, alt)"), {{"key", k}}));
        }
        auto text_of = [&](const char* k) { return v.contains(k) && v[k].is_string() ? std::string(text::trim(v[k].get<std::string>())) : std::string(); };
        if (v.contains("path") == v.contains("data"))
            return bad(_("an image needs either \"path\" (a file) or \"data\" (base64), not both"));
        const char* source = v.contains("path") ? "path" : "data";
        if (text_of(source).empty()) return bad(i18n::format(_("the image's \"{key}\" must be non-empty text"), {{"key", source}}));
        if (v.contains("data")) {
            std::string d = text_of("data");
            if (d.rfind("data:", 0) == 0 && d.find(";base64,") != std::string::npos) d = d.substr(d.find(";base64,") + 8);
            for (char c : d)
                if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=' || std::isspace(static_cast<unsigned char>(c))))
                    return bad(_("the image's \"data\" is not base64"));
        }
        for (const char* k : {"width", "height"}) {
            if (!v.contains(k)) continue;
            auto d = as_number(v[k]);
            if (!d || *d <= 0 || *d > 156)
                return bad(i18n::format(_("the image's \"{key}\" must be a size in mm, more than 0 and at most 156 (the type area's width); got {value}"),
                                        {{"key", k}, {"value", shown(v[k])}}));
        }
        if (v.contains("alt") && !v["alt"].is_string()) return bad(_("the image's \"alt\" must be text"));
        if (v.contains("path")) xml_chars(text_of("path"), where);
        if (v.contains("alt")) xml_chars(v["alt"].get<std::string>(), where);
        return v;
    }

    void range(const FieldSpec& f, double d, const std::string& where) {
        auto fmt = [](double x) { return value_to_text(json(x)); };
        if (f.min && d < *f.min)
            problem(i18n::format(_("{where}: must be at least {min}, got {value}"), {{"where", where}, {"min", fmt(*f.min)}, {"value", fmt(d)}}));
        if (f.max && d > *f.max)
            problem(i18n::format(_("{where}: must be at most {max}, got {value}"), {{"where", where}, {"max", fmt(*f.max)}, {"value", fmt(d)}}));
    }

    static std::string at_least(const std::string& where, double min, std::size_t count) {
        auto n = static_cast<long>(min);
        return i18n::format(i18n::P_("{where}: needs at least {n} row, has {count}", "{where}: needs at least {n} rows, has {count}",
                                     static_cast<unsigned long>(n)),
                            {{"where", where}, {"n", n}, {"count", count}});
    }

    const std::string& label_;
    Diagnostics& diags_;
    const ValidateOptions& opts_;
    std::string file_;  // where the value being checked is
};

} // namespace

json validate_data(const std::vector<FieldSpec>& fields, const json& given, const std::string& data_label,
                   Diagnostics& diags) {
    return validate_data(fields, given, data_label, diags, ValidateOptions{});
}

json validate_data(const std::vector<FieldSpec>& fields, const json& given, const std::string& data_label,
                   Diagnostics& diags, const ValidateOptions& options) {
    // Keys may be names or labels, in list records too: the rule of batch and the add-in.
    const json data = with_field_names(fields, given);
    if (!data.is_object()) {
        diags.error("invalid-data", data_label, i18n::format(_("the data must be an object of fields, got {value}"), {{"value", shown(data)}}));
        return data;
    }
    Validator v(data_label, diags, options);
    json out = v.object(fields, data, "");
    v.on_label();
    for (auto it = data.begin(); it != data.end(); ++it) {
        bool known = std::any_of(fields.begin(), fields.end(), [&](const FieldSpec& f) { return f.name == it.key(); });
        if (!known) {
            Diagnostic d;
            d.severity = Severity::warning;
            d.code = "unknown-field";
            d.file = data_label;
            d.message = i18n::format(_("「{key}」 is not a field of this document type (a typo?); the template may still use it"), {{"key", it.key()}});
            diags.add(d);
            if (it.value().is_string()) v.xml_chars(it.value().get_ref<const std::string&>(), "「" + it.key() + "」");
        }
    }
    return out;
}

} // namespace gongwen
