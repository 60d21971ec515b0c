"""The P4MI clerk's check of a cross-village NIK pair (the pair is never merged)."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.core.models import NikFlag
from app.core.repo.p4mi import NikPair
from app.core.services.audit import log_event


def mark_pair_checked(session: Session, pair: NikPair, operator: str = "") -> None:
    """Mark both directions of ``pair`` as checked (creating the flag when the importer made
    none) and record the check in the audit log."""
    flags = session.scalars(select(NikFlag).where(or_(
        (NikFlag.resident_id == pair.resident_a)
        & (NikFlag.other_resident_id == pair.resident_b),
        (NikFlag.resident_id == pair.resident_b)
        & (NikFlag.other_resident_id == pair.resident_a),
    ))).all()
    if not flags:
        session.add(NikFlag(nik=pair.nik, resident_id=pair.resident_b,
                            village_code=pair.village_b, other_resident_id=pair.resident_a,
                            other_village=pair.village_a, import_id=0, status="diperiksa"))
    for flag in flags:
        flag.status = "diperiksa"
    log_event(session, "nik_checked", operator=operator, entity="nik_ganda",
              entity_id=f"{pair.resident_a}:{pair.resident_b}",
              villages=[pair.village_a, pair.village_b])
