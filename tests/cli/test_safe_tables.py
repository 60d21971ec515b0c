"""Every workbook and CSV the program writes goes through ``app.core.tables`` (issue 17, item 10).

Hostile text (``=1+1``, ``=SUM(A1:A9)``, ``@``, ``+``, ``-``, tab, carriage return, control
characters) goes through each export (P4MI recap, audit-log export, public statistics, refused
rows, and the writer itself), and the files are read back by LibreOffice (converted to flat
ODS, where every formula is a ``table:formula`` attribute and every date a ``date`` value
type, and to CSV) and by python-calamine: no formula cell anywhere, text comes back as typed,
dates are dates, times are date-times.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.core.tables import (
    DATE,
    DATETIME,
    INT,
    TEXT,
    Column,
    Sheet,
    write_csv,
    write_table,
    write_xlsx,
)

HOSTILE = ["=1+1", "=SUM(A1:A9)", "+62812345678", "-2+3", "@admin", "\t=1+2", "\r=3+4",
           '=HYPERLINK("http://contoh.test","klik")', "-", "=cmd|' /C calc'!A0",
           "Nama\x1bESC\x07BEL"]
NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}


def soffice() -> str:
    found = shutil.which("libreoffice") or shutil.which("soffice")
    assert found, "LibreOffice is required (apt-get install libreoffice-calc-nogui)"
    return found


def lo_convert(files: list[Path], out: Path, target: str, infilter: str | None = None) -> None:
    out.mkdir(exist_ok=True)
    cmd = [soffice(), "--headless"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", target, "--outdir", str(out), *map(str, files)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300,
                   env=dict(os.environ, HOME=str(out)))


def lo_sheets(fods: Path) -> dict[str, list[list[dict[str, str]]]]:
    """Every sheet of a flat ODS as rows of cells: value type, text, formula (if any)."""
    root = ET.parse(fods).getroot()
    sheets: dict[str, list[list[dict[str, str]]]] = {}
    t, o, x = (f"{{{NS[k]}}}" for k in ("table", "office", "text"))
    for table in root.iter(f"{t}table"):
        rows = []
        for row in table.iter(f"{t}table-row"):
            cells = []
            for cell in row.iter(f"{t}table-cell"):
                repeat = int(cell.get(f"{t}number-columns-repeated", "1"))
                text = "\n".join("".join(p.itertext()) for p in cell.iter(f"{x}p"))
                entry = {"type": cell.get(f"{o}value-type", ""), "text": text,
                         "formula": cell.get(f"{t}formula", "")}
                cells.extend([entry] * min(repeat, 50))
            rows.append(cells)
        sheets[table.get(f"{t}name", "")] = rows
    return sheets


def assert_no_formula(sheets: dict[str, list[list[dict[str, str]]]]) -> None:
    for name, rows in sheets.items():
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                assert not cell["formula"], (name, r, c, cell)


def calamine(path: Path) -> dict[str, list[list[Any]]]:
    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def assert_no_formula_xml(path: Path) -> None:
    """The raw workbook has no ``<f>`` element (what Excel would run)."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name


def _visible(text: str) -> str:
    return text.replace("\x1b", "\ufffd").replace("\x07", "\ufffd")


# -- the writer itself ------------------------------------------------------------------------


def test_writer_keeps_hostile_text_as_text_and_dates_as_dates(tmp_path: Path) -> None:
    when = datetime(2026, 3, 4, 5, 6, 7)
    columns = [Column("Nama", TEXT), Column("Tanggal", DATE), Column("Waktu", DATETIME),
               Column("Jumlah", INT)]
    rows = [[h, date(1985, 7, 3), when, i] for i, h in enumerate(HOSTILE)]
    xlsx = write_xlsx(tmp_path / "uji.xlsx", [Sheet("=Lembar", columns, rows,
                                                    title_rows=["=JUDUL()"])])
    csv_path = write_csv(tmp_path / "uji.csv", Sheet("x", columns, rows))
    assert_no_formula_xml(xlsx)

    got = calamine(xlsx)["=Lembar"]
    assert got[0] == ["=JUDUL()", "", "", ""]
    assert got[1] == ["Nama", "Tanggal", "Waktu", "Jumlah"]
    for row, h in zip(got[2:], HOSTILE, strict=True):
        assert row[0].replace("\r\n", "\r").replace("\n", "\r") == _visible(h).replace(
            "\n", "\r")
        assert row[1] == date(1985, 7, 3) and row[2] == when

    lo_convert([xlsx], tmp_path / "lo", "fods")
    sheets = lo_sheets(tmp_path / "lo" / "uji.fods")
    assert_no_formula(sheets)
    body = sheets["=Lembar"][2:2 + len(HOSTILE)]
    assert [r[0]["type"] for r in body] == ["string"] * len(HOSTILE)
    assert all(r[1]["type"] == "date" and r[1]["text"] == "03/07/1985" for r in body)
    assert all(r[2]["type"] == "date" and "05:06:07" in r[2]["text"] for r in body)
    assert body[0][0]["text"] == "=1+1" and body[1][0]["text"] == "=SUM(A1:A9)"

    # the CSV: no spreadsheet runs a cell of it
    lo_convert([csv_path], tmp_path / "lo_csv", "fods", infilter="CSV:59,34,76,1")
    csv_sheets = lo_sheets(tmp_path / "lo_csv" / "uji.fods")
    assert_no_formula(csv_sheets)
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    assert [line[0] for line in lines[1:]] == [
        ("'" + _visible(h)) if h[0] in "=+-@\t\r" else _visible(h) for h in HOSTILE]
    assert lines[1][1:] == ["03/07/1985", "04/03/2026 05:06:07", "0"]


def test_writer_failure_leaves_no_file_and_says_why(tmp_path: Path) -> None:
    from app.core.errors import AppError
    from app.core.messages import message

    blocker = tmp_path / "berkas"
    blocker.write_text("x")
    sheet = Sheet("a", [Column("Nama")], [["=1+1"]])
    with pytest.raises(AppError) as err:
        write_table(blocker / "sub" / "a.xlsx", sheet)
    assert err.value.code == "table.write_failed"
    assert "tidak dapat ditulis" in message(err.value.code, "id", **err.value.params)

    def rows() -> Any:
        yield ["baik"]
        raise RuntimeError("generator gagal")

    with pytest.raises(RuntimeError):
        write_table(tmp_path / "b.xlsx", Sheet("b", [Column("Nama")], rows()))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["berkas"]  # no half file, no temp


# -- each export ------------------------------------------------------------------------------


def test_recap_audit_statistics_and_refused_rows_hold_no_formula(village: Any, hub: Any,
                                                                tmp_path: Path) -> None:
    from app.core.demo import add_demo_data
    from app.core.models import Episode, Resident
    from app.core.stats import StatRow, write_statistics_csv
    from app.ui.data_menu import write_table as write_audit
    from sync.recap import write_recap
    from tests.sync.conftest import export, import_

    add_demo_data(village.db, village.office(), 60, seed=3)
    with village.db.unit_of_work("op") as s:
        people = s.scalars(select(Resident).where(
            Resident.migrant_status.in_(("calon_pmi", "pmi", "purna_pmi")))
            .order_by(Resident.id)).all()
        assert len(people) >= 3
        for person, name in zip(people, ["=1+1", "@admin", "-2+3"], strict=False):
            person.name = name
        episode = s.scalars(select(Episode).where(Episode.resident_id == people[0].id)).first()
        assert episode is not None
        episode.job = "=SUM(A1:A9)"
    report = import_(hub, export(village, tmp_path / "usb"))
    assert report.status == "diimpor", report.refusal

    recap = tmp_path / "rekap.xlsx"
    write_recap(hub, recap)
    audit = write_audit([(datetime(2026, 11, 30, 8, 15, 0), "=1+1", "@ubah", "-hapus")],
                        ("Waktu", "Petugas", "Tindakan", "Keterangan"), tmp_path / "audit.xlsx")
    audit_csv = write_audit([(datetime(2026, 11, 30, 8, 15, 0), "=1+1", "@ubah", "-hapus")],
                            ("Waktu", "Petugas", "Tindakan", "Keterangan"),
                            tmp_path / "audit.csv")
    stats = write_statistics_csv([StatRow("=Tabel", "+Kategori", 3), StatRow("T", "K", 9)],
                                 tmp_path / "statistik.csv", "=Statistik Desa")
    from sync.refused import write_refused_rows

    refused = write_refused_rows([("Penduduk", 7, "Nama", "=1+1 tidak boleh")],
                                 tmp_path / "ditolak.xlsx")
    for path in (recap, audit, refused):
        assert_no_formula_xml(path)

    names = [row[1] for sheet in ("Calon PMI", "PMI", "Purna PMI")
             for row in calamine(recap)[sheet][1:]]
    assert {"=1+1", "@admin", "-2+3"} <= set(names)
    jobs = [row[9] for sheet in ("Calon PMI", "PMI", "Purna PMI")
            for row in calamine(recap)[sheet][1:]]
    assert "=SUM(A1:A9)" in jobs
    audit_rows = calamine(audit)["Log audit"]
    assert audit_rows[1] == [datetime(2026, 11, 30, 8, 15), "=1+1", "@ubah", "-hapus"]

    lo_convert([recap, audit, refused], tmp_path / "lo", "fods")
    for path in (recap, audit, refused):
        sheets = lo_sheets(tmp_path / "lo" / (path.stem + ".fods"))
        assert_no_formula(sheets)
    recap_lo = lo_sheets(tmp_path / "lo" / "rekap.fods")
    texts = {c["text"] for sheet in ("Calon PMI", "PMI", "Purna PMI")
             for row in recap_lo[sheet] for c in row}
    assert {"=1+1", "@admin", "-2+3", "=SUM(A1:A9)"} <= texts
    birth = [row[3] for sheet in ("Calon PMI", "PMI", "Purna PMI")
             for row in recap_lo[sheet][1:] if len(row) > 3 and row[3]["text"]]
    assert birth and all(c["type"] == "date" for c in birth)
    audit_lo = lo_sheets(tmp_path / "lo" / "audit.fods")["Log audit"]
    assert audit_lo[1][0]["type"] == "date"  # sorts as a time, not as text
    assert audit_lo[1][1]["type"] == "string" and audit_lo[1][1]["text"] == "=1+1"

    lo_convert([stats, audit_csv], tmp_path / "lo_csv", "fods", infilter="CSV:59,34,76,1")
    for path in (stats, audit_csv):
        assert_no_formula(lo_sheets(tmp_path / "lo_csv" / (path.stem + ".fods")))
    text = stats.read_text(encoding="utf-8-sig")
    assert "'=Statistik Desa" in text and "'=Tabel;'+Kategori;<5" in text
