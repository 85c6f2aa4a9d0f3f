// Inside the office library: soffice found and run (`soffice --convert-to`), documents made
// ready for LibreOffice, temp folders. Not installed.
#pragma once

#include "gongwen/temp_dirs.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongwen::office {

/// $GONGWEN_SOFFICE, else `soffice` on the PATH; "" when there is none.
std::string find_soffice();


/// Runs one soffice over `inputs`, PDFs into `outdir`; kills it by pid after `timeout_seconds`.
/// Returns "" or what went wrong.
std::string run_soffice(const std::string& soffice, const std::string& work, const std::vector<std::string>& inputs,
                        const std::string& outdir, int timeout_seconds, int attempt = 0);

/// One `soffice --convert-to pdf` over `jobs` (document path, PDF path), and a second over what a
/// crash or a hang of the first left undone. Returns the PDF paths that failed, with why.
std::map<std::string, std::string> convert_with_soffice(const std::vector<std::pair<std::string, std::string>>& jobs,
                                                        bool overwrite, int seconds_per_document);

/// Where the profile the offices of `soffice` are started from is kept (profile_seed.cpp), or ""
/// when there is no cache folder.
std::string profile_seed(const std::string& soffice);
/// Copies the seed to `profile` (a folder that does not exist yet); false when there is no seed
/// or the copy failed (nothing is left at `profile` then).
bool copy_profile_seed(const std::string& seed, const std::string& profile);
/// Keeps `profile`, once its office has closed it cleanly, as the seed, unless there is one.
void keep_profile_seed(const std::string& profile, const std::string& seed);

/// A run temp folder (gongwen-pdf-PID-…), removed with the object.
struct TempDir {
    std::string path = make_run_temp_dir("gongwen-pdf");
    TempDir() = default;
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ec;
        if (!path.empty()) std::filesystem::remove_all(path, ec);
    }
};

} // namespace gongwen::office
