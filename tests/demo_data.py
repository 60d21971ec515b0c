"""A village filled with demo data plus awkward rows, shared by dashboard and report tests.

The awkward rows check that every figure skips what it must: a resident deleted without
purge (their episodes stay live but must not count), a deleted abroad episode, a deleted
contact-log entry that would otherwise be the latest news, a deleted open case.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

TODAY = date(2026, 6, 15)
VILLAGE_CODE = "18.07.01.2001"


def make_demo_village(root: Path, residents: int = 2000, seed: int = 1, today: date = TODAY):
    """An initialised village workspace with demo data (the caller closes it)."""
    from app.core.demo import add_demo_data
    from app.core.models import Case, ContactLog, Episode, Resident
    from app.core.paths import DataDir
    from app.core.services import residents as resident_svc
    from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace

    ws = open_workspace(DataDir(root))
    office = initialise_office(ws, mode=MODE_VILLAGE, code=VILLAGE_CODE, name="Sukadana",
                               operator="Operator Uji")
    add_demo_data(ws.db, office, residents, seed=seed, today=today)
    with ws.db.unit_of_work("uji") as s:
        # ordered by what the seed fixes (ids are random UUIDs), so every run is the same
        abroad = s.scalars(select(Episode).join(Resident, Resident.id == Episode.resident_id)
                           .where(Episode.state == "berangkat")
                           .order_by(Resident.name, Resident.birth_date,
                                     Episode.departed_on)).all()
        # 1. a resident deleted without purge: the episode stays live, the person does not
        resident_svc.delete_resident(s, abroad[0].resident_id, purge=False)
        # 2. a deleted abroad episode
        abroad[1].deleted = True
        # 3. a deleted contact entry that would be the newest news of someone abroad
        s.add(ContactLog(resident_id=abroad[2].resident_id, episode_id=abroad[2].id,
                         contacted_on=today - timedelta(days=1), news="salah input",
                         deleted=True))
        # 4. a deleted open case
        s.add(Case(resident_id=abroad[3].resident_id, case_type="sakit",
                   reported_on=today - timedelta(days=3), status="baru", deleted=True))
        # 5. an abroad episode with no country, no departure date and no contact
        abroad[4].destination_country = ""
        # 6. a resident who is alive elsewhere
        s.get(Resident, abroad[5].resident_id).life_status = "pindah"
    return ws
