#!/usr/bin/env python3
"""Writes tests/data/types.xlsx: a workbook, written by hand, that covers what LibreOffice's
conversion of rows.csv does not: dates and times in builtin and custom formats, numbers, booleans,
inline and rich strings, formula results, rows and cells without references, and a formula error.

    python3 tests/data/make_xlsx_fixtures.py      # rewrites types.xlsx next to this script

The output is byte-for-byte reproducible (fixed timestamps, fixed order).

Sheets, in tab order:
  数据     the typed rows (its part is worksheets/sheet3.xml, reached by an absolute target)
  错误     C3 holds =B3/0, cached as #DIV/0!
  Q2 data  one plain row, to choose a sheet by a name with a space
"""
import os
import zipfile

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = HEAD + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
              'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in (1, 2, 3))
    + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '</Types>')

ROOT_RELS = HEAD + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')

WORKBOOK = HEAD + (
    f'<workbook {NS}><workbookPr date1904="false"/><sheets>'
    '<sheet name="数据" sheetId="1" r:id="rId3"/>'
    '<sheet name="错误" sheetId="2" r:id="rId1"/>'
    '<sheet name="Q2 data" sheetId="3" r:id="rId2"/>'
    '</sheets></workbook>')

WORKBOOK_RELS = HEAD + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/worksheet" Target="./worksheets/../worksheets/sheet2.xml"/>'
    f'<Relationship Id="rId3" Type="{REL}/worksheet" Target="/xl/worksheets/sheet3.xml"/>'
    f'<Relationship Id="rId4" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId5" Type="{REL}/styles" Target="styles.xml"/>'
    '</Relationships>')

# cellXfs index -> what it shows:
#   0 General   1 builtin 14 (date)   2 custom 164 date+time   3 custom 165 0" days" (a number: the
#   letters are quoted)   4 custom 166 yyyy"年"m"月"d"日" (date)   5 builtin 20 h:mm (time)
#   6 builtin 31 (the Chinese-locale long date)   7 custom 167 [h]:mm:ss (elapsed)
#   8 custom 168 [Red]0.00;[Blue]-0.00 (a number)
STYLES = HEAD + (
    f'<styleSheet {NS}><numFmts count="5">'
    '<numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/>'
    '<numFmt numFmtId="165" formatCode="0&quot; days&quot;"/>'
    '<numFmt numFmtId="166" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
    '<numFmt numFmtId="167" formatCode="[h]:mm:ss"/>'
    '<numFmt numFmtId="168" formatCode="[Red]0.00;[Blue]\\-0.00"/>'
    '</numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="9">'
    + "".join(f'<xf numFmtId="{n}" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              for n in (0, 14, 164, 165, 166, 20, 31, 167, 168))
    + '</cellXfs></styleSheet>')

SHARED = ["名称", "日期", "时间", "数量", "金额", "通过", "备注", "天数", "甲", "丙", "分子", "结果", "季度"]
RICH = ('<si><r><rPr><b/></rPr><t>富</t></r><r><t xml:space="preserve"> </t></r>'
        '<r><t>文本</t></r><rPh sb="0" eb="1"><t>フ</t></rPh></si>')  # index len(SHARED)
SHARED_XML = HEAD + (
    f'<sst {NS} count="{len(SHARED) + 1}" uniqueCount="{len(SHARED) + 1}">'
    + "".join(f"<si><t>{s}</t></si>" for s in SHARED) + RICH + "</sst>")


def s(ref, name, style=0):
    """A shared-string cell."""
    return f'<c r="{ref}" s="{style}" t="s"><v>{SHARED.index(name)}</v></c>'


def sheet(rows):
    return HEAD + f'<worksheet {NS}><sheetData>' + "".join(rows) + '</sheetData></worksheet>'


DATA = sheet([
    '<row r="1">' + "".join(s(f"{c}1", n) for c, n in zip("ABCDEFGH", SHARED[:8])) + '</row>',
    # 45292 = 2024-01-01; .5625 = 13:30; 3 under 0" days" stays a number.
    '<row r="2">' + s("A2", "甲")
    + '<c r="B2" s="1"><v>45292</v></c><c r="C2" s="2"><v>45292.5625</v></c>'
    '<c r="D2"><v>42</v></c><c r="E2" t="n"><v>1234.5</v></c><c r="F2" t="b"><v>1</v></c>'
    '<c r="G2" t="inlineStr"><is><r><t>内联</t></r><r><t>文本</t></r></is></c>'
    '<c r="H2" s="3"><v>3</v></c></row>',
    # A3 a formula's string result; B3 2024-02-29 in a Chinese custom format; C3 18:00;
    # D3 a formula's cached number; G3 a rich shared string with a phonetic run and _x000D_.
    '<row r="3"><c r="A3" t="str"><f>"乙"&amp;""</f><v>乙</v></c>'
    '<c r="B3" s="4"><v>45351</v></c><c r="C3" s="5"><v>0.75</v></c>'
    '<c r="D3"><f>D2*2</f><v>84</v></c><c r="E3" s="8"><v>-0.25</v></c><c r="F3" t="b"><v>0</v></c>'
    f'<c r="G3" t="s"><v>{len(SHARED)}</v></c>'
    '<c r="H3" t="inlineStr"><is><t>a_x000D_b</t></is></c></row>',
    # Only formatting: an empty row, skipped.
    '<row r="4"><c r="A4" s="1"/><c r="B4" s="2" t="s"/></row>',
    # Neither the row nor its cells say where they are: row 5, columns A, B, C.
    '<row><c t="s"><v>9</v></c><c s="6"><v>1</v></c><c s="7"><v>1.5</v></c>'
    '<c r="D5"><v>12345678901</v></c><c r="E5"><v>1E-3</v></c></row>',
])

ERRORS = sheet([
    '<row r="1">' + s("A1", "名称") + s("B1", "分子") + s("C1", "结果") + '</row>',
    '<row r="2">' + s("A2", "甲") + '<c r="B2"><v>1</v></c><c r="C2"><f>B2/1</f><v>1</v></c></row>',
    '<row r="3">' + s("A3", "丙") + '<c r="B3"><v>2</v></c><c r="C3" t="e"><f>B3/0</f><v>#DIV/0!</v></c></row>',
])

Q2 = sheet([
    '<row r="1">' + s("A1", "季度") + s("B1", "名称") + '</row>',
    '<row r="2"><c r="A2" t="inlineStr"><is><t>Q2</t></is></c>' + s("B2", "丙") + '</row>',
])

PARTS = [
    ("[Content_Types].xml", CONTENT_TYPES),
    ("_rels/.rels", ROOT_RELS),
    ("xl/workbook.xml", WORKBOOK),
    ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ("xl/styles.xml", STYLES),
    ("xl/sharedStrings.xml", SHARED_XML),
    ("xl/worksheets/sheet1.xml", ERRORS),
    ("xl/worksheets/sheet2.xml", Q2),
    ("xl/worksheets/sheet3.xml", DATA),
]


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "types.xlsx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in PARTS:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    print("wrote", out)


if __name__ == "__main__":
    main()
