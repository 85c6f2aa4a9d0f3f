// Values that must stay unique in a document (drawing ids, table and section names) when a loop
// repeats the elements that carry them: the first occurrence keeps its value, each copy gets a new
// one that the template uses nowhere (the largest number + 1, or NAME_2, NAME_3 …).
#pragma once

#include "formats/format.hpp"

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace gongwen::detail {

/// What a template already uses, learnt once at compile time from all its text parts.
class UniqueValues {
public:
    UniqueValues() = default;
    explicit UniqueValues(const FormatAdapter& format) : attributes_(format.unique_attributes()) {
        used_.resize(attributes_.size());
        largest_.resize(attributes_.size(), 0);
    }

    /// Learns the values used in `xml` (a part of the template).
    void learn(std::string_view xml);

    /// True when the template carries none of the attributes: nothing to do when rendering.
    bool empty() const { return !any_; }

    /// One document being rendered: call make_unique on each rendered part, in order.
    class Document {
    public:
        explicit Document(const UniqueValues& template_values);
        void make_unique(std::string& xml);

    private:
        const UniqueValues& values_;
        std::vector<std::unordered_set<std::string>> seen_;
        std::vector<unsigned long long> next_;
    };

private:
    std::vector<UniqueAttribute> attributes_;
    std::vector<std::unordered_set<std::string>> used_;
    std::vector<unsigned long long> largest_;
    bool any_ = false;
};

} // namespace gongwen::detail
