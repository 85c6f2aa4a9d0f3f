#!/usr/bin/env bash
# End-to-end: each built-in type, generated from its sample data as DOCX and ODT, opens in a
# real LibreOffice and converts to PDF with the expected text and page count; a sample of the
# golden cases opens too. Uses its own LibreOffice profile and stops what it started, by pid.
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

run() {  # a gongwen command that must succeed
  "$bin" "$@" 2>>"$work/gongwen.log" || { echo "FAIL: gongwen $*"; cat "$work/gongwen.log"; fail=1; }
}

to_pdf() {  # files -> $work/pdf/<name>.pdf, one soffice process with its own profile
  "$soffice" --headless --invisible --norestore --nodefault \
    -env:UserInstallation="file://$work/profile" --convert-to pdf --outdir "$work/pdf" "$@" >"$work/soffice.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 360); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "FAIL: soffice did not finish within 180 s"; kill "$pid"; fail=1
  fi
  wait "$pid" 2>/dev/null
  pid=
}

expect_pdf() {  # name min_pages max_pages strings...
  local pdf=$work/pdf/$1.pdf min=$2 max=$3; shift 3
  if [ ! -s "$pdf" ]; then echo "FAIL: $1.pdf was not produced"; cat "$work/soffice.log"; fail=1; return; fi
  local pages text
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  if [ "$pages" -lt "$min" ] || [ "$pages" -gt "$max" ]; then echo "FAIL: $1.pdf has $pages pages, expected $min-$max"; fail=1;
  else echo "ok: $1.pdf has $pages pages"; fi
  text=$(pdftotext "$pdf" - | tr -d ' \n')
  for s in "$@"; do
    if [[ "$text" != *"$s"* ]]; then echo "FAIL: $1.pdf lacks '$s'"; fail=1; fi
  done
  if [[ "$text" == *"{{"* ]]; then echo "FAIL: $1.pdf still holds a {{ tag"; fail=1; fi
}

files=()
for type in rectification-notice recommendation-letter work-summary; do
  for fmt in docx odt; do
    run generate "$type" --data "$src/examples/samples/$type.json" -o "$work/$type-$fmt.$fmt"
    files+=("$work/$type-$fmt.$fmt")
  done
done
# A sample of the golden cases, both formats.
for case in docx-table-row-loop docx-header-footer-footnote odt-libreoffice odt-table-row-loop \
            docx-images docx-image-placeholders odt-images odt-image-placeholders; do
  dir=$src/tests/golden/$case
  for t in "$dir"/template.docx "$dir"/template.odt; do
    [ -f "$t" ] || continue
    out="$work/$case.${t##*.}"
    run render "$t" --data "$dir/data.json" -o "$out"
    files+=("$out")
  done
done
to_pdf "${files[@]}"

for fmt in docx odt; do
  expect_pdf rectification-notice-$fmt 3 5 "中共清河县委第一巡察组" "县巡一〔2023〕5号" "关于县教育局党组巡察反馈问题整改的通知" \
    "开展了第三轮巡察" "巡察共发现问题4个" "一是提高政治站位" "请于2023年9月3日前完成整改" "回执" "—1—"
  expect_pdf recommendation-letter-$fmt 2 4 "县巡组〔2023〕12号" "等4个单位开展了第三轮常规巡察" "共4个" \
    "（一）落实全面从严治党主体责任不到位" "一是督促系统内各单位" "请你单位认真研究" "2023年8月11日前" "附件：教育系统巡察发现问题清单"
  expect_pdf work-summary-$fmt 5 8 "清河县2023年上半年巡察工作总结" "2023年4月10日，县委启动了第三轮常规巡察" \
    "占巡察发现问题总数的8.9%" "全县已更新巡察人才库156人，其中副科级以上领导干部42人" "四、下步打算"
done
for f in "${files[@]}"; do
  name=$(basename "${f%.*}")
  [ -s "$work/pdf/$name.pdf" ] || { echo "FAIL: $name did not convert"; fail=1; }
done
# Image tags: the pictures reach the page (raster ones listed by pdfimages; the SVGs are drawn as vectors).
for want in docx-images:5 docx-image-placeholders:3 odt-images:5 odt-image-placeholders:3; do
  name=${want%:*} n=${want#*:}
  got=$(pdfimages -list "$work/pdf/$name.pdf" 2>/dev/null | tail -n +3 | wc -l)
  [ "$got" = "$n" ] || { echo "FAIL: $name.pdf holds $got images, not $n"; fail=1; }
done
exit $fail
