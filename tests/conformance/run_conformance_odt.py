#!/usr/bin/env python3
"""The docxtemplater conformance suite on ODT: every case's template and expected document are
converted from DOCX to ODT by LibreOffice, the ODT template is rendered by gongwen with the case's
data and options, and the visible text of the rendered ODT is compared with the converted expected
document's the way the suite's check.py compares DOCX (its compare() is called, not copied).

  run_conformance_odt.py GONGWEN SHARED_DIR WORK_DIR [--only ID[,ID...]] [--keep]

Conversion: ONE headless soffice run converts every template and expected .docx of the suite
(with its own profile under WORK_DIR; started by this script and, if it outlives its work or a
timeout, stopped by its process group id). The .odt files stay in WORK_DIR/odt (the build folder,
not committed); a stamp holding a hash of the fixtures and the soffice version lets later runs
reuse them. The first run takes 75-90 s on two cores (77 files), later runs about 6 s.

Visible text of an ODT, per part (content.xml, styles.xml): one entry per text:p / text:h in
document order; literal white space collapsed to one space (none at a paragraph's start or end,
ODF 1.2 §6.1.2); text:s -> spaces, text:tab -> "\\t", text:line-break -> "\\n"; paragraphs inside
notes, annotations and frames listed after their paragraph, as check.py lists paragraphs of text
boxes; text:note-citation (a generated number), ruby text and tracked deletions left out. Tables:
the number of table:table-row of each table:table (nested tables counted on their own, adjacent
tables as one, as DOCX shows them). styles.xml: the headers and footers of the master pages in
use, each distinct content once.

Exit status: 0 all compared cases pass, 1 any fails, 77 skipped (no suite or no soffice, and CI
is not set; under CI=true a missing input is a failure).
"""

import argparse
import hashlib
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
import xml.etree.ElementTree as ET

# Cases left out, with the reason: keys are case ids of cases.json, or "feature:F" for every case
# having feature F.
SKIPPED = {
    # docxtemplater writes "undefined" for a missing value; Gongwen renders it empty and warns
    # (the DOCX run skips these too).
    "feature:missing-value-undefined": "docxtemplater prints 'undefined' for a missing value; Gongwen renders it empty and warns",
}

# Cases compared without their empty paragraphs (check.py's --ignore-empty-paragraphs), with the
# reason: LibreOffice's conversion gives the ODT template and the converted expected document
# different empty paragraphs before any rendering, or DOCX needs an empty paragraph ODF does not.
# Their text must still match paragraph by paragraph.
LENIENT = {
    "paragraph-loop-kept-section": "docxtemplater keeps the {/} paragraph because it carries a section break (w:sectPr); "
                                   "in the ODT the break is the next paragraph's master page and the {/} paragraph holds nothing",
    "loop-with-continuous-section-break": "the expected document keeps each repeated section-break paragraph (w:sectPr) empty; "
                                          "in the ODT those breaks are text:section boundaries",
    "paragraph-loop-empty-with-pagebreak": "LibreOffice turns the page break at the end of the {/} paragraph into a break-before "
                                           "of the next paragraph, so the ODT has no paragraph to keep for it",
    "page-break-truthy-std-loop": "LibreOffice splits '{#cond}<page break>' into two paragraphs in the template, but keeps "
                                  "'<page break>' in one paragraph in the expected document",
    "pagebreak-table-loop": "the page break in the {#loop} paragraph becomes the table's break-before in the ODT, "
                            "the expected document keeps it in an empty paragraph before each table",
    "table-in-table-corruption": "a DOCX table cell must end with a paragraph (docxtemplater keeps an empty one after the "
                                 "nested table); an ODF cell may end with a table",
    "regression-loops-resolve-long": "LibreOffice drops the trailing space of '{#car} ' and '{/} ' in the table cells, so "
                                     "there the tags are alone in their paragraphs (paragraph loop: dropped) while in the "
                                     "DOCX they are not (inline: a blank paragraph stays)",
}

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
STYLE_NS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"


def q(ns, name):
    return "{%s}%s" % (ns, name)


T_P, T_H, T_S, T_TAB, T_LB = (q(TEXT, n) for n in ("p", "h", "s", "tab", "line-break"))
T_NOTE_BODY, T_NOTE_CIT, T_RUBY_TEXT, T_TRACKED = (
    q(TEXT, n) for n in ("note-body", "note-citation", "ruby-text", "tracked-changes"))
ANNOTATION, ANNOTATION_END = q(OFFICE, "annotation"), q(OFFICE, "annotation-end")
FRAME = q(DRAW, "frame")
TBL, ROW = q(TABLE, "table"), q(TABLE, "table-row")
WS = " \t\r\n"


# ---------------------------------------------------------------- ODT visible text

class _Line:
    def __init__(self):
        self.text = []
        self.started = False
        self.pending_space = False

    def put(self, s):
        if self.pending_space:
            self.text.append(" ")
        self.pending_space = False
        self.started = True
        self.text.append(s)

    def chars(self, s):
        for c in s or "":
            if c in WS:
                if self.started:
                    self.pending_space = True
            else:
                self.put(c)


def _paragraph(p, paras, tables):
    idx = len(paras)
    paras.append(None)  # document order: the paragraph before the ones nested in it
    line = _Line()
    nested = []

    def content(el):
        line.chars(el.text)
        for child in el:
            tag = child.tag
            if tag == T_S:
                line.put(" " * max(int(child.get(q(TEXT, "c"), "1")), 0))
            elif tag == T_TAB:
                line.put("\t")
            elif tag == T_LB:
                line.put("\n")
            elif tag in (T_NOTE_BODY, ANNOTATION, FRAME, T_P, T_H):
                nested.append(child)
            elif tag in (T_NOTE_CIT, T_RUBY_TEXT, ANNOTATION_END):
                pass
            else:
                content(child)
            line.chars(child.tail)

    content(p)
    paras[idx] = "".join(line.text)
    for el in nested:
        if el.tag in (T_P, T_H):
            _paragraph(el, paras, tables)
        else:
            _walk(el, paras, tables)


def _rows(tbl):
    count = 0

    def walk(el):
        nonlocal count
        for child in el:
            if child.tag == TBL:
                continue
            if child.tag == ROW:
                count += 1
            walk(child)

    walk(tbl)
    return count


def _walk(el, paras, tables):
    previous = None
    for child in el:
        if child.tag in (T_P, T_H):
            _paragraph(child, paras, tables)
        elif child.tag == T_TRACKED:
            continue  # the text of tracked deletions is not visible
        else:
            if child.tag == TBL:
                if previous is not None and previous.tag == TBL:
                    # Adjacent tables are one table in DOCX (Word and LibreOffice's import join
                    # them), so a converted expected document holds one where an ODT has two.
                    tables[-1] += _rows(child)
                else:
                    tables.append(_rows(child))
            _walk(child, paras, tables)
        previous = child


STYLE, MASTER_PAGE, MASTER_STYLES = q(STYLE_NS, "style"), q(STYLE_NS, "master-page"), q(OFFICE, "master-styles")
STYLE_REFS = (q(TEXT, "style-name"), q(TABLE, "style-name"), q(DRAW, "style-name"))


def _used_master_pages(content, styles):
    """Names of the master pages the document shows: those named by a style that the body of
    content.xml uses, the page styles they continue with, and "Standard" (the first page's
    unless a style says otherwise). A DOCX section becomes a master page; a template keeps the
    master pages of sections a loop dropped, and those are never shown."""
    used_styles = set()
    body = content.find(q(OFFICE, "body"))
    for el in body.iter():
        for attr in STYLE_REFS:
            if attr in el.attrib:
                used_styles.add(el.attrib[attr])
    pages = {"Standard"}
    for root in (content, styles):
        for st in root.iter(STYLE):
            master = st.get(q(STYLE_NS, "master-page-name"))
            if master and st.get(q(STYLE_NS, "name")) in used_styles:
                pages.add(master)
    next_of = {mp.get(q(STYLE_NS, "name")): mp.get(q(STYLE_NS, "next-style-name")) for mp in styles.iter(MASTER_PAGE)}
    todo = list(pages)
    while todo:
        nxt = next_of.get(todo.pop())
        if nxt and nxt not in pages:
            pages.add(nxt)
            todo.append(nxt)
    return pages


def extract_odt(path):
    """{part: (paragraph texts, rows per table)}: content.xml, and the headers and footers of the
    master pages in use from styles.xml."""
    with zipfile.ZipFile(path) as z:
        content = ET.fromstring(z.read("content.xml"))
        styles = ET.fromstring(z.read("styles.xml")) if "styles.xml" in z.namelist() else None
    paras, tables = [], []
    _walk(content, paras, tables)
    result = {"content.xml": (paras, tables)}
    if styles is not None:
        # Each distinct header/footer content once, sorted: a DOCX section repeated by a loop is
        # a new section with the same header (and LibreOffice makes a master page of each),
        # while a repeated ODT paragraph names the same master page again.
        used = _used_master_pages(content, styles)
        pages = set()
        for master_styles in styles.iter(MASTER_STYLES):
            for mp in master_styles.iter(MASTER_PAGE):
                if mp.get(q(STYLE_NS, "name")) in used:
                    paras, tables = [], []
                    _walk(mp, paras, tables)
                    pages.add((tuple(paras), tuple(tables)))
        ordered = sorted(pages)
        result["styles.xml"] = ([p for page in ordered for p in page[0]], [t for page in ordered for t in page[1]])
    return result


# ---------------------------------------------------------------- helpers

def ci():
    v = os.environ.get("CI", "")
    return v not in ("", "false", "0")


def give_up(why):
    if ci():
        print("FAIL: %s (CI=true: a missing input is a failure)" % why)
        sys.exit(1)
    print("SKIP: %s" % why)
    sys.exit(77)


def load_check(suite):
    sys.dont_write_bytecode = True  # the suite's folder is read-only material
    spec = importlib.util.spec_from_file_location("docxtemplater_check", os.path.join(suite, "check.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def stop_group(pgid):
    """Stops the process group this script started (soffice and the soffice.bin it spawned)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if not group_alive(pgid):
            return
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            return
        for _ in range(50):
            if not group_alive(pgid):
                return
            time.sleep(0.1)


def convert(soffice, sources, work, timeout):
    """Converts every source .docx to WORK/odt/<name>.odt in one soffice run, unless a stamp says
    the same fixtures were converted by the same soffice before."""
    out_dir = os.path.join(work, "odt")
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True,
                             env=dict(os.environ, HOME=work)).stdout.strip()
    h = hashlib.sha256(version.encode())
    for s in sources:
        h.update(os.path.basename(s).encode())
        with open(s, "rb") as f:
            h.update(hashlib.sha256(f.read()).digest())
    stamp = os.path.join(work, "odt.stamp")
    want = [os.path.join(out_dir, os.path.splitext(os.path.basename(s))[0] + ".odt") for s in sources]
    if os.path.exists(stamp) and all(os.path.exists(w) for w in want):
        with open(stamp) as f:
            if f.read().strip() == h.hexdigest():
                return out_dir, "reused %d conversions (%s)" % (len(want), version)
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    profile = os.path.join(work, "lo-profile")
    cmd = [soffice, "--headless", "--norestore", "--nologo", "--nolockcheck",
           "-env:UserInstallation=file://" + profile, "--convert-to", "odt", "--outdir", out_dir] + sources
    started = time.time()
    log_path = os.path.join(work, "soffice.log")
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                env=dict(os.environ, HOME=work))
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            stop_group(proc.pid)
            proc.wait()
            print("FAIL: soffice did not convert the suite within %ds (log: %s)" % (timeout, log_path))
            sys.exit(1)
        finally:
            stop_group(proc.pid)  # whatever it left running
    missing = [w for w in want if not os.path.exists(w)]
    if proc.returncode != 0 or missing:
        print("FAIL: soffice exited with %d and did not write %s (log: %s)" % (
            proc.returncode, ", ".join(os.path.basename(m) for m in missing) or "-", log_path))
        sys.exit(1)
    with open(stamp, "w") as f:
        f.write(h.hexdigest() + "\n")
    return out_dir, "converted %d files in %.0fs (%s)" % (len(want), time.time() - started, version)


def render(gongwen, here, template, data_path, out_path, case):
    opts = case.get("options", {})
    open_d, close_d = case.get("delimiters", ["{", "}"])
    cmd = ["sh", os.path.join(here, "render_case.sh"), gongwen, template, data_path, out_path, open_d, close_d,
           "true" if opts.get("paragraphLoop") else "false", "true" if opts.get("linebreaks") else "false"]
    proc = subprocess.run(cmd, capture_output=True, timeout=120)
    if proc.returncode != 0:
        err = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip().splitlines()
        return "gongwen exited with status %d: %s" % (proc.returncode, " | ".join(err[-3:])[:400])
    if not os.path.exists(out_path):
        return "gongwen wrote no output file"
    return None


def skip_reason(case):
    if case["id"] in SKIPPED:
        return SKIPPED[case["id"]]
    for f in case.get("features", []):
        if "feature:" + f in SKIPPED:
            return SKIPPED["feature:" + f]
    return None


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gongwen", help="the gongwen binary")
    ap.add_argument("shared", help="the shared folder holding conformance/docxtemplater")
    ap.add_argument("work", help="a folder of the build tree for the conversions and outputs")
    ap.add_argument("--only", action="append", default=[], metavar="ID", help="run only these case ids (comma lists allowed)")
    ap.add_argument("--keep", action="store_true", help="keep the rendered .odt files in WORK/runs")
    args = ap.parse_args(argv[1:])
    gongwen, shared, work = (os.path.abspath(a) for a in (args.gongwen, args.shared, args.work))
    keep = args.keep
    only = {x for item in args.only for x in item.split(",") if x}
    here = os.path.dirname(os.path.abspath(__file__))
    suite = os.path.join(shared, "conformance", "docxtemplater")
    if not os.path.isfile(os.path.join(suite, "check.py")):
        give_up("the conformance suite is not at %s (set GONGWEN_SHARED_DIR)" % suite)
    soffice = shutil.which("soffice")
    if not soffice:
        give_up("soffice (LibreOffice) is not installed: the templates cannot be converted to ODT")
    check = load_check(suite)
    cases = check.load_cases(os.path.join(suite, "cases.json"))
    # every case's files, whatever --only says: the stamp covers the whole suite
    sources = sorted({os.path.join(suite, c[k]) for c in cases for k in ("template", "expected")})
    if only:
        unknown = only - {c["id"] for c in cases}
        if unknown:
            ap.error("unknown case id(s): " + ", ".join(sorted(unknown)))
        cases = [c for c in cases if c["id"] in only]
    os.makedirs(work, exist_ok=True)

    odt_dir, how = convert(soffice, sources, work, timeout=240)
    print("# " + how)

    def odt_of(rel):
        return os.path.join(odt_dir, os.path.splitext(os.path.basename(rel))[0] + ".odt")

    runs = os.path.join(work, "runs")
    shutil.rmtree(runs, ignore_errors=True)
    passed = failed = skipped = 0
    for case in cases:
        cid = case["id"]
        reason = skip_reason(case)
        if reason:
            skipped += 1
            print("SKIP %s: %s" % (cid, reason))
            continue
        case_dir = os.path.join(runs, cid)
        os.makedirs(case_dir)
        data_path = os.path.join(case_dir, "data.json")
        with open(data_path, "w", encoding="utf-8") as f:
            json.dump(case.get("data", {}), f, ensure_ascii=False)
        out_path = os.path.join(case_dir, "out.odt")
        try:
            problem = render(gongwen, here, odt_of(case["template"]), data_path, out_path, case)
            if problem is None:
                problem = check.compare(extract_odt(odt_of(case["expected"])), extract_odt(out_path),
                                        ignore_empty=cid in LENIENT)
        except Exception as e:  # one broken case must not stop the run
            problem = "checker error: %s: %s" % (type(e).__name__, e)
        if problem is None:
            passed += 1
            print("PASS %s%s" % (cid, " (empty paragraphs ignored: %s)" % LENIENT[cid] if cid in LENIENT else ""))
        else:
            failed += 1
            print("FAIL %s: %s" % (cid, problem))
        sys.stdout.flush()
    if not keep:
        shutil.rmtree(runs, ignore_errors=True)
    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
