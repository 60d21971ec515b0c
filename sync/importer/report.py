"""What an import found and did: the report, its row errors, counts, conflicts and NIK clashes,
and the sequence-number ranges as text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.messages import message

STATUS_PREVIEW = "pratinjau"
STATUS_IMPORTED = "diimpor"
STATUS_PARTIAL = "sebagian"
STATUS_ALREADY = "sudah_diimpor"
STATUS_REFUSED = "ditolak"

KEY_KNOWN = "dikenal"
KEY_NEW = "baru"


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int  # spreadsheet row number (the header is row 1)
    column: str  # Indonesian header, "" for the whole row
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    row_id: str = ""

    def text(self, lang: str = "id") -> str:
        return message(self.code, lang, **self.params)

    def to_json(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "code": self.code,
                "params": self.params, "id": self.row_id, "pesan": self.text("id")}


@dataclass
class SheetCounts:
    new: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    older: int = 0
    conflicts: int = 0
    rejected: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Conflict:
    sheet: str
    row: int
    row_id: str
    reason: str  # "versi" (same version stamp, other content) or "pemilik" (other office)


@dataclass(frozen=True)
class NikClash:
    sheet: str
    row: int
    resident_id: str
    masked_nik: str
    other_village: str
    other_resident_id: str


@dataclass
class ImportReport:
    file_name: str
    file_sha256: str
    village_code: str
    village_name: str
    installation_id: str
    sequence: int
    scope: str
    created_at: str
    encrypted: bool
    fingerprint: str
    key_status: str = KEY_KNOWN
    status: str = STATUS_PREVIEW
    counts: dict[str, SheetCounts] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    error_rows: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    nik_clashes: list[NikClash] = field(default_factory=list)
    missing_sequences: list[int] = field(default_factory=list)  # the last few, for screens
    missing_ranges: list[tuple[int, int]] = field(default_factory=list)  # every gap, as ranges
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    refusal: tuple[str, dict[str, Any]] | None = None
    backup: Path | None = None
    import_id: int | None = None
    seconds: float = 0.0

    def total(self, what: str) -> int:
        return sum(getattr(c, what) for c in self.counts.values())

    @property
    def changed(self) -> bool:
        return self.status in (STATUS_IMPORTED, STATUS_PARTIAL)


def format_range_pairs(ranges: Sequence[tuple[int, int]], dash: str = "-",
                       limit: int = 50) -> str:
    """``[(1, 3), (7, 7)]`` as ``"1-3, 7"`` (at most ``limit`` ranges, then "...")."""
    parts = [f"{a}" if a == b else f"{a}{dash}{b}" for a, b in ranges[:limit]]
    if len(ranges) > limit:
        parts.append("...")
    return ", ".join(parts)


def format_ranges(numbers: Sequence[int], dash: str = "-") -> str:
    """``[1, 2, 3, 7]`` as ``"1-3, 7"`` (sequence gaps in reports and on screen)."""
    out: list[str] = []
    start: int | None = None
    prev = 0
    for n in sorted(numbers):
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append(f"{start}" if start == prev else f"{start}{dash}{prev}")
            start = prev = n
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}{dash}{prev}")
    return ", ".join(out)
