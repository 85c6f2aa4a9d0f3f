#!/usr/bin/env python3
"""Tiny DOCX documents for the layout check (`gongwen check` on laid-out pages), their ODT twins,
and their PDFs.

`good` follows GB/T 9704 as the layout check measures it; every other fixture changes one thing
of it so that exactly one rule fails (tests/unit/layout_check_test.cpp names the rule). The
documents are written with the standard library only; with --pdf one headless LibreOffice (a
profile of its own) converts each to its ODT twin and lays both out to PDF, as `gongwen check`
does.

    make_fixtures.py OUTDIR [--pdf] [--soffice PATH]

OUTDIR/<name>.docx (and .pdf), with --pdf also OUTDIR/odt/<name>.odt and .pdf; OUTDIR/.stamp
records what made them, so a second run (every test process calls it) reuses them, and a lock
keeps parallel test processes from colliding.

The ODT twins are LibreOffice's own conversion of the DOCX, then one correction: its DOCX import
reads w:overflowPunct the wrong way round (val="0", "punctuation must not hang" in Word and WPS,
becomes hanging punctuation; no element keeps its default, hanging). Each ODT's
style:punctuation-wrap is therefore set to what the fixture means: "hanging" in
hanging-punctuation, "simple" (nothing hangs) in every other one, the good one included.

Fonts: FandolFang (仿宋), FandolHei (黑体), Noto Serif CJK SC Bold (小标宋), Liberation Serif —
what scripts/run.sh installs.
"""
import fcntl
import hashlib
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

TWIP_PER_MM = 1440 / 25.4
PITCH = 579  # 28.95 pt, twips: 22 lines a page

# Figures found by laying the documents out with LibreOffice and measuring them (the good one
# passes every rule). Each fixture overrides some of them.
BASE = dict(
    mark_before_mm=17.6,   # space above the organ mark, under the 份号 line
    mark_after_mm=0.0,     # a fixture that moves the mark gives the space back here
    rule_space_pt=9,       # the red rule's distance under the 发文字号 (paragraph border)
    number_after_pt=0,     # ...and what a fixture gives back under it
    overflow_punct=False,  # hanging punctuation (Word's and LibreOffice's default is on)
    spacing=-5,            # letter spacing, 1/20 pt: FandolFang 16 pt − 0.25 pt gives 28 a line
    heading_keep=True,
    doc_number="县巡一〔2023〕5号",
    title=["关于县教育局党组巡察反馈问题", "整改工作的通知"],
    body=[("p", 3), ("h", "一、发现的问题"), ("p", 4), ("h", "二、整改要求"), ("p", 5), ("p", 3)],
    edition_shift_mm=0.0,  # moves the 版记 up from the type area's bottom
    odd_align="right",
    pitch=PITCH,           # the line pitch, twips
    seal=None,             # a seal picture over the signature: dict(color=(r, g, b), dx_mm=0, dy_mm=0)
)
RED_SEAL = dict(color=(230, 0, 18), dx_mm=0, dy_mm=0)
PAGE1_LINES = 7  # body lines page 1 holds under the 主送机关 line (measured)

FIXTURES = {
    "good": {},
    "organ-mark-high": dict(mark_before_mm=BASE["mark_before_mm"] - 10, mark_after_mm=10),
    "red-rule-close": dict(rule_space_pt=3, number_after_pt=6),
    "hanging-punctuation": dict(overflow_punct=True, body=[("hang", 3)] + BASE["body"][1:]),
    "29-characters": dict(spacing=-16),
    "body-12pt": dict(body=[("small", 4)] + BASE["body"][1:]),  # one body paragraph set to 小四 (12 pt)
    "heading-at-foot": dict(heading_keep=False,
                            body=[("p", PAGE1_LINES - 1), ("h", "一、发现的问题"), ("p", 4), ("p", 3)]),
    "signature-alone": dict(body=[("p", PAGE1_LINES)]),  # the blank lines, signature and date go over
    "edition-odd-page": dict(body=BASE["body"] + [("p", 22)]),
    "edition-not-at-bottom": dict(edition_shift_mm=20),
    "page-number-left": dict(odd_align="left"),
    "title-inside-word": dict(title=["关于县教育局党组巡察反馈问", "题整改工作的通知"]),  # 问题 split
    "doc-number-brackets": dict(doc_number="县巡一[2023]第05号"),
    "line-pitch-30pt": dict(pitch=600),
    "doc-number-chinese-year": dict(doc_number="县巡一〔二〇二三〕5号"),
    # one attachment numbered 1., and no page of the document starts with 附件
    "attachment-numbered-alone": dict(body=BASE["body"] + [("note", "附件：1.巡察发现问题清单")]),
    # the seal (§7.3.5.1): placed as the frame places it, then 15 mm too low, 8 mm right, blue
    "sealed": dict(seal=RED_SEAL),
    "seal-low": dict(seal=dict(RED_SEAL, dy_mm=15)),
    "seal-off-centre": dict(seal=dict(RED_SEAL, dx_mm=8)),
    "seal-blue": dict(seal=dict(RED_SEAL, color=(20, 60, 220))),
}

POOL = ("巡察整改工作坚持以新时代中国特色社会主义思想为指导全面贯彻党的二十大精神聚焦职能责任"
        "持续推动被巡察单位把问题整改落到实处切实提升管党治党水平压紧压实主体责任建立健全长效机制"
        "深化以案促改以案促治推进全面从严治党向纵深发展营造风清气正的良好政治生态")


def body_text(lines, seed, hang=False):
    """A paragraph of exactly `lines` full lines: 26 characters (2 of indent), then 28 a line,
    a comma mid-line, 。 in the last slot. With `hang`, a comma falls on slot 29 of line 1."""
    out = []
    k = seed * 37
    for i in range(lines):
        n = 26 if i == 0 else 28
        line = []
        for j in range(n):
            line.append(POOL[k % len(POOL)])
            k += 1
        line[12] = "，"
        out.append("".join(line))
    text = "".join(out)[:-1] + "。"
    if hang:  # a comma right after the first line's 26 characters: it hangs, or pulls one down
        text = text[:26] + "，" + text[26:-2] + "。"
    return text


def seal_png(color, px=331):
    """A plain seal, 42 mm at 200 dpi: a ring and a five-pointed star in `color` on transparency
    (PNG written with zlib)."""
    import struct
    import zlib
    c, r_out, r_in = (px - 1) / 2, px / 2 - 1, px / 2 - 9
    star = []
    for i in range(10):
        rad = (px * 0.17) if i % 2 == 0 else (px * 0.17 * 0.382)
        a = math.radians(-90 + 36 * i)
        star.append((c + rad * math.cos(a), c + rad * math.sin(a)))

    def in_star(x, y):
        inside = False
        for (x1, y1), (x2, y2) in zip(star, star[1:] + star[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
        return inside
    rows = bytearray()
    for y in range(px):
        rows.append(0)
        for x in range(px):
            d = math.hypot(x - c, y - c)
            on = r_in <= d <= r_out or in_star(x, y)
            rows += bytes(color) + (b"\xff" if on else b"\x00")
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", px, px, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


def seal_run(seal, date_w_pt):
    """The seal floating in front of the text, anchored in the date's paragraph: centred over the
    date (which ends 4 characters from the right), its top 73.5 pt above the paragraph's top —
    as the frame (templates/gbt9704) places it — moved by dx_mm/dy_mm."""
    emu = lambda mm: round(mm * 36000)
    centre_mm = 184 - 4 * 16 * 25.4 / 72 - date_w_pt / 2 * 25.4 / 72
    x = emu(centre_mm - 21 + seal["dx_mm"])
    y = -round(73.53 * 12700) + emu(seal["dy_mm"])
    return ('<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="2" behindDoc="0" '
            'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{emu(42)}" cy="{emu(42)}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            '<wp:docPr id="2" name="印章" descr="seal"/><wp:cNvGraphicFramePr/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="seal.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            '<pic:blipFill><a:blip r:embed="rIdSeal"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu(42)}" cy="{emu(42)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
            '</pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')


def rpr(font=None, size=None, bold=False, color=None, spacing=None):
    parts = []
    if font:
        parts.append(f'<w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif" w:eastAsia="{font}" w:cs="Liberation Serif"/>')
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if spacing is not None:
        parts.append(f'<w:spacing w:val="{spacing}"/>')
    if size:
        parts.append(f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>" if parts else ""


def para(text="", style=None, ppr="", run_rpr="", runs=None):
    pp = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr
    body = runs if runs is not None else (f'<w:r>{run_rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else "")
    return f"<w:p><w:pPr>{pp}</w:pPr>{body}</w:p>"


def styles(p):
    punct = "" if p["overflow_punct"] else '<w:overflowPunct w:val="0"/>'
    keep = "<w:keepNext/>" if p["heading_keep"] else ""
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault>{rpr("FandolFang", 16, spacing=p["spacing"])}</w:rPrDefault>
<w:pPrDefault><w:pPr>{punct}<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{p['pitch']}" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:widowControl w:val="0"/>{punct}<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="630"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr>{keep}<w:ind w:firstLine="630"/><w:jc w:val="left"/></w:pPr>{rpr("FandolHei")}</w:style>
<w:style w:type="paragraph" w:styleId="Mark"><w:name w:val="Organ Mark"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="1158" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr>{rpr("Noto Serif CJK SC", 30, bold=True, color="FF0000", spacing=0)}</w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="700" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr>{rpr("Noto Serif CJK SC", 22, bold=True, spacing=0)}</w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr>{rpr("Liberation Serif", 14, spacing=0)}</w:style>
</w:styles>"""


def footer(align):
    side = "right" if align == "right" else "left"
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:ind w:{side}="280"/><w:jc w:val="{side}"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"""


def edition_block(p):
    """The 版记 in a text box anchored to the type area's bottom, its content at the box's bottom:
    the rules are the paragraphs' borders, 0.35 mm over 抄送, 0.25 mm between, 0.35 mm under 印发,
    28–184 mm wide; the text 1 character (4号) in."""
    emu = lambda mm: round(mm * 36000)
    small = rpr("FandolFang", 14, spacing=0)
    rule = lambda side, sz: f'<w:{side} w:val="single" w:sz="{sz}" w:space="0" w:color="000000"/>'
    common = f'<w:spacing w:line="{p["pitch"]}" w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="280"/><w:jc w:val="left"/>'
    cc = para(ppr=f'<w:pBdr>{rule("top", 8)}{rule("bottom", 6)}</w:pBdr>' + common,
              runs=f'<w:r>{small}<w:t>抄送：县纪委监委，县委组织部。</w:t></w:r>')
    issued = para(ppr=f'<w:pBdr>{rule("bottom", 8)}</w:pBdr><w:tabs><w:tab w:val="right" w:pos="8564"/></w:tabs>' + common,
                  runs=f'<w:r>{small}<w:t>县委巡察办</w:t></w:r><w:r>{small}<w:tab/><w:t>2023年7月5日印发</w:t></w:r>')
    h = 40  # mm, more than the two lines: the content sits at the box's bottom
    shift = emu(p["edition_shift_mm"])
    return (f'<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
            f'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="page"><wp:posOffset>{emu(28)}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="page"><wp:posOffset>{emu(262 - h) - shift}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{emu(156)}" cy="{emu(h)}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            '<wp:docPr id="1" name="版记"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{emu(156)}" cy="{emu(h)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
            f'<wps:txbx><w:txbxContent>{cc}{issued}</w:txbxContent></wps:txbx>'
            '<wps:bodyPr lIns="0" tIns="0" rIns="0" bIns="0" anchor="b"><a:noAutofit/></wps:bodyPr></wps:wsp>'
            '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r></w:p>')


def document(p):
    twip = lambda mm: round(mm * TWIP_PER_MM)
    out = [para("000012", ppr='<w:jc w:val="left"/>')]
    out.append(para("县委第一巡察组文件", "Mark", f'<w:spacing w:before="{twip(p["mark_before_mm"])}" w:after="{twip(p["mark_after_mm"])}"/>'))
    out += [para(), para()]
    border = (f'<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="{p["rule_space_pt"]}" w:color="FF0000"/></w:pBdr>'
              f'<w:spacing w:after="{p["number_after_pt"] * 20}"/><w:jc w:val="center"/>')
    out.append(para(p["doc_number"], ppr=border))
    out += [para(), para()]
    title_runs = '<w:r><w:br/></w:r>'.join(f'<w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r>' for t in p["title"])
    out.append(para(style="Title", runs=title_runs))
    out.append(para())
    out.append(para("县教育局党组：", ppr='<w:jc w:val="left"/>'))
    for i, (kind, arg) in enumerate(p["body"]):
        if kind == "h":
            out.append(para(arg, "Heading1"))
        elif kind == "note":  # 附件说明: a blank line, then 2 characters in
            out += [para(), para(arg, "Body")]
        elif kind == "small":
            out.append(para(body_text(arg, i), "Body", run_rpr=rpr(size=12)))
        else:
            out.append(para(body_text(arg, i, hang=kind == "hang"), "Body"))
    # Sealed layout: the date 4 characters in from the right, the signature centred over it.
    # Widths at 16 pt with the letter spacing: digits 8 pt, ideographs 16 pt.
    s = p["spacing"] / 20
    # LibreOffice puts 0.2 em between ideographs and digits (autospace) whatever the file says.
    date_w, sig_w = 6 * (8 + s) + 3 * (16 + s) + 5 * 3.2, 7 * (16 + s)
    out += [para(), para()]
    out.append(para("县委第一巡察组", ppr=f'<w:ind w:right="{round(1280 + (date_w - sig_w) / 2 * 20)}"/><w:jc w:val="right"/>'))
    seal = seal_run(p["seal"], date_w) if p["seal"] else ""
    out.append(para(ppr='<w:ind w:right="1280"/><w:jc w:val="right"/>',
                    runs=seal + '<w:r><w:t xml:space="preserve">2023年7月5日</w:t></w:r>'))
    out.append(edition_block(p))
    out.append(para())
    sect = ('<w:sectPr><w:footerReference w:type="default" r:id="rIdOdd"/><w:footerReference w:type="even" r:id="rIdEven"/>'
            '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1247" w:gutter="0"/>'
            '</w:sectPr>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="wps"><w:body>' + "".join(out) + sect + "</w:body></w:document>")


def write_docx(path, p):
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
        '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
        '<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/_rels/document.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
        '<Relationship Id="rIdOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
        '<Relationship Id="rIdEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>'
        + ('<Relationship Id="rIdSeal" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/seal.png"/>'
           if p["seal"] else "") + '</Relationships>',
        "word/settings.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:evenAndOddHeaders/></w:settings>',
        "word/styles.xml": styles(p),
        "word/document.xml": document(p),
        "word/footer1.xml": footer(p["odd_align"]),
        "word/footer2.xml": footer("left"),
    }
    if p["seal"]:
        parts["word/media/seal.png"] = seal_png(p["seal"]["color"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def convert(soffice, profile, fmt, outdir, paths):
    """One LibreOffice run: every path to `fmt` in outdir."""
    for path in paths:  # a stale output would hide a failed conversion
        out = os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + "." + fmt)
        if os.path.exists(out):
            os.remove(out)
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", fmt,
                    "--outdir", outdir] + paths,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    missing = [p for p in paths if not os.path.exists(os.path.join(outdir, os.path.splitext(os.path.basename(p))[0] + "." + fmt))]
    if missing:
        sys.exit(f"LibreOffice wrote no {fmt.upper()} for " + ", ".join(missing))


PUNCT_WRAP = re.compile(rb'style:punctuation-wrap="[a-z]*"')
DEFAULT_PARA = re.compile(rb'(<style:default-style style:family="paragraph"[^>]*>\s*<style:paragraph-properties)\b')


def fix_odt(path, hanging):
    """Sets every style:punctuation-wrap of the ODT (styles.xml, content.xml) to what the fixture
    means, the paragraph default included (LibreOffice's own default is hanging)."""
    want = b'style:punctuation-wrap="' + (b"hanging" if hanging else b"simple") + b'"'
    with zipfile.ZipFile(path) as z:
        entries = [(info, z.read(info.filename)) for info in z.infolist()]
    out = []
    for info, data in entries:
        if info.filename in ("styles.xml", "content.xml"):
            data = PUNCT_WRAP.sub(want, data)
        if info.filename == "styles.xml":
            head = DEFAULT_PARA.search(data)
            if not head:
                sys.exit(f"{path}: styles.xml has no paragraph default style")
            end = data.index(b">", head.end())
            if want not in data[head.start():end]:
                data = data[:head.end()] + b" " + want + data[head.end():]
        out.append((info, data))
    with zipfile.ZipFile(path, "w") as z:  # the same entries in the same order, mimetype first and stored
        for info, data in out:
            z.writestr(info, data)


def lay_out(outdir, names, soffice):
    """DOCX → PDF; DOCX → ODT (corrected) → PDF in outdir/odt. One LibreOffice profile, three runs."""
    odtdir = os.path.join(outdir, "odt")
    os.makedirs(odtdir, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="gongwen-layout-lo-")
    try:
        docx = [os.path.join(outdir, n + ".docx") for n in names]
        convert(soffice, profile, "pdf", outdir, docx)
        convert(soffice, profile, "odt", odtdir, docx)
        for n in names:
            fix_odt(os.path.join(odtdir, n + ".odt"), dict(BASE, **FIXTURES[n])["overflow_punct"])
        convert(soffice, profile, "pdf", odtdir, [os.path.join(odtdir, n + ".odt") for n in names])
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    outdir, pdf = args[0], "--pdf" in args
    soffice = args[args.index("--soffice") + 1] if "--soffice" in args else (shutil.which("soffice") or "soffice")
    os.makedirs(outdir, exist_ok=True)
    stamp_text = hashlib.sha256(open(__file__, "rb").read()).hexdigest() + (" pdf odt" if pdf else "")
    stamp = os.path.join(outdir, ".stamp")
    with open(os.path.join(outdir, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.exists(stamp) and open(stamp).read() == stamp_text:
            return
        for name, over in FIXTURES.items():
            p = dict(BASE, **over)
            write_docx(os.path.join(outdir, name + ".docx"), p)
        if pdf:
            lay_out(outdir, list(FIXTURES), soffice)
        with open(stamp, "w") as f:
            f.write(stamp_text)


if __name__ == "__main__":
    main()
