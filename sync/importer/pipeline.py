"""One bundle from file to hub: verify, stage, classify, merge, record; and a batch of several
(:func:`import_many`). See the package docstring for the stages."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.core import reference
from app.core.backup import daily_backup_if_due
from app.core.errors import AppError
from app.core.practice import is_practice
from app.core.progress import Cancelled, CancelToken, Progress
from app.core.workspace import MODE_P4MI, Office, Workspace, hub_covers
from sync import import_undo
from sync.container import Manifest, OpenedBundle, read_bundle
from sync.dbutil import dialect_of, raw_connection
from sync.importer.classify import ClassifySteps
from sync.importer.context import ProgressFn
from sync.importer.history import (
    _archive,
    _archived_elsewhere,
    already_imported,
    note_sequence,
)
from sync.importer.merge import MergeSteps, _record, refresh_statuses
from sync.importer.report import (
    KEY_NEW,
    STATUS_ALREADY,
    STATUS_IMPORTED,
    STATUS_PARTIAL,
    STATUS_PREVIEW,
    STATUS_REFUSED,
    ImportReport,
)
from sync.importer.staging import StagingSteps
from sync.keys import KeyPair, load_keypair, normalize_fingerprint

# The page cache of the hub's database during one import, in KiB (SQLite takes a negative
# cache_size as KiB): the pages of the tables and indexes that a merge dirties stay in memory
# instead of spilling to the WAL page by page (a merge of 170,000 residents into their ten
# indexes took twice as long with the default 2 MiB). It grows only as far as used.
MAIN_CACHE_KIB = 192 * 1024


@contextmanager
def _bulk_cache(con: sqlite3.Connection) -> Iterator[None]:
    """Larger page caches on this pooled connection for the import; the old sizes after.
    (A PostgreSQL server sizes its own buffers: nothing to do there.)"""
    if dialect_of(con) == "postgresql":
        yield
        return
    old_main = con.execute("PRAGMA main.cache_size").fetchone()[0]
    con.execute(f"PRAGMA main.cache_size = {-MAIN_CACHE_KIB}")
    try:
        yield
    finally:
        con.execute(f"PRAGMA main.cache_size = {int(old_main)}")


def _hub_version(con: sqlite3.Connection) -> Any:
    """``PRAGMA data_version`` of the hub's database in the current (read) transaction: it
    changes when another connection commits, never for this connection's own writes.
    On a PostgreSQL server (several clerks at once, no such counter): the transaction snapshot
    (:class:`_ServerVersion`), equal to an earlier one only if no other transaction that wrote
    anything has committed in between."""
    if dialect_of(con) == "postgresql":
        return _ServerVersion.now(con)
    con.execute("SELECT count(*) FROM main.sqlite_master").fetchone()  # start the snapshot
    return int(con.execute("PRAGMA main.data_version").fetchone()[0])


class _ServerVersion:
    """A PostgreSQL snapshot (``pg_current_snapshot()``: transactions below ``xmax`` and not
    in progress are visible) and this connection's own transaction ids. Only a transaction that
    wrote has an id; a read-only clerk changes nothing here. Two snapshots are equal when every
    transaction visible in the later one and not in the earlier is one of ours (the staging
    transaction, the merge transaction): nobody else committed a write in between, so what was
    classified before still holds. An aborted transaction counts as a change (classify again:
    safe, only slower)."""

    def __init__(self, xmax: int, running: frozenset[int], own: set[int]) -> None:
        self.xmax, self.running, self.own = xmax, running, own

    @classmethod
    def now(cls, con: sqlite3.Connection) -> _ServerVersion:
        snap, own = con.execute("SELECT pg_current_snapshot()::text, "
                                "pg_current_xact_id_if_assigned()::text").fetchone()
        _xmin, xmax, running = snap.split(":")
        return cls(int(xmax), frozenset(int(x) for x in running.split(",") if x),
                   {int(own)} if own else set())

    def mine(self, con: sqlite3.Connection) -> None:
        """Note this connection's current transaction id (before its COMMIT)."""
        own = con.execute("SELECT pg_current_xact_id_if_assigned()::text").fetchone()[0]
        if own:
            self.own.add(int(own))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _ServerVersion):
            return NotImplemented
        before, after = (self, other) if self.xmax <= other.xmax else (other, self)
        ours = self.own | other.own
        if any(x not in after.running and x not in ours for x in before.running):
            return False  # in progress before, finished since
        # ids from before.xmax up to after.xmax: each ours or still in progress
        quiet = {x for x in after.running | ours if before.xmax <= x < after.xmax}
        return len(quiet) == after.xmax - before.xmax

    __hash__ = None  # type: ignore[assignment]


class _Run(StagingSteps, ClassifySteps, MergeSteps):
    """One import run: the steps of staging, classify and merge on the shared state."""


def hub_office(ws: Workspace) -> Office:
    """This folder's office, which must be a hub (regency, province or national)."""
    office = ws.office()
    if office is None:
        raise AppError("office.not_initialised", path=str(ws.data_dir.root))
    if office.mode != MODE_P4MI:
        raise AppError("sync.import.not_hub")
    return office


VILLAGE_KEY = ("sync.key.mismatch", "sync.key.unconfirmed", "village")
"""The refusals of a village's key, and the name of the sender in their parameters."""


def note_key(con: Any, owner: str, public_key: str, report: Any,
             codes: tuple[str, str, str], *, confirm_key: str | None = None,
             must_confirm: bool = False) -> tuple[str, str] | None:
    """The sender's key on record (None: a new one), checked against the one presented, for
    a village bundle and a hub's package, in the import and in its checks: another key than
    the one on record is refused; a new one is a warning on ``report`` and, when
    ``must_confirm`` (the import itself), must come with its kode kunci (``confirm_key``)."""
    mismatch, unconfirmed, who = codes
    key = active_key(con, owner)
    if key is not None and key[0] != public_key:
        raise AppError(mismatch, **{who: owner}, known=key[1], found=report.fingerprint)
    if key is None:
        report.key_status = KEY_NEW
        report.warnings.append(("sync.warn.new_key", {"fingerprint": report.fingerprint}))
        if must_confirm and normalize_fingerprint(confirm_key or "") != report.fingerprint:
            raise AppError(unconfirmed, **{who: owner}, fingerprint=report.fingerprint)
    return key


def check_village(hub_code: str, village_code: str) -> None:
    """A village bundle is taken only from a known village under the hub's code: of its
    regency at a regency hub, of its province at a province hub, any at a national hub."""
    if not hub_covers(hub_code, village_code) or reference.region_level(
            village_code) != "desa" or not reference.region_name(village_code):
        raise AppError("sync.bundle.unexpected_village", village=village_code, regency=hub_code)


def check_practice(hub_practice: bool, manifest: Manifest) -> None:
    """A practice bundle never enters a real hub; a practice hub takes practice bundles only."""
    if manifest.practice and not hub_practice:
        raise AppError("sync.bundle.practice")
    if hub_practice and not manifest.practice:
        raise AppError("sync.bundle.not_practice")


def _lock_village(con: sqlite3.Connection, village: str, sha256: str,
                  key: tuple[str, str] | None, public_key: str) -> str | None:
    """Take the village's sync-state row lock for this transaction and check again what was
    checked before it. On SQLite ``BEGIN IMMEDIATE`` already serialises every writer; on a
    PostgreSQL server several clerks import at once: the same village's imports wait here for
    each other (``SELECT ... FOR UPDATE``), other villages' do not. None when the bundle was
    imported meanwhile (it is never merged twice); else "baru" when the village's key is still
    to be recorded, "dikenal" when it is on record (perhaps recorded meanwhile by another
    clerk's import of the same village)."""
    con.execute("INSERT INTO sync_village_state (village_code, imports) VALUES (?, 0) "
                "ON CONFLICT (village_code) DO NOTHING", (village,))
    if dialect_of(con) == "postgresql":
        con.execute("SELECT village_code FROM sync_village_state WHERE village_code = ? "
                    "FOR UPDATE", (village,)).fetchone()
    if already_imported(con, sha256):
        return None
    now_key = active_key(con, village)
    if now_key == key:
        return "baru" if key is None else "dikenal"
    if key is None and now_key is not None and now_key[0] == public_key:
        return "dikenal"  # the same key, recorded by another clerk's import meanwhile
    raise AppError("sync.import.concurrent", village=village)  # the key changed meanwhile


def active_key(con: sqlite3.Connection, village: str) -> tuple[str, str] | None:
    row = con.execute("SELECT public_key, fingerprint FROM sync_village_key "
                      "WHERE village_code = ? AND active = TRUE ORDER BY id DESC LIMIT 1",
                      (village,)).fetchone()
    return None if row is None else (row[0], row[1])


def _new_report(opened: OpenedBundle) -> ImportReport:
    m = opened.manifest
    report = ImportReport(
        file_name=opened.file_name, file_sha256=opened.file_sha256, village_code=m.village_code,
        village_name=m.village_name, installation_id=m.installation_id, sequence=m.sequence,
        scope=m.scope, created_at=m.created_at, encrypted=m.encrypted,
        fingerprint=m.public_key.fingerprint)
    report.warnings.extend((w, {}) for w in opened.warnings)
    return report


def preview_import(ws: Workspace, path: Path, *, progress: ProgressFn | None = None,
                   cancel: CancelToken | None = None) -> ImportReport:
    """Everything an import would do, reported, with nothing changed."""
    return _import(ws, Path(path), commit=False, valid_rows_only=False, confirm_key=None,
                   operator=None, backup=False, progress=progress, cancel=cancel)


def import_bundle(ws: Workspace, path: Path, *, valid_rows_only: bool = False,
                  confirm_key: str | None = None, operator: str | None = None,
                  backup: bool = True, progress: ProgressFn | None = None,
                  cancel: CancelToken | None = None) -> ImportReport:
    """Import one bundle into this P4MI hub in one transaction.

    Container-level refusals raise ``AppError`` (nothing changed). Row errors without
    ``valid_rows_only`` give a report with ``status == "ditolak"`` (nothing changed).
    ``confirm_key`` is the fingerprint the clerk confirmed for a village seen for the first time.
    """
    return _import(ws, Path(path), commit=True, valid_rows_only=valid_rows_only,
                   confirm_key=confirm_key, operator=operator, backup=backup,
                   progress=progress, cancel=cancel)


def _import(ws: Workspace, path: Path, *, commit: bool, valid_rows_only: bool,
            confirm_key: str | None, operator: str | None, backup: bool,
            progress: ProgressFn | None, cancel: CancelToken | None) -> ImportReport:
    started = time.perf_counter()
    office = hub_office(ws)
    operator = operator or office.operator or "P4MI"
    opened = read_bundle(path)
    m = opened.manifest
    check_practice(is_practice(ws), m)
    check_village(office.code, m.village_code)
    report = _new_report(opened)
    if cancel is not None:
        cancel.check()
    with raw_connection(ws.db) as con, _bulk_cache(con):
        if already_imported(con, opened.file_sha256):
            report.status = STATUS_ALREADY
            if commit:  # a copy cut short by a power cut (older versions) is rewritten now
                try:
                    _archive(ws, opened, known=_archived_elsewhere(con, opened))
                except AppError as exc:  # the import itself is done: say so, go on
                    report.warnings.append((exc.code, dict(exc.params)))
            report.seconds = time.perf_counter() - started
            return report
        key = note_key(con, m.village_code, m.raw["public_key"], report, VILLAGE_KEY,
                       confirm_key=confirm_key if commit else None, must_confirm=commit)
        note_sequence(con, opened, report)
        hub_key: KeyPair | None = load_keypair(ws.data_dir)
        workbook = opened.workbook(hub_key)
        run = _Run(ws, opened, report, progress, cancel)
        try:
            # Staging and the checks run in one transaction: the staging tables are written
            # once, not committed statement by statement, and the hub is read as of one moment.
            con.execute("BEGIN")
            seen = _hub_version(con)
            run.stage(con, workbook)
            del workbook
            run.check_knowledge(con)
            run.check_references(con)
            run.classify(con)
            if isinstance(seen, _ServerVersion):
                seen.mine(con)
            con.execute("COMMIT")
            if not commit:
                report.status = STATUS_PREVIEW
                return report
            if report.error_rows and not valid_rows_only:
                report.status = STATUS_REFUSED
                report.refusal = ("sync.import.row_errors", {"rows": report.error_rows})
                return report
            # Safety in O(bundle) (issue 15): no copy of the hub per import, only the day's
            # verified backup if none is younger than 24 hours; the merge runs in one
            # transaction and the undo journal (sync/import_undo.py) records in it the
            # previous version of every row the merge changes.
            if backup and not ws.db.is_server:  # on a server: pg_dump
                report.backup = daily_backup_if_due(ws.data_dir.db_path, ws.data_dir.backups)
            if cancel is not None:
                cancel.check()
            con.execute("BEGIN IMMEDIATE")
            locked = _lock_village(con, m.village_code, opened.file_sha256, key,
                                   m.raw["public_key"])
            if locked is None:
                # another clerk imported this very bundle while we staged it
                con.execute("ROLLBACK")
                report.status = STATUS_ALREADY
                report.seconds = time.perf_counter() - started
                return report
            new_key = key is None and locked == "baru"
            if _hub_version(con) != seen:
                # another program wrote to the hub since: classify again, under the write lock
                # now, so that nothing can change in between
                run.classify(con)
            undo_run, knowledge = journaled_merge(con, run, operator)
            if cancel is not None:
                cancel.check()
            report.status = STATUS_PARTIAL if report.error_rows else STATUS_IMPORTED
            _record(con, run, report, new_key, operator)
            finish_journal(con, undo_run, report, knowledge, new_key=new_key)
            # the archive copy is whole on disk before the import is: a cut in between leaves
            # a whole copy and no import, which the next try completes
            _archive(ws, opened, known=_archived_elsewhere(con, opened))
            con.execute("COMMIT")
        except Cancelled:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        finally:
            if con.in_transaction:
                con.execute("ROLLBACK")
            run.drop(con)
    report.seconds = time.perf_counter() - started
    return report


def journaled_merge(con: sqlite3.Connection, run: _Run, operator: str) -> tuple[int, Any]:
    """The merge of one village's staged rows under the undo journal (sync/import_undo.py),
    for a bundle and for each village of a hub's package: the journal run started, the rows
    about to change journaled, the upsert, the statuses journaled and refreshed. Returns the
    undo run and the village's knowledge before (for :func:`finish_journal`)."""
    report = run.report
    undo_run = import_undo.start_run(con, operator=operator, file_name=report.file_name,
                                     sha256=report.file_sha256)
    import_undo.journal_rows(con, undo_run)
    knowledge = import_undo.knowledge_before(con, report.village_code)
    touched = run.merge(con)
    import_undo.journal_statuses(con, undo_run, [rid for rid, merged in touched if not merged])
    refresh_statuses(con, [rid for rid, _merged in touched])
    return undo_run, knowledge


def finish_journal(con: sqlite3.Connection, undo_run: int, report: ImportReport, knowledge: Any,
                   *, new_key: bool) -> None:
    """The undo run's last word, after the import is recorded: its import row, the village's
    knowledge before, whether its key came with this import, the counts."""
    import_undo.finish_run(
        con, undo_run, import_id=report.import_id or 0, village=report.village_code,
        knowledge=knowledge, new_key=new_key,
        counts={k: v.as_dict() for k, v in report.counts.items()})


PROGRESS_STEPS = 1000
"""Steps of one bundle in :func:`import_many`'s overall progress."""


def _bundle_progress(progress: ProgressFn | None, n: int, count: int, name: str) -> ProgressFn:
    """Bundle ``n`` of ``count``: its own rows read and saved, as a share of the whole run,
    so the bar moves through a single big bundle too (issue 14: it stood still)."""

    def report(inner: Progress) -> None:
        if progress is None:
            return
        share = int((inner.fraction or 0.0) * PROGRESS_STEPS)
        progress(Progress(done=n * PROGRESS_STEPS + share, total=count * PROGRESS_STEPS,
                          code="progress.import.bundle",
                          params={"n": n + 1, "count": count, "name": name}))

    return report


def import_many(ws: Workspace, paths: Sequence[Path], *, valid_rows_only: bool = False,
                confirm_keys: dict[str, str] | None = None, operator: str | None = None,
                dry_run: bool = False, progress: ProgressFn | None = None,
                cancel: CancelToken | None = None) -> list[tuple[Path, ImportReport | AppError]]:
    """Import several bundles (a USB stick from many villages): the daily backup if due, then each
    bundle in its own transaction, ordered by village and sequence. A refused bundle does not
    stop the others."""
    ordered: list[tuple[tuple[str, int, str], Path]] = []
    for p in paths:
        try:
            opened = read_bundle(p)
            ordered.append(((opened.manifest.village_code, opened.manifest.sequence, p.name), p))
        except AppError:
            ordered.append((("~", 0, p.name), p))
    ordered.sort(key=lambda item: item[0])
    results: list[tuple[Path, ImportReport | AppError]] = []
    if not dry_run and ordered and not ws.db.is_server:
        hub_office(ws)
        # the daily verified backup (and its rotation) if none was made in the last 24 hours;
        # each import is undoable through its journal (sync/import_undo.py)
        daily_backup_if_due(ws.data_dir.db_path, ws.data_dir.backups)
    for n, (_key, p) in enumerate(ordered):
        if cancel is not None:
            cancel.check()
        step = _bundle_progress(progress, n, len(ordered), p.name)
        step(Progress("", 0, 0))
        try:
            if dry_run:
                results.append((p, preview_import(ws, p, progress=step, cancel=cancel)))
            else:
                village = _key[0]
                results.append((p, import_bundle(
                    ws, p, valid_rows_only=valid_rows_only,
                    confirm_key=(confirm_keys or {}).get(village), operator=operator,
                    backup=False, progress=step, cancel=cancel)))
        except AppError as exc:
            results.append((p, exc))
    if progress is not None and ordered:
        progress(Progress(done=len(ordered) * PROGRESS_STEPS, total=len(ordered) * PROGRESS_STEPS,
                          code="progress.import.done", params={"count": len(ordered)}))
    return results
