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
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

try:
    import uno
    import unohelper
    from com.sun.star.beans import PropertyValue
    from com.sun.star.task import XInteractionHandler
    from com.sun.star.ucb import XCommandEnvironment, XProgressHandler
except ImportError:
    print("SKIP: no python3-uno (install python3-uno)")
    sys.exit(77)

OXT, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SOFFICE = os.environ.get("GONGWEN_SOFFICE") or shutil.which("soffice")
if not SOFFICE:
    print("SKIP: no soffice (install libreoffice-writer)")
    sys.exit(77)
SUCCESS = 1  # com.sun.star.frame.DispatchResultState


def pv(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class Office:
    """A headless soffice with its own profile and port, stopped by its process group."""

    def __init__(self, profile):
        self.profile = profile
        self.start()

    def start(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = open(os.path.join(self.profile + ".log"), "a")
        self.proc = subprocess.Popen(
            [SOFFICE, "--headless", "--invisible", "--norestore", "--nodefault", "--nologo", "--nolockcheck",
             f"--accept=socket,host=127.0.0.1,port={self.port};urp;", "-env:UserInstallation=file://" + self.profile],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 120
        while True:
            try:
                self.ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={self.port};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if self.proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError("soffice did not start")
                time.sleep(0.2)
        self.smgr = self.ctx.ServiceManager
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)

    def stop(self):
        try:
            self.desktop.terminate()
        except Exception:
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        self.log.close()

    def install(self, oxt):
        class Handler(unohelper.Base, XInteractionHandler):
            def handle(self, request):  # approve whatever the installation asks (licence, etc.)
                approve = uno.getTypeByName("com.sun.star.task.XInteractionApprove")
                for c in request.Continuations:
                    if c.queryInterface(approve):
                        c.select()
                        return

        class Progress(unohelper.Base, XProgressHandler):
            def push(self, status): pass
            def update(self, status): pass
            def pop(self): pass

        class Env(unohelper.Base, XCommandEnvironment):
            def getInteractionHandler(self): return Handler()
            def getProgressHandler(self): return Progress()

        em = self.ctx.getValueByName("/singletons/com.sun.star.deployment.ExtensionManager")
        em.addExtension(uno.systemPathToFileUrl(oxt), (), "user", em.createAbortChannel(), Env())

    def new_writer(self, text=None):
        doc = self.desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (pv("Hidden", True),))
        if text is not None:
            doc.getText().setString(text)
        return doc

    def dispatch(self, doc, url, **args):
        helper = self.smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", self.ctx)
        frame = doc.getCurrentController().getFrame()
        r = helper.executeDispatch(frame, url, "", 0, tuple(pv(k, v) for k, v in args.items()))
        # DispatchHelper hands back the DispatchResultEvent of a notifying dispatch, else nothing
        return (getattr(r, "State", None), getattr(r, "Result", None)) if r is not None else (None, None)

    def texts(self):
        out = []
        comps = self.desktop.getComponents().createEnumeration()
        while comps.hasMoreElements():
            c = comps.nextElement()
            if hasattr(c, "getText"):
                out.append(c)
        return out


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
        made = [c for c in office.texts() if title in c.getText().getString()]
        check(state == SUCCESS and len(made) == 1 and len(office.texts()) == n_before + 1,
              f"New {t} ({fmt}): a new document holding 「{title}」 (state {state}, {result!r})")
        if made:
            text = made[0].getText().getString()
            check("{{" not in text, f"New {t}: no tag left")
            if t == "rectification-notice":
                state, result = office.dispatch(made[0], "vnd.gongwen:Check")
                check(state == SUCCESS and "GB/T 9704" in (result or ""), f"Check on the new {t}: {result!r}")
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
    state, result = office.dispatch(doc, "vnd.gongwen:Fill", DataFile=data)
    text = doc.getText().getString()
    check(state == SUCCESS and "关于县教育局巡察整改的通知" in text and "联系人：王某某" in text and "{{" not in text,
          f"Fill replaces the tags of the current document (state {state}, text {text!r})")
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


def main():
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
