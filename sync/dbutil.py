"""Plain ``sqlite3`` access for bulk work, on a pooled connection of the workspace's engine.

The engine's connect hook has already applied the PRAGMAs (WAL, ``synchronous=FULL``,
foreign keys, busy timeout). Transactions are explicit (``BEGIN`` / ``BEGIN IMMEDIATE`` /
``COMMIT``); anything left open is rolled back before the connection goes back to the pool.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from app.core.db import Database
from app.core.models import utcnow


@contextmanager
def raw_connection(db: Database) -> Iterator[sqlite3.Connection]:
    fairy = db.engine.raw_connection()
    con: sqlite3.Connection = fairy.driver_connection  # type: ignore[assignment]
    old = con.isolation_level
    con.isolation_level = None
    try:
        yield con
    finally:
        try:
            if con.in_transaction:
                con.execute("ROLLBACK")
        finally:
            con.isolation_level = old
            fairy.close()


def stamp(value: datetime | None = None) -> str:
    """A time in SQLAlchemy's SQLite storage format (naive UTC, microseconds)."""
    value = value or utcnow()
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def audit_event(con: sqlite3.Connection, action: str, operator: str, *, entity: str = "",
                entity_id: str = "", **details: Any) -> None:
    """The same row :func:`app.core.services.audit.log_event` writes, inside a raw transaction."""
    con.execute(
        "INSERT INTO audit_log (at, operator, action, entity, entity_id, changes) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (stamp(), operator, action, entity, entity_id,
         json.dumps(details, ensure_ascii=False, sort_keys=True, default=str)),
    )
