"""Guard against Qt for Python builds that corrupt reference counts (PySide6 6.12.0 did).

An over-decremented ``None`` crashes the interpreter once its count reaches zero: after a few
hours of scrolling a table, or at exit. This test calls the bindings the application uses on
every repaint and checks that ``None``, ``True`` and ``False`` keep their counts.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel


class _NoneModel(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 3

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 3

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return None


class _Flags(QObject):
    toggled = Signal(bool)


def _delta(obj: object, action, times: int = 2000) -> int:  # noqa: ANN001
    gc.collect()
    before = sys.getrefcount(obj)
    for _ in range(times):
        action()
    gc.collect()
    return sys.getrefcount(obj) - before


def test_model_data_and_set_text_keep_none_alive(qapp) -> None:
    model = _NoneModel()
    label = QLabel()
    assert _delta(None, lambda: model.index(1, 1).data()) >= 0
    assert _delta(None, lambda: label.setText("x")) >= 0


def test_bool_signals_keep_true_and_false_alive(qapp) -> None:
    flags = _Flags()
    seen: list[bool] = []
    flags.toggled.connect(seen.append)
    assert _delta(True, lambda: flags.toggled.emit(True)) >= -1
    assert _delta(False, lambda: flags.toggled.emit(False)) >= -1
    assert len(seen) == 4000
    seen.clear()
