#!/usr/bin/env bash
# batch --merge in LibreOffice: 20 notices (bench/make_rows.py 20, the README's batch example grown
# to 20 units) merged to PDF through the office bridge, and to ODT converted by soffice; on each
# PDF's pages (pdftotext, page by page) every notice starts on an odd page whose footer says
# "— 1 —", its pages count up from there, and a page without a number is a blank inserted for
# double-sided printing (or the 版记's own page, which carries no number by design).
# args: GONGWEN SOURCE_DIR
set -uo pipefail
bin=$1 src=$2
work=$(mktemp -d /tmp/gongwen-merge-office.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }
missing=""
for t in soffice pdftotext pdfinfo; do command -v "$t" >/dev/null || missing="$missing $t"; done
if [ -n "$missing" ]; then
  if [ "${CI:-}" = true ]; then echo "FAIL: missing$missing (CI=true)"; exit 1; fi
  echo "skip: missing$missing"; exit 77
fi

python3 "$src/bench/make_rows.py" 20 "$work" >/dev/null
data=(--data "$work/notices-20.xlsx" --rows "$work/problems-20.xlsx:被巡察单位")

# pages PDF UNITS [any]: checks the page numbers of a merged PDF of UNITS notices; with "any", a
# first page may be an even page
pages() {
  local pdf=$1 units=$2 parity=${3:-odd} n i text num starts=0 prev=0 errors=0 where=""
  n=$(pdfinfo "$pdf" | awk '/^Pages:/{print $2}')
  for ((i = 1; i <= n; i++)); do
    text=$(pdftotext -f "$i" -l "$i" -layout "$pdf" - 2>/dev/null)
    num=$(printf '%s\n' "$text" | grep -oE '— *[0-9]+ *—' | tail -1 | grep -oE '[0-9]+')
    if [ -z "$num" ]; then
      if [ -z "$(printf '%s' "$text" | tr -d '[:space:]\f')" ]; then
        where="$where $i:blank"
      else
        where="$where $i:-"
      fi
      continue
    fi
    where="$where $i:$num"
    if [ "$num" = 1 ]; then
      starts=$((starts + 1))
      [ $((i % 2)) = 1 ] || [ "$parity" = any ] || { echo "  page $i starts a notice on an even page"; errors=$((errors + 1)); }
    elif [ "$num" != $((prev + 1)) ] && [ "$num" != $((prev + 2)) ]; then
      echo "  page $i is numbered $num after $prev"; errors=$((errors + 1))
    fi
    prev=$num
  done
  echo "  $pdf: $n pages:$where"
  [ "$starts" = "$units" ] || { echo "  $starts pages numbered 1, $units notices"; errors=$((errors + 1)); }
  # a blank page only right before a notice's first page
  printf '%s\n' $where | awk -F: '$2 == "blank" {b = $1} b && $1 == b + 1 && $2 != "1" {print "  blank page " b " not before a first page"; bad = 1} END {exit bad}' \
    || errors=$((errors + 1))
  return $errors
}

if "$bin" batch rectification-notice "${data[@]}" --merge "$work/all.pdf" 2>"$work/pdf.log"; then
  pages "$work/all.pdf" 20 && ok "merged PDF (DOCX through the bridge): 20 notices, each from an odd page numbered 1" \
    || bad "merged PDF page numbers"
else
  bad "batch --merge all.pdf"; tail -5 "$work/pdf.log"
fi

if "$bin" batch rectification-notice "${data[@]}" --merge "$work/all.odt" 2>"$work/odt.log"; then
  soffice --headless --norestore "-env:UserInstallation=file://$work/profile" --convert-to pdf --outdir "$work/odt-pdf" \
    "$work/all.odt" >"$work/soffice.log" 2>&1
  if [ -s "$work/odt-pdf/all.pdf" ]; then
    pages "$work/odt-pdf/all.pdf" 20 && ok "merged ODT opens in LibreOffice: 20 notices, each from an odd page numbered 1" \
      || bad "merged ODT page numbers"
  else
    bad "LibreOffice did not convert the merged ODT"; cat "$work/soffice.log"
  fi
else
  bad "batch --merge all.odt"; tail -5 "$work/odt.log"
fi
# The probe type (tests/merge/make_probe.py): three pages per document, so LibreOffice inserts a
# blank page before the second and the third (a page numbered 1 after page 3, both right pages),
# which the PDF keeps (IsSkipEmptyPages=false); its template converted to ODT by LibreOffice for
# the ODT merge.
python3 "$src/tests/merge/make_probe.py" "$work/probe"
plugin=$work/probe/merge-probe
soffice --headless --norestore "-env:UserInstallation=file://$work/profile" --convert-to odt --outdir "$plugin/templates" \
  "$plugin/templates/probe.docx" >"$work/soffice.log" 2>&1
python3 - "$plugin/plugin.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
m["templates"]["odt"] = "templates/probe.odt"
json.dump(m, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False)
PY
export GONGWEN_PLUGIN_PATH=$plugin
if "$bin" batch merge-probe --data "$work/probe/rows.csv" --merge "$work/probe.pdf" 2>"$work/probe.log"; then
  pages "$work/probe.pdf" 3 && ok "merged probe PDF: each 3-page document from an odd page numbered 1" || bad "merged probe PDF page numbers"
  blanks=$(for i in $(seq 1 "$(pdfinfo "$work/probe.pdf" | awk '/^Pages:/{print $2}')"); do
    pdftotext -f "$i" -l "$i" "$work/probe.pdf" - | tr -d '[:space:]\f' | grep -q . || echo "$i"; done | tr '\n' ' ')
  [ "$blanks" = "4 8 " ] && ok "blank pages 4 and 8 (after each 3-page document)" || bad "blank pages: '$blanks' (expected 4 8)"
else
  bad "batch --merge probe.pdf"; tail -5 "$work/probe.log"
fi
if [ -s "$plugin/templates/probe.odt" ] && "$bin" batch merge-probe --data "$work/probe/rows.csv" --merge "$work/probe.odt" 2>"$work/probe-odt.log"; then
  soffice --headless --norestore "-env:UserInstallation=file://$work/profile" \
    --convert-to 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}' --outdir "$work/probe-odt" \
    "$work/probe.odt" >"$work/soffice.log" 2>&1
  pages "$work/probe-odt/probe.pdf" 3 && ok "merged probe ODT: each 3-page document from an odd page numbered 1" \
    || bad "merged probe ODT page numbers"
else
  bad "batch --merge probe.odt"; tail -5 "$work/probe-odt.log"
fi
[ -n "${KEEP_MERGE_PDF:-}" ] && cp "$work"/*.pdf "$work"/probe-odt/*.pdf "$KEEP_MERGE_PDF"/ 2>/dev/null
exit $fail
