"""The autouse guard in conftest turns an unexpected modal loop into a failure, not a hang."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog


def test_unexpected_dialog_exec_fails(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.setWindowTitle("Masuk")
    with pytest.raises(AssertionError, match="unexpected modal dialog: QDialog 'Masuk'"):
        dialog.exec()


def test_unexpected_file_and_input_dialogs_fail(qtbot) -> None:
    with pytest.raises(AssertionError, match="unexpected modal file/input dialog"):
        QFileDialog.getOpenFileName(None, "Pilih berkas", "")
    with pytest.raises(AssertionError, match="unexpected modal file/input dialog"):
        QInputDialog.getText(None, "PIN", "PIN:")
