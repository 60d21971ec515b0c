"""After printing, the main window says where the PDF went; the monthly recap proposes the
last finished month, not the one still running."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate

from tests.ui.conftest import make_context


def test_saved_pdf_path_is_shown_in_the_status_bar(qtbot, empty_ctx, tmp_path: Path,
                                                    monkeypatch) -> None:
    from app.ui.main_window import MainWindow
    from app.ui.printing.dialog import PrintDialog

    window = MainWindow(empty_ctx)
    qtbot.addWidget(window)
    window.show()
    target = tmp_path / "register.pdf"

    def fake_exec(self: PrintDialog) -> int:
        self.open_after.setChecked(False)
        self.path.setText(str(target))
        self.save()
        return 1

    monkeypatch.setattr(PrintDialog, "exec", fake_exec)
    saved = PrintDialog.run(empty_ctx, "register", window)
    assert saved == target and target.is_file()
    message = window.statusBar().currentMessage()
    assert str(target) in message and message.startswith("PDF tersimpan")


def test_monthly_recap_defaults_to_the_last_finished_month(qtbot, village) -> None:
    from app.ui.printing.dialog import PrintDialog

    dialog = PrintDialog(make_context(village), "recap")
    qtbot.addWidget(dialog)
    today = date.today()
    expected = QDate(today.year, today.month, 1).addMonths(-1)
    assert dialog.month.date() == expected
    assert dialog.selected_month() == (expected.year(), expected.month())
