"""Bring a database file to the current schema, with a verified backup first.

Start-up reads the stored revision with plain ``sqlite3`` and only loads Alembic when a
migration is pending, which keeps the common start fast. A database that already holds data
is copied with SQLite's online backup API (a plain file copy would miss what is still in the
WAL) and the copy must pass ``PRAGMA integrity_check`` before any schema change runs.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from app.core.backup import backup_database
from app.core.migrations import HEAD_REVISION

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
        return (
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
    backup: Path | None = None
    if has_user_tables(db_path):
        backup = backup_database(
            db_path, backup_dir, reason=f"sebelum-migrasi-{revision or 'awal'}"
        )
        log.info("backup before migration: %s", backup)
    _run_alembic(db_path, target)
    log.info("database %s migrated from %s to %s", db_path, revision, target)
    return backup


def _run_alembic(db_path: Path, target: str) -> None:
    from alembic import command
    from alembic.config import Config

    from app.core.db import make_engine

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = make_engine(db_path)
    try:
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, target)
    finally:
        engine.dispose()
