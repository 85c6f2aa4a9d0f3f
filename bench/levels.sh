#!/usr/bin/env bash
# DEFLATE level of rendered parts: per-doc time and output size at levels 1, 4, 6 (core's
# kDeflateLevel overridden in private copies of the core; core/ itself is untouched).
#   bash bench/levels.sh              # REPS=3 by default, runs interleaved by level
# Builds, if needed, gongwen_bench_l{1,4,6} in build-release (cmake -DGONGWEN_BENCH_DEFLATE_LEVELS=ON);
# SRC=HEAD measures the last commit instead of the working tree (see common.sh).
set -euo pipefail
LEVELS=${LEVELS:-"1 4 6"}
CMAKE_ARGS=(-DGONGWEN_BENCH_DEFLATE_LEVELS=ON "-DGONGWEN_BENCH_LEVELS=${LEVELS// /;}")
source "$(dirname "$0")/common.sh"
FIX=${FIX:-/work/shared/bench/anchors/fixtures}
REPS=${REPS:-3}
OUT=${OUT:-$ROOT/bench/results/levels-$(date -u +%Y%m%dT%H%M%SZ).txt}
mkdir -p "$(dirname "$OUT")"
targets=""; for l in $LEVELS; do targets="$targets gongwen_bench_l$l"; done
gw_build $targets

{
  echo "# levels $(date -u '+%Y-%m-%d %H:%M UTC')  $SRC_DESC  load: $(cut -d' ' -f1-3 /proc/loadavg)"
  for k in $(seq 1 "$REPS"); do
    echo "## rep $k  load: $(cut -d' ' -f1-3 /proc/loadavg)  $(wait_quiet "${WAIT_QUIET:-300}" 10)"
    for c in notice large; do
      if [ "$c" = notice ]; then n=200; else n=10; fi
      for l in $LEVELS; do
        rm -f /tmp/bench-out/gongwen-l"$l-$c"-[0-9]*.docx; sync   # new files, as bench/run.sh
        printf 'level=%s ' "$l"
        "$BUILD/bench/gongwen_bench_l$l" --template "$FIX/$c.docx" --data "$FIX/$c.json" --n $n \
            --label "gongwen-l$l" --case "$c"
      done
    done
  done
  for c in notice large; do
    for l in $LEVELS; do python3 "$FIX/../verify_output.py" "/tmp/bench-out/gongwen-l$l-$c-0.docx" "$c"; done
  done
} | tee "$OUT"

# medians per level and case
(python3 - "$OUT" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"level=(\d+) RESULT (.*)", line)
    if not m: continue
    kv = dict(x.split("=", 1) for x in m.group(2).split())
    rows.setdefault((kv["case"], int(m.group(1))), []).append(kv)
print("| case | level | per-doc ms (median of runs) | [min-max] | docs/s | out bytes |")
print("|---|---|---|---|---|---|")
for (case, level), rs in sorted(rows.items(), key=lambda x: (x[0][0] != "notice", x[0][1])):
    med = [float(r["median_ms"]) for r in rs]
    dps = [float(r["docs_per_s"]) for r in rs]
    print("| %s | %d | %.3f | %.3f-%.3f | %.1f | %s |" % (case, level, statistics.median(med), min(med), max(med),
          statistics.median(dps), rs[-1]["out_bytes"]))
PY
) | tee -a "$OUT"
