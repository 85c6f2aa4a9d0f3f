// gongwen check: a deliberately wrong document fails with the right messages, in both formats;
// every generated sample passes (types_test.cpp).
#include "gongwen/check.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>

namespace gongwen {
namespace {

Package packed(const std::string& folder) {
    std::string dir = std::string(GONGWEN_SOURCE_DIR) + "/tests/check/" + folder;
    return Package::read_memory(Package::from_folder(dir).write_all(), folder);
}

std::vector<std::string> lines(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& x : d.items()) out.push_back(x.to_string());
    return out;
}

class CheckWrong : public ::testing::TestWithParam<const char*> {};

TEST_P(CheckWrong, ReportsEveryDeviationWithItsPlace) {
    std::string name = GetParam();
    bool odt = name.find(".odt") != std::string::npos;
    std::string layout = odt ? "styles.xml" : "word/document.xml";
    std::string fonts = odt ? "styles.xml" : "word/styles.xml";
    std::string text = odt ? "content.xml" : "word/document.xml";
    std::string footer = odt ? "styles.xml" : "word/footer1.xml";
    std::string settings = odt ? "styles.xml" : "word/settings.xml";
    std::string side = odt ? "31.8" : "31.7";  // LibreOffice rounds 1800 twips to 1.25 in
    std::vector<std::string> want = {
        name + ":" + layout + ": error[gbt-page-size]: the page is 215.9 × 279.4 mm; GB/T 9704 wants A4, 210 × 297 mm",
        name + ":" + layout + ": error[gbt-margin]: the top margin is 25.4 mm; GB/T 9704 wants 37 ± 1 mm",
        name + ":" + layout + ": error[gbt-margin]: the bottom margin is 25.4 mm; GB/T 9704 wants 35 ± 1 mm",
        name + ":" + layout + ": error[gbt-margin]: the left margin is " + side + " mm; GB/T 9704 wants 28 ± 1 mm",
        name + ":" + layout + ": error[gbt-margin]: the right margin is " + side + " mm; GB/T 9704 wants 26 ± 1 mm",
        name + ":" + fonts + ": error[gbt-body-font]: the body font is '宋体'; GB/T 9704 wants 仿宋 (3号)",
        name + ":" + fonts + ": error[gbt-body-size]: the body text is 12 pt; GB/T 9704 wants 3号 (16 pt)",
        name + ":" + layout + ": error[gbt-grid]: no line pitch is set; GB/T 9704 wants 22 lines a page",
        name + ":" + layout + ": error[gbt-grid]: 36 characters a line (character pitch 12 pt); GB/T 9704 wants 28",
        name + ":" + text + ":1: error[gbt-doc-number]: the year of a document number goes in 〔〕 (U+3014/U+3015), not [] 【】 or (): '[2023]5号'",
        name + ":" + text + ":2: error[gbt-title-font]: the title font is '黑体'; GB/T 9704 wants 小标宋 (2号)",
        name + ":" + text + ":2: error[gbt-title-size]: the title is 18 pt; GB/T 9704 wants 2号 (22 pt)",
        name + ":" + text + ":3: error[gbt-doc-number]: a document number has no 第 before the number: '〔2023〕第6号'",
        name + ":" + text + ":3: error[gbt-doc-number]: a document number has no leading zeros: '〔2023〕07号'",
        name + ":" + text + ":4: error[gbt-date]: dates are written in Arabic digits: 2023年7月5日: '二〇二三年七月五日'",
        name + ":" + text + ":5: error[gbt-date]: dates have no leading zeros: 2023年7月5日: '2023年07月'",
        name + ":" + footer + ": error[gbt-page-number]: the page number on odd pages reads '第 1 页'; GB/T 9704 wants '— 1 —'",
        name + ":" + footer + ": error[gbt-page-number]: page numbers on odd pages are aligned center; GB/T 9704 wants right",
        name + ":" + settings + ": error[gbt-page-number]: odd and even pages share one footer; GB/T 9704 puts numbers right on odd, left on even pages",
    };
    EXPECT_EQ(lines(check_gbt9704(packed(name))), want);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CheckWrong, ::testing::Values("wrong.docx", "wrong.odt"),
                         [](const auto& info) { return std::string(info.param).replace(5, 1, "_"); });

TEST(CheckCli, ExitsOneOnDeviationsAndZeroOnASample) {
    std::string dir = test::temp_dir();
    test::write_file(dir + "/wrong.docx", Package::from_folder(std::string(GONGWEN_SOURCE_DIR) + "/tests/check/wrong.docx").write_all());
    auto r = test::run_gongwen("check '" + dir + "/wrong.docx'");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("error[gbt-margin]"), std::string::npos) << r.err;
    r = test::run_gongwen("generate work-summary --data '" + std::string(GONGWEN_SOURCE_DIR) +
                          "/examples/samples/work-summary.json' -o '" + dir + "/ok.odt'");
    ASSERT_EQ(r.code, 0) << r.err;
    r = test::run_gongwen("check --layout off '" + dir + "/ok.odt'");  // the XML rules; layout_check_test measures the pages
    EXPECT_EQ(r.code, 0) << r.err;
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace gongwen
