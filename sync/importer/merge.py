"""Merge: upsert the staged rows, refresh derived statuses, record the import (history, conflicts,
NIK flags, knowledge vector, audit)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from datetime import date
from typing import Any, cast

from app.core.rules.episodes import EpisodeFacts, derive_status, start_date
from sync.dbutil import audit_event, dialect_of, id_batches, stamp
from sync.importer.classify import OTHER_VILLAGE_NIK
from sync.importer.context import RunContext, _stage_name
from sync.importer.report import ImportReport
from sync.schema import SCHEMA


class MergeSteps(RunContext):
    # merge -----------------------------------------------------------------------------
    def merge(self, con: sqlite3.Connection) -> list[tuple[str, bool]]:
        """Apply new and updated rows; returns the residents whose status must be refreshed,
        each with whether the merge wrote that resident's row itself (then the undo journal
        holds its previous version already). On a PostgreSQL server the statements of all
        the tables go in one pipeline."""
        server = dialect_of(con) == "postgresql"
        with cast(Any, con).raw.pipeline() if server else nullcontext():
            self._merge_tables(con)
        return [(r[0], bool(r[1])) for r in con.execute(
            "SELECT DISTINCT e.resident_id, EXISTS (SELECT 1 FROM s_resident r "
            "WHERE r.id = e.resident_id AND r._action IN ('baru', 'ubah')) "
            "FROM s_episode e WHERE e._action IN ('baru', 'ubah')")]

    def _merge_tables(self, con: sqlite3.Connection) -> None:
        for n, sheet in enumerate(SCHEMA):
            self.tick("progress.import.save", n, len(SCHEMA), phase=1)
            sheet = self.staged[sheet.table]
            stage = _stage_name(sheet.table)
            keys = sheet.keys
            cols = ", ".join(f'"{k}"' for k in keys)
            extra_cols, extra_vals = "", ""
            if sheet.table == "resident":
                extra_cols, extra_vals = ', "migrant_status"', ", 'bukan'"
            elif sheet.table == "letter":  # the letter text stays in the village
                extra_cols, extra_vals = ', "fields"', ", ''"
            updates = ", ".join(f'"{k}" = excluded."{k}"' for k in keys if k != "id")
            with _indexes_rebuilt_if_large(con, sheet.table, stage):
                con.execute(
                    f'INSERT INTO main."{sheet.table}" ({cols}{extra_cols}) '
                    f"SELECT {cols}{extra_vals} FROM {stage} WHERE _action IN ('baru', 'ubah') "
                    f"ORDER BY _row ON CONFLICT(id) DO UPDATE SET {updates}")

    def drop(self, con: sqlite3.Connection) -> None:
        if dialect_of(con) == "postgresql":
            return  # kept for the connection's next bundle (staging._server_stages)
        for sheet in SCHEMA:
            con.execute(f"DROP TABLE IF EXISTS temp.{_stage_name(sheet.table)}")
        if self.temp_cache is not None:  # the staging tables' page cache as it was
            con.execute(f"PRAGMA temp.cache_size = {int(self.temp_cache)}")
            self.temp_cache = None


# A bundle that brings at least this many new rows, and more than two thirds of what the hub
# table already holds (a village's first full bundle into a young hub), is merged into that
# table with its secondary indexes dropped and built again afterwards, in the same transaction
# (a failure or a power cut rolls the drop back with the rest): building an index from the
# rows is cheaper than inserting 170,000 random keys into ten B-trees one row at a time (merge
# of the 170,000-resident bundle 4.3-4.9 -> 2.5 s CPU; issue 17 item 14). SQLite only: on a
# PostgreSQL server other clerks read the table meanwhile, and DROP INDEX would lock them out.
REBUILD_MIN_ROWS = 20_000


@contextmanager
def _indexes_rebuilt_if_large(con: sqlite3.Connection, table: str, stage: str) -> Iterator[None]:
    if dialect_of(con) == "postgresql":
        yield
        return
    new = con.execute(f"SELECT count(*) FROM {stage} WHERE _action = 'baru'").fetchone()[0]
    if new < REBUILD_MIN_ROWS:
        yield
        return
    held = con.execute(f'SELECT count(*) FROM main."{table}"').fetchone()[0]
    if new * 3 <= held * 2:  # rebuilding pays from about two new rows for three held
        yield
        return
    # the indexes made by CREATE INDEX (the primary key's own index has no sql and stays)
    indexes = con.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL ORDER BY name", (table,)).fetchall()
    for name, _sql in indexes:
        con.execute(f'DROP INDEX main."{name}"')
    yield
    for _name, sql in indexes:
        con.execute(sql)


def refresh_statuses(con: sqlite3.Connection, resident_ids: Sequence[str]) -> None:
    """``resident.migrant_status`` from the episodes, as :func:`app.core.db.recompute_statuses`
    does, in batches on a plain sqlite3 connection."""
    server = dialect_of(con) == "postgresql"
    for ids, among, params in id_batches(con, resident_ids):
        facts: dict[str, list[EpisodeFacts]] = {rid: [] for rid in ids}
        for rid, state, reg, dep, ret, created in con.execute(
                "SELECT resident_id, state, registered_on, departed_on, returned_on, created_at "
                f"FROM episode WHERE +deleted = FALSE AND resident_id {among}", params):
            first = start_date(reg, dep, ret)
            facts[rid].append(EpisodeFacts(
                state=state,
                start=None if first is None else date.fromisoformat(str(first)[:10]),
                created_order=str(created)))
        statuses = [(str(derive_status(f)), rid) for rid, f in facts.items()]
        if server:
            # one statement per batch instead of one per resident; a status that is already
            # right writes no new row version (and touches none of the table's indexes)
            con.execute(
                "UPDATE resident AS r SET migrant_status = u.status "
                "FROM unnest(?::text[], ?::text[]) AS u (status, id) "
                "WHERE r.id = u.id AND r.migrant_status IS DISTINCT FROM u.status",
                ([s for s, _ in statuses], [rid for _, rid in statuses]))
        else:
            con.executemany("UPDATE resident SET migrant_status = ? WHERE id = ?", statuses)


def _record(con: sqlite3.Connection, run: RunContext, report: ImportReport, new_key: bool,
            operator: str) -> None:
    m = run.opened.manifest
    now = stamp()
    if new_key:
        con.execute(
            "INSERT INTO sync_village_key (village_code, public_key, fingerprint, "
            "installation_id, source, trusted_at, trusted_by, active, reason) "
            "VALUES (?, ?, ?, ?, 'paket', ?, ?, TRUE, '')",
            (m.village_code, m.raw["public_key"], report.fingerprint, m.installation_id, now,
             operator))
    cur = con.execute(
        "INSERT INTO sync_bundle_import (file_sha256, file_name, village_code, installation_id, "
        "sequence, kind, bundle_created_at, imported_at, operator, status, counts, rejected, "
        "warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (report.file_sha256, report.file_name[:200], m.village_code, m.installation_id,
         m.sequence, m.scope, m.created_at[:40], now, operator, report.status,
         json.dumps({k: v.as_dict() for k, v in report.counts.items()}, sort_keys=True),
         json.dumps([e.to_json() for e in report.errors], ensure_ascii=False),
         json.dumps(report.warnings, ensure_ascii=False, default=str)))
    import_id = int(cur.fetchone()[0])
    report.import_id = import_id
    con.execute("UPDATE sync_village_state SET imports = imports + 1, last_import_id = ? "
                "WHERE village_code = ?", (import_id, m.village_code))
    server = dialect_of(con) == "postgresql"
    answers: list[tuple[Any, Any]] = []
    with cast(Any, con).raw.pipeline() if server else nullcontext():  # one round trip
        for sheet in SCHEMA:
            stage = _stage_name(sheet.table)
            staged_keys = run.staged[sheet.table].keys  # a v1 bundle stages fewer columns
            pairs = ", ".join(f"'{k}', \"{k}\"" for k in staged_keys)
            as_json = (f"json_object({pairs})" if not server else  # 100 args
                       "(to_jsonb(s) - '_row' - '_action' - '_was_deleted')::text")
            cur = con.execute(f"SELECT id, _action, {as_json} FROM {stage} s "
                              "WHERE _action IN ('versi', 'pemilik')")
            answers.append((sheet, cur if server else cur.fetchall()))
    for sheet, answer in answers:
        rows = answer.fetchall() if server else answer
        if not rows:
            continue
        con.executemany(
            "INSERT INTO sync_conflict (import_id, village_code, table_name, row_id, reason, "
            "incoming, detected_at, resolved) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE)",
            [(import_id, m.village_code, sheet.table, rid, action, payload, now)
             for rid, action, payload in rows])
    # The clashes classify found are all there are: it ran in this transaction (under the
    # write lock on SQLite), or on the same data (PRAGMA data_version or, on a server, the
    # snapshot unchanged: pipeline._hub_version), and the merge adds only this village's rows.
    # None found: the lookup of every NIK of the bundle is not repeated (0.5 s for 170,000
    # residents on SQLite, 5-40 ms for 2,000 on a server).
    if run.report.nik_clashes:
        _flag_niks(con, m.village_code, import_id, now)
    _advance_knowledge(con, run, report)
    audit_event(con, "import", operator, entity="paket", entity_id=str(import_id),
                village=m.village_code, sequence=m.sequence, file=report.file_name,
                sha256=report.file_sha256, status=report.status,
                new=report.total("new"), updated=report.total("updated"),
                deleted=report.total("deleted"), rejected=report.error_rows,
                conflicts=report.total("conflicts"))


def _flag_niks(con: sqlite3.Connection, village: str, import_id: int, now: str) -> None:
    con.execute(
        f"{OTHER_VILLAGE_NIK} "
        "INSERT INTO sync_nik_flag (nik, resident_id, village_code, other_resident_id, "
        "other_village, import_id, first_seen, status) "
        "SELECT s.nik, s.id, s.owner_office, o.id, o.owner, ?, ?, 'baru' FROM s_resident s "
        "CROSS JOIN other_nik o ON o.nik = s.nik "
        "WHERE s.nik IS NOT NULL AND s.deleted = FALSE AND s._action != 'lama' "
        "ON CONFLICT DO NOTHING",
        (village, import_id, now))


def _advance_knowledge(con: sqlite3.Connection, run: RunContext, report: ImportReport) -> None:
    m = run.opened.manifest
    held = dict(con.execute("SELECT instance_id, counter FROM sync_knowledge "
                            "WHERE village_code = ?", (m.village_code,)).fetchall())
    if any(held.get(inst, 0) < counter for inst, counter in m.base.items()):
        # The village thinks we hold more than we do (our data was restored from an older
        # backup?): its bundle lacks changes we never got. Keep our vector; ask for a full one.
        report.warnings.append(("sync.warn.base_ahead", {}))
        return
    if report.error_rows:
        # Only the valid rows were taken: the hub must not claim to hold the village's changes
        # up to this bundle, or the rejected rows (fixed later in the village) would never be
        # sent again. Keep the vector; the next bundle repeats the rest, which costs nothing.
        return
    # Claim no more than the rows received show (or the hub already held): a counter above
    # every row of its installation stands for no change at all, and claiming it would make
    # the village hold back later changes it believes the hub has.
    evidence = run.evidence
    con.executemany(
        "INSERT INTO sync_knowledge (village_code, instance_id, counter) VALUES (?, ?, ?) "
        "ON CONFLICT(village_code, instance_id) DO UPDATE SET counter = CASE "
        "WHEN excluded.counter > sync_knowledge.counter THEN excluded.counter "
        "ELSE sync_knowledge.counter END",
        [(m.village_code, inst, min(counter, max(evidence.get(inst, 0), held.get(inst, 0))))
         for inst, counter in m.knowledge.items()])
