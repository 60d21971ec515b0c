"""The result of a package's import or preview: per village the importer's own report, and
the fields of a village bundle's report that screens and the command line read, for the whole
package."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sync.importer.history import MAX_GAP_NUMBERS, _last_numbers
from sync.importer.report import (
    KEY_KNOWN,
    STATUS_IMPORTED,
    STATUS_PARTIAL,
    ImportReport,
    NikClash,
    RowError,
    SheetCounts,
)


@dataclass
class PaketReport:
    file_name: str
    file_sha256: str
    hub_code: str
    hub_name: str
    sequence: int
    scope: str
    created_at: str
    encrypted: bool
    fingerprint: str
    key_status: str = KEY_KNOWN
    status: str = ""
    villages: list[ImportReport] = field(default_factory=list)
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    missing_ranges: list[tuple[int, int]] = field(default_factory=list)
    refusal: tuple[str, dict[str, Any]] | None = None
    seconds: float = 0.0

    is_paket = True

    def total(self, what: str) -> int:
        return sum(r.total(what) for r in self.villages)

    @property
    def error_rows(self) -> int:
        return sum(r.error_rows for r in self.villages)

    # the fields of a village bundle's ImportReport that the screens and the CLI read, for the
    # whole package: the sending hub in place of the village, the villages' rows summed
    @property
    def village_code(self) -> str:
        return self.hub_code

    @property
    def village_name(self) -> str:
        return self.hub_name

    @property
    def counts(self) -> dict[str, SheetCounts]:
        out: dict[str, SheetCounts] = {}
        for r in self.villages:
            for sheet, c in r.counts.items():
                into = out.setdefault(sheet, SheetCounts())
                for key, value in c.as_dict().items():
                    setattr(into, key, getattr(into, key) + value)
        return out

    @property
    def errors(self) -> list[RowError]:
        return [e for r in self.villages for e in r.errors]

    @property
    def nik_clashes(self) -> list[NikClash]:
        return [n for r in self.villages for n in r.nik_clashes]

    @property
    def missing_sequences(self) -> list[int]:
        return _last_numbers(self.missing_ranges, MAX_GAP_NUMBERS)

    @property
    def changed(self) -> bool:
        return self.status in (STATUS_IMPORTED, STATUS_PARTIAL)
