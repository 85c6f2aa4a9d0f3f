// A LibreOffice profile made once and copied for every office the bridge starts. On a fresh
// profile soffice.bin does its first-start work (extension registration, the graphics tests) and
// then exits asking to be started again (status 81): every office of every run paid for two
// starts. A copy of a profile that an office of the same LibreOffice has used and closed starts
// once. The seed is kept in the user's cache ($XDG_CACHE_HOME, else ~/.cache) under
// gongwen/office-profile-SIZE-MTIME of soffice.bin, so that another LibreOffice gets a seed of its
// own; anything that goes wrong here only costs the fresh profile it saves.
#include "office_internal.hpp"
#include "spawn_office.hpp"

#include <cstdint>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace gongwen::office {

namespace fs = std::filesystem;

std::string profile_seed(const std::string& soffice) {
    const char* cache = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    std::string base = cache && *cache ? std::string(cache) : home && *home ? std::string(home) + "/.cache" : std::string();
    struct stat st;
    if (base.empty() || ::stat(office_spawn::office_program(soffice).c_str(), &st) != 0) return "";
    return base + "/gongwen/office-profile-" + std::to_string(st.st_size) + "-" + std::to_string(st.st_mtime);
}

bool copy_profile_seed(const std::string& seed, const std::string& profile) {
    std::error_code ec;
    if (seed.empty() || !fs::is_regular_file(seed + "/user/registrymodifications.xcu", ec)) return false;
    fs::copy(seed, profile, fs::copy_options::recursive, ec);
    if (!ec) return true;
    fs::remove_all(profile, ec);  // a half copy: the office makes a fresh profile
    return false;
}

void keep_profile_seed(const std::string& profile, const std::string& seed) {
    std::error_code ec;
    // Only a profile its office closed (LibreOffice removes .lock when it exits cleanly).
    if (seed.empty() || fs::exists(seed, ec) || !fs::is_regular_file(profile + "/user/registrymodifications.xcu", ec) ||
        fs::exists(profile + "/.lock", ec) || fs::exists(profile + "/user/.lock", ec))
        return;
    std::string tmp = seed + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(reinterpret_cast<std::uintptr_t>(&ec));
    fs::create_directories(fs::path(seed).parent_path(), ec);
    fs::copy(profile, tmp, fs::copy_options::recursive, ec);
    if (!ec) fs::rename(tmp, seed, ec);  // another run's seed may have come first: keep it
    if (ec) fs::remove_all(tmp, ec);
}

} // namespace gongwen::office
