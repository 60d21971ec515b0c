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
        return None

    monkeypatch.setattr(SetupWizard, "run", staticmethod(cancel))
    return seen


def test_cancelled_wizard_leaves_no_new_folder(qapp: Any, cancelled_wizard: list[Path],
                                               tmp_path: Path) -> None:
    from app.ui.main import main

    folder = tmp_path / "Buku Migran Baru"
    assert main(["--data-dir", str(folder), "--no-crash-dialog"]) == 1
    assert cancelled_wizard == [folder / "buku_migran.db"]
    assert not folder.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


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
