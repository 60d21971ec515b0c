"""Register, change and delete residents; the NIK and No. KK rules; the duplicate-NIK check."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import reference
from app.core.errors import AppError, Issue, Severity, raise_for_issues
from app.core.models import LifeStatus, Resident
from app.core.rules.nik import normalize_nik, validate_kk, validate_nik
from app.core.services.common import check_code, load_live, require

_RT_RW = re.compile(r"^\d{1,3}$")
_PASSPORT = re.compile(r"^[A-Z0-9]{5,12}$")


@dataclass
class ResidentInput:
    """What a form or an import supplies for one resident. Empty strings mean "not known"."""

    name: str
    sex: str
    nik: str | None = None
    no_kk: str | None = None
    birth_place: str = ""
    birth_date: date | None = None
    shdk: str = ""
    dusun: str = ""
    rw: str = ""
    rt: str = ""
    address: str = ""
    phone: str = ""
    education: str = ""
    marital_status: str = ""
    passport_no: str = ""
    passport_expiry: date | None = None
    bpjs_tk_no: str = ""
    life_status: str = LifeStatus.HIDUP
    notes: str = ""

    def normalized(self) -> ResidentInput:
        nik = normalize_nik(self.nik) if self.nik else None
        kk = normalize_nik(self.no_kk) if self.no_kk else None
        rt, rw = normalize_rt_rw(self.rt, self.rw)
        return dataclasses.replace(
            self,
            name=" ".join(self.name.split()),
            sex=self.sex.strip().upper(),
            nik=nik or None,
            no_kk=kk or None,
            passport_no=self.passport_no.strip().upper().replace(" ", ""),
            rt=rt,
            rw=rw,
        )

    @classmethod
    def from_resident(cls, r: Resident) -> ResidentInput:
        return cls(**{f.name: getattr(r, f.name) for f in dataclasses.fields(cls)})


def normalize_rt_rw(rt: str | None, rw: str | None) -> tuple[str, str]:
    """RT and RW as three digits (``"12"`` -> ``"012"``), as on the KTP and the family card.

    ``"12/3"`` typed as the RT (with the RW empty) is split into RT ``012`` and RW ``003``.
    Text that is not a number of at most three digits is kept as typed (the checks report it).
    """
    rt, rw = (rt or "").strip(), (rw or "").strip()
    if "/" in rt and not rw:
        rt, rw = (part.strip() for part in rt.split("/", 1))

    def pad(text: str) -> str:
        return text.zfill(3) if text.isdigit() and len(text) <= 3 else text

    return pad(rt), pad(rw)


def find_by_nik(session: Session, nik: str, *, exclude_id: str | None = None) -> Resident | None:
    """The live resident with this NIK, if any (a duplicate candidate)."""
    query = select(Resident).where(Resident.nik == nik, Resident.deleted.is_(False))
    if exclude_id:
        query = query.where(Resident.id != exclude_id)
    return session.scalars(query.limit(1)).first()


def validate_resident(
    session: Session, data: ResidentInput, *, exclude_id: str | None = None,
    today: date | None = None, check_duplicate: bool = True,
) -> list[Issue]:
    """Every issue with ``data`` (already normalised): errors block, warnings explain."""
    today = today or date.today()
    issues: list[Issue] = []
    issues += require(data.name, "name", "Nama")
    if data.sex not in ("L", "P"):
        issues.append(Issue("resident.sex_invalid", "sex"))
    if data.birth_date and data.birth_date > today:
        issues.append(Issue("resident.birth_future", "birth_date", Severity.ERROR,
                            {"value": data.birth_date.strftime("%d/%m/%Y")}))
    if data.life_status not in {s.value for s in LifeStatus}:
        issues.append(Issue("resident.life_status_invalid", "life_status", Severity.ERROR,
                            {"value": data.life_status}))
    for field, label in (("rt", "RT"), ("rw", "RW")):
        value = getattr(data, field)
        if value and not _RT_RW.match(value):
            issues.append(Issue("resident.rt_rw_invalid", field, Severity.ERROR,
                                {"label": label}))
    if data.passport_no and not _PASSPORT.match(data.passport_no):
        issues.append(Issue("resident.passport_invalid", "passport_no"))
    issues += check_code("shdk", data.shdk, "shdk", "SHDK")
    issues += check_code("education", data.education, "education", "Pendidikan")
    issues += check_code("marital_status", data.marital_status, "marital_status",
                         "Status perkawinan")
    issues += validate_nik(
        data.nik,
        birth_date=data.birth_date,
        sex=data.sex if data.sex in ("L", "P") else None,
        is_known_province=reference.is_known_province,
        is_known_region=reference.is_known_region,
        today=today,
    )
    issues += validate_kk(
        data.no_kk,
        is_known_province=reference.is_known_province,
        is_known_region=reference.is_known_region,
    )
    # the list import matches NIKs against the whole register at once (check_duplicate=False)
    if check_duplicate and data.nik and not any(i.is_error and i.field == "nik"
                                                for i in issues):
        other = find_by_nik(session, data.nik, exclude_id=exclude_id)
        if other is not None:
            issues.append(Issue("resident.nik_duplicate", "nik", Severity.ERROR,
                                {"nik": data.nik, "name": other.name,
                                 "resident_id": other.id}))
    return issues


def register_resident(
    session: Session, data: ResidentInput, *, accept_warnings: bool = False
) -> Resident:
    """Add a resident. A duplicate NIK is an error: the form offers to open the other person."""
    data = data.normalized()
    raise_for_issues(validate_resident(session, data), accept_warnings=accept_warnings)
    resident = Resident(**dataclasses.asdict(data))
    session.add(resident)
    session.flush()
    return resident


def update_resident(
    session: Session, resident_id: str, data: ResidentInput, *, accept_warnings: bool = False
) -> Resident:
    resident = load_live(session, Resident, resident_id)
    data = data.normalized()
    raise_for_issues(
        validate_resident(session, data, exclude_id=resident_id), accept_warnings=accept_warnings
    )
    for key, value in dataclasses.asdict(data).items():
        if getattr(resident, key) != value:
            setattr(resident, key, value)
    session.flush()
    from app.core.services.episodes import reevaluate_resident

    reevaluate_resident(session, resident.id)  # red flags follow the person's data
    return resident


PERSONAL_FIELDS = ("nik", "no_kk", "birth_place", "birth_date", "address", "phone",
                   "passport_no", "passport_expiry", "bpjs_tk_no", "notes")


def delete_resident(session: Session, resident_id: str, *, purge: bool = True) -> Resident:
    """Delete a person: a tombstone that travels to P4MI in the next bundle.

    With ``purge`` (the default, for deletion requests under UU 27/2022 and for records made
    by mistake) the personal values are erased from the row, from the person's episodes,
    cases and contact notes, and from the audit log; what stays is the fact of the deletion,
    who did it and when (retention rule: README, "Data pribadi"). The daily backups still
    hold the old values until rotation removes them.
    """
    resident = load_live(session, Resident, resident_id)
    resident.deleted = True
    if purge:
        _purge_person(session, resident)
    session.flush()
    return resident


def _purge_person(session: Session, resident: Resident) -> None:
    from sqlalchemy import update

    from app.core.models import AuditEntry, Case, ContactLog, Episode, FamilyLink, Letter

    for name in PERSONAL_FIELDS:
        setattr(resident, name, None if name in ("nik", "no_kk", "birth_date",
                                                  "passport_expiry") else "")
    resident.name = "(dihapus)"
    row_ids = [resident.id]
    for model, text_fields in (
        (Episode, ("employer", "consent_name", "consent_nik", "notes", "end_reason",
                   # issue 9 episode fields holding personal data
                   "epmi_no", "visa_no", "trip_passport_no", "pk_no", "employer_address",
                   "employer_phone", "phone_abroad", "heir_name", "heir_phone",
                   "returnee_skills", "returnee_business", "remittance_use")),
        (Case, ("reporter", "chronology")),
        (ContactLog, ("news",)),
        (FamilyLink, ("member_name", "notes")),
        (Letter, ("nik", "name", "fields")),  # the letter register keeps only the number
    ):
        for row in session.scalars(select(model).where(model.resident_id == resident.id)):
            row.deleted = True
            for name in text_fields:
                setattr(row, name, "")
            row_ids.append(row.id)
            if isinstance(row, Case):
                for follow in row.follow_ups:
                    follow.deleted = True
                    follow.note = ""
                    row_ids.append(follow.id)
    # copies of the person's name elsewhere: as a family member, as an activity participant
    from app.core.models import ActivityParticipant

    for link in session.scalars(select(FamilyLink).where(FamilyLink.member_id == resident.id)):
        link.deleted = True
        link.member_name = ""
        link.member_birth_date = None
        link.notes = ""
        row_ids.append(link.id)
    for part in session.scalars(select(ActivityParticipant).where(
            ActivityParticipant.resident_id == resident.id)):
        part.deleted = True
        part.name = ""
        row_ids.append(part.id)
    session.flush()
    session.execute(
        update(AuditEntry)
        .where(AuditEntry.entity_id.in_(row_ids))
        .values(changes='{"_": "nilai pribadi dihapus"}')
    )


def get_resident(session: Session, resident_id: str) -> Resident:
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise AppError("record.not_found", entity="resident")
    return resident
