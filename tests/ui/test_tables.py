"""The one table set-up (app/ui/widgets/tables.py) and the one LanguageChange hook
(app/ui/i18n.Retranslating): headers fit their text in every language, follow a language
switch, and the column that stretches is never squeezed to nothing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QTableView, QTableWidget, QWidget


def test_headers_follow_the_language_and_fit_their_text(qtbot: Any) -> None:
    from app.ui.i18n import set_language
    from app.ui.widgets.tables import setup_table

    table = QTableWidget(0, 3)
    qtbot.addWidget(table)
    tr = QCoreApplication.translate
    setup_table(table, headers=lambda: [tr("Columns", "Expected return"), "NIK", "x"])
    assert table.horizontalHeaderItem(0).text() == "Perkiraan pulang"
    table.setColumnWidth(0, 20)  # a caller's narrow starting width
    set_language("en")
    QCoreApplication.processEvents()
    assert table.horizontalHeaderItem(0).text() == "Expected return"
    header = table.horizontalHeader()
    assert header.sectionSize(0) >= header.sectionSizeHint(0) > 20
    set_language("id")
    QCoreApplication.processEvents()
    assert table.horizontalHeaderItem(0).text() == "Perkiraan pulang"


def test_rows_model_headers_and_set_widths(qtbot: Any) -> None:
    from app.ui.tablemodels.rows import RowsModel
    from app.ui.widgets.tables import set_widths, setup_table

    model = RowsModel(["", ""])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    setup_table(view, headers=lambda: ["Tanggal keberangkatan sebenarnya", "Catatan"])
    assert model.headerData(0, Qt.Orientation.Horizontal) \
        == "Tanggal keberangkatan sebenarnya"
    set_widths(view, (30,))
    header = view.horizontalHeader()
    assert header.sectionSize(0) == header.sectionSizeHint(0) > 30


def test_stretching_column_keeps_its_header(qtbot: Any) -> None:
    """Too little room for the name column: it keeps its width and the table scrolls;
    room again: it stretches again."""
    from PySide6.QtWidgets import QHeaderView

    from app.ui.widgets.tables import MIN_STRETCH_WIDTH, setup_table

    table = QTableWidget(0, 4)
    qtbot.addWidget(table)
    setup_table(table, headers=lambda: ["Nama", "A", "B", "C"], stretch=0,
                widths={1: 300, 2: 300, 3: 300})
    table.resize(700, 300)
    table.show()
    qtbot.wait(10)
    header = table.horizontalHeader()
    assert header.sectionSize(0) >= MIN_STRETCH_WIDTH
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Interactive
    table.resize(1300, 300)
    qtbot.wait(10)
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    assert header.sectionSize(0) > MIN_STRETCH_WIDTH


def test_retranslating_mixin_reruns_retranslate(qtbot: Any) -> None:
    from app.ui.i18n import Retranslating, set_language

    class Panel(Retranslating, QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.label = QLabel(self)
            self.retranslate()

        def retranslate(self) -> None:
            self.label.setText(QCoreApplication.translate("MainWindow", "Residents"))

    panel = Panel()
    qtbot.addWidget(panel)
    assert panel.label.text() == "Penduduk"
    set_language("en")
    QCoreApplication.processEvents()
    assert panel.label.text() == "Residents"


def test_no_copied_language_change_handlers() -> None:
    """The LanguageChange hook is written once (Retranslating); data_menu.py waits for its
    split into a package on another branch."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "app" / "ui"
    copies = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                    if "def changeEvent" in p.read_text(encoding="utf-8")
                    and p.name not in ("i18n.py", "data_menu.py"))
    assert copies == []
