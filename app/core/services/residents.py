"""Register, change and delete residents; the NIK and No. KK rules; the duplicate-NIK check."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import reference
from app.core.access import Permission
from app.core.access import require as require_permission
from app.core.errors import AppError, Issue, Severity, raise_for_issues
from app.core.models import LifeStatus, Resident, new_uuid
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


class NikIndex:
    """The live residents holding the NIKs of a batch (an import): one query for all NIKs
    instead of one :func:`find_by_nik` per row.

    Services given an index (``nik_index=``) look duplicates up here and keep it current as
    they add and change residents, so each row sees exactly what :func:`find_by_nik` would
    see after the rows before it were flushed. They also leave flushing to the caller (one
    flush per chunk). Only ids and names are held: memory stays small.
    """

    CHUNK = 500  # NIKs per IN (...) query

    def __init__(self, session: Session, niks: Iterable[str | None]) -> None:
        self._session = session
        self._holders: dict[str, dict[str, str]] = {}  # nik -> {resident id: name}
        wanted = sorted({n for n in (normalize_nik(x) for x in niks if x) if n})
        for start in range(0, len(wanted), self.CHUNK):
            self._load(wanted[start:start + self.CHUNK])

    def _load(self, niks: list[str]) -> None:
        self._holders.update({n: {} for n in niks})
        rows = self._session.execute(
            select(Resident.nik, Resident.id, Resident.name)
            .where(Resident.nik.in_(niks), Resident.deleted.is_(False))
            .order_by(Resident.id))
        for nik, rid, name in rows:
            if nik is not None:  # always: the query selects by NIK
                self._holders[nik][rid] = name

    def _ensure(self, nik: str) -> dict[str, str]:
        """The holders of ``nik``; a NIK outside the batch is looked up on first use (before
        any change of the batch touches it, so the database is still right about it)."""
        if nik not in self._holders:
            self._load([nik])
        return self._holders[nik]

    def find(self, nik: str, *, exclude_id: str | None = None) -> tuple[str, str] | None:
        """(id, name) of a live resident with ``nik`` other than ``exclude_id``, if any."""
        for rid, name in self._ensure(nik).items():
            if rid != exclude_id:
                return rid, name
        return None

    def moved(self, resident_id: str, name: str, old: str | None, new: str | None) -> None:
        """Record that the resident (now called ``name``) holds ``new`` instead of ``old``."""
        if old:
            self._ensure(old).pop(resident_id, None)
        if new:
            self._ensure(new)[resident_id] = name


def validate_resident(
    session: Session, data: ResidentInput, *, exclude_id: str | None = None,
    today: date | None = None, check_duplicate: bool = True, nik_index: NikIndex | None = None,
) -> list[Issue]:
    """Every issue with ``data`` (already normalised): errors block, warnings explain.

    With ``nik_index`` the duplicate-NIK check looks in the batch's index, not the database.
    """
    today = today or date.today()
    issues: list[Issue] = []
    issues += require(data.name, "name", "Nama")
    if data.sex not in ("L", "P"):
        issues.append(Issue("resident.sex_invalid", "sex"))
    if data.birth_date and data.birth_date > today:
        issues.append(Issue("resident.birth_future", "birth_date", Severity.ERROR,
                            {"value": data.birth_date}))
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
        if nik_index is not None:
            other = nik_index.find(data.nik, exclude_id=exclude_id)
        else:
            found = find_by_nik(session, data.nik, exclude_id=exclude_id)
            other = (found.id, found.name) if found is not None else None
        if other is not None:
            issues.append(Issue("resident.nik_duplicate", "nik", Severity.ERROR,
                                {"nik": data.nik, "name": other[1],
                                 "resident_id": other[0]}))
    return issues


def _fields(data: ResidentInput) -> dict[str, object]:
    """The input's fields (plain values: no deep copy as ``dataclasses.asdict`` makes)."""
    return {name: getattr(data, name) for name in _FIELD_NAMES}


_FIELD_NAMES = tuple(f.name for f in dataclasses.fields(ResidentInput))


def register_resident(
    session: Session, data: ResidentInput, *, accept_warnings: bool = False,
    nik_index: NikIndex | None = None,
) -> Resident:
    """Add a resident. A duplicate NIK is an error: the form offers to open the other person.

    With ``nik_index`` (a batch) the new resident gets its id now and the caller flushes.
    """
    data = data.normalized()
    raise_for_issues(validate_resident(session, data, nik_index=nik_index),
                     accept_warnings=accept_warnings)
    resident = Resident(**_fields(data))
    if nik_index is None:
        session.add(resident)
        session.flush()
        return resident
    resident.id = new_uuid()  # what the flush would give it; the caller journals it now
    session.add(resident)
    nik_index.moved(resident.id, resident.name, None, resident.nik)
    return resident


def update_resident(
    session: Session, resident_id: str, data: ResidentInput, *, accept_warnings: bool = False,
    nik_index: NikIndex | None = None,
) -> Resident:
    """Change a resident (with ``nik_index``, a batch: the caller flushes)."""
    resident = load_live(session, Resident, resident_id)
    data = data.normalized()
    raise_for_issues(
        validate_resident(session, data, exclude_id=resident_id, nik_index=nik_index),
        accept_warnings=accept_warnings,
    )
    old_nik = resident.nik
    for key, value in _fields(data).items():
        if getattr(resident, key) != value:
            setattr(resident, key, value)
    if nik_index is None:
        session.flush()
    else:
        nik_index.moved(resident.id, resident.name, old_nik, resident.nik)
    from app.core.services.episodes import reevaluate_resident

    reevaluate_resident(session, resident.id)  # red flags follow the person's data
    return resident


PERSONAL_FIELDS = ("nik", "no_kk", "birth_place", "birth_date", "address", "phone",
                   "passport_no", "passport_expiry", "bpjs_tk_no", "notes")


def delete_resident(session: Session, resident_id: str, *, purge: bool = True,
                    by: object = None) -> Resident:
    """Delete a person: a tombstone that travels to P4MI in the next bundle.

    ``by`` is who deletes (a ``SignedIn``); refused (``auth.not_allowed``) unless they may
    delete. ``None``: no one signed in (command line, a folder without operators).

    With ``purge`` (the default, for deletion requests under UU 27/2022 and for records made
    by mistake) the personal values are erased from the row, from the person's episodes,
    cases and contact notes, and from the audit log; what stays is the fact of the deletion,
    who did it and when (retention rule: README, "Data pribadi"). The daily backups still
    hold the old values until rotation removes them.
    """
    require_permission(by, Permission.DELETE)
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
    row: Any  # a row of one of the models below
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
