"""Family left behind (issue 9 point 4): children are the migrant's own, never siblings."""

from __future__ import annotations

from datetime import date, timedelta

from app.core.repo.residents import children_of_migrants
from app.core.services import episodes, residents
from app.core.services.episodes import Placement

KK = "1807011506100003"
TODAY = date.today()


def _add(ws, name: str, shdk: str, age: int, sex: str = "L") -> str:
    with ws.db.unit_of_work("op") as s:
        return residents.register_resident(s, residents.ResidentInput(
            name=name, sex=sex, no_kk=KK, shdk=shdk,
            birth_date=TODAY - timedelta(days=age * 365 + 30)), accept_warnings=True).id


def _abroad(ws, rid: str) -> None:
    with ws.db.unit_of_work("op") as s:
        episodes.record_late_departure(s, rid, TODAY - timedelta(days=100),
                                       Placement(destination_country="MY"))


def _children(ws) -> set[str]:
    with ws.db.session() as s:
        return {m.name for m in children_of_migrants(s, KK)}


def test_a_migrant_daughter_leaves_her_children_not_her_siblings(village) -> None:
    _add(village, "Bapak", "kepala_keluarga", 50)
    _add(village, "Ibu", "istri", 47, "P")
    daughter = _add(village, "Putri", "anak", 24, "P")
    _add(village, "Adik", "anak", 12)  # her brother: not left behind by her
    _add(village, "Cucu", "cucu", 4)  # her child on her parents' card
    assert _children(village) == set()
    _abroad(village, daughter)
    assert _children(village) == {"Cucu"}


def test_a_migrant_parent_leaves_the_cards_children(village) -> None:
    mother = _add(village, "Ibu", "istri", 35, "P")
    _add(village, "Bapak", "kepala_keluarga", 38)
    _add(village, "Anak Kecil", "anak", 9)
    _add(village, "Anak Dewasa", "anak", 19)  # grown up
    _abroad(village, mother)
    assert _children(village) == {"Anak Kecil"}
