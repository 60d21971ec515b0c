"""A regency's dashboard and period report at a province hub (issue 16 item 5), on both
databases: limited to that regency's rows, they equal what a regency hub holding only that
regency's villages shows; the NIK pairs equal those of the query used before (every NIK
grouped), limited to the pairs touching the regency; a regency outside the hub is refused with
nothing changed."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from app.core import reference
from app.core.errors import AppError
from app.core.models import Resident
from app.core.repo import p4mi
from sync.report import build_period_report
from tests.hubdb.conftest import hub_state, make_hub_on
from tests.sync.conftest import TODAY, export, import_, make_village

REGENCY = "18.07"
OTHER = "18.08"

# The same-NIK query as it was before the regency scope (kept here as the reference).
OLD_NIK_PAIRS = (
    "WITH dup AS (SELECT nik FROM resident WHERE deleted = FALSE AND nik IS NOT NULL "
    "  AND nik != '' GROUP BY nik HAVING count(DISTINCT owner_office) > 1) "
    "SELECT a.nik, a.owner_office, a.id, a.name, a.migrant_status, "
    "       b.owner_office, b.id, b.name, b.migrant_status "
    "FROM dup JOIN resident a ON a.nik = dup.nik AND a.deleted = FALSE "
    "JOIN resident b ON b.nik = dup.nik AND b.deleted = FALSE "
    "  AND b.owner_office > a.owner_office "
    "ORDER BY a.nik, a.owner_office, b.owner_office, a.id, b.id")


def _villages() -> list[str]:
    mine = [c for c, _ in reference.villages_under(REGENCY)][:2]
    other = [c for c, _ in reference.villages_under(OTHER)][:2]
    return mine + other


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One bundle per village: two of 18.07, two of 18.08. NIKs shared: 18.07 with 18.07,
    18.07 with 18.08 (a pair touching the regency), 18.08 with 18.08 (a pair outside it), and
    one NIK held in 18.07 and in both villages of 18.08 (its 18.08 pair is outside too)."""
    root = tmp_path_factory.mktemp("scope")
    codes = _villages()
    spaces = [make_village(root / c, code=c, residents=n, seed=s)
              for c, n, s in zip(codes, (40, 15, 15, 15), (3, 11, 5, 7), strict=True)]
    try:
        niks = []
        for ws in spaces:
            with ws.db.session() as s:
                niks.append(list(s.scalars(select(Resident.nik).where(
                    Resident.nik.is_not(None)).order_by(Resident.id))))
        shared = {1: [(0, niks[0][0])], 2: [(0, niks[0][1])],
                  3: [(0, niks[2][3]), (1, niks[0][1])]}
        for k, changes in shared.items():
            with spaces[k].db.unit_of_work("op") as s:
                people = s.scalars(select(Resident).where(Resident.nik.is_not(None))
                                   .order_by(Resident.id)).all()
                for i, nik in changes:
                    people[i].nik = nik
        return {c: export(ws, root / "usb" / c) for c, ws in zip(codes, spaces, strict=True)}
    finally:
        for ws in spaces:
            ws.close()


@pytest.fixture
def hubs(tmp_path: Path, hub_url: str | None, second_url: str | None,
         bundles: dict[str, Path]) -> Iterator[tuple[Any, Any]]:
    """(a province hub holding the four villages, a regency hub holding 18.07's two)."""
    province = make_hub_on(tmp_path / "prov", hub_url, code="18")
    regency = make_hub_on(tmp_path / "kab", second_url, code=REGENCY)
    try:
        for code, path in bundles.items():
            assert import_(province, path).status == "diimpor"
            if code.startswith(REGENCY + "."):
                assert import_(regency, path).status == "diimpor"
        yield province, regency
    finally:
        province.close()
        regency.close()


def _old_pairs(ws: Any) -> list[tuple[str, ...]]:
    with ws.db.engine.connect() as conn:
        return [tuple(str(v) for v in r) for r in conn.execute(text(OLD_NIK_PAIRS))]


def _pair_tuple(p: p4mi.NikPair) -> tuple[str, ...]:
    return (p.nik, p.village_a, p.resident_a, p.name_a, p.status_a, p.village_b, p.resident_b,
            p.name_b, p.status_b)


def _touches(pair: tuple[str, ...], regency: str) -> bool:
    return pair[1].startswith(regency + ".") or pair[5].startswith(regency + ".")


def _dashboard(ws: Any, code: str) -> p4mi.RegencyDashboard:
    with ws.db.session() as s:
        return p4mi.load_regency_dashboard(s, code, TODAY)


def _without_import_times(d: p4mi.RegencyDashboard) -> p4mi.RegencyDashboard:
    """The dashboard without what differs between two hubs by the time of their imports and
    by the NIK pairs (compared on their own)."""
    rows = [dataclasses.replace(v, last_import=None, nik_flags=0) for v in d.per_village]
    return dataclasses.replace(d, per_village=rows, nik_pairs=0)


def test_nik_pairs_are_those_of_the_old_query(hubs: tuple[Any, Any]) -> None:
    province, _ = hubs
    old = _old_pairs(province)
    assert any(_touches(p, REGENCY) and not p[1].startswith(REGENCY + ".") or
               _touches(p, REGENCY) and not p[5].startswith(REGENCY + ".") for p in old)
    assert any(not _touches(p, REGENCY) for p in old)  # a pair wholly in 18.08
    touching_niks = {p[0] for p in old if _touches(p, REGENCY)}
    assert any(not _touches(p, REGENCY) and p[0] in touching_niks for p in old)
    with province.db.session() as s:
        assert [_pair_tuple(p) for p in p4mi.nik_pairs(s)] == old
        scoped = p4mi.nik_pairs(s, p4mi.regency_scope(s, REGENCY))
    assert [_pair_tuple(p) for p in scoped] == [p for p in old if _touches(p, REGENCY)]
    # the hub's own dashboard counts every pair it holds, as before
    assert _dashboard(province, "18").nik_pairs == len(old)


def test_regency_dashboard_at_a_province_hub_is_that_regency_s(hubs: tuple[Any, Any]) -> None:
    province, regency = hubs
    scoped = _dashboard(province, REGENCY)
    own = _dashboard(regency, REGENCY)
    assert scoped.residents == own.residents > 0
    assert _without_import_times(scoped) == _without_import_times(own)
    # the NIK pairs: those touching the regency, the one with 18.08 included
    touching = [p for p in _old_pairs(province) if _touches(p, REGENCY)]
    assert scoped.nik_pairs == len(touching) > own.nik_pairs
    flags = {v.code: v.nik_flags for v in scoped.per_village}
    for code in flags:
        assert flags[code] == sum(1 for p in touching if code in (p[1], p[5]))
    # the whole province is still the hub's own dashboard: more than the regency
    assert _dashboard(province, "18").residents > scoped.residents


def test_regency_report_at_a_province_hub_is_that_regency_s(hubs: tuple[Any, Any]) -> None:
    province, regency = hubs
    dari = date(2000, 1, 1)
    scoped = build_period_report(province, dari, TODAY, regency=REGENCY)
    own = build_period_report(regency, dari, TODAY)
    assert (scoped.regency_code, scoped.regency_name) == (own.regency_code, own.regency_name)
    assert [t.sheet for t in scoped.tables] == [t.sheet for t in own.tables]
    for mine, theirs in zip(scoped.tables, own.tables, strict=True):
        assert mine == theirs, mine.sheet
    assert scoped.table("Per Kecamatan").rows[-1][3] > 0
    whole = build_period_report(province, dari, TODAY)
    assert whole.table("Per Kecamatan").rows[-1][3] > scoped.table("Per Kecamatan").rows[-1][3]
    assert build_period_report(province, dari, TODAY, regency="18") == whole


@pytest.mark.parametrize("bad", ["19.01", "18.07.01", "18.99", "18"])
def test_a_regency_outside_the_hub_is_refused(hubs: tuple[Any, Any], bad: str) -> None:
    province, regency = hubs
    ws, code = (regency, bad) if bad == "18" else (province, bad)
    before = hub_state(ws)
    with pytest.raises(AppError) as err:
        build_period_report(ws, date(2000, 1, 1), TODAY, regency=code)
    assert err.value.code == "report.regency_outside"
    assert hub_state(ws) == before


@pytest.mark.postgresql
@pytest.mark.parametrize("cut_before", ["ix_resident_live_office", "ix_resident_live_nik"])
def test_migration_0012_cut_before_each_index_leaves_0011(pg_database: str, tmp_path: Path,
                                                          cut_before: str) -> None:
    """A cut (the connection's transaction lost) before each CREATE INDEX of 0012 leaves the
    server at 0011 without either index; the next start makes both from the rows there."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import event

    from app.core.migrate import MIGRATIONS_DIR, server_revision
    from app.core.server import make_server_engine, parse_url

    class Cut(Exception):
        pass

    def indexes(conn: Any) -> set[str]:
        return {r[0] for r in conn.execute(text(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'resident'"))}

    engine = make_server_engine(parse_url(pg_database))
    try:
        with engine.begin() as conn:
            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0011")
            conn.execute(text("INSERT INTO setting (key, value) VALUES ('mode', 'p4mi'), "
                              "('office_code', '18'), ('office_name', 'Lampung')"))

        def cut(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
            if statement.startswith(f"CREATE INDEX IF NOT EXISTS {cut_before} "):
                raise Cut(statement)

        event.listen(engine, "before_cursor_execute", cut)
        with pytest.raises(Cut), engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0012")
        event.remove(engine, "before_cursor_execute", cut)
        with engine.connect() as conn:
            assert server_revision(conn) == "0011"
            assert not set(p4mi.REPORT_INDEXES) & indexes(conn)
    finally:
        engine.dispose()
    ws = make_hub_on(tmp_path / "prov", pg_database, code="18")
    try:
        with ws.db.engine.connect() as conn:
            assert server_revision(conn) == "0012"
            assert set(p4mi.REPORT_INDEXES) <= indexes(conn)
    finally:
        ws.close()
