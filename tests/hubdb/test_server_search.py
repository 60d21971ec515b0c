"""Person search on a PostgreSQL hub (issue 16 item 5): migration 0011's indexes exist on the
server only, the search's own SQL is planned on them (a province hub of 2,000,000 residents
cannot afford a table scan per keystroke), a one- or two-letter word matches the start of a
name's word, and the count stops at COUNT_CAP."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, text

from app.core.desk import search as search_module
from app.core.models import Resident
from tests.hubdb.conftest import make_hub_on
from tests.sync.conftest import export, import_

SERVER_INDEXES = set(search_module.SERVER_INDEXES)


@pytest.fixture
def pg_hub(tmp_path: Path, pg_database: str, village: Any) -> Any:
    with village.db.unit_of_work("op") as s:
        people = s.scalars(select(Resident).order_by(Resident.id)).all()
        people[0].name = "Andi Wijaya"
        people[1].name = "Siti Anwar"
        people[2].name = "Diana Lestari"
    ws = make_hub_on(tmp_path / "p4mi", pg_database)
    import_(ws, export(village, tmp_path / "usb"))
    yield ws
    ws.close()


@pytest.mark.postgresql
def test_indexes_on_the_server_only(pg_hub: Any, tmp_path: Path) -> None:
    with pg_hub.db.engine.connect() as conn:
        found = {r[0] for r in conn.execute(text(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'resident'"))}
    assert SERVER_INDEXES <= found
    sqlite_hub = make_hub_on(tmp_path / "p4mi-file", None)
    try:
        con = sqlite3.connect(sqlite_hub.data_dir.db_path)
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        con.close()
    finally:
        sqlite_hub.close()
    assert not SERVER_INDEXES & names  # the SQLite file is unchanged


def _grow(ws: Any, copies: int) -> None:
    """Copy the hub's residents ``copies`` times under new ids and other names, without NIK
    (a hub big enough, and the searched names rare enough, for the planner to prefer an index
    to reading the table, as at a province hub)."""
    made = {"id": "left(md5(r.id || g::text), 32)",
            "name": "'Warga ' || translate(left(md5(r.id || g::text), 8), 'abcdef', 'wxyzuv')",
            "nik": "NULL", "no_kk": "NULL"}
    with ws.db.engine.begin() as conn:
        cols = [r[0] for r in conn.execute(text(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'resident' "
            "ORDER BY ordinal_position"))]
        conn.execute(text(
            f"INSERT INTO resident ({', '.join(cols)}) SELECT "
            f"{', '.join(made.get(c, 'r.' + c) for c in cols)} FROM resident r, "
            "generate_series(1, :n) AS g"), {"n": copies})
    with ws.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE resident"))


def _plans(ws: Any, query: str) -> str:
    """EXPLAIN of every statement the search runs for ``query``, with its parameters."""
    from app.core.desk.search import PersonSearch

    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any,
                _many: bool) -> None:
        if "FROM resident" in statement and not statement.startswith("EXPLAIN"):
            seen.append((statement, parameters))

    event.listen(ws.db.engine, "before_cursor_execute", capture)
    try:
        PersonSearch(ws.db.session).search(query)
    finally:
        event.remove(ws.db.engine, "before_cursor_execute", capture)
    assert len(seen) == 1, seen  # the matches, their count and the page of hits at once
    out = []
    raw = ws.db.engine.raw_connection()
    try:
        cur = raw.cursor()
        for statement, parameters in seen:
            cur.execute("EXPLAIN " + statement, parameters)
            out.append("\n".join(r[0] for r in cur.fetchall()))
    finally:
        raw.close()
    return "\n".join(out)


@pytest.mark.postgresql
def test_search_sql_is_planned_on_the_indexes(pg_hub: Any) -> None:
    _grow(pg_hub, 2000)  # about 120,000 residents
    with pg_hub.db.session() as s:
        nik = s.scalar(text("SELECT nik FROM resident WHERE name = 'Diana Lestari'"))
    plan = _plans(pg_hub, "lestar")
    assert "ix_resident_name_trgm" in plan and "Seq Scan" not in plan, plan
    plan = _plans(pg_hub, nik[:12])
    assert "ix_resident_nik_prefix" in plan and "ix_resident_no_kk_prefix" in plan, plan
    assert "Seq Scan" not in plan, plan
    plan = _plans(pg_hub, "an")  # a word start: still the trigram index
    assert "ix_resident_name_trgm" in plan and "Seq Scan" not in plan, plan


@pytest.mark.postgresql
def test_short_word_matches_a_word_start_and_count_stops(pg_hub: Any,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.desk import search as module

    search = module.PersonSearch(pg_hub.db.session)
    names = {h.name for h in search.search("an", limit=500).hits}
    assert {"Andi Wijaya", "Siti Anwar"} <= names and "Diana Lestari" not in names
    assert all(any(w.lower().startswith("an") for w in n.split()) for n in names)
    found = search.search("siti an")
    assert "Siti Anwar" in {h.name for h in found.hits}
    everyone = search.search("a")
    assert everyone.too_short
    full = search.search(pg_hub_name_word(pg_hub))
    assert not full.more and full.total >= 2
    monkeypatch.setattr(module, "COUNT_CAP", 1)
    capped = search.search(pg_hub_name_word(pg_hub))
    assert capped.more and capped.total == 1
    assert len(capped.hits) == 2  # the first COUNT_CAP + 1 found, in name order


def pg_hub_name_word(ws: Any) -> str:
    """A word of three letters or more that at least two residents' names contain."""
    with ws.db.session() as s:
        names = s.scalars(select(Resident.name)).all()
    from collections import Counter

    words = Counter(w.lower() for n in names for w in set(n.split()) if len(w) >= 3)
    word, n = words.most_common(1)[0]
    assert n >= 2
    return word
