// Messages through GNU gettext (see gongwen/i18n.hpp).
#include "gongwen/i18n.hpp"

#include "module_loader.hpp"

#include <libintl.h>
#include <locale.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

namespace gongwen::i18n {

namespace fs = std::filesystem;

namespace {

constexpr const char* kDomain = "gongwen";

Language g_language = Language::english;
locale_t g_locale = (locale_t)0;  // LC_MESSAGES for dgettext while Chinese is chosen
std::string g_dir;
bool g_dir_known = false;

bool has_catalogue(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "zh_CN" / "LC_MESSAGES" / "gongwen.mo", ec);
}

std::string find_catalogue_dir() {
    if (const char* given = std::getenv("GONGWEN_LOCALEDIR"); given && *given) return given;
    // The code running this (libgongwen.so, the add-in, or the command as the loader names it),
    // then the command's real file (/proc/self/exe): run by name from PATH it still finds
    // <prefix>/share/locale. The build tree has the same layout (build/bin, build/share/locale).
    for (const fs::path& here : own_homes())
        for (const char* rel : {"locale", "../share/locale", "../../share/locale", "../../../share/locale"}) {
            fs::path dir = (here / rel).lexically_normal();
            if (has_catalogue(dir)) return dir.string();
        }
#ifdef GONGWEN_INSTALL_FULL_LOCALEDIR
    if (has_catalogue(GONGWEN_INSTALL_FULL_LOCALEDIR)) return GONGWEN_INSTALL_FULL_LOCALEDIR;
#endif
    return "";
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

} // namespace

std::optional<Language> parse_language(std::string_view name) {
    std::string n = lower(name);
    // zh_CN.UTF-8@modifier -> zh_cn; zh-Hans-CN -> zh-hans-cn
    n = n.substr(0, n.find_first_of(".@"));
    if (n.empty()) return std::nullopt;
    if (n == "c" || n == "posix") return Language::english;
    if (n == "en" || n.compare(0, 3, "en_") == 0 || n.compare(0, 3, "en-") == 0) return Language::english;
    if (n == "zh" || n == "zh_cn" || n == "zh-cn" || n == "zh_sg" || n == "zh-sg" || n.compare(0, 7, "zh-hans") == 0 ||
        n.compare(0, 7, "zh_hans") == 0)
        return Language::chinese;
    return std::nullopt;  // another language, or Traditional Chinese (zh_TW, zh_HK, zh-Hant): no catalogue
}

Language language_from_environment() {
    std::string locale;
    for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"})
        if (const char* v = std::getenv(var); v && *v) {
            locale = v;
            break;
        }
    // gettext ignores LANGUAGE under the C locale; so does this.
    std::string l = lower(locale.substr(0, locale.find_first_of(".@")));
    if (l.empty() || l == "c" || l == "posix") return Language::english;
    std::string list = locale;
    if (const char* v = std::getenv("LANGUAGE"); v && *v) list = v;  // it replaces the locale's name
    std::size_t at = 0;
    while (at <= list.size()) {
        std::size_t end = list.find(':', at);
        if (end == std::string::npos) end = list.size();
        if (auto lang = parse_language(std::string_view(list).substr(at, end - at))) return *lang;
        at = end + 1;
    }
    return Language::english;
}

std::string catalogue_dir() {
    if (!g_dir_known) {
        g_dir = find_catalogue_dir();
        g_dir_known = true;
    }
    return g_dir;
}

void set_catalogue_dir(std::string dir) {
    g_dir = std::move(dir);
    g_dir_known = true;
}

bool set_language(Language lang) {
    g_language = Language::english;
    if (lang == Language::english) return true;
    std::string dir = catalogue_dir();
    if (dir.empty()) return false;
    if (g_locale == (locale_t)0) {
        // The Chinese locale when it is installed, else C.UTF-8 (built into glibc): any locale but
        // C, under which gettext translates nothing. Only while translating; LC_CTYPE too, for
        // the UTF-8 in which glibc hands out its own translated texts (strerror_l): under C's
        // ASCII every Chinese character of "没有那个文件或目录" came out as '?'.
        for (const char* name : {"zh_CN.UTF-8", "C.UTF-8", "C.utf8"})
            if ((g_locale = newlocale(LC_MESSAGES_MASK | LC_CTYPE_MASK, name, (locale_t)0)) != (locale_t)0) break;
        if (g_locale == (locale_t)0) return false;
    }
    if (!bindtextdomain(kDomain, dir.c_str())) return false;
    bind_textdomain_codeset(kDomain, "UTF-8");  // whatever the process's LC_CTYPE
    g_language = Language::chinese;
    return true;
}

Language language() { return g_language; }

const char* _(const char* msgid) {
    if (g_language == Language::english || !msgid || !*msgid) return msgid;
    locale_t before = uselocale(g_locale);
    const char* text = dgettext(kDomain, msgid);
    uselocale(before);
    return text;
}

const char* P_(const char* singular, const char* plural, unsigned long n) {
    if (g_language == Language::english) return n == 1 ? singular : plural;
    locale_t before = uselocale(g_locale);
    const char* text = dngettext(kDomain, singular, plural, n);
    uselocale(before);
    return text;
}

std::string system_error(int errnum) {
    if (g_language == Language::english) return std::strerror(errnum);
    return strerror_l(errnum, g_locale);  // glibc translates it under that locale (and LANGUAGE)
}

std::string format(std::string_view pattern, std::initializer_list<Arg> args) {
    std::string out;
    out.reserve(pattern.size() + 32);
    std::size_t at = 0;
    while (at < pattern.size()) {
        std::size_t open = pattern.find('{', at);
        if (open == std::string_view::npos) break;
        out.append(pattern, at, open - at);
        std::size_t close = pattern.find('}', open + 1);
        const Arg* hit = nullptr;
        if (close != std::string_view::npos) {
            std::string_view name = pattern.substr(open + 1, close - open - 1);
            for (const Arg& a : args)
                if (a.name == name) hit = &a;
        }
        if (hit) {
            out += hit->value;
            at = close + 1;
        } else {
            out += '{';
            at = open + 1;
        }
    }
    if (at < pattern.size()) out.append(pattern, at, std::string_view::npos);
    return out;
}

} // namespace gongwen::i18n
