"""The village's yearly report (Pasal 42 a-e and the Desa Migran Emas checklist): every figure
re-counted with SQL on demo data, and printed through the real print dialog."""

from __future__ import annotations

import re
import sqlite3
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.demo_data import make_demo_village
from tests.ui.gui_b_support import make_ctx

YEAR = date.today().year - 1


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Any:
    ws = make_demo_village(tmp_path_factory.mktemp("yearly") / "desa", residents=600, seed=9,
                           today=date.today())
    yield ws
    ws.close()


def one(ws: Any, query: str, *params: Any) -> int:
    con = sqlite3.connect(ws.db.path)
    try:
        return int(con.execute(query, params).fetchone()[0] or 0)
    finally:
        con.close()


def test_yearly_figures_match_sql(demo: Any) -> None:
    from app.core.desk.yearly import EMPOWER_KINDS, INFO_KINDS, yearly_report

    with demo.db.session() as s:
        rep = yearly_report(s, YEAR)
    a, b = f"{YEAR}-01-01", f"{YEAR}-12-31"
    live = "FROM episode e JOIN resident r ON r.id = e.resident_id WHERE e.deleted = 0 AND " \
           "r.deleted = 0"
    for col, got in (("registered_on", rep.registered), ("verified_on", rep.verified)):
        for sex in "LP":
            assert got.get(sex, 0) == one(demo, f"SELECT count(*) {live} AND e.{col} BETWEEN "
                                                "? AND ? AND r.sex = ?", a, b, sex)
    assert sum(rep.registered.values()) > 0
    assert sum(rep.departed_by_country.values()) == one(
        demo, f"SELECT count(*) {live} AND e.departed_on BETWEEN ? AND ?", a, b) > 0
    assert sum(rep.returned_by_reason.values()) == one(
        demo, f"SELECT count(*) {live} AND e.returned_on BETWEEN ? AND ?", a, b)
    assert rep.abroad_end == one(demo, f"SELECT count(*) {live} AND e.departed_on <= ? AND "
                                       "(e.returned_on IS NULL OR e.returned_on > ?)", b, b)
    assert rep.documents["ktp"] == one(
        demo, f"SELECT count(*) {live} AND e.registered_on BETWEEN ? AND ? AND "
              "(',' || e.documents || ',') LIKE '%,ktp,%'", a, b)
    for kinds, sessions in ((INFO_KINDS, rep.info_sessions),
                            (EMPOWER_KINDS, rep.empower_sessions)):
        marks = ",".join("?" * len(kinds))
        assert sessions == one(demo, f"SELECT count(*) FROM activity WHERE deleted = 0 AND "
                                     f"kind IN ({marks}) AND held_on BETWEEN ? AND ?",
                               *kinds, a, b)
    assert rep.cases_reported == one(
        demo, "SELECT count(*) FROM case_file c JOIN resident r ON r.id = c.resident_id "
              "WHERE c.deleted = 0 AND r.deleted = 0 AND c.reported_on BETWEEN ? AND ?", a, b)
    assert len(rep.checklist) == 8
    assert dict(rep.checklist)["CPMI didata dan diverifikasi di desa"] is True
    assert dict(rep.checklist)["Desa menerima dan meneruskan informasi dari P4MI (buletin)"] \
        is False


def test_yearly_report_prints(qtbot: Any, demo: Any, tmp_path: Path) -> None:
    from app.core.desk.yearly import yearly_report
    from app.ui.printing.dialog import PrintDialog

    dialog = PrintDialog(make_ctx(demo), "yearly")
    qtbot.addWidget(dialog)
    dialog.year.setCurrentIndex(dialog.year.findData(YEAR))
    target = tmp_path / "tahunan.pdf"
    dialog.open_after.setChecked(False)
    dialog.path.setText(str(target))
    dialog.show()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert dialog.saved_path == target and target.is_file(), dialog.error.text()
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(target), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    with demo.db.session() as s:
        rep = yearly_report(s, YEAR)
    assert "LAPORAN TAHUNAN DESA TENTANG PELINDUNGAN PMI" in text
    assert f"Tahun {YEAR}" in text and "Penilaian mandiri Desa Migran Emas" in text
    reg = rep.registered
    assert re.search(rf"CPMI didaftarkan\s*:?\s*{sum(reg.values())} \(L {reg.get('L', 0)}, "
                     rf"P {reg.get('P', 0)}\)", text), text[:3000]
    assert re.search(rf"PMI di luar negeri pada 31/12/{YEAR}\s*:?\s*{rep.abroad_end}\b", text)
