// Keys of data against a fields schema: names or labels (one rule for batch, generate and the
// add-in), a table's row as data, and the key a typo meant.
#include "gongwen/plugin.hpp"

#include "gongwen/i18n.hpp"
#include "gongwen/text.hpp"

#include <algorithm>
#include <cstdint>

namespace gongwen {

using json = nlohmann::json;
using i18n::_;

namespace {

std::vector<uint32_t> code_points(const std::string& s) {
    std::vector<uint32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = s[i];
        std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        uint32_t cp = 0;
        for (std::size_t k = 0; k < n && i + k < s.size(); ++k) cp = cp << 8 | static_cast<unsigned char>(s[i + k]);
        out.push_back(cp);
        i += n;
    }
    return out;
}

// Edit distance between two texts, by code point (a Chinese header is short: no need for more).
std::size_t distance(const std::string& a, const std::string& b) {
    std::vector<uint32_t> x = code_points(a), y = code_points(b);
    std::vector<std::size_t> row(y.size() + 1);
    for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (x[i - 1] == y[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[y.size()];
}

json record_with_names(const std::vector<FieldSpec>& fields, const json& data) {
    if (!data.is_object()) return data;
    json out = json::object();
    // By the rule's order whatever the order of the keys: a name, then a Chinese label, then
    // an English one; the first present wins.
    for (const auto& f : fields)
        for (const std::string* key : {&f.name, &f.label.zh, &f.label.en})
            if (!key->empty() && data.contains(*key) && field_for_key(fields, *key) == &f && !out.contains(f.name))
                out[f.name] = data[*key];
    for (auto it = data.begin(); it != data.end(); ++it)
        if (!field_for_key(fields, it.key()) && !out.contains(it.key())) out[it.key()] = it.value();
    for (const auto& f : fields) {
        if (f.type != FieldType::list || f.columns.empty() || !out.contains(f.name) || !out[f.name].is_array()) continue;
        for (auto& r : out[f.name]) r = record_with_names(f.columns, r);
    }
    return out;
}

} // namespace

const FieldSpec* field_for_key(const std::vector<FieldSpec>& fields, const std::string& key) {
    for (const auto& f : fields)
        if (f.name == key) return &f;
    for (const auto& f : fields)
        if (!f.label.zh.empty() && f.label.zh == key) return &f;
    for (const auto& f : fields)
        if (!f.label.en.empty() && f.label.en == key) return &f;
    return nullptr;
}

json with_field_names(const std::vector<FieldSpec>& fields, const json& data) { return record_with_names(fields, data); }

json table_row_data(const std::vector<FieldSpec>& fields, const json& row) {
    json out = with_field_names(fields, row);
    if (!out.is_object()) return out;
    for (const auto& f : fields) {
        auto it = out.find(f.name);
        if (f.type != FieldType::list || !f.columns.empty() || it == out.end() || !it->is_string()) continue;
        // A list of text lines in one cell: one a line, or separated by ; or ；
        json lines = json::array();
        std::string s = it->get<std::string>(), cur;
        auto flush = [&] {
            if (std::string_view line = text::trim(cur); !line.empty()) lines.push_back(std::string(line));
            cur.clear();
        };
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '\n' || s[i] == ';') { flush(); continue; }
            if (s.compare(i, 3, "；") == 0) { flush(); i += 2; continue; }
            cur += s[i];
        }
        flush();
        *it = std::move(lines);
    }
    return out;
}

const FieldSpec* closest_field(const std::vector<FieldSpec>& fields, const std::string& key) {
    // The closest by edit distance, a shared beginning counting in its favour (抄送单位 is
    // 抄送机关 mistyped rather than 报送单位).
    const FieldSpec* best = nullptr;
    std::size_t best_d = std::string::npos;
    long best_score = 0;
    for (const auto& f : fields)
        for (const std::string& known : {f.name, f.label.zh, f.label.en}) {
            if (known.empty()) continue;
            std::size_t d = distance(key, known);
            std::size_t common = 0;
            while (common < key.size() && common < known.size() && key[common] == known[common]) ++common;
            while (common > 0 && common < key.size() && (static_cast<unsigned char>(key[common]) & 0xC0) == 0x80)
                --common;  // whole characters only
            long score = static_cast<long>(d) - static_cast<long>(code_points(key.substr(0, common)).size());
            if (!best || score < best_score) best_d = d, best_score = score, best = &f;
        }
    if (best && best_d * 2 <= code_points(key).size() + 1) return best;
    // A header that holds a column's label or name whole (问题描述 for 描述) means that column.
    for (const auto& f : fields)
        for (const std::string& known : {f.name, f.label.zh})
            if (!known.empty() && key.find(known) != std::string::npos) return &f;
    return nullptr;
}

std::string suggestion_text(const FieldSpec& f) {
    return "「" + (f.label.zh.empty() ? f.name : f.label.zh) + "」" +
           (f.label.zh.empty() || f.label.zh == f.name ? "" : " (" + f.name + ")");
}

void report_unknown_record_keys(const std::vector<FieldSpec>& fields, const json& data, const std::string& data_label,
                                bool strict, Diagnostics& diags, std::set<std::string>* said) {
    if (!data.is_object()) return;
    std::set<std::string> mine;
    if (!said) said = &mine;
    for (auto it = data.begin(); it != data.end(); ++it) {
        const FieldSpec* list = field_for_key(fields, it.key());
        if (!list || list->type != FieldType::list || list->columns.empty() || !it.value().is_array()) continue;
        for (const auto& record : it.value()) {
            if (!record.is_object()) continue;
            for (auto k = record.begin(); k != record.end(); ++k) {
                if (field_for_key(list->columns, k.key())) continue;
                if (!said->insert(list->name + '\n' + k.key()).second) continue;
                const FieldSpec* best = closest_field(list->columns, k.key());
                std::string message =
                    best ? i18n::format(_("{field}: 「{key}」 is not a column of its records and is ignored; did you mean {suggestion}?"),
                                        {{"field", list->display()}, {"key", k.key()}, {"suggestion", suggestion_text(*best)}})
                         : i18n::format(_("{field}: 「{key}」 is not a column of its records and is ignored"),
                                        {{"field", list->display()}, {"key", k.key()}});
                Diagnostic d;
                d.severity = strict ? Severity::error : Severity::warning;
                d.code = "unknown-column";
                d.file = data_label;
                d.message = message;
                diags.add(d);
            }
        }
    }
}

} // namespace gongwen
