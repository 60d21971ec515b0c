"""Guarded reading of a foreign list: .xlsx/.xlsm, .xls or CSV, into rows of cell values.

Workbooks in the zip format pass the bundle reader's :func:`sync.xlsx.prescan_foreign` (zip bomb,
XML entity, dimension, row and size caps) with an allow-list of the parts Excel, LibreOffice
and OpenSID write, then a check for formulas, and only then reach python-calamine. Old .xls
files (OLE2/BIFF) are capped by size, sheet count and each sheet's dimensions before any cell
is read. Row numbers are the spreadsheet's own (1-based), so the report points at real rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import AppError
from sync.xlsx import ReadCaps, column_letter, prescan_foreign

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_SHEETS = 32
MAX_ROWS = 100_000
MAX_COLUMNS = 400
HEADER_SEARCH_ROWS = 15

OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
ZIP_MAGIC = b"PK\x03\x04"

# Parts an ordinary workbook may hold (Excel, LibreOffice, OpenSID's macro template).
_ALLOWED_PART = re.compile(
    r"^(\[Content_Types\]\.xml|_rels/\.rels|docProps/[A-Za-z0-9_]+\.xml|"
    r"customXml/[A-Za-z0-9_/.]+\.(xml|rels)|"
    r"xl/(workbook\.xml|styles\.xml|sharedStrings\.xml|vbaProject\.bin|calcChain\.xml|"
    r"_rels/workbook\.xml\.rels|theme/theme\d+\.xml|worksheets/sheet\d+\.xml|"
    r"worksheets/_rels/sheet\d+\.xml\.rels|printerSettings/printerSettings\d+\.bin|"
    r"drawings/[A-Za-z0-9_/.]+\.(xml|rels|vml)|comments\d+\.xml|"
    r"tables/table\d+\.xml|persons/person\.xml|metadata\.xml))$"
)
_FORMULA = re.compile(rb"<(?:[A-Za-z0-9]+:)?f[\s>/]")
# a village's own list (OpenSID, SIAK, a clerk's sheet), not a bundle: the bundle's cap on
# unpacked bytes (sized for an import's 10 s) is not this reader's
CAPS = ReadCaps(max_members=64, max_rows_per_sheet=MAX_ROWS, max_total_bytes=512 * 1024 * 1024)


@dataclass
class Table:
    """One sheet of a list: header row and the data rows below it."""

    file_name: str
    sha256: str
    kind: str  # "xlsx", "xls", "csv"
    sheet: str
    header_row: int  # 1-based row number of the header
    headers: list[str]
    first_col: int  # 0-based column of headers[0] (for cell names such as "G12")
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (row number, cells)

    def cell_name(self, col: int, rownum: int) -> str:
        return f"{column_letter(self.first_col + col)}{rownum}"


def read_file(path: Path) -> tuple[bytes, str]:
    """The file's bytes (capped) and its SHA-256."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise AppError("lists.unreadable", path=str(path), detail="bukan berkas")
        if size > MAX_FILE_BYTES:
            raise AppError("lists.too_large", size=size, maximum=MAX_FILE_BYTES)
        with open(path, "rb") as handle:
            blob = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise AppError("lists.unreadable", path=str(path), detail=exc.strerror or str(exc)) \
            from exc
    if len(blob) > MAX_FILE_BYTES:
        raise AppError("lists.too_large", size=len(blob), maximum=MAX_FILE_BYTES)
    return blob, hashlib.sha256(blob).hexdigest()


def read_table(path: Path, score: Callable[[list[str]], int]) -> Table:
    """Read ``path`` and pick the sheet and header row that ``score`` likes best."""
    path = Path(path)
    blob, sha = read_file(path)
    if not blob.strip():
        raise AppError("lists.empty_file", name=path.name)
    if blob.startswith(ZIP_MAGIC):
        kind, sheets = "xlsx", _workbook_sheets(blob, zipped=True)
    elif blob.startswith(OLE2_MAGIC):
        kind, sheets = "xls", _workbook_sheets(blob, zipped=False)
    elif path.suffix.lower() in (".xls", ".xlsx", ".xlsm"):
        raise AppError("lists.not_workbook", name=path.name)
    else:
        kind, sheets = "csv", [("CSV", 0, 0, _csv_rows(blob))]
    best: tuple[int, int, str, int, int, list[list[Any]]] | None = None
    for name, row0, col0, rows in sheets:
        for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            headers = [_header_text(v) for v in row]
            points = score(headers)
            if points > 0 and (best is None or points > best[0]):
                best = (points, index, name, row0, col0, rows)
    if best is None:
        raise AppError("lists.no_header", name=path.name)
    _points, index, name, row0, col0, rows = best
    headers = [_header_text(v) for v in rows[index]]
    table = Table(path.name, sha, kind, name, row0 + index + 1, headers, col0)
    width = len(headers)
    for offset, row in enumerate(rows[index + 1:], start=index + 2):
        cells = list(row[:width]) + [""] * (width - len(row))
        table.rows.append((row0 + offset, cells))
    return table


def _header_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _workbook_sheets(blob: bytes, *, zipped: bool) -> list[tuple[str, int, int, list[list[Any]]]]:
    import python_calamine

    if zipped:
        _guard_zip(blob)
    try:
        wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(blob))
        names = list(wb.sheet_names)
    except Exception as exc:  # noqa: BLE001 - calamine raises several of its own types
        raise AppError("sync.xlsx.not_workbook", detail=str(exc)[:200]) from exc
    if len(names) > MAX_SHEETS:
        raise AppError("sync.xlsx.too_many_parts", count=len(names))
    out = []
    for name in names:
        try:
            sheet = wb.get_sheet_by_name(name)
            if sheet.total_height > MAX_ROWS + HEADER_SEARCH_ROWS or (
                    sheet.total_width > MAX_COLUMNS):
                raise AppError("sync.xlsx.too_many_rows", part=name, maximum=MAX_ROWS)
            start = sheet.start or (0, 0)
            rows = [list(r) for r in sheet.iter_rows()]
        except AppError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise AppError("sync.xlsx.not_workbook", detail=str(exc)[:200]) from exc
        out.append((name, int(start[0]), int(start[1]), rows))
    return out


def _guard_zip(blob: bytes) -> None:
    """The bundle guards, with the parts of ordinary workbooks allowed; then no formulas."""
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            names = [i.filename for i in zf.infolist()]
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise AppError("sync.xlsx.not_workbook", detail=str(exc)) from exc
    odd = [n for n in names if not _ALLOWED_PART.match(n)]
    if odd:
        raise AppError("sync.xlsx.unexpected_parts", parts=", ".join(odd[:5]))
    prescan_foreign(blob, caps=CAPS, allowed=frozenset(names))
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:  # passed the caps: bounded to read
        for name in names:
            if name.startswith("xl/worksheets/sheet") and _FORMULA.search(zf.read(name)):
                raise AppError("lists.formula", part=name)


def _csv_rows(blob: bytes) -> list[list[Any]]:
    try:
        text = blob.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = blob.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise AppError("lists.not_workbook", name="CSV")
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise AppError("sync.xlsx.too_many_rows", part="CSV", maximum=MAX_ROWS)
    if any(len(r) > MAX_COLUMNS for r in rows[:50]):
        raise AppError("lists.no_header", name="CSV")
    return [list(r) for r in rows]
