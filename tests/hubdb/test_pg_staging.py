"""The staging tables on a PostgreSQL server are kept per connection: made once, emptied by
one TRUNCATE for the next bundle, made again only when their columns are not the ones asked
for (another bundle format, a migrated hub table)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sync.dbutil import raw_connection
from sync.importer.staging import _server_stages
from sync.schema import SCHEMA
from tests.hubdb.conftest import make_hub_on

pytestmark = pytest.mark.postgresql


def _stages(con) -> dict[str, int]:
    return {name: oid for name, oid in con.execute(
        "SELECT relname::text, oid::bigint FROM pg_class "
        "WHERE relnamespace = pg_my_temp_schema() AND relkind = 'r'").fetchall()}


def _columns(con, stage: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT attname::text FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 "
        "AND NOT attisdropped ORDER BY attnum", (f"pg_temp.{stage}",)).fetchall()]


def test_staging_tables_are_kept_emptied_and_remade_when_stale(pg_database: str,
                                                               tmp_path: Path) -> None:
    hub = make_hub_on(tmp_path / "p4mi", pg_database)
    try:
        with raw_connection(hub.db) as con:
            _server_stages(con, list(SCHEMA))
            first = _stages(con)
            assert set(first) == {f"s_{s.table}" for s in SCHEMA}
            resident = next(s for s in SCHEMA if s.table == "resident")
            assert _columns(con, "s_resident") == ["_row", *resident.keys, "_action",
                                                   "_was_deleted"]
            con.execute("INSERT INTO s_resident (_row, id) VALUES (2, 'x')")
            # a staged row is new until classify finds it in the hub (as on SQLite)
            assert con.execute("SELECT _action FROM s_resident").fetchone()[0] == "baru"
            # the next bundle: the same tables (no catalog work), empty
            _server_stages(con, list(SCHEMA))
            assert _stages(con) == first
            assert con.execute("SELECT count(*) FROM s_resident").fetchone()[0] == 0
            # unique ids, as the merge relies on
            con.execute("INSERT INTO s_resident (_row, id) VALUES (2, 'x')")
            with pytest.raises(Exception, match="duplicate key"):
                con.execute("INSERT INTO s_resident (_row, id) VALUES (3, 'x')")
            # a table whose columns are not those asked for is made again
            con.execute("ALTER TABLE s_episode DROP COLUMN _action")
            con.execute("ALTER TABLE s_family_link ALTER COLUMN _row TYPE bigint")
            _server_stages(con, list(SCHEMA))
            again = _stages(con)
            changed = {k for k in first if again[k] != first[k]}
            assert changed == {"s_episode", "s_family_link"}
            episode = next(s for s in SCHEMA if s.table == "episode")
            assert _columns(con, "s_episode") == ["_row", *episode.keys, "_action",
                                                  "_was_deleted"]
            # a sheet of an older format (fewer columns) gets a table of its own columns
            short = dataclasses.replace(episode, columns=episode.columns[:-1])
            _server_stages(con, [short])
            assert _columns(con, "s_episode") == ["_row", *short.keys, "_action",
                                                  "_was_deleted"]
    finally:
        hub.close()


class _WritesMeanwhile:
    """A cancel token whose every check commits a write on another connection, as another
    clerk's import would between this import's classify and its merge."""

    def __init__(self, hub) -> None:
        self.hub = hub

    def check(self) -> None:
        from sqlalchemy import text

        with self.hub.db.engine.begin() as conn:
            conn.execute(text("INSERT INTO audit_log (at, operator, action, entity, entity_id, "
                              "changes) VALUES (now(), 'lain', 'x', '', '', '{}')"))


@pytest.mark.parametrize("meanwhile", [False, True], ids=["quiet", "another_write"])
def test_classify_again_only_if_another_transaction_wrote(meanwhile: bool, pg_database: str,
                                                          village, tmp_path: Path,
                                                          monkeypatch) -> None:
    """On the server the merge classifies again under the village lock only when another
    transaction committed a write since the staging transaction read the hub."""
    from sync.importer.pipeline import _Run
    from tests.sync.conftest import export, import_

    hub = make_hub_on(tmp_path / "p4mi", pg_database)
    try:
        import_(hub, export(village, tmp_path / "usb"))
        calls: list[int] = []
        original = _Run.classify

        def counting(self, con) -> None:
            calls.append(1)
            original(self, con)

        monkeypatch.setattr(_Run, "classify", counting)
        cancel = _WritesMeanwhile(hub) if meanwhile else None
        # Transaction ids are the whole cluster's: a write in another database of the
        # server (an autovacuum ANALYZE after the previous test's imports) also counts as
        # "changed", and classify runs again (safe, only slower). The quiet case is tried up
        # to three times; a comparison that always said "changed" fails all three.
        counted = []
        for attempt in range(3 if not meanwhile else 1):
            calls.clear()
            report = import_(hub, export(village, tmp_path / f"usb{attempt}", full=True),
                             cancel=cancel)
            assert report.status == "diimpor"
            assert report.total("unchanged") > 0
            counted.append(len(calls))
            if len(calls) == 1:
                break
        assert counted[-1] == (2 if meanwhile else 1), counted
    finally:
        hub.close()


def test_bulk_work_runs_without_jit_and_gives_the_connection_back_as_it_was(
        pg_database: str, tmp_path: Path) -> None:
    """JIT compiled the cross-village NIK lookup of a 2,000-resident bundle for 40 ms, ten
    times the statement: the bulk connection has it off, and the pool gets it back on."""
    hub = make_hub_on(tmp_path / "p4mi", pg_database)
    try:
        with raw_connection(hub.db) as con:
            assert con.execute("SHOW jit").fetchone()[0] == "off"
            raw = con.raw
        assert raw.execute("SHOW jit").fetchone()[0] == "on"
    finally:
        hub.close()


class _ClashMeanwhile:
    """Another clerk imports, between this import's classify and its merge, a village whose
    resident has the NIK of one of this bundle's residents."""

    def __init__(self, hub, bundle: Path) -> None:
        self.hub, self.bundle, self.calls = hub, bundle, 0

    def check(self) -> None:
        import sys

        from tests.sync.conftest import import_

        if sys._getframe(1).f_code.co_name != "_import":
            return  # a progress tick of staging or merge
        self.calls += 1
        if self.calls == 2:  # the first comes before staging, the second after classify
            assert import_(self.hub, self.bundle).status == "diimpor"


def test_a_clash_committed_between_classify_and_merge_is_flagged(pg_database: str, village,
                                                                 tmp_path: Path) -> None:
    """The NIK lookup is not repeated when classify found no clash and nobody wrote since;
    when another clerk committed meanwhile, classify runs again and the clash is flagged."""
    import sqlite3

    from tests.sync.conftest import export, import_, make_village

    other = make_village(tmp_path / "desa2", code="18.07.01.2002", residents=5, seed=9)
    try:
        nik = sqlite3.connect(village.data_dir.db_path).execute(
            "SELECT nik FROM resident WHERE nik IS NOT NULL AND deleted = 0 LIMIT 1"
        ).fetchone()[0]
        db = sqlite3.connect(other.data_dir.db_path)
        db.execute("UPDATE resident SET nik = ? WHERE id = (SELECT min(id) FROM resident)",
                   (nik,))
        db.commit()
        db.close()
        clashing = export(other, tmp_path / "usb2", full=True)
    finally:
        other.close()
    hub = make_hub_on(tmp_path / "p4mi", pg_database)
    try:
        clash = _ClashMeanwhile(hub, clashing)
        report = import_(hub, export(village, tmp_path / "usb", full=True), cancel=clash)
        assert report.status == "diimpor"
        assert clash.calls >= 2
        assert [c.other_village for c in report.nik_clashes] == ["18.07.01.2002"]
        with raw_connection(hub.db) as con:
            flags = con.execute("SELECT village_code, other_village FROM sync_nik_flag "
                                "WHERE import_id = ?", (report.import_id,)).fetchall()
        assert flags == [(village.office().code, "18.07.01.2002")]
    finally:
        hub.close()
