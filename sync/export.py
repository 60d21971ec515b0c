"""Village export: write one bundle (full, or every change no P4MI receipt has confirmed yet).

Nothing is deleted, hidden or marked locally because of an export: what counts as "sent" is
only what a signed P4MI receipt confirms (its knowledge vector ``{installation: counter}``),
so a bundle lost on the way costs nothing, the next one carries the same changes again.
"""

from __future__ import annotations

import io
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app import __version__
from app.core.errors import AppError
from app.core.highwater import FILENAME as FLOORS_FILE
from app.core.highwater import raise_floors, read_floors
from app.core.models import BundleExport, SyncReceipt, utcnow
from app.core.practice import is_practice
from app.core.progress import CancelToken, Progress
from app.core.services.audit import log_event
from app.core.workspace import MODE_VILLAGE, Workspace
from sync.container import (
    DATA_PLAIN,
    DATA_SEALED,
    MAX_BUNDLE_ROWS,
    MAX_RELEASED_RANGES,
    PRACTICE_PREFIX,
    SCOPE_CHANGES,
    SCOPE_FULL,
    SEALED_SCHEME,
    bundle_file_name,
    read_bundle,
    size_params,
    temp_name,
    write_bundle,
    write_file_atomic,
)
from sync.dbutil import raw_connection
from sync.keys import b64, load_or_create_keypair, load_p4mi_key
from sync.schema import FORMAT_NAME, FORMAT_VERSION, SCHEMA, Column, Sheet
from sync.xlsx import ReadCaps, SheetSpecW, XlsxWriter, unpacked_size

ProgressFn = Callable[[Progress], None]

STATUS_WRITING = "menulis"  # the number is taken, the file may not exist yet
STATUS_RELEASED = "dilepas"  # cut short without a file: the number is given up, P4MI is told
PENDING_FOLDER = "_folder"  # in BundleExport.counts while writing: where the file goes


@dataclass
class ExportReport:
    path: Path
    file_name: str
    sequence: int
    scope: str  # "lengkap" or "perubahan"
    counts: dict[str, int]
    encrypted: bool
    size: int
    sha256: str
    base: dict[str, int]
    knowledge: dict[str, int]
    seconds: float
    warnings: list[str] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        return sum(self.counts.values())


def _select_expr(col: Column) -> str:
    name = f'"{col.key}"'
    if col.kind == "bool":
        return f"CASE WHEN {name} THEN 'ya' ELSE 'tidak' END"
    if col.kind == "date":
        # An Excel serial straight from SQL; dates before 1900-03-01 as dd/mm/yyyy text.
        return (f"CASE WHEN {name} IS NULL THEN NULL WHEN {name} < '1900-03-01' THEN "
                f"substr({name},9,2)||'/'||substr({name},6,2)||'/'||substr({name},1,4) "
                f"ELSE CAST(julianday({name}) - 2415018.5 AS INTEGER) END")
    return name


def _widths(sheet: Sheet) -> list[float]:
    out: list[float] = []
    for col in sheet.columns:
        if col.kind in ("id", "ref", "stamp") or col.key == "origin_instance":
            out.append(34 if col.kind != "stamp" else 27)
        elif col.kind == "nik":
            out.append(19)
        elif col.kind == "date":
            out.append(12)
        elif col.kind in ("bool", "int", "enum"):
            out.append(11)
        else:
            out.append(min(40, max(10, len(col.header) + 2)))
    return out


def latest_receipt_knowledge(ws: Workspace) -> dict[str, int]:
    """What the newest imported P4MI receipt says the hub holds ({installation: counter})."""
    with ws.db.session() as s:
        row = s.query(SyncReceipt).order_by(SyncReceipt.issued_at.desc(),
                                            SyncReceipt.id.desc()).first()
        if row is None:
            return {}
        content = json.loads(row.content)
    return {str(k): int(v) for k, v in content.get("knowledge", {}).items()}


def _filter(base: dict[str, int]) -> tuple[str, list[Any]]:
    if not base:
        return "", []
    cases = " ".join("WHEN ? THEN ?" for _ in base)
    params: list[Any] = []
    for inst, counter in base.items():
        params += [inst, counter]
    return f" AND origin_counter > CASE origin_instance {cases} ELSE -1 END", params


def export_bundle(ws: Workspace, dest_folder: Path, *, full: bool = False,
                  progress: ProgressFn | None = None, cancel: CancelToken | None = None,
                  operator: str | None = None, today: date | None = None) -> ExportReport:
    """Write one bundle into ``dest_folder`` and return what was written.

    Raises ``AppError`` (``sync.export.*``) when refused, ``Cancelled`` when cancelled (nothing
    is left behind and no sequence number is used).
    """
    started = time.perf_counter()
    office = ws.office()
    if office is None:
        raise AppError("office.not_initialised", path=str(ws.data_dir.root))
    if office.mode != MODE_VILLAGE:
        raise AppError("sync.export.not_village")
    operator = operator or office.operator or "operator"
    warnings: list[str] = recover_exports(ws, operator=operator)
    pair = load_or_create_keypair(ws.data_dir, office_code=office.code, role="desa")
    p4mi = load_p4mi_key(ws.data_dir)
    base = {} if full else latest_receipt_knowledge(ws)
    where, params = _filter(base)
    counts: dict[str, int] = {}
    knowledge: dict[str, int] = {}
    buf = io.BytesIO()
    with raw_connection(ws.db) as con:
        con.execute("BEGIN")  # one consistent snapshot of every table
        instance_id, own_counter = con.execute(
            "SELECT instance_id, counter FROM installation ORDER BY id LIMIT 1").fetchone()
        table_counts = {
            sheet.table: con.execute(
                f'SELECT count(*) FROM "{sheet.table}" WHERE owner_office = ?{where}',
                [office.code, *params]).fetchone()[0]
            for sheet in SCHEMA
        }
        total = sum(table_counts.values())
        if total > MAX_BUNDLE_ROWS:  # the hub would refuse it unread: say so here, before
            con.execute("ROLLBACK")  # a sequence number is taken
            raise AppError("sync.export.too_many_rows", rows=total, maximum=MAX_BUNDLE_ROWS)
        for sheet in SCHEMA:
            for inst, top in con.execute(
                    f'SELECT origin_instance, max(origin_counter) FROM "{sheet.table}" '
                    "WHERE owner_office = ? GROUP BY origin_instance", [office.code]):
                if inst:
                    knowledge[inst] = max(knowledge.get(inst, 0), int(top or 0))
        knowledge[instance_id] = max(knowledge.get(instance_id, 0), int(own_counter))
        writer = XlsxWriter(buf)
        try:
            done = 0
            for sheet in SCHEMA:
                if progress is not None:
                    progress(Progress(done=done, total=total, code="progress.export.sheet",
                                      params={"section": sheet.name}))
                if cancel is not None:
                    cancel.check()
                n = table_counts[sheet.table]
                cursor = con.execute(
                    f'SELECT {", ".join(_select_expr(c) for c in sheet.columns)} '
                    f'FROM "{sheet.table}" WHERE owner_office = ?{where} ORDER BY rowid',
                    [office.code, *params])
                base_done = done

                def tick(written: int, _label: str = sheet.name, _base: int = base_done) -> None:
                    if cancel is not None:
                        cancel.check()
                    if progress is not None:
                        progress(Progress(done=_base + written, total=total,
                                          code="progress.export.sheet", params={"section": _label}))

                writer.add_sheet(SheetSpecW(sheet.name, sheet.headers,
                                            [c.xlsx_kind for c in sheet.columns], _widths(sheet)),
                                 _rows(cursor), n, on_chunk=tick)
                counts[sheet.name] = n
                done += n
        except BaseException:
            writer.discard()  # cancelled or failed: no half zip left to the collector
            raise
        writer.close()
        con.execute("COMMIT")
    if cancel is not None:
        cancel.check()
    workbook = buf.getvalue()
    del buf
    unpacked, most = unpacked_size(workbook), ReadCaps().max_total_bytes
    if unpacked > most:  # the hub's read caps would refuse it: say so here, not there
        raise AppError("sync.export.too_large", **size_params(unpacked, most))
    if p4mi is not None:
        data, member = p4mi.seal(workbook), DATA_SEALED
        encryption: dict[str, str] | None = {"scheme": SEALED_SCHEME,
                                             "recipient": p4mi.fingerprint}
    else:
        data, member, encryption = workbook, DATA_PLAIN, None
        warnings.append("sync.warn.plain_export")
    del workbook
    if progress is not None:
        progress(Progress(done=total, total=total, code="progress.export.save"))
    today = today or date.today()
    practice = is_practice(ws)
    dest_folder = Path(dest_folder)
    sequence, export_id, name = _allocate_sequence(
        ws, instance_id, full, operator, dest_folder=dest_folder, code=office.code, day=today,
        prefix=PRACTICE_PREFIX if practice else "")
    manifest = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "village_code": office.code,
        "village_name": office.name,
        "installation_id": instance_id,
        "public_key": b64(pair.public),
        "sequence": sequence,
        "created_at": utcnow().isoformat(timespec="seconds") + "Z",
        "scope": SCOPE_FULL if full else SCOPE_CHANGES,
        "base": base,
        "knowledge": knowledge,
        "counts": counts,
        "data_member": member,
        "encryption": encryption,
    }
    if practice:
        manifest["practice"] = True  # every real hub refuses it (sync.bundle.practice)
    released = released_ranges(ws, instance_id)
    if released:
        manifest["released"] = [list(r) for r in released]  # P4MI waits for none of these
    dest = dest_folder / name
    # The number is on record outside the database before the file can exist: a database
    # restored from an older backup never hands it out again.
    floor_before = read_floors(ws.data_dir.keys).get("sequence", 0)
    raise_floors(ws.data_dir.keys, sequence=sequence)
    try:
        sha = write_bundle(dest, manifest, data, pair, overwrite=False)
    except BaseException:
        # nothing was written under the real name: the number is free for the next try, so
        # P4MI never waits for a bundle that never existed
        _discard(ws, export_id, operator)
        _lower_sequence_floor(ws, sequence, floor_before)
        raise
    raise_floors(ws.data_dir.keys, sequence=sequence, counter=knowledge[instance_id])
    size = dest.stat().st_size
    _finish(ws, export_id, status="selesai", file_name=name, sha=sha, counts=counts,
            knowledge=knowledge, operator=operator, scope=manifest["scope"],
            encrypted=encryption is not None, sequence=sequence)
    return ExportReport(dest, name, sequence, manifest["scope"], counts, encryption is not None,
                        size, sha, base, knowledge, time.perf_counter() - started, warnings)


def _rows(cursor: sqlite3.Cursor) -> Iterator[tuple[Any, ...]]:
    while True:
        batch = cursor.fetchmany(2000)
        if not batch:
            return
        yield from batch


def _taken_on_disk(folder: Path, code: str, sequence: int) -> bool:
    """A bundle file with this number is already in the destination folder (any date)."""
    try:
        return any(folder.glob(f"*BMD_{code}_*_{sequence:06d}.bmd"))
    except OSError:
        return False


def _allocate_sequence(ws: Workspace, instance_id: str, full: bool, operator: str, *,
                       dest_folder: Path, code: str, day: date,
                       prefix: str = "") -> tuple[int, int, str]:
    """Take the next sequence number of this installation (never reused, even on failure)
    and record where its file goes, so that an export cut short is finished or released at
    the next start. Returns (sequence, export id, file name)."""
    from sqlalchemy import func, select

    floor = read_floors(ws.data_dir.keys).get("sequence", 0)
    with ws.db.sessions.begin() as s:
        top = s.scalar(select(func.max(BundleExport.sequence)).where(
            BundleExport.installation_id == instance_id)) or 0
        top = max(top, floor)  # a restored database never reuses a sequence number
        sequence = top + 1
        while _taken_on_disk(dest_folder, code, sequence) and sequence < top + 1000:
            sequence += 1  # a file of a forgotten export holds it: never overwrite it
        name = prefix + bundle_file_name(code, day, sequence)
        row = BundleExport(installation_id=instance_id, sequence=sequence,
                           kind=SCOPE_FULL if full else SCOPE_CHANGES, status=STATUS_WRITING,
                           operator=operator, file_name=name,
                           counts=json.dumps({PENDING_FOLDER: str(dest_folder)}))
        s.add(row)
        s.flush()
        return sequence, row.id, name


def _lower_sequence_floor(ws: Workspace, sequence: int, before: int) -> None:
    """Undo the floor raised for a number whose file was never written (clean failure)."""
    floors = read_floors(ws.data_dir.keys)
    if floors.get("sequence") == sequence and before < sequence:
        floors["sequence"] = before
        try:
            write_file_atomic(ws.data_dir.keys / FLOORS_FILE,
                              json.dumps(floors, sort_keys=True).encode(),
                              error_code="sync.export.write_failed")
        except AppError:
            pass  # the floor stays high: the next number skips this one, which is harmless


def released_ranges(ws: Workspace, instance_id: str) -> list[tuple[int, int]]:
    """The numbers this installation released (exports cut short without a file), as ranges
    (the newest ones when there are very many)."""
    from sqlalchemy import select

    with ws.db.session() as s:
        numbers = sorted(s.scalars(select(BundleExport.sequence).where(
            BundleExport.installation_id == instance_id,
            BundleExport.status == STATUS_RELEASED)))
    ranges: list[tuple[int, int]] = []
    for n in numbers:
        if ranges and ranges[-1][1] == n - 1:
            ranges[-1] = (ranges[-1][0], n)
        else:
            ranges.append((n, n))
    return ranges[-MAX_RELEASED_RANGES:]


def recover_exports(ws: Workspace, *, operator: str = "") -> list[str]:
    """Finish or release the exports a power cut interrupted (status still "menulis").

    The bundle file is there, whole and ours: the export is recorded as finished. Otherwise
    the number is released (the next bundle's manifest lists it, so P4MI does not wait for
    it) and a temporary ``.sementara`` file left on the stick is removed. Returns warning
    codes (``sync.warn.export_*``); call it at start-up and before every export.
    """
    from sqlalchemy import select

    with ws.db.session() as s:
        pending = [(r.id, r.sequence, r.installation_id, r.file_name, r.counts)
                   for r in s.scalars(select(BundleExport).where(
                       BundleExport.status == STATUS_WRITING))]
    warnings: list[str] = []
    for export_id, sequence, instance_id, name, counts_json in pending:
        try:
            folder = json.loads(counts_json or "{}").get(PENDING_FOLDER)
        except ValueError:
            folder = None
        path = Path(folder) / name if folder and name else None
        if path is not None:
            try:
                temp_name(path).unlink(missing_ok=True)
            except OSError:
                pass
        opened = None
        if path is not None and path.is_file():
            try:
                opened = read_bundle(path)
            except AppError:
                opened = None
        m = opened.manifest if opened is not None else None
        if m is not None and m.sequence == sequence and m.installation_id == instance_id:
            assert opened is not None
            raise_floors(ws.data_dir.keys, sequence=sequence,
                         counter=int(m.knowledge.get(instance_id, 0)))
            _finish(ws, export_id, status="selesai", file_name=name, sha=opened.file_sha256,
                    counts=m.counts, knowledge=m.knowledge, operator=operator, scope=m.scope,
                    encrypted=m.encrypted, sequence=sequence)
            warnings.append("sync.warn.export_recovered")
            continue
        with ws.db.sessions.begin() as s:
            row = s.get(BundleExport, export_id)
            if row is not None:
                row.status = STATUS_RELEASED
                log_event(s, "export_released", operator=operator, entity="paket",
                          entity_id=str(sequence))
        warnings.append("sync.warn.export_released")
    return warnings


def _discard(ws: Workspace, export_id: int, operator: str) -> None:
    """Forget a sequence number whose bundle could not be written (the file is not there)."""
    with ws.db.sessions.begin() as s:
        row = s.get(BundleExport, export_id)
        if row is not None:
            log_event(s, "export_failed", operator=operator, entity="paket",
                      entity_id=str(row.sequence))
            s.delete(row)


def _finish(ws: Workspace, export_id: int, *, status: str, file_name: str = "", sha: str = "",
            counts: dict[str, int] | None = None, knowledge: dict[str, int] | None = None,
            operator: str = "", scope: str = "", encrypted: bool = False,
            sequence: int = 0) -> None:
    with ws.db.sessions.begin() as s:
        row = s.get(BundleExport, export_id)
        assert row is not None
        row.status = status
        if status == "selesai":
            row.file_name = file_name
            row.sha256 = sha
            row.counts = json.dumps(counts or {}, sort_keys=True)
            row.knowledge = json.dumps(knowledge or {}, sort_keys=True)
            log_event(s, "export", operator=operator, entity="paket", entity_id=str(sequence),
                      file=file_name, sha256=sha, scope=scope, encrypted=encrypted,
                      rows=sum((counts or {}).values()))
