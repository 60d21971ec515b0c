"""The first-start wizard's server option for a P4MI (issue 16 item 1), against the real local
PostgreSQL server: "Uji koneksi" runs off the GUI thread and says in Indonesian what is wrong
(wrong password, unreachable server, another office's database); a tested server lets the
wizard finish, and the program then opens the hub on that server."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.hubdb.conftest import make_hub_on

pytestmark = pytest.mark.postgresql


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


def test_success_opens_the_hub_on_the_server(pg_server: str) -> None:
    """The whole start: the wizard (driven as a clerk would) sets the folder up on the server,
    and the program opens the main window on the hub there, signed in as that clerk. Run in a
    process of its own (tests/hubdb/wizard_server_start.py says why)."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
         "tests/hubdb/wizard_server_start.py::test_whole_start"],
        cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "1 passed" in done.stdout, done.stdout[-3000:] + done.stderr
