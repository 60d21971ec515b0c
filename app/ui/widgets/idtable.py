"""A table view for :class:`IdListTableModel`: fixed row height, SQL sorting, and the
selection kept *by id* across re-sorting and re-filtering (Anki's save/restore selection)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from app.ui.tablemodels.base import ID_ROLE, IdListTableModel
from app.ui.widgets.tables import fit_headers, setup_table


class IdTableView(QTableView):
    activated_uuid = Signal(str)  # Enter or double-click on a row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        setup_table(self, sortable=True, multi_select=True, row_height=26)
        self.setTabKeyNavigation(False)
        self._saved: tuple[list[int], int | None] = ([], None)
        self.doubleClicked.connect(self._activate)

    def setModel(self, model: IdListTableModel) -> None:  # noqa: N802
        super().setModel(model)
        fit_headers(self)
        model.modelAboutToBeReset.connect(self._save_selection)
        model.modelReset.connect(self._restore_selection)
        self.horizontalHeader().setSortIndicator(model.sort_column, model.sort_order)

    def set_column_widths(self, widths: dict[int, int], stretch: int | None = 0) -> None:
        """Starting widths (the user may still drag them; never narrower than the header's
        text) and one column that takes what is left (``None``: the last), so the table fits the
        window without a sideways scrollbar."""
        setup_table(self, sortable=True, multi_select=True, row_height=26, widths=widths,
                    stretch=stretch)

    def moveCursor(self, action: QAbstractItemView.CursorAction,  # noqa: N802 - Qt override
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Home/End (with or without Ctrl) go to the first/last row and keep the column: in a
        list of whole rows, Ctrl+End must show the last person, not scroll sideways and hide
        Nama (QTableView's own Home/End move between columns)."""
        ends = {QAbstractItemView.CursorAction.MoveHome: 0,
                QAbstractItemView.CursorAction.MoveEnd: -1}
        if action in ends and self.model() is not None and self.model().rowCount() > 0:
            row = 0 if ends[action] == 0 else self.model().rowCount() - 1
            return self.model().index(row, max(self.currentIndex().column(), 0))
        return super().moveCursor(action, modifiers)

    def id_model(self) -> IdListTableModel:
        return self.model()  # type: ignore[return-value]

    def selected_ids(self) -> list[int]:
        model = self.id_model()
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        return [model.ids[r] for r in rows if r < len(model.ids)]

    def current_uuid(self) -> str | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.id_model().data(index, ID_ROLE)

    def select_ids(self, ids: list[int], current: int | None = None) -> None:
        model = self.id_model()
        selection = QItemSelection()
        last = model.columnCount() - 1
        for rid in ids:
            row = model.row_of(rid)
            if row >= 0:
                selection.select(model.index(row, 0), model.index(row, last))
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.selectionModel().select(selection, flags)
        if current is not None:
            row = model.row_of(current)
            if row >= 0:
                self.selectionModel().setCurrentIndex(
                    model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
                self.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)

    def _save_selection(self) -> None:
        model = self.id_model()
        current = self.currentIndex()
        cur = model.id_at(current.row()) if current.isValid() else None
        self._saved = (self.selected_ids(), cur)

    def _restore_selection(self) -> None:
        ids, current = self._saved
        if ids or current is not None:
            self.select_ids(ids, current)
        # lay the rows out now: left to Qt's delayed layout, the table is painted once with
        # the old layout and once more after it (two paints per keystroke, ~25 ms each)
        self.executeDelayedItemsLayout()

    def _activate(self, index: QModelIndex) -> None:
        uuid = self.id_model().data(index, ID_ROLE)
        if uuid:
            self.activated_uuid.emit(uuid)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activate(self.currentIndex())
            return
        super().keyPressEvent(event)
