"""Backups and restores as use cases: the file work, the rotation and the audit row, once.

The command line (``app backup`` / ``app restore``), the Data menu and start-up (the daily
backup, the guided restore of a damaged database) all call these functions; none of them
makes a backup, rotates or writes the audit row on its own.

``db`` is the open database when the caller has one (the GUI); without it (the command line,
a damaged database at start-up) the audit row is written by opening the folder briefly.
``by`` is who acts (a ``SignedIn``, or ``None`` when no one signed in): the permission is
checked here, not only by a greyed-out button.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from app.core import backup as _backup
from app.core import restore as _restore
from app.core.access import Permission, require
from app.core.db import Database
from app.core.errors import AppError
from app.core.paths import DataDir
from app.core.server import pg_dump_backup, read_config
from app.core.services.audit import log_event

log = logging.getLogger(__name__)

CLI_OPERATOR = "baris-perintah"


def _audit(data_dir: DataDir, db: Database | None, operator: str, action: str,
           **details: Any) -> None:
    if db is not None:
        with db.unit_of_work(operator) as s:
            log_event(s, action, **details)
        return
    from app.core.workspace import open_workspace

    ws = open_workspace(data_dir)
    try:
        with ws.db.unit_of_work(operator) as s:
            log_event(s, action, **details)
    finally:
        ws.close()


def make_backup(data_dir: DataDir, *, db: Database | None = None, operator: str = "",
                to: Path | None = None, by: object = None) -> Path:
    """A checked backup, into the folder's backups (then rotated) or into ``to`` (a USB
    stick: copying data out needs the EXPORT permission); written to the audit log."""
    if to is not None:
        require(by, Permission.EXPORT)
    server = read_config(data_dir.root)
    if server is not None:  # a hub on a PostgreSQL server: pg_dump, checked, no rotation
        made = pg_dump_backup(server, to if to is not None else data_dir.backups,
                              reason="manual")
    else:
        made = _backup.backup_database(data_dir.db_path,
                                       to if to is not None else data_dir.backups,
                                       reason="manual")
        if to is None:
            _backup.rotate(data_dir.backups)
    _audit(data_dir, db, operator, "backup", path=str(made))
    log.info("backup made: %s", made)
    return made


def daily_backup(data_dir: DataDir, *, db: Database | None = None,
                 operator: str = "") -> Path | None:
    """The automatic daily backup when due, old backups rotated out (also when none was due);
    the backup made, or ``None``."""
    if read_config(data_dir.root) is not None:
        log.info("daily backup: a server database is backed up by pg_dump (Data menu) or its "
                 "administrator")
        return None
    made = _backup.daily_backup_if_due(data_dir.db_path, data_dir.backups)
    deleted = _backup.rotate(data_dir.backups)
    if made is not None:
        _audit(data_dir, db, operator, "backup", path=str(made), reason="harian")
        log.info("daily backup made: %s (%d old backups rotated out)", made, len(deleted))
    else:
        log.info("daily backup not due")
    return made


def restore_backup(data_dir: DataDir, source: Path | None = None, *,
                   db: Database | None = None, operator: str = "", by: object = None,
                   undo: bool = False, reason: str = "") -> _restore.RestoreResult:
    """Restore ``source`` (default: the newest good backup) and write it to the audit log of
    the restored database (``restore``, or ``restore_undo`` for Data > Undo last restore).

    With ``db`` its connections are closed first and dropped again afterwards (a connection
    opened meanwhile would still see the old file); the caller holds the folder lock.
    """
    require(by, Permission.RESTORE)
    if read_config(data_dir.root) is not None:  # every clerk's data at once: the admin's job
        raise AppError("server.restore_manual",
                       backup=str(source) if source is not None else "BERKAS.dump")
    if db is not None:
        db.close()
    try:
        result = _restore.restore_database(data_dir, source)
    finally:
        if db is not None:
            db.engine.dispose()
    details: dict[str, Any] = {"source": str(result.source),
                               "path": str(result.undo or result.damaged_copy or "")}
    if result.undo is not None and result.damaged_copy is not None:
        details["damaged"] = str(result.damaged_copy)
    if reason:
        details["reason"] = reason
    try:
        _audit(data_dir, db, operator, "restore_undo" if undo else "restore", **details)
    except Exception:  # noqa: BLE001 - the restore is done; the next open reports any fault
        log.warning("could not write the restore into the audit log", exc_info=True)
    return result
