"""The children of migrants, village-wide (issue 9, point 4).

Who counts: a live, living resident or a family-left-behind entry under 18 (or of unknown
age) who is the own child of a CPMI or PMI (``migrant_status`` ``calon_pmi`` or ``pmi``):

* from the family card, by the same rule as :func:`app.core.repo.residents.children_of_migrants`
  (a migrant head or spouse leaves the card's ``anak``; a migrant ``anak`` or ``menantu``
  leaves the ``cucu``), never siblings;
* from the migrant's family-left-behind entries (``family_link``) with relation ``anak`` or
  ``cucu`` (a child named there need not be a resident).

A child who is a CPMI or PMI is not counted. The carer: the people a migrant parent's
family entries mark as carer (``is_carer``); failing that, a parent of the child on the same
card who lives in the village and is not a migrant (a migrant father's wife at home). A
child with neither is *without carer* (``tanpa pengasuh``) and counted on the dashboard.

Qt-free; the dashboard and the Excel list read the same :func:`children_of_migrants`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

MIGRANT_STATUSES = ("calon_pmi", "pmi")
ADULT_AGE = 18
PARENT_SHDK = ("kepala_keluarga", "istri", "suami")
CHILD_OF_CHILD_SHDK = ("anak", "menantu")
CHILD_RELATIONS = ("anak", "cucu")


@dataclass(frozen=True)
class MigrantParent:
    resident_id: str
    name: str
    migrant_status: str  # calon_pmi or pmi
    state: str  # state of the open episode, "" when none
    country: str  # destination of the open episode (or the latest one), "" when unknown


@dataclass(frozen=True)
class ChildRow:
    key: str  # resident id of the child, or "link:<family_link id>" for a name-only child
    resident_id: str | None
    name: str
    birth_date: date | None
    age: int | None
    education: str
    parents: tuple[MigrantParent, ...]
    carers: tuple[str, ...]  # names; empty means without carer
    carer_is_parent: bool  # the carer is the parent at home (no family entry marks one)

    @property
    def without_carer(self) -> bool:
        return not self.carers

    @property
    def open_key(self) -> str:
        """The resident to open from the list: the child, or the first migrant parent."""
        return self.resident_id or self.parents[0].resident_id


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def age_on(birth: date | None, today: date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


OPEN_STATES = ("terdaftar", "terverifikasi", "dalam_proses", "berangkat", "cuti")


def _migrants(session: Session) -> dict[str, dict[str, Any]]:
    """Live CPMI and PMI with the state and country of their open episode (or, for the
    country, of their latest one)."""
    out = {r[0]: {"id": r[0], "name": r[1], "no_kk": r[2] or "", "shdk": r[3] or "",
                  "status": r[4], "state": "", "country": "", "_key": None}
           for r in session.execute(text(
               "SELECT id, name, no_kk, shdk, migrant_status FROM resident "
               "WHERE deleted = FALSE AND migrant_status IN ('calon_pmi', 'pmi')"))}
    for rid, state, country, created in session.execute(text(
            "SELECT e.resident_id, e.state, e.destination_country, e.created_at "
            "FROM episode e JOIN resident r ON r.id = e.resident_id "
            "WHERE e.deleted = FALSE AND r.deleted = FALSE "
            "AND r.migrant_status IN ('calon_pmi', 'pmi')")):
        m = out.get(rid)
        if m is None:
            continue
        key = (state in OPEN_STATES, str(created or ""))
        if m["_key"] is None or key > m["_key"]:
            m["_key"] = key
            m["country"] = country or ""
            m["state"] = state if state in OPEN_STATES else ""
    return out


def children_of_migrants(session: Session, today: date | None = None) -> list[ChildRow]:
    """Every child of a CPMI or PMI in the village (see the module text): those without carer
    first, then by name."""
    today = today or date.today()
    migrants = _migrants(session)
    if not migrants:
        return []

    def parent(mid: str) -> MigrantParent:
        m = migrants[mid]
        return MigrantParent(m["id"], m["name"], m["status"], m["state"], m["country"])

    # residents on the cards of migrants
    kks = sorted({m["no_kk"] for m in migrants.values() if m["no_kk"]})
    card: dict[str, list[Any]] = defaultdict(list)
    for start in range(0, len(kks), 500):
        chunk = kks[start:start + 500]
        marks = ",".join(f":k{i}" for i in range(len(chunk)))
        for r in session.execute(text(
                "SELECT id, name, no_kk, shdk, birth_date, education, migrant_status, "
                f"life_status FROM resident WHERE deleted = FALSE AND no_kk IN ({marks})"),
                {f"k{i}": kk for i, kk in enumerate(chunk)}):
            card[r[2]].append(r)

    # family-left-behind entries of migrants (children and carers)
    links: dict[str, list[Any]] = defaultdict(list)
    for r in session.execute(text(
            "SELECT l.id, l.resident_id, l.member_id, l.member_name, l.member_birth_date, "
            "l.relation, l.is_carer, m.name, m.birth_date, m.education, m.migrant_status, "
            "m.life_status, m.deleted FROM family_link l "
            "LEFT JOIN resident m ON m.id = l.member_id "
            "WHERE l.deleted = FALSE")):
        if r[1] in migrants:
            links[r[1]].append(r)

    children: dict[str, dict[str, Any]] = {}

    def add(key: str, rid: str | None, name: str, born: date | None, education: str,
            parent_id: str, home_parents: list[str]) -> None:
        child = children.setdefault(key, {"rid": rid, "name": name, "born": born,
                                          "education": education, "parents": [],
                                          "home": []})
        if parent_id not in child["parents"]:
            child["parents"].append(parent_id)
        for name_home in home_parents:
            if name_home not in child["home"]:
                child["home"].append(name_home)

    def is_child(born: date | None, status: str | None, life: str | None) -> bool:
        if status in MIGRANT_STATUSES or life not in (None, "hidup"):
            return False
        age = age_on(born, today)
        return age is None or age < ADULT_AGE

    for on_card in card.values():
        mig = [m for m in on_card if m[0] in migrants]
        wanted: dict[str, list[str]] = {"anak": [], "cucu": []}
        for m in mig:
            if m[3] in PARENT_SHDK:
                wanted["anak"].append(m[0])
            elif m[3] in CHILD_OF_CHILD_SHDK:
                wanted["cucu"].append(m[0])
        # a parent at home: a head or spouse on the card, alive, in the village, no migrant
        home_heads = [m[1] for m in on_card if m[3] in PARENT_SHDK
                      and m[0] not in migrants and (m[7] or "hidup") == "hidup"]
        home_young = [m[1] for m in on_card if m[3] in CHILD_OF_CHILD_SHDK
                      and m[0] not in migrants and (m[7] or "hidup") == "hidup"]
        for m in on_card:
            parents = wanted.get(m[3] or "")
            if not parents:
                continue
            born = _as_date(m[4])
            if not is_child(born, m[6], m[7]):
                continue
            home = home_heads if m[3] == "anak" else home_young
            for pid in parents:
                add(m[0], m[0], m[1], born, m[5] or "", pid, home)

    carers: dict[str, list[str]] = defaultdict(list)
    for mid, entries in links.items():
        for r in entries:
            if r[6]:
                carers[mid].append(r[7] if r[2] and r[7] else r[3])
            if r[5] not in CHILD_RELATIONS:
                continue
            if r[2]:  # a resident named in the entry
                if r[12] in (1, True) or r[7] is None:
                    continue
                born = _as_date(r[8]) or _as_date(r[4])
                if not is_child(born, r[10], r[11]):
                    continue
                add(r[2], r[2], r[7], born, r[9] or "", mid, [])
            else:
                born = _as_date(r[4])
                if not is_child(born, None, None) or any(
                        mid in c["parents"] and c["name"].casefold() == r[3].casefold()
                        for c in children.values()):
                    continue  # the same child already known from the card
                add(f"link:{r[0]}", None, r[3], born, "", mid, [])

    rows = []
    for key, c in children.items():
        named = []
        for pid in c["parents"]:
            for name in carers.get(pid, ()):
                if name and name not in named and name != c["name"]:
                    named.append(name)
        carer_is_parent = not named and bool(c["home"])
        rows.append(ChildRow(
            key=key, resident_id=c["rid"], name=c["name"], birth_date=c["born"],
            age=age_on(c["born"], today), education=c["education"],
            parents=tuple(parent(pid) for pid in c["parents"]),
            carers=tuple(named or c["home"]), carer_is_parent=carer_is_parent))
    rows.sort(key=lambda r: (not r.without_carer, r.name.casefold(), r.key))
    return rows


def children_counts(session: Session, today: date | None = None) -> tuple[int, int]:
    """``(children of migrants, of whom without carer)``."""
    rows = children_of_migrants(session, today)
    return len(rows), sum(1 for r in rows if r.without_carer)
