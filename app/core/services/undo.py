"""The undo journal service: record what an import changes, undo the last import exactly.

Usage inside the import's unit of work (see docs/UNDO_JOURNAL.md)::

    run = start_run(session, "list", source_name=..., source_sha256=...)
    journal_update(session, run, row)   # BEFORE changing ``row``
    ... create rows ...
    journal_create(session, run, row)   # after the new row was flushed
    finish_run(session, run, counts)

:func:`undo_last` (its own unit of work) soft-deletes what the run created and puts back the
previous values of what it changed, through the ORM so the session hooks stamp, audit and
sync the undo like any other change. It refuses when a journaled row was changed again after
the import (its ``origin_counter`` is no longer the run's), so no later work is lost.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Date as SaDate
from sqlalchemy import DateTime, Table, select, text
from sqlalchemy.orm import Session

from app.core.errors import AppError
from app.core.models import SYNCED_MODELS, ImportRun, SyncMixin, UndoEntry, utcnow
from app.core.services.audit import log_event

MESSAGES: dict[str, tuple[str, str]] = {
    "undo.nothing": (
        "Tidak ada impor yang dapat dibatalkan.",
        "There is no import to undo.",
    ),
    "undo.changed_since": (
        "Impor terakhir tidak dapat dibatalkan: {count} data yang diubahnya sudah diubah lagi "
        "sesudahnya (mis. {name}). Perbaiki data itu secara manual.",
        "The last import cannot be undone: {count} record(s) it changed were changed again "
        "afterwards (e.g. {name}). Correct them by hand.",
    ),
}

_MODELS: dict[str, type[SyncMixin]] = {m.__tablename__: m for m in SYNCED_MODELS}
_SKIP = SyncMixin.META_COLUMNS | {"id", "migrant_status"}


def _user_columns(model: type[SyncMixin]) -> list[Any]:
    return [c for c in model.__table__.columns if c.key not in _SKIP]


def snapshot(row: SyncMixin) -> dict[str, Any]:
    """The user-data columns of ``row`` as JSON-ready values (dates as ISO text)."""
    out: dict[str, Any] = {}
    for col in _user_columns(type(row)):
        value = getattr(row, col.key)
        out[col.key] = value.isoformat() if isinstance(value, date | datetime) else value
    return out


def _restore_value(col: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(col.type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(col.type, SaDate):
        return date.fromisoformat(value)
    return value


def start_run(session: Session, kind: str, *, source_name: str, source_sha256: str) -> ImportRun:
    run = ImportRun(kind=kind, at=utcnow(), operator=session.info.get("operator", ""),
                    source_name=source_name[:250], source_sha256=source_sha256, counts="{}",
                    counter=0, undone_by="")
    session.add(run)
    session.flush()
    return run


def journal_update(session: Session, run: ImportRun, row: SyncMixin) -> None:
    """Record ``row`` as it is now; call BEFORE the import changes it."""
    session.add(UndoEntry(run_id=run.id, table_name=type(row).__tablename__, row_id=row.id,
                          previous=json.dumps(snapshot(row), ensure_ascii=False)))


def journal_create(session: Session, run: ImportRun, row: SyncMixin) -> None:
    """Record that the import created ``row`` (flushed, so it has its id)."""
    session.add(UndoEntry(run_id=run.id, table_name=type(row).__tablename__, row_id=row.id,
                          previous=None))


class Journal:
    """The journal of one run written in batches: :meth:`created` and :meth:`updated` as
    :func:`journal_create` and :func:`journal_update`, :meth:`write` stores what was
    collected with one INSERT (call it before the session drops the rows: the import
    writes once per chunk). Same entries, same order as the one-by-one functions."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self._rows: list[dict[str, Any]] = []

    def created(self, row: SyncMixin) -> None:
        self._rows.append({"run_id": self.run_id, "table_name": type(row).__tablename__,
                           "row_id": row.id, "previous": None})

    def updated(self, row: SyncMixin) -> None:
        self._rows.append({"run_id": self.run_id, "table_name": type(row).__tablename__,
                           "row_id": row.id,
                           "previous": json.dumps(snapshot(row), ensure_ascii=False)})

    def write(self, session: Session) -> None:
        if self._rows:
            session.connection().execute(cast(Table, UndoEntry.__table__).insert(), self._rows)
            self._rows = []


def finish_run(session: Session, run: ImportRun, counts: dict[str, Any]) -> None:
    """Store the summary and the unit of work's change counter (after the last flush)."""
    session.flush()
    run.counter = int(session.execute(text("SELECT counter FROM installation")).scalar_one())
    run.counts = json.dumps(counts, ensure_ascii=False, sort_keys=True)
    session.flush()


def last_run(session: Session, kind: str | None = None) -> ImportRun | None:
    """The newest import that was not undone (of ``kind`` when given)."""
    query = select(ImportRun).where(ImportRun.undone_at.is_(None))
    if kind is not None:
        query = query.where(ImportRun.kind == kind)
    return session.scalars(query.order_by(ImportRun.id.desc()).limit(1)).first()


@dataclass(frozen=True)
class UndoResult:
    run_id: int
    source_name: str
    removed: int
    restored: int


def undo_last(session: Session, kind: str | None = None) -> UndoResult:
    """Undo the newest import (inside the caller's unit of work)."""
    run = last_run(session, kind)
    if run is None:
        raise AppError("undo.nothing")
    entries = list(session.scalars(select(UndoEntry).where(UndoEntry.run_id == run.id)
                                   .order_by(UndoEntry.id.desc())))
    rows: list[tuple[UndoEntry, SyncMixin]] = []
    changed: list[SyncMixin] = []
    for entry in entries:
        model = _MODELS[entry.table_name]
        row = session.get(model, entry.row_id)
        if row is None:
            continue
        if row.origin_counter != run.counter and (
                entry.previous is None or snapshot(row) != json.loads(entry.previous)):
            changed.append(row)
        rows.append((entry, row))
    if changed:
        name = getattr(changed[0], "name", "") or changed[0].id
        raise AppError("undo.changed_since", count=len(changed), name=name)
    removed = restored = 0
    for entry, row in rows:  # newest first: episodes go before the residents they hang on
        if entry.previous is None:
            if not row.deleted:
                row.deleted = True
                removed += 1
            continue
        previous = json.loads(entry.previous)
        for col in _user_columns(type(row)):
            if col.key in previous:
                value = _restore_value(col, previous[col.key])
                if getattr(row, col.key) != value:
                    setattr(row, col.key, value)
        restored += 1
    session.flush()
    run.undone_at = utcnow()
    run.undone_by = session.info.get("operator", "")
    log_event(session, "undo_import", entity="import_run", entity_id=str(run.id),
              file=run.source_name, sha256=run.source_sha256, removed=removed,
              restored=restored)
    session.flush()
    return UndoResult(run.id, run.source_name, removed, restored)
