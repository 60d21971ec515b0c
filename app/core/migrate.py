"""Bring a database file to the current schema, with a verified backup first.

Start-up reads the stored revision with plain ``sqlite3`` and only loads Alembic when a
migration is pending, which keeps the common start fast. A database that already holds data
is copied with SQLite's online backup API (a plain file copy would miss what is still in the
WAL) and the copy must pass ``PRAGMA integrity_check`` before any schema change runs.

The whole upgrade runs in ONE SQLite transaction (``make_engine(transactional_ddl=True)``):
a power cut at any statement leaves the file at its old revision, never half-migrated.
Files left half-migrated by older versions of the program (tables of the next revision but
the old version row) are recognised by comparing their schema with the one the stored
revision must have, and repaired from the backup taken before that migration.
"""

from __future__ import annotations

import logging
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.core import atomic
from app.core.backup import backup_database, integrity_ok, list_backups, rotate
from app.core.errors import AppError
from app.core.migrations import HEAD_REVISION
from app.core.recovery import notify

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def current_revision(db_path: Path) -> str | None:
    """The Alembic revision stored in the file, or None for a new/empty database."""
    if not db_path.exists():
        return None
    con = sqlite3.connect(db_path)
    try:
        has_table = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        con.close()


def has_user_tables(db_path: Path) -> bool:
    if not db_path.exists():
        return False
    con = sqlite3.connect(db_path)
    try:
        return bool(
            con.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
            > 0
        )
    finally:
        con.close()


def is_pending(db_path: Path) -> bool:
    return current_revision(db_path) != HEAD_REVISION


def alembic_head() -> str:
    """Alembic's own idea of the head revision (slow import; for tests and tooling)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def upgrade(db_path: Path, backup_dir: Path, *, target: str = "head") -> Path | None:
    """Migrate ``db_path`` to ``target`` if needed. Returns the backup made, if any."""
    revision = current_revision(db_path)
    if revision == HEAD_REVISION and target == "head":
        return None
    if db_path.exists() and _half_applied(db_path, revision):
        _repair_half_applied(db_path, backup_dir, revision)
        revision = current_revision(db_path)
        if revision == HEAD_REVISION and target == "head":
            return None
    backup: Path | None = None
    if has_user_tables(db_path):
        backup = backup_database(
            db_path, backup_dir, reason=f"sebelum-migrasi-{revision or 'awal'}"
        )
        log.info("backup before migration: %s", backup)
        try:  # every path that makes a backup rotates (issue 15); the new one is always kept
            rotate(backup_dir)
        except OSError:
            log.warning("rotation of %s skipped", backup_dir, exc_info=True)
    _run_alembic(db_path, target)
    log.info("database %s migrated from %s to %s", db_path, revision, target)
    return backup


def _run_alembic(db_path: Path, target: str) -> None:
    from alembic import command
    from alembic.config import Config

    from app.core.db import make_engine

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = make_engine(db_path, transactional_ddl=True)
    try:
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, target)
    finally:
        engine.dispose()


# -- half-applied migrations left by older versions ---------------------------------------

def _schema_names(con: sqlite3.Connection) -> set[tuple[str, str]]:
    """Tables, indexes and columns (``("column", "table.name")``) of a database."""
    names = {
        (str(r[0]), str(r[1]))
        for r in con.execute(
            "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'index') "
            "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
        )
    }
    for kind, table in list(names):
        if kind == "table":
            names |= {("column", f"{table}.{c[1]}")
                      for c in con.execute(f'PRAGMA table_info("{table}")')}
    return names


def expected_schema(revision: str | None) -> set[tuple[str, str]]:
    """The tables and indexes a database at ``revision`` has (built in a scratch file)."""
    if revision is None:
        return set()
    with tempfile.TemporaryDirectory(prefix="bmd-skema-") as tmp:
        scratch = Path(tmp) / "skema.db"
        _run_alembic(scratch, revision)
        con = sqlite3.connect(scratch)
        try:
            return _schema_names(con)
        finally:
            con.close()


def _half_applied(db_path: Path, revision: str | None) -> bool:
    """True when the file holds schema objects its stored revision does not explain."""
    con = sqlite3.connect(db_path)
    try:
        found = _schema_names(con)
    finally:
        con.close()
    if not found:
        return False
    return bool(found - expected_schema(revision))


def _is_empty(db_path: Path) -> bool:
    con = sqlite3.connect(db_path)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return all(
            con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] == 0
            for t in tables if t != "alembic_version"
        )
    finally:
        con.close()


def _repair_half_applied(db_path: Path, backup_dir: Path, revision: str | None) -> None:
    """Put back the state before the interrupted migration, keeping the half file aside."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup_dir.mkdir(parents=True, exist_ok=True)
    kept = backup_dir / f"setengah-migrasi_{stamp}_{db_path.name}"
    src = sqlite3.connect(db_path)
    dst = sqlite3.connect(kept)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    if _is_empty(db_path):
        # an interrupted first start: nothing but empty tables, start the schema again
        _remove_database(db_path)
        notify("recovery.schema_restarted", path=str(db_path.parent))
        log.warning("half-made schema of a new folder %s started again", db_path)
        return
    wanted = f"sebelum-migrasi-{revision or 'awal'}"
    for b in list_backups(backup_dir):
        if b.reason == wanted and current_revision(b.path) == revision and integrity_ok(b.path):
            _copy_into(b.path, db_path)
            notify("recovery.migration_repaired", backup=str(b.path), kept=str(kept))
            log.warning("half-applied migration of %s repaired from %s", db_path, b.path)
            return
    raise AppError("recovery.migration_unrepairable", path=str(db_path), kept=str(kept))


def _remove_database(db_path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    db_path.unlink()


def _copy_into(source: Path, db_path: Path) -> None:
    """Replace ``db_path`` by a copy of ``source`` (built beside it, then renamed)."""
    partial = db_path.with_name(db_path.name + ".part")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()
    atomic.fsync_file(partial)
    con = sqlite3.connect(db_path)  # fold the WAL of the half file in, then drop it
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    atomic.commit(partial, db_path, synced=True)


# -- a P4MI hub on a PostgreSQL server -----------------------------------------------------

# pg_advisory_xact_lock key: two clerks starting the program at once migrate one after the
# other (the second finds the schema current); any constant unique to this program will do
_MIGRATION_LOCK = 0x424D4400


def server_revision(connection: Connection) -> str | None:
    """The Alembic revision of a server database (None when it has no schema yet)."""
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("alembic_version"):
        return None
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if revision is None else str(revision)


def upgrade_server(engine: Engine,
                   backup: Callable[[str], object] | None = None) -> str | None:
    """Bring a server database to the current schema with the same Alembic migrations.

    PostgreSQL's DDL is transactional: the whole upgrade commits or rolls back as one, so the
    file repairs above have no meaning there. ``backup`` (a callable taking the reason) is
    called before a schema that already holds data is changed. Returns the old revision.
    """
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    with engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        revision = server_revision(connection)
        if revision is not None and revision > HEAD_REVISION:
            raise AppError("database.newer", revision=revision)
        if revision == HEAD_REVISION:
            return revision
        if revision is not None and backup is not None:
            backup(f"sebelum-migrasi-{revision}")
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
        log.info("server database migrated from %s to %s", revision, HEAD_REVISION)
    return revision
