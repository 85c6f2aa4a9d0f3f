// A formatter with unsynchronised state, as plugin code may have (the SDK promises that a
// plugin's hooks run one at a time): `echo` copies its value into the plugin, waits a moment
// and returns what the plugin holds. Two calls at once give one document another's value.
#include <gongwen/plugin_sdk.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

class Racy : public gongwen::sdk::Plugin {
    char scratch_[256] = {};
    std::size_t length_ = 0;

public:
    std::vector<std::string> formatters() const override { return {"echo"}; }
    nlohmann::json format(const std::string&, const nlohmann::json& value, const std::vector<std::string>&) override {
        std::string s = value.is_string() ? value.get<std::string>() : value.dump();
        length_ = std::min(s.size(), sizeof scratch_);
        std::memcpy(scratch_, s.data(), length_);
        std::this_thread::sleep_for(std::chrono::microseconds(300));
        return std::string(scratch_, std::min(length_, sizeof scratch_));
    }
};

GONGWEN_PLUGIN(Racy)
