"""Which column holds which field: guessed from the header names, remembered per header
signature in the data folder (``import_mapping.json``), or given as a JSON file.

A mapping is ``{column index: field}``. Fields are the resident's columns this import fills
and the migration columns that create an episode (:data:`EPISODE_FIELDS`).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from app.core.errors import AppError
from sync.container import write_file_atomic

MAPPING_FILE = "import_mapping.json"

# field -> (Indonesian label, header names as typed in OpenSID, SIAK and village lists)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "nik": ("NIK", ("nik", "nomor induk kependudukan", "no nik", "no ktp", "nomor nik")),
    "no_kk": ("Nomor KK", ("no_kk", "nomor kk", "no kk", "kk", "nomor kartu keluarga")),
    "name": ("Nama", ("nama", "nama penduduk", "nama lengkap", "name", "nama pmi")),
    "sex": ("Jenis kelamin", ("sex", "jenis kelamin", "kelamin", "jk", "l/p")),
    "birth_place": ("Tempat lahir", ("tempatlahir", "tempat lahir")),
    "birth_date": ("Tanggal lahir", ("tanggallahir", "tanggal lahir", "tgl lahir",
                                     "tgl. lahir")),
    "shdk": ("SHDK", ("kk_level", "shdk", "hubungan keluarga", "hubungan dalam keluarga",
                      "status hubungan dalam keluarga")),
    "dusun": ("Dusun", ("dusun", "dusun/lingkungan")),
    "rw": ("RW", ("rw",)),
    "rt": ("RT", ("rt",)),
    "address": ("Alamat", ("alamat", "alamat lengkap")),
    "phone": ("Telepon", ("telepon", "no hp", "no. hp", "hp", "no telp", "nomor telepon",
                          "nomor hp")),
    "education": ("Pendidikan", ("pendidikan_kk_id", "pendidikan", "pendidikan terakhir",
                                 "pendidikan dalam kk")),
    "marital_status": ("Status kawin", ("status_kawin", "status kawin", "status perkawinan",
                                        "perkawinan")),
    "passport_no": ("Nomor paspor", ("dokumen_pasport", "nomor paspor", "no paspor",
                                     "paspor", "no. paspor")),
    "passport_expiry": ("Paspor berlaku sampai", ("tanggal_akhir_paspor",
                                                  "masa berlaku paspor")),
    "life_status": ("Status hidup", ("status_dasar", "status", "status penduduk")),
    "notes": ("Catatan", ("keterangan", "catatan")),
    "destination_country": ("Negara tujuan", ("negara", "negara tujuan", "negara penempatan")),
    "departed_on": ("Tanggal berangkat", ("tanggal berangkat", "tgl berangkat", "berangkat",
                                          "tanggal keberangkatan")),
    "employer": ("Pemberi kerja", ("majikan", "pemberi kerja", "nama majikan",
                                   "perusahaan pemberi kerja")),
    "p3mi": ("P3MI / agen", ("p3mi", "pptkis", "pjtki", "agen", "agency",
                             "perusahaan penempatan")),
    "returned_on": ("Tanggal pulang", ("tanggal pulang", "tgl pulang", "pulang",
                                       "tanggal kepulangan")),
    "job": ("Jabatan di luar negeri", ("jabatan", "pekerjaan di luar negeri",
                                       "pekerjaan luar negeri")),
}
EPISODE_FIELDS = ("destination_country", "departed_on", "employer", "p3mi", "returned_on",
                  "job")

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _key(text: str) -> str:
    return _NON_ALNUM.sub("", text.lower())


_BY_KEY: dict[str, str] = {_key(s): f for f, (_label, syn) in FIELDS.items() for s in syn}


def guess(headers: list[str]) -> dict[int, str]:
    """``{column: field}`` for headers that name a field (the first column wins a field)."""
    out: dict[int, str] = {}
    taken: set[str] = set()
    for col, header in enumerate(headers):
        field = _BY_KEY.get(_key(header))
        if field and field not in taken:
            out[col] = field
            taken.add(field)
    return out


def score(headers: list[str]) -> int:
    """How much a row looks like a header row (recognised names; a name column needed)."""
    found = set(guess(headers).values())
    return len(found) if "name" in found and len(found) >= 2 else 0


def signature(headers: list[str]) -> str:
    return hashlib.sha256("\x1f".join(_key(h) for h in headers).encode()).hexdigest()[:32]


def _store(data_root: Path) -> dict[str, dict[str, str]]:
    path = data_root / MAPPING_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def remembered(data_root: Path, headers: list[str]) -> dict[int, str] | None:
    """The mapping saved for this header signature, if any."""
    saved = _store(data_root).get(signature(headers))
    if not isinstance(saved, dict):
        return None
    return from_names(headers, saved, strict=False)


def remember(data_root: Path, headers: list[str], mapping: dict[int, str]) -> None:
    store = _store(data_root)
    store[signature(headers)] = {headers[c]: f for c, f in sorted(mapping.items())}
    blob = json.dumps(store, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    write_file_atomic(data_root / MAPPING_FILE, blob, error_code="lists.mapping_not_saved")


def from_names(headers: list[str], names: dict[str, str], *, strict: bool = True
               ) -> dict[int, str]:
    """``{header text: field}`` (a mapping file) -> ``{column: field}``."""
    out: dict[int, str] = {}
    index = {_key(h): c for c, h in reversed(list(enumerate(headers)))}
    for header, field in names.items():
        if field in ("", None, "-"):
            continue
        if field not in FIELDS:
            raise AppError("lists.mapping_bad_field", field=str(field)[:40])
        col = index.get(_key(str(header)))
        if col is None:
            if strict:
                raise AppError("lists.mapping_no_column", column=str(header)[:60])
            continue
        if field in out.values():
            raise AppError("lists.mapping_twice", field=field)
        out[col] = field
    return out


def load_mapping_file(path: Path, headers: list[str]) -> dict[int, str]:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AppError("lists.mapping_unreadable", path=str(path)) from exc
    if not isinstance(raw, dict):
        raise AppError("lists.mapping_unreadable", path=str(path))
    return from_names(headers, raw)


def check(mapping: dict[int, str]) -> None:
    """A usable mapping names the name column and a NIK or a birth date column."""
    fields = set(mapping.values())
    if "name" not in fields:
        raise AppError("lists.mapping_incomplete", field=FIELDS["name"][0])
    if not fields & {"nik", "birth_date"}:
        raise AppError("lists.mapping_incomplete", field="NIK / Tanggal lahir")
