"""Templates that make the engine insert elements, in DOCX and ODT, and the data they are rendered
with (tests/schema/check_outputs.py renders and validates them).

Each template holds every construct the engine rewrites — values with line breaks and tabs
(w:br, w:tab; text:line-break, text:tab, text:s), tags split across runs and spans, tags in
hyperlinks, fields, content controls, tracked insertions, text boxes and notes, paragraph loops
(nested, with a page break, with a section break), inline loops (in one paragraph, across
paragraphs), table-row loops (with a header row, every row in the loop), a loop that is the
only content of a table cell, conditions and inverted sections, headers and footers — and the
data sets fill them with several items, one item, or none (empty lists, false conditions, empty
values). "main" templates keep a fixed paragraph beside every loop; the "edge" templates put a
loop alone in a container that must not end up empty (a header, a text box, a footnote, a cell).
"""

import zipfile

FIXED_TIME = (2023, 7, 1, 9, 0, 0)


def write_zip(path, entries):
    with zipfile.ZipFile(path, "w") as z:
        for name, text in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


# ---- data --------------------------------------------------------------------------------------

def data_sets():
    full = {
        "title": "标题 <&> \"引号\" 'x'",
        "multi": "第一行\n第二行\t制表\r\n第三行",
        "split": "拆分的标签", "link": "链接文字", "field": "7", "sdt": "内容控件", "ins": "修订插入",
        "spaces": "  前后  有空格  ", "flag": True,
        "items": [{"name": "甲", "desc": "说明一\n续行", "subs": ["子一", "子二\t制表"]},
                  {"name": "乙", "desc": "说明二", "subs": []}],
        "people": ["张三", "李四", "王五"],
        "rows": [{"text": "行一\n续行"}, {"text": "行二\t制表"}],
        "cellitems": ["格一", "格二\n续行"], "chapters": ["第一章", "第二章"], "sections": ["第一节", "第二节"],
        "boxitems": ["框一", "框二\n续行"], "box": "文本框\t内容", "note": "脚注\n续行",
        "header_text": "页眉\t右侧", "footer_text": "页脚\n第二行", "hdr_items": ["眉一", "眉二\n续"],
        "ftn_items": ["注一", "注二"],
    }
    one = dict(full)
    for k, v in full.items():
        if isinstance(v, list):
            one[k] = v[:1]
    empty = {k: ([] if isinstance(v, list) else False if isinstance(v, bool) else "") for k, v in full.items()}
    return {"full": full, "one": one, "empty": empty}


# (data set, linebreaks, paragraph loop) per main template; the edge templates take full and empty.
MAIN_RUNS = [("full", "on", "on"), ("full", "off", "on"), ("full", "on", "off"),
             ("one", "on", "on"), ("empty", "on", "on"), ("empty", "on", "off")]
EDGE_RUNS = [("full", "on", "on"), ("empty", "on", "on"), ("empty", "on", "off")]
INLINE_RUNS = [("full", "on", "on"), ("full", "off", "on"), ("one", "on", "on"), ("empty", "on", "on")]


# ---- DOCX --------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOC_NS = (f'xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="wps"')
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def wp(text="", ppr="", rpr=""):
    """A paragraph of one run (text may hold tags); text="" gives an empty paragraph."""
    pp = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    rp = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    run = f'<w:r>{rp}<w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{pp}{run}</w:p>"


def wloop(name, *inner, ppr=""):
    return wp("{{#" + name + "}}", ppr) + "".join(inner) + wp("{{/" + name + "}}", ppr)


def wcell(*paras, width=3000):
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{"".join(paras)}</w:tc>'


def wtable(*rows, header=None):
    head = ""
    if header:
        head = ('<w:tr><w:trPr><w:tblHeader/></w:trPr>' + "".join(wcell(wp(h, rpr="<w:b/>")) for h in header) + "</w:tr>")
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
            '<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>'
            + head + "".join("<w:tr>" + "".join(r) + "</w:tr>" for r in rows) + "</w:tbl>")


def wtextbox(*paras):
    emu_w, emu_h = 3600000, 1080000
    return ('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
            'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{emu_w}" cy="{emu_h}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
            '<wp:docPr id="1" name="文本框 1"/><wp:cNvGraphicFramePr/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
            '<wps:cNvSpPr txBox="1"/><wps:spPr>'
            f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu_w}" cy="{emu_h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
            f'<wps:txbx><w:txbxContent>{"".join(paras)}</w:txbxContent></wps:txbx><wps:bodyPr/>'
            '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r></w:p>')


SECT_PR_INNER = ('<w:pgSz w:w="11906" w:h="16838"/>'
                 '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="992" w:gutter="0"/>')


def docx_main_body():
    return "".join([
        wp("{{title}}", ppr='<w:pStyle w:val="Title"/><w:jc w:val="center"/>', rpr="<w:b/>"),
        '<w:p><w:r><w:t xml:space="preserve">多行：</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>{{multi}}</w:t></w:r>'
        '<w:r><w:t>。</w:t></w:r></w:p>',
        # a tag split over runs, with a bookmark and proofing marks between its pieces
        '<w:p><w:proofErr w:type="spellStart"/><w:r><w:t>{{</w:t></w:r><w:bookmarkStart w:id="0" w:name="split"/>'
        '<w:r><w:rPr><w:b/></w:rPr><w:t>split</w:t></w:r><w:bookmarkEnd w:id="0"/><w:r><w:t>}}</w:t></w:r>'
        '<w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve"> 空格：{{spaces}}</w:t></w:r></w:p>',
        '<w:p><w:hyperlink w:anchor="split"><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>{{link}}</w:t></w:r></w:hyperlink>'
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>{{field}}</w:t></w:r></w:fldSimple></w:p>',
        '<w:p><w:sdt><w:sdtPr><w:alias w:val="控件"/><w:tag w:val="cc"/></w:sdtPr><w:sdtContent><w:r><w:t>{{sdt}}</w:t></w:r>'
        '</w:sdtContent></w:sdt></w:p>',
        '<w:p><w:ins w:id="1" w:author="G" w:date="2023-07-01T00:00:00Z"><w:r><w:t>{{ins}}</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="G" w:date="2023-07-01T00:00:00Z"><w:r><w:delText>旧文字</w:delText></w:r></w:del>'
        '<w:r><w:t>注{{multi}}</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>',
        # conditions
        wloop("flag", wp("条件为真：{{multi}}")),
        wp("{{^flag}}条件为假{{/flag}}；内联：{{#flag}}是{{/flag}}"),
        # a paragraph loop with a nested one
        wloop("items", wp("{{@index}}. {{name}}：{{desc}}", ppr='<w:pStyle w:val="ListParagraph"/>'),
              wloop("subs", wp("（子项）{{.}}"))),
        wp("固定段落"),
        # inline loops: across runs of one paragraph, and from one paragraph into the next
        '<w:p><w:r><w:t xml:space="preserve">人员：</w:t></w:r><w:r><w:t>{{#people}}</w:t></w:r>'
        '<w:r><w:rPr><w:b/></w:rPr><w:t>{{.}}</w:t></w:r><w:r><w:t>、{{/people}}</w:t></w:r></w:p>',
        wp("开始{{#items}}第{{@index}}项"), wp("{{name}}\u3000{{desc}}{{/items}}结束"),
        # table-row loops: under a header row, and with every row in the loop; a cell's own loop
        wtable([wcell(wp("{{#rows}}{{@index}}")), wcell(wp("{{text}}{{/rows}}"))], header=["序号", "内容"]),
        wp(),
        wtable([wcell(wp("{{#rows}}{{@index}}")), wcell(wp("{{text}}{{/rows}}"))]),
        wp(),
        wtable([wcell(wloop("cellitems", wp("{{.}}"))), wcell(wp("右"))], [wcell(wp("固定")), wcell(wp("行"))]),
        wp(),
        # a text box with its own loop beside a fixed paragraph
        wtextbox(wp("{{box}}"), wloop("boxitems", wp("{{.}}"))),
        # a loop whose last paragraph breaks the page; one whose first paragraph ends a section
        wp("{{#chapters}}"), wp("{{.}}"),
        '<w:p><w:r><w:t>{{/chapters}}</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>',
        f'<w:p><w:pPr><w:sectPr>{SECT_PR_INNER}</w:sectPr></w:pPr><w:r><w:t>{{{{#sections}}}}</w:t></w:r></w:p>',
        wp("{{.}}"), wp("{{/sections}}"),
        # section breaks in the paragraphs of an inline loop and of paragraph loops
        wp("A{{#items}}B{{name}}"),
        f'<w:p><w:pPr><w:sectPr>{SECT_PR_INNER}</w:sectPr></w:pPr><w:r><w:t>C{{{{/items}}}}D</w:t></w:r></w:p>',
        wp("{{#chapters}}"),
        '<w:p><w:pPr><w:jc w:val="center"/><w:sectPr><w:type w:val="continuous"/>' + SECT_PR_INNER + "</w:sectPr></w:pPr>"
        "<w:r><w:t>{{.}}</w:t></w:r></w:p>",
        wp("{{/chapters}}"),
        wp("{{#people}}"), wp("{{.}}"),
        f'<w:p><w:pPr><w:jc w:val="center"/><w:sectPr>{SECT_PR_INNER}</w:sectPr></w:pPr><w:r><w:t>{{{{/people}}}}</w:t></w:r></w:p>',
        wp("结尾"),
    ])


def docx_edge_body():
    return "".join([
        wp("正文"),
        wtable([wcell(wloop("cellitems", wp("{{.}}"))), wcell(wloop("rows", wp("{{text}}")))]),
        wp(),
        wtextbox(wloop("boxitems", wp("{{.}}"))),
        '<w:p><w:r><w:t>注</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>',
        wloop("items", wp("{{name}}")),
    ])


def docx_inline_body():
    """Sections whose tags sit in different inline containers (the engine closes and reopens
    them), values in ruby text, loops across bookmarks, in a cell with a page break, in a
    block content control."""
    return "".join([
        '<w:p><w:hyperlink w:anchor="x"><w:r><w:t>链{{#people}}接</w:t></w:r></w:hyperlink><w:r><w:t>{{.}}{{/people}}后</w:t></w:r></w:p>',
        '<w:p><w:ins w:id="5" w:author="G" w:date="2023-07-01T00:00:00Z"><w:r><w:t>插{{#people}}入</w:t></w:r></w:ins>'
        '<w:r><w:t>{{.}}</w:t></w:r><w:ins w:id="6" w:author="G" w:date="2023-07-01T00:00:00Z"><w:r><w:rPr><w:b/></w:rPr>'
        '<w:t>x{{/people}}y</w:t></w:r></w:ins></w:p>',
        '<w:p><w:fldSimple w:instr=" TITLE "><w:r><w:t>域{{#people}}</w:t></w:r></w:fldSimple><w:r><w:t>{{.}}{{/people}}</w:t></w:r></w:p>',
        '<w:p><w:smartTag w:uri="u" w:element="e"><w:r><w:t>智{{#people}}能</w:t></w:r></w:smartTag><w:r><w:t>{{.}}{{/people}}</w:t></w:r></w:p>',
        '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{{#flag}}粗</w:t></w:r><w:r><w:t>{{multi}}</w:t></w:r><w:r><w:rPr><w:i/></w:rPr>'
        '<w:t>斜{{/flag}}</w:t></w:r></w:p>',
        '<w:p><w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="center"/><w:hps w:val="16"/><w:hpsRaise w:val="30"/>'
        '<w:hpsBaseText w:val="32"/><w:lid w:val="zh-CN"/></w:rubyPr><w:rt><w:r><w:t>{{multi}}</w:t></w:r></w:rt>'
        '<w:rubyBase><w:r><w:t>{{spaces}}</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>',
        '<w:p><w:bookmarkStart w:id="7" w:name="bm"/><w:r><w:t>{{#items}}</w:t></w:r></w:p>', wp("{{name}}"),
        '<w:p><w:r><w:t>{{/items}}</w:t></w:r><w:bookmarkEnd w:id="7"/></w:p>',
        wtable([wcell(wp("{{#chapters}}"), wp("{{.}}"), '<w:p><w:r><w:t>{{/chapters}}</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>'),
                wcell(wp("右"))]),
        wp(),
        '<w:sdt><w:sdtPr><w:alias w:val="块"/></w:sdtPr><w:sdtContent>' + wloop("people", wp("{{.}}")) + "</w:sdtContent></w:sdt>",
        wp("尾"),
    ])


def docx_package(body, header, footer, footnote):
    final_sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/><w:footerReference w:type="default" r:id="rIdF1"/>'
                  + SECT_PR_INNER + "</w:sectPr>")
    document = f"{DECL}<w:document {DOC_NS}><w:body>{body}{final_sect}</w:body></w:document>"
    hdr = f'{DECL}<w:hdr xmlns:w="{W}">{header}</w:hdr>'
    ftr = f'{DECL}<w:ftr xmlns:w="{W}">{footer}</w:ftr>'
    notes = (f'{DECL}<w:footnotes xmlns:w="{W}">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
             f'<w:footnote w:id="1">{footnote}</w:footnote></w:footnotes>')
    styles = (f'{DECL}<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/>'
              '<w:sz w:val="32"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="579" w:lineRule="exact"/>'
              '<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
              '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/>'
              '<w:pPr><w:ind w:left="720"/></w:pPr></w:style>'
              '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>'
              '<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
              '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
              '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
              '</w:tblBorders></w:tblPr></w:style></w:styles>')
    content_types = (f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     f'<Override PartName="/word/document.xml" ContentType="{CT}document.main+xml"/>'
                     f'<Override PartName="/word/styles.xml" ContentType="{CT}styles+xml"/>'
                     f'<Override PartName="/word/header1.xml" ContentType="{CT}header+xml"/>'
                     f'<Override PartName="/word/footer1.xml" ContentType="{CT}footer+xml"/>'
                     f'<Override PartName="/word/footnotes.xml" ContentType="{CT}footnotes+xml"/></Types>')
    root_rels = (f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="word/document.xml"/></Relationships>')
    doc_rels = (f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rIdS" Type="{REL}styles" Target="styles.xml"/>'
                f'<Relationship Id="rIdH1" Type="{REL}header" Target="header1.xml"/>'
                f'<Relationship Id="rIdF1" Type="{REL}footer" Target="footer1.xml"/>'
                f'<Relationship Id="rIdN" Type="{REL}footnotes" Target="footnotes.xml"/></Relationships>')
    return [("[Content_Types].xml", content_types), ("_rels/.rels", root_rels),
            ("word/_rels/document.xml.rels", doc_rels), ("word/document.xml", document), ("word/styles.xml", styles),
            ("word/header1.xml", hdr), ("word/footer1.xml", ftr), ("word/footnotes.xml", notes)]


PAGE_FIELD = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


def docx_templates():
    """{name: package entries}"""
    main = docx_package(
        docx_main_body(),
        header=wp("{{header_text}}", ppr='<w:jc w:val="center"/>') + wloop("hdr_items", wp("{{.}}")),
        footer=f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r>{PAGE_FIELD}'
               '<w:r><w:t xml:space="preserve"> — {{footer_text}}</w:t></w:r></w:p>',
        footnote='<w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                 '<w:r><w:t xml:space="preserve"> {{note}}</w:t></w:r></w:p>' + wloop("ftn_items", wp("{{.}}")))
    edge = docx_package(
        docx_edge_body(),
        header=wloop("hdr_items", wp("{{.}}")),
        footer=wloop("people", wp("{{.}}")),
        footnote=wloop("ftn_items", wp("{{.}}")))
    drawings = docx_package(wp("前文") + wloop("people", wtextbox(wp("{{.}}"))) + wp("后文"),
                            header=wp("页眉"), footer=wp("页脚"), footnote=wp("脚注"))
    inline = docx_package(docx_inline_body(), header=wp("页眉"), footer=wp("页脚"), footnote=wp("脚注"))
    return {"engine-main": main, "engine-edge": edge, "engine-drawings": drawings, "engine-inline": inline}


# ---- ODT ---------------------------------------------------------------------------------------

ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"')


def tp(inner="", style="Standard"):
    return f'<text:p text:style-name="{style}">{inner}</text:p>'


def oloop(name, *inner):
    return tp("{{#" + name + "}}") + "".join(inner) + tp("{{/" + name + "}}")


def ocell(*paras):
    return f'<table:table-cell table:style-name="C1" office:value-type="string">{"".join(paras)}</table:table-cell>'


def otable(name, *rows, header=None):
    head = ""
    if header:
        head = "<table:table-header-rows><table:table-row>" + "".join(ocell(tp(h)) for h in header) + "</table:table-row></table:table-header-rows>"
    return (f'<table:table table:name="{name}"><table:table-column table:number-columns-repeated="2"/>'
            + head + "".join("<table:table-row>" + "".join(r) + "</table:table-row>" for r in rows) + "</table:table>")


def oframe(*paras):
    return ('<text:p text:style-name="Standard"><draw:frame draw:name="框" text:anchor-type="paragraph" svg:width="10cm" svg:height="3cm">'
            f'<draw:text-box>{"".join(paras)}</draw:text-box></draw:frame></text:p>')


def olist(*items):
    return '<text:list text:style-name="L1">' + "".join(f"<text:list-item>{i}</text:list-item>" for i in items) + "</text:list>"


def onote(*paras):
    return ('<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
            f'<text:note-body>{"".join(paras)}</text:note-body></text:note>')


def odt_main_body():
    return "".join([
        '<text:h text:style-name="Heading" text:outline-level="1">{{title}}</text:h>',
        tp('多行：<text:span text:style-name="T1">{{multi}}</text:span>。'),
        tp('{{<text:span text:style-name="T1">split</text:span>}} 空格：{{spaces}}'),
        tp('<text:a xlink:type="simple" xlink:href="#x">{{link}}</text:a>，'
           '<text:span text:style-name="T1">{{#flag}}</text:span>内联条件{{multi}}{{/flag}}'),
        tp("注" + onote(tp("{{note}}"), oloop("ftn_items", tp("{{.}}")))),
        oloop("flag", tp("条件为真：{{multi}}")),
        tp("{{^flag}}条件为假{{/flag}}；内联：{{#flag}}是{{/flag}}"),
        oloop("items", tp("{{@index}}. {{name}}：{{desc}}"), oloop("subs", tp("（子项）{{.}}"))),
        tp("固定段落"),
        tp('人员：{{#people}}<text:span text:style-name="T1">{{.}}</text:span>、{{/people}}'),
        tp("开始{{#items}}第{{@index}}项"), tp("{{name}}\u3000{{desc}}{{/items}}结束"),
        # lists: one item repeated; a loop over three items; a nested list
        olist(tp("{{#items}}{{name}}：{{desc}}{{/items}}", "P2"), tp("固定项", "P2")),
        olist(tp("{{#people}}", "P2"), tp("{{.}}", "P2"), tp("{{/people}}", "P2")),
        olist(tp("上级", "P2") + olist(tp("{{#cellitems}}{{.}}{{/cellitems}}", "P2"))),
        otable("表一", [ocell(tp("{{#rows}}{{@index}}")), ocell(tp("{{text}}{{/rows}}"))], header=["序号", "内容"]),
        otable("表二", [ocell(tp("{{#rows}}{{@index}}")), ocell(tp("{{text}}{{/rows}}"))]),
        otable("表三", [ocell(oloop("cellitems", tp("{{.}}"))), ocell(tp("右"))], [ocell(tp("固定")), ocell(tp("行"))]),
        oframe(tp("{{box}}"), oloop("boxitems", tp("{{.}}"))),
        '<text:section text:name="节一">' + oloop("sections", tp("{{.}}")) + tp("节内固定") + "</text:section>",
        tp("{{#chapters}}"), tp("{{.}}", "Break"), tp("{{/chapters}}"),
        tp("结尾"),
    ])


def odt_edge_body():
    return "".join([
        tp("正文" + onote(oloop("ftn_items", tp("{{.}}")))),
        otable("表一", [ocell(oloop("cellitems", tp("{{.}}"))), ocell(oloop("rows", tp("{{text}}")))]),
        oframe(oloop("boxitems", tp("{{.}}"))),
        olist(tp("{{#people}}", "P2"), tp("{{.}}", "P2"), tp("{{/people}}", "P2")),
        '<text:section text:name="节一">' + oloop("sections", tp("{{.}}")) + "</text:section>",
        oloop("items", tp("{{name}}")),
    ])


def odt_package(body, header, footer):
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODF_NS}>'
               '<office:automatic-styles>'
               '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
               '<style:style style:name="C1" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000"/></style:style>'
               '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Standard" style:list-style-name="L1"/>'
               '<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1">'
               '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
               '<style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="1.27cm" '
               'fo:text-indent="-0.635cm" fo:margin-left="1.27cm"/></style:list-level-properties></text:list-level-style-number></text:list-style>'
               '</office:automatic-styles><office:body><office:text>'
               f'{body}</office:text></office:body></office:document-content>\n')
    styles = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ODF_NS}><office:styles>'
              '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>'
              '<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"/>'
              '<style:style style:name="Break" style:family="paragraph" style:parent-style-name="Standard">'
              '<style:paragraph-properties fo:break-after="page"/></style:style>'
              '</office:styles><office:automatic-styles><style:page-layout style:name="pm1">'
              '<style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="3.7cm" '
              'fo:margin-bottom="3.5cm" fo:margin-left="2.8cm" fo:margin-right="2.6cm"/></style:page-layout></office:automatic-styles>'
              '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">'
              f'<style:header>{header}</style:header><style:footer>{footer}</style:footer>'
              '</style:master-page></office:master-styles></office:document-styles>\n')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>\n')
    return [("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", content),
            ("styles.xml", styles), ("META-INF/manifest.xml", manifest)]


def odt_inline_body():
    """Sections leaving links, nested spans and text:meta; loops across bookmarks and a soft page
    break; a list with a header and a nested list."""
    return "".join([
        tp('<text:a xlink:type="simple" xlink:href="#x">链{{#people}}接</text:a>{{.}}{{/people}}后'),
        tp('<text:span text:style-name="T1"><text:span text:style-name="T1">深{{#people}}</text:span>{{.}}</text:span>{{/people}}'),
        tp('<text:meta xml:id="m1">元{{#people}}</text:meta>{{.}}{{/people}}'),
        tp('<text:bookmark-start text:name="b"/>{{#items}}'), tp("{{name}}"), tp('{{/items}}<text:bookmark-end text:name="b"/>'),
        tp("{{#flag}}<text:soft-page-break/>"), tp("{{multi}}"), tp("{{/flag}}"),
        '<text:list text:style-name="L1"><text:list-header><text:p>头</text:p></text:list-header><text:list-item>'
        '<text:p text:style-name="P2">{{#people}}{{.}}{{/people}}</text:p><text:list text:style-name="L1"><text:list-item>'
        "<text:p>子</text:p></text:list-item></text:list></text:list-item></text:list>",
    ])


def odt_textonly_body():
    """Tags in elements whose content is text only: text fields (a date, the document title, a
    bookmark reference), ruby text, an annotation's author, a frame's description."""
    return "".join([
        tp('日期：<text:date style:data-style-name="N1" text:date-value="2023-07-01">{{multi}}</text:date>'),
        tp("标题字段：<text:title>{{spaces}}</text:title>"),
        tp('引用：<text:bookmark-ref text:reference-format="text" text:ref-name="b">{{multi}}</text:bookmark-ref>'),
        tp("批注<office:annotation><dc:creator>{{spaces}}</dc:creator><dc:date>2023-07-01T00:00:00</dc:date>"
           "<text:p>{{multi}}</text:p></office:annotation>结束"),
        tp("注音<text:ruby><text:ruby-base>{{multi}}</text:ruby-base><text:ruby-text>{{spaces}}</text:ruby-text></text:ruby>"),
        tp('<draw:frame draw:name="图" text:anchor-type="as-char" svg:width="3cm" svg:height="1cm">'
           "<draw:text-box><text:p>{{box}}</text:p></draw:text-box><svg:desc>{{multi}}</svg:desc></draw:frame>"),
    ])


# Two defects these variants found, fixed since (a failure names them again if they come back):
# values in ODT elements whose content is text only (text:date, text:title, text:bookmark-ref,
# text:ruby-text, dc:creator, svg:desc) got text:line-break/text:tab/text:s — now plain text (the
# compiler's plain_text); a drawing repeated by a loop kept its wp:docPr id — now each copy gets an
# id of its own (template/unique_ids.cpp).
KNOWN_DEFECTS = {
    "engine-drawings.docx": "a drawing repeated by a loop keeps its wp:docPr id (duplicate ids)",
    "engine-textonly.odt": "ODT values in text-only elements (text fields, ruby text, dc:creator, svg:desc) "
                           "get text:line-break/text:tab/text:s",
}


def odt_templates():
    main = odt_package(odt_main_body(),
                       header=tp("{{header_text}}") + oloop("hdr_items", tp("{{.}}")),
                       footer=tp('— <text:page-number text:select-page="current">1</text:page-number> — {{footer_text}}'))
    edge = odt_package(odt_edge_body(), header=oloop("hdr_items", tp("{{.}}")), footer=oloop("people", tp("{{.}}")))
    textonly = odt_package(odt_textonly_body(), header=tp("页眉"), footer=tp("页脚"))
    inline = odt_package(odt_inline_body(), header=tp("页眉"), footer=tp("页脚"))
    return {"engine-main": main, "engine-edge": edge, "engine-inline": inline, "engine-textonly": textonly}
