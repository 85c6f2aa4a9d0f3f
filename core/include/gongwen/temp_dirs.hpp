// Temp folders of a run: named after the process, so that what a killed run left behind is
// found and removed by the next one.
#pragma once

#include <string>

namespace gongwen {

/// A new folder for this run in the system's temp folder, named PREFIX-PID-XXXXXX (PID: this
/// process), "" with errno set when it cannot be made. Folders that runs killed before they could
/// remove them left behind are removed first (remove_stale_temp_dirs).
std::string make_run_temp_dir(const std::string& prefix);

/// Removes the temp folders of runs whose process is gone (gongwen-batch-, gongwen-pdf-,
/// gongwen-check- PID-…, this user's only) and the UNO pipes of their offices; the folders of a
/// live process, another run's too, are never touched.
void remove_stale_temp_dirs();

} // namespace gongwen
