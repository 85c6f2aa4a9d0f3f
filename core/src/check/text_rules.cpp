#include "gongwen/i18n.hpp"
#include "check/text_rules.hpp"

#include <unicode/regex.h>
#include <unicode/unistr.h>

namespace gongwen::check {

bool text_matches(const char* pattern, const std::string& utf8) {
    UErrorCode status = U_ZERO_ERROR;
    icu::RegexMatcher m(icu::UnicodeString::fromUTF8(pattern), icu::UnicodeString::fromUTF8(utf8), 0, status);
    return U_SUCCESS(status) && m.find(status) && U_SUCCESS(status);
}

std::vector<TextRuleHit> text_rule_hits(const std::string& utf8) {
    static const char* rules[][3] = {
        {"[\\[［【(（]\\s*(19|20)\\d{2}\\s*[\\]］】)）]\\s*第?\\s*\\d+\\s*号", "gbt-doc-number",
         i18n::N_("the year of a document number goes in 〔〕 (U+3014/U+3015), not [] 【】 or ()")},
        {"〔\\s*[〇零一二三四五六七八九]{4}\\s*〕", "gbt-doc-number",
         i18n::N_("the year of a document number is written in 4 Arabic digits: 〔2023〕")},
        {"[〔\\[［【(（]\\s*(19|20)\\d{2}\\s*[〕\\]］】)）]\\s*第\\s*\\d+\\s*号", "gbt-doc-number", i18n::N_("a document number has no 第 before the number")},
        {"[〔\\[［【(（]\\s*(19|20)\\d{2}\\s*[〕\\]］】)）]\\s*第?\\s*0\\d*\\s*号", "gbt-doc-number", i18n::N_("a document number has no leading zeros")},
        {"[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日", "gbt-date",
         i18n::N_("dates are written in Arabic digits: 2023年7月5日")},
        {"(19|20)\\d{2}年0\\d月|(19|20)\\d{2}年\\d{1,2}月0\\d日", "gbt-date", i18n::N_("dates have no leading zeros: 2023年7月5日")},
    };
    std::vector<TextRuleHit> hits;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
    for (const auto& r : rules) {
        UErrorCode status = U_ZERO_ERROR;
        icu::RegexMatcher m(icu::UnicodeString::fromUTF8(r[0]), u, 0, status);
        if (U_FAILURE(status)) continue;
        while (m.find(status) && U_SUCCESS(status)) {
            std::string found;
            m.group(status).toUTF8String(found);
            hits.push_back({r[1], i18n::_(r[2]), found});
        }
    }
    return hits;
}

bool has_valid_doc_number(const std::string& utf8) {
    return text_matches("〔(19|20)\\d{2}〕[1-9]\\d*号", utf8);
}

} // namespace gongwen::check
