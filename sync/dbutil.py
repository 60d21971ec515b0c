"""Plain ``sqlite3`` access for bulk work, on a pooled connection of the workspace's engine.

The engine's connect hook has already applied the PRAGMAs (WAL, ``synchronous=FULL``,
foreign keys, busy timeout). Transactions are explicit (``BEGIN`` / ``BEGIN IMMEDIATE`` /
``COMMIT``); anything left open is rolled back before the connection goes back to the pool.

A P4MI hub on a PostgreSQL server gets the same interface (:class:`ServerConnection`): the bulk
code writes its SQL once, portable where both databases agree (``FALSE``/``TRUE``,
``IS NOT DISTINCT FROM``, ``RETURNING``, ``ON CONFLICT``), and the few spellings that differ
only in form are translated here, in one place (:func:`to_postgres`): ``?`` parameters,
the ``main.``/``temp.`` schema names, ``BEGIN IMMEDIATE``, ``WITHOUT ROWID``, SQLite's
index-avoiding unary ``+`` and its order-keeping ``CROSS JOIN ... ON``. Differences of
meaning are dialect branches at their call site (``con.dialect``).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any, cast

from app.core.db import Database
from app.core.models import utcnow

_PARAM = re.compile(r"'[^']*'|\"[^\"]*\"|(\?)|(%)")
_SCHEMA = re.compile(r"\b(main|temp)\.(?=[\"\w])")
_NO_INDEX = re.compile(r"(?<![\w)'\"])\+(?=(\w+\.)?deleted\b)")
# SQLite's ``CROSS JOIN t x ON ...`` is an inner join whose order the planner keeps; PostgreSQL
# accepts no ON after CROSS JOIN and plans the inner join itself.
_CROSS_ON = re.compile(r"\bCROSS JOIN (\w+ \w+ ON)\b")


def to_postgres(sql: str, *, params: bool = True) -> str:
    """The form-only translation of the bulk code's SQLite SQL for PostgreSQL (``params``:
    the statement is run with parameters, so a literal ``%`` is doubled for the driver)."""
    def param(m: re.Match[str]) -> str:
        if m.group(1):
            return "%s"
        if m.group(2):
            return "%%"
        return m.group(0).replace("%", "%%")

    if params:
        sql = _PARAM.sub(param, sql)
    sql = _SCHEMA.sub(lambda m: "pg_temp." if m.group(1) == "temp" else "", sql)
    sql = _NO_INDEX.sub("", sql)
    sql = _CROSS_ON.sub(r"JOIN \1", sql)
    sql = sql.replace("WITHOUT ROWID", "")
    if sql.strip().upper() == "BEGIN IMMEDIATE":
        return "BEGIN"
    return sql


class ServerConnection:
    """The part of ``sqlite3.Connection`` the bulk code uses, on a psycopg connection in
    autocommit mode (transactions explicit, as with ``isolation_level=None``)."""

    dialect = "postgresql"

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Any = ()) -> Any:
        cur = self.raw.cursor()
        if params:
            cur.execute(to_postgres(sql), tuple(params))
        else:
            cur.execute(to_postgres(sql, params=False))
        return cur

    def executemany(self, sql: str, rows: Any) -> Any:
        cur = self.raw.cursor()
        cur.executemany(to_postgres(sql), list(rows))
        return cur

    def copy_rows(self, table: str, columns: list[str], rows: Any) -> None:
        """``COPY table (columns) FROM STDIN``: bulk rows in one stream."""
        names = ", ".join(f'"{c}"' for c in columns)
        with self.raw.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)


def dialect_of(con: Any) -> str:
    return getattr(con, "dialect", "sqlite")


def id_batches(con: Any, ids: Sequence[str],
               size: int = 500) -> Iterator[tuple[list[str], str, list[Any]]]:
    """``ids`` for a ``column <condition>`` test, as (batch, condition, parameters): on SQLite
    ``IN (?, ...)`` in batches of ``size``; on a server one ``= ANY(?::text[])`` for them all
    (a 500-parameter IN list costs planning time per batch there)."""
    if dialect_of(con) == "postgresql":
        if ids:
            yield list(ids), "= ANY(?::text[])", [list(ids)]
        return
    for start in range(0, len(ids), size):
        batch = list(ids[start:start + size])
        yield batch, f"IN ({', '.join('?' * len(batch))})", batch


@contextmanager
def raw_connection(db: Database) -> Iterator[sqlite3.Connection]:
    if db.is_server:
        with _server_connection(db) as server:
            yield cast(sqlite3.Connection, server)  # the same interface for the bulk code
        return
    fairy = db.engine.raw_connection()
    con = cast(sqlite3.Connection, fairy.driver_connection)
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


@contextmanager
def _server_connection(db: Database) -> Iterator[ServerConnection]:
    fairy = db.engine.raw_connection()
    raw = fairy.driver_connection
    if raw.info.transaction_status != 0:  # the pool hands it back idle; be sure
        raw.rollback()
    old = raw.autocommit
    raw.autocommit = True
    # The bulk statements are many short ones over a few thousand rows, some of which the
    # planner prices above jit_above_cost: compiling them took 40 ms each, ten times the
    # statement itself (the cross-village NIK lookup). No JIT for this work; reset after.
    raw.execute("SET jit = off")
    con = ServerConnection(raw)
    try:
        yield con
    finally:
        try:
            if con.in_transaction:
                raw.execute("ROLLBACK")
            raw.execute("RESET jit")
        finally:
            raw.autocommit = old
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
