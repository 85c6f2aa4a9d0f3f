# Sourced by bench/run.sh and bench/levels.sh: which source tree is measured, and its Release build.
#   SRC=worktree (default)  the working tree of this checkout, built in $ROOT/build-release
#   SRC=<commit>            e.g. SRC=HEAD: that commit's tree (git archive) with this checkout's bench/
#                           laid over it, built in /tmp/gongwen-bench-<sha>/build-release; use it when
#                           the working tree is mid-edit by others
# Sets SRC_DIR, BUILD, SRC_DESC; gw_build TARGET... builds; gw_cli prints the CLI's path.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC=${SRC:-worktree}
if [ "$SRC" = worktree ]; then
  SRC_DIR=$ROOT
  BUILD=${BUILD:-$ROOT/build-release}
  SRC_DESC="working tree at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet HEAD -- core CMakeLists.txt 2>/dev/null && [ -z "$(git -C "$ROOT" status --porcelain -- core)" ] || echo ' + uncommitted changes in core/')"
else
  sha=$(git -C "$ROOT" rev-parse --short "$SRC")
  SRC_DIR=/tmp/gongwen-bench-$sha
  BUILD=${BUILD:-$SRC_DIR/build-release}
  if [ ! -f "$SRC_DIR/CMakeLists.txt" ]; then
    mkdir -p "$SRC_DIR"
    git -C "$ROOT" archive "$sha" | tar -x -C "$SRC_DIR"
  fi
  rm -rf "$SRC_DIR/bench" && mkdir -p "$SRC_DIR/bench"
  cp "$ROOT"/bench/CMakeLists.txt "$ROOT"/bench/*.cpp "$SRC_DIR/bench/"
  grep -q 'add_subdirectory(bench)' "$SRC_DIR/CMakeLists.txt" || echo 'add_subdirectory(bench)' >> "$SRC_DIR/CMakeLists.txt"
  SRC_DESC="commit $sha (git archive) + bench/ of the working tree"
fi

gw_build() {
  cmake -S "$SRC_DIR" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DGONGWEN_BUILD_TESTS=OFF "${CMAKE_ARGS[@]}" >/dev/null
  make -C "$BUILD" -j2 "$@" >/dev/null
}

gw_cli() {
  # the CLI moved from core/ to bin/ at some point: take the newer one
  ls -t "$BUILD/bin/gongwen" "$BUILD/core/gongwen" 2>/dev/null | head -1
}
