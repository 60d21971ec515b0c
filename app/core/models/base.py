"""Declarative base and the sync metadata every synced row carries.

Each synced row has a UUID key born where the row is born, the installation that last wrote
it and that installation's change counter at the time (Morango's ``(instance, counter)``
version), the owner office (village code), created/updated times, the operator, a version
number bumped on every change, and a soft-delete flag (the tombstone travels in bundles).
These columns are filled by the session hooks in :mod:`app.core.db`, never by hand.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated

from sqlalchemy import Boolean, Date, DateTime, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

if TYPE_CHECKING:
    from sqlalchemy.sql import FromClause

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

UuidStr = Annotated[str, mapped_column(String(32))]
Code = Annotated[str, mapped_column(String(40))]
ShortText = Annotated[str, mapped_column(String(200))]
LongText = Annotated[str, mapped_column(Text)]


def utcnow() -> datetime:
    """Naive UTC now: SQLite has no time zones, so every stored time is UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def new_uuid() -> str:
    """A fresh 32-hex-digit UUID4 string, the primary key of every synced row."""
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: DateTime(),
        date: Date(),
        bool: Boolean(),
        str: String(200),
    }


class SyncMixin:
    """Columns of every synced table (see module docstring)."""

    if TYPE_CHECKING:  # set by the declarative base on each mapped subclass
        __tablename__: str
        __table__: FromClause

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_uuid)
    origin_instance: Mapped[str] = mapped_column(String(32), default="")
    origin_counter: Mapped[int] = mapped_column(Integer, default=0, index=True)
    owner_office: Mapped[str] = mapped_column(String(20), default="", index=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    # Column names that are bookkeeping, not user data (excluded from the audit diff).
    META_COLUMNS = frozenset(
        {
            "origin_instance",
            "origin_counter",
            "owner_office",
            "version",
            "created_at",
            "updated_at",
            "updated_by",
        }
    )
