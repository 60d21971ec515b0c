"""The P4MI desk's core: person search, person view, case desk and the P4MI's own actions,
on a hub built through real bundles; every figure re-counted with independent SQL."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.sync.conftest import TODAY, export, import_, make_hub, make_village

A, B = "18.07.01.2001", "18.07.01.2002"


@pytest.fixture(scope="module")
def desk_hub(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from sqlalchemy import select

    from app.core.models import Resident

    root = tmp_path_factory.mktemp("desk")
    a = make_village(root / "a", code=A, residents=120, seed=11)
    b = make_village(root / "b", code=B, residents=60, seed=12)
    with a.db.session() as s:
        someone = s.scalars(select(Resident).where(Resident.nik.is_not(None))
                           .order_by(Resident.id)).first()
        shared = (someone.id, someone.nik, someone.sex)
    from app.core.services.cases import CaseInput, open_case

    with b.db.unit_of_work("op") as s:
        other = Resident(name="Pasangan Nik Ganda", sex=shared[2], nik=shared[1])
        s.add(other)
        s.flush()
        open_case(s, other.id, CaseInput("hilang_kontak", date(2025, 12, 1),
                                         reporter="Ibu", chronology="Tidak ada kabar.",
                                         referral="p4mi"))
    hub = make_hub(root / "hub")
    for ws in (a, b):
        import_(hub, export(ws, root / "usb", full=True))
    yield {"hub": hub, "a": a, "b": b, "root": root, "shared": shared}
    for ws in (a, b, hub):
        ws.close()


def sql(ws: Any, query: str, *params: Any) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(ws.data_dir.db_path)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def searcher(ws: Any) -> Any:
    from app.core.desk.search import PersonSearch

    @contextmanager
    def sessions() -> Any:
        with ws.db.session() as s:
            yield s

    return PersonSearch(sessions)


def test_name_fragment_finds_every_village_and_matches_sql(desk_hub: Any) -> None:
    hub = desk_hub["hub"]
    name = sql(hub, "SELECT name FROM resident WHERE owner_office = ? AND deleted = 0 "
                    "ORDER BY name LIMIT 1 OFFSET 7", B)[0][0]
    fragment = name.split()[0][1:4].lower()
    expected = sql(hub, "SELECT id, owner_office FROM resident WHERE deleted = 0 "
                        "AND instr(lower(name), ?) > 0", fragment)
    result = searcher(hub).search(fragment, limit=10_000)
    assert result.total == len(expected) > 0
    assert {(h.id, h.village_code) for h in result.hits} == set(expected)
    assert all(fragment in h.name.lower() for h in result.hits)
    assert [h.name.casefold() for h in result.hits] == sorted(
        h.name.casefold() for h in result.hits)
    hit = next(h for h in result.hits if h.village_code == B)
    assert hit.village_name and hit.district_name  # Kemendagri names of village and kecamatan


def test_nik_prefix_and_limit(desk_hub: Any) -> None:
    hub = desk_hub["hub"]
    nik = desk_hub["shared"][1]
    prefix = nik[:10]
    expected = {r[0] for r in sql(hub, "SELECT id FROM resident WHERE deleted = 0 AND "
                                       "(nik LIKE ? OR no_kk LIKE ?)", prefix + "%",
                                  prefix + "%")}
    result = searcher(hub).search(prefix)
    assert {h.id for h in result.hits} == expected
    both = {h.village_code for h in searcher(hub).search(nik).hits}
    assert {A, B} <= both  # the pair: one NIK, two villages
    limited = searcher(hub).search("a", limit=5)
    assert limited.total == 0 and limited.too_short  # one letter: too many of 200,000 names
    short = searcher(hub).search(nik[:5])
    assert short.total == 0 and short.too_short  # 5 digits: nearly every NIK of the regency
    assert searcher(hub).search(nik[:6]).total > 0
    many = searcher(hub).search("an", limit=5)
    assert len(many.hits) == 5 and many.total > 5


def test_person_view_shows_village_episodes_cases_family_and_pair(desk_hub: Any) -> None:
    from app.core.desk.person import person_view

    hub = desk_hub["hub"]
    rid = sql(hub, "SELECT c.resident_id FROM case_file c JOIN resident r ON r.id = "
                   "c.resident_id WHERE c.deleted = 0 AND r.deleted = 0 AND r.owner_office = ? "
                   "ORDER BY c.id LIMIT 1", A)[0][0]
    with hub.db.session() as s:
        view = person_view(s, rid)
    assert view.village_code == A and view.village_name and view.district_name
    assert {e.id for e in view.episodes} == {r[0] for r in sql(
        hub, "SELECT id FROM episode WHERE resident_id = ? AND deleted = 0", rid)}
    assert {c.id for c in view.cases} == {r[0] for r in sql(
        hub, "SELECT id FROM case_file WHERE resident_id = ? AND deleted = 0", rid)}
    assert len(view.contacts) == sql(hub, "SELECT count(*) FROM contact_log WHERE "
                                          "resident_id = ? AND deleted = 0", rid)[0][0]
    # family left behind
    fam = sql(hub, "SELECT resident_id, count(*) FROM family_link WHERE deleted = 0 "
                   "GROUP BY resident_id ORDER BY 2 DESC LIMIT 1")
    if fam:
        with hub.db.session() as s:
            assert len(person_view(s, fam[0][0]).family) == fam[0][1]
    # the cross-village NIK pair links both ways
    a_id, nik, _sex = desk_hub["shared"]
    b_id = sql(hub, "SELECT id FROM resident WHERE nik = ? AND owner_office = ?", nik, B)[0][0]
    with hub.db.session() as s:
        va, vb = person_view(s, a_id), person_view(s, b_id)
    assert [(p.resident_id, p.village_code) for p in va.pairs] == [(b_id, B)]
    assert [(p.resident_id, p.village_code) for p in vb.pairs] == [(a_id, A)]
    assert va.pairs[0].check_status == "baru"  # the importer flagged it


def test_person_view_shows_each_episodes_stored_red_flags(desk_hub: Any) -> None:
    """The flags the village stored travel in the bundle and show on the hub's person view:
    every open (not cleared) flag, with code, severity and whether it was accepted and why."""
    from app.core.desk.person import person_view

    hub = desk_hub["hub"]
    rows = sql(hub, "SELECT f.episode_id, e.resident_id, f.code, f.severity, f.accepted, "
                    "f.accepted_reason FROM episode_flag f JOIN episode e ON e.id = f.episode_id "
                    "WHERE f.deleted = 0 AND f.cleared = 0 AND e.deleted = 0")
    assert rows, "the demo villages store red flags"
    assert any(r[4] for r in rows) and not all(r[4] for r in rows)  # accepted and open ones
    seen = 0
    for rid in {r[1] for r in rows}:
        with hub.db.session() as s:
            view = person_view(s, rid)
        got = {(e.id, f.code, f.severity, f.accepted, f.accepted_reason)
               for e in view.episodes for f in e.flags}
        assert got == {(r[0], r[2], r[3], bool(r[4]), r[5]) for r in rows if r[1] == rid}
        assert all(f.text_id and f.text_en for e in view.episodes for f in e.flags)
        seen += len(got)
    assert seen == len(rows)
    # a person without flags shows none
    clean = sql(hub, "SELECT e.resident_id FROM episode e WHERE e.deleted = 0 AND NOT EXISTS "
                     "(SELECT 1 FROM episode_flag f JOIN episode x ON x.id = f.episode_id "
                     "WHERE x.resident_id = e.resident_id AND f.deleted = 0 AND f.cleared = 0) "
                     "LIMIT 1")[0][0]
    with hub.db.session() as s:
        assert all(e.flags == () for e in person_view(s, clean).episodes)


def test_case_desk_lists_every_village_and_filters_match_sql(desk_hub: Any) -> None:
    from app.core.desk.cases import DeskFilter, desk_cases

    hub = desk_hub["hub"]
    with hub.db.session() as s:
        everything = desk_cases(s, DeskFilter(status="all"), today=TODAY)
        referred = desk_cases(s, DeskFilter(status="all", referred_p4mi=True), today=TODAY)
        only_b = desk_cases(s, DeskFilter(status="all", village=B), today=TODAY)
        district = desk_cases(s, DeskFilter(status="all", district="18.07.01"), today=TODAY)
        old = desk_cases(s, DeskFilter(status="all", min_age_days=180), today=TODAY)
        opened = desk_cases(s, DeskFilter(status="open"), today=TODAY)
    live = ("FROM case_file c JOIN resident r ON r.id = c.resident_id "
            "WHERE c.deleted = 0 AND r.deleted = 0")
    assert {c.id for c in everything} == {r[0] for r in sql(hub, f"SELECT c.id {live}")}
    assert {c.village_code for c in everything} == {A, B}
    assert {c.id for c in referred} == {r[0] for r in sql(
        hub, f"SELECT c.id {live} AND c.referral = 'p4mi'")}
    assert referred  # the demo villages refer some cases to P4MI
    assert {c.id for c in only_b} == {r[0] for r in sql(
        hub, f"SELECT c.id {live} AND c.owner_office = ?", B)}
    assert len(district) == len(everything)
    assert {c.id for c in old} == {r[0] for r in sql(
        hub, f"SELECT c.id {live} AND julianday(?) - julianday(c.reported_on) >= 180",
        TODAY.isoformat())}
    assert {c.id for c in opened} == {r[0] for r in sql(
        hub, f"SELECT c.id {live} AND c.status IN ('baru', 'diproses')")}
    country = next(c.country for c in everything if c.country)
    with hub.db.session() as s:
        by_country = desk_cases(s, DeskFilter(status="all", country=country), today=TODAY)
    assert by_country and all(c.country == country for c in by_country)


def test_p4mi_actions_are_its_own_rows_and_survive_the_next_village_bundle(
        desk_hub: Any, tmp_path: Path) -> None:
    from app.core.desk.cases import DeskFilter, desk_actions, desk_cases, record_action
    from app.core.errors import AppError, ValidationFailed
    from app.core.services.cases import add_follow_up

    hub, a = desk_hub["hub"], desk_hub["a"]
    with hub.db.session() as s:
        case = next(c for c in desk_cases(s, DeskFilter(), today=TODAY)
                    if c.village_code == A)
    before = sql(hub, "SELECT status, version, updated_at FROM case_file WHERE id = ?", case.id)
    with hub.db.unit_of_work("Petugas P4MI") as s, pytest.raises(AppError) as err:
        record_action(s, case.id, "tindak_lanjut", TODAY, "telepon keluarga")
    assert err.value.code == "desk.not_accepted"
    with hub.db.unit_of_work("Petugas P4MI") as s:
        record_action(s, case.id, "terima", TODAY)
    with hub.db.unit_of_work("Petugas P4MI") as s, pytest.raises(AppError) as err:
        record_action(s, case.id, "terima", TODAY)
    assert err.value.code == "desk.already_accepted"
    with hub.db.unit_of_work("Petugas P4MI") as s, pytest.raises(ValidationFailed) as bad:
        record_action(s, case.id, "rujuk", TODAY, "ke BP3MI")
    assert [i.code for i in bad.value.issues] == ["desk.refer_target_missing"]
    with hub.db.unit_of_work("Petugas P4MI") as s:
        record_action(s, case.id, "tindak_lanjut", TODAY, "Keluarga dihubungi")
        record_action(s, case.id, "rujuk", TODAY, "Ke BP3MI Lampung", referral="bp3mi")
    rows = sql(hub, "SELECT owner_office, status_after, referral FROM p4mi_case_action "
                    "WHERE case_id = ? ORDER BY rowid", case.id)
    assert rows == [("18.07", "diterima", ""), ("18.07", "diproses", ""),
                    ("18.07", "dirujuk", "bp3mi")]
    # the village's case row is untouched by the P4MI
    assert sql(hub, "SELECT status, version, updated_at FROM case_file WHERE id = ?",
               case.id) == before
    # the village follows up its own case and sends a bundle: both sides' rows stay
    with a.db.unit_of_work("Operator Desa") as s:
        add_follow_up(s, case.id, TODAY, "Keluarga datang ke kantor desa")
    report = import_(hub, export(a, tmp_path / "usb"))
    assert report.status == "diimpor"
    assert sql(hub, "SELECT count(*) FROM p4mi_case_action WHERE case_id = ?",
               case.id)[0][0] == 3
    assert sql(hub, "SELECT count(*) FROM case_follow_up WHERE case_id = ? AND note = ?",
               case.id, "Keluarga datang ke kantor desa")[0][0] == 1
    with hub.db.session() as s:
        assert [x.status_after for x in desk_actions(s, case.id)] == [
            "diterima", "diproses", "dirujuk"]
        desk = desk_cases(s, DeskFilter(status="all", desk_status="dirujuk"), today=TODAY)
        waiting = desk_cases(s, DeskFilter(status="all", desk_status="belum"), today=TODAY)
    assert [c.id for c in desk] == [case.id]
    assert case.id not in {c.id for c in waiting}
    with hub.db.unit_of_work("Petugas P4MI") as s:
        record_action(s, case.id, "selesai", TODAY, "PMI dipulangkan")
    with hub.db.unit_of_work("Petugas P4MI") as s, pytest.raises(AppError) as err:
        record_action(s, case.id, "tindak_lanjut", TODAY, "lagi")
    assert err.value.code == "desk.already_done"
    assert date.today() >= TODAY


def test_case_desk_list_keeps_confidential_types_hidden_in_the_core(desk_hub: Any) -> None:
    """The desk's list applies the village's rule in the core: a confidential case's type is
    hidden unless revealed for an allowed viewer; a type filter never finds a hidden case;
    asking to reveal without the right is refused."""
    from app.core.access import Role
    from app.core.desk.cases import DeskFilter, desk_cases
    from app.core.errors import AppError
    from app.core.privacy import REDACTED, UNRESTRICTED
    from app.core.services.operators import SignedIn

    hub = desk_hub["hub"]
    secret = sql(hub, "SELECT id, case_type FROM case_file WHERE sensitive = 1 AND deleted = 0")
    assert secret, "the demo villages hold confidential cases"
    case_id, case_type = secret[0]
    clerk = SignedIn(9, "Petugas", Role.PETUGAS_P4MI)
    with hub.db.session() as s:
        hidden = {c.id: c for c in desk_cases(s, DeskFilter(status="all"), today=TODAY)}
        assert hidden[case_id].case_type == REDACTED
        by_type = desk_cases(s, DeskFilter(status="all", case_type=case_type), today=TODAY)
        assert case_id not in {c.id for c in by_type}
        shown = {c.id: c for c in desk_cases(s, DeskFilter(status="all"), today=TODAY,
                                             viewer=UNRESTRICTED, reveal={case_id})}
        assert shown[case_id].case_type == case_type
        with pytest.raises(AppError) as refused:
            desk_cases(s, DeskFilter(status="all"), today=TODAY, viewer=clerk, reveal=True)
        assert refused.value.code == "auth.not_allowed"
