"""Backup + rotate + audit and restore + audit are one use case each
(:mod:`app.core.services.backups`), called by the command line, the Data menu and start-up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.access import Role
from app.core.backup import list_backups
from app.core.errors import AppError
from app.core.models import AuditEntry, Resident
from app.core.services import backups, residents
from app.core.services.operators import SignedIn

ROOT = Path(__file__).resolve().parents[2]
OPERATOR = SignedIn(5, "Wati", str(Role.OPERATOR_DESA))  # may not restore
GUEST = SignedIn(9, "Tamu", "tamu")  # a role that is not known: may do nothing
HEAD = SignedIn(1, "Pak Kades", str(Role.KEPALA_DESA))


def _audit(ws) -> list[tuple[str, str, dict]]:
    import json

    with ws.db.session() as s:
        return [(a.action, a.operator, json.loads(a.changes or "{}"))
                for a in s.scalars(select(AuditEntry).where(
                    AuditEntry.action.in_(("backup", "restore", "restore_undo")))
                    .order_by(AuditEntry.id))]


def test_backup_rotates_and_audits(village, monkeypatch: pytest.MonkeyPatch) -> None:
    rotated: list[Path] = []
    real_rotate = backups._backup.rotate
    monkeypatch.setattr(backups._backup, "rotate",
                        lambda folder, **k: rotated.append(folder) or real_rotate(folder, **k))
    data_dir = village.data_dir
    made = backups.make_backup(data_dir, db=village.db, operator="Pak Kades", by=HEAD)
    assert made.parent == data_dir.backups and rotated == [data_dir.backups]
    assert _audit(village) == [("backup", "Pak Kades", {"path": str(made)})]


def test_backup_to_a_stick_needs_the_export_right(village, tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    with pytest.raises(AppError) as err:
        backups.make_backup(village.data_dir, db=village.db, operator="Tamu", to=stick,
                            by=GUEST)
    assert err.value.code == "auth.not_allowed"
    assert list(stick.iterdir()) == [] and _audit(village) == []
    made = backups.make_backup(village.data_dir, db=village.db, operator="Wati", to=stick)
    assert made.parent == stick and list_backups(village.data_dir.backups) == []


def test_restore_as_operator_without_the_right_is_refused(village) -> None:
    data_dir = village.data_dir
    source = backups.make_backup(data_dir, db=village.db, operator="x")
    with village.db.unit_of_work("x") as s:
        rid = residents.register_resident(s, residents.ResidentInput(name="Baru", sex="L")).id
    with pytest.raises(AppError) as err:
        backups.restore_backup(data_dir, source, db=village.db, operator="Wati", by=OPERATOR)
    assert err.value.code == "auth.not_allowed"
    with village.db.session() as s:
        assert not s.get(Resident, rid).deleted  # nothing was restored
    result = backups.restore_backup(data_dir, source, db=village.db, operator="Pak Kades",
                                    by=HEAD, undo=True)
    with village.db.session() as s:  # back to the backup: the newer person is a tombstone
        assert s.get(Resident, rid).deleted
    assert _audit(village)[-1] == ("restore_undo", "Pak Kades", {
        "source": str(source), "path": str(result.undo)})


def test_cli_backup_and_restore_go_through_the_use_cases(village, monkeypatch) -> None:
    from app.cli import run_command

    calls: list[str] = []
    real_make, real_restore = backups.make_backup, backups.restore_backup
    monkeypatch.setattr(backups, "make_backup",
                        lambda *a, **k: calls.append("backup") or real_make(*a, **k))
    monkeypatch.setattr(backups, "restore_backup",
                        lambda *a, **k: calls.append("restore") or real_restore(*a, **k))
    folder = str(village.data_dir.root)
    village.close()
    assert run_command(["backup", "--data-dir", folder]) == 0
    assert run_command(["restore", "--data-dir", folder]) == 0
    assert calls == ["backup", "restore"]


def test_no_front_end_copies_the_backup_or_restore_steps() -> None:
    """Only the core calls the low-level steps; the CLI and the GUI call the use cases."""
    low_level = re.compile(r"\b(backup_database|restore_database|daily_backup_if_due|rotate)\(")
    offenders = [str(p.relative_to(ROOT)) for p in [ROOT / "app/cli.py",
                                                   *(ROOT / "app/ui").rglob("*.py")]
                 if low_level.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
