#!/usr/bin/env bash
# The GB/T 9704 frame on many page breaks: the built-in types generated with text that grows a
# few characters at a time, in DOCX and ODT, laid out by LibreOffice and measured by
# `gongwen check --layout on`. Wherever the text ends — high or low on an odd or an even page —
# the 版记 must land at the foot of the last, even page, the signature must keep body lines with
# it and no heading may stand at a page foot. The variants must also take each of the frame's
# three ways of placing the 版记 (below the text, on the next page, after a blank page).
# args: GONGWEN SOURCE_DIR
set -uo pipefail
bin=$1 src=$2
work=$(mktemp -d /tmp/gongwen-sweep.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }

python3 - "$src" "$work" <<'PY'
import json, sys
src, work = sys.argv[1], sys.argv[2]
def sample(t):
    return json.load(open(f"{src}/examples/samples/{t}.json", encoding="utf-8"))
clause = "进一步加强系统内各单位监督检查工作，"
# The letter without its attachment: where the body ends decides the 版记's page.
for k in range(0, 16):
    d = sample("recommendation-letter")
    d.pop("附件", None)
    d["建议"] = d["建议"] + [clause * k + "推动整改落实" + "到位" * (k % 3) + "。"] * 2
    json.dump(d, open(f"{work}/letter-{k:02d}.json", "w"), ensure_ascii=False)
# The notice: its 回执 page opens on an odd or an even page as the body grows.
for k in range(0, 8):
    d = sample("rectification-notice")
    d["整改要求"] = d["整改要求"] + [clause * (4 * k + 1) + "确保整改见底。"]
    json.dump(d, open(f"{work}/notice-{k:02d}.json", "w"), ensure_ascii=False)
json.dump(sample("work-summary"), open(f"{work}/summary-00.json", "w"), ensure_ascii=False)
PY

docs=()
for data in "$work"/*.json; do
  name=$(basename "$data" .json)
  case $name in letter-*) type=recommendation-letter ;; notice-*) type=rectification-notice ;; *) type=work-summary ;; esac
  for fmt in docx odt; do
    if "$bin" generate "$type" --data "$data" -o "$work/$name.$fmt" 2>"$work/$name.$fmt.log"; then
      docs+=("$work/$name.$fmt")
    else
      bad "generate $name.$fmt"; cat "$work/$name.$fmt.log"
    fi
  done
done

# Which way each DOCX placed its 版记 (the switches the engine set).
below=0 next=0 blank=0
for f in "$work"/*.docx; do
  xml=$(unzip -p "$f" word/document.xml)
  if grep -q '<w:pPr><w:pStyle w:val="EndAnchor"/><w:sectPr>' <<<"$xml"; then blank=$((blank + 1))
  elif grep -q '<w:pStyle w:val="EndAnchor"/><w:pageBreakBefore/>' <<<"$xml"; then next=$((next + 1))
  else below=$((below + 1)); fi
done
echo "版记 below the text: $below, on the next page: $next, after a blank page: $blank"
[ "$below" -gt 0 ] && [ "$next" -gt 0 ] && [ "$blank" -gt 0 ] && ok "the variants take all three ways" ||
  bad "the variants do not take all three ways of placing the 版记"

# As a clerk runs it: by name from PATH, in another folder — it must still find its PDF reader
# and office bridge (next to its real location), or the layout goes unchecked.
bindir=$(cd "$(dirname "$bin")" && pwd)
if (cd "$work" && PATH="$bindir:$PATH" gongwen check --layout on "${docs[@]}") >"$work/check.log" 2>&1; then
  ok "gongwen check --layout on (run from PATH): ${#docs[@]} documents, no deviation"
else
  bad "gongwen check --layout on finds deviations:"; cat "$work/check.log"
fi
[ "$fail" = 0 ] && echo "frame sweep: all ok" || echo "frame sweep: FAILED"
exit $fail
