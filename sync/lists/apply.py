"""Write a confirmed preview: backup first, then one unit of work through the services.

Every created or changed row is recorded in the undo journal
(:mod:`app.core.services.undo`), the audit rows of the import carry the file's name and
SHA-256, and an ``import_list`` event sums it up. A preview that would write nothing is
refused (``lists.nothing_to_import``): an import never reports success with zero rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.core.backup import backup_database, rotate
from app.core.db import Database
from app.core.errors import AppError
from app.core.models import AuditEntry, Episode, ImportRun, Resident
from app.core.services import episodes as episode_service
from app.core.services import residents as resident_service
from app.core.services import undo
from app.core.services.audit import log_event
from sync.lists.plan import DECIDE, NEW, SKIP, UPDATE, Preview, RowPlan, row_input

RUN_KIND = "list"
CHUNK = 500  # rows per flush (and ids per IN (...) query)


@dataclass(frozen=True)
class ImportResult:
    run_id: int
    created: int
    updated: int
    episodes: int
    backup: Path


def apply_preview(db: Database, backups: Path, preview: Preview, *, operator: str,
                  decision: str = SKIP) -> ImportResult:
    """Import the rows of ``preview`` (``decision``: what to do with the ``decide`` rows:
    ``skip``, ``update`` the matched person, or register a ``new`` one)."""
    if preview.to_write(decision) == 0:
        raise AppError("lists.nothing_to_import", **preview.counts)
    backup = backup_database(db.path, backups, reason="sebelum-impor-daftar")
    rotate(backups)  # every path that makes a backup rotates; the new one is always kept
    with db.unit_of_work(operator) as s:
        first_audit = s.scalar(select(func.max(AuditEntry.id))) or 0
        run = undo.start_run(s, RUN_KIND, source_name=preview.file_name,
                             source_sha256=preview.sha256)
        created, updated, new_episodes = _write_rows(s, run.id, preview, decision)
        run = s.get(ImportRun, run.id) or run  # re-read after the batch's flushes
        counts: dict[str, Any] = preview.counts | {"created": created, "updated": updated,
                                   "episodes": new_episodes}
        undo.finish_run(s, run, counts)
        log_event(s, "import_list", entity="import_run", entity_id=str(run.id),
                  file=preview.file_name, sha256=preview.sha256, **counts)
        s.flush()
        tag = json.dumps({"file": preview.file_name, "sha256": preview.sha256,
                          "run": run.id}, ensure_ascii=False)
        s.execute(text("UPDATE audit_log SET changes = json_set(CASE WHEN json_valid(changes) "
                       "AND changes <> '' THEN changes ELSE '{}' END, '$._import', json(:tag)) "
                       "WHERE id > :first"), {"tag": tag, "first": first_audit})
    return ImportResult(run.id, created, updated, new_episodes, backup)


def _write_rows(s: Session, run_id: int, preview: Preview,
                decision: str) -> tuple[int, int, int]:
    """Write the rows through the services as a batch: the rows are made, checked, stamped,
    audited and journaled in the same order and with the same values as one service call
    (and one flush) per row would, but the duplicate-NIK checks use one index loaded for the
    whole file and the session is flushed once per chunk of rows."""
    todo: list[tuple[RowPlan, str]] = []
    for row in preview.rows:
        action = row.action
        if action == DECIDE and decision != SKIP:
            action = decision
        if action in (NEW, UPDATE):
            todo.append((row, action))
    update_ids = [row.resident_id for row, action in todo if action == UPDATE]
    niks = [row.nik for row, _action in todo]
    for start in range(0, len(update_ids), CHUNK):  # the current NIKs of the updated people
        niks += [n for n in s.scalars(select(Resident.nik).where(
            Resident.id.in_(update_ids[start:start + CHUNK]))) if n is not None]
    nik_index = resident_service.NikIndex(s, niks)
    open_index = episode_service.OpenEpisodeIndex()
    journal = undo.Journal(run_id)
    created = updated = new_episodes = 0
    with s.no_autoflush:  # the chunk is flushed at its end
        for start in range(0, len(todo), CHUNK):
            chunk = todo[start:start + CHUNK]
            ids = [row.resident_id for row, action in chunk if action == UPDATE]
            if ids:  # load the chunk's people with one query
                s.scalars(select(Resident).where(Resident.id.in_(ids))).all()
            touched: set[str] = set()
            for row, action in chunk:
                if action == NEW:
                    resident = resident_service.register_resident(
                        s, row_input(row, None), accept_warnings=True, nik_index=nik_index)
                    journal.created(resident)
                    open_index.new_resident(resident)
                    created += 1
                else:
                    found = s.get(Resident, row.resident_id)
                    if found is None or found.deleted:
                        raise AppError("record.not_found", entity="resident")
                    resident = found
                    if any(getattr(resident, k) != v for k, v in row.values.items()):
                        if resident.id in touched:  # a second change of one person in the
                            s.flush()  # chunk: its own flush (version, audit) as row by row
                            touched.clear()
                        touched.add(resident.id)
                        journal.updated(resident)
                        resident_service.update_resident(
                            s, resident.id, row_input(row, resident), accept_warnings=True,
                            nik_index=nik_index)
                    updated += 1
                if row.episode:
                    episode = _create_episode(s, resident.id, row, open_index)
                    journal.created(episode)
                    new_episodes += 1
            s.flush()
            journal.write(s)
            open_index.flushed()
            s.expunge_all()  # keep the session small: memory stays flat
    return created, updated, new_episodes


def _create_episode(session: Session, resident_id: str, row: RowPlan,
                    open_index: episode_service.OpenEpisodeIndex) -> Episode:
    ep = row.episode or {}
    placement = episode_service.Placement(
        destination_country=ep.get("destination_country", ""),
        employer=ep.get("employer", ""), p3mi=ep.get("p3mi", ""), job=ep.get("job", ""))
    note = f"Dari impor daftar, baris {row.rownum}"
    if ep.get("returned_on"):
        return episode_service.record_past_return(
            session, resident_id, ep["returned_on"], "", placement,
            departed_on=ep.get("departed_on"), notes=note, open_index=open_index)
    return episode_service.record_late_departure(
        session, resident_id, ep.get("departed_on"), placement, notes=note,
        accept_warnings=True, open_index=open_index)


def undo_last_import(db: Database, backups: Path, *, operator: str) -> undo.UndoResult:
    """"Batalkan impor terakhir": backup, then undo the newest list import."""
    with db.session() as s:
        if undo.last_run(s, RUN_KIND) is None:
            raise AppError("undo.nothing")
    backup_database(db.path, backups, reason="sebelum-batal-impor")
    rotate(backups)
    with db.unit_of_work(operator) as s:
        return undo.undo_last(s, RUN_KIND)
