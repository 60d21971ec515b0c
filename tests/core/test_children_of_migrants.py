"""The village-wide list of children of migrants (issue 9, point 4): own children from the
family card and from the family-left-behind entries, never siblings, adults, children who are
migrants themselves or dead; the carer, and "without carer" when there is none."""

from __future__ import annotations

from datetime import date

from app.core.models import Episode, FamilyLink, Resident
from app.core.repo.family import children_counts, children_of_migrants

TODAY = date(2026, 6, 1)
KK = "3201010101010001"


STATE = {"calon_pmi": "terdaftar", "purna_pmi": "pulang"}


def _person(s, name: str, shdk: str, born: date | None, *, kk: str = KK,
            status: str = "bukan", life: str = "hidup", education: str = "") -> Resident:
    r = Resident(name=name, sex="P", shdk=shdk, birth_date=born, no_kk=kk,
                 education=education, life_status=life)
    s.add(r)
    s.flush()
    if status in STATE:  # the status is derived from the episodes by the session hook
        s.add(Episode(resident_id=r.id, state=STATE[status]))
        s.flush()
    return r


def _abroad(s, person: Resident, country: str = "HK") -> None:
    s.add(Episode(resident_id=person.id, state="berangkat", destination_country=country,
                  departed_on=date(2025, 1, 1)))
    s.flush()


def test_own_children_not_siblings_nor_adults(village) -> None:
    with village.db.unit_of_work("op") as s:
        grandpa = _person(s, "Kakek", "kepala_keluarga", date(1950, 1, 1))
        mother = _person(s, "Ibu Migran", "anak", date(1995, 1, 1))
        _abroad(s, mother)
        _person(s, "Adik Ibu", "anak", date(2010, 1, 1))  # her sibling: not her child
        _person(s, "Cucu Kecil", "cucu", date(2018, 3, 1), education="sd")
        _person(s, "Cucu Dewasa", "cucu", date(2005, 1, 1))  # 21 on TODAY
        _person(s, "Cucu Almarhum", "cucu", date(2019, 1, 1), life="meninggal")
        assert grandpa.name
    with village.db.session() as s:
        rows = children_of_migrants(s, TODAY)
    assert [r.name for r in rows] == ["Cucu Kecil"]
    row = rows[0]
    assert row.age == 8 and row.education == "sd"
    assert [(p.name, p.migrant_status, p.state, p.country) for p in row.parents] == [
        ("Ibu Migran", "pmi", "berangkat", "HK")]


def test_carer_from_family_entry_then_parent_at_home_else_without(village) -> None:
    with village.db.unit_of_work("op") as s:
        father = _person(s, "Ayah Migran", "kepala_keluarga", date(1985, 1, 1))
        _abroad(s, father, "MY")
        wife = _person(s, "Ibu Di Rumah", "istri", date(1988, 1, 1))
        _person(s, "Anak Satu", "anak", date(2015, 1, 1))
        # a second family: a migrant mother whose husband is away too (no one at home)
        mom = _person(s, "Ibu Kedua", "kepala_keluarga", date(1990, 1, 1), kk="2")
        _abroad(s, mom, "TW")
        _person(s, "Anak Dua", "anak", date(2016, 1, 1), kk="2")
        # a name-only child in a family entry of the second migrant
        s.add(FamilyLink(resident_id=mom.id, member_name="Anak Luar KK",
                         member_birth_date=date(2020, 1, 1), relation="anak"))
        # the same child as on the card, named again in an entry: not counted twice
        s.add(FamilyLink(resident_id=mom.id, member_name="anak dua",
                         member_birth_date=date(2016, 1, 1), relation="anak"))
        wife_id, mom_id = wife.id, mom.id
    with village.db.session() as s:
        rows = {r.name: r for r in children_of_migrants(s, TODAY)}
        assert set(rows) == {"Anak Satu", "Anak Dua", "Anak Luar KK"}
        assert rows["Anak Satu"].carers == ("Ibu Di Rumah",) and rows["Anak Satu"].carer_is_parent
        assert rows["Anak Dua"].without_carer and rows["Anak Luar KK"].without_carer
        assert rows["Anak Luar KK"].resident_id is None
        assert rows["Anak Luar KK"].open_key == mom_id
        assert children_counts(s, TODAY) == (3, 2)
        # those without carer come first
        assert [r.without_carer for r in children_of_migrants(s, TODAY)] == [True, True, False]
    with village.db.unit_of_work("op") as s:
        s.add(FamilyLink(resident_id=mom_id, member_name="Nenek Pengasuh",
                         relation="orang_tua", is_carer=True))
        s.get(Resident, wife_id).life_status = "meninggal"
    with village.db.session() as s:
        rows = {r.name: r for r in children_of_migrants(s, TODAY)}
        assert rows["Anak Dua"].carers == ("Nenek Pengasuh",)
        assert not rows["Anak Dua"].carer_is_parent
        assert rows["Anak Satu"].without_carer  # the mother at home died
        assert children_counts(s, TODAY) == (3, 1)


def test_child_who_is_a_migrant_or_of_a_returnee_is_not_listed(village) -> None:
    with village.db.unit_of_work("op") as s:
        head = _person(s, "Purna", "kepala_keluarga", date(1980, 1, 1), status="purna_pmi")
        _person(s, "Anak Purna", "anak", date(2015, 1, 1))
        cpmi = _person(s, "Calon", "kepala_keluarga", date(1985, 1, 1), kk="3",
                       status="calon_pmi")
        _person(s, "Anak Calon", "anak", None, kk="3")  # unknown age: counted
        _person(s, "Anak Calon PMI", "anak", date(2009, 1, 1), kk="3", status="calon_pmi")
        assert head.name and cpmi.name
    with village.db.session() as s:
        rows = children_of_migrants(s, TODAY)
    assert [(r.name, r.age, r.parents[0].migrant_status) for r in rows] == [
        ("Anak Calon", None, "calon_pmi")]
