// 巡察工作总结: the share of problems not rectified is computed from the counts, never typed, and
// the previous round (reported on beside the current one) from the round.
#include <gongwen/gbt9704.hpp>

using nlohmann::json;

class WorkSummary : public gongwen::sdk::Plugin {
public:
    json prepare(json data) override {
        gongwen::gbt9704::prepare_frame(data);
        // "听取县委第{{上一轮次 | cn}}轮巡察情况汇报和第{{轮次 | cn}}轮巡察情况阶段性汇报"
        data["上一轮次"] = data["轮次"].get<long>() - 1;
        // A zero total is an error with a message, not a division by zero.
        data["整改不到位占比"] = gongwen::sdk::ratio(data["整改不到位问题数"].get<double>(), data["反馈问题数"].get<double>(),
                                                  "上一轮反馈问题数");
        return data;
    }

    std::vector<gongwen::sdk::Problem> validate(const json& data) override {
        std::vector<gongwen::sdk::Problem> problems;
        if (data["轮次"].get<long>() < 2)  // the manifest says so too (min 2): no 第零轮
            problems.push_back({"轮次", 0, "至少为2：总结同时汇报上一轮巡察情况"});
        if (data["反馈问题数"].get<long>() == 0)  // the share of it not rectified cannot be computed
            problems.push_back({"反馈问题数", 0, "为0：无法计算整改不到位问题所占的百分比"});
        else if (data["整改不到位问题数"].get<long>() > data["反馈问题数"].get<long>())
            problems.push_back({"整改不到位问题数", 0, "不能多于上一轮反馈问题数"});
        if (data["副科级以上人数"].get<long>() > data["人才库人数"].get<long>())
            problems.push_back({"副科级以上人数", 0, "不能多于巡察人才库人数"});
        return problems;
    }
};

GONGWEN_PLUGIN(WorkSummary)
