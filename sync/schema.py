"""The workbook contract of format v2 (and how v1 maps onto it): sheets, headers, types.

The sheet and column names are part of the format and never follow the UI language. Every
synced column of every synced model has a header here (a test checks it, so a new column in
the data core cannot silently stay behind); ``resident.migrant_status`` is derived and never
travels. Kinds:

* ``id`` / ``ref``: 32 lowercase hex digits (a row's UUID, or a reference to another row);
* ``nik``: 16 digits written as text (NIK, No. KK, NIK of the consenting relative);
* ``text``: text, at most the database column's length (long texts: 32,767, Excel's limit);
* ``enum``: text from a fixed list;
* ``date``: a date cell (``dd/mm/yyyy`` text is accepted too);
* ``stamp``: a sync timestamp as text ``YYYY-MM-DD HH:MM:SS.ffffff`` (UTC), exact to the
  microsecond, which a date cell could not keep;
* ``int``: a whole number; ``bool``: ``ya`` or ``tidak``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Table, Text
from sqlalchemy import Column as SaColumn

from app.core.models import (
    SYNCED_MODELS,
    CaseStatus,
    EpisodeState,
    FlagSeverity,
    LifeStatus,
    Procedure,
    SyncMixin,
)

FORMAT_NAME = "buku-migran-desa/paket"
FORMAT_VERSION = 2
"""v2 (issue 9): the episode fields clerks ask for and the ``Tanda Bahaya`` (red flag) sheet.
A v1 bundle still imports: :func:`schema_for` gives the sheets and columns it carries; the
columns it lacks keep their defaults (new rows) or the hub's values (updated rows)."""
MAX_CELL_TEXT = 32_767

SHEETS: dict[str, str] = {
    "resident": "Penduduk",
    "family_link": "Keluarga",
    "episode": "Penempatan",
    "contact_log": "Kontak",
    "case_file": "Kasus",
    "case_follow_up": "Tindak Lanjut Kasus",
    "activity": "Kegiatan",
    "activity_participant": "Peserta Kegiatan",
    "letter": "Surat",
    "episode_flag": "Tanda Bahaya",
}

META_HEADERS: dict[str, str] = {
    "owner_office": "Kode Desa Pemilik",
    "version": "Versi",
    "origin_instance": "Instalasi Asal",
    "origin_counter": "Penghitung",
    "created_at": "Dibuat (UTC)",
    "updated_at": "Diubah (UTC)",
    "updated_by": "Diubah Oleh",
    "deleted": "Dihapus",
}

HEADERS: dict[str, dict[str, str]] = {
    "resident": {
        "nik": "NIK", "no_kk": "No KK", "name": "Nama", "sex": "Jenis Kelamin",
        "birth_place": "Tempat Lahir", "birth_date": "Tanggal Lahir", "shdk": "SHDK",
        "dusun": "Dusun", "rw": "RW", "rt": "RT", "address": "Alamat", "phone": "Telepon",
        "education": "Pendidikan", "marital_status": "Status Perkawinan",
        "passport_no": "No Paspor", "passport_expiry": "Paspor Berlaku Sampai",
        "bpjs_tk_no": "No BPJS Ketenagakerjaan", "life_status": "Status Hidup",
        "notes": "Catatan",
    },
    "family_link": {
        "resident_id": "ID Penduduk", "member_id": "ID Anggota",
        "member_name": "Nama Anggota", "member_birth_date": "Tanggal Lahir Anggota",
        "relation": "Hubungan", "is_carer": "Pengasuh", "notes": "Catatan",
    },
    "episode": {
        "resident_id": "ID Penduduk", "state": "Tahap", "destination_country": "Negara Tujuan",
        "destination_city": "Kota Tujuan", "job": "Pekerjaan", "sector": "Sektor",
        "employer": "Pemberi Kerja", "p3mi": "P3MI", "scheme": "Skema Penempatan",
        "procedure": "Prosedural", "registered_on": "Tanggal Daftar",
        "verified_on": "Tanggal Verifikasi", "departed_on": "Tanggal Berangkat",
        "contract_start": "Awal Kontrak", "contract_end": "Akhir Kontrak",
        "expected_return": "Perkiraan Pulang", "returned_on": "Tanggal Pulang",
        "return_reason": "Alasan Pulang", "ended_on": "Tanggal Batal",
        "end_reason": "Alasan Batal", "consent_name": "Nama Pemberi Izin",
        "consent_nik": "NIK Pemberi Izin", "consent_relation": "Hubungan Pemberi Izin",
        "documents": "Dokumen", "lapor_diri": "Lapor Diri", "notes": "Catatan",
        # format v2
        "epmi_no": "No ID PMI/E-PMI", "visa_type": "Jenis Visa", "visa_no": "No Visa",
        "trip_passport_no": "No Paspor Perjalanan",
        "trip_passport_expiry": "Paspor Perjalanan Berlaku Sampai",
        "pk_no": "No Perjanjian Kerja", "wage": "Gaji", "foreign_agency": "Mitra Usaha",
        "employer_address": "Alamat Pemberi Kerja", "employer_phone": "Telepon Pemberi Kerja",
        "phone_abroad": "Telepon PMI di Luar Negeri", "heir_name": "Nama Ahli Waris",
        "heir_relation": "Hubungan Ahli Waris", "heir_phone": "Telepon Ahli Waris",
        "bpjs_status": "Status BPJS Ketenagakerjaan", "lapor_diri_on": "Tanggal Lapor Diri",
        "process_place": "Tempat Proses", "process_since": "Mulai Proses",
        "leave_from": "Mulai Cuti", "leave_until": "Akhir Cuti",
        "repatriation_status": "Pemulangan Jenazah",
        "death_claim_status": "Klaim Jaminan Kematian", "returnee_skills": "Keterampilan Purna",
        "returnee_business": "Usaha Purna", "remittance_use": "Penggunaan Remitansi",
        "plans_to_leave": "Rencana Berangkat Lagi",
    },
    "contact_log": {
        "resident_id": "ID Penduduk", "episode_id": "ID Penempatan",
        "contacted_on": "Tanggal Kontak", "channel": "Saluran", "condition": "Kondisi",
        "news": "Kabar",
    },
    "case_file": {
        "resident_id": "ID Penduduk", "episode_id": "ID Penempatan", "case_type": "Jenis Kasus",
        "reporter": "Pelapor", "reported_on": "Tanggal Lapor", "occurred_on": "Tanggal Kejadian",
        "chronology": "Kronologi", "referral": "Rujukan", "status": "Status",
        "closed_on": "Tanggal Selesai", "sensitive": "Rahasia",
    },
    "case_follow_up": {
        "case_id": "ID Kasus", "noted_on": "Tanggal", "note": "Catatan",
        "status_after": "Status Sesudah",
    },
    "activity": {
        "kind": "Jenis Kegiatan", "title": "Judul", "held_on": "Tanggal",
        "place": "Tempat", "organizer": "Penyelenggara", "notes": "Catatan",
    },
    "activity_participant": {
        "activity_id": "ID Kegiatan", "resident_id": "ID Penduduk", "name": "Nama",
    },
    # the letter register (no letter text: ``letter.fields`` stays in the village)
    "letter": {
        "number": "Nomor Surat", "seq": "Nomor Urut", "year": "Tahun", "kind": "Jenis Surat",
        "resident_id": "ID Penduduk", "nik": "NIK", "name": "Nama",
        "issued_on": "Tanggal Surat", "signer_name": "Penanda Tangan",
        "signer_role": "Jabatan Penanda Tangan", "revoked": "Dicabut",
        "revoked_reason": "Alasan Dicabut", "content_hash": "Hash Isi",
    },
    "episode_flag": {
        "episode_id": "ID Penempatan", "code": "Kode Tanda", "severity": "Tingkat",
        "rule_version": "Versi Aturan", "step": "Tahap Dilihat", "detail": "Rincian",
        "seen_at": "Dilihat (UTC)", "seen_by": "Dilihat Oleh", "accepted": "Diterima",
        "accepted_reason": "Alasan Diterima", "accepted_by": "Diterima Oleh",
        "accepted_at": "Diterima (UTC)", "cleared": "Sudah Tidak Berlaku",
        "cleared_at": "Tidak Berlaku Sejak (UTC)",
    },
}

V2_COLUMNS: dict[str, frozenset[str]] = {
    "episode": frozenset({
        "epmi_no", "visa_type", "visa_no", "trip_passport_no", "trip_passport_expiry", "pk_no",
        "wage", "foreign_agency", "employer_address", "employer_phone", "phone_abroad",
        "heir_name", "heir_relation", "heir_phone", "bpjs_status", "lapor_diri_on",
        "process_place", "process_since", "leave_from", "leave_until", "repatriation_status",
        "death_claim_status", "returnee_skills", "returnee_business", "remittance_use",
        "plans_to_leave",
    }),
}
"""Columns that format v1 did not have (a v1 bundle lacks them)."""
V1_TABLES = frozenset({"resident", "family_link", "episode", "contact_log", "case_file",
                       "case_follow_up", "activity", "activity_participant"})
"""The sheets of format v1. Sheets added later are optional in a v1 bundle."""

NIK_COLUMNS = frozenset({("resident", "nik"), ("resident", "no_kk"), ("episode", "consent_nik")})
ENUMS: dict[tuple[str, str], frozenset[str]] = {
    ("resident", "sex"): frozenset({"L", "P"}),
    ("resident", "life_status"): frozenset(s.value for s in LifeStatus),
    ("episode", "state"): frozenset(s.value for s in EpisodeState),
    ("episode_flag", "severity"): frozenset(s.value for s in FlagSeverity),
    ("episode", "procedure"): frozenset(s.value for s in Procedure),
    ("case_file", "status"): frozenset(s.value for s in CaseStatus),
}
# Columns that may not be empty even though the database would accept "".
REQUIRED_TEXT = frozenset({("resident", "name"), ("episode", "state"), ("resident", "sex"),
                           ("episode_flag", "code")})
NOT_SYNCED = frozenset({("resident", "migrant_status"), ("letter", "fields")})


@dataclass(frozen=True)
class Column:
    key: str  # database column
    header: str  # Indonesian header in the workbook
    kind: str  # id, ref, nik, text, enum, date, stamp, int, bool
    nullable: bool
    max_len: int = MAX_CELL_TEXT
    choices: frozenset[str] = frozenset()
    parent: str | None = None  # referenced table for kind "ref"

    @property
    def xlsx_kind(self) -> str:
        if self.kind == "date":
            return "date"
        if self.kind == "int":
            return "int"
        return "text"


@dataclass(frozen=True)
class Sheet:
    table: str
    name: str
    columns: tuple[Column, ...]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]


def _column(table: str, col: SaColumn[Any], header: str) -> Column:
    key = col.key
    nullable = bool(col.nullable)
    fks = list(col.foreign_keys)
    if key == "id":
        return Column(key, header, "id", False)
    if fks:
        return Column(key, header, "ref", nullable, 32, parent=fks[0].column.table.name)
    ctype = col.type
    if isinstance(ctype, Boolean):
        return Column(key, header, "bool", False)
    if isinstance(ctype, DateTime):
        return Column(key, header, "stamp", nullable)
    if isinstance(ctype, Date):
        return Column(key, header, "date", nullable)
    if isinstance(ctype, Integer):
        return Column(key, header, "int", nullable)
    if (table, key) in NIK_COLUMNS:
        return Column(key, header, "nik", nullable, 16)
    if (table, key) in ENUMS:
        return Column(key, header, "enum", nullable, choices=ENUMS[(table, key)])
    if isinstance(ctype, String) and not isinstance(ctype, Text) and ctype.length:
        return Column(key, header, "text", nullable, min(ctype.length, MAX_CELL_TEXT))
    return Column(key, header, "text", nullable, MAX_CELL_TEXT)


def _build() -> tuple[Sheet, ...]:
    sheets = []
    for model in SYNCED_MODELS:
        table = cast(Table, model.__table__)
        name = table.name
        data_headers = HEADERS[name]
        columns = [_column(name, table.c.id, "ID")]
        for col in table.columns:
            if col.key == "id" or col.key in META_HEADERS or (name, col.key) in NOT_SYNCED:
                continue
            if col.key not in data_headers:
                raise RuntimeError(f"sync/schema.py: no workbook header for {name}.{col.key}")
            columns.append(_column(name, col, data_headers[col.key]))
        for key, header in META_HEADERS.items():
            columns.append(_column(name, table.c[key], header))
        sheets.append(Sheet(name, SHEETS[name], tuple(columns)))
    return tuple(sheets)


SCHEMA: tuple[Sheet, ...] = _build()
"""The sheets of the current format, in dependency order (parents first)."""

BY_TABLE: dict[str, Sheet] = {s.table: s for s in SCHEMA}
BY_NAME: dict[str, Sheet] = {s.name: s for s in SCHEMA}
SYNCED_TABLES: tuple[str, ...] = tuple(m.__tablename__ for m in SYNCED_MODELS)


def synced_model_columns(model: type[SyncMixin]) -> list[str]:
    """Database columns of ``model`` that travel (everything but derived ones)."""
    name = model.__tablename__
    return [c.key for c in model.__table__.columns if (name, c.key) not in NOT_SYNCED]


def schema_for(version: int) -> tuple[Sheet, ...]:
    """The sheets and columns a bundle of format ``version`` carries, in workbook order.

    The current version is :data:`SCHEMA`. Version 1 lacks the v2 sheets and the
    :data:`V2_COLUMNS`; its ``ENUMS`` are the same lists (v1 never wrote the new states).
    """
    if version >= FORMAT_VERSION:
        return SCHEMA
    out = []
    for sheet in SCHEMA:
        if sheet.table not in V1_TABLES:
            continue
        dropped = V2_COLUMNS.get(sheet.table, frozenset())
        out.append(Sheet(sheet.table, sheet.name,
                         tuple(c for c in sheet.columns if c.key not in dropped)))
    return tuple(out)


def required_sheets(version: int) -> frozenset[str]:
    """Sheet names a bundle of ``version`` must hold; any other known sheet may be absent
    (e.g. a sheet a later release of the same version added) and then imports as empty."""
    if version >= 2:
        return frozenset(s.name for s in SCHEMA if s.table in V1_TABLES
                         or s.table == "episode_flag")
    return frozenset(s.name for s in SCHEMA if s.table in V1_TABLES)
