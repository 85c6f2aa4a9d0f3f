// 巡察工作总结: the share of problems not rectified is computed from the counts, never typed.
#include "../../common/gbt9704.hpp"

using nlohmann::json;

class WorkSummary : public gongwen::sdk::Plugin {
public:
    json prepare(json data) override {
        gongwen::builtin::prepare_frame(data);
        // A zero total is an error with a message, not a division by zero.
        data["整改不到位占比"] = gongwen::sdk::ratio(data["整改不到位问题数"].get<double>(), data["反馈问题数"].get<double>(),
                                                  "上一轮反馈问题数");
        return data;
    }

    std::vector<gongwen::sdk::Problem> validate(const json& data) override {
        std::vector<gongwen::sdk::Problem> problems;
        if (data["整改不到位问题数"].get<long>() > data["反馈问题数"].get<long>())
            problems.push_back({"整改不到位问题数", 0, "不能多于上一轮反馈问题数"});
        if (data["副科级以上人数"].get<long>() > data["人才库人数"].get<long>())
            problems.push_back({"副科级以上人数", 0, "不能多于巡察人才库人数"});
        return problems;
    }
};

GONGWEN_PLUGIN(WorkSummary)
