#!/usr/bin/env python3
"""Schema validation of every DOCX and ODT the build ships and the tests produce.

Produces, in one work folder:
  shipped/     every shipped template: the sources (plugins, scaffold, examples), the build tree's
               packed copies and, with --install, an installed tree (cmake --install)
  types/       every built-in type and example in each of its formats, from its example data and
               from variants of it (optional fields left out; lists doubled and grown a clause at a
               time, so that the GB/T 9704 frame places its 版记 each of its ways; text with line
               breaks and tabs)
  engine/      tests/schema/variants.py's templates (loops, conditions, breaks, tabs, tables,
               lists, headers and footers, text boxes, notes), several data sets and options
  golden/      every golden case (tests/golden/*) that renders, with its options.json
  scaffold/    a type made by `gongwen plugin new`, its templates and a generated document
  batch/       `gongwen batch` of examples/batch in DOCX and ODT, and the same rows merged (--merge)
  conformance/ the docxtemplater suite's outputs (from GONGWEN_SHARED_DIR), and those of its ODT
               twins (run_conformance_odt.py), judged against their inputs: a valid input must
               give a valid output, an invalid one no error it did not have
  corpus/      tests/corpus's real documents with tags put into their text (its check.py's
               injection), rendered and judged against the originals the same way
then runs ../shared/schemas/schema_check.py (found through GONGWEN_SHARED_DIR) on all of them in
one go. Exit 0: all valid; 1: something invalid or a step failed; 77: the checker, xmllint or jing
missing (a failure under CI=true).

    check_outputs.py --gongwen BIN --source SRC --build BUILD --shared SHARED_DIR
                     [--example-plugins DIR] [--install] [--work DIR]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import variants  # noqa: E402


def under_ci():
    return os.environ.get("CI", "") not in ("", "false", "0")


class Run:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.failures = []      # steps that failed (a render that had to succeed, ...)
        self.must_be_valid = {}  # path -> label
        self.judged = {}        # output path -> (label, input path): no error the input lacks

    def fail(self, what):
        print(f"FAIL: {what}")
        self.failures.append(what)

    def gongwen(self, *cmd, env=None, must=True, label=None):
        e = dict(os.environ, LANG="C.UTF-8", LC_ALL="")
        e.update(env or {})
        r = subprocess.run([self.args.gongwen, *cmd], capture_output=True, text=True, env=e, timeout=600)
        if r.returncode != 0 and must:
            self.fail(f"{label or 'gongwen ' + ' '.join(cmd)} exited {r.returncode}: {(r.stderr or r.stdout).strip()[:2000]}")
        return r.returncode == 0

    def out(self, *parts):
        path = os.path.join(self.work, *parts)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return path

    def expect_valid(self, path, label):
        if os.path.exists(path):
            self.must_be_valid[path] = label
        else:
            self.fail(f"{label}: {path} was not written")


# ---- shipped templates ---------------------------------------------------------------------------

def templates_in(folder):
    """Every .docx/.odt (file or folder of parts) under folder/**/templates/."""
    found = []
    for root, dirs, files in os.walk(folder):
        if os.path.basename(root) != "templates":
            continue
        for name in sorted(dirs + files):
            if name.endswith((".docx", ".odt")):
                found.append(os.path.join(root, name))
        dirs[:] = [d for d in dirs if not d.endswith((".docx", ".odt"))]
    return sorted(found)


def test_fixtures(run):
    """The template fixtures of tests/ that are meant to be valid (tests/bad-inputs is not)."""
    src = run.args.source
    for sub in ("check", "plugins"):
        for root, dirs, files in os.walk(os.path.join(src, "tests", sub)):
            for name in sorted(dirs + files):
                if name.endswith((".docx", ".odt")):
                    run.expect_valid(os.path.join(root, name), f"test fixture tests/{sub}")
            dirs[:] = [d for d in dirs if not d.endswith((".docx", ".odt"))]
    layout = os.path.join(run.work, "layout-fixtures")
    r = subprocess.run([sys.executable, os.path.join(src, "tests", "check", "layout", "make_fixtures.py"), layout],
                       capture_output=True, text=True)
    if r.returncode != 0:
        run.fail(f"tests/check/layout/make_fixtures.py: {(r.stderr or r.stdout).strip()[:2000]}")
        return
    for name in sorted(os.listdir(layout)):
        if name.endswith(".docx"):
            run.expect_valid(os.path.join(layout, name), "layout-check fixture")


def shipped(run):
    a = run.args
    sources = [os.path.join(a.source, d) for d in ("plugins", "templates/scaffold", "examples")]
    trees = [(s, "source") for s in sources] + [(os.path.join(a.build, "share", "gongwen"), "build tree")]
    if a.install:
        prefix = os.path.join(run.work, "prefix")
        r = subprocess.run(["cmake", "--install", a.build, "--prefix", prefix], capture_output=True, text=True)
        if r.returncode != 0:
            run.fail(f"cmake --install {a.build}: {r.stderr.strip()[:2000]}")
        else:
            trees.append((os.path.join(prefix, "share", "gongwen"), "installed tree"))
    for folder, what in trees:
        found = templates_in(folder)
        if not found:
            run.fail(f"no templates found in the {what} at {folder}")
        for t in found:
            run.expect_valid(t, f"shipped template ({what})")


# ---- types and examples ---------------------------------------------------------------------------

def manifest_of(plugin_dir):
    with open(os.path.join(plugin_dir, "plugin.json"), encoding="utf-8") as f:
        return json.load(f)


def type_variants(manifest, sample):
    """(name, data): the sample; the sample without its optional fields; grown lists; text with
    line breaks and tabs."""
    fields = {f["name"]: f for f in manifest.get("fields", [])}
    out = [("sample", sample)]
    # optional values left out, every list cut to one item
    minimal = {k: v for k, v in sample.items()
               if k not in fields or fields[k].get("required") or fields[k]["type"] == "list"}
    for k, v in list(minimal.items()):
        if k in fields and fields[k]["type"] == "list" and isinstance(v, list):
            minimal[k] = v[:1]
    out.append(("minimal", minimal))
    for grow in (2, 5):
        d = json.loads(json.dumps(sample))
        for k, v in d.items():
            if k in fields and fields[k]["type"] == "list" and isinstance(v, list) and v:
                d[k] = (v * grow)[: len(v) * grow]
        out.append((f"grown{grow}", d))
    # text that grows a few lines at a time (as e2e/frame_sweep.sh does): the body ends higher or
    # lower on odd and even pages, and the frame places its 版记 each of its ways
    clause = "进一步加强系统内各单位监督检查工作，"
    for k in range(1, 16, 2):
        d = json.loads(json.dumps(sample))
        for name, v in d.items():
            if name in fields and fields[name]["type"] == "list" and isinstance(v, list) and v and isinstance(v[0], str):
                d[name] = v + [clause * k + "推动整改落实到位。"]
        out.append((f"sweep{k:02d}", d))
    d = json.loads(json.dumps(sample))
    for k, v in d.items():
        f = fields.get(k)
        if f and f["type"] == "text" and isinstance(v, str) and v and not f.get("pattern"):
            d[k] = v + "\n第二行\t制表"
        elif f and f["type"] == "list" and isinstance(v, list):
            d[k] = [x + "\n续行" if isinstance(x, str) else x for x in v]
    out.append(("lines", d))
    return out


def generate_type(run, type_id, plugin_dir, sample_path, env=None, label="type"):
    manifest = manifest_of(plugin_dir)
    with open(sample_path, encoding="utf-8") as f:
        sample = json.load(f)
    for name, data in type_variants(manifest, sample):
        data_path = run.out("types", "data", f"{type_id}-{name}.json")
        with open(data_path, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        for fmt in sorted(manifest.get("templates", {})):
            out = run.out("types", f"{type_id}-{name}.{fmt}")
            # The sample must generate; a variant the type refuses (its own checks) is skipped.
            ok = run.gongwen("generate", type_id, "--data", data_path, "-o", out, "--force", env=env,
                             must=name == "sample", label=f"{label} {type_id} ({name}, {fmt})")
            if ok:
                run.expect_valid(out, f"{label} {type_id} ({name} data, {fmt})")
            elif name != "sample":
                print(f"note: {type_id} refuses its '{name}' variant data; not validated")


def types_and_examples(run):
    a = run.args
    plugins = os.path.join(a.build, "share", "gongwen", "plugins")
    ids = sorted(d for d in os.listdir(plugins) if os.path.exists(os.path.join(plugins, d, "plugin.json")))
    if not ids:
        run.fail(f"no built-in types in {plugins}")
    for t in ids:
        generate_type(run, t, os.path.join(plugins, t), os.path.join(plugins, t, "example.json"), label="built-in type")
    # The manifest-only example from its source folder; the C++ one as the build assembled it.
    examples = [os.path.join(a.source, "examples", "immediate-rectification")]
    if a.example_plugins:
        examples += [os.path.join(a.example_plugins, d) for d in sorted(os.listdir(a.example_plugins))]
    for ex in examples:
        if not os.path.exists(os.path.join(ex, "plugin.json")):
            run.fail(f"example plugin {ex} has no plugin.json")
            continue
        t = manifest_of(ex)["id"]
        generate_type(run, t, ex, os.path.join(ex, "example.json"), env={"GONGWEN_PLUGIN_PATH": ex}, label="example")


# ---- the engine's own variants ---------------------------------------------------------------------

def engine(run):
    sets = variants.data_sets()
    for name, data in sets.items():
        with open(run.out("engine", "data", f"{name}.json"), "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
    for fmt, templates in (("docx", variants.docx_templates()), ("odt", variants.odt_templates())):
        for tname, entries in templates.items():
            tpath = run.out("engine", "templates", f"{tname}.{fmt}")
            variants.write_zip(tpath, entries)
            run.expect_valid(tpath, f"engine variant template {tname}.{fmt}")
            runs = {"engine-main": variants.MAIN_RUNS, "engine-inline": variants.INLINE_RUNS}.get(tname, variants.EDGE_RUNS)
            defect = variants.KNOWN_DEFECTS.get(f"{tname}.{fmt}")
            for data_name, lb, pl in runs:
                out = run.out("engine", f"{tname}-{data_name}-lb{lb}-pl{pl}.{fmt}")
                label = f"engine variant {tname}.{fmt} with {data_name} data, --linebreaks {lb} --paragraph-loop {pl}"
                if defect:
                    label += f" [a defect fixed before is back: {defect}]"
                if run.gongwen("render", tpath, "--data", run.out("engine", "data", f"{data_name}.json"), "-o", out,
                               "--linebreaks", lb, "--paragraph-loop", pl, "--force", label=label):
                    run.expect_valid(out, label)


# ---- golden cases -------------------------------------------------------------------------------------

def golden(run):
    gdir = os.path.join(run.args.source, "tests", "golden")
    for case in sorted(os.listdir(gdir)):
        folder = os.path.join(gdir, case)
        tmpl = next((os.path.join(folder, t) for t in ("template.docx", "template.odt")
                     if os.path.exists(os.path.join(folder, t))), None)
        if not tmpl:
            continue
        run.expect_valid(tmpl, f"golden template {case}")
        flags = []
        opts_path = os.path.join(folder, "options.json")
        if os.path.exists(opts_path):
            with open(opts_path, encoding="utf-8") as f:
                opts = json.load(f)
            # As tests/unit/golden_test.cpp applies them (read_options).
            for key, value in opts.items():
                if key == "delimiters":
                    flags += ["--delimiters", value[0], value[1]]
                elif key == "paragraph_loop":
                    flags += ["--paragraph-loop", "on" if value else "off"]
                elif key == "linebreaks":
                    flags += ["--linebreaks", "on" if value else "off"]
                elif key == "strict":
                    flags += ["--strict"] if value else []
                elif key == "strip_invalid_chars":
                    flags += ["--strip-invalid-chars"] if value else []
                else:
                    run.fail(f"golden {case}: options.json has '{key}', which this check does not know how to apply")
        renders = os.path.exists(os.path.join(folder, "expected.txt"))
        out = run.out("golden", case + os.path.splitext(tmpl)[1])
        ok = run.gongwen("render", tmpl, "--data", os.path.join(folder, "data.json"), "-o", out, "--force", *flags,
                         must=renders, label=f"golden {case}")
        if ok:
            run.expect_valid(out, f"golden {case} rendered")


# ---- scaffold and batch -------------------------------------------------------------------------------

def scaffold(run):
    folder = os.path.join(run.work, "scaffold")
    os.makedirs(folder, exist_ok=True)
    if not run.gongwen("plugin", "new", "schema-probe", "--name", "校验公文", "--dir", folder, label="plugin new"):
        return
    plugin = os.path.join(folder, "schema-probe")
    for t in templates_in(plugin):
        run.expect_valid(t, "template made by plugin new")
    generate_type(run, "schema-probe", plugin, os.path.join(plugin, "example.json"),
                  env={"GONGWEN_PLUGIN_PATH": plugin}, label="plugin new scaffold")
    # the C++ scaffold's templates (building it is e2e_sdk_out_of_tree_plugin's business)
    if run.gongwen("plugin", "new", "schema-probe-cpp", "--cpp", "--dir", folder, label="plugin new --cpp"):
        for t in templates_in(os.path.join(folder, "schema-probe-cpp")):
            run.expect_valid(t, "template made by plugin new --cpp")


def batch(run):
    src = os.path.join(run.args.source, "examples", "batch")
    for fmt in ("docx", "odt"):
        outdir = os.path.join(run.work, "batch", fmt)
        if not run.gongwen("batch", "rectification-notice", "--data", os.path.join(src, "notices.csv"),
                           "--rows", os.path.join(src, "problems.csv") + ":被巡察单位", "--out-dir", outdir,
                           "--format", fmt, "--jobs", "2", label=f"batch ({fmt})"):
            continue
        made = sorted(f for f in os.listdir(outdir) if f.endswith("." + fmt))
        if not made:
            run.fail(f"batch ({fmt}) wrote no document")
        for f in made:
            run.expect_valid(os.path.join(outdir, f), f"batch ({fmt})")
        # the same rows merged into one document (batch --merge)
        merged = os.path.join(run.work, "batch", "merged." + fmt)
        if run.gongwen("batch", "rectification-notice", "--data", os.path.join(src, "notices.csv"),
                       "--rows", os.path.join(src, "problems.csv") + ":被巡察单位", "--merge", merged,
                       "--jobs", "2", label=f"batch --merge ({fmt})"):
            run.expect_valid(merged, f"batch --merge ({fmt})")


# ---- the docxtemplater suite -----------------------------------------------------------------------------

def conformance(run):
    suite = os.path.join(run.args.shared, "conformance", "docxtemplater")
    if not os.path.exists(os.path.join(suite, "check.py")):
        if under_ci():
            run.fail(f"the conformance suite is not at {suite} (CI=true)")
        else:
            print(f"note: no conformance suite at {suite}; its outputs are not validated")
        return
    keep = os.path.join(run.work, "conformance")
    render = os.path.join(run.args.source, "tests", "conformance", "render_case.sh")
    cmd = f"sh '{render}' '{run.args.gongwen}' {{template}} {{data}} {{out}} {{open}} {{close}} {{paragraphLoop}} {{linebreaks}}"
    # Pass or fail is conformance_docxtemplater's business; here only the outputs count.
    subprocess.run([sys.executable, os.path.join(suite, "check.py"), "--keep", keep, "--cmd", cmd],
                   cwd=suite, capture_output=True, text=True, timeout=900)
    with open(os.path.join(suite, "cases.json"), encoding="utf-8") as f:
        cases = json.load(f)
    for case in cases:
        out = os.path.join(keep, re.sub(r"[^A-Za-z0-9._-]", "_", case["id"]), "out.docx")
        if os.path.exists(out):
            run.judged[out] = (f"conformance case {case['id']}", os.path.join(suite, case["template"]))
    # Its ODT twins (tests/conformance/run_conformance_odt.py, LibreOffice's conversions reused
    # from the build folder the conformance_docxtemplater_odt test keeps them in).
    odt_script = os.path.join(run.args.source, "tests", "conformance", "run_conformance_odt.py")
    if not os.path.exists(odt_script):
        return
    odt_work = os.path.join(run.args.build, "tests", "conformance-odt")
    r = subprocess.run([sys.executable, odt_script, run.args.gongwen, run.args.shared, odt_work, "--keep"],
                       capture_output=True, text=True, timeout=900)
    if r.returncode not in (0, 1):
        why = f"the ODT twins of the suite did not run ({r.returncode}): {(r.stdout + r.stderr).strip()[-500:]}"
        if under_ci():
            run.fail(why)
        else:
            print("note: " + why)
        return
    for case in cases:
        out = os.path.join(odt_work, "runs", case["id"], "out.odt")
        tmpl = os.path.join(odt_work, "odt", os.path.splitext(os.path.basename(case["template"]))[0] + ".odt")
        if os.path.exists(out) and os.path.exists(tmpl):
            run.judged[out] = (f"conformance case {case['id']} (ODT twin)", tmpl)


# ---- the real-document corpus ------------------------------------------------------------------------------

def corpus(run):
    """tests/corpus's documents with tags put into their text runs (its check.py's own injection,
    called, not repeated here), rendered, each output judged against its original."""
    folder = os.path.join(run.args.source, "tests", "corpus")
    script = os.path.join(folder, "check.py")
    if not os.path.exists(script):
        return
    import importlib.util
    spec = importlib.util.spec_from_file_location("gongwen_corpus_check", script)
    mod = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(mod)
        names = [f for f in mod.manifest_files() if os.path.exists(os.path.join(folder, f))]
        for name in names:
            src = os.path.join(folder, name)
            stem, ext = os.path.splitext(name)
            changed, data = mod.inject(mod.read_parts(src), ext == ".docx")
            if not changed:
                continue
            tpl = run.out("corpus", "template-" + name)
            mod.write_like(src, tpl, {k: v[0] for k, v in changed.items()})
            data_path = run.out("corpus", stem + ".json")
            with open(data_path, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False)
            out = run.out("corpus", "out-" + name)
            # whether it renders is corpus_real_documents' business; a written output is judged
            if run.gongwen("render", tpl, "--data", data_path, "-o", out, "--force", must=False):
                run.judged[out] = (f"corpus {name} (tags in its text)", src)
    except (AttributeError, TypeError, ValueError, OSError) as e:
        run.fail(f"tests/corpus/check.py's injection could not be used ({type(e).__name__}: {e})")


# ---- validation -----------------------------------------------------------------------------------------

LINE = re.compile(r"^\s+line \d+:\d+ (\S+): (.*)$")
PART = re.compile(r"^  (\S.*?): (OK|INVALID.*)$")
HEAD = re.compile(r"^(VALID|INVALID)  (.*?)(  \[producer: .*\])?$")


def validate(checker, paths):
    """{path: (valid, [error lines], {signatures})} from one schema_check.py run."""
    r = subprocess.run([sys.executable, checker, "--max-errors", "200", *paths], capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise SystemExit(f"schema_check.py failed ({r.returncode}):\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    results, current, part = {}, None, ""
    for line in r.stdout.splitlines():
        m = HEAD.match(line)
        if m:
            current = m.group(2)
            results[current] = (m.group(1) == "VALID", [], set())
            part = ""
            continue
        if current is None:
            continue
        pm = PART.match(line)
        if pm:
            part = pm.group(1)
        lm = LINE.match(line)
        if lm:
            results[current][1].append(f"{part}: {line.strip()}")
            # the same error anywhere in the same part: positions and indices dropped
            results[current][2].add((part, re.sub(r"\[\d+\]", "", lm.group(1)), lm.group(2)))
        elif (line.startswith("    ") and "INVALID" not in line and not line.strip().startswith("[") and part
              and not results[current][0]):
            results[current][1].append(f"{part}: {line.strip()}")
    missing = [p for p in paths if p not in results]
    if missing:
        raise SystemExit("schema_check.py gave no verdict for: " + ", ".join(missing) + "\n" + r.stdout[-3000:])
    return results


W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


WP_NS = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def word_rules(path):
    """Two rules beyond the XSD, both of which Word enforces (it reports unreadable content):
    a table cell's last block is a paragraph (the XSD lets a w:tc hold none), and every drawing's
    wp:docPr id is unique in the document (ECMA-376 Part 1, docPr: objects sharing an id make
    the document non-conformant; the XSD has no uniqueness constraint). The breaches found."""
    import xml.etree.ElementTree as ET
    import zipfile
    bad = []
    if not path.endswith(".docx") or not zipfile.is_zipfile(path):
        return bad
    doc_pr_ids = {}
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if not (name.startswith("word/") and name.endswith(".xml")) or "/_rels/" in name:
                continue
            try:
                root = ET.fromstring(z.read(name))
            except ET.ParseError as e:
                bad.append(f"{name}: not well-formed: {e}")
                continue
            for n, tc in enumerate(root.iter(W_NS + "tc"), 1):
                blocks = [c for c in tc if c.tag != W_NS + "tcPr"]
                if not blocks or blocks[-1].tag != W_NS + "p":
                    last = blocks[-1].tag.replace(W_NS, "w:") if blocks else "nothing"
                    bad.append(f"{name}: table cell {n} ends with {last}, not a paragraph")
            for d in root.iter(WP_NS + "docPr"):
                doc_pr_ids.setdefault(d.get("id"), []).append(name)
    for i, parts in sorted(doc_pr_ids.items(), key=lambda kv: str(kv[0])):
        if len(parts) > 1:
            bad.append(f"wp:docPr id {i} is used by {len(parts)} drawings ({', '.join(sorted(set(parts)))})")
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gongwen", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--example-plugins", help="folder of example plugins the build assembled (the C++ one)")
    ap.add_argument("--install", action="store_true", help="also cmake --install the build and check that tree")
    ap.add_argument("--work", help="keep everything in this folder (default: a temporary one, removed)")
    ap.add_argument("--steps", help="only these steps, comma-separated (default: all): shipped, test_fixtures, "
                    "types_and_examples, engine, golden, scaffold, batch, conformance, corpus")
    args = ap.parse_args()
    for k in ("gongwen", "source", "build", "shared", "example_plugins"):
        if getattr(args, k):
            setattr(args, k, os.path.abspath(getattr(args, k)))

    checker = os.path.join(args.shared, "schemas", "schema_check.py")
    missing = [] if os.path.exists(checker) else [checker]
    missing += [t for t in ("xmllint", "jing") if not shutil.which(t)]
    if missing:
        why = "missing: " + ", ".join(missing) + " (set GONGWEN_SHARED_DIR; apt-get install libxml2-utils jing)"
        if under_ci():
            print(f"FAIL: {why} (CI=true: a missing input is a failure)")
            return 1
        print(f"SKIP: {why}")
        return 77

    work = args.work or tempfile.mkdtemp(prefix="gongwen-schema-")
    os.makedirs(work, exist_ok=True)
    run = Run(args, os.path.abspath(work))
    try:
        steps = (shipped, test_fixtures, types_and_examples, engine, golden, scaffold, batch, conformance, corpus)
        wanted = set(args.steps.split(",")) if args.steps else {s.__name__ for s in steps}
        unknown = wanted - {s.__name__ for s in steps}
        if unknown:
            ap.error("unknown step(s): " + ", ".join(sorted(unknown)))
        for step in steps:
            if step.__name__ in wanted:
                step(run)
        paths = sorted(set(run.must_be_valid) | set(run.judged) | {i for _, i in run.judged.values()})
        print(f"validating {len(paths)} packages ({len(run.must_be_valid)} must be valid, "
              f"{len(run.judged)} outputs judged against their templates: conformance suite, corpus)")
        results = validate(checker, paths)
        invalid = 0
        for path, label in sorted(run.must_be_valid.items(), key=lambda kv: kv[1]):
            valid, errors, _ = results[path]
            if not valid:
                invalid += 1
                print(f"INVALID: {label}: {path}")
                for e in errors[:12]:
                    print(f"    {e}")
        for path, label in sorted(run.must_be_valid.items(), key=lambda kv: kv[1]):
            problems = word_rules(path)
            if problems:
                invalid += 1
                print(f"NOT FOR WORD: {label}: {path}")
                for p in problems[:8]:
                    print(f"    {p}")
        judged_ok = 0
        for out, (label, inp) in sorted(run.judged.items()):
            o_valid, o_errors, o_sigs = results[out]
            i_valid, _, i_sigs = results[inp]
            new = sorted(o_sigs - i_sigs)
            word_new = sorted(set(word_rules(out)) - set(word_rules(inp)))
            if word_new:
                invalid += 1
                print(f"NOT FOR WORD: {label}: the output breaks what its template keeps: {out}")
                for p in word_new[:8]:
                    print(f"    {p}")
            if o_valid or (not i_valid and not new):
                judged_ok += 1
                continue
            invalid += 1
            print(f"INVALID: {label}: {'its template is valid, the output is not' if i_valid else 'the output has errors its template lacks'}: {out}")
            for part, path, msg in new[:8]:
                print(f"    {part}: {path}: {msg}")
        print(f"{len(run.must_be_valid) - sum(1 for p in run.must_be_valid if not results[p][0])} of "
              f"{len(run.must_be_valid)} valid; {judged_ok} of {len(run.judged)} judged outputs no worse than their "
              f"templates; {len(run.failures)} step(s) failed")
        return 1 if invalid or run.failures else 0
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
