"""Check and classify the staged rows in SQL against the hub's tables: knowledge counters,
references to parents, new / updated / deleted / unchanged / older / conflict, NIK clashes."""

from __future__ import annotations

import sqlite3
from contextlib import nullcontext
from typing import Any, cast

from app.core.errors import AppError
from app.core.rules.nik import mask_nik
from sync.dbutil import dialect_of
from sync.importer.context import RunContext, _stage_name
from sync.importer.report import Conflict, NikClash, RowError, SheetCounts
from sync.schema import SCHEMA

# A knowledge counter far above every change the bundle and the hub hold is refused (see
# sync.importer.history.MAX_SEQUENCE_JUMP).
MAX_COUNTER_JUMP = 1_000_000

# One resident of another village per NIK found in the bundle (the lowest id): a NIK shared by
# thousands of rows on both sides is then one pair per incoming row, not every pair of the two
# sides (the join was quadratic on duplicates). Parameter: the bundle's village.
# Driven from the bundle's NIKs: one correlated index lookup per distinct NIK (never a join,
# which SQLite may plan with a Bloom filter built by scanning the whole resident table once the
# hub has planner statistics: issue 15). Columns: nik, id, owner.
OTHER_VILLAGE_NIK = (
    "WITH other_nik AS MATERIALIZED (SELECT nik, id, (SELECT r.owner_office FROM main.resident r "
    "WHERE r.id = f.id) AS owner FROM (SELECT q.nik AS nik, (SELECT min(m.id) FROM "
    "main.resident m WHERE m.nik = q.nik AND m.owner_office != ? AND +m.deleted = FALSE) AS id "
    "FROM (SELECT DISTINCT nik FROM s_resident WHERE nik IS NOT NULL) AS q) AS f "
    "WHERE id IS NOT NULL)")


class ClassifySteps(RunContext):
    # knowledge -------------------------------------------------------------------------
    def staged_counters(self, con: sqlite3.Connection) -> dict[str, int]:
        """The highest change counter per installation among the rows of this bundle."""
        out: dict[str, int] = {}
        server = dialect_of(con) == "postgresql"
        with cast(Any, con).raw.pipeline() if server else nullcontext():  # one round trip
            answers: list[Any] = [con.execute(f"SELECT origin_instance, max(origin_counter) FROM "
                                   f"{_stage_name(sheet.table)} GROUP BY 1") for sheet in SCHEMA]
            if not server:
                answers = [cur.fetchall() for cur in answers]
        for answer in answers:
            for inst, top in (answer.fetchall() if server else answer):
                if inst:
                    out[inst] = max(out.get(inst, 0), int(top or 0))
        return out

    def check_knowledge(self, con: sqlite3.Connection) -> None:
        """Refuse a knowledge vector that claims far more than the rows and the hub show."""
        m = self.opened.manifest
        held = dict(con.execute("SELECT instance_id, counter FROM sync_knowledge "
                                "WHERE village_code = ?", (m.village_code,)).fetchall())
        self.evidence = staged = self.staged_counters(con)
        for inst, counter in m.knowledge.items():
            known = max(int(held.get(inst, 0)), staged.get(inst, 0))
            if counter > known + MAX_COUNTER_JUMP:
                raise AppError("sync.bundle.counter_jump", counter=counter, held=known)

    # references ------------------------------------------------------------------------
    def check_references(self, con: sqlite3.Connection) -> None:
        """Refuse staged rows whose parent is neither staged nor held by the hub for this
        village. On a PostgreSQL server the checks of every reference column go to the server
        together (one pipeline, one round trip instead of one per column); their answers are
        then taken in the same order as on SQLite. Refused rows are deleted from their
        staging table, which may orphan rows checked later (a contact log of a refused
        episode): once a check has refused anything, the later checks are asked again, one
        by one, as on SQLite."""
        checks = [(sheet, col) for sheet in SCHEMA for col in sheet.columns
                  if col.kind == "ref" and col.parent is not None]
        found: list[list[Any] | None] = [None] * len(checks)
        if dialect_of(con) == "postgresql":
            with cast(Any, con).raw.pipeline():
                cursors = [self._missing_parents(con, sheet, col) for sheet, col in checks]
            found = [cur.fetchall() for cur in cursors]
        refused = False
        for n, (sheet, col) in enumerate(checks):
            missing = found[n]
            if missing is None or refused:
                missing = self._missing_parents(con, sheet, col).fetchall()
            refused = self._refuse_orphans(con, sheet, col, missing) or refused

    def _missing_parents(self, con: sqlite3.Connection, sheet: Any, col: Any) -> Any:
        stage = _stage_name(sheet.table)
        parent_stage = _stage_name(col.parent)
        ref = f's."{col.key}"'
        # held: TRUE if the hub holds the parent for this village, FALSE if for another office
        # (such a staged parent is refused as "pemilik" and never merged), NULL if it holds
        # no such id; then only a staged parent counts. One primary-key lookup per staged row
        # (a scalar subquery: never a join or a hashed scan of the hub table, which nested
        # NOT EXISTS were planned as on the server, quadratic in the staged rows).
        held = (f'SELECT o.owner_office = ? FROM main."{col.parent}" o WHERE o.id = {ref}')
        return con.execute(
                    f"SELECT s._row, s.id, {ref} FROM {stage} s WHERE {ref} IS NOT NULL "
                    f"AND NOT coalesce(({held}), "
                    f"EXISTS (SELECT 1 FROM {parent_stage} p WHERE p.id = {ref}))",
                    (self.village,))

    def _refuse_orphans(self, con: sqlite3.Connection, sheet: Any, col: Any,
                        missing: list[Any]) -> bool:
        if not missing:
            return False
        parent_sheet = next(s.name for s in SCHEMA if s.table == col.parent)
        counts = self.report.counts[sheet.name]
        for rownum, row_id, _ref in missing:
            self.error(RowError(sheet.name, rownum, col.header, "sync.row.missing_parent",
                                {"parent": parent_sheet}, row_id))
            counts.rejected += 1
            self.report.error_rows += 1
        con.executemany(f"DELETE FROM {_stage_name(sheet.table)} WHERE id = ?",
                        [(r[1],) for r in missing])
        return True

    # classify --------------------------------------------------------------------------
    def classify(self, con: sqlite3.Connection) -> None:
        """Classify every staged row. On a PostgreSQL server all the statements of all the
        sheets go to the server in one pipeline (one round trip instead of four per sheet);
        their answers are read afterwards, in the same order as on SQLite."""
        self.report.conflicts.clear()
        self.report.nik_clashes.clear()
        server = dialect_of(con) == "postgresql"
        answers: list[tuple[Any, Any, Any]] = []
        with cast(Any, con).raw.pipeline() if server else nullcontext():
            for sheet in SCHEMA:
                if sheet.name not in self.opened.manifest.counts:
                    continue  # a sheet this bundle does not carry: nothing staged
                sheet = self.staged[sheet.table]
                counted, conflicts = self._classify_sheet(con, sheet)
                answers.append((sheet, counted if server else counted.fetchall(),
                                conflicts if server else conflicts.fetchall()))
            clashes: Any = con.execute(
                f"{OTHER_VILLAGE_NIK} SELECT s._row, s.id, s.nik, o.id, o.owner "
                "FROM s_resident s CROSS JOIN other_nik o ON o.nik = s.nik "
                "WHERE s.nik IS NOT NULL AND s.deleted = FALSE AND s._action != 'lama' "
                "ORDER BY s._row LIMIT 1000",
                (self.village,))
            if not server:
                clashes = clashes.fetchall()
        for sheet, counted, conflicts in answers:
            counts = self.report.counts.setdefault(sheet.name, SheetCounts())
            counts.new = counts.updated = counts.deleted = counts.unchanged = 0
            counts.older = counts.conflicts = 0
            for action, deleted, was_deleted, n in (counted.fetchall() if server else counted):
                if action in ("baru", "ubah") and deleted and not was_deleted:
                    counts.deleted += n
                elif action == "baru":
                    counts.new += n
                elif action == "ubah":
                    counts.updated += n
                elif action == "sama":
                    counts.unchanged += n
                elif action == "lama":
                    counts.older += n
                else:
                    counts.conflicts += n
            for rownum, row_id, action in (conflicts.fetchall() if server else conflicts):
                self.report.conflicts.append(Conflict(sheet.name, rownum, row_id, action))
        sheet = SCHEMA[0]
        for rownum, rid, nik, other_id, other_village in (clashes.fetchall() if server
                                                           else clashes):
            self.report.nik_clashes.append(NikClash(sheet.name, rownum, rid, mask_nik(nik),
                                                    other_village, other_id))

    def _classify_sheet(self, con: sqlite3.Connection, sheet: Any) -> tuple[Any, Any]:
        """The statements of one sheet; the cursors of its counts and of its conflicts."""
        stage = _stage_name(sheet.table)
        table = f'main."{sheet.table}"'
        same = " AND ".join(f's."{k}" IS NOT DISTINCT FROM m."{k}"' for k in sheet.keys)
        # Driven by the staging table, one primary-key lookup in the hub per staged row
        # (a correlated subquery, never a join the planner could turn around): with the
        # hub's planner statistics present and none for the staging table, a join was
        # planned as a scan of the whole hub table (issue 15).
        # Each staged row is written at most once (issue 17 item 14): only the rows the
        # hub holds get an action here; the others are "baru" already on SQLite (the
        # column's default, see staging) or set so below. A row the hub held at an
        # earlier classify of this import but no longer holds is "baru" again.
        held = f"SELECT 1 FROM {table} AS m WHERE m.id = s.id"
        con.execute(
            f"UPDATE {stage} AS s SET (_was_deleted, _action) = (SELECT m.deleted, CASE "
            "WHEN m.owner_office IS DISTINCT FROM s.owner_office THEN 'pemilik' "
            f"WHEN {same} THEN 'sama' "
            "WHEN m.origin_instance = s.origin_instance THEN CASE "
            "  WHEN s.origin_counter > m.origin_counter THEN 'ubah' "
            "  WHEN s.origin_counter < m.origin_counter THEN 'lama' "
            "  ELSE 'versi' END "
            "WHEN s.version > m.version THEN 'ubah' "
            "WHEN s.version < m.version THEN 'lama' "
            f"ELSE 'versi' END FROM {table} AS m WHERE m.id = s.id) "
            f"WHERE EXISTS ({held})")
        con.execute(f"UPDATE {stage} AS s SET _action = 'baru', _was_deleted = NULL "
                    f"WHERE s._action IS DISTINCT FROM 'baru' AND NOT EXISTS ({held})")
        counted = con.execute("SELECT _action, deleted, coalesce(_was_deleted, FALSE), count(*) "
                              f"FROM {stage} GROUP BY 1, 2, 3")
        conflicts = con.execute(
            f"SELECT _row, id, _action FROM {stage} WHERE _action IN ('versi', 'pemilik') "
            "ORDER BY _row LIMIT 1000")
        return counted, conflicts
