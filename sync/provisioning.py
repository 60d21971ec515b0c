"""Training-event provisioning ("paket pelatihan", ``.bmdp``): the regency's settings, signed.

A P4MI installation writes one small file (:func:`create_provisioning`) that a trainer puts on
the installer USB stick beside the program (:func:`find_provisioning_beside_program`) or that
the village head chooses at first start. It carries the regency code and name, the P4MI public
key and its fingerprint, the regency's villages (so the first-start wizard only asks which
village), optionally the trainer's name and phone, when it was made, and the format version.

The file is JSON: an envelope ``{"format", "format_version", "content", "signature",
"public_key", "fingerprint"}`` whose ``content`` is a JSON text signed (Ed25519, over its
UTF-8 bytes) by the P4MI installation's key. :func:`read_provisioning` checks the size, the
envelope, the version, the signature with the key the file carries, that the carried key is
the one the content names and that its fingerprint is the one written in the file, then every
field; anything else is refused with an ``AppError("sync.provision.*")``.

The signature proves that the file was not changed after the P4MI made it, not *which* P4MI
made it: the fingerprint shown by the wizard is what the village compares with the one the
P4MI clerk reads out (the same trust step as ``keys set-p4mi --confirm-key``).

:func:`apply_provisioning` installs the P4MI public key into a village folder (bundles are
then encrypted to that P4MI and its receipts verified) and records the trusted regency.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from app import __version__
from app.core.errors import AppError
from app.core.workspace import MODE_P4MI, MODE_VILLAGE, Workspace
from sync.container import write_file_atomic
from sync.keys import (
    PublicKeyInfo,
    b64,
    load_or_create_keypair,
    load_p4mi_key,
    normalize_fingerprint,
    set_p4mi_key,
    unb64,
)

PROVISIONING_FORMAT = "buku-migran-desa/paket-pelatihan"
PROVISIONING_VERSION = 1
PROVISIONING_EXTENSION = ".bmdp"
MAX_PROVISIONING_BYTES = 1024 * 1024  # a regency of 1,000 villages needs about 50 KiB
MAX_VILLAGES = 10_000
MAX_TEXT = 200

# Settings a village records when it applies a provisioning file.
SETTING_REGENCY_CODE = "p4mi_regency_code"
SETTING_REGENCY_NAME = "p4mi_regency_name"
SETTING_FINGERPRINT = "p4mi_fingerprint"
SETTING_PROVISIONED_AT = "provisioned_at"
SETTING_TRAINER = "provisioning_trainer"

_REGENCY = re.compile(r"^\d{2}\.\d{2}$")
_VILLAGE = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")


@dataclass(frozen=True)
class Provisioning:
    """A checked provisioning file."""

    regency_code: str
    regency_name: str
    p4mi_key: PublicKeyInfo
    villages: tuple[tuple[str, str], ...]  # (code, name), sorted by code
    trainer_name: str
    trainer_phone: str
    created_at: str
    format_version: int
    app_version: str
    path: Path | None = None
    sha256: str = ""

    @property
    def fingerprint(self) -> str:
        return self.p4mi_key.fingerprint

    def village_name(self, code: str) -> str | None:
        return dict(self.villages).get(code)


def provisioning_file_name(regency_code: str, day: date) -> str:
    """``PELATIHAN_<regency code>_<YYYYMMDD>.bmdp``."""
    return f"PELATIHAN_{regency_code}_{day:%Y%m%d}{PROVISIONING_EXTENSION}"


# -- writing ---------------------------------------------------------------------------------


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())[:MAX_TEXT]


def create_provisioning(hub_ws: Workspace, out_path: Path, *, trainer: str = "",
                        phone: str = "", operator: str | None = None,
                        today: date | None = None) -> Provisioning:
    """Write a signed provisioning file of this P4MI hub at ``out_path`` (a file, or a folder
    that gets :func:`provisioning_file_name`) and return it as read back."""
    from app.core import reference
    from app.core.models import utcnow
    from app.core.practice import is_practice
    from app.core.services.audit import log_event

    office = hub_ws.office()
    if office is None or office.mode != MODE_P4MI:
        raise AppError("sync.provision.not_hub")
    if is_practice(hub_ws):
        raise AppError("sync.provision.practice")
    pair = load_or_create_keypair(hub_ws.data_dir, office_code=office.code, role="p4mi")
    villages = reference.villages_of_regency(office.code)
    trainer_info = None
    if _clean(trainer) or _clean(phone):
        trainer_info = {"name": _clean(trainer), "phone": _clean(phone)}
    content = {
        "format": PROVISIONING_FORMAT,
        "format_version": PROVISIONING_VERSION,
        "app_version": __version__,
        "regency_code": office.code,
        "regency_name": office.name or reference.region_name(office.code) or office.code,
        "p4mi_public_key": b64(pair.public),
        "p4mi_fingerprint": pair.fingerprint,
        "villages": [[code, name] for code, name in villages],
        "trainer": trainer_info,
        "created_at": utcnow().isoformat(timespec="seconds") + "Z",
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True)
    envelope = {
        "format": PROVISIONING_FORMAT,
        "format_version": PROVISIONING_VERSION,
        "content": text,
        "signature": b64(pair.sign(text.encode("utf-8"))),
        "public_key": b64(pair.public),
        "fingerprint": pair.fingerprint,
    }
    blob = (json.dumps(envelope, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    out = Path(out_path)
    if out.is_dir():
        out = out / provisioning_file_name(office.code, today or date.today())
    elif out.suffix.lower() != PROVISIONING_EXTENSION:
        out = out.with_name(out.name + PROVISIONING_EXTENSION)
    _write_atomic(out, blob)
    with hub_ws.db.unit_of_work(operator or office.operator or "P4MI") as s:
        log_event(s, "provisioning", entity="paket_pelatihan", entity_id=office.code,
                  file=out.name, villages=len(villages), trainer=_clean(trainer),
                  fingerprint=pair.fingerprint)
    return read_provisioning(out)


def _write_atomic(dest: Path, blob: bytes) -> None:
    write_file_atomic(dest, blob, error_code="sync.provision.write_failed")


# -- reading ---------------------------------------------------------------------------------


def _damaged(detail: str) -> AppError:
    return AppError("sync.provision.damaged", detail=detail)


def _version(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise AppError("sync.provision.bad_version", version=str(value)[:20])
    if value > PROVISIONING_VERSION:
        raise AppError("sync.provision.future_version", version=value,
                       supported=PROVISIONING_VERSION)
    return value


def _text(content: dict[str, Any], key: str, *, required: bool = True) -> str:
    value = content.get(key)
    if not isinstance(value, str) or len(value) > MAX_TEXT or (required and not value.strip()):
        raise _damaged(key)
    return value


def read_provisioning(path: Path, *, expected_fingerprint: str | None = None) -> Provisioning:
    """Open and check a provisioning file. ``expected_fingerprint`` (read out by the P4MI
    clerk) must then be the fingerprint of the key it carries."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise AppError("sync.provision.unreadable", path=str(path), detail="bukan berkas")
        if size > MAX_PROVISIONING_BYTES:
            raise AppError("sync.provision.too_large", size=size,
                           maximum=MAX_PROVISIONING_BYTES)
        with open(path, "rb") as handle:
            blob = handle.read(MAX_PROVISIONING_BYTES + 1)
    except OSError as exc:
        raise AppError("sync.provision.unreadable", path=str(path),
                       detail=exc.strerror or str(exc)) from exc
    prov = read_provisioning_bytes(blob)
    if expected_fingerprint is not None and normalize_fingerprint(
            expected_fingerprint) != prov.fingerprint:
        raise AppError("sync.provision.unexpected_key", fingerprint=prov.fingerprint,
                       expected=normalize_fingerprint(expected_fingerprint))
    return replace(prov, path=path)


def read_provisioning_bytes(blob: bytes) -> Provisioning:
    if len(blob) > MAX_PROVISIONING_BYTES:
        raise AppError("sync.provision.too_large", size=len(blob),
                       maximum=MAX_PROVISIONING_BYTES)
    try:
        envelope = json.loads(blob.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise _damaged("json") from exc
    if not isinstance(envelope, dict):
        raise _damaged("json")
    if envelope.get("format") != PROVISIONING_FORMAT:
        raise AppError("sync.provision.not_provisioning")
    version = _version(envelope.get("format_version"))
    text, signature, key_text = (envelope.get("content"), envelope.get("signature"),
                                 envelope.get("public_key"))
    if not isinstance(text, str) or not isinstance(signature, str) or not isinstance(
            key_text, str):
        raise _damaged("envelope")
    try:
        key = PublicKeyInfo(unb64(key_text, 32), role="p4mi")
        sig = unb64(signature, 64)
    except AppError as exc:
        raise _damaged("public_key/signature") from exc
    declared = envelope.get("fingerprint")
    if not isinstance(declared, str) or normalize_fingerprint(declared) != key.fingerprint:
        raise AppError("sync.provision.key_mismatch", fingerprint=key.fingerprint)
    if not key.verify(text.encode("utf-8"), sig):
        raise AppError("sync.provision.bad_signature")
    try:
        content = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise _damaged("content") from exc
    if not isinstance(content, dict) or content.get("format") != PROVISIONING_FORMAT:
        raise _damaged("content")
    if _version(content.get("format_version")) != version:
        raise _damaged("format_version")
    if content.get("p4mi_public_key") != key_text or normalize_fingerprint(
            str(content.get("p4mi_fingerprint", ""))) != key.fingerprint:
        raise AppError("sync.provision.key_mismatch", fingerprint=key.fingerprint)
    regency = _text(content, "regency_code")
    if not _REGENCY.match(regency):
        raise _damaged("regency_code")
    regency_name = _text(content, "regency_name")
    villages = content.get("villages")
    if not isinstance(villages, list) or not villages or len(villages) > MAX_VILLAGES:
        raise _damaged("villages")
    pairs: list[tuple[str, str]] = []
    for item in villages:
        if not (isinstance(item, list) and len(item) == 2 and all(
                isinstance(x, str) for x in item)) or not _VILLAGE.match(item[0]) or (
                not item[0].startswith(regency + ".")) or not item[1].strip() or (
                len(item[1]) > MAX_TEXT):
            raise _damaged("villages")
        pairs.append((item[0], item[1]))
    if len({code for code, _ in pairs}) != len(pairs):
        raise _damaged("villages")
    trainer = content.get("trainer")
    if trainer is None:
        trainer_name = trainer_phone = ""
    elif isinstance(trainer, dict):
        trainer_name = _text(trainer, "name", required=False)
        trainer_phone = _text(trainer, "phone", required=False)
    else:
        raise _damaged("trainer")
    created = _text(content, "created_at")
    app_version = _text(content, "app_version")
    return Provisioning(regency, regency_name, PublicKeyInfo(key.key, regency, "p4mi"),
                        tuple(sorted(pairs)), trainer_name, trainer_phone, created, version,
                        app_version, None, hashlib.sha256(blob).hexdigest())


def find_provisioning_beside_program() -> Path | None:
    """A ``*.bmdp`` file in the program folder (the trainer's installer stick), or ``None``.
    With several, the most recently written one."""
    from app.core.paths import program_dir

    try:
        found = [p for p in program_dir().iterdir()
                 if p.suffix.lower() == PROVISIONING_EXTENSION and not p.name.startswith(".")
                 and p.is_file()]
        if not found:
            return None
        return max(found, key=lambda p: (p.stat().st_mtime, p.name))
    except OSError:
        return None


# -- applying in a village -------------------------------------------------------------------


def apply_provisioning(village_ws: Workspace, prov: Provisioning, *,
                       operator: str | None = None) -> bool:
    """Install the P4MI key of ``prov`` into this village folder and record the regency.

    Returns ``True`` when the key was newly installed, ``False`` when that same key was
    already there. Refuses (nothing changed) a P4MI folder, a village of another regency, and
    a village that already trusts another P4MI key (use ``keys set-p4mi`` deliberately).
    """
    from app.core.db import set_setting
    from app.core.models import utcnow
    from app.core.services.audit import log_event

    office = village_ws.office()
    if office is None:
        raise AppError("office.not_initialised", path=str(village_ws.data_dir.root))
    if office.mode != MODE_VILLAGE:
        raise AppError("sync.provision.not_village")
    if not office.code.startswith(prov.regency_code + "."):
        raise AppError("sync.provision.other_regency", village=office.code,
                       regency=f"{prov.regency_name} ({prov.regency_code})")
    installed = load_p4mi_key(village_ws.data_dir)
    if installed is not None and installed.key != prov.p4mi_key.key:
        raise AppError("sync.provision.other_key", installed=installed.fingerprint,
                       found=prov.fingerprint)
    if installed is None:
        set_p4mi_key(village_ws.data_dir, PublicKeyInfo(prov.p4mi_key.key, prov.regency_code,
                                                        "p4mi"))
    trainer = ", ".join(x for x in (prov.trainer_name, prov.trainer_phone) if x)
    with village_ws.db.unit_of_work(operator or office.operator or "operator") as s:
        set_setting(s, SETTING_REGENCY_CODE, prov.regency_code)
        set_setting(s, SETTING_REGENCY_NAME, prov.regency_name)
        set_setting(s, SETTING_FINGERPRINT, prov.fingerprint)
        set_setting(s, SETTING_PROVISIONED_AT, utcnow().isoformat(timespec="seconds") + "Z")
        set_setting(s, SETTING_TRAINER, trainer)
        log_event(s, "provisioning_applied", entity="paket_pelatihan",
                  entity_id=prov.regency_code, fingerprint=prov.fingerprint, trainer=trainer,
                  new_key=installed is None)
    return installed is None


@dataclass(frozen=True)
class TrustedRegency:
    code: str
    name: str
    fingerprint: str
    provisioned_at: str
    trainer: str


def trusted_regency(ws: Workspace) -> TrustedRegency | None:
    """What :func:`apply_provisioning` recorded in this village, or ``None``."""
    from app.core.db import get_setting

    with ws.db.session() as s:
        code = get_setting(s, SETTING_REGENCY_CODE)
        if not code:
            return None
        return TrustedRegency(code, get_setting(s, SETTING_REGENCY_NAME),
                              get_setting(s, SETTING_FINGERPRINT),
                              get_setting(s, SETTING_PROVISIONED_AT),
                              get_setting(s, SETTING_TRAINER))



def default_practice_village() -> str:
    """The village a practice folder uses when none is chosen: the first village of the
    provisioning file beside the program (the training's regency), else Sukadana 18.07."""
    import logging

    from app.core.practice import DEFAULT_VILLAGE

    found = find_provisioning_beside_program()
    if found is not None:
        try:
            return read_provisioning(found).villages[0][0]
        except AppError:
            logging.getLogger(__name__).warning(
                "provisioning file %s refused; practice uses %s", found, DEFAULT_VILLAGE)
    return DEFAULT_VILLAGE
