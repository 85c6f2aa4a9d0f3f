#!/usr/bin/python3
"""The 新建公文 form closed after a screen reader looked at it, with the office under valgrind.

LibreOffice 7.4's grid control frees its accessibility object in the middle of that object's own
dispose when nothing else holds it: a write to freed memory, and later "free(): corrupted unsorted
chunks" — the office died so, by hand and in the form test, when the form was closed. The object
exists once anything asked the dialog for its children's accessibility (a screen reader does; so
did the add-in's own Esc handler once). The add-in holds those objects over the dispose
(kit::dispose); this test asks for them as a screen reader would, shows another page (the grid
hidden), closes the form with 取消, and reads valgrind's report of the office.
  /usr/bin/python3 tests/addin/gui_a11y_test.py BUILD/gongwen.oxt SOURCE_DIR
Exit 0 passed, 1 failed, 77 skipped (as gui_form_test.py; no valgrind too)."""
import os
import re
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gui_form_test as g  # noqa: E402  (its module code checks the tools and reads the arguments)

if not shutil.which("valgrind"):
    g.skip("no valgrind (install valgrind)")

TABLE = 58  # com.sun.star.accessibility.AccessibleRole.TABLE: the grid's rows


def errors_in(log):
    """valgrind's error reports about memory (invalid reads and writes) whose stack passes through
    the disposing of a window or LibreOffice's accessibility library, as blocks of lines."""
    blocks, block = [], []
    for line in log.splitlines():
        m = re.match(r"==\d+== (.*)", line)
        if not m:
            continue
        text = m.group(1)
        if re.match(r"Invalid (read|write|free)", text):
            block = [text]
            blocks.append(block)
        elif block and text:
            block.append(text)
        else:
            block = []
    return [b for b in blocks if any("VCLXWindow::dispose" in t or "libacclo" in t for t in b)]


def main():
    work = tempfile.mkdtemp(prefix="gongwen-addin-a11y-")
    screen = None
    log = os.path.join(work, "profile.log")
    try:
        started = time.time()
        screen = g.Screen(work, office_env={"VALGRIND": "memcheck"}, start_seconds=300)
        print(f"-- the office under valgrind on Xvfb: {time.time() - started:.1f} s", flush=True)
        g.start_new(screen)
        w = screen.window(g.PICKER, 120)
        g.click_until(screen, lambda: g.named(w, g.MANIFEST["name"]["zh"], 33)[0], lambda: not screen.gone(g.FORM),
                      "the form after a double-click on a type", times=2, wait=30)
        form = screen.window(g.FORM, 60)
        # what a screen reader asks: every accessible of the form, the grid's rows among them
        roles = [c.getAccessibleRole() for c in g.accessibles(form)]
        g.check(TABLE in roles, "the form's list grid is in its accessibility tree (asked as a screen reader does)")
        page = lambda: [x.getAccessibleName() for x in g.named(form, "1 / ") + g.named(form, "2 / ")]
        first = page()
        g.click_until(screen, lambda: g.named(form, "下一页")[0], lambda: page() != first, "the next page", wait=30)
        g.check(page() and page()[0].startswith("2 /"),
                f"the form shows page 2, the grid (page 1) hidden, when it is closed ({page()})")
        g.click_until(screen, lambda: g.named(form, "取消")[0], lambda: screen.gone(g.FORM), "the form closed", wait=60)
        answered = []
        probe = threading.Thread(target=lambda: answered.append(len(screen.office.texts())), daemon=True)
        probe.start()
        probe.join(120)
        g.check(bool(answered), "the office answers after the form was closed")
    except Exception as e:
        g.check(False, f"the office under Xvfb and valgrind: {e}")
    finally:
        if screen:
            screen.stop()
        report = open(log, errors="replace").read() if os.path.exists(log) else ""
        if "Memcheck" not in report:
            g.check(False, f"the office ran under valgrind (its output: {report[-500:]!r})")
        else:
            bad = errors_in(report)
            g.check(not bad, f"valgrind saw no invalid access in a window's dispose or the accessibility library "
                             f"({len(bad)} reports)")
            for b in bad[:2]:
                print("--- valgrind:\n" + "\n".join(b[:40]))
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(g.failures)} failed" if g.failures else "all passed")
    return 1 if g.failures else 0


if __name__ == "__main__":
    timer = threading.Timer(int(os.environ.get("GONGWEN_TEST_DEADLINE", "600")), g.watchdog)
    timer.daemon = True
    timer.start()
    code = main()
    timer.cancel()
    sys.exit(code)
