"""The consolidated Excel recap (sync/recap.py): opens back in openpyxl and python-calamine,
NIK as text, dates as dates, Indonesian headers, figures equal to SQL counts."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import AppError
from sync.recap import PERSON_HEADERS, SUMMARY_HEADERS, SUMMARY_SHEET, write_recap
from tests.sync.conftest import VILLAGE, export, import_


def _count(ws: Any, sql: str, *params: Any) -> int:
    con = sqlite3.connect(ws.data_dir.db_path)
    try:
        return int(con.execute(sql, params).fetchone()[0])
    finally:
        con.close()


def test_recap_opens_back_with_text_nik_and_real_dates(village: Any, hub: Any,
                                                       tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    import_(hub, export(village, tmp_path / "usb", full=True))
    report = write_recap(hub, tmp_path, today=date(2026, 1, 15))
    assert report.path.name == "Rekap_P4MI_18.07_20260115.xlsx"
    assert not list(tmp_path.glob(".*.sementara"))
    wb = load_workbook(report.path)
    assert wb.sheetnames == [SUMMARY_SHEET, "Calon PMI", "PMI", "Purna PMI"]
    summary = list(wb[SUMMARY_SHEET].iter_rows(values_only=True))
    assert summary[0] == SUMMARY_HEADERS
    row = next(r for r in summary if r[0] == VILLAGE)
    live = "SELECT count(*) FROM resident WHERE deleted = 0"
    assert row[3] == _count(hub, live)
    for col, status in ((4, "calon_pmi"), (5, "pmi"), (6, "purna_pmi")):
        assert row[col] == _count(hub, live + " AND migrant_status = ?", status)
    abroad = ("SELECT count(*) FROM episode e JOIN resident r ON r.id = e.resident_id WHERE "
              "e.deleted = 0 AND r.deleted = 0 AND e.state = 'berangkat' AND e.procedure = ?")
    assert row[7] == _count(hub, abroad, "prosedural")
    assert row[8] == _count(hub, abroad, "diduga_nonprosedural")
    assert isinstance(row[9], datetime) and row[10] == 1
    total = summary[-1]
    assert total[0] == "Jumlah" and total[3] == _count(hub, live)

    sheets = {"Calon PMI": "calon_pmi", "PMI": "pmi", "Purna PMI": "purna_pmi"}
    for title, status in sheets.items():
        ws = wb[title]
        cells = list(ws.iter_rows())
        assert tuple(c.value for c in cells[0]) == PERSON_HEADERS
        assert len(cells) - 1 == _count(hub, live + " AND migrant_status = ?", status)
        assert report.rows[title] == len(cells) - 1
    pmi = list(wb["PMI"].iter_rows(min_row=2))
    assert pmi, "the demo village has PMI abroad"
    nik_cell = pmi[0][0]
    assert nik_cell.data_type == "s" and nik_cell.number_format == "@"
    assert len(nik_cell.value) == 16 and nik_cell.value.isdigit()
    assert isinstance(pmi[0][14].value, datetime)  # Tanggal Berangkat is a date cell
    assert pmi[0][14].number_format == "dd/mm/yyyy"
    assert all(r[14].value is not None for r in pmi)  # every PMI abroad has departed

    calamine = CalamineWorkbook.from_path(str(report.path))
    rows = calamine.get_sheet_by_name("PMI").to_python()
    assert rows[1][0] == nik_cell.value  # still the 16 digits, not 1.807E+15
    con = sqlite3.connect(hub.data_dir.db_path)
    audit = con.execute("SELECT count(*) FROM audit_log WHERE action = 'recap_export'").fetchone()
    con.close()
    assert audit[0] == 1


def test_recap_is_refused_in_a_village(village: Any, tmp_path: Path) -> None:
    with pytest.raises(AppError) as err:
        write_recap(village, tmp_path)
    assert err.value.code == "sync.import.not_hub"
    assert list(tmp_path.glob("*.xlsx")) == []
