// Messages in the user's language, through GNU gettext (text domain "gongwen", catalogues built
// from po/*.po). English is the source language; Chinese comes from po/zh_CN.po.
//
// Marking a message (scripts/update-po.sh extracts these with xgettext):
//   _("text")                  translated now (returns the catalogue's text, or the English)
//   N_("text")                 only marked: a table of messages translated later with _(var)
//   P_("one {n} row", "{n} rows", n)   singular/plural (ngettext), then format() for {n}
//   format(_("no document type '{type}'"), {{"type", id}})   named placeholders, so a
//                              translation may put them in another order
// A sentence is one message: never build it from pieces, and keep codes, file and field names
// outside the message, in placeholders.
//
// Until set_language() chooses Chinese, every message is English and gettext is not called:
// embedders and the unit tests see the English messages whatever the environment.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace gongwen::i18n {

enum class Language { english, chinese };

/// "zh", "zh_CN", "zh-CN", "zh_CN.UTF-8", "zh-Hans" -> chinese; "en", "en_US…", "C", "POSIX" ->
/// english; anything else (a language without a catalogue, Traditional Chinese) -> nothing.
std::optional<Language> parse_language(std::string_view name);

/// The language the environment asks for, the way gettext reads it: the first of LC_ALL,
/// LC_MESSAGES, LANG that is set (unset, C or POSIX: English), then, when that is not C, the
/// list in LANGUAGE before it; the first entry that names a language Gongwen has wins.
/// It does not need the locale to be installed (`locale -a`).
Language language_from_environment();

/// Chooses the language of every message from now on. Chinese reads the catalogue from
/// catalogue_dir() through dgettext under a locale of this thread's own (uselocale: the process's
/// locale, LC_NUMERIC included, stays as it is). Returns false, and stays English, when there is
/// no catalogue or no UTF-8 locale to read it under.
///
/// gettext lets the LANGUAGE variable pick the catalogue when it is set: a program that chooses
/// Chinese for itself sets LANGUAGE=zh_CN first, as the gongwen command does. A catalogue dir
/// may also hold the Chinese catalogue under C.UTF-8, the name of the locale used when zh_CN is
/// not installed (the add-in does so, as it must not change soffice's environment).
bool set_language(Language lang);
Language language();

/// Where the catalogues are: $GONGWEN_LOCALEDIR, else share/locale beside the code running
/// this (the command's real location, libgongwen.so's, the add-in's own folder: `locale`), in
/// the build tree or an installed prefix; "" when none holds gongwen.mo.
std::string catalogue_dir();
/// Uses `dir` instead of looking for it (the add-in: its extension folder).
void set_catalogue_dir(std::string dir);

/// The translation of `msgid` in the chosen language (`msgid` itself in English).
const char* _(const char* msgid);
/// Marks a message for extraction without translating it.
constexpr const char* N_(const char* msgid) { return msgid; }
/// The singular or plural of a message for `n` (ngettext; English: n == 1 picks the singular).
const char* P_(const char* singular, const char* plural, unsigned long n);

/// strerror(errnum) in the chosen language (glibc's own catalogue, Debian's libc-l10n).
std::string system_error(int errnum);

/// A placeholder's value for format().
struct Arg {
    std::string_view name;
    std::string value;
    Arg(std::string_view n, std::string v) : name(n), value(std::move(v)) {}
    Arg(std::string_view n, const char* v) : name(n), value(v ? v : "") {}
    Arg(std::string_view n, std::string_view v) : name(n), value(v) {}
    template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
    Arg(std::string_view n, T v) : name(n), value(std::to_string(v)) {}
};

/// `pattern` with each {name} replaced by its value. Any other brace, or a {name} not among
/// `args`, stays as written (a message may quote a template's {{tags}}).
std::string format(std::string_view pattern, std::initializer_list<Arg> args);

} // namespace gongwen::i18n
