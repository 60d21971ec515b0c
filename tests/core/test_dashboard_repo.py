"""Every dashboard figure equals an independent SQL count on demo data."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date

import pytest

from app.core.repo import dashboard as dash
from tests.demo_data import TODAY, make_demo_village


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    ws = make_demo_village(tmp_path_factory.mktemp("dash") / "desa")
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def data(demo) -> dash.DashboardData:
    with demo.db.session() as s:
        return dash.load_dashboard(s, TODAY, months=24, no_news_months=3, list_limit=None)


@pytest.fixture(scope="module")
def sql(demo) -> Iterator[sqlite3.Connection]:
    con = sqlite3.connect(demo.db.path)
    yield con
    con.close()


def one(con: sqlite3.Connection, query: str, *params: object) -> int:
    return int(con.execute(query, params).fetchone()[0])


LIVE_EP = ("FROM episode e JOIN resident r ON r.id = e.resident_id "
           "WHERE e.deleted = 0 AND r.deleted = 0")
ABROAD = LIVE_EP + " AND e.state = 'berangkat'"


def test_status_counts(data, sql) -> None:
    assert data.residents_total == one(sql, "SELECT count(*) FROM resident WHERE deleted = 0")
    assert data.residents_total == 2000 - 1
    for status in ("calon_pmi", "pmi", "purna_pmi", "bukan"):
        expected = one(sql, "SELECT count(*) FROM resident WHERE deleted = 0 "
                            "AND migrant_status = ?", status)
        assert data.status_counts[status] == expected, status
    assert sum(data.status_counts.values()) == data.residents_total
    assert all(v > 0 for v in data.status_counts.values())


def test_abroad_countries_and_procedure(data, sql) -> None:
    assert data.abroad_now == one(sql, "SELECT count(*) " + ABROAD)
    assert data.abroad_now == one(sql, "SELECT count(*) FROM episode WHERE state='berangkat'") - 2
    expected = dict(sql.execute("SELECT e.destination_country, count(*) " + ABROAD
                                + " GROUP BY 1").fetchall())
    assert dict(data.countries) == expected
    assert "" in dict(data.countries)  # the awkward row without a country
    counts = [n for _, n in data.countries]
    assert counts == sorted(counts, reverse=True)
    for proc in ("prosedural", "diduga_nonprosedural", "belum_diketahui"):
        assert data.procedure_counts[proc] == one(
            sql, "SELECT count(*) " + ABROAD + " AND e.procedure = ?", proc), proc
    assert sum(data.procedure_counts.values()) == data.abroad_now
    assert data.procedure_counts["diduga_nonprosedural"] > 0


def test_departures_and_returns_per_month(data, sql) -> None:
    assert len(data.months) == 24
    assert (data.months[-1].year, data.months[-1].month) == (2026, 6)
    assert (data.months[0].year, data.months[0].month) == (2024, 7)
    for m in data.months:
        key = f"{m.year:04d}-{m.month:02d}"
        assert m.departures == one(
            sql, "SELECT count(*) " + LIVE_EP + " AND substr(e.departed_on, 1, 7) = ?", key)
        assert m.returns == one(
            sql, "SELECT count(*) " + LIVE_EP + " AND substr(e.returned_on, 1, 7) = ?", key)
    assert sum(m.departures for m in data.months) > 0


def test_overdue_returns(data, sql) -> None:
    expected = {row[0] for row in sql.execute(
        "SELECT e.id " + ABROAD + " AND e.expected_return IS NOT NULL "
        "AND e.expected_return < ?", (TODAY.isoformat(),))}
    assert data.overdue_count == len(expected) > 0
    assert {r.episode_id for r in data.overdue} == expected
    assert all(r.days_overdue == (TODAY - r.expected_return).days > 0 for r in data.overdue)
    days = [r.days_overdue for r in data.overdue]
    assert days == sorted(days, reverse=True)


def test_open_cases(data, sql) -> None:
    expected = {row[0] for row in sql.execute(
        "SELECT c.id FROM case_file c JOIN resident r ON r.id = c.resident_id "
        "WHERE c.deleted = 0 AND r.deleted = 0 AND c.status IN ('baru', 'diproses')")}
    assert data.open_cases_count == len(expected) > 0
    assert {r.case_id for r in data.open_cases} == expected


def test_no_news(data, sql) -> None:
    cutoff = sql.execute("SELECT date(?, '-3 months')", (TODAY.isoformat(),)).fetchone()[0]
    expected = {row[0] for row in sql.execute(
        "SELECT e.id " + ABROAD + " AND max(coalesce((SELECT max(c.contacted_on) "
        "FROM contact_log c WHERE c.resident_id = e.resident_id AND c.deleted = 0), ''), "
        "coalesce(e.departed_on, '')) < ?", (cutoff,))}
    assert data.no_news_count == len(expected) > 0
    assert {r.episode_id for r in data.no_news} == expected
    signs = [r.last_sign or date.min for r in data.no_news]
    assert signs == sorted(signs)


def test_limits_and_month_arithmetic(demo) -> None:
    with demo.db.session() as s:
        d = dash.load_dashboard(s, TODAY, list_limit=3)
    assert len(d.overdue) == 3 < d.overdue_count
    assert len(d.months) == 12
    assert dash.add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert dash.add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert dash.add_months(date(2026, 1, 15), -13) == date(2024, 12, 15)
    assert dash.add_months(date(2025, 12, 1), 1) == date(2026, 1, 1)
    assert dash.month_keys(date(2026, 2, 10), 3) == [(2025, 12), (2026, 1), (2026, 2)]


def test_empty_village(village) -> None:
    with village.db.session() as s:
        d = dash.load_dashboard(s, TODAY)
    assert d.residents_total == 0 and d.abroad_now == 0
    assert set(d.status_counts.values()) == {0}
    assert d.countries == [] and d.overdue == [] and d.no_news == []
    assert [m.departures for m in d.months] == [0] * 12
