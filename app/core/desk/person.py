"""The read-only person view of the P4MI desk: one resident as the hub holds them.

Everything the village sent about the person: their village (and kecamatan), every episode,
the contact log, the cases (the caller hides confidential details unless allowed and
revealed), the family left behind, and the other residents of *other* villages who carry the
same NIK (the cross-village NIK pair, never merged), with the clerk's check status.

Red flags: the rows the villages stored with each episode (``episode_flag``, travelling in the
bundle), read with :func:`app.core.repo.episodes.flags_for_episodes`; a prevented departure is an
episode in state ``dicegah``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.core.desk.search import village_names
from app.core.errors import AppError
from app.core.models import (
    Case,
    ContactLog,
    Episode,
    FamilyLink,
    NikFlag,
    P4miCaseAction,
    Resident,
)
from app.core.repo.episodes import FlagInfo, flags_for_episodes


@dataclass(frozen=True)
class EpisodeLine:
    id: str
    state: str
    country: str
    job: str
    sector: str
    p3mi: str
    scheme: str
    procedure: str
    registered_on: date | None
    departed_on: date | None
    expected_return: date | None
    returned_on: date | None
    return_reason: str
    flags: tuple[FlagInfo, ...] = ()  # stored red flags, most severe first (not cleared ones)


@dataclass(frozen=True)
class ContactLine:
    contacted_on: date
    channel: str
    condition: str
    news: str


@dataclass(frozen=True)
class CaseLine:
    id: str
    case_type: str
    reported_on: date
    status: str
    referral: str
    sensitive: bool
    p4mi_status: str


@dataclass(frozen=True)
class FamilyLine:
    name: str
    relation: str
    is_carer: bool
    birth_date: date | None


@dataclass(frozen=True)
class PairLink:
    """Another village's resident with the same NIK."""

    resident_id: str
    name: str
    village_code: str
    village_name: str
    migrant_status: str
    check_status: str  # "baru" / "diperiksa" / "" (not flagged by an import)


@dataclass
class PersonView:
    id: str
    name: str
    nik: str
    no_kk: str
    sex: str
    birth_place: str
    birth_date: date | None
    address: str
    dusun: str
    rt: str
    rw: str
    phone: str
    migrant_status: str
    life_status: str
    village_code: str
    village_name: str
    district_name: str
    episodes: list[EpisodeLine] = field(default_factory=list)
    contacts: list[ContactLine] = field(default_factory=list)
    cases: list[CaseLine] = field(default_factory=list)
    family: list[FamilyLine] = field(default_factory=list)
    pairs: list[PairLink] = field(default_factory=list)


def _flags_for(session: Session, episode_ids: list[str]) -> dict[str, tuple[FlagInfo, ...]]:
    """Red flags per episode, as the villages stored them (cleared ones left out)."""
    return {eid: tuple(found) for eid, found in flags_for_episodes(session, episode_ids).items()}


def desk_status_of(session: Session, case_ids: list[str]) -> dict[str, str]:
    """The P4MI's latest status per case (``""`` when the P4MI did nothing yet)."""
    out: dict[str, str] = {}
    if not case_ids:
        return out
    rows = session.execute(
        select(P4miCaseAction.case_id, P4miCaseAction.status_after)
        .where(P4miCaseAction.case_id.in_(case_ids), P4miCaseAction.deleted.is_(False))
        .order_by(P4miCaseAction.created_at))
    for case_id, status in rows:
        out[case_id] = status
    return out


def person_view(session: Session, resident_id: str) -> PersonView:
    r = session.get(Resident, resident_id)
    if r is None or r.deleted:
        raise AppError("record.not_found", entity="resident")
    village, district = village_names(r.owner_office)
    view = PersonView(r.id, r.name, r.nik or "", r.no_kk or "", r.sex, r.birth_place,
                      r.birth_date, r.address, r.dusun, r.rt, r.rw, r.phone, r.migrant_status,
                      r.life_status, r.owner_office, village, district)
    episodes = session.scalars(
        select(Episode).where(Episode.resident_id == r.id, Episode.deleted.is_(False))
        .order_by(Episode.registered_on, Episode.departed_on, Episode.created_at)).all()
    flags = _flags_for(session, [e.id for e in episodes])
    view.episodes = [EpisodeLine(e.id, e.state, e.destination_country, e.job, e.sector, e.p3mi,
                                 e.scheme, e.procedure, e.registered_on, e.departed_on,
                                 e.expected_return, e.returned_on, e.return_reason,
                                 flags.get(e.id, ())) for e in episodes]
    view.contacts = [ContactLine(c.contacted_on, c.channel, c.condition, c.news)
                     for c in session.scalars(
                         select(ContactLog).where(ContactLog.resident_id == r.id,
                                                  ContactLog.deleted.is_(False))
                         .order_by(ContactLog.contacted_on.desc()))]
    cases = session.scalars(select(Case).where(Case.resident_id == r.id,
                                               Case.deleted.is_(False))
                            .order_by(Case.reported_on.desc())).all()
    desk = desk_status_of(session, [c.id for c in cases])
    view.cases = [CaseLine(c.id, c.case_type, c.reported_on, c.status, c.referral, c.sensitive,
                           desk.get(c.id, "")) for c in cases]
    links = session.execute(
        select(FamilyLink, Resident.name, Resident.birth_date)
        .outerjoin(Resident, (Resident.id == FamilyLink.member_id) & Resident.deleted.is_(False))
        .where(FamilyLink.resident_id == r.id, FamilyLink.deleted.is_(False))).all()
    view.family = [FamilyLine(name or link.member_name, link.relation, link.is_carer,
                              born or link.member_birth_date) for link, name, born in links]
    if r.nik:
        others = session.scalars(select(Resident).where(
            Resident.nik == r.nik, Resident.deleted.is_(False), Resident.id != r.id,
            Resident.owner_office != r.owner_office).order_by(Resident.owner_office)).all()
        for o in others:
            flag = session.scalars(select(NikFlag.status).where(or_(
                (NikFlag.resident_id == r.id) & (NikFlag.other_resident_id == o.id),
                (NikFlag.resident_id == o.id) & (NikFlag.other_resident_id == r.id)))
                .order_by(NikFlag.id.desc())).first()
            view.pairs.append(PairLink(o.id, o.name, o.owner_office,
                                       village_names(o.owner_office)[0], o.migrant_status,
                                       str(flag or "")))
    return view
