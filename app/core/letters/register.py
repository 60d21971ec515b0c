"""The letter register: issuing numbered letters, reprints, revocation, the agenda book.

A letter is a :class:`~app.core.models.Letter` row. Its number follows the village's pattern
(setting ``letter_number_pattern``, default ``{kode}/{nomor}/{singkatan}/{bulan_romawi}/{tahun}``
giving ``474.32/012/SIK/XI/2026``); the running number counts per year and is never reused:
the highest number ever taken is also kept in the floor file outside the database
(:mod:`app.core.highwater`, key ``surat_<year>``), raised *before* the row is committed, so a
restored older database continues above it. A reprint renders the stored values under the
same number; a revoked letter stays in the register with its reason.

The content hash binds the letter's essentials (village, id, number, type, NIK, name, date):
the village's installation key signs the same bytes for the QR code (``sync.letters``), and
the short typed code carries a prefix of the id and of this hash.
"""

from __future__ import annotations

import hashlib
import json
import string
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import reference
from app.core.db import get_setting, set_setting
from app.core.errors import AppError
from app.core.highwater import raise_floors, read_floors
from app.core.letters.templates import FIELDS, Template, load_template, split_body
from app.core.models import Episode, FamilyLink, Letter, Resident
from app.core.reports.common import address, country, label
from app.core.reports.document import (
    MONTHS_ID,
    Document,
    KeyValues,
    Letterhead,
    Paragraph,
    Seal,
    Signature,
    Table,
    fmt_date,
    letterhead_from,
)
from app.core.services.common import load_live
from app.core.workspace import Office

KINDS: dict[str, str] = {
    "izin_keluarga": "Surat Izin Keluarga",
    "status_perkawinan": "Surat Keterangan Status Perkawinan",
    "pengantar_cpmi": "Surat Keterangan / Pengantar CPMI (Disnaker dan P3MI)",
    "domisili": "Surat Keterangan Domisili",
}
"""Letter types (``--jenis``) and their names."""

SIGNER_HEAD = "kepala"
SIGNER_SECRETARY = "sekretaris"
DEFAULT_PATTERN = "{kode}/{nomor}/{singkatan}/{bulan_romawi}/{tahun}"
PATTERN_FIELDS = ("kode", "nomor", "singkatan", "bulan", "bulan_romawi", "tahun")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
HASH_PREFIX = "buku-migran-desa/surat/1"

# Who may consent for a CPMI (UU 18/2017 Pasal 13 b: suami/istri, orang tua, atau wali),
# by the CPMI's marital status.
CONSENT_RELATIONS: dict[str, frozenset[str]] = {
    "kawin": frozenset({"suami", "istri"}),
    "belum_kawin": frozenset({"ayah", "ibu", "wali"}),
    "cerai_hidup": frozenset({"ayah", "ibu", "wali"}),
    "cerai_mati": frozenset({"ayah", "ibu", "wali"}),
}

MESSAGES: dict[str, tuple[str, str]] = {
    "letters.unknown_kind": (
        "Jenis surat '{kind}' tidak dikenal. Pilihan: {choices}.",
        "Unknown letter type '{kind}'. Choices: {choices}.",
    ),
    "letters.unknown_field": (
        "Templat surat {template} memakai kolom {{{field}}} yang tidak dikenal. Perbaiki "
        "templat (daftar kolom ada di panduan); tidak ada surat yang dibuat.",
        "Letter template {template} uses the unknown field {{{field}}}. Fix the template (the "
        "guide lists the fields); no letter was made.",
    ),
    "letters.template_broken": (
        "Templat surat {template} tidak dapat dibaca ({detail}).",
        "Letter template {template} cannot be read ({detail}).",
    ),
    "letters.template_header": (
        "Templat surat {template} tidak punya baris '# {key}: ...' di bagian atas.",
        "Letter template {template} lacks the line '# {key}: ...' at the top.",
    ),
    "letters.template_missing": (
        "Templat surat tidak ditemukan: {template}.",
        "Letter template not found: {template}.",
    ),
    "letters.bad_pattern": (
        "Pola nomor surat '{pattern}' tidak dapat dipakai: harus memuat {{nomor}} dan hanya "
        "kolom {fields}.",
        "Letter number pattern '{pattern}' cannot be used: it must contain {{nomor}} and only "
        "the fields {fields}.",
    ),
    "letters.not_village": (
        "Surat hanya dibuat di folder desa, bukan di P4MI.",
        "Letters are made in a village folder only, not at the P4MI.",
    ),
    "letters.no_head": (
        "Nama kepala desa belum diisi. Isi dulu di Surat > Kop dan penanda tangan.",
        "The village head's name is not set. Fill it in under Letters > Letterhead and signer.",
    ),
    "letters.no_secretary": (
        "Nama sekretaris desa belum diisi, jadi surat tidak dapat ditandatangani 'a.n.'.",
        "The village secretary's name is not set, so the letter cannot be signed 'a.n.'.",
    ),
    "letters.no_nik": (
        "{name} belum punya NIK yang tercatat; surat tidak dapat dibuat.",
        "{name} has no NIK on record; no letter can be made.",
    ),
    "letters.not_alive": (
        "{name} tidak tercatat hidup di desa ini; surat tidak dapat dibuat.",
        "{name} is not recorded as living in this village; no letter can be made.",
    ),
    "letters.no_episode": (
        "{name} belum punya rencana penempatan (negara tujuan) di register; isi dulu "
        "penempatannya.",
        "{name} has no planned placement (destination) in the register; record it first.",
    ),
    "letters.consent_missing": (
        "Pilih atau ketik pemberi izin (nama, NIK, hubungan).",
        "Choose or type the consenting person (name, NIK, relation).",
    ),
    "letters.marital_unknown": (
        "Status perkawinan {name} belum diisi, jadi tidak jelas siapa yang boleh memberi "
        "izin.",
        "{name}'s marital status is not recorded, so it is unclear who may consent.",
    ),
    "letters.consent_relation": (
        "Hubungan '{relation}' tidak cocok dengan status perkawinan '{status}': izin harus "
        "dari {allowed}.",
        "Relation '{relation}' does not fit the marital status '{status}': consent must come "
        "from {allowed}.",
    ),
    "letters.consent_nik": (
        "NIK pemberi izin '{nik}' harus 16 angka.",
        "The consenting person's NIK '{nik}' must be 16 digits.",
    ),
    "letters.consent_self": (
        "Pemberi izin tidak boleh orang yang sama dengan calon PMI.",
        "The consenting person cannot be the CPMI.",
    ),
    "letters.not_found": (
        "Surat tidak ditemukan di register.",
        "Letter not found in the register.",
    ),
    "letters.already_revoked": (
        "Surat {number} sudah dicabut.",
        "Letter {number} is already revoked.",
    ),
    "letters.reason_required": (
        "Alasan pencabutan wajib diisi.",
        "A reason for the revocation is required.",
    ),
    "letters.nik_not_found": (
        "Tidak ada penduduk dengan NIK {nik} di register desa ini.",
        "No resident with NIK {nik} in this village's register.",
    ),
}


# -- settings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterSettings:
    head_name: str = ""
    head_title: str = ""  # "" = "Kepala Desa <desa>" from the village code
    secretary_name: str = ""
    office_address: str = ""
    logo_path: str = ""
    number_pattern: str = DEFAULT_PATTERN


def load_settings(session: Session) -> LetterSettings:
    return LetterSettings(
        head_name=get_setting(session, "head_name"),
        head_title=get_setting(session, "head_title"),
        secretary_name=get_setting(session, "secretary_name"),
        office_address=get_setting(session, "office_address"),
        logo_path=get_setting(session, "logo_path"),
        number_pattern=get_setting(session, "letter_number_pattern") or DEFAULT_PATTERN,
    )


def save_settings(session: Session, values: LetterSettings) -> None:
    """Store the letterhead settings (the pattern is checked first; nothing saved if bad)."""
    check_pattern(values.number_pattern)
    for key, value in (("head_name", values.head_name), ("head_title", values.head_title),
                       ("secretary_name", values.secretary_name),
                       ("office_address", values.office_address),
                       ("logo_path", values.logo_path),
                       ("letter_number_pattern", values.number_pattern)):
        set_setting(session, key, " ".join(value.split()) if key != "logo_path" else value)


def check_pattern(pattern: str) -> None:
    try:
        parsed = [f for _t, f, _s, _c in string.Formatter().parse(pattern) if f is not None]
    except ValueError as exc:
        raise AppError("letters.bad_pattern", pattern=pattern,
                       fields=", ".join(PATTERN_FIELDS)) from exc
    if "nomor" not in parsed or any(f not in PATTERN_FIELDS for f in parsed):
        raise AppError("letters.bad_pattern", pattern=pattern, fields=", ".join(PATTERN_FIELDS))


def format_number(pattern: str, *, seq: int, tpl: Template, on: date) -> str:
    check_pattern(pattern)
    return pattern.format(kode=tpl.classification, nomor=f"{seq:03d}", singkatan=tpl.short,
                          bulan=f"{on.month:02d}", bulan_romawi=ROMAN[on.month - 1],
                          tahun=str(on.year))


# -- hashing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Essentials:
    """What the signature and the hash cover."""

    village: str
    letter_id: str
    number: str
    kind: str
    nik: str
    name: str
    issued_on: date

    def canonical(self) -> bytes:
        return json.dumps({"d": self.village, "i": self.letter_id, "n": self.number,
                           "j": self.kind, "k": self.nik, "m": self.name,
                           "t": self.issued_on.isoformat()},
                          ensure_ascii=False, sort_keys=True, separators=(",", ":")
                          ).encode("utf-8")

    def content_hash(self) -> str:
        return hashlib.sha256(HASH_PREFIX.encode("ascii") + b"\n" + self.canonical()).hexdigest()

    @classmethod
    def of(cls, row: Letter) -> Essentials:
        return cls(row.owner_office, row.id, row.number, row.kind, row.nik, row.name,
                   row.issued_on)


# -- issuing -------------------------------------------------------------------------------


@dataclass
class LetterRequest:
    resident_id: str
    kind: str
    signer: str = SIGNER_HEAD
    purpose: str = ""  # {keperluan}
    consent_member_id: str | None = None  # a resident of the register (from the KK)
    consent_name: str = ""  # or typed
    consent_nik: str = ""
    consent_relation: str = ""
    issued_on: date | None = None


@dataclass
class IssuedLetter:
    letter_id: str
    number: str
    kind: str
    content_hash: str
    values: dict[str, str] = field(default_factory=dict)


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise AppError("letters.unknown_kind", kind=kind, choices=", ".join(KINDS))


def _long_date(value: date | None) -> str:
    return f"{value.day} {MONTHS_ID[value.month - 1]} {value.year}" if value else ""


def _age(born: date | None, on: date) -> str:
    if born is None:
        return ""
    return str(on.year - born.year - ((on.month, on.day) < (born.month, born.day)))


def latest_episode(session: Session, resident_id: str) -> Episode | None:
    return session.scalars(
        select(Episode).where(Episode.resident_id == resident_id, Episode.deleted.is_(False))
        .order_by(Episode.created_at.desc()).limit(1)).first()


@dataclass(frozen=True)
class ConsentCandidate:
    """Someone from the CPMI's KK or family links who could consent."""

    resident_id: str
    name: str
    nik: str
    relation: str  # a guess from the family link or SHDK ("" = choose)


def consent_candidates(session: Session, resident_id: str) -> list[ConsentCandidate]:
    person = load_live(session, Resident, resident_id)
    out: dict[str, ConsentCandidate] = {}
    for link in session.scalars(select(FamilyLink).where(
            FamilyLink.resident_id == resident_id, FamilyLink.deleted.is_(False),
            FamilyLink.member_id.is_not(None))):
        member = session.get(Resident, link.member_id)
        if member is not None and not member.deleted:
            out[member.id] = ConsentCandidate(member.id, member.name, member.nik or "",
                                              link.relation)
    if person.no_kk:
        for member in session.scalars(select(Resident).where(
                Resident.no_kk == person.no_kk, Resident.deleted.is_(False),
                Resident.id != person.id).order_by(Resident.name)):
            if member.id not in out:
                out[member.id] = ConsentCandidate(member.id, member.name, member.nik or "",
                                                  _relation_guess(person, member))
    return list(out.values())


def _relation_guess(person: Resident, member: Resident) -> str:
    if person.shdk in ("kepala_keluarga", "suami", "istri") and member.shdk in (
            "kepala_keluarga", "suami", "istri"):
        return "suami" if member.sex == "L" else "istri"
    if person.shdk == "anak" and member.shdk in ("kepala_keluarga", "suami", "istri"):
        return "ayah" if member.sex == "L" else "ibu"
    return ""


def _consent(session: Session, person: Resident, req: LetterRequest) -> dict[str, str]:
    if req.consent_member_id:
        member = load_live(session, Resident, req.consent_member_id)
        name, nik = member.name, member.nik or ""
        if member.id == person.id:
            raise AppError("letters.consent_self")
    else:
        name, nik = " ".join(req.consent_name.split()), req.consent_nik.strip()
    relation = req.consent_relation.strip()
    if not name or not relation:
        raise AppError("letters.consent_missing")
    if nik and (len(nik) != 16 or not nik.isdigit()):
        raise AppError("letters.consent_nik", nik=nik)
    if nik and nik == (person.nik or ""):
        raise AppError("letters.consent_self")
    status = person.marital_status
    if status not in CONSENT_RELATIONS:
        raise AppError("letters.marital_unknown", name=person.name)
    allowed = CONSENT_RELATIONS[status]
    if status == "kawin":
        allowed = frozenset({"suami"}) if person.sex == "P" else frozenset({"istri"})
    if relation not in allowed:
        raise AppError("letters.consent_relation", relation=label("relations", relation)
                       or relation, status=label("marital_status", status),
                       allowed=" / ".join(label("relations", r) for r in sorted(allowed)))
    return {"nama_pemberi_izin": name, "nik_pemberi_izin": nik or "-",
            "hubungan_pemberi_izin": label("relations", relation)}


def _office_values(office: Office, head: Letterhead) -> dict[str, str]:
    code = reference.normalize_region_code(office.code) or office.code
    parts = code.split(".")
    return {
        "desa": reference.region_name(code) or office.name,
        "kecamatan": reference.region_name(".".join(parts[:3])) or "" if len(parts) >= 3 else "",
        "kabupaten": reference.region_name(".".join(parts[:2])) or "" if len(parts) >= 2 else "",
        "alamat_kantor": head.address,
        "kepala_desa": head.head_name,
    }


def letter_values(session: Session, office: Office, req: LetterRequest, on: date,
                  head: Letterhead, settings: LetterSettings) -> dict[str, str]:
    """Every field of :data:`FIELDS` for this letter (the number is added on issue)."""
    check_kind(req.kind)
    person = load_live(session, Resident, req.resident_id)
    if not person.nik:
        raise AppError("letters.no_nik", name=person.name)
    if person.life_status != "hidup":
        raise AppError("letters.not_alive", name=person.name)
    ep = latest_episode(session, person.id)
    values = dict.fromkeys(FIELDS, "")
    values.update(_office_values(office, head))
    birth = ", ".join(x for x in (person.birth_place, _long_date(person.birth_date)) if x)
    values.update({
        "nama": person.name, "nik": person.nik or "", "no_kk": person.no_kk or "-",
        "jenis_kelamin": "Laki-laki" if person.sex == "L" else "Perempuan",
        "tempat_lahir": person.birth_place, "tanggal_lahir": _long_date(person.birth_date),
        "tempat_tanggal_lahir": birth or "-", "umur": _age(person.birth_date, on) or "-",
        "alamat": address(person.dusun, person.rt, person.rw, person.address) or "-",
        "status_perkawinan": label("marital_status", person.marital_status) or "-",
        "pendidikan": label("education", person.education) or "-",
        "no_paspor": person.passport_no or "-",
        "tanggal_surat": _long_date(on), "keperluan": " ".join(req.purpose.split()) or "-",
    })
    if ep is not None:
        values.update({
            "negara_tujuan": country(ep.destination_country) if ep.destination_country else "-",
            "jabatan": ep.job or label("sectors", ep.sector) or "-",
            "p3mi": ep.p3mi or "-",
            "skema": label("schemes", ep.scheme).split(" (")[0] or "-",
        })
    if req.kind in ("izin_keluarga", "pengantar_cpmi") and (
            ep is None or not ep.destination_country):
        raise AppError("letters.no_episode", name=person.name)
    if req.kind == "izin_keluarga":
        values.update(_consent(session, person, req))
    if req.signer == SIGNER_SECRETARY:
        if not settings.secretary_name:
            raise AppError("letters.no_secretary")
        values["penanda_tangan"] = settings.secretary_name
        values["jabatan_penanda_tangan"] = f"Sekretaris Desa {values['desa']}"
    else:
        if not head.head_name:
            raise AppError("letters.no_head")
        values["penanda_tangan"] = head.head_name
        values["jabatan_penanda_tangan"] = head.signer_title
    return values


def next_seq(session: Session, floors_dir: Path, year: int) -> int:
    """The next running number of ``year``: above every row and the floor file."""
    top = session.scalar(select(func.max(Letter.seq)).where(Letter.year == year)) or 0
    floor = read_floors(floors_dir).get(f"surat_{year}", 0)
    return max(top, floor) + 1


def issue_letter(session: Session, office: Office, data_root: Path, floors_dir: Path,
                 req: LetterRequest) -> IssuedLetter:
    """Make a new letter: check everything, take the next number, record the row.

    Refused input raises before any number is taken. The number is recorded in the floor
    file before the row is added (a number may be skipped by a crash, never reused).
    """
    if office.is_p4mi:
        raise AppError("letters.not_village")
    check_kind(req.kind)
    tpl = load_template(data_root, req.kind)
    settings = load_settings(session)
    check_pattern(settings.number_pattern)
    head = letterhead_from(session, office)
    on = req.issued_on or date.today()
    values = letter_values(session, office, req, on, head, settings)
    seq = next_seq(session, floors_dir, on.year)
    number = format_number(settings.number_pattern, seq=seq, tpl=tpl, on=on)
    values["nomor_surat"] = number
    raise_floors(floors_dir, **{f"surat_{on.year}": seq})
    row = Letter(number=number, seq=seq, year=on.year, kind=req.kind,
                 resident_id=req.resident_id, nik=values["nik"], name=values["nama"],
                 issued_on=on, signer_name=values["penanda_tangan"],
                 signer_role=req.signer if req.signer == SIGNER_SECRETARY else SIGNER_HEAD,
                 fields=json.dumps(values, ensure_ascii=False, sort_keys=True),
                 owner_office=office.code)
    session.add(row)
    session.flush()
    row.content_hash = Essentials.of(row).content_hash()
    session.flush()
    return IssuedLetter(row.id, number, req.kind, row.content_hash, values)


def revoke_letter(session: Session, letter_id: str, reason: str) -> Letter:
    row = load_live(session, Letter, letter_id)
    reason = " ".join(reason.split())
    if not reason:
        raise AppError("letters.reason_required")
    if row.revoked:
        raise AppError("letters.already_revoked", number=row.number)
    row.revoked = True
    row.revoked_reason = reason
    session.flush()
    return row


def find_resident_by_nik(session: Session, nik: str) -> Resident:
    person = session.scalars(select(Resident).where(
        Resident.nik == nik.strip(), Resident.deleted.is_(False)).limit(1)).first()
    if person is None:
        raise AppError("letters.nik_not_found", nik=nik)
    return person


# -- the printed letter ----------------------------------------------------------------------


def letter_document(session: Session, office: Office, data_root: Path, letter_id: str,
                    seal: Seal | None = None) -> Document:
    """The letter as a printable document, from the values stored when it was issued."""
    row = load_live(session, Letter, letter_id)
    tpl = load_template(data_root, row.kind)
    stored = json.loads(row.fields or "{}")
    values = {k: str(stored.get(k, "")) for k in FIELDS}
    head = letterhead_from(session, office)
    doc = Document(letterhead=head, title=tpl.title, number=row.number,
                   printed_on=row.issued_on, seal=seal)
    if row.revoked:
        doc.subtitle = f"DICABUT: {row.revoked_reason}"
    for part in split_body(tpl.render(values)):
        if part.pairs:
            doc.blocks.append(KeyValues("", part.pairs))
        else:
            doc.blocks.append(Paragraph(part.text))
    title = values["jabatan_penanda_tangan"]
    on_behalf = ""
    if row.signer_role == SIGNER_SECRETARY:
        on_behalf = f"a.n. {head.signer_title}"
    sig = Signature(head.place, row.issued_on, title, values["penanda_tangan"], on_behalf)
    if row.kind == "izin_keluarga":
        on_behalf = "\n".join(x for x in ("Mengetahui,", on_behalf) if x)
        sig = Signature(head.place, row.issued_on, title, values["penanda_tangan"], on_behalf,
                        witness_title="Yang memberi izin,",
                        witness_name=values["nama_pemberi_izin"])
    doc.signature = sig
    return doc


@dataclass(frozen=True)
class LetterRow:
    letter_id: str
    number: str
    kind: str
    name: str
    nik: str
    issued_on: date
    signer: str
    revoked: bool
    reason: str


def list_letters(session: Session, *, resident_id: str | None = None,
                 year: int | None = None) -> list[LetterRow]:
    q = select(Letter).where(Letter.deleted.is_(False))
    if resident_id:
        q = q.where(Letter.resident_id == resident_id)
    if year:
        q = q.where(Letter.year == year)
    q = q.order_by(Letter.year, Letter.seq)
    return [LetterRow(r.id, r.number, r.kind, r.name, r.nik, r.issued_on,
                      r.signer_name + (" (a.n.)" if r.signer_role == SIGNER_SECRETARY else ""),
                      r.revoked, r.revoked_reason) for r in session.scalars(q)]


def agenda_book(session: Session, office: Office, year: int,
                today: date | None = None) -> Document:
    """Buku agenda surat keluar of ``year`` (every number, revoked ones marked)."""
    today = today or date.today()
    head = letterhead_from(session, office)
    rows = list_letters(session, year=year)
    doc = Document(letterhead=head, title="BUKU AGENDA SURAT KELUAR",
                   subtitle=f"Tahun {year}", landscape=True, printed_on=today)
    doc.blocks.append(Table(
        heading="",
        headers=("No urut", "Nomor surat", "Tanggal", "Jenis surat", "Nama / NIK",
                 "Penanda tangan", "Keterangan"),
        rows=tuple((r.number.split("/")[1] if r.number.count("/") >= 1 else r.number,
                    r.number, fmt_date(r.issued_on), KINDS.get(r.kind, r.kind),
                    f"{r.name}\n{r.nik}", r.signer,
                    f"Dicabut: {r.reason}" if r.revoked else "") for r in rows),
        widths=(6, 20, 9, 22, 20, 13, 10), nowrap=(2,),
        empty_text="Belum ada surat pada tahun ini."))
    doc.signature = Signature(head.place, today, head.signer_title, head.head_name)
    return doc
