// Values every GB/T 9704 document computes the same way, shared by the built-in types.
#pragma once

#include <gongwen/plugin_sdk.hpp>

#include <algorithm>
#include <string>

namespace gongwen::builtin {

/// Width of a text in half characters of the 28-character line: a full-width (CJK) character
/// is 2, an ASCII one 1 (digits of dates and numbers are half-width).
inline int half_width(const std::string& utf8) {
    int w = 0;
    for (unsigned char c : utf8) {
        if (c < 0x80) w += 1;
        else if ((c & 0xC0) != 0x80) w += 2;  // the lead byte of a multi-byte character
    }
    return w;
}

/// Spaces that move a line's first character `half` half characters in: full-width spaces,
/// and two ASCII spaces for half a character.
inline std::string lead(int half) {
    std::string s;
    for (int i = 0; i < std::max(half, 0) / 2; ++i) s += "\u3000";
    if (half > 0 && half % 2) s += "  ";
    return s;
}

/// 2023年7月5日 from 2023-07-05 (the `date` formatter's default, which the template uses).
inline std::string date_text(const std::string& iso) {
    long days = sdk::days_from_iso(iso);
    std::string back = sdk::iso_from_days(days);
    return std::to_string(std::stoi(back.substr(0, 4))) + "年" + std::to_string(std::stoi(back.substr(5, 2))) + "月" +
           std::to_string(std::stoi(back.substr(8, 2))) + "日";
}

/// 发文机关署名 and 成文日期 on the 28-character line. With a seal (§7.3.5.1) the date stands
/// four characters from the right and the signature is centred over it; without (§7.3.5.2) the
/// signature stands two characters from the right and the date starts two characters further
/// right — or, when the date is the longer, the date stands two from the right and the
/// signature two characters left of its start.
inline void place_signature(nlohmann::json& data) {
    const int line = 2 * 28;
    int sig = half_width(data.value("发文机关署名", std::string()));
    int date = half_width(date_text(data["成文日期"].get<std::string>()));
    int sig_at, date_at;
    if (data.value("加盖印章", true)) {
        date_at = line - 2 * 4 - date;
        sig_at = date_at + (date - sig) / 2;
    } else {
        sig_at = std::min(line - 2 * 2 - sig, line - 2 * 2 - date - 2 * 2);
        date_at = sig_at + 2 * 2;
    }
    data["署名前空"] = lead(sig_at);
    data["日期前空"] = lead(date_at);
}

/// 附件说明 lines ("附件：1.名称", then "2.名称" aligned under it; no number for a single
/// attachment), 有附件 for the blank line before them, 有抄送 (a list cannot be tested without
/// looping over it), 印发日期 defaulting to 成文日期, the empty lines that keep the organ mark
/// in place, the signature's place.
inline void prepare_frame(nlohmann::json& data) {
    const nlohmann::json& attachments = data["附件"];
    nlohmann::json lines = nlohmann::json::array();
    for (std::size_t i = 0; i < attachments.size(); ++i) {
        std::string number = attachments.size() > 1 ? std::to_string(i + 1) + "." : "";
        lines.push_back((i == 0 ? "附件：" : "") + number + attachments[i].get<std::string>());
    }
    data["附件说明"] = lines;
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
    // 印章 (a choice field): 加盖 by default; 不加盖 places the signature by §7.3.5.2.
    data["加盖印章"] = data.value("印章", std::string("加盖")) != "不加盖";
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

} // namespace gongwen::builtin
