"""The undo journal of bundle imports: "Batalkan impor terakhir" without copying the hub.

A bundle import (:mod:`sync.importer`) runs in one ``BEGIN IMMEDIATE`` transaction. Inside it,
before the merge, :func:`journal_rows` records in the tables of migration 0006 (``import_run``
with ``kind = 'bundle'``, ``undo_journal``) the **whole previous row** (every column, sync
metadata and the derived ``migrant_status`` included, as a JSON object) of every row the
import will change, and ``NULL`` for every row it will create; :func:`journal_statuses` adds
the residents whose derived status the import refreshes; :func:`finish_run` notes the
bookkeeping to take back (the ``sync_bundle_import`` row and what hangs on it, the knowledge
vector as it was, a village key recorded by this import). The journal costs what the bundle
costs: nothing of the hub's size is read or copied.

:func:`undo_last_import` (one ``BEGIN IMMEDIATE`` transaction) takes the newest bundle run not
yet undone and puts every journaled row back exactly as it was (created rows are removed,
changed rows get every column back), newest entry first, children before parents; removes the
import's conflicts, NIK flags and history row (so the same bundle can be imported again);
restores the knowledge vector; records an ``undo_import`` audit row. The canonical dump of the
village (:mod:`sync.canonical`) is then byte-for-byte what it was before the import. Design and
limits: ``docs/UNDO_JOURNAL.md`` ("Bundle imports").
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, cast

from app.core.errors import AppError
from app.core.workspace import MODE_P4MI, Workspace
from sync.dbutil import audit_event, dialect_of, id_batches, raw_connection, stamp
from sync.schema import SCHEMA

KIND = "bundle"

MESSAGES: dict[str, tuple[str, str]] = {
    "sync.undo.nothing": (
        "Tidak ada impor paket yang dapat dibatalkan.",
        "There is no bundle import to undo.",
    ),
    "sync.undo.not_hub": (
        "Pembatalan impor paket hanya ada di folder P4MI.",
        "Undoing a bundle import is only available in a P4MI folder.",
    ),
    "sync.import.cancelled": (
        "Impor dihentikan: paket yang sudah selesai tetap diimpor, paket yang sedang diimpor "
        "tidak mengubah apa pun. Jalankan perintah yang sama lagi untuk melanjutkan.",
        "Import stopped: the bundles already done stay imported, the one in progress changed "
        "nothing. Run the same command again to continue.",
    ),
    "sync.undo.damaged": (
        "Catatan pembatalan impor {run} rusak ({detail}). Tidak ada yang diubah; pulihkan dari "
        "cadangan bila perlu.",
        "The undo journal of import {run} is damaged ({detail}). Nothing was changed; restore "
        "a backup if needed.",
    ),
}


@dataclass(frozen=True)
class UndoResult:
    run_id: int
    import_id: int
    village_code: str
    file_name: str
    removed: int  # rows the import had created
    restored: int  # rows put back to their previous version


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f'PRAGMA main.table_info("{table}")')]


def _json_row(con: sqlite3.Connection, table: str, alias: str) -> str:
    """The SQL of one row as a JSON text (the journal keeps whole previous versions)."""
    if dialect_of(con) == "postgresql":  # (json_build_object takes at most 100 arguments)
        return f"row_to_json({alias})::text"
    pairs = ", ".join(f"'{c}', {alias}.\"{c}\"" for c in _columns(con, table))
    return f"json_object({pairs})"


def start_run(con: sqlite3.Connection, *, operator: str, file_name: str, sha256: str) -> int:
    """The ``import_run`` row of a bundle import (inside the import's transaction)."""
    row = con.execute(
        "INSERT INTO import_run (kind, at, operator, source_name, source_sha256, counts, "
        "counter, undone_by) VALUES (?, ?, ?, ?, ?, '{}', 0, '') RETURNING id",
        (KIND, stamp(), operator[:100], file_name[:250], sha256)).fetchone()
    return int(row[0])


def journal_rows(con: sqlite3.Connection, run_id: int) -> None:
    """Every row the merge will create (``NULL``) or change (its whole previous version),
    from the classified staging tables ``temp.s_<table>``. One indexed lookup per row. On a
    PostgreSQL server the statements of all tables go in one pipeline (one round trip)."""
    server = dialect_of(con) == "postgresql"
    with cast(Any, con).raw.pipeline() if server else nullcontext():
        for sheet in SCHEMA:
            _journal_table(con, run_id, sheet.table)


def _journal_table(con: sqlite3.Connection, run_id: int, table: str) -> None:
    con.execute(
        "INSERT INTO undo_journal (run_id, table_name, row_id, previous) "
        f"SELECT ?, ?, s.id, (SELECT {_json_row(con, table, 'm')} FROM main.\"{table}\" m "
        f"WHERE m.id = s.id) FROM temp.s_{table} s "
        "WHERE s._action IN ('baru', 'ubah') ORDER BY s._row",
        (run_id, table))


def journal_statuses(con: sqlite3.Connection, run_id: int, resident_ids: Sequence[str]) -> None:
    """Residents whose derived status the import refreshes and that the merge does not
    change itself (those are journaled already; the caller leaves them out, and the query
    checks again)."""
    row = _json_row(con, "resident", "m")
    for _ids, among, params in id_batches(con, resident_ids):
        con.execute(
            "INSERT INTO undo_journal (run_id, table_name, row_id, previous) "
            f"SELECT ?, 'resident', m.id, {row} FROM main.resident m "
            f"WHERE m.id {among} AND NOT EXISTS (SELECT 1 FROM "
            "temp.s_resident s WHERE s.id = m.id AND s._action IN ('baru', 'ubah'))",
            (run_id, *params))


def knowledge_before(con: sqlite3.Connection, village: str) -> dict[str, int]:
    return {r[0]: int(r[1]) for r in con.execute(
        "SELECT instance_id, counter FROM sync_knowledge WHERE village_code = ?", (village,))}


def finish_run(con: sqlite3.Connection, run_id: int, *, import_id: int, village: str,
               knowledge: dict[str, int], new_key: bool, counts: dict[str, Any]) -> None:
    """What the undo must take back besides the rows (after ``_record``)."""
    key_id = None
    if new_key:
        key_id = con.execute("SELECT max(id) FROM sync_village_key WHERE village_code = ?",
                             (village,)).fetchone()[0]
    con.execute("UPDATE import_run SET counts = ? WHERE id = ?", (json.dumps({
        "import_id": import_id, "village": village, "knowledge": knowledge,
        "key_id": key_id, "counts": counts}, sort_keys=True), run_id))


def last_run(ws: Workspace) -> dict[str, Any] | None:
    """The bundle import "Batalkan impor terakhir" would undo, or None."""
    with raw_connection(ws.db) as con:
        row = con.execute("SELECT id, at, source_name, counts FROM import_run WHERE kind = ? "
                          "AND undone_at IS NULL ORDER BY id DESC LIMIT 1", (KIND,)).fetchone()
    if row is None:
        return None
    info = json.loads(row[3] or "{}")
    return {"run_id": row[0], "at": row[1], "file_name": row[2],
            "village": info.get("village", ""), "counts": info.get("counts", {})}


def undo_last_import(ws: Workspace, *, operator: str) -> UndoResult:
    """Undo the newest bundle import not undone yet, exactly, in one transaction."""
    office = ws.office()
    if office is None or office.mode != MODE_P4MI:
        raise AppError("sync.undo.not_hub")
    with raw_connection(ws.db) as con:
        con.execute("BEGIN IMMEDIATE")
        row = con.execute("SELECT id, source_name, counts FROM import_run WHERE kind = ? "
                          "AND undone_at IS NULL ORDER BY id DESC LIMIT 1", (KIND,)).fetchone()
        if row is None:
            raise AppError("sync.undo.nothing")
        run_id, file_name, raw = row
        try:
            info = json.loads(raw)
            import_id = int(info["import_id"])
            village = str(info["village"])
            knowledge = {str(k): int(v) for k, v in info["knowledge"].items()}
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise AppError("sync.undo.damaged", run=run_id, detail=str(exc)[:80]) from exc
        if dialect_of(con) == "sqlite":  # on the server children go first (below)
            con.execute("PRAGMA defer_foreign_keys = ON")
        removed = restored = 0
        for sheet in reversed(SCHEMA):  # children before parents
            table = sheet.table
            entries = con.execute(
                "SELECT row_id, previous FROM undo_journal WHERE run_id = ? AND table_name = ? "
                "ORDER BY id DESC", (run_id, table)).fetchall()
            gone = [(rid,) for rid, prev in entries if prev is None]
            if gone:
                con.executemany(f'DELETE FROM main."{table}" WHERE id = ?', gone)
                removed += len(gone)
            back = [json.loads(prev) for _rid, prev in entries if prev is not None]
            if back:
                cols = [c for c in back[0] if c != "id"]
                con.executemany(
                    f'UPDATE main."{table}" SET ' + ", ".join(f'"{c}" = ?' for c in cols)
                    + " WHERE id = ?", [[b[c] for c in cols] + [b["id"]] for b in back])
                restored += len(back)
        con.execute("DELETE FROM sync_conflict WHERE import_id = ?", (import_id,))
        con.execute("DELETE FROM sync_nik_flag WHERE import_id = ?", (import_id,))
        con.execute("DELETE FROM sync_knowledge WHERE village_code = ?", (village,))
        con.executemany("INSERT INTO sync_knowledge (village_code, instance_id, counter) "
                        "VALUES (?, ?, ?)", [(village, k, v) for k, v in knowledge.items()])
        if info.get("key_id") is not None:
            con.execute("DELETE FROM sync_village_key WHERE id = ?", (int(info["key_id"]),))
        con.execute("DELETE FROM sync_bundle_import WHERE id = ?", (import_id,))
        for also in info.get("also", []):  # a hub's package: its own records (sync/relay/)
            con.execute("DELETE FROM sync_bundle_import WHERE id = ?", (int(also["import_id"]),))
            if also.get("key_id") is not None:
                con.execute("DELETE FROM sync_village_key WHERE id = ?", (int(also["key_id"]),))
            hub = str(also["village"])
            con.execute("UPDATE sync_village_state SET imports = imports - 1, last_import_id = "
                        "(SELECT max(id) FROM sync_bundle_import WHERE village_code = ?) "
                        "WHERE village_code = ?", (hub, hub))
            con.execute("DELETE FROM sync_village_state WHERE village_code = ? AND imports <= 0",
                        (hub,))
        # the village's sync-state row as before the import (the undone import was its newest)
        con.execute("UPDATE sync_village_state SET imports = imports - 1, last_import_id = "
                    "(SELECT max(id) FROM sync_bundle_import WHERE village_code = ?) "
                    "WHERE village_code = ?", (village, village))
        con.execute("DELETE FROM sync_village_state WHERE village_code = ? AND imports <= 0",
                    (village,))
        con.execute("UPDATE import_run SET undone_at = ?, undone_by = ? WHERE id = ?",
                    (stamp(), operator[:100], run_id))
        audit_event(con, "undo_import", operator, entity="paket", entity_id=str(import_id),
                    village=village, file=file_name, removed=removed, restored=restored)
        con.execute("COMMIT")
    return UndoResult(run_id, import_id, village, file_name, removed, restored)
