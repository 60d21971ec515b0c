"""Every file written under its final name goes through the one atomic writer.

A spy wraps :func:`app.core.atomic.commit` (the rename step every caller uses): at the moment
of the rename the temporary file must already be complete (a database passes
``integrity_check``; any other file is byte for byte what finally stands under its name),
and the final name must still hold the old content (or nothing). A caller that wrote straight
into the final name, or renamed a half file, fails its case here.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest

from app.core import atomic
from app.core.backup import integrity_ok


class Spy:
    def __init__(self) -> None:
        self.commits: list[dict[str, Any]] = []

    def __call__(self, tmp: Path, dest: Path, *, synced: bool = False) -> Path:
        tmp, dest = Path(tmp), Path(dest)
        assert tmp.is_file() and tmp != dest and tmp.parent == dest.parent
        entry = {"dest": dest, "old": dest.read_bytes() if dest.exists() else None,
                 "new": tmp.read_bytes()}
        if dest.name.endswith(".db"):  # checked on a copy: reading may add a -shm file
            assert not Path(str(tmp) + "-wal").exists(), f"rows left in a -wal of {tmp}"
            copy = Path(tempfile.mkdtemp()) / "check.db"
            copy.write_bytes(entry["new"])
            assert integrity_ok(copy), f"half database renamed onto {dest}"
        self.commits.append(entry)
        return REAL_COMMIT(tmp, dest, synced=synced)

    def committed(self, dest: Path, *, text: bool = True) -> dict[str, Any]:
        mine = [c for c in self.commits if c["dest"] == Path(dest)]
        assert mine, f"{dest} was not written through app.core.atomic"
        last = mine[-1]
        if text:  # nothing touched the file after the rename: what stands is what was ready
            assert Path(dest).read_bytes() == last["new"]
        return last


REAL_COMMIT = atomic.commit


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Spy:
    s = Spy()
    monkeypatch.setattr(atomic, "commit", s)
    return s


def test_table_writer(spy: Spy, tmp_path: Path) -> None:
    from app.core.tables import TEXT, Column, Sheet, write_table

    dest = tmp_path / "log.csv"
    dest.write_text("lama", encoding="utf-8")
    write_table(dest, Sheet("Log", [Column("Nama", TEXT, 20)], rows=[("Siti",)]))
    assert spy.committed(dest)["old"] == b"lama"


def test_backup(spy: Spy, village, tmp_path: Path) -> None:
    from app.core.backup import backup_database

    made = backup_database(village.data_dir.db_path, tmp_path / "usb", reason="manual")
    assert spy.committed(made)["old"] is None


def test_restore_plan_database_and_floors(spy: Spy, village) -> None:
    from app.core.highwater import FILENAME
    from app.core.restore import plan_path
    from app.core.services.backups import make_backup, restore_backup

    data_dir = village.data_dir
    source = make_backup(data_dir, db=village.db, operator="x")
    restore_backup(data_dir, source, db=village.db, operator="x")
    plans = [c for c in spy.commits if c["dest"] == plan_path(data_dir)]
    assert plans and all(json.loads(c["new"]) for c in plans)
    spy.committed(data_dir.db_path, text=False)  # checked complete at the rename
    floors = spy.committed(data_dir.keys / FILENAME)
    assert "counter" in json.loads(floors["new"])


def test_high_water_marks(spy: Spy, tmp_path: Path) -> None:
    from app.core.highwater import FILENAME, raise_floors

    raise_floors(tmp_path, counter=5)
    raise_floors(tmp_path, counter=9)
    last = spy.committed(tmp_path / FILENAME)
    assert json.loads(last["old"]) == {"counter": 5} and json.loads(last["new"]) == {"counter": 9}


def test_migration_repair_copy(spy: Spy, village, tmp_path: Path) -> None:
    from app.core.backup import backup_database
    from app.core.migrate import _copy_into

    source = backup_database(village.data_dir.db_path, tmp_path / "b", reason="x")
    target = tmp_path / "c" / "buku_migran.db"
    target.parent.mkdir()
    target.write_bytes(source.read_bytes())
    _copy_into(source, target)
    spy.committed(target, text=False)


def test_practice_note(spy: Spy, village) -> None:
    from app.core.practice import NOTE, NOTE_NAME, mark_practice

    mark_practice(village)
    note = village.data_dir.root / NOTE_NAME
    assert spy.committed(note)["new"].decode("utf-8") == NOTE


def test_folder_set_up_by_the_wizard(spy: Spy, village, tmp_path: Path) -> None:
    from app.core.paths import DataDir
    from app.ui.main import _move_set_up_folder

    dest = DataDir(tmp_path / "baru")
    dest.root.mkdir()
    village.db.close()
    _move_set_up_folder(village.data_dir, dest)
    spy.committed(dest.db_path, text=False)


def test_bundle_files(spy: Spy, tmp_path: Path) -> None:
    from sync.container import write_file_atomic

    dest = tmp_path / "usb" / "paket.bmdp"
    write_file_atomic(dest, b"PK" + b"x" * 5000, error_code="sync.export.write_failed")
    assert spy.committed(dest)["new"].startswith(b"PK")


def test_key_files(spy: Spy, tmp_path: Path) -> None:
    from app.core.paths import DataDir
    from sync import keys

    data_dir = DataDir(tmp_path / "desa")
    pair = keys.KeyPair.generate()
    keys.save_keypair(data_dir, pair, office_code="18.07.01.2001", role="desa")
    private = json.loads(spy.committed(data_dir.keys / keys.PRIVATE_NAME)["new"])
    assert private["seed"] == pair.seed.hex()
    spy.committed(data_dir.keys / keys.PUBLIC_NAME)
    hub = keys.KeyPair.generate()
    keys.set_p4mi_key(data_dir, keys.PublicKeyInfo(hub.public, "18.07", "p4mi"))
    spy.committed(data_dir.keys / keys.P4MI_NAME)
    assert keys.load_p4mi_key(data_dir).key == hub.public


def test_key_backup_from_the_command_line(spy: Spy, village, tmp_path: Path) -> None:
    from sync import keys
    from sync.cli import main

    keys.load_or_create_keypair(village.data_dir, office_code="18.07.01.2001", role="desa")
    secret = tmp_path / "sandi.txt"
    secret.write_text("kata sandi yang panjang sekali", encoding="utf-8")
    out = tmp_path / "kunci-cadangan.txt"
    village.close()
    assert main(["keys", "backup", "--data-dir", str(village.data_dir.root), "--out", str(out),
                 "--passphrase-file", str(secret)]) == 0
    spy.committed(out)


def test_receipt(spy: Spy, tmp_path: Path) -> None:
    from sync.receipt import make_receipt
    from tests.sync.conftest import VILLAGE, export, import_, make_hub, make_village

    village = make_village(tmp_path / "desa", residents=3, seed=2)
    hub = make_hub(tmp_path / "p4mi")
    try:
        import_(hub, export(village, tmp_path / "usb"))
        receipt = make_receipt(hub, VILLAGE, tmp_path / "tanda")
        assert json.loads(spy.committed(receipt.path)["new"])["signature"]
    finally:
        village.close()
        hub.close()
