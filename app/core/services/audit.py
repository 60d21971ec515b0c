"""Events in the audit log (logins, exports, imports, backups) and a record's history."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.models import AuditEntry, utcnow


def log_event(session: Session, action: str, *, operator: str = "", entity: str = "",
              entity_id: str = "", **details: Any) -> None:
    """Write one event row (e.g. ``export``, ``import``, ``backup``, ``login``)."""
    session.add(AuditEntry(at=utcnow(), operator=operator or session.info.get("operator", ""),
                           action=action, entity=entity, entity_id=entity_id,
                           changes=json.dumps(details, ensure_ascii=False, sort_keys=True,
                                              default=str)))


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    operator: str
    action: str
    changes: dict[str, list[Any]]


def history(session: Session, entity_id: str) -> list[HistoryLine]:
    """Every audit row of one record, oldest first."""
    rows = session.scalars(
        select(AuditEntry).where(AuditEntry.entity_id == entity_id).order_by(AuditEntry.id)
    )
    return [HistoryLine(r.at, r.operator, r.action, json.loads(r.changes or "{}")) for r in rows]


@dataclass(frozen=True)
class PersonHistoryLine:
    at: datetime
    operator: str
    entity: str
    action: str
    changes: dict[str, Any]
    hidden: bool = False  # a confidential case's row, its details redacted


def resident_history(session: Session, resident_id: str, *, viewer: Any = None,
                     reveal: bool = False) -> list[PersonHistoryLine]:
    """Every audit row of a resident and of what belongs to them, oldest first.

    Rows of a confidential case (and of its follow-ups) come with their confidential values
    redacted (:func:`app.core.privacy.redact_changes`) unless ``reveal`` is asked for a
    ``viewer`` allowed to see them. A case counts as confidential when it is marked so now or
    was ever marked so in its history.
    """
    from app.core.models import Case, CaseFollowUp, ContactLog, Episode, FamilyLink
    from app.core.privacy import check_reveal, redact_changes

    check_reveal(viewer, reveal)
    ids = {resident_id: "resident"}
    for model in (Episode, ContactLog, FamilyLink):
        for rid in session.scalars(select(model.id).where(model.resident_id == resident_id)):
            ids[rid] = model.__tablename__
    case_of: dict[str, str] = {}
    secret: set[str] = set()
    for cid, sensitive in session.execute(select(Case.id, Case.sensitive)
                                          .where(Case.resident_id == resident_id)):
        ids[cid] = "case_file"
        case_of[cid] = cid
        if sensitive:
            secret.add(cid)
    if case_of:
        for fid, cid in session.execute(select(CaseFollowUp.id, CaseFollowUp.case_id)
                                        .where(CaseFollowUp.case_id.in_(list(case_of)))):
            ids[fid] = "case_follow_up"
            case_of[fid] = cid
    rows = list(session.scalars(select(AuditEntry).where(AuditEntry.entity_id.in_(list(ids)))
                                .order_by(AuditEntry.id)))
    parsed = []
    for r in rows:
        changes = _changes(r)
        pair = changes.get("sensitive")
        if r.entity_id in case_of and isinstance(pair, list) and any(v is True or v == 1
                                                                     for v in pair):
            secret.add(case_of[r.entity_id])
        parsed.append((r, changes))
    out = []
    for r, changes in parsed:
        hidden = not reveal and case_of.get(r.entity_id) in secret
        out.append(PersonHistoryLine(r.at, r.operator, r.entity or ids.get(r.entity_id, ""),
                                     r.action, redact_changes(changes) if hidden else changes,
                                     hidden))
    return out


def _changes(entry: AuditEntry) -> dict[str, Any]:
    """The entry's ``changes`` as a dict (``{}`` when unreadable)."""
    try:
        changes = json.loads(entry.changes or "{}")
    except ValueError:
        return {}
    return changes if isinstance(changes, dict) else {}


@dataclass(frozen=True)
class AuditRow:
    """One row of the audit log as plain data: ``at`` is naive UTC, ``changes`` a dict."""

    at: datetime
    operator: str
    action: str
    entity: str
    changes: dict[str, Any]


def audit_rows(session: Session, *, since: datetime | None = None,
               before: datetime | None = None, actions: tuple[str, ...] | None = None,
               operator: str = "", limit: int = 5000) -> list[AuditRow]:
    """Audit rows newest first; ``since``/``before`` are naive UTC bounds (``before``
    excluded), ``actions`` limits the kinds of row. Unreadable ``changes`` give ``{}``."""
    q = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if since is not None:
        q = q.where(AuditEntry.at >= since)
    if before is not None:
        q = q.where(AuditEntry.at < before)
    if actions is not None:
        q = q.where(AuditEntry.action.in_(actions))
    if operator:
        q = q.where(AuditEntry.operator == operator)
    out = []
    for r in session.scalars(q):
        changes = _changes(r)
        out.append(AuditRow(r.at, r.operator, r.action, r.entity, changes))
    return out


def audit_operators(session: Session) -> list[str]:
    """The names that appear in the audit log, sorted (empty names left out)."""
    return sorted(n for n in session.scalars(select(AuditEntry.operator).distinct()) if n)
