"""The case desk: every village's cases in one list, and the P4MI's own actions on them.

Filters (all in SQL): the village's status (``open``/``all``/``baru``/``diproses``/``selesai``),
the P4MI's status (``belum`` = not accepted yet, or a :class:`DeskStatus` value), type,
destination country (of the case's episode), village, kecamatan (a village code prefix),
referred to P4MI (the village's referral is ``p4mi``), and age (days since reported).

The P4MI's actions are :class:`~app.core.models.P4miCaseAction` rows owned by the hub office;
they never change the village's ``case_file``/``case_follow_up`` rows (see the model's
docstring). Confidential details are revealed through :func:`record_reveal`, the same audit
events (``reveal_case``, ``reveal_case_list``) and the same permission
(``Permission.SEE_SENSITIVE``) as the village's case view.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.desk.person import desk_status_of
from app.core.desk.search import village_names
from app.core.errors import AppError, Issue, Severity, ValidationFailed
from app.core.models import (
    Case,
    CaseFollowUp,
    DeskAction,
    DeskStatus,
    Episode,
    P4miCaseAction,
    Resident,
)
from app.core.privacy import REDACTED, Viewer, check_reveal, revealed
from app.core.repo.like import resident_matches
from app.core.services.audit import log_event
from app.core.services.common import check_code, check_not_future, load_live, require

OPEN = ("baru", "diproses")
REFER_ON = ("bp3mi", "disnaker", "kbri_kjri", "polisi", "dinsos", "ltsa", "kp2mi",
            "peduli_wni", "lsm", "lainnya")
"""Where the P4MI may refer a case on (referral codes; health goes under ``dinsos``/``lainnya``
until the reference list has its own code)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "desk.already_accepted": (
        "Rujukan kasus ini sudah diterima P4MI sebelumnya.",
        "The P4MI already accepted this referral.",
    ),
    "desk.not_accepted": (
        "Terima dulu rujukan kasus ini sebelum mencatat tindak lanjut P4MI.",
        "Accept the referral first, then record the P4MI's follow-up.",
    ),
    "desk.already_done": (
        "P4MI sudah mencatat hasil akhir kasus ini; tidak ada tindakan lagi yang dapat dicatat.",
        "The P4MI already recorded the outcome of this case; no further action can be "
        "recorded.",
    ),
    "desk.action_invalid": (
        "Jenis tindakan P4MI '{value}' tidak dikenal.",
        "Unknown P4MI action '{value}'.",
    ),
    "desk.refer_target_missing": (
        "Pilih instansi tujuan rujukan (BP3MI, Disnaker, KBRI/KJRI, polisi, ...).",
        "Choose where to refer the case (BP3MI, Disnaker, KBRI/KJRI, police, ...).",
    ),
}


@dataclass(frozen=True)
class DeskFilter:
    status: str = "open"
    desk_status: str = ""  # "" all, "belum", or a DeskStatus value
    case_type: str = ""
    country: str = ""
    village: str = ""
    district: str = ""  # kecamatan code PP.KK.CC
    referred_p4mi: bool = False
    min_age_days: int = 0
    search: str = ""


@dataclass(frozen=True)
class DeskCase:
    id: str
    resident_id: str
    name: str
    nik: str
    village_code: str
    village_name: str
    district_name: str
    case_type: str
    reported_on: date
    referral: str
    status: str
    desk_status: str
    sensitive: bool
    country: str
    age_days: int
    follow_ups: int


def desk_cases(session: Session, f: DeskFilter, today: date | None = None, *,
               viewer: Viewer | None = None, reveal: bool | Collection[str] = False,
               ) -> list[DeskCase]:
    """Live cases of live residents of every village, oldest open report first.

    A confidential case keeps its type hidden (:data:`app.core.privacy.REDACTED`) unless
    ``reveal`` names it (or is ``True``) for a ``viewer`` allowed to see it, the same rule as
    the village's Kasus list; filtering by case type never finds a hidden case."""
    check_reveal(viewer, reveal)
    today = today or date.today()
    fu = (select(CaseFollowUp.case_id, func.count().label("n"))
          .where(CaseFollowUp.deleted.is_(False)).group_by(CaseFollowUp.case_id).subquery())
    q = (select(Case.id, Case.resident_id, Resident.name, Resident.nik, Case.owner_office,
                Case.case_type, Case.reported_on, Case.referral, Case.status, Case.sensitive,
                func.coalesce(Episode.destination_country, ""), func.coalesce(fu.c.n, 0))
         .join(Resident, Resident.id == Case.resident_id)
         .outerjoin(Episode, Episode.id == Case.episode_id)
         .outerjoin(fu, fu.c.case_id == Case.id)
         .where(Case.deleted.is_(False), Resident.deleted.is_(False)))
    if f.status == "open":
        q = q.where(Case.status.in_(OPEN))
    elif f.status in ("baru", "diproses", "selesai"):
        q = q.where(Case.status == f.status)
    if f.case_type:
        q = q.where(Case.case_type == f.case_type)
        if reveal is not True:
            shown = list(reveal) if not isinstance(reveal, bool) else []
            q = q.where((Case.sensitive.is_(False)) | Case.id.in_(shown))
    if f.country:
        q = q.where(Episode.destination_country == f.country)
    if f.village:
        q = q.where(Case.owner_office == f.village)
    if f.district:
        q = q.where(Case.owner_office.startswith(f.district + "."))
    if f.referred_p4mi:
        q = q.where(Case.referral == "p4mi")
    if f.min_age_days > 0:
        q = q.where(Case.reported_on <= date.fromordinal(today.toordinal() - f.min_age_days))
    text = " ".join(f.search.split())
    if text:
        q = q.where(resident_matches(text))
    rows = session.execute(q.order_by(Case.reported_on, Resident.name)).all()
    desk = desk_status_of(session, [r[0] for r in rows])
    out = []
    names: dict[str, tuple[str, str]] = {}
    for r in rows:
        status = desk.get(r[0], "")
        if f.desk_status == "belum" and status:
            continue
        if f.desk_status and f.desk_status != "belum" and status != f.desk_status:
            continue
        village = str(r[4])
        if village not in names:
            names[village] = village_names(village)
        reported = _as_date(r[6])
        case_type = r[5] if not r[9] or revealed(reveal, r[0]) else REDACTED
        out.append(DeskCase(r[0], r[1], r[2], r[3] or "", village, names[village][0],
                            names[village][1], case_type, reported, r[7] or "", r[8], status,
                            bool(r[9]), r[10] or "", (today - reported).days, int(r[11])))
    return out


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class DeskActionLine:
    noted_on: date
    action: str
    status_after: str
    referral: str
    note: str
    by: str


def desk_actions(session: Session, case_id: str) -> list[DeskActionLine]:
    rows = session.scalars(select(P4miCaseAction).where(
        P4miCaseAction.case_id == case_id, P4miCaseAction.deleted.is_(False))
        .order_by(P4miCaseAction.created_at))
    return [DeskActionLine(a.noted_on, a.action, a.status_after, a.referral, a.note,
                           a.updated_by) for a in rows]


_STATUS_AFTER = {
    DeskAction.TERIMA: DeskStatus.DITERIMA,
    DeskAction.TINDAK_LANJUT: DeskStatus.DIPROSES,
    DeskAction.RUJUK: DeskStatus.DIRUJUK,
    DeskAction.SELESAI: DeskStatus.SELESAI,
}


def record_action(session: Session, case_id: str, action: str, noted_on: date, note: str = "",
                  *, referral: str = "") -> P4miCaseAction:
    """One P4MI action on a village's case. Accept first; nothing after the outcome."""
    case = load_live(session, Case, case_id)
    try:
        kind = DeskAction(action)
    except ValueError:
        raise AppError("desk.action_invalid", value=action) from None
    current = desk_status_of(session, [case.id]).get(case.id, "")
    if current == DeskStatus.SELESAI:
        raise AppError("desk.already_done")
    if kind == DeskAction.TERIMA and current:
        raise AppError("desk.already_accepted")
    if kind != DeskAction.TERIMA and not current:
        raise AppError("desk.not_accepted")
    issues: list[Issue] = check_not_future(noted_on, "noted_on", "tindak lanjut")
    if kind in (DeskAction.TINDAK_LANJUT, DeskAction.SELESAI):
        issues += require(note.strip(), "note", "Catatan tindak lanjut")
    if kind == DeskAction.RUJUK:
        if not referral:
            issues.append(Issue("desk.refer_target_missing", "referral", Severity.ERROR, {}))
        else:
            issues += check_code("referrals", referral, "referral", "Rujukan")
    if issues:
        raise ValidationFailed(issues)
    row = P4miCaseAction(case_id=case.id, village_code=case.owner_office, action=kind.value,
                         noted_on=noted_on, note=note.strip(),
                         referral=referral if kind == DeskAction.RUJUK else "",
                         status_after=_STATUS_AFTER[kind].value)
    session.add(row)
    session.flush()
    return row


def record_reveal(session: Session, case_id: str | None = None) -> None:
    """Audit one reveal of confidential case details (the village's events, unchanged)."""
    if case_id is None:
        log_event(session, "reveal_case_list", entity="case_file")
    else:
        log_event(session, "reveal_case", entity="case_file", entity_id=case_id)
