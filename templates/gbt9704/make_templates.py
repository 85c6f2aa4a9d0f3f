#!/usr/bin/env python3
"""Writes the DOCX templates of the built-in document types as XML folders (reviewable, packed by
the build): plugins/<type>/templates/<name>.docx/.

All three share one GB/T 9704-2012 frame (page setup, styles, 版头, 版记, page numbers); only
the body differs. Run it after changing the frame or a body, then convert the ODT twins once
with LibreOffice (see templates/gbt9704/README.md). Standard library only.

Elements are written in the order ECMA-376 gives them (pPr, rPr, tblPr, sectPr, settings), so
strict consumers (Word) open the files without repair."""

import os
import re
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
# The main part also holds the 版记's text box (DrawingML, Word 2010 shapes).
W_DOC = W + (' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
             ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
             ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
             ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="wps"')

# GB/T 9704 figures in twips (1 mm = 56.69 twips): A4, margins 37/35/28/26 mm, type area
# 156 x 225 mm (8845 x 12756 twips); 22 lines of 28.95 pt; 3号 = 16 pt = 32 half-points;
# 28 characters a line through a 0.25 pt condensed spacing (16 - 0.25 = 15.75 pt; 28 x 15.75 =
# 441 pt of the 442.25 pt line), with no punctuation hanging into the margin.
PAGE = dict(w=11906, h=16838, top=2098, bottom=1984, left=1587, right=1474, footer=1247)
TYPE_W = PAGE["w"] - PAGE["left"] - PAGE["right"]
LINE = 579          # 28.95 pt exact: 22 lines fill the 225 mm type area
BODY_SZ = 32        # 3号
TITLE_SZ = 44       # 2号
SMALL_SZ = 28       # 4号: 版记, page numbers
MARK_SZ = 48        # 发文机关标志 (no size in the standard; 24 pt keeps a 17-character organ on one line)
CONDENSE = -5       # twentieths of a point
CHAR = 320          # one body character, for indents
SMALL_CHAR = 280    # one 4号 character
RED = "FF0000"
OFF_GRID = '<w:snapToGrid w:val="0"/>'  # elements whose height is their own, not the body's line pitch

FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"

# The organ mark's ink top must sit 35 mm below the type area's top (72 mm from the page top)
# whatever stands above it: the three lines of 份号/密级/紧急程度 are always there (empty when
# absent), and the mark's own line is placed by MARK_BEFORE, measured on LibreOffice's PDF.
MARK_LINE = 520     # 26 pt exact
MARK_BEFORE = 232
END_BLOCK_H = 3 * 40 + 3 * 560  # twips: three rules, two lines of 抄送, the 印发 line
RULE_BEFORE = 91   # the red rule 4 mm under the 发文字号's glyphs


def fonts(east, ascii_="Times New Roman"):
    return f'<w:rFonts w:ascii="{ascii_}" w:hAnsi="{ascii_}" w:eastAsia="{east}" w:cs="{ascii_}"/>'


def size(hp):
    return f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>'


# Property elements in schema order: each builder takes keyword parts and writes them sorted.
PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "pBdr", "tabs", "kinsoku",
             "overflowPunct", "autoSpaceDE", "autoSpaceDN", "snapToGrid", "spacing", "ind", "jc"]
RPR_ORDER = ["rFonts", "b", "color", "spacing", "w", "kern", "sz", "lang"]


def ordered(parts, order):
    """parts: a list of XML snippets '<w:name …'; returns them in the schema's order."""
    def key(s):
        name = s[3:].split(" ")[0].split("/")[0].split(">")[0]
        return order.index(name)
    return "".join(sorted(parts, key=key))


def run(text, rpr=""):
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(text="", style=None, ppr="", rpr=""):
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr
    props = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"<w:p>{props}{run(text, rpr) if text else ''}</w:p>"


def keep(paragraph):
    """The paragraph keeps with the next one (its last lines go with it to the next page):
    w:keepNext right after its style, where the schema puts it."""
    if "<w:pStyle" in paragraph:
        return re.sub(r'(<w:pStyle w:val="[^"]*"/>)', r'\1<w:keepNext/>', paragraph, count=1)
    return paragraph.replace("<w:p>", "<w:p><w:pPr><w:keepNext/></w:pPr>", 1)


def optional(field, *paragraphs, style=None):
    """Paragraphs shown only when `field` has a value: the tag paragraphs vanish, so an absent
    element leaves no empty line behind."""
    return p("{{#" + field + "}}", style) + "".join(paragraphs) + p("{{/" + field + "}}", style)


def loop(field, *paragraphs, style=None):
    return p("{{#" + field + "}}", style) + "".join(paragraphs) + p("{{/" + field + "}}", style)


# ---- the frame -------------------------------------------------------------------------------

def banner():
    """版头: 份号, 密级, 紧急程度 on the first three lines (padded, so that they never push the
    mark), 发文机关标志 35 mm below the type area's top, 发文字号 two lines under it (with 签发人
    for upward documents), the red rule 4 mm under the number."""
    return "".join([
        optional("份号", p("{{份号}}", "Flush")),
        optional("密级", p("{{密级}}", "Flush", rpr=fonts(HEITI))),
        optional("紧急程度", p("{{紧急程度}}", "Flush", rpr=fonts(HEITI))),
        loop("版头空行", p("", "Flush")),
        p("{{发文机关标志}}", "OrganMark"),
        p(), p(),
        p("{{^签发人}}", "Flush"),
        p("{{发文字号}}", "DocNumber"),
        p("{{/签发人}}", "Flush"),
        optional("签发人", p("{{发文字号}}\t签发人：", "DocNumberSigned") .replace("</w:p>", run("{{签发人}}", fonts(KAITI)) + "</w:p>")),
        p("", "RedRule"),
        p(),
    ])


def heading_block(title_field="标题", recipient=True):
    parts = [keep(p("{{" + title_field + " | title_lines}}", "Title")), keep(p())]
    if recipient:
        parts.append(p("{{主送机关}}：", "Flush"))
    return "".join(parts)


def closing():
    """附件说明, then 发文机关署名 and 成文日期 (placed by §7.3.5.1 with a seal, §7.3.5.2 without:
    the leading spaces are computed by the frame), 附注. The last body lines, the 附件说明 and the
    blank lines keep with the signature, so that it never stands alone on a page."""
    return "".join([
        optional("有附件", keep(p())),  # the blank line before 附件说明 only when there are attachments
        loop("附件说明", keep(p("{{.}}", "Attachment"))),
        keep(p()),
        optional("加盖印章", keep(p())),  # with a seal, room for it: two blank lines
        keep(p("{{署名行}}", "Signature")),
        # The seals' pictures are anchored in the date's line, each after the spaces that put it
        # where its seal goes (印章位置, computed by the frame; none without a seal picture).
        '<w:p><w:pPr><w:pStyle w:val="Signature"/></w:pPr>' + run("{{#印章位置}}{{前空}}") + seal_picture()
        + run("{{/印章位置}}{{日期前空}}{{成文日期 | date}}") + "</w:p>",
        optional("附注", p("（{{附注}}）", "Body")),
    ])


SEAL_EMU = 42 * 36000            # the seal: 42 mm across
SEAL_ANCHOR_EMU = 6 * 12700      # its left edge 6 pt right of its anchor (gbt9704.hpp kSealAnchorPt)
SEAL_TOP_EMU = -round(73.53 * 12700)  # its top 73.5 pt above the date's line: the signature and
                                      # the date a little below its centre (§7.3.5.1)


def seal_picture():
    """The seal (§7.3.5.1): a picture floating in front of the text (wrap none: it pushes nothing),
    anchored to a character of the date's line, red, upright, 42 mm. Its alt text {{%印章}} makes
    it the placeholder of the image tag: the engine puts the data's seal in its place and keeps
    the box, anchor, position and wrap. The picture the template holds is a sample."""
    pic = ('<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
           '<pic:nvPicPr><pic:cNvPr id="0" name="seal.png"/><pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr></pic:nvPicPr>'
           '<pic:blipFill><a:blip r:embed="rIdSeal"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
           f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{SEAL_EMU}" cy="{SEAL_EMU}"/></a:xfrm>'
           '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>')
    return ('<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251660288" '
            'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="character"><wp:posOffset>{SEAL_ANCHOR_EMU}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{SEAL_TOP_EMU}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{SEAL_EMU}" cy="{SEAL_EMU}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            '<wp:docPr id="9002" name="印章" descr="{{%印章}}"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">{pic}</a:graphicData></a:graphic>'
            '</wp:anchor></w:drawing></w:r>')


def listed_attachments():
    """A page for each attachment the user lists, opened with its 附件N and title (its content is
    the user's to add), before the type's own attachments."""
    return loop("附件页", attachment_page("标识", "{{名称}}"), style="EndAnchor")


def attachment_page(label_field, title, *content):
    """An attachment: a new page, `附件` (or 附件N) in 黑体 top left, its title centred on line 3."""
    return (p("{{" + label_field + "}}", "AttachmentLabel", ppr="<w:pageBreakBefore/>") + p() + keep(p(title, "Title")) + p()
            + "".join(content))


def end_block():
    """版记: 抄送 and 印发机关/印发日期 between rules as wide as the type area, in a text box
    anchored to the bottom of the last page's type area (its last rule on the type area's bottom
    edge), so that it stays there whatever the text above it. The rules are empty paragraphs of
    their own, so that they span the whole width while the text stands one character in. The
    engine decides from where the text ends whether the block needs a page of its own."""
    rule = lambda sz: p("", "EndRule", ppr=f'<w:pBdr><w:bottom w:val="single" w:sz="{sz}" w:space="0" w:color="000000"/></w:pBdr>')
    content = "".join([
        rule(8),
        p("{{#有抄送}}", "CopyTo"),
        p("抄送：{{抄送 | join:\"，\"}}。", "CopyTo"),
        rule(6),
        p("{{/有抄送}}", "CopyTo"),
        p("{{印发机关}}\t{{印发日期 | date}}印发", "Printed"),
        rule(8),
    ])
    # A fixed box, high enough for two lines of 抄送; its content sits at its bottom.
    emu_w, emu_h = TYPE_W * 635, END_BLOCK_H * 635
    box = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
           '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" behindDoc="0" '
           'locked="1" layoutInCell="1" allowOverlap="0"><wp:simplePos x="0" y="0"/>'
           '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
           '<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>'
           f'<wp:extent cx="{emu_w}" cy="{emu_h}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
           '<wp:docPr id="9001" name="版记"/><wp:cNvGraphicFramePr/>'
           '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
           '<wps:cNvSpPr txBox="1"/><wps:spPr>'
           f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu_w}" cy="{emu_h}"/></a:xfrm>'
           '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
           f'<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>'
           '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
           '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>')
    return "".join([
        # When the text ends on an odd page, the 版记 takes the next (even) page; when an even page
        # is full, a blank page comes first (switches set by the engine, which follows the pages).
        optional("版记换页", p("", "EndAnchor", ppr="<w:pageBreakBefore/>")),
        # An even page that is full: the body's section ends here (its pages numbered); the last
        # section, whose footers show no number then, holds a blank page and the 版记's page
        # (§7.5). The paragraph after the section break takes the new page style when LibreOffice
        # converts the template to ODT, so it stays inside the switch.
        p("{{#版记空白页}}", "EndAnchor"),
        '<w:p><w:pPr><w:pStyle w:val="EndAnchor"/>' + section_properties("rIdFooterOdd", "rIdFooterEven") + '</w:pPr></w:p>',
        p("", "EndAnchor"),
        p("", "EndAnchor", ppr="<w:pageBreakBefore/>"),
        p("{{/版记空白页}}", "EndAnchor"),
        '<w:p><w:pPr><w:pStyle w:val="EndAnchor"/></w:pPr>' + box + '</w:p>',
    ])


def footer_refs(odd, even):
    return (f'<w:footerReference w:type="default" r:id="{odd}"/>'
            f'<w:footerReference w:type="even" r:id="{even}"/>')


def section_properties(odd="rIdFooterOddEnd", even="rIdFooterEvenEnd", start="nextPage"):
    """The last section's properties (in the body) or, with the footers that always number, the
    body's own when a blank page comes before the 版记 (in a paragraph)."""
    return (f'<w:sectPr>{footer_refs(odd, even)}<w:type w:val="{start}"/>'
            f'<w:pgSz w:w="{PAGE["w"]}" w:h="{PAGE["h"]}"/>'
            f'<w:pgMar w:top="{PAGE["top"]}" w:right="{PAGE["right"]}" w:bottom="{PAGE["bottom"]}" '
            f'w:left="{PAGE["left"]}" w:header="851" w:footer="{PAGE["footer"]}" w:gutter="0"/>'
            f'<w:pgNumType w:fmt="decimal"/><w:docGrid w:type="lines" w:linePitch="{LINE}"/></w:sectPr>')


def document(body):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W_DOC}>\n<w:body>\n'
            + body.replace("</w:p>", "</w:p>\n") + section_properties() + "\n</w:body>\n</w:document>\n")


def style(sid, name, ppr=(), rpr=(), based="Normal", kind="paragraph"):
    based = f'<w:basedOn w:val="{based}"/>' if based else ""
    ppr, rpr = ordered(list(ppr), PPR_ORDER), ordered(list(rpr), RPR_ORDER)
    return (f'<w:style w:type="{kind}" w:styleId="{sid}"><w:name w:val="{name}"/>{based}'
            + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "") + "</w:style>")


def styles():
    exact = lambda twips, before=0: f'<w:spacing w:before="{before}" w:after="0" w:line="{twips}" w:lineRule="exact"/>'
    jc = lambda v: f'<w:jc w:val="{v}"/>'
    no_spacing = '<w:spacing w:val="0"/>'
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {W}>\n'
            '<w:docDefaults><w:rPrDefault><w:rPr>' + fonts(FANGSONG)
            + f'<w:spacing w:val="{CONDENSE}"/><w:kern w:val="0"/>' + size(BODY_SZ)
            + '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>'
            # No punctuation hangs into the margin: every full line holds exactly 28 characters.
            # The space Word and LibreOffice add between CJK text and digits stays on (both do it
            # by default; LibreOffice's DOCX import would ignore turning it off).
            '<w:pPrDefault><w:pPr><w:widowControl/><w:overflowPunct w:val="0"/>'
            + exact(LINE) + jc("both") + '</w:pPr></w:pPrDefault></w:docDefaults>\n'
            + "\n".join([
                style("Normal", "Normal", based=None, ppr=['<w:overflowPunct w:val="0"/>']).replace('<w:style w:type="paragraph"', '<w:style w:type="paragraph" w:default="1"'),
                style("Body", "公文正文", ppr=[f'<w:ind w:firstLine="{2 * CHAR}"/>']),
                style("Flush", "公文顶格"),
                style("OrganMark", "发文机关标志", ppr=[OFF_GRID, jc("center"), exact(MARK_LINE, MARK_BEFORE)],
                      rpr=[fonts(XIAOBIAOSONG), f'<w:color w:val="{RED}"/>', size(MARK_SZ), no_spacing]),
                style("DocNumber", "发文字号", ppr=[jc("center")]),
                style("DocNumberSigned", "发文字号（签发人）",
                      ppr=[f'<w:ind w:left="{CHAR}"/>', f'<w:tabs><w:tab w:val="right" w:pos="{TYPE_W - CHAR}"/></w:tabs>']),
                style("RedRule", "红色分隔线", ppr=[f'<w:pBdr><w:top w:val="single" w:sz="8" w:space="0" w:color="{RED}"/></w:pBdr>',
                                                 OFF_GRID, exact(240, RULE_BEFORE)], rpr=[size(4)]),
                style("Title", "公文标题", ppr=['<w:keepNext/>', OFF_GRID, jc("center"), exact(700)],
                      rpr=[fonts(XIAOBIAOSONG), size(TITLE_SZ), no_spacing]),
                style("Heading1", "一级标题", based="Body", ppr=['<w:keepNext/>'], rpr=[fonts(HEITI)]),
                style("Heading2", "二级标题", based="Body", ppr=['<w:keepNext/>'], rpr=[fonts(KAITI)]),
                style("Signature", "发文机关署名和成文日期", ppr=[jc("left")]),
                style("Attachment", "附件说明", ppr=[f'<w:ind w:left="{5 * CHAR}" w:hanging="{3 * CHAR}"/>']),
                style("AttachmentLabel", "附件标识", ppr=['<w:keepNext/>'], rpr=[fonts(HEITI)]),
                style("CopyTo", "抄送", ppr=[OFF_GRID, exact(560), f'<w:ind w:left="{4 * SMALL_CHAR}" w:right="{SMALL_CHAR}" w:hanging="{3 * SMALL_CHAR}"/>'],
                      rpr=[size(SMALL_SZ), no_spacing]),
                style("Printed", "印发机关和印发日期", ppr=[f'<w:tabs><w:tab w:val="right" w:pos="{TYPE_W - SMALL_CHAR}"/></w:tabs>',
                                                     OFF_GRID, exact(560), f'<w:ind w:left="{SMALL_CHAR}"/>'],
                      rpr=[size(SMALL_SZ), no_spacing]),
                style("EndRule", "版记分隔线", ppr=[OFF_GRID, exact(40)], rpr=[size(2)]),
                style("EndAnchor", "版记锚点", ppr=[OFF_GRID, exact(20)], rpr=[size(2)]),
                style("Footer", "页码", rpr=[fonts(SONGTI, SONGTI), size(SMALL_SZ), no_spacing]),
                style("TableText", "表格文字", ppr=['<w:snapToGrid w:val="0"/>', exact(400), jc("left")], rpr=[size(28), no_spacing]),
                style("TableHead", "表头", based="TableText", ppr=[jc("center")], rpr=[fonts(HEITI)]),
                '<w:style w:type="table" w:styleId="Grid"><w:name w:val="公文表格"/><w:tblPr><w:tblBorders>'
                + "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for s in
                          ("top", "left", "bottom", "right", "insideH", "insideV"))
                + '</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
                '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
                '<w:style w:type="table" w:styleId="EndBlock"><w:name w:val="版记"/><w:tblPr/></w:style>',
            ]) + "\n</w:styles>\n")


def footer(align, indent_side, numbered=True):
    """— N —, 4号 宋体, one character in; `numbered` false: the last section's footer, which
    shows the number unless a blank page comes before the 版记 (then neither the blank page nor
    the 版记's page is numbered, §7.5)."""
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {W}><w:p><w:pPr><w:pStyle w:val="Footer"/>'
            f'<w:ind w:{indent_side}="{SMALL_CHAR}"/><w:jc w:val="{align}"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{"" if numbered else "{{^版记空白页}}"}— </w:t></w:r>{field}'
            f'<w:r><w:t xml:space="preserve"> —{"" if numbered else "{{/版记空白页}}"}</w:t></w:r></w:p></w:ftr>\n')


FILES = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer3.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer4.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '</Types>\n',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '</Relationships>\n',
    "word/_rels/document.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
    '<Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>'
    '<Relationship Id="rIdFooterOddEnd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer3.xml"/>'
    '<Relationship Id="rIdFooterEvenEnd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer4.xml"/>'
    '<Relationship Id="rIdSeal" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/seal.png"/>'
    '</Relationships>\n',
    "word/settings.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings {W}>'
    '<w:defaultTabStop w:val="640"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="doNotCompress"/></w:settings>\n',
    "word/footer1.xml": footer("right", "right"),   # odd pages: right, one character in
    "word/footer2.xml": footer("left", "left"),     # even pages: left, one character in
    "word/footer3.xml": footer("right", "right", numbered=False),
    "word/footer4.xml": footer("left", "left", numbered=False),
}


def write_template(plugin, name, body, base=None):
    folder = os.path.join(base or os.path.join(ROOT, "plugins", plugin), "templates", name + ".docx")
    files = dict(FILES)
    files["word/styles.xml"] = styles()
    files["word/document.xml"] = document(body)
    for rel, text in files.items():
        path = os.path.join(folder, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    # The seal's placeholder picture (make_seal.py draws it).
    os.makedirs(os.path.join(folder, "word", "media"), exist_ok=True)
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "seal-placeholder.png"), "rb") as src, \
            open(os.path.join(folder, "word", "media", "seal.png"), "wb") as dst:
        dst.write(src.read())
    print("wrote", os.path.relpath(folder, ROOT))


# ---- the three bodies ------------------------------------------------------------------------

def table(header, widths, cells):
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    head = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{keep(p(h, "TableHead"))}</w:tc>'
                   for h, w in zip(header, widths))
    row = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{p(c, "TableText")}</w:tc>'
                  for c, w in zip(cells, widths))
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            '<w:tblLayout w:type="fixed"/></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>'
            f'<w:tr><w:trPr><w:cantSplit/></w:trPr>{row}</w:tr></w:tbl>')


def kv_table(rows, width):
    """A two-column form without a header row (the receipt slip)."""
    widths = [2600, width - 2600]
    trs = "".join('<w:tr><w:trPr><w:trHeight w:val="680"/></w:trPr>' + "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{p(c, "TableText")}</w:tc>'
        for c, w in zip(row, widths)) + "</w:tr>" for row in rows)
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
            '<w:tblLayout w:type="fixed"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{widths[0]}"/><w:gridCol w:w="{widths[1]}"/></w:tblGrid>{trs}</w:tbl>')


def rectification_notice():
    # Columns sized to their content in 4号 (14 pt): 序号 two characters, 类别 six (全面从严治党)
    # on one line; 问题 and 依据, both sentences, share the rest about evenly.
    widths = [820, 3160, 1840, TYPE_W - 820 - 3160 - 1840]
    body = "".join([
        banner(), heading_block(),
        p("根据县委统一部署，{{巡察组}}于{{巡察开始 | date}}至{{巡察结束 | date}}对你单位开展了第{{轮次 | cn}}轮巡察。"
          "巡察共发现问题{{问题数}}个，现将有关问题和整改要求通知如下。", "Body"),
        p("一、发现的问题", "Heading1"),
        table(["序号", "问题", "类别", "依据"], widths,
              ["{{#问题}}{{@index}}", "{{描述}}", "{{类别}}", "{{依据 | default:\"—\"}}{{/问题}}"]),
        p("二、整改要求", "Heading1"),
        loop("整改要求", p("{{@index | ordinal}}{{.}}", "Body"), style="Body"),
        p("三、整改期限", "Heading1"),
        p("请于{{整改截止日期 | date}}前完成整改（自本通知印发之日起{{整改天数}}日内）。", "Body"),
        p("四、报告要求", "Heading1"),
        keep(p("整改期限届满后{{报告天数}}个工作日内，将整改情况报告报送{{报送单位}}。整改情况报告须经党组织主要负责人签字，"
               "并附整改台账。联系人：{{联系人}}，联系电话：{{联系电话}}。", "Body")),
        closing(),
        listed_attachments(),
        # The receipt slip is an attachment: after the signature, before the 版记, on a new page.
        attachment_page("回执标识", "巡察整改通知书回执",
                        kv_table([("文件名称", "{{发文字号}}　{{标题}}"), ("签收单位", "{{被巡察单位}}"),
                                  ("签收人（签字）", ""), ("签收日期", "　　　　年　　月　　日")], TYPE_W),
                        p(),
                        p("本回执请于收到通知书后3个工作日内交回{{巡察组}}。", "Body")),
        end_block(),
    ])
    write_template("rectification-notice", "notice", body)


def recommendation_letter():
    body = "".join([
        banner(), heading_block(),
        p("根据县委统一部署，{{巡察时间}}，县委巡察组对{{被巡察单位 | join:\"、\"}}等{{单位数}}个单位开展了第{{轮次 | cn}}轮{{巡察方式}}巡察。"
          "巡察发现，{{行业}}系统存在一些共性和个性问题，共{{问题总数}}个。根据《中国共产党巡视工作条例》和县委巡察工作有关规定，"
          "现将有关情况和建议函告如下。", "Body"),
        p("一、系统共性问题", "Heading1"),
        loop("共性问题",
             p("（{{@index | cn}}）{{问题}}", "Heading2"),
             p("{{表现}}{{#有例证}}如：{{例证 | join:\"；\"}}。{{/有例证}}", "Body"), style="Body"),
        p("二、单位个性问题", "Heading1"),
        loop("个性问题", p("{{@index | ordinal}}{{单位}}：{{问题}}", "Body"), style="Body"),
        p("三、意见建议", "Heading1"),
        loop("建议", p("{{@index | ordinal}}{{.}}", "Body"), style="Body"),
        p("请你单位认真研究，加强对本系统的监督指导，并于{{回复期限 | date}}前将落实情况书面反馈县委巡察办。", "Body"),
        keep(p("联系人：{{联系人}}，联系电话：{{联系电话}}。", "Body")),
        closing(), listed_attachments(), end_block(),
    ])
    write_template("recommendation-letter", "letter", body)


SEED = os.path.join(ROOT, "..", "shared", "seed", "000_cadda435c2e19cd4.txt")


def work_summary():
    """The seed's text, with every * a field or a computed value, and so is every number that
    follows from the data though the seed spells it out (the previous round, the period, how
    many special supervision teams)."""
    fields = [  # (a piece of seed text with *, what replaces the stars, in order)
        ("2023年，**县委", "{{年度}}年，{{县名}}县委"), ("**县委", "{{县名}}县委"), ("上半年**县", "上半年{{县名}}县"), ("莅临**县", "莅临{{县名}}县"), ("好**县", "好{{县名}}县"),
        ("2023年*月*日", "{{启动日期 | date}}"), ("第*轮常规巡察", "第{{轮次 | cn}}轮常规巡察"),
        ("对******等单位", "对{{被巡察单位 | join:\"、\"}}等单位"),
        ("方面问题*个，问题线索*件", "方面问题{{发现问题数}}个，问题线索{{问题线索数}}件"),
        ("先后*次召开会议", "先后{{常委会研究次数}}次召开会议"), ("先后*次召开专题会议", "先后{{领导小组会议次数}}次召开专题会议"),
        ("反馈问题*个", "反馈问题{{反馈问题数}}个"), ("的问题*个，", "的问题{{整改不到位问题数}}个，"),
        ("总数的*%", "总数的{{整改不到位占比 | percent:1}}"),
        ("人才库*人", "人才库{{人才库人数}}人"), ("领导干部*人", "领导干部{{副科级以上人数}}人"),
    ]
    # Seed text without a * that still depends on the data, each with how often the seed has it
    # (checked, so that a changed seed cannot leave a stale number behind).
    derived = [
        # The seed's only irregular heading: a no-break space (U+00A0) after 一、; the others have
        # none. Normalised here; the seed test (tests/unit/types_test.cpp) allows exactly this.
        ("一、\u00a0工作开展情况", "一、工作开展情况", 1),
        # 第二轮 is the round before 第三轮, the one under way: 上一轮次 = 轮次 - 1 (the plugin).
        ("听取县委第二轮巡察情况汇报和第三轮巡察情况阶段性汇报",
         "听取县委第{{上一轮次 | cn}}轮巡察情况汇报和第{{轮次 | cn}}轮巡察情况阶段性汇报", 1),
        ("县委第三轮巡察取得了阶段性成效", "县委第{{轮次 | cn}}轮巡察取得了阶段性成效", 1),
        ("结合党建工作、意识形态、统计工作三个专项监督检查组",
         "结合{{专项监督检查组 | join:\"、\"}}{{专项监督检查组 | count | cn}}个专项监督检查组", 1),
        ("上半年", "{{期间}}", 3),  # 上半年以来, 上半年**县, 上半年，全县
    ]
    with open(SEED, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip()]
    seed_text = "\n".join(lines)
    for seed_piece, _, times in derived:
        assert seed_text.count(seed_piece) == times, f"the seed has {seed_piece!r} {seed_text.count(seed_piece)} times, not {times}"
    out = []
    for line in lines:
        text = line
        for seed_piece, template_piece in fields:
            text = text.replace(seed_piece, template_piece)
        assert "*" not in text, "a * of the seed has no field: " + text
        for seed_piece, template_piece, _ in derived:
            text = text.replace(seed_piece, template_piece)
        if text.startswith(("一、", "二、", "三、", "四、")):
            out.append(p(text, "Heading1"))
        elif text.startswith("（"):
            out.append(p(text, "Heading2"))
        else:
            out.append(p(text, "Body"))
    out[-1] = keep(out[-1])  # the last lines go with the signature
    body = "".join([banner(), heading_block(recipient=False),
                    optional("主送机关", p("{{主送机关}}：", "Flush")), "".join(out), closing(), listed_attachments(), end_block()])
    write_template("work-summary", "summary", body)


# ---- manifests: the frame's fields are the same for every type ------------------------------

import json


def field(name, zh, en, type_="text", remember=False, **kw):
    """A field of plugin.json; `remember`: a form offers its last value again (names, organs,
    contacts — not numbers, titles or dates)."""
    f = {"name": name}
    if remember:
        f["remember"] = True
    f.update({"label": {"zh": zh, "en": en}, "type": type_})
    f.update(kw)
    return f


def frame_fields(organ_example, number_example, remember=True):
    r = remember
    return [
        field("份号", "份号", "Copy number", help={"zh": "6位阿拉伯数字，如 000001；不需要时留空", "en": "6 digits, e.g. 000001"}),
        field("密级", "密级和保密期限", "Classification", help={"zh": "如 秘密★1年；不需要时留空", "en": "e.g. 秘密★1年"}),
        field("紧急程度", "紧急程度", "Urgency", "choice", choices=["特急", "加急"]),
        field("发文机关标志", "发文机关标志", "Issuing organ mark", remember=r, required=True, example=organ_example),
        field("发文字号", "发文字号", "Document number", required=True, example=number_example,
              help={"zh": "机关代字〔年份〕序号：年份用六角括号〔〕，序号不编虚位、不加“第”", "en": "Organ code〔year〕number"}),
        field("签发人", "签发人", "Signed by", remember=r, help={"zh": "上行文填写", "en": "For documents to a superior organ"}),
        field("标题", "标题", "Title", required=True),
    ]


def closing_fields(signature_example, remember=True):
    r = remember
    return [
        field("附件", "附件", "Attachments", "list", help={"zh": "每行一个附件名称", "en": "One name a line"}),
        field("发文机关署名", "发文机关署名", "Signature", remember=r, required=True, example=signature_example),
        field("成文日期", "成文日期", "Date", "date", required=True),
        field("印章", "印章", "Seal", "seal", remember=r,
              help={"zh": "印章图片（相对数据文件的路径，或 {path|data, width, height, alt}）；true 表示打印后手工盖章。"
                          "有印章时署名以成文日期居中、印章下压署名和成文日期；无印章时署名右空二字（GB/T 9704 7.3.5）",
                    "en": "The seal's picture (a path relative to the data file, or {path|data, width, height, alt}); true: stamped "
                          "by hand after printing. With a seal the signature is centred over the date under the seal; without, "
                          "two characters from the right"}),
        field("附注", "附注", "Note"),
        field("抄送", "抄送机关", "Copies to", "list", remember=r, help={"zh": "每行一个机关", "en": "One organ a line"}),
        field("印发机关", "印发机关", "Printed by", remember=r, required=True),
        field("印发日期", "印发日期", "Printing date", "date", help={"zh": "留空则同成文日期", "en": "Defaults to the date"}),
    ]


def manifest(id_, zh, en, dzh, den, template, output, fields):
    return {"id": id_, "version": "1.0.0", "abi": 1, "name": {"zh": zh, "en": en},
            "description": {"zh": dzh, "en": den}, "templates": {"docx": f"templates/{template}.docx", "odt": f"templates/{template}.odt"},
            "output": output, "library": f"lib{id_}.so", "fields": fields}


def write_manifest(m):
    path = os.path.join(ROOT, "plugins", m["id"], "plugin.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(m, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("wrote", os.path.relpath(path, ROOT))


def manifests():
    write_manifest(manifest(
        "rectification-notice", "巡察整改通知书", "Inspection rectification notice",
        "巡察组向被巡察党组织反馈发现的问题，提出整改要求、期限和报告要求，附回执。",
        "From an inspection group to the inspected Party organisation: problems, requirements, deadline, report-back, receipt slip.",
        "notice", "{{被巡察单位}}巡察整改通知书",
        frame_fields("中共某某县委第一巡察组", "县巡一〔2023〕5号") + [
            field("主送机关", "主送机关", "Addressee", remember=True, required=True, example="中共某某县教育局党组"),
            field("被巡察单位", "被巡察单位", "Inspected unit", remember=True, required=True, example="县教育局"),
            field("巡察组", "巡察组", "Inspection group", remember=True, required=True, example="县委第一巡察组"),
            field("巡察开始", "巡察开始日期", "Inspection start", "date", required=True),
            field("巡察结束", "巡察结束日期", "Inspection end", "date", required=True),
            field("轮次", "巡察轮次", "Round", "integer", required=True, min=1, example=3),
            field("问题", "发现的问题", "Problems found", "list", min=1, columns=[
                field("描述", "问题", "Problem", "multiline", required=True),
                field("类别", "类别", "Category", "choice", required=True,
                      choices=["政治建设", "思想建设", "组织建设", "作风建设", "纪律建设", "党风廉政建设", "全面从严治党", "基层党建", "其他"]),
                field("依据", "依据", "Basis")]),
            field("整改要求", "整改要求", "Requirements", "list", help={"zh": "每行一项，自动编为一是、二是……", "en": "One a line"}),
            field("整改天数", "整改期限（天）", "Days to rectify", "integer", default=60, min=1, max=365,
                  help={"zh": "自成文日期起算；巡察工作条例规定一般为2个月", "en": "Counted from the date"}),
            field("整改期限", "整改截止日期", "Deadline", "date", help={"zh": "填写则不按天数计算", "en": "Overrides the days"}),
            field("报告天数", "报告期限（工作日）", "Days to report", "integer", default=10, min=1),
            field("报送单位", "整改情况报送单位", "Report to", remember=True, default="县委巡察办"),
            field("联系人", "联系人", "Contact", remember=True, required=True),
            field("联系电话", "联系电话", "Phone", remember=True, required=True),
        ] + closing_fields("县委第一巡察组")))
    write_manifest(manifest(
        "recommendation-letter", "巡察建议书", "Inspection recommendation letter",
        "巡察工作领导小组（巡察办）就巡察发现的系统性问题向行业主管部门提出建议，含共性和个性问题、建议、回复期限。",
        "From the inspection leading group to a sector's supervising department: shared and individual problems, recommendations, reply deadline.",
        "letter", "致{{主送机关}}巡察建议书",
        frame_fields("中共某某县委巡察工作领导小组", "县巡组〔2023〕12号") + [
            field("主送机关", "主送机关（行业主管部门）", "Supervising department", remember=True, required=True, example="县教育局党组"),
            field("巡察时间", "巡察时间", "When", required=True, example="2023年3月至5月"),
            field("轮次", "巡察轮次", "Round", "integer", required=True, min=1),
            field("巡察方式", "巡察方式", "Kind", "choice", default="常规", choices=["常规", "专项", "机动", "提级", "交叉"]),
            field("行业", "行业系统", "Sector", required=True, example="教育"),
            field("被巡察单位", "被巡察单位", "Inspected units", "list", min=1),
            field("共性问题", "系统共性问题", "Shared problems", "list", columns=[
                field("问题", "问题", "Problem", required=True),
                field("表现", "具体表现", "Details", "multiline"),
                field("例证", "例证", "Examples", "text", help={"zh": "多个例证用；分隔", "en": "Separate with ；"})]),
            field("个性问题", "单位个性问题", "Individual problems", "list", columns=[
                field("单位", "单位", "Unit", required=True), field("问题", "问题", "Problem", "multiline", required=True)]),
            field("建议", "意见建议", "Recommendations", "list", min=1),
            field("回复天数", "回复期限（天）", "Days to reply", "integer", default=30, min=1),
            field("回复期限", "回复截止日期", "Reply by", "date", help={"zh": "填写则不按天数计算", "en": "Overrides the days"}),
            field("联系人", "联系人", "Contact", remember=True, required=True),
            field("联系电话", "联系电话", "Phone", remember=True, required=True),
        ] + closing_fields("县委巡察工作领导小组办公室")))
    write_manifest(manifest(
        "work-summary", "巡察工作总结", "Inspection work summary",
        "巡察办向县委报送的阶段性巡察工作总结：工作开展情况、主要工作及成效、主要问题、下步打算；百分比由计数计算。",
        "The inspection office's periodic summary; percentages are computed from the counts.",
        "summary", "{{县名}}县{{年度}}年巡察工作总结",
        frame_fields("中共某某县委巡察工作领导小组办公室", "县巡办〔2023〕18号") + [
            field("主送机关", "主送机关", "Addressee", remember=True, example="县委"),
            field("县名", "县名", "County", remember=True, required=True, help={"zh": "不含“县”字，如 清河", "en": "Without 县"}),
            field("年度", "年度", "Year", "integer", required=True, min=2000, max=2100),
            field("启动日期", "本轮巡察启动日期", "Round start", "date", required=True),
            field("轮次", "巡察轮次", "Round", "integer", required=True, min=2,
                  help={"zh": "正在开展的一轮；总结同时汇报上一轮（轮次减一），故至少为2",
                        "en": "The round under way; the summary also reports on the one before, so at least 2"}),
            field("期间", "总结期间", "Period", default="上半年", example="上半年",
                  help={"zh": "如 上半年、前三季度；用于“上半年以来”等处", "en": "e.g. 上半年 (first half)"}),
            field("被巡察单位", "被巡察单位", "Inspected units", "list", min=1),
            field("专项监督检查组", "专项监督检查组", "Special supervision teams", "list", min=1,
                  default=["党建工作", "意识形态", "统计工作"],
                  help={"zh": "每行一个检查领域，如 党建工作；组数自动计算", "en": "One area a line; the teams are counted"}),
            field("发现问题数", "初步发现问题数", "Problems found", "integer", required=True, min=0),
            field("问题线索数", "问题线索数", "Leads", "integer", required=True, min=0),
            field("常委会研究次数", "常委会专题研究次数", "Standing committee meetings", "integer", required=True, min=0),
            field("领导小组会议次数", "领导小组专题会议次数", "Leading group meetings", "integer", required=True, min=0),
            field("反馈问题数", "上一轮反馈问题数", "Problems fed back", "integer", required=True, min=0),
            field("整改不到位问题数", "整改不到位问题数", "Not rectified", "integer", required=True, min=0),
            field("人才库人数", "巡察人才库人数", "Talent pool", "integer", required=True, min=0),
            field("副科级以上人数", "其中副科级以上领导干部", "Of them deputy section chief and above", "integer", required=True, min=0),
        ] + closing_fields("县委巡察办")))


SCAFFOLD = os.path.join(ROOT, "templates", "scaffold")


def scaffold():
    """What `gongwen plugin new` starts a type from (templates/scaffold/, installed to
    share/gongwen/scaffold/): a 通知 in the same frame, as a manifest-only type whose
    "frame": "gbt9704" has the core compute the frame's values (signature, 附件说明, 版记)."""
    body = "".join([
        banner(), heading_block(),
        loop("正文", p("{{.}}", "Body"), style="Body"),
        loop("事项", p("{{@index | ordinal}}{{内容}}{{#责任人}}（责任人：{{责任人}}）{{/责任人}}", "Body"), style="Body"),
        keep(p("特此通知。", "Body")),  # the last body line keeps with the signature: it never stands alone
        closing(), listed_attachments(), end_block(),
    ])
    write_template("scaffold", "document", body, base=SCAFFOLD)
    m = {"id": "new-type", "version": "0.1.0", "abi": 1, "name": {"zh": "新公文类型", "en": "New document type"},
         "description": {"zh": "新的公文类型：请修改 plugin.json 与 templates/。", "en": "A new document type: edit plugin.json and templates/."},
         "templates": {"docx": "templates/document.docx"}, "output": "{{标题}}", "frame": "gbt9704",
         "fields": frame_fields("中共某某县委巡察办", "县巡办〔2023〕1号", remember=False) + [
             field("主送机关", "主送机关", "Addressee", required=True, example="各乡镇党委，县直各单位党组（党委）"),
             field("正文", "正文", "Body", "list", min=1, help={"zh": "每行一段", "en": "One paragraph a line"}),
             field("事项", "事项", "Items", "list", columns=[
                 field("内容", "内容", "Item", required=True),
                 field("责任人", "责任人", "Owner")]),
         ] + closing_fields("县委巡察办", remember=False)}
    with open(os.path.join(SCAFFOLD, "plugin.json"), "w", encoding="utf-8") as f:
        json.dump(m, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("wrote", os.path.relpath(os.path.join(SCAFFOLD, "plugin.json"), ROOT))


if __name__ == "__main__":
    manifests()
    rectification_notice()
    recommendation_letter()
    work_summary()
    scaffold()
