"""What a backup promises, tested so that breaking the promise fails a test: a copy counts
only after ``integrity_check`` passed on it, and it carries its final name only when complete."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core import backup as backup_module
from app.core.backup import backup_database, list_backups
from app.core.errors import AppError
from app.core.services import residents


class _Interrupted(BaseException):
    """Stands for a power cut at that exact moment (not an Exception: nothing catches it)."""


def _with_one_resident(village) -> Path:
    with village.db.unit_of_work("op") as s:
        residents.register_resident(s, residents.ResidentInput(name="Sari", sex="P"))
    return village.data_dir.db_path


def test_a_copy_that_fails_integrity_check_is_never_a_backup(village, tmp_path, monkeypatch):
    db = _with_one_resident(village)
    checked: list[Path] = []

    def damaged(path: Path) -> bool:
        checked.append(path)
        return False

    monkeypatch.setattr(backup_module, "integrity_ok", damaged)
    folder = tmp_path / "cadangan"
    with pytest.raises(AppError) as info:
        backup_database(db, folder, reason="uji")
    assert info.value.code == "backup.not_verified"
    assert checked, "the copy was accepted without integrity_check"
    assert list_backups(folder) == []
    assert [p.name for p in folder.iterdir()] == []  # no partial file left either


def test_the_final_name_appears_only_after_the_copy_is_complete(village, tmp_path, monkeypatch):
    db = _with_one_resident(village)
    folder = tmp_path / "cadangan"
    seen_at_check: list[list[str]] = []

    def cut_power(path: Path) -> bool:
        # the copy is written and about to be checked: nothing may look like a backup yet
        seen_at_check.append([p.name for p in list_backups(folder)])
        raise _Interrupted

    monkeypatch.setattr(backup_module, "integrity_ok", cut_power)
    with pytest.raises(_Interrupted):
        backup_database(db, folder, reason="uji")
    assert seen_at_check == [[]]
    assert list_backups(folder) == []
