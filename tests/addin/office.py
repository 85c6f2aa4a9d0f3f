"""A real soffice for the add-in tests: its own profile and port, stopped by its process group;
the add-in installed through the extension manager."""
import os
import shutil
import signal
import socket
import subprocess
import time

import uno
import unohelper
from com.sun.star.beans import PropertyValue
from com.sun.star.task import XInteractionHandler
from com.sun.star.ucb import XCommandEnvironment, XProgressHandler

SOFFICE = os.environ.get("GONGWEN_SOFFICE") or shutil.which("soffice")
SUCCESS = 1  # com.sun.star.frame.DispatchResultState


def pv(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class Office:
    """A headless soffice with its own profile and port, stopped by its process group."""

    def __init__(self, profile, display=None, env=None):
        """env: variables to add to the office's environment, e.g. {"LANG": "zh_CN.UTF-8"}, under
        which a fresh profile's user interface is Chinese (with the zh-CN language pack)."""
        self.profile, self.display, self.env = profile, display, env or {}
        self.start()

    def start(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = open(os.path.join(self.profile + ".log"), "a")
        mode = ["--writer"] if self.display else ["--headless", "--invisible", "--nodefault"]
        env = dict(os.environ, **self.env)
        if self.display:
            env["DISPLAY"] = self.display
        self.proc = subprocess.Popen(
            [SOFFICE, *mode, "--norestore", "--nologo", "--nolockcheck",
             f"--accept=socket,host=127.0.0.1,port={self.port};urp;", "-env:UserInstallation=file://" + self.profile],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True, env=env)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 120
        while True:
            try:
                self.ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={self.port};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if self.proc.poll() is not None or time.time() > deadline:
                    self.log.flush()
                    raise RuntimeError("soffice did not start (exit %s): %s" % (
                        self.proc.poll(), open(self.profile + ".log").read()[-500:]))
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
        # soffice.bin may outlive its launcher for a moment (and a second office on this profile
        # would hand its work to it and exit): wait for every process of this profile to end,
        # killing by pid what does not end by itself.
        mark = "UserInstallation=file://" + self.profile + " "
        for i in range(100):
            pids = [int(p) for p in os.listdir("/proc") if p.isdigit() and mark in self._cmdline(p)]
            if not pids:
                break
            if i >= 20:
                for pid in pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
            time.sleep(0.1)
        self.log.close()

    @staticmethod
    def _cmdline(pid):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                return f.read().replace(b"\0", b" ").decode("utf-8", "replace") + " "
        except OSError:
            return ""

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

    def set_ui_language(self, locale):
        """Tools ▸ Options ▸ Language Settings ▸ User interface ("zh-CN", or "" for the system's):
        taken at the office's next start, which writes the language it runs in to
        /org.openoffice.Setup/L10N/ooLocale, where the add-in reads it."""
        provider = self.smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", self.ctx)
        access = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                      (pv("nodepath", "/org.openoffice.Office.Linguistic/General"),))
        access.setPropertyValue("UILocale", locale)
        access.commitChanges()
        provider.flush()  # to the profile now: the office is stopped next

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



    def top_windows(self):
        tk = self.smgr.createInstanceWithContext("com.sun.star.awt.Toolkit", self.ctx)
        return [tk.getTopWindow(i) for i in range(tk.getTopWindowCount())]

    def find(self, pred, window=None):
        """The first accessible, depth first, that satisfies pred, in the office's top windows (in
        the one whose accessible name starts with `window`, when given); None. A predicate that
        fails on a node (one going away while looked at) is false there."""
        for top in self.top_windows():
            c = top.getAccessibleContext()
            if c is None or (window is not None and not c.getAccessibleName().startswith(window)):
                continue
            for a in accessibles(c):
                try:
                    if pred(a):
                        return a
                except Exception:
                    pass
            if window is not None:
                return None
        return None


def accessibles(context, max_depth=12, max_children=400):
    """Every accessible context from `context` down, depth first, as a generator (a search stops
    where it finds). A child that is a context itself (a grid's rows may come so) is taken as it
    is; a node that goes away while it is looked at is stepped over."""
    def walk(c, depth):
        if c is None or depth > max_depth:
            return
        yield c
        try:
            n = min(c.getAccessibleChildCount(), max_children)
        except Exception:
            return
        for k in range(n):
            try:
                child = c.getAccessibleChild(k)
                child = child.getAccessibleContext() if hasattr(child, "getAccessibleContext") else child
            except Exception:
                continue
            yield from walk(child, depth + 1)
    yield from walk(context, 0)
