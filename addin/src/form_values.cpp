// The form's values, dates as typed, problems by field (form_values.hpp).
#include "form_values.hpp"

#include "gongwen/calendar.hpp"
#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"
#include "gongwen/text.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <sstream>

namespace gongwen_addin {

namespace {

using gongwen::FieldType;
using gongwen::i18n::_;

std::string trim(const std::string& s) { return std::string(gongwen::text::trim(s)); }

std::string scalar_text(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return "";
    return v.dump();
}

bool all_digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string iso(int y, int m, int d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

// A cell or a field's text as data: multi-line text keeps its inner line ends.
std::string value_text(const gongwen::FieldSpec& f, const std::string& t, int year) {
    if (f.type == FieldType::date) {
        if (auto d = date_input(t, year)) return *d;
    }
    return trim(t);
}

} // namespace

int current_year() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return local.tm_year + 1900;
}

std::optional<std::string> date_input(const std::string& typed, int this_year) {
    std::string t = trim(typed);
    if (t.empty()) return std::nullopt;
    // 20240510: eight digits, year month day
    if (t.size() == 8 && all_digits(t)) t = t.substr(0, 4) + "-" + t.substr(4, 2) + "-" + t.substr(6, 2);
    // 6月30日: this year's
    else if (t.find("年") == std::string::npos && t.find("月") != std::string::npos) t = std::to_string(this_year) + "年" + t;
    auto d = gongwen::calendar::parse_date(t);
    if (!d) return std::nullopt;
    return iso(d->y, d->m, d->d);
}

std::string date_display(const std::string& text, int this_year) {
    auto d = date_input(text, this_year);
    if (!d) return text;
    int y = std::stoi(d->substr(0, 4)), m = std::stoi(d->substr(5, 2)), day = std::stoi(d->substr(8, 2));
    return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(day) + "日";
}

nlohmann::json form_data(const std::vector<gongwen::FieldSpec>& fields, const FormValues& values) {
    nlohmann::json data = nlohmann::json::object();
    const int year = current_year();
    for (std::size_t i = 0; i < fields.size() && i < values.size(); ++i) {
        const auto& f = fields[i];
        if (f.type == FieldType::seal) {
            const auto& v = values[i].image;
            if (!v.is_null() && !(v.is_boolean() && !v.get<bool>())) data[f.name] = v;
            continue;
        }
        if (f.type != FieldType::list) {
            std::string t = value_text(f, values[i].text, year);
            if (!t.empty()) data[f.name] = t;
            continue;
        }
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& cells : values[i].rows) {
            if (f.columns.empty()) {
                if (!cells.empty() && !trim(cells[0]).empty()) rows.push_back(trim(cells[0]));
                continue;
            }
            nlohmann::json row = nlohmann::json::object();
            for (std::size_t c = 0; c < cells.size() && c < f.columns.size(); ++c) {
                std::string t = value_text(f.columns[c], cells[c], year);
                if (!t.empty()) row[f.columns[c].name] = t;
            }
            if (!row.empty()) rows.push_back(row);
        }
        if (!rows.empty()) data[f.name] = rows;
    }
    return data;
}

std::string image_label(const nlohmann::json& v) {
    if (v.is_boolean()) return v.get<bool>() ? _("Stamped by hand (no picture)") : "";
    if (v.is_string()) return v.get<std::string>();
    if (v.is_object()) {
        auto p = v.find("path");
        if (p != v.end() && p->is_string()) return p->get<std::string>();
        if (v.contains("data")) return _("a picture in the data");
    }
    return v.is_null() ? "" : v.dump();
}

namespace {

// a seal value with its path whole (relative: from `folder`)
nlohmann::json whole_paths(nlohmann::json v, const std::string& folder) {
    auto whole = [&](nlohmann::json& p) {
        if (!p.is_string() || folder.empty() || p.get<std::string>().empty()) return;
        std::filesystem::path path = std::filesystem::u8path(p.get<std::string>());
        if (path.is_relative()) p = (std::filesystem::u8path(folder) / path).lexically_normal().u8string();
    };
    if (v.is_string()) whole(v);
    else if (v.is_object() && v.contains("path")) whole(v["path"]);
    return v;
}

} // namespace

FormValues form_values(const std::vector<gongwen::FieldSpec>& fields, const nlohmann::json& given, const std::string& folder) {
    // Keys may be names or labels, in table rows too: the core's one rule, as batch and generate.
    const nlohmann::json data = given.is_object() ? gongwen::table_row_data(fields, given) : nlohmann::json::object();
    const int year = current_year();
    FormValues out;
    for (const auto& f : fields) {
        const nlohmann::json* v = nullptr;
        auto it = data.find(f.name);
        if (it != data.end()) v = &*it;
        if (!v || v->is_null()) v = &f.default_value;
        FieldValue value;
        if (f.type == FieldType::list && v->is_array()) {
            for (const auto& row : *v) {
                std::vector<std::string> cells;
                if (row.is_object() && !f.columns.empty()) {
                    for (const auto& col : f.columns) {
                        auto c = row.find(col.name);
                        std::string t = c != row.end() ? scalar_text(*c) : "";
                        cells.push_back(col.type == FieldType::date ? date_display(t, year) : t);
                    }
                } else {
                    cells.push_back(scalar_text(row));
                    if (!f.columns.empty()) cells.resize(f.columns.size());
                }
                value.rows.push_back(cells);
            }
        } else if (f.type == FieldType::seal) {
            if (!v->is_null() && !(v->is_boolean() && !v->get<bool>()) && !(v->is_string() && v->get<std::string>().empty()))
                value.image = whole_paths(*v, folder);
        } else if (f.type != FieldType::list) {
            value.text = scalar_text(*v);
            if (f.type == FieldType::date) value.text = date_display(value.text, year);
        }
        out.push_back(std::move(value));
    }
    return out;
}

bool is_blank(const FormValues& values) {
    for (const auto& v : values) {
        if (!trim(v.text).empty() || !v.image.is_null()) return false;
        for (const auto& row : v.rows)
            for (const auto& c : row)
                if (!trim(c).empty()) return false;
    }
    return true;
}

std::map<std::size_t, std::vector<std::string>> problems_by_field(const std::vector<gongwen::FieldSpec>& fields,
                                                                  const std::string& problems) {
    std::map<std::size_t, std::vector<std::string>> out;
    std::istringstream in(problems);
    std::string line;
    while (std::getline(in, line)) {
        if (trim(line).empty()) continue;
        // the field named first in the line (a list's row names the list before its column)
        std::size_t best = fields.size(), at = std::string::npos;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            for (const std::string& name : {fields[i].label.text(), fields[i].name}) {
                if (name.empty()) continue;
                std::size_t p = line.find("「" + name + "」");
                if (p != std::string::npos && (at == std::string::npos || p < at)) {
                    at = p;
                    best = i;
                }
            }
        }
        out[best].push_back(trim(line));
    }
    return out;
}

std::string check_form(const std::vector<gongwen::FieldSpec>& fields, const FormValues& values) {
    gongwen::Diagnostics diags;
    gongwen::validate_data(fields, form_data(fields, values), "", diags);
    std::string out;
    for (const auto& d : diags.items())
        if (d.severity == gongwen::Severity::error) out += d.message + "\n";
    return out;
}

} // namespace gongwen_addin
