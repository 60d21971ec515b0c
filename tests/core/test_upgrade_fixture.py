"""A database made by the first released schema opens in this program and keeps every record.

The fixture (tests/data/schema_v1/buku_migran.db, made by tools/make_schema_fixture.py) is
committed and never regenerated for a newer schema: a new revision must migrate it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import func, select

from app.core.migrate import current_revision
from app.core.migrations import HEAD_REVISION
from app.core.models import (
    Activity,
    ActivityParticipant,
    AuditEntry,
    Case,
    CaseFollowUp,
    ContactLog,
    Episode,
    FamilyLink,
    Operator,
    Resident,
)
from app.core.paths import DataDir
from app.core.services import operators, residents
from app.core.workspace import open_workspace

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "schema_v1" / "buku_migran.db"


def test_first_released_database_opens_and_keeps_every_record(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "desa").ensure()
    shutil.copyfile(FIXTURE, data.db_path)
    assert current_revision(data.db_path) == "0003"
    ws = open_workspace(data)
    try:
        assert current_revision(data.db_path) == HEAD_REVISION
        if HEAD_REVISION != "0003":  # an upgrade ran: it must have made a backup first
            assert any(data.backups.glob("*sebelum-migrasi-0003*.db"))
        office = ws.office()
        assert office is not None and office.code == "18.07.01.2001"
        with ws.db.session() as s:
            counts = {m.__tablename__: s.scalar(select(func.count()).select_from(m))
                      for m in (Resident, Episode, ContactLog, Case, CaseFollowUp, FamilyLink,
                                Activity, ActivityParticipant, Operator)}
            assert counts == {"resident": 2, "episode": 1, "contact_log": 1, "case_file": 1,
                              "case_follow_up": 1, "family_link": 1, "activity": 1,
                              "activity_participant": 1, "operator": 1}
            siti = s.scalars(select(Resident).where(Resident.name == "Siti Fixture")).one()
            assert siti.nik == "1807015204950012" and siti.phone == "+6281200000001"
            assert siti.migrant_status == "pmi"
            assert s.scalar(select(func.count()).select_from(AuditEntry)) > 10
        assert operators.sign_in(ws.db, "Kades Fixture", "2468").role == "kepala_desa"
        with ws.db.unit_of_work("op") as s:  # and it keeps working
            residents.register_resident(s, residents.ResidentInput(name="Baru", sex="L"))
    finally:
        ws.close()
