"""Verified database backups with SQLite's online backup API.

A plain file copy of a WAL database can miss committed pages still in the ``-wal`` file, so
every backup goes through ``sqlite3.Connection.backup`` and is then checked with
``PRAGMA integrity_check`` before it counts.
"""

from __future__ import annotations

import contextlib
import errno
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.core import atomic
from app.core.errors import AppError

MESSAGES: dict[str, tuple[str, str]] = {
    "backup.read_only": (
        "Cadangan tidak bisa dibuat: folder {path} hanya bisa dibaca (flashdisk terkunci atau "
        "izin folder). Tidak ada yang diubah; buka kunci flashdisk atau pilih folder lain.",
        "The backup could not be made: the folder {path} is read-only (a write-protected "
        "stick or folder permissions). Nothing was changed; unlock the stick or choose another "
        "folder.",
    ),
    "backup.disk_full": (
        "Cadangan tidak bisa dibuat: disk di {path} penuh. Tidak ada yang diubah; kosongkan "
        "ruang atau pilih folder lain.",
        "The backup could not be made: the disk at {path} is full. Nothing was changed; free "
        "some space or choose another folder.",
    ),
}

_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


def storage_problem(exc: BaseException, folder: Path) -> AppError | None:
    """A coded error for a read-only or full medium, or None for other failures."""
    if isinstance(exc, OSError):
        if exc.errno in _READ_ONLY_ERRNOS:
            return AppError("backup.read_only", path=str(folder))
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return AppError("backup.disk_full", path=str(folder))
        return None
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text or "unable to open database" in text:
        return AppError("backup.read_only", path=str(folder))
    if "full" in text:
        return AppError("backup.disk_full", path=str(folder))
    return None


def _quietly_unlink(path: Path) -> None:
    """Cleanup that never hides the real error (a read-only stick refuses the unlink too)."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def read_only_uri(db_path: Path) -> str:
    """A read-only SQLite URI for ``db_path`` (percent-encoded: spaces, ``#`` and Windows
    drive letters are safe)."""
    return Path(db_path).resolve().as_uri() + "?mode=ro"


def connect_read_only(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(db_path), uri=True)


def _safe(reason: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", reason).strip("-") or "cadangan"


def integrity_ok(db_path: Path) -> bool:
    """True when ``PRAGMA integrity_check`` answers ``ok``."""
    try:
        con = connect_read_only(db_path)
        try:
            rows = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def copy_database(src: sqlite3.Connection, target: Path) -> None:
    """Copy the open database ``src`` into the file ``target`` (SQLite's online backup).

    The copy is one self-contained file (journal mode DELETE: no -wal/-shm beside it),
    readable from a write-protected stick. The caller fsyncs, verifies and renames it.
    """
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
        dst.commit()
    finally:
        dst.close()


def backup_database(db_path: Path, backup_dir: Path, *, reason: str) -> Path:
    """Copy ``db_path`` into ``backup_dir`` and verify it. Raises AppError if it fails.

    A read-only or full target gives ``backup.read_only``/``backup.disk_full`` and leaves
    nothing behind; a cut leaves at most a ``.part`` file, removed at the next start.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"buku_migran_{stamp}_{_safe(reason)}.db"
    partial = target.with_suffix(".db.part")
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_problem(exc, backup_dir) or AppError(
            "backup.failed", path=str(target), detail=str(exc)) from exc
    src: sqlite3.Connection | None = None
    try:
        src = connect_read_only(db_path)
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the source now
    except sqlite3.Error as exc:
        if src is not None:
            src.close()
        raise storage_problem(exc, db_path.parent) or AppError(
            "backup.failed", path=str(target), detail=str(exc)) from exc
    try:
        copy_database(src, partial)
        atomic.fsync_file(partial)
    except (sqlite3.Error, OSError) as exc:
        for path in (partial, *(Path(str(partial) + s) for s in ("-journal", "-wal", "-shm"))):
            _quietly_unlink(path)
        raise storage_problem(exc, backup_dir) or AppError(
            "backup.failed", path=str(target), detail=str(exc)) from exc
    finally:
        src.close()
    verified = integrity_ok(partial)
    for suffix in ("-wal", "-shm"):
        _quietly_unlink(Path(str(partial) + suffix))
    if not verified:
        _quietly_unlink(partial)
        raise AppError("backup.not_verified", path=str(target))
    try:
        atomic.commit(partial, target, synced=True)
    except OSError as exc:
        _quietly_unlink(partial)
        raise storage_problem(exc, backup_dir) or AppError(
            "backup.failed", path=str(target), detail=str(exc)) from exc
    return target


# -- listing, rotation, daily backup ----------------------------------------------------

_NAME = re.compile(r"^buku_migran_(\d{8}-\d{6}-\d{6})_(.+)\.db$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime
    reason: str
    size: int


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """Backups in ``backup_dir`` made by this program, newest first."""
    found: list[BackupInfo] = []
    if not backup_dir.is_dir():
        return found
    for path in backup_dir.glob("buku_migran_*.db"):
        match = _NAME.match(path.name)
        if not match:
            continue
        taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f")
        found.append(BackupInfo(path, taken, match.group(2), path.stat().st_size))
    return sorted(found, key=lambda b: b.taken, reverse=True)


@dataclass(frozen=True)
class RotationPolicy:
    """Keep every backup of the last ``days`` days, one per week for ``weeks`` weeks, one per
    month for ``months`` months, the newest ``always`` regardless, all within ``budget``."""

    days: int = 7
    weeks: int = 5
    months: int = 12
    always: int = 3
    budget: int = 2 * 1024**3


def rotate(backup_dir: Path, policy: RotationPolicy = RotationPolicy(),
           now: datetime | None = None) -> list[Path]:
    """Delete the backups the policy does not keep; returns the deleted paths."""
    now = now or datetime.now()
    backups = list_backups(backup_dir)
    keep: set[Path] = {b.path for b in backups[: policy.always]}
    weeks_seen: set[tuple[int, int]] = set()
    months_seen: set[tuple[int, int]] = set()
    for b in backups:  # newest first: the newest of each week/month is kept
        age = now - b.taken
        if age <= timedelta(days=policy.days):
            keep.add(b.path)
            continue
        week = b.taken.isocalendar()[:2]
        if age <= timedelta(weeks=policy.weeks) and week not in weeks_seen:
            weeks_seen.add(week)
            keep.add(b.path)
            continue
        month = (b.taken.year, b.taken.month)
        if age <= timedelta(days=31 * policy.months) and month not in months_seen:
            months_seen.add(month)
            keep.add(b.path)
    total = 0
    for b in backups:
        if b.path in keep:
            total += b.size
            if total > policy.budget and b.path not in {x.path for x in backups[:1]}:
                keep.discard(b.path)
    deleted = [b.path for b in backups if b.path not in keep]
    for path in deleted:
        path.unlink(missing_ok=True)
    return deleted


def daily_backup_if_due(db_path: Path, backup_dir: Path,
                        now: datetime | None = None) -> Path | None:
    """Make the automatic daily backup when none was made in the last 24 hours, then rotate."""
    now = now or datetime.now()
    if not db_path.exists():
        return None
    newest = next(iter(list_backups(backup_dir)), None)
    if newest is not None and now - newest.taken < timedelta(hours=24):
        return None
    made = backup_database(db_path, backup_dir, reason="harian")
    try:
        rotate(backup_dir, now=now)
    except OSError as exc:
        raise (storage_problem(exc, backup_dir) or exc) from exc
    return made


def newest_good_backup(backup_dir: Path) -> BackupInfo | None:
    """The newest backup that passes ``integrity_check``."""
    for b in list_backups(backup_dir):
        if integrity_ok(b.path):
            return b
    return None
