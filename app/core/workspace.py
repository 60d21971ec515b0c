"""Opening and setting up a data folder: a village register or a P4MI hub.

``open_workspace`` is what the GUI, the command line and the bundle code call: it creates
the folder layout, migrates the schema (backup first) and returns the :class:`Database`
together with the office this folder belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.db import Database, ensure_installation, get_setting, get_settings, set_setting
from app.core.errors import AppError
from app.core.lock import FolderLock, held_here
from app.core.migrate import current_revision, upgrade
from app.core.migrations import HEAD_REVISION
from app.core.paths import DataDir
from app.core.recovery import clean_leftovers
from app.core.restore import finish_pending_restore, quick_check

MODE_VILLAGE = "desa"
MODE_P4MI = "p4mi"

# Hub scope (issue 16, relay upward): a P4MI hub serves a regency ("18.07"), a province ("18",
# a BP3MI office) or the whole country (NATIONAL_CODE). Its office code says which.
NATIONAL_CODE = "ID"
HUB_REGENCY = "kabupaten"
HUB_PROVINCE = "provinsi"
HUB_NATIONAL = "nasional"


def hub_level(code: str) -> str | None:
    """``"kabupaten"``, ``"provinsi"`` or ``"nasional"`` for a hub's office code; None if the
    code is no hub code (a village, a district, malformed)."""
    if code == NATIONAL_CODE:
        return HUB_NATIONAL
    dotted = _normalize(code)
    if dotted is None:
        return None
    return {0: HUB_PROVINCE, 1: HUB_REGENCY}.get(dotted.count("."))


def hub_covers(hub_code: str, region_code: str) -> bool:
    """Whether a region (a village, a regency, a province) lies under a hub's office code:
    every region under the national hub, the regions of its province under a province hub,
    of its regency under a regency hub. The region itself counts (a regency hub covers its
    own regency code)."""
    if hub_code == NATIONAL_CODE:
        return _normalize(region_code) is not None
    return region_code == hub_code or region_code.startswith(hub_code + ".")


def hub_office_name(code: str) -> str:
    """The name a hub's office gets at its set-up (``init --p4mi`` and the first-start
    wizard): the regency's or province's name, "Indonesia (nasional)" for the national hub."""
    from app.core.reference import region_name

    if code == NATIONAL_CODE:
        return "Indonesia (nasional)"
    return region_name(code) or code


def _normalize(code: str) -> str | None:
    from app.core.reference import normalize_region_code

    return normalize_region_code(code)


@dataclass(frozen=True)
class Office:
    """Who this data folder belongs to."""

    mode: str  # "desa" or "p4mi"
    code: str  # village code PP.KK.CC.DDDD; a hub: regency PP.KK, province PP or "ID"
    name: str
    operator: str

    @property
    def is_p4mi(self) -> bool:
        return self.mode == MODE_P4MI

    @property
    def hub_level(self) -> str | None:
        """For a hub: ``"kabupaten"``, ``"provinsi"`` or ``"nasional"``; None for a village."""
        return hub_level(self.code) if self.is_p4mi else None


@dataclass
class Workspace:
    data_dir: DataDir
    db: Database
    lock: FolderLock | None = None

    def office(self) -> Office | None:
        with self.db.session() as s:
            values = get_settings(s, "office_code", "mode", "office_name", "operator_name")
        if not values["office_code"]:
            return None
        return Office(mode=values["mode"] or MODE_VILLAGE, code=values["office_code"],
                      name=values["office_name"], operator=values["operator_name"])

    def close(self) -> None:
        self.db.close()
        if self.lock is not None:
            self.lock.release()


def _check_writable(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".tulis-uji"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise AppError("data_dir.not_writable", path=str(folder), detail=exc.strerror) from exc


def open_workspace(data_dir: DataDir, *, exclusive: bool = False) -> Workspace:
    """Open (creating if needed) the database of ``data_dir``, migrated to the current schema.

    ``exclusive`` takes the folder lock first (the GUI and the writing commands do), so a
    second program on the same folder is refused with ``data_dir.in_use``.
    """
    _check_writable(data_dir.root)
    data_dir.ensure()
    lock = FolderLock(data_dir.root).acquire() if exclusive else None
    try:
        return _open(data_dir, lock)
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def _start_up_repairs(data_dir: DataDir, lock: FolderLock | None) -> FolderLock | None:
    """Finish an interrupted restore and clean the leftovers of interrupted work, only when
    no other program has the folder open (its backup in progress is not a leftover).

    Returns a lock taken just for the repairs (the caller releases it), or None.
    """
    temporary: FolderLock | None = None
    if lock is None and not held_here(data_dir.root):
        try:
            temporary = FolderLock(data_dir.root).acquire()
        except AppError:
            return None
    try:
        finish_pending_restore(data_dir)
        clean_leftovers(data_dir.root, data_dir.db_path.name, restore_pending=False)
    except BaseException:
        if temporary is not None:
            temporary.release()
        raise
    return temporary


def _open_server(data_dir: DataDir, lock: FolderLock | None, cfg: Any) -> Workspace:
    """A hub whose database is on a PostgreSQL server (see :mod:`app.core.server`): migrated by
    the same Alembic revisions, checked to belong to this folder's office."""
    from sqlalchemy.exc import DBAPIError

    from app.core.migrate import upgrade_server
    from app.core.server import check_identity, connection_error, pg_dump_backup

    db = Database(data_dir.db_path, server=cfg)
    try:
        try:
            upgrade_server(db.engine, backup=lambda reason: _server_backup(
                pg_dump_backup, cfg, data_dir, reason))
            with db.sessions.begin() as s:
                found = {k: get_setting(s, k) for k in ("mode", "office_code")}
                expected = _folder_office(data_dir)
                check_identity(cfg, {k: v for k, v in found.items() if v}, mode=None,
                               office_code=expected or None)
                ensure_installation(s)
        except DBAPIError as exc:
            raise connection_error(exc, cfg) from exc
    except BaseException:
        db.engine.dispose()
        raise
    return Workspace(data_dir, db, lock)


def _server_backup(dump: object, cfg: object, data_dir: DataDir, reason: str) -> None:
    """Before a schema upgrade: a pg_dump when the tools are installed (the upgrade itself is
    one transaction, so a missing tool does not stop it)."""
    try:
        dump(cfg, data_dir.backups, reason=reason)  # type: ignore[operator]
    except AppError as exc:
        if exc.code != "server.pg_dump_missing":
            raise


def _folder_office(data_dir: DataDir) -> str:
    """The office this folder was set up for (``server.json``'s ``office``), if recorded."""
    import json

    from app.core.server import CONFIG_FILE

    try:
        data = json.loads((data_dir.root / CONFIG_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    return str(data.get("office", "")) if isinstance(data, dict) else ""


def _open(data_dir: DataDir, lock: FolderLock | None) -> Workspace:
    from app.core.server import read_config

    server = read_config(data_dir.root)
    if server is not None:
        return _open_server(data_dir, lock, server)
    owns = lock is not None or held_here(data_dir.root)
    temporary = _start_up_repairs(data_dir, lock)
    try:
        if data_dir.db_path.exists() and not quick_check(data_dir.db_path):
            raise AppError("database.damaged", path=str(data_dir.db_path))
        revision = current_revision(data_dir.db_path)
        if revision is not None and revision > HEAD_REVISION:
            raise AppError("database.newer", revision=revision)
        upgrade(data_dir.db_path, data_dir.backups)
        db = Database(data_dir.db_path)
        with db.sessions.begin() as s:
            ensure_installation(s)
            unfinished_demo = bool(get_setting(s, "demo_pending"))
        if unfinished_demo and (owns or temporary is not None):
            from app.core.demo import report_unfinished_demo

            report_unfinished_demo(db)
    finally:
        if temporary is not None:
            temporary.release()
    return Workspace(data_dir, db, lock)


def initialise_office(
    ws: Workspace, *, mode: str, code: str, name: str, operator: str = ""
) -> Office:
    """Record which village or regency this folder serves. Refuses a folder already set up."""
    existing = ws.office()
    if existing is not None:
        raise AppError(
            "office.already_initialised",
            path=str(ws.data_dir.root),
            mode=existing.mode,
            code=existing.code,
        )
    with ws.db.sessions.begin() as s:
        set_setting(s, "mode", mode)
        set_setting(s, "office_code", code)
        set_setting(s, "office_name", name)
        set_setting(s, "operator_name", operator)
    office = ws.office()
    assert office is not None
    return office
