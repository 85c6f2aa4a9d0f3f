// Throws from the hook named by THROW_IN (prepare, validate, formatters, format); the SDK turns
// each exception into an error message for the host.
#include <gongwen/plugin_sdk.hpp>
#include <string>

class Thrower : public gongwen::sdk::Plugin {
    static bool in(const char* hook) { return std::string(THROW_IN) == hook; }

public:
    nlohmann::json prepare(nlohmann::json data) override {
        if (in("prepare")) throw std::runtime_error("boom in prepare");
        return data;
    }
    std::vector<gongwen::sdk::Problem> validate(const nlohmann::json&) override {
        if (in("validate")) throw std::runtime_error("boom in validate");
        return {};
    }
    std::vector<std::string> formatters() const override {
        if (in("formatters")) throw std::runtime_error("boom in formatters");
        return {"boom"};
    }
    nlohmann::json format(const std::string&, const nlohmann::json&, const std::vector<std::string>&) override {
        throw std::runtime_error("boom in format");
    }
};

GONGWEN_PLUGIN(Thrower)
