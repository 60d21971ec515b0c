"""Labels shared by the report builders (Indonesian, from the reference lists)."""

from __future__ import annotations

from datetime import date

from app.core.models import EpisodeState, MigrantStatus, Procedure
from app.core.reference import ref_label

STATE_LABELS: dict[str, str] = {
    EpisodeState.TERDAFTAR: "Terdaftar (CPMI)",
    EpisodeState.TERVERIFIKASI: "Terverifikasi",
    EpisodeState.BERANGKAT: "Berangkat (PMI)",
    EpisodeState.PULANG: "Pulang (Purna PMI)",
    EpisodeState.BATAL: "Batal",
    EpisodeState.GAGAL_BERANGKAT: "Gagal berangkat",
    EpisodeState.DALAM_PROSES: "Dalam proses (P3MI/pelatihan/penampungan)",
    EpisodeState.CUTI: "Cuti (penempatan berjalan)",
    EpisodeState.DICEGAH: "Dicegah / tidak direkomendasikan desa",
}
PROCEDURE_LABELS: dict[str, str] = {
    Procedure.PROSEDURAL: "Prosedural",
    Procedure.DIDUGA_NONPROSEDURAL: "Diduga non-prosedural",
    Procedure.BELUM_DIKETAHUI: "Belum diketahui",
}
STATUS_LABELS: dict[str, str] = {
    MigrantStatus.CALON_PMI: "Calon PMI",
    MigrantStatus.PMI: "PMI",
    MigrantStatus.PURNA_PMI: "Purna PMI",
    MigrantStatus.BUKAN: "Bukan pekerja migran",
}
LIFE_LABELS = {"hidup": "Hidup", "meninggal": "Meninggal", "pindah": "Pindah"}
SEX_LABELS = {"L": "Laki-laki", "P": "Perempuan"}
CASE_STATUS_LABELS = {"baru": "Baru", "diproses": "Diproses", "selesai": "Selesai"}


def country(code: str) -> str:
    return ref_label("countries", code) if code else "-"


def label(list_name: str, code: str) -> str:
    return ref_label(list_name, code) if code else ""


def address(dusun: str, rt: str, rw: str, extra: str = "") -> str:
    parts = []
    if dusun:
        parts.append(f"Dusun {dusun}")
    if rt or rw:
        parts.append(f"RT {rt or '-'}/RW {rw or '-'}")
    text = " ".join(parts)
    return text or extra


def age(birth: date | None, on: date) -> str:
    if birth is None:
        return ""
    years = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return f"{years} th"
