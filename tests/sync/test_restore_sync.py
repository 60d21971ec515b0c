"""After a village restores an old backup, its next bundle brings P4MI exactly to it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.core.backup import backup_database
from app.core.models import Resident
from app.core.paths import DataDir
from app.core.restore import restore_database
from app.core.services import residents
from app.core.workspace import open_workspace
from sync.container import read_bundle
from sync.importer import STATUS_IMPORTED
from tests.sync.conftest import digest, export, import_


def _first_resident(ws) -> str:
    with ws.db.session() as s:
        return s.scalars(select(Resident.id).order_by(Resident.id)).first()


def test_restore_then_edit_then_export_hub_matches(village, hub, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    first = export(village, usb, full=True)
    import_(hub, first)
    backup_database(village.data_dir.db_path, village.data_dir.backups, reason="uji")
    # after the backup: a new person and an edit, sent to P4MI
    with village.db.unit_of_work("op") as s:
        residents.register_resident(s, residents.ResidentInput(name="Orang Baru", sex="P"))
        person = s.get(Resident, _first_resident(village))
        person.phone = "+628111"
    second = export(village, usb)
    import_(hub, second)
    assert digest(village) == digest(hub)
    # the village restores the old backup, then edits one record
    folder = village.data_dir
    village.close()
    restore_database(folder)
    ws = open_workspace(DataDir(folder.root))
    try:
        with ws.db.unit_of_work("op") as s:
            s.get(Resident, _first_resident(ws)).notes = "diperiksa ulang"
        third = export(ws, usb)
        assert read_bundle(third).manifest.sequence == 3  # never reuses sequence 2
        report = import_(hub, third)
        assert report.status == STATUS_IMPORTED
        assert digest(ws) == digest(hub)
        with hub.db.session() as s:
            gone = s.scalars(select(Resident).where(Resident.name == "Orang Baru")).one()
            assert gone.deleted
    finally:
        ws.close()


def test_failed_export_does_not_use_up_a_sequence_number(village, hub, tmp_path: Path) -> None:
    import pytest

    from app.core.errors import AppError

    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")  # a file where the stick's folder should be: writing fails
    with pytest.raises(AppError) as err:
        export(village, blocker / "usb")
    assert err.value.code == "sync.export.write_failed"
    path = export(village, tmp_path / "usb", full=True)
    assert read_bundle(path).manifest.sequence == 1
    report = import_(hub, path)
    assert report.status == STATUS_IMPORTED and report.missing_sequences == []
