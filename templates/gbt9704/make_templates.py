#!/usr/bin/env python3
"""Writes the DOCX templates of the built-in document types as XML folders (reviewable, packed by
the build): plugins/<type>/templates/<name>.docx/.

All three share one GB/T 9704-2012 frame (page setup, styles, 版头, 版记, page numbers); only
the body differs. Run it after changing the frame or a body, then convert the ODT twins once
with LibreOffice (see templates/gbt9704/README.md). Standard library only."""

import os
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

# GB/T 9704 figures in twips (1 mm = 56.69 twips): A4, margins 37/35/28/26 mm, type area
# 156 x 225 mm; 22 lines of 28.95 pt; 3号 = 16 pt = 32 half-points; 28 characters a line
# through a 0.2 pt condensed spacing (16 - 0.2 = 15.8 pt; 156 mm = 442.2 pt = 28 x 15.79 pt).
PAGE = dict(w=11906, h=16838, top=2098, bottom=1984, left=1587, right=1474, footer=1304)
LINE = 579          # 28.95 pt exact: 22 lines fill the 225 mm type area
BODY_SZ = 32        # 3号
TITLE_SZ = 44       # 2号
SMALL_SZ = 28       # 4号: 版记, page numbers
CONDENSE = -4       # twentieths of a point
CHAR = 320          # one body character, for indents
RED = "FF0000"

FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"


def fonts(east, ascii_="Times New Roman"):
    return f'<w:rFonts w:ascii="{ascii_}" w:hAnsi="{ascii_}" w:eastAsia="{east}" w:cs="{ascii_}"/>'


def run(text, rpr=""):
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(text="", style=None, ppr="", rpr=""):
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr
    props = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"<w:p>{props}{run(text, rpr) if text else ''}</w:p>"


def optional(field, *paragraphs, style=None):
    """Paragraphs shown only when `field` has a value: the tag paragraphs vanish, so an absent
    element leaves no empty line behind."""
    return p("{{#" + field + "}}", style) + "".join(paragraphs) + p("{{/" + field + "}}", style)


def loop(field, *paragraphs, style=None):
    return p("{{#" + field + "}}", style) + "".join(paragraphs) + p("{{/" + field + "}}", style)


# ---- the frame -------------------------------------------------------------------------------

def banner():
    """版头: 份号, 密级, 紧急程度, 发文机关标志, 发文字号 (with 签发人 for upward documents), red rule."""
    return "".join([
        optional("份号", p("{{份号}}", "Flush", rpr=fonts(HEITI))),
        optional("密级", p("{{密级}}", "Flush", rpr=fonts(HEITI))),
        optional("紧急程度", p("{{紧急程度}}", "Flush", rpr=fonts(HEITI))),
        p("{{发文机关标志}}", "OrganMark"),
        p(), p(),
        p("{{^签发人}}", "Flush"),
        p("{{发文字号}}", "DocNumber"),
        p("{{/签发人}}", "Flush"),
        optional("签发人", p("{{发文字号}}\t签发人：{{签发人}}", "DocNumberSigned")),
        p("", "RedRule"),
        p(),
    ])


def heading_block(title_field="标题", recipient=True):
    parts = [p("{{" + title_field + "}}", "Title"), p()]
    if recipient:
        parts.append(p("{{主送机关}}：", "Flush"))
    return "".join(parts)


def closing():
    """附件说明, signature and date, 附注."""
    return "".join([
        optional("有附件", p()),  # the blank line before 附件说明 only when there are attachments
        loop("附件说明", p("{{.}}", "Attachment")),
        p(), p(),
        p("{{发文机关署名}}", "Signature"),
        p("{{成文日期 | date}}", "Date"),
        optional("附注", p("（{{附注}}）", "Body")),
    ])


def end_block():
    """版记: 抄送 and 印发机关/印发日期 between rules, on the last page."""
    return "".join([
        p(),
        optional("有抄送", p("抄送：{{抄送 | join:\"，\"}}。", "CopyTo")),  # 抄送 is a list: test a flag, not loop
        p("{{印发机关}}\t{{印发日期 | date}}印发", "Printed"),
    ])


def section_properties():
    return (f'<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
            f'<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
            f'<w:pgSz w:w="{PAGE["w"]}" w:h="{PAGE["h"]}"/>'
            f'<w:pgMar w:top="{PAGE["top"]}" w:right="{PAGE["right"]}" w:bottom="{PAGE["bottom"]}" '
            f'w:left="{PAGE["left"]}" w:header="851" w:footer="{PAGE["footer"]}" w:gutter="0"/>'
            f'<w:pgNumType w:fmt="decimal"/><w:docGrid w:type="lines" w:linePitch="{LINE}"/></w:sectPr>')


def document(body):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}>\n<w:body>\n'
            + body.replace("</w:p>", "</w:p>\n") + section_properties() + "\n</w:body>\n</w:document>\n")


def style(sid, name, ppr="", rpr="", based="Normal", kind="paragraph"):
    based = f'<w:basedOn w:val="{based}"/>' if based else ""
    return (f'<w:style w:type="{kind}" w:styleId="{sid}"><w:name w:val="{name}"/>{based}'
            + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "") + "</w:style>")


def styles():
    size = lambda hp: f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>'
    tabs_right = f'<w:tabs><w:tab w:val="right" w:pos="{PAGE["w"] - PAGE["left"] - PAGE["right"] - CHAR}"/></w:tabs>'
    rule = lambda side, sz, color="000000": f'<w:{side} w:val="single" w:sz="{sz}" w:space="1" w:color="{color}"/>'
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {W}>\n'
            '<w:docDefaults><w:rPrDefault><w:rPr>' + fonts(FANGSONG) + size(BODY_SZ)
            + f'<w:spacing w:val="{CONDENSE}"/><w:kern w:val="0"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>'
            f'<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="{LINE}" w:lineRule="exact"/>'
            '<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>\n'
            + "\n".join([
                style("Normal", "Normal", based=None).replace('<w:style w:type="paragraph"', '<w:style w:type="paragraph" w:default="1"'),
                style("Body", "公文正文", ppr=f'<w:ind w:firstLineChars="200" w:firstLine="{2 * CHAR}"/>'),
                style("Flush", "公文顶格"),
                style("OrganMark", "发文机关标志", ppr='<w:jc w:val="center"/><w:spacing w:line="240" w:lineRule="auto"/>',
                      rpr=fonts(XIAOBIAOSONG) + f'<w:color w:val="{RED}"/>' + size(52) + '<w:spacing w:val="0"/>'),
                style("DocNumber", "发文字号", ppr='<w:jc w:val="center"/>'),
                style("DocNumberSigned", "发文字号（签发人）", ppr=f'<w:ind w:left="{CHAR}"/>' + tabs_right),
                style("RedRule", "红色分隔线", ppr='<w:pBdr>' + rule("top", 12, RED) + '</w:pBdr><w:spacing w:line="240" w:lineRule="exact"/>',
                      rpr=size(4)),
                style("Title", "公文标题", ppr='<w:jc w:val="center"/><w:spacing w:line="700" w:lineRule="exact"/>',
                      rpr=fonts(XIAOBIAOSONG) + size(TITLE_SZ) + '<w:spacing w:val="0"/>'),
                style("Heading1", "一级标题", based="Body", rpr=fonts(HEITI)),
                style("Heading2", "二级标题", based="Body", rpr=fonts(KAITI)),
                style("Signature", "发文机关署名", ppr=f'<w:jc w:val="right"/><w:ind w:right="{6 * CHAR}"/>'),
                style("Date", "成文日期", ppr=f'<w:jc w:val="right"/><w:ind w:right="{4 * CHAR}"/>'),
                style("Attachment", "附件说明", ppr=f'<w:ind w:left="{5 * CHAR}" w:hanging="{3 * CHAR}"/>'),
                style("CopyTo", "抄送", ppr=f'<w:pBdr>{rule("top", 8)}</w:pBdr><w:ind w:left="{SMALL_SZ * 10}" w:right="{SMALL_SZ * 10}" w:hanging="{SMALL_SZ * 30}"/>',
                      rpr=size(SMALL_SZ)),
                style("Printed", "印发机关和印发日期", ppr=f'<w:pBdr>{rule("top", 4)}{rule("bottom", 8)}</w:pBdr>'
                      f'<w:ind w:left="{SMALL_SZ * 10}" w:right="{SMALL_SZ * 10}"/>'
                      f'<w:tabs><w:tab w:val="right" w:pos="{PAGE["w"] - PAGE["left"] - PAGE["right"] - 2 * SMALL_SZ * 10}"/></w:tabs>',
                      rpr=size(SMALL_SZ)),
                style("Footer", "页码", rpr=fonts(SONGTI, SONGTI) + size(SMALL_SZ) + '<w:spacing w:val="0"/>'),
                style("TableText", "表格文字", ppr='<w:spacing w:line="400" w:lineRule="exact"/>', rpr=size(28)),
                style("TableHead", "表头", based="TableText", ppr='<w:jc w:val="center"/>', rpr=fonts(HEITI)),
                '<w:style w:type="table" w:styleId="Grid"><w:name w:val="公文表格"/><w:tblPr><w:tblBorders>'
                + "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for s in
                          ("top", "left", "bottom", "right", "insideH", "insideV"))
                + '</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
            ]) + "\n</w:styles>\n")


def footer(align, indent_side):
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {W}><w:p><w:pPr><w:pStyle w:val="Footer"/>'
            f'<w:jc w:val="{align}"/><w:ind w:{indent_side}="{SMALL_SZ * 10}"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">— </w:t></w:r>{field}<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>\n')


FILES = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
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
    '</Relationships>\n',
    "word/settings.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings {W}>'
    '<w:evenAndOddHeaders/><w:defaultTabStop w:val="640"/><w:characterSpacingControl w:val="compressPunctuation"/></w:settings>\n',
    "word/footer1.xml": footer("right", "right"),   # odd pages: right, one character in
    "word/footer2.xml": footer("left", "left"),     # even pages: left, one character in
}


def write_template(plugin, name, body):
    folder = os.path.join(ROOT, "plugins", plugin, "templates", name + ".docx")
    files = dict(FILES)
    files["word/styles.xml"] = styles()
    files["word/document.xml"] = document(body)
    for rel, text in files.items():
        path = os.path.join(folder, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    print("wrote", os.path.relpath(folder, ROOT))


# ---- the three bodies ------------------------------------------------------------------------

def table(header, widths, cells):
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    head = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{p(h, "TableHead")}</w:tc>' for h, w in zip(header, widths))
    row = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{p(c, "TableText")}</w:tc>' for c, w in zip(cells, widths))
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>{head}</w:tr><w:tr><w:trPr><w:cantSplit/></w:trPr>{row}</w:tr></w:tbl>')


def kv_table(rows, width):
    """A two-column form without a header row (the receipt slip)."""
    widths = [2600, width - 2600]
    trs = "".join('<w:tr><w:trPr><w:trHeight w:val="680"/></w:trPr>' + "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{p(c, "TableText")}</w:tc>'
        for c, w in zip(row, widths)) + "</w:tr>" for row in rows)
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{widths[0]}"/><w:gridCol w:w="{widths[1]}"/></w:tblGrid>{trs}</w:tbl>')


def rectification_notice():
    width = PAGE["w"] - PAGE["left"] - PAGE["right"]
    body = "".join([
        banner(), heading_block(),
        p("根据县委统一部署，{{巡察组}}于{{巡察开始 | date}}至{{巡察结束 | date}}对你单位开展了第{{轮次 | cn}}轮巡察。"
          "巡察共发现问题{{问题数}}个，现将有关问题和整改要求通知如下。", "Body"),
        p("一、发现的问题", "Heading1"),
        table(["序号", "问题", "类别", "依据"], [800, 4400, 1500, width - 6700],
              ["{{#问题}}{{@index}}", "{{描述}}", "{{类别}}", "{{依据 | default:\"—\"}}{{/问题}}"]),
        p("二、整改要求", "Heading1"),
        loop("整改要求", p("{{@index | ordinal}}{{.}}", "Body"), style="Body"),
        p("三、整改期限", "Heading1"),
        p("请于{{整改截止日期 | date}}前完成整改（自本通知印发之日起{{整改天数}}日内）。", "Body"),
        p("四、报告要求", "Heading1"),
        p("整改期限届满后{{报告天数}}个工作日内，将整改情况报告报送{{报送单位}}。整改情况报告须经党组织主要负责人签字，"
          "并附整改台账。联系人：{{联系人}}，联系电话：{{联系电话}}。", "Body"),
        closing(), end_block(),
        # The receipt slip starts a page of its own.
        p("", ppr="", rpr="").replace("<w:p>", '<w:p><w:r><w:br w:type="page"/></w:r>', 1),
        p("回　执", "Title"), p(),
        kv_table([("文件名称", "{{发文字号}}　巡察整改通知书"), ("签收单位", "{{被巡察单位}}"),
                  ("签收人（签字）", ""), ("签收日期", "　　　　年　　月　　日")], width),
        p(),
        p("本回执请于收到通知书后3个工作日内交回{{巡察组}}。", "Body"),
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
        p("联系人：{{联系人}}，联系电话：{{联系电话}}。", "Body"),
        closing(), end_block(),
    ])
    write_template("recommendation-letter", "letter", body)


SEED = os.path.join(ROOT, "..", "shared", "seed", "000_cadda435c2e19cd4.txt")


def work_summary():
    """The seed's text, with every * a field or a computed value."""
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
    with open(SEED, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip()]
    out = []
    for line in lines:
        text = line
        for seed_piece, template_piece in fields:
            text = text.replace(seed_piece, template_piece)
        assert "*" not in text, "a * of the seed has no field: " + text
        if text.startswith(("一、", "二、", "三、", "四、")):
            out.append(p(text, "Heading1"))
        elif text.startswith("（"):
            out.append(p(text, "Heading2"))
        else:
            out.append(p(text, "Body"))
    body = "".join([banner(), heading_block(recipient=False).replace(p("{{标题}}", "Title") + p(), p("{{标题}}", "Title") + p()),
                    optional("主送机关", p("{{主送机关}}：", "Flush")), "".join(out), closing(), end_block()])
    write_template("work-summary", "summary", body)


# ---- manifests: the frame's fields are the same for every type ------------------------------

import json


def field(name, zh, en, type_="text", **kw):
    f = {"name": name, "label": {"zh": zh, "en": en}, "type": type_}
    f.update(kw)
    return f


def frame_fields(organ_example, number_example):
    return [
        field("份号", "份号", "Copy number", help={"zh": "6位阿拉伯数字，如 000001；不需要时留空", "en": "6 digits, e.g. 000001"}),
        field("密级", "密级和保密期限", "Classification", help={"zh": "如 秘密★1年；不需要时留空", "en": "e.g. 秘密★1年"}),
        field("紧急程度", "紧急程度", "Urgency", "choice", choices=["特急", "加急"]),
        field("发文机关标志", "发文机关标志", "Issuing organ mark", required=True, example=organ_example),
        field("发文字号", "发文字号", "Document number", required=True, example=number_example,
              help={"zh": "机关代字〔年份〕序号：年份用六角括号〔〕，序号不编虚位、不加“第”", "en": "Organ code〔year〕number"}),
        field("签发人", "签发人", "Signed by", help={"zh": "上行文填写", "en": "For documents to a superior organ"}),
        field("标题", "标题", "Title", required=True),
    ]


def closing_fields(signature_example):
    return [
        field("附件", "附件", "Attachments", "list", help={"zh": "每行一个附件名称", "en": "One name a line"}),
        field("发文机关署名", "发文机关署名", "Signature", required=True, example=signature_example),
        field("成文日期", "成文日期", "Date", "date", required=True),
        field("附注", "附注", "Note"),
        field("抄送", "抄送机关", "Copies to", "list", help={"zh": "每行一个机关", "en": "One organ a line"}),
        field("印发机关", "印发机关", "Printed by", required=True),
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
            field("主送机关", "主送机关", "Addressee", required=True, example="中共某某县教育局党组"),
            field("被巡察单位", "被巡察单位", "Inspected unit", required=True, example="县教育局"),
            field("巡察组", "巡察组", "Inspection group", required=True, example="县委第一巡察组"),
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
            field("报送单位", "整改情况报送单位", "Report to", default="县委巡察办"),
            field("联系人", "联系人", "Contact", required=True),
            field("联系电话", "联系电话", "Phone", required=True),
        ] + closing_fields("县委第一巡察组")))
    write_manifest(manifest(
        "recommendation-letter", "巡察建议书", "Inspection recommendation letter",
        "巡察工作领导小组（巡察办）就巡察发现的系统性问题向行业主管部门提出建议，含共性和个性问题、建议、回复期限。",
        "From the inspection leading group to a sector's supervising department: shared and individual problems, recommendations, reply deadline.",
        "letter", "致{{主送机关}}巡察建议书",
        frame_fields("中共某某县委巡察工作领导小组", "县巡组〔2023〕12号") + [
            field("主送机关", "主送机关（行业主管部门）", "Supervising department", required=True, example="县教育局党组"),
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
            field("联系人", "联系人", "Contact", required=True),
            field("联系电话", "联系电话", "Phone", required=True),
        ] + closing_fields("县委巡察工作领导小组办公室")))
    write_manifest(manifest(
        "work-summary", "巡察工作总结", "Inspection work summary",
        "巡察办向县委报送的阶段性巡察工作总结：工作开展情况、主要工作及成效、主要问题、下步打算；百分比由计数计算。",
        "The inspection office's periodic summary; percentages are computed from the counts.",
        "summary", "{{县名}}县{{年度}}年巡察工作总结",
        frame_fields("中共某某县委巡察工作领导小组办公室", "县巡办〔2023〕18号") + [
            field("主送机关", "主送机关", "Addressee", example="县委"),
            field("县名", "县名", "County", required=True, help={"zh": "不含“县”字，如 清河", "en": "Without 县"}),
            field("年度", "年度", "Year", "integer", required=True, min=2000, max=2100),
            field("启动日期", "本轮巡察启动日期", "Round start", "date", required=True),
            field("轮次", "巡察轮次", "Round", "integer", required=True, min=1),
            field("被巡察单位", "被巡察单位", "Inspected units", "list", min=1),
            field("发现问题数", "初步发现问题数", "Problems found", "integer", required=True, min=0),
            field("问题线索数", "问题线索数", "Leads", "integer", required=True, min=0),
            field("常委会研究次数", "常委会专题研究次数", "Standing committee meetings", "integer", required=True, min=0),
            field("领导小组会议次数", "领导小组专题会议次数", "Leading group meetings", "integer", required=True, min=0),
            field("反馈问题数", "上一轮反馈问题数", "Problems fed back", "integer", required=True, min=0),
            field("整改不到位问题数", "整改不到位问题数", "Not rectified", "integer", required=True, min=0),
            field("人才库人数", "巡察人才库人数", "Talent pool", "integer", required=True, min=0),
            field("副科级以上人数", "其中副科级以上领导干部", "Of them deputy section chief and above", "integer", required=True, min=0),
        ] + closing_fields("县委巡察办")))


if __name__ == "__main__":
    manifests()
    rectification_notice()
    recommendation_letter()
    work_summary()
