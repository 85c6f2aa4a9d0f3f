// Messages in the user's language (gongwen/i18n.hpp): the language from the environment or
// --lang, Chinese from the gettext catalogue without an installed zh_CN locale, plurals, and
// placeholders a translation may reorder.
#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>

namespace gongwen {
namespace {

using i18n::Language;

// Sets environment variables for one test and puts them back after.
class Env {
public:
    Env(std::initializer_list<std::pair<const char*, const char*>> vars) {
        for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"}) {
            const char* v = std::getenv(name);
            saved_[name] = v ? std::optional<std::string>(v) : std::nullopt;
            ::unsetenv(name);
        }
        for (const auto& [k, v] : vars) ::setenv(k, v, 1);
    }
    ~Env() {
        for (const auto& [k, v] : saved_) {
            if (v) ::setenv(k.c_str(), v->c_str(), 1);
            else ::unsetenv(k.c_str());
        }
    }

private:
    std::map<std::string, std::optional<std::string>> saved_;
};

// Chinese for one test, English again after (the other tests read English messages).
class Chinese {
public:
    Chinese() : env_({{"LANGUAGE", "zh_CN"}}) { ok = i18n::set_language(Language::chinese); }
    ~Chinese() { i18n::set_language(Language::english); }
    bool ok = false;

private:
    Env env_;
};

TEST(I18n, FormatsNamedPlaceholdersInAnyOrder) {
    EXPECT_EQ(i18n::format("{file}: {n} tags", {{"file", "a.docx"}, {"n", 3}}), "a.docx: 3 tags");
    EXPECT_EQ(i18n::format("共 {n} 个标签：{file}", {{"file", "a.docx"}, {"n", 3}}), "共 3 个标签：a.docx");
    // a placeholder twice, an unknown one and template braces stay as written
    EXPECT_EQ(i18n::format("{a}{a} {b} {{x}} {", {{"a", "1"}}), "11 {b} {{x}} {");
    EXPECT_EQ(i18n::format("{v}", {{"v", std::string("{n}")}, {"n", 1}}), "{n}");  // values are not read again
    EXPECT_EQ(i18n::format("", {}), "");
}

TEST(I18n, EnglishPluralPicksBySingularOrPlural) {
    ASSERT_EQ(i18n::language(), Language::english);
    EXPECT_STREQ(i18n::P_("{n} row", "{n} rows", 1), "{n} row");
    EXPECT_STREQ(i18n::P_("{n} row", "{n} rows", 0), "{n} rows");
    EXPECT_STREQ(i18n::P_("{n} row", "{n} rows", 2), "{n} rows");
    EXPECT_EQ(i18n::format(i18n::P_("{file} ({format}): {n} tag", "{file} ({format}): {n} tags", 1), {{"file", "t.docx"}, {"format", "docx"}, {"n", 1}}),
              "t.docx (docx): 1 tag");
}

TEST(I18n, ChineseFromTheCatalogueWithoutAZhCnLocale) {
    Chinese zh;
    ASSERT_TRUE(zh.ok) << "catalogue: " << i18n::catalogue_dir();
    EXPECT_EQ(i18n::language(), Language::chinese);
    EXPECT_STREQ(i18n::_("error[{code}]: {message}"), "错误[{code}]：{message}");
    // Chinese has one plural form: both numbers get it
    for (unsigned long n : {1UL, 2UL, 0UL})
        EXPECT_EQ(i18n::format(i18n::P_("{file} ({format}): {n} tag", "{file} ({format}): {n} tags", n),
                               {{"file", "t.docx"}, {"format", "docx"}, {"n", n}}),
                  "t.docx（docx）：共 " + std::to_string(n) + " 个标签");
    // a message the catalogue does not have stays English
    EXPECT_STREQ(i18n::_("no such message, surely"), "no such message, surely");
    // the diagnostics' prefix
    Diagnostic d;
    d.code = "unknown-type";
    d.file = "x";
    d.message = "m";
    EXPECT_EQ(d.to_string(), "x: 错误[unknown-type]：m");
}

// The system's own error texts (libc-l10n's catalogue) in readable Chinese, also where no zh_CN
// locale is installed (they were "?????????").
TEST(I18n, SystemErrorsInChinese) {
    Chinese zh;
    ASSERT_TRUE(zh.ok);
    const std::string text = i18n::system_error(ENOENT);
    EXPECT_EQ(text.find('?'), std::string::npos) << text;
    if (std::filesystem::exists("/usr/share/locale/zh_CN/LC_MESSAGES/libc.mo"))
        EXPECT_EQ(text, "没有那个文件或目录");
    else if (std::getenv("CI"))
        ADD_FAILURE() << "libc-l10n is not installed: /usr/share/locale/zh_CN/LC_MESSAGES/libc.mo";
    else
        EXPECT_EQ(text, std::strerror(ENOENT));
}

TEST(I18n, EnglishAgainAfterChinese) {
    { Chinese zh; }
    Diagnostic d;
    d.code = "c";
    d.message = "m";
    d.severity = Severity::warning;
    EXPECT_EQ(d.to_string(), "gongwen: warning[c]: m");
}

TEST(I18n, ParsesLanguageNames) {
    for (const char* zh : {"zh", "zh_CN", "zh-CN", "zh_CN.UTF-8", "zh_CN.utf8@x", "ZH-cn", "zh-Hans", "zh_SG"})
        EXPECT_EQ(i18n::parse_language(zh), Language::chinese) << zh;
    for (const char* en : {"en", "en_US.UTF-8", "en-GB", "C", "POSIX", "C.UTF-8"})
        EXPECT_EQ(i18n::parse_language(en), Language::english) << en;
    for (const char* none : {"", "fr_FR.UTF-8", "zh_TW.UTF-8", "zh-Hant", "zh_HK"})
        EXPECT_EQ(i18n::parse_language(none), std::nullopt) << none;
}

TEST(I18n, LanguageFromTheEnvironmentAsGettextReadsIt) {
    auto from = [](std::initializer_list<std::pair<const char*, const char*>> vars) {
        Env env(vars);
        return i18n::language_from_environment();
    };
    EXPECT_EQ(from({}), Language::english);
    EXPECT_EQ(from({{"LANG", "C"}}), Language::english);
    EXPECT_EQ(from({{"LANG", "C.UTF-8"}}), Language::english);
    EXPECT_EQ(from({{"LANG", "zh_CN.UTF-8"}}), Language::chinese);
    EXPECT_EQ(from({{"LANG", "C"}, {"LC_MESSAGES", "zh_CN.UTF-8"}}), Language::chinese);
    EXPECT_EQ(from({{"LANG", "zh_CN.UTF-8"}, {"LC_ALL", "C"}}), Language::english);  // LC_ALL first
    EXPECT_EQ(from({{"LANG", "C"}, {"LANGUAGE", "zh_CN"}}), Language::english);      // LANGUAGE ignored under C
    EXPECT_EQ(from({{"LANG", "en_US.UTF-8"}, {"LANGUAGE", "zh_CN:en"}}), Language::chinese);
    EXPECT_EQ(from({{"LANG", "zh_CN.UTF-8"}, {"LANGUAGE", "en_US:zh_CN"}}), Language::english);
    EXPECT_EQ(from({{"LANG", "de_DE.UTF-8"}, {"LANGUAGE", "fr:zh_CN"}}), Language::chinese);  // no fr catalogue: the next
    EXPECT_EQ(from({{"LANG", "zh_TW.UTF-8"}}), Language::english);  // no Traditional catalogue
}

// ---- the command: LANG/LC_ALL/LC_MESSAGES and --lang, with no zh_CN locale on the machine

TEST(I18nCli, ChineseUnderLangZhCnEnglishUnderC) {
    std::string args = "render /dev/null -o out.txt";
    auto zh = test::run_gongwen(args, "LANG=zh_CN.UTF-8");
    EXPECT_EQ(zh.code, 2);
    EXPECT_NE(zh.err.find("输出文件的扩展名应为 .docx 或 .odt：out.txt"), std::string::npos) << zh.err;
    auto c = test::run_gongwen(args, "LANG=C");
    EXPECT_NE(c.err.find("the output must end in .docx or .odt: out.txt"), std::string::npos) << c.err;
    auto lc_all = test::run_gongwen(args, "LANG=C LC_ALL=zh_CN.UTF-8");
    EXPECT_NE(lc_all.err.find("输出文件的扩展名"), std::string::npos) << lc_all.err;
    auto lc_messages = test::run_gongwen(args, "LANG=C.UTF-8 LC_MESSAGES=zh_CN.UTF-8");
    EXPECT_NE(lc_messages.err.find("输出文件的扩展名"), std::string::npos) << lc_messages.err;
}

TEST(I18nCli, LangOptionOverridesTheEnvironment) {
    auto en = test::run_gongwen("render /dev/null -o out.txt --lang en", "LANG=zh_CN.UTF-8");
    EXPECT_NE(en.err.find("the output must end in .docx or .odt"), std::string::npos) << en.err;
    auto zh = test::run_gongwen("--lang zh render /dev/null -o out.txt", "LANG=C");
    EXPECT_NE(zh.err.find("输出文件的扩展名"), std::string::npos) << zh.err;
    // --lang=zh, and a user's LANGUAGE naming another language does not win over it
    auto zh2 = test::run_gongwen("render /dev/null -o out.txt --lang=zh", "LANG=en_US.UTF-8 LANGUAGE=en_US:en");
    EXPECT_NE(zh2.err.find("输出文件的扩展名"), std::string::npos) << zh2.err;
    auto bad = test::run_gongwen("--lang fr list", "LANG=C");
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.err.find("--lang"), std::string::npos) << bad.err;
}

TEST(I18nCli, HelpAndParseErrorsInChinese) {
    auto help = test::run_gongwen("--help", "LANG=zh_CN.UTF-8");
    EXPECT_EQ(help.code, 0);
    EXPECT_NE(help.out.find("用法"), std::string::npos) << help.out;
    EXPECT_NE(help.out.find("用 JSON 数据填写一个模板"), std::string::npos) << help.out;
    EXPECT_EQ(help.out.find("Usage"), std::string::npos) << help.out;
    auto missing = test::run_gongwen("render", "LANG=zh_CN.UTF-8");
    EXPECT_EQ(missing.code, 2);
    EXPECT_NE(missing.err.find("缺少必需的 TEMPLATE"), std::string::npos) << missing.err;
    EXPECT_NE(missing.err.find("使用 --help 查看说明。"), std::string::npos) << missing.err;
    EXPECT_EQ(missing.err.find("required"), std::string::npos) << missing.err;
    EXPECT_EQ(missing.err.find("Run with"), std::string::npos) << missing.err;
    auto extra = test::run_gongwen("render /dev/null x y -o x.docx", "LANG=zh_CN.UTF-8");
    EXPECT_EQ(extra.code, 2);
    EXPECT_NE(extra.err.find("无法识别的参数："), std::string::npos) << extra.err;
    auto choice = test::run_gongwen("render /dev/null -o x.docx --linebreaks maybe", "LANG=zh_CN.UTF-8");
    EXPECT_NE(choice.err.find("--linebreaks：maybe 不在可选值"), std::string::npos) << choice.err;
}

} // namespace
} // namespace gongwen
