"""The one safe writer for every workbook (.xlsx) and CSV the program hands to people.

Use it for every table a clerk opens in Excel or LibreOffice: the P4MI recap, the audit-log
export, refused rows, public statistics, reports and letters to come. (The bundle workbook of
``sync/xlsx.py`` is a machine format with its own writer and reader; it follows the same
rules.) What it guarantees:

* **Text stays text.** A value in a ``TEXT`` column is written as a string cell with the text
  number format ``@``, never as a formula: a resident called ``=1+1``, a job ``=SUM(A1:A9)``,
  a phone ``+62812...``, an address ``-`` or an operator ``@admin`` come back exactly as
  typed. In a CSV, where a cell has no type, text starting with ``=``, ``+``, ``-``, ``@``,
  tab or carriage return gets a leading apostrophe (the OWASP rule), so no spreadsheet runs it.
  Characters XML cannot hold (NUL, ESC, BEL, ...) are replaced by U+FFFD instead of breaking
  the whole file.
* **Dates are dates, times are date-times.** ``DATE`` columns take ``date`` (or ISO text) and
  become real date cells shown ``dd/mm/yyyy``; ``DATETIME`` columns take ``datetime`` (aware
  ones are converted to local time) and become date-time cells ``dd/mm/yyyy hh:mm:ss``, so
  they sort and filter as times, not as text. ``INT``/``NUMBER`` columns are numbers.
* **Atomic.** The file is written under a temporary name in the destination folder, flushed
  to disk and renamed: a pulled stick or a full disk leaves the old file or none, never half a
  file, and the temporary file is removed. Failures (full disk, write-protected stick, a folder
  where the file should be) raise ``AppError("table.write_failed", path=..., detail=...)``
  with the real reason; ``Cancelled`` (or any exception of a row generator) propagates after
  the clean-up.

How to use it::

    from app.core.tables import DATE, INT, TEXT, Column, Sheet, write_table

    sheet = Sheet("Penduduk", [Column("NIK", TEXT, 19), Column("Nama", TEXT, 26),
                               Column("Tanggal Lahir", DATE, 12), Column("Umur", INT)],
                  rows=((r.nik, r.name, r.birth_date, r.age) for r in residents),
                  title_rows=["Daftar penduduk Desa Sukadana"])
    write_table(Path("daftar.xlsx"), sheet)   # or "daftar.csv": chosen by the suffix
    write_xlsx(Path("rekap.xlsx"), [sheet1, sheet2])   # several sheets in one workbook

Qt-free and free of ``sync``: the GUI, the command line and the reports all call it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.core.atomic import write_atomic
from app.core.formatting import date_text

MESSAGES = {
    "table.write_failed": (
        "Berkas {path} tidak dapat ditulis ({detail}). Periksa folder tujuan atau flashdisk "
        "(penuh atau terkunci?) lalu coba lagi; tidak ada berkas setengah jadi yang tertinggal.",
        "The file {path} cannot be written ({detail}). Check the destination folder or USB "
        "stick (full or write-protected?) and try again; no half-written file was left.",
    ),
}

TEXT = "text"
DATE = "date"
DATETIME = "datetime"
INT = "int"
NUMBER = "number"
KINDS = (TEXT, DATE, DATETIME, INT, NUMBER)

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm:ss"
TEXT_FORMAT = "@"
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT
    width: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


@dataclass
class Sheet:
    """One table: its columns, its rows (any iterable, streamed), optional lines above it."""

    name: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    title_rows: Sequence[str] = field(default_factory=tuple)
    bold_rows: Sequence[Sequence[Any]] = field(default_factory=tuple)
    """Rows appended after ``rows`` in bold (a ``Jumlah`` line)."""


# -- values -----------------------------------------------------------------------------------


def clean_text(value: Any) -> str:
    """``value`` as text XML can hold (control characters become U+FFFD)."""
    text = value if isinstance(value, str) else str(value)
    return _ILLEGAL_XML.sub("\ufffd", text)


def csv_text(value: Any) -> str:
    """Text for a CSV cell that no spreadsheet will run as a formula."""
    text = clean_text(value)
    if text.startswith(DANGEROUS_START):
        return "'" + text
    return text


def as_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def as_datetime(value: Any) -> datetime | None:
    """A naive local ``datetime`` (Excel has no time zones), or ``None``."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    else:
        try:
            dt = datetime.fromisoformat(str(value))
        except ValueError:
            return None
    if dt.tzinfo is not None:
        dt = dt.astimezone().replace(tzinfo=None)
    return dt.replace(microsecond=0)


def _number(value: Any, kind: str) -> int | float | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return int(value) if kind == INT else value
    try:
        return int(str(value)) if kind == INT else float(str(value))
    except ValueError:
        return None


# -- writing ----------------------------------------------------------------------------------


def write_table(dest: Path, sheet: Sheet) -> Path:
    """One table to ``dest``: a workbook for ``.xlsx``, else a CSV for Excel."""
    if Path(dest).suffix.lower() == ".xlsx":
        return write_xlsx(dest, [sheet])
    return write_csv(dest, sheet)


def write_xlsx(dest: Path, sheets: Iterable[Sheet]) -> Path:
    """Write the sheets into one workbook at ``dest``, atomically. Returns ``dest``."""
    from openpyxl import Workbook

    def produce(tmp: Path) -> None:
        book = Workbook(write_only=True)
        try:
            for sheet in sheets:
                _add_sheet(book, sheet)
        except BaseException:
            for ws in book.worksheets:  # end openpyxl's per-sheet temporary files now
                try:
                    ws.close()
                    os.remove(ws._writer.out)
                except Exception:  # noqa: BLE001, S110 - best effort, the real error follows
                    pass
            raise
        book.save(tmp)

    return _atomic(Path(dest), produce)


def write_csv(dest: Path, sheet: Sheet) -> Path:
    """A CSV as Indonesian Excel expects (UTF-8 with BOM, ``;``), atomically."""
    import csv

    def cell(column: Column, value: Any) -> Any:
        if value in (None, ""):
            return ""
        if column.kind == DATE:
            d = as_date(value)
            return date_text(d) if d else csv_text(value)
        if column.kind == DATETIME:
            dt = as_datetime(value)
            return f"{dt:%d/%m/%Y %H:%M:%S}" if dt else csv_text(value)
        if column.kind in (INT, NUMBER):
            number = _number(value, column.kind)
            return number if number is not None else csv_text(value)
        return csv_text(value)

    def produce(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            for line in sheet.title_rows:
                writer.writerow([csv_text(line)])
            writer.writerow([csv_text(c.header) for c in sheet.columns])
            for rows in (sheet.rows, sheet.bold_rows):
                for row in rows:
                    writer.writerow([cell(c, v) for c, v in zip(sheet.columns, row, strict=True)])
            handle.flush()
            os.fsync(handle.fileno())

    return _atomic(Path(dest), produce)


def _add_sheet(book: Any, sheet: Sheet) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(clean_text(sheet.name)[:31] or "Lembar")
    bold = Font(bold=True)
    for index, column in enumerate(sheet.columns, start=1):
        if column.width:
            ws.column_dimensions[get_column_letter(index)].width = column.width
    header_row = len(sheet.title_rows) + 1
    ws.freeze_panes = f"A{header_row + 1}"

    def text(value: Any, font: Any = None) -> Any:
        c = WriteOnlyCell(ws, value=None)
        c.value = clean_text(value)
        c.data_type = "s"  # set after the value: openpyxl would take "=..." as a formula
        c.number_format = TEXT_FORMAT
        if font is not None:
            c.font = font
        return c

    def cell(column: Column, value: Any, font: Any) -> Any:
        if value in (None, ""):
            return None
        if column.kind == TEXT:
            return text(value, font)
        if column.kind == DATE:
            d = as_date(value)
            if d is None:
                return text(value, font)
            c = WriteOnlyCell(ws, value=d)
            c.number_format = DATE_FORMAT
        elif column.kind == DATETIME:
            dt = as_datetime(value)
            if dt is None:
                return text(value, font)
            c = WriteOnlyCell(ws, value=dt)
            c.number_format = DATETIME_FORMAT
        else:
            number = _number(value, column.kind)
            if number is None:
                return text(value, font)
            c = WriteOnlyCell(ws, value=number)
        if font is not None:
            c.font = font
        return c

    for line in sheet.title_rows:
        ws.append([text(line, bold)])
    ws.append([text(c.header, bold) for c in sheet.columns])
    for rows, font in ((sheet.rows, None), (sheet.bold_rows, bold)):
        for row in rows:
            ws.append([cell(c, v, font) for c, v in zip(sheet.columns, row, strict=True)])


def _atomic(dest: Path, produce: Any) -> Path:
    """Run ``produce(tmp)`` and put the file in place through the one atomic writer."""
    return write_atomic(dest, produce, error_code="table.write_failed")
