"""The SQLite database: engine, sessions, units of work and the hooks that keep rows honest.

Every user action is one unit of work (:meth:`Database.unit_of_work`): one transaction that
bumps this installation's change counter once, stamps every changed synced row with
``(instance, counter)``, time, operator and version, writes the audit log, and refreshes the
derived resident status. SQLite runs in WAL mode with ``synchronous=FULL`` so a record saved
before a power cut is still there afterwards.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, inspect, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app.core.errors import AppError
from app.core.models import (
    AuditEntry,
    Episode,
    Installation,
    Resident,
    Setting,
    SyncMixin,
    new_uuid,
    utcnow,
)
from app.core.rules.episodes import EpisodeFacts, derive_status, start_date

log = logging.getLogger(__name__)

# session.info keys
OPERATOR = "operator"
RAW_SYNC = "raw_sync"  # set by the bundle importer: keep incoming sync metadata as it is
_COUNTER = "counter"
_STATUS_DIRTY = "status_dirty"
_AUDIT = "audit_rows"


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(db_path: Path, *, transactional_ddl: bool = False) -> Engine:
    """An engine on the file ``db_path``, opened by path (never through URL parsing: a
    folder named ``Desa%20A`` or ``Data?lama`` must open its own file, not another one).

    ``transactional_ddl`` (used by migrations) switches the driver's own transaction handling
    off and emits ``BEGIN IMMEDIATE`` itself, SQLAlchemy's documented pysqlite recipe: the
    driver would otherwise open a transaction only at the first data write, so every
    ``CREATE TABLE`` before it would be committed on its own and a power cut would leave a
    half-made schema. With it, a whole upgrade commits or rolls back as one.
    """
    path = str(db_path)

    def _connect() -> sqlite3.Connection:
        # ``sqlite3.connect`` looked up at call time: the kill tests trace it
        if transactional_ddl:
            return sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        return sqlite3.connect(path, check_same_thread=False)

    # "sqlite://" alone would mean an in-memory database and a one-connection pool
    engine = create_engine("sqlite://", creator=_connect, poolclass=QueuePool, future=True)
    event.listen(engine, "connect", _on_connect)
    if transactional_ddl:
        event.listen(engine, "begin", _emit_begin)
    return engine


def _emit_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _audit_changes(obj: SyncMixin, *, created: bool) -> dict[str, list[Any]]:
    """``{column: [old, new]}`` for user-data columns that changed on ``obj``."""
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in SyncMixin.META_COLUMNS or key == "id" or key == "migrant_status":
            continue
        if created:
            value = getattr(obj, key)
            if value not in (None, "", False):
                changes[key] = [None, _jsonable(value)]
            continue
        hist = state.attrs[key].history
        if hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old != new:
                changes[key] = [_jsonable(old), _jsonable(new)]
    return changes


def _next_counter(session: Session) -> tuple[str, int]:
    """Bump the installation counter once per unit of work and return (instance, counter)."""
    if _COUNTER not in session.info:
        conn = session.connection()
        row = conn.execute(
            text("UPDATE installation SET counter = counter + 1 RETURNING instance_id, counter")
        ).one()
        session.info[_COUNTER] = (row[0], int(row[1]))
    counter: tuple[str, int] = session.info[_COUNTER]
    return counter


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    raw = session.info.get(RAW_SYNC, False)
    operator = session.info.get(OPERATOR, "")
    now = utcnow()
    status_dirty: set[str] = session.info.setdefault(_STATUS_DIRTY, set())
    audit: list[dict[str, Any]] = []
    for obj, created in [(o, True) for o in session.new] + [(o, False) for o in session.dirty]:
        if not isinstance(obj, SyncMixin):
            continue
        if not created and not session.is_modified(obj, include_collections=False):
            continue
        if isinstance(obj, Episode):
            status_dirty.add(obj.resident_id)
        if raw:
            continue
        changes = _audit_changes(obj, created=created)
        if not created and not changes:
            continue
        instance_id, counter = _next_counter(session)
        if obj.id is None:
            obj.id = new_uuid()
        obj.origin_instance = instance_id
        obj.origin_counter = counter
        obj.updated_at = now
        obj.updated_by = operator
        obj.version = (obj.version or 0) + 1
        if created and obj.created_at is None:
            obj.created_at = now
        if created and not obj.owner_office:
            obj.owner_office = session.info.get("office", "")
        action = "create" if created else ("delete" if changes.get("deleted") == [False, True]
                                           else "update")
        audit.append(
            {
                "at": now,
                "operator": operator,
                "action": action,
                "entity": type(obj).__tablename__,
                "entity_id": obj.id or "",
                "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True),
            }
        )
    for obj in session.deleted:
        if isinstance(obj, SyncMixin):
            raise RuntimeError("synced rows are soft-deleted (deleted=True), never DELETEd")
    # written by _after_flush with one INSERT (an ORM object per audit row costs as much as
    # the row it describes: the list import writes thousands per flush)
    session.info[_AUDIT] = audit


def _after_flush(session: Session, _ctx: Any) -> None:
    audit = session.info.pop(_AUDIT, None)
    if audit:
        session.connection().execute(insert(AuditEntry), audit)


def recompute_statuses(connection: Any, resident_ids: Iterable[str]) -> None:
    """Refresh ``resident.migrant_status`` from the episodes of the given residents."""
    for rid in resident_ids:
        rows = connection.execute(
            text(
                "SELECT state, registered_on, departed_on, returned_on, created_at "
                "FROM episode WHERE resident_id = :rid AND deleted = FALSE"
            ),
            {"rid": rid},
        ).all()
        facts = [
            EpisodeFacts(
                state=r[0],
                start=_as_date(start_date(r[1], r[2], r[3])),
                created_order=str(r[4]),
            )
            for r in rows
        ]
        connection.execute(
            text("UPDATE resident SET migrant_status = :s WHERE id = :rid"),
            {"s": str(derive_status(facts)), "rid": rid},
        )


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _after_flush_postexec(session: Session, _ctx: Any) -> None:
    dirty = session.info.pop(_STATUS_DIRTY, set())
    if not dirty:
        return
    recompute_statuses(session.connection(), dirty)
    for obj in session.identity_map.values():
        if isinstance(obj, Resident) and obj.id in dirty:
            session.expire(obj, ["migrant_status"])


def _reset_counter(session: Session, *_args: Any) -> None:
    session.info.pop(_COUNTER, None)
    session.info.pop(_STATUS_DIRTY, None)
    session.info.pop(_AUDIT, None)


def install_session_hooks(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "after_flush_postexec", _after_flush_postexec)
    event.listen(factory, "after_commit", _reset_counter)
    event.listen(factory, "after_soft_rollback", _reset_counter)


class Database:
    """One open data folder's database. Thread use: one session per unit of work."""

    def __init__(self, db_path: Path, server: Any = None) -> None:
        """``server`` (an :class:`app.core.server.ServerConfig`) puts a P4MI hub's database on
        PostgreSQL; ``path`` then names no file (file-only operations refuse, see server.py)."""
        self.path = Path(db_path)
        self.server = server
        if server is not None:
            from app.core.server import make_server_engine

            self.engine = make_server_engine(server)
        else:
            self.engine = make_engine(self.path)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        install_session_hooks(self.sessions)

    def close(self) -> None:
        """Let SQLite refresh its planner statistics (cheap), then close every connection.

        Without statistics SQLite may pick the low-value ``deleted`` index for big tables.
        The server keeps its own statistics (autovacuum): nothing to do there.
        """
        if self.is_server:
            self.engine.dispose()
            return
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA optimize")
        except Exception:  # noqa: BLE001 - closing must never fail (read-only, full disk)
            log.debug("PRAGMA optimize skipped", exc_info=True)
        self.engine.dispose()

    @property
    def is_server(self) -> bool:
        """True when the database is on a PostgreSQL server, not the SQLite file."""
        return self.server is not None

    @property
    def dialect(self) -> str:
        return str(self.engine.dialect.name)

    def session(self) -> Session:
        """A read session (callers must not write through it outside a unit of work)."""
        return self.sessions()

    @contextmanager
    def unit_of_work(self, operator: str, *, raw_sync: bool = False) -> Iterator[Session]:
        """One user action: a single transaction, committed on success, rolled back on error."""
        session = self.sessions()
        session.info[OPERATOR] = operator
        session.info[RAW_SYNC] = raw_sync
        try:
            with session.begin():
                session.info["office"] = get_setting(session, "office_code", "")
                yield session
        except OperationalError as exc:
            if self.server is not None:
                from app.core.server import connection_error

                raise connection_error(exc, self.server) from exc
            raise storage_error(exc, self.path) from exc
        finally:
            session.close()


def storage_error(exc: OperationalError, path: Path) -> Exception:
    """Turn SQLite's disk errors into coded errors the user can act on."""
    text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    if "full" in text:
        return AppError("storage.full", path=str(path.parent))
    if "readonly" in text or "read-only" in text:
        return AppError("storage.read_only", path=str(path.parent))
    if "disk i/o" in text:
        return AppError("storage.io", path=str(path.parent))
    return exc


def get_setting(session: Session, key: str, default: str = "") -> str:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return default if value is None else value


def get_settings(session: Session, *keys: str) -> dict[str, str]:
    """Several settings in one query (one round trip to a server); a missing key is ""."""
    found = dict(session.execute(
        select(Setting.key, Setting.value).where(Setting.key.in_(keys))).all())
    return {k: found.get(k) or "" for k in keys}


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def ensure_installation(session: Session) -> Installation:
    inst = session.get(Installation, 1)
    if inst is None:
        inst = Installation(id=1, counter=0)
        session.add(inst)
        session.flush()
    return inst
