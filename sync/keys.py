"""Installation keys: Ed25519 signing, sealed-box encryption to P4MI, passphrase backups.

Each installation (village laptop or P4MI hub) has one Ed25519 key pair, made on first use and
kept in the data folder's ``kunci/`` folder:

* ``kunci/tanda-tangan.key``: the private key (JSON, the 32-byte seed in hex; file mode 0600);
* ``kunci/tanda-tangan.pub``: the public key file to hand over (JSON: office, role, key,
  fingerprint). A village gives it to P4MI (training-event provisioning); P4MI gives its own
  to every village;
* ``kunci/p4mi.pub`` (villages only): the P4MI public key, once configured. Bundles are then
  encrypted to it (a libsodium sealed box to the Curve25519 form of the same key) and receipts
  are checked against it.

A fingerprint is the first 16 bytes of SHA-256 of the raw public key, as 8 groups of 4
upper-case hex digits (``3F2A-...``), short enough to read out over the phone.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nacl import exceptions as nacl_exc
from nacl import pwhash, secret, utils
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.signing import SigningKey, VerifyKey

from app.core.atomic import write_text
from app.core.errors import AppError
from app.core.paths import DataDir

PRIVATE_NAME = "tanda-tangan.key"
PUBLIC_NAME = "tanda-tangan.pub"
P4MI_NAME = "p4mi.pub"
KEY_FORMAT = "buku-migran-desa/kunci"
PUBLIC_FORMAT = "buku-migran-desa/kunci-publik"
BACKUP_FORMAT = "buku-migran-desa/cadangan-kunci"
MAX_KEY_FILE = 64 * 1024


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str, length: int | None = None) -> bytes:
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeError) as exc:
        raise AppError("sync.key.bad_file", detail="base64") from exc
    if length is not None and len(raw) != length:
        raise AppError("sync.key.bad_file", detail="length")
    return raw


def fingerprint(public_key: bytes) -> str:
    digest = hashlib.sha256(public_key).hexdigest()[:32].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 32, 4))


def normalize_fingerprint(text: str) -> str:
    digits = "".join(ch for ch in text.upper() if ch in "0123456789ABCDEF")
    return "-".join(digits[i:i + 4] for i in range(0, len(digits), 4))


@dataclass(frozen=True)
class PublicKeyInfo:
    key: bytes  # raw 32-byte Ed25519 public key
    office_code: str = ""
    role: str = ""  # "desa" or "p4mi"

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key)

    @property
    def b64(self) -> str:
        return b64(self.key)

    def verify(self, message: bytes, signature: bytes) -> bool:
        try:
            VerifyKey(self.key).verify(message, signature)
        except (nacl_exc.BadSignatureError, nacl_exc.ValueError, nacl_exc.TypeError):
            return False
        return True

    def seal(self, plaintext: bytes) -> bytes:
        """Encrypt to this key (sealed box to its Curve25519 form)."""
        curve: PublicKey = VerifyKey(self.key).to_curve25519_public_key()
        return SealedBox(curve).encrypt(plaintext)

    def to_json(self) -> str:
        return json.dumps({"format": PUBLIC_FORMAT, "algorithm": "ed25519",
                           "office_code": self.office_code, "role": self.role,
                           "public_key": self.b64, "fingerprint": self.fingerprint},
                          indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class KeyPair:
    seed: bytes

    @property
    def signing(self) -> SigningKey:
        return SigningKey(self.seed)

    @property
    def public(self) -> bytes:
        return bytes(self.signing.verify_key)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public)

    def sign(self, message: bytes) -> bytes:
        return self.signing.sign(message).signature

    def unseal(self, ciphertext: bytes) -> bytes:
        curve: PrivateKey = self.signing.to_curve25519_private_key()
        try:
            return SealedBox(curve).decrypt(ciphertext)
        except (nacl_exc.CryptoError, nacl_exc.ValueError, nacl_exc.TypeError) as exc:
            raise AppError("sync.bundle.decrypt_failed") from exc

    @classmethod
    def generate(cls) -> KeyPair:
        return cls(bytes(SigningKey.generate()))


def _write_private(path: Path, content: str) -> None:
    """A private key file: readable by the owner only, written atomically."""
    write_text(path, content, mode=0o600, error_code="sync.key.write_failed")


def _read_json(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise AppError("sync.key.bad_file", detail="size")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, json.JSONDecodeError) as exc:
        raise AppError("sync.key.bad_file", detail=str(path)) from exc
    if not isinstance(data, dict):
        raise AppError("sync.key.bad_file", detail=str(path))
    return data


def load_keypair(data_dir: DataDir) -> KeyPair | None:
    path = data_dir.keys / PRIVATE_NAME
    if not path.exists():
        return None
    data = _read_json(path)
    if data.get("format") != KEY_FORMAT:
        raise AppError("sync.key.bad_file", detail=str(path))
    try:
        seed = bytes.fromhex(str(data["seed"]))
    except (KeyError, ValueError) as exc:
        raise AppError("sync.key.bad_file", detail=str(path)) from exc
    if len(seed) != 32:
        raise AppError("sync.key.bad_file", detail=str(path))
    return KeyPair(seed)


def save_keypair(data_dir: DataDir, pair: KeyPair, *, office_code: str, role: str) -> None:
    from app.core.models import utcnow

    _write_private(data_dir.keys / PRIVATE_NAME, json.dumps({
        "format": KEY_FORMAT, "algorithm": "ed25519", "seed": pair.seed.hex(),
        "created_at": utcnow().isoformat(), "office_code": office_code, "role": role,
    }, indent=2) + "\n")
    info = PublicKeyInfo(pair.public, office_code, role)
    write_text(data_dir.keys / PUBLIC_NAME, info.to_json(), error_code="sync.key.write_failed")


def load_or_create_keypair(data_dir: DataDir, *, office_code: str, role: str) -> KeyPair:
    pair = load_keypair(data_dir)
    if pair is None:
        pair = KeyPair.generate()
        save_keypair(data_dir, pair, office_code=office_code, role=role)
    return pair


def read_public_key_file(path: Path) -> PublicKeyInfo:
    data = _read_json(path)
    if data.get("format") != PUBLIC_FORMAT or data.get("algorithm") != "ed25519":
        raise AppError("sync.key.bad_file", detail=str(path))
    key = unb64(str(data.get("public_key", "")), 32)
    return PublicKeyInfo(key, str(data.get("office_code", "")), str(data.get("role", "")))


def load_p4mi_key(data_dir: DataDir) -> PublicKeyInfo | None:
    path = data_dir.keys / P4MI_NAME
    return read_public_key_file(path) if path.exists() else None


def set_p4mi_key(data_dir: DataDir, info: PublicKeyInfo) -> None:
    write_text(data_dir.keys / P4MI_NAME,
               PublicKeyInfo(info.key, info.office_code, "p4mi").to_json(),
               error_code="sync.key.write_failed")


# -- passphrase backup of a private key ------------------------------------------------------


def backup_keypair(pair: KeyPair, passphrase: str, *, office_code: str, strong: bool = True) -> str:
    """The private key encrypted under ``passphrase`` (Argon2id + XSalsa20-Poly1305), as JSON."""
    if len(passphrase) < 8:
        raise AppError("sync.key.passphrase_short", minimum=8)
    opslimit = pwhash.argon2id.OPSLIMIT_MODERATE if strong else pwhash.argon2id.OPSLIMIT_MIN
    memlimit = pwhash.argon2id.MEMLIMIT_MODERATE if strong else pwhash.argon2id.MEMLIMIT_MIN
    salt = utils.random(pwhash.argon2id.SALTBYTES)
    key = pwhash.argon2id.kdf(secret.SecretBox.KEY_SIZE, passphrase.encode("utf-8"), salt,
                              opslimit=opslimit, memlimit=memlimit)
    box = secret.SecretBox(key).encrypt(pair.seed)
    return json.dumps({"format": BACKUP_FORMAT, "kdf": "argon2id", "opslimit": opslimit,
                       "memlimit": memlimit, "salt": b64(salt), "box": b64(bytes(box)),
                       "office_code": office_code, "fingerprint": pair.fingerprint},
                      indent=2) + "\n"


def restore_keypair(text: str, passphrase: str) -> KeyPair:
    try:
        data = json.loads(text)
        if data.get("format") != BACKUP_FORMAT or data.get("kdf") != "argon2id":
            raise ValueError("format")
        opslimit, memlimit = int(data["opslimit"]), int(data["memlimit"])
        if opslimit > 64 or memlimit > 2 * 1024**3:
            raise ValueError("limits")
        salt = unb64(data["salt"], pwhash.argon2id.SALTBYTES)
        box = unb64(data["box"])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise AppError("sync.key.bad_file", detail="cadangan") from exc
    key = pwhash.argon2id.kdf(secret.SecretBox.KEY_SIZE, passphrase.encode("utf-8"), salt,
                              opslimit=opslimit, memlimit=memlimit)
    try:
        seed = secret.SecretBox(key).decrypt(box)
    except nacl_exc.CryptoError as exc:
        raise AppError("sync.key.wrong_passphrase") from exc
    return KeyPair(seed)


def signed_file(pair: KeyPair, file_format: str, content: dict[str, Any]) -> bytes:
    """The bytes of a signed file (receipt, bulletin) that :func:`read_signed_file` reads:
    the JSON envelope with ``content`` as text, signed by ``pair``."""
    text = json.dumps(content, ensure_ascii=False, sort_keys=True)
    doc = {"format": file_format, "content": text,
           "signature": b64(pair.sign(text.encode("utf-8"))), "public_key": b64(pair.public)}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_signed_file(path: Path, *, file_format: str, max_bytes: int, bad: str,
                     bad_signature: str, content_detail: str = "content",
                     ) -> tuple[dict[str, Any], PublicKeyInfo, str]:
    """Read a file signed by a P4MI hub (receipt, bulletin): the JSON envelope
    ``{"format", "content", "signature", "public_key"}`` with the signature over ``content``.

    Returns (the parsed content, whose ``format`` is ``file_format``; the signer's key; the
    file's SHA-256). Refused with ``bad`` {detail} (too large, not JSON, wrong format) or
    ``bad_signature``; an unreadable file is ``sync.bundle.unreadable``. The caller checks the
    content's own fields and whether the signer is the hub it trusts.
    """
    path = Path(path)
    try:
        if path.stat().st_size > max_bytes:
            raise AppError(bad, detail="terlalu besar")
        blob = path.read_bytes()
    except OSError as exc:
        raise AppError("sync.bundle.unreadable", path=str(path), detail=exc.strerror) from exc
    try:
        doc = json.loads(blob.decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("format") != file_format:
            raise AppError(bad, detail="format")
        text, sig = doc["content"], unb64(doc["signature"], 64)
        hub = PublicKeyInfo(unb64(doc["public_key"], 32), role="p4mi")
        if not isinstance(text, str):
            raise AppError(bad, detail=content_detail)
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError,
            RecursionError) as exc:
        raise AppError(bad, detail="json") from exc
    if not hub.verify(text.encode("utf-8"), sig):
        raise AppError(bad_signature)
    try:
        content = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise AppError(bad, detail=content_detail) from exc
    if not isinstance(content, dict) or content.get("format") != file_format:
        raise AppError(bad, detail=content_detail)
    return content, hub, hashlib.sha256(blob).hexdigest()
