"""GUI part of ``--self-test``: translations load, and the main window builds offscreen."""

from __future__ import annotations

import os
from pathlib import Path


def check_gui(tmp: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import shiboken6
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["buku-migran-selftest"])
    from app.ui.i18n import ensure_qm, set_language
    from app.ui.icon import app_icon

    if app_icon().isNull():
        raise RuntimeError("the application icon is missing (resources/icons)")
    qm = ensure_qm("app_id")
    set_language("id")
    got = QCoreApplication.translate("MainWindow", "Residents")
    if got != "Penduduk":
        raise RuntimeError(f"Indonesian translation not loaded (got {got!r}, qm={qm})")
    qt_context, qt_text = "QPlatformTheme", "Cancel"  # Qt's own string (qtbase_id.ts)
    cancel = QCoreApplication.translate(qt_context, qt_text)
    if cancel != "Batal":
        raise RuntimeError("Qt's own strings are not translated (qtbase_id)")

    from app.core.paths import DataDir
    from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace
    from app.ui.context import AppContext
    from app.ui.main_window import VIEWS, MainWindow
    from app.ui.tasks import TaskRunner

    ws = open_workspace(DataDir(tmp / "desa-gui"))
    try:
        office = initialise_office(ws, mode=MODE_VILLAGE, code="18.07.01.2001",
                                   name="Sukadana", operator="uji")
        ctx = AppContext(ws, office, tasks=TaskRunner(synchronous=True))
        window = MainWindow(ctx)
        window.show_view("penduduk")
        titles = [window.nav.item(i).text() for i in range(window.nav.count())]
        window.close()
        # deleted now, not with deleteLater(): a deferred delete waits for an event loop, and
        # the window (and its views on the temporary folder) lived on in a process that goes
        # on after the check (the test suite)
        shiboken6.delete(window)
        app.processEvents()
    finally:
        ws.close()
    source = "qm" if qm is not None else "ts"
    return (f"terjemahan ({source}) dimuat; jendela utama: {len(VIEWS)} tampilan "
            f"({', '.join(titles)})")
