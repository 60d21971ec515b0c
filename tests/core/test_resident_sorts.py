"""Sorting the resident list by sex, birth date, RT/RW and country (no index covers them):
the orders a person expects, unknown values last, descending the exact reverse."""

from __future__ import annotations

from datetime import date

from app.core.models import Episode
from app.core.repo.residents import COMPUTED_SORTS, ResidentFilter, ResidentIndex, fetch_rows
from app.core.services import residents


def _people(village) -> dict[str, str]:
    rows = [
        # name, sex, birth date, rw, rt, country of the latest episode
        ("Budi", "L", date(1990, 5, 1), "12", "3", "MY"),   # Malaysia
        ("Ani", "P", None, "", "", ""),
        ("Citra", "P", date(1985, 1, 2), "3", "10", "HK"),  # Hong Kong
        ("Dedi", "L", date(2001, 7, 9), "003", "002", "JP"),  # Jepang
    ]
    ids: dict[str, str] = {}
    with village.db.unit_of_work("op") as s:
        for name, sex, born, rw, rt, country in rows:
            r = residents.register_resident(s, residents.ResidentInput(
                name=name, sex=sex, birth_date=born, rw=rw, rt=rt))
            ids[name] = r.id
            if country:
                s.add(Episode(resident_id=r.id, state="pulang", destination_country=country,
                              departed_on=date(2020, 1, 1), returned_on=date(2022, 1, 1)))
    # Dedi's latest episode goes elsewhere: the older one must not decide the order
    with village.db.unit_of_work("op") as s:
        s.add(Episode(resident_id=ids["Dedi"], state="pulang", destination_country="AE",
                      departed_on=date(2010, 1, 1), returned_on=date(2012, 1, 1)))
    return ids


def _names(village, key: str, descending: bool = False) -> list[str]:
    index = ResidentIndex(village.db.session)
    ids = index.search(ResidentFilter(), key, descending)
    with village.db.session() as s:
        rows = fetch_rows(s, ids)
    return [rows[i][2] for i in ids]


def test_each_computed_column_sorts_as_a_person_expects(village) -> None:
    _people(village)
    assert set(COMPUTED_SORTS) == {"sex", "birth_date", "rt_rw", "country"}
    assert _names(village, "sex")[:2] == ["Budi", "Dedi"]  # L before P
    assert _names(village, "birth_date") == ["Citra", "Budi", "Dedi", "Ani"]  # unknown last
    # RW then RT, as numbers: 003/002 and 3/10 are in RW 3, before RW 12; blank last
    assert _names(village, "rt_rw") == ["Dedi", "Citra", "Budi", "Ani"]
    # Hong Kong, Jepang, Malaysia (Indonesian names), no episode last
    assert _names(village, "country") == ["Citra", "Dedi", "Budi", "Ani"]
    assert _names(village, "country", descending=True) == ["Ani", "Budi", "Dedi", "Citra"]
