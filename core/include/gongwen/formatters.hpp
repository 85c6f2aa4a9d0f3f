// Formatters ("filters"): functions applied to a value in a tag, `{{count | cn}}`.
#pragma once

#include <functional>
#include <stdexcept>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gongwen {

/// Thrown by a formatter when the value cannot be formatted; the renderer turns it into a
/// diagnostic naming the tag.
class FormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One registered formatter.
struct Formatter {
    /// Applies the formatter: value (null when missing) and the tag's arguments, already
    /// unquoted. Throws FormatError on a value it cannot format.
    std::function<nlohmann::json(const nlohmann::json& value, const std::vector<std::string>& args)> apply;
    /// Checks the arguments when the template is compiled; returns an error message or nothing.
    std::function<std::optional<std::string>(const std::vector<std::string>& args)> check_args;
    /// True for formatters that give a value to a missing one (`default`): no warning then.
    bool handles_missing = false;
};

/// A set of formatters by name. The built-in set is immutable and shared; plugins copy it and
/// add their own.
class FormatterRegistry {
public:
    /// The built-in formatters: cn, cn_upper, cn_year, date, percent, number, default, join,
    /// ordinal, upper, lower, trim, count, title_lines.
    static const FormatterRegistry& builtin();

    /// Adds or replaces a formatter.
    void add(const std::string& name, Formatter f) { map_[name] = std::move(f); }
    /// The formatter of that name, or nullptr.
    const Formatter* find(const std::string& name) const {
        auto it = map_.find(name);
        return it == map_.end() ? nullptr : &it->second;
    }
    /// Names, sorted.
    std::vector<std::string> names() const;

private:
    std::map<std::string, Formatter> map_;
};

/// The text a value shows in a document: strings as they are, integers without a decimal
/// point, other numbers in shortest form, booleans as true/false, null as "". Arrays and
/// objects are joined/serialised (arrays with "、").
std::string value_to_text(const nlohmann::json& value);

} // namespace gongwen
