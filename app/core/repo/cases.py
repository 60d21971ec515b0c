"""Cases for the Kasus view: the list (filters in SQL) and one case with its follow-ups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.models import Case, CaseFollowUp, Episode, Resident

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


def list_cases(session: Session, *, status: str = "open", case_type: str = "",
               search: str = "", resident_id: str | None = None) -> list[CaseRow]:
    """Live cases of live residents, newest report first."""
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
    if resident_id:
        q = q.where(Case.resident_id == resident_id)
    text = " ".join(search.split())
    if text:
        if text.isdigit():
            q = q.where(Resident.nik.startswith(text))
        else:
            escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            q = q.where(Resident.name.ilike(f"%{escaped}%", escape="\\"))
    q = q.order_by(Case.reported_on.desc(), Resident.name)
    return [CaseRow(r[0], r[1], r[2], r[3] or "", r[4], r[5], r[6], r[7], bool(r[8]), r[9],
                    r[10], int(r[11]), _as_date(r[12]), r[13] or "")
            for r in session.execute(q)]


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
class CaseDetail:
    case: Case
    resident_name: str
    resident_nik: str
    episode_label: str
    follow_ups: list[FollowUpLine]


def case_detail(session: Session, case_id: str) -> CaseDetail:
    from app.core.services.common import load_live

    case = load_live(session, Case, case_id)
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
    return CaseDetail(
        case=case,
        resident_name=resident.name if resident else "",
        resident_nik=(resident.nik or "") if resident else "",
        episode_label=episode_label,
        follow_ups=[FollowUpLine(f.noted_on, f.note, f.status_after, f.updated_by)
                    for f in follow],
    )
