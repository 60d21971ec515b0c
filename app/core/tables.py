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

import math
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
    """Write the sheets into one workbook at ``dest``, atomically. Returns ``dest``.

    The workbook's XML is written here directly, row by row into the zip (inline strings, one
    shared style per kind of cell): openpyxl builds an object per cell and was about 10x a SQL
    + CSV floor for the P4MI recap (issue 15 item 5). What the rules above promise is the same:
    text cells of number format ``@`` (never a formula element), date cells, atomic."""
    sheets = list(sheets)  # the Sheet objects; their rows stay lazy

    def produce(tmp: Path) -> None:
        import zipfile

        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            names = _sheet_names(sheets)
            zf.writestr("[Content_Types].xml", _content_types(len(sheets)))
            zf.writestr("_rels/.rels", _ROOT_RELS)
            zf.writestr("xl/workbook.xml", _workbook_xml(names))
            zf.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
            zf.writestr("xl/styles.xml", _STYLES)
            for n, sheet in enumerate(sheets, start=1):
                with zf.open(f"xl/worksheets/sheet{n}.xml", "w") as out:
                    _write_sheet(out, sheet)

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


# -- the workbook's XML ------------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
    f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
# cell styles: 0 general, 1 text, 2 text bold, 3 date, 4 date bold, 5 date-time,
# 6 date-time bold, 7 number bold (number format 49 is Excel's built-in "@")
_XF_TEXT, _XF_DATE, _XF_DATETIME = (1, 2), (3, 4), (5, 6)
_XF_NUMBER = (None, 7)
_APPLY_FONT = ' applyFont="1"'
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<styleSheet xmlns="{_MAIN}">'
    f'<numFmts count="2"><numFmt numFmtId="164" formatCode="{DATE_FORMAT}"/>'
    f'<numFmt numFmtId="165" formatCode="{DATETIME_FORMAT}"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs><cellXfs count="8">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    + "".join(f'<xf numFmtId="{fmt}" fontId="{font}" fillId="0" borderId="0" xfId="0" '
              f'applyNumberFormat="1"{_APPLY_FONT if font else ""}/>'
              for fmt in (49, 164, 165) for font in (0, 1))
    + '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    '</cellStyles></styleSheet>')
_EPOCH = date(1899, 12, 30)  # Excel's day 0 (1900 date system, dates from March 1900 on)


def _xml(value: Any) -> str:
    """Text for XML content or an attribute (``str.replace`` is several times faster than
    ``str.translate`` with a table, per cell)."""
    return (clean_text(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\r", "&#13;"))


def _sheet_names(sheets: Sequence[Sheet]) -> list[str]:
    return [clean_text(sheet.name)[:31] or "Lembar" for sheet in sheets]


def _content_types(count: int) -> str:
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" '
                      f'ContentType="{ct}.worksheet+xml"/>' for n in range(1, count + 1))
            + "</Types>")


def _workbook_xml(names: Sequence[str]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            + "".join(f'<sheet name="{_xml(name)}" sheetId="{n}" r:id="rId{n}"/>'
                      for n, name in enumerate(names, start=1))
            + "</sheets></workbook>")


def _workbook_rels(count: int) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{_PKG_REL}">'
            + "".join(f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" '
                      f'Target="worksheets/sheet{n}.xml"/>' for n in range(1, count + 1))
            + f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
            "</Relationships>")


def _letters(count: int) -> list[str]:
    out = []
    for n in range(1, count + 1):
        name = ""
        while n:
            n, rest = divmod(n - 1, 26)
            name = chr(65 + rest) + name
        out.append(name)
    return out


def _text_cell(ref: str, value: Any, bold: int) -> str:
    return (f'<c r="{ref}" s="{_XF_TEXT[bold]}" t="inlineStr"><is><t xml:space="preserve">'
            f"{_xml(value)}</t></is></c>")


def _cell(kind: str, ref: str, value: Any, bold: int) -> str:
    if value is None or value == "":
        return ""
    if kind == TEXT:
        return _text_cell(ref, value, bold)
    if kind == DATE:
        d = as_date(value)
        if d is None:
            return _text_cell(ref, value, bold)
        return f'<c r="{ref}" s="{_XF_DATE[bold]}"><v>{(d - _EPOCH).days}</v></c>'
    if kind == DATETIME:
        dt = as_datetime(value)
        if dt is None:
            return _text_cell(ref, value, bold)
        serial = (dt.date() - _EPOCH).days + (
            dt.hour * 3600 + dt.minute * 60 + dt.second) / 86400
        return f'<c r="{ref}" s="{_XF_DATETIME[bold]}"><v>{serial!r}</v></c>'
    number = _number(value, kind)
    if number is None or (isinstance(number, float) and not math.isfinite(number)):
        return _text_cell(ref, value, bold)
    style = f' s="{_XF_NUMBER[bold]}"' if bold else ""
    return f'<c r="{ref}"{style}><v>{number!r}</v></c>'


def _write_sheet(out: Any, sheet: Sheet) -> None:
    """One worksheet's XML into the open zip member ``out``, streamed in batches of rows."""
    letters = _letters(len(sheet.columns))
    kinds = [c.kind for c in sheet.columns]
    header_row = len(sheet.title_rows) + 1
    head = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0">'
            f'<pane ySplit="{header_row}" topLeftCell="A{header_row + 1}" '
            'activePane="bottomLeft" state="frozen"/>'
            f'<selection pane="bottomLeft" activeCell="A{header_row + 1}" '
            f'sqref="A{header_row + 1}"/></sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>']
    widths = [f'<col min="{n}" max="{n}" width="{c.width}" customWidth="1"/>'
              for n, c in enumerate(sheet.columns, start=1) if c.width]
    if widths:
        head.append("<cols>" + "".join(widths) + "</cols>")
    head.append("<sheetData>")
    out.write("".join(head).encode())
    number = 0
    batch: list[str] = []

    def flush() -> None:
        out.write("".join(batch).encode())
        batch.clear()

    for line in sheet.title_rows:
        number += 1
        batch.append(f'<row r="{number}">{_text_cell(f"A{number}", line, 1)}</row>')
    number += 1
    batch.append(f'<row r="{number}">' + "".join(
        _text_cell(f"{letter}{number}", c.header, 1)
        for letter, c in zip(letters, sheet.columns, strict=True)) + "</row>")
    for rows, bold in ((sheet.rows, 0), (sheet.bold_rows, 1)):
        for row in rows:
            number += 1
            cells = [_cell(kind, f"{letter}{number}", value, bold)
                     for kind, letter, value in zip(kinds, letters, row, strict=True)]
            batch.append(f'<row r="{number}">{"".join(cells)}</row>')
            if len(batch) >= 500:
                flush()
    batch.append("</sheetData></worksheet>")
    flush()


def _atomic(dest: Path, produce: Any) -> Path:
    """Run ``produce(tmp)`` and put the file in place through the one atomic writer."""
    return write_atomic(dest, produce, error_code="table.write_failed")
