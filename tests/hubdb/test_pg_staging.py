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
        report = import_(hub, export(village, tmp_path / "usb", full=True), cancel=cancel)
        assert report.status == "diimpor"
        assert report.total("unchanged") > 0
        assert len(calls) == (2 if meanwhile else 1)
    finally:
        hub.close()
