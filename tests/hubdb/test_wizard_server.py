"""The first-start wizard's server option for a P4MI (issue 16 item 1), against the real local
PostgreSQL server: "Uji koneksi" runs off the GUI thread and says in Indonesian what is wrong
(wrong password, unreachable server, another office's database); a tested server lets the
wizard finish, and the program then opens the hub on that server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWizard

from tests.hubdb import wizard_support
from tests.hubdb.conftest import make_hub_on
from tests.hubdb.wizard_support import connection_test, fill, to_server_page

# the shared fixtures (pytest finds them by these names; "indonesian" is autouse)
checks_off_gui_thread = wizard_support.checks_off_gui_thread
indonesian = wizard_support.indonesian
wizard = wizard_support.wizard

pytestmark = pytest.mark.postgresql


def test_wrong_password_is_said_and_blocks_finishing(
        qtbot: Any, wizard: Any, pg_database: str, checks_off_gui_thread: list[bool]) -> None:
    page = to_server_page(qtbot, wizard)
    assert page.isComplete()  # the file on this laptop needs no test
    fill(qtbot, page, pg_database, password="bukan-sandinya")
    assert not page.isComplete()  # a server must be tested first
    text = connection_test(qtbot, page)
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
    page = to_server_page(qtbot, wizard)
    fill(qtbot, page, pg_database, port=free)
    text = connection_test(qtbot, page)
    assert "tidak dapat dihubungi" in text and f":{free}/" in text
    assert checks_off_gui_thread == [False]
    assert not page.isComplete()


def test_database_of_another_office_is_refused(qtbot: Any, wizard: Any, pg_database: str,
                                               tmp_path: Path) -> None:
    other = make_hub_on(tmp_path / "p4mi-lain", pg_database, code="18.08")
    other.close()
    page = to_server_page(qtbot, wizard, regency="18.07")
    fill(qtbot, page, pg_database)
    text = connection_test(qtbot, page)
    assert "milik kantor lain (18.08), bukan 18.07" in text
    assert not page.isComplete()


def test_a_tested_server_then_an_edited_field_needs_a_new_test(
        qtbot: Any, wizard: Any, pg_database: str) -> None:
    page = to_server_page(qtbot, wizard)
    fill(qtbot, page, pg_database)
    text = connection_test(qtbot, page)
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
