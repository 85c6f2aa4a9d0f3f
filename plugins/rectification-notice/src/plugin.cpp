// 巡察整改通知书: problem count, deadline from the date and a number of days (or given).
#include <gongwen/gbt9704.hpp>

using nlohmann::json;

class RectificationNotice : public gongwen::sdk::Plugin {
public:
    json prepare(json data) override {
        // The receipt slip is the notice's own attachment, after those the user lists.
        data["内置附件"] = json::array({"回执"});
        gongwen::gbt9704::prepare_frame(data);
        data["回执标识"] = data["附件标识"]["回执"];
        data["问题数"] = data["问题"].size();
        data["整改截止日期"] = gongwen::gbt9704::deadline(data, "整改期限", "成文日期", "整改天数");
        return data;
    }

    std::vector<gongwen::sdk::Problem> validate(const json& data) override {
        std::vector<gongwen::sdk::Problem> problems;
        gongwen::gbt9704::check_order(data, "巡察开始", "巡察结束", "巡察结束日期早于开始日期", problems);
        gongwen::gbt9704::check_order(data, "成文日期", "整改期限", "整改截止日期早于成文日期", problems);
        return problems;
    }
};

GONGWEN_PLUGIN(RectificationNotice)
