"""Restore the database from a backup, undoably, and check a database at start-up.

A restore first keeps the current state (a verified backup, or a raw copy when the current
file is damaged: a damaged file is never overwritten silently), then copies the chosen backup
in with SQLite's backup API, migrates it if it is older, and lifts the change counter above
everything this installation ever used so that P4MI never sees a counter twice.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.core import atomic
from app.core.backup import (
    backup_database,
    connect_read_only,
    copy_database,
    integrity_ok,
    list_backups,
    newest_good_backup,
    storage_problem,
)
from app.core.errors import AppError
from app.core.highwater import raise_floors, read_floors
from app.core.paths import DataDir
from app.core.recovery import notify


def quick_check(db_path: Path) -> bool:
    """``PRAGMA quick_check`` (fast, run at every start); False for an unreadable file."""
    try:
        con = connect_read_only(db_path)
        try:
            return con.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False


def _read_one(db_path: Path, sql: str) -> str | int | None:
    try:
        con = connect_read_only(db_path)
        try:
            row = con.execute(sql).fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def office_code_of(db_path: Path) -> str | None:
    value = _read_one(db_path, "SELECT value FROM setting WHERE key = 'office_code'")
    return str(value) if value else None


def counter_of(db_path: Path) -> int | None:
    value = _read_one(db_path, "SELECT counter FROM installation WHERE id = 1")
    return int(value) if value is not None else None


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    undo: Path | None  # restore this to go back to the state before the restore
    damaged_copy: Path | None  # raw copy of a damaged database that was replaced


def _keep_damaged(db_path: Path, backup_dir: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"rusak_{stamp}_{db_path.name}"
    backup_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(db_path, target)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            shutil.copy2(side, target.with_name(target.name + suffix))
    return target


def plan_path(data_dir: DataDir) -> Path:
    """The plan file of a restore in progress (its presence means: not finished yet)."""
    return data_dir.db_path.with_name(data_dir.db_path.name + ".pulihkan-rencana")


def partial_path(data_dir: DataDir) -> Path:
    return data_dir.db_path.with_name(data_dir.db_path.name + ".pulihkan")


def _write_plan(data_dir: DataDir, plan: dict[str, object]) -> None:
    target = plan_path(data_dir)
    # the temporary name ``*.pulihkan-rencana.part`` is the one start-up removes after a cut
    atomic.write_text(target, json.dumps(plan, ensure_ascii=False, sort_keys=True),
                      tmp=target.with_name(target.name + ".part"))


def read_plan(data_dir: DataDir) -> dict[str, object] | None:
    try:
        plan = json.loads(plan_path(data_dir).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return None
    return plan if isinstance(plan, dict) and plan.get("source") else None


def _check_writable(folder: Path) -> None:
    """Refuse a read-only data folder before anything is touched."""
    probe = folder / ".tulis-uji-pulihkan"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"ok")
    except OSError as exc:
        raise storage_problem(exc, folder) or AppError(
            "data_dir.not_writable", path=str(folder), detail=exc.strerror) from exc
    with contextlib.suppress(OSError):
        probe.unlink()


def _fold_wal(db_path: Path) -> None:
    """Move everything committed in the live ``-wal`` into the database file itself, so that
    removing the ``-wal`` later can never drop committed data."""
    con = sqlite3.connect(db_path)
    try:
        busy = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        con.close()
    if busy is not None and busy[0] not in (0, None):
        raise AppError("data_dir.in_use", path=str(db_path.parent))


def restore_database(data_dir: DataDir, source: Path | None = None) -> RestoreResult:
    """Replace the database of ``data_dir`` with ``source`` (default: newest good backup).

    The caller must hold the folder lock and have closed its own connections. A restore cut
    short by a power cut or a kill is finished by the next call (or the next start), from the
    plan file it wrote: the same source, the same undo copy.
    """
    pending = read_plan(data_dir)
    if pending is not None:
        result = finish_pending_restore(data_dir)
        assert result is not None
        if source is None or Path(source).resolve() == result.source.resolve():
            return result
    if source is None:
        # "the newest backup" is never an undo copy: repeating a restore (say, after a cut
        # at its very end) must not undo it; the undo copy is restored by naming it
        newest = next((b for b in list_backups(data_dir.backups)
                       if b.reason != "sebelum-pulihkan" and integrity_ok(b.path)), None)
        newest = newest or newest_good_backup(data_dir.backups)
        if newest is None:
            raise AppError("restore.no_backup", path=str(data_dir.backups))
        source = newest.path
    source = Path(source)
    if not source.is_file() or not integrity_ok(source):
        raise AppError("backup.not_verified", path=str(source))
    wanted = office_code_of(source)
    if wanted is None:
        raise AppError("restore.not_a_backup", path=str(source))
    _check_writable(data_dir.root)
    _check_writable(data_dir.backups)
    db_path = data_dir.db_path
    floors = read_floors(data_dir.keys)
    counter_floor = floors.get("counter", 0)
    if db_path.exists() and quick_check(db_path):
        current_office = office_code_of(db_path)
        if current_office and current_office != wanted:
            raise AppError("restore.other_office", found=wanted, expected=current_office)
        counter_floor = max(counter_floor, counter_of(db_path) or 0)
    # The plan comes first: from here on a repeated restore (or the next start) finishes
    # THIS restore, and never takes the undo copy below for "the newest backup".
    _write_plan(data_dir, {
        "source": str(source.resolve()),
        "counter_floor": int(counter_floor),
        "stage": "cadangan",
    })
    return _carry_out(data_dir, read_plan(data_dir) or {})


def finish_pending_restore(data_dir: DataDir) -> RestoreResult | None:
    """Finish a restore a cut interrupted (None when there is none) and say so."""
    plan = read_plan(data_dir)
    if plan is None:
        return None
    result = _carry_out(data_dir, plan)
    notify("recovery.restore_resumed", source=str(result.source),
           undo=str(result.undo or result.damaged_copy or "-"))
    return result


def _carry_out(data_dir: DataDir, plan: dict[str, object]) -> RestoreResult:
    """Do (or redo) every step of the planned restore that is not done yet.

    Until the rename the live database is untouched, so building the copy is simply done
    again after a cut; the plan's stage ``siap`` says the copy was complete.
    """
    db_path = data_dir.db_path
    partial = partial_path(data_dir)
    source = Path(str(plan["source"]))
    if plan.get("stage") in ("cadangan", "salin") and (
            not source.is_file() or not integrity_ok(source)):
        # the live file is untouched until the copy is complete: give the restore up
        plan_path(data_dir).unlink(missing_ok=True)
        raise AppError("backup.not_verified", path=str(source))
    try:
        if plan.get("stage") == "cadangan":
            plan = _keep_current(data_dir, plan)
        if plan.get("stage") != "siap":
            plan = _build_copy(data_dir, plan, source,
                               Path(str(plan["undo"])) if plan.get("undo") else None)
    except (sqlite3.Error, OSError, AppError) as exc:
        # a full or failing disk: the live file was not touched; give this restore up
        # rather than fail every later start on it
        for path in (partial, *(partial.with_name(partial.name + s)
                                for s in ("-journal", "-wal", "-shm"))):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            plan_path(data_dir).unlink(missing_ok=True)
        if isinstance(exc, AppError):
            raise
        raise (storage_problem(exc, data_dir.root) or exc) from exc
    undo = Path(str(plan["undo"])) if plan.get("undo") else None
    damaged = Path(str(plan["damaged"])) if plan.get("damaged") else None
    if partial.exists():
        if db_path.exists() and quick_check(db_path):
            _fold_wal(db_path)  # nothing is lost even if a cut follows the unlink below
        # A stale WAL next to the new file would be replayed onto it: remove it first. The
        # old state is already safe in the database file itself and in ``undo``.
        for suffix in ("-wal", "-shm"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        atomic.commit(partial, db_path, synced=True)  # fsynced when built (stage "siap")
    con = sqlite3.connect(db_path)
    try:
        con.execute("PRAGMA journal_mode=WAL")
    finally:
        con.close()
    raise_floors(data_dir.keys, counter=int(str(plan.get("counter", 0))))
    plan_path(data_dir).unlink(missing_ok=True)
    return RestoreResult(source=source, undo=undo, damaged_copy=damaged)


def _keep_current(data_dir: DataDir, plan: dict[str, object]) -> dict[str, object]:
    """Keep the current state (all of it: the backup API reads the -wal too); stage ``salin``."""
    db_path = data_dir.db_path
    undo_made: Path | None = None
    damaged_made: Path | None = None
    if db_path.exists():
        if quick_check(db_path):
            undo_made = backup_database(db_path, data_dir.backups, reason="sebelum-pulihkan")
            _fold_wal(db_path)
        else:
            damaged_made = _keep_damaged(db_path, data_dir.backups)
    plan = {**plan, "stage": "salin", "undo": str(undo_made or ""),
            "damaged": str(damaged_made or "")}
    _write_plan(data_dir, plan)
    return plan


def _build_copy(data_dir: DataDir, plan: dict[str, object], source: Path,
                undo: Path | None) -> dict[str, object]:
    """Copy ``source`` into the ``.pulihkan`` file, migrate and re-stamp it; stage ``siap``."""
    partial = partial_path(data_dir)
    for path in (partial, *(partial.with_name(partial.name + s)
                            for s in ("-journal", "-wal", "-shm"))):
        path.unlink(missing_ok=True)
    src = connect_read_only(source)
    try:
        copy_database(src, partial)
    finally:
        src.close()
    # Migrate and re-stamp the copy *before* it replaces the live file, so a failure or
    # a power cut leaves either the old database or the finished restore, never a half one.
    from app.core.migrate import upgrade

    upgrade(partial, data_dir.backups)
    con = sqlite3.connect(partial)
    try:
        counter = _restamp(con, int(str(plan.get("counter_floor", 0))), undo)
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()
    for suffix in ("-wal", "-shm"):
        partial.with_name(partial.name + suffix).unlink(missing_ok=True)
    atomic.fsync_file(partial)
    plan = {**plan, "stage": "siap", "counter": counter}
    _write_plan(data_dir, plan)
    return plan


def _restamp(con: sqlite3.Connection, counter_floor: int, undo: Path | None) -> int:
    """Make the restored state the newest version of every row this office owns.

    P4MI may already hold versions made after the backup. All own rows get a fresh change
    counter above everything ever used, and rows that existed just before the restore but
    not in the backup come back as tombstones, so the next bundle brings the hub exactly to
    the restored state. Returns the installation counter after the re-stamp.
    """
    from app.core.models import SYNCED_MODELS

    con.execute("BEGIN IMMEDIATE")
    con.execute("UPDATE installation SET counter = max(counter, ?) + 1 WHERE id = 1",
                (counter_floor,))
    instance, counter = con.execute(
        "SELECT instance_id, counter FROM installation WHERE id = 1").fetchone()
    office_row = con.execute("SELECT value FROM setting WHERE key = 'office_code'").fetchone()
    office = office_row[0] if office_row else ""
    if undo is not None:
        # a plain path: URI file names are not enabled in every SQLite build (Windows)
        con.execute("ATTACH DATABASE ? AS prev", (str(undo),))
    for model in SYNCED_MODELS:
        table = model.__tablename__
        if undo is not None:
            cols = ", ".join(f'"{r[1]}"' for r in con.execute(f'PRAGMA main.table_info("{table}")'))
            con.execute(
                f'CREATE TEMP TABLE gone AS SELECT id FROM prev."{table}" '
                f'WHERE owner_office = ? AND id NOT IN (SELECT id FROM main."{table}")',
                (office,))
            con.execute(f'INSERT INTO main."{table}" ({cols}) SELECT {cols} FROM prev."{table}" '
                        "WHERE id IN (SELECT id FROM temp.gone)")
            con.execute(f'UPDATE main."{table}" SET deleted = 1 '
                        "WHERE id IN (SELECT id FROM temp.gone)")
            con.execute("DROP TABLE temp.gone")
        con.execute(
            f'UPDATE main."{table}" SET origin_instance = ?, origin_counter = ? '
            f"WHERE owner_office = ?", (instance, counter, office))
    con.commit()
    if undo is not None:
        con.execute("DETACH DATABASE prev")
    return int(counter)
