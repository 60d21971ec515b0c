"""The whole first start on a server, run by ``test_wizard_server.py`` in a process of its own:
``main()`` runs the real event loop and leaves process-wide Qt state behind (the tests after it
in the same process saw queued results never delivered), so it does not share a process with
other GUI tests. Not collected on its own (its name does not start with ``test_``)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.hubdb.conftest import make_hub_on


@pytest.fixture(autouse=True)
def _indonesian(qapp: Any) -> Any:
    """In Indonesian, as the installed program starts."""
    from app.ui.i18n import set_language

    set_language("id")
    yield
    set_language("id")


@pytest.fixture
def checks_off_gui_thread(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every connection test the wizard makes: True if it ran on the GUI thread."""
    from app.core import server

    seen: list[bool] = []
    real = server.check_connection

    def check(*args: Any, **kwargs: Any) -> str:
        seen.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(server, "check_connection", check)
    return seen


def _to_server_page(qtbot: Any, wizard: Any, regency: str = "18.07") -> Any:
    wizard.show()
    wizard.welcome_page.p4mi_mode.setChecked(True)
    wizard.next()
    page = wizard.village_page
    page.province.setCurrentIndex(page.province.findData(regency.split(".")[0]))
    page.regency.setCurrentIndex(page.regency.findData(regency))
    wizard.next()
    assert wizard.currentPage() is wizard.server_page
    return wizard.server_page


def _fill(qtbot: Any, page: Any, url: str, *, password: str | None = None,
          port: int | None = None) -> None:
    parts = urlsplit(url)
    page.server.setChecked(True)
    page.host.setText(parts.hostname or "127.0.0.1")
    page.port.setValue(port or parts.port or 5432)
    page.database.setText(parts.path.lstrip("/"))
    page.user.setText(unquote(parts.username or ""))
    page.password.setText(password if password is not None else unquote(parts.password or ""))


def _test(qtbot: Any, page: Any) -> str:
    assert page.test_button.isEnabled()
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.op is None, timeout=20000)
    return page.status.text()


@pytest.fixture
def wizard(qtbot: Any, tmp_path: Path) -> Any:
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from app.ui.wizard import SetupWizard

    ws = open_workspace(DataDir(tmp_path / "baru"))
    w = SetupWizard(ws)
    qtbot.addWidget(w)
    yield w
    if w.server_page.runner is not None:
        w.server_page.runner.shutdown(wait=True)
    ws.close()


def test_wrong_password_is_said_and_blocks_finishing(
        qtbot: Any, wizard: Any, pg_database: str, checks_off_gui_thread: list[bool]) -> None:
    page = _to_server_page(qtbot, wizard)
    assert page.isComplete()  # the file on this laptop needs no test
    _fill(qtbot, page, pg_database, password="bukan-sandinya")
    assert not page.isComplete()  # a server must be tested first
    text = _test(qtbot, page)
    assert "kata sandi salah" in text and "bmd" in text
    assert "bukan-sandinya" not in text
    assert checks_off_gui_thread == [False]  # the check ran on a worker thread
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentPage() is page  # Next stays on the page


def test_unreachable_server_is_said(qtbot: Any, wizard: Any, pg_database: str,
                                   checks_off_gui_thread: list[bool]) -> None:
    import socket

    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    page = _to_server_page(qtbot, wizard)
    _fill(qtbot, page, pg_database, port=free)
    text = _test(qtbot, page)
    assert "tidak dapat dihubungi" in text and f":{free}/" in text
    assert checks_off_gui_thread == [False]
    assert not page.isComplete()


def test_database_of_another_office_is_refused(qtbot: Any, wizard: Any, pg_database: str,
                                               tmp_path: Path) -> None:
    other = make_hub_on(tmp_path / "p4mi-lain", pg_database, code="18.08")
    other.close()
    page = _to_server_page(qtbot, wizard, regency="18.07")
    _fill(qtbot, page, pg_database)
    text = _test(qtbot, page)
    assert "milik kantor lain (18.08), bukan 18.07" in text
    assert not page.isComplete()


def test_a_tested_server_then_an_edited_field_needs_a_new_test(
        qtbot: Any, wizard: Any, pg_database: str) -> None:
    page = _to_server_page(qtbot, wizard)
    _fill(qtbot, page, pg_database)
    text = _test(qtbot, page)
    assert "Basis data masih kosong" in text
    assert page.isComplete()
    page.database.setText(page.database.text() + "x")
    assert not page.isComplete() and page.status.text() == ""
    page.database.setText(page.database.text()[:-1])
    assert not page.isComplete()  # the same values again still need their test


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
        page = _to_server_page(qtbot, self)
        _fill(qtbot, page, pg_database)
        assert "masih kosong" in _test(qtbot, page)
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
