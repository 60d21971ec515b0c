"""The village's copy of the latest P4MI bulletin (Qt-free reads for the village screens).

:mod:`sync.bulletin` checks the signed file and stores its content under the setting
``p4mi_bulletin``; this module reads it back: the P4MI's status of the village's own cases,
the NIK-pair outcomes, and the information to pass on (job orders, licensed P3MI,
destinations open/closed, reference updates).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

BULLETIN_KEY = "p4mi_bulletin"
BULLETIN_SHA_KEY = "p4mi_bulletin_sha256"
INFO_KEYS = ("lowongan", "p3mi_berizin", "negara_tujuan", "referensi")
"""Job orders, licensed P3MI, destinations open/closed, reference-list updates."""


@dataclass(frozen=True)
class CaseFromP4mi:
    case_id: str
    status: str  # diterima / diproses / dirujuk / selesai
    actions: tuple[dict[str, str], ...]

    @property
    def last(self) -> dict[str, str]:
        return self.actions[-1] if self.actions else {}


@dataclass
class Bulletin:
    issued_at: str
    regency_name: str
    cases: dict[str, CaseFromP4mi] = field(default_factory=dict)
    nik_pairs: list[dict[str, str]] = field(default_factory=list)
    info: dict[str, list[dict[str, str]]] = field(default_factory=dict)


def load_bulletin(session: Session) -> Bulletin | None:
    from app.core.db import get_setting

    text = get_setting(session, BULLETIN_KEY)
    if not text:
        return None
    try:
        raw: dict[str, Any] = json.loads(text)
    except json.JSONDecodeError:
        return None
    cases = {}
    for c in raw.get("cases", []):
        if isinstance(c, dict) and isinstance(c.get("case_id"), str):
            cases[c["case_id"]] = CaseFromP4mi(
                c["case_id"], str(c.get("status", "")),
                tuple(a for a in c.get("actions", []) if isinstance(a, dict)))
    info = raw.get("info")
    if not isinstance(info, dict):
        info = {}
    return Bulletin(str(raw.get("issued_at", "")), str(raw.get("regency_name", "")), cases,
                    [p for p in raw.get("nik_pairs", []) if isinstance(p, dict)],
                    {k: [i for i in info.get(k, []) if isinstance(i, dict)]
                     for k in INFO_KEYS})


def names_for(session: Session, bulletin: Bulletin) -> dict[str, str]:
    """The village's own names for the cases and residents a bulletin mentions (the bulletin
    carries ids, never names)."""
    from sqlalchemy import select

    from app.core.models import Case, Resident

    ids = list(bulletin.cases) + [str(p.get("resident_id", "")) for p in bulletin.nik_pairs]
    out: dict[str, str] = {}
    for cid, name in session.execute(select(Case.id, Resident.name).join(
            Resident, Resident.id == Case.resident_id).where(Case.id.in_(ids))):
        out[cid] = name
    for rid, name in session.execute(select(Resident.id, Resident.name).where(
            Resident.id.in_(ids))):
        out[rid] = name
    return out
