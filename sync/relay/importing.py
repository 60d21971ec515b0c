"""Import at a province or national hub: a package's villages, each with the importer's own
steps (:mod:`sync.importer`), in one transaction; its preview; its records."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from app.core import reference
from app.core.backup import daily_backup_if_due
from app.core.errors import AppError
from app.core.practice import is_practice
from app.core.progress import CancelToken
from app.core.workspace import Workspace, hub_covers, hub_level
from sync.container import OpenedBundle
from sync.dbutil import audit_event, raw_connection, stamp
from sync.importer.context import ProgressFn
from sync.importer.history import (
    _archive,
    _check_sequence,
    _sequence_gaps,
    already_imported,
)
from sync.importer.merge import _record
from sync.importer.pipeline import (
    _bundle_progress,
    _lock_village,
    _new_report,
    _Run,
    active_key,
    check_practice,
    check_village,
    finish_journal,
    hub_office,
    journaled_merge,
    note_key,
)
from sync.importer.report import (
    STATUS_ALREADY,
    STATUS_IMPORTED,
    STATUS_PARTIAL,
    STATUS_PREVIEW,
    STATUS_REFUSED,
    ImportReport,
    format_range_pairs,
)
from sync.keys import fingerprint, load_keypair, unb64
from sync.relay.paket import PART_CAPS, OpenedPaket, PaketVillage, read_paket
from sync.relay.report import PaketReport

HUB_KEY = ("sync.paket.key_mismatch", "sync.paket.key_unconfirmed", "hub")
"""The refusals of a sending hub's key, and the name of the sender in their parameters."""


def _part_run(ws: Workspace, opened: OpenedPaket, part: OpenedBundle,
              progress: ProgressFn | None, n: int, count: int, code: str,
              cancel: CancelToken | None) -> _Run:
    """The import run of one village's part, read with the caps of a package's part."""
    run = _Run(ws, part, _village_report(opened, part), _bundle_progress(progress, n, count, code),
               cancel)
    run.read_caps = PART_CAPS
    return run


def check_paket_region(own: str, opened: OpenedPaket) -> None:
    """The sending hub lies under this hub (a regency of this province, a province of the
    country), and every village of the package under both."""
    sender, level = opened.hub_code, hub_level(opened.hub_code)
    if sender == own or level is None or not hub_covers(own, sender) or not (
            reference.region_name(sender)):
        raise AppError("sync.paket.other_region", hub=sender, own=own)
    for v in opened.villages:
        try:
            check_village(sender, v.code)
            check_village(own, v.code)
        except AppError as exc:
            raise AppError("sync.paket.village_outside", hub=sender, village=v.code,
                           own=own) from exc


def preview_paket(ws: Workspace, path: Path, *, progress: ProgressFn | None = None,
                  cancel: CancelToken | None = None) -> PaketReport:
    """Everything an import of the package would do, per village, with nothing changed."""
    return _import(ws, Path(path), commit=False, valid_rows_only=False, confirm_key=None,
                   operator=None, backup=False, progress=progress, cancel=cancel)


def import_paket(ws: Workspace, path: Path, *, valid_rows_only: bool = False,
                 confirm_key: str | None = None, operator: str | None = None,
                 backup: bool = True, progress: ProgressFn | None = None,
                 cancel: CancelToken | None = None) -> PaketReport:
    """Import a package in one transaction: every village's part, or nothing.

    ``confirm_key`` is the fingerprint the clerk confirmed for a hub seen for the first time.
    Importing the same file again changes nothing (``status == "sudah"``)."""
    return _import(ws, Path(path), commit=True, valid_rows_only=valid_rows_only,
                   confirm_key=confirm_key, operator=operator, backup=backup,
                   progress=progress, cancel=cancel)


def _village_report(opened: OpenedPaket, part: OpenedBundle) -> ImportReport:
    """The importer's report of one village's part, with the package's scope and sealing."""
    report = _new_report(part)
    report.scope, report.encrypted = opened.scope, opened.encrypted
    return report


def _import(ws: Workspace, path: Path, *, commit: bool, valid_rows_only: bool,
            confirm_key: str | None, operator: str | None, backup: bool,
            progress: ProgressFn | None, cancel: CancelToken | None) -> PaketReport:
    started = time.perf_counter()
    office = hub_office(ws)
    operator = operator or office.operator or "P4MI"
    opened = read_paket(path)
    as_bundle = opened.as_bundle()
    check_practice(is_practice(ws), as_bundle.manifest)
    check_paket_region(office.code, opened)
    report = PaketReport(opened.file_name, opened.file_sha256, opened.hub_code,
                         opened.hub_name, opened.sequence, opened.scope,
                         opened.raw["created_at"], opened.encrypted, opened.fingerprint)
    report.warnings.extend((w, {}) for w in opened.warnings)
    count = len(opened.villages)
    with raw_connection(ws.db) as con:
        if already_imported(con, opened.file_sha256):
            report.status = STATUS_ALREADY
            report.seconds = time.perf_counter() - started
            return report
        key = note_key(con, opened.hub_code, opened.raw["public_key"], report, HUB_KEY,
                       confirm_key=confirm_key if commit else None, must_confirm=commit)
        _check_sequence(con, as_bundle)
        report.missing_ranges, _older = _sequence_gaps(con, opened.hub_code,
                                                       opened.installation_id, opened.sequence)
        if report.missing_ranges:
            report.warnings.append(("sync.warn.gap", {"missing": format_range_pairs(
                report.missing_ranges)}))
        hub_key = load_keypair(ws.data_dir)
        if not commit:
            with opened.parts(hub_key) as parts:
                for n, (village, part) in enumerate(parts):
                    run = _part_run(ws, opened, part, progress, n, count, village.code,
                                    cancel)
                    try:
                        con.execute("BEGIN")
                        _check_part(con, run)
                        con.execute("COMMIT")
                    finally:
                        if con.in_transaction:
                            con.execute("ROLLBACK")
                        run.drop(con)
                    run.report.status = STATUS_PREVIEW
                    report.villages.append(run.report)
            report.status = STATUS_PREVIEW
            report.seconds = time.perf_counter() - started
            return report
        if backup and not ws.db.is_server:
            daily_backup_if_due(ws.data_dir.db_path, ws.data_dir.backups)
        if cancel is not None:
            cancel.check()
        try:
            con.execute("BEGIN IMMEDIATE")
            # the sending hub's own sync-state row: two clerks importing the same package
            # wait here for each other, and the second finds it imported
            locked = _lock_village(con, opened.hub_code, opened.file_sha256, key,
                                   opened.raw["public_key"])
            if locked is None:
                con.execute("ROLLBACK")
                report.status = STATUS_ALREADY
                return report
            new_key = key is None and locked == "baru"  # not recorded meanwhile by another
            first_run: int | None = None
            with opened.parts(hub_key) as parts:
                for n, (village, part) in enumerate(parts):
                    run = _part_run(ws, opened, part, progress, n, count, village.code,
                                    cancel)
                    report.villages.append(run.report)
                    try:
                        _check_part(con, run)
                        if run.report.error_rows and not valid_rows_only:
                            con.execute("ROLLBACK")
                            report.status = STATUS_REFUSED
                            report.refusal = ("sync.paket.row_errors", {
                                "rows": run.report.error_rows, "village": village.code})
                            return report
                        undo_run = _merge_part(con, run, village, operator)
                        first_run = undo_run if first_run is None else first_run
                    finally:
                        run.drop(con)
            report.status = STATUS_PARTIAL if report.error_rows else STATUS_IMPORTED
            paket_id = _record_paket(con, opened, report, new_key=new_key, operator=operator)
            if first_run is not None:  # undone with the package's first village, last
                _attach_to_run(con, first_run, paket_id, opened.hub_code, new_key)
            _archive(ws, as_bundle, known=set())
            if cancel is not None:
                cancel.check()
            con.execute("COMMIT")
        finally:
            if con.in_transaction:
                con.execute("ROLLBACK")
    report.seconds = time.perf_counter() - started
    return report


def _check_part(con: Any, run: _Run) -> None:
    run.stage(con, run.opened.data)
    run.check_knowledge(con)
    run.check_references(con)
    run.classify(con)


def _merge_part(con: Any, run: _Run, village: PaketVillage, operator: str) -> int:
    """One village's part, in the package's transaction, as ``import_bundle`` merges a
    bundle: its sync-state row locked, the undo journal, the upsert, statuses, records."""
    part = run.opened
    code = village.code
    _lock_village(con, code, part.file_sha256, active_key(con, code), part.manifest.raw[
        "public_key"])
    undo_run, knowledge = journaled_merge(con, run, operator)
    run.report.status = STATUS_PARTIAL if run.report.error_rows else STATUS_IMPORTED
    _record(con, run, run.report, False, operator)
    # the village's key as the sending hub has it on record, when this hub has none yet: a
    # bundle the village later sends here directly is then checked against it
    new_key = village.village_key is not None and active_key(con, code) is None
    if new_key:
        con.execute(
            "INSERT INTO sync_village_key (village_code, public_key, fingerprint, "
            "installation_id, source, trusted_at, trusted_by, active, reason) "
            "VALUES (?, ?, ?, '', 'relai', ?, ?, TRUE, ?)",
            (code, village.village_key, fingerprint(unb64(village.village_key or "", 32)),
             stamp(), operator, f"paket hub {part.manifest.raw.get('hub_code', '')}"[:200]))
    finish_journal(con, undo_run, run.report, knowledge, new_key=new_key)
    return undo_run


def _attach_to_run(con: Any, run_id: int, import_id: int, hub: str, new_key: bool) -> None:
    """The package's own records (its import row, the hub key it brought) go into the undo
    run of its first village (``also``, sync/import_undo.py): undoing a package's villages
    one by one, newest first, takes them away with the last one undone."""
    key_id = con.execute("SELECT max(id) FROM sync_village_key WHERE village_code = ?",
                         (hub,)).fetchone()[0] if new_key else None
    info = json.loads(con.execute("SELECT counts FROM import_run WHERE id = ?",
                                  (run_id,)).fetchone()[0])
    info["also"] = [{"import_id": import_id, "village": hub, "key_id": key_id}]
    con.execute("UPDATE import_run SET counts = ? WHERE id = ?",
                (json.dumps(info, sort_keys=True), run_id))


def _record_paket(con: Any, opened: OpenedPaket, report: PaketReport, *, new_key: bool,
                  operator: str) -> int:
    now = stamp()
    if new_key:
        con.execute(
            "INSERT INTO sync_village_key (village_code, public_key, fingerprint, "
            "installation_id, source, trusted_at, trusted_by, active, reason) "
            "VALUES (?, ?, ?, ?, 'paket', ?, ?, TRUE, 'hub')",
            (opened.hub_code, opened.raw["public_key"], opened.fingerprint,
             opened.installation_id, now, operator))
    counts = {v.village_code: {k: c.as_dict() for k, c in v.counts.items()}
              for v in report.villages}
    cur = con.execute(
        "INSERT INTO sync_bundle_import (file_sha256, file_name, village_code, installation_id, "
        "sequence, kind, bundle_created_at, imported_at, operator, status, counts, rejected, "
        "warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?) RETURNING id",
        (opened.file_sha256, opened.file_name[:200], opened.hub_code, opened.installation_id,
         opened.sequence, opened.scope, opened.raw["created_at"][:40], now, operator,
         report.status, json.dumps(counts, sort_keys=True),
         json.dumps(report.warnings, ensure_ascii=False, default=str)))
    import_id = int(cur.fetchone()[0])
    con.execute("UPDATE sync_village_state SET imports = imports + 1, last_import_id = ? "
                "WHERE village_code = ?", (import_id, opened.hub_code))
    audit_event(con, "import_paket", operator, entity="paket_kabupaten",
                entity_id=str(import_id), hub=opened.hub_code, sequence=opened.sequence,
                file=opened.file_name, sha256=opened.file_sha256, status=report.status,
                villages=len(report.villages), new=report.total("new"),
                updated=report.total("updated"), rejected=report.error_rows)
    return import_id
