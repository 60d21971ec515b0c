"""Helpers shared by the services: loading live rows, code-list and date checks."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from sqlalchemy.orm import Session

from app.core.errors import AppError, Issue, Severity
from app.core.models import SyncMixin

T = TypeVar("T", bound=SyncMixin)


def load_live(session: Session, model: type[T], row_id: str) -> T:
    """The row with ``row_id``, refusing missing or soft-deleted rows."""
    row = session.get(model, row_id)
    entity = model.__tablename__
    if row is None:
        raise AppError("record.not_found", entity=entity)
    if row.deleted:
        raise AppError("record.deleted", entity=entity)
    return row


def soft_delete(session: Session, model: type[T], row_id: str) -> T:
    """Mark the live row ``row_id`` deleted (a tombstone that travels in bundles)."""
    row = load_live(session, model, row_id)
    row.deleted = True
    session.flush()
    return row


def apply_changes(row: object, data: object) -> None:
    """Set on ``row`` every field of the dataclass ``data`` whose value differs (so an
    unchanged field leaves no audit entry)."""
    for key, value in data.__dict__.items():
        if getattr(row, key) != value:
            setattr(row, key, value)


def require(value: object, field: str, label: str) -> list[Issue]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return [Issue("required", field, Severity.ERROR, {"label": label})]
    return []


def check_code(list_name: str, value: str, field: str, label: str) -> list[Issue]:
    """An error when ``value`` is not empty and not a current code of a reference list."""
    if not value:
        return []
    from app.core.reference import active_codes

    if value not in active_codes(list_name):
        return [Issue("code.unknown", field, Severity.ERROR, {"value": value, "label": label})]
    return []


def check_order(earlier: date | None, later: date | None, names: tuple[str, str],
                field: str) -> list[Issue]:
    if earlier and later and later < earlier:
        return [Issue("episode.date_order", field, Severity.ERROR,
                      {"earlier": names[0], "later": names[1]})]
    return []


def check_not_future(value: date | None, field: str, label: str,
                     today: date | None = None) -> list[Issue]:
    if value and value > (today or date.today()):
        return [Issue("episode.date_future", field, Severity.ERROR,
                      {"field": label, "value": value})]
    return []
