"""Receipts: P4MI tells a village what it holds, signed; the village learns what to resend.

A receipt file (``TT_<village>_<YYYYMMDD-HHMMSS>.bmdt``) is JSON: ``content`` (a JSON text,
exactly the signed bytes in UTF-8), ``signature`` (Ed25519 by the hub's key, base64) and
``public_key`` (the hub's key). The content names the regency and the village, when it was
issued, the hub's knowledge vector for that village (``{installation: highest counter held}``:
the village's next incremental bundle carries every row with a higher counter), per
installation the highest sequence number received and the missing ones, the rows held per
sheet, and the rows rejected by the latest import (sheet, row, column, reason) so the village
can fix them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app import __version__
from app.core.atomic import write_bytes
from app.core.errors import AppError
from app.core.models import BundleExport, SyncReceipt, utcnow
from app.core.practice import is_practice
from app.core.services.audit import log_event
from app.core.workspace import MODE_P4MI, MODE_VILLAGE, Workspace
from sync.container import PRACTICE_PREFIX
from sync.dbutil import raw_connection
from sync.export import latest_receipt_knowledge
from sync.keys import (
    PublicKeyInfo,
    load_or_create_keypair,
    load_p4mi_key,
    normalize_fingerprint,
    read_signed_file,
    set_p4mi_key,
    signed_file,
)
from sync.schema import SCHEMA

RECEIPT_FORMAT = "buku-migran-desa/tanda-terima"
RECEIPT_VERSION = 1
RECEIPT_EXTENSION = ".bmdt"
MAX_RECEIPT_BYTES = 8 * 1024 * 1024
MAX_REJECTED_LISTED = 10_000


def receipt_file_name(village_code: str, when: datetime) -> str:
    return f"TT_{village_code}_{when:%Y%m%d-%H%M%S}{RECEIPT_EXTENSION}"


@dataclass
class ReceiptInfo:
    path: Path
    village_code: str
    issued_at: str
    knowledge: dict[str, int]
    highest_sequence: int
    rejected: int
    content: dict[str, Any] = field(default_factory=dict)


def make_receipt(ws: Workspace, village_code: str, out: Path, *,
                 operator: str | None = None) -> ReceiptInfo:
    """Write a signed receipt for ``village_code`` at ``out`` (a file, or a folder)."""
    office = ws.office()
    if office is None or office.mode != MODE_P4MI:
        raise AppError("sync.import.not_hub")
    pair = load_or_create_keypair(ws.data_dir, office_code=office.code, role="p4mi")
    now = utcnow()
    with raw_connection(ws.db) as con:
        con.execute("BEGIN")
        key = con.execute("SELECT fingerprint FROM sync_village_key WHERE village_code = ? "
                          "AND active = TRUE ORDER BY id DESC LIMIT 1", (village_code,)).fetchone()
        if key is None:
            raise AppError("sync.receipt.unknown_village", village=village_code)
        knowledge = dict(con.execute("SELECT instance_id, counter FROM sync_knowledge "
                                     "WHERE village_code = ?", (village_code,)).fetchall())
        installations: dict[str, dict[str, Any]] = {}
        for inst, seqs in _sequences(con, village_code).items():
            top = max(seqs)
            installations[inst] = {"highest_sequence": top, "received": len(seqs),
                                   "missing": _first_missing(seqs, 500)}
        held = {sheet.name: con.execute(
            f'SELECT count(*) FROM "{sheet.table}" WHERE owner_office = ?',
            (village_code,)).fetchone()[0] for sheet in SCHEMA}
        last = con.execute(
            "SELECT sequence, file_name, imported_at, status, rejected, installation_id "
            "FROM sync_bundle_import WHERE village_code = ? ORDER BY id DESC LIMIT 1",
            (village_code,)).fetchone()
        con.execute("COMMIT")
    rejected = json.loads(last[4])[:MAX_REJECTED_LISTED] if last else []
    content = {
        "format": RECEIPT_FORMAT, "format_version": RECEIPT_VERSION, "app_version": __version__,
        "regency_code": office.code, "regency_name": office.name, "village_code": village_code,
        "village_key_fingerprint": key[0], "issued_at": now.isoformat() + "Z",
        "knowledge": knowledge, "installations": installations, "rows_held": held,
        "last_import": None if last is None else {
            "sequence": last[0], "file": last[1], "imported_at": str(last[2]),
            "status": last[3], "installation_id": last[5]},
        "rejected": rejected,
    }
    practice = is_practice(ws)
    if practice:
        content["practice"] = True  # real villages refuse it (sync.receipt.practice)
    out = Path(out)
    if out.is_dir():
        out = out / ((PRACTICE_PREFIX if practice else "")
                     + receipt_file_name(village_code, now))
    write_bytes(out, signed_file(pair, RECEIPT_FORMAT, content),
                error_code="sync.export.write_failed")
    with ws.db.sessions.begin() as s:
        log_event(s, "receipt", operator=operator or office.operator, entity="tanda_terima",
                  entity_id=village_code, file=out.name)
    top = max((i["highest_sequence"] for i in installations.values()), default=0)
    return ReceiptInfo(out, village_code, content["issued_at"], knowledge, top, len(rejected),
                       content)


def _first_missing(seqs: set[int], limit: int) -> list[int]:
    """The lowest ``limit`` numbers below the highest one not received, walking the gaps
    between the numbers received (never a list from 1 to the highest number)."""
    out: list[int] = []
    prev = 0
    for n in sorted(seqs):
        for missing in range(prev + 1, min(n, prev + 1 + limit - len(out))):
            out.append(missing)
        if len(out) >= limit:
            break
        prev = n
    return out


def _sequences(con: Any, village_code: str) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for inst, seq in con.execute("SELECT installation_id, sequence FROM sync_bundle_import "
                                 "WHERE village_code = ?", (village_code,)):
        out.setdefault(inst, set()).add(int(seq))
    return out


def read_receipt(path: Path) -> tuple[dict[str, Any], PublicKeyInfo, str]:
    """Parse and check a receipt file; returns (content, hub key, sha256 of the file)."""
    content, hub, sha = read_signed_file(
        path, file_format=RECEIPT_FORMAT, max_bytes=MAX_RECEIPT_BYTES, bad="sync.receipt.bad",
        bad_signature="sync.receipt.bad_signature")
    version = content.get("format_version")
    if not isinstance(version, int) or version > RECEIPT_VERSION or version < 1:
        raise AppError("sync.bundle.future_version" if isinstance(version, int) and
                       version > RECEIPT_VERSION else "sync.bundle.bad_version",
                       version=str(version)[:20], supported=RECEIPT_VERSION)
    knowledge = content.get("knowledge")
    if not isinstance(knowledge, dict) or not all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
            for k, v in knowledge.items()):
        raise AppError("sync.receipt.bad", detail="knowledge")
    if not isinstance(content.get("issued_at"), str) or not isinstance(
            content.get("village_code"), str):
        raise AppError("sync.receipt.bad", detail="content")
    return content, hub, sha


@dataclass
class ReceiptImport:
    status: str  # "diterima", "sudah_ada", "lama" (older than the newest, kept but not used)
    issued_at: str
    hub_fingerprint: str
    highest_sequence: int
    rejected: list[dict[str, Any]]
    pinned_key: bool = False


def import_receipt(ws: Workspace, path: Path, *, confirm_key: str | None = None,
                   operator: str | None = None) -> ReceiptImport:
    """Village side: check and record a P4MI receipt."""
    office = ws.office()
    if office is None or office.mode != MODE_VILLAGE:
        raise AppError("sync.receipt.not_village")
    content, hub, sha = read_receipt(path)
    receipt_practice, own_practice = content.get("practice") is True, is_practice(ws)
    if receipt_practice and not own_practice:
        raise AppError("sync.receipt.practice")
    if own_practice and not receipt_practice:
        raise AppError("sync.receipt.not_practice")
    if content["village_code"] != office.code:
        raise AppError("sync.receipt.other_village", village=content["village_code"],
                       own=office.code)
    configured = load_p4mi_key(ws.data_dir)
    pinned = False
    if configured is None:
        if normalize_fingerprint(confirm_key or "") != hub.fingerprint:
            raise AppError("sync.receipt.unconfirmed_key", fingerprint=hub.fingerprint)
        set_p4mi_key(ws.data_dir, PublicKeyInfo(hub.key, str(content.get("regency_code", "")),
                                                "p4mi"))
        pinned = True
    elif configured.key != hub.key:
        raise AppError("sync.receipt.wrong_key", found=hub.fingerprint,
                       expected=configured.fingerprint)
    top = max((int(i.get("highest_sequence", 0)) for i in
               content.get("installations", {}).values() if isinstance(i, dict)), default=0)
    listed = content.get("rejected")
    rejected: list[dict[str, Any]] = listed if isinstance(listed, list) else []
    with ws.db.sessions.begin() as s:
        if s.scalar(select(SyncReceipt.id).where(SyncReceipt.sha256 == sha)) is not None:
            return ReceiptImport("sudah_ada", content["issued_at"], hub.fingerprint, top,
                                 rejected, pinned)
        newest = s.scalar(select(SyncReceipt.issued_at).order_by(
            SyncReceipt.issued_at.desc()).limit(1))
        status = "lama" if newest is not None and newest > content["issued_at"] else "diterima"
        s.add(SyncReceipt(issued_at=content["issued_at"][:40], hub_fingerprint=hub.fingerprint,
                          sha256=sha, content=json.dumps(content, ensure_ascii=False)))
        log_event(s, "import_receipt", operator=operator or office.operator,
                  entity="tanda_terima", entity_id=content["issued_at"][:32],
                  highest_sequence=top, rejected=len(rejected), status=status)
    return ReceiptImport(status, content["issued_at"], hub.fingerprint, top, rejected, pinned)


@dataclass
class SendStatus:
    """Village side: what P4MI has confirmed and what still waits to be sent."""

    last_receipt_at: str | None
    confirmed_sequence: int
    last_export_sequence: int
    pending: dict[str, int]  # sheet -> rows not yet confirmed by a receipt
    rejected: list[dict[str, Any]]
    p4mi_fingerprint: str | None

    @property
    def pending_total(self) -> int:
        return sum(self.pending.values())


def send_status(ws: Workspace) -> SendStatus:
    office = ws.office()
    if office is None or office.mode != MODE_VILLAGE:
        raise AppError("sync.receipt.not_village")
    knowledge = latest_receipt_knowledge(ws)
    with ws.db.session() as s:
        row = s.query(SyncReceipt).order_by(SyncReceipt.issued_at.desc(),
                                            SyncReceipt.id.desc()).first()
        content = json.loads(row.content) if row is not None else {}
        last_seq = s.scalar(select(BundleExport.sequence).where(
            BundleExport.status == "selesai").order_by(BundleExport.id.desc()).limit(1)) or 0
    cases = " ".join("WHEN ? THEN ?" for _ in knowledge)
    params: list[Any] = []
    for inst, counter in knowledge.items():
        params += [inst, counter]
    cond = f" AND origin_counter > CASE origin_instance {cases} ELSE -1 END" if knowledge else ""
    with raw_connection(ws.db) as con:
        pending = {sheet.name: con.execute(
            f'SELECT count(*) FROM "{sheet.table}" WHERE owner_office = ?{cond}',
            [office.code, *params]).fetchone()[0] for sheet in SCHEMA}
    top = max((int(i.get("highest_sequence", 0)) for i in
               content.get("installations", {}).values() if isinstance(i, dict)), default=0)
    p4mi = load_p4mi_key(ws.data_dir)
    return SendStatus(content.get("issued_at"), top, last_seq, pending,
                      content.get("rejected", []) if content else [],
                      p4mi.fingerprint if p4mi else None)
