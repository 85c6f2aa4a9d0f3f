#!/usr/bin/python3
"""填充当前文档 and 检查格式 as a clerk meets them, in real Writer windows under Xvfb (issue 13):
  English office: the menu reads 公文 and the first button "New 公文…";
  Chinese office: 填 clicked, the data file typed into the file dialog, the missing field named in
  a question with 仍然生成 / 取消, the mode asked with 替换当前文档 / 生成新文档, the document filled,
  Ctrl+Z gives the template back; a new notice's window is named by its type's output pattern, and
  File ▸ Save As proposes that name as DOCX.
  (检查格式's list is tested over the dispatch API, headless_fill_test.py: its grid's rows are not
  in the accessibility tree for a driver to find.)
Screenshots go to OUT_DIR (docs/images/ when refreshing the README's pictures).
  /usr/bin/python3 tests/addin/gui_fill_test.py BUILD/gongwen.oxt SOURCE_DIR [OUT_DIR]
Expected texts come from the catalogue the add-in reads (BUILD/share/locale).
Exit 0 passed, 1 failed, 77 skipped (no Xvfb, xdotool, import, soffice or python3-uno)."""
import gettext
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gui_test as g  # noqa: E402 (skips when a tool is missing; its find/click/shot/wait_for)
from office import Office, pv  # noqa: E402

OXT, SRC = g.OXT, g.SRC
_ = gettext.translation("gongwen", localedir=os.path.join(os.path.dirname(OXT), "share", "locale"),
                        languages=["zh_CN"], fallback=True).gettext
failures = []
MENU, MENU_ITEM = 34, 36  # com.sun.star.accessibility.AccessibleRole


def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)


def plain(name):
    return name.replace("~", "")


def named(text):
    return lambda c: plain(c.getAccessibleName()).startswith(plain(text))


def windows(display):
    r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "."], env=dict(os.environ, DISPLAY=display),
                       capture_output=True, text=True)
    return r.stdout.split()


def focus_new(display, before):
    """Gives the keyboard to the window that opened since `before` (no window manager does it)."""
    for _i in range(40):
        new = [w for w in windows(display) if w not in before]
        if new:
            time.sleep(0.5)
            subprocess.run(["xdotool", "windowfocus", "--sync", new[-1]], env=dict(os.environ, DISPLAY=display),
                           check=False, stderr=subprocess.DEVNULL)
            return True
        time.sleep(0.5)
    return False


def find_in(office, window, pred):
    """g.find within the top window whose accessible name starts with `window`."""
    return office.find(pred, window)


def toolbar_button(doc, index):
    frame = doc.getCurrentController().getFrame()
    bar = frame.LayoutManager.getElement("private:resource/toolbar/addon_org.gongwen.addin.toolbar")
    return bar.getRealInterface().getAccessibleContext().getAccessibleChild(index).getAccessibleContext()


def press(display, acc):
    at, size = acc.getLocationOnScreen(), acc.getSize()
    g.xdo(display, "mousemove", str(at.X + size.Width // 2), str(at.Y + size.Height // 2), "click", "1")


def english(display, work):
    """The menu and the first button of an English office."""
    profile = os.path.join(work, "profile-en")
    installer = Office(profile)
    try:
        installer.install(OXT)
    finally:
        installer.stop()
    office = Office(profile, display=display, env={"LANG": "en_US.UTF-8"})
    try:
        if not g.wait_for("a Writer window", lambda: office.texts()):
            check(False, "an English Writer window")
            return
        doc = office.texts()[0]
        time.sleep(2)
        menu = None
        for _i in range(20):
            menu = g.find(office, lambda c: c.getAccessibleRole() == MENU and plain(c.getAccessibleName()).startswith("公文"))
            if menu is not None:
                break
            time.sleep(0.5)
        check(menu is not None, f"English office: a menu named 公文 ({menu.getAccessibleName() if menu else None!r})")
        check(g.find(office, lambda c: plain(c.getAccessibleName()) == "Gongwen") is None, "English office: no 'Gongwen' menu")
        name = toolbar_button(doc, 0).getAccessibleName()
        check(name == "New 公文…", f"English office: the first button is 'New 公文…' ({name!r})")
        if menu is not None:
            press(display, menu)
            time.sleep(1)
            item = g.find(office, lambda c: c.getAccessibleRole() == MENU_ITEM and plain(c.getAccessibleName()) == "New 公文…")
            g.shot(display, work, "addin-menu-en.png")
            check(item is not None, "English office: the menu's first entry is 'New 公文…'")
            g.xdo(display, "key", "Escape")
    finally:
        office.stop()


def chinese(display, work):
    profile = os.path.join(work, "profile-zh")
    installer = Office(profile)
    try:
        installer.install(OXT)
        installer.set_ui_language("zh-CN")
    finally:
        installer.stop()
    office = Office(profile, display=display)
    try:
        if not g.wait_for("a Writer window", lambda: office.texts()):
            check(False, "a Chinese Writer window")
            return
        doc = office.texts()[0]
        # 填 on a document without any tag: said at once, before a data file is asked for
        time.sleep(2)
        notags = _("This document has no {{…}} tags: there is nothing to fill.")
        press(display, toolbar_button(doc, 1))
        said = g.wait_for("the no-tags message", lambda: g.find(office, lambda c: notags in c.getAccessibleName()) is not None, 20)
        check(said, f"填 on a document without tags says 「{notags}」 at once, no file dialog first")
        if said:  # its 确定, by a click (no window manager gives the box the keyboard)
            g.click(office, display, lambda c: c.getAccessibleRole() == 44 and c.getAccessibleName().startswith("确定"),
                    "the message's 确定")
        else:
            g.xdo(display, "key", "Escape")  # the file dialog that came instead
        time.sleep(2)  # the box gone (its window lingers in the toolkit's list a while: no state to wait on)
        template = "单位：{{单位}}\n电话：{{电话}}\n联系人：{{联系人}}"
        doc.getText().setString(template)
        doc.getUndoManager().clear()
        data = os.path.join(work, "data.json")
        json.dump({"单位": "县民政局", "联系人": "王某某"}, open(data, "w", encoding="utf-8"), ensure_ascii=False)
        time.sleep(2)

        # 填: the file dialog, the data file's path typed where the file name goes
        before = windows(display)
        press(display, toolbar_button(doc, 1))
        check(focus_new(display, before), "填 opens the file dialog")
        g.xdo(display, "type", "--delay", "20", data)
        g.xdo(display, "key", "Return")
        missing = _("Missing data: {fields}\nThe data file {file} has no value for them: they will be left blank.").split("{")[0]
        g.wait_for("the missing-data question",
                   lambda: g.find(office, lambda c: c.getAccessibleName().startswith(missing) and "电话" in c.getAccessibleName()) is not None,
                   30)
        box = g.find(office, lambda c: c.getAccessibleName().startswith(missing) and "电话" in c.getAccessibleName())
        check(box is not None and "联系人" not in box.getAccessibleName(),
              f"the missing field 电话 is named before anything changes ({box.getAccessibleName() if box else None!r})")
        check(g.find(office, named(_("Fill anyway"))) is not None and g.find(office, named(_("Cancel"))) is not None,
              f"…with the buttons 「{_('Fill anyway')}」 and 「{_('Cancel')}」")
        check(doc.getText().getString().replace("\r\n", "\n") == template, "…and the document is not changed yet")
        g.shot(display, work, "addin-missing-data.png")
        g.click(office, display, named(_("Fill anyway")), "the fill-anyway button")

        # the mode: two buttons named for what they do
        g.wait_for("the mode question", lambda: g.find(office, named(_("Replace the current document"))) is not None, 30)
        has_new = g.find(office, named(_("Generate a new document"))) is not None
        check(g.find(office, named(_("Replace the current document"))) is not None and has_new,
              f"the mode is asked with 「{_('Replace the current document')}」 / 「{_('Generate a new document')}」")
        g.shot(display, work, "addin-fill-mode.png")
        g.click(office, display, named(_("Replace the current document")), "the replace button")
        g.wait_for("the filled document", lambda: "县民政局" in doc.getText().getString(), 30)
        text = doc.getText().getString().replace("\r\n", "\n")
        check(text.startswith("单位：县民政局\n电话：\n联系人：王某某"), f"the document is filled ({text!r})")
        # Ctrl+Z in the document's window
        g.xdo(display, "mousemove", "600", "600", "click", "1")
        g.xdo(display, "key", "ctrl+z")
        g.wait_for("the undo", lambda: "{{单位}}" in doc.getText().getString(), 15)
        text = doc.getText().getString().replace("\r\n", "\n")
        check(text == template, f"one Ctrl+Z gives the template back ({text!r})")

        # a new document is named by its type's output pattern
        sample = json.load(open(os.path.join(SRC, "examples/samples/rectification-notice.json"), encoding="utf-8"))
        sample.pop("印章", None)
        sample["被巡察单位"] = "县民政局"
        notice = os.path.join(work, "notice.json")
        json.dump(sample, open(notice, "w", encoding="utf-8"), ensure_ascii=False)
        before = len(office.texts())
        office.dispatch(doc, "vnd.gongwen:New", Type="rectification-notice", DataFile=notice, Format="docx")
        g.wait_for("the generated notice", lambda: len(office.texts()) > before, 60)
        titles = [c.getCurrentController().getFrame().Title for c in office.texts()]
        check(any(t.startswith("县民政局巡察整改通知书") for t in titles), f"the new notice's window is named 县民政局巡察整改通知书 ({titles})")
        # File ▸ Save As… by mouse: the name proposed, DOCX preselected (LibreOffice alone says ODT)
        menu = find_in(office, "县民政局巡察整改通知书", lambda c: c.getAccessibleRole() == MENU and c.getAccessibleName().startswith("文件"))
        if menu is not None:
            press(display, menu)
            time.sleep(1)
            g.xdo(display, "key", "a")  # 另存为(A)
        time.sleep(3)
        kind = office.find(lambda c: c.getAccessibleName().startswith("Word") and "(.docx)" in c.getAccessibleName())
        check(kind is not None, f"Save As of the new DOCX preselects Word ({kind.getAccessibleName() if kind else None!r})")
        g.shot(display, work, "addin-save-as.png")
        g.xdo(display, "key", "Escape")
        time.sleep(1)
    finally:
        for c in office.texts():  # modified documents: no "save changes?" to hold the office open
            try:
                c.close(True)
            except Exception:
                pass
        office.stop()


def main():
    work = tempfile.mkdtemp(prefix="gongwen-addin-gui-fill-")
    display = ":%d" % (600 + os.getpid() % 300)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = dict(os.environ, DISPLAY=display)
    try:
        if not g.wait_for("Xvfb", lambda: subprocess.run(["xdotool", "getdisplaygeometry"], env=env,
                                                         capture_output=True).returncode == 0, 30):
            return 1
        english(display, work)
        chinese(display, work)
    finally:
        xvfb.kill()
        xvfb.wait()
        if g.SHOTS:
            print(f"screenshots in {g.SHOTS}")
        shutil.rmtree(work, ignore_errors=True)
    print("PASS" if not failures else f"FAILED ({len(failures)})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
