#!/usr/bin/env bash
# The batch benchmarks of issue 5, recorded in bench/RESULTS.md:
#  1. 10,000 rectification notices from one XLSX (plus a problems XLSX, 3 rows each) to DOCX on all
#     cores: wall time, and peak RSS at 1,000 / 10,000 rows (memory must stay flat).
#  2. 50 notices to PDF: `gongwen batch --format pdf` (one LibreOffice over the UNO bridge) against
#     `soffice --headless --convert-to pdf` called once per file (one profile, warm after the first).
#   bash bench/batch.sh [BUILD_DIR=build]      needs LibreOffice, GNU time (package time)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bin=$build/bin/gongwen
source "$root/bench/common.sh"
bench_start batch

for n in 1000 10000; do
  python3 "$root/bench/make_rows.py" "$n" "$work"
  for rep in 1 2 3; do
    rm -rf "$work/out-$n"
    timed "docx n=$n rep $rep" "$bin" batch rectification-notice --data "$work/notices-$n.xlsx" \
      --rows "$work/problems-$n.xlsx:被巡察单位" --out-dir "$work/out-$n"
  done
  echo "  outputs: $(ls "$work/out-$n" | wc -l) files, $(du -sm "$work/out-$n" | cut -f1) MB" | tee -a "$res/results.txt"
done

# PDF: the same 50 DOCX files both ways.
python3 "$root/bench/make_rows.py" 50 "$work"
"$bin" batch rectification-notice --data "$work/notices-50.xlsx" --rows "$work/problems-50.xlsx:被巡察单位" --out-dir "$work/docx50" >/dev/null 2>&1
for rep in 1 2; do
  rm -rf "$work/pdf-bridge"
  timed "pdf n=50 bridge (gongwen batch) rep $rep" "$bin" batch rectification-notice --data "$work/notices-50.xlsx" \
    --rows "$work/problems-50.xlsx:被巡察单位" --out-dir "$work/pdf-bridge" --format pdf
  echo "  PDFs: $(ls "$work/pdf-bridge"/*.pdf | wc -l)" | tee -a "$res/results.txt"
done
rm -rf "$work/pdf-loop" "$work/profile"; mkdir -p "$work/pdf-loop"
cat >"$work/loop.sh" <<LOOP
for f in "$work"/docx50/*.docx; do
  soffice --headless --norestore -env:UserInstallation=file://$work/profile --convert-to pdf --outdir "$work/pdf-loop" "\$f"
done
LOOP
timed "pdf n=50 soffice --convert-to per file" bash "$work/loop.sh"
echo "  PDFs: $(ls "$work/pdf-loop"/*.pdf | wc -l)" | tee -a "$res/results.txt"
echo "results in $res"
