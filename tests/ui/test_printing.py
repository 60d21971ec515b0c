"""Printing to PDF: the register, the monthly recap and a person's sheet, on A4 and F4, from
demo data, through the real print dialog; the text is read back with pdftotext."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.demo_data import make_demo_village
from tests.ui.gui_b_support import make_ctx

# pdftotext/pdfinfo come from poppler-utils (installed by .ci/run): fail, never skip.
PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    ws = make_demo_village(tmp_path_factory.mktemp("ui-print") / "desa", residents=800,
                           seed=4, today=date.today())
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def sql(demo) -> Iterator[sqlite3.Connection]:
    con = sqlite3.connect(demo.db.path)
    yield con
    con.close()


def pdf_text(path: Path) -> str:
    assert PDFTOTEXT, "pdftotext is missing: apt-get install poppler-utils"
    out = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out


def page_size_pt(path: Path) -> tuple[int, int, int]:
    assert PDFINFO, "pdfinfo is missing: apt-get install poppler-utils"
    info = subprocess.run([PDFINFO, str(path)], check=True, capture_output=True,
                          text=True).stdout
    w, h = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups()
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return round(float(w)), round(float(h)), pages


A4 = (595, 842)
F4 = (609, 935)  # 215 x 330 mm


def run_dialog(qtbot, ctx, kind: str, paper: str, target: Path, **kw):
    from app.ui.printing.dialog import PrintDialog

    dialog = PrintDialog(ctx, kind, resident_id=kw.pop("resident_id", None),
                         resident_name=kw.pop("resident_name", ""))
    qtbot.addWidget(dialog)
    dialog.paper.setCurrentIndex(0 if paper == "A4" else 1)
    for key, value in kw.items():
        if key == "month":
            dialog.month.setDate(QDate(value[0], value[1], 1))
        elif key == "year":
            dialog.year.setCurrentIndex(dialog.year.findData(value))
        elif key == "with_cases":
            dialog.with_cases.setChecked(value)
    dialog.open_after.setChecked(False)
    dialog.path.setText(str(target))
    dialog.show()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert dialog.saved_path == target and target.is_file(), dialog.error.text()
    return dialog


LETTERHEAD = ("PEMERINTAH KABUPATEN LAMPUNG TIMUR", "KECAMATAN SUKADANA", "DESA SUKADANA")


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_register(qtbot, demo, sql, tmp_path, paper) -> None:
    ctx = make_ctx(demo)
    target = tmp_path / f"register_{paper}.pdf"
    dialog = run_dialog(qtbot, ctx, "register", paper, target)
    w, h, pages = page_size_pt(target)
    assert (h, w) == (A4 if paper == "A4" else F4)  # landscape
    assert pages == dialog.pages > 1
    text = pdf_text(target)
    for line in LETTERHEAD:
        assert line in text
    assert "BUKU REGISTER PEKERJA MIGRAN INDONESIA (PMI) DESA" in text
    assert f"Halaman {pages} dari {pages}" in text
    assert f"Sukadana, {date.today().strftime('%d/%m/%Y')}" in text
    rows = sql.execute("SELECT r.nik, e.departed_on FROM episode e JOIN resident r "
                       "ON r.id = e.resident_id WHERE e.deleted = 0 AND r.deleted = 0").fetchall()
    flat = " ".join(text.split())
    for nik, departed in rows:
        if nik:
            assert nik in flat
        if departed:
            assert date.fromisoformat(departed).strftime("%d/%m/%Y") in flat
    assert f"Jumlah: {len(rows)} penempatan" in flat
    deleted = sql.execute("SELECT r.nik FROM resident r WHERE r.deleted = 1").fetchone()[0]
    assert deleted not in flat


def test_register_of_one_year(qtbot, demo, tmp_path) -> None:
    ctx = make_ctx(demo)
    from app.ui.printing.dialog import PrintDialog

    probe = PrintDialog(ctx, "register")
    qtbot.addWidget(probe)
    years = [probe.year.itemData(i) for i in range(1, probe.year.count())]
    assert years and years == sorted(years, reverse=True)
    target = tmp_path / "register_year.pdf"
    run_dialog(qtbot, ctx, "register", "A4", target, year=years[0])
    assert f"Tahun {years[0]}" in pdf_text(target)


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_monthly_recap(qtbot, demo, sql, tmp_path, paper) -> None:
    from app.core.reports.recap import monthly_recap

    # the most recent month with a departure
    month = sql.execute("SELECT max(substr(departed_on, 1, 7)) FROM episode "
                        "WHERE deleted = 0").fetchone()[0]
    y, m = int(month[:4]), int(month[5:])
    target = tmp_path / f"recap_{paper}.pdf"
    run_dialog(qtbot, make_ctx(demo), "recap", paper, target, month=(y, m))
    w, h, _pages = page_size_pt(target)
    assert (w, h) == (A4 if paper == "A4" else F4)  # portrait
    text = pdf_text(target)
    flat = " ".join(text.split())
    for line in LETTERHEAD:
        assert line in text
    assert "REKAPITULASI BULANAN PEKERJA MIGRAN INDONESIA DESA" in text
    with demo.db.session() as s:
        rec = monthly_recap(s, y, m)
    assert rec.departed > 0
    assert re.search(rf"Keberangkatan\s*:\s*{rec.departed}\b", flat)
    assert re.search(rf"PMI berada di luar negeri\s*:\s*{rec.abroad_at_end}\b", flat)
    for _name, nik, _c, d, _p in rec.departures:
        assert nik in flat and d.strftime("%d/%m/%Y") in flat


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_person_sheet(qtbot, demo, sql, tmp_path, paper) -> None:
    rid, name, nik, n = sql.execute(
        "SELECT r.id, r.name, r.nik, count(*) FROM episode e JOIN resident r "
        "ON r.id = e.resident_id WHERE e.deleted = 0 AND r.deleted = 0 AND r.nik IS NOT NULL "
        "GROUP BY r.id ORDER BY count(*) DESC, r.id LIMIT 1").fetchone()
    assert n >= 2
    target = tmp_path / f"sheet_{paper}.pdf"
    run_dialog(qtbot, make_ctx(demo), "person", paper, target, resident_id=rid,
               resident_name=name)
    w, h, _pages = page_size_pt(target)
    assert (w, h) == (A4 if paper == "A4" else F4)
    text = pdf_text(target)
    flat = " ".join(text.split())
    assert "LEMBAR DATA PEKERJA MIGRAN" in text and name in flat and nik in flat
    for i in range(1, n + 1):
        assert f"Penempatan ke-{i}" in flat
    for (departed,) in sql.execute("SELECT departed_on FROM episode WHERE resident_id = ? AND "
                                   "deleted = 0 AND departed_on IS NOT NULL", (rid,)):
        assert date.fromisoformat(departed).strftime("%d/%m/%Y") in flat
    assert "E. Kasus" not in flat  # cases only when asked for


def test_printing_is_logged_and_errors_are_shown(qtbot, demo, tmp_path) -> None:
    from sqlalchemy import select

    from app.core.models import AuditEntry
    from app.ui.printing.dialog import PrintDialog

    ctx = make_ctx(demo)
    target = tmp_path / "r.pdf"
    run_dialog(qtbot, ctx, "recap", "A4", target, month=(date.today().year, 1))
    with demo.db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "print")
                          .order_by(AuditEntry.id.desc())).first()
    assert entry is not None and '"report": "recap"' in entry.changes

    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    dialog = PrintDialog(ctx, "recap")
    qtbot.addWidget(dialog)
    dialog.open_after.setChecked(False)
    dialog.path.setText(str(blocked / "r.pdf"))
    dialog.show()
    dialog.save()
    assert dialog.saved_path is None and dialog.error.isVisible()
    assert str(blocked / "r.pdf") in dialog.error.text()
