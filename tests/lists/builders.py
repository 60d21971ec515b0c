"""Test files in the formats villages keep (built here; no real village file is copied)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from app.core.rules.nik import generate_kk, generate_nik

REGION = "180701"
OPENSID_HEADERS = ["alamat", "dusun", "rw", "rt", "nama", "no_kk", "nik", "sex",
                   "tempatlahir", "tanggallahir", "agama_id", "pendidikan_kk_id",
                   "pendidikan_sedang_id", "pekerjaan_id", "status_kawin", "kk_level",
                   "warganegara_id", "dokumen_pasport", "tanggal_akhir_paspor", "status_dasar"]
SIAK_HEADERS = ["Nomor KK", "NIK", "Nama Penduduk", "Status", "Tempat Lahir", "Tanggal Lahir",
                "Kelamin", "Status Kawin", "SHDK", "Agama", "Kecamatan", "Desa/Kel", "Alamat",
                "RW", "RT", "Pendidikan", "Pekerjaan"]


def nik(birth: date, sex: str, serial: int) -> str:
    return generate_nik(REGION, birth, sex, serial)


def kk(serial: int) -> str:
    return generate_kk(REGION, date(2012, 3, 4), serial)


def write_xlsx(path: Path, sheets: list[tuple[str, list[list[Any]]]],
               merges: dict[str, list[str]] | None = None) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    wb.save(path)
    return path


def write_xls(path: Path, rows: list[list[Any]], sheet: str = "Sheet1") -> Path:
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet(sheet)
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, date):
                ws.write(r, c, value, date_style)
            elif value is not None:
                ws.write(r, c, value)
    wb.save(str(path))
    return path


def opensid_rows() -> list[list[Any]]:
    """Five people of one OpenSID export: codes as numbers, one NIK stored as a number."""
    a = nik(date(1970, 5, 20), "L", 1)
    return [
        OPENSID_HEADERS,
        ["Jl. Mawar 1", "MANGSIT", "002", "004", "AHLUL", kk(1), a, 1, "LOMBOK",
         date(1970, 5, 20), 1, 3, 18, 26, 2, 1, 1, "", "", 1],
        ["Jl. Mawar 1", "MANGSIT", "002", "004", "RUSDAH", kk(1),
         int(nik(date(1975, 8, 9), "P", 2)), 2, "LOMBOK", "1975-08-09", 1, 4, 18, 2, 2, 3,
         1, "", "", 1],
        ["Jl. Mawar 1", "MANGSIT", "-", "4", "ADINI SEPTIA", kk(1),
         nik(date(1996, 3, 10), "P", 3), 2, "LOMBOK", date(1996, 3, 10), 1, 5, 18, 1, 1, 4,
         1, "C1234567", date(2030, 1, 31), 1],
        ["Jl. Melati 9", "KEBON", "001", "001", "SANIAH", kk(2),
         nik(date(1950, 1, 2), "P", 4), 2, "LOMBOK", date(1950, 1, 2), 1, 1, 18, 1, 4, 1,
         1, "", "", 2],
        # an unknown OpenSID education code (99) refuses the row
        ["Jl. Melati 9", "KEBON", "001", "001", "MAHNI", kk(2),
         nik(date(1980, 6, 7), "L", 5), 1, "LOMBOK", date(1980, 6, 7), 1, 99, 18, 1, 2, 4,
         1, "", "", 1],
    ]
