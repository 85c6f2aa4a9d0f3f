#!/usr/bin/env bash
# PDF from a pool of offices (issue 12, part 3), beside its two anchors, in one sitting:
#   A. gongwen's own notice, 50 rows of bench/make_rows.py (4 pages each):
#      1. `gongwen batch --format pdf --office-workers 2` (the whole command: read, render, convert)
#      2. the same with --office-workers 1
#      3. the same, 2 workers, on a first run (no profile seed in the cache: fresh profiles)
#      4. one `soffice --headless --convert-to pdf --outdir OUT *.docx` over the same 50 DOCX, on a
#         warm profile of its own (made by a first conversion before the sitting; the DOCX are given
#         to it ready, their rendering not counted)
#   B. the anchors' notice (shared/bench/anchors/fixtures, 10 pages each), 50 documents:
#      5. Carbone's PDF path: carbone.render(…, {convertTo: 'pdf'}) (bench/carbone_pdf.js, carbone at
#         the anchors' pinned version, installed with npm in $CARBONE_DIR), with 2 factories
#      6. gongwen's pool on the same template and data (bench/pdf_pool_bench.cpp), 2 workers
#      7. one `soffice --convert-to pdf` over those 50 DOCX (gongwen's renders of that template)
#   Reps interleaved; wall seconds of each whole process (GNU time).
#
#   bash bench/pdf_pool.sh [BUILD_DIR=build]      REPS=3 by default; needs LibreOffice, node, npm, time
# Results: bench/results/pdf-pool-<UTC stamp>/{env.txt,results.txt}
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bin=$build/bin/gongwen
poolbench=$build/bench/pdf_pool_bench
REPS=${REPS:-3}
N=${N:-50}
ANCHORS=${ANCHORS:-/work/shared/bench/anchors}
CARBONE_DIR=${CARBONE_DIR:-/tmp/gongwen-carbone-pdf}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
res=$root/bench/results/pdf-pool-$stamp
work=$(mktemp -d /tmp/gongwen-bench-pdf-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$res"
[ -x "$bin" ] && [ -x "$poolbench" ] || { echo "build gongwen and pdf_pool_bench in $build first" >&2; exit 2; }

# Carbone at the anchors' pinned version, in a folder of its own (nothing of the anchors copied here).
if [ ! -f "$CARBONE_DIR/node_modules/carbone/package.json" ] || ! cmp -s "$ANCHORS/package.json" "$CARBONE_DIR/package.json"; then
  rm -rf "$CARBONE_DIR" && mkdir -p "$CARBONE_DIR"
  cp "$ANCHORS/package.json" "$ANCHORS/.npmrc" "$CARBONE_DIR/" && chmod u+w "$CARBONE_DIR"/package.json "$CARBONE_DIR"/.npmrc
  (cd "$CARBONE_DIR" && npm install --no-audit --no-fund >/dev/null)
fi
# Carbone finds soffice.bin and the python3 that has LibreOffice's uno module on the PATH.
carbone_path=/usr/bin:/bin:/usr/lib/libreoffice/program

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs, $(free -m | awk '/Mem:/{print $2}') MiB, Debian $(cat /etc/debian_version)"
  echo "libreoffice: $(soffice --version 2>/dev/null | head -1)"
  echo "gongwen: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- core || echo ' + uncommitted changes in core/'), build $build ($(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt"))"
  echo "carbone: $(node -p "require('$CARBONE_DIR/node_modules/carbone/package.json').version")  node: $(node --version)"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$res/env.txt"

timed() {  # LABEL COMMAND...: wall seconds of one run, the load average before it
  local label=$1; shift
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { echo "FAILED: $label"; tail -5 "$work/err"; exit 1; }
  printf '%-58s %8.2f s   (load %s)\n' "$label" "$(cat "$work/time")" "$load" | tee -a "$res/results.txt"
}
count_pdfs() {  # FOLDER EXPECTED: every PDF there and readable
  local n=0 f
  for f in "$1"/*.pdf; do pdfinfo "$f" >/dev/null 2>&1 && n=$((n + 1)); done
  [ "$n" = "$2" ] || { echo "FAILED: $n of $2 PDFs in $1" | tee -a "$res/results.txt"; exit 1; }
}

# Inputs: the rows, their DOCX (for soffice), the anchors' notice rendered by gongwen (for soffice).
python3 "$root/bench/make_rows.py" "$N" "$work" >/dev/null
rows=(--data "$work/notices-$N.xlsx" --rows "$work/problems-$N.xlsx:被巡察单位")
"$bin" batch rectification-notice "${rows[@]}" --out-dir "$work/docx" >/dev/null 2>&1
export XDG_CACHE_HOME=$work/cache  # gongwen's profile seed for this sitting (made by the warm-up)
"$poolbench" --template "$ANCHORS/fixtures/notice.docx" --data "$ANCHORS/fixtures/notice.json" --n "$N" --workers 2 \
  --out-dir "$work/anchor-warm" >/dev/null
# Warm-ups: soffice's profile made, gongwen's seed made, Carbone's modules and fonts read once.
soffice --headless --norestore "-env:UserInstallation=file://$work/soffice-profile" --convert-to pdf \
  --outdir "$work/warm" "$(ls "$work"/docx/*.docx | head -1)" >/dev/null 2>&1
PATH=$carbone_path node "$root/bench/carbone_pdf.js" --modules "$CARBONE_DIR/node_modules" \
  --template "$ANCHORS/fixtures/notice.carbone.docx" --data "$ANCHORS/fixtures/notice.json" --n 2 --factories 2 --out "$work/warm-c" >/dev/null

for rep in $(seq 1 "$REPS"); do
  echo "== rep $rep/$REPS" | tee -a "$res/results.txt"
  rm -rf "$work/p2" "$work/p1" "$work/pf" "$work/s" "$work/c" "$work/g" "$work/sa" "$work/fresh-cache"
  timed "A1 gongwen batch --office-workers 2 (n=$N)" "$bin" batch rectification-notice "${rows[@]}" --out-dir "$work/p2" --format pdf --office-workers 2
  count_pdfs "$work/p2" "$N"
  timed "A4 soffice --convert-to pdf, one process (n=$N)" soffice --headless --norestore \
    "-env:UserInstallation=file://$work/soffice-profile" --convert-to pdf --outdir "$work/s" "$work"/docx/*.docx
  count_pdfs "$work/s" "$N"
  timed "A2 gongwen batch --office-workers 1 (n=$N)" "$bin" batch rectification-notice "${rows[@]}" --out-dir "$work/p1" --format pdf --office-workers 1
  count_pdfs "$work/p1" "$N"
  timed "A3 gongwen batch --office-workers 2, first run (n=$N)" env XDG_CACHE_HOME="$work/fresh-cache" \
    "$bin" batch rectification-notice "${rows[@]}" --out-dir "$work/pf" --format pdf --office-workers 2
  count_pdfs "$work/pf" "$N"
  timed "B5 carbone convertTo pdf, 2 factories (n=$N)" env PATH=$carbone_path node "$root/bench/carbone_pdf.js" \
    --modules "$CARBONE_DIR/node_modules" --template "$ANCHORS/fixtures/notice.carbone.docx" \
    --data "$ANCHORS/fixtures/notice.json" --n "$N" --factories 2 --out "$work/c"
  count_pdfs "$work/c" "$N"
  timed "B6 gongwen pool, 2 workers (n=$N)" "$poolbench" --template "$ANCHORS/fixtures/notice.docx" \
    --data "$ANCHORS/fixtures/notice.json" --n "$N" --workers 2 --out-dir "$work/g"
  count_pdfs "$work/g" "$N"
  timed "B7 soffice --convert-to pdf, one process (n=$N)" soffice --headless --norestore \
    "-env:UserInstallation=file://$work/soffice-profile" --convert-to pdf --outdir "$work/sa" "$work"/anchor-warm/docx/*.docx
  count_pdfs "$work/sa" "$N"
done
for f in "$work/p2" "$work/c" "$work/g"; do echo "pages of $(basename "$f")/0.pdf or first: $(pdfinfo "$(ls "$f"/*.pdf | head -1)" | sed -n 's/^Pages: *//p')"; done | tee -a "$res/results.txt"
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$res/results.txt"
echo "results in $res"
