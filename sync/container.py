"""The bundle container of format v1: a zip holding the manifest, its signature and the data.

Writing: the zip goes to a hidden temporary name in the target folder, is flushed and fsynced,
then renamed, so a USB stick pulled out mid-way never leaves a half bundle under the real name.

Reading: caps are checked before anything is parsed (file size, member count and names,
declared and real sizes, compression ratio), the members are read through zipfile (bounded by
their declared sizes, CRC-checked), then the manifest is parsed and checked field by field,
the signature is checked against the key named in the manifest, and the data member's SHA-256
against the manifest. Every refusal is an ``AppError("sync.bundle.*")`` with an Indonesian
sentence in :mod:`sync.messages`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, cast

from app.core import atomic as _atomic
from app.core.errors import AppError
from sync.keys import KeyPair, PublicKeyInfo, unb64
from sync.schema import FORMAT_NAME, FORMAT_VERSION, Sheet, required_sheets, schema_for

EXTENSION = ".bmd"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DATA_PLAIN = "data.xlsx"
DATA_SEALED = "data.xlsx.enc"
SCOPE_FULL = "lengkap"
SCOPE_CHANGES = "perubahan"
SEALED_SCHEME = "nacl-sealedbox-x25519"
PRACTICE_PREFIX = "LATIHAN_"  # file names of bundles made in practice mode

MAX_BUNDLE_BYTES = 64 * 1024 * 1024
MAX_BUNDLE_ROWS = 80_000
"""Data rows of one bundle, all sheets together. The work of deciding a bundle grows with its
rows and its bytes (bounded by ``sync.xlsx.ReadCaps.max_total_bytes``); a bundle at both caps,
with a real village's mix of sheets, is decided within 10 s and 500 MB on a 2-core machine,
into an empty hub and into one of this design's 200,000 residents
(``benchmarks/bench_hostile.py --only full``; at 100,000 rows the second took 8.7-10.7 s). A
village of this design's size (2,000 residents) sends about 3,000 rows; a demo village's mix
makes 1.35 rows per resident, so the cap is a register of about 59,000 residents. The export
refuses to make a bigger bundle, and the import refuses one from its manifest before reading
any sheet."""
MAX_MANIFEST_BYTES = 64 * 1024
SIGNATURE_BYTES = 64
ZIP_MAGIC = b"PK\x03\x04"

_NAME = re.compile(r"BMD_(\d{2}\.\d{2}\.\d{2}\.\d{4})_(\d{8})_(\d{6,9})")
_CODE = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")

MAX_SEQUENCE = 999_999_999  # nine digits, the longest the file name pattern accepts
MAX_COUNTER = 2**53  # change counters: far above any real village, exact in JSON and SQLite
MAX_VECTOR_ENTRIES = 1_000  # installations in a knowledge vector
MAX_RELEASED_RANGES = 1_000
# control characters (terminal escapes included) and bidi overrides: never in a manifest text
_UNSAFE_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def bundle_file_name(village_code: str, day: date, sequence: int) -> str:
    """``BMD_<village code>_<YYYYMMDD>_<sequence, 6 digits>.bmd``."""
    return f"BMD_{village_code}_{day:%Y%m%d}_{sequence:06d}{EXTENSION}"


def parse_file_name(name: str) -> tuple[str, int] | None:
    """(village code, sequence) when the name carries the format's pattern (chat apps may add
    suffixes such as `` (1)``), else None."""
    match = _NAME.search(name)
    if match is None:
        return None
    return match.group(1), int(match.group(3))


@dataclass(frozen=True)
class Manifest:
    raw: dict[str, Any]

    @property
    def village_code(self) -> str:
        return cast("str", self.raw["village_code"])

    @property
    def village_name(self) -> str:
        return cast("str", self.raw.get("village_name", ""))

    @property
    def installation_id(self) -> str:
        return cast("str", self.raw["installation_id"])

    @property
    def sequence(self) -> int:
        return cast("int", self.raw["sequence"])

    @property
    def scope(self) -> str:
        return cast("str", self.raw["scope"])

    @property
    def created_at(self) -> str:
        return cast("str", self.raw["created_at"])

    @property
    def counts(self) -> dict[str, int]:
        return cast("dict[str, int]", self.raw["counts"])

    @property
    def format_version(self) -> int:
        return cast("int", self.raw["format_version"])

    @property
    def sheets(self) -> tuple[Sheet, ...]:
        """The sheets this bundle carries, in workbook order (its format version's sheets
        that the manifest counts; an optional sheet left out is simply absent)."""
        return tuple(s for s in schema_for(self.format_version) if s.name in self.counts)

    @property
    def base(self) -> dict[str, int]:
        return cast("dict[str, int]", self.raw["base"])

    @property
    def knowledge(self) -> dict[str, int]:
        return cast("dict[str, int]", self.raw["knowledge"])

    @property
    def released(self) -> list[tuple[int, int]]:
        """Sequence numbers the village released (exports cut short), as ranges."""
        return [(int(a), int(b)) for a, b in self.raw.get("released", [])]

    @property
    def data_member(self) -> str:
        return cast("str", self.raw["data_member"])

    @property
    def encrypted(self) -> bool:
        return self.raw.get("encryption") is not None

    @property
    def recipient(self) -> str:
        enc = self.raw.get("encryption") or {}
        return str(enc.get("recipient", ""))

    @property
    def practice(self) -> bool:
        """Made in practice mode ("Mode latihan"): never imported into real P4MI data."""
        return self.raw.get("practice") is True

    @property
    def public_key(self) -> PublicKeyInfo:
        return PublicKeyInfo(unb64(self.raw["public_key"], 32), self.village_code, "desa")


@dataclass
class OpenedBundle:
    path: Path
    file_name: str
    file_sha256: str
    size: int
    manifest: Manifest
    data: bytes  # the data member as stored (maybe encrypted)
    warnings: list[str]

    def workbook(self, hub_key: KeyPair | None) -> bytes:
        """The plain workbook bytes (decrypting with the hub's key when sealed)."""
        if not self.manifest.encrypted:
            return self.data
        if hub_key is None:
            raise AppError("sync.bundle.no_hub_key")
        if self.manifest.recipient != hub_key.fingerprint:
            raise AppError("sync.bundle.other_recipient", recipient=self.manifest.recipient,
                           own=hub_key.fingerprint)
        return hub_key.unseal(self.data)


# -- writing ---------------------------------------------------------------------------------


# the one atomic writer lives in the core (fsync_dir and temp_name are re-exported here)
fsync_dir = _atomic.fsync_dir
temp_name = _atomic.temp_name


def dump_manifest(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()


def size_params(size: int, maximum: int) -> dict[str, int]:
    """The parameters of ``sync.export.too_large``: bytes for the log, whole MB for the
    reader (the size rounded up and the cap down, so a size just over the cap never reads as
    equal to it)."""
    mib = 1 << 20
    return {"size": size, "maximum": maximum,
            "size_mb": -(-size // mib), "maximum_mb": maximum // mib}


def write_bundle(dest: Path, manifest: dict[str, Any], data: bytes, pair: KeyPair, *,
                 overwrite: bool = True, maximum: int = MAX_BUNDLE_BYTES) -> str:
    """Complete ``manifest`` with the data member's hash, sign it and write the zip at ``dest``
    atomically. Returns the SHA-256 of the whole file."""
    member = manifest["data_member"]
    manifest = dict(manifest)
    manifest["members"] = {member: {"sha256": hashlib.sha256(data).hexdigest(),
                                    "size": len(data)}}
    manifest_bytes = dump_manifest(manifest)
    signature = pair.sign(manifest_bytes)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, payload in ((MANIFEST, manifest_bytes), (SIGNATURE, signature),
                              (member, data)):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            zf.writestr(info, payload)
    blob = buf.getvalue()
    if len(blob) > maximum:
        raise AppError("sync.export.too_large", **size_params(len(blob), maximum))
    write_file_atomic(dest, blob, error_code="sync.export.write_failed", overwrite=overwrite)
    return hashlib.sha256(blob).hexdigest()


# -- reading ---------------------------------------------------------------------------------


def _refuse(code: str, **params: Any) -> AppError:
    return AppError(code, **params)


def read_bundle(path: Path) -> OpenedBundle:
    """Open and check a bundle file (structure, manifest, signature, hashes)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _refuse("sync.bundle.unreadable", path=str(path), detail=exc.strerror) from exc
    if not path.is_file():
        raise _refuse("sync.bundle.unreadable", path=str(path), detail="bukan berkas")
    if size > MAX_BUNDLE_BYTES:
        raise _refuse("sync.bundle.too_large", size=size, maximum=MAX_BUNDLE_BYTES)
    try:
        with open(path, "rb") as handle:
            blob = handle.read(min(size, MAX_BUNDLE_BYTES) + 1)  # never more than the cap
    except OSError as exc:
        raise _refuse("sync.bundle.unreadable", path=str(path), detail=exc.strerror) from exc
    return read_bundle_bytes(blob, path)


def read_bundle_bytes(blob: bytes, path: Path) -> OpenedBundle:
    if len(blob) > MAX_BUNDLE_BYTES:
        raise _refuse("sync.bundle.too_large", size=len(blob), maximum=MAX_BUNDLE_BYTES)
    if not blob.startswith(ZIP_MAGIC):
        raise _refuse("sync.bundle.not_zip")
    try:
        zf = zipfile.ZipFile(io.BytesIO(blob))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise _refuse("sync.bundle.damaged", detail=str(exc)) from exc
    with zf:
        members = _read_members(zf)
    manifest_bytes = members.get(MANIFEST)
    signature = members.get(SIGNATURE)
    if manifest_bytes is None or signature is None:
        raise _refuse("sync.bundle.missing_member", member=MANIFEST if manifest_bytes is None
                      else SIGNATURE)
    manifest = parse_manifest(manifest_bytes)
    data_name = manifest.data_member
    if set(members) != {MANIFEST, SIGNATURE, data_name}:
        extra = sorted(set(members) - {MANIFEST, SIGNATURE, data_name})
        raise _refuse("sync.bundle.unexpected_member",
                      member=", ".join(extra) if extra else data_name)
    key = manifest.public_key
    if not key.verify(manifest_bytes, signature):
        raise _refuse("sync.bundle.bad_signature")
    data = members[data_name]
    listed = manifest.raw["members"].get(data_name)
    if not isinstance(listed, dict) or set(manifest.raw["members"]) != {data_name}:
        raise _refuse("sync.bundle.bad_manifest", field="members")
    if listed.get("size") != len(data) or listed.get("sha256") != hashlib.sha256(
            data).hexdigest():
        raise _refuse("sync.bundle.checksum", member=data_name)
    warnings: list[str] = []
    from_name = parse_file_name(path.name)
    if from_name is not None and from_name != (manifest.village_code, manifest.sequence):
        raise _refuse("sync.bundle.name_mismatch", name=path.name, village=manifest.village_code,
                      sequence=manifest.sequence)
    if from_name is None:
        warnings.append("sync.warn.renamed")
    if not manifest.encrypted:
        warnings.append("sync.warn.plain")
    return OpenedBundle(path, path.name, hashlib.sha256(blob).hexdigest(), len(blob), manifest,
                        data, warnings)


def _read_members(zf: zipfile.ZipFile, allowed: tuple[str, ...] = (
        MANIFEST, SIGNATURE, DATA_PLAIN, DATA_SEALED)) -> dict[str, bytes]:
    """The members of a bundle, each checked (names from ``allowed``: a village bundle's, or
    a hub's "paket kabupaten", :mod:`sync.relay`)."""
    out: dict[str, bytes] = {}
    for info in check_members(zf, allowed):
        name = info.filename
        limit = member_limit(name)
        try:
            with zf.open(info) as handle:
                payload = handle.read(limit + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
            raise _refuse("sync.bundle.damaged", detail=str(exc)) from exc
        if len(payload) != info.file_size or len(payload) > limit:
            raise _refuse("sync.bundle.damaged", detail=f"{name}: ukuran")
        out[name] = payload
    return out


def member_limit(name: str, data_limit: int = MAX_BUNDLE_BYTES,
                 manifest_limit: int | None = None) -> int:
    """A member's size cap: the manifest's (``manifest_limit``, else a village bundle's), the
    signature's, else ``data_limit``."""
    return {MANIFEST: MAX_MANIFEST_BYTES if manifest_limit is None else manifest_limit,
            SIGNATURE: SIGNATURE_BYTES}.get(name, data_limit)


def check_members(zf: zipfile.ZipFile, allowed: tuple[str, ...], *,
                  data_limit: int = MAX_BUNDLE_BYTES,
                  manifest_limit: int | None = None) -> list[zipfile.ZipInfo]:
    """The container's members, each checked before any is read: at most three, plain names
    from ``allowed``, no links or folders, declared sizes within the caps (``data_limit`` for
    the data member, ``manifest_limit`` for the manifest), stored or deflated, no zip
    encryption, no compression bomb."""
    infos = zf.infolist()
    if len(infos) > 3:
        raise _refuse("sync.bundle.unexpected_member",
                      member=", ".join(i.filename for i in infos[:6]))
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name or "/" in name or "\\" in name or (
                ":" in name):
            raise _refuse("sync.bundle.path_traversal", member=name[:80])
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode) or info.is_dir():
            raise _refuse("sync.bundle.link_member", member=name[:80])
        if name in seen:
            raise _refuse("sync.bundle.unexpected_member", member=name[:80])
        seen.add(name)
        if name not in allowed:
            raise _refuse("sync.bundle.unexpected_member", member=name[:80])
        if info.file_size > member_limit(name, data_limit, manifest_limit):
            raise _refuse("sync.bundle.member_too_large", member=name, size=info.file_size)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse("sync.bundle.damaged", detail="metode kompresi")
        if info.flag_bits & 0x1:
            raise _refuse("sync.bundle.damaged", detail="anggota terenkripsi zip")
        if info.file_size > (1 << 20) and info.file_size > 50 * max(1, info.compress_size):
            raise _refuse("sync.bundle.bomb", member=name)
    return infos


def _field(raw: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = raw.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
        raise _refuse("sync.bundle.bad_manifest", field=key)
    return value


def _vector(raw: dict[str, Any], key: str) -> dict[str, int]:
    value = _field(raw, key, dict)
    if len(value) > MAX_VECTOR_ENTRIES:
        raise _refuse("sync.bundle.bad_manifest", field=key)
    for inst, counter in value.items():
        if not _HEX32.match(str(inst)) or not isinstance(counter, int) or isinstance(
                counter, bool) or counter < 0 or counter > MAX_COUNTER:
            raise _refuse("sync.bundle.bad_manifest", field=key)
    return cast("dict[str, int]", value)


def _text(raw: dict[str, Any], key: str, maximum: int, *, required: bool = True) -> None:
    """A manifest text: a string, short, without control characters (terminal escapes) or
    bidi overrides, since the CLI and the screens print it as it is."""
    if key not in raw and not required:
        return
    value = raw.get(key)
    if not isinstance(value, str) or len(value) > maximum or _UNSAFE_TEXT.search(value):
        raise _refuse("sync.bundle.bad_manifest", field=key)


def _released(raw: dict[str, Any], sequence: int) -> None:
    """``released``: the sequence numbers this installation gave up (an export cut short
    before its file existed), as ``[[first, last], ...]`` ranges below this bundle's number."""
    if "released" not in raw:
        return
    value = raw["released"]
    if not isinstance(value, list) or len(value) > MAX_RELEASED_RANGES:
        raise _refuse("sync.bundle.bad_manifest", field="released")
    for item in value:
        if not (isinstance(item, list) and len(item) == 2 and all(
                isinstance(n, int) and not isinstance(n, bool) for n in item)
                and 1 <= item[0] <= item[1] < sequence):
            raise _refuse("sync.bundle.bad_manifest", field="released")


def parse_manifest(blob: bytes) -> Manifest:
    try:
        raw = json.loads(blob.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise _refuse("sync.bundle.bad_manifest", field=MANIFEST) from exc
    if not isinstance(raw, dict):
        raise _refuse("sync.bundle.bad_manifest", field=MANIFEST)
    if raw.get("format") != FORMAT_NAME:
        raise _refuse("sync.bundle.not_bundle")
    version = raw.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _refuse("sync.bundle.bad_version", version=str(version)[:20])
    if version > FORMAT_VERSION:
        raise _refuse("sync.bundle.future_version", version=version, supported=FORMAT_VERSION)
    code = _field(raw, "village_code", str)
    if not _CODE.match(code):
        raise _refuse("sync.bundle.bad_manifest", field="village_code")
    if not _HEX32.match(_field(raw, "installation_id", str)):
        raise _refuse("sync.bundle.bad_manifest", field="installation_id")
    seq = _field(raw, "sequence", int)
    if seq < 1 or seq > MAX_SEQUENCE:
        raise _refuse("sync.bundle.bad_manifest", field="sequence")
    if _field(raw, "scope", str) not in (SCOPE_FULL, SCOPE_CHANGES):
        raise _refuse("sync.bundle.bad_manifest", field="scope")
    _text(raw, "created_at", 40)
    _text(raw, "app_version", 40)
    _text(raw, "village_name", 200, required=False)
    _released(raw, seq)
    _field(raw, "public_key", str)
    unb64(raw["public_key"], 32)
    _vector(raw, "base")
    _vector(raw, "knowledge")
    counts = _field(raw, "counts", dict)
    names = {s.name for s in schema_for(version)}
    if not required_sheets(version) <= set(counts) <= names or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in counts.values()):
        raise _refuse("sync.bundle.bad_manifest", field="counts")
    if sum(counts.values()) > MAX_BUNDLE_ROWS:
        raise _refuse("sync.bundle.too_many_rows", rows=sum(counts.values()),
                      maximum=MAX_BUNDLE_ROWS)
    encryption = raw.get("encryption")
    member = _field(raw, "data_member", str)
    if encryption is None:
        if member != DATA_PLAIN:
            raise _refuse("sync.bundle.bad_manifest", field="data_member")
    else:
        if not isinstance(encryption, dict) or encryption.get("scheme") != SEALED_SCHEME or (
                not isinstance(encryption.get("recipient"), str)) or member != DATA_SEALED:
            raise _refuse("sync.bundle.bad_manifest", field="encryption")
        _text(encryption, "recipient", 100)
    if "practice" in raw and not isinstance(raw["practice"], bool):
        raise _refuse("sync.bundle.bad_manifest", field="practice")
    members = _field(raw, "members", dict)
    for entry in members.values():
        if not isinstance(entry, dict) or not _HEX64.match(str(entry.get("sha256", ""))):
            raise _refuse("sync.bundle.bad_manifest", field="members")
    return Manifest(raw)


def write_file_atomic(dest: Path, blob: bytes, *, error_code: str,
                      overwrite: bool = True) -> None:
    """Write ``blob`` under a temporary name, fsync, rename, fsync the folder (through the
    one atomic writer, :mod:`app.core.atomic`).

    A USB stick pulled at any moment leaves either the old state or the whole file, never a
    half file under the real name. A failure raises ``AppError(error_code, path, detail)``.
    With ``overwrite=False`` an existing ``dest`` is never replaced
    (``AppError("sync.export.exists")``).
    """
    def produce(tmp: Path) -> None:
        if not overwrite and dest.exists():
            raise AppError("sync.export.exists", path=str(dest))
        with open(tmp, "wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        if not overwrite and dest.exists():
            raise AppError("sync.export.exists", path=str(dest))

    _atomic.write_atomic(dest, produce, error_code=error_code, map_error=lambda exc: AppError(
        error_code, path=str(dest), detail=getattr(exc, "strerror", None) or str(exc)))
