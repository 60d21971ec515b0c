"""Data > Undo last bundle import (P4MI, issue 15): asks, names the import, undoes it exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMainWindow, QMessageBox

from tests.sync.conftest import import_
from tests.sync.test_import_undo import hub_state, make_two_bundles
from tests.ui.gui_b_support import make_ctx


def test_undo_last_bundle_import_from_the_data_menu(qtbot: Any, hub: Any, tmp_path: Path,
                                                   monkeypatch: Any) -> None:
    from app.ui.data_menu import install_data_menu

    first, second = make_two_bundles(tmp_path)
    db = hub.data_dir.db_path
    ctx = make_ctx(hub)
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = install_data_menu(window, ctx)
    assert menu.undo_bundle_import_action.isVisible()
    assert not menu.undo_import_list_action.isVisible()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    assert menu.undo_bundle_import() is None  # nothing imported yet
    assert told and "Tidak ada impor paket" in told[-1] or "no bundle import" in told[-1]

    import_(hub, first)
    before = hub_state(db)
    import_(hub, second)
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton):  # noqa: ANN202 - a fake question box
        def question(_parent: Any, _title: str, text: str, *_a: Any) -> Any:
            asked.append(text)
            return button
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    menu.undo_bundle_import()
    assert second.name in asked[-1] and "18.07.01.2001" in asked[-1]
    assert hub_state(db) != before  # "No" changes nothing

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    menu.undo_bundle_import()
    assert hub_state(db) == before
    assert second.name in told[-1]
    menu.adjustSize()
    menu.grab().save(str(tmp_path / "data_menu_p4mi.png"))


def test_undo_bundle_import_hidden_in_a_village(qtbot: Any, village: Any) -> None:
    from app.ui.data_menu import install_data_menu

    window = QMainWindow()
    qtbot.addWidget(window)
    menu = install_data_menu(window, make_ctx(village))
    assert not menu.undo_bundle_import_action.isVisible()
