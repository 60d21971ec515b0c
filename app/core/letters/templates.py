"""Letter templates: text files the village may edit, with ``{field}`` placeholders.

The shipped templates live in ``resources/letters/``. On first use they are copied to the data
folder (``templat-surat/``); from then on the village's copy is used and an upgrade never
overwrites it (a template the village deleted comes back from the shipped one).

File format (UTF-8 text)::

    # judul: SURAT KETERANGAN DOMISILI
    # klasifikasi: 471
    # singkatan: SKD
    Yang bertanda tangan di bawah ini ... menerangkan bahwa:
    - Nama: {nama}
    - NIK: {nik}

    Surat keterangan ini dibuat untuk {keperluan}.

Lines starting with ``# key: value`` at the top are the header; a blank line separates
paragraphs; lines starting with ``- Label: value`` form a two-column list. Every ``{name}``
must be one of :data:`FIELDS` (``{{`` and ``}}`` print a brace); a template naming any other
field is refused with the field named, before a number is taken.
"""

from __future__ import annotations

import shutil
import string
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import AppError
from app.core.paths import program_dir

TEMPLATE_FOLDER = "templat-surat"
MAX_TEMPLATE_BYTES = 64 * 1024

FIELDS: dict[str, str] = {
    # the person
    "nama": "Nama lengkap",
    "nik": "NIK",
    "no_kk": "Nomor KK",
    "jenis_kelamin": "Laki-laki / Perempuan",
    "tempat_lahir": "Tempat lahir",
    "tanggal_lahir": "Tanggal lahir (23 November 1990)",
    "tempat_tanggal_lahir": "Tempat, tanggal lahir",
    "umur": "Umur dalam tahun pada tanggal surat",
    "alamat": "Alamat (dusun, RT/RW, alamat)",
    "status_perkawinan": "Status perkawinan",
    "pendidikan": "Pendidikan terakhir",
    "no_paspor": "Nomor paspor",
    # the planned placement (the latest placement of the person)
    "negara_tujuan": "Negara tujuan",
    "jabatan": "Jabatan / pekerjaan di negara tujuan",
    "p3mi": "P3MI (perusahaan penempatan)",
    "skema": "Skema penempatan",
    # the consenting relative (Surat Izin Keluarga)
    "nama_pemberi_izin": "Nama pemberi izin",
    "nik_pemberi_izin": "NIK pemberi izin",
    "hubungan_pemberi_izin": "Hubungan pemberi izin dengan calon PMI",
    # the office and the letter
    "desa": "Nama desa",
    "kecamatan": "Nama kecamatan",
    "kabupaten": "Nama kabupaten/kota",
    "alamat_kantor": "Alamat kantor desa",
    "kepala_desa": "Nama kepala desa",
    "nomor_surat": "Nomor surat",
    "tanggal_surat": "Tanggal surat (30 November 2026)",
    "keperluan": "Keperluan surat (diketik saat membuat surat)",
    "penanda_tangan": "Nama penanda tangan",
    "jabatan_penanda_tangan": "Jabatan penanda tangan",
}
"""Every field a template may use, with its meaning (shown in the guide and the dialog)."""


@dataclass(frozen=True)
class Template:
    kind: str
    title: str
    classification: str  # official classification code (klasifikasi surat)
    short: str  # abbreviation in the number, e.g. SIK
    body: str
    path: Path

    def fields_used(self) -> list[str]:
        return fields_in(self.body, self.path.name)

    def render(self, values: dict[str, str]) -> str:
        return self.body.format_map({k: values.get(k, "") for k in FIELDS})


def shipped_folder() -> Path:
    return program_dir() / "resources" / "letters"


def template_folder(data_root: Path) -> Path:
    return Path(data_root) / TEMPLATE_FOLDER


def ensure_templates(data_root: Path) -> Path:
    """Copy shipped templates that the data folder does not have yet; never overwrite."""
    target = template_folder(data_root)
    target.mkdir(parents=True, exist_ok=True)
    for src in sorted(shipped_folder().glob("*.txt")):
        dest = target / src.name
        if not dest.exists():
            tmp = dest.with_name(dest.name + ".part")
            shutil.copyfile(src, tmp)
            tmp.replace(dest)
    return target


def fields_in(body: str, name: str) -> list[str]:
    """The field names ``body`` uses; refuses unknown fields and broken braces."""
    used: list[str] = []
    try:
        parsed = list(string.Formatter().parse(body))
    except ValueError as exc:
        raise AppError("letters.template_broken", template=name, detail=str(exc)) from exc
    for _text, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in FIELDS or spec or conversion:
            raise AppError("letters.unknown_field", template=name, field=field or "{}")
        if field not in used:
            used.append(field)
    return used


def parse_template(kind: str, text: str, path: Path) -> Template:
    header: dict[str, str] = {}
    lines = text.replace("\r\n", "\n").split("\n")
    while lines and lines[0].startswith("#"):
        key, _, value = lines.pop(0)[1:].partition(":")
        header[key.strip().lower()] = value.strip()
    for key in ("judul", "klasifikasi", "singkatan"):
        if not header.get(key):
            raise AppError("letters.template_header", template=path.name, key=key)
    body = "\n".join(lines).strip("\n")
    tpl = Template(kind, header["judul"], header["klasifikasi"], header["singkatan"], body, path)
    tpl.fields_used()  # refuse unknown fields now
    return tpl


def load_template(data_root: Path, kind: str) -> Template:
    folder = ensure_templates(data_root)
    path = folder / f"{kind}.txt"
    try:
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            raise AppError("letters.template_broken", template=path.name, detail="terlalu besar")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise AppError("letters.template_missing", template=str(path)) from exc
    except (OSError, UnicodeError) as exc:
        raise AppError("letters.template_broken", template=path.name, detail=str(exc)) from exc
    return parse_template(kind, text, path)


@dataclass(frozen=True)
class BodyPart:
    """A rendered paragraph (``pairs`` empty) or a two-column list."""

    text: str = ""
    pairs: tuple[tuple[str, str], ...] = ()


def split_body(rendered: str) -> list[BodyPart]:
    parts: list[BodyPart] = []
    para: list[str] = []
    pairs: list[tuple[str, str]] = []

    def flush() -> None:
        if para:
            parts.append(BodyPart(text=" ".join(para)))
            para.clear()
        if pairs:
            parts.append(BodyPart(pairs=tuple(pairs)))
            pairs.clear()

    for line in rendered.split("\n"):
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("- "):
            if para:
                parts.append(BodyPart(text=" ".join(para)))
                para.clear()
            label, sep, value = stripped[2:].partition(":")
            pairs.append((label.strip(), value.strip()) if sep else (stripped[2:], ""))
        else:
            if pairs:
                parts.append(BodyPart(pairs=tuple(pairs)))
                pairs.clear()
            para.append(stripped)
    flush()
    return parts
