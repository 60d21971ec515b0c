"""Receipts between hubs: the hub above's signed receipt of a hub's packages (per village,
what it holds), recorded at the sending hub, whose next package starts from it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app import __version__
from app.core.atomic import write_text
from app.core.errors import AppError
from app.core.models import SyncReceipt, utcnow
from app.core.practice import is_practice
from app.core.services.audit import log_event
from app.core.workspace import HUB_NATIONAL, MODE_P4MI, Office, Workspace
from sync.dbutil import raw_connection
from sync.importer.pipeline import hub_office
from sync.keys import (
    PublicKeyInfo,
    b64,
    load_or_create_keypair,
    load_p4mi_key,
    normalize_fingerprint,
    set_p4mi_key,
    unb64,
)
from sync.receipt import RECEIPT_EXTENSION, RECEIPT_FORMAT, RECEIPT_VERSION

RECEIPT_KIND = "kabupaten"


def sending_office(ws: Workspace) -> Office:
    """This folder's office, which must be a hub with a hub above it (regency, province)."""
    office = ws.office()
    if office is None:
        raise AppError("office.not_initialised", path=str(ws.data_dir.root))
    if office.mode != MODE_P4MI or office.hub_level in (None, HUB_NATIONAL):
        raise AppError("sync.paket.not_hub", code=office.code)
    return office


def receipt_bases(ws: Workspace) -> dict[str, dict[str, int]]:
    """Per village, what the newest package receipt of the hub above says it holds."""
    with ws.db.session() as s:
        rows = list(s.scalars(select(SyncReceipt).order_by(SyncReceipt.issued_at.desc(),
                                                           SyncReceipt.id.desc())))
    for row in rows:
        content = json.loads(row.content)
        if content.get("kind") == RECEIPT_KIND:
            return {str(v): {str(k): int(n) for k, n in vec.items()}
                    for v, vec in content.get("villages", {}).items()}
    return {}


def make_paket_receipt(ws: Workspace, hub_code: str, out: Path) -> Path:
    """A signed receipt for the hub ``hub_code``: per village of that hub, what this hub
    holds (its knowledge vector), and the package numbers received."""
    office = hub_office(ws)
    pair = load_or_create_keypair(ws.data_dir, office_code=office.code, role="p4mi")
    now = utcnow()
    with raw_connection(ws.db) as con:
        con.execute("BEGIN")
        seqs = sorted(r[0] for r in con.execute(
            "SELECT sequence FROM sync_bundle_import WHERE village_code = ?", (hub_code,)))
        if not seqs:
            raise AppError("sync.paket.receipt_unknown", hub=hub_code)
        villages: dict[str, dict[str, int]] = {}
        for village, inst, counter in con.execute(
                "SELECT village_code, instance_id, counter FROM sync_knowledge "
                "WHERE village_code LIKE ? ORDER BY 1, 2", (hub_code + ".%",)):
            villages.setdefault(village, {})[inst] = int(counter)
        con.execute("COMMIT")
    content: dict[str, Any] = {
        "format": RECEIPT_FORMAT, "format_version": RECEIPT_VERSION, "kind": RECEIPT_KIND,
        "app_version": __version__, "issuer_code": office.code, "issuer_name": office.name,
        "hub_code": hub_code, "issued_at": now.isoformat() + "Z", "villages": villages,
        "highest_sequence": seqs[-1], "received": len(seqs),
    }
    if is_practice(ws):
        content["practice"] = True
    text = json.dumps(content, ensure_ascii=False, sort_keys=True)
    doc = {"format": RECEIPT_FORMAT, "content": text,
           "signature": b64(pair.sign(text.encode("utf-8"))), "public_key": b64(pair.public)}
    out = Path(out)
    if out.is_dir():
        out = out / f"TT_{hub_code}_{now:%Y%m%d-%H%M%S}{RECEIPT_EXTENSION}"
    write_text(out, json.dumps(doc, ensure_ascii=False, indent=1) + "\n",
               error_code="sync.export.write_failed")
    return out


def import_paket_receipt(ws: Workspace, path: Path, *,
                         confirm_key: str | None = None) -> dict[str, Any]:
    """At the sending hub: record a package receipt signed by the hub above (its key installed
    with ``keys set-p4mi``, or pinned now by confirming the fingerprint). The next package
    carries only what the receipt does not cover. Returns the receipt's content."""
    office = sending_office(ws)
    try:
        blob = Path(path).read_bytes()
        doc = json.loads(blob.decode("utf-8"))
        text, sig = doc["content"], unb64(doc["signature"], 64)
        key = PublicKeyInfo(unb64(doc["public_key"], 32), "", "p4mi")
        content = json.loads(text)
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError, AppError) as exc:
        raise AppError("sync.paket.receipt_bad", detail=type(exc).__name__) from exc
    if not isinstance(content, dict) or content.get("kind") != RECEIPT_KIND or not isinstance(
            content.get("villages"), dict):
        raise AppError("sync.paket.receipt_bad", detail="kind")
    if not key.verify(text.encode("utf-8"), sig):
        raise AppError("sync.bundle.bad_signature")
    if content.get("hub_code") != office.code:
        raise AppError("sync.paket.receipt_other_hub", hub=content.get("hub_code"),
                       own=office.code)
    if bool(content.get("practice")) != is_practice(ws):
        raise AppError("sync.receipt.practice" if content.get("practice")
                       else "sync.receipt.not_practice")
    installed = load_p4mi_key(ws.data_dir)
    if installed is None or installed.key != key.key:
        if installed is not None or normalize_fingerprint(confirm_key or "") != key.fingerprint:
            raise AppError("sync.paket.receipt_key", fingerprint=key.fingerprint)
        set_p4mi_key(ws.data_dir, PublicKeyInfo(key.key, str(content.get("issuer_code", "")),
                                                "p4mi"))
    sha = hashlib.sha256(blob).hexdigest()
    with ws.db.sessions.begin() as s:
        if s.scalars(select(SyncReceipt).where(SyncReceipt.sha256 == sha)).first() is None:
            s.add(SyncReceipt(issued_at=str(content.get("issued_at", ""))[:40],
                              hub_fingerprint=key.fingerprint, sha256=sha, content=text))
            log_event(s, "receipt_paket", operator=office.operator, entity="tanda_terima",
                      entity_id=office.code, file=Path(path).name)
    return content
