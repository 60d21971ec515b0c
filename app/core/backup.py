"""Verified database backups with SQLite's online backup API.

A plain file copy of a WAL database can miss committed pages still in the ``-wal`` file, so
every backup goes through ``sqlite3.Connection.backup`` and is then checked with
``PRAGMA integrity_check`` before it counts.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from app.core.errors import AppError


def _safe(reason: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", reason).strip("-") or "cadangan"


def integrity_ok(db_path: Path) -> bool:
    """True when ``PRAGMA integrity_check`` answers ``ok``."""
    try:
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def backup_database(db_path: Path, backup_dir: Path, *, reason: str) -> Path:
    """Copy ``db_path`` into ``backup_dir`` and verify it. Raises AppError if it fails."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"buku_migran_{stamp}_{_safe(reason)}.db"
    partial = target.with_suffix(".db.part")
    try:
        src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.commit()
        finally:
            dst.close()
            src.close()
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise AppError("backup.failed", path=str(target), detail=str(exc)) from exc
    if not integrity_ok(partial):
        partial.unlink(missing_ok=True)
        raise AppError("backup.not_verified", path=str(target))
    os.replace(partial, target)
    return target
