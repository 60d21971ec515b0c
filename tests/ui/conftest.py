"""pytest-qt fixtures for the GUI tests: offscreen Qt, Indonesian translators, a village with
demo data, a context with the synchronous task runner, and a guard against stray modal boxes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _indonesian(qapp: Any) -> Iterator[None]:
    """Every GUI test starts in Indonesian, as the installed program does."""
    from app.ui.i18n import set_language

    set_language("id")
    yield
    set_language("id")


@pytest.fixture(autouse=True)
def _no_unexpected_message_box(monkeypatch: pytest.MonkeyPatch) -> None:
    """A QMessageBox that a test did not expect fails the test instead of hanging CI."""
    from PySide6.QtWidgets import QMessageBox

    def fail(*args: Any, **_kw: Any) -> Any:
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("question", "warning", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, fail)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: fail(self, self.windowTitle(),
                                                               self.text()))


@pytest.fixture(autouse=True)
def _no_unexpected_modal_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any modal loop a test did not replace (a dialog's ``exec``, a file or input dialog)
    fails the test at once. Without this, a modal fired by a timer an earlier test left alive
    (the idle lock's sign-in box) waited for a click for ever and CI hung. Tests that open a
    dialog patch that dialog class's ``exec`` themselves (see ``gui_b_support``)."""
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

    def fail_exec(self: QDialog, *args: Any) -> int:
        raise AssertionError(
            f"unexpected modal dialog: {type(self).__name__} {self.windowTitle()!r}")

    def fail_static(*args: Any, **_kw: Any) -> Any:
        raise AssertionError(f"unexpected modal file/input dialog: {args[1:3]}")

    monkeypatch.setattr(QDialog, "exec", fail_exec)
    for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName",
                 "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, fail_static)
    for name in ("getText", "getInt", "getItem", "getDouble", "getMultiLineText"):
        monkeypatch.setattr(QInputDialog, name, fail_static)


@pytest.fixture
def demo_village(tmp_path: Path) -> Iterator[Any]:
    """A village workspace with 150 demo residents (seed 3), episodes in every state."""
    from app.core.demo import add_demo_data
    from app.core.paths import DataDir
    from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace

    ws = open_workspace(DataDir(tmp_path / "desa"))
    office = initialise_office(ws, mode=MODE_VILLAGE, code="18.07.01.2001", name="Sukadana",
                               operator="Operator Uji")
    add_demo_data(ws.db, office, 150, seed=3)
    yield ws
    ws.close()


def make_context(ws: Any, language: str = "id") -> Any:
    from app.ui.context import AppContext
    from app.ui.tasks import TaskRunner

    return AppContext(ws, ws.office(), operator="Operator Uji", language=language,
                      tasks=TaskRunner(synchronous=True))


@pytest.fixture
def ctx(demo_village: Any) -> Any:
    return make_context(demo_village)


@pytest.fixture
def empty_ctx(village: Any) -> Any:
    return make_context(village)
