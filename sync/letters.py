"""Signing village letters and checking them at the P4MI ("Periksa surat"), offline.

* **QR code**: ``BMDS1.`` + base64url(JSON of the letter's essentials and the Ed25519
  signature by the village's installation key over :meth:`Essentials.canonical`). The hub
  checks it with the village key it already trusts for bundles: no network, no register row
  needed (a row that reached the hub adds revocations and the cross-check).
* **Typed code**: 16 Crockford base32 characters plus one check character, in groups
  (``7K2M-9QXA-...-R``): 40 bits of the letter's id and 40 bits of its content hash. The hub
  finds the letter among the register rows that arrived in bundles and compares the hash.

Answers: ``asli`` (genuine), ``tidak_cocok`` (content does not match), ``desa_tidak_dikenal``
(no trusted key for that village), ``dicabut`` (revoked), ``tidak_dikenal`` (no such letter
received), ``rusak`` (unreadable text or image). Checking never writes anything.
"""

from __future__ import annotations

import base64
import binascii
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.core import reference
from app.core.errors import AppError
from app.core.letters.register import (
    KINDS,
    Essentials,
    IssuedLetter,
    LetterRequest,
    issue_letter,
    letter_document,
    revoke_letter,
)
from app.core.models import Letter
from app.core.reports.document import Document, Seal, fmt_date
from app.core.workspace import MODE_P4MI, Workspace
from sync.keys import PublicKeyInfo, load_or_create_keypair, unb64

QR_PREFIX = "BMDS1."
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
MAX_SCAN_BYTES = 30 * 1024 * 1024
MAX_PDF_PAGES = 5

ASLI = "asli"
TIDAK_COCOK = "tidak_cocok"
DESA_TIDAK_DIKENAL = "desa_tidak_dikenal"
DICABUT = "dicabut"
TIDAK_DIKENAL = "tidak_dikenal"
RUSAK = "rusak"

MESSAGES: dict[str, tuple[str, str]] = {
    "letters.check.asli": (
        "ASLI: surat {number} ({kind}) atas nama {name}, tanggal {date}, dari desa {village} "
        "({code}). {note}",
        "GENUINE: letter {number} ({kind}) for {name}, dated {date}, from the village "
        "{village} ({code}). {note}",
    ),
    "letters.check.tidak_cocok": (
        "ISINYA TIDAK COCOK: {detail} Surat ini jangan diterima.",
        "CONTENT DOES NOT MATCH: {detail} Do not accept this letter.",
    ),
    "letters.check.desa_tidak_dikenal": (
        "DESA TIDAK DIKENAL: kunci desa {village} ({code}) belum tercatat di P4MI ini, jadi "
        "surat tidak dapat diperiksa.",
        "UNKNOWN VILLAGE: this P4MI has no key on record for {village} ({code}), so the "
        "letter cannot be checked.",
    ),
    "letters.check.dicabut": (
        "DICABUT: surat {number} ({kind}) atas nama {name} dari desa {village} sudah dicabut "
        "oleh desa. Alasan: {reason}",
        "REVOKED: letter {number} ({kind}) for {name} from the village {village} was revoked. "
        "Reason: {reason}",
    ),
    "letters.check.tidak_dikenal": (
        "TIDAK DIKENAL: {detail}",
        "UNKNOWN: {detail}",
    ),
    "letters.check.rusak": (
        "TIDAK TERBACA: {detail}",
        "UNREADABLE: {detail}",
    ),
    "letters.check.not_hub": (
        "Periksa surat hanya di folder P4MI (yang menyimpan kunci desa).",
        "Letters are checked in a P4MI folder only (it holds the village keys).",
    ),
    "letters.check.file_unreadable": (
        "Berkas {path} tidak dapat dibaca sebagai gambar atau PDF ({detail}).",
        "The file {path} cannot be read as an image or PDF ({detail}).",
    ),
}

DETAILS_ID = {
    "signature": "tanda tangan digital tidak cocok dengan isi surat (ada yang diubah, atau "
                 "kode QR bukan dari desa itu).",
    "hash": "kode periksa tidak cocok dengan surat yang tercatat di register desa.",
    "row": "isi kode QR berbeda dengan surat bernomor sama di register desa yang diterima "
           "P4MI.",
    "checksum": "kode periksa salah ketik (huruf pemeriksa tidak cocok). Ketik ulang dengan "
                "teliti.",
    "format": "teks bukan kode QR atau kode periksa Buku Migran Desa.",
    "no_qr": "tidak ada kode QR Buku Migran Desa yang terbaca di berkas itu (terpotong, "
             "buram, atau bukan surat desa).",
    "foreign_qr": "kode QR terbaca tetapi bukan dari Buku Migran Desa.",
    "unknown_code": "belum ada surat dengan kode ini di register desa yang sudah diterima "
                    "P4MI (paket desa belum masuk, atau kode keliru).",
    "unknown_kind": "jenis surat di kode QR tidak dikenal.",
}


@dataclass(frozen=True)
class CheckResult:
    status: str
    village_code: str = ""
    village_name: str = ""
    number: str = ""
    kind: str = ""
    name: str = ""
    nik: str = ""
    issued_on: date | None = None
    reason: str = ""  # revocation reason
    detail: str = ""  # a DETAILS_ID key
    in_register: bool = False

    @property
    def genuine(self) -> bool:
        return self.status == ASLI

    def text(self, lang: str = "id") -> str:
        from app.core.messages import message

        detail = DETAILS_ID.get(self.detail, self.detail)
        note = ("Tercatat di register desa yang diterima P4MI." if self.in_register else
                "Tanda tangan desa sah; surat ini belum ada di paket desa yang diterima P4MI.")
        return message(f"letters.check.{self.status}", lang, number=self.number,
                       kind=KINDS.get(self.kind, self.kind), name=self.name,
                       date=fmt_date(self.issued_on), village=self.village_name,
                       code=self.village_code, reason=self.reason, detail=detail, note=note)


# -- encoding (village side) ---------------------------------------------------------------


def _b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64u(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def qr_text(ess: Essentials, signature: bytes) -> str:
    payload = json.loads(ess.canonical())
    payload["s"] = _b64u(signature)
    return QR_PREFIX + _b64u(json.dumps(payload, ensure_ascii=False, sort_keys=True,
                                        separators=(",", ":")).encode("utf-8"))


def _check_char(values: list[int]) -> int:
    return sum((i + 1) * v for i, v in enumerate(values)) % 31


def typed_code(letter_id: str, content_hash: str) -> str:
    raw = bytes.fromhex(letter_id[:10] + content_hash[:10])  # 80 bits
    number = int.from_bytes(raw, "big")
    values = [(number >> (5 * (15 - i))) & 31 for i in range(16)]
    chars = "".join(CROCKFORD[v] for v in values) + CROCKFORD[_check_char(values)]
    return "-".join(chars[i:i + 4] for i in range(0, 17, 4))


def seal_for(ws: Workspace, ess: Essentials) -> Seal:
    """The QR text and typed code of a letter, signed with this installation's key."""
    pair = load_or_create_keypair(ws.data_dir, office_code=ess.village, role="desa")
    return Seal(qr_text(ess, pair.sign(ess.canonical())),
                typed_code(ess.letter_id, ess.content_hash()),
                "Periksa keaslian surat ini di P4MI (menu Periksa surat): pindai kode QR atau "
                "ketik kode periksa.")


def letter_seal(ws: Workspace, letter_id: str) -> Seal:
    with ws.db.session() as s:
        row = s.get(Letter, letter_id)
        if row is None:
            raise AppError("letters.not_found")
        return seal_for(ws, Essentials.of(row))


# -- checking (P4MI side) ------------------------------------------------------------------


def _require_hub(ws: Workspace) -> None:
    office = ws.office()
    if office is None or office.mode != MODE_P4MI:
        raise AppError("letters.check.not_hub")


def _village_name(code: str) -> str:
    return reference.region_name(code) or code


def parse_code(text: str) -> tuple[str, str] | None:
    """(id prefix, hash prefix) of a typed code, None if not a code; raises on a typo."""
    chars = "".join(ch for ch in text.upper() if ch not in "- \t")
    chars = chars.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(chars) != 17 or any(ch not in CROCKFORD for ch in chars):
        return None
    values = [CROCKFORD.index(ch) for ch in chars]
    if _check_char(values[:16]) != values[16]:
        raise ValueError("checksum")
    number = 0
    for v in values[:16]:
        number = (number << 5) | v
    raw = number.to_bytes(10, "big").hex()
    return raw[:10], raw[10:]


def check_text(ws: Workspace, text: str) -> CheckResult:
    """Check scanner text, QR text or a typed code. Read-only."""
    _require_hub(ws)
    text = text.strip()
    if text.upper().startswith(QR_PREFIX.upper()):
        return _check_qr(ws, text)
    try:
        code = parse_code(text)
    except ValueError:
        return CheckResult(RUSAK, detail="checksum")
    if code is None:
        return CheckResult(RUSAK, detail="format")
    return _check_code(ws, *code)


def _letters(ws: Workspace, **where: str) -> list[Letter]:
    from sqlalchemy import func, select

    q = select(Letter).where(Letter.deleted.is_(False))
    if "id_prefix" in where:
        q = q.where(func.substr(Letter.id, 1, 10) == where["id_prefix"])
    if "letter_id" in where:
        q = q.where(Letter.id == where["letter_id"], Letter.owner_office == where["village"])
    with ws.db.session() as s:
        rows = list(s.scalars(q))
        s.expunge_all()
        return rows


def _from_row(status: str, row: Letter) -> CheckResult:
    code = row.owner_office
    return CheckResult(status, code, _village_name(code), row.number, row.kind, row.name,
                       row.nik, row.issued_on, row.revoked_reason or "", in_register=True)


def _check_code(ws: Workspace, id_prefix: str, hash_prefix: str) -> CheckResult:
    rows = _letters(ws, id_prefix=id_prefix)
    if not rows:
        return CheckResult(TIDAK_DIKENAL, detail="unknown_code")
    for row in rows:
        actual = Essentials.of(row).content_hash()
        if actual[:10] == hash_prefix and row.content_hash == actual:
            return _from_row(DICABUT if row.revoked else ASLI, row)
    return CheckResult(TIDAK_COCOK, detail="hash")


def _village_keys(ws: Workspace, village: str) -> list[str]:
    from sqlalchemy import select

    from app.core.models import VillageKey

    with ws.db.session() as s:
        return list(s.scalars(select(VillageKey.public_key).where(
            VillageKey.village_code == village).order_by(VillageKey.active.desc(),
                                                         VillageKey.id.desc())))


def _check_qr(ws: Workspace, text: str) -> CheckResult:
    try:
        payload = json.loads(_unb64u(text[len(QR_PREFIX):]).decode("utf-8"))
        if not isinstance(payload, dict) or set(payload) != {"d", "i", "n", "j", "k", "m",
                                                             "t", "s"}:
            raise ValueError("keys")
        if not all(isinstance(v, str) for v in payload.values()):
            raise ValueError("types")
        ess = Essentials(payload["d"], payload["i"], payload["n"], payload["j"], payload["k"],
                         payload["m"], date.fromisoformat(payload["t"]))
        signature = _unb64u(payload["s"])
    except (ValueError, UnicodeError, binascii.Error):
        return CheckResult(RUSAK, detail="format")
    base: dict[str, Any] = {
        "village_code": ess.village, "village_name": _village_name(ess.village),
        "number": ess.number, "kind": ess.kind, "name": ess.name, "nik": ess.nik,
        "issued_on": ess.issued_on}
    keys = _village_keys(ws, ess.village)
    if not keys:
        return CheckResult(DESA_TIDAK_DIKENAL, **base)
    message = ess.canonical()
    if not any(PublicKeyInfo(unb64(k, 32)).verify(message, signature) for k in keys):
        return CheckResult(TIDAK_COCOK, detail="signature", **base)
    if ess.kind not in KINDS:
        return CheckResult(TIDAK_COCOK, detail="unknown_kind", **base)
    rows = _letters(ws, letter_id=ess.letter_id, village=ess.village)
    if not rows:
        return CheckResult(ASLI, **base)
    row = rows[0]
    if Essentials.of(row) != ess:
        return CheckResult(TIDAK_COCOK, detail="row", **base)
    return _from_row(DICABUT if row.revoked else ASLI, row)


# -- images and PDFs ----------------------------------------------------------------------


def decode_file(path: Path) -> list[str]:
    """Texts of every QR code in a PNG/JPEG image or the first pages of a PDF."""
    import zxingcpp
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    try:
        size = path.stat().st_size
        head = path.open("rb").read(5)
    except OSError as exc:
        raise AppError("letters.check.file_unreadable", path=str(path),
                       detail=exc.strerror or str(exc)) from exc
    if size > MAX_SCAN_BYTES:
        raise AppError("letters.check.file_unreadable", path=str(path), detail="terlalu besar")
    images: list[Path] = []
    tmp: tempfile.TemporaryDirectory[str] | None = None
    try:
        if head == b"%PDF-":
            tmp = tempfile.TemporaryDirectory(prefix="periksa-surat-")
            exe = shutil.which("pdftoppm")
            if exe is None:
                raise AppError("letters.check.file_unreadable", path=str(path),
                               detail="pdftoppm (poppler) tidak ada")
            done = subprocess.run([exe, "-r", "200", "-gray", "-png", "-l",
                                   str(MAX_PDF_PAGES), str(path), str(Path(tmp.name) / "hal")],
                                  capture_output=True, timeout=120, check=False)
            if done.returncode != 0:
                raise AppError("letters.check.file_unreadable", path=str(path),
                               detail=done.stderr.decode("utf-8", "replace")[:200] or "PDF")
            images = sorted(Path(tmp.name).glob("hal*.png"))
        else:
            images = [path]
        texts: list[str] = []
        for image_path in images:
            try:
                with Image.open(image_path) as im:
                    im.load()
                    gray = im.convert("L")
            except (UnidentifiedImageError, OSError, ValueError,
                    Image.DecompressionBombError) as exc:
                raise AppError("letters.check.file_unreadable", path=str(path),
                               detail=str(exc)[:200]) from exc
            for barcode in zxingcpp.read_barcodes(
                    gray, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)):
                if barcode.valid and barcode.text:
                    texts.append(barcode.text)
        return texts
    finally:
        if tmp is not None:
            tmp.cleanup()


def check_file(ws: Workspace, path: Path) -> CheckResult:
    """Decode the QR code(s) of a scan or photo and check the first one of ours."""
    _require_hub(ws)
    texts = decode_file(path)
    ours = [t for t in texts if t.upper().startswith(QR_PREFIX.upper())]
    if not ours:
        return CheckResult(RUSAK, detail="foreign_qr" if texts else "no_qr")
    return _check_qr(ws, ours[0])


# -- issuing and reprinting (what the GUI and the command line call) -------------------------


def issue(ws: Workspace, req: LetterRequest, operator: str) -> tuple[IssuedLetter, Document]:
    """Issue a letter (one transaction, audited) and return it ready to print with its seal."""
    from app.core.services.audit import log_event

    office = ws.office()
    if office is None:
        raise AppError("office.not_initialised", path=str(ws.data_dir.root))
    if office.is_p4mi:
        raise AppError("letters.not_village")
    with ws.db.unit_of_work(operator) as s:
        issued = issue_letter(s, office, ws.data_dir.root, ws.data_dir.keys, req)
        log_event(s, "letter_issued", operator=operator, entity="letter",
                  entity_id=issued.letter_id, number=issued.number, kind=issued.kind)
    return issued, document(ws, issued.letter_id)


def document(ws: Workspace, letter_id: str) -> Document:
    """The letter (a reprint: same number, same values) with its QR code and typed code."""
    office = ws.office()
    if office is None:
        raise AppError("office.not_initialised", path=str(ws.data_dir.root))
    seal = letter_seal(ws, letter_id)
    with ws.db.session() as s:
        return letter_document(s, office, ws.data_dir.root, letter_id, seal)


def revoke(ws: Workspace, letter_id: str, reason: str, operator: str) -> None:
    from app.core.services.audit import log_event

    with ws.db.unit_of_work(operator) as s:
        row = revoke_letter(s, letter_id, reason)
        log_event(s, "letter_revoked", operator=operator, entity="letter", entity_id=row.id,
                  number=row.number, reason=row.revoked_reason)
