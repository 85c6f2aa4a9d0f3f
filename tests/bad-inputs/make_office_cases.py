#!/usr/bin/python3
"""Makes the bad inputs only an office suite can make: documents saved with a password, and a
legacy Word 97-2003 .doc. LibreOffice encrypts with a random salt, so these files are not
reproducible byte for byte: they are committed, and this script says how they were made.

    /usr/bin/python3 make_office_cases.py     # needs LibreOffice and its Python bridge (python3-uno)

Writes encrypted-odt/template.odt (password "gongwen": the manifest holds
manifest:encryption-data, the parts are ciphertext) and legacy-doc/template.docx (a Word 97-2003
.doc saved under a .docx name, as users do).

Word's own encryption (an OLE compound file with EncryptionInfo and EncryptedPackage streams)
is what LibreOffice 7.4 cannot write here (storing with EncryptionData fails), so the encrypted
DOCX and XLSX and the legacy .xls come from Apache POI's test data, made by Office: see SOURCES.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "gongwen"


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main():
    work = tempfile.mkdtemp(prefix="gongwen-office-cases.")
    pipe = "gongwen_office_cases_%d" % os.getpid()
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                               "-env:UserInstallation=file://%s/profile" % work,
                               "--accept=pipe,name=%s;urp;" % pipe], start_new_session=True)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("make_office_cases.py: LibreOffice did not answer")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (prop("Hidden", True),))
        text = doc.getText()
        text.setString("Dear {{name}},\nthis letter was saved with a password.")
        outputs = [
            ("encrypted-odt/template.odt", "writer8", True),
            ("legacy-doc/template.docx", "MS Word 97", False),
        ]
        for rel, filt, encrypt in outputs:
            path = os.path.join(HERE, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            args = [prop("FilterName", filt), prop("Overwrite", True)]
            if encrypt:
                args.append(prop("Password", PASSWORD))
            uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(path),
                       uno.Any("[]com.sun.star.beans.PropertyValue", tuple(args))))
            print("wrote", rel, os.path.getsize(path), "bytes")
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(office.pid, 9)  # soffice.bin outlives its oosplash parent
        except ProcessLookupError:
            pass
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
