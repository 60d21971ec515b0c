"""The list-import wizard driven with pytest-qt: file, mapping, preview, import, refused rows
as Excel, and Data > Undo last list import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWizard
from sqlalchemy import func, select

from app.core.models import Resident
from tests.lists.test_formats import messy_workbook
from tests.ui.gui_b_support import make_ctx


def _live(ctx: Any) -> int:
    with ctx.db.session() as s:
        return s.scalar(select(func.count()).select_from(Resident).where(
            Resident.deleted.is_(False)))


def test_wizard_imports_saves_refused_rows_and_undo(qtbot: Any, village: Any, tmp_path: Path,
                                                    monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QMainWindow

    from app.ui.data_menu import install_data_menu
    from app.ui.import_list.wizard import PAGE_MAPPING, PAGE_PREVIEW, PAGE_RESULT

    ctx = make_ctx(village)
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = install_data_menu(window, ctx)
    assert menu.import_list_action.isVisible()
    wizard = menu.import_list()
    qtbot.addWidget(wizard)
    path = messy_workbook(tmp_path)
    wizard.page(0).path.setText(str(path))
    wizard.next()
    assert wizard.currentId() == PAGE_MAPPING
    page = wizard.page(PAGE_MAPPING)
    fields = {page.grid.item(r, 0).text(): page.combos[r].currentData()
              for r in range(page.grid.rowCount())}
    assert fields["NIK"] == "nik" and fields["Tgl Berangkat"] == "departed_on"
    assert fields["No"] == ""
    wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW
    preview_page = wizard.page(PAGE_PREVIEW)
    assert "Baru: 4" in preview_page.counts.text() or "New: 4" in preview_page.counts.text()
    assert "'1.80701E+15'" in preview_page.report.toPlainText()
    assert _live(ctx) == 0  # nothing written before the operator confirms
    wizard.grab().save(str(tmp_path / "preview.png"))
    wizard.button(QWizard.WizardButton.CommitButton).click()
    assert wizard.currentId() == PAGE_RESULT
    assert _live(ctx) == 4
    result = wizard.page(PAGE_RESULT)
    assert "4" in result.summary.text() and result.save_button.isEnabled()
    saved = result.save_refused(tmp_path / "ditolak.xlsx")
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(saved)).get_sheet_by_name("Ditolak").to_python()
    assert len(rows) == 7 and rows[0][:4] == ["Baris asal", "Alasan ditolak", "No", "Nama"]
    assert [r[0] for r in rows[1:]] == ["7", "8", "9", "10", "11", "13"]
    assert rows[1][4] == "1.80701E+15"

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    menu.undo_import_list()
    assert _live(ctx) == 0


def test_import_actions_hidden_at_the_hub(qtbot: Any, hub: Any) -> None:
    from PySide6.QtWidgets import QMainWindow

    from app.ui.data_menu import install_data_menu

    window = QMainWindow()
    qtbot.addWidget(window)
    menu = install_data_menu(window, make_ctx(hub))
    assert not menu.import_list_action.isVisible()
