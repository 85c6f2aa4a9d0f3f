// Diagnostics: every problem found in one run, each with where it is and the tag as written.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace gongwen {

enum class Severity { error, warning };

/// One problem: code, severity, where (file, part, paragraph), the tag as written, a message.
struct Diagnostic {
    Severity severity = Severity::error;
    std::string code;     ///< stable kebab-case code, e.g. "unclosed-section"
    std::string file;     ///< the template or data file, as the user named it
    std::string part;     ///< package part, e.g. "word/document.xml"; empty when not in a part
    int paragraph = 0;    ///< 1-based paragraph number in the part; 0 when unknown
    int page = 0;         ///< 1-based page of a laid-out document (PDF); 0 when not on a page
    std::string tag;      ///< the tag as written, delimiters included; may be empty
    std::string message;  ///< what is wrong, for a user

    /// `FILE:PART:PARAGRAPH: error[code]: message (tag)`, parts left out when unknown; a
    /// diagnostic on a laid-out page reads `FILE:page N: error[code]: message`.
    std::string to_string() const;
};

/// An ordered list of diagnostics.
class Diagnostics {
public:
    /// Appends one diagnostic.
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    /// Appends an error without a place in a part.
    void error(std::string code, std::string file, std::string message);
    /// Appends all of another list.
    void append(const Diagnostics& other);
    bool has_errors() const;
    std::size_t error_count() const;
    bool empty() const { return items_.empty(); }
    const std::vector<Diagnostic>& items() const { return items_; }
    /// Orders the diagnostics from index `from` on by part, then paragraph (stable).
    void sort_from(std::size_t from);
    std::size_t size() const { return items_.size(); }
    /// Every diagnostic on its own line.
    std::string to_string() const;

private:
    std::vector<Diagnostic> items_;
};

/// Thrown by operations that fail as a whole (a damaged package, an unwritable output); it
/// carries the diagnostics that explain why.
class Error : public std::runtime_error {
public:
    explicit Error(Diagnostics d);
    Error(std::string code, std::string file, std::string message);
    const Diagnostics& diagnostics() const { return diags_; }

private:
    Diagnostics diags_;
};

} // namespace gongwen
