#!/usr/bin/env bash
# Gongwen against the anchor engines (docxtemplater, carbone) in one sitting, measured the same way:
#   loop: template loaded once, then N documents rendered + zipped + written to /tmp/bench-out/
#         (N=200 notice, N=10 large), per-doc median / p10 / p90, docs/s, peak RSS of the process;
#   cold: the whole process for one document, timed by the anchors' bench_cold.py (fork -> reap wall
#         time, child's peak RSS from wait4).
# The anchors are run from a writable copy outside the repo (shared/ is read-only); nothing of theirs is
# copied into the project. REPS repetitions (default 3); the tables hold the medians.
#
#   bash bench/run.sh                 # ~6 min on an idle machine; longer while it waits out others' load
#   REPS=1 bash bench/run.sh          # quick look
#   SKIP_PEERS=1 bash bench/run.sh    # gongwen only
#   SRC=HEAD bash bench/run.sh        # measure the last commit, not the working tree (see common.sh)
#   WAIT_QUIET=0 bash bench/run.sh    # do not wait for the other sessions' load to drop before each measurement
# Results: bench/results/<UTC stamp>/{env.txt,run-K.txt,verify.txt,summary.md}
set -euo pipefail
CMAKE_ARGS=()
source "$(dirname "$0")/common.sh"
ANCHORS_SRC=${ANCHORS_SRC:-/work/shared/bench/anchors}
ANCHORS=${ANCHORS:-/tmp/anchors-run}
FIX=$ANCHORS_SRC/fixtures
REPS=${REPS:-3}
SKIP_PEERS=${SKIP_PEERS:-0}
WAIT_QUIET=${WAIT_QUIET:-300}   # before each measurement, wait up to this many s for < 10% CPU busy; 0: no wait
OUT=${OUT:-$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT" /tmp/bench-out

# 1. our binaries, Release, in their own build folder (tests off: they are not measured)
gw_build gongwen gongwen_bench
BENCH=$BUILD/bench/gongwen_bench
CLI=$(gw_cli)

# 2. the anchors: a writable copy with their pinned packages (npm registry)
if [ "$SKIP_PEERS" != 1 ]; then
  if [ ! -d "$ANCHORS/node_modules" ] || ! cmp -s "$ANCHORS_SRC/package.json" "$ANCHORS/package.json"; then
    case "$ANCHORS" in "$ROOT"/*) echo "ANCHORS must be outside the repo" >&2; exit 2;; esac
    rm -rf "$ANCHORS"
    cp -r "$ANCHORS_SRC" "$ANCHORS"
    chmod -R u+w "$ANCHORS"
    (cd "$ANCHORS" && npm install --no-audit --no-fund >/dev/null)
  fi
fi
COLD="python3 $ANCHORS_SRC/bench_cold.py"   # stdlib only; run in place from shared/

{
  echo "date_utc: $(date -u '+%Y-%m-%d %H:%M')"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p')  cores: $(nproc)  threads/core: $(lscpu | sed -n 's/^Thread(s) per core: *//p')"
  echo "mem: $(free -m | awk '/Mem:/{print $2}') MiB  os: Debian $(cat /etc/debian_version)  kernel: $(uname -r)"
  echo "compiler: $(c++ --version | head -1)  build: $(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD/CMakeCache.txt")"
  echo "gongwen: $SRC_DESC  (cli: $CLI)"
  echo "libs: libzip $(pkg-config --modversion libzip) libdeflate $(pkg-config --modversion libdeflate) pugixml $(dpkg-query -W -f='${Version}' libpugixml1v5 2>/dev/null)"
  echo "node: $(node --version 2>/dev/null)  python: $(python3 --version 2>&1)"
  [ "$SKIP_PEERS" = 1 ] || (cd "$ANCHORS" && npm ls --depth=0 2>/dev/null | tail -n +2)
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/env.txt"
cat "$OUT/env.txt"

# Every loop writes new files: the previous run's outputs of that engine and case are deleted first
# (and the deletion synced). Overwriting costs more on this ext4 (mounted with discard): +0.06-0.12 ms
# per notice measured, whatever the engine, so it would only add noise.
fresh() { rm -f /tmp/bench-out/"$1-$2"-[0-9]*.docx; sync; }
n_of() { if [ "$1" = notice ]; then echo 200; else echo 10; fi; }
runs_of() { if [ "$1" = notice ]; then echo 10; else echo 5; fi; }

# m CMD...: one measurement. Waits (WAIT_QUIET) for the other sessions' load to drop, notes how busy
# the CPUs were just before (a '#' line in run-K.txt), then runs CMD and keeps its RESULT/COLD line.
m() {
  local q="no wait"
  [ "$WAIT_QUIET" = 0 ] || q=$(wait_quiet "$WAIT_QUIET" 10)
  echo "# $(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg)  $q" >> "$f"
  "$@" | tee -a "$f"
}

for k in $(seq 1 "$REPS"); do
  f="$OUT/run-$k.txt"
  echo "== rep $k/$REPS  $(date -u +%H:%M:%S)  load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$f"
  for c in notice large; do
    fresh gongwen $c
    m "$BENCH" --template "$FIX/$c.docx" --data "$FIX/$c.json" --n "$(n_of $c)" --delims "{" "}" \
        --out-dir /tmp/bench-out --label gongwen --case "$c"
    if [ "$SKIP_PEERS" != 1 ]; then
      fresh docxtemplater $c
      m node "$ANCHORS/bench_docxtemplater.js" --case $c
      fresh carbone $c
      m node "$ANCHORS/bench_carbone.js" --case $c
      fresh limit-rawcopy_l6 $c
      m python3 "$ANCHORS/bench_limit.py" --case $c --modes rawcopy_l6
    fi
  done
  for c in notice large; do
    r=$(runs_of $c)
    m $COLD --runs 10 --label gongwen:$c -- "$CLI" render "$FIX/$c.docx" --data "$FIX/$c.json" \
        -o /tmp/bench-out/gongwen-$c-cold.docx --delimiters "{" "}" --force
    if [ "$SKIP_PEERS" != 1 ]; then
      m $COLD --runs $r --label docxtemplater:$c -- node "$ANCHORS/bench_docxtemplater.js" --case $c --cold
      m $COLD --runs $r --label carbone:$c -- node "$ANCHORS/bench_carbone.js" --case $c --cold
      m $COLD --runs $r --label limit:rawcopy_l6:$c -- python3 "$ANCHORS/bench_limit.py" --case $c --cold --modes rawcopy_l6
    fi
  done
  # empty processes, for scale: our CLI printing its help; node
  m $COLD --runs 10 --label gongwen-startup:- -- "$CLI" --help
  [ "$SKIP_PEERS" = 1 ] || m $COLD --runs 10 --label node-startup:- -- node -e 0
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/env.txt"

# correctness of one loop output and the cold output per engine and case
for c in notice large; do
  for e in gongwen $([ "$SKIP_PEERS" = 1 ] || echo docxtemplater carbone limit-rawcopy_l6); do
    python3 "$ANCHORS_SRC/verify_output.py" /tmp/bench-out/$e-$c-0.docx $c || true
  done
  python3 "$ANCHORS_SRC/verify_output.py" /tmp/bench-out/gongwen-$c-cold.docx $c || true
done | tee "$OUT/verify.txt"

python3 "$ROOT/bench/summarize.py" "$OUT" "$ANCHORS_SRC/results" | tee "$OUT/summary.md"
