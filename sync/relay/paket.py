"""Reading a hub's package: its name, manifest and checks, and its villages' workbooks one at
a time from the file (never the whole package in memory: at most one village's workbook)."""

from __future__ import annotations

import hashlib
import io
import json
import re
import stat
import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any, BinaryIO

from app.core.errors import AppError
from sync.container import (
    DATA_PLAIN,
    MANIFEST,
    MAX_BUNDLE_BYTES,
    SCOPE_CHANGES,
    SCOPE_FULL,
    SEALED_SCHEME,
    SIGNATURE,
    ZIP_MAGIC,
    Manifest,
    OpenedBundle,
    _field,
    _text,
    _vector,
    check_members,
    member_limit,
)
from sync.keys import KeyPair, PublicKeyInfo, unb64
from sync.schema import FORMAT_NAME, FORMAT_VERSION, required_sheets, schema_for
from sync.xlsx import ReadCaps

PAKET_KIND = "kabupaten"  # manifest "kind" of a hub's package (absent in a village bundle)
PAKET_PREFIX = "BMDR_"
DATA_ZIP = "data.zip"
DATA_ZIP_SEALED = "data.zip.enc"
SEALED_UNIT = "desa"  # manifest encryption "unit": each village's workbook sealed on its own
RELAY_SCOPE = "relai"  # sync_bundle_import.kind of one village's part of a package
MAX_PAKET_BYTES = 512 * 1024 * 1024
PART_CAPS = ReadCaps(max_total_bytes=512 * 1024 * 1024)
"""How a village's workbook in a package is read. It holds every row the sending hub has of
that village, many bundles' worth, so the cap that bounds the work of one village bundle
(``ReadCaps().max_total_bytes``) would refuse a big village here; the package as a whole is
bounded by ``MAX_PAKET_BYTES``, and every other read cap is the bundle's."""
MAX_VILLAGES = 20_000
# a package's manifest lists its villages (about 600 bytes each): far above a village
# bundle's manifest cap once a regency has more than about a hundred villages
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
CHUNK = 1 << 20  # bytes read at a time when hashing

_HUB_CODE = re.compile(r"^(\d{2}|\d{2}\.\d{2})$")
_VILLAGE = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_NAME = re.compile(r"BMDR_(\d{2}(?:\.\d{2})?)_(\d{8})_(\d{6,9})")
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... file name length, extra length


def paket_file_name(hub_code: str, day: date, sequence: int) -> str:
    """``BMDR_<hub code>_<YYYYMMDD>_<sequence, 6 digits>.bmd``."""
    return f"{PAKET_PREFIX}{hub_code}_{day:%Y%m%d}_{sequence:06d}.bmd"


@dataclass(frozen=True)
class PaketVillage:
    code: str
    name: str
    counts: dict[str, int]
    base: dict[str, int]
    knowledge: dict[str, int]
    village_key: str | None  # base64 Ed25519 key the sending hub has on record, if any
    sha256: str  # of the village's member in the data zip, as stored (sealed or plain)
    size: int

    @property
    def member(self) -> str:
        return f"{self.code}.xlsx"

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


class _Window(io.RawIOBase):
    """``length`` bytes at ``start`` of an open file, read-only and seekable: the package's
    stored data member as a file of its own, for the zip of workbooks inside it."""

    def __init__(self, handle: IO[bytes], start: int, length: int) -> None:
        super().__init__()
        self._handle, self._start, self._length, self._pos = handle, start, length, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._length}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        want = max(0, min(len(view), self._length - self._pos))
        if not want:
            return 0
        self._handle.seek(self._start + self._pos)
        chunk = self._handle.read(want)
        got = len(chunk)
        view[:got] = chunk
        self._pos += got
        return got


@dataclass
class OpenedPaket:
    path: Path
    file_name: str
    file_sha256: str
    size: int
    raw: dict[str, Any]
    villages: list[PaketVillage]
    data_offset: int  # where the stored data member starts in the file
    data_size: int
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
               "sequence": self.sequence, "scope": self.scope, "practice": self.practice}
        return OpenedBundle(self.path, self.file_name, self.file_sha256, self.size,
                            Manifest(raw), b"", [])

    @contextmanager
    def parts(self, hub_key: KeyPair | None
              ) -> Iterator[Iterator[tuple[PaketVillage, OpenedBundle]]]:
        """Each village with its part as a village bundle, in the manifest's order, read from
        the file one at a time while the context is open: each member's size and SHA-256
        checked against the signed manifest, then unsealed with this hub's key when the
        package is sealed. The data zip's members are checked against the manifest before
        the first part is read."""
        if self.encrypted:
            if hub_key is None:
                raise AppError("sync.bundle.no_hub_key")
            recipient = str((self.raw.get("encryption") or {}).get("recipient", ""))
            if recipient != hub_key.fingerprint:
                raise AppError("sync.bundle.other_recipient", recipient=recipient,
                               own=hub_key.fingerprint)
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 - closed below, also on refusal
        except OSError as exc:
            raise AppError("sync.bundle.unreadable", path=str(self.path),
                           detail=exc.strerror) from exc
        with handle:
            try:
                zf = zipfile.ZipFile(_Window(handle, self.data_offset, self.data_size))
            except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
                raise AppError("sync.bundle.damaged", detail=str(exc)) from exc
            with zf:
                infos = {i.filename: i for i in zf.infolist()}
                if set(infos) != {v.member for v in self.villages} or len(infos) != len(
                        zf.infolist()):
                    raise AppError("sync.paket.bad_manifest", field="villages")
                for v in self.villages:
                    info = infos[v.member]
                    if stat.S_ISLNK(info.external_attr >> 16) or info.is_dir() or (
                            info.file_size != v.size) or (
                            info.compress_type != zipfile.ZIP_STORED):
                        raise AppError("sync.bundle.damaged", detail=info.filename[:80])
                yield ((v, self.village_bundle(v, self._member(zf, infos[v.member], v, hub_key)))
                       for v in self.villages)

    def _member(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, village: PaketVillage,
                hub_key: KeyPair | None) -> bytes:
        try:
            payload = zf.read(info)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise AppError("sync.bundle.damaged", detail=str(exc)) from exc
        if len(payload) != village.size or hashlib.sha256(payload).hexdigest() != village.sha256:
            raise AppError("sync.bundle.checksum", member=village.member)
        if self.encrypted:
            assert hub_key is not None
            payload = hub_key.unseal(payload)
        if len(payload) > MAX_BUNDLE_BYTES:
            raise AppError("sync.bundle.member_too_large", member=village.member,
                           size=len(payload))
        return payload

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


def _sha256(handle: BinaryIO, start: int, length: int) -> str:
    digest = hashlib.sha256()
    handle.seek(start)
    left = length
    while left > 0:
        chunk = handle.read(min(CHUNK, left))
        if not chunk:
            raise AppError("sync.bundle.damaged", detail="ukuran")
        digest.update(chunk)
        left -= len(chunk)
    return digest.hexdigest()


def _data_start(handle: BinaryIO, info: zipfile.ZipInfo) -> int:
    """Where a stored member's bytes begin in the file (after its local header)."""
    handle.seek(info.header_offset)
    header = handle.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size:
        raise AppError("sync.bundle.damaged", detail=info.filename)
    magic, name_len, extra_len = _LOCAL_HEADER.unpack(header)
    if magic != ZIP_MAGIC:
        raise AppError("sync.bundle.damaged", detail=info.filename)
    return int(info.header_offset) + _LOCAL_HEADER.size + int(name_len) + int(extra_len)


def read_paket(path: Path) -> OpenedPaket:
    """Open and check a package: caps, members, manifest, the sending hub's signature, the data
    member's checksum (read through, not kept); the villages' workbooks are read one by one
    when imported (:meth:`OpenedPaket.parts`)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_PAKET_BYTES:
            raise AppError("sync.bundle.too_large", size=size, maximum=MAX_PAKET_BYTES)
        handle = open(path, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        raise AppError("sync.bundle.unreadable", path=str(path), detail=exc.strerror) from exc
    with handle:
        if handle.read(4) != ZIP_MAGIC:
            raise AppError("sync.bundle.not_zip")
        file_sha256 = _sha256(handle, 0, size)
        try:
            zf = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
            raise AppError("sync.bundle.damaged", detail=str(exc)) from exc
        with zf:
            infos = {i.filename: i for i in check_members(
                zf, (MANIFEST, SIGNATURE, DATA_ZIP, DATA_ZIP_SEALED), data_limit=MAX_PAKET_BYTES,
                manifest_limit=MAX_MANIFEST_BYTES)}
            small: dict[str, bytes] = {}
            for name in (MANIFEST, SIGNATURE):
                if name not in infos:
                    raise AppError("sync.bundle.missing_member", member=name)
                try:
                    small[name] = zf.read(infos[name])
                except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                    raise AppError("sync.bundle.damaged", detail=str(exc)) from exc
                if len(small[name]) > member_limit(name, manifest_limit=MAX_MANIFEST_BYTES):
                    raise AppError("sync.bundle.damaged", detail=f"{name}: ukuran")
            manifest_bytes, signature = small[MANIFEST], small[SIGNATURE]
            raw, villages = parse_paket_manifest(manifest_bytes)
            data_name = raw["data_member"]
            if set(infos) != {MANIFEST, SIGNATURE, data_name}:
                raise AppError("sync.bundle.unexpected_member",
                               member=", ".join(sorted(set(infos) - {MANIFEST, SIGNATURE})))
            key = PublicKeyInfo(unb64(raw["public_key"], 32), raw["hub_code"], "p4mi")
            if not key.verify(manifest_bytes, signature):
                raise AppError("sync.bundle.bad_signature")
            info = infos[data_name]
            if info.compress_type != zipfile.ZIP_STORED or info.file_size != info.compress_size:
                raise AppError("sync.bundle.damaged", detail="metode kompresi")
            data_offset = _data_start(handle, info)
            if data_offset + info.file_size > size:
                raise AppError("sync.bundle.damaged", detail=f"{data_name}: ukuran")
            listed = raw["members"].get(data_name)
            if not isinstance(listed, dict) or set(raw["members"]) != {data_name}:
                raise AppError("sync.paket.bad_manifest", field="members")
            if listed.get("size") != info.file_size or listed.get("sha256") != _sha256(
                    handle, data_offset, info.file_size):
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
    return OpenedPaket(path, path.name, file_sha256, size, raw, villages, data_offset,
                       info.file_size, warnings)


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
                not isinstance(encryption.get("recipient"), str)) or member != (
                DATA_ZIP_SEALED) or encryption.get("unit") != SEALED_UNIT:
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
            sha, size = _field(entry, "sha256", str), _field(entry, "size", int)
        except AppError as exc:
            raise bad(f"{code}: {exc.params.get('field', '?')}") from exc
        if not _HEX64.match(sha) or not 0 < size <= MAX_PAKET_BYTES:
            raise bad(f"{code}: sha256")
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
                                     village_key, sha, size))
    return raw, villages
