#!/usr/bin/python3
"""The add-in as a user meets it, in a real Writer window under Xvfb: a real click on the 公文
toolbar's first button (xdotool), the type picked, two fields of the form typed, a row of the
problems table added and one removed (real clicks found through the accessibility tree), 生成,
and the new document's text read back over UNO. Screenshots of the toolbar, the form and the
result go to OUT_DIR (docs/images/ when refreshing the README's pictures).
  /usr/bin/python3 tests/addin/gui_test.py BUILD/gongwen.oxt SOURCE_DIR [OUT_DIR]
The form's other fields come from the remembered last values of the type (seeded here from the
sample, without the two typed fields), the way a user's second document starts.
Exit 0 passed, 1 failed, 77 skipped (no Xvfb, xdotool, import, soffice or python3-uno)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    from office import SOFFICE, Office
except ImportError:
    print("SKIP: no python3-uno (install python3-uno)")
    sys.exit(77)
for tool in ("Xvfb", "xdotool", "import"):
    if not shutil.which(tool):
        print(f"SKIP: no {tool} (install xvfb xdotool imagemagick)")
        sys.exit(77)
if not SOFFICE:
    print("SKIP: no soffice")
    sys.exit(77)

OXT, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SHOTS = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else None
TYPE = "rectification-notice"
NUMBER, TITLE = "000099", "关于测试局党组巡察反馈问题整改的通知"
FIRST, SECOND = "学习贯彻党的二十大精神不够深入", "“三重一大”事项集体决策制度执行不严格"


def xdo(display, *args):
    subprocess.run(["xdotool", *args], env=dict(os.environ, DISPLAY=display), check=True)


def focus(display, title):
    """Gives the keyboard to the window of that title (there is no window manager to do it)."""
    env = dict(os.environ, DISPLAY=display)
    for _ in range(40):
        r = subprocess.run(["xdotool", "search", "--name", title], env=env, capture_output=True, text=True)
        ids = r.stdout.split()
        if ids:
            subprocess.run(["xdotool", "windowfocus", "--sync", ids[-1]], env=env, check=False, stderr=subprocess.DEVNULL)
            return True
        time.sleep(0.5)
    r = subprocess.run(["xdotool", "search", "--name", "."], env=env, capture_output=True, text=True)
    names = [subprocess.run(["xdotool", "getwindowname", w], env=env, capture_output=True, text=True).stdout.strip()
             for w in r.stdout.split()]
    print(f"FAIL: no window 「{title}」 (windows: {[n for n in names if n]})")
    return False


def find(office, pred):
    """The accessible of an open window (dialogs included) that satisfies pred, depth first."""
    return office.find(pred)


def click(office, display, pred, what):
    """A real click in the middle of the accessible found by pred."""
    ctx = None
    for _ in range(20):
        ctx = find(office, pred)
        if ctx is not None:
            break
        time.sleep(0.5)
    if ctx is None:
        raise RuntimeError(f"nothing on screen is {what}")
    at, size = ctx.getLocationOnScreen(), ctx.getSize()
    xdo(display, "mousemove", str(at.X + size.Width // 2), str(at.Y + size.Height // 2), "click", "1")
    time.sleep(1)


def shot(display, work, name):
    os.makedirs(SHOTS or work, exist_ok=True)
    path = os.path.join(SHOTS or work, name)
    subprocess.run(["import", "-window", "root", path], env=dict(os.environ, DISPLAY=display), check=True)
    return path


def wait_for(what, cond, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if cond():
                return True
        except Exception:
            pass
        time.sleep(0.5)
    print(f"FAIL: timed out waiting for {what}")
    return False


def main():
    work = tempfile.mkdtemp(prefix="gongwen-addin-gui-")
    display = ":%d" % (90 + os.getpid() % 500)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    office = None
    ok = False
    env = dict(os.environ, DISPLAY=display)
    if not wait_for("Xvfb", lambda: subprocess.run(["xdotool", "getdisplaygeometry"], env=env,
                                                   capture_output=True).returncode == 0, 30):
        xvfb.kill()
        return 1
    try:
        profile = os.path.join(work, "profile")
        # headless, to install the add-in into the profile, and choose a Chinese user interface
        installer = Office(profile)
        try:
            installer.install(OXT)
            installer.set_ui_language("zh-CN")  # the zh-CN language pack
        finally:
            installer.stop()
        # the last values of the type: the sample without the two fields the test types
        sample = json.load(open(os.path.join(SRC, "examples/samples", TYPE + ".json"), encoding="utf-8"))
        sample.pop("份号", None)
        sample.pop("标题", None)
        # the sample's seal, an embedded picture ({data: base64}), stays: the form's seal field
        # hands it on as the picture it is
        config = os.path.join(work, "config")
        os.makedirs(os.path.join(config, "gongwen", "addin"))
        json.dump(sample, open(os.path.join(config, "gongwen", "addin", TYPE + ".json"), "w", encoding="utf-8"),
                  ensure_ascii=False)
        os.environ["XDG_CONFIG_HOME"] = config  # read by the add-in inside soffice

        # a Chinese office: the add-in's dialogs follow it, and are found below by their Chinese names
        office = Office(profile, display=display)
        if not wait_for("a Writer window", lambda: office.texts()):
            return 1
        doc = office.texts()[0]
        frame = doc.getCurrentController().getFrame()
        toolbar = frame.LayoutManager.getElement("private:resource/toolbar/addon_org.gongwen.addin.toolbar")
        if toolbar is None:
            print("FAIL: no 公文 toolbar in Writer")
            return 1
        time.sleep(2)  # let the window settle before the pictures
        shot(display, work, "addin-toolbar.png")
        # the first button's place on the screen, from the toolbar's accessibility tree
        acc = toolbar.getRealInterface().getAccessibleContext()
        button = acc.getAccessibleChild(0).getAccessibleContext()
        at, size = button.getLocationOnScreen(), button.getSize()
        x, y = at.X + size.Width // 2, at.Y + size.Height // 2
        print(f"clicking 「{button.getAccessibleName()}」 at {x},{y}")
        xdo(display, "mousemove", str(x), str(y), "click", "1")
        # the type picker: second entry (巡察整改通知书), then 下一步 (the default button)
        if not focus(display, "选择类型"):
            return 1
        time.sleep(0.5)
        xdo(display, "key", "Home", "Down")
        time.sleep(0.5)
        xdo(display, "key", "Return")
        if not focus(display, "新建公文 — 巡察整改通知书"):
            return 1
        time.sleep(0.5)
        # the form: 份号 (first field, focused), then 标题 (the 7th control)
        xdo(display, "type", "--delay", "50", NUMBER)
        for _ in range(6):
            xdo(display, "key", "Tab")
        time.sleep(0.3)
        xdo(display, "type", "--delay", "250", TITLE)
        time.sleep(1)
        shot(display, work, "addin-form.png")
        # (the problems table is a grid now, its rows without accessibles of their own: the list
        # editor is driven by gui_form_test.py)
        named = lambda name: (lambda c: c.getAccessibleName().replace("~", "").startswith(name))
        before = len(office.texts())
        click(office, display, named("生成"), "the 生成 button")
        if not wait_for("the generated document", lambda: len(office.texts()) > before, 60):
            shot(display, work, "addin-failed.png")
            return 1
        made = [c for c in office.texts() if TITLE in c.getText().getString()]
        text = made[0].getText().getString() if made else ""
        time.sleep(3)
        shot(display, work, "addin-result.png")
        checks = [(bool(made), f"a new document titled 「{TITLE}」"),
                  (NUMBER in text, f"the typed 份号 {NUMBER} in it"),
                  ("县教育局" in text, "the remembered fields in it"),
                  (SECOND in text, "the remembered problems table in it"),
                  (bool(made) and made[0].getGraphicObjects().getCount() >= 1, "the remembered seal (a picture) in it"),
                  ("{{" not in text, "no tag left")]
        for good, what in checks:
            print(("ok: " if good else "FAIL: ") + what)
        ok = all(good for good, _ in checks)
        return 0 if ok else 1
    finally:
        if office:
            office.stop()
        xvfb.kill()
        xvfb.wait()
        if SHOTS:
            print(f"screenshots in {SHOTS}")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
