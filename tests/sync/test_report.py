"""The P4MI period report on a demo hub built through real bundles: every number re-counted
with independent SQL, totals that add up, the Excel file (text NIKs, real dates, one sheet per
table) read back by python-calamine, the PDF read back as text, and the command line."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.core.reference import ref_label, villages_of_regency

TODAY = date.today()
DARI, SAMPAI = TODAY - timedelta(days=1500), TODAY


@pytest.fixture(scope="module")
def demo_hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sync.demo import build_demo_hub

    root = tmp_path_factory.mktemp("report")
    build_demo_hub(root / "hub", root / "desa", villages=4, residents=150, seed=3)
    return root / "hub"


@pytest.fixture(scope="module")
def report(demo_hub: Path) -> Any:
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from sync.report import build_period_report

    ws = open_workspace(DataDir(demo_hub), exclusive=False)
    try:
        return build_period_report(ws, DARI, SAMPAI)
    finally:
        ws.close()


def q(hub: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    from app.core.paths import DataDir

    con = sqlite3.connect(DataDir(hub).db_path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


LIVE_EP = ("FROM episode e JOIN resident r ON r.id = e.resident_id "
           "WHERE e.deleted = 0 AND r.deleted = 0")
P = (DARI.isoformat(), SAMPAI.isoformat())


def test_per_district_rows_subtotals_and_total_match_sql(demo_hub: Path, report: Any) -> None:
    t = report.table("Per Kecamatan")
    villages = [r for r in t.rows if r[0].count(".") == 3]
    subtotals = [r for r in t.rows if r[0].count(".") == 2]
    total = t.rows[-1]
    assert len(villages) == 4 and total[2] == "JUMLAH KABUPATEN"

    def expect(where: str, *params: Any) -> list[int]:
        return [
            q(demo_hub, f"SELECT count(*) FROM resident r WHERE r.deleted = 0 AND {where}",
              *params)[0][0],
            *(q(demo_hub, f"SELECT count(*) {LIVE_EP} AND {col} BETWEEN ? AND ? AND {where}",
                *P, *params)[0][0] for col in ("e.registered_on", "e.departed_on",
                                                 "e.returned_on")),
            q(demo_hub, "SELECT count(*) FROM case_file c JOIN resident r ON r.id = "
                        "c.resident_id WHERE c.deleted = 0 AND r.deleted = 0 AND "
                        f"c.reported_on BETWEEN ? AND ? AND {where}", *P, *params)[0][0],
            q(demo_hub, f"SELECT count(*) {LIVE_EP} AND e.state = 'berangkat' AND {where}",
              *params)[0][0]]

    for row in villages:
        assert list(row[3:]) == expect("r.owner_office = ?", row[0]), row
    for row in subtotals:
        assert list(row[3:]) == expect("r.owner_office LIKE ?", row[0] + ".%"), row
        members = [v for v in villages if v[0].startswith(row[0] + ".")]
        assert list(row[3:]) == [sum(v[i] for v in members) for i in range(3, 9)]
    assert list(total[3:]) == expect("1 = 1")
    assert list(total[3:]) == [sum(s[i] for s in subtotals) for i in range(3, 9)]
    assert total[5] > 0 and total[6] > 0  # departures and returns in the period


def test_country_sex_sector_scheme_reason_and_cases_match_sql(demo_hub: Path,
                                                              report: Any) -> None:
    t = report.table("Negara & Jenis Kelamin")
    got = {r[0]: r[1:] for r in t.rows[:-1]}
    want: dict[str, list[int]] = {}
    for col, base in (("e.departed_on", 0), ("e.returned_on", 3)):
        for country, sex, n in q(demo_hub, f"SELECT coalesce(e.destination_country,''), r.sex, "
                                           f"count(*) {LIVE_EP} AND {col} BETWEEN ? AND ? "
                                           "GROUP BY 1, 2", *P):
            row = want.setdefault(ref_label("countries", country, "id") if country
                                  else "(tidak diisi)", [0] * 6)
            row[base + (1 if sex == "P" else 0)] += n
            row[base + 2] += n
    assert {k: list(v) for k, v in got.items()} == want
    assert list(t.rows[-1][1:]) == [sum(v[i] for v in want.values()) for i in range(6)]

    departed = q(demo_hub, f"SELECT count(*) {LIVE_EP} AND e.departed_on BETWEEN ? AND ?",
                 *P)[0][0]
    returned = q(demo_hub, f"SELECT count(*) {LIVE_EP} AND e.returned_on BETWEEN ? AND ?",
                 *P)[0][0]
    for sheet, n in (("Sektor & Jabatan", departed), ("Skema & P3MI", departed),
                     ("Alasan Pulang", returned)):
        rows = report.table(sheet).rows
        assert rows[-1][-1] == n == sum(r[-1] for r in rows[:-1]), sheet
        assert all(r[-1] == r[-2] + r[-3] for r in rows), sheet
    reasons = Counter({ref_label("return_reasons", c, "id") if c else "(tidak diisi)": n
                       for c, n in q(demo_hub, f"SELECT e.return_reason, count(*) {LIVE_EP} "
                                               "AND e.returned_on BETWEEN ? AND ? GROUP BY 1",
                                     *P)})
    assert {r[0]: r[-1] for r in report.table("Alasan Pulang").rows[:-1]} == dict(reasons)

    cases = report.table("Kasus").rows
    n_cases = q(demo_hub, "SELECT count(*) FROM case_file c JOIN resident r ON r.id = "
                          "c.resident_id WHERE c.deleted = 0 AND r.deleted = 0 AND "
                          "c.reported_on BETWEEN ? AND ?", *P)[0][0]
    assert cases[-1][-1] == n_cases == sum(r[-1] for r in cases[:-1]) > 0
    by_type = Counter()
    for t_, n in q(demo_hub, "SELECT c.case_type, count(*) FROM case_file c JOIN resident r ON "
                             "r.id = c.resident_id WHERE c.deleted = 0 AND r.deleted = 0 AND "
                             "c.reported_on BETWEEN ? AND ? GROUP BY 1", *P):
        by_type[ref_label("case_types", t_, "id")] += n
    got_type: Counter[str] = Counter()
    for r in cases[:-1]:
        got_type[r[0]] += r[-1]
    assert got_type == by_type


def test_lists_waiting_overdue_no_news_and_silent_villages_match_sql(demo_hub: Path,
                                                                     report: Any) -> None:
    from app.core.repo.dashboard import add_months

    waiting = {r[0] for r in report.table("CPMI Menunggu").rows}
    assert waiting == {r[0] for r in q(
        demo_hub, f"SELECT r.nik {LIVE_EP} AND e.state IN ('terdaftar','terverifikasi') AND "
                  "e.registered_on <= ?", (SAMPAI - timedelta(days=90)).isoformat())}
    overdue = report.table("Terlambat Pulang").rows
    assert {r[0] for r in overdue} == {r[0] for r in q(
        demo_hub, f"SELECT r.nik {LIVE_EP} AND e.state = 'berangkat' AND e.expected_return < ?",
        SAMPAI.isoformat())}
    assert all(r[8] == (SAMPAI - r[7]).days > 0 for r in overdue)
    limit = add_months(SAMPAI, -3).isoformat()
    assert {r[0] for r in report.table("Tanpa Kabar").rows} == {r[0] for r in q(
        demo_hub, f"SELECT r.nik {LIVE_EP} AND e.state = 'berangkat' AND "
                  "max(coalesce(e.departed_on,''), coalesce((SELECT max(contacted_on) FROM "
                  "contact_log l WHERE l.resident_id = r.id AND l.deleted = 0),'')) < ?", limit)}
    sent = {v for (v,) in q(demo_hub, "SELECT DISTINCT village_code FROM sync_bundle_import")}
    silent = {r[0] for r in report.table("Desa Tidak Mengirim").rows}
    assert silent == {c for c, _n in villages_of_regency("18.07")} - sent  # all sent today


PREVENTED = f"{LIVE_EP} AND e.state = 'dicegah' AND e.ended_on BETWEEN ? AND ?"


def test_prevented_departures_per_village_and_reason_match_sql(demo_hub: Path,
                                                               report: Any) -> None:
    n = q(demo_hub, f"SELECT count(*) {PREVENTED}", *P)[0][0]
    assert n > 0  # the demo villages prevent a departure
    t = report.table("Dicegah per Desa")
    villages = [r for r in t.rows if r[0].count(".") == 3]
    subtotals = [r for r in t.rows if r[0].count(".") == 2]
    assert t.rows[-1][2] == "JUMLAH KABUPATEN" and len(t.rows) == len(villages) + len(
        subtotals) + 1

    def expect(where: str, *params: Any) -> list[int]:
        male, female = (q(demo_hub, f"SELECT count(*) {PREVENTED} AND r.sex = ? AND {where}",
                          *P, sex, *params)[0][0] for sex in ("L", "P"))
        return [male, female, male + female]

    assert {r[0] for r in villages} == {v for (v,) in q(
        demo_hub, f"SELECT DISTINCT r.owner_office {PREVENTED}", *P)}
    for row in villages:
        assert list(row[3:]) == expect("r.owner_office = ?", row[0]), row
    for row in subtotals:
        assert list(row[3:]) == expect("r.owner_office LIKE ?", row[0] + ".%"), row
        members = [v for v in villages if v[0].startswith(row[0] + ".")]
        assert list(row[3:]) == [sum(v[i] for v in members) for i in range(3, 6)]
    assert list(t.rows[-1][3:]) == expect("1 = 1") == [
        sum(s_[i] for s_ in subtotals) for i in range(3, 6)]
    assert t.rows[-1][5] == n

    reasons = report.table("Dicegah per Alasan").rows
    want = {(reason or "(tidak diisi)"): count for reason, count in q(
        demo_hub, f"SELECT trim(coalesce(e.end_reason, '')), count(*) {PREVENTED} GROUP BY 1",
        *P)}
    assert {r[0]: r[3] for r in reasons[:-1]} == want
    assert all(r[3] == r[1] + r[2] for r in reasons)
    assert reasons[-1][0] == "JUMLAH" and reasons[-1][3] == n == sum(r[3] for r in reasons[:-1])
    # a period that ends before the decision counts none
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from sync.report import build_period_report

    first = q(demo_hub, "SELECT min(ended_on) FROM episode WHERE state = 'dicegah'")[0][0]
    ws = open_workspace(DataDir(demo_hub), exclusive=False)
    try:
        before = build_period_report(ws, DARI, date.fromisoformat(first) - timedelta(days=1))
    finally:
        ws.close()
    assert before.table("Dicegah per Desa").rows == [("", "", "JUMLAH KABUPATEN", 0, 0, 0)]


def test_red_flags_by_code_and_severity_match_sql(demo_hub: Path, report: Any) -> None:
    from sync.report import FLAG_TITLES_ID

    live = ("FROM episode_flag f JOIN episode e ON e.id = f.episode_id JOIN resident r ON "
            "r.id = e.resident_id WHERE f.deleted = 0 AND e.deleted = 0 AND r.deleted = 0 "
            "AND date(f.seen_at) BETWEEN ? AND ?")
    rows = report.table("Tanda Bahaya").rows
    n = q(demo_hub, f"SELECT count(*) {live}", *P)[0][0]
    assert n > 0 and rows[-1][0] == "JUMLAH" and rows[-1][-1] == n
    severity = {"tinggi": "Tinggi", "sedang": "Sedang", "rendah": "Rendah"}
    want = {}
    for code, sev in q(demo_hub, f"SELECT DISTINCT f.code, f.severity {live}", *P):
        want[(code, severity[sev])] = [q(demo_hub, f"SELECT count(*) {live} AND f.code = ? AND "
                                                   f"f.severity = ? AND {cond}",
                                         *P, code, sev)[0][0]
                                       for cond in ("f.cleared = 0 AND f.accepted = 0",
                                                    "f.cleared = 0 AND f.accepted = 1",
                                                    "f.cleared = 1")]
    got = {(r[0], r[2]): list(r[3:6]) for r in rows[:-1]}
    assert got == want
    assert all(r[6] == r[3] + r[4] + r[5] for r in rows)
    assert list(rows[-1][3:]) == [sum(r[i] for r in rows[:-1]) for i in range(3, 7)]
    assert rows[-1][4] > 0 and rows[-1][3] > 0  # accepted and open flags in the demo
    assert all(r[1] == FLAG_TITLES_ID[r[0]] for r in rows[:-1])
    assert [severity[s] for s in ("tinggi", "sedang", "rendah") if any(
        r[2] == severity[s] for r in rows[:-1])] == list(dict.fromkeys(r[2] for r in rows[:-1]))


def test_every_red_flag_rule_has_a_report_title() -> None:
    from app.core.rules.flags import RULES
    from sync.report import FLAG_TITLES_ID

    assert {r.code for r in RULES} == set(FLAG_TITLES_ID)


def test_excel_has_one_sheet_per_table_text_niks_real_dates_and_totals(
        tmp_path: Path, report: Any) -> None:
    from python_calamine import CalamineWorkbook

    from sync.report import write_report

    path = write_report(report, tmp_path / "laporan.xlsx")
    wb = CalamineWorkbook.from_path(str(path))
    assert wb.sheet_names == [t.sheet for t in report.tables]
    per = wb.get_sheet_by_name("Per Kecamatan").to_python()
    assert per[-1][2] == "JUMLAH KABUPATEN"
    assert [int(v) for v in per[-1][3:]] == list(report.table("Per Kecamatan").rows[-1][3:])
    overdue = wb.get_sheet_by_name("Terlambat Pulang").to_python()
    assert len(overdue) == len(report.table("Terlambat Pulang").rows) + 1
    if len(overdue) > 1:
        nik = overdue[1][0]
        assert isinstance(nik, str) and len(nik) == 16 and nik.isdigit()
        assert isinstance(overdue[1][6], date) and isinstance(overdue[1][7], date)


def test_pdf_and_command_line(tmp_path: Path, demo_hub: Path, report: Any,
                              capsys: pytest.CaptureFixture[str]) -> None:
    from sync.cli import main

    out = tmp_path / "laporan.pdf"
    assert main(["laporan", "--data-dir", str(demo_hub), "--dari", DARI.isoformat(),
                 "--sampai", SAMPAI.isoformat(), "--out", str(out)]) == 0
    blob = out.read_bytes()
    assert blob.startswith(b"%PDF-1.4") and blob.rstrip().endswith(b"%%EOF")
    total = report.table("Per Kecamatan").rows[-1]
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                              text=True, check=True).stdout
        line = next(x for x in text.splitlines() if "JUMLAH KABUPATEN" in x)
        assert line.split()[-6:] == [f"{n:,}".replace(",", ".") for n in total[3:]]
        assert "Halaman 1 dari" in text
        flags = report.table("Tanda Bahaya").rows
        assert "Tanda bahaya menurut jenis dan tingkat" in text
        line = next(x for x in text.splitlines() if x.split()[:1] == [flags[0][0]])
        assert line.split()[-4:] == [str(n) for n in flags[0][3:]]
        prevented = report.table("Dicegah per Desa").rows[-1]
        line = [x for x in text.splitlines() if "JUMLAH KABUPATEN" in x][-1]
        assert line.split()[-3:] == [str(n) for n in prevented[3:]]
    xlsx = tmp_path / "laporan.xlsx"
    assert main(["laporan", "--data-dir", str(demo_hub), "--dari", DARI.isoformat(),
                 "--sampai", SAMPAI.isoformat(), "--out", str(xlsx)]) == 0
    assert f"{total[3]} penduduk" in capsys.readouterr().out
    bad = tmp_path / "salah.xlsx"
    assert main(["laporan", "--data-dir", str(demo_hub), "--dari", SAMPAI.isoformat(),
                 "--sampai", DARI.isoformat(), "--out", str(bad)]) == 2
    assert "sesudah tanggal" in capsys.readouterr().err and not bad.exists()
