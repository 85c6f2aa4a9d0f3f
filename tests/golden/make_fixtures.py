#!/usr/bin/env python3
"""Writes the golden-test cases of tests/golden/: one folder per case.

Each case folder holds
  template.docx | template.odt   the template, built here from the XML below (python3 stdlib only)
  data.json                      the data it is rendered with
  options.json                   optional: {"delimiters": [o, c], "paragraph_loop": bool,
                                 "linebreaks": bool, "strict": bool, "strip_invalid_chars": bool}
and, maintained by hand (this script never touches them):
  expected.txt                   the visible text of the rendered document, one line per
                                 paragraph, each text part preceded by "== PART"
  expected-diagnostics.txt       or the diagnostics, one per line, the template path as TEMPLATE
  expected-xpath.txt             optional: "PART<TAB>XPATH" lines that must select a node in the
                                 rendered part ("PART<TAB>!XPATH": must select none)

tests/unit/golden_test.cpp runs every folder; GONGWEN_REGENERATE_GOLDEN=1 rewrites the expected
files from what the engine does (review every change by eye before committing it).

The XML is kept close to what Word 2016 and LibreOffice write (namespaces, rsid and paraId
attributes, proofing marks, bookmarks, spans) but small enough to review here. Packages are written
with a fixed timestamp, so rerunning the script gives identical bytes.

The one exception is odt-libreoffice/template.odt: it was made ONCE by LibreOffice 7.4.7 from
odt-libreoffice/source.docx (which this script writes) with

    soffice --headless --norestore -env:UserInstallation=file:///tmp/lo-golden-profile \\
            --convert-to odt --outdir /tmp/lo-golden tests/golden/odt-libreoffice/source.docx
    cp /tmp/lo-golden/source.odt tests/golden/odt-libreoffice/template.odt

and is committed as LibreOffice wrote it (text:span around parts of split tags, soft page breaks,
automatic styles). This script does not run soffice; after changing source.docx, rerun the
command above by hand and review the new expected.txt.

The ODT twins odt-span-depth, odt-text-section, odt-inline-multipara and odt-heading-paragraph
were made the same way by LibreOffice 7.4.7, one soffice run per case (CASE = the folder name):

    soffice --headless --norestore -env:UserInstallation=file:///tmp/lo-golden-profile \
            --convert-to odt --outdir /tmp/lo-golden/CASE tests/golden/CASE/source.docx
    cp /tmp/lo-golden/CASE/source.odt tests/golden/CASE/template.odt

Their expected.txt is the visible text of source.docx rendered with the same data and options
(gongwen render source.docx …; checked by eye): the ODT twin must show the same paragraphs.

Usage: python3 tests/golden/make_fixtures.py [CASE ...]     (no argument: every case)
"""

import json
import os
import sys
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_TIME = (2023, 7, 1, 9, 0, 0)

# ----------------------------------------------------------------------------------------------
# packages


def write_zip(path, entries):
    """entries: list of (name, text); 'mimetype' is stored uncompressed, everything else deflated."""
    with zipfile.ZipFile(path, "w") as z:
        for name, text in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text if isinstance(text, bytes) else text.encode("utf-8"))


def write_case(name, template_name, entries, data, options=None):
    folder = os.path.join(HERE, name)
    os.makedirs(folder, exist_ok=True)
    write_zip(os.path.join(folder, template_name), entries)
    with open(os.path.join(folder, "data.json"), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")
    opt_path = os.path.join(folder, "options.json")
    if options:
        with open(opt_path, "w", encoding="utf-8") as f:
            json.dump(options, f, ensure_ascii=False, indent=2)
            f.write("\n")
    elif os.path.exists(opt_path):
        os.remove(opt_path)


# ----------------------------------------------------------------------------------------------
# DOCX

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

W_NS = ('xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:w10="urn:schemas-microsoft-com:office:word" '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
        'xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" '
        'mc:Ignorable="w14"')

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"

# 仿宋 3号 (16 pt) body text, as GB/T 9704 asks.
FS = ('<w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312"/>'
      '<w:sz w:val="32"/><w:szCs w:val="32"/>')
HEI = '<w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体"/><w:sz w:val="32"/><w:szCs w:val="32"/>'


def r(text, rpr=FS):
    """A run holding `text` (escaped) in the given run properties."""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:r><w:rPr>{rpr}</w:rPr><w:t{space}>{escape(text)}</w:t></w:r>"


_para_id = [0x1A2B0000]


def p(*runs, ppr="", style=None):
    """A paragraph of runs; a plain string is one run in the body font."""
    _para_id[0] += 1
    pid = f"{_para_id[0]:08X}"
    if style:
        ppr = f'<w:pStyle w:val="{style}"/>' + ppr
    body = "".join(x if x.startswith("<") else r(x) for x in runs)
    ppr_xml = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return f'\n    <w:p w14:paraId="{pid}" w14:textId="77777777" w:rsidR="00C21F3A" w:rsidRDefault="00C21F3A">{ppr_xml}{body}</w:p>'


def tc(*paras, width=2000):
    return f'\n      <w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{"".join(paras)}</w:tc>'


def tr(*cells, header=False):
    trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f'\n    <w:tr w:rsidR="00C21F3A" w:rsidTr="00C21F3A">{trpr}{"".join(cells)}\n    </w:tr>'


def tbl(widths, *rows):
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    borders = "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                      for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return (f'\n    <w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLook w:val="04A0"/></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}\n    </w:tbl>')


def sect_pr(refs=""):
    # A4, GB/T 9704 margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
    return (f'\n    <w:sectPr w:rsidR="00C21F3A">{refs}<w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>'
            '<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>')


def document_xml(body, refs=""):
    return f"{XML_DECL}<w:document {W_NS}>\n  <w:body>{body}{sect_pr(refs)}\n  </w:body>\n</w:document>\n"


STYLES_XML = f"""{XML_DECL}<w:styles {W_NS}>
  <w:docDefaults>
    <w:rPrDefault><w:rPr>{FS}<w:kern w:val="2"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr><w:spacing w:line="579" w:lineRule="exact"/></w:pPr></w:pPrDefault>
  </w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="a"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:qFormat/><w:pPr><w:ind w:firstLine="640"/></w:pPr><w:rPr>{HEI}</w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body Text First Indent"/><w:basedOn w:val="a"/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="a3"><w:name w:val="header"/><w:basedOn w:val="a"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="a4"><w:name w:val="footer"/><w:basedOn w:val="a"/><w:rPr><w:sz w:val="28"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="a5"><w:name w:val="footnote text"/><w:basedOn w:val="a"/><w:rPr><w:sz w:val="18"/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="a6"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
  <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>
"""

SETTINGS_XML = f"""{XML_DECL}<w:settings {W_NS}>
  <w:zoom w:percent="100"/>
  <w:proofState w:spelling="clean" w:grammar="clean"/>
  <w:defaultTabStop w:val="420"/>
  <w:characterSpacingControl w:val="compressPunctuation"/>
  <w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>
  <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
  <w:rsids><w:rsidRoot w:val="00C21F3A"/><w:rsid w:val="00C21F3A"/><w:rsid w:val="00A1B2C3"/><w:rsid w:val="00D4E5F6"/></w:rsids>
</w:settings>
"""

CORE_XML = f"""{XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <dc:title>巡察整改通知书</dc:title><dc:creator>县委巡察办</dc:creator>
  <dcterms:created xsi:type="dcterms:W3CDTF">2023-07-01T09:00:00Z</dcterms:created>
</cp:coreProperties>
"""

APP_XML = f"""{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
  <Application>Microsoft Office Word</Application><DocSecurity>0</DocSecurity>
</Properties>
"""


def docx_entries(body, extra_parts=(), refs=""):
    """The parts of a .docx. extra_parts: (rel type, part name under word/, content type, XML) for
    headers, footers and notes; `refs` goes into the final w:sectPr (header/footer references)."""
    overrides = [
        ("/word/document.xml", f"{CT}.document.main+xml"),
        ("/word/styles.xml", f"{CT}.styles+xml"),
        ("/word/settings.xml", f"{CT}.settings+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    ] + [(f"/word/{name}", ctype) for _, name, ctype, _ in extra_parts]
    content_types = (XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     + "".join(f'<Override PartName="{n}" ContentType="{c}"/>' for n, c in overrides) + "</Types>")
    root_rels = (XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                 f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
                 "</Relationships>")
    rels = [f'<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>',
            f'<Relationship Id="rId2" Type="{REL}/settings" Target="settings.xml"/>']
    for i, (rtype, name, _, _) in enumerate(extra_parts):
        rels.append(f'<Relationship Id="rId{10 + i}" Type="{REL}/{rtype}" Target="{name}"/>')
    doc_rels = (XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + "".join(rels) + "</Relationships>")
    entries = [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", root_rels),
        ("docProps/app.xml", APP_XML),
        ("docProps/core.xml", CORE_XML),
        ("word/document.xml", document_xml(body, refs)),
        ("word/_rels/document.xml.rels", doc_rels),
        ("word/styles.xml", STYLES_XML),
        ("word/settings.xml", SETTINGS_XML),
    ]
    entries += [(f"word/{name}", xml) for _, name, _, xml in extra_parts]
    return entries


def docx_case(name, body, data, options=None, extra_parts=(), refs=""):
    write_case(name, "template.docx", docx_entries(body, extra_parts, refs), data, options)


# ----------------------------------------------------------------------------------------------
# ODT

ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" '
          'office:version="1.3"')

ODT_FONTS = """
 <office:font-face-decls>
  <style:font-face style:name="仿宋_GB2312" svg:font-family="仿宋_GB2312" style:font-family-generic="roman"/>
  <style:font-face style:name="黑体" svg:font-family="黑体" style:font-family-generic="swiss"/>
 </office:font-face-decls>"""

ODT_AUTO_STYLES = """
 <office:automatic-styles>
  <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/></style:style>
  <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
  <style:style style:name="T2" style:family="text"><style:text-properties fo:color="#ff0000"/></style:style>
  <style:style style:name="Table1" style:family="table"><style:table-properties style:width="15.6cm" table:align="margins"/></style:style>
  <style:style style:name="Table1.A" style:family="table-column"><style:table-column-properties style:column-width="2cm"/></style:style>
  <style:style style:name="Table1.B" style:family="table-column"><style:table-column-properties style:column-width="9cm"/></style:style>
  <style:style style:name="Table1.C" style:family="table-column"><style:table-column-properties style:column-width="4.6cm"/></style:style>
  <style:style style:name="Table1.A1" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>
  <style:style style:name="P2" style:family="paragraph" style:parent-style-name="Standard" style:list-style-name="L1"/>
  <text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="1.27cm" fo:text-indent="-0.635cm" fo:margin-left="1.27cm"/></style:list-level-properties></text:list-level-style-number></text:list-style>
 </office:automatic-styles>"""


def odt_styles_xml(header="", footer=""):
    header_xml = f"<style:header>{header}</style:header>" if header else ""
    footer_xml = f"<style:footer>{footer}</style:footer>" if footer else ""
    return f"""{XML_DECL}<office:document-styles {ODF_NS}>{ODT_FONTS}
 <office:styles>
  <style:default-style style:family="paragraph"><style:text-properties style:font-name="仿宋_GB2312" fo:font-size="16pt" style:font-name-asian="仿宋_GB2312" style:font-size-asian="16pt" fo:language="zh" fo:country="CN"/></style:default-style>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:text-indent="0.5in"/></style:style>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1" style:class="text"><style:text-properties style:font-name-asian="黑体"/></style:style>
  <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center"/></style:style>
  <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center"/></style:style>
  <style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"/>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21.001cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="3.7cm" fo:margin-bottom="3.5cm" fo:margin-left="2.8cm" fo:margin-right="2.6cm"/><style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">{header_xml}{footer_xml}</style:master-page>
 </office:master-styles>
</office:document-styles>
"""


def odt_content_xml(body):
    return (f"{XML_DECL}<office:document-content {ODF_NS}>{ODT_FONTS}{ODT_AUTO_STYLES}\n"
            f" <office:body>\n  <office:text>\n   <text:sequence-decls>"
            '<text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>'
            f"{body}\n  </office:text>\n </office:body>\n</office:document-content>\n")


ODT_MANIFEST = f"""{XML_DECL}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""

ODT_META = f"""{XML_DECL}<office:document-meta {ODF_NS}><office:meta><meta:generator>Gongwen golden fixtures</meta:generator><dc:title>巡察整改通知书</dc:title></office:meta></office:document-meta>
"""


def odt_case(name, body, data, options=None, header="", footer=""):
    entries = [
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", odt_content_xml(body)),
        ("styles.xml", odt_styles_xml(header, footer)),
        ("meta.xml", ODT_META),
        ("META-INF/manifest.xml", ODT_MANIFEST),
    ]
    write_case(name, "template.odt", entries, data, options)


def tp(inner, style="Standard"):
    """An ODT paragraph. `inner` is XML, written as is: white space inside counts."""
    return f'\n   <text:p text:style-name="{style}">{inner}</text:p>'


def th(inner, level=1):
    return f'\n   <text:h text:style-name="Heading_20_1" text:outline-level="{level}">{inner}</text:h>'


def ocell(*paras):
    return ('\n     <table:table-cell table:style-name="Table1.A1" office:value-type="string">'
            + "".join(f'<text:p text:style-name="Table_20_Contents">{x}</text:p>' for x in paras)
            + "</table:table-cell>")


def orow(*cells):
    return "\n    <table:table-row>" + "".join(cells) + "\n    </table:table-row>"


def otable(name, header_row, *rows):
    return (f'\n   <table:table table:name="{name}" table:style-name="Table1">'
            '<table:table-column table:style-name="Table1.A"/><table:table-column table:style-name="Table1.B"/>'
            '<table:table-column table:style-name="Table1.C"/>'
            f'\n    <table:table-header-rows>{header_row}</table:table-header-rows>{"".join(rows)}\n   </table:table>')


# ----------------------------------------------------------------------------------------------
# DOCX cases


def docx_values():
    body = "".join([
        p(r("{{标题}}", '<w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/>'), style="Title"),
        p("{{主送机关}}："),
        p("被巡察单位：{{单位名称}}；负责人：{{unit.leader.name}}（{{unit.leader.title}}）", style="Body"),
        # A value with & < > " and ' in it; the template text around it holds escaped markup too.
        p("事由：{{事由}}", r(" & <备注>"), style="Body"),
        # A multi-line value: "\n" becomes w:br; "\t" a w:tab; a tab in the template stays.
        p("整改意见：{{意见}}", style="Body"),
        p("序号", "<w:r><w:tab/></w:r>", "问题", "<w:r><w:tab/></w:r>", "{{表头}}"),
        # Numbers: integers stay integers, decimals keep their digits, booleans print as text.
        p("共发现问题{{count}}个，整改率{{ratio}}，已归档：{{archived}}。", style="Body"),
        # Leading and trailing spaces of a value are kept (xml:space="preserve").
        p("[{{padded}}]"),
        # A value that is itself tag-like text is not re-interpreted.
        p("说明：{{note}}"),
        p(r("{{落款}}"), ppr='<w:jc w:val="right"/>'),
    ])
    data = {
        "标题": "关于县财政局巡察整改情况的通报",
        "主送机关": "各乡镇党委、县直各单位党组（党委）",
        "单位名称": "县财政局",
        "unit": {"leader": {"name": "王建国", "title": "党组书记、局长"}},
        "事由": 'A&B公司<试点>项目“专项”资金\'挪用\'问题 "1 > 0"',
        "意见": "一、立即整改；\n二、建立台账；\n三、按期报送。",
        "表头": "整改时限\t责任人",
        "count": 12,
        "ratio": 0.875,
        "archived": True,
        "padded": "  居中  ",
        "note": "{{不是标签}}",
        "落款": "中共某某县委巡察办\n2023年7月5日",
    }
    docx_case("docx-values", body, data)


def docx_split_runs():
    bold_red = FS + '<w:b/><w:bCs/><w:color w:val="FF0000"/>'
    body = "".join([
        p("巡察整改通知书", style="Title"),
        # {{unit.name}} typed in three goes: "{{" with the label in a bold red run, "unit" after a
        # spell-check mark and a bookmark, ".name}}" in an italic run from another session (rsid).
        '\n    <w:p w14:paraId="3C1D2E4F" w14:textId="3C1D2E4F" w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3" w:rsidP="00D4E5F6">'
        '<w:pPr><w:pStyle w:val="Body"/></w:pPr>'
        f'<w:r w:rsidRPr="00A1B2C3"><w:rPr>{bold_red}</w:rPr><w:t xml:space="preserve">被巡察单位：{{{{</w:t></w:r>'
        '<w:proofErr w:type="spellStart"/>'
        '<w:bookmarkStart w:id="0" w:name="被巡察单位"/>'
        f'<w:r w:rsidR="00D4E5F6"><w:rPr>{FS}</w:rPr><w:t>unit</w:t></w:r>'
        '<w:proofErr w:type="spellEnd"/>'
        f'<w:r w:rsidRPr="00D4E5F6"><w:rPr>{FS}<w:i/><w:iCs/></w:rPr><w:t>.name}}}}</w:t></w:r>'
        '<w:bookmarkEnd w:id="0"/>'
        f'<w:r><w:rPr>{FS}</w:rPr><w:t>（盖章）</w:t></w:r></w:p>',
        # The delimiters themselves split one brace per run, with a grammar mark in between.
        '\n    <w:p w14:paraId="3C1D2E50" w14:textId="3C1D2E50" w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3">'
        '<w:pPr><w:pStyle w:val="Body"/></w:pPr>'
        f'<w:r><w:rPr>{FS}</w:rPr><w:t xml:space="preserve">巡察组长：</w:t></w:r>'
        f'<w:r><w:rPr>{FS}<w:u w:val="single"/></w:rPr><w:t>{{</w:t></w:r>'
        f'<w:r w:rsidR="00D4E5F6"><w:rPr>{FS}</w:rPr><w:t>{{组</w:t></w:r>'
        '<w:proofErr w:type="gramStart"/>'
        f'<w:r w:rsidR="00D4E5F6"><w:rPr>{FS}</w:rPr><w:t>长</w:t></w:r>'
        '<w:proofErr w:type="gramEnd"/>'
        f'<w:r><w:rPr>{FS}</w:rPr><w:t>}}</w:t></w:r>'
        f'<w:r><w:rPr>{FS}</w:rPr><w:t>}}，联系电话：</w:t></w:r>'
        f'<w:r><w:rPr>{FS}</w:rPr><w:t>{{{{phone}}}}</w:t></w:r></w:p>',
        # An inline section whose tags are split too: {{#urgent}}（加急）{{/urgent}}.
        '\n    <w:p w14:paraId="3C1D2E51" w14:textId="3C1D2E51" w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3">'
        f'<w:r><w:rPr>{FS}</w:rPr><w:t>办理时限：{{{{days}}}}日</w:t></w:r>'
        f'<w:r><w:rPr>{FS}</w:rPr><w:t>{{{{#ur</w:t></w:r>'
        '<w:proofErr w:type="spellStart"/>'
        f'<w:r><w:rPr>{FS}</w:rPr><w:t>gent}}}}</w:t></w:r>'
        '<w:proofErr w:type="spellEnd"/>'
        f'<w:r><w:rPr>{FS}<w:b/></w:rPr><w:t>（加急）</w:t></w:r>'
        f'<w:r><w:rPr>{FS}</w:rPr><w:t>{{{{/</w:t></w:r>'
        f'<w:r><w:rPr>{FS}</w:rPr><w:t>urgent}}}}。</w:t></w:r></w:p>',
    ])
    data = {"unit": {"name": "县财政局"}, "组长": "张伟", "phone": "0371-1234567", "days": 30, "urgent": True}
    docx_case("docx-split-runs", body, data)


def docx_table_row_loop():
    hdr = lambda t: p(r(t, HEI), ppr='<w:jc w:val="center"/>')
    body = "".join([
        p("{{单位}}巡察发现问题清单", style="Title"),
        tbl([900, 4200, 2000, 1800],
            tr(tc(hdr("序号"), width=900), tc(hdr("问题描述"), width=4200), tc(hdr("责任人"), width=2000),
               tc(hdr("整改时限"), width=1800), header=True),
            # The loop tags are in the first and last cells of one row: the row repeats.
            tr(tc(p("{{#problems}}{{@index}}/{{@count}}", ppr='<w:jc w:val="center"/>'), width=900),
               tc(p("{{desc}}"), p("（{{category}}）"), width=4200),
               tc(p("{{owner.name}}（{{owner.title}}）"), width=2000),
               # {{单位}} is found in the enclosing (root) scope.
               tc(p("{{deadline}}前，{{单位}}{{/problems}}"), width=1800)),
            tr(tc(p("合计"), width=900), tc(p("{{total}}个问题"), width=4200), tc(p(""), width=2000),
               tc(p(""), width=1800))),
        p("附：整改佐证材料清单"),
        # A table whose every row loops over an empty list is dropped entirely.
        tbl([4500, 4400],
            tr(tc(p("{{#attachments}}{{name}}"), width=4500), tc(p("{{pages}}页{{/attachments}}"), width=4400))),
        p("（无附件时上表不出现）"),
    ])
    data = {
        "单位": "县财政局",
        "total": 3,
        "problems": [
            {"desc": "落实全面从严治党主体责任不到位", "category": "党的建设",
             "owner": {"name": "王建国", "title": "局长"}, "deadline": "2023年9月30日"},
            {"desc": "专项资金拨付滞后", "category": "资金管理",
             "owner": {"name": "李红", "title": "副局长"}, "deadline": "2023年10月31日"},
            {"desc": "“三重一大”制度执行不严", "category": "制度执行",
             "owner": {"name": "赵强", "title": "纪检组长"}, "deadline": "2023年8月31日"},
        ],
        "attachments": [],
    }
    docx_case("docx-table-row-loop", body, data)


def docx_paragraph_loop_nested():
    body = "".join([
        p("{{year}}年第{{round}}轮巡察发现问题", style="Title"),
        p("{{#groups}}"),
        p(r("{{@index}}. {{name}}（第{{@index}}组，共{{@count}}组）", HEI), style="1"),
        # Inner inline loop over strings: {{.}} is the item, {{@index}} the inner index, {{name}}
        # the outer group's name (strings have no fields), {{year}} the root's.
        p("问题：{{#items}}{{@index}}.{{.}}（{{name}}，{{year}}年）；{{/items}}", style="Body"),
        p("组长：{{leader}}", style="Body"),
        p("{{/groups}}"),
        p("以上共{{groups_count}}个巡察组。", style="Body"),
    ])
    data = {
        "year": 2023,
        "round": 15,
        "groups": [
            {"name": "第一巡察组", "leader": "张伟", "items": ["党建薄弱", "资金滞留"]},
            {"name": "第二巡察组", "leader": "刘洋", "items": ["作风漂浮"]},
            {"name": "第三巡察组", "leader": "陈静", "items": []},
        ],
        "groups_count": 3,
    }
    docx_case("docx-paragraph-loop-nested", body, data)


def docx_inverted_and_conditions():
    body = "".join([
        p("整改情况说明", style="Title"),
        # Paragraph-level section over `true`: the paragraphs between show once.
        p("{{#has_problems}}"),
        p("巡察发现问题{{count}}个，具体如下。", style="Body"),
        p("{{/has_problems}}"),
        # Paragraph-level inverted over `true`: the paragraphs between vanish.
        p("{{^has_problems}}"),
        p("本轮巡察未发现问题。", style="Body"),
        p("{{/has_problems}}"),
        # Inline sections over false values: false, 0, "", [] and a missing name.
        p("状态：{{#closed}}已销号{{/closed}}{{^closed}}整改中{{/closed}}。"),
        p("逾期：{{#overdue_days}}逾期{{overdue_days}}天{{/overdue_days}}{{^overdue_days}}未逾期{{/overdue_days}}。"),
        p("备注：{{#remark}}{{remark}}{{/remark}}{{^remark}}无{{/remark}}。"),
        p("移交线索：{{#clues}}{{.}}；{{/clues}}{{^clues}}无{{/clues}}。"),
        p("{{^appendix}}（本件无附件）{{/appendix}}"),
        # A section over an object: names resolve in the object first, then outside it.
        p("{{#leader}}联系人：{{name}}，{{phone}}（{{单位}}）{{/leader}}"),
        # A section over a non-empty string shows once; the string is {{.}}.
        p("{{#signer}}签发人：{{.}}{{/signer}}"),
    ])
    data = {
        "has_problems": True,
        "count": 2,
        "closed": False,
        "overdue_days": 0,
        "remark": "",
        "clues": [],
        "leader": {"name": "王建国", "phone": "0371-1234567"},
        "单位": "县财政局",
        "signer": "李书记",
    }
    docx_case("docx-inverted-and-conditions", body, data)


def docx_header_footer_footnote():
    hdr = (f'{XML_DECL}<w:hdr {W_NS}>'
           '<w:p w14:paraId="5A000001" w14:textId="77777777" w:rsidR="00C21F3A" w:rsidRDefault="00C21F3A">'
           '<w:pPr><w:pStyle w:val="a3"/><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="FF0000"/></w:pBdr></w:pPr>'
           f'<w:r><w:rPr><w:color w:val="FF0000"/></w:rPr><w:t>{{{{机关名称}}}}文件</w:t></w:r></w:p>'
           '</w:hdr>\n')
    ftr = (f'{XML_DECL}<w:ftr {W_NS}>'
           '<w:p w14:paraId="5A000002" w14:textId="77777777" w:rsidR="00C21F3A" w:rsidRDefault="00C21F3A">'
           '<w:pPr><w:pStyle w:val="a4"/><w:jc w:val="center"/></w:pPr>'
           '<w:r><w:t xml:space="preserve">— </w:t></w:r>'
           '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
           '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>'
           '<w:p w14:paraId="5A000003" w14:textId="77777777" w:rsidR="00C21F3A" w:rsidRDefault="00C21F3A">'
           '<w:pPr><w:pStyle w:val="a4"/><w:jc w:val="right"/></w:pPr>'
           '<w:r><w:t>{{文号}}</w:t></w:r></w:p>'
           '</w:ftr>\n')
    notes = (f'{XML_DECL}<w:footnotes {W_NS}>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p w14:paraId="5A000004" w14:textId="77777777" w:rsidR="00C21F3A" w:rsidRDefault="00C21F3A">'
             '<w:pPr><w:pStyle w:val="a5"/></w:pPr><w:r><w:rPr><w:rStyle w:val="a6"/></w:rPr><w:footnoteRef/></w:r>'
             '<w:r><w:t xml:space="preserve"> 依据：{{依据}}</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>\n')
    body = "".join([
        p("关于{{被巡察单位}}巡察整改的通知", style="Title"),
        p("{{被巡察单位}}：", ),
        p("根据县委统一部署，现将巡察反馈意见通知如下",
          '<w:r><w:rPr><w:rStyle w:val="a6"/></w:rPr><w:footnoteReference w:id="1"/></w:r>', "。", style="Body"),
    ])
    extra = [("header", "header1.xml", f"{CT}.header+xml", hdr),
             ("footer", "footer1.xml", f"{CT}.footer+xml", ftr),
             ("footnotes", "footnotes.xml", f"{CT}.footnotes+xml", notes)]
    refs = '<w:headerReference w:type="default" r:id="rId10"/><w:footerReference w:type="default" r:id="rId11"/>'
    data = {"机关名称": "中共某某县委巡察工作领导小组", "文号": "县巡发〔2023〕5号", "被巡察单位": "县财政局",
            "依据": "《中国共产党巡视工作条例》第三十三条"}
    docx_case("docx-header-footer-footnote", body, data, extra_parts=extra, refs=refs)


def docx_filters():
    body = "".join([
        p("第{{round | cn}}轮巡察，共{{count|cn}}个问题，涉及{{units | cn}}家单位。", style="Body"),
        p("资金：人民币{{amount | cn_upper}}元整。", style="Body"),
        p("{{year | cn_year}}年；日期年份：{{date | cn_year}}年。", style="Body"),
        p("反馈日期：{{date | date:\"yyyy年M月d日\"}}；月份：{{date | date:“yyyy年M月”}}；默认格式：{{date|date}}。"),
        p("整改完成率{{rate | percent:1}}，按期率{{on_time | percent}}。"),
        p("备注：{{remark | default:\"无\"}}；附件：{{missing | default:\"无\"}}；空表：{{clues | default:'无'}}。"),
        p("巡察组成员：{{members | join:\"、\"}}；代码：{{codes | join:\" / \"}}。"),
        p("{{#measures}}{{@index | ordinal}}{{.}}；{{/measures}}"),
        p("{{#measures}}{{@index | ordinal:\"（#）\"}}{{.}} {{/measures}}"),
        p("编号：{{code | trim | upper}}，{{NAME | lower}}，{{title | trim}}。"),
    ])
    data = {
        "round": 15,
        "count": 12,
        "units": 105,
        "amount": 1234,
        "year": 2023,
        "date": "2023-07-05",
        "rate": 0.8567,
        "on_time": 0.5,
        "remark": "",
        "clues": [],
        "members": ["张伟", "李明", "王芳"],
        "codes": ["A1", "B2"],
        "measures": ["加强组织领导", "细化整改措施", "强化督促检查"],
        "code": "  xc-2023-05 ",
        "NAME": "GONGWEN",
        "title": "\u3000巡察报告 ",
    }
    docx_case("docx-filters", body, data)


def docx_errors():
    body = "".join([
        p("错误示例", style="Title"),
        p("{{/stray}}"),                                  # 2: closing tag without an opening tag
        p("单位：{{name | frobnicate}}"),                  # 3: unknown filter
        p("空标签：{{ }}"),                                # 4: empty tag
        p("比例：{{rate | percent:9}}"),                   # 5: bad filter argument
        p("{{#problems}}"),                               # 6: section never closed
        p("问题：{{desc}}"),
        p("落款：{{signer"),                               # 8: tag never closed
    ])
    docx_case("docx-errors", body, {"name": "县财政局", "rate": 0.5, "problems": []})


def docx_missing_strict():
    body = "".join([
        p("被巡察单位：{{单位}}"),
        p("负责人：{{负责人.姓名}}"),
        p("备注：{{备注 | default:\"无\"}}"),
        p("联系电话：{{联系电话}}"),
    ])
    docx_case("docx-missing-strict", body, {"单位": "县财政局", "负责人": {"职务": "局长"}}, options={"strict": True})


def docx_missing_warning():
    body = "".join([
        p("被巡察单位：{{单位}}；联系电话：{{联系电话}}"),
        # Missing in every item of a loop: one warning for the tag, not one per item.
        p("{{#problems}}{{@index}}.{{desc}}（{{owner}}）；{{/problems}}"),
    ])
    data = {"单位": "县财政局", "problems": [{"desc": "台账不全"}, {"desc": "制度缺失"}]}
    docx_case("docx-missing-warning", body, data)


def docx_tracked_changes():
    # Track changes was on while the tag name was corrected: "{{组员}}" became "{{组长}}". The
    # deleted "员" is no text of the tag; neither it nor the insertion mark must show in the output.
    body = "".join([
        '\n    <w:p w14:paraId="3C1D2E60" w14:textId="3C1D2E60" w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3">'
        f'<w:r><w:rPr>{FS}<w:b/></w:rPr><w:t xml:space="preserve">巡察组长：{{{{组</w:t></w:r>'
        f'<w:del w:id="1" w:author="李明" w:date="2023-07-03T10:00:00Z"><w:r w:rsidDel="00D4E5F6"><w:rPr>{FS}</w:rPr><w:delText>员</w:delText></w:r></w:del>'
        f'<w:ins w:id="2" w:author="李明" w:date="2023-07-03T10:00:00Z"><w:r w:rsidR="00D4E5F6"><w:rPr>{FS}</w:rPr><w:t>长</w:t></w:r></w:ins>'
        f'<w:r><w:rPr>{FS}</w:rPr><w:t>}}}}，电话：{{{{phone}}}}</w:t></w:r></w:p>',
        # Revisions outside tags are the author's and stay as they are.
        '\n    <w:p w14:paraId="3C1D2E61" w14:textId="3C1D2E61" w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3">'
        f'<w:r><w:rPr>{FS}</w:rPr><w:t>请于三十日内</w:t></w:r>'
        f'<w:del w:id="3" w:author="李明" w:date="2023-07-03T10:00:00Z"><w:r><w:rPr>{FS}</w:rPr><w:delText>口头</w:delText></w:r></w:del>'
        f'<w:ins w:id="4" w:author="李明" w:date="2023-07-03T10:00:00Z"><w:r><w:rPr>{FS}</w:rPr><w:t>书面</w:t></w:r></w:ins>'
        f'<w:r><w:rPr>{FS}</w:rPr><w:t>报告{{{{单位}}}}整改情况。</w:t></w:r></w:p>',
    ])
    docx_case("docx-tracked-changes", body, {"组长": "张伟", "phone": "0371-1234567", "单位": "县财政局"})


def docx_options():
    # docxtemplater-compatible switches: other delimiters, no paragraph loops, no line breaks.
    body = "".join([
        p("单位：[[单位]]，不是标签：{{单位}}"),
        p("[[#items]]"),
        p("[[.]]"),
        p("[[/items]]"),
        p("意见：[[意见]]"),
    ])
    data = {"单位": "县财政局", "items": ["甲", "乙"], "意见": "一、整改；\n二、报告。"}
    docx_case("docx-options", body, data,
              options={"delimiters": ["[[", "]]"], "paragraph_loop": False, "linebreaks": False})


# ----------------------------------------------------------------------------------------------
# ODT cases


def odt_values():
    body = "".join([
        th("{{标题}}"),
        tp("{{主送机关}}："),
        tp('被巡察单位：<text:span text:style-name="T1">{{单位名称}}</text:span>；负责人：{{unit.leader.name}}（{{unit.leader.title}}）',
           "Text_20_body"),
        tp("事由：{{事由}} &amp; &lt;备注&gt;", "Text_20_body"),
        tp("整改意见：{{意见}}", "Text_20_body"),
        tp("序号<text:tab/>问题<text:tab/>{{表头}}"),
        tp("共发现问题{{count}}个，整改率{{ratio}}，已归档：{{archived}}。", "Text_20_body"),
        tp('<text:span text:style-name="T2">{{落款}}</text:span>', "P1"),
    ])
    data = {
        "标题": "关于县财政局巡察整改情况的通报",
        "主送机关": "各乡镇党委、县直各单位党组（党委）",
        "单位名称": "县财政局",
        "unit": {"leader": {"name": "王建国", "title": "党组书记、局长"}},
        "事由": 'A&B公司<试点>项目"专项"资金\'挪用\'问题',
        "意见": "一、立即整改；\n二、建立台账；\n三、按期报送。",
        "表头": "整改时限\t责任人",
        "count": 12,
        "ratio": 0.875,
        "archived": False,
        "落款": "中共某某县委巡察办\n2023年7月5日",
    }
    odt_case("odt-values", body, data)


def odt_table_row_loop():
    body = "".join([
        th("{{单位}}巡察发现问题清单"),
        otable("问题清单",
               orow(ocell("序号"), ocell("问题描述"), ocell("责任人")),
               orow(ocell("{{#problems}}{{@index}}"), ocell("{{desc}}", "（{{category}}）"),
                    ocell("{{owner.name}}，{{单位}}{{/problems}}")),
               orow(ocell("合计"), ocell("{{total}}个问题"), ocell(""))),
        tp("附：佐证材料"),
        otable("附件",
               orow(ocell("名称"), ocell("页数"), ocell("备注")),
               orow(ocell("{{#attachments}}{{name}}"), ocell("{{pages}}"), ocell("{{/attachments}}"))),
    ])
    data = {
        "单位": "县财政局",
        "total": 2,
        "problems": [
            {"desc": "落实全面从严治党主体责任不到位", "category": "党的建设", "owner": {"name": "王建国"}},
            {"desc": "专项资金拨付滞后", "category": "资金管理", "owner": {"name": "李红"}},
        ],
        "attachments": [{"name": "整改台账", "pages": 12}],
    }
    odt_case("odt-table-row-loop", body, data)


def odt_paragraph_loop():
    body = "".join([
        th("{{year}}年巡察发现问题"),
        tp("{{#groups}}"),
        th("{{@index}}. {{name}}", 2),
        tp("问题：{{#items}}{{@index}}.{{.}}（{{name}}）；{{/items}}", "Text_20_body"),
        tp('组长：<text:span text:style-name="T1">{{leader}}</text:span>', "Text_20_body"),
        tp("{{/groups}}"),
        tp("{{^groups_empty}}"),
        tp("以上为第{{round | cn}}轮巡察发现的问题。", "Text_20_body"),
        tp("{{/groups_empty}}"),
    ])
    data = {
        "year": 2023,
        "round": 2,
        "groups_empty": False,
        "groups": [
            {"name": "第一巡察组", "leader": "张伟", "items": ["党建薄弱", "资金滞留"]},
            {"name": "第二巡察组", "leader": "刘洋", "items": ["作风漂浮"]},
        ],
    }
    odt_case("odt-paragraph-loop", body, data)


def odt_styles_header():
    header = '<text:p text:style-name="Header"><text:span text:style-name="T2">{{机关名称}}</text:span>文件</text:p>'
    footer = ('<text:p text:style-name="Footer">— <text:page-number text:select-page="current">1</text:page-number> —</text:p>'
              '<text:p text:style-name="Footer">{{文号}}</text:p>')
    body = "".join([
        th("关于{{被巡察单位}}巡察整改的通知"),
        tp("{{被巡察单位}}：", "Text_20_body"),
        tp("根据县委统一部署，现将巡察反馈意见通知如下。", "Text_20_body"),
    ])
    data = {"机关名称": "中共某某县委巡察工作领导小组", "文号": "县巡发〔2023〕5号", "被巡察单位": "县财政局"}
    odt_case("odt-styles-header", body, data, header=header, footer=footer)


def odt_spaces():
    body = "".join([
        tp("对齐：[{{spaced}}]"),
        tp("前导：[{{leading}}]"),
        tp("结尾：[{{trailing}}]"),
        tp("{{alone}}"),
        tp("换行：{{lines}}"),
        tp("制表：{{tabbed}}"),
        tp("全角：{{ideographic}}"),
    ])
    data = {
        "spaced": "甲  乙   丙 丁",
        "leading": "  前导两格",
        "trailing": "结尾一格 ",
        "alone": "   段首三格",
        "lines": "第一行\n第二行\r\n  第三行缩进",
        "tabbed": "序号\t名称",
        "ideographic": "\u3000\u3000首行缩进两字",
    }
    odt_case("odt-spaces", body, data)


def odt_spaces_adjacent():
    # A value's spaces next to the template's own: ODF collapses adjacent literal spaces, so the
    # value's must be written as text:s where they touch the template's.
    body = "".join([
        tp("后接空格：{{trailing}} 模板文字"),
        tp("前接空格：模板文字 {{leading}}"),
    ])
    odt_case("odt-spaces-adjacent", body, {"trailing": "结尾一格 ", "leading": " 开头一格"})


def odt_list_loop():
    # In ODT each list item wraps its paragraph: loop tags alone in list items repeat the list
    # items between them, as loop tags alone in paragraphs repeat the paragraphs between.
    body = ('\n   <text:p text:style-name="Standard">整改措施：</text:p>'
            '\n   <text:list xml:id="list1" text:style-name="L1">'
            '<text:list-item><text:p text:style-name="P2">{{#measures}}</text:p></text:list-item>'
            '<text:list-item><text:p text:style-name="P2">{{.}}</text:p></text:list-item>'
            '<text:list-item><text:p text:style-name="P2">{{/measures}}</text:p></text:list-item>'
            '</text:list>'
            '\n   <text:p text:style-name="Standard">以上措施请抓好落实。</text:p>')
    odt_case("odt-list-loop", body, {"measures": ["加强组织领导", "细化整改措施", "强化督促检查"]})


def odt_inline_section_spans():
    # LibreOffice starts a new text:span wherever the formatting changes, so the two tags of an
    # inline section often sit in different spans of one paragraph.
    body = "".join([
        tp('状态：<text:span text:style-name="T1">{{#closed}}已销号</text:span>{{/closed}}'
           '{{^closed}}<text:span text:style-name="T2">整改中{{/closed}}</text:span>。'),
        tp('时限：{{days}}日<text:span text:style-name="T1">{{#urgent}}（加急</text:span>）{{/urgent}}。'),
    ])
    odt_case("odt-inline-section-spans", body, {"closed": False, "days": 30, "urgent": True})


def odt_errors():
    body = "".join([
        th("错误示例"),
        tp("{{/stray}}"),
        tp("单位：{{name | frobnicate}}"),
        tp("空标签：{{}}"),
        tp('比例：<text:span text:style-name="T1">{{rate | percent:x}}</text:span>'),
        tp("日期：{{date | date:\"yyyy年M月d日}}"),
        tp("{{#problems}}"),
        tp("问题：{{desc}}"),
        tp("{{#measures}}{{.}}{{/problems}}"),
    ])
    odt_case("odt-errors", body, {"name": "县财政局"})


# ----------------------------------------------------------------------------------------------
# odt-libreoffice: the DOCX that LibreOffice converted into template.odt (see the docstring)


def odt_libreoffice_source():
    filler = [
        "为深入贯彻落实党中央关于巡视巡察工作的决策部署，按照县委统一安排，县委巡察组对被巡察单位开展了常规巡察。"
        "巡察期间，巡察组坚持问题导向，通过听取汇报、个别谈话、调阅资料、走访调研等方式，深入了解情况，发现了一些问题。"
    ] * 9
    body = "".join(
        [p(r("{{机关", '<w:rFonts w:eastAsia="方正小标宋简体"/><w:color w:val="FF0000"/><w:sz w:val="44"/>'),
           r("名称}}文件", '<w:rFonts w:eastAsia="方正小标宋简体"/><w:color w:val="FF0000"/><w:b/><w:sz w:val="44"/>'),
           style="Title"),
         # A tag split over runs with different formatting: LibreOffice writes text:span elements.
         p(r("关于", FS), r("{{被巡察", FS + "<w:b/>"), r("单位}}", FS + "<w:i/>"), r("巡察整改的通知", FS), style="Title"),
         p("{{被巡察单位}}：")]
        + [p(t, style="Body") for t in filler]
        + [
            p(r("一、存在的主要问题", HEI), style="1"),
            p("{{#problems}}"),
            p(r("（{{@index | cn}}）", HEI), r("{{title}}", FS + '<w:u w:val="single"/>'), style="Body"),
            p("{{desc}}", style="Body"),
            p("{{/problems}}"),
            p(r("二、整改责任分工", HEI), style="1"),
            tbl([900, 5000, 2900],
                tr(tc(p(r("序号", HEI)), width=900), tc(p(r("整改任务", HEI)), width=5000),
                   tc(p(r("责任人", HEI)), width=2900), header=True),
                tr(tc(p(r("{{#tasks}}{{@", FS), r("index}}", FS + "<w:b/>")), width=900),
                   tc(p("{{task}}"), width=5000),
                   tc(p(r("{{owner}}", FS), r("{{/tasks}}", FS + "<w:i/>")), width=2900))),
            p("请于{{deadline | date:\"yyyy年M月d日\"}}前报送整改报告。", style="Body"),
            p(r("{{落款}}"), ppr='<w:jc w:val="right"/>'),
        ])
    hdr = (f'{XML_DECL}<w:hdr {W_NS}><w:p><w:pPr><w:pStyle w:val="a3"/></w:pPr>'
           '<w:r><w:t>{{页眉}}</w:t></w:r></w:p></w:hdr>\n')
    extra = [("header", "header1.xml", f"{CT}.header+xml", hdr)]
    refs = '<w:headerReference w:type="default" r:id="rId10"/>'
    folder = os.path.join(HERE, "odt-libreoffice")
    os.makedirs(folder, exist_ok=True)
    write_zip(os.path.join(folder, "source.docx"), docx_entries(body, extra, refs))
    data = {
        "机关名称": "中共某某县委巡察工作领导小组",
        "被巡察单位": "县财政局",
        "页眉": "巡察整改通知书",
        "problems": [
            {"title": "落实主体责任不到位", "desc": "党组研究全面从严治党工作不经常。"},
            {"title": "资金管理不规范", "desc": "专项资金拨付滞后 3 个月。"},
        ],
        "tasks": [
            {"task": "制定整改方案", "owner": "王建国"},
            {"task": "建立整改台账", "owner": "李红"},
        ],
        "deadline": "2023-09-30",
        "落款": "中共某某县委巡察工作领导小组\n2023年7月5日",
    }
    with open(os.path.join(folder, "data.json"), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")


# ----------------------------------------------------------------------------------------------
# ODT twins of DOCX sources (issue 14, ODT on par with DOCX): each case folder holds source.docx,
# written here, and template.odt, which LibreOffice made from it ONCE (see the docstring for the
# command) and which is committed as LibreOffice wrote it. expected.txt holds what the DOCX source
# renders to: the ODT must show the same text.


def plain(text):
    """A run without run properties: LibreOffice writes its text straight into text:p."""
    return r(text, "")


def pp(*runs, ppr=""):
    """A paragraph whose plain strings are plain runs (no text:span in the ODT)."""
    return p(*[x if x.startswith("<") else plain(x) for x in runs], ppr=ppr)


def continuous_break(columns):
    """A continuous section break with `columns` columns, which LibreOffice turns into a
    text:section around the paragraphs before it."""
    return ('<w:sectPr><w:type w:val="continuous"/><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>'
            f'<w:cols w:num="{columns}" w:space="425"/></w:sectPr>')


def odt_twin_source(name, body, data, options=None):
    """Writes NAME/source.docx, data.json and options.json; template.odt is LibreOffice's."""
    write_case(name, "source.docx", docx_entries(body), data, options)


def odt_span_depth_source():
    # The two tags of a section at different span depths: one in a plain run (straight in
    # text:p), the other in a bold or italic run (inside a text:span). Spans are formatting.
    bold = FS + "<w:b/>"
    italic = FS + "<w:i/>"
    body = "".join([
        pp("检查项目：{{#items}}"),                       # text:p, a section over paragraphs
        pp("{{name}}：{{result}}；"),
        pp(r("{{/items}}", bold), "（完）"),              # text:p/text:span
        pp(r("结论：{{#ok}}", bold), "全部"),             # the other way round
        pp("合格。{{/ok}}"),
        pp("{{#rows}}"),                                  # tags alone: paragraphs repeat
        pp("{{.}}"),
        pp(r("{{/rows}}", bold)),
        pp("整改单位：{{#units}}{{.}}、", r("{{/units}}", bold), "等"),  # inline, one paragraph
        pp(r("意见：{{#ok}}通过", italic), "{{/ok}}。"),
        pp("{{#insp", r("ected}}已检查", bold), "{{/inspected}}"),  # a tag split over depths
    ])
    odt_twin_source("odt-span-depth", body, {
        "items": [{"name": "账务处理", "result": "合格"}, {"name": "资产管理", "result": "不合格"}],
        "ok": True,
        "rows": ["第一行", "第二行"],
        "units": ["财务科", "办公室"],
        "inspected": True,
    })


def odt_text_section_source():
    # Continuous section breaks with other column counts: LibreOffice wraps the paragraphs of
    # the first two sections in text:section elements, the last section's are not wrapped.
    body = "".join([
        pp("整改台账"),
        pp("{{#items}}"),                                 # in the first text:section
        pp("{{name}}"),
        pp("{{owner}}", ppr=continuous_break(2)),
        pp("{{/items}}"),                                 # in the second text:section
        pp("责任单位："),
        pp("{{#units}}"),                                 # in the second text:section
        pp("{{.}}", ppr=continuous_break(3)),
        pp("{{/units}}"),                                 # outside any text:section
        pp("以上。"),
    ])
    odt_twin_source("odt-text-section", body, {
        "items": [{"name": "制定整改方案", "owner": "王建国"}, {"name": "建立整改台账", "owner": "李红"}],
        "units": ["财务科", "办公室"],
    })


def odt_inline_multipara_source():
    # paragraph_loop off: sections whose tags sit in paragraphs of their own or among other
    # text repeat (or drop) the content between the tags, paragraph ends included.
    bold = FS + "<w:b/>"
    body = "".join([
        pp("名单：{{#people}}{{name}}（"),
        pp("{{title}}）{{/people}}完毕。"),
        pp("事项：{{#tasks}}{{what}}"),
        pp("责任人{{who}}"),
        pp("时限{{when}}；{{/tasks}}"),
        pp("前文{{#show}}甲"),
        pp("乙{{/show}}后文"),
        pp("前文{{#hide}}丙"),
        pp("丁{{/hide}}后文"),
        pp("{{#people}}"),                                # alone, but paragraph_loop is off
        pp("{{name}}"),
        pp(r("{{/people}}", bold)),                       # in a text:span
    ])
    odt_twin_source("odt-inline-multipara", body, {
        "people": [{"name": "张三", "title": "科长"}, {"name": "李四", "title": "副科长"}],
        "tasks": [{"what": "制定方案", "who": "王", "when": "7月"}, {"what": "报送报告", "who": "李", "when": "9月"}],
        "show": True,
        "hide": False,
    }, {"paragraph_loop": False})


def odt_heading_paragraph_source():
    # A section that starts in a heading (text:h in the ODT) and ends in a body paragraph
    # (text:p): both are paragraphs. An outline level makes LibreOffice write text:h.
    level1 = '<w:outlineLvl w:val="0"/>'
    body = "".join([
        p(plain("{{#parts}}{{title}}"), style="1", ppr=level1),
        pp("{{text}}"),
        pp("{{/parts}}以上。"),
        p(plain("附：{{#annex}}{{.}}"), style="1", ppr=level1),
        pp("（略）{{/annex}}"),
    ])
    odt_twin_source("odt-heading-paragraph", body, {
        "parts": [{"title": "一、基本情况", "text": "县财政局共有干部职工 45 人。"},
                  {"title": "二、存在问题", "text": "专项资金拨付滞后。"}],
        "annex": ["整改台账"],
    })


# ----------------------------------------------------------------------------------------------
# images (docs/image-tags.md): the image files sit beside data.json, which names them

import base64
import struct
import zlib

# 160 x 120 px at 72 dpi (JFIF): made once by ImageMagick 6.9 (`convert -size 160x120
# gradient:'#3060c0'-'#c0e0ff' -fill white -draw "circle 80,60 80,20" -density 72 -units
# PixelsPerInch -quality 80 -strip photo.jpg`), kept here as its bytes.
PHOTO_JPG = base64.b64decode("/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAcFBQYFBAcGBQYIBwcIChELCgkJChUPEAwRGBUaGRgVGBcbHichGx0lHRcYIi4iJSgpKywrGiAvMy8qMicqKyr/2wBDAQcICAoJChQLCxQqHBgcKioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKir/wAARCAB4AKADASIAAhEBAxEB/8QAHAABAQEAAwEBAQAAAAAAAAAAAAQHAwUGAQII/8QANhAAAQQBAgMDCgYCAwAAAAAAAAECAxMEBREGEiExQVEHIiMyYXGBkbHRFCRCUmKhcsFzovD/xAAaAQEAAwEBAQAAAAAAAAAAAAAAAwQFAQIG/8QAIxEAAwACAQMFAQEAAAAAAAAAAAERAgMEITFBBRITUWEicf/aAAwDAQACEQMRAD8A83WKymsVn31PnITVisprFYohNWKymsViiE1YrKaxWKITVisprFYohNWKymsViiE1YrKaxWKITVisprFYohNWKymsViiE1YrKaxWKIVVisqrFZDT0S1isqrFYoJaxWVVisUEtYq37DutF0DM17PTFwI+Z3a97ujY08VU2DhzgbS+HmNkaxMrMTquRK3qi/wAU7G/X2lLkc7Xo6d39E+rRls/wyfSvJ/xBqzWuiwVgjdsluQtabeOy9VT3Ip6PF8jWdIn5zVYIf+ON0n15TXAYuz1Lfk/5iL+PE1rv1MmyPIzlMb+V1eKVfCWFWfRVPPal5NuItORzkxEy40/VjO5/+vR39G9DYa/U+Rj3jGXE1vt0P5ffA6N6se1WuauyoqbKinys/oTX+EtL4ihVM2BG5G2zciNNnt+PensXcx7iThTN4azKslLYHqtU7U2a5P8AS+z6mxxufr39H0f0UdvHy19e6POVisqrFZfpXJaxWVVisUEtYrKqxWKCqsVlNYrIqeoTVisprFYohNWUafpk+pZ8OHhs55pncrU+qr7ETqfazRPJporWQz6rM3znLVDunYiesvx6J8FK/J3/AA63kSatfyZpHqeH9AxeH9Nbi4qczu2SVU2WR3iv+k7jt0A7j5XLJ5N5ZdzaSWKiPoAOHQAAAQ6npmNq+BLh5sdkUidfFF7lRe5ULgE2nUcaTUZgOu6FPoWrS4WRu5GrvHJtskjF7Hf+70U6+s1zyh6K3O0P8bG30+GvNuidVYvRU+HRfgpllZ9RxOR82pN9/Jj7tfx5zwTVisprFZbpDCasVlNYrFEKaxWVVishp6hLWKyqsViiEtZtHDmI3C4dwYGpttC1zkX9zvOX+1UyGs26JEbE1GdiIiJ7jK9Ry6You8RdWzkABjmgAAAAAAAAAcOTAzJxZoJU3ZKxWO9ypsphckDo5HMcmzmqqKbyY1q8TU1vPRnq/iZNvdzKavpuUyyRR5a6JnU1isqrFZsUoQlrFZVWKxRCqsVlVYrIqeoS1isqrFYohLWa1o86ZOjYkyO5uaJu6+3bZf7MvrPa8FZyPw5MJ6+dD57E/ivb8l+pn87H3Ye5eC1xsplPs9SADHNEAAAAAAAAA45ZGxROkkXlYxFVV8EQx2XeaZ8jvWe5XL8VNJ4rzkxNHfE1dpMj0bfd+pfl0+Jn1ZrcDH2p5fZQ5WVaxJaxWVVis0qU4S1isqrFYohTWKyqsVkVPUJaxWVVisUQlrKdPyZdPzWZEXrMXqn7k70PtYrOOZKMLo6jQsLMhzcZs0DuZjvmi+C+0oPBaXqM+mTc0fnRu9eNV6L9lPZ4OoY+fHz4791TtYvRzfehi7tD1v8ADT1bVmuvcrABXJgAAD4ccs0cELpZno1jE3Vy9x+MrMgw4VkyJEa3u37V9yd54/V9Wl1J/IxFZA1fNZ3r7VJtOnLY/wAIdm1YL9IdYz36nnulXdI2+bG1e5v3IKyqsVm1glgojNbeTrJaxWVVis905CWsVlVYrFEKaxWVVishp6JaxWVVisUEtYrKqxWKCWs/TOeJ6Pjc5jk7HNXZUKKxWKC3H1/MhRGy7TNTvVNl+aF0fEsSp6WCRv8AiqL9jpKxWV8tGvLwSrbmvJ3j+JYUT0cEqr/LZPuRT8RZUiKkDGxJ4+sv2/ogrFYx4+teDr3ZvycMrpZ3q+aR0jl73LucdZVWKywnCElrFZVWKxQS1isqrFYoJaxWVVisUFVYrAI6dFYrAFArFYAoFYrAFArFYAoFYrAFArFYAoFYrAFArFYAoFYrAFB//9k=")


def png_bytes(width, height, color, dpi=None):
    """An RGB PNG of one colour with a darker frame; `dpi` writes a pHYs chunk."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    dark = bytes(c // 2 for c in color)
    rows = b""
    for y in range(height):
        rows += b"\0" + b"".join(dark if y < 2 or y >= height - 2 or x < 2 or x >= width - 2 else bytes(color)
                                 for x in range(width))
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    if dpi:
        ppm = round(dpi / 0.0254)
        out += chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
    return out + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def seal_svg():
    """A plain red sample seal, 42 mm across (viewBox 0 0 200 200)."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<svg xmlns="http://www.w3.org/2000/svg" width="42mm" height="42mm" viewBox="0 0 200 200">'
            '<circle cx="100" cy="100" r="94" fill="none" stroke="#e00" stroke-width="8"/>'
            '<polygon points="100,52 111,86 147,86 118,107 129,141 100,120 71,141 82,107 53,86 89,86" fill="#e00"/>'
            '<text x="100" y="175" font-size="22" text-anchor="middle" fill="#e00">样章</text></svg>\n')


def logo_svg():
    """A small logo with a viewBox only (its size: the viewBox in px)."""
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
            '<rect x="2" y="2" width="116" height="36" fill="#fff" stroke="#c00" stroke-width="3"/>'
            '<text x="60" y="27" font-size="18" text-anchor="middle" fill="#c00">标志</text></svg>\n')


def write_image_files(name, files):
    folder = os.path.join(HERE, name)
    os.makedirs(folder, exist_ok=True)
    for fname, data in files.items():
        with open(os.path.join(folder, fname), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


PHOTO_PNG = png_bytes(120, 90, (70, 160, 90), dpi=96)          # 31.75 x 23.81 mm
PLACEHOLDER_PNG = png_bytes(20, 20, (200, 200, 200))          # the template's grey placeholder
IMAGE_FILES = {"photo.png": PHOTO_PNG, "photo.jpg": PHOTO_JPG, "seal.svg": seal_svg(), "logo.svg": logo_svg()}

DRAWING_NS = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
              'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
              'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')


def docx_picture(rid, alt, cx_mm, cy_mm, pid, anchor=False):
    """A Word picture (pic:pic) of rId `rid` whose alt text (wp:docPr/@descr) is `alt`; inline, or
    floating (wp:anchor: positioned from the column and paragraph, in front of the text)."""
    cx, cy = round(cx_mm * 36000), round(cy_mm * 36000)
    graphic = (f'<wp:docPr id="{pid}" name="图片 {pid}" descr="{escape(alt)}"/>'
               '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
               '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
               f'<pic:nvPicPr><pic:cNvPr id="{pid}" name="placeholder.png" descr="{escape(alt)}"/><pic:cNvPicPr/></pic:nvPicPr>'
               f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
               f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
               '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>')
    if anchor:
        frame = ('<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" behindDoc="0" '
                 'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
                 '<wp:positionH relativeFrom="column"><wp:posOffset>3600000</wp:posOffset></wp:positionH>'
                 '<wp:positionV relativeFrom="paragraph"><wp:posOffset>-180000</wp:posOffset></wp:positionV>'
                 f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
                 f'{graphic}</wp:anchor>')
    else:
        frame = (f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
                 f'<wp:effectExtent l="0" t="0" r="0" b="0"/>{graphic}</wp:inline>')
    return f'<w:r><w:drawing {DRAWING_NS}>{frame}</w:drawing></w:r>'


def docx_images():
    hdr = (f'{XML_DECL}<w:hdr {W_NS}>'
           '<w:p w14:paraId="5A000001" w14:textId="77777777" w:rsidR="00C21F3A" w:rsidRDefault="00C21F3A">'
           '<w:pPr><w:pStyle w:val="a3"/></w:pPr><w:r><w:t>{{%标志}}</w:t></w:r><w:r><w:t xml:space="preserve"> {{机关名称}}</w:t></w:r></w:p>'
           '</w:hdr>\n')
    body = "".join([
        p("巡察整改情况图示", style="Title"),
        p("现场照片：{{%照片}}（自带分辨率）"),
        p("{{%现场}}"),
        p("{{#问题}}"),
        p("{{@index}}. {{名称}}：", "{{%图片}}"),
        p("{{/问题}}"),
    ])
    extra = [("header", "header1.xml", f"{CT}.header+xml", hdr)]
    refs = '<w:headerReference w:type="default" r:id="rId10"/>'
    data = {"机关名称": "县委巡察办", "照片": "photo.png",
            "现场": {"path": "photo.jpg", "width": 40, "alt": "现场照片"},
            "问题": [{"名称": "台账不全", "图片": "photo.png"},
                   {"名称": "公示不到位", "图片": {"path": "photo.jpg", "height": 20}},
                   {"名称": "制度未更新", "图片": "photo.png"}],
            "标志": {"path": "logo.svg", "alt": "机关标志"}}
    docx_case("docx-images", body, data, extra_parts=extra, refs=refs)
    write_image_files("docx-images", {k: IMAGE_FILES[k] for k in ("photo.png", "photo.jpg", "logo.svg")})


def docx_image_placeholders():
    body = "".join([
        p("签名：", docx_picture("rId10", "{{%签名}}", 30, 15, 1)),
        p("（此处为印章）", docx_picture("rId10", " {{%印章}} ", 42, 42, 2, anchor=True)),
        p("附图：", docx_picture("rId10", "{{%附图}}", 20, 20, 3, anchor=True)),
        p("{{#问题}}"),
        p("{{名称}}", docx_picture("rId10", "{{%图片}}", 25, 25, 4)),
        p("{{/问题}}"),
    ])
    extra = [("image", "media/placeholder.png", "image/png", PLACEHOLDER_PNG)]
    data = {"签名": "photo.png", "印章": {"path": "seal.svg", "alt": "印章"}, "附图": None,
            "问题": [{"名称": "问题一", "图片": {"path": "photo.jpg", "width": 30}}, {"名称": "问题二", "图片": "photo.jpg"}]}
    docx_case("docx-image-placeholders", body, data, extra_parts=extra)
    write_image_files("docx-image-placeholders", {k: IMAGE_FILES[k] for k in ("photo.png", "photo.jpg", "seal.svg")})


ODT_FRAME_STYLES = ('<style:style style:name="fr1" style:family="graphic"><style:graphic-properties style:wrap="run-through" '
                    'style:run-through="foreground" style:vertical-pos="from-top" style:vertical-rel="paragraph" '
                    'style:horizontal-pos="from-left" style:horizontal-rel="paragraph"/></style:style>'
                    '<style:style style:name="fr2" style:family="graphic"><style:graphic-properties style:vertical-pos="top" '
                    'style:vertical-rel="baseline"/></style:style>')


def odt_frame(alt, w_mm, h_mm, name, anchored=False, where="title"):
    """A draw:frame holding Pictures/placeholder.png, its svg:title (or svg:desc) `alt`."""
    pos = (f'text:anchor-type="paragraph" svg:x="100mm" svg:y="-5mm" draw:style-name="fr1"' if anchored
           else 'text:anchor-type="as-char" draw:style-name="fr2"')
    return (f'<draw:frame draw:name="{name}" {pos} svg:width="{w_mm}mm" svg:height="{h_mm}mm" draw:z-index="0">'
            '<draw:image xlink:href="Pictures/placeholder.png" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad" '
            f'draw:mime-type="image/png"/><svg:{where}>{escape(alt)}</svg:{where}></draw:frame>')


def odt_image_case(name, body, data, header="", pictures=()):
    content = odt_content_xml(body).replace("</office:automatic-styles>", ODT_FRAME_STYLES + "</office:automatic-styles>", 1)
    manifest = ODT_MANIFEST.replace("</manifest:manifest>", "".join(
        f' <manifest:file-entry manifest:full-path="Pictures/{n}" manifest:media-type="image/png"/>\n' for n, _ in pictures)
        + "</manifest:manifest>")
    entries = [("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", content),
               ("styles.xml", odt_styles_xml(header)), ("meta.xml", ODT_META), ("META-INF/manifest.xml", manifest)]
    entries += [(f"Pictures/{n}", b) for n, b in pictures]
    write_case(name, "template.odt", entries, data)


def odt_images():
    header = '<text:p text:style-name="Header">{{%标志}} {{机关名称}}</text:p>'
    body = "".join([
        th("巡察整改情况图示"),
        tp("现场照片：{{%照片}}（自带分辨率）"),
        tp("{{%现场}}"),
        tp("{{#问题}}"),
        tp("{{@index}}. {{名称}}：{{%图片}}"),
        tp("{{/问题}}"),
    ])
    data = {"机关名称": "县委巡察办", "照片": "photo.png",
            "现场": {"path": "photo.jpg", "width": 40, "alt": "现场照片"},
            "问题": [{"名称": "台账不全", "图片": "photo.png"},
                   {"名称": "公示不到位", "图片": {"path": "photo.jpg", "height": 20}},
                   {"名称": "制度未更新", "图片": "photo.png"}],
            "标志": {"path": "logo.svg", "alt": "机关标志"}}
    odt_image_case("odt-images", body, data, header=header)
    write_image_files("odt-images", {k: IMAGE_FILES[k] for k in ("photo.png", "photo.jpg", "logo.svg")})


def odt_image_placeholders():
    body = "".join([
        tp("签名：" + odt_frame("{{%签名}}", 30, 15, "签名框")),
        tp("（此处为印章）" + odt_frame(" {{%印章}} ", 42, 42, "印章框", anchored=True, where="desc")),
        tp("附图：" + odt_frame("{{%附图}}", 20, 20, "附图框", anchored=True)),
        tp("{{#问题}}"),
        tp("{{名称}}" + odt_frame("{{%图片}}", 25, 25, "问题图")),
        tp("{{/问题}}"),
    ])
    data = {"签名": "photo.png", "印章": {"path": "seal.svg", "alt": "印章"}, "附图": None,
            "问题": [{"名称": "问题一", "图片": {"path": "photo.jpg", "width": 30}}, {"名称": "问题二", "图片": "photo.jpg"}]}
    odt_image_case("odt-image-placeholders", body, data, pictures=[("placeholder.png", PLACEHOLDER_PNG)])
    write_image_files("odt-image-placeholders", {k: IMAGE_FILES[k] for k in ("photo.png", "photo.jpg", "seal.svg")})


CASES = {
    "docx-values": docx_values,
    "docx-split-runs": docx_split_runs,
    "docx-table-row-loop": docx_table_row_loop,
    "docx-paragraph-loop-nested": docx_paragraph_loop_nested,
    "docx-inverted-and-conditions": docx_inverted_and_conditions,
    "docx-header-footer-footnote": docx_header_footer_footnote,
    "docx-filters": docx_filters,
    "docx-errors": docx_errors,
    "docx-missing-strict": docx_missing_strict,
    "docx-missing-warning": docx_missing_warning,
    "docx-tracked-changes": docx_tracked_changes,
    "docx-options": docx_options,
    "odt-values": odt_values,
    "odt-table-row-loop": odt_table_row_loop,
    "odt-paragraph-loop": odt_paragraph_loop,
    "odt-styles-header": odt_styles_header,
    "odt-spaces": odt_spaces,
    "odt-spaces-adjacent": odt_spaces_adjacent,
    "odt-list-loop": odt_list_loop,
    "odt-inline-section-spans": odt_inline_section_spans,
    "odt-errors": odt_errors,
    "odt-libreoffice": odt_libreoffice_source,
    "odt-span-depth": odt_span_depth_source,
    "odt-text-section": odt_text_section_source,
    "odt-inline-multipara": odt_inline_multipara_source,
    "odt-heading-paragraph": odt_heading_paragraph_source,
    "docx-images": docx_images,
    "docx-image-placeholders": docx_image_placeholders,
    "odt-images": odt_images,
    "odt-image-placeholders": odt_image_placeholders,
}


def main(argv):
    names = argv[1:] or list(CASES)
    for name in names:
        if name not in CASES:
            sys.exit(f"make_fixtures.py: unknown case {name!r}; known: {', '.join(CASES)}")
        _para_id[0] = 0x1A2B0000  # paragraph ids restart per case: the same bytes however it is run
        CASES[name]()
        print(f"wrote tests/golden/{name}/")


if __name__ == "__main__":
    main(sys.argv)
