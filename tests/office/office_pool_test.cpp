// The pool of offices (OfficePool) against a real headless LibreOffice: offices started only as
// documents need them and side by side, a damaged document failing alone, an office killed (by
// pid) in the middle of a document whose document is tried again on the restarted office while
// the other worker goes on, and every office stopped at the end. Registered as the CTest test
// e2e_office_pool_api (serial; skipped with a reason when soffice is not installed).
#include "gongwen/diagnostics.hpp"
#include "gongwen/office.hpp"
#include "gongwen/package.hpp"
#include "gongwen/template.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using gongwen::OfficePool;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

bool process_alive(long pid) {
    if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) != 0) return false;
    std::string stat = slurp("/proc/" + std::to_string(pid) + "/stat");  // a zombie is dead too
    auto close = stat.rfind(')');
    return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] != 'Z';
}

class Pool : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(gongwen::OfficeSession::available()) << "built without the office bridge (no libreoffice-dev?)";
        char tmpl[] = "/tmp/gongwen-pool-test-XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
    }
    void TearDown() override { fs::remove_all(dir_); }

    // A rendered notice with `rows` problems (many rows: a slow document).
    std::string document(const std::string& name, int rows) {
        nlohmann::json data = nlohmann::json::parse(slurp(GONGWEN_SOURCE_DIR "/examples/samples/rectification-notice.json"));
        nlohmann::json problems = nlohmann::json::array();
        for (int i = 0; i < rows; ++i)
            problems.push_back({{"描述", "问题描述" + std::to_string(i)}, {"类别", "作风建设"}, {"依据", "规定"}});
        data["问题"] = problems;
        gongwen::Diagnostics d;
        auto t = gongwen::Template::compile_file(GONGWEN_BINARY_DIR "/share/gongwen/plugins/rectification-notice/templates/notice.docx", {}, d);
        auto bytes = t->render(data, {}, d);
        EXPECT_TRUE(bytes) << d.to_string();
        std::string out = dir_ + "/" + name;
        gongwen::write_file_atomically(out, bytes ? *bytes : std::string(), true);
        return out;
    }
    bool is_pdf(const std::string& path) { return slurp(path).substr(0, 5) == "%PDF-"; }

    std::string dir_;
};

TEST_F(Pool, TwoOfficesSideBySideADamagedDocumentFailsAlone) {
    std::set<long> seen;
    std::vector<std::string> pdfs;
    {
        OfficePool pool(2, false, 60);
        EXPECT_EQ(pool.workers(), 2u);
        std::string bad = dir_ + "/damaged.docx";
        std::ofstream(bad) << "PK\x03\x04 not really a document";
        pool.submit(bad, dir_ + "/damaged.pdf");
        for (int i = 0; i < 4; ++i) {
            pdfs.push_back(dir_ + "/n" + std::to_string(i) + ".pdf");
            pool.submit(document("n" + std::to_string(i) + ".docx", 2), pdfs.back());
        }
        auto failures = pool.finish([&](std::size_t) {
            for (long pid : pool.pids()) seen.insert(pid);
        });
        ASSERT_EQ(failures.size(), 1u);
        EXPECT_EQ(failures.begin()->first, dir_ + "/damaged.pdf");
        EXPECT_FALSE(failures.begin()->second.empty());
        EXPECT_EQ(pool.restarts(), 0) << "a damaged document does not cost its office";
        EXPECT_TRUE(pool.pids().empty()) << "finish() stops the offices";
    }
    for (const auto& p : pdfs) EXPECT_TRUE(is_pdf(p)) << p;
    EXPECT_FALSE(fs::exists(dir_ + "/damaged.pdf"));
    EXPECT_EQ(seen.size(), 2u) << "two offices, one per worker";
    for (long pid : seen) EXPECT_FALSE(process_alive(pid)) << pid;
}

TEST_F(Pool, OneDocumentStartsOneOffice) {
    OfficePool pool(4);
    pool.submit(document("one.docx", 1), dir_ + "/one.pdf");
    std::size_t most = 0;
    for (int i = 0; i < 100 && !fs::exists(dir_ + "/one.pdf"); ++i) {
        most = std::max(most, pool.pids().size());
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(pool.finish().empty());
    EXPECT_LE(most, 1u);
    EXPECT_TRUE(is_pdf(dir_ + "/one.pdf"));
}

TEST_F(Pool, AnOfficeKilledMidDocumentIsRestartedAndItsDocumentTriedAgain) {
    std::string slow = document("slow.docx", 400);  // a second or more of layout
    std::vector<std::string> quick;
    for (int i = 0; i < 3; ++i) quick.push_back(document("q" + std::to_string(i) + ".docx", 1));
    long killed = 0;
    {
        OfficePool pool(2, false, 120);
        pool.submit(slow, dir_ + "/slow.pdf");  // the first worker's first document
        for (std::size_t i = 0; i < quick.size(); ++i) pool.submit(quick[i], dir_ + "/q" + std::to_string(i) + ".pdf");
        // Both offices up: the first worker's is converting the slow document.
        for (int i = 0; i < 600 && pool.pids().size() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        ASSERT_EQ(pool.pids().size(), 2u);
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        ASSERT_FALSE(fs::exists(dir_ + "/slow.pdf")) << "the slow document was done before the kill: make it slower";
        killed = pool.pids().front();
        ASSERT_EQ(::kill(static_cast<pid_t>(killed), SIGKILL), 0);
        auto failures = pool.finish();
        EXPECT_TRUE(failures.empty()) << failures.begin()->second;
        EXPECT_EQ(pool.restarts(), 1);
    }
    EXPECT_TRUE(is_pdf(dir_ + "/slow.pdf"));
    for (std::size_t i = 0; i < quick.size(); ++i) EXPECT_TRUE(is_pdf(dir_ + "/q" + std::to_string(i) + ".pdf"));
    EXPECT_FALSE(process_alive(killed));
}

} // namespace

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    if (std::system("command -v soffice >/dev/null 2>&1") != 0 && !std::getenv("GONGWEN_SOFFICE")) {
        std::puts("SKIP: no soffice (install libreoffice-writer)");
        return std::getenv("CI") ? 1 : 77;
    }
    return RUN_ALL_TESTS();
}
