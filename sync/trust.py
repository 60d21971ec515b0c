"""P4MI side: the villages' signing keys on record, and replacing one ("Ganti kunci desa").

A village's key is recorded on its first import once the clerk confirms the fingerprint
(:func:`sync.importer.import_bundle` with ``confirm_key``), or beforehand from the village's
public key file (training-event provisioning, :func:`trust_village_key`). A bundle signed by
any other key is refused. Replacing a key (new laptop, reinstall) is an explicit, audited
action; the old key stays in the history, inactive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.core.errors import AppError
from app.core.models import VillageKey, utcnow
from app.core.services.audit import log_event
from app.core.workspace import MODE_P4MI, Workspace
from sync.importer import check_village
from sync.keys import PublicKeyInfo, normalize_fingerprint


@dataclass(frozen=True)
class KeyRecord:
    village_code: str
    fingerprint: str
    source: str
    trusted_at: datetime
    trusted_by: str
    active: bool
    reason: str


def _hub(ws: Workspace) -> str:
    office = ws.office()
    if office is None or office.mode != MODE_P4MI:
        raise AppError("sync.import.not_hub")
    return office.code


def village_keys(ws: Workspace, village_code: str | None = None) -> list[KeyRecord]:
    with ws.db.session() as s:
        q = select(VillageKey).order_by(VillageKey.village_code, VillageKey.id)
        if village_code:
            q = q.where(VillageKey.village_code == village_code)
        return [KeyRecord(k.village_code, k.fingerprint, k.source, k.trusted_at, k.trusted_by,
                          k.active, k.reason) for k in s.scalars(q)]


def trust_village_key(ws: Workspace, village_code: str, key: PublicKeyInfo, *,
                      operator: str, confirm_fingerprint: str) -> None:
    """Record the first key of a village from its public key file (provisioning)."""
    check_village(_hub(ws), village_code)
    if normalize_fingerprint(confirm_fingerprint) != key.fingerprint:
        raise AppError("sync.key.unconfirmed", village=village_code, fingerprint=key.fingerprint)
    with ws.db.sessions.begin() as s:
        current = s.scalars(select(VillageKey).where(VillageKey.village_code == village_code,
                                                     VillageKey.active.is_(True))).first()
        if current is not None:
            if current.public_key == key.b64:
                return
            raise AppError("sync.key.mismatch", village=village_code, known=current.fingerprint,
                           found=key.fingerprint)
        s.add(VillageKey(village_code=village_code, public_key=key.b64,
                         fingerprint=key.fingerprint, source="berkas", trusted_by=operator,
                         active=True))
        log_event(s, "trust_key", operator=operator, entity="kunci_desa",
                  entity_id=village_code, fingerprint=key.fingerprint)


def replace_village_key(ws: Workspace, village_code: str, key: PublicKeyInfo, *,
                        operator: str, reason: str, confirm_fingerprint: str) -> str | None:
    """"Ganti kunci desa": retire the village's key and trust ``key``. Returns the old
    fingerprint (None if the village had none)."""
    check_village(_hub(ws), village_code)
    if not reason.strip():
        raise AppError("sync.key.no_reason")
    if normalize_fingerprint(confirm_fingerprint) != key.fingerprint:
        raise AppError("sync.key.unconfirmed", village=village_code, fingerprint=key.fingerprint)
    now = utcnow()
    with ws.db.sessions.begin() as s:
        old = s.scalars(select(VillageKey).where(VillageKey.village_code == village_code,
                                                 VillageKey.active.is_(True))).all()
        for k in old:
            k.active = False
            k.retired_at = now
        s.add(VillageKey(village_code=village_code, public_key=key.b64,
                         fingerprint=key.fingerprint, source="ganti", trusted_by=operator,
                         active=True, reason=reason.strip()))
        old_fp = old[-1].fingerprint if old else None
        log_event(s, "replace_key", operator=operator, entity="kunci_desa",
                  entity_id=village_code, old=old_fp, new=key.fingerprint, reason=reason.strip())
    return old_fp
