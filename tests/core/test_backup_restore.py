"""Backups: verified, rotated; restore: undoable, refuses foreign backups, keeps damage."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.core.backup import (
    RotationPolicy,
    backup_database,
    daily_backup_if_due,
    integrity_ok,
    list_backups,
    rotate,
)
from app.core.errors import AppError
from app.core.restore import counter_of, quick_check, restore_database
from app.core.services import residents
from app.core.workspace import open_workspace


def _add(ws, name: str) -> None:
    with ws.db.unit_of_work("op") as s:
        residents.register_resident(s, residents.ResidentInput(name=name, sex="L"))


def _names(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute("SELECT name FROM resident WHERE deleted = 0"))
    finally:
        con.close()


def _fake_backup(folder: Path, when: datetime, size: int = 10) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"buku_migran_{when:%Y%m%d-%H%M%S}-000000_harian.db"
    path.write_bytes(b"x" * size)
    return path


def test_rotation_keeps_days_weeks_months(tmp_path: Path) -> None:
    now = datetime(2026, 11, 23, 12, 0)
    folder = tmp_path / "b"
    for day in range(400):  # one backup a day for 400 days
        _fake_backup(folder, now - timedelta(days=day, hours=1))
    rotate(folder, RotationPolicy(days=7, weeks=5, months=12), now=now)
    kept = [b.taken for b in list_backups(folder)]
    recent = [t for t in kept if now - t <= timedelta(days=7)]
    assert len(recent) == 7
    assert len(kept) <= 7 + 5 + 12 + 1
    assert min(kept) >= now - timedelta(days=31 * 12)
    assert max(kept) == now - timedelta(hours=1)  # newest always kept


def test_rotation_respects_size_budget_but_keeps_newest(tmp_path: Path) -> None:
    now = datetime(2026, 11, 23, 12, 0)
    folder = tmp_path / "b"
    for hour in range(5):
        _fake_backup(folder, now - timedelta(hours=hour + 1), size=1000)
    rotate(folder, RotationPolicy(always=1, budget=2500), now=now)
    assert len(list_backups(folder)) == 2


def test_daily_backup_once_a_day(village) -> None:
    d = village.data_dir
    _add(village, "A")
    first = daily_backup_if_due(d.db_path, d.backups)
    assert first is not None and integrity_ok(first)
    assert daily_backup_if_due(d.db_path, d.backups) is None
    later = datetime.now() + timedelta(hours=25)
    assert daily_backup_if_due(d.db_path, d.backups, now=later) is not None


def test_restore_is_undoable_and_counter_continues(village) -> None:
    d = village.data_dir
    _add(village, "Sebelum")
    snap = backup_database(d.db_path, d.backups, reason="uji")
    _add(village, "Sesudah")
    _add(village, "Sesudah lagi")
    before = counter_of(d.db_path)
    village.close()
    result = restore_database(d, snap)
    assert _names(d.db_path) == ["Sebelum"]
    assert counter_of(d.db_path) == before + 1  # continues above what was used
    assert result.undo is not None
    restore_database(d, result.undo)
    assert _names(d.db_path) == ["Sebelum", "Sesudah", "Sesudah lagi"]
    assert counter_of(d.db_path) == before + 2
    ws = open_workspace(d)  # the restored folder opens and writes on
    _add(ws, "Baru")
    ws.close()
    assert counter_of(d.db_path) == before + 3


def test_restore_refuses_backup_of_another_village(village, tmp_path: Path) -> None:
    from app.core.paths import DataDir
    from app.core.workspace import MODE_VILLAGE, initialise_office

    other = open_workspace(DataDir(tmp_path / "lain"))
    initialise_office(other, mode=MODE_VILLAGE, code="18.07.01.2002", name="Lain")
    _add(other, "Orang lain")
    foreign = backup_database(other.data_dir.db_path, tmp_path / "bk", reason="lain")
    other.close()
    _add(village, "Milik kita")
    village.close()
    with pytest.raises(AppError) as err:
        restore_database(village.data_dir, foreign)
    assert err.value.code == "restore.other_office"
    assert _names(village.data_dir.db_path) == ["Milik kita"]


def test_damaged_database_is_kept_not_overwritten(village) -> None:
    d = village.data_dir
    _add(village, "Selamat")
    good = backup_database(d.db_path, d.backups, reason="uji")
    village.close()
    raw = bytearray(d.db_path.read_bytes())
    raw[100:4096] = b"\x00" * (4096 - 100)  # wreck the schema page
    d.db_path.write_bytes(bytes(raw))
    for side in ("-wal", "-shm"):
        Path(str(d.db_path) + side).unlink(missing_ok=True)
    assert not quick_check(d.db_path)
    with pytest.raises(AppError) as err:
        open_workspace(d)
    assert err.value.code == "database.damaged"
    result = restore_database(d)  # newest good backup by default
    assert result.source == good and result.damaged_copy is not None
    assert result.damaged_copy.read_bytes() == bytes(raw)
    assert _names(d.db_path) == ["Selamat"]


def test_cli_backup_and_restore(tmp_path: Path) -> None:
    from tests.core.test_cli import run_app

    folder = tmp_path / "desa"
    assert run_app("init", "--data-dir", str(folder), "--village", "18.07.01.2001").returncode == 0
    assert run_app("demo", "--data-dir", str(folder), "--residents", "20").returncode == 0
    usb = tmp_path / "usb"
    res = run_app("backup", "--data-dir", str(folder), "--to", str(usb))
    assert res.returncode == 0, res.stderr
    copy = next(usb.glob("*.db"))
    assert integrity_ok(copy)
    assert run_app("demo", "--data-dir", str(folder), "--residents", "5").returncode == 0
    res = run_app("restore", "--data-dir", str(folder), str(copy))
    assert res.returncode == 0, res.stderr
    assert "Untuk membatalkan" in res.stdout
    assert len(_names(folder / "buku_migran.db")) == 20
    res = run_app("restore", "--data-dir", str(folder), str(tmp_path / "nothing.db"))
    assert res.returncode == 2 and "tidak ditemukan" in res.stderr  # missing, not "rusak"


def test_backup_is_one_file_even_in_awkward_folders(tmp_path: Path) -> None:
    from app.core.paths import DataDir
    from app.core.workspace import MODE_VILLAGE, initialise_office

    ws = open_workspace(DataDir(tmp_path / "Data Desa #1 (50%)"))
    initialise_office(ws, mode=MODE_VILLAGE, code="18.07.01.2001", name="Sukadana")
    _add(ws, "Satu")
    made = backup_database(ws.data_dir.db_path, ws.data_dir.backups, reason="uji")
    ws.close()
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]  # no -wal/-shm
    assert integrity_ok(made) and _names(made) == ["Satu"]
    result = restore_database(ws.data_dir, made)
    assert result.source == made and _names(ws.data_dir.db_path) == ["Satu"]
