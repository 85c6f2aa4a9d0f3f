// gongwen batch in the user's language: under LANG=zh_CN.UTF-8 the summary line, the progress
// line, a batch's problems and its errors read in Chinese, on the terminal and in the --report
// JSON — no English sentence, the codes kept. Reads the build's catalogue (share/locale beside the
// command, compiled from po/zh_CN.po), as the other i18n tests do.
#include "test_util.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

namespace gongwen {
namespace {

using test::run_gongwen;

class I18nBatch : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = test::temp_dir();
        // The example's problems and one whose 被巡察单位 names no row of the notices.
        test::write_file(path("problems.csv"), test::slurp(ex("problems.csv")) + "县公安局,无此单位的问题,其他,\n");
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string path(const std::string& name) const { return dir_ + "/" + name; }
    static std::string ex(const std::string& name) { return std::string(GONGWEN_SOURCE_DIR) + "/examples/batch/" + name; }
    std::string batch(const std::string& extra = "") const {
        return "batch rectification-notice --data '" + ex("notices.csv") + "' --rows '" + path("problems.csv") + ":被巡察单位' --out-dir '" +
               path("out") + "' " + extra;
    }
    std::string dir_;
};

TEST_F(I18nBatch, SummaryProblemsAndReportInChinese) {
    auto zh = run_gongwen(batch("--report '" + path("report.json") + "'"), "LANG=zh_CN.UTF-8");
    EXPECT_EQ(zh.code, 1) << zh.err;  // the unknown key is an error of the batch
    EXPECT_NE(zh.err.find("已生成 3 份，跳过 0 份，失败 0 份，用时 "), std::string::npos) << zh.err;
    EXPECT_NE(zh.err.find("批量生成：3/3（100%），每秒 "), std::string::npos) << zh.err;
    EXPECT_NE(zh.err.find("problems.csv:7: 错误[unknown-key]：「被巡察单位」“县公安局”在 "), std::string::npos) << zh.err;
    EXPECT_NE(zh.err.find("中没有对应的行"), std::string::npos) << zh.err;
    for (const char* english : {"written", "skipped", "failed", "names no row", "docs/s", "error["})
        EXPECT_EQ(zh.err.find(english), std::string::npos) << english << "\n" << zh.err;

    // The report's messages are the same Chinese sentences; its keys and codes stay as they are.
    auto report = nlohmann::json::parse(test::slurp(path("report.json")));
    EXPECT_EQ(report["written"], 3);
    // A row's status is a word of the report's contract whatever the language (RowStatus at the edge).
    ASSERT_EQ(report["rows"].size(), 3u);
    for (const auto& row : report["rows"]) EXPECT_EQ(row["status"], "written") << row.dump();
    ASSERT_EQ(report["problems"].size(), 1u) << report.dump(2);
    EXPECT_EQ(report["problems"][0]["code"], "unknown-key");
    std::string message = report["problems"][0]["message"];
    EXPECT_EQ(message.rfind("「被巡察单位」“县公安局”在 ", 0), 0u) << message;
    EXPECT_NE(message.find("中没有对应的行"), std::string::npos) << message;

    // Run again without --resume or --force: the outputs exist, said once, in Chinese.
    auto again = run_gongwen(batch(), "LANG=zh_CN.UTF-8");
    EXPECT_EQ(again.code, 1);
    EXPECT_NE(again.err.find("错误[output-exists]：已有 3 份输出文件（"), std::string::npos) << again.err;
    EXPECT_NE(again.err.find(" 等）；如要保留并生成其余的，请加 --resume；如要覆盖，请加 --force"), std::string::npos) << again.err;
    for (const char* english : {"outputs exist", "use --resume", "error["})
        EXPECT_EQ(again.err.find(english), std::string::npos) << english << "\n" << again.err;

    auto resumed = run_gongwen(batch("--resume --report '" + path("resumed.json") + "'"), "LANG=zh_CN.UTF-8");
    auto kept = nlohmann::json::parse(test::slurp(path("resumed.json")));
    EXPECT_EQ(kept["skipped"], 3) << resumed.err;
    for (const auto& row : kept["rows"]) EXPECT_EQ(row["status"], "skipped") << row.dump();

    // English under C, word for word as before.
    auto c = run_gongwen(batch(), "LANG=C");
    EXPECT_NE(c.err.find("error[output-exists]: 3 outputs exist ("), std::string::npos) << c.err;
    EXPECT_NE(c.err.find(", …); use --resume to keep them and write the rest, or --force to overwrite them"), std::string::npos) << c.err;
}

TEST_F(I18nBatch, UsageErrorsInChinese) {
    auto shard = run_gongwen(batch("--shard 4/3"), "LANG=zh_CN.UTF-8");
    EXPECT_EQ(shard.code, 2);
    EXPECT_NE(shard.err.find("gongwen batch: --shard K/N 要求 1 ≤ K ≤ N：4/3"), std::string::npos) << shard.err;
    auto rows = run_gongwen("batch rectification-notice --data '" + ex("notices.csv") + "' --rows '" + path("problems.csv") +
                                ":单位' --out-dir '" + path("o2") + "'",
                            "LANG=zh_CN.UTF-8");
    EXPECT_EQ(rows.code, 2);
    EXPECT_NE(rows.err.find("没有「单位」列；其列为 被巡察单位、问题、类别、依据"), std::string::npos) << rows.err;
    EXPECT_EQ(rows.err.find("has no column"), std::string::npos) << rows.err;
    auto help = run_gongwen("batch --help", "LANG=zh_CN.UTF-8");
    EXPECT_NE(help.out.find("保留已存在且完整的输出文件，只生成其余的"), std::string::npos) << help.out;
    EXPECT_EQ(help.out.find("keep outputs that exist"), std::string::npos) << help.out;
}

} // namespace
} // namespace gongwen
