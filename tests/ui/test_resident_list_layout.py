"""The resident list at 1366x768: every column visible without a sideways scrollbar, every
column sortable by a click, and Ctrl+End going to the last person without hiding Nama."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView


def _view(qtbot, ctx):
    from app.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_view("penduduk")
    view = window.findChild(QAbstractItemView, "resident_table")
    qtbot.waitUntil(lambda: view.model().rowCount() > 0)
    return window, view


def test_all_columns_fit_and_sort(qtbot, ctx) -> None:
    window, table = _view(qtbot, ctx)
    qtbot.wait(50)
    assert not table.horizontalScrollBar().isVisible()
    model = table.model()
    header = table.horizontalHeader()
    for column in range(model.columnCount()):
        text = model.headerData(column, Qt.Orientation.Horizontal)
        needed = header.fontMetrics().horizontalAdvance(text) + 12
        assert header.sectionSize(column) >= needed, f"column {text!r} is cut"
        assert model.columns[column].sortable, f"column {text!r} cannot be sorted"
    # a click on Tanggal lahir sorts by it
    col = [c.key for c in model.columns].index("birth_date")
    table.sortByColumn(col, Qt.SortOrder.AscendingOrder)
    assert model.sort_key == "birth_date"
    dates = [model.data(model.index(r, col)) for r in range(min(model.rowCount(), 30))]
    parsed = [tuple(reversed(d.split("/"))) for d in dates if d]
    assert parsed == sorted(parsed)


def test_ctrl_end_goes_to_the_last_row_and_keeps_the_column(qtbot, ctx) -> None:
    window, table = _view(qtbot, ctx)
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    current = table.currentIndex()
    assert current.row() == table.model().rowCount() - 1
    assert current.column() == 0
    assert table.horizontalScrollBar().value() == 0
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert table.currentIndex().row() == 0
