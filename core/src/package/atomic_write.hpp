// The one way outputs reach their path: a temp file beside it, filled, then renamed into place
// (atomic_write.cpp). write_file_atomically() fills it with bytes; a writer that streams (the
// merged package, through libzip) fills it itself.
#pragma once

#include <functional>
#include <string>

namespace gongwen::detail {

/// Creates a temp file in `path`'s folder, calls `fill(fd, temp_path)` (which may write through
/// the descriptor, or close it, set it to -1 and write by name), gives it the umask's permissions and renames it
/// to `path` — refusing an existing file unless `overwrite`. Whatever fails or throws, the temp
/// file is removed and `path` is untouched. Errors name `path`.
void write_atomically(const std::string& path, bool overwrite, const std::function<void(int& fd, const std::string& temp_path)>& fill);

} // namespace gongwen::detail
