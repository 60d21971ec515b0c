"""Small lookups for pickers: residents by name or NIK, a resident's episodes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.core.models import Episode, Resident
from app.core.repo.like import contains
from app.core.rules.episodes import start_date


@dataclass(frozen=True)
class ResidentHit:
    id: str
    name: str
    nik: str
    birth_date: date | None
    dusun: str
    migrant_status: str


def search_residents(session: Session, text: str, limit: int = 30) -> list[ResidentHit]:
    """Live residents whose name contains ``text`` or whose NIK starts with it (digits),
    names starting with the text first."""
    q = " ".join(text.split())
    if not q:
        return []
    query = select(Resident.id, Resident.name, Resident.nik, Resident.birth_date,
                   Resident.dusun, Resident.migrant_status).where(Resident.deleted.is_(False))
    digits = q.replace(" ", "")
    if digits.isdigit():
        query = query.where(or_(Resident.nik.startswith(digits), Resident.no_kk == digits))
    else:
        query = query.where(contains(Resident.name, q))
    rows = list(session.execute(query.order_by(Resident.name).limit(limit * 4)).all())
    key = q.casefold()
    rows.sort(key=lambda r: (not r[1].casefold().startswith(key), r[1].casefold()))
    return [ResidentHit(r[0], r[1], r[2] or "", r[3], r[4], r[5]) for r in rows[:limit]]


@dataclass(frozen=True)
class EpisodeChoice:
    id: str
    state: str
    country: str
    start: date | None


def episodes_of(session: Session, resident_id: str) -> list[EpisodeChoice]:
    """A resident's live episodes, newest first."""
    rows = session.execute(
        select(Episode.id, Episode.state, Episode.destination_country, Episode.registered_on,
               Episode.departed_on, Episode.returned_on, Episode.created_at)
        .where(Episode.resident_id == resident_id, Episode.deleted.is_(False))
    ).all()
    items = [(start_date(r[3], r[4], r[5]), str(r[6]), r) for r in rows]
    items.sort(key=lambda t: (t[0] or date.min, t[1]), reverse=True)
    return [EpisodeChoice(r[0], r[1], r[2], first) for first, _c, r in items]
