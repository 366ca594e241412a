"""LibreOffice accepts or rejects every tracked change of Word files and says what text is left.

Run by the office tests with Debian's ``/usr/bin/python3`` (the interpreter python3-uno
extends), never imported by them:

    /usr/bin/python3 tests/office_accept_reject.py OUT.json FILE.docx...

One headless LibreOffice serves all files; each is loaded twice, without any repair (a file
that needs one does not load, and that is reported), once for "Accept All" and once for
"Reject All", and the body text (``XText.getString``: paragraphs and line breaks as ``\\n``) is
written to OUT.json as ``{file: {"accept": ..., "reject": ...}}``, or ``{file: {"error": ...}}``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe: str, deadline: float):  # noqa: ANN201 - a UNO component context
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def main(out_path: str, files: list[str]) -> int:
    profile = tempfile.mkdtemp(prefix="stmtdiff-lo-")
    pipe = f"stmtdiff-test-{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
            f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    results: dict[str, dict[str, str]] = {}
    desktop = None
    try:
        ctx = connect(pipe, time.monotonic() + 60)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for path in files:
            url = uno.systemPathToFileUrl(os.path.abspath(path))
            result: dict[str, str] = {}
            for mode, command in COMMANDS.items():
                doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
                if doc is None:
                    result = {"error": "LibreOffice did not load the file (it would need a repair)"}
                    break
                try:
                    dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
                    result[mode] = doc.getText().getString()
                finally:
                    doc.close(True)
            results[path] = result
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:
                pass
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(results, fh, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
