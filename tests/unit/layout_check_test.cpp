// gongwen check on the laid-out pages: tiny documents (tests/check/layout/make_fixtures.py) laid
// out by LibreOffice at test time, each wrong in one way, fail exactly that rule; the good one and
// the built-in types' samples pass. Skipped when LibreOffice is missing.
#include "gongwen/check.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

namespace gongwen {
namespace {

const std::string kSource = GONGWEN_SOURCE_DIR;
const std::string kFixtures = std::string(GONGWEN_BINARY_DIR) + "/tests/layout-fixtures";

bool have_office() { return std::system("command -v soffice >/dev/null 2>&1") == 0; }

// Every test process asks; make_fixtures.py lays the documents out once and keeps them (a stamp
// of the script, a lock against parallel test processes).
bool fixtures_ready() {
    static const int rc = std::system(("python3 '" + kSource + "/tests/check/layout/make_fixtures.py' '" + kFixtures + "' --pdf").c_str());
    return rc == 0;
}

std::set<std::string> codes(const Diagnostics& d) {
    std::set<std::string> s;
    for (const auto& x : d.items()) s.insert(x.code);
    return s;
}

struct Case {
    const char* fixture;
    const char* rule;  // nullptr: no deviation
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.fixture; }

class LayoutFixture : public ::testing::TestWithParam<Case> {};

TEST_P(LayoutFixture, FailsExactlyItsRule) {
    if (!have_office()) GTEST_SKIP() << "LibreOffice (soffice) is not installed";
    ASSERT_TRUE(fixtures_ready());
    const Case& c = GetParam();
    Diagnostics d = check_gbt9704_layout(kFixtures + "/" + c.fixture + ".pdf", std::string(c.fixture) + ".pdf");
    std::set<std::string> want;
    if (c.rule) want.insert(c.rule);
    EXPECT_EQ(codes(d), want) << d.to_string();
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, LayoutFixture,
    ::testing::Values(Case{"good", nullptr}, Case{"organ-mark-high", "gbt-organ-mark"}, Case{"red-rule-close", "gbt-red-rule"},
                      Case{"hanging-punctuation", "gbt-grid"}, Case{"29-characters", "gbt-grid"},
                      Case{"line-pitch-30pt", "gbt-grid"},
                      Case{"heading-at-foot", "gbt-heading-keep"}, Case{"signature-alone", "gbt-signature"},
                      Case{"edition-odd-page", "gbt-edition-block"}, Case{"edition-not-at-bottom", "gbt-edition-block"},
                      Case{"page-number-left", "gbt-page-number"}, Case{"title-inside-word", "gbt-title"},
                      Case{"doc-number-brackets", "gbt-doc-number"}, Case{"doc-number-chinese-year", "gbt-doc-number"},
                      Case{"attachment-numbered-alone", "gbt-attachment"}),
    [](const auto& info) {
        std::string n = info.param.fixture;
        for (auto& ch : n)
            if (ch == '-') ch = '_';
        return n;
    });

TEST(LayoutCheck, SaysWhatItMeasuredOnWhichPage) {
    if (!have_office()) GTEST_SKIP() << "LibreOffice (soffice) is not installed";
    ASSERT_TRUE(fixtures_ready());
    std::string got = check_gbt9704_layout(kFixtures + "/organ-mark-high.pdf", "x.pdf").to_string();
    EXPECT_NE(got.find("x.pdf:page 1: error[gbt-organ-mark]: the organ mark's red ink starts 62"), std::string::npos) << got;
    EXPECT_NE(got.find("wants 72 ± 1 mm"), std::string::npos) << got;
    got = check_gbt9704_layout(kFixtures + "/edition-not-at-bottom.pdf", "x.pdf").to_string();
    EXPECT_NE(got.find("x.pdf:page 2: error[gbt-edition-block]: the 版记's last rule ends 24"), std::string::npos) << got;
}

TEST(LayoutCheck, LetterFormatWantsTheMarkAt30mmAndNoNumberOnPage1) {
    if (!have_office()) GTEST_SKIP() << "LibreOffice (soffice) is not installed";
    ASSERT_TRUE(fixtures_ready());
    LayoutOptions letter;
    letter.letter_format = true;
    Diagnostics d = check_gbt9704_layout(kFixtures + "/good.pdf", "good.pdf", letter);
    EXPECT_EQ(codes(d), (std::set<std::string>{"gbt-organ-mark", "gbt-page-number"})) << d.to_string();
}

TEST(LayoutCheck, AnUnreadablePdfIsAnError) {
    std::string dir = test::temp_dir();
    test::write_file(dir + "/bad.pdf", "not a PDF");
    EXPECT_THROW(check_gbt9704_layout(dir + "/bad.pdf", "bad.pdf"), Error);
    std::filesystem::remove_all(dir);
}

TEST(LayoutCheckCli, ChecksPdfsAndLaysOutDocuments) {
    if (!have_office()) GTEST_SKIP() << "LibreOffice (soffice) is not installed";
    ASSERT_TRUE(fixtures_ready());
    auto r = test::run_gongwen("check '" + kFixtures + "/good.pdf'");
    EXPECT_EQ(r.code, 0) << r.err;
    r = test::run_gongwen("check '" + kFixtures + "/page-number-left.pdf' --json");
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.out.find("\"page\": 1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("gbt-page-number"), std::string::npos) << r.out;
    // A DOCX: the XML rules, then its pages through LibreOffice.
    r = test::run_gongwen("check --layout on '" + kFixtures + "/organ-mark-high.docx'");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("organ-mark-high.docx:page 1: error[gbt-organ-mark]"), std::string::npos) << r.err;
    r = test::run_gongwen("check --layout off '" + kFixtures + "/organ-mark-high.docx'");
    EXPECT_EQ(r.err.find("gbt-organ-mark"), std::string::npos) << r.err;
    // No LibreOffice: said once, the XML rules still run.
    r = test::run_gongwen("check '" + kFixtures + "/organ-mark-high.docx' '" + kFixtures + "/good.docx'", "PATH=/nonexistent GONGWEN_SOFFICE=");
    EXPECT_NE(r.err.find("layout not checked: no LibreOffice\n"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("layout not checked: no LibreOffice", r.err.find("no LibreOffice") + 1), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("gbt-organ-mark"), std::string::npos) << r.err;
    r = test::run_gongwen("check --layout on '" + kFixtures + "/good.docx'", "PATH=/nonexistent GONGWEN_SOFFICE=");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("error[no-office]"), std::string::npos) << r.err;
}

// The built-in types' samples, DOCX and ODT, laid out by LibreOffice: they pass every layout rule
// once the templates follow GB/T 9704 (the templates are being reworked; until then this lists
// what the pages still get wrong).
TEST(LayoutCheckSamples, BuiltinSamplesPassOnTheirPages) {
    if (!have_office()) GTEST_SKIP() << "LibreOffice (soffice) is not installed";
    std::string dir = test::temp_dir();
    std::string docs;
    for (const char* type : {"rectification-notice", "recommendation-letter", "work-summary"}) {
        for (const char* ext : {"docx", "odt"}) {
            std::string out = dir + "/" + type + "." + ext;
            auto g = test::run_gongwen(std::string("generate ") + type + " --data '" + kSource + "/examples/samples/" + type + ".json' -o '" + out + "'");
            ASSERT_EQ(g.code, 0) << g.err;
            docs += " '" + out + "'";
        }
    }
    auto r = test::run_gongwen("check --layout on" + docs);
    EXPECT_EQ(r.code, 0) << r.err;
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace gongwen
