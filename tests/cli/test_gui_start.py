"""The GUI's start on a folder that is not set up yet (issue 17, item 8): a cancelled first-start
wizard leaves the folder as it was (a new folder is not left behind, an empty one stays
empty), and a folder that is set up keeps everything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def cancelled_wizard(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    from app.ui.wizard import SetupWizard

    seen: list[Path] = []

    def cancel(workspace: Any) -> None:
        seen.append(workspace.data_dir.db_path)
        assert workspace.data_dir.db_path.is_file()  # the wizard works on a real database
        return None  # "Cancel"

    monkeypatch.setattr(SetupWizard, "run", staticmethod(cancel))
    return seen


def test_cancelled_wizard_leaves_no_new_folder(qapp: Any, cancelled_wizard: list[Path],
                                               tmp_path: Path) -> None:
    from app.ui.main import main

    folder = tmp_path / "Buku Migran Baru"
    assert main(["--data-dir", str(folder), "--no-crash-dialog"]) == 1
    assert len(cancelled_wizard) == 1 and folder not in cancelled_wizard[0].parents
    assert not cancelled_wizard[0].exists()  # the private set-up folder is gone too
    assert not folder.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_folder_gets_its_files_only_once_the_wizard_is_answered(
        qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from app.core.workspace import MODE_VILLAGE, initialise_office
    from app.ui import login
    from app.ui.main import main
    from app.ui.wizard import SetupWizard

    folder = tmp_path / "Buku Migran Baru"
    during: list[bool] = []

    def answer(workspace: Any) -> Any:
        during.append(folder.exists())
        office = initialise_office(workspace, mode=MODE_VILLAGE, code="18.07.01.2001",
                                   name="Sukadana", operator="Bu Sekdes")
        return office, office.operator

    monkeypatch.setattr(SetupWizard, "run", staticmethod(answer))
    monkeypatch.setattr(login, "sign_in_at_start", lambda db, office: None)
    assert main(["--data-dir", str(folder), "--no-crash-dialog"]) == 0
    assert during == [False]  # nothing in the chosen folder while the wizard was open
    con = sqlite3.connect(folder / "buku_migran.db")
    try:
        settings = dict(con.execute("SELECT key, value FROM setting"))
    finally:
        con.close()
    assert settings["office_code"] == "18.07.01.2001"
    assert settings["operator_name"] == "Bu Sekdes"
    assert not list(folder.glob(".*.baru"))


def test_cancelled_wizard_leaves_an_empty_folder_empty(qapp: Any, cancelled_wizard: list[Path],
                                                       tmp_path: Path) -> None:
    from app.ui.main import main

    folder = tmp_path / "kosong"
    folder.mkdir()
    assert main(["--data-dir", str(folder), "--no-crash-dialog"]) == 1
    assert cancelled_wizard and folder.is_dir() and list(folder.iterdir()) == []


def test_set_up_folder_is_never_tidied(qapp: Any, village: Any,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui import login
    from app.ui.main import main

    village.close()
    monkeypatch.setattr(login, "sign_in_at_start", lambda db, office: None)  # "Cancel" at PIN
    assert main(["--data-dir", str(village.data_dir.root), "--no-crash-dialog"]) == 0
    assert village.data_dir.db_path.is_file()
    assert village.office() is not None


def test_full_disk_in_the_gui_is_the_clear_message_not_a_crash(
        qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    from app.core.errors import AppError
    from app.ui.errors import error_text, show_error

    shown: list[tuple[str, Any]] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.icon())))
    try:
        raise RuntimeError("import failed") from sqlite3.OperationalError(
            "database or disk is full")
    except RuntimeError as exc:
        show_error(None, exc)
    expected = error_text(AppError("storage.full", path="?"))
    assert shown == [(expected, QMessageBox.Icon.Warning)]
