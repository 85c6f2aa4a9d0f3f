#!/usr/bin/python3
"""The Writer add-in end to end, headless: gongwen.oxt installed into a throw-away profile of a
real soffice (its own port), then its dispatch URLs driven with arguments, so no dialog opens:
  vnd.gongwen:New   a document of each built-in type, its text checked against the sample
  vnd.gongwen:Fill  the tags of the current document replaced; a template with errors reports
                    them and changes nothing
  vnd.gongwen:Check the GB/T 9704 check of a generated document
A negative control — the same checks on an office without the extension — must fail.
  /usr/bin/python3 tests/addin/headless_test.py BUILD/gongwen.oxt SOURCE_DIR
Exit 0 all passed, 1 a check failed, 77 skipped (no soffice or no python3-uno)."""
import json
import os
import re
import shutil
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
OXT, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])

try:
    import uno
    from office import SOFFICE, SUCCESS, Office, pv
except ImportError:
    print("SKIP: no python3-uno (install python3-uno)")
    sys.exit(77)
if not SOFFICE:
    print("SKIP: no soffice (install libreoffice-writer)")
    sys.exit(77)

def run_checks(office, work):
    failures = []

    def check(cond, what):
        print(("ok: " if cond else "FAIL: ") + what)
        if not cond:
            failures.append(what)

    # New: each built-in type from its sample, as DOCX and ODT
    for t, fmt in [("rectification-notice", "docx"), ("recommendation-letter", "odt"), ("work-summary", "docx")]:
        sample = os.path.join(SRC, "examples/samples", t + ".json")
        title = json.load(open(sample, encoding="utf-8"))["标题"]
        before = set(id(x) for x in office.texts())
        host = office.new_writer()
        n_before = len(office.texts())
        state, result = office.dispatch(host, "vnd.gongwen:New", Type=t, DataFile=sample, Format=fmt)
        # A long title is broken into lines (title_lines): compare without the line breaks.
        flat = lambda s: "".join(s.split())
        made = [c for c in office.texts() if flat(title) in flat(c.getText().getString())]
        check(state == SUCCESS and len(made) == 1 and len(office.texts()) == n_before + 1,
              f"New {t} ({fmt}): a new document holding 「{title}」 (state {state}, {result!r})")
        if made:
            text = made[0].getText().getString()
            check("{{" not in text, f"New {t}: no tag left")
            # as Word and WPS lay it out: no punctuation hangs past the margin (LibreOffice reads a
            # DOCX's w:overflowPunct="0" as hanging unless handed the corrected copy)
            hanging = []
            paragraphs = made[0].getText().createEnumeration()
            while paragraphs.hasMoreElements():
                p = paragraphs.nextElement()
                if p.supportsService("com.sun.star.text.Paragraph") and p.ParaIsHangingPunctuation:
                    hanging.append(p.getString()[:12])
            check(not hanging, f"New {t} ({fmt}): no paragraph lets punctuation hang ({len(hanging)}: {hanging[:2]})")
            if fmt == "docx":  # saved from Writer as DOCX, it says so to Word
                saved = os.path.join(work, t + "-saved.docx")
                made[0].storeToURL(uno.systemPathToFileUrl(saved), (pv("FilterName", "MS Word 2007 XML"),))
                with zipfile.ZipFile(saved) as z:
                    punct = re.findall(r'<w:overflowPunct w:val="(\w+)"', z.read("word/styles.xml").decode() +
                                       z.read("word/document.xml").decode())
                check(punct and all(v in ("0", "false") for v in punct),
                      f"New {t} saved from Writer as DOCX: w:overflowPunct off for Word ({sorted(set(punct))})")
            if t == "rectification-notice":
                state, result = office.dispatch(made[0], "vnd.gongwen:Check")
                check(state == SUCCESS and "GB/T 9704" in (result or "") and "no deviation" in (result or ""),
                      f"Check on the new {t} finds it right: {result!r}")
            made[0].close(True)
        host.close(True)

    # New with an unknown type: a failure with the reason, no document
    host = office.new_writer()
    n = len(office.texts())
    state, result = office.dispatch(host, "vnd.gongwen:New", Type="no-such-type",
                                    DataFile=os.path.join(SRC, "examples/samples/work-summary.json"))
    check(state is not None and state != SUCCESS and "no-such-type" in (result or "") and len(office.texts()) == n,
          f"New with an unknown type fails and opens nothing ({result!r})")
    host.close(True)

    # Fill: the current document's tags, replaced in place
    data = os.path.join(work, "fill.json")
    json.dump({"单位": "县教育局", "联系人": "王某某", "问题": [{"描述": "甲"}, {"描述": "乙"}]},
              open(data, "w", encoding="utf-8"), ensure_ascii=False)
    doc = office.new_writer("关于{{单位}}巡察整改的通知\n{{#问题}}{{@index}}. {{描述}}；{{/问题}}\n联系人：{{联系人}}")
    style = doc.getStyleFamilies().getByName("PageStyles").getByName("Standard")
    style.HeaderIsOn = True
    style.HeaderText.setString("{{单位}}巡察办")
    state, result = office.dispatch(doc, "vnd.gongwen:Fill", DataFile=data)
    text = doc.getText().getString()
    check(state == SUCCESS and "关于县教育局巡察整改的通知" in text and "联系人：王某某" in text and "{{" not in text,
          f"Fill replaces the tags of the current document (state {state}, text {text!r})")
    header = doc.getStyleFamilies().getByName("PageStyles").getByName("Standard").HeaderText.getString()
    check(header == "县教育局巡察办", f"Fill replaces the tags of the header too ({header!r})")
    doc.close(True)

    # Fill on a template with errors: reported by paragraph, the document unchanged
    broken = "第一段{{单位}}\n{{#问题}}未闭合的区段\n{{未知|nofilter}}"
    doc = office.new_writer(broken)
    state, result = office.dispatch(doc, "vnd.gongwen:Fill", DataFile=data)
    text = doc.getText().getString()
    check(state is not None and state != SUCCESS and "unclosed" in (result or "") and "nofilter" in (result or ""),
          f"Fill on a template with errors reports them ({result!r})")
    check(text.replace("\r\n", "\n") == broken.replace("\r\n", "\n"), "…and changes nothing")
    doc.close(True)

    return failures


def run_zh_checks(office, work):
    """The office's user interface in Chinese (the zh-CN language pack, LANG=zh_CN.UTF-8): the
    add-in's messages and the engine's follow it, from the extension's catalogue, whether or not
    the zh_CN locale is installed."""
    failures = []

    def check(cond, what):
        print(("ok: " if cond else "FAIL: ") + what)
        if not cond:
            failures.append(what)

    host = office.new_writer()
    state, result = office.dispatch(host, "vnd.gongwen:New", Type="no-such-type",
                                    DataFile=os.path.join(SRC, "examples/samples/work-summary.json"))
    check(state is not None and state != SUCCESS and "没有公文类型“no-such-type”" in (result or ""),
          f"UI zh-CN: New with an unknown type fails in Chinese ({result!r})")
    host.close(True)
    data = os.path.join(work, "fill.json")
    json.dump({"单位": "县教育局"}, open(data, "w", encoding="utf-8"), ensure_ascii=False)
    doc = office.new_writer("第一段{{单位}}\n{{#问题}}未闭合的区段")
    state, result = office.dispatch(doc, "vnd.gongwen:Fill", DataFile=data)
    check(state is not None and state != SUCCESS and "模板有错误，文档未改动" in (result or "")
          and "错误[unclosed-section]" in (result or "") and "error[" not in (result or ""),
          f"UI zh-CN: Fill on a template with errors reports them in Chinese ({result!r})")
    doc.close(True)
    return failures


def zh_langpack():
    return any(os.path.exists(os.path.join(d, "share/registry/Langpack-zh-CN.xcd"))
               for d in ["/usr/lib/libreoffice", os.path.dirname(os.path.dirname(os.path.realpath(SOFFICE)))])


def install_only(profile):
    """Installs the add-in into PROFILE (for the GUI test), and stops the office."""
    office = Office(profile)
    try:
        office.install(OXT)
    finally:
        office.stop()
    return 0


def main():
    if len(sys.argv) > 4 and sys.argv[3] == "--install-into":
        return install_only(os.path.abspath(sys.argv[4]))
    work = tempfile.mkdtemp(prefix="gongwen-addin-test-")
    status = 0
    try:
        # The add-in installed into its own profile, then the office started again to load it.
        office = Office(os.path.join(work, "profile"))
        try:
            office.install(OXT)
        finally:
            office.stop()
        office.start()
        try:
            failures = run_checks(office, work)
            if zh_langpack():
                office.stop()
                # the clerk's office: LANG=zh_CN.UTF-8, a locale this machine need not have
                zh = Office(os.path.join(work, "profile-zh"), env={"LANG": "zh_CN.UTF-8"})
                try:
                    zh.install(OXT)
                finally:
                    zh.stop()
                zh.start()
                try:
                    failures += run_zh_checks(zh, work)
                finally:
                    zh.stop()
            else:
                print("note: no zh-CN language pack (libreoffice-l10n-zh-cn): the Chinese user interface is not tested")
        finally:
            office.stop()
        if failures:
            status = 1
        # Negative control: the same checks without the extension must fail.
        print("== negative control: an office without the add-in")
        bare = Office(os.path.join(work, "bare"))
        try:
            control = run_checks(bare, work)
        finally:
            bare.stop()
        if control:
            print(f"ok: the negative control failed {len(control)} checks, as it must")
        else:
            print("FAIL: the negative control passed: the checks cannot tell")
            status = 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("PASS" if status == 0 else "FAILED")
    return status


if __name__ == "__main__":
    sys.exit(main())
