// The GB/T 9704 frame: values every document in the standard's layout computes the same way.
// Used by the built-in types' C++ code, by the core for a manifest that says "frame": "gbt9704",
// and by your C++ plugin (part of the SDK; it needs only nlohmann-json and plugin_sdk.hpp).
#pragma once

#include <gongwen/plugin_sdk.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>
#include <vector>

namespace gongwen::gbt9704 {

// Widths on the body's line, in points: 3号 (16 pt) condensed by 0.25 pt a character, so that a
// full-width character takes 15.75 pt and 28 of them fill the 442 pt line; a half-width one
// (digits of dates and numbers) 7.75 pt; between CJK text and digits Word and LibreOffice put a
// little space of their own (measured on LibreOffice's PDF: 3.5 pt).
constexpr double kFullPt = 15.75, kHalfPt = 7.75, kSpacePt = 3.75, kAutoSpacePt = 3.5, kLinePt = 28 * kFullPt;

/// The width of a line of body text.
inline double text_width(const std::string& utf8) {
    double w = 0;
    int previous = 0;  // 1: CJK, 2: ASCII letter or digit
    for (std::size_t i = 0; i < utf8.size();) {
        unsigned char c = utf8[i];
        int kind = c < 0x80 ? (std::isalnum(c) ? 2 : 0) : 1;
        if (c < 0x80) w += c == ' ' ? kSpacePt : kHalfPt;
        else w += kFullPt;
        if (previous && kind && previous != kind) w += kAutoSpacePt;
        previous = kind;
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    return w;
}

/// Spaces that move a line's first character `pt` points in, to a quarter character:
/// full-width spaces, then an en space (U+2002, half a character) and a four-per-em space
/// (U+2005, a quarter). None of them takes the space office suites put between CJK and Latin
/// text, as an ASCII space would.
inline std::string lead(double pt) {
    std::string s;
    if (pt <= 0) return s;
    int quarters = static_cast<int>(pt / (kFullPt / 4) + 0.5);
    for (int i = 0; i < quarters / 4; ++i) s += "\u3000";
    if (quarters % 4 >= 2) s += "\u2002";
    if (quarters % 2) s += "\u2005";
    return s;
}

/// 2023年7月5日 from 2023-07-05 (the `date` formatter's default, which the template uses).
inline std::string date_text(const std::string& iso) {
    long days = sdk::days_from_iso(iso);
    std::string back = sdk::iso_from_days(days);
    return std::to_string(std::stoi(back.substr(0, 4))) + "年" + std::to_string(std::stoi(back.substr(5, 2))) + "月" +
           std::to_string(std::stoi(back.substr(8, 2))) + "日";
}

/// The seal (印章, a `seal` field): an image value (a path, or an object with "path" or "data"),
/// true for a seal stamped by hand after printing (the sealed layout, no picture), false or
/// empty for none.
inline bool seal_image(const nlohmann::json& v) {
    return (v.is_string() && !v.get_ref<const std::string&>().empty() && v != "不加盖" && v != "加盖") || v.is_object();
}
inline bool sealed(const nlohmann::json& v) { return v.is_boolean() ? v.get<bool>() : seal_image(v) || v == "加盖"; }

// The seal's picture in the frame's templates: 42 mm across, anchored in the 成文日期's paragraph
// (to a character of it: the frame's spaces put the anchor where it must be), its left edge
// kSealAnchorPt right of the anchor, its top 73.5 pt above the paragraph's top — so that the
// signature and the date sit a little below its centre and its top is within one line of the
// body (§7.3.5.1). Seals of a joint document stand kSealGapPt apart.
constexpr double kSealPt = 42 / 25.4 * 72, kSealAnchorPt = 6, kSealGapPt = 4 / 25.4 * 72;

/// The width in points of a seal value (its "width" in mm when given, else 42 mm).
inline double seal_width(const nlohmann::json& v) {
    if (v.is_object() && v.contains("width")) {
        const auto& w = v["width"];
        if (w.is_number()) return w.get<double>() / 25.4 * 72;
        if (w.is_string()) return std::stod(w.get<std::string>()) / 25.4 * 72;
    }
    return kSealPt;
}

/// `pt` rounded to what lead() writes (quarters of a character).
inline double lead_width(double pt) { return pt <= 0 ? 0 : static_cast<int>(pt / (kFullPt / 4) + 0.5) * (kFullPt / 4); }

/// 发文机关署名 and 成文日期 on the 28-character line. With a seal (§7.3.5.1) the date stands
/// four characters from the right and the signature is centred over it; without (§7.3.5.2) the
/// signature stands two characters from the right and the date starts two characters further
/// right — or, when the date is the longer, the date stands two from the right and the
/// signature two characters left of its start.
///
/// Sets 署名行 (the signature line: spaces and name), 署名前空 (its spaces alone), 日期前空, and
/// 印章位置: a record {前空, 印章} per seal picture, the spaces that put its anchor in the date's
/// line before the date. A joint document (联合行文: 联合发文机关, records {署名, 印章}) sets
/// its names side by side on one line, the last centred over the date, each under its own seal,
/// the seals in a row 4 mm apart; throws when they do not fit on the line.
inline void place_signature(nlohmann::json& data) {
    const std::string date_str = date_text(data["成文日期"].get<std::string>());
    const double date = text_width(date_str);
    nlohmann::json organs = nlohmann::json::array();
    if (data.contains("联合发文机关") && data["联合发文机关"].is_array())
        for (const auto& o : data["联合发文机关"])
            if (o.is_object()) organs.push_back(o);
    const bool joint = !organs.empty();
    if (!joint)
        organs.push_back({{"署名", data.value("发文机关署名", std::string())}, {"印章", data.contains("印章") ? data["印章"] : nlohmann::json()}});
    bool with_seal = joint;
    for (const auto& o : organs) with_seal = with_seal || sealed(o.contains("印章") ? o["印章"] : nlohmann::json());
    double date_at;
    std::vector<double> centres;
    if (with_seal) {
        date_at = kLinePt - 4 * kFullPt - date;
        const double last = date_at + date / 2;
        for (std::size_t k = 0; k < organs.size(); ++k) centres.push_back(last - (organs.size() - 1 - k) * (kSealPt + kSealGapPt));
        if (centres.front() - kSealPt / 2 < 0) throw std::runtime_error("联合发文机关: more seals than fit side by side on one line");
    } else {
        double sig = text_width(organs[0].value("署名", std::string()));
        double sig_at = std::min(kLinePt - 2 * kFullPt - sig, kLinePt - 2 * kFullPt - date - 2 * kFullPt);
        date_at = sig_at + 2 * kFullPt;
        centres.push_back(sig_at + sig / 2);
    }
    // The names, each centred at its seal's centre, left to right.
    std::string line, first_lead;
    double pos = 0;
    for (std::size_t k = 0; k < organs.size(); ++k) {
        std::string name = organs[k].value("署名", std::string());
        double w = text_width(name), start = centres[k] - w / 2;
        if (k > 0 && start < pos + kFullPt)
            throw std::runtime_error("联合发文机关: the names " + organs[k - 1].value("署名", std::string()) + " and " + name +
                                     " do not fit side by side under their seals");
        std::string spaces = lead(start - pos);
        if (k == 0) first_lead = spaces;
        line += spaces + name;
        pos += lead_width(start - pos) + w;
    }
    // The seal pictures' anchors in the date's line, then the date.
    nlohmann::json spots = nlohmann::json::array();
    pos = 0;
    for (std::size_t k = 0; k < organs.size(); ++k) {
        nlohmann::json seal = organs[k].contains("印章") ? organs[k]["印章"] : nlohmann::json();
        if (!seal_image(seal)) continue;
        double at = centres[k] - seal_width(seal) / 2 - kSealAnchorPt;
        spots.push_back({{"前空", lead(at - pos)}, {"印章", seal}});
        pos += lead_width(at - pos);
    }
    data["署名行"] = line;
    data["署名前空"] = first_lead;
    data["日期前空"] = lead(date_at - pos);
    data["印章位置"] = spots;
    data["加盖印章"] = with_seal;
}

/// 附件说明 lines ("附件：1.名称", then "2.名称" aligned under it; no number for a single
/// attachment), 有附件 for the blank line before them, the pages that open the attachments the
/// user lists (附件页: 标识 附件N or 附件, 名称) — a type's own attachments (内置附件, e.g. the
/// notice's 回执) come after them — 有抄送 (a list cannot be tested without looping over it),
/// 印发日期 defaulting to 成文日期, the empty lines that keep the organ mark in place, the
/// signature's place.
inline void prepare_frame(nlohmann::json& data) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& a : data["附件"]) all.push_back(a);
    std::size_t listed = all.size();
    if (data.contains("内置附件"))
        for (const auto& a : data["内置附件"]) all.push_back(a);
    nlohmann::json lines = nlohmann::json::array(), pages = nlohmann::json::array();
    for (std::size_t i = 0; i < all.size(); ++i) {
        std::string number = all.size() > 1 ? std::to_string(i + 1) + "." : "";
        lines.push_back((i == 0 ? "附件：" : "") + number + all[i].get<std::string>());
        std::string label = all.size() > 1 ? "附件" + std::to_string(i + 1) : std::string("附件");
        if (i < listed) pages.push_back({{"标识", label}, {"名称", all[i]}});
        else data["附件标识"][all[i].get<std::string>()] = label;
    }
    data["附件说明"] = lines;
    data["附件页"] = pages;
    data["有附件"] = !lines.empty();
    data["有抄送"] = !data["抄送"].empty();
    if (data.value("印发日期", std::string()).empty()) data["印发日期"] = data["成文日期"];
    // 份号, 密级 and 紧急程度 take the first three lines; absent ones leave their line empty,
    // so the organ mark stays 35 mm below the type area's top.
    int present = 0;
    for (const char* key : {"份号", "密级", "紧急程度"})
        if (!data.value(key, std::string()).empty()) ++present;
    data["版头空行"] = nlohmann::json::array();
    for (int i = present; i < 3; ++i) data["版头空行"].push_back("");
    // 印章 (a seal field): a picture, or true for a seal stamped by hand, places the signature by
    // §7.3.5.1; none by §7.3.5.2.
    place_signature(data);
    // Where the 版记 goes is settled by the engine once it knows where the text ends.
    data["版记换页"] = false;
    data["版记空白页"] = false;
}

/// A deadline: the given date when there is one, else `from` plus `days`.
inline std::string deadline(const nlohmann::json& data, const char* given, const char* from, const char* days) {
    std::string g = data.value(given, std::string());
    if (!g.empty()) return g;
    return sdk::add_days(data[from].get<std::string>(), data[days].get<long>());
}

/// A problem when date `later` comes before date `earlier` (both ISO, so text order is date order).
inline void check_order(const nlohmann::json& data, const char* earlier, const char* later, const std::string& message,
                        std::vector<sdk::Problem>& problems) {
    std::string a = data.value(earlier, std::string()), b = data.value(later, std::string());
    if (!a.empty() && !b.empty() && b < a) problems.push_back({later, 0, message});
}

} // namespace gongwen::gbt9704
