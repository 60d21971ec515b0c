"""Awkward folder names and read-only media (issue 17, items 6 and 7).

A folder whose name contains ``%xx``, ``?``, ``#``, spaces, quotes or non-ASCII letters must
open ITS database file (never one at a URL-decoded path), and a read-only folder or a
write-protected stick during ``backup``, ``backup --to``, ``restore`` and the daily backup gives
a clear Indonesian message with nothing changed.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.core import migrate
from app.core.backup import backup_database, daily_backup_if_due
from app.core.errors import AppError
from app.core.messages import message
from app.core.paths import DataDir
from app.core.restore import restore_database
from app.core.services import residents
from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace

NAMES = ["Desa%20A", "Data%3Flama", "Data?lama", "Desa #3", "Desa 'Maju' \"Jaya\"",
         "Désa Ñusantara 100%", "a?b#c%41 d"]


def _names(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {r[0] for r in con.execute("SELECT name FROM resident WHERE deleted = 0")}
    finally:
        con.close()


@pytest.mark.parametrize("name", NAMES)
def test_folder_with_awkward_name_opens_its_own_database(tmp_path: Path, name: str) -> None:
    parent = tmp_path / "induk"
    parent.mkdir()
    data = DataDir(parent / name)
    ws = open_workspace(data)
    try:
        initialise_office(ws, mode=MODE_VILLAGE, code="18.07.01.2001", name="Sukadana")
        with ws.db.unit_of_work("uji") as s:
            residents.register_resident(s, residents.ResidentInput(name="Pertama", sex="L"))
        first = backup_database(data.db_path, data.backups, reason="uji")
        with ws.db.unit_of_work("uji") as s:
            residents.register_resident(s, residents.ResidentInput(name="Kedua", sex="P"))
    finally:
        ws.close()
    # nothing was created anywhere but in the folder itself
    assert sorted(p.name for p in parent.iterdir()) == [name]
    assert _names(data.db_path) == {"Pertama", "Kedua"}
    restore_database(data, first)
    assert sorted(p.name for p in parent.iterdir()) == [name]
    assert _names(data.db_path) == {"Pertama"}
    ws = open_workspace(data)
    try:
        office = ws.office()
    finally:
        ws.close()
    assert office is not None and office.code == "18.07.01.2001"


@pytest.mark.parametrize("name", ["Desa%20A", "Data?lama #2"])
def test_upgrade_in_awkward_folder_migrates_its_own_file(tmp_path: Path, name: str) -> None:
    parent = tmp_path / "induk"
    data = DataDir(parent / name).ensure()
    migrate.upgrade(data.db_path, data.backups, target="0001")
    assert sorted(p.name for p in parent.iterdir()) == [name]
    assert migrate.current_revision(data.db_path) == "0001"
    open_workspace(data).close()
    assert migrate.current_revision(data.db_path) == migrate.HEAD_REVISION
    assert sorted(p.name for p in parent.iterdir()) == [name]


# -- read-only media -------------------------------------------------------------------------

@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` read-only for everyone, root included (a read-only bind mount, as a
    write-protected stick behaves; permissions alone when not root)."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
        for p in modes:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    done = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot make a read-only mount here")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder), str(folder)], check=True)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def _snapshot(folder: Path) -> dict[str, object]:
    """Every file of the folder (SQLite's own -wal/-shm, logs and the lock aside), the
    database by its content."""
    out: dict[str, object] = {}
    for p in sorted(folder.rglob("*")):
        rel = str(p.relative_to(folder))
        if not p.is_file() or p.name == ".kunci-buka" or rel.startswith("log"):
            continue
        if p.name.endswith(("-wal", "-shm")):
            continue
        out[rel] = _names(p) if p.name == "buku_migran.db" else p.read_bytes()
    return out


@pytest.fixture
def filled(village) -> DataDir:
    with village.db.unit_of_work("uji") as s:
        residents.register_resident(s, residents.ResidentInput(name="Ada", sex="L"))
    data = village.data_dir
    village.close()
    return data


def _run_cli(argv: list[str], capsys) -> tuple[int, str]:
    from app.cli import run_command

    code = run_command(argv)
    return code, capsys.readouterr().err


def test_backup_to_write_protected_stick(tmp_path: Path, filled: DataDir, capsys) -> None:
    stick = tmp_path / "flashdisk"
    stick.mkdir()
    (stick / "foto.jpg").write_bytes(b"foto")
    before = _snapshot(filled.root)
    with read_only(stick):
        code, err = _run_cli(["backup", "--data-dir", str(filled.root), "--to", str(stick)],
                             capsys)
    assert code == 2
    assert "hanya bisa dibaca" in err and "Tidak ada yang diubah" in err
    assert "Traceback" not in err and "tidak terduga" not in err
    assert sorted(p.name for p in stick.iterdir()) == ["foto.jpg"]
    assert _snapshot(filled.root) == before


def test_backup_into_read_only_backup_folder(filled: DataDir, capsys) -> None:
    before = _snapshot(filled.root)
    with read_only(filled.backups):
        code, err = _run_cli(["backup", "--data-dir", str(filled.root)], capsys)
    assert code == 2
    assert "hanya bisa dibaca" in err, err
    assert _snapshot(filled.root) == before


def test_backup_when_the_whole_data_folder_is_read_only(filled: DataDir, capsys) -> None:
    before = _snapshot(filled.root)
    with read_only(filled.root):
        code, err = _run_cli(["backup", "--data-dir", str(filled.root)], capsys)
    assert code == 2
    assert "tidak bisa ditulisi" in err or "hanya bisa dibaca" in err, err
    assert "tidak terduga" not in err
    assert _snapshot(filled.root) == before


def test_restore_on_read_only_folder(filled: DataDir, capsys) -> None:
    source = backup_database(filled.db_path, filled.backups, reason="uji")
    before = _snapshot(filled.root)
    with read_only(filled.root):
        code, err = _run_cli(["restore", "--data-dir", str(filled.root), str(source)], capsys)
    assert code == 2
    assert "tidak bisa ditulisi" in err or "hanya bisa dibaca" in err, err
    assert "tidak terduga" not in err
    assert _snapshot(filled.root) == before


def test_restore_with_read_only_backup_folder(filled: DataDir) -> None:
    source = backup_database(filled.db_path, filled.backups, reason="uji")
    before = _snapshot(filled.root)
    with read_only(filled.backups), pytest.raises(AppError) as err:
        restore_database(filled, source)
    assert err.value.code == "backup.read_only"
    assert "hanya bisa dibaca" in message(err.value.code, "id", **err.value.params)
    assert _snapshot(filled.root) == before


def test_daily_backup_on_read_only_backup_folder(filled: DataDir) -> None:
    before = _snapshot(filled.root)
    with read_only(filled.backups), pytest.raises(AppError) as err:
        daily_backup_if_due(filled.db_path, filled.backups,
                            now=datetime.now() + timedelta(days=2))
    assert err.value.code == "backup.read_only"
    assert _snapshot(filled.root) == before


def test_backup_to_a_full_stick(tmp_path: Path, filled: DataDir, capsys) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs a small tmpfs mount (root)")
    stick = tmp_path / "penuh"
    stick.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(stick)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        assert filled.db_path.stat().st_size > 64 * 1024
        before = _snapshot(filled.root)
        code, err = _run_cli(["backup", "--data-dir", str(filled.root), "--to", str(stick)],
                             capsys)
        assert code == 2
        assert "penuh" in err and "Tidak ada yang diubah" in err, err
        assert list(stick.iterdir()) == []  # the half copy was removed
        assert _snapshot(filled.root) == before
    finally:
        subprocess.run(["umount", str(stick)], check=True)


def test_restore_failing_on_a_full_disk_changes_nothing_and_does_not_block_start(
        filled: DataDir, monkeypatch) -> None:
    import app.core.restore as restore_module

    source = backup_database(filled.db_path, filled.backups, reason="uji")
    ws = open_workspace(filled)
    with ws.db.unit_of_work("uji") as s:
        residents.register_resident(s, residents.ResidentInput(name="Sesudah", sex="P"))
    ws.close()

    def full(*_args: object, **_kwargs: object) -> None:
        (filled.root / "buku_migran.db.pulihkan").write_bytes(b"half")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(restore_module, "_build_copy", full)
    with pytest.raises(AppError) as err:
        restore_database(filled, source)
    assert err.value.code == "backup.disk_full"
    assert not restore_module.plan_path(filled).exists()
    assert not (filled.root / "buku_migran.db.pulihkan").exists()
    monkeypatch.undo()
    open_workspace(filled).close()  # the next start is not stuck on the failed restore
    assert _names(filled.db_path) == {"Ada", "Sesudah"}
