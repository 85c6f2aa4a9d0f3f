#!/usr/bin/python3
"""The 新建公文 dialogs as a clerk meets them (issue 13, items 1, 4, 5, 7, 8, 9, 12), in a real
Writer window under Xvfb with a Chinese user interface: one office for the whole script, real
keys and clicks (xdotool), the dialogs' state read back over UNO (the accessibility tree, and the
controls' own properties through their window peers).
  /usr/bin/python3 tests/addin/gui_form_test.py BUILD/gongwen.oxt SOURCE_DIR [OUT_DIR]
The pictures of the form, of its list editor and of its seal field go to OUT_DIR when given
(docs/images/).
Exit 0 passed, 1 failed, 77 skipped (no Xvfb, xdotool, import, soffice or python3-uno; under
CI=true a missing tool fails)."""
import base64
import datetime
import gettext
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def skip(why):
    print(("FAIL: " if os.environ.get("CI") == "true" else "SKIP: ") + why)
    sys.exit(1 if os.environ.get("CI") == "true" else 77)


try:
    import uno
    from office import SOFFICE, Office
    from office import accessibles as office_accessibles
except ImportError:
    skip("no python3-uno (install python3-uno)")
for tool in ("Xvfb", "xdotool", "import"):
    if not shutil.which(tool):
        skip(f"no {tool} (install xvfb xdotool imagemagick)")
if not SOFFICE:
    skip("no soffice")

OXT, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
_ = gettext.translation("gongwen", localedir=os.path.join(os.path.dirname(OXT), "share", "locale"), languages=["zh_CN"],
                        fallback=True).gettext
SHOTS = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else None
TYPE = "rectification-notice"
MANIFEST = json.load(open(os.path.join(SRC, "plugins", TYPE, "plugin.json"), encoding="utf-8"))
RED = 0xC00000
SHOWING = uno.getConstantByName("com.sun.star.accessibility.AccessibleStateType.SHOWING")
CHECK_BOX = uno.getConstantByName("com.sun.star.accessibility.AccessibleRole.CHECK_BOX")
failures = []
DEADLINE = int(os.environ.get("GONGWEN_TEST_DEADLINE", "240"))  # seconds for the whole script (it takes 1–2 minutes)
watchdog_fired = threading.Event()
current = {}  # the processes a watchdog stops: "office", "xvfb"


def watchdog():
    """A modal dialog that never answers blocks a UNO call (and with it any signal handler of
    this thread): after DEADLINE seconds the office and Xvfb this script started are killed, by
    pid, so that the blocked call returns with an exception and the test fails saying why."""
    watchdog_fired.set()
    print(f"FAIL: the office did not answer within {DEADLINE} s: stopping it (and Xvfb)", flush=True)
    failures.append("deadline")
    office = current.get("office")
    if office is not None:
        try:
            os.killpg(office.proc.pid, 9)
        except (ProcessLookupError, AttributeError):
            pass
    xvfb = current.get("xvfb")
    if xvfb is not None:
        xvfb.kill()


def check(good, what):
    print(("ok: " if good else "FAIL: ") + what)
    if not good:
        failures.append(what)
    return good


class Screen:
    """Xvfb, the office on it, and the means to look and to act."""

    def __init__(self, work, office_env=None, start_seconds=30):
        """office_env: variables for the office with the window (e.g. VALGRIND=memcheck, which
        LibreOffice's soffice script runs it under; the installing office runs plain)."""
        self.work = work
        self.display = ":%d" % (600 + os.getpid() % 300)
        self.env = dict(os.environ, DISPLAY=self.display)
        self.xvfb = subprocess.Popen(["Xvfb", self.display, "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        current["xvfb"] = self.xvfb
        self.until("Xvfb", lambda: subprocess.run(["xdotool", "getdisplaygeometry"], env=self.env,
                                                  capture_output=True).returncode == 0, 30)
        profile = os.path.join(work, "profile")
        installer = current["office"] = Office(profile)
        try:
            installer.install(OXT)
            installer.set_ui_language("zh-CN")
        finally:
            installer.stop()
        os.environ["XDG_CONFIG_HOME"] = os.path.join(work, "config")  # the add-in keeps its files there
        self.office = current["office"] = Office(profile, display=self.display, env=office_env)
        self.until("a Writer window", lambda: self.office.texts(), start_seconds)
        if os.environ.get("GONGWEN_DEBUG_GDB"):  # a crash's backtrace, for debugging by hand
            pids = [p for p in os.listdir("/proc") if p.isdigit() and profile in Office._cmdline(p) and "soffice.bin" in Office._cmdline(p)]
            subprocess.Popen(["gdb", "-p", pids[0], "-batch", "-ex", "handle SIGPIPE SIG32 SIG33 SIG34 SIG35 nostop noprint",
                              "-ex", "continue", "-ex", "bt 40", "-ex", "thread apply all bt 12"],
                             stdout=open(os.environ["GONGWEN_DEBUG_GDB"], "w"), stderr=subprocess.STDOUT)
            time.sleep(5)
        self.toolkit = self.office.smgr.createInstanceWithContext("com.sun.star.awt.Toolkit", self.office.ctx)

    def stop(self):
        self.office.stop()
        self.xvfb.kill()
        self.xvfb.wait()

    @staticmethod
    def until(what, cond, seconds=30):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if watchdog_fired.is_set():
                break
            try:
                r = cond()
                if r:
                    return r
            except Exception:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"timed out waiting for {what}")

    def xdo(self, *args):
        subprocess.run(["xdotool", *args], env=self.env, check=True)
        time.sleep(0.15)

    def keys(self, *keys):
        for k in keys:
            self.xdo("key", k)

    def type(self, text):
        self.xdo("type", "--delay", "120", text)
        time.sleep(0.3)

    def shot(self, name):
        folder = SHOTS or self.work
        os.makedirs(folder, exist_ok=True)
        subprocess.run(["import", "-window", "root", os.path.join(folder, name)], env=self.env, check=True)

    def windows(self):
        return [self.toolkit.getTopWindow(i) for i in range(self.toolkit.getTopWindowCount())]

    def window(self, title_start, seconds=20):
        """The shown top window whose title starts so."""
        def found():
            for w in self.windows():
                c = w.getAccessibleContext()
                if c.getAccessibleName().startswith(title_start) and w.isVisible():
                    return w
        return self.until(f"the window 「{title_start}」", found, seconds)

    def question(self, text, seconds=10):
        """The message box on screen that says `text`."""
        def found():
            for w in reversed(self.dialogs()):
                if any(text in c.getAccessibleName() for c in accessibles(w)):
                    return w
        return self.until(f"a question 「{text}」", found, seconds)

    def dialogs(self):
        """The shown top windows but the documents' (whose accessibility trees are large)."""
        return [w for w in self.windows() if w.isVisible() and
                "LibreOffice" not in w.getAccessibleContext().getAccessibleName()]

    def gone(self, title_start):
        return not any(w.getAccessibleContext().getAccessibleName().startswith(title_start) and w.isVisible()
                       for w in self.windows())

    def focus(self, title_start):
        """The keyboard to that window (there is no window manager to do it)."""
        self.window(title_start)
        r = subprocess.run(["xdotool", "search", "--name", "^" + title_start], env=self.env, capture_output=True, text=True)
        if r.stdout.split():
            subprocess.run(["xdotool", "windowfocus", "--sync", r.stdout.split()[-1]], env=self.env, check=False,
                           stderr=subprocess.DEVNULL)
        time.sleep(0.3)


def accessibles(window):
    """Every accessible context in the window, depth first."""
    return list(office_accessibles(window.getAccessibleContext()))


def named(window, start, role=None):
    """The shown accessibles whose name starts so (mnemonics left out)."""
    return [c for c in accessibles(window) if c.getAccessibleName().replace("~", "").startswith(start)
            and (role is None or c.getAccessibleRole() == role) and c.getAccessibleStateSet().contains(SHOWING)]


def click(screen, c, times=1):
    at, size = c.getLocationOnScreen(), c.getSize()
    # a check box takes a click on its box and text only: its left end
    x = at.X + 6 if c.getAccessibleRole() == CHECK_BOX else at.X + size.Width // 2
    screen.xdo("mousemove", str(x), str(at.Y + size.Height // 2), "click", "--repeat", str(times), "1")
    time.sleep(0.3)


def click_until(screen, find, cond, what, times=1, tries=3, wait=5, window=None):
    """A click on what `find` gives, again until `cond` holds: each step waits on the state it is
    to bring about, never on a fixed time. Without a window manager nothing gives a window the
    keyboard when it is clicked: when the office's focus did not follow a click, the keyboard is
    given to `window` (its title) before the next."""
    for attempt in range(tries):
        if attempt and window:
            screen.focus(window)
        click(screen, find(), times)
        try:
            return screen.until(what, cond, wait)
        except RuntimeError:
            pass
    raise RuntimeError(f"timed out waiting for {what}")


def focused(c):
    return c.getAccessibleStateSet().contains(FOCUSED)


def peers(window):
    """The dialog's controls as window peers: their properties as the toolkit holds them, on every
    page (hidden ones too)."""
    return list(window.getWindows())


def label_of(peer):
    return (peer.getProperty("Text") or "").replace("~", "")


def label_peer(window, text):
    for p in peers(window):
        t = label_of(p)
        if t.startswith(text) or t.startswith("* " + text):
            return p
    return None


BOXES = {}


def box(window, label_text):
    """A field's text box (its accessible: the name is the field's label), looked up once per
    window: polling walks no accessibility tree again and again (each walk makes the office
    build accessibles for the whole dialog in the bridge's threads)."""
    key = (window.getAccessibleContext().getAccessibleName(), label_text)
    c = BOXES.get(key)
    if c is not None:
        try:
            c.getAccessibleRole()  # still there
            return c
        except Exception:
            BOXES.pop(key, None)
    for c in accessibles(window):
        n = c.getAccessibleName()
        if c.getAccessibleRole() == 60 and (n.startswith(label_text) or n.startswith("* " + label_text)):
            BOXES[key] = c
            return c
    return None


FOCUSED = uno.getConstantByName("com.sun.star.accessibility.AccessibleStateType.FOCUSED")


def has_focus(window, label_text):
    b = box(window, label_text)
    return b is not None and b.getAccessibleStateSet().contains(FOCUSED)


def focus_box(screen, window, label_text):
    """A click into the box, again until the office has moved its focus there: without a window
    manager a click now and then does not move it, and keys typed then go to the box before."""
    return click_until(screen, lambda: box(window, label_text), lambda: has_focus(window, label_text),
                       f"the focus in 「{label_text}」", tries=4, wait=4, window=FORM)


def type_into(screen, window, label_text, text):
    """`text` typed into the box, read back before going on (typed again if keys were lost)."""
    for _ in range(3):
        focus_box(screen, window, label_text)
        if text_in(window, label_text):
            screen.keys("End", "shift+Home", "Delete")
        screen.type(text)
        try:
            return screen.until(f"「{text}」 in 「{label_text}」", lambda: text_in(window, label_text) == text, 3)
        except RuntimeError:
            pass
    raise RuntimeError(f"typed 「{text}」 does not arrive in 「{label_text}」 ({text_in(window, label_text)!r})")


def text_in(window, label_text):
    b = box(window, label_text)
    return b.getText() if b is not None else None


def grid(window):
    """The shown grid of a list field (its rows are read through the row editor: choosing a row
    puts its cells in the boxes below)."""
    return next(c for c in accessibles(window) if c.getAccessibleRole() == 58 and c.getAccessibleName() == "Grid control"
                and c.getAccessibleStateSet().contains(SHOWING))


def row_cell(table, row):
    cell = table.getAccessibleCellAt(row, 0)
    return cell.getAccessibleContext() if hasattr(cell, "getAccessibleContext") else cell


def start_new(screen):
    """新建公文 by a click on its toolbar button, as a clerk does: the dialogs then run in the
    office's main thread (a dispatch sent over the UNO bridge would run them in a bridge thread,
    where a modal dialog's event loop is not the one a click runs in)."""
    BOXES.clear()  # a new form: new boxes
    doc = screen.office.texts()[0]
    frame = doc.getCurrentController().getFrame()
    bar = frame.LayoutManager.getElement("private:resource/toolbar/addon_org.gongwen.addin.toolbar")
    button = bar.getRealInterface().getAccessibleContext().getAccessibleChild(0).getAccessibleContext()
    screen.focus(frame.Title)
    click_until(screen, lambda: button, lambda: not screen.gone(PICKER), "the type picker", wait=10, window=frame.Title)


def step(name, f, *args):
    started = time.time()
    try:
        return f(*args)
    except Exception as e:  # a step that cannot run is a failure, the next steps still run
        check(False, f"{name}: {e}")
        return None
    finally:
        print(f"-- {name}: {time.time() - started:.1f} s", flush=True)


FORM = "新建公文 — 巡察整改通知书"
PICKER = "新建公文 — 选择类型"


def picker_first(screen):
    """Item 12 (description, double-click) on the type picker; the format set to ODT."""
    start_new(screen)
    w = screen.window(PICKER)
    texts = [c.getAccessibleName() for c in accessibles(w)]
    first = MANIFEST_OF[sorted(MANIFEST_OF)[0]]["description"]["zh"]  # the first type, by id
    check(any(first[:12] in t for t in texts), "the type picker shows the chosen type's description")
    fmt = named(w, "格式", 7)
    click(screen, fmt[0])
    click(screen, named(screen.window(PICKER), "ODT")[0]) if named(screen.window(PICKER), "ODT") else None
    click_until(screen, lambda: named(w, MANIFEST["name"]["zh"], 33)[0], lambda: not screen.gone(FORM),
                "the form after a double-click on a type", times=2, wait=8)
    screen.focus(FORM)  # the keyboard to the form (no window manager gives it)
    check(True, "a double-click on a type opens its form")


def form_layout(screen):
    """Item 12: centred, larger, fewer pages, greyed examples, mnemonics."""
    w = screen.window(FORM)
    c = w.getAccessibleContext()
    at, size = c.getLocationOnScreen(), c.getSize()
    cx, cy = at.X + size.Width / 2, at.Y + size.Height / 2
    check(abs(cx - 640) < 40 and abs(cy - 450) < 60, f"the form is centred ({at.X},{at.Y} {size.Width}x{size.Height})")
    check(size.Height > 470, f"the form grows with the screen ({size.Height} px high on a 900 px screen)")
    pages = [x.getAccessibleName() for x in accessibles(w) if x.getAccessibleName().startswith("1 / ")]
    check(pages and int(pages[0].split("/")[1]) <= 3, f"the fields fill the pages ({pages})")
    mark = box(w, "发文机关标志")
    check(mark is not None and mark.getText() == "中共某某县委第一巡察组" and mark.getForeground() == 0x808080,
          "the example is greyed in the empty 发文机关标志 box")
    buttons = [x.getAccessibleName() for x in accessibles(w) if x.getAccessibleRole() == 44]
    check(any(b.startswith("上一页(") for b in buttons) and any(b.startswith("下一页(") for b in buttons),
          f"上一页/下一页 have mnemonics ({buttons})")
    screen.shot("addin-form.png")


def dates(screen):
    """Item 12: a date field reads 20240510 and 6月30日 and shows 2024年5月10日."""
    w = screen.window(FORM)
    year = datetime.date.today().year
    type_into(screen, w, "巡察开始", "20240510")
    type_into(screen, w, "巡察结束", "6月30日")
    focus_box(screen, w, "签发人")  # the date box left: it shows the date the one way
    for label, want, typed in (("巡察开始", "2024年5月10日", "20240510"), ("巡察结束", f"{year}年6月30日", "6月30日")):
        try:
            screen.until(label, lambda: text_in(w, label) == want, 5)
        except RuntimeError:
            pass
        got = text_in(w, label)
        check(got == want, f"{typed} typed in a date field reads {want} ({got!r})")
    calendar_esc(screen, w)


FRAME = uno.getConstantByName("com.sun.star.accessibility.AccessibleRole.FRAME")


def calendar(screen):
    """The date field's calendar, when it is dropped down: a small nameless frame of its own."""
    return [t for t in screen.windows() if t.isVisible() and t.getAccessibleContext().getAccessibleRole() == FRAME
            and not t.getAccessibleContext().getAccessibleName() and t.getPosSize().Width < 400]


def calendar_esc(screen, w):
    """Item 1 with a date's calendar open: Esc closes the calendar, asks nothing, and the form and
    the date stay (the add-in's Esc handler leaves a key for another top window alone)."""
    before = text_in(w, "巡察开始")
    b = box(w, "巡察开始")
    button = lambda: (b.getLocationOnScreen().X + b.getSize().Width - 8, b.getLocationOnScreen().Y + b.getSize().Height // 2)
    for _ in range(3):
        screen.xdo("mousemove", str(button()[0]), str(button()[1]), "click", "1")
        try:
            screen.until("the calendar", lambda: calendar(screen), 5)
            break
        except RuntimeError:
            pass
    check(bool(calendar(screen)), "the date field's button drops its calendar down")
    screen.keys("Escape")
    try:
        screen.until("the calendar closed", lambda: not calendar(screen), 5)
    except RuntimeError:
        pass
    time.sleep(1)  # a question, were one asked, is on screen by now
    check(not calendar(screen) and not asking(screen, "放弃已填写的内容") and not screen.gone(FORM),
          "Esc with the calendar open closes the calendar, asks nothing, the form stays")
    focus_box(screen, w, "签发人")  # the date box left: it shows the date the clerk's way again
    try:
        screen.until("the date shown", lambda: text_in(w, "巡察开始") == before, 5)
    except RuntimeError:
        pass
    check(text_in(w, "巡察开始") == before, f"the date stays {before} ({text_in(w, '巡察开始')!r})")


def to_page_of(screen, w, label):
    """下一页 until the field's label is shown."""
    for _ in range(6):
        if named(w, label) or named(w, "* " + label):
            return
        page = [x.getAccessibleName() for x in named(w, "1 / ") + named(w, "2 / ") + named(w, "3 / ")]
        click_until(screen, lambda: named(w, "下一页")[0],
                    lambda: [x.getAccessibleName() for x in named(w, "1 / ") + named(w, "2 / ") + named(w, "3 / ")] != page,
                    "the next page")


def list_editor(screen):
    """Items 7, 8: the 问题 grid and its row editor; Enter adds a row; rows move."""
    w = screen.window(FORM)
    problems_field = next(f for f in MANIFEST["fields"] if f["name"] == "问题")
    to_page_of(screen, w, problems_field["label"]["zh"])
    headers = [x.getAccessibleName() for x in accessibles(w)]
    cols = [c["label"]["zh"] for c in problems_field["columns"]]
    check(all(any(h.startswith(c) or h.startswith("* " + c) for h in headers) for c in cols),
          f"the list editor labels its columns {cols}")
    combos = [x for x in accessibles(w) if x.getAccessibleRole() == 7 and x.getAccessibleName().startswith("* " + cols[1])]
    items = []
    if combos:
        lists = [x for x in accessibles(w) if x.getAccessibleRole() == 32 and x.getAccessibleName().startswith("* " + cols[1])]
        items = [lists[0].getAccessibleChild(k).getAccessibleContext().getAccessibleName()
                 for k in range(lists[0].getAccessibleChildCount())] if lists else []
    check("全面从严治党" in items, f"类别 is a drop-down of its choices ({len(items)} items)")
    # a multi-line text: a scrolled box of several lines (VCL's multi-line edit), not a one-line box
    desc = [x for x in accessibles(w) if x.getAccessibleRole() in (51, 60) and x.getAccessibleName().startswith("* " + cols[0])]
    basis = [x for x in accessibles(w) if x.getAccessibleRole() == 60 and x.getAccessibleName().startswith(cols[2])]
    check(bool(desc) and bool(basis) and desc[0].getAccessibleRole() == 51 and
          desc[0].getSize().Height >= 2 * basis[0].getSize().Height,
          f"{cols[0]} (multi-line) is edited in a box of several lines")
    # Enter in the 依据 box adds the row: the form stays, the grid has it
    before = len(screen.office.texts())

    def enter(c, text):
        if c.getAccessibleRole() != 60:  # the multi-line box: its text is not readable over UNO
            click(screen, c)
            screen.type(text)
            return
        click_until(screen, lambda: c, lambda: focused(c), "the focus in a row box", window=FORM)
        screen.type(text)
        screen.until(f"「{text}」 typed", lambda: c.getText() == text, 5)
    enter(desc[0], "A-problem")
    enter(basis[0], "A-basis")
    screen.keys("Return")
    table = grid(w)
    try:
        screen.until("the row added", lambda: table.getAccessibleRowCount() == 1, 5)
    except RuntimeError:
        pass
    check(not screen.gone(FORM) and len(screen.office.texts()) == before, "Enter in a list item's box does not run 生成")
    check(table.getAccessibleRowCount() == 1, f"Enter in a list item's box adds the row ({table.getAccessibleRowCount()} rows)")
    check(basis[0].getText() == "", "the row editor is emptied for the next row")
    enter(desc[0], "B-problem")
    enter(basis[0], "B-basis")
    click_until(screen, lambda: named(w, "添加")[0], lambda: table.getAccessibleRowCount() == 2, "a second row")
    check(table.getAccessibleRowCount() == 2, "添加 adds a second row")
    click_until(screen, lambda: row_cell(grid(w), 1), lambda: basis[0].getText() == "B-basis", "the row chosen")
    check(basis[0].getText() == "B-basis", f"choosing a row puts its cells in the boxes ({basis[0].getText()!r})")
    click_until(screen, lambda: named(w, "上移")[0], lambda: grid(w).isAccessibleRowSelected(0), "the row moved up")
    check(basis[0].getText() == "B-basis" and grid(w).getAccessibleRowCount() == 2,
          f"上移 moves the chosen row up and keeps it chosen (the first row holds {basis[0].getText()!r})")
    screen.shot("addin-form-table.png")


def problems(screen):
    """Item 4: 生成 with blanks: every invalid field red, its pages named, the first shown; a
    corrected field loses its mark."""
    w = screen.window(FORM)
    click_until(screen, lambda: named(w, "生成")[0], lambda: any(
        x.getAccessibleRole() == 33 and x.getAccessibleName().startswith("第") for x in accessibles(w)), "the problems", wait=8)
    required = [f["label"]["zh"] for f in MANIFEST["fields"] if f.get("required") and f["type"] != "date"
                and f["name"] not in ("巡察开始", "巡察结束")]
    colours = {r: (label_peer(w, r).getProperty("TextColor") if label_peer(w, r) else None) for r in required}
    black = [r for r, c in colours.items() if c != RED]
    check(len(required) > 3 and not black, f"every empty required field is red, on every page ({len(required)} fields; not red: {black})")
    marks = [x.getAccessibleName() for x in accessibles(w) if "有问题" in x.getAccessibleName()]
    check(bool(marks) and "1" in marks[0], f"the pages holding problems are named ({marks})")
    check(bool(named(w, "1 / ")), "生成 went to the first problem (page 1)")
    plist = [x for x in accessibles(w) if x.getAccessibleRole() == 33 and x.getAccessibleName().startswith("第")]
    check(len(plist) >= len(required), f"all problems are listed, not three ({len(plist)})")
    type_into(screen, w, "标题", "关于测试的通知")
    try:
        screen.until("the mark gone", lambda: label_peer(w, "标题").getProperty("TextColor") != RED, 5)
    except RuntimeError:
        pass
    check(label_peer(w, "标题").getProperty("TextColor") != RED, "a corrected field is no longer red")
    check(text_in(w, "标题") == "关于测试的通知", "the typed title is in its box")


def asking(screen, text):
    return any(text in c.getAccessibleName() for w in screen.dialogs() for c in accessibles(w))


def escape(screen):
    """Esc to the form, again if it did not arrive (the question is the state waited on)."""
    for _ in range(3):
        screen.focus(FORM)
        screen.keys("Escape")
        try:
            return screen.question("放弃已填写的内容", 5)
        except RuntimeError:
            pass
    raise RuntimeError("Esc on the form asks nothing")


def list_shown(combo):
    """A drop-down box's list is showing (dropped down)."""
    return any(combo.getAccessibleChild(k).getAccessibleContext().getAccessibleRole() == 32 and
               combo.getAccessibleChild(k).getAccessibleContext().getAccessibleStateSet().contains(SHOWING)
               for k in range(combo.getAccessibleChildCount()))


def esc_asks(screen, config):
    """Item 1: Esc on an open drop-down closes the list and asks nothing; Esc with something typed
    asks; 否 keeps the form; 是 closes it and a draft is kept."""
    w = screen.window(FORM)
    to_page_of(screen, w, "紧急程度")
    combo = next(c for c in accessibles(w) if c.getAccessibleRole() == 7 and c.getAccessibleName().startswith("紧急程度"))
    click_until(screen, lambda: combo, lambda: list_shown(combo), "the 紧急程度 list dropped down", window=FORM)
    screen.keys("Escape")
    try:
        screen.until("the list closed", lambda: not list_shown(combo), 5)
    except RuntimeError:
        pass
    time.sleep(0.5)
    check(not list_shown(combo) and not asking(screen, "放弃已填写的内容") and not screen.gone(FORM),
          "Esc on an open drop-down closes its list, asks nothing, the form stays")
    box = escape(screen)
    check(box is not None, "Esc on a form with typing asks 「放弃已填写的内容？」")
    click_until(screen, lambda: screen.until("the 否 button", lambda: named(box, "否"))[0],
                lambda: not asking(screen, "放弃已填写的内容"), "the question answered")
    time.sleep(1)  # a second close, were one queued, would end the form now
    check(screen.until("the form again", lambda: not screen.gone(FORM), 10), "否: the form stays, with what was typed")
    check(not asking(screen, "放弃已填写的内容"), "否: the question does not come back")
    check(text_in(screen.window(FORM), "标题") == "关于测试的通知", "否: the typing is still there")
    # Esc again over the page of a list's grid with rows, then 是: the form is disposed and the
    # office lives on. (The grid's accessibility object, built by this test's walks, was freed
    # within its own dispose; the heap then broke now and then. gui_a11y_test.py shows that under
    # valgrind every time; here the office's life is what is checked.)
    problems_label = next(f for f in MANIFEST["fields"] if f["name"] == "问题")["label"]["zh"]
    to_page_of(screen, screen.window(FORM), problems_label)
    box = escape(screen)
    click_until(screen, lambda: screen.until("the 是 button", lambda: named(box, "是"))[0], lambda: screen.gone(FORM),
                "the form closed")
    answered = []
    probe = threading.Thread(target=lambda: answered.append(len(screen.office.texts())), daemon=True)
    probe.start()
    probe.join(20)
    check(bool(answered), "the office answers after the form over a grid was closed with Esc (no crash in its dispose)")
    draft = os.path.join(config, "gongwen", "addin", "drafts", TYPE + ".json")
    kept = json.load(open(draft, encoding="utf-8")) if os.path.exists(draft) else {}
    check(kept.get("标题") == "关于测试的通知", f"a draft of the form is kept ({draft})")


def seal_field(screen, w, loaded, chosen):
    """Issue 13 / seal: the 印章 field after the data file was loaded: its seal.png (beside the
    data file) shown as a whole path; 手工加盖 (no picture: true) and off again; 选择图片… opens a
    file dialog for pictures, the chosen file is what the form shows and hands on."""
    to_page_of(screen, w, "印章")
    check(text_in(w, "印章") == loaded, f"the data file's seal.png is shown as its whole path ({text_in(w, '印章')!r})")
    screen.shot("addin-form-seal.png")
    hand_label = _("Stamped by hand (no picture)")
    hand = lambda: named(w, hand_label, CHECK_BOX)[0]
    click_until(screen, hand, lambda: text_in(w, "印章") == hand_label, "手工加盖 in the seal's box")
    check(text_in(w, "印章") == hand_label and not named(w, _("Choose picture…"))[0].getAccessibleStateSet().contains(
        uno.getConstantByName("com.sun.star.accessibility.AccessibleStateType.ENABLED")),
        f"手工加盖: the seal reads 「{hand_label}」 and no picture can be chosen")
    click_until(screen, hand, lambda: text_in(w, "印章") == "", "手工加盖 off")
    click_until(screen, lambda: named(w, _("Choose picture…"))[0], lambda: not screen.gone("打开"), "the picture's file dialog")
    names = [c.getAccessibleName() for c in accessibles(screen.window("打开"))]
    check(any(n.startswith(_("Pictures (PNG, JPEG, SVG)")) for n in names), "the picture dialog offers PNG, JPEG, SVG")
    screen.focus("打开")
    screen.type(chosen)
    screen.keys("Return")
    screen.until("the picture chosen", lambda: text_in(w, "印章") == chosen, 10)
    check(text_in(w, "印章") == chosen, f"the chosen picture's path is shown ({text_in(w, '印章')!r})")


def restore_and_generate(screen, config, data_file):
    """Items 1, 5, 9, 12: the draft offered and restored; 载入数据 (filter name, last folder,
    a confirmation in black); 生成; only the fields marked remember are remembered; the picker
    remembers type and format."""
    start_new(screen)
    w = screen.window(PICKER)
    texts = [c.getAccessibleName() for c in accessibles(w)]
    check(any(t.startswith("ODT") for t in texts) and any(
        c.getAccessibleName().startswith(MANIFEST["name"]["zh"]) and
        c.getAccessibleStateSet().contains(uno.getConstantByName("com.sun.star.accessibility.AccessibleStateType.SELECTED"))
        for c in accessibles(w)), "the picker starts at the type and format chosen last")
    click_until(screen, lambda: named(w, "下一步")[0], lambda: screen.gone(PICKER), "the picker closed")
    box = screen.question("是否恢复")
    click_until(screen, lambda: screen.until("the 是 button", lambda: named(box, "是"))[0], lambda: not screen.gone(FORM),
                "the restored form")
    w = screen.window(FORM)
    screen.focus(FORM)
    check(text_in(w, "标题") == "关于测试的通知", "the next 新建公文 restores the draft")
    # 载入数据…: the file picker
    click_until(screen, lambda: named(w, "载入数据")[0], lambda: not screen.gone("打开"), "the file picker")
    picker = screen.window("打开")
    names = [c.getAccessibleName() for c in accessibles(picker)]
    check(any(n.startswith("数据 (JSON, XLSX, CSV)") for n in names), f"the file type reads 「数据 (JSON, XLSX, CSV)」")
    screen.focus("打开")
    screen.type(data_file)
    screen.keys("Return")
    screen.until("the data loaded", lambda: screen.gone("打开"), 10)
    status = [c for c in accessibles(w) if c.getAccessibleName().startswith("已载入")]
    check(bool(status) and status[0].getForeground() != RED, "「已载入」 is not red")
    click_until(screen, lambda: named(w, "载入数据")[0], lambda: not screen.gone("打开"), "the file picker")
    picker = screen.window("打开")
    where = [c.getAccessibleName() for c in accessibles(picker) if c.getAccessibleRole() == 7]
    check(any(n == os.path.dirname(data_file) for n in where), f"the picker opens in the folder used last ({where[:1]})")
    screen.focus("打开")
    screen.keys("Escape")
    screen.until("the picker closed", lambda: screen.gone("打开"), 10)
    seal = os.path.join(os.path.dirname(data_file), "chosen", "seal.png")
    seal_field(screen, w, os.path.join(os.path.dirname(data_file), "seal.png"), seal)
    before = screen.office.texts()
    click_until(screen, lambda: named(w, "生成")[0], lambda: len(screen.office.texts()) > len(before), "the document", wait=30)
    made = [c for c in screen.office.texts() if all(c != b for b in before)]
    pictures = made[0].getGraphicObjects().getCount() if made else 0
    check(pictures >= 1, f"the seal chosen in the form is in the document ({pictures} pictures)")
    kept = json.load(open(os.path.join(config, "gongwen", "addin", TYPE + ".json"), encoding="utf-8"))
    check("发文机关标志" in kept and "联系人" in kept, f"names, organs and contacts are remembered ({sorted(kept)})")
    check(not {"份号", "发文字号", "标题", "成文日期"} & set(kept), f"numbers, titles and dates are not ({sorted(kept)})")
    check(kept.get("印章") == seal, f"the seal is remembered as the picture's path, not as text ({str(kept.get('印章'))[:80]!r})")
    check(not os.path.exists(os.path.join(config, "gongwen", "addin", "drafts", TYPE + ".json")), "the draft is gone once made")


MANIFEST_OF = {}


def main():
    for t in os.listdir(os.path.join(SRC, "plugins")):
        p = os.path.join(SRC, "plugins", t, "plugin.json")
        if os.path.exists(p):
            m = json.load(open(p, encoding="utf-8"))
            MANIFEST_OF[m["id"]] = m
    work = tempfile.mkdtemp(prefix="gongwen-addin-form-")
    data_dir = os.path.join(work, "data")
    os.makedirs(data_dir)
    data_file = os.path.join(data_dir, "notice.json")
    sample = json.load(open(os.path.join(SRC, "examples/samples", TYPE + ".json"), encoding="utf-8"))
    seal = sample.pop("印章")  # a picture beside the data file, named by its relative path
    open(os.path.join(data_dir, "seal.png"), "wb").write(base64.b64decode(seal["data"]))
    sample["印章"] = "seal.png"
    os.makedirs(os.path.join(data_dir, "chosen"))  # and one to choose in the form
    open(os.path.join(data_dir, "chosen", "seal.png"), "wb").write(base64.b64decode(seal["data"]))
    json.dump(sample, open(data_file, "w", encoding="utf-8"), ensure_ascii=False)
    screen = None
    try:
        started = time.time()
        screen = Screen(work)
        print(f"-- the office on Xvfb: {time.time() - started:.1f} s", flush=True)
        config = os.path.join(work, "config")
        step("the type picker", picker_first, screen)
        step("the form's layout", form_layout, screen)
        step("dates", dates, screen)
        step("the list editor", list_editor, screen)
        step("the problems", problems, screen)
        step("Esc", esc_asks, screen, config)
        step("the draft, the data file, 生成", restore_and_generate, screen, config, data_file)
    except Exception as e:
        check(False, f"the office under Xvfb: {e}")
    finally:
        if screen:
            screen.stop()
        log = os.path.join(work, "profile.log")
        if failures and os.path.exists(log):  # what the office said (a crash's backtrace)
            print("--- the office's output:\n" + open(log, errors="replace").read()[-3000:])
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    timer = threading.Timer(DEADLINE, watchdog)
    timer.daemon = True
    timer.start()
    code = main()
    timer.cancel()
    sys.exit(code)
