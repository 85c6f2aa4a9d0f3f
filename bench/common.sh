# Sourced by bench/run.sh and bench/levels.sh: which source tree is measured, and its Release build.
#   SRC=worktree (default)  the working tree of this checkout, built in $ROOT/build-release
#   SRC=<commit>            e.g. SRC=HEAD: that commit's tree (git archive) with this checkout's bench/
#                           laid over it, built in /tmp/gongwen-bench-<sha>/build-release; use it when
#                           the working tree is mid-edit by others
# Sets SRC_DIR, BUILD, SRC_DESC; gw_build TARGET... builds; gw_cli prints the CLI's path.
# Sourced by bench/batch.sh and bench/merge.sh too, for bench_start and timed.
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
  # the CLI moved from core/ to bin/ at some point (SRC=<old commit>): the first that exists.
  # (Not `ls -t a b | head`: under pipefail a missing path fails the whole pipeline.)
  local f
  for f in "$BUILD/bin/gongwen" "$BUILD/core/gongwen"; do
    [ -x "$f" ] && { echo "$f"; return 0; }
  done
  echo "bench: no gongwen command in $BUILD" >&2
  return 1
}

# busy_pct SECONDS: how busy all CPUs were over that many seconds, in % (from /proc/stat)
busy_pct() {
  local a b c d e f g h t1 i1 t2 i2
  read -r _ a b c d e f g h _ < /proc/stat; t1=$((a+b+c+d+e+f+g+h)); i1=$((d+e))
  sleep "${1:-3}"
  read -r _ a b c d e f g h _ < /proc/stat; t2=$((a+b+c+d+e+f+g+h)); i2=$((d+e))
  echo $(( 100 * ((t2 - t1) - (i2 - i1)) / (t2 - t1 + 1) ))
}

# wait_quiet MAX_SECONDS PCT: wait (at most MAX_SECONDS) until the CPUs are under PCT% busy over 5 s,
# so that other sessions' compiles do not land in a measurement. Prints what it saw.
wait_quiet() {
  local end=$((SECONDS + ${1:-300})) b
  while :; do
    b=$(busy_pct 5)
    if [ "$b" -lt "${2:-10}" ]; then echo "quiet: ${b}% busy"; return 0; fi
    if [ $SECONDS -ge $end ]; then echo "NOT quiet: ${b}% busy after waiting ${1:-300} s"; return 0; fi
  done
}

# bench_start NAME: $res, a new bench/results/NAME-<UTC stamp>/ with env.txt (the machine, the
# commit, the load), and $work, a scratch folder removed on exit.
bench_start() {
  res=$ROOT/bench/results/$1-$(date -u +%Y%m%dT%H%M%SZ)
  work=$(mktemp -d "/tmp/gongwen-bench-$1-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$res"
  {
    echo "date: $(date -u)"; echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs, $(free -m | awk '/Mem:/{print $2}') MiB"
    echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (with uncommitted changes)')"
    echo "load before: $(cat /proc/loadavg)"
  } | tee "$res/env.txt"
}

# timed LABEL COMMAND...: the wall seconds and peak RSS of one run (GNU time), to $res/results.txt
timed() {
  local label=$1 secs kb; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { echo "FAILED: $label"; tail -5 "$work/err"; exit 1; }
  read -r secs kb <"$work/time"
  printf '%-44s %8.2f s  peak RSS %6.1f MB\n' "$label" "$secs" "$(echo "$kb/1024" | bc -l)" | tee -a "$res/results.txt"
}
