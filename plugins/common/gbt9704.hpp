// Values every GB/T 9704 document computes the same way, shared by the built-in types.
#pragma once

#include <gongwen/plugin_sdk.hpp>

#include <string>

namespace gongwen::builtin {

/// 附件说明 lines ("附件：1.名称", then "2.名称" aligned under it), 有附件 for the blank line
/// before them, 有抄送 (a list cannot be tested without looping over it), and 印发日期
/// defaulting to 成文日期.
inline void prepare_frame(nlohmann::json& data) {
    const nlohmann::json& attachments = data["附件"];
    nlohmann::json lines = nlohmann::json::array();
    for (std::size_t i = 0; i < attachments.size(); ++i) {
        std::string line = (i == 0 ? "附件：" : "") + std::to_string(i + 1) + "." + attachments[i].get<std::string>();
        lines.push_back(line);
    }
    data["附件说明"] = lines;
    data["有附件"] = !lines.empty();
    data["有抄送"] = !data["抄送"].empty();
    if (data.value("印发日期", std::string()).empty()) data["印发日期"] = data["成文日期"];
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
