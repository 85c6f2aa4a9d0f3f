#!/usr/bin/env python3
"""Generates the binary inputs of the bad-input corpus (tests/bad-inputs/<case>/).

    python3 make_cases.py            # (re)writes the small committed inputs of every case
    python3 make_cases.py --check    # exit 1 if a committed input differs from what this makes
    python3 make_cases.py --huge NAME DIR
                                     # writes a huge input into DIR at test time (never committed):
                                     # zip-bomb-ratio, zip-bomb-total, many-entries, data-100mb

Only the Python standard library is used, and every archive is built with fixed timestamps, so
the committed files are reproducible and a review can read how each was damaged here.
The `cmd`, `expected` and `setup` files of each case are plain text and kept by hand.
"""
import hashlib
import io
import os
import struct
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = (1980, 1, 1, 0, 0, 0)

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>'
)

ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    '</Relationships>'
)

ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"

ODT_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '</manifest:manifest>'
)


def para(text):
    """One DOCX paragraph holding `text` (already XML-escaped) in one run."""
    return '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % text


def document_xml(body):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document %s><w:body>%s<w:sectPr/></w:body></w:document>' % (W_NS, body))


def odt_content(body):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            '<office:body><office:text>%s</office:text></office:body></office:document-content>' % body)


def zip_bytes(entries, method=zipfile.ZIP_DEFLATED):
    """A zip of (name, bytes|str[, method]) entries with fixed timestamps."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for entry in entries:
            name, data = entry[0], entry[1]
            m = entry[2] if len(entry) > 2 else method
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = m
            info.external_attr = 0o644 << 16
            zf.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


def docx(body=None, document=None, extra=(), skip=(), method=zipfile.ZIP_DEFLATED):
    """A minimal DOCX; `document` replaces word/document.xml verbatim, `skip` drops parts."""
    if document is None:
        document = document_xml(body if body is not None else para("{{name}}"))
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS), ("word/document.xml", document)]
    parts = [p for p in parts if p[0] not in skip] + list(extra)
    return zip_bytes(parts, method)


def odt(body=None, content=None, mimetype=ODT_MIMETYPE, skip=()):
    if content is None:
        content = odt_content(body if body is not None else "<text:p>{{name}}</text:p>")
    parts = [("mimetype", mimetype, zipfile.ZIP_STORED),
             ("META-INF/manifest.xml", ODT_MANIFEST.format(mime=mimetype)),
             ("content.xml", content)]
    return zip_bytes([p for p in parts if p[0] not in skip])


# ---- images ----------------------------------------------------------------------------------

def png_image(width, height, bits=8):
    """A valid grey PNG (1-bit: of zeros, so that 20,000 x 20,000 px stays some 50 KB)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    row = b"\0" + (b"\0" * ((width + 7) // 8) if bits == 1 else bytes((x * 5) % 256 for x in range(width)))
    co = zlib.compressobj(9)
    idat = b"".join(co.compress(row) for _ in range(height)) + co.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bits, 0, 0, 0, 0))
            + chunk(b"IDAT", idat) + chunk(b"IEND", b""))


def jpeg_header():
    """The start of a JPEG (SOI, a JFIF APP0, a DQT) and nothing after: a truncated file."""
    app0 = b"JFIF\0\x01\x01\x01\0\x48\0\x48\0\0"
    dqt = b"\0" + bytes(range(1, 65))
    return (b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0
            + b"\xff\xdb" + struct.pack(">H", len(dqt) + 2) + dqt)


PHOTO_CARD_MANIFEST = """{
  "id": "photo-card", "version": "0.1.0", "abi": 1,
  "name": {"zh": "照片卡", "en": "Photo card"},
  "templates": {"docx": "templates/card.docx"},
  "output": "{{name}}",
  "fields": [
    {"name": "name", "label": {"zh": "姓名", "en": "Name"}, "type": "text", "required": true},
    {"name": "photo", "label": {"zh": "照片", "en": "Photo"}, "type": "text"}
  ]
}
"""


# ---- damage done to well-formed zips ----------------------------------------------------------

def local_header_offset(data, name):
    """Offset of the local file header of entry `name` (found through the central directory)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.getinfo(name).header_offset


def data_offset(data, name):
    off = local_header_offset(data, name)
    assert data[off:off + 4] == b"PK\x03\x04"
    name_len, extra_len = struct.unpack_from("<HH", data, off + 26)
    return off + 30 + name_len + extra_len


def flip_data_byte(data, name):
    """Changes one byte of a stored entry's data: the CRC no longer matches."""
    pos = data_offset(data, name) + 40
    b = bytearray(data)
    b[pos] ^= 0x20
    return bytes(b)


def set_encrypted_flag(data, name):
    """Sets bit 0 (encrypted) of the general purpose flags in the local and central headers."""
    b = bytearray(data)
    off = local_header_offset(data, name)
    struct.pack_into("<H", b, off + 6, struct.unpack_from("<H", b, off + 6)[0] | 1)
    pos = b.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack_from("<H", b, pos + 28)[0]
        if b[pos + 46:pos + 46 + name_len] == name.encode():
            struct.pack_into("<H", b, pos + 8, struct.unpack_from("<H", b, pos + 8)[0] | 1)
        pos = b.find(b"PK\x01\x02", pos + 4)
    return bytes(b)


def understate_size(data, name, size):
    """Makes the central directory and local header claim a smaller uncompressed size."""
    b = bytearray(data)
    off = local_header_offset(data, name)
    struct.pack_into("<I", b, off + 22, size)
    pos = b.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack_from("<H", b, pos + 28)[0]
        if b[pos + 46:pos + 46 + name_len] == name.encode():
            struct.pack_into("<I", b, pos + 24, size)
        pos = b.find(b"PK\x01\x02", pos + 4)
    return bytes(b)


# ---- the committed cases ------------------------------------------------------------------------

def rename_local_header(data, name, new):
    """Gives entry `name` another name (of the same length) in its local header only."""
    assert len(new) == len(name)
    at = local_header_offset(data, name)
    return data[: at + 30] + new.encode() + data[at + 30 + len(name):]


def cases():
    """{case: {file name: bytes}}: the small inputs kept in the repository."""
    c = {}
    data_name = b'{"name": "\xe5\x8e\xbf\xe8\xb4\xa2\xe6\x94\xbf\xe5\xb1\x80"}\n'  # {"name": "县财政局"}

    # -- the container
    c["empty-file"] = {"template.docx": b""}
    c["not-a-zip"] = {"template.docx": b"This is a letter typed in a text editor, saved as .docx.\n" * 20}
    good = docx()
    c["truncated-zip"] = {"template.docx": good[: len(good) // 2]}
    stored = docx(body="".join(para("{{name}} paragraph %d of a stored document" % i) for i in range(8)),
                  method=zipfile.ZIP_STORED)
    c["bad-crc"] = {"template.docx": flip_data_byte(stored, "word/document.xml")}
    c["encrypted-entry"] = {"template.docx": set_encrypted_flag(docx(), "word/document.xml")}
    c["bzip2-entry"] = {"template.docx": docx(method=zipfile.ZIP_BZIP2)}
    lying = docx(body="".join(para("{{name}} %d" % i) for i in range(50)))
    c["understated-size"] = {"template.docx": understate_size(lying, "word/document.xml", 100)}
    with_dup = io.BytesIO()
    with zipfile.ZipFile(with_dup, "w") as zf:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for name, text in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                               ("word/document.xml", document_xml(para("{{name}}"))),
                               ("word/document.xml", document_xml(para("a second main document")))]:
                zf.writestr(zipfile.ZipInfo(name, STAMP), text)
    c["duplicate-entry"] = {"template.docx": with_dup.getvalue()}
    # The local header names the main part otherwise than the central directory: readers would
    # disagree on what the package holds (unlike a stray byte after the end record, refused).
    c["local-name-mismatch"] = {"template.docx": rename_local_header(docx(), "word/document.xml", "word/documenX.xml")}
    c["zip-slip-entry"] = {"template.docx": docx(extra=[("../../../tmp/gongwen-zip-slip.xml", "<x/>")])}

    # -- the package
    c["missing-document-xml"] = {"template.docx": docx(skip=("word/document.xml",),
                                                       extra=[("word/styles.xml", "<w:styles %s/>" % W_NS)])}
    c["missing-content-types"] = {"template.docx": docx(skip=("[Content_Types].xml",))}
    xlsx_types = CONTENT_TYPES.replace("/word/document.xml", "/xl/workbook.xml").replace(
        "wordprocessingml.document.main", "spreadsheetml.sheet.main")
    c["xlsx-renamed-docx"] = {"template.docx": zip_bytes([
        ("[Content_Types].xml", xlsx_types),
        ("_rels/.rels", ROOT_RELS.replace("word/document.xml", "xl/workbook.xml")),
        ("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')])}
    c["missing-content-xml"] = {"template.odt": odt(skip=("content.xml",))}
    c["malformed-document-xml"] = {"template.docx": docx(document=document_xml(
        para("{{name}}") + '<w:p><w:r><w:t>unclosed run</w:t></w:p>'))}
    c["malformed-content-xml"] = {"template.odt": odt(content=odt_content("<text:p>{{name}}</text:span>"))}
    c["wrong-odt-mimetype"] = {"template.odt": odt(mimetype="application/vnd.oasis.opendocument.spreadsheet")}
    c["docx-renamed-odt"] = {"template.odt": docx()}
    c["odt-renamed-docx"] = {"template.docx": odt()}
    c["billion-laughs"] = {"template.docx": docx(document=(
        '<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
        + "".join('<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(8))
        + ']><w:document %s><w:body>%s</w:body></w:document>' % (W_NS, para("{{name}} &i;"))))}

    # -- the template language
    c["unclosed-section"] = {"template.docx": docx(body=para("{{#problems}}") + para("{{title}}")
                                                   + para("after the loop"))}
    c["unopened-section"] = {"template.docx": docx(body=para("{{name}}") + para("{{/problems}}"))}
    c["crossing-sections"] = {"template.docx": docx(body=para("{{#a}}x{{#b}}y{{/a}}z{{/b}}"))}
    c["tag-spans-cells"] = {"template.docx": docx(body=(
        '<w:tbl><w:tr>'
        '<w:tc><w:p><w:r><w:t>{{na</w:t></w:r></w:p></w:tc>'
        '<w:tc><w:p><w:r><w:t>me}}</w:t></w:r></w:p></w:tc>'
        '</w:tr></w:tbl>' + para("end")))}
    # A 1 MB tag that deflates some 70:1 only, so that the package passes the zip bomb ratio test
    # (500:1) and the tag itself is what is refused.
    big = "".join("x" * 200 + "%06d" % i for i in range(1024 * 1024 // 206 + 1))[: 1024 * 1024]
    c["tag-1mb"] = {"template.docx": docx(body=para("{{" + big + "}}"))}
    c["unclosed-tag"] = {"template.docx": docx(body=para("Dear {{name, see you") + para("end"))}
    depth = 10000
    c["nested-10000-deep"] = {"template.docx": docx(body=para(
        "".join("{{#s%d}}" % i for i in range(depth)) + "core" + "".join("{{/s%d}}" % i for i in reversed(range(depth)))))}
    # The same with the limit raised by the user (--max-depth 1000000): 20,000 levels must end in
    # a clean error or a document, never in a crash.
    depth = 20000
    c["nested-20000-deep-limit-raised"] = {"template.docx": docx(body=para(
        "".join("{{#s%d}}" % i for i in range(depth)) + "core" + "".join("{{/s%d}}" % i for i in reversed(range(depth)))))}
    c["unknown-filter"] = {"template.docx": docx(body=para("{{count | cnn}}"))}
    c["bad-filter-arg"] = {"template.docx": docx(body=para("{{ratio | percent:99}}"))}

    # -- the data
    plain = docx()
    c["invalid-char-in-value"] = {"template.docx": plain, "data.json": b'{"name": "a\\u0001b"}\n'}
    c["invalid-utf8-json"] = {"template.docx": plain, "data.json": b'{"name": "\xe5\x8e\xbf\xff\xfe"}\n'}
    c["json-not-object"] = {"template.docx": plain, "data.json": b'["\xe5\x8e\xbf\xe8\xb4\xa2\xe6\x94\xbf\xe5\xb1\x80"]\n'}
    c["json-syntax-error"] = {"template.docx": plain, "data.json": b'{\n  "name": "x",\n  "unit": "y",\n}\n'}
    c["json-lone-surrogate"] = {"template.docx": plain, "data.json": b'{"name": "\\ud800"}\n'}
    c["noncharacter-in-value"] = {"template.docx": plain, "data.json": b'{"unit": "x", "name": "a\\ufffeb"}\n'}
    c["odt-invalid-char-in-value"] = {"template.odt": odt(), "data.json": b'{"name": "tab\\u0008bell"}\n'}
    c["odt-unclosed-section"] = {"template.odt": odt(body="<text:p>{{#problems}}</text:p><text:p>{{title}}</text:p>")}
    c["odt-tag-spans-cells"] = {"template.odt": odt(body=(
        '<table:table xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><table:table-row>'
        '<table:table-cell><text:p>{{na</text:p></table:table-cell>'
        '<table:table-cell><text:p>me}}</text:p></table:table-cell>'
        '</table:table-row></table:table>'))}
    c["data-100mb"] = {"template.docx": plain}  # data.json made at test time (--huge data-100mb)
    c["data-100mb-output-limit"] = {"template.docx": plain}

    # -- the output
    for name in ("output-read-only-folder", "output-is-folder", "output-missing-folder", "output-path-traversal",
                 "output-dangling-symlink", "disk-full", "existing-output-no-force"):
        c[name] = {"template.docx": plain, "data.json": data_name}
    # An output of some 8 KB: a stored entry of bytes that do not compress (SHA-256 chained).
    noise, h = b"", b"gongwen"
    while len(noise) < 8192:
        h = hashlib.sha256(h).digest()
        noise += h
    c["file-size-limit"] = {"template.docx": docx(extra=[("word/media/noise.bin", noise, zipfile.ZIP_STORED)]),
                            "data.json": data_name}
    c["odt-existing-output-no-force"] = {"template.odt": odt(), "data.json": data_name}

    # -- other commands and the template kept as XML (a folder named like the file)
    c["check-empty-file"] = {"report.docx": b""}
    c["inspect-truncated-zip"] = {"template.docx": c["truncated-zip"]["template.docx"]}
    c["folder-template-malformed"] = {
        "template.docx/[Content_Types].xml": CONTENT_TYPES.encode(),
        "template.docx/_rels/.rels": ROOT_RELS.encode(),
        "template.docx/word/document.xml": document_xml(para("{{name}}") + "<w:p><w:r>no end").encode(),
        "data.json": b'{"name": "x"}\n'}

    # -- image tags (docs/image-tags.md): each bad image ends in an error naming the data file,
    # (in a batch the row,) the field and the tag; nothing is written
    photo = png_image(40, 30)
    img_doc = docx(body=para("photo: {{%photo}}"))
    def img_case(value, **files):
        case = {"template.docx": img_doc, "data.json": b'{"photo": %s}\n' % value.encode()}
        case.update({k.replace("_", "."): v for k, v in files.items()})
        return case
    c["image-not-an-image"] = img_case('"photo.png"', photo_png=b"Not a picture: a note saved as photo.png\n" * 4)
    c["image-content-not-extension"] = img_case('"photo.png"', photo_png=jpeg_header())
    c["image-truncated-png"] = img_case('"photo.png"', photo_png=photo[: len(photo) * 2 // 3])
    c["image-truncated-jpeg"] = img_case('{"path": "photo.jpg", "width": 30}', photo_jpg=jpeg_header())
    c["image-20000x20000"] = img_case('"huge.png"', huge_png=png_image(20000, 20000, bits=1))
    c["image-missing-file"] = img_case('"photos/absent.png"')
    c["image-bad-base64"] = img_case('{"data": "iVBORw0KGgo*not base64*"}')
    c["image-bad-size"] = img_case('{"path": "photo.png", "width": -30}', photo_png=photo)
    c["image-outside-folder"] = img_case('"../outside.png"', photo_png=photo)
    c["image-absolute-path"] = img_case('"/tmp/gongwen-outside.png"', photo_png=photo)
    c["image-symlink-escapes"] = img_case('"inside.png"', photo_png=photo)
    c["odt-image-truncated"] = {"template.odt": odt(body="<text:p>photo: {{%photo}}</text:p>"),
                                "data.json": b'{"photo": "photo.png"}\n', "photo.png": photo[:60]}
    # batch turns --safe-paths on by default: the row and the field are named
    c["batch-image-outside-folder"] = {
        "plugins/photo-card/plugin.json": PHOTO_CARD_MANIFEST.encode(),
        "plugins/photo-card/templates/card.docx": docx(body=para("{{name}}") + para("{{%photo}}")),
        "rows.csv": "name,photo\n张三,../outside.png\n".encode(), "photo.png": photo}

    # -- the huge ones: only the template is committed, the bomb is made at test time
    for name in ("zip-bomb-ratio", "zip-bomb-total", "many-entries"):
        c[name] = {}
    return c


# ---- the huge cases, made at test time -----------------------------------------------------------

def write_zip_streaming(path, entries):
    """entries: iterable of (name, size, chunk) — `size` bytes made of `chunk` repeated."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, size, chunk in entries:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            if isinstance(size, str):
                zf.writestr(info, size)
                continue
            with zf.open(info, "w", force_zip64=size >= 0xFFFFFFFF) as f:
                block = chunk * (1024 * 1024 // len(chunk))
                left = size
                while left > 0:
                    n = min(left, len(block))
                    f.write(block[:n])
                    left -= n


def huge(name, folder):
    os.makedirs(folder, exist_ok=True)
    skeleton = [("[Content_Types].xml", CONTENT_TYPES, None), ("_rels/.rels", ROOT_RELS, None),
                ("word/document.xml", document_xml(para("{{name}}")), None)]
    if name == "zip-bomb-ratio":
        # One 200 MB entry of zeros: deflates about 1000:1, to some 200 KB.
        write_zip_streaming(os.path.join(folder, "template.docx"),
                            skeleton + [("word/media/image1.xml", 200 * 1024 * 1024, b"\0")])
    elif name == "zip-bomb-total":
        # 1100 entries of 1 MB - 1 byte of zeros each (under the 1 MB floor of the ratio test):
        # 1.1 GB uncompressed (the default limit is 1 GiB) in some 1.2 MB. Named .xml so that a reader keeps what it inflates.
        write_zip_streaming(os.path.join(folder, "template.docx"),
                            skeleton + [("word/media/part%04d.xml" % i, 1024 * 1024 - 1, b"\0") for i in range(1100)])
    elif name == "many-entries":
        with zipfile.ZipFile(os.path.join(folder, "template.docx"), "w", compression=zipfile.ZIP_STORED) as zf:
            for n, text, _ in skeleton:
                zf.writestr(zipfile.ZipInfo(n, STAMP), text)
            for i in range(20000):
                zf.writestr(zipfile.ZipInfo("word/media/e%05d.txt" % i, STAMP), b"x")
    elif name == "data-100mb":
        # {"name": "<100 MB of text>"}: 县 (3 bytes) and an ASCII letter, repeated.
        size = 100 * 1024 * 1024
        chunk = "县财政局 audit ".encode("utf-8")
        with open(os.path.join(folder, "data.json"), "wb") as f:
            f.write(b'{"name": "')
            block = chunk * (1024 * 1024 // len(chunk))
            left = size
            while left >= len(block):
                f.write(block)
                left -= len(block)
            f.write(b"a" * left)
            f.write(b'"}\n')
    else:
        raise SystemExit("make_cases.py: no huge case named %r" % name)


def main(argv):
    if len(argv) >= 2 and argv[1] == "--huge":
        if len(argv) != 4:
            raise SystemExit("usage: make_cases.py --huge NAME DIR")
        huge(argv[2], argv[3])
        return 0
    check = len(argv) >= 2 and argv[1] == "--check"
    differ = []
    for case, files in sorted(cases().items()):
        folder = os.path.join(HERE, case)
        os.makedirs(folder, exist_ok=True)
        for fname, data in files.items():
            assert len(data) <= 200 * 1024, "%s/%s is %d bytes: make it at test time" % (case, fname, len(data))
            path = os.path.join(folder, fname)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            old = open(path, "rb").read() if os.path.exists(path) else None
            if old == data:
                continue
            if check:
                differ.append(os.path.relpath(path, HERE))
            else:
                with open(path, "wb") as f:
                    f.write(data)
    if differ:
        print("make_cases.py: differ from what the script makes: " + ", ".join(differ), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
