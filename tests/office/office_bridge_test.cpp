// The office bridge against a real headless LibreOffice: one office for many documents, a killed
// office started again, a document that overruns its time, a damaged document, existing outputs.
// Registered as the single CTest test e2e_libreoffice_bridge (serial; skipped with a reason when
// soffice is not installed).
#include "gongwen/diagnostics.hpp"
#include "gongwen/office.hpp"
#include "gongwen/package.hpp"
#include "gongwen/template.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using gongwen::Error;
using gongwen::OfficeSession;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

bool process_alive(long pid) { return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0; }

class OfficeBridge : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        ASSERT_TRUE(OfficeSession::available()) << "built without the office bridge (no libreoffice-dev?)";
    }
    void SetUp() override {
        char tmpl[] = "/tmp/gongwen-office-test-XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
        notice_ = GONGWEN_BINARY_DIR "/share/gongwen/plugins/rectification-notice/templates/notice.docx";
        ASSERT_TRUE(fs::exists(notice_)) << notice_;
    }
    void TearDown() override { fs::remove_all(dir_); }

    // A rendered document of the notice type with `rows` problems (many rows: a slow document).
    std::string document(const std::string& name, int rows) {
        nlohmann::json data = nlohmann::json::parse(slurp(GONGWEN_SOURCE_DIR "/examples/samples/rectification-notice.json"));
        nlohmann::json problems = nlohmann::json::array();
        for (int i = 0; i < rows; ++i)
            problems.push_back({{"描述", "问题描述" + std::to_string(i)}, {"类别", "作风建设"}, {"依据", "规定"}});
        data["问题"] = problems;
        gongwen::Diagnostics d;
        auto t = gongwen::Template::compile_file(notice_, {}, d);
        auto bytes = t->render(data, {}, d);  // computed values absent: they render empty
        EXPECT_TRUE(bytes) << d.to_string();
        std::string out = dir_ + "/" + name;
        gongwen::write_file_atomically(out, bytes ? *bytes : std::string(), true);
        return out;
    }

    std::string dir_, notice_;
};

TEST_F(OfficeBridge, ConvertsManyDocumentsWithOneOffice) {
    OfficeSession office;
    long pid = office.pid();
    ASSERT_TRUE(process_alive(pid));
    for (int i = 0; i < 3; ++i) {
        std::string pdf = dir_ + "/n" + std::to_string(i) + ".pdf";
        office.convert(document("n" + std::to_string(i) + ".docx", 3), pdf, false);
        EXPECT_EQ(slurp(pdf).substr(0, 5), "%PDF-") << pdf;
    }
    EXPECT_EQ(office.pid(), pid) << "one office for all documents";
    EXPECT_EQ(office.restarts(), 0);
}

TEST_F(OfficeBridge, StartsTheOfficeAgainAfterItWasKilled) {
    OfficeSession office;
    std::string doc = document("a.docx", 3);
    office.convert(doc, dir_ + "/a.pdf", false);
    long first = office.pid();
    ASSERT_EQ(::kill(-static_cast<pid_t>(first), SIGKILL), 0);  // the whole soffice group
    for (int i = 0; i < 50 && process_alive(first); ++i) ::usleep(100000);
    office.convert(doc, dir_ + "/b.pdf", false);
    EXPECT_EQ(slurp(dir_ + "/b.pdf").substr(0, 5), "%PDF-");
    EXPECT_EQ(office.restarts(), 1);
    EXPECT_NE(office.pid(), first);
}

// As a user's `kill` or a crash would: only soffice.bin, the office itself, not its launcher.
TEST_F(OfficeBridge, StartsTheOfficeAgainAfterSofficeBinWasKilled) {
    OfficeSession office;
    std::string doc = document("a.docx", 3);
    office.convert(doc, dir_ + "/a.pdf", false);
    long leader = office.pid();
    std::string cmd = "pkill -9 -g " + std::to_string(leader) + " -f soffice.bin";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    for (int i = 0; i < 3; ++i) {
        std::string pdf = dir_ + "/b" + std::to_string(i) + ".pdf";
        office.convert(doc, pdf, false);
        EXPECT_EQ(slurp(pdf).substr(0, 5), "%PDF-");
    }
    EXPECT_EQ(office.restarts(), 1);
}

TEST_F(OfficeBridge, StopsADocumentThatOverrunsItsTimeAndGoesOn) {
    OfficeSession office;
    std::string slow = document("slow.docx", 3000);  // several seconds of layout, against a 1 s limit
    long first = office.pid();
    try {
        office.convert(slow, dir_ + "/slow.pdf", false, 1);
        FAIL() << "no timeout";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("took longer than"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(dir_ + "/slow.pdf"));
    EXPECT_FALSE(process_alive(first)) << "the office that overran was stopped";
    office.convert(document("fast.docx", 3), dir_ + "/fast.pdf", false);
    EXPECT_EQ(slurp(dir_ + "/fast.pdf").substr(0, 5), "%PDF-");
}

TEST_F(OfficeBridge, ADamagedDocumentFailsAloneAndKeepsExistingOutputs) {
    OfficeSession office;
    std::string bad = dir_ + "/damaged.docx";
    std::ofstream(bad) << "PK\x03\x04 not really a document";
    long pid = office.pid();
    EXPECT_THROW(office.convert(bad, dir_ + "/damaged.pdf", false), Error);
    EXPECT_FALSE(fs::exists(dir_ + "/damaged.pdf"));
    EXPECT_EQ(office.pid(), pid) << "a bad document does not cost the office";

    std::string kept = dir_ + "/kept.pdf";
    std::ofstream(kept) << "mine";
    try {
        office.convert(document("k.docx", 1), kept, false);
        FAIL() << "overwrote an existing file";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("exists"), std::string::npos) << e.what();
    }
    EXPECT_EQ(slurp(kept), "mine");
    office.convert(document("k.docx", 1), kept, true);
    EXPECT_EQ(slurp(kept).substr(0, 5), "%PDF-");
}

TEST_F(OfficeBridge, ClosingStopsTheOffice) {
    long pid = 0;
    {
        OfficeSession office;
        pid = office.pid();
        ASSERT_TRUE(process_alive(pid));
    }
    EXPECT_FALSE(process_alive(pid));
}

} // namespace

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    if (std::system("command -v soffice >/dev/null 2>&1") != 0 && !std::getenv("GONGWEN_SOFFICE")) {
        std::puts("SKIP: no soffice (install libreoffice-writer)");
        return 77;
    }
    return RUN_ALL_TESTS();
}
