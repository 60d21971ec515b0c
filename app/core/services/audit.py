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
