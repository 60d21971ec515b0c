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

from sqlalchemy import func, select, text

from app.core.backup import backup_database
from app.core.db import Database
from app.core.errors import AppError
from app.core.models import AuditEntry, ImportRun, Resident
from app.core.services import episodes as episode_service
from app.core.services import residents as resident_service
from app.core.services import undo
from app.core.services.audit import log_event
from sync.lists.plan import DECIDE, NEW, SKIP, UPDATE, Preview, RowPlan, row_input

RUN_KIND = "list"
FLUSH_EVERY = 500


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
    created = updated = new_episodes = 0
    with db.unit_of_work(operator) as s:
        first_audit = s.scalar(select(func.max(AuditEntry.id))) or 0
        run = undo.start_run(s, RUN_KIND, source_name=preview.file_name,
                             source_sha256=preview.sha256)
        run_id = run.id
        with s.no_autoflush:  # the services flush each row themselves
            for index, row in enumerate(preview.rows, start=1):
                action = row.action
                if action == DECIDE:
                    if decision == SKIP:
                        continue
                    action = decision
                if action == NEW:
                    resident = resident_service.register_resident(
                        s, row_input(row, None), accept_warnings=True)
                    undo.journal_create(s, run, resident)
                    created += 1
                elif action == UPDATE:
                    resident = s.get(Resident, row.resident_id)
                    if resident is None or resident.deleted:
                        raise AppError("record.not_found", entity="resident")
                    if any(getattr(resident, k) != v for k, v in row.values.items()):
                        undo.journal_update(s, run, resident)
                        resident_service.update_resident(
                            s, resident.id, row_input(row, resident), accept_warnings=True)
                    updated += 1
                else:
                    continue
                if row.episode:
                    episode = _create_episode(s, resident.id, row)
                    undo.journal_create(s, run, episode)
                    new_episodes += 1
                if index % FLUSH_EVERY == 0:  # keep the session small: memory stays flat
                    s.flush()
                    s.expunge_all()
                    run = s.get(ImportRun, run_id)
        counts = preview.counts | {"created": created, "updated": updated,
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
    return ImportResult(run_id, created, updated, new_episodes, backup)


def _create_episode(session, resident_id: str, row: RowPlan):  # noqa: ANN001, ANN202
    ep = row.episode or {}
    placement = episode_service.Placement(
        destination_country=ep.get("destination_country", ""),
        employer=ep.get("employer", ""), p3mi=ep.get("p3mi", ""), job=ep.get("job", ""))
    note = f"Dari impor daftar, baris {row.rownum}"
    if ep.get("returned_on"):
        return episode_service.record_past_return(
            session, resident_id, ep["returned_on"], "", placement,
            departed_on=ep.get("departed_on"), notes=note)
    return episode_service.record_late_departure(
        session, resident_id, ep.get("departed_on"), placement, notes=note,
        accept_warnings=True)


def undo_last_import(db: Database, backups: Path, *, operator: str) -> undo.UndoResult:
    """"Batalkan impor terakhir": backup, then undo the newest list import."""
    with db.session() as s:
        if undo.last_run(s, RUN_KIND) is None:
            raise AppError("undo.nothing")
    backup_database(db.path, backups, reason="sebelum-batal-impor")
    with db.unit_of_work(operator) as s:
        return undo.undo_last(s, RUN_KIND)
