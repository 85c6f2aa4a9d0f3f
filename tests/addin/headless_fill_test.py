#!/usr/bin/python3
"""填充当前文档, 检查格式 and the names of new documents, over the dispatch API of a real soffice
(its user interface Chinese, the add-in installed in a throw-away profile) — issue 13:
  - a fill in place is ONE undo step (填充公文) and Ctrl+Z gives the template back, headers too;
  - a fill of a document saved in a file leaves that file alone: the window's document is then
    untitled (no URL, no location), so that Ctrl+S cannot write over the template;
  - fields the data lacks are named before anything changes, a document without tags says so,
    a data file that cannot be read is reported before the document is touched;
  - 检查格式 sees the page as `gongwen check` does (a body paragraph set to 12 pt is reported, on
    its page) and speaks the user's words: no part names, no codes;
  - a new document is named by its type's output pattern (its window, and the name Save As proposes).
Expected messages come from the same catalogue the add-in reads (BUILD/share/locale).
  /usr/bin/python3 tests/addin/headless_fill_test.py BUILD/gongwen.oxt SOURCE_DIR
Exit 0 passed, 1 failed, 77 skipped (no soffice, python3-uno or zh-CN language pack)."""
import base64
import gettext
import json
import os
import shutil
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
OXT, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
CI = os.environ.get("CI") == "true"

try:
    import uno
    from office import SOFFICE, SUCCESS, Office, pv
except ImportError:
    print("SKIP: no python3-uno (install python3-uno)")
    sys.exit(1 if CI else 77)
if not SOFFICE:
    print("SKIP: no soffice (install libreoffice-writer)")
    sys.exit(1 if CI else 77)

MO = os.path.join(os.path.dirname(OXT), "share", "locale")
_ = gettext.translation("gongwen", localedir=MO, languages=["zh_CN"], fallback=True).gettext

failures = []


def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)


def prefix(msgid):
    """The translated message up to its first {placeholder}."""
    return _(msgid).split("{")[0]


def flat(s):
    return s.replace("\r\n", "\n")


def header(doc):
    return doc.getStyleFamilies().getByName("PageStyles").getByName("Standard").HeaderText.getString()


def template_doc(office, text, head):
    doc = office.new_writer(text)
    style = doc.getStyleFamilies().getByName("PageStyles").getByName("Standard")
    style.HeaderIsOn = True
    style.HeaderText.setString(head)
    doc.getUndoManager().clear()
    return doc


def run(office, work):
    data = os.path.join(work, "fill.json")
    json.dump({"单位": "县教育局", "联系人": "王某某"}, open(data, "w", encoding="utf-8"), ensure_ascii=False)
    TEMPLATE, HEAD = "关于{{单位}}巡察整改的通知\n联系人：{{联系人}}", "{{单位}}巡察办"

    # 1. In place, one undo step that gives the template back (body and header).
    doc = template_doc(office, TEMPLATE, HEAD)
    state, result = office.dispatch(doc, "vnd.gongwen:Fill", DataFile=data, Mode="replace")
    um = doc.getUndoManager()
    titles = um.getAllUndoActionTitles()
    check(state == SUCCESS and "关于县教育局巡察整改的通知" in doc.getText().getString() and header(doc) == "县教育局巡察办",
          f"Fill replaces the tags, body and header ({result!r}, header {header(doc)!r})")
    check(len(titles) >= 1 and titles[0] == _("Fill the document"),
          f"the fill is an undo step named 「{_('Fill the document')}」 (undo titles {titles})")
    if um.isUndoPossible():
        um.undo()
    check(flat(doc.getText().getString()) == TEMPLATE and header(doc) == HEAD,
          f"one undo gives the template back ({doc.getText().getString()!r}, header {header(doc)!r})")
    doc.close(True)

    # 2. A template saved in a file: the filled text is not attached to it.
    path = os.path.join(work, "template.odt")  # ASCII: the zh_CN locale need not exist here
    doc = template_doc(office, TEMPLATE, HEAD)
    doc.storeAsURL(uno.systemPathToFileUrl(path), (pv("FilterName", "writer8"),))
    url, frame = doc.getURL(), doc.getCurrentController().getFrame()
    state, result = office.dispatch(doc, "vnd.gongwen:Fill", DataFile=data, Mode="replace")
    now = frame.getController().getModel()  # the window may hold another document now
    check(state == SUCCESS and "关于县教育局巡察整改的通知" in now.getText().getString(), f"Fill of a saved template fills ({result!r})")
    check(now.getURL() != url and not now.hasLocation(),
          f"after the fill the window's document is not the template's file (URL {now.getURL()!r}, location {now.hasLocation()})")
    with zipfile.ZipFile(path) as z:
        check("{{单位}}" in z.read("content.xml").decode("utf-8"), "the template's file still holds its tags")
    um = now.getUndoManager()
    if um.isUndoPossible():
        um.undo()
    check(flat(now.getText().getString()) == TEMPLATE and header(now) == HEAD,
          f"undo gives the template back in the untitled copy ({now.getText().getString()!r})")
    now.close(True)

    # 3. Missing fields, named before anything changes; fill anyway when told so.
    partial = os.path.join(work, "partial.json")
    json.dump({"单位": "县教育局"}, open(partial, "w", encoding="utf-8"), ensure_ascii=False)
    text = "单位：{{单位}}\n电话：{{电话}}\n传真：{{传真}}"
    doc = template_doc(office, text, "")
    state, result = office.dispatch(doc, "vnd.gongwen:Fill", DataFile=partial, Mode="replace")
    check(result is not None and result.startswith(prefix("Missing data: {fields} — cancelled; the document was not changed"))
          and "电话" in result and "传真" in result and flat(doc.getText().getString()) == text,
          f"missing fields are named and nothing changes ({result!r})")
    state, result = office.dispatch(doc, "vnd.gongwen:Fill", DataFile=partial, Mode="replace", IfMissing="fill")
    check(state == SUCCESS and flat(doc.getText().getString()).startswith("单位：县教育局\n电话：\n"),
          f"IfMissing=fill fills and leaves them blank ({doc.getText().getString()!r})")
    doc.close(True)

    # 4. No tag at all; a data file that cannot be read — both before any change.
    doc = template_doc(office, "一份没有标记的文档", "")
    state, result = office.dispatch(doc, "vnd.gongwen:Fill", DataFile=data, Mode="replace")
    check(state != SUCCESS and result == _("This document has no {{…}} tags: there is nothing to fill."),
          f"a document without tags says so ({result!r})")
    doc.close(True)
    bad = os.path.join(work, "bad-data.json")
    open(bad, "w", encoding="utf-8").write('{"单位": "县教育局",')
    doc = template_doc(office, TEMPLATE, HEAD)
    state, result = office.dispatch(doc, "vnd.gongwen:Fill", DataFile=bad, Mode="replace")
    check(state != SUCCESS and (result or "").startswith(prefix("The data file {file} cannot be used; the document was not changed:"))
          and "bad-data.json" in result and flat(doc.getText().getString()) == TEMPLATE,
          f"an unreadable data file is reported, the document unchanged ({result!r})")
    doc.close(True)

    # 5. New: named by the output pattern, the format kept for Save As.
    sample_data = json.load(open(os.path.join(SRC, "examples/samples/rectification-notice.json"), encoding="utf-8"))
    sample_data.pop("印章", None)  # the seal is not what is tested here
    sample = os.path.join(work, "notice.json")
    json.dump(sample_data, open(sample, "w", encoding="utf-8"), ensure_ascii=False)
    unit, title = sample_data["被巡察单位"], "".join(sample_data["标题"].split())
    made = {}
    for fmt, filt in [("docx", "MS Word 2007 XML"), ("odt", "writer8")]:
        host = office.new_writer()
        state, result = office.dispatch(host, "vnd.gongwen:New", Type="rectification-notice", DataFile=sample, Format=fmt)
        new = [c for c in office.texts() if title in "".join(c.getText().getString().split())
               and all(c != m for m in made.values())]
        args = {a.Name: a.Value for a in new[0].getArgs()} if new else {}
        name = new[0].getCurrentController().getFrame().Title if new else None
        check(state == SUCCESS and len(new) == 1 and name.startswith(unit + "巡察整改通知书"),
              f"New ({fmt}): the window is named {unit}巡察整改通知书 ({name!r}; {state}, {result!r})")
        check(args.get("FilterName") == filt and args.get("SuggestedSaveAsName", "").startswith(unit + "巡察整改通知书"),
              f"New ({fmt}): read as {filt}, Save As proposes the name {unit}巡察整改通知书 ({args.get('FilterName')!r}, {args.get('SuggestedSaveAsName')!r})")
        if new:
            made[fmt] = new[0]
        host.close(True)

    # 5b. A seal's relative path in a data file is read from the data file's folder (not the
    # office's current folder): New and Fill both put the picture in.
    seal_dir = os.path.join(work, "sealed")
    os.makedirs(seal_dir)
    seal = json.load(open(os.path.join(SRC, "examples/samples/rectification-notice.json"), encoding="utf-8"))["印章"]
    open(os.path.join(seal_dir, "seal.png"), "wb").write(base64.b64decode(seal["data"]))
    sealed = os.path.join(seal_dir, "notice.json")
    json.dump(dict(sample_data, 印章="seal.png"), open(sealed, "w", encoding="utf-8"), ensure_ascii=False)
    host = office.new_writer()
    state, result = office.dispatch(host, "vnd.gongwen:New", Type="rectification-notice", DataFile=sealed, Format="docx")
    new = [c for c in office.texts() if title in "".join(c.getText().getString().split()) and all(c != m for m in made.values())]
    pictures = new[0].getGraphicObjects().getCount() if new else 0
    check(state == SUCCESS and pictures >= 1,
          f"New: a seal given as seal.png beside the data file is in the document ({pictures} pictures; {state}, {result!r})")
    for c in new:
        c.close(True)
    host.close(True)
    fill_data = os.path.join(seal_dir, "fill.json")
    json.dump({"单位": "县教育局", "印章": "seal.png"}, open(fill_data, "w", encoding="utf-8"), ensure_ascii=False)
    doc = template_doc(office, "{{单位}}\n{{%印章}}", "")
    state, result = office.dispatch(doc, "vnd.gongwen:Fill", DataFile=fill_data, Mode="replace")
    pictures = doc.getGraphicObjects().getCount()
    check(state == SUCCESS and pictures == 1,
          f"Fill: {{{{%印章}}}} with seal.png beside the data file becomes the picture ({pictures} pictures; {state}, {result!r})")
    doc.close(True)

    # 6. 检查格式 on the pages: a body paragraph set to 12 pt is found on its page, in the user's words.
    doc = made.get("docx")
    if doc is None:
        check(False, "a generated document to check")
        return
    state, before = office.dispatch(doc, "vnd.gongwen:Check")
    what = _("Lines and characters")
    paras = doc.getText().createEnumeration()
    target = None
    while paras.hasMoreElements():
        p = paras.nextElement()
        if p.supportsService("com.sun.star.text.Paragraph") and len(p.getString()) > 60:
            target = p
            break
    if target is None:
        check(False, "a body paragraph in the generated document")
        return
    target.CharHeight = 12
    target.CharHeightAsian = 12
    state, after = office.dispatch(doc, "vnd.gongwen:Check")
    print("check before:", before)
    print("check after:", after)
    new_lines = [l for l in (after or "").split("\n")[1:] if l not in (before or "").split("\n")]
    check(state == SUCCESS and any(l.startswith(what) and prefix("page {n}") in l for l in new_lines),
          f"Check reports the 12 pt paragraph as 「{what}」 on its page ({new_lines})")
    check(not any(x in (after or "") for x in ("styles.xml", "document.xml", "error[", "gbt-")),
          "Check names no package part and no code")
    for d in made.values():
        d.close(True)


def main():
    langpack = any(os.path.exists(os.path.join(d, "share/registry/Langpack-zh-CN.xcd"))
                   for d in ["/usr/lib/libreoffice", os.path.dirname(os.path.dirname(os.path.realpath(SOFFICE)))])
    if not langpack:
        print("SKIP: no zh-CN language pack (libreoffice-l10n-zh-cn)")
        return 1 if CI else 77
    work = tempfile.mkdtemp(prefix="gongwen-addin-fill-")
    try:
        office = Office(os.path.join(work, "profile"), env={"LANG": "zh_CN.UTF-8"})
        try:
            office.install(OXT)
        finally:
            office.stop()
        office.start()
        try:
            run(office, work)
        finally:
            office.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("PASS" if not failures else f"FAILED ({len(failures)})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
