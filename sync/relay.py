"""Relay upward (issue 16): a hub's "paket kabupaten" to the hub above it.

A regency hub (or a province hub, to the national one) exports one signed file holding the
data of its villages, each village's rows exactly as the hub holds them (owner village,
version, origin installation and counter unchanged). The hub above imports it the way it
imports a village bundle: for each origin village in turn the same staging, checks,
classification and merge (:mod:`sync.importer`), so the row / version / knowledge rules of
the village bundle decide per origin village, whichever path a row took (a village that also
sends directly to the province is merged, not doubled). The whole package is one transaction:
imported fully or not at all. See sync/FORMAT.md section 12.

Format: the same container as a village bundle (zip of ``manifest.json``, ``manifest.sig``,
one data member); the manifest has ``"kind": "kabupaten"`` and a list of villages; the data
member ``data.zip`` (or ``data.zip.enc``, sealed to the upper hub's key) is a stored zip of
one workbook per village, ``<village code>.xlsx``, in the village bundle's workbook format.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import stat
import time
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app import __version__
from app.core import reference
from app.core.backup import daily_backup_if_due
from app.core.errors import AppError
from app.core.models import BundleExport, SyncReceipt, utcnow
from app.core.practice import is_practice
from app.core.progress import CancelToken, Progress
from app.core.services.audit import log_event
from app.core.workspace import (
    HUB_NATIONAL,
    MODE_P4MI,
    Office,
    Workspace,
    hub_covers,
    hub_level,
)
from sync import import_undo
from sync.container import (
    DATA_PLAIN,
    MANIFEST,
    MAX_BUNDLE_BYTES,
    PRACTICE_PREFIX,
    SCOPE_CHANGES,
    SCOPE_FULL,
    SEALED_SCHEME,
    SIGNATURE,
    ZIP_MAGIC,
    Manifest,
    OpenedBundle,
    _field,
    _read_members,
    _text,
    _vector,
    write_bundle,
)
from sync.dbutil import audit_event, raw_connection, stamp
from sync.export import _filter, _widths
from sync.importer.classify import ClassifySteps
from sync.importer.context import ProgressFn
from sync.importer.history import (
    MAX_GAP_NUMBERS,
    _archive,
    _check_sequence,
    _last_numbers,
    _sequence_gaps,
)
from sync.importer.merge import MergeSteps, _record, refresh_statuses
from sync.importer.pipeline import (
    _lock_village,
    active_key,
    check_village,
    hub_office,
    note_key,
)
from sync.importer.report import (
    KEY_KNOWN,
    STATUS_ALREADY,
    STATUS_IMPORTED,
    STATUS_PARTIAL,
    STATUS_PREVIEW,
    STATUS_REFUSED,
    ImportReport,
    NikClash,
    RowError,
    SheetCounts,
    format_range_pairs,
)
from sync.importer.staging import StagingSteps
from sync.keys import (
    PublicKeyInfo,
    b64,
    fingerprint,
    load_keypair,
    load_or_create_keypair,
    load_p4mi_key,
    normalize_fingerprint,
    set_p4mi_key,
    unb64,
)
from sync.schema import FORMAT_NAME, FORMAT_VERSION, SCHEMA, Sheet, required_sheets, schema_for
from sync.xlsx import SheetSpecW, XlsxWriter

PAKET_KIND = "kabupaten"  # manifest "kind" of a hub's package (absent in a village bundle)
PAKET_PREFIX = "BMDR_"
DATA_ZIP = "data.zip"
DATA_ZIP_SEALED = "data.zip.enc"
RELAY_SCOPE = "relai"  # sync_bundle_import.kind of one village's part of a package
MAX_PAKET_BYTES = 512 * 1024 * 1024
MAX_VILLAGES = 20_000
RECEIPT_KIND = "kabupaten"

_HUB_CODE = re.compile(r"^(\d{2}|\d{2}\.\d{2})$")
_VILLAGE = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_NAME = re.compile(r"BMDR_(\d{2}(?:\.\d{2})?)_(\d{8})_(\d{6,9})")


def paket_file_name(hub_code: str, day: date, sequence: int) -> str:
    """``BMDR_<hub code>_<YYYYMMDD>_<sequence, 6 digits>.bmd``."""
    return f"{PAKET_PREFIX}{hub_code}_{day:%Y%m%d}_{sequence:06d}.bmd"


# -- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaketVillage:
    code: str
    name: str
    counts: dict[str, int]
    base: dict[str, int]
    knowledge: dict[str, int]
    village_key: str | None  # base64 Ed25519 key the sending hub has on record, if any

    @property
    def member(self) -> str:
        return f"{self.code}.xlsx"

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


@dataclass
class OpenedPaket:
    path: Path
    file_name: str
    file_sha256: str
    size: int
    raw: dict[str, Any]
    villages: list[PaketVillage]
    data: bytes
    warnings: list[str]

    @property
    def hub_code(self) -> str:
        return str(self.raw["hub_code"])

    @property
    def hub_name(self) -> str:
        return str(self.raw.get("hub_name", ""))

    @property
    def sequence(self) -> int:
        return int(self.raw["sequence"])

    @property
    def installation_id(self) -> str:
        return str(self.raw["installation_id"])

    @property
    def scope(self) -> str:
        return str(self.raw["scope"])

    @property
    def format_version(self) -> int:
        return int(self.raw["format_version"])

    @property
    def encrypted(self) -> bool:
        return self.raw.get("encryption") is not None

    @property
    def practice(self) -> bool:
        return self.raw.get("practice") is True

    @property
    def public_key(self) -> PublicKeyInfo:
        return PublicKeyInfo(unb64(self.raw["public_key"], 32), self.hub_code, "p4mi")

    @property
    def fingerprint(self) -> str:
        return self.public_key.fingerprint

    def as_bundle(self) -> OpenedBundle:
        """The package as a bundle "of" its hub code, for the sequence, gap and archive
        helpers of the importer (history.py), which key on the manifest's village code."""
        raw = {"village_code": self.hub_code, "installation_id": self.installation_id,
               "sequence": self.sequence, "scope": self.scope}
        return OpenedBundle(self.path, self.file_name, self.file_sha256, self.size,
                            Manifest(raw), b"", [])

    def workbooks(self, hub_key: Any) -> dict[str, bytes]:
        """The villages' workbooks (decrypted with this hub's key when sealed)."""
        data = self.data
        if self.encrypted:
            if hub_key is None:
                raise AppError("sync.bundle.no_hub_key")
            recipient = str((self.raw.get("encryption") or {}).get("recipient", ""))
            if recipient != hub_key.fingerprint:
                raise AppError("sync.bundle.other_recipient", recipient=recipient,
                               own=hub_key.fingerprint)
            data = hub_key.unseal(data)
        wanted = {v.member for v in self.villages}
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
            raise AppError("sync.bundle.damaged", detail=str(exc)) from exc
        out: dict[str, bytes] = {}
        with zf:
            infos = zf.infolist()
            if {i.filename for i in infos} != wanted or len(infos) != len(wanted):
                raise AppError("sync.paket.bad_manifest", field="villages")
            for info in infos:
                if stat.S_ISLNK(info.external_attr >> 16) or info.is_dir() or (
                        info.file_size > MAX_BUNDLE_BYTES) or (
                        info.compress_type != zipfile.ZIP_STORED):
                    raise AppError("sync.bundle.damaged", detail=info.filename[:80])
                try:
                    payload = zf.read(info)
                except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                    raise AppError("sync.bundle.damaged", detail=str(exc)) from exc
                out[info.filename[:-len(".xlsx")]] = payload
        return out

    def village_bundle(self, village: PaketVillage, workbook: bytes) -> OpenedBundle:
        """One village's part as a village bundle for the importer's steps: its rows, counts,
        base and knowledge; the sending hub's installation, sequence and key; an import
        identity of its own (the package's SHA-256 and the village), so each part is recorded
        once."""
        raw = {
            "format": FORMAT_NAME, "format_version": self.format_version,
            "village_code": village.code, "village_name": village.name,
            "installation_id": self.installation_id, "public_key": self.raw["public_key"],
            "sequence": self.sequence, "created_at": self.raw["created_at"],
            "scope": RELAY_SCOPE, "base": village.base, "knowledge": village.knowledge,
            "counts": village.counts, "data_member": DATA_PLAIN, "encryption": None,
        }
        part_sha = hashlib.sha256(f"{self.file_sha256}:{village.code}".encode()).hexdigest()
        return OpenedBundle(self.path, self.file_name, part_sha, len(workbook), Manifest(raw),
                            workbook, [])


def is_paket(path: Path) -> bool:
    """Whether ``path`` looks like a hub's package (its zip holds ``data.zip[.enc]``), without
    checking anything else: the reader decides the rest."""
    try:
        with open(path, "rb") as handle:
            if handle.read(4) != ZIP_MAGIC:
                return False
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return False
    return bool(names & {DATA_ZIP, DATA_ZIP_SEALED})


def read_paket(path: Path) -> OpenedPaket:
    """Open and check a package: caps, members, manifest, the sending hub's signature, the data
    member's checksum (the villages' workbooks are checked when staged)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_PAKET_BYTES:
            raise AppError("sync.bundle.too_large", size=size, maximum=MAX_PAKET_BYTES)
        blob = path.read_bytes()
    except OSError as exc:
        raise AppError("sync.bundle.unreadable", path=str(path), detail=exc.strerror) from exc
    if not blob.startswith(ZIP_MAGIC):
        raise AppError("sync.bundle.not_zip")
    try:
        zf = zipfile.ZipFile(io.BytesIO(blob))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise AppError("sync.bundle.damaged", detail=str(exc)) from exc
    with zf:
        members = _read_members(zf, (MANIFEST, SIGNATURE, DATA_ZIP, DATA_ZIP_SEALED))
    manifest_bytes, signature = members.get(MANIFEST), members.get(SIGNATURE)
    if manifest_bytes is None or signature is None:
        raise AppError("sync.bundle.missing_member",
                       member=MANIFEST if manifest_bytes is None else SIGNATURE)
    raw, villages = parse_paket_manifest(manifest_bytes)
    data_name = raw["data_member"]
    if set(members) != {MANIFEST, SIGNATURE, data_name}:
        raise AppError("sync.bundle.unexpected_member",
                       member=", ".join(sorted(set(members) - {MANIFEST, SIGNATURE})))
    key = PublicKeyInfo(unb64(raw["public_key"], 32), raw["hub_code"], "p4mi")
    if not key.verify(manifest_bytes, signature):
        raise AppError("sync.bundle.bad_signature")
    data = members[data_name]
    listed = raw["members"].get(data_name)
    if not isinstance(listed, dict) or set(raw["members"]) != {data_name}:
        raise AppError("sync.paket.bad_manifest", field="members")
    if listed.get("size") != len(data) or listed.get("sha256") != hashlib.sha256(
            data).hexdigest():
        raise AppError("sync.bundle.checksum", member=data_name)
    warnings: list[str] = []
    match = _NAME.search(path.name)
    if match is not None and (match.group(1), int(match.group(3))) != (raw["hub_code"],
                                                                      raw["sequence"]):
        raise AppError("sync.bundle.name_mismatch", name=path.name, village=raw["hub_code"],
                       sequence=raw["sequence"])
    if match is None:
        warnings.append("sync.warn.renamed")
    if raw.get("encryption") is None:
        warnings.append("sync.warn.plain")
    return OpenedPaket(path, path.name, hashlib.sha256(blob).hexdigest(), len(blob), raw,
                       villages, data, warnings)


def parse_paket_manifest(blob: bytes) -> tuple[dict[str, Any], list[PaketVillage]]:
    def bad(name: str) -> AppError:
        return AppError("sync.paket.bad_manifest", field=name)

    try:
        raw = json.loads(blob.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise bad(MANIFEST) from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT_NAME:
        raise AppError("sync.bundle.not_bundle")
    if raw.get("kind") != PAKET_KIND:
        raise bad("kind")
    version = raw.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise AppError("sync.bundle.bad_version", version=str(version)[:20])
    if version > FORMAT_VERSION:
        raise AppError("sync.bundle.future_version", version=version, supported=FORMAT_VERSION)
    try:
        hub = _field(raw, "hub_code", str)
        if not _HUB_CODE.match(hub):
            raise bad("hub_code")
        if not _HEX32.match(_field(raw, "installation_id", str)):
            raise bad("installation_id")
        seq = _field(raw, "sequence", int)
        if not 1 <= seq <= 999_999_999:
            raise bad("sequence")
        if _field(raw, "scope", str) not in (SCOPE_FULL, SCOPE_CHANGES):
            raise bad("scope")
        for key, length in (("created_at", 40), ("app_version", 40), ("hub_name", 200)):
            _text(raw, key, length)
        unb64(_field(raw, "public_key", str), 32)
        if "practice" in raw and not isinstance(raw["practice"], bool):
            raise bad("practice")
        encryption = raw.get("encryption")
        member = _field(raw, "data_member", str)
        if encryption is None:
            if member != DATA_ZIP:
                raise bad("data_member")
        elif not isinstance(encryption, dict) or encryption.get("scheme") != SEALED_SCHEME or (
                not isinstance(encryption.get("recipient"), str)) or member != DATA_ZIP_SEALED:
            raise bad("encryption")
        _field(raw, "members", dict)
        entries = _field(raw, "villages", list)
    except AppError as exc:
        if exc.code == "sync.bundle.bad_manifest":
            raise bad(str(exc.params.get("field", "?"))) from exc
        raise
    if not 1 <= len(entries) <= MAX_VILLAGES:
        raise bad("villages")
    names = {s.name for s in schema_for(version)}
    villages: list[PaketVillage] = []
    seen: set[str] = set()
    for entry in entries:
        if not isinstance(entry, dict):
            raise bad("villages")
        code = entry.get("village_code")
        if not isinstance(code, str) or not _VILLAGE.match(code) or code in seen:
            raise bad("village_code")
        seen.add(code)
        try:
            _text(entry, "village_name", 200)
            base, knowledge = _vector(entry, "base"), _vector(entry, "knowledge")
            counts = _field(entry, "counts", dict)
        except AppError as exc:
            raise bad(f"{code}: {exc.params.get('field', '?')}") from exc
        if not required_sheets(version) <= set(counts) <= names or not all(
                isinstance(v, int) and not isinstance(v, bool) and v >= 0
                for v in counts.values()):
            raise bad(f"{code}: counts")
        village_key = entry.get("village_key")
        if village_key is not None:
            if not isinstance(village_key, str):
                raise bad(f"{code}: village_key")
            unb64(village_key, 32)
        villages.append(PaketVillage(code, entry["village_name"], counts, base, knowledge,
                                     village_key))
    return raw, villages


# -- export (at the regency or province hub) --------------------------------------------------


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


def _sending_office(ws: Workspace) -> Office:
    office = ws.office()
    if office is None:
        raise AppError("office.not_initialised", path=str(ws.data_dir.root))
    if office.mode != MODE_P4MI or office.hub_level in (None, HUB_NATIONAL):
        raise AppError("sync.paket.not_hub", code=office.code)
    return office


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


def receipt_bases(ws: Workspace) -> dict[str, dict[str, int]]:
    """Per village, what the newest package receipt of the hub above says it holds."""
    from sqlalchemy import select

    with ws.db.session() as s:
        rows = list(s.scalars(select(SyncReceipt).order_by(SyncReceipt.issued_at.desc(),
                                                           SyncReceipt.id.desc())))
    for row in rows:
        content = json.loads(row.content)
        if content.get("kind") == RECEIPT_KIND:
            return {str(v): {str(k): int(n) for k, n in vec.items()}
                    for v, vec in content.get("villages", {}).items()}
    return {}


def export_paket(ws: Workspace, dest_folder: Path, *, full: bool = False,
                 operator: str | None = None, today: date | None = None,
                 progress: ProgressFn | None = None,
                 cancel: CancelToken | None = None) -> PaketExportReport:
    """Write this hub's package for the hub above into ``dest_folder``: every village it holds,
    each with the rows the newest package receipt does not cover (``full``: every row)."""
    started = time.perf_counter()
    office = _sending_office(ws)
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
                info = zipfile.ZipInfo(f"{code}.xlsx", date_time=(2000, 1, 1, 0, 0, 0))
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                zf.writestr(info, workbook)
                entries.append({
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
        data, member = upper.seal(data), DATA_ZIP_SEALED
        encryption: dict[str, str] | None = {"scheme": SEALED_SCHEME,
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
        sha = write_bundle(dest, manifest, data, pair, overwrite=False)
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


# -- import (at the province or national hub) -------------------------------------------------


@dataclass
class PaketReport:
    file_name: str
    file_sha256: str
    hub_code: str
    hub_name: str
    sequence: int
    scope: str
    created_at: str
    encrypted: bool
    fingerprint: str
    key_status: str = KEY_KNOWN
    status: str = ""
    villages: list[ImportReport] = field(default_factory=list)
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    missing_ranges: list[tuple[int, int]] = field(default_factory=list)
    refusal: tuple[str, dict[str, Any]] | None = None
    seconds: float = 0.0

    is_paket = True

    def total(self, what: str) -> int:
        return sum(r.total(what) for r in self.villages)

    @property
    def error_rows(self) -> int:
        return sum(r.error_rows for r in self.villages)

    # the fields of a village bundle's ImportReport that the screens and the CLI read, for the
    # whole package: the sending hub in place of the village, the villages' rows summed
    @property
    def village_code(self) -> str:
        return self.hub_code

    @property
    def village_name(self) -> str:
        return self.hub_name

    @property
    def counts(self) -> dict[str, SheetCounts]:
        out: dict[str, SheetCounts] = {}
        for r in self.villages:
            for sheet, c in r.counts.items():
                into = out.setdefault(sheet, SheetCounts())
                for key, value in c.as_dict().items():
                    setattr(into, key, getattr(into, key) + value)
        return out

    @property
    def errors(self) -> list[RowError]:
        return [e for r in self.villages for e in r.errors]

    @property
    def nik_clashes(self) -> list[NikClash]:
        return [n for r in self.villages for n in r.nik_clashes]

    @property
    def missing_sequences(self) -> list[int]:
        return _last_numbers(self.missing_ranges, MAX_GAP_NUMBERS)

    @property
    def changed(self) -> bool:
        return self.status in (STATUS_IMPORTED, STATUS_PARTIAL)


HUB_KEY = ("sync.paket.key_mismatch", "sync.paket.key_unconfirmed", "hub")
"""The refusals of a sending hub's key, and the name of the sender in their parameters."""


class _Run(StagingSteps, ClassifySteps, MergeSteps):
    """One village's part: the importer's own staging, classify and merge steps."""


def check_paket_region(own: str, opened: OpenedPaket) -> None:
    """The sending hub lies under this hub (a regency of this province, a province of the
    country), and every village of the package under both."""
    sender, level = opened.hub_code, hub_level(opened.hub_code)
    if sender == own or level is None or not hub_covers(own, sender) or not (
            reference.region_name(sender)):
        raise AppError("sync.paket.other_region", hub=sender, own=own)
    for v in opened.villages:
        try:
            check_village(sender, v.code)
            check_village(own, v.code)
        except AppError as exc:
            raise AppError("sync.paket.village_outside", hub=sender, village=v.code,
                           own=own) from exc


def preview_paket(ws: Workspace, path: Path, *, progress: ProgressFn | None = None,
                  cancel: CancelToken | None = None) -> PaketReport:
    """Everything an import of the package would do, per village, with nothing changed."""
    return _import(ws, Path(path), commit=False, valid_rows_only=False, confirm_key=None,
                   operator=None, backup=False, progress=progress, cancel=cancel)


def import_paket(ws: Workspace, path: Path, *, valid_rows_only: bool = False,
                 confirm_key: str | None = None, operator: str | None = None,
                 backup: bool = True, progress: ProgressFn | None = None,
                 cancel: CancelToken | None = None) -> PaketReport:
    """Import a package in one transaction: every village's part, or nothing.

    ``confirm_key`` is the fingerprint the clerk confirmed for a hub seen for the first time.
    Importing the same file again changes nothing (``status == "sudah"``)."""
    return _import(ws, Path(path), commit=True, valid_rows_only=valid_rows_only,
                   confirm_key=confirm_key, operator=operator, backup=backup,
                   progress=progress, cancel=cancel)


def _village_report(opened: OpenedPaket, part: OpenedBundle) -> ImportReport:
    m = part.manifest
    return ImportReport(
        file_name=opened.file_name, file_sha256=part.file_sha256, village_code=m.village_code,
        village_name=m.village_name, installation_id=m.installation_id, sequence=m.sequence,
        scope=opened.scope, created_at=m.created_at, encrypted=opened.encrypted,
        fingerprint=opened.fingerprint)


def _part_progress(progress: ProgressFn | None, n: int, count: int, code: str) -> ProgressFn:
    def report(inner: Progress) -> None:
        if progress is None:
            return
        share = int((inner.fraction or 0.0) * 1000)
        progress(Progress(done=n * 1000 + share, total=count * 1000,
                          code="progress.import.bundle",
                          params={"n": n + 1, "count": count, "name": code}))

    return report


def _import(ws: Workspace, path: Path, *, commit: bool, valid_rows_only: bool,
            confirm_key: str | None, operator: str | None, backup: bool,
            progress: ProgressFn | None, cancel: CancelToken | None) -> PaketReport:
    started = time.perf_counter()
    office = hub_office(ws)
    operator = operator or office.operator or "P4MI"
    opened = read_paket(path)
    hub_practice = is_practice(ws)
    if opened.practice and not hub_practice:
        raise AppError("sync.bundle.practice")
    if hub_practice and not opened.practice:
        raise AppError("sync.bundle.not_practice")
    check_paket_region(office.code, opened)
    report = PaketReport(opened.file_name, opened.file_sha256, opened.hub_code,
                         opened.hub_name, opened.sequence, opened.scope,
                         opened.raw["created_at"], opened.encrypted, opened.fingerprint)
    report.warnings.extend((w, {}) for w in opened.warnings)
    as_bundle = opened.as_bundle()
    with raw_connection(ws.db) as con:
        if con.execute("SELECT 1 FROM sync_bundle_import WHERE file_sha256 = ?",
                       (opened.file_sha256,)).fetchone():
            report.status = STATUS_ALREADY
            report.seconds = time.perf_counter() - started
            return report
        key = note_key(con, opened.hub_code, opened.raw["public_key"], report, HUB_KEY,
                       confirm_key=confirm_key if commit else None, must_confirm=commit)
        _check_sequence(con, as_bundle)
        report.missing_ranges, _older = _sequence_gaps(con, opened.hub_code,
                                                       opened.installation_id, opened.sequence)
        if report.missing_ranges:
            report.warnings.append(("sync.warn.gap", {"missing": format_range_pairs(
                report.missing_ranges)}))
        workbooks = opened.workbooks(load_keypair(ws.data_dir))
        parts = [(v, opened.village_bundle(v, workbooks.pop(v.code))) for v in opened.villages]
        del workbooks
        if not commit:
            for n, (_v, part) in enumerate(parts):
                run = _Run(ws, part, _village_report(opened, part),
                           _part_progress(progress, n, len(parts), part.manifest.village_code),
                           cancel)
                try:
                    con.execute("BEGIN")
                    _check_part(con, run)
                    con.execute("COMMIT")
                finally:
                    if con.in_transaction:
                        con.execute("ROLLBACK")
                    run.drop(con)
                run.report.status = STATUS_PREVIEW
                report.villages.append(run.report)
            report.status = STATUS_PREVIEW
            report.seconds = time.perf_counter() - started
            return report
        if backup and not ws.db.is_server:
            daily_backup_if_due(ws.data_dir.db_path, ws.data_dir.backups)
        if cancel is not None:
            cancel.check()
        try:
            con.execute("BEGIN IMMEDIATE")
            # the sending hub's own sync-state row: two clerks importing the same package
            # wait here for each other, and the second finds it imported
            if _lock_village(con, opened.hub_code, opened.file_sha256, key,
                             opened.raw["public_key"]) is None:
                con.execute("ROLLBACK")
                report.status = STATUS_ALREADY
                return report
            first_run: int | None = None
            for n, (village, part) in enumerate(parts):
                run = _Run(ws, part, _village_report(opened, part),
                           _part_progress(progress, n, len(parts), village.code), cancel)
                report.villages.append(run.report)
                try:
                    _check_part(con, run)
                    if run.report.error_rows and not valid_rows_only:
                        con.execute("ROLLBACK")
                        report.status = STATUS_REFUSED
                        report.refusal = ("sync.paket.row_errors", {
                            "rows": run.report.error_rows, "village": village.code})
                        return report
                    undo_run = _merge_part(con, run, village, operator)
                    first_run = undo_run if first_run is None else first_run
                finally:
                    run.drop(con)
            report.status = STATUS_PARTIAL if report.error_rows else STATUS_IMPORTED
            paket_id = _record_paket(con, opened, report, new_key=key is None,
                                     operator=operator)
            if first_run is not None:  # undone with the package's first village, last
                _attach_to_run(con, first_run, paket_id, opened.hub_code, key is None)
            _archive(ws, as_bundle, known=set())
            if cancel is not None:
                cancel.check()
            con.execute("COMMIT")
        finally:
            if con.in_transaction:
                con.execute("ROLLBACK")
    report.seconds = time.perf_counter() - started
    return report


def _check_part(con: Any, run: _Run) -> None:
    run.stage(con, run.opened.data)
    run.check_knowledge(con)
    run.check_references(con)
    run.classify(con)


def _merge_part(con: Any, run: _Run, village: PaketVillage, operator: str) -> int:
    """One village's part, in the package's transaction, as ``import_bundle`` merges a
    bundle: its sync-state row locked, the undo journal, the upsert, statuses, records."""
    part = run.opened
    code = village.code
    _lock_village(con, code, part.file_sha256, active_key(con, code), part.manifest.raw[
        "public_key"])
    undo_run = import_undo.start_run(con, operator=operator, file_name=part.file_name,
                                     sha256=part.file_sha256)
    import_undo.journal_rows(con, undo_run)
    knowledge = import_undo.knowledge_before(con, code)
    touched = run.merge(con)
    import_undo.journal_statuses(con, undo_run, touched)
    refresh_statuses(con, touched)
    run.report.status = STATUS_PARTIAL if run.report.error_rows else STATUS_IMPORTED
    _record(con, run, run.report, False, operator)
    # the village's key as the sending hub has it on record, when this hub has none yet: a
    # bundle the village later sends here directly is then checked against it
    new_key = village.village_key is not None and active_key(con, code) is None
    if new_key:
        con.execute(
            "INSERT INTO sync_village_key (village_code, public_key, fingerprint, "
            "installation_id, source, trusted_at, trusted_by, active, reason) "
            "VALUES (?, ?, ?, '', 'relai', ?, ?, TRUE, ?)",
            (code, village.village_key, fingerprint(unb64(village.village_key or "", 32)),
             stamp(), operator, f"paket hub {part.manifest.raw.get('hub_code', '')}"[:200]))
    import_undo.finish_run(
        con, undo_run, import_id=run.report.import_id or 0, village=code, knowledge=knowledge,
        new_key=new_key, counts={k: v.as_dict() for k, v in run.report.counts.items()})
    return undo_run


def _attach_to_run(con: Any, run_id: int, import_id: int, hub: str, new_key: bool) -> None:
    """The package's own records (its import row, the hub key it brought) go into the undo
    run of its first village (``also``, sync/import_undo.py): undoing a package's villages
    one by one, newest first, takes them away with the last one undone."""
    key_id = con.execute("SELECT max(id) FROM sync_village_key WHERE village_code = ?",
                         (hub,)).fetchone()[0] if new_key else None
    info = json.loads(con.execute("SELECT counts FROM import_run WHERE id = ?",
                                  (run_id,)).fetchone()[0])
    info["also"] = [{"import_id": import_id, "village": hub, "key_id": key_id}]
    con.execute("UPDATE import_run SET counts = ? WHERE id = ?",
                (json.dumps(info, sort_keys=True), run_id))


def _record_paket(con: Any, opened: OpenedPaket, report: PaketReport, *, new_key: bool,
                  operator: str) -> int:
    now = stamp()
    if new_key:
        con.execute(
            "INSERT INTO sync_village_key (village_code, public_key, fingerprint, "
            "installation_id, source, trusted_at, trusted_by, active, reason) "
            "VALUES (?, ?, ?, ?, 'paket', ?, ?, TRUE, 'hub')",
            (opened.hub_code, opened.raw["public_key"], opened.fingerprint,
             opened.installation_id, now, operator))
    counts = {v.village_code: {k: c.as_dict() for k, c in v.counts.items()}
              for v in report.villages}
    cur = con.execute(
        "INSERT INTO sync_bundle_import (file_sha256, file_name, village_code, installation_id, "
        "sequence, kind, bundle_created_at, imported_at, operator, status, counts, rejected, "
        "warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?) RETURNING id",
        (opened.file_sha256, opened.file_name[:200], opened.hub_code, opened.installation_id,
         opened.sequence, opened.scope, opened.raw["created_at"][:40], now, operator,
         report.status, json.dumps(counts, sort_keys=True),
         json.dumps(report.warnings, ensure_ascii=False, default=str)))
    import_id = int(cur.fetchone()[0])
    con.execute("UPDATE sync_village_state SET imports = imports + 1, last_import_id = ? "
                "WHERE village_code = ?", (import_id, opened.hub_code))
    audit_event(con, "import_paket", operator, entity="paket_kabupaten",
                entity_id=str(import_id), hub=opened.hub_code, sequence=opened.sequence,
                file=opened.file_name, sha256=opened.file_sha256, status=report.status,
                villages=len(report.villages), new=report.total("new"),
                updated=report.total("updated"), rejected=report.error_rows)
    return import_id


# -- receipts back to the sending hub --------------------------------------------------------


def make_paket_receipt(ws: Workspace, hub_code: str, out: Path) -> Path:
    """A signed receipt for the hub ``hub_code``: per village of that hub, what this hub
    holds (its knowledge vector), and the package numbers received."""
    from sync.keys import load_or_create_keypair as _pair
    from sync.receipt import RECEIPT_EXTENSION, RECEIPT_FORMAT, RECEIPT_VERSION

    office = hub_office(ws)
    pair = _pair(ws.data_dir, office_code=office.code, role="p4mi")
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
    from app.core.atomic import write_text

    write_text(out, json.dumps(doc, ensure_ascii=False, indent=1) + "\n",
               error_code="sync.export.write_failed")
    return out


def import_paket_receipt(ws: Workspace, path: Path, *,
                         confirm_key: str | None = None) -> dict[str, Any]:
    """At the sending hub: record a package receipt signed by the hub above (its key installed
    with ``keys set-p4mi``, or pinned now by confirming the fingerprint). The next package
    carries only what the receipt does not cover. Returns the receipt's content."""
    office = _sending_office(ws)
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
        from sqlalchemy import select

        if s.scalars(select(SyncReceipt).where(SyncReceipt.sha256 == sha)).first() is None:
            s.add(SyncReceipt(issued_at=str(content.get("issued_at", ""))[:40],
                              hub_fingerprint=key.fingerprint, sha256=sha, content=text))
            log_event(s, "receipt_paket", operator=office.operator, entity="tanda_terima",
                      entity_id=office.code, file=Path(path).name)
    return content


__all__ = [
    "DATA_ZIP", "DATA_ZIP_SEALED", "PAKET_KIND", "OpenedPaket", "PaketExportReport",
    "PaketReport", "PaketVillage", "check_paket_region", "export_paket", "import_paket",
    "import_paket_receipt", "is_paket", "make_paket_receipt", "paket_file_name",
    "preview_paket", "read_paket", "receipt_bases",
]
