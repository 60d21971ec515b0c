"""OpenSID workbook, SIAK .xls, a messy hand-made list and CSV: every count, every reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.core.models import Episode, Resident
from tests.lists.builders import (
    SIAK_HEADERS,
    kk,
    nik,
    opensid_rows,
    write_xls,
    write_xlsx,
)


def _reasons(preview) -> dict[str, list[int]]:  # noqa: ANN001
    return {code: [row.rownum for row, _p in items]
            for code, items in preview.refused_by_reason().items()}


def test_opensid_workbook_codes_mapped_and_nik_number_becomes_text(
        village, tmp_path: Path, preview_of, do_import) -> None:
    path = write_xlsx(tmp_path / "penduduk.xlsx", [("Sheet1", opensid_rows())])
    preview = preview_of(path)
    assert preview.counts == {"new": 4, "update": 0, "unchanged": 0, "skip": 0, "decide": 0,
                              "refused": 1}
    assert _reasons(preview) == {"lists.unknown_code": [6]}
    (row, problem), = preview.refused_by_reason()["lists.unknown_code"]
    assert (problem.column, problem.cell, problem.value) == ("pendidikan_kk_id", "L6", "99")
    do_import(preview)
    with village.db.session() as s:
        people = {r.name: r for r in s.scalars(select(Resident))}
    assert set(people) == {"AHLUL", "RUSDAH", "ADINI SEPTIA", "SANIAH"}
    rusdah = people["RUSDAH"]
    assert rusdah.nik == nik(date(1975, 8, 9), "P", 2)  # stored as a number in the file
    assert (rusdah.sex, rusdah.shdk, rusdah.education, rusdah.marital_status) == (
        "P", "istri", "sltp", "kawin")
    assert rusdah.birth_date == date(1975, 8, 9)
    adini = people["ADINI SEPTIA"]
    assert (adini.rw, adini.rt, adini.passport_no, adini.passport_expiry, adini.shdk) == (
        "", "004", "C1234567", date(2030, 1, 31), "anak")
    assert people["SANIAH"].life_status == "meninggal"
    assert people["SANIAH"].marital_status == "cerai_mati"
    assert people["AHLUL"].education == "sd" and people["AHLUL"].no_kk == kk(1)


def test_siak_xls_export(village, tmp_path: Path, preview_of, do_import) -> None:
    rows = [SIAK_HEADERS,
            [kk(3), float(nik(date(1985, 4, 1), "L", 11)), "SUPARDI", "Hidup", "LAMPUNG",
             date(1985, 4, 1), "Laki-Laki", "Kawin", "Kepala Keluarga", "Islam", "SUKADANA",
             "SUKADANA", "DSN JIWET", 8.0, 1.0, "Tamat SD/Sederajat", "Petani"],
            [kk(3), nik(date(1988, 9, 12), "P", 12), "SUMINI", "Pindah Dalam Negeri",
             "LAMPUNG", date(1988, 9, 12), "Perempuan", "Kawin", "Istri", "Islam", "SUKADANA",
             "SUKADANA", "DSN JIWET", 8.0, 1.0, "SLTA/Sederajat", "Mengurus Rumah Tangga"],
            [kk(3), nik(date(2010, 1, 5), "L", 13), "ADI", "Hidup", "LAMPUNG",
             date(2010, 1, 5), "Laki-Laki", "Belum Kawin", "Anak", "Islam", "SUKADANA",
             "SUKADANA", "DSN JIWET", 8.0, 1.0, "Belum Tamat SD/Sederajat", "Pelajar"],
            [kk(4), nik(date(1960, 2, 3), "L", 14), "KASBINO", "Tidak Valid", "LAMPUNG",
             date(1960, 2, 3), "Laki-Laki", "Kawin", "Kepala Keluarga", "Islam", "SUKADANA",
             "SUKADANA", "DSN PRAPAT", 2.0, 2.0, "Tidak/Belum Sekolah", "Petani"]]
    path = write_xls(tmp_path / "siak.xls", rows)
    assert path.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")
    preview = preview_of(path)
    assert preview.kind == "xls"
    assert preview.counts["new"] == 3 and preview.counts["refused"] == 1
    assert _reasons(preview) == {"lists.unknown_code": [5]}
    assert preview.refused_by_reason()["lists.unknown_code"][0][1].value == "Tidak Valid"
    do_import(preview)
    with village.db.session() as s:
        people = {r.name: r for r in s.scalars(select(Resident))}
    assert people["SUPARDI"].nik == nik(date(1985, 4, 1), "L", 11)
    assert (people["SUPARDI"].rw, people["SUPARDI"].rt) == ("008", "001")
    assert people["SUMINI"].life_status == "pindah"
    assert people["SUMINI"].education == "slta" and people["SUMINI"].shdk == "istri"
    assert people["ADI"].education == "belum_tamat_sd"
    assert people["ADI"].marital_status == "belum_kawin"


def messy_workbook(tmp_path: Path) -> Path:
    siti = nik(date(1990, 5, 17), "P", 21)
    budi = nik(date(1982, 7, 1), "L", 23)
    rows = [
        ["DAFTAR PMI DESA SUKADANA 2025"],
        [],
        ["No", "Nama", "NIK", "No KK", "L/P", "Tgl Lahir", "Negara", "Tgl Berangkat",
         "Majikan", "PPTKIS", "Tgl Pulang"],
        [1, "SITI AMINAH", int(siti), kk(5), "P", "17/05/1990", "Malaysia", "02-03-19",
         "Tan Ah Kow", "PT Maju Jaya", None],
        [],
        [2, "WATI", nik(date(1995, 3, 12), "P", 22), kk(6), "Perempuan", "12 Maret 1995",
         "Hong Kong", date(2018, 6, 1), None, None, date(2021, 6, 1)],
        [3, "RUSAK ILMIAH", "1.80701E+15", kk(7), "L", "01/01/1980", None, None, None, None,
         None],
        [4, "EKOR NOL", int(nik(date(1979, 2, 3), "L", 10)), kk(7), "L", "03/02/1979", None,
         None, None, None, None],
        [5, "BUDI", budi, kk(8), "L", "01/07/1982", "Taiwan", None, None, None, None],
        [6, "BUDI S", budi, kk(8), "L", "01-07-1982", None, None, None, None, None],
        [7, "TANGGAL SALAH", nik(date(1990, 1, 1), "L", 24), kk(9), "L", "31/02/1990", None,
         None, None, None, None],
        [8, "TOTO", nik(date(1990, 5, 6), "L", 25), kk(9), "L", 32999, None, None, None,
         None, None],
        [9, "PENDEK", "18070112", kk(9), "L", "01/01/1991", None, None, None, None, None],
        [10, "BEDA TGL", nik(date(1993, 8, 8), "L", 26), kk(9), "L", "09/08/1993", None,
         None, None, None, None],
    ]
    extra = [["Isi daftar mulai baris 4. Jangan ubah judul kolom."]]
    rekap = [["Negara", "Jumlah"], ["Malaysia", 1]]
    return write_xlsx(tmp_path / "data_pmi.xlsx",
                      [("Petunjuk", extra), ("Data PMI", rows), ("Rekap", rekap)],
                      merges={"Data PMI": ["A1:K1"]})


def test_messy_hand_made_list(village, tmp_path: Path, preview_of, do_import) -> None:
    preview = preview_of(messy_workbook(tmp_path))
    assert (preview.sheet, preview.header_row) == ("Data PMI", 3)
    assert preview.counts == {"new": 4, "update": 0, "unchanged": 0, "skip": 0, "decide": 0,
                              "refused": 6}
    assert _reasons(preview) == {
        "lists.nik_damaged": [7],
        "lists.nik_zero_tail": [8],
        "lists.duplicate_in_file": [9, 10],
        "lists.bad_date": [11],
        "nik.length": [13],
    }
    damaged = preview.refused_by_reason()["lists.nik_damaged"][0][1]
    assert (damaged.column, damaged.cell, damaged.value) == ("NIK", "C7", "1.80701E+15")
    dup = preview.refused_by_reason()["lists.duplicate_in_file"][0][1]
    assert dup.params == {"rows": "9, 10"}
    warned = {row.rownum: w.code for row, w in preview.warnings()}
    assert warned == {14: "nik.birth_date_mismatch"}  # a warning, as in the form
    result = do_import(preview)
    assert (result.created, result.updated, result.episodes) == (4, 0, 2)
    with village.db.session() as s:
        people = {r.name: r for r in s.scalars(select(Resident))}
        assert set(people) == {"SITI AMINAH", "WATI", "TOTO", "BEDA TGL"}
        assert people["SITI AMINAH"].nik == nik(date(1990, 5, 17), "P", 21)
        assert people["TOTO"].birth_date == date(1990, 5, 6)  # Excel serial 32999
        assert people["WATI"].birth_date == date(1995, 3, 12)
        assert people["TOTO"].sex == "L"
        eps = {e.resident.name: e for e in s.scalars(select(Episode))}
    siti = eps["SITI AMINAH"]
    assert (siti.state, siti.destination_country, siti.departed_on, siti.employer,
            siti.p3mi) == ("berangkat", "MY", date(2019, 3, 2), "Tan Ah Kow", "PT Maju Jaya")
    wati = eps["WATI"]
    assert (wati.state, wati.destination_country, wati.departed_on, wati.returned_on) == (
        "pulang", "HK", date(2018, 6, 1), date(2021, 6, 1))
    assert people["SITI AMINAH"].migrant_status == "pmi"
    assert people["WATI"].migrant_status == "purna_pmi"


def test_csv_semicolon_windows_1252(village, tmp_path: Path, preview_of) -> None:
    text = ("nama;nik;jenis kelamin;tanggal lahir\r\n"
            f"DÉWI;{nik(date(1991, 4, 4), 'P', 31)};P;04/04/1991\r\n"
            f"=cmd|' /C calc'!A0;{nik(date(1992, 4, 4), 'P', 32)};P;04/04/1992\r\n"
            "ANI;1,80701E+15;P;05/05/1993\r\n"
            ";;;\r\n")
    path = tmp_path / "daftar.csv"
    path.write_bytes(text.encode("cp1252"))
    preview = preview_of(path)
    assert preview.kind == "csv"
    assert preview.counts["new"] == 1 and preview.counts["refused"] == 2
    assert _reasons(preview) == {"lists.formula_text": [3], "lists.nik_damaged": [4]}
    assert [r.name for r in preview.rows if r.action == "new"] == ["DÉWI"]


def test_csv_comma_utf8(village, tmp_path: Path, preview_of) -> None:
    path = tmp_path / "daftar.csv"
    path.write_text("Nama,NIK,Tanggal Lahir\n"
                    f"SITI ‘AISYAH,{nik(date(1991, 4, 4), 'P', 41)},4-4-91\n",
                    encoding="utf-8")
    preview = preview_of(path)
    (row,) = preview.rows
    assert row.action == "new" and row.name == "SITI ‘AISYAH"
    assert row.values["birth_date"] == date(1991, 4, 4) and row.values["sex"] == "P"
