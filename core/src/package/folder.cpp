// Packages from loose parts: templates are kept as reviewable XML and packed by the build.
#include "gongwen/i18n.hpp"
#include "gongwen/package.hpp"

#include "gongwen/diagnostics.hpp"
#include "package/deflate.hpp"

#include <algorithm>
#include <filesystem>

namespace gongwen {

using i18n::_;


Package Package::from_parts(const std::vector<std::pair<std::string, std::string>>& parts, const std::string& label) {
    Package pkg;
    pkg.label_ = label;
    for (const auto& [name, data] : parts) {
        PackageEntry e;
        e.name = name;
        e.size = data.size();
        e.crc = detail::crc32_of(data);
        e.method = 0;
        e.mtime = 315532800;  // 1980-01-01: packed output does not depend on when it was built
        e.raw = data;
        e.data = data;
        e.has_data = true;
        pkg.entries_.push_back(std::move(e));
    }
    return pkg;
}

Package Package::from_folder(const std::string& folder) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) throw Error("cannot-read", folder, _("not a folder"));
    std::vector<std::string> names;
    for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->is_regular_file()) names.push_back(fs::relative(it->path(), folder).generic_string());
    }
    if (ec) throw Error("cannot-read", folder, i18n::format(_("cannot list: {reason}"), {{"reason", i18n::system_error(ec.value())}}));
    auto rank = [](const std::string& n) { return n == "mimetype" ? 0 : n == "[Content_Types].xml" ? 1 : 2; };
    std::sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
        return rank(a) != rank(b) ? rank(a) < rank(b) : a < b;
    });
    std::vector<std::pair<std::string, std::string>> parts;
    for (const auto& n : names) parts.emplace_back(n, read_file_bytes(folder + "/" + n));
    return from_parts(parts, folder);
}

std::string Package::write_all() const {
    std::map<std::string, std::string, std::less<>> all;
    for (const auto& e : entries_)
        if (e.name != "mimetype") all.emplace(e.name, e.has_data ? e.data : e.raw);
    return write(all);
}

} // namespace gongwen
