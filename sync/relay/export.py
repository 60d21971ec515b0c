"""Export at a regency or province hub: the hub's package for the hub above, one workbook per
village in the village bundle's format, each sealed on its own to the upper hub's key."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import time
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app import __version__
from app.core import reference
from app.core.errors import AppError
from app.core.models import BundleExport, utcnow
from app.core.practice import is_practice
from app.core.progress import CancelToken, Progress
from app.core.services.audit import log_event
from app.core.workspace import Workspace, hub_covers
from sync.container import PRACTICE_PREFIX, SCOPE_CHANGES, SCOPE_FULL, SEALED_SCHEME, write_bundle
from sync.dbutil import raw_connection
from sync.export import _filter, _widths
from sync.importer import active_key
from sync.importer.context import ProgressFn
from sync.keys import b64, load_or_create_keypair, load_p4mi_key
from sync.relay.paket import (
    DATA_ZIP,
    DATA_ZIP_SEALED,
    MAX_PAKET_BYTES,
    PAKET_KIND,
    SEALED_UNIT,
    paket_file_name,
)
from sync.relay.receipts import receipt_bases, sending_office
from sync.schema import FORMAT_NAME, FORMAT_VERSION, SCHEMA, Sheet
from sync.xlsx import SheetSpecW, XlsxWriter


@dataclass
class PaketExportReport:
    path: Path
    file_name: str
    sequence: int
    scope: str
    villages: dict[str, int]  # village -> rows
    encrypted: bool
    size: int
    sha256: str
    seconds: float
    warnings: list[str] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        return sum(self.villages.values())


def _cell(value: Any, kind: str) -> Any:
    """A database value as the village export writes it (sync/export.py ``_select_expr``),
    computed here so that it is the same on SQLite and on a PostgreSQL server."""
    if value is None:
        return None
    if kind == "bool":
        return "ya" if value in (True, 1, "1") else "tidak"
    if kind == "date":
        day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
        if day < date(1900, 3, 1):
            return f"{day:%d/%m/%Y}"
        return (day - date(1899, 12, 30)).days
    if kind == "stamp" and isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def _village_workbook(con: Any, village: str, base: dict[str, int],
                      cancel: CancelToken | None) -> tuple[bytes, dict[str, int]]:
    """One village's rows as the village bundle's workbook (every sheet, parents first)."""
    where, params = _filter(base)
    buf = io.BytesIO()
    writer = XlsxWriter(buf)
    counts: dict[str, int] = {}
    try:
        for sheet in SCHEMA:
            if cancel is not None:
                cancel.check()
            rows = [tuple(_cell(v, c.kind) for v, c in zip(r, sheet.columns, strict=True))
                    for r in con.execute(
                        f'SELECT {", ".join(_quoted(sheet))} FROM "{sheet.table}" '
                        f"WHERE owner_office = ?{where} ORDER BY id", [village, *params])]
            writer.add_sheet(SheetSpecW(sheet.name, sheet.headers,
                                        [c.xlsx_kind for c in sheet.columns], _widths(sheet)),
                             iter(rows), len(rows))
            counts[sheet.name] = len(rows)
    except BaseException:
        writer.discard()
        raise
    writer.close()
    return buf.getvalue(), counts


def _quoted(sheet: Sheet) -> list[str]:
    return [f'"{c.key}"' for c in sheet.columns]


def export_paket(ws: Workspace, dest_folder: Path, *, full: bool = False,
                 operator: str | None = None, today: date | None = None,
                 progress: ProgressFn | None = None,
                 cancel: CancelToken | None = None) -> PaketExportReport:
    """Write this hub's package for the hub above into ``dest_folder``: every village it holds,
    each with the rows the newest package receipt does not cover (``full``: every row)."""
    started = time.perf_counter()
    office = sending_office(ws)
    operator = operator or office.operator or "P4MI"
    pair = load_or_create_keypair(ws.data_dir, office_code=office.code, role="p4mi")
    upper = load_p4mi_key(ws.data_dir)  # the hub above's key, once installed: seal to it
    bases = {} if full else receipt_bases(ws)
    inner = io.BytesIO()
    entries: list[dict[str, Any]] = []
    villages: dict[str, int] = {}
    with raw_connection(ws.db) as con:
        con.execute("BEGIN")  # one consistent snapshot of every village
        instance_id = con.execute(
            "SELECT instance_id FROM installation ORDER BY id LIMIT 1").fetchone()[0]
        codes = sorted(r[0] for r in con.execute(
            "SELECT village_code FROM sync_village_state"))
        codes = [c for c in codes if reference.region_level(c) == "desa"
                 and hub_covers(office.code, c)]
        with zipfile.ZipFile(inner, "w", compression=zipfile.ZIP_STORED) as zf:
            for n, code in enumerate(codes):
                if progress is not None:
                    progress(Progress(done=n, total=len(codes), code="progress.export.sheet",
                                      params={"section": code}))
                base = bases.get(code, {})
                workbook, counts = _village_workbook(con, code, base, cancel)
                if not full and not sum(counts.values()):
                    continue  # nothing the hub above lacks
                knowledge = dict(con.execute(
                    "SELECT instance_id, counter FROM sync_knowledge WHERE village_code = ?",
                    (code,)).fetchall())
                key = active_key(con, code)
                if upper is not None:  # sealed village by village: read one at a time above
                    workbook = upper.seal(workbook)
                info = zipfile.ZipInfo(f"{code}.xlsx", date_time=(2000, 1, 1, 0, 0, 0))
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                zf.writestr(info, workbook)
                entries.append({
                    "sha256": hashlib.sha256(workbook).hexdigest(), "size": len(workbook),
                    "village_code": code,
                    "village_name": reference.region_name(code) or code,
                    "counts": counts, "base": base,
                    "knowledge": {k: int(v) for k, v in knowledge.items()},
                    "village_key": None if key is None else key[0]})
                villages[code] = sum(counts.values())
        con.execute("COMMIT")
    if not entries:
        raise AppError("sync.paket.empty")
    data = inner.getvalue()
    del inner
    if upper is not None:
        member = DATA_ZIP_SEALED
        encryption: dict[str, str] | None = {"scheme": SEALED_SCHEME, "unit": SEALED_UNIT,
                                             "recipient": upper.fingerprint}
        warnings: list[str] = []
    else:
        member, encryption, warnings = DATA_ZIP, None, ["sync.warn.plain_export"]
    today = today or date.today()
    practice = is_practice(ws)
    sequence, export_id, name = _allocate(ws, instance_id, full, operator, office.code, today,
                                          PRACTICE_PREFIX if practice else "")
    manifest: dict[str, Any] = {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION, "kind": PAKET_KIND,
        "app_version": __version__, "hub_code": office.code, "hub_name": office.name,
        "installation_id": instance_id, "public_key": b64(pair.public), "sequence": sequence,
        "created_at": utcnow().isoformat(timespec="seconds") + "Z",
        "scope": SCOPE_FULL if full else SCOPE_CHANGES, "villages": entries,
        "data_member": member, "encryption": encryption,
    }
    if practice:
        manifest["practice"] = True
    dest = Path(dest_folder) / name
    try:
        sha = write_bundle(dest, manifest, data, pair, overwrite=False,
                           maximum=MAX_PAKET_BYTES)
    except BaseException:
        with ws.db.sessions.begin() as s:  # nothing under the real name: the number is free
            row = s.get(BundleExport, export_id)
            if row is not None:
                s.delete(row)
        raise
    with ws.db.sessions.begin() as s:
        row = s.get(BundleExport, export_id)
        assert row is not None
        row.status, row.sha256 = "selesai", sha
        row.counts = json.dumps(villages, sort_keys=True)
        log_event(s, "export_paket", operator=operator, entity="paket_kabupaten",
                  entity_id=str(sequence), file=name, sha256=sha, villages=len(villages),
                  rows=sum(villages.values()), encrypted=encryption is not None)
    return PaketExportReport(dest, name, sequence, manifest["scope"], villages,
                             encryption is not None, dest.stat().st_size, sha,
                             time.perf_counter() - started, warnings)


def _allocate(ws: Workspace, instance_id: str, full: bool, operator: str, code: str, day: date,
              prefix: str) -> tuple[int, int, str]:
    """The hub's next package number (its own series in ``sync_bundle_export``)."""
    from sqlalchemy import func, select

    with ws.db.sessions.begin() as s:
        top = s.scalar(select(func.max(BundleExport.sequence)).where(
            BundleExport.installation_id == instance_id)) or 0
        sequence = top + 1
        name = prefix + paket_file_name(code, day, sequence)
        row = BundleExport(installation_id=instance_id, sequence=sequence, kind=PAKET_KIND,
                           status="menulis", operator=operator, file_name=name, counts="{}")
        s.add(row)
        s.flush()
        return sequence, row.id, name


