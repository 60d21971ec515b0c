"""The family left behind, and activities (sosialisasi, trainings) with participants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.core.errors import ValidationFailed
from app.core.models import Activity, ActivityParticipant, FamilyLink, Resident
from app.core.services.common import apply_changes, check_code, load_live, require, soft_delete


def link_family_member(
    session: Session, resident_id: str, relation: str, *, member_id: str | None = None,
    member_name: str = "", member_birth_date: date | None = None, is_carer: bool = False,
    notes: str = "",
) -> FamilyLink:
    """Record a family member left behind (a resident of the village, or only a name)."""
    resident = load_live(session, Resident, resident_id)
    issues = require(relation, "relation", "Hubungan")
    issues += check_code("relations", relation, "relation", "Hubungan")
    if member_id:
        member = load_live(session, Resident, member_id)
        member_name = member.name
    else:
        issues += require(member_name, "member_name", "Nama anggota keluarga")
    if issues:
        raise ValidationFailed(issues)
    link = FamilyLink(resident_id=resident.id, member_id=member_id,
                      member_name=member_name.strip(), member_birth_date=member_birth_date,
                      relation=relation, is_carer=is_carer, notes=notes)
    session.add(link)
    session.flush()
    return link


def update_family_link(
    session: Session, link_id: str, relation: str, *, member_id: str | None = None,
    member_name: str = "", member_birth_date: date | None = None, is_carer: bool = False,
    notes: str | None = None,
) -> FamilyLink:
    """Change a family member left behind (the same checks as when linking)."""
    link = load_live(session, FamilyLink, link_id)
    issues = require(relation, "relation", "Hubungan")
    issues += check_code("relations", relation, "relation", "Hubungan")
    if member_id:
        member = load_live(session, Resident, member_id)
        member_name, member_birth_date = member.name, None
    else:
        issues += require(member_name, "member_name", "Nama anggota keluarga")
    if issues:
        raise ValidationFailed(issues)
    values = {"member_id": member_id, "member_name": member_name.strip(),
              "member_birth_date": member_birth_date, "relation": relation,
              "is_carer": is_carer}
    if notes is not None:
        values["notes"] = notes
    for key, value in values.items():
        if getattr(link, key) != value:
            setattr(link, key, value)
    session.flush()
    return link


CHILD_RELATIONS = ("anak", "cucu")
ADULT_AGE = 18


def children_without_carer(session: Session, resident_id: str,
                           today: date | None = None) -> list[str]:
    """Names of the children under 18 (or of unknown age) left behind by ``resident_id``
    when no one in the list is marked as their carer; empty when there is a carer."""
    from sqlalchemy import select

    today = today or date.today()
    links = list(session.scalars(select(FamilyLink).where(
        FamilyLink.resident_id == resident_id, FamilyLink.deleted.is_(False))))
    if any(link.is_carer for link in links):
        return []
    names = []
    for link in links:
        if link.relation not in CHILD_RELATIONS:
            continue
        born = link.member_birth_date
        if born is None and link.member_id:
            member = session.get(Resident, link.member_id)
            born = member.birth_date if member is not None else None
        if born is not None:
            age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
            if age >= ADULT_AGE:
                continue
        names.append(link.member_name)
    return names


def unlink_family_member(session: Session, link_id: str) -> FamilyLink:
    return soft_delete(session, FamilyLink, link_id)


@dataclass
class ActivityInput:
    kind: str
    title: str
    held_on: date
    place: str = ""
    organizer: str = ""
    notes: str = ""


def create_activity(session: Session, data: ActivityInput) -> Activity:
    issues = require(data.title, "title", "Judul kegiatan")
    issues += require(data.kind, "kind", "Jenis kegiatan")
    issues += check_code("activity_kinds", data.kind, "kind", "Jenis kegiatan")
    issues += require(data.held_on, "held_on", "Tanggal kegiatan")
    if issues:
        raise ValidationFailed(issues)
    activity = Activity(**data.__dict__)
    session.add(activity)
    session.flush()
    return activity


def add_participant(
    session: Session, activity_id: str, *, resident_id: str | None = None, name: str = ""
) -> ActivityParticipant:
    activity = load_live(session, Activity, activity_id)
    if resident_id:
        name = load_live(session, Resident, resident_id).name
    issues = require(name, "name", "Nama peserta")
    if issues:
        raise ValidationFailed(issues)
    part = ActivityParticipant(activity_id=activity.id, resident_id=resident_id,
                               name=name.strip())
    session.add(part)
    session.flush()
    return part


def update_activity(session: Session, activity_id: str, data: ActivityInput) -> Activity:
    """Change an activity's details (same checks as :func:`create_activity`)."""
    activity = load_live(session, Activity, activity_id)
    issues = require(data.title, "title", "Judul kegiatan")
    issues += require(data.kind, "kind", "Jenis kegiatan")
    issues += check_code("activity_kinds", data.kind, "kind", "Jenis kegiatan")
    issues += require(data.held_on, "held_on", "Tanggal kegiatan")
    if issues:
        raise ValidationFailed(issues)
    apply_changes(activity, data)
    session.flush()
    return activity


def delete_activity(session: Session, activity_id: str) -> Activity:
    """Soft-delete an activity and its participant rows (tombstones travel in bundles)."""
    activity = load_live(session, Activity, activity_id)
    activity.deleted = True
    for part in activity.participants:
        if not part.deleted:
            part.deleted = True
    session.flush()
    return activity


def remove_participant(session: Session, participant_id: str) -> ActivityParticipant:
    return soft_delete(session, ActivityParticipant, participant_id)
