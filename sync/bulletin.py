"""Buletin P4MI: what the P4MI sends back to ONE village, signed, beside the receipt.

A bulletin file (``BP_<village>_<YYYYMMDD-HHMMSS>.bmdb``) is JSON like a receipt: ``content``
(a JSON text, exactly the signed bytes), ``signature`` (Ed25519 by the hub's key) and
``public_key``. The content holds, for the addressed village only:

- ``cases``: for each of *that village's* cases the P4MI acted on, the P4MI's status and its
  actions (date, action, status after, referred to, note);
- ``nik_pairs``: the outcome of the NIK-pair checks concerning the village's residents (the
  village's own resident id and NIK, the check status, and only the *code* of the other
  village: never another village's personal data);
- ``info``: what the village must pass on (Pasal 42 (1) a): job orders announced by the
  Disnaker, the licensed P3MI list, destinations open or closed, reference-list updates; the
  P4MI keeps these in the hub (:func:`set_bulletin_info`).

The village checks the signature against the installed P4MI key, the village code and that it
is not older than the bulletin it already holds, then keeps the content in its settings
(``p4mi_bulletin``): the "Dari P4MI" panel, the case view's P4MI status and the bundle screen
read it from there (:mod:`app.core.desk.bulletin_store`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import __version__
from app.core.db import get_setting, set_setting
from app.core.desk.bulletin_store import BULLETIN_KEY, BULLETIN_SHA_KEY, INFO_KEYS
from app.core.errors import AppError
from app.core.models import utcnow
from app.core.practice import is_practice
from app.core.services.audit import log_event
from app.core.workspace import MODE_P4MI, MODE_VILLAGE, Workspace
from sync.container import PRACTICE_PREFIX, write_file_atomic
from sync.dbutil import raw_connection
from sync.keys import (
    PublicKeyInfo,
    load_or_create_keypair,
    load_p4mi_key,
    read_signed_file,
    signed_file,
)

BULLETIN_FORMAT = "buku-migran-desa/buletin-p4mi"
BULLETIN_VERSION = 1
BULLETIN_EXTENSION = ".bmdb"
MAX_BULLETIN_BYTES = 8 * 1024 * 1024
HUB_INFO_KEY = "desk.bulletin_info"

MESSAGES: dict[str, tuple[str, str]] = {
    "bulletin.bad": (
        "Berkas buletin P4MI tidak sah ({detail}). Tidak ada yang diubah.",
        "Invalid P4MI bulletin file ({detail}). Nothing was changed.",
    ),
    "bulletin.bad_signature": (
        "Tanda tangan buletin P4MI tidak cocok: berkas telah diubah. Ditolak.",
        "The P4MI bulletin signature does not match: the file was changed. Refused.",
    ),
    "bulletin.no_key": (
        "Kunci P4MI belum dipasang di desa ini. Impor dulu tanda terima P4MI (dan pastikan "
        "kode kuncinya), lalu impor buletin.",
        "The P4MI key is not installed in this village yet. Import a P4MI receipt first "
        "(and confirm its fingerprint), then the bulletin.",
    ),
    "bulletin.wrong_key": (
        "Buletin ditandatangani kunci {found}, bukan kunci P4MI yang terpasang ({expected}). "
        "Ditolak.",
        "The bulletin is signed by key {found}, not by the installed P4MI key ({expected}). "
        "Refused.",
    ),
    "bulletin.other_village": (
        "Buletin ini untuk desa {village}, bukan desa ini ({own}). Ditolak.",
        "This bulletin is for village {village}, not this one ({own}). Refused.",
    ),
    "bulletin.older": (
        "Buletin ini ({issued}) lebih lama daripada buletin yang sudah ada ({held}); tidak "
        "dipakai.",
        "This bulletin ({issued}) is older than the one already held ({held}); not used.",
    ),
    "bulletin.not_village": (
        "Buletin P4MI hanya diimpor di desa.", "P4MI bulletins are imported in villages only.",
    ),
    "bulletin.practice": (
        "Buletin ini dibuat P4MI dalam MODE LATIHAN dan tidak berlaku untuk desa sungguhan.",
        "This bulletin was made by a P4MI in PRACTICE MODE and does not apply to a real "
        "village.",
    ),
    "bulletin.info_bad": (
        "Isi informasi buletin tidak benar: {detail}.",
        "The bulletin information is not right: {detail}.",
    ),
}


def bulletin_file_name(village_code: str, when: Any) -> str:
    return f"BP_{village_code}_{when:%Y%m%d-%H%M%S}{BULLETIN_EXTENSION}"


# -- hub side ------------------------------------------------------------------------------------


def _check_info(info: Any) -> dict[str, list[dict[str, str]]]:
    if not isinstance(info, dict):
        raise AppError("bulletin.info_bad", detail="bukan objek JSON")
    out: dict[str, list[dict[str, str]]] = {}
    for key in INFO_KEYS:
        items = info.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise AppError("bulletin.info_bad", detail=f"'{key}' harus daftar objek")
        out[key] = [{str(k)[:60]: str(v)[:500] for k, v in i.items()} for i in items[:2000]]
    unknown = sorted(set(info) - set(INFO_KEYS))
    if unknown:
        raise AppError("bulletin.info_bad", detail="kunci tidak dikenal: " + ", ".join(unknown))
    return out


def set_bulletin_info(ws: Workspace, info: Any, *, operator: str = "") -> dict[str, Any]:
    """Hub: keep the information every village's next bulletin carries (replaces the old)."""
    clean = _check_info(info)
    with ws.db.unit_of_work(operator or "P4MI") as s:
        set_setting(s, HUB_INFO_KEY, json.dumps(clean, ensure_ascii=False, sort_keys=True))
        log_event(s, "bulletin_info", entity="buletin",
                  counts={k: len(v) for k, v in clean.items()})
    return clean


def bulletin_content(ws: Workspace, village_code: str) -> dict[str, Any]:
    """What the bulletin for ``village_code`` holds (only that village's rows)."""
    office = ws.office()
    if office is None or office.mode != MODE_P4MI:
        raise AppError("sync.import.not_hub")
    with raw_connection(ws.db) as con:
        con.execute("BEGIN")
        known = con.execute("SELECT 1 FROM sync_village_key WHERE village_code = ? LIMIT 1",
                            (village_code,)).fetchone()
        if known is None:
            raise AppError("sync.receipt.unknown_village", village=village_code)
        cases: dict[str, dict[str, Any]] = {}
        for case_id, noted_on, action, status, referral, note, by in con.execute(
                "SELECT a.case_id, a.noted_on, a.action, a.status_after, a.referral, a.note, "
                "a.updated_by FROM p4mi_case_action a JOIN case_file c ON c.id = a.case_id "
                "WHERE a.deleted = FALSE AND c.owner_office = ? AND a.village_code = ? "
                "ORDER BY a.created_at", (village_code, village_code)):
            entry = cases.setdefault(case_id, {"case_id": case_id, "actions": []})
            entry["status"] = status
            entry["actions"].append({"noted_on": str(noted_on)[:10], "action": action,
                                     "status_after": status, "referral": referral,
                                     "note": note, "by": by})
        pairs = []
        for nik, own, other_village, status in con.execute(
                "SELECT f.nik, CASE WHEN f.village_code = ? THEN f.resident_id "
                "ELSE f.other_resident_id END, CASE WHEN f.village_code = ? THEN "
                "f.other_village ELSE f.village_code END, f.status FROM sync_nik_flag f "
                "WHERE f.village_code = ? OR f.other_village = ? ORDER BY f.id",
                (village_code,) * 4):
            pairs.append({"nik": nik, "resident_id": own, "other_village": other_village,
                          "status": status})
        info_text = con.execute("SELECT value FROM setting WHERE key = ?",
                                (HUB_INFO_KEY,)).fetchone()
        con.execute("COMMIT")
    info = json.loads(info_text[0]) if info_text and info_text[0] else {k: [] for k in INFO_KEYS}
    return {"format": BULLETIN_FORMAT, "format_version": BULLETIN_VERSION,
            "app_version": __version__, "regency_code": office.code,
            "regency_name": office.name, "village_code": village_code,
            "issued_at": utcnow().isoformat() + "Z", "cases": list(cases.values()),
            "nik_pairs": pairs, "info": info}


@dataclass
class BulletinInfo:
    path: Path
    village_code: str
    cases: int
    nik_pairs: int


def make_bulletin(ws: Workspace, village_code: str, out: Path, *,
                  operator: str | None = None) -> BulletinInfo:
    """Write the signed bulletin for ``village_code`` at ``out`` (a file, or a folder)."""
    content = bulletin_content(ws, village_code)  # refuses anything but a P4MI hub
    office = ws.office()
    assert office is not None
    practice = is_practice(ws)
    if practice:
        content["practice"] = True
    pair = load_or_create_keypair(ws.data_dir, office_code=office.code, role="p4mi")
    out = Path(out)
    if out.is_dir():
        out = out / ((PRACTICE_PREFIX if practice else "")
                     + bulletin_file_name(village_code, utcnow()))
    write_file_atomic(out, signed_file(pair, BULLETIN_FORMAT, content),
                      error_code="sync.export.write_failed")
    with ws.db.unit_of_work(operator or office.operator) as s:
        log_event(s, "bulletin", entity="buletin", entity_id=village_code, file=out.name,
                  cases=len(content["cases"]), nik_pairs=len(content["nik_pairs"]))
    return BulletinInfo(out, village_code, len(content["cases"]), len(content["nik_pairs"]))


# -- village side --------------------------------------------------------------------------------


def read_bulletin(path: Path) -> tuple[dict[str, Any], PublicKeyInfo, str]:
    content, hub, sha = read_signed_file(
        path, file_format=BULLETIN_FORMAT, max_bytes=MAX_BULLETIN_BYTES, bad="bulletin.bad",
        bad_signature="bulletin.bad_signature", content_detail="isi")
    if (content.get("format_version") != BULLETIN_VERSION
            or not isinstance(content.get("village_code"), str)
            or not isinstance(content.get("issued_at"), str)
            or not isinstance(content.get("cases"), list)
            or not isinstance(content.get("nik_pairs"), list)
            or not isinstance(content.get("info"), dict)):
        raise AppError("bulletin.bad", detail="isi")
    return content, hub, sha


@dataclass
class BulletinImport:
    status: str  # "diterima", "sudah_ada"
    issued_at: str
    cases: int
    nik_pairs: int


def import_bulletin(ws: Workspace, path: Path, *, operator: str | None = None
                    ) -> BulletinImport:
    """Village side: check a bulletin and keep it (the newest replaces the older)."""
    office = ws.office()
    if office is None or office.mode != MODE_VILLAGE:
        raise AppError("bulletin.not_village")
    content, hub, sha = read_bulletin(path)
    if content.get("practice") is True and not is_practice(ws):
        raise AppError("bulletin.practice")
    if content["village_code"] != office.code:
        raise AppError("bulletin.other_village", village=content["village_code"],
                       own=office.code)
    configured = load_p4mi_key(ws.data_dir)
    if configured is None:
        raise AppError("bulletin.no_key")
    if configured.key != hub.key:
        raise AppError("bulletin.wrong_key", found=hub.fingerprint,
                       expected=configured.fingerprint)
    result = BulletinImport("diterima", content["issued_at"], len(content["cases"]),
                            len(content["nik_pairs"]))
    with ws.db.unit_of_work(operator or office.operator) as s:
        if get_setting(s, BULLETIN_SHA_KEY) == sha:
            result.status = "sudah_ada"
            return result
        held = get_setting(s, BULLETIN_KEY)
        if held:
            issued = json.loads(held).get("issued_at", "")
            if issued > content["issued_at"]:
                raise AppError("bulletin.older", issued=content["issued_at"][:19],
                               held=issued[:19])
        set_setting(s, BULLETIN_KEY, json.dumps(content, ensure_ascii=False))
        set_setting(s, BULLETIN_SHA_KEY, sha)
        log_event(s, "import_bulletin", entity="buletin", entity_id=content["issued_at"][:32],
                  cases=result.cases, nik_pairs=result.nik_pairs)
    return result


def bulletin_beside(receipt: Path, village_code: str) -> Path | None:
    """The newest bulletin for ``village_code`` in the receipt's folder, if any."""
    found = sorted(Path(receipt).parent.glob(f"*BP_{village_code}_*{BULLETIN_EXTENSION}"))
    return found[-1] if found else None
