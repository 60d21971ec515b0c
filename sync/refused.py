"""The rows an import refused, as a workbook or CSV for the village (through the safe table
writer :mod:`app.core.tables`: a refused value such as ``=1+1`` stays text)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from app.core.tables import INT, TEXT, Column, Sheet, write_table

COLUMNS = (Column("Lembar", TEXT, 22), Column("Baris", INT, 8), Column("Kolom", TEXT, 20),
           Column("Kesalahan", TEXT, 90))


def _row(error: Any) -> list[Any]:
    if isinstance(error, tuple | list):
        sheet, row, column, text = error
    else:  # sync.importer's row error: sheet, row, column and an Indonesian sentence
        sheet, row, column, text = error.sheet, error.row, error.column, error.text("id")
    return [sheet, row, column or "", text]


def write_refused_rows(errors: Iterable[Any], dest: Path) -> Path:
    """Write ``errors`` (import row errors, or ``(sheet, row, column, text)``) to ``dest``
    (``.xlsx`` or ``.csv``), atomically; raises ``AppError("table.write_failed")``."""
    return write_table(Path(dest), Sheet("Baris ditolak", COLUMNS, [_row(e) for e in errors]))
