"""One way to set up a table view (issue 13 item 4, issue 14 layout).

Every table of the program (``QTableView`` over a model, ``QTableWidget``, ``IdTableView``)
goes through :func:`setup_table`, which gives it the same behaviour:

* read-only, whole rows selected, no row numbers, fixed row height, alternating colours;
* **headers that fit their text**: no column (but the one that takes the remaining width) is
  narrower than its header's own size hint, in any language: re-checked when the headers
  change (a language switch, a model reset), so a longer translation widens the column
  instead of cutting the header ("Perkiraan pul...");
* resize modes: fixed starting widths that the user may still drag, one column that takes
  what is left (the last one unless told otherwise);
* sorting, where the model sorts;
* the headers' retranslation: ``headers`` is a function that returns the header texts in the
  current language; it is applied at once and again on every language change (a
  ``QTableWidget``'s labels or a :class:`RowsModel`'s headers). Models that translate their
  own headers (:class:`IdListTableModel`) are told to repaint them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget
from shiboken6 import isValid

Headers = Callable[[], Sequence[str]]

_ATTRIBUTE = "_table_setup"
MIN_STRETCH_WIDTH = 160
"""The stretching column (usually a name) is never squeezed below this."""


class _TableSetup(QObject):
    """Lives as a child of the view: re-applies the headers on a language change and keeps
    every column at least as wide as its header."""

    def __init__(self, view: QTableView, headers: Headers | None, stretch: int | None) -> None:
        super().__init__(view)
        self.view = view
        self.headers = headers
        self.stretch = stretch
        self._model: Any = None
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)  # its Resize comes once its width is known
        self.watch_model()

    def watch_model(self) -> None:
        """Follow the view's current model (a view may get its model after the setup)."""
        model = self.view.model()
        if model is None or model is self._model:
            return
        self._model = model
        model.headerDataChanged.connect(lambda *_a: self.fit())
        model.modelReset.connect(self.fit)
        model.columnsInserted.connect(lambda *_a: self.fit())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.LanguageChange and obj is self.view and isValid(self.view):
            self.retranslate()
        elif kind == QEvent.Type.Resize and isValid(self.view) and obj is self.view.viewport():
            self.fit_stretch()
        return False

    def retranslate(self) -> None:
        self.watch_model()
        model = self.view.model()
        if self.headers is not None:
            labels = [str(t) for t in self.headers()]
            if isinstance(self.view, QTableWidget):
                self.view.setHorizontalHeaderLabels(labels)
            elif hasattr(model, "set_headers"):
                model.set_headers(labels)
        elif model is not None and model.columnCount() > 0:
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)
        self.fit()

    def stretch_column(self) -> int:
        header = self.view.horizontalHeader()
        if self.stretch is not None:
            return self.stretch
        visible = [i for i in range(header.count()) if not header.isSectionHidden(i)]
        return visible[-1] if visible else -1

    def fit(self) -> None:
        """Widen every column that is narrower than its header text needs."""
        if not isValid(self.view):
            return
        header = self.view.horizontalHeader()
        stretch = self.stretch_column()
        for column in range(header.count()):
            if column == stretch or header.isSectionHidden(column):
                continue
            if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive:
                continue
            needed = header.sectionSizeHint(column)
            if header.sectionSize(column) < needed:
                header.resizeSection(column, needed)
        self.fit_stretch()

    def fit_stretch(self) -> None:
        """The column that takes the remaining width must still show its header (and the
        start of its text): when the other columns leave it too little (a long translation
        on a small screen), it keeps the width it needs and the table scrolls sideways;
        when room comes back, it stretches again."""
        if self.stretch is None:
            return
        header = self.view.horizontalHeader()
        column = self.stretch
        if column >= header.count():
            return
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != column and not header.isSectionHidden(c))
        needed = max(header.sectionSizeHint(column), MIN_STRETCH_WIDTH)
        room = self.view.viewport().width() - others
        stretching = header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch
        if stretching and room < needed:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, needed)
        elif not stretching and room >= needed:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def setup_table(view: QTableView, *, name: str = "", headers: Headers | None = None,
                widths: dict[int, int] | None = None, stretch: int | None = None,
                sortable: bool = False, multi_select: bool = False,
                row_height: int = 24) -> QTableView:
    """Give ``view`` the program's table behaviour (see the module text) and return it.

    ``widths`` are starting widths of columns (raised to the header's need); ``stretch`` is the
    column that takes the remaining width (default: the last one); ``headers`` returns the
    header texts in the current language (for a ``QTableWidget`` or a ``RowsModel``).
    """
    if name:
        view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi_select
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(sortable)
    vh = view.verticalHeader()
    vh.setVisible(False)
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(row_height)
    hh = view.horizontalHeader()
    hh.setHighlightSections(False)
    hh.setSortIndicatorShown(sortable)
    # resizeColumnsToContents() measures only the first rows (a 264-village list measured in
    # full held the window for 0.4 s)
    hh.setResizeContentsPrecision(40)
    hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is None:
        hh.setStretchLastSection(True)
    else:
        hh.setStretchLastSection(False)
        hh.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column, width in (widths or {}).items():
        view.setColumnWidth(column, width)
    setup = _TableSetup(view, headers, stretch)
    setattr(view, _ATTRIBUTE, setup)
    setup.retranslate()
    return view


def fit_headers(view: QTableView) -> None:
    """Widen the columns of a table set up by :func:`setup_table` to their headers again
    (after the caller resized its columns to the contents)."""
    setup = getattr(view, _ATTRIBUTE, None)
    if setup is not None:
        setup.watch_model()
        setup.fit()


def fit_columns(view: QTableView, *, minimum: int = 0, maximum: int = 10_000) -> None:
    """Size every column (but the last) to its contents *and* its header, between
    ``minimum`` and ``maximum`` (``resizeColumnsToContents`` without the header's text
    being forgotten when the header is hidden or the column is narrowed afterwards)."""
    header = view.horizontalHeader()
    for column in range(header.count() - 1):
        if header.isSectionHidden(column):
            continue
        width = max(view.sizeHintForColumn(column) + 16, header.sectionSizeHint(column),
                    minimum)
        header.resizeSection(column, max(header.sectionSizeHint(column), min(width, maximum)))
    fit_headers(view)


def set_widths(view: QTableView, widths: Sequence[int]) -> None:
    """Starting widths of the first columns (the user may drag them), each raised to what
    its header's text needs in the current language."""
    header = view.horizontalHeader()
    for column, width in enumerate(widths):
        if column < header.count():
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))
    fit_headers(view)


def selected_key(view: QTableView) -> str | None:
    """The key (:class:`RowsModel` key) of the row selected in ``view``, or None."""
    selection = view.selectionModel()
    rows = selection.selectedRows() if selection is not None else []
    model = view.model()
    return model.key(rows[0].row()) if rows and hasattr(model, "key") else None


def select_key(view: QTableView, key: str) -> bool:
    """Select (and scroll to) the row of ``view`` whose :class:`RowsModel` key is ``key``;
    False when no row has it."""
    model = view.model()
    row = model.row_of(key) if hasattr(model, "row_of") else -1
    if row < 0:
        return False
    index = model.index(row, 0)
    view.selectionModel().select(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    view.setCurrentIndex(index)
    view.scrollTo(index)
    return True
