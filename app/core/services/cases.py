"""Cases (kasus): open on a person or an episode, follow up, refer, close, reopen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.core.errors import AppError, Issue, Severity, ValidationFailed
from app.core.models import Case, CaseFollowUp, CaseStatus, Episode, Resident
from app.core.services.common import (
    apply_changes,
    check_code,
    check_not_future,
    load_live,
    require,
)


@dataclass
class CaseInput:
    case_type: str
    reported_on: date
    reporter: str = ""
    occurred_on: date | None = None
    chronology: str = ""
    referral: str = ""
    sensitive: bool = True
    episode_id: str | None = None


def _validate(data: CaseInput) -> list[Issue]:
    issues = require(data.case_type, "case_type", "Jenis kasus")
    issues += check_code("case_types", data.case_type, "case_type", "Jenis kasus")
    issues += check_code("referrals", data.referral, "referral", "Rujukan")
    issues += require(data.reported_on, "reported_on", "Tanggal laporan")
    issues += check_not_future(data.reported_on, "reported_on", "laporan")
    issues += check_not_future(data.occurred_on, "occurred_on", "kejadian")
    return issues


def open_case(session: Session, resident_id: str, data: CaseInput) -> Case:
    resident = load_live(session, Resident, resident_id)
    issues = _validate(data)
    if data.episode_id:
        ep = load_live(session, Episode, data.episode_id)
        if ep.resident_id != resident.id:
            raise AppError("record.not_found", entity="episode")
    if issues:
        raise ValidationFailed(issues)
    case = Case(resident_id=resident.id, status=CaseStatus.BARU, **data.__dict__)
    session.add(case)
    session.flush()
    return case


def update_case(session: Session, case_id: str, data: CaseInput) -> Case:
    case = load_live(session, Case, case_id)
    issues = _validate(data)
    if issues:
        raise ValidationFailed(issues)
    apply_changes(case, data)
    session.flush()
    return case


def add_follow_up(
    session: Session, case_id: str, noted_on: date, note: str, *, new_status: str = "",
    referral: str = "",
) -> CaseFollowUp:
    """A follow-up note; it may move the case to ``diproses`` and set the referral."""
    case = load_live(session, Case, case_id)
    if case.status == CaseStatus.SELESAI:
        raise AppError("case.already_closed")
    issues = require(note, "note", "Catatan tindak lanjut")
    issues += check_not_future(noted_on, "noted_on", "tindak lanjut")
    issues += check_code("referrals", referral, "referral", "Rujukan")
    if new_status and new_status not in {s.value for s in CaseStatus}:
        issues.append(Issue("case.status_invalid", "status", Severity.ERROR,
                            {"value": new_status}))
    if issues:
        raise ValidationFailed(issues)
    follow = CaseFollowUp(case_id=case.id, noted_on=noted_on, note=note.strip(),
                          status_after=new_status or case.status)
    session.add(follow)
    if referral:
        case.referral = referral
    if new_status:
        case.status = new_status
        if new_status == CaseStatus.SELESAI:
            case.closed_on = noted_on
    elif case.status == CaseStatus.BARU:
        case.status = CaseStatus.DIPROSES
        follow.status_after = CaseStatus.DIPROSES
    session.flush()
    return follow


def close_case(session: Session, case_id: str, closed_on: date, note: str) -> Case:
    add_follow_up(session, case_id, closed_on, note or "Kasus selesai.",
                  new_status=CaseStatus.SELESAI)
    return load_live(session, Case, case_id)


def reopen_case(session: Session, case_id: str) -> Case:
    case = load_live(session, Case, case_id)
    case.status = CaseStatus.DIPROSES
    case.closed_on = None
    session.flush()
    return case
