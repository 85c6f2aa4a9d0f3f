#!/usr/bin/env python3
"""A small document type for the merge tests, written into OUT_DIR/merge-probe:
a DOCX template with two sections of three pages in all (like the GB/T 9704 notices: body, then 版记), a header that
holds the row's unit and a picture, a footer with the page number, a numbered list, a bookmark
with a hyperlink and a REF field to it, an inline picture in the body (a wp:docPr id). Rows in
OUT_DIR/rows.csv (three good ones) and OUT_DIR/bad-rows.csv (the second row lacks a required value).
    python3 make_probe.py OUT_DIR
Standard library only."""
import json
import os
import struct
import sys
import zipfile
import zlib

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' \
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' \
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' \
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def png():
    """A 2x2 red PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def picture(docpr, rid, name):
    return (f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="360000" cy="360000"/>'
            f'<wp:docPr id="{docpr}" name="{name}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="360000" cy="360000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
            f'</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


def para(text, ppr=""):
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def sect(kind, refs):
    return (f'<w:sectPr>{refs}<w:type w:val="{kind}"/><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/>'
            '<w:pgNumType w:fmt="decimal"/></w:sectPr>')


def docx(path):
    refs = '<w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/>'
    numbered = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    body = (
        '<w:p><w:bookmarkStart w:id="0" w:name="Unit"/><w:r><w:t>{{单位}}</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>'
        + '<w:p><w:r><w:t>第一页</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>'
        + para("第一项", numbered) + para("第二项", numbered) + para("第三项", numbered)
        + '<w:p>' + picture(1, "rIdImage", "Logo") + '</w:p>'
        + '<w:p><w:hyperlink w:anchor="Unit"><w:r><w:t>见单位</w:t></w:r></w:hyperlink>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF Unit \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>单位</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        + '<w:p><w:pPr>' + sect("nextPage", refs) + '</w:pPr><w:r><w:t>编号 {{编号}}</w:t></w:r></w:p>'
        + para("版记 {{单位}}")
        + sect("nextPage", refs))
    document = HEAD + f'<w:document {W}><w:body>{body}</w:body></w:document>'
    header = HEAD + f'<w:hdr {W}><w:p>' + picture(100, "rIdLogo", "HeaderLogo") + '<w:r><w:t>{{单位}}</w:t></w:r></w:p></w:hdr>'
    footer = HEAD + (f'<w:ftr {W}><w:p><w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                     '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                     '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>')
    numbering = HEAD + (f'<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
                        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl>'
                        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    styles = HEAD + f'<w:styles {W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>'
    settings = HEAD + f'<w:settings {W}><w:defaultTabStop w:val="720"/></w:settings>'
    ct = HEAD + ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                 '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
                 '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
                 '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
                 '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
                 '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
                 '</Types>')
    rels = lambda items: HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(
        f'<Relationship Id="{i}" Type="{REL}{t}" Target="{g}"/>' for i, t, g in items) + '</Relationships>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels([("rId1", "officeDocument", "word/document.xml")]))
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels", rels([
            ("rIdStyles", "styles", "styles.xml"), ("rIdSettings", "settings", "settings.xml"),
            ("rIdNumbering", "numbering", "numbering.xml"), ("rIdHeader", "header", "header1.xml"),
            ("rIdFooter", "footer", "footer1.xml"), ("rIdImage", "image", "media/logo.png")]))
        z.writestr("word/header1.xml", header)
        z.writestr("word/_rels/header1.xml.rels", rels([("rIdLogo", "image", "media/logo.png")]))
        z.writestr("word/footer1.xml", footer)
        z.writestr("word/numbering.xml", numbering)
        z.writestr("word/styles.xml", styles)
        z.writestr("word/settings.xml", settings)
        z.writestr("word/media/logo.png", png())


def main():
    out = sys.argv[1]
    plugin = os.path.join(out, "merge-probe")
    os.makedirs(os.path.join(plugin, "templates"), exist_ok=True)
    docx(os.path.join(plugin, "templates", "probe.docx"))
    field = lambda name, required: {"name": name, "label": {"zh": name, "en": name}, "type": "text", "required": required}
    manifest = {"id": "merge-probe", "version": "1.0.0", "abi": 1, "name": {"zh": "合并探针", "en": "Merge probe"},
                "description": {"zh": "合并测试用", "en": "for the merge tests"},
                "templates": {"docx": "templates/probe.docx"}, "output": "{{单位}}",
                "fields": [field("单位", True), field("编号", False)]}
    with open(os.path.join(plugin, "plugin.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2)
    with open(os.path.join(out, "rows.csv"), "w", encoding="utf-8") as f:
        f.write("单位,编号\n甲单位,1\n乙单位,2\n丙单位,3\n")
    with open(os.path.join(out, "bad-rows.csv"), "w", encoding="utf-8") as f:
        f.write("单位,编号\n甲单位,1\n,2\n丙单位,3\n")


if __name__ == "__main__":
    main()
