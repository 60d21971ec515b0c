"""Qt's own file dialog (used where the platform has no native one) speaks Indonesian."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QLabel, QPushButton


def test_qt_file_dialog_is_indonesian(qtbot, tmp_path: Path) -> None:
    (tmp_path / "paket.bmd").write_bytes(b"x")
    dialog = QFileDialog(None, "Pilih paket", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {w.text() for w in dialog.findChildren(QLabel)}
    assert {"&Cari di:", "&Nama berkas:", "&Jenis berkas:"} <= labels, labels
    buttons = {b.text() for b in dialog.findChildren(QPushButton)}
    assert "&Simpan" in buttons and "Batal" in buttons, buttons
    model = dialog.findChild(QFileSystemModel)
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers == ["Nama", "Ukuran", "Jenis", "Tanggal diubah"], headers
