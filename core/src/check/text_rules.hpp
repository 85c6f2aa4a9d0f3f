// The text rules of GB/T 9704 that both checks apply — the XML check to each paragraph, the
// layout check to the laid-out 发文字号 and dates: brackets, 第 and leading zeros in document
// numbers, the digits of years and dates.
#pragma once

#include <string>
#include <vector>

namespace gongwen::check {

struct TextRuleHit {
    std::string code;     ///< gbt-doc-number or gbt-date
    std::string message;  ///< what the standard wants
    std::string found;    ///< the text that broke it
};

/// Every place in `utf8` that breaks one of the text rules.
std::vector<TextRuleHit> text_rule_hits(const std::string& utf8);

/// True when `utf8` holds a well-formed document number: 机关代字〔2023〕5号.
bool has_valid_doc_number(const std::string& utf8);

/// True when the ICU regular expression `pattern` is found in `utf8`.
bool text_matches(const char* pattern, const std::string& utf8);

} // namespace gongwen::check
