"""Cases for the Kasus view: the list (filters in SQL) and one case with its follow-ups.

Both apply the confidentiality rule of :mod:`app.core.privacy`: a case marked confidential
comes back with its type, reporter, chronology and follow-up notes replaced by
:data:`~app.core.privacy.REDACTED` (``hidden=True``) unless the caller asks to ``reveal`` it
for a ``viewer`` allowed to see it. Filtering by case type never finds a hidden case.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import false, func, or_, select
from sqlalchemy.orm import Session

from app.core.models import Case, CaseFollowUp, Episode, Resident
from app.core.privacy import REDACTED, Viewer, check_reveal, revealed
from app.core.repo.like import resident_matches

OPEN = ("baru", "diproses")
STATUS_FILTERS = ("open", "all", "baru", "diproses", "selesai")


@dataclass(frozen=True)
class CaseRow:
    id: str
    resident_id: str
    name: str
    nik: str
    case_type: str
    reported_on: date
    referral: str
    status: str
    sensitive: bool
    reporter: str
    chronology: str
    follow_ups: int
    last_follow_up: date | None
    country: str
    hidden: bool = False  # confidential and not revealed: the details read REDACTED


def list_cases(session: Session, *, status: str = "open", case_type: str = "",
               search: str = "", resident_id: str | None = None,
               viewer: Viewer | None = None, reveal: bool | Collection[str] = False,
               ) -> list[CaseRow]:
    """Live cases of live residents, newest report first.

    ``reveal``: ``True`` (every case) or the ids of the cases whose confidential details are
    shown; refused (``auth.not_allowed``) unless ``viewer`` may see them.
    """
    check_reveal(viewer, reveal)
    fu = (
        select(CaseFollowUp.case_id, func.count().label("n"),
               func.max(CaseFollowUp.noted_on).label("last"))
        .where(CaseFollowUp.deleted.is_(False))
        .group_by(CaseFollowUp.case_id)
        .subquery()
    )
    q = (
        select(Case.id, Case.resident_id, Resident.name, Resident.nik, Case.case_type,
               Case.reported_on, Case.referral, Case.status, Case.sensitive, Case.reporter,
               Case.chronology, func.coalesce(fu.c.n, 0), fu.c.last,
               func.coalesce(Episode.destination_country, ""))
        .join(Resident, Resident.id == Case.resident_id)
        .outerjoin(fu, fu.c.case_id == Case.id)
        .outerjoin(Episode, Episode.id == Case.episode_id)
        .where(Case.deleted.is_(False), Resident.deleted.is_(False))
    )
    if status == "open":
        q = q.where(Case.status.in_(OPEN))
    elif status in ("baru", "diproses", "selesai"):
        q = q.where(Case.status == status)
    if case_type:
        q = q.where(Case.case_type == case_type)
        if reveal is not True:
            # the type of a hidden case must not be learnt by filtering on it
            shown = list(reveal) if not isinstance(reveal, bool) else []
            q = q.where(or_(Case.sensitive.is_(False),
                            Case.id.in_(shown) if shown else false()))
    if resident_id:
        q = q.where(Case.resident_id == resident_id)
    text = " ".join(search.split())
    if text:
        q = q.where(resident_matches(text))
    q = q.order_by(Case.reported_on.desc(), Resident.name)
    out = []
    for r in session.execute(q):
        hidden = bool(r[8]) and not revealed(reveal, r[0])
        out.append(CaseRow(r[0], r[1], r[2], r[3] or "", REDACTED if hidden else r[4], r[5],
                           r[6], r[7], bool(r[8]), REDACTED if hidden else r[9],
                           REDACTED if hidden else r[10], int(r[11]), _as_date(r[12]),
                           r[13] or "", hidden))
    return out


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class FollowUpLine:
    noted_on: date
    note: str
    status_after: str
    by: str


@dataclass(frozen=True)
class CaseInfo:
    """A case as read (not the ORM object: nothing here can leak back into the database)."""

    id: str
    resident_id: str
    episode_id: str | None
    case_type: str
    reporter: str
    reported_on: date
    occurred_on: date | None
    chronology: str
    referral: str
    status: str
    sensitive: bool
    closed_on: date | None


@dataclass(frozen=True)
class CaseDetail:
    case: CaseInfo
    resident_name: str
    resident_nik: str
    episode_label: str
    follow_ups: list[FollowUpLine]
    hidden: bool = False  # confidential and not revealed


def case_detail(session: Session, case_id: str, *, viewer: Viewer | None = None,
                reveal: bool = False) -> CaseDetail:
    """One case with its follow-ups; a confidential one redacted unless revealed."""
    from app.core.services.common import load_live

    check_reveal(viewer, reveal)
    case = load_live(session, Case, case_id)
    hidden = bool(case.sensitive) and not reveal
    resident = session.get(Resident, case.resident_id)
    episode_label = ""
    if case.episode_id:
        ep = session.get(Episode, case.episode_id)
        if ep is not None:
            episode_label = ep.destination_country
    follow = session.scalars(
        select(CaseFollowUp).where(CaseFollowUp.case_id == case.id,
                                   CaseFollowUp.deleted.is_(False))
        .order_by(CaseFollowUp.noted_on, CaseFollowUp.created_at)).all()
    info = CaseInfo(
        id=case.id, resident_id=case.resident_id, episode_id=case.episode_id,
        case_type=REDACTED if hidden else case.case_type,
        reporter=REDACTED if hidden else case.reporter, reported_on=case.reported_on,
        occurred_on=case.occurred_on, chronology=REDACTED if hidden else case.chronology,
        referral=case.referral, status=case.status, sensitive=bool(case.sensitive),
        closed_on=case.closed_on)
    return CaseDetail(
        case=info,
        resident_name=resident.name if resident else "",
        resident_nik=(resident.nik or "") if resident else "",
        episode_label=episode_label,
        follow_ups=[FollowUpLine(f.noted_on, REDACTED if hidden else f.note, f.status_after,
                                 f.updated_by)
                    for f in follow],
        hidden=hidden,
    )
