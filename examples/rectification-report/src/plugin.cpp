// 巡察整改进展情况报告: the plugin computes what the report must never have typed by hand.
#include <gongwen/plugin_sdk.hpp>

using nlohmann::json;

class RectificationReport : public gongwen::sdk::Plugin {
public:
    json prepare(json data) override {
        const json& problems = data["问题"];
        int done = 0, ongoing = 0;
        for (const auto& p : problems) {
            if (p["状态"] == "已完成") ++done;
            if (p["状态"] == "推进中") ++ongoing;
        }
        data["问题总数"] = problems.size();
        data["已完成数"] = done;
        data["推进中数"] = ongoing;
        data["完成率"] = gongwen::sdk::ratio(done, static_cast<double>(problems.size()), "问题总数");
        data["整改截止日期"] = gongwen::sdk::add_days(data["反馈日期"].get<std::string>(), data["整改天数"].get<long>());
        return data;
    }

    std::vector<gongwen::sdk::Problem> validate(const json& data) override {
        std::vector<gongwen::sdk::Problem> problems;
        if (data["问题"].empty()) problems.push_back({"问题", 0, "至少列出一个反馈问题，才能计算完成率"});
        if (data["报告日期"].get<std::string>() < data["反馈日期"].get<std::string>())
            problems.push_back({"报告日期", 0, "早于巡察反馈日期"});
        return problems;
    }

    std::vector<std::string> formatters() const override { return {"状态标记"}; }

    json format(const std::string& name, const json& value, const std::vector<std::string>&) override {
        if (name != "状态标记") throw std::runtime_error("no formatter " + name);
        const std::string s = value.get<std::string>();
        return s == "已完成" ? "已完成整改" : s == "推进中" ? "正在推进" : "尚未启动";
    }
};

GONGWEN_PLUGIN(RectificationReport)
