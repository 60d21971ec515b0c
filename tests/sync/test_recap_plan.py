"""The recap's person queries read a status through its index whatever the planner statistics
say (issue 15 item 5): on a hub of 200,000 residents with statistics, SQLite walked every
resident in (village, name) order to avoid a sort and looked each one up (2.0 s instead of
0.8 s for 9,000 PMI)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sync.recap import _PERSONS_SQL
from tests.sync.conftest import export, import_


def _plan(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + _PERSONS_SQL, ("pmi",))]
    finally:
        con.close()


def test_person_query_uses_the_status_index_with_hub_statistics(village: Any, hub: Any,
                                                                tmp_path: Path) -> None:
    import_(hub, export(village, tmp_path / "usb", full=True))
    db = hub.data_dir.db_path
    con = sqlite3.connect(db)
    con.execute("ANALYZE")
    # the statistics of a real hub (bench_hub.py's 200,000-resident hub, ANALYZEd)
    con.execute("DELETE FROM sqlite_stat1 WHERE tbl IN ('resident', 'episode')")
    con.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", [
        ("resident", "ix_resident_owner_office", "200000 800"),
        ("resident", "ix_resident_owner_name", "200000 800 2"),
        ("resident", "ix_resident_origin_counter", "200000 50000"),
        ("resident", "ix_resident_no_kk", "200000 4"),
        ("resident", "ix_resident_nik", "200000 1"),
        ("resident", "ix_resident_name", "200000 4"),
        ("resident", "ix_resident_migrant_status", "200000 50000"),
        ("resident", "ix_resident_life_status", "200000 66667"),
        ("resident", "ix_resident_dusun", "200000 16667"),
        ("resident", "ix_resident_deleted", "200000 200000"),
        ("resident", "sqlite_autoindex_resident_1", "200000 1"),
        ("episode", "ix_episode_state", "22233 2471"),
        ("episode", "ix_episode_resident_id", "22233 1"),
        ("episode", "ix_episode_owner_office", "22233 89"),
        ("episode", "ix_episode_deleted", "22233 22233"),
        ("episode", "sqlite_autoindex_episode_1", "22233 1")])
    con.commit()
    con.close()
    plan = _plan(db)
    assert any("ix_resident_migrant_status" in step for step in plan), plan
    assert not any(step.startswith("SCAN r") for step in plan), plan
