"""The server path's fewer round trips and writes (issue 16 item 5): the reference checks go to
the server together, yet a row refused for a missing parent still orphans the rows hung on it
(checked again one by one, as on SQLite); the refreshed statuses are one statement per batch
that writes only the residents whose status changes."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import Any

from sync.dbutil import raw_connection
from sync.importer.merge import refresh_statuses
from tests.hubdb.conftest import table_rows
from tests.sync.conftest import export, import_


def _copy_row(db: sqlite3.Connection, table: str, **changes: Any) -> None:
    cols = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
    row = dict(zip(cols, db.execute(f"SELECT * FROM {table} LIMIT 1").fetchone(), strict=True))
    row.update(changes)
    db.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
               [row[c] for c in cols])


def test_a_refused_parent_orphans_its_children_on_both_databases(hub, village,
                                                                  tmp_path: Path) -> None:
    episode, log = uuid.uuid4().hex, uuid.uuid4().hex
    db = sqlite3.connect(village.data_dir.db_path)
    # an episode on a resident nobody holds, and a contact log (of a real resident) on it
    _copy_row(db, "episode", id=episode, resident_id=uuid.uuid4().hex)
    resident = db.execute("SELECT id FROM resident LIMIT 1").fetchone()[0]
    _copy_row(db, "contact_log", id=log, resident_id=resident, episode_id=episode)
    db.commit()
    db.close()
    report = import_(hub, export(village, tmp_path / "usb", full=True), valid_rows_only=True)
    refused = {(e.sheet, e.row_id) for e in report.errors if e.code == "sync.row.missing_parent"}
    sheets = {e.sheet for e in report.errors}
    assert len(refused) == 2 and {rid for _s, rid in refused} == {episode, log}, sheets
    assert report.error_rows == 2
    assert not [r for r in table_rows(hub, "episode") if r[0] == episode]
    assert not [r for r in table_rows(hub, "contact_log") if r[0] == log]
    assert len(table_rows(hub, "contact_log")) > 0  # the others were taken


def test_refreshed_statuses_write_only_the_residents_that_change(hub, village,
                                                                 tmp_path: Path) -> None:
    import_(hub, export(village, tmp_path / "usb", full=True))
    server = hub.db.is_server
    with raw_connection(hub.db) as con:
        rows = con.execute("SELECT id, migrant_status FROM resident ORDER BY id").fetchall()
        ids = [r[0] for r in rows]
        wrong = ids[0]
        right = dict(rows)[wrong]
        con.execute("UPDATE resident SET migrant_status = 'xx' WHERE id = ?", (wrong,))
        version = ("SELECT id, xmin::text FROM resident" if server
                   else "SELECT id, 0 FROM resident")
        before = dict(con.execute(version).fetchall())
        con.execute("BEGIN")
        refresh_statuses(con, ids)
        con.execute("COMMIT")
        after = dict(con.execute(version).fetchall())
        assert dict(con.execute("SELECT id, migrant_status FROM resident").fetchall()) == dict(
            rows)
    assert right != "xx"
    if server:  # only the wrong status got a new row version
        assert {i for i in ids if after[i] != before[i]} == {wrong}
