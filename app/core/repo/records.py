"""Small reads for the GUI's forms and dialogs, as plain data (the GUI builds no query).

Each function takes a session and returns frozen dataclasses, plain values or ``None`` when
the record does not exist: the GUI never sees a model class.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.models import Activity, Case, FamilyLink, Resident
from app.core.models import Episode as _Episode


@dataclass(frozen=True)
class ResidentBrief:
    id: str
    name: str
    nik: str
    deleted: bool


def resident_brief(session: Session, resident_id: str | None) -> ResidentBrief | None:
    """Name and NIK of one person (also a deleted one: ``deleted`` says so)."""
    r = session.get(Resident, resident_id) if resident_id else None
    if r is None:
        return None
    return ResidentBrief(r.id, r.name, r.nik or "", bool(r.deleted))


@dataclass(frozen=True)
class ActivityValues:
    kind: str
    title: str
    held_on: date | None
    place: str
    organizer: str
    notes: str


def activity_values(session: Session, activity_id: str) -> ActivityValues | None:
    act = session.get(Activity, activity_id)
    if act is None:
        return None
    return ActivityValues(act.kind, act.title, act.held_on, act.place, act.organizer,
                          act.notes)


def case_is_sensitive(session: Session, case_id: str) -> bool:
    """Whether a case is marked confidential (False for an unknown case)."""
    case = session.get(Case, case_id)
    return bool(case is not None and case.sensitive)


@dataclass(frozen=True)
class FamilyLinkValues:
    id: str
    member_id: str | None
    member_name: str
    member_birth_date: date | None  # for a linked member: their own birth date
    relation: str
    is_carer: bool


def family_link(session: Session, link_id: str) -> FamilyLinkValues | None:
    """One family-left-behind row as stored (the member's own birth date is not filled in)."""
    link = session.get(FamilyLink, link_id)
    if link is None:
        return None
    return FamilyLinkValues(link.id, link.member_id, link.member_name,
                            link.member_birth_date, link.relation, bool(link.is_carer))


def left_behind(session: Session, resident_id: str) -> list[FamilyLinkValues]:
    """The family left behind by a person (not deleted), oldest first; a linked member's
    birth date comes from their own record when the link has none."""
    out = []
    for link in session.scalars(select(FamilyLink).where(
            FamilyLink.resident_id == resident_id,
            FamilyLink.deleted.is_(False)).order_by(FamilyLink.created_at)):
        born = link.member_birth_date
        if born is None and link.member_id:
            member = session.get(Resident, link.member_id)
            born = member.birth_date if member is not None else None
        out.append(FamilyLinkValues(link.id, link.member_id, link.member_name, born,
                                    link.relation, bool(link.is_carer)))
    return out


def episode_years(session: Session) -> list[int]:
    """The years in which any episode began (registration, else departure, else return),
    newest first."""
    first = func.coalesce(_Episode.registered_on, _Episode.departed_on, _Episode.returned_on)
    return sorted({int(y) for (y,) in session.execute(
        select(func.strftime("%Y", first)).where(_Episode.deleted.is_(False)).distinct())
        if y}, reverse=True)
