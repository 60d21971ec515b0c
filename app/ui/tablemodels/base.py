"""``IdListTableModel``: a table over a list of row ids, pages fetched on demand (STYLE 2.5).

The model holds only ``ids`` (an ``array('q')`` in display order, from one SQL answer), so
``rowCount`` is exact from the start and the scrollbar never lies. ``data()`` reads a page
cache: on a miss it loads the whole page of :data:`PAGE_SIZE` rows with one query, formats
every cell once to a string, and keeps the last :data:`MAX_PAGES` pages. Sorting re-asks the
data source (``query_ids``) in SQL; there is no proxy model. Subclasses implement
``query_ids()`` and ``load_rows(ids)``.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

PAGE_SIZE = 200
MAX_PAGES = 50
ID_ROLE = Qt.ItemDataRole.UserRole  # the record's UUID (for opening it)

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ID = int(ID_ROLE.value)
_ANSWERED_ROLES = frozenset((_DISPLAY, _ID, int(Qt.ItemDataRole.TextAlignmentRole.value)))
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


@dataclass(frozen=True)
class Column:
    key: str  # sort key understood by the data source
    title: str  # English source, translated in context "Columns"
    sortable: bool = True
    align_right: bool = False


class IdListTableModel(QAbstractTableModel):
    columns: tuple[Column, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.ids: array = array("q")
        self._pages: OrderedDict[int, list[tuple[Any, ...]]] = OrderedDict()
        self.sort_column = 0
        self.sort_order = Qt.SortOrder.AscendingOrder

    # -- subclass hooks -------------------------------------------------------------------
    def query_ids(self) -> array:
        raise NotImplementedError

    def load_rows(self, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        """``{id: (cell strings..., uuid)}``: one formatted string per column, then the UUID."""
        raise NotImplementedError

    # -- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def _row(self, row: int) -> tuple[Any, ...] | None:
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            start = page_no * PAGE_SIZE
            chunk = self.ids[start:start + PAGE_SIZE]
            loaded = self.load_rows(chunk)
            blank = ("",) * len(self.columns) + (None,)
            page = [loaded.get(i, blank) for i in chunk]
            self._pages[page_no] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        offset = row - page_no * PAGE_SIZE
        return page[offset] if 0 <= offset < len(page) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # a painted row asks for ~8 roles per cell: the roles without an answer return first,
        # compared as plain ints (an enum comparison per call doubled the time of a repaint)
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if row >= len(self.ids) or col >= len(self.columns):
            return None
        if role == _DISPLAY:
            cells = self._row(row)
            return cells[col] if cells is not None else None
        if role == _ID:
            cells = self._row(row)
            return cells[-1] if cells is not None else None
        if self.columns[col].align_right:  # the alignment role
            return _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("Columns", column.title)
            if role == Qt.ItemDataRole.ToolTipRole and not column.sortable:
                return QCoreApplication.translate("Columns", "This column cannot be sorted.")
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or not self.columns[column].sortable:
            return
        if column == self.sort_column and order == self.sort_order and len(self.ids):
            return
        self.sort_column, self.sort_order = column, order
        self.requery()

    @property
    def sort_key(self) -> str:
        return self.columns[self.sort_column].key

    @property
    def descending(self) -> bool:
        return self.sort_order == Qt.SortOrder.DescendingOrder

    # -- refreshing -----------------------------------------------------------------------
    def requery(self) -> None:
        """Ask the data source again (filter or sort changed); views keep the selection."""
        ids = self.query_ids()
        self.beginResetModel()
        self.ids = ids
        self._pages.clear()
        self.endResetModel()

    def set_ids(self, ids: Any) -> None:
        """Show ids already queried elsewhere (on the DB worker): a reset like :meth:`requery`."""
        self.beginResetModel()
        self.ids = ids
        self._pages.clear()
        self.endResetModel()

    def invalidate_rows(self, row_ids: Sequence[int] = ()) -> None:
        """Re-read cached rows (after an edit) without resetting: all pages if none given."""
        if not row_ids:
            self._pages.clear()
            if len(self.ids):
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(self.ids) - 1, len(self.columns) - 1))
            return
        for rid in row_ids:
            row = self.row_of(rid)
            if row < 0:
                continue
            self._pages.pop(row // PAGE_SIZE, None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def retranslate(self, language: str) -> None:
        """The interface language changed: re-format the cached rows and the headers."""
        self.language = language
        self.invalidate_rows()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def row_of(self, row_id: int) -> int:
        try:
            return self.ids.index(row_id)
        except ValueError:
            return -1

    def id_at(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def uuid_at(self, row: int) -> str | None:
        cells = self._row(row) if 0 <= row < len(self.ids) else None
        return cells[-1] if cells is not None else None
