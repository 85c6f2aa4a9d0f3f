// 巡察建议书: unit and problem counts, reply deadline.
#include <gongwen/gbt9704.hpp>

using nlohmann::json;

class RecommendationLetter : public gongwen::sdk::Plugin {
public:
    json prepare(json data) override {
        gongwen::gbt9704::prepare_frame(data);
        data["单位数"] = data["被巡察单位"].size();
        data["共性问题数"] = data["共性问题"].size();
        data["个性问题数"] = data["个性问题"].size();
        data["问题总数"] = data["共性问题"].size() + data["个性问题"].size();
        // 例证 arrive as one text; the template joins a list.
        for (auto& p : data["共性问题"]) {
            json examples = json::array();
            std::string text = p.value("例证", std::string());
            const std::string sep = "；";
            std::size_t start = 0;
            while (start < text.size()) {
                std::size_t at = text.find(sep, start);
                std::string one = text.substr(start, at == std::string::npos ? std::string::npos : at - start);
                if (!one.empty()) examples.push_back(one);
                if (at == std::string::npos) break;
                start = at + sep.size();
            }
            p["有例证"] = !examples.empty();
            p["例证"] = examples;
        }
        data["回复期限"] = gongwen::gbt9704::deadline(data, "回复期限", "成文日期", "回复天数");
        return data;
    }

    std::vector<gongwen::sdk::Problem> validate(const json& data) override {
        std::vector<gongwen::sdk::Problem> problems;
        if (data["共性问题"].empty() && data["个性问题"].empty())
            problems.push_back({"共性问题", 0, "建议书至少要写明一个共性或个性问题"});
        gongwen::gbt9704::check_order(data, "成文日期", "回复期限", "回复截止日期早于成文日期", problems);
        return problems;
    }
};

GONGWEN_PLUGIN(RecommendationLetter)
