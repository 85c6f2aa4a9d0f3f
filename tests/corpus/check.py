#!/usr/bin/env python3
"""The real-document corpus: gongwen leaves every document of tests/corpus intact.

    python3 check.py GONGWEN [--only NAME...] [--keep DIR]

Over every file listed in MANIFEST (and no file in this folder may be missing from it):
  identity   `gongwen render FILE -d {}`: exit 0, the same parts, every part byte-identical
             (uncompressed) to the original's.
  injection  a word of existing text runs (w:t; text:p, text:h, text:span) in the main part and
             in headers, footers, notes and comments is replaced by a tag {{xN}}; rendered with a
             value holding & < > and Chinese, the output must equal the injected input with each
             tag replaced by its escaped value, byte for byte, and every other part unchanged.
  office     the originals and both outputs of every file go through ONE headless LibreOffice
             (its own profile, started and stopped here) to PDF; each output must open and have
             the original's page count (pdfinfo).
Without soffice or pdfinfo the office check is skipped (exit 77) unless CI=true, where it fails.
Prints one line per file and problem; exits 1 when anything failed.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = (".docx", ".odt")

DOCX_TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")
ODT_TEXT_PARTS = ("content.xml", "styles.xml")
DOCX_RUN_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
ODT_RUN_TEXT = re.compile(r"<text:(?:p|h|span)\b[^>]*[^/]>([^<]+)")
# Text that is not the document's visible text, or is there twice: left alone.
DOCX_SKIP = re.compile(r"<mc:Fallback\b.*?</mc:Fallback>", re.S)
ODT_SKIP = re.compile(r"<text:tracked-changes\b.*?</text:tracked-changes>|<office:font-face-decls\b.*?</office:font-face-decls>", re.S)
WORD = re.compile(r"(?<![\w{}&;#])[^\W\d_]{3,}(?![\w{}])")
SITES_PER_PART = 3


def manifest_files():
    files = []
    with open(os.path.join(HERE, "MANIFEST"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            files.append(line.split()[0])
    return files


def read_parts(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def value_of(n):
    return "Gw%d&<值>" % n


def escaped(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inject(parts, is_docx):
    """The parts with tags put into existing text; {part: (injected, expected)} and the data."""
    changed, data, n = {}, {}, 0
    for name, raw in parts:
        if is_docx and not DOCX_TEXT_PARTS.match(name):
            continue
        if not is_docx and name not in ODT_TEXT_PARTS:
            continue
        try:
            xml = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        skip = [m.span() for m in (DOCX_SKIP if is_docx else ODT_SKIP).finditer(xml)]
        sites = []
        for m in (DOCX_RUN_TEXT if is_docx else ODT_RUN_TEXT).finditer(xml):
            if "{" in m.group(1) or "}" in m.group(1) or any(a <= m.start() < b for a, b in skip):
                continue
            w = WORD.search(m.group(1))
            if w:
                sites.append((m.start(1) + w.start(), m.start(1) + w.end()))
        if not sites:
            continue
        picked = sorted({sites[0], sites[len(sites) // 2], sites[-1]})[:SITES_PER_PART]
        injected, expected, last = [], [], 0
        for a, b in picked:
            n += 1
            tag, value = "x%d" % n, value_of(n)
            data[tag] = value
            injected += [xml[last:a], "{{%s}}" % tag]
            expected += [xml[last:a], escaped(value)]
            last = b
        injected.append(xml[last:])
        expected.append(xml[last:])
        changed[name] = ("".join(injected).encode("utf-8"), "".join(expected).encode("utf-8"))
    return changed, data


def write_like(src, dst, replaced):
    """A copy of the package `src` with some parts' bytes replaced (same order, same methods)."""
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w") as zo:
        for info in zi.infolist():
            data = replaced.get(info.filename, zi.read(info.filename))
            zo.writestr(info, data, compress_type=info.compress_type)


def render(gongwen, template, data_path, out):
    p = subprocess.run([gongwen, "render", template, "-d", data_path, "-o", out, "--force"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    return p.returncode, p.stderr.decode("utf-8", "replace")


def canonical(xml):
    """C14N 2.0 of an XML part: what a rewritten part must keep (quoting and entity forms,
    attribute layout and the XML declaration may change; a w:t may gain xml:space="preserve",
    which keeps its text as it is)."""
    return ET.canonicalize(xml_data=xml.decode("utf-8")).replace('<w:t xml:space="preserve">', "<w:t>")


def compare(out, parts, expect, rewritten=()):
    """Problems of the output package `out` against the parts expected (name -> bytes): the
    parts in `rewritten` equal as canonical XML, all others byte for byte."""
    problems = []
    try:
        got = read_parts(out)
    except Exception as e:  # zipfile.BadZipFile and friends: the output is no zip
        return ["the output is not a readable zip: %s" % e]
    names_in = [n for n, _ in parts]
    names_out = [n for n, _ in got]
    if set(names_in) != set(names_out):
        problems.append("parts differ: lost %s, added %s" % (sorted(set(names_in) - set(names_out)),
                                                            sorted(set(names_out) - set(names_in))))
    got = dict(got)
    for name, _ in parts:
        if name in rewritten and name in got:
            try:
                a, b = canonical(expect[name]), canonical(got[name])
            except ET.ParseError as e:
                problems.append("part %s is not well-formed XML: %s" % (name, e))
                continue
            if a != b:
                i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
                problems.append("part %s differs (canonical XML) at %d: want %r, got %r" % (
                    name, i, a[max(0, i - 30):i + 40], b[max(0, i - 30):i + 40]))
        elif name in got and got[name] != expect[name]:
            a, b = expect[name], got[name]
            i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
            problems.append("part %s differs at byte %d: want %r, got %r" % (name, i, a[max(0, i - 30):i + 40], b[max(0, i - 30):i + 40]))
    return problems


def pages(pdf):
    p = subprocess.run(["pdfinfo", pdf], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    m = re.search(rb"^Pages:\s+(\d+)", p.stdout, re.M)
    return int(m.group(1)) if p.returncode == 0 and m else None


def to_pdf(files, outdir, work):
    """One soffice for all files; returns its log. Stops what it started, by process group."""
    cmd = ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
           "-env:UserInstallation=file://%s/profile" % work, "--convert-to", "pdf", "--outdir", outdir] + files
    log = open(os.path.join(work, "soffice.log"), "wb")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        proc.wait(timeout=int(os.environ.get("CORPUS_OFFICE_TIMEOUT", "240")))
    except subprocess.TimeoutExpired:
        print("FAIL office: soffice did not finish in time")
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # soffice.bin may outlive its parent
        except ProcessLookupError:
            pass
        proc.wait()
        log.close()


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    gongwen = os.path.abspath(argv[1])
    only, keep = [], None
    rest = argv[2:]
    while rest:
        if rest[0] == "--keep" and len(rest) > 1:
            keep, rest = rest[1], rest[2:]
        elif rest[0] == "--only":
            only, rest = rest[1:], []
        else:
            print("check.py: unknown argument %s" % rest[0], file=sys.stderr)
            return 2
    failed = []
    listed = manifest_files()
    present = sorted(f for f in os.listdir(HERE) if f.endswith(KINDS))
    for f in sorted(set(present) - set(listed)):
        failed.append("%s: in tests/corpus but not in MANIFEST" % f)
    for f in sorted(set(listed) - set(present)):
        failed.append("%s: in MANIFEST but missing" % f)
    names = [f for f in listed if f in present and (not only or f in only)]

    work = keep or tempfile.mkdtemp(prefix="gongwen-corpus.")
    os.makedirs(os.path.join(work, "office"), exist_ok=True)
    empty = os.path.join(work, "empty.json")
    with open(empty, "w") as f:
        f.write("{}\n")
    to_office = []  # (name, original, [outputs])
    started = time.time()
    for name in names:
        src = os.path.join(HERE, name)
        stem, ext = os.path.splitext(name)
        problems = []
        parts = read_parts(src)
        original = dict(parts)
        outputs = []
        # identity
        out = os.path.join(work, "office", "id_" + name)
        rc, err = render(gongwen, src, empty, out)
        if rc != 0:
            problems.append("identity: exit %d: %s" % (rc, err.strip()[:300]))
        else:
            problems += ["identity: " + p for p in compare(out, parts, original)]
            outputs.append(out)
        # injection
        changed, data = inject(parts, ext == ".docx")
        if not changed:
            problems.append("injection: no text run to put a tag in")
        else:
            tpl = os.path.join(work, "inj-template_" + name)
            write_like(src, tpl, {k: v[0] for k, v in changed.items()})
            data_path = os.path.join(work, stem + ".json")
            with open(data_path, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False)
            out = os.path.join(work, "office", "inj_" + name)
            rc, err = render(gongwen, tpl, data_path, out)
            if rc != 0:
                problems.append("injection: exit %d: %s" % (rc, err.strip()[:300]))
            else:
                expect = dict(original)
                expect.update({k: v[1] for k, v in changed.items()})
                problems += ["injection: " + p for p in compare(out, parts, expect, rewritten=set(changed))]
                outputs.append(out)
        shutil.copy(src, os.path.join(work, "office", "orig_" + name))
        to_office.append((name, outputs))
        if problems:
            failed += ["%s: %s" % (name, p) for p in problems]
            print("FAIL %s" % name)
            for p in problems:
                print("    " + p)
        else:
            print("ok   %s: identity, injection (%d tags in %s)" % (name, len(data), ", ".join(sorted(changed))))
    print("rendering: %.1f s" % (time.time() - started))

    office = shutil.which("soffice") and shutil.which("pdfinfo")
    skipped = False
    if os.environ.get("CORPUS_NO_OFFICE") == "1":
        # The sanitizer run (scripts/run.sh hardening): the engine under ASan on every file; the
        # page counts are LibreOffice's and are checked by the plain run.
        print("office: not run (CORPUS_NO_OFFICE=1)")
    elif not office:
        if os.environ.get("CI") == "true":
            failed.append("office: soffice or pdfinfo is not installed (required under CI=true)")
            print("FAIL " + failed[-1])
        else:
            print("SKIP office: soffice or pdfinfo is not installed")
            skipped = True
    elif to_office:
        started = time.time()
        pdfdir = os.path.join(work, "pdf")
        files = sorted(os.path.join(work, "office", f) for f in os.listdir(os.path.join(work, "office")))
        to_pdf(files, pdfdir, work)
        print("office: %d files to PDF in %.1f s" % (len(files), time.time() - started))
        for name, outputs in to_office:
            stem = os.path.splitext(name)[0]
            want = pages(os.path.join(pdfdir, "orig_" + stem + ".pdf"))
            if want is None:
                with open(os.path.join(work, "soffice.log"), "rb") as f:
                    tail = f.read()[-300:].decode("utf-8", "replace").strip()
                failed.append("%s: LibreOffice made no PDF of the original (soffice said: %s)" % (name, tail))
                print("FAIL " + failed[-1])
                continue
            for out in outputs:
                got = pages(os.path.join(pdfdir, os.path.splitext(os.path.basename(out))[0] + ".pdf"))
                if got != want:
                    msg = "%s: %s: %s pages in LibreOffice, the original %d" % (
                        name, os.path.basename(out).split("_")[0], "no PDF, no" if got is None else got, want)
                    failed.append(msg)
                    print("FAIL " + msg)
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    print("%d files, %d problems" % (len(names), len(failed)))
    for f in failed:
        if ": in " in f:
            print("FAIL " + f)
    if failed:
        return 1
    return 77 if skipped else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
