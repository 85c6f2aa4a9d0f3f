#!/usr/bin/env python3
"""batch --merge without an office: the merged DOCX of three rows of a probe type (make_probe.py)
against its golden summary (golden-docx.txt: sections, page numbering, list ids, bookmark and
drawing ids, relationships and parts), the ids checked unique, every relationship and part
resolved; the checks run on a doctored copy must fail (they can fail); a bad row or an existing
output leaves no merged file; the 3-unit example merged to ODT has unique names and a start style
per document. With --shared, the merged files are validated against the schemas.
    merge_test.py --gongwen BIN --source SRC [--shared SHARED_DIR] [--update]
Exit 0 all passed, 1 a failure."""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
failures = []


def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)
    return cond


def rels_of(z, part):
    folder, name = part.rsplit("/", 1) if "/" in part else ("", part)
    rp = (folder + "/" if folder else "") + "_rels/" + name + ".rels"
    if rp not in z.namelist():
        return {}
    out = {}
    for r in ET.fromstring(z.read(rp)).iter(PR + "Relationship"):
        target = r.get("Target")
        if r.get("TargetMode") != "External":
            target = target[1:] if target.startswith("/") else os.path.normpath(os.path.join(folder, target)).replace("\\", "/")
        out[r.get("Id")] = (r.get("Type").rsplit("/", 1)[1], target, r.get("TargetMode") == "External")
    return out


def docx_problems(path):
    """What is wrong with a merged DOCX's ids and parts (a list of sentences), and its summary."""
    problems, summary = [], []
    z = zipfile.ZipFile(path)
    names = set(z.namelist())
    doc = ET.fromstring(z.read("word/document.xml"))
    body = doc.find(W + "body")
    rels = rels_of(z, "word/document.xml")
    # every r:* attribute resolves; every target exists
    for el in doc.iter():
        for k, v in el.attrib.items():
            if k.startswith(R) and v not in rels:
                problems.append(f"r:{k[len(R):]}={v} names no relationship")
    for rid, (kind, target, external) in rels.items():
        if not external and target not in names:
            problems.append(f"relationship {rid} targets the missing part {target}")
    types = ET.fromstring(z.read("[Content_Types].xml"))
    defaults = {d.get("Extension").lower() for d in types.iter(CT + "Default")}
    overrides = {o.get("PartName").lstrip("/") for o in types.iter(CT + "Override")}
    for n in names:
        if not n.endswith("/") and n not in overrides and n.rsplit(".", 1)[-1].lower() not in defaults:
            problems.append(f"part {n} has no content type")
    # sections: per document, the first starts on an odd page numbered 1
    sects = [s for s in body.iter(W + "sectPr")]
    for i, s in enumerate(sects):
        t = s.find(W + "type")
        pg = s.find(W + "pgNumType")
        refs = " ".join(f"{h.tag[len(W):]}:{h.get(W + 'type')}->{rels.get(h.get(R + 'id'), ('', '?'))[1]}"
                        for h in s if h.tag in (W + "headerReference", W + "footerReference"))
        summary.append(f"section {i + 1}: type={t.get(W + 'val') if t is not None else '-'} "
                       f"start={pg.get(W + 'start') if pg is not None and pg.get(W + 'start') else '-'} {refs}")
    # lists: every numId used is defined, once; a document's lists are its own
    numbering = ET.fromstring(z.read("word/numbering.xml")) if "word/numbering.xml" in names else None
    nums = collections.Counter(n.get(W + "numId") for n in numbering.iter(W + "num")) if numbering is not None else {}
    for n, c in nums.items():
        if c > 1:
            problems.append(f"w:num {n} defined {c} times")
    used = [n.get(W + "val") for n in body.iter(W + "numId")]
    for n in set(used):
        if n != "0" and n not in nums:
            problems.append(f"numId {n} is not defined")
    if numbering is not None:
        for num in numbering.iter(W + "num"):
            o = [f"{l.get(W + 'ilvl')}:{l.find(W + 'startOverride').get(W + 'val')}" for l in num.iter(W + "lvlOverride")
                 if l.find(W + "startOverride") is not None]
            summary.append(f"num {num.get(W + 'numId')}: abstract {num.find(W + 'abstractNumId').get(W + 'val')} "
                           f"restart {' '.join(o) or '-'}")
    summary.append("numIds in order: " + " ".join(used))
    # bookmarks: ids and names unique; anchors and REF fields name one of them
    starts = list(body.iter(W + "bookmarkStart"))
    for what, values in (("bookmark id", [b.get(W + "id") for b in starts]), ("bookmark name", [b.get(W + "name") for b in starts])):
        for v, c in collections.Counter(values).items():
            if c > 1:
                problems.append(f"{what} {v} used {c} times")
    bnames = {b.get(W + "name") for b in starts}
    for h in body.iter(W + "hyperlink"):
        if h.get(W + "anchor") and h.get(W + "anchor") not in bnames:
            problems.append(f"hyperlink anchor {h.get(W + 'anchor')} names no bookmark")
    refs = [t.text.split()[1] for t in body.iter(W + "instrText") if t.text and t.text.split()[:1] == ["REF"]]
    for r in refs:
        if r not in bnames:
            problems.append(f"REF {r} names no bookmark")
    summary.append("bookmarks: " + " ".join(f"{b.get(W + 'id')}={b.get(W + 'name')}" for b in starts))
    summary.append("anchors: " + " ".join(h.get(W + "anchor") for h in body.iter(W + "hyperlink")) + "; REF: " + " ".join(refs))
    # drawings: docPr ids unique in the document and its headers and footers
    ids = [(p.get("id"), "word/document.xml") for p in doc.iter(WP + "docPr")]
    for n in sorted(names):
        if re.match(r"word/(header|footer)[^/]*\.xml$", n):
            ids += [(p.get("id"), n) for p in ET.fromstring(z.read(n)).iter(WP + "docPr")]
    for v, c in collections.Counter(i for i, _ in ids).items():
        if c > 1:
            problems.append(f"docPr id {v} used {c} times")
    summary.append("docPr ids: " + " ".join(f"{i}@{p.split('/')[-1]}" for i, p in ids))
    summary.append("parts: " + " ".join(sorted(n for n in names if n.startswith("word/") and "_rels" not in n)))
    summary.append("relationships: " + " ".join(f"{rid}={k}:{t}" for rid, (k, t, _) in sorted(rels.items())))
    return problems, summary


def doctored(src, dst):
    """The merged DOCX with the second document's first drawing id set to the first's and a
    bookmark name repeated: the checks must find both."""
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for item in zi.infolist():
            data = zi.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode()
                ids = re.findall(r'<wp:docPr id="(\d+)"', text)
                text = text.replace(f'<wp:docPr id="{ids[1]}"', f'<wp:docPr id="{ids[0]}"', 1)
                text = text.replace('w:name="Unit_2"', 'w:name="Unit"', 1)
                data = text.encode()
            zo.writestr(item, data)


def gongwen(args, *cmd, env=None):
    e = dict(os.environ, LANG="C.UTF-8", LC_ALL="", **(env or {}))
    return subprocess.run([args.gongwen, *cmd], capture_output=True, text=True, env=e)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gongwen", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--shared", default=os.environ.get("GONGWEN_SHARED_DIR", ""))
    ap.add_argument("--update", action="store_true", help="rewrite golden-docx.txt")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="gongwen-merge-test-")
    try:
        subprocess.run([sys.executable, os.path.join(HERE, "make_probe.py"), work], check=True)
        env = {"GONGWEN_PLUGIN_PATH": os.path.join(work, "merge-probe")}
        merged = os.path.join(work, "out", "all.docx")
        r = gongwen(args, "batch", "merge-probe", "--data", os.path.join(work, "rows.csv"), "--merge", merged, "--jobs", "2", env=env)
        if not check(r.returncode == 0 and os.path.exists(merged), "3 rows merged into one DOCX"):
            print(r.stderr)
            return 1
        problems, summary = docx_problems(merged)
        check(not problems, "merged ids unique, relationships and parts resolved" + ("" if not problems else ": " + "; ".join(problems)))
        golden = os.path.join(HERE, "golden-docx.txt")
        text = "\n".join(summary) + "\n"
        if args.update:
            open(golden, "w", encoding="utf-8").write(text)
        expected = open(golden, encoding="utf-8").read()
        if not check(text == expected, "merged numbering and ids as golden-docx.txt"):
            import difflib
            sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), "expected", "got"))
        bad = os.path.join(work, "doctored.docx")
        doctored(merged, bad)
        p2, _ = docx_problems(bad)
        check(any("docPr id" in p for p in p2) and any("bookmark name" in p for p in p2),
              "the checks find a repeated drawing id and bookmark name in a doctored copy")

        # a bad row: reported, nothing written (no temp file left either)
        failed = os.path.join(work, "failed", "all.docx")
        r = gongwen(args, "batch", "merge-probe", "--data", os.path.join(work, "bad-rows.csv"), "--merge", failed, env=env)
        check(r.returncode == 1 and "bad-rows.csv:3" in r.stderr and "merge-not-written" in r.stderr,
              "a bad row names its row and says the merged document is not written")
        left = os.listdir(os.path.dirname(failed)) if os.path.isdir(os.path.dirname(failed)) else []
        check(not left, f"no merged file, no temp file after a bad row ({left})")
        # an existing output is kept without --force, replaced with it
        open(failed, "w").write("keep")
        r = gongwen(args, "batch", "merge-probe", "--data", os.path.join(work, "rows.csv"), "--merge", failed, env=env)
        check(r.returncode == 1 and open(failed).read() == "keep" and "output-exists" in r.stderr, "an existing merged file is kept without --force")
        r = gongwen(args, "batch", "merge-probe", "--data", os.path.join(work, "rows.csv"), "--merge", failed, "--force", env=env)
        check(r.returncode == 0 and zipfile.is_zipfile(failed), "--force replaces it")
        r = gongwen(args, "batch", "merge-probe", "--data", os.path.join(work, "rows.csv"), "--merge", os.path.join(work, "x.txt"), env=env)
        check(r.returncode == 2, "--merge x.txt is a usage error")

        # the 3-unit example to ODT: a start style per document, names unique
        ex = os.path.join(args.source, "examples", "batch")
        odt = os.path.join(work, "all.odt")
        r = gongwen(args, "batch", "rectification-notice", "--data", os.path.join(ex, "notices.csv"),
                    "--rows", os.path.join(ex, "problems.csv") + ":被巡察单位", "--merge", odt)
        if check(r.returncode == 0, "the 3-unit example merged into one ODT"):
            content = zipfile.ZipFile(odt).read("content.xml").decode()
            starts = re.findall(r'<style:style style:name="(GongwenStart\d+)"[^>]*style:master-page-name="([^"]+)"', content)
            used = re.findall(r'text:style-name="(GongwenStart\d+)"', content)
            check(len(used) == 3 and all(u in dict(starts) for u in used), f"each of the 3 documents starts with a page-starting style ({used})")
            check(content.count('style:page-number="1"') >= len(starts), "the start styles number their pages from 1")
            for attr in ("table:name", "text:name", "draw:name"):
                values = re.findall(attr + r'="([^"]+)"', content)
                dup = [v for v, c in collections.Counter(values).items() if c > 1]
                check(not dup, f"{attr} values unique in the merged ODT ({len(values)} values, repeated: {dup})")
        docx_ex = os.path.join(work, "notices.docx")
        r = gongwen(args, "batch", "rectification-notice", "--data", os.path.join(ex, "notices.csv"),
                    "--rows", os.path.join(ex, "problems.csv") + ":被巡察单位", "--merge", docx_ex)
        if check(r.returncode == 0, "the 3-unit example merged into one DOCX"):
            p3, s3 = docx_problems(docx_ex)
            check(not p3, "the merged notices' ids and parts" + ("" if not p3 else ": " + "; ".join(p3)))
            odd = [l for l in s3 if l.startswith("section") and "type=oddPage start=1" in l]
            check(len(odd) == 3, f"3 sections start a notice on an odd page numbered 1 ({len(odd)})")

        checker = os.path.join(args.shared, "schemas", "schema_check.py") if args.shared else ""
        if checker and os.path.exists(checker) and shutil.which("xmllint") and shutil.which("jing"):
            files = [merged, odt, docx_ex]
            r = subprocess.run([sys.executable, checker, *[f for f in files if os.path.exists(f)]], capture_output=True, text=True)
            check(r.returncode == 0, "the merged DOCX and ODT are valid against the schemas")
            if r.returncode != 0:
                print(r.stdout[-4000:])
        elif os.environ.get("CI", "") not in ("", "false", "0"):
            check(False, "schema check: GONGWEN_SHARED_DIR/schemas/schema_check.py, xmllint and jing are needed under CI")
        else:
            print("skip: schema check (no GONGWEN_SHARED_DIR, xmllint or jing)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(failures)} failure(s)" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
