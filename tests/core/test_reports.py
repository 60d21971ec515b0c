"""The printed reports gather the right rows and words (Qt-free part)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date

import pytest

from app.core.reports import letterhead_for
from app.core.reports.document import fmt_date
from app.core.reports.person import build_person_sheet
from app.core.reports.recap import build_recap, monthly_recap
from app.core.reports.register import build_register, register_rows
from app.core.workspace import Office
from tests.demo_data import TODAY, make_demo_village


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    ws = make_demo_village(tmp_path_factory.mktemp("rep") / "desa", residents=1200, seed=5)
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def sql(demo) -> Iterator[sqlite3.Connection]:
    con = sqlite3.connect(demo.db.path)
    yield con
    con.close()


def test_letterhead_from_region_names() -> None:
    head = letterhead_for(Office("desa", "18.07.01.2001", "Sukadana", ""))
    assert head.lines == ("PEMERINTAH KABUPATEN LAMPUNG TIMUR", "KECAMATAN SUKADANA",
                          "DESA SUKADANA")
    assert head.signer_title == "Kepala Desa Sukadana"
    city = letterhead_for(Office("desa", "18.71.01.1001", "x", ""))
    assert city.lines[0] == "PEMERINTAH KOTA BANDAR LAMPUNG"
    assert city.lines[-1].startswith("KELURAHAN ")
    hub = letterhead_for(Office("p4mi", "18.07", "P4MI Lampung Timur", ""))
    assert hub.lines == ("PEMERINTAH KABUPATEN LAMPUNG TIMUR", "P4MI LAMPUNG TIMUR")


def test_register_lists_every_live_episode(demo, sql) -> None:
    with demo.db.session() as s:
        rows = register_rows(s)
        doc = build_register(s, demo.office(), today=TODAY)
    expected = {r[0] for r in sql.execute(
        "SELECT e.id FROM episode e JOIN resident r ON r.id = e.resident_id "
        "WHERE e.deleted = 0 AND r.deleted = 0")}
    assert {r.episode_id for r in rows} == expected
    # one stable number per person, in register order
    numbers = {r.resident_id: r.number for r in rows}
    assert len(set(numbers.values())) == len(numbers)
    assert [r.number for r in rows] == sorted(r.number for r in rows)
    text = doc.to_text()
    assert doc.landscape
    assert "BUKU REGISTER PEKERJA MIGRAN INDONESIA (PMI) DESA" in text
    assert "DESA SUKADANA" in text and f"Sukadana, {fmt_date(TODAY)}" in text
    # names repeat in a village (demo names too); the NIK identifies the deleted person
    deleted_nik = sql.execute("SELECT nik FROM resident WHERE deleted = 1").fetchone()[0]
    assert deleted_nik and deleted_nik not in text
    for nik, dep in sql.execute(
            "SELECT r.nik, e.departed_on FROM episode e JOIN resident r ON r.id = e.resident_id"
            " WHERE e.deleted = 0 AND r.deleted = 0 AND r.nik IS NOT NULL"):
        assert nik in text
        if dep:
            assert date.fromisoformat(dep).strftime("%d/%m/%Y") in text
    assert f"Jumlah: {len(expected)} penempatan" in text


def test_register_of_one_year(demo) -> None:
    with demo.db.session() as s:
        all_rows = register_rows(s)
        rows_2025 = register_rows(s, 2025)
    firsts = [r.registered_on or r.departed_on for r in rows_2025]
    assert rows_2025 and all(d is not None and d.year == 2025 for d in firsts)
    assert len(rows_2025) < len(all_rows)


def test_monthly_recap_matches_sql(demo, sql) -> None:
    year, month = 2026, 3
    first, last = "2026-03-01", "2026-03-31"
    with demo.db.session() as s:
        rec = monthly_recap(s, year, month)
        text = build_recap(s, demo.office(), year, month, today=TODAY).to_text()
    live = ("FROM episode e JOIN resident r ON r.id = e.resident_id "
            "WHERE e.deleted = 0 AND r.deleted = 0")

    def count(where: str) -> int:
        return sql.execute(f"SELECT count(*) {live} AND {where}", (first, last)).fetchone()[0]

    assert rec.registered == count("e.registered_on BETWEEN ? AND ?")
    assert rec.departed == count("e.departed_on BETWEEN ? AND ?")
    assert rec.returned == count("e.returned_on BETWEEN ? AND ?")
    # abroad at the month end: departed by then (unknown date while still abroad), not yet
    # returned, not on home leave then (the same rule as the dashboard's "abroad now")
    assert rec.abroad_at_end == count(
        "((e.state = 'berangkat' AND (e.departed_on IS NULL OR e.departed_on <= ?2)) OR "
        "(e.state = 'pulang' AND e.departed_on IS NOT NULL AND e.departed_on <= ?2 "
        "AND e.returned_on > ?2) OR (e.state = 'cuti' AND (e.departed_on IS NULL OR "
        "e.departed_on <= ?2) AND e.leave_from > ?2)) AND ?1 = ?1")
    assert rec.abroad_at_end > 0 and rec.registered + rec.departed > 0
    assert sum(rec.departed_by_procedure.values()) == rec.departed
    assert sum(n for _, n in rec.abroad_by_country) == rec.abroad_at_end
    assert "Bulan Maret 2026 (01/03/2026 s.d. 31/03/2026)" in text
    assert f"PMI berada di luar negeri: {rec.abroad_at_end}" in text
    assert f"Keberangkatan: {rec.departed}" in text
    for _name, nik, _c, d, _p in rec.departures:
        assert nik in text and fmt_date(d) in text


def test_person_sheet_has_every_episode(demo, sql) -> None:
    rid, n = sql.execute(
        "SELECT e.resident_id, count(*) FROM episode e JOIN resident r ON r.id = e.resident_id"
        " WHERE e.deleted = 0 AND r.deleted = 0 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1"
    ).fetchone()
    assert n >= 2
    name, nik = sql.execute("SELECT name, nik FROM resident WHERE id = ?", (rid,)).fetchone()
    with demo.db.session() as s:
        text = build_person_sheet(s, demo.office(), rid, today=TODAY).to_text()
        with_cases = build_person_sheet(s, demo.office(), rid, include_cases=True,
                                        today=TODAY).to_text()
    assert "LEMBAR DATA PEKERJA MIGRAN" in text and name in text and nik in text
    assert f"B. Riwayat penempatan ({n})" in text
    for i in range(1, n + 1):
        assert f"Penempatan ke-{i}" in text
    for (dep,) in sql.execute("SELECT departed_on FROM episode WHERE resident_id = ? AND "
                              "deleted = 0 AND departed_on IS NOT NULL", (rid,)):
        assert f"Tanggal berangkat: {date.fromisoformat(dep).strftime('%d/%m/%Y')}" in text
    assert "E. Kasus" not in text and "E. Kasus" in with_cases
