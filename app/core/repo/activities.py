"""Activities for the Kegiatan view: the list with participant counts, and participants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from app.core.models import Activity, ActivityParticipant, Resident
from app.core.repo.like import contains


@dataclass(frozen=True)
class ActivityRow:
    id: str
    held_on: date
    kind: str
    title: str
    place: str
    organizer: str
    participants: int


def list_activities(session: Session, *, year: int | None = None, kind: str = "",
                    search: str = "") -> list[ActivityRow]:
    """Live activities, the most recent first, with their live participant counts."""
    counts = (
        select(ActivityParticipant.activity_id, func.count().label("n"))
        .where(ActivityParticipant.deleted.is_(False))
        .group_by(ActivityParticipant.activity_id).subquery()
    )
    q = (select(Activity.id, Activity.held_on, Activity.kind, Activity.title, Activity.place,
                Activity.organizer, func.coalesce(counts.c.n, 0))
         .outerjoin(counts, counts.c.activity_id == Activity.id)
         .where(Activity.deleted.is_(False)))
    if year:
        q = q.where(Activity.held_on >= date(year, 1, 1), Activity.held_on <= date(year, 12, 31))
    if kind:
        q = q.where(Activity.kind == kind)
    text = " ".join(search.split())
    if text:
        q = q.where(contains(Activity.title, text) | contains(Activity.place, text))
    q = q.order_by(Activity.held_on.desc(), Activity.title)
    return [ActivityRow(r[0], r[1], r[2], r[3], r[4], r[5], int(r[6]))
            for r in session.execute(q)]


def activity_years(session: Session) -> list[int]:
    years = session.scalars(select(func.substr(cast(Activity.held_on, String), 1, 4))
                            .where(Activity.deleted.is_(False)).distinct())
    return sorted({int(y) for y in years if y}, reverse=True)


@dataclass(frozen=True)
class ParticipantRow:
    id: str
    resident_id: str | None
    name: str
    nik: str
    dusun: str
    migrant_status: str


def participants(session: Session, activity_id: str) -> list[ParticipantRow]:
    """Live participants of an activity by name; residents with their NIK and status."""
    q = (select(ActivityParticipant.id, ActivityParticipant.resident_id,
                ActivityParticipant.name, Resident.nik, Resident.dusun, Resident.migrant_status)
         .outerjoin(Resident, Resident.id == ActivityParticipant.resident_id)
         .where(ActivityParticipant.activity_id == activity_id,
                ActivityParticipant.deleted.is_(False))
         .order_by(ActivityParticipant.name))
    return [ParticipantRow(r[0], r[1], r[2], r[3] or "", r[4] or "", r[5] or "")
            for r in session.execute(q)]
