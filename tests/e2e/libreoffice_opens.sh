#!/usr/bin/env bash
# End-to-end: documents rendered by gongwen open in a real LibreOffice and convert to PDF with
# the expected text. Uses its own LibreOffice profile and stops what it started, by pid.
# args: GONGWEN BUILD_DIR SOURCE_DIR
set -uo pipefail
bin=$1 build=$2 src=$3
soffice=$(command -v soffice || true)
if [ -z "$soffice" ] || ! command -v pdftotext >/dev/null; then
  echo "SKIP: LibreOffice (soffice) or poppler-utils (pdftotext) is not installed"
  exit 77
fi
work=$(mktemp -d /tmp/gongwen-e2e.XXXXXX)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail=0

render() {  # template data out
  "$bin" render "$1" --data "$2" -o "$3" --force 2>>"$work/render.log" || { echo "FAIL: render $1"; cat "$work/render.log"; fail=1; }
}

to_pdf() {  # file -> $work/pdf/<name>.pdf, one soffice process with its own profile
  "$soffice" --headless --invisible --norestore --nodefault \
    -env:UserInstallation="file://$work/profile" --convert-to pdf --outdir "$work/pdf" "$@" >"$work/soffice.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "FAIL: soffice did not finish within 120 s"; kill "$pid"; fail=1
  fi
  wait "$pid" 2>/dev/null
  pid=
}

expect_text() {  # pdf, strings...
  local pdf=$1; shift
  if [ ! -s "$pdf" ]; then echo "FAIL: $pdf was not produced"; cat "$work/soffice.log"; fail=1; return; fi
  local text
  text=$(pdftotext -layout "$pdf" - | tr -d ' \n')
  for s in "$@"; do
    if [[ "$text" != *"$s"* ]]; then echo "FAIL: $(basename "$pdf") lacks '$s'"; fail=1; else echo "ok: $(basename "$pdf") has '$s'"; fi
  done
  if [[ "$text" == *"{{"* ]]; then echo "FAIL: $(basename "$pdf") still holds a {{ tag"; fail=1; fi
}

plugin=$build/share/gongwen/plugins/rectification-notice
data=$plugin/example.json
render "$plugin/templates/notice.docx" "$data" "$work/notice-docx.docx"
render "$plugin/templates/notice.odt" "$data" "$work/notice-odt.odt"
files=("$work/notice-docx.docx" "$work/notice-odt.odt")
# A sample of the golden cases, both formats.
for case in docx-table-row-loop docx-header-footer-footnote odt-libreoffice odt-table-row-loop; do
  dir=$src/tests/golden/$case
  for t in "$dir"/template.docx "$dir"/template.odt; do
    [ -f "$t" ] || continue
    out="$work/$case.${t##*.}"
    render "$t" "$dir/data.json" "$out"
    files+=("$out")
  done
done
to_pdf "${files[@]}"
for n in notice-docx notice-odt; do
  expect_text "$work/pdf/$n.pdf" "关于县教育局党组巡察整改的通知" "第三轮常规巡察" "县巡一〔2023〕5号" \
    "一是提高政治站位" "2023年7月31日" "序号" "政治" "抄送：县纪委县监委，县委组织部，县委巡察办。"
done
for f in "${files[@]}"; do
  name=$(basename "${f%.*}")
  [ -s "$work/pdf/$name.pdf" ] || { echo "FAIL: $name did not convert"; fail=1; continue; }
  pages=$(pdfinfo "$work/pdf/$name.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  echo "ok: $name converted, $pages page(s)"
done
exit $fail
