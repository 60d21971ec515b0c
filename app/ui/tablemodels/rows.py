"""A read-only table model over a short list of pre-formatted rows (dashboard lists, cases,
activities, participants: at most a few thousand rows, per STYLE 2.5)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

KeyRole = Qt.ItemDataRole.UserRole + 1
"""The row's key (usually a record id), on every cell."""

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """Rows of display strings with one key each; columns listed in ``numeric`` align right."""

    def __init__(self, headers: Sequence[str], parent: Any = None, *,
                 numeric: Sequence[int] = ()) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[str, ...]] = []
        self._keys: list[str] = []
        self._tips: list[str] = []
        self._numeric = set(numeric)

    def set_headers(self, headers: Sequence[str]) -> None:
        self._headers = list(headers)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    def set_rows(self, rows: Sequence[Sequence[str]], keys: Sequence[str],
                 tips: Sequence[str] | None = None) -> None:
        self.beginResetModel()
        width = len(self._headers)
        self._rows = [tuple(map(str, r))[:width] + ("",) * (width - len(r)) for r in rows]
        self._keys = list(keys)
        self._tips = list(tips) if tips is not None else []
        self.endResetModel()

    def key(self, row: int) -> str:
        return self._keys[row]

    def row_of(self, key: str) -> int:
        try:
            return self._keys.index(key)
        except ValueError:
            return -1

    def row_values(self, row: int) -> tuple[str, ...]:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[row][col]
        if role == KeyRole:
            return self._keys[row]
        if role == Qt.ItemDataRole.ToolTipRole and self._tips:
            return self._tips[row] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self._numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None
