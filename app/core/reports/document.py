"""The structure of a printed report, and the village letterhead."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from app.core import formatting, reference
from app.core.workspace import Office

MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)


def fmt_date(value: date | None) -> str:
    """``dd/MM/yyyy``, or an empty string (:func:`app.core.formatting.date_text`)."""
    return formatting.date_text(value)


def month_name(month: int) -> str:
    return MONTHS_ID[month - 1]


@dataclass(frozen=True)
class Letterhead:
    """The kop surat: ``PEMERINTAH KABUPATEN ...`` / ``KECAMATAN ...`` / ``DESA ...``."""

    lines: tuple[str, ...]
    place: str  # the village (or regency) name for "Sukadana, 23/11/2026"
    signer_title: str  # "Kepala Desa Sukadana"
    head_name: str = ""  # the village head's name (settings), printed under the signature
    address: str = ""  # the office address line under the letterhead
    logo: str = ""  # path of the logo image chosen by the village ("" = none)


def letterhead_for(office: Office) -> Letterhead:
    """The letterhead of an office from the Kemendagri names of its code.

    A village ``18.07.01.2001`` gives ``PEMERINTAH KABUPATEN LAMPUNG TIMUR``, ``KECAMATAN
    SUKADANA``, ``DESA SUKADANA`` (``KELURAHAN`` for kelurahan codes, ``DISTRIK`` in Papua). A
    P4MI hub (a regency code) gives the regency line and the office name.
    """
    code = reference.normalize_region_code(office.code) or office.code
    parts = code.split(".")
    regency = reference.region_name(".".join(parts[:2])) if len(parts) >= 2 else None
    lines: list[str] = []
    if regency:
        lines.append(f"PEMERINTAH {regency.upper()}")
    if len(parts) == 4:
        district = reference.region_name(".".join(parts[:3])) or ""
        village = reference.region_name(code) or office.name
        unit = "DISTRIK" if parts[0] >= "91" else "KECAMATAN"
        kind = "KELURAHAN" if parts[3].startswith("1") else "DESA"
        if district:
            lines.append(f"{unit} {district.upper()}")
        lines.append(f"{kind} {village.upper()}")
        head = "Lurah" if kind == "KELURAHAN" else "Kepala Desa"
        return Letterhead(tuple(lines), village.title() if village.isupper() else village,
                          f"{head} {village}")
    name = office.name or code
    lines.append(name.upper())
    return Letterhead(tuple(lines), (regency or name).replace("Kabupaten ", ""),
                      f"Kepala {name}")


LETTERHEAD_SETTINGS = ("head_name", "head_title", "secretary_name", "office_address",
                       "logo_path")
"""Settings of the letterhead and signatures (see :mod:`app.core.letters`)."""


def letterhead_from(session: Session, office: Office) -> Letterhead:
    """:func:`letterhead_for` with the village's own settings: head's name and title, office
    address, logo. Every book, sheet and letter uses this one."""
    from dataclasses import replace

    from app.core.db import get_setting

    head = letterhead_for(office)
    values = {k: get_setting(session, k).strip() for k in LETTERHEAD_SETTINGS}
    return replace(head, head_name=values["head_name"], address=values["office_address"],
                   logo=values["logo_path"],
                   signer_title=values["head_title"] or head.signer_title)


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class KeyValues:
    """Label/value pairs, printed as a two-column list."""

    heading: str
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    heading: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...] = ()  # relative column widths (percent), optional
    empty_text: str = "Tidak ada data."
    numeric: tuple[int, ...] = ()  # columns aligned to the right
    nowrap: tuple[int, ...] = ()  # columns never broken inside a line (dates)


@dataclass(frozen=True)
class Signature:
    place: str
    on: date
    title: str
    name: str = ""
    on_behalf: str = ""  # "a.n. Kepala Desa Sukadana" when the secretary signs
    witness_title: str = ""  # a second signature on the left ("Yang memberi izin")
    witness_name: str = ""


@dataclass(frozen=True)
class Seal:
    """The check marks of a letter: QR code text and the short typed code."""

    qr_text: str
    code: str
    note: str = ""


Block = Paragraph | KeyValues | Table


@dataclass
class Document:
    letterhead: Letterhead
    title: str
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)
    signature: Signature | None = None
    landscape: bool = False
    printed_on: date = field(default_factory=date.today)
    number: str = ""  # a letter's number, under the title
    seal: Seal | None = None

    def to_text(self) -> str:
        """Every word of the document as plain text (for tests and the command line)."""
        out: list[str] = list(self.letterhead.lines)
        if self.letterhead.address:
            out.append(self.letterhead.address)
        out += ["", self.title]
        if self.number:
            out.append(f"Nomor: {self.number}")
        if self.subtitle:
            out.append(self.subtitle)
        for block in self.blocks:
            out.append("")
            if isinstance(block, Paragraph):
                out.append(block.text)
            elif isinstance(block, KeyValues):
                if block.heading:
                    out.append(block.heading)
                out += [f"{k}: {v}" for k, v in block.pairs]
            else:
                if block.heading:
                    out.append(block.heading)
                out.append(" | ".join(block.headers))
                out += [" | ".join(r) for r in block.rows] or [block.empty_text]
        if self.signature:
            sig = self.signature
            if sig.witness_title:
                out += ["", sig.witness_title, sig.witness_name or "(........)"]
            out += ["", f"{sig.place}, {fmt_date(sig.on)}"]
            if sig.on_behalf:
                out.append(sig.on_behalf)
            out += [sig.title, sig.name or "(........)"]
        if self.seal:
            out += ["", f"Kode periksa: {self.seal.code}", self.seal.note]
        return "\n".join(out)
