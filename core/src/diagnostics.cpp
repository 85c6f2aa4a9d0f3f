#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"

#include <algorithm>

namespace gongwen {

using i18n::_;

std::string Diagnostic::to_string() const {
    std::string s = file.empty() ? std::string("gongwen") : file;
    if (!part.empty()) s += ":" + part;
    if (paragraph > 0) s += ":" + std::to_string(paragraph);
    // TRANSLATORS: where a problem is in a laid-out document, after the file name: "a.pdf:page 3"
    if (page > 0) s += ":" + i18n::format(_("page {page}"), {{"page", page}});
    // TRANSLATORS: keep [{code}] as it is: the code is what scripts and the documentation use
    s += ": " + i18n::format(severity == Severity::error ? _("error[{code}]: {message}") : _("warning[{code}]: {message}"),
                             {{"code", code}, {"message", message}});
    // The tag as written, so the user can search the document for it.
    if (!tag.empty() && message.find(tag) == std::string::npos) s += " (" + tag + ")";
    return s;
}

void Diagnostics::error(std::string code, std::string file, std::string message) {
    Diagnostic d;
    d.code = std::move(code);
    d.file = std::move(file);
    d.message = std::move(message);
    add(std::move(d));
}

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(),
        [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

void Diagnostics::sort_from(std::size_t from) {
    if (from >= items_.size()) return;
    std::stable_sort(items_.begin() + static_cast<std::ptrdiff_t>(from), items_.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                         if (a.file != b.file) return false;
                         if (a.part != b.part) return false;  // parts stay in the order they were compiled
                         return a.paragraph < b.paragraph;
                     });
}

std::string Diagnostics::to_string() const {
    std::string s;
    for (const auto& d : items_) s += d.to_string() + "\n";
    return s;
}

namespace {
std::string first_message(const Diagnostics& d) {
    return d.items().empty() ? std::string("gongwen: ") + _("error") : d.items().front().to_string();
}
} // namespace

Error::Error(Diagnostics d) : std::runtime_error(first_message(d)), diags_(std::move(d)) {}

Error::Error(std::string code, std::string file, std::string message)
    : Error([&] {
          Diagnostics d;
          d.error(std::move(code), std::move(file), std::move(message));
          return d;
      }()) {}

} // namespace gongwen
