#!/usr/bin/env bash
# gongwen batch end to end: the same rows from CSV (UTF-8 and GB18030), XLSX written by
# LibreOffice and JSON give the same documents; bad rows are reported while good ones are
# written; a batch killed with SIGKILL finishes with --resume; hostile names stay inside
# --out-dir; shards split the rows; PDF goes through one LibreOffice that survives being killed.
# args: GONGWEN SOURCE_DIR
set -uo pipefail
bin=$1 src=$2
work=$(mktemp -d /tmp/gongwen-batch.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
fail=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }
ex=$src/examples/batch

texts() {  # folder -> one line per document: name and its visible text
  for f in "$1"/*.docx; do
    printf '%s\t%s\n' "$(basename "$f")" "$(unzip -p "$f" word/document.xml | sed 's/<[^>]*>//g' | tr -d '\n')"
  done
}

# 1. The same rows from four sources.
"$bin" batch rectification-notice --data "$ex/notices.csv" --rows "$ex/problems.csv:被巡察单位" --out-dir "$work/csv" \
  --report "$work/csv-report.json" 2>"$work/csv.log" || { bad "CSV batch"; cat "$work/csv.log"; }
n=$(ls "$work/csv"/*.docx 2>/dev/null | wc -l)
[ "$n" = 3 ] && ok "CSV batch wrote 3 documents" || bad "CSV batch wrote $n documents"
texts "$work/csv" >"$work/csv.txt"
grep -q "县人民医院巡察整改通知书.docx.*药品回扣问题线索处置不及时" "$work/csv.txt" && ok "problems joined by key" || bad "problems not joined"
grep -q "一是提高政治站位，压实整改责任。二是建立问题清单" "$work/csv.txt" && ok "a cell of 整改要求 split on ；" || bad "整改要求 not split"
iconv -f UTF-8 -t GB18030 "$ex/notices.csv" >"$work/notices-gb.csv"
iconv -f UTF-8 -t GB18030 "$ex/problems.csv" >"$work/problems-gb.csv"
"$bin" batch rectification-notice --data "$work/notices-gb.csv" --rows "$work/problems-gb.csv:被巡察单位" --out-dir "$work/gb" 2>"$work/gb.log" \
  || { bad "GB18030 batch"; cat "$work/gb.log"; }
texts "$work/gb" | diff -q - "$work/csv.txt" >/dev/null && ok "GB18030 CSV gives the same documents" || bad "GB18030 CSV differs"
"$bin" batch rectification-notice --data "$ex/notices.xlsx" --rows "$ex/problems.csv:被巡察单位" --out-dir "$work/xlsx" 2>"$work/xlsx.log" \
  || { bad "XLSX batch"; cat "$work/xlsx.log"; }
texts "$work/xlsx" | diff - "$work/csv.txt" >"$work/xlsx.diff" && ok "XLSX written by LibreOffice gives the same documents" || { bad "XLSX differs"; head -5 "$work/xlsx.diff"; }
python3 - "$ex/notices.csv" "$work/notices.json" <<'PY'
import csv, json, sys
rows = [{k: v for k, v in r.items() if v} for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))]
json.dump(rows, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
"$bin" batch rectification-notice --data "$work/notices.json" --rows "$ex/problems.csv:被巡察单位" --out-dir "$work/json" 2>"$work/json.log" \
  || { bad "JSON batch"; cat "$work/json.log"; }
texts "$work/json" | diff -q - "$work/csv.txt" >/dev/null && ok "JSON gives the same documents" || bad "JSON differs"
"$bin" check --layout off "$work"/csv/*.docx 2>/dev/null && ok "batch documents pass gongwen check (XML rules)" || bad "gongwen check"

# 2. Bad rows are reported with their row numbers; the good rows are written.
cp "$ex/notices.csv" "$work/bad.csv"
echo "县财政局,中共清河县财政局党组,县巡一〔2023〕9号,标题,县委第一巡察组,2023-04-10,不是日期,三,,王某某,1,机关,署名,2023-07-05,机关," >>"$work/bad.csv"
echo ",缺单位,县巡一〔2023〕10号,标题,县委第一巡察组,2023-04-10,2023-06-09,3,,王某某,1,机关,署名,2023-07-05,机关," >>"$work/bad.csv"
cp "$ex/problems.csv" "$work/bad-problems.csv"
echo "县公安局,无此单位的问题,其他," >>"$work/bad-problems.csv"
"$bin" batch rectification-notice --data "$work/bad.csv" --rows "$work/bad-problems.csv:被巡察单位" --out-dir "$work/bad" \
  --report "$work/bad.json" 2>"$work/bad.log"
rc=$?
[ $rc = 1 ] && ok "exit 1 when rows fail" || bad "exit $rc with bad rows"
grep -q "bad.csv:5: error\[invalid-data\]: 「巡察结束日期」(巡察结束): must be a date" "$work/bad.log" && ok "bad date reported at row 5" || { bad "bad date"; cat "$work/bad.log"; }
grep -q "bad.csv:5: error\[invalid-data\]: 「巡察轮次」(轮次): must be a whole number" "$work/bad.log" && ok "bad integer reported at row 5" || bad "bad integer"
grep -q "bad.csv:6: error\[invalid-data\]: 「被巡察单位」: required" "$work/bad.log" && ok "missing field reported at row 6" || bad "missing field"
grep -q "bad-problems.csv:7: error\[unknown-key\]: 「被巡察单位」 '县公安局' names no row" "$work/bad.log" && ok "unknown key in the problems file" || bad "unknown key"
[ "$(ls "$work/bad"/*.docx | wc -l)" = 3 ] && ok "the 3 good rows were written" || bad "good rows missing"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); c=(r['written'],r['failed']); assert c==(3,2), c" "$work/bad.json" 2>&1 | tail -1 \
  && ok "report.json counts written 3, failed 2" || bad "report counts"

# 3. Killed with SIGKILL mid-batch, then --resume: every document present, complete, once.
python3 - "$ex/notices.csv" "$work/many.csv" "$work/many-problems.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
w = csv.DictWriter(open(sys.argv[2], "w", encoding="utf-8", newline=""), fieldnames=rows[0].keys())
w.writeheader()
p = csv.writer(open(sys.argv[3], "w", encoding="utf-8", newline=""))
p.writerow(["被巡察单位", "问题", "类别", "依据"])
for i in range(4000):
    r = dict(rows[i % 3]); r["被巡察单位"] = f"单位{i:04d}"; w.writerow(r)
    p.writerow([r["被巡察单位"], f"问题{i}", "其他", ""])
PY
many=(--data "$work/many.csv" --rows "$work/many-problems.csv:被巡察单位")
"$bin" batch rectification-notice "${many[@]}" --out-dir "$work/many" --jobs 1 2>/dev/null &
pid=$!; pids+=("$pid")
for _ in $(seq 1 100); do [ "$(ls "$work/many" 2>/dev/null | wc -l)" -gt 200 ] && break; sleep 0.05; done
kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
before=$(ls "$work/many" | grep -c '\.docx$')
[ "$before" -lt 4000 ] && ok "killed after $before of 4000" || bad "the batch finished before the kill ($before)"
"$bin" batch rectification-notice "${many[@]}" --out-dir "$work/many" --resume --report "$work/resume.json" 2>"$work/resume.log" \
  || { bad "resume"; tail -3 "$work/resume.log"; }
n=$(ls "$work/many" | grep -c '\.docx$'); stray=$(ls -A "$work/many" | grep -vc '\.docx$')
[ "$n" = 4000 ] && [ "$stray" = 0 ] && ok "after --resume: 4000 documents, no stray files" || bad "after --resume: $n documents, $stray stray files"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); c=(r['written'],r['skipped'],r['failed']); assert r['skipped']>=$before-1 and c[0]+c[1]==4000, c" "$work/resume.json" 2>&1 | tail -1 \
  && ok "resume skipped the complete ones and wrote the rest" || bad "resume counts"
bad_zip=0
for f in "$work/many"/*.docx; do unzip -tq "$f" >/dev/null 2>&1 || bad_zip=$((bad_zip+1)); done
[ $bad_zip = 0 ] && ok "every document opens as a zip" || bad "$bad_zip damaged documents"

# 4. Hostile names stay inside --out-dir.
printf '被巡察单位,主送机关,发文字号,标题,巡察组,巡察开始日期,巡察结束日期,巡察轮次,联系人,联系电话,发文机关标志,发文机关署名,成文日期,印发机关\n' >"$work/hostile.csv"
for u in '../../etc/passwd' '..' '/abs/path' 'a\b:c*d?e""f<g>h|i' '县教育局' '县教育局'; do
  printf '"%s",x,县巡〔2023〕1号,t,g,2023-01-01,2023-01-02,1,c,1,m,s,2023-01-03,p\n' "$u" >>"$work/hostile.csv"
done
mkdir -p "$work/hostile-out"
printf '被巡察单位,问题,类别\n' >"$work/hostile-problems.csv"
for u in '../../etc/passwd' '..' '/abs/path' 'a\b:c*d?e""f<g>h|i' '县教育局'; do printf '"%s",p,其他\n' "$u" >>"$work/hostile-problems.csv"; done
"$bin" batch rectification-notice --data "$work/hostile.csv" --rows "$work/hostile-problems.csv:被巡察单位" --out-dir "$work/hostile-out" --name '../{{被巡察单位}}' 2>"$work/hostile.log" \
  || { bad "hostile batch"; cat "$work/hostile.log"; }
outside=$(find "$work" -maxdepth 1 -type f -name '*.docx' | wc -l)
n=$(ls "$work/hostile-out" | wc -l)
[ "$outside" = 0 ] && [ "$n" = 6 ] && ok "hostile names: 6 files, all inside --out-dir" || bad "hostile names: $n inside, $outside outside"
ls "$work/hostile-out" | grep -q '_2.docx' && ok "duplicate names suffixed" || bad "no duplicate suffix"
# The same rows in 2 shards: the same 6 names as the whole batch (the two 县教育局 rows fall in
# different shards and still make 县教育局 and 县教育局_2, not one name twice).
for k in 1 2; do
  "$bin" batch rectification-notice --data "$work/hostile.csv" --rows "$work/hostile-problems.csv:被巡察单位" \
    --out-dir "$work/hostile-shards" --name '../{{被巡察单位}}' --shard $k/2 2>>"$work/hostile-shards.log"
done
if [ "$(ls "$work/hostile-shards" | sort)" = "$(ls "$work/hostile-out" | sort)" ]; then
  ok "shards name their documents as the whole batch does"
else
  bad "shards made other names: $(ls "$work/hostile-shards" | tr '\n' ' ') vs $(ls "$work/hostile-out" | tr '\n' ' ')"
fi

# 5. Shards are disjoint and cover the rows.
for k in 1 2 3; do "$bin" batch rectification-notice "${many[@]}" --out-dir "$work/s$k" --shard $k/3 2>/dev/null; done
total=$(cat <(ls "$work/s1") <(ls "$work/s2") <(ls "$work/s3") | sort | uniq | wc -l)
sum=$(( $(ls "$work/s1" | wc -l) + $(ls "$work/s2" | wc -l) + $(ls "$work/s3" | wc -l) ))
[ "$total" = 4000 ] && [ "$sum" = 4000 ] && ok "3 shards: 4000 documents, none twice" || bad "shards: $total distinct of $sum"

# 5b. --rows naming a field the type does not have, or one that is not a list: a usage error
#     (exit 2) that names the list fields, and nothing written (it used to crash, or fill 标题).
for f in x 标题; do
  "$bin" batch rectification-notice --data "$ex/notices.csv" --rows "$f=$ex/problems.csv:被巡察单位" \
    --out-dir "$work/rows-$f" 2>"$work/rows-$f.log"
  rc=$?
  if [ "$rc" = 2 ] && grep -q "is not a list field of rectification-notice; its list fields are 问题" "$work/rows-$f.log" &&
     [ -z "$(ls "$work/rows-$f" 2>/dev/null)" ]; then
    ok "--rows $f=…: usage error naming the list fields"
  else
    bad "--rows $f=…: exit $rc"; cat "$work/rows-$f.log"
  fi
done

# 5e. A --rows key column the file does not have: one line naming the columns it has, exit 2
#     (it printed a line per row); a key on two rows of the data is reported.
"$bin" batch rectification-notice --data "$ex/notices.csv" --rows "$ex/problems.csv:单位" --out-dir "$work/badkey" 2>"$work/badkey.log"
rc=$?
[ "$rc" = 2 ] && [ "$(wc -l <"$work/badkey.log")" = 1 ] &&
  grep -q "problems.csv has no column 「单位」; its columns are 被巡察单位、问题、类别、依据" "$work/badkey.log" &&
  ok "a wrong --rows key column: one line with the columns there are" || { bad "wrong key column: exit $rc"; cat "$work/badkey.log"; }
grep -q "warning\[duplicate-key\]: 「被巡察单位」 '县教育局' is also on row 6" "$work/hostile.log" &&
  ok "a key on two rows of the data is reported" || { bad "duplicate key not reported"; cat "$work/hostile.log"; }

# 5d. A misspelled column (抄送单位 for 抄送机关) is read by nobody: said once, with the field it
#     resembles; --strict stops the batch before anything is written. (It was silently dropped:
#     the notices went out without 抄送, "written 3, failed 0".)
sed '1s/抄送机关/抄送单位/' "$ex/notices.csv" >"$work/typo.csv"
"$bin" batch rectification-notice --data "$work/typo.csv" --rows "$ex/problems.csv:被巡察单位" --out-dir "$work/typo" 2>"$work/typo.log"
rc=$?
n=$(grep -c 'warning\[unknown-column\]: column 「抄送单位」 is not a field of rectification-notice and is ignored; did you mean 「抄送机关」' "$work/typo.log")
[ "$rc" = 0 ] && [ "$n" = 1 ] && [ "$(ls "$work/typo" | wc -l)" = 3 ] && ok "a misspelled column is reported once, with the field it resembles" ||
  { bad "misspelled column: exit $rc, $n warnings"; cat "$work/typo.log"; }
"$bin" batch rectification-notice --data "$work/typo.csv" --rows "$ex/problems.csv:被巡察单位" --out-dir "$work/typo-strict" --strict 2>"$work/typo-strict.log"
rc=$?
[ "$rc" = 1 ] && grep -q 'error\[unknown-column\]' "$work/typo-strict.log" && [ -z "$(ls "$work/typo-strict" 2>/dev/null)" ] &&
  ok "--strict: a misspelled column stops the batch, nothing written" || { bad "--strict misspelled column: exit $rc"; cat "$work/typo-strict.log"; }

# 5f. XLSX data with a GB18030 CSV of rows (issue 11, item 9): --encoding is the default of the
#     .csv inputs only (it refused XLSX data: "--encoding applies only to .csv files"), and a
#     rows file may carry its own: FILE:KEY,encoding=NAME.
csv2xlsx() {  # CSV (UTF-8) -> a one-sheet XLSX named 单位, inline strings, written by hand
  python3 - "$1" "$2" <<'PY'
import csv, sys, zipfile
from xml.sax.saxutils import escape
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
cells = "".join(
    f'<row r="{r + 1}">' + "".join(f'<c r="{col(c)}{r + 1}" t="inlineStr"><is><t>{escape(v)}</t></is></c>' for c, v in enumerate(row) if v) + "</row>"
    for r, row in enumerate(rows))
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
               '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns}><sheets><sheet name="单位" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>{cells}</sheetData></worksheet>')
PY
}
"$bin" batch rectification-notice --data "$ex/notices.xlsx" --rows "$work/problems-gb.csv:被巡察单位" --encoding GB18030 \
  --out-dir "$work/xlsx-gb" 2>"$work/xlsx-gb.log" || { bad "XLSX data with --encoding GB18030 rows"; cat "$work/xlsx-gb.log"; }
texts "$work/xlsx-gb" | diff -q - "$work/csv.txt" >/dev/null && ok "XLSX data + GB18030 rows (--encoding as a default): the same documents" ||
  bad "XLSX data + GB18030 rows (--encoding) differ"
"$bin" batch rectification-notice --data "$ex/notices.xlsx" --rows "问题=$work/problems-gb.csv:被巡察单位,encoding=GB18030" \
  --out-dir "$work/xlsx-gb2" 2>"$work/xlsx-gb2.log" || { bad "XLSX data with FILE:KEY,encoding=GB18030"; cat "$work/xlsx-gb2.log"; }
texts "$work/xlsx-gb2" | diff -q - "$work/csv.txt" >/dev/null && ok "XLSX data + rows FILE:KEY,encoding=GB18030: the same documents" ||
  bad "XLSX data + rows FILE:KEY,encoding=GB18030 differ"
"$bin" batch rectification-notice --data "$ex/notices.xlsx" --rows "$ex/problems.csv:被巡察单位,sheet=x" --out-dir "$work/xlsx-gb3" 2>"$work/xlsx-gb3.log"
rc=$?
[ "$rc" = 2 ] && grep -q "sheet= applies only to an .xlsx file" "$work/xlsx-gb3.log" && ok "a rows option the file cannot use: usage error" ||
  { bad "sheet= on a CSV rows file: exit $rc"; cat "$work/xlsx-gb3.log"; }
"$bin" batch rectification-notice --data "$ex/notices.csv" --rows "$ex/problems.csv:被巡察单位" --sheet x --out-dir "$work/xlsx-gb4" 2>"$work/xlsx-gb4.log"
rc=$?
[ "$rc" = 2 ] && grep -q -- "--sheet applies only to .xlsx files" "$work/xlsx-gb4.log" && ok "--sheet with no .xlsx input: usage error" ||
  { bad "--sheet with no .xlsx input: exit $rc"; cat "$work/xlsx-gb4.log"; }

# 5g. Every problem names the file, sheet, row and column where the value is (item 7): a bad
#     cell of an XLSX by its cell, a bad record of a rows file by that file's line and column
#     (it named the data row: "notices.xlsx:3: … row 2"); an impossible date says why (item 12).
sed '3s/2023-06-09/2024-04-31/' "$ex/notices.csv" >"$work/units.csv"
csv2xlsx "$work/units.csv" "$work/units.xlsx"
cp "$ex/problems.csv" "$work/problems2.csv"
echo '县卫生健康局,,不是类别,' >>"$work/problems2.csv"   # line 7: 问题 empty, 类别 not a choice
"$bin" batch rectification-notice --data "$work/units.xlsx" --rows "$work/problems2.csv:被巡察单位" --out-dir "$work/where" 2>"$work/where.log"
rc=$?
[ "$rc" = 1 ] && grep -q "units.xlsx:单位!G3: error\[invalid-data\]: 「巡察结束日期」(巡察结束): 2024-04-31 is not a valid date: April has only 30 days" "$work/where.log" &&
  ok "an impossible date in an XLSX: its sheet and cell, and why" || { bad "XLSX cell / impossible date: exit $rc"; cat "$work/where.log"; }
grep -q "problems2.csv:7: error\[invalid-data\]: 「类别」, 「发现的问题」(问题) row 2 in .*units.xlsx:3: must be one of" "$work/where.log" &&
  grep -q "problems2.csv:7: error\[invalid-data\]: 「问题」(描述), 「发现的问题」(问题) row 2 in .*units.xlsx:3: required" "$work/where.log" &&
  ok "a bad record of a rows file: that file's line and column, and its document" || { bad "rows-file record not located"; cat "$work/where.log"; }

# A key of an XLSX rows file that names no document: its sheet and cell (it was "problems.xlsx:7").
cp "$ex/problems.csv" "$work/stray.csv"
echo "县公安局,无此单位的问题,其他," >>"$work/stray.csv"
csv2xlsx "$work/stray.csv" "$work/stray.xlsx"
"$bin" batch rectification-notice --data "$ex/notices.csv" --rows "$work/stray.xlsx:被巡察单位" --out-dir "$work/stray" 2>"$work/stray.log"
grep -q "stray.xlsx:单位!A7: error\[unknown-key\]: 「被巡察单位」 '县公安局' names no row" "$work/stray.log" &&
  ok "an unknown key in an XLSX rows file: its sheet and cell" || { bad "unknown key in XLSX rows: not by cell"; cat "$work/stray.log"; }

# 5h. JSON rows whose list records use the columns' labels (问题 for 描述, as problems.csv does)
#     are read as batch reads CSV (item 11); a record key that names no column is said once for
#     the batch, with the column it resembles, and --strict stops it (item 6).
python3 - "$ex/notices.csv" "$ex/problems.csv" "$work/labels.json" "$work/typo-rec.json" <<'PY'
import csv, json, sys
units = [{k: v for k, v in r.items() if v} for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))]
probs = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
for u in units:
    u["问题"] = [{"问题": p["问题"], "类别": p["类别"]} for p in probs if p["被巡察单位"] == u["被巡察单位"]]
json.dump(units, open(sys.argv[3], "w", encoding="utf-8"), ensure_ascii=False)
for u in units:
    for p in u["问题"]:
        p["描述"] = p.pop("问题")
        p["依据条款"] = "x"
json.dump(units, open(sys.argv[4], "w", encoding="utf-8"), ensure_ascii=False)
PY
"$bin" batch rectification-notice --data "$work/labels.json" --out-dir "$work/labels" 2>"$work/labels.log"
rc=$?
texts "$work/labels" >"$work/labels.txt"
[ "$rc" = 0 ] && grep -q "县人民医院巡察整改通知书.docx.*药品回扣问题线索处置不及时" "$work/labels.txt" &&
  ok "JSON list records keyed by the columns' labels" || { bad "JSON records by label: exit $rc"; cat "$work/labels.log"; }
"$bin" batch rectification-notice --data "$work/typo-rec.json" --out-dir "$work/typo-rec" 2>"$work/typo-rec.log"
rc=$?
n=$(grep -c "warning\[unknown-column\]: 「发现的问题」(问题): 「依据条款」 is not a column of its records and is ignored; did you mean 「依据」?" "$work/typo-rec.log")
[ "$rc" = 0 ] && [ "$n" = 1 ] && ok "an unknown key of JSON list records: said once, with the column it resembles" ||
  { bad "unknown record key: exit $rc, $n warnings"; cat "$work/typo-rec.log"; }
"$bin" batch rectification-notice --data "$work/typo-rec.json" --out-dir "$work/typo-rec-strict" --strict 2>"$work/typo-rec-strict.log"
rc=$?
[ "$rc" = 1 ] && grep -q "error\[unknown-column\]: 「发现的问题」(问题): 「依据条款」" "$work/typo-rec-strict.log" && [ -z "$(ls "$work/typo-rec-strict" 2>/dev/null)" ] &&
  ok "--strict: an unknown record key stops the batch, nothing written" || { bad "--strict unknown record key: exit $rc"; cat "$work/typo-rec-strict.log"; }

# 5i. A character XML cannot hold in a CSV cell (item 13): the data file, row and field, exit 1,
#     that document not written (it blamed the installed template's paragraph).
python3 - "$ex/notices.csv" "$work/ctl.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
lines[2] = lines[2].replace("关于", "关于\x01", 1)
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines))
PY
"$bin" batch rectification-notice --data "$work/ctl.csv" --rows "$ex/problems.csv:被巡察单位" --out-dir "$work/ctl" 2>"$work/ctl.log"
rc=$?
[ "$rc" = 1 ] && grep -q "ctl.csv:3: error\[invalid-data\]: 「标题」: holds U+0001" "$work/ctl.log" && ! grep -q "notice.docx" "$work/ctl.log" &&
  [ "$(ls "$work/ctl" | wc -l)" = 2 ] && ok "U+0001 in a CSV cell: the data's row and field, that document not written" ||
  { bad "U+0001 in a CSV cell: exit $rc"; cat "$work/ctl.log"; }

# 5f. A rerun without --resume or --force where the outputs exist: one line for them all, exit 1,
#     nothing written or overwritten (it was an error line per row, and the missing ones written).
sums() { md5sum "$work/csv"/*.docx | sort; }
before=$(sums)
"$bin" batch rectification-notice --data "$ex/notices.csv" --rows "$ex/problems.csv:被巡察单位" --out-dir "$work/csv" 2>"$work/rerun.log"
rc=$?
[ "$rc" = 1 ] && [ "$(grep -c 'error' "$work/rerun.log")" = 1 ] &&
  grep -q "csv: error\[output-exists\]: 3 outputs exist (.*); use --resume to keep them and write the rest, or --force to overwrite them" "$work/rerun.log" &&
  [ "$(sums)" = "$before" ] && ok "a rerun over existing outputs: one line, exit 1, nothing touched" ||
  { bad "rerun over existing outputs: exit $rc"; cat "$work/rerun.log"; }
gone=$(ls "$work/csv" | head -1)
mv "$work/csv/$gone" "$work/kept.docx"
"$bin" batch rectification-notice --data "$ex/notices.csv" --rows "$ex/problems.csv:被巡察单位" --out-dir "$work/csv" 2>"$work/rerun2.log"
rc=$?
[ "$rc" = 1 ] && grep -q "error\[output-exists\]: 2 of the 3 outputs exist" "$work/rerun2.log" && [ ! -e "$work/csv/$gone" ] &&
  ok "some outputs there: said once, the missing one not written either" || { bad "rerun with 2 of 3: exit $rc"; cat "$work/rerun2.log"; }
mv "$work/kept.docx" "$work/csv/$gone"
# An unwritable --report: said before the batch starts (it failed after writing every document).
for rep in "$work/no-such-folder/r.json" "$work"; do
  "$bin" batch rectification-notice --data "$ex/notices.csv" --rows "$ex/problems.csv:被巡察单位" --out-dir "$work/rep-out" \
    --report "$rep" 2>"$work/rep.log"
  rc=$?
  [ "$rc" = 1 ] && grep -q "^$rep: error\[cannot-write\]: the report cannot be written there" "$work/rep.log" && [ ! -e "$work/rep-out" ] &&
    ok "--report $rep: refused before the batch, nothing written" || { bad "--report $rep: exit $rc"; cat "$work/rep.log"; ls "$work/rep-out"; }
done
# A report in the output folder the batch makes (examples/batch/README.md's command; it was
# refused: "no folder").
"$bin" batch rectification-notice --data "$ex/notices.csv" --rows "$ex/problems.csv:被巡察单位" --out-dir "$work/rep-new/notices" \
  --report "$work/rep-new/notices/report.json" 2>"$work/rep.log"
rc=$?
[ "$rc" = 0 ] && [ -s "$work/rep-new/notices/report.json" ] && [ "$(ls "$work/rep-new/notices" | grep -c '\.docx$')" = 3 ] &&
  ok "--report in the --out-dir the batch makes: written with the 3 documents" || { bad "--report in a new --out-dir: exit $rc"; cat "$work/rep.log"; }

# 5j. A plugin's own check (work-summary: 上一轮反馈问题数 = 0) reads like the schema's: on the
#     data's cell and field (item 14; it was libwork-summary.so: … prepare failed).
python3 - "$src/examples/samples/work-summary.json" "$work/ws.csv" <<'PY'
import csv, json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["反馈问题数"] = 0
d["整改不到位问题数"] = 0
d.pop("印章", None)  # the sample's seal is an embedded picture ({data: base64}), not a cell's text
keys = ["反馈问题数"] + [k for k in d if k != "反馈问题数"]
w = csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""))
w.writerow(keys)
w.writerow(["；".join(d[k]) if isinstance(d[k], list) else d[k] for k in keys])
PY
csv2xlsx "$work/ws.csv" "$work/ws.xlsx"
"$bin" batch work-summary --data "$work/ws.xlsx" --out-dir "$work/ws" 2>"$work/ws.log"
rc=$?
[ "$rc" = 1 ] && grep -q "ws.xlsx:单位!A2: error\[invalid-data\]: 「上一轮反馈问题数」(反馈问题数): 为0" "$work/ws.log" && ! grep -q "libwork-summary" "$work/ws.log" &&
  ok "a plugin's check on a zero total: the data's cell and field" || { bad "work-summary zero total: exit $rc"; cat "$work/ws.log"; }

# 5c. GONGWEN_OFFICE_CONNECT naming a port where no office listens: a clear error in seconds
#     (it waited 90 s), nothing written. Only with the office bridge (a build without it runs
#     soffice --convert-to and has no use for the variable).
if [ -f "$(dirname "$bin")/../lib/gongwen/office-bridge.so" ]; then
  start=$SECONDS
  GONGWEN_OFFICE_CONNECT="socket,host=127.0.0.1,port=9" "$bin" generate rectification-notice \
    --data "$src/examples/samples/rectification-notice.json" -o "$work/dead-port.pdf" 2>"$work/dead-port.log"
  rc=$? took=$((SECONDS - start))
  if [ "$rc" = 1 ] && [ "$took" -le 20 ] && grep -q "no office listens on socket,host=127.0.0.1,port=9" "$work/dead-port.log" &&
     [ ! -e "$work/dead-port.pdf" ]; then
    ok "GONGWEN_OFFICE_CONNECT to a dead port: error in ${took} s"
  else
    bad "GONGWEN_OFFICE_CONNECT to a dead port: exit $rc after ${took} s"; cat "$work/dead-port.log"
  fi
fi

# 6. PDF through one LibreOffice over UNO, which is killed twice — while it starts, and after the
#    first PDF — and started again each time.
if command -v soffice >/dev/null; then
  head -21 "$work/many.csv" >"$work/twenty.csv"
  head -21 "$work/many-problems.csv" >"$work/twenty-problems.csv"
  "$bin" batch rectification-notice --data "$work/twenty.csv" --rows "$work/twenty-problems.csv:被巡察单位" --out-dir "$work/pdf" --format pdf 2>"$work/pdf.log" &
  pid=$!; pids+=("$pid")
  killed=0
  for _ in $(seq 1 400); do
    sp=$(pgrep -f "soffice.bin.*gongwen-pdf" | head -1)
    # (a fresh profile's first soffice.bin exits by itself and another takes over: retry the kill)
    if [ -n "$sp" ]; then sleep 0.3; if kill -9 "$sp" 2>/dev/null; then killed=$((killed + 1)); break; fi; fi
    sleep 0.05
  done
  # after the first PDF: the office then running (it may be between restarts for a moment)
  for _ in $(seq 1 2400); do
    kill -0 "$pid" 2>/dev/null || break
    if ls "$work/pdf"/*.pdf >/dev/null 2>&1; then
      sp=$(pgrep -f "soffice.bin.*gongwen-pdf" | head -1)
      if [ -n "$sp" ] && kill -9 "$sp" 2>/dev/null; then killed=$((killed + 1)); break; fi
    fi
    sleep 0.05
  done
  wait "$pid"; rc=$?
  n=$(ls "$work/pdf"/*.pdf 2>/dev/null | wc -l)
  bad_pdf=0
  for f in "$work/pdf"/*.pdf; do [ "$(head -c 5 "$f")" = "%PDF-" ] || bad_pdf=$((bad_pdf + 1)); done
  # Without the office bridge (a build without the LibreOffice SDK, e.g. the sanitizer build) each
  # worker's soffice --convert-to writes its PDFs as it goes, and the PDFs reach the output folder
  # when it ends: the second kill finds another worker's office still running, or none.
  want=2 least=2
  [ -f "$(dirname "$bin")/../lib/gongwen/office-bridge.so" ] || { want=1; least=1; }
  [ $rc = 0 ] && [ "$n" = 20 ] && [ $bad_pdf = 0 ] && [ $killed -ge $least ] && ok "PDF batch: 20 PDFs, soffice killed $killed times and restarted" \
    || { bad "PDF batch: rc $rc, $n PDFs ($bad_pdf not PDF), soffice killed $killed times (want $least or more)"; tail -5 "$work/pdf.log"; }
  left=$(pgrep -f "soffice.bin.*gongwen-pdf" | wc -l)
  [ "$left" = 0 ] && ok "PDF batch: no soffice left running" || bad "PDF batch: $left soffice processes left"

  # 6b. The batch killed with SIGKILL while its office runs: the office dies with it (oosplash and
  #     soffice.bin ran on for ever, 214 MB each, listening on their pipe), and the next run
  #     removes the temp folders it left — those of a live run stay. TMPDIR of its own, so that
  #     what is left is this batch's only.
  mkdir -p "$work/tmp"
  TMPDIR="$work/tmp" "$bin" batch rectification-notice --data "$work/twenty.csv" --rows "$work/twenty-problems.csv:被巡察单位" \
    --out-dir "$work/pdf-killed" --format pdf 2>/dev/null &
  pid=$!; pids+=("$pid")
  # Until the office has written a PDF (through the bridge: it runs on), or, without the bridge
  # (one soffice --convert-to writes every PDF at its end), until that office is there.
  for _ in $(seq 1 1200); do
    if [ "$want" = 1 ]; then pgrep -f "soffice.*$work/tmp/gongwen-pdf-$pid-" >/dev/null && sleep 1 && break
    else ls "$work/pdf-killed"/*.pdf >/dev/null 2>&1 && break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  office=$(pgrep -f "soffice.*$work/tmp/gongwen-pdf-$pid-" | tr '\n' ' ')
  [ -n "$office" ] && ok "the office runs (pid $office)" || bad "no office of the batch found"
  kill -9 "$pid"; wait "$pid" 2>/dev/null
  for _ in $(seq 1 50); do
    left=$(pgrep -f "$work/tmp/gongwen-pdf-$pid-" | tr '\n' ' ')
    [ -z "$left" ] && break; sleep 0.1
  done
  if [ -z "$left" ]; then
    ok "the office died with the batch"
  else
    bad "the office outlived the batch: $left"; for p in $left; do kill -9 "$p"; done
  fi
  pgrep -f "oosplash.*$work/tmp/" >/dev/null && bad "oosplash left running"
  stale=$(ls "$work/tmp" | grep -c -e "^gongwen-batch-$pid-" -e "^gongwen-pdf-$pid-")
  mkdir "$work/tmp/gongwen-pdf-$$-live"  # a live process's (this script's): never removed
  TMPDIR="$work/tmp" "$bin" batch rectification-notice --data "$ex/notices.csv" --rows "$ex/problems.csv:被巡察单位" \
    --out-dir "$work/after-kill" 2>/dev/null || bad "the run after the kill"
  now=$(ls "$work/tmp" | grep -c -e "^gongwen-batch-$pid-" -e "^gongwen-pdf-$pid-")
  # the batch's own folder and one per office the pool had started (one or two here)
  [ "$stale" -ge 2 ] && [ "$now" = 0 ] && [ -d "$work/tmp/gongwen-pdf-$$-live" ] &&
    ok "the next run removed the killed batch's $stale temp folders, kept a live run's" ||
    { bad "temp folders: $stale left by the kill, $now after the next run"; ls -la "$work/tmp"; }
else
  echo "SKIP: PDF batch needs LibreOffice"
fi
exit $fail
