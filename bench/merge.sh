#!/usr/bin/env bash
# batch --merge beside the plain batch (issue 12, part 2), recorded in bench/RESULTS.md: the same
# 10,000 rectification notices (bench/make_rows.py: an XLSX plus a problems XLSX, 3 rows each)
# written as 10,000 DOCX files and merged into one DOCX (and one ODT), wall time and peak RSS,
# alternated in one sitting; then the merged DOCX's size and page-start sections counted.
#   bash bench/merge.sh [BUILD_DIR=build] [N=10000] [REPS=2]     needs GNU time (package time)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
n=${2:-10000}
reps=${3:-2}
bin=$build/bin/gongwen
source "$root/bench/common.sh"
bench_start merge

python3 "$root/bench/make_rows.py" "$n" "$work"
data=(--data "$work/notices-$n.xlsx" --rows "$work/problems-$n.xlsx:被巡察单位")
for rep in $(seq 1 "$reps"); do
  rm -rf "$work/out" "$work/all.docx" "$work/all.odt"
  timed "plain batch n=$n (DOCX files) rep $rep" "$bin" batch rectification-notice "${data[@]}" --out-dir "$work/out"
  timed "--merge all.docx n=$n rep $rep" "$bin" batch rectification-notice "${data[@]}" --merge "$work/all.docx"
  timed "--merge all.odt n=$n rep $rep" "$bin" batch rectification-notice "${data[@]}" --merge "$work/all.odt"
done
echo "  plain: $(ls "$work/out" | wc -l) files, $(du -sm "$work/out" | cut -f1) MB; merged DOCX $(du -m "$work/all.docx" | cut -f1) MB" \
  "($(unzip -p "$work/all.docx" word/document.xml | grep -o 'w:val="oddPage"' | wc -l) documents), merged ODT $(du -m "$work/all.odt" | cut -f1) MB" \
  | tee -a "$res/results.txt"
echo "  load after: $(cat /proc/loadavg)" | tee -a "$res/results.txt"
echo "results in $res"
