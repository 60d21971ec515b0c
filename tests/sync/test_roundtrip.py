"""Village data exported and imported gives the same records: demo data, and generated edit
histories (creations, edits, deletions across several incremental bundles, lost bundles,
receipts) checked by canonical dumps."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.core.models import Episode, Resident
from app.core.rules.episodes import OPEN_STATES
from app.core.rules.nik import generate_nik
from sync.importer import STATUS_IMPORTED
from sync.receipt import import_receipt, make_receipt
from tests.sync.conftest import (
    VILLAGE,
    digest,
    export,
    fingerprint_of,
    import_,
    make_hub,
    make_village,
)


def test_demo_village_round_trip_with_edits_and_deletions(village, hub, tmp_path: Path) -> None:
    first = export(village, tmp_path / "usb")
    report = import_(hub, first)
    assert report.status == STATUS_IMPORTED and not report.errors
    assert report.counts["Penduduk"].new == 60
    assert digest(village) == digest(hub)
    with village.db.unit_of_work("op") as s:
        people = s.scalars(select(Resident).order_by(Resident.id)).all()
        # the new episode goes to someone without any (one open episode per person, and an
        # older 1899 episode must be the latest one for the status below to be calon_pmi)
        busy = set(s.scalars(select(Episode.resident_id)))
        free = [p for p in people[5:] if p.id not in busy]
        people[4] = free[0]
        people[0].name = "=HYPERLINK(\"http://x\")"
        people[1].phone = "+6281234567890"
        people[2].deleted = True
        people[3].notes = "baris 1\r\nbaris 2\t_x0041_ <b>&amp;"
        s.add(Episode(resident_id=people[4].id, state="terdaftar",
                      registered_on=date(1899, 12, 31)))
    second = export(village, tmp_path / "usb")
    report = import_(hub, second)
    assert report.counts["Penduduk"].updated == 3
    assert report.counts["Penduduk"].deleted == 1
    assert report.counts["Penempatan"].new == 1
    assert digest(village) == digest(hub)
    with hub.db.session() as s:
        assert s.get(Resident, people[1].id).phone == "+6281234567890"
        assert s.get(Resident, people[4].id).migrant_status == "calon_pmi"


texts = st.lists(st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=6),
    st.sampled_from(["=", "+62", "-", "@", " ", "\n", "\t", "\r\n", "_x0041_", "&<>"])),
    min_size=1, max_size=5).map("".join)
dates = st.dates(min_value=date(1890, 1, 1), max_value=date(2025, 12, 31))
ops = st.lists(st.one_of(
    st.tuples(st.just("add"), texts, st.booleans(), dates),
    st.tuples(st.just("edit"), st.integers(0, 50), texts),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("episode"), st.integers(0, 50), st.sampled_from(
        ["terdaftar", "berangkat", "pulang", "batal"]), dates),
    st.tuples(st.just("send"), st.booleans(), st.booleans()),  # (delivered, receipt back)
), min_size=1, max_size=14)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(ops)
def test_generated_histories_end_identical(steps: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        village = make_village(tmp / "desa")
        hub = make_hub(tmp / "p4mi")
        confirmed = False
        serial = 1
        try:
            for step in steps:
                kind = step[0]
                with village.db.unit_of_work("op") as s:
                    people = s.scalars(select(Resident).order_by(Resident.created_at,
                                                                 Resident.id)).all()
                    if kind == "add":
                        _, name, female, born = step
                        sex = "P" if female else "L"
                        serial += 1
                        nik = generate_nik("18.07.01", born, sex, serial) if born.year > 1950 \
                            else None
                        s.add(Resident(name=name, sex=sex, nik=nik, birth_date=born,
                                       notes=name[::-1], phone="+62" + str(serial)))
                    elif kind == "edit" and people:
                        people[step[1] % len(people)].notes = step[2]
                    elif kind == "delete" and people:
                        people[step[1] % len(people)].deleted = True
                    elif kind == "episode" and people:
                        person = people[step[1] % len(people)]
                        state = step[2]
                        if state in OPEN_STATES and s.scalar(select(Episode.id).where(
                                Episode.resident_id == person.id, Episode.deleted.is_(False),
                                Episode.state.in_(OPEN_STATES)).limit(1)):
                            state = "batal"  # one open episode per person
                        s.add(Episode(resident_id=person.id, state=state,
                                      registered_on=step[3]))
                if kind == "send":
                    path = export(village, tmp / "usb")
                    delivered, receipt_back = step[1], step[2]
                    if delivered:
                        report = import_(hub, path, confirm_key=fingerprint_of(path))
                        assert not report.errors, report.errors[:3]
                        confirmed = True
                        if receipt_back:
                            receipt = make_receipt(hub, VILLAGE, tmp)
                            import_receipt(village, receipt.path,
                                           confirm_key=_hub_fp(hub))
            path = export(village, tmp / "usb")
            report = import_(hub, path)
            assert not report.errors, report.errors[:3]
            assert confirmed or report.key_status == "baru"
            assert digest(village) == digest(hub)
        finally:
            village.close()
            hub.close()


def _hub_fp(hub) -> str:
    from sync.keys import load_keypair

    pair = load_keypair(hub.data_dir)
    assert pair is not None
    return pair.fingerprint
