#include "gongwen/diagnostics.hpp"
#include "gongwen/package.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sys/stat.h>

namespace gongwen {
namespace {

std::string code_of(const Error& e) { return e.diagnostics().items().front().code; }

template <class F>
std::string error_code(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return code_of(e);
    }
    return "no error";
}

Package odt_like() {
    return Package::from_parts({{"mimetype", "application/vnd.oasis.opendocument.text"},
                                {"content.xml", "<office:document-content/>"},
                                {"Pictures/a.png", std::string(5000, 'x')}},
                               "t.odt");
}

TEST(Package, RoundTripsPartsAndPutsStoredMimetypeFirst) {
    Package src = odt_like();
    Package back = Package::read_memory(src.write_all(), "t.odt");
    ASSERT_EQ(back.entries().size(), 3u);
    EXPECT_EQ(back.entries()[0].name, "mimetype");
    EXPECT_EQ(back.entries()[0].method, 0);  // stored, as ODF requires
    EXPECT_EQ(back.text("content.xml"), "<office:document-content/>");
    EXPECT_EQ(back.entries()[2].method, 8);
}

TEST(Package, CopiesUnchangedEntriesAsRawBytes) {
    Package src = Package::read_memory(odt_like().write_all(), "t.odt");
    std::string out = src.write({{"content.xml", "<changed/>"}});
    Package back = Package::read_memory(out, "out.odt");
    EXPECT_EQ(back.text("content.xml"), "<changed/>");
    // The picture was not recompressed: its stored bytes are the template's, byte for byte.
    EXPECT_EQ(back.find("Pictures/a.png")->raw, src.find("Pictures/a.png")->raw);
    EXPECT_EQ(back.find("Pictures/a.png")->crc, src.find("Pictures/a.png")->crc);
}

TEST(Package, RefusesEmptyAndNonZipInput) {
    EXPECT_EQ(error_code([] { Package::read_memory("", "e.docx"); }), "not-a-package");
    EXPECT_EQ(error_code([] { Package::read_memory("hello, this is text", "t.docx"); }), "not-a-package");
}

TEST(Package, RefusesTruncatedZip) {
    std::string bytes = odt_like().write_all();
    EXPECT_EQ(error_code([&] { Package::read_memory(bytes.substr(0, bytes.size() / 2), "t.odt"); }), "damaged-package");
}

TEST(Package, RefusesBadCrc) {
    std::string bytes = odt_like().write_all();
    auto at = bytes.find("application/vnd.oasis");
    ASSERT_NE(at, std::string::npos);
    bytes[at] = 'A';  // the stored mimetype no longer matches its CRC
    try {
        Package::read_memory(bytes, "t.odt");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(code_of(e), "damaged-package");
        EXPECT_NE(std::string(e.what()).find("mimetype"), std::string::npos) << e.what();
    }
}

TEST(Package, RefusesZipBombByRatio) {
    std::string bomb = Package::from_parts({{"word/document.xml", std::string(50u << 20, '0')}}, "b").write_all();
    EXPECT_LT(bomb.size(), 200000u);
    try {
        Package::read_memory(bomb, "bomb.docx");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(code_of(e), "package-limit");
        EXPECT_NE(std::string(e.what()).find("zip bomb"), std::string::npos) << e.what();
    }
}

TEST(Package, RefusesOversizedAndOvercrowdedPackages) {
    std::string big = Package::from_parts({{"a.xml", std::string(3u << 20, 'a')}}, "b").write_all();
    PackageLimits small;
    small.max_total_size = 1u << 20;
    small.max_ratio = 1u << 20;
    EXPECT_EQ(error_code([&] { Package::read_memory(big, "big.docx", small); }), "package-limit");

    std::vector<std::pair<std::string, std::string>> many;
    for (int i = 0; i < 50; ++i) many.emplace_back("p" + std::to_string(i) + ".xml", "<x/>");
    std::string crowded = Package::from_parts(many, "m").write_all();
    PackageLimits few;
    few.max_entries = 20;
    EXPECT_EQ(error_code([&] { Package::read_memory(crowded, "m.docx", few); }), "package-limit");
    EXPECT_NO_THROW(Package::read_memory(crowded, "m.docx"));
}

// Sizes in the headers are claims: a few kilobytes claiming gigabytes are refused as damaged. (The
// read also grows its buffer only with what is really inflated: an XLSX the fuzzer damaged made it
// allocate the 3 GB its header claimed. That input was not kept; fuzz_xlsx covers it.)
TEST(Package, RefusesEntriesThatClaimMoreThanTheyHold) {
    const std::string good = odt_like().write_all();
    // Sets a 32-bit field at `offset` in the header (local "PK\3\4" or central "PK\1\2") of `entry`.
    auto patch = [&](std::string b, const std::string& entry, bool central, std::size_t offset, std::uint32_t v) {
        const std::size_t name_at = central ? 46 : 30;
        const char* sig = central ? "PK\x01\x02" : "PK\x03\x04";
        for (std::size_t at = 0; (at = b.find(entry, at)) != std::string::npos; ++at)
            if (at >= name_at && b.compare(at - name_at, 4, sig) == 0)
                for (int k = 0; k < 4; ++k) b[at - name_at + offset + k] = static_cast<char>((v >> (8 * k)) & 0xff);
        return b;
    };
    struct Case {
        const char* what;
        std::string bytes;
    };
    const Case cases[] = {
        {"stored, central sizes 3 GB", patch(patch(good, "mimetype", true, 20, 0xB3000000u), "mimetype", true, 24, 0xB3000000u)},
        {"stored, all sizes 900 MB", patch(patch(patch(patch(good, "mimetype", true, 20, 0x36000000u), "mimetype", true, 24, 0x36000000u),
                                                  "mimetype", false, 18, 0x36000000u), "mimetype", false, 22, 0x36000000u)},
        {"deflated, central compressed size 3 GB", patch(good, "Pictures/a.png", true, 20, 0xB3000000u)},
    };
    for (const Case& c : cases) {
        ASSERT_NE(c.bytes, good) << c.what;
        try {
            Package::read_memory(c.bytes, "claims.odt");
            ADD_FAILURE() << c.what << ": no error";
        } catch (const Error& e) {
            EXPECT_EQ(code_of(e), "damaged-package") << c.what << ": " << e.what();
        }
    }
}

// ---- what office suites open is read; what they would misread or cannot read is named

// Where the zip's end-of-central-directory record ends (its comment included).
std::size_t end_of_zip(const std::string& bytes) {
    std::size_t at = bytes.rfind(std::string("PK\x05\x06", 4));
    if (at == std::string::npos || at + 22 > bytes.size()) return std::string::npos;
    return at + 22 + (static_cast<unsigned char>(bytes[at + 20]) | static_cast<unsigned char>(bytes[at + 21]) << 8);
}

TEST(Package, ReadsAZipWithBytesAfterItsEndRecord) {
    std::string bytes = odt_like().write_all();
    Package back = Package::read_memory(bytes + '\n', "t.odt");  // one stray byte, as a mailer adds
    EXPECT_EQ(back.entries().size(), 3u);
    EXPECT_EQ(back.text("content.xml"), "<office:document-content/>");
    EXPECT_EQ(Package::read_memory(bytes + std::string(100, '\0'), "t.odt").entries().size(), 3u);
}

TEST(Package, ReadsAWord2010DocumentWithAStrayByte) {
    // Word, LibreOffice, unzip -t and Python's zipfile open it; libzip's consistency check did not.
    std::string path = std::string(GONGWEN_TEST_DATA) + "/corpus/poi-stress009.docx";
    std::string bytes = read_file_bytes(path);
    ASSERT_EQ(end_of_zip(bytes) + 1, bytes.size()) << "the corpus file should end in one byte after the zip";
    Package pkg = Package::read_file(path);
    EXPECT_NE(pkg.find("word/document.xml"), nullptr);
    // And a package whose local headers keep other times than its central directory (docx4j).
    EXPECT_NO_THROW(Package::read_file(std::string(GONGWEN_TEST_DATA) + "/corpus/docx4j-NumberingIndents.docx"));
}

TEST(Package, RefusesALocalHeaderThatNamesAnotherEntry) {
    std::string bytes = odt_like().write_all() + '\n';  // past the consistency check only by the fallback
    auto at = bytes.find("content.xml");  // the first occurrence is the local header's
    ASSERT_NE(at, std::string::npos);
    bytes[at] = 'k';
    try {
        Package::read_memory(bytes, "t.odt");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(code_of(e), "damaged-package");
        EXPECT_NE(std::string(e.what()).find("'content.xml'"), std::string::npos) << e.what();
    }
}

TEST(Package, NamesAnEncryptedOdtBeforeReadingItsParts) {
    Package pkg = Package::from_parts(
        {{"mimetype", "application/vnd.oasis.opendocument.text"},
         {"content.xml", std::string("\x8f\x12 ciphertext, not XML", 23)},
         {"META-INF/manifest.xml",
          "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
          "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\">"
          "<manifest:encryption-data manifest:checksum-type=\"SHA1/1K\" manifest:checksum=\"x\"/>"
          "</manifest:file-entry></manifest:manifest>"}},
        "secret.odt");
    try {
        Package::read_memory(pkg.write_all(), "secret.odt");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(code_of(e), "encrypted-package");
        EXPECT_NE(std::string(e.what()).find("remove the password"), std::string::npos) << e.what();
    }
}

TEST(Package, NamesCompoundFilesByWhatTheyHold) {
    std::string cases = std::string(GONGWEN_TEST_DATA) + "/bad-inputs/";
    // Word's encryption: an OLE compound file with EncryptionInfo and EncryptedPackage streams.
    EXPECT_EQ(error_code([&] { Package::read_file(cases + "encrypted-docx/template.docx"); }), "encrypted-package");
    EXPECT_EQ(error_code([&] { Package::read_file(cases + "encrypted-xlsx-data/rows.xlsx"); }), "encrypted-package");
    // A Word 97-2003 .doc and an Excel 97-2003 .xls under new names.
    try {
        Package::read_file(cases + "legacy-doc/template.docx");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(code_of(e), "legacy-format");
        EXPECT_NE(std::string(e.what()).find("convert it to .docx"), std::string::npos) << e.what();
    }
    EXPECT_EQ(error_code([&] { Package::read_file(cases + "legacy-xls-data/rows.xlsx"); }), "legacy-format");
    // The magic alone, with no stream it names: still not a zip, said as what it is.
    std::string bare("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    bare.resize(4096, '\0');
    EXPECT_EQ(error_code([&] { Package::read_memory(bare, "x.docx"); }), "legacy-format");
}

TEST(AtomicWrite, KeepsAnExistingFileWithoutOverwrite) {
    std::string dir = test::temp_dir();
    std::string path = dir + "/out.docx";
    test::write_file(path, "precious");
    EXPECT_EQ(error_code([&] { write_file_atomically(path, "new", false); }), "output-exists");
    EXPECT_EQ(test::slurp(path), "precious");
    write_file_atomically(path, "new", true);
    EXPECT_EQ(test::slurp(path), "new");
    // No temp file is left behind either way.
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 1);
    std::filesystem::remove_all(dir);
}

TEST(AtomicWrite, FailsCleanlyInAnUnwritableFolder) {
    if (::geteuid() == 0) GTEST_SKIP() << "root ignores folder permissions; covered by the missing-folder case";
    std::string dir = test::temp_dir();
    ::chmod(dir.c_str(), 0500);
    EXPECT_EQ(error_code([&] { write_file_atomically(dir + "/out.docx", "x", false); }), "cannot-write");
    ::chmod(dir.c_str(), 0700);
    std::filesystem::remove_all(dir);
}

TEST(AtomicWrite, FailsCleanlyInAMissingFolder) {
    EXPECT_EQ(error_code([] { write_file_atomically("/nonexistent-gongwen/x/out.docx", "x", false); }), "cannot-write");
}

TEST(AtomicWrite, GivesTheFileOrdinaryPermissions) {
    std::string dir = test::temp_dir();
    write_file_atomically(dir + "/f", "x", false);
    struct stat sb;
    ASSERT_EQ(::stat((dir + "/f").c_str(), &sb), 0);
    EXPECT_EQ(sb.st_mode & 0044, 0044u) << "readable by others, not 0600 like a temp file";
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace gongwen
