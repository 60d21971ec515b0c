"""An export cut short by a power cut is settled when the program starts, and said so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sync.test_kill_sequence import _exports, _kill_at, _reopen, _village


def test_number_taken_before_a_cut_is_released_at_start_and_said(qtbot: Any,
                                                                   tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMainWindow

    from app.ui.main import _recover_unfinished_exports
    from app.ui.startup_checks import StartUpNotices

    folder = _village(tmp_path)
    _kill_at("export-after-number", folder, tmp_path / "usb")
    assert _exports(folder) == [(1, "menulis")]
    notices = StartUpNotices()
    ws = _reopen(folder)
    try:
        office = ws.office()
        _recover_unfinished_exports(ws, office, "Operator Desa")
    finally:
        ws.close()
    assert _exports(folder) == [(1, "dilepas")]
    window = QMainWindow()
    qtbot.addWidget(window)
    text = notices.show(window, "id")
    assert "nomor urutnya dilepas" in text
    assert text == window.statusBar().currentMessage()
