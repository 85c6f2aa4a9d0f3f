// Data against a fields schema: every problem at once, by field label and row.
#include "gongwen/plugin.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace gongwen {

namespace {

using json = nlohmann::json;

bool is_empty(const json& v) {
    return v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) || (v.is_array() && v.empty());
}

std::string shown(const json& v) {
    std::string s = v.is_string() ? "\"" + v.get<std::string>() + "\"" : v.dump();
    return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

std::string trim_ascii(std::string s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
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
    std::string s = trim_ascii(ascii_digits(v.get<std::string>()));
    if (s.empty()) return std::nullopt;
    errno = 0;
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (errno != 0 || end != s.c_str() + s.size() || !std::isfinite(d)) return std::nullopt;
    return d;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in(int y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

// Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm).
void civil_from_days(long z, int* y, int* m, int* d) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    *y = static_cast<int>(yy + (*m <= 2));
}

// A date as people and spreadsheets write it -> "YYYY-MM-DD".
std::optional<std::string> canonical_date(const json& v) {
    int y = 0, m = 0, d = 0;
    if (v.is_number()) {
        // An Excel serial date (1900 system): 25569 is 1970-01-01.
        double serial = v.get<double>();
        // Excel serials below 10000 (before 1927) are far more likely a year or a typo.
        if (serial < 10000 || serial > 2958465) return std::nullopt;
        civil_from_days(static_cast<long>(std::floor(serial)) - 25569, &y, &m, &d);
    } else if (v.is_string()) {
        std::string s = trim_ascii(v.get<std::string>());
        char sep1[8] = {0}, sep2[8] = {0};
        int n = 0;
        if (std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && (n == static_cast<int>(s.size()) || s[n] == 'T' || s[n] == ' ')) {
        } else if (std::sscanf(s.c_str(), "%4d/%2d/%2d%n", &y, &m, &d, &n) == 3 && n == static_cast<int>(s.size())) {
        } else if (std::sscanf(s.c_str(), "%4d.%2d.%2d%n", &y, &m, &d, &n) == 3 && n == static_cast<int>(s.size())) {
        } else if (std::sscanf(s.c_str(), "%4d%3[^0-9]%2d%3[^0-9]%2d", &y, sep1, &m, sep2, &d) == 5 &&
                   std::string(sep1) == "年" && std::string(sep2) == "月" && s.size() >= 3 && s.substr(s.size() - 3) == "日") {
        } else {
            return std::nullopt;
        }
    } else {
        return std::nullopt;
    }
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in(y, m)) return std::nullopt;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return std::string(buf);
}

class Validator {
public:
    Validator(const std::string& label, Diagnostics& diags) : label_(label), diags_(diags) {}

    json object(const std::vector<FieldSpec>& fields, const json& data, const std::string& prefix) {
        json out = data.is_object() ? data : json::object();
        for (const auto& f : fields) {
            std::string where = prefix + f.display();
            json v = data.is_object() && data.contains(f.name) ? data[f.name] : json();
            if (is_empty(v)) {
                if (!f.default_value.is_null()) {
                    out[f.name] = f.default_value;
                } else if (f.required) {
                    problem(where + ": required, but missing or empty");
                } else if (f.type == FieldType::list && f.min && *f.min > 0) {
                    problem(where + ": needs at least " + std::to_string(static_cast<long>(*f.min)) + " rows, has 0");
                } else {
                    out[f.name] = f.type == FieldType::list ? json::array() : json("");
                }
                continue;
            }
            out[f.name] = value(f, v, where);
        }
        return out;
    }

private:
    void problem(const std::string& message) { diags_.error("invalid-data", label_, message); }

    json value(const FieldSpec& f, const json& v, const std::string& where) {
        switch (f.type) {
        case FieldType::text:
        case FieldType::multiline:
            if (v.is_string()) return v;
            if (v.is_number() || v.is_boolean()) return value_to_text(v);
            problem(where + ": must be text, got " + shown(v));
            return v;
        case FieldType::integer: {
            auto d = as_number(v);
            if (!d || std::floor(*d) != *d || std::fabs(*d) > 9e15) {
                problem(where + ": must be a whole number, got " + shown(v));
                return v;
            }
            range(f, *d, where);
            return static_cast<std::int64_t>(*d);
        }
        case FieldType::number: {
            auto d = as_number(v);
            if (!d) {
                problem(where + ": must be a number, got " + shown(v));
                return v;
            }
            range(f, *d, where);
            return v.is_number() ? v : json(*d);
        }
        case FieldType::date: {
            auto d = canonical_date(v);
            if (!d) {
                problem(where + ": must be a date such as 2023-07-05 or 2023年7月5日, got " + shown(v));
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
            problem(where + ": must be one of " + all + ", got " + shown(v));
            return v;
        }
        case FieldType::list: {
            if (!v.is_array()) {
                problem(where + ": must be a list of rows, got " + shown(v));
                return v;
            }
            if (f.min && v.size() < *f.min)
                problem(where + ": needs at least " + std::to_string(static_cast<long>(*f.min)) + " rows, has " +
                        std::to_string(v.size()));
            if (f.max && v.size() > *f.max)
                problem(where + ": allows at most " + std::to_string(static_cast<long>(*f.max)) + " rows, has " +
                        std::to_string(v.size()));
            json rows = json::array();
            for (std::size_t i = 0; i < v.size(); ++i) {
                std::string row = where + " row " + std::to_string(i + 1) + ", ";
                if (f.columns.empty()) {
                    if (v[i].is_string() || v[i].is_number()) rows.push_back(value_to_text(v[i]));
                    else problem(row.substr(0, row.size() - 2) + ": must be text, got " + shown(v[i]));
                    continue;
                }
                if (!v[i].is_object()) {
                    problem(row.substr(0, row.size() - 2) + ": must be a record, got " + shown(v[i]));
                    rows.push_back(v[i]);
                    continue;
                }
                rows.push_back(object(f.columns, v[i], row));
            }
            return rows;
        }
        }
        return v;
    }

    void range(const FieldSpec& f, double d, const std::string& where) {
        auto fmt = [](double x) { return value_to_text(json(x)); };
        if (f.min && d < *f.min) problem(where + ": must be at least " + fmt(*f.min) + ", got " + fmt(d));
        if (f.max && d > *f.max) problem(where + ": must be at most " + fmt(*f.max) + ", got " + fmt(d));
    }

    const std::string& label_;
    Diagnostics& diags_;
};

} // namespace

json validate_data(const std::vector<FieldSpec>& fields, const json& data, const std::string& data_label,
                   Diagnostics& diags) {
    if (!data.is_object()) {
        diags.error("invalid-data", data_label, "the data must be an object of fields, got " + shown(data));
        return data;
    }
    Validator v(data_label, diags);
    json out = v.object(fields, data, "");
    for (auto it = data.begin(); it != data.end(); ++it) {
        bool known = std::any_of(fields.begin(), fields.end(), [&](const FieldSpec& f) { return f.name == it.key(); });
        if (!known) {
            Diagnostic d;
            d.severity = Severity::warning;
            d.code = "unknown-field";
            d.file = data_label;
            d.message = "「" + it.key() + "」 is not a field of this document type (a typo?); the template may still use it";
            diags.add(d);
        }
    }
    return out;
}

} // namespace gongwen
