"""The whole first start on a server, run by ``test_wizard_server.py`` in a process of its own:
``main()`` runs the real event loop and leaves process-wide Qt state behind (the tests after it
in the same process saw queued results never delivered), so it does not share a process with
other GUI tests. Not collected on its own (its name does not start with ``test_``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PySide6.QtWidgets import QWizard

from tests.hubdb import wizard_support
from tests.hubdb.wizard_support import connection_test, fill, to_server_page

# the shared fixtures (pytest finds them by these names; "indonesian" is autouse)
checks_off_gui_thread = wizard_support.checks_off_gui_thread
indonesian = wizard_support.indonesian


def test_whole_start(
        qtbot: Any, qapp: Any, pg_database: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, checks_off_gui_thread: list[bool]) -> None:
    """The whole start: the wizard (driven as a clerk would) sets the folder up on the server,
    and the program opens the main window on the hub there, signed in as that clerk."""
    from sqlalchemy import select

    from app.core.models import Operator
    from app.ui import main as main_module
    from app.ui import main_window
    from app.ui.wizard import SetupWizard

    folder = tmp_path / "P4MI Lampung Timur"
    secret = urlsplit(pg_database).password
    driven: list[str] = []

    def exec_(self: Any) -> int:
        page = to_server_page(qtbot, self)
        fill(qtbot, page, pg_database)
        assert "masih kosong" in connection_test(qtbot, page)
        self.next()
        op = self.operator_page
        qtbot.keyClicks(op.name, "Rina Petugas")
        qtbot.keyClicks(op.pin, "2468")
        qtbot.keyClicks(op.pin2, "2468")
        self.button(QWizard.WizardButton.FinishButton).click()
        qtbot.waitUntil(lambda: self.result_office is not None, timeout=60000)
        driven.append(str(self.workspace.data_dir.root))
        return 1

    opened: list[tuple[str, str, bool, str]] = []
    real_init = main_window.MainWindow.__init__

    def record(self: Any, ctx: Any) -> None:
        opened.append((ctx.office.code, ctx.workspace.db.engine.dialect.name,
                       ctx.office.is_p4mi, ctx.signed_in.name))
        real_init(self, ctx)

    monkeypatch.setattr(SetupWizard, "exec", exec_)
    monkeypatch.setattr(main_window.MainWindow, "__init__", record)
    monkeypatch.setenv(main_module.STARTUP_PROBE_ENV, "1")
    assert main_module.main(["--data-dir", str(folder), "--no-crash-dialog"]) == 0
    assert driven and opened == [("18.07", "postgresql", True, "Rina Petugas")]
    assert checks_off_gui_thread and not any(checks_off_gui_thread)
    assert (folder / "server.json").is_file()
    assert secret not in (folder / "server.json").read_text()
    assert (folder / "kunci" / "server.sandi").read_text() == secret
    assert not (folder / "buku_migran.db").exists()  # the hub lives on the server only
    # the office and the operator are on the server
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace

    ws = open_workspace(DataDir(folder))
    try:
        assert ws.db.engine.dialect.name == "postgresql"
        assert ws.office().code == "18.07"
        with ws.db.session() as s:
            assert [o.name for o in s.scalars(select(Operator))] == ["Rina Petugas"]
    finally:
        ws.close()
