"""``--self-test``: check an installation headlessly and say what was checked.

Works from source and from the frozen program: it creates a database in a temporary folder,
migrates it, writes and reads back a record of each kind, loads the reference data, and checks
the message catalogue and (when present) the GUI's translations. Later capabilities (bundles,
the main window) add their checks through :data:`EXTRA_CHECKS`.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

Check = Callable[[Path], str]
"""A check gets a scratch folder and returns a short detail line; it raises on failure."""


def check_database(tmp: Path) -> str:
    from sqlalchemy import select

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
        Resident,
    )
    from app.core.paths import DataDir
    from app.core.services import cases, community, episodes, residents
    from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace

    data_dir = DataDir(tmp / "desa")
    ws = open_workspace(data_dir)
    try:
        if current_revision(data_dir.db_path) != HEAD_REVISION:
            raise RuntimeError("database not at the head revision")
        initialise_office(ws, mode=MODE_VILLAGE, code="18.07.01.2001", name="Uji", operator="uji")
        with ws.db.unit_of_work("uji") as s:
            r = residents.register_resident(
                s,
                residents.ResidentInput(name="Siti Uji", sex="P", nik="1807014101900001",
                                        birth_date=date(1990, 1, 1)),
                accept_warnings=True,
            )
            child = residents.register_resident(
                s, residents.ResidentInput(name="Anak Uji", sex="L"), accept_warnings=True)
            ep = episodes.register_cpmi(s, r.id, episodes.Registration(date(2024, 1, 2)),
                                        accept_warnings=True)
            episodes.add_contact(s, r.id, date(2024, 2, 1), "sehat")
            case = cases.open_case(s, r.id, cases.CaseInput("lainnya", date(2024, 2, 2)))
            cases.add_follow_up(s, case.id, date(2024, 2, 3), "ditindaklanjuti")
            community.link_family_member(s, r.id, "anak", member_id=child.id)
            act = community.create_activity(
                s, community.ActivityInput("sosialisasi", "Sosialisasi uji", date(2024, 3, 1)))
            community.add_participant(s, act.id, resident_id=r.id)
            rid, epid = r.id, ep.id
        with ws.db.session() as s:
            counts = {
                model.__tablename__: len(s.scalars(select(model)).all())
                for model in (Resident, Episode, ContactLog, Case, CaseFollowUp, FamilyLink,
                              Activity, ActivityParticipant, AuditEntry)
            }
            back = s.get(Resident, rid)
            if back is None or back.nik != "1807014101900001" or back.migrant_status != "calon_pmi":
                raise RuntimeError("resident did not read back")
            if s.get(Episode, epid) is None:
                raise RuntimeError("episode did not read back")
        missing = [name for name, n in counts.items() if n == 0]
        if missing:
            raise RuntimeError(f"no rows read back from {missing}")
    finally:
        ws.close()
    return f"schema {HEAD_REVISION}, " + ", ".join(f"{k}={v}" for k, v in counts.items())


def check_reference(_tmp: Path) -> str:
    from app.core import reference

    name = reference.region_name("18.07")
    if not name:
        raise RuntimeError("regency 18.07 missing from the reference data")
    hits = reference.search_villages("Sukadana", limit=5)
    countries = reference.ref_list("countries")
    if not hits or len(countries) < 20:
        raise RuntimeError("reference lists incomplete")
    return f"18.07 = {name}; {len(countries)} negara; desa 'Sukadana': {len(hits)} hasil"


def check_messages(_tmp: Path) -> str:
    from app.core.messages import catalogue

    cat = catalogue()
    empty = [code for code, (ind, eng) in cat.items() if not ind.strip() or not eng.strip()]
    if empty:
        raise RuntimeError(f"messages without both languages: {empty}")
    return f"{len(cat)} kode pesan, Indonesia dan Inggris"


CHECKS: list[tuple[str, Check]] = [
    ("Database dibuat, dimigrasi, dan setiap jenis data ditulis-dibaca ulang", check_database),
    ("Data referensi (wilayah Kemendagri, negara, daftar kode)", check_reference),
    ("Katalog pesan (Indonesia dan Inggris)", check_messages),
]
EXTRA_CHECKS: list[tuple[str, str]] = [
    # (label, "module:function") — loaded if the module exists in this build.
    ("Terjemahan antarmuka dan jendela utama (offscreen)", "app.ui.selftest:check_gui"),
    ("Paket P4MI: ekspor desa lalu impor ke hub", "sync.selftest:check_bundles"),
    ("Proses pembantu pembaca lembar besar", "sync.selftest:check_sheet_worker"),
]


def _load_extra() -> list[tuple[str, Check]]:
    import importlib
    import importlib.util

    found: list[tuple[str, Check]] = []
    for label, target in EXTRA_CHECKS:
        module_name, func = target.split(":")
        if importlib.util.find_spec(module_name.rsplit(".", 1)[0]) is None:
            continue
        try:
            spec = importlib.util.find_spec(module_name)
        except ModuleNotFoundError:
            spec = None
        if spec is None:
            continue
        found.append((label, getattr(importlib.import_module(module_name), func)))
    return found


def run_self_test(_argv: Sequence[str] = ()) -> int:
    failures = 0
    with tempfile.TemporaryDirectory(prefix="buku-migran-uji-") as tmp:
        for index, (label, check) in enumerate(CHECKS + _load_extra(), start=1):
            scratch = Path(tmp) / f"c{index}"
            scratch.mkdir()
            try:
                detail = check(scratch)
            except Exception:  # noqa: BLE001 - report every failing check, then exit 1
                failures += 1
                print(f"[GAGAL] {label}")
                traceback.print_exc(file=sys.stdout)
            else:
                print(f"[OK]    {label}: {detail}")
    print("Uji mandiri selesai: " + ("semua lulus" if not failures else f"{failures} gagal"))
    return 0 if failures == 0 else 1
