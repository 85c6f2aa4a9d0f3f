#!/usr/bin/python3
"""The 新建公文 dialogs as a clerk meets them (issue 13, items 1, 4, 5, 7, 8, 9, 12), in a real
Writer window under Xvfb with a Chinese user interface: one office for the whole script, real
keys and clicks (xdotool), the dialogs' state read back over UNO (the accessibility tree, and the
controls' own properties through their window peers).
  /usr/bin/python3 tests/addin/gui_form_test.py BUILD/gongwen.oxt SOURCE_DIR [OUT_DIR]
The pictures of the form and of its list editor go to OUT_DIR when given (docs/images/).
Exit 0 passed, 1 failed, 77 skipped (no Xvfb, xdotool, import, soffice or python3-uno; under
CI=true a missing tool fails)."""
import datetime
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
except ImportError:
    skip("no python3-uno (install python3-uno)")
for tool in ("Xvfb", "xdotool", "import"):
    if not shutil.which(tool):
        skip(f"no {tool} (install xvfb xdotool imagemagick)")
if not SOFFICE:
    skip("no soffice")

OXT, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SHOTS = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else None
TYPE = "rectification-notice"
MANIFEST = json.load(open(os.path.join(SRC, "plugins", TYPE, "plugin.json"), encoding="utf-8"))
RED = 0xC00000
SHOWING = uno.getConstantByName("com.sun.star.accessibility.AccessibleStateType.SHOWING")
failures = []


def check(good, what):
    print(("ok: " if good else "FAIL: ") + what)
    if not good:
        failures.append(what)
    return good


class Screen:
    """Xvfb, the office on it, and the means to look and to act."""

    def __init__(self, work):
        self.work = work
        self.display = ":%d" % (600 + os.getpid() % 300)
        self.env = dict(os.environ, DISPLAY=self.display)
        self.xvfb = subprocess.Popen(["Xvfb", self.display, "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.until("Xvfb", lambda: subprocess.run(["xdotool", "getdisplaygeometry"], env=self.env,
                                                  capture_output=True).returncode == 0, 30)
        profile = os.path.join(work, "profile")
        installer = Office(profile)
        try:
            installer.install(OXT)
            installer.set_ui_language("zh-CN")
        finally:
            installer.stop()
        os.environ["XDG_CONFIG_HOME"] = os.path.join(work, "config")  # the add-in keeps its files there
        self.office = Office(profile, display=self.display)
        self.until("a Writer window", lambda: self.office.texts())
        self.toolkit = self.office.smgr.createInstanceWithContext("com.sun.star.awt.Toolkit", self.office.ctx)

    def stop(self):
        self.office.stop()
        self.xvfb.kill()
        self.xvfb.wait()

    @staticmethod
    def until(what, cond, seconds=30):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                r = cond()
                if r:
                    return r
            except Exception:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"timed out waiting for {what}")

    def xdo(self, *args):
        subprocess.run(["xdotool", *args], env=self.env, check=True)
        time.sleep(0.4)

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
            for w in reversed(self.windows()):
                if w.isVisible() and any(text in c.getAccessibleName() for c in accessibles(w)):
                    return w
        return self.until(f"a question 「{text}」", found, seconds)

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
    out = []

    def walk(c, depth):
        if c is None or depth > 12:
            return
        out.append(c)
        try:
            n = min(c.getAccessibleChildCount(), 300)
        except Exception:
            return
        for k in range(n):
            try:
                child = c.getAccessibleChild(k)
                walk(child.getAccessibleContext() if hasattr(child, "getAccessibleContext") else child, depth + 1)
            except Exception:
                pass  # a child gone while looking
    walk(window.getAccessibleContext(), 0)
    return out


def named(window, start, role=None):
    """The shown accessibles whose name starts so (mnemonics left out)."""
    return [c for c in accessibles(window) if c.getAccessibleName().replace("~", "").startswith(start)
            and (role is None or c.getAccessibleRole() == role) and c.getAccessibleStateSet().contains(SHOWING)]


def click(screen, c, times=1):
    at, size = c.getLocationOnScreen(), c.getSize()
    screen.xdo("mousemove", str(at.X + size.Width // 2), str(at.Y + size.Height // 2), "click", "--repeat", str(times), "1")
    time.sleep(0.8)


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


def box(window, label_text):
    """A field's text box (its accessible: the name is the field's label)."""
    for c in accessibles(window):
        n = c.getAccessibleName()
        if c.getAccessibleRole() == 60 and (n.startswith(label_text) or n.startswith("* " + label_text)):
            return c
    return None


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
    """新建公文 as the toolbar does it, in a thread of its own: the dialogs are modal."""
    doc = screen.office.texts()[0]
    frame = doc.getCurrentController().getFrame()
    url = uno.createUnoStruct("com.sun.star.util.URL")
    url.Complete = "vnd.gongwen:New"
    dispatch = frame.queryDispatch(url, "", 0)
    t = threading.Thread(target=lambda: dispatch.dispatch(url, ()), daemon=True)
    t.start()
    return t


def step(name, f, *args):
    try:
        return f(*args)
    except Exception as e:  # a step that cannot run is a failure, the next steps still run
        check(False, f"{name}: {e}")
        return None


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
    item = named(w, MANIFEST["name"]["zh"], 33)
    click(screen, item[0], times=2)
    screen.until("the form after a double-click on a type", lambda: not screen.gone(FORM), 15)
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
    click(screen, box(w, "巡察开始"))
    screen.type("20240510")
    click(screen, box(w, "巡察结束"))
    screen.type("6月30日")
    click(screen, box(w, "签发人"))
    time.sleep(0.5)
    start_text, end_text = text_in(w, "巡察开始"), text_in(w, "巡察结束")
    year = datetime.date.today().year
    check(start_text == "2024年5月10日", f"20240510 typed in a date field reads 2024年5月10日 ({start_text!r})")
    check(end_text == f"{year}年6月30日", f"6月30日 typed reads {year}年6月30日 ({end_text!r})")


def to_page_of(screen, w, label):
    """下一页 until the field's label is shown."""
    for _ in range(6):
        if named(w, label) or named(w, "* " + label):
            return
        click(screen, named(w, "下一页")[0])


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
    click(screen, desc[0])
    screen.type("A-problem")
    click(screen, basis[0])
    screen.type("A-basis")
    screen.keys("Return")
    time.sleep(1)
    check(not screen.gone(FORM) and len(screen.office.texts()) == before, "Enter in a list item's box does not run 生成")
    table = grid(w)
    check(table.getAccessibleRowCount() == 1, f"Enter in a list item's box adds the row ({table.getAccessibleRowCount()} rows)")
    check(basis[0].getText() == "", "the row editor is emptied for the next row")
    click(screen, desc[0])
    screen.type("B-problem")
    click(screen, basis[0])
    screen.type("B-basis")
    click(screen, named(w, "添加")[0])
    check(table.getAccessibleRowCount() == 2, "添加 adds a second row")
    click(screen, row_cell(grid(w), 1))
    check(basis[0].getText() == "B-basis", f"choosing a row puts its cells in the boxes ({basis[0].getText()!r})")
    click(screen, named(w, "上移")[0])
    time.sleep(0.5)
    check(basis[0].getText() == "B-basis" and grid(w).getAccessibleRowCount() == 2,
          f"上移 moves the chosen row up and keeps it chosen (the first row holds {basis[0].getText()!r})")
    screen.shot("addin-form-table.png")


def problems(screen):
    """Item 4: 生成 with blanks: every invalid field red, its pages named, the first shown; a
    corrected field loses its mark."""
    w = screen.window(FORM)
    click(screen, named(w, "生成")[0])
    screen.until("the problems", lambda: any(x.getAccessibleRole() == 33 and x.getAccessibleName().startswith("第")
                                             for x in accessibles(w)), 10)
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
    click(screen, box(w, "标题"))
    screen.type("关于测试的通知")
    time.sleep(0.5)
    check(label_peer(w, "标题").getProperty("TextColor") != RED, "a corrected field is no longer red")
    check(text_in(w, "标题") == "关于测试的通知", "the typed title is in its box")


def esc_asks(screen, config):
    """Item 1: Esc with something typed asks; 否 keeps the form; 是 closes it and a draft is kept."""
    screen.focus(FORM)
    screen.keys("Escape")
    box = screen.question("放弃已填写的内容")
    check(box is not None, "Esc on a form with typing asks 「放弃已填写的内容？」")
    time.sleep(0.5)
    click(screen, screen.until("the 否 button", lambda: named(box, "否"))[0])
    check(screen.until("the form again", lambda: not screen.gone(FORM), 10), "否: the form stays, with what was typed")
    check(text_in(screen.window(FORM), "标题") == "关于测试的通知", "否: the typing is still there")
    screen.focus(FORM)
    screen.keys("Escape")
    box = screen.question("放弃已填写的内容")
    time.sleep(0.5)
    click(screen, screen.until("the 是 button", lambda: named(box, "是"))[0])
    screen.until("the form closed", lambda: screen.gone(FORM), 10)
    draft = os.path.join(config, "gongwen", "addin", "drafts", TYPE + ".json")
    kept = json.load(open(draft, encoding="utf-8")) if os.path.exists(draft) else {}
    check(kept.get("标题") == "关于测试的通知", f"a draft of the form is kept ({draft})")


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
    click(screen, named(w, "下一步")[0])
    box = screen.question("是否恢复")
    time.sleep(0.5)
    click(screen, screen.until("the 是 button", lambda: named(box, "是"))[0])
    w = screen.window(FORM)
    check(text_in(w, "标题") == "关于测试的通知", "the next 新建公文 restores the draft")
    # 载入数据…: the file picker
    time.sleep(1)
    click(screen, named(w, "载入数据")[0])
    picker = screen.window("打开")
    names = [c.getAccessibleName() for c in accessibles(picker)]
    check(any(n.startswith("数据 (JSON, XLSX, CSV)") for n in names), f"the file type reads 「数据 (JSON, XLSX, CSV)」")
    screen.focus("打开")
    screen.type(data_file)
    screen.keys("Return")
    screen.until("the data loaded", lambda: screen.gone("打开"), 10)
    status = [c for c in accessibles(w) if c.getAccessibleName().startswith("已载入")]
    check(bool(status) and status[0].getForeground() != RED, "「已载入」 is not red")
    click(screen, named(w, "载入数据")[0])
    picker = screen.window("打开")
    where = [c.getAccessibleName() for c in accessibles(picker) if c.getAccessibleRole() == 7]
    check(any(n == os.path.dirname(data_file) for n in where), f"the picker opens in the folder used last ({where[:1]})")
    screen.focus("打开")
    screen.keys("Escape")
    screen.until("the picker closed", lambda: screen.gone("打开"), 10)
    before = len(screen.office.texts())
    click(screen, named(w, "生成")[0])
    screen.until("the document", lambda: len(screen.office.texts()) > before, 60)
    kept = json.load(open(os.path.join(config, "gongwen", "addin", TYPE + ".json"), encoding="utf-8"))
    check("发文机关标志" in kept and "联系人" in kept, f"names, organs and contacts are remembered ({sorted(kept)})")
    check(not {"份号", "发文字号", "标题", "成文日期"} & set(kept), f"numbers, titles and dates are not ({sorted(kept)})")
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
    sample.pop("印章", None)  # a picture beside the sample, not here
    json.dump(sample, open(data_file, "w", encoding="utf-8"), ensure_ascii=False)
    screen = None
    try:
        screen = Screen(work)
        time.sleep(2)
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
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    import signal
    signal.signal(signal.SIGALRM, lambda *_: (print("FAIL: the dialogs did not answer within 5 minutes"), os._exit(1)))
    signal.alarm(300)  # a modal dialog that never closes must fail the test, not hang it
    sys.exit(main())
