"""A small streaming XLSX writer and a guarded reader for the bundle workbook.

Why not openpyxl for writing: openpyxl turns every string that starts with ``=`` into a
formula, needs a per-cell ``WriteOnlyCell`` for text formats, and is the slowest step of an
export. The workbook of a bundle has a fixed shape (header row, typed columns), so it is
written here directly as SpreadsheetML: every text value is an inline string cell
(``t="inlineStr"``) with the text number format ``@`` (so ``=SUM(A1)``, ``+62812...`` and
``-`` stay text, without an added apostrophe), dates are real date cells with the
``dd/mm/yyyy`` format, integers are numbers. Excel, LibreOffice, openpyxl and
python-calamine read the result.

Reading goes through :func:`prescan` first (an allow-list of members, bounded streaming
decompression with CRC checks, no ``<!DOCTYPE``/``<!ENTITY``, row counts and the
``<dimension>`` claim checked against caps). A bundle's rows are then read by
:func:`iter_sheet_rows` / :func:`iter_sheet_columns`, a streaming reader of the same grammar
that holds one chunk of rows at a time (python-calamine built the whole sheet in memory:
about 430 MB for 170,000 residents) and gives the values python-calamine gives; the importer
uses :class:`CheckedWorkbook`, which does the pre-scan's sheet checks and the reading in one
pass over each sheet. python-calamine still reads the villages' own
lists (``sync/lists``), after :func:`prescan_foreign`.
"""

from __future__ import annotations

import contextlib
import io
import os
import queue
import re
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from app.core.errors import AppError
from sync import sheet_worker

# -- writing ---------------------------------------------------------------------------------

EXCEL_EPOCH_ORDINAL = date(1899, 12, 30).toordinal()
FIRST_SAFE_DATE = date(1900, 3, 1)  # Excel's 1900 leap-year bug shifts earlier serials

STYLE_DEFAULT = 0
STYLE_TEXT = 1
STYLE_DATE = 2
STYLE_HEADER = 3
# The Indonesian locale tag makes LibreOffice show (and export to CSV) dd/mm/yyyy whatever the
# machine's locale; without it LibreOffice falls back to the system's date order.

_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

# Characters that need work before they can go into an XML text node.
_NEEDS_WORK = re.compile(
    r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]|_x[0-9A-Fa-f]{4}_")
_OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _escape_text(value: str) -> str:
    if not _NEEDS_WORK.search(value):
        return value
    # A literal "_x0041_" would be read back as "A": escape its underscore (OOXML rule).
    value = _OOXML_ESCAPE.sub(r"_x005F_\1", value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = value.replace("\r", "&#13;")
    return _ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def excel_serial(d: date) -> int:
    return d.toordinal() - EXCEL_EPOCH_ORDINAL


def date_text(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


# Cell kinds for the writer: how a Python value of a column becomes a cell.
KIND_TEXT = "text"  # str -> inline string with format "@"
KIND_DATE = "date"  # date or ISO "YYYY-MM-DD" string -> date serial with dd/mm/yyyy
KIND_INT = "int"  # int -> number


@dataclass
class SheetSpecW:
    name: str
    headers: Sequence[str]
    kinds: Sequence[str]
    widths: Sequence[float] | None = None


def _sheet_prolog(spec: SheetSpecW, rows_total: int) -> str:
    last = f"{column_letter(len(spec.headers) - 1)}{max(1, rows_total + 1)}"
    cols = ""
    if spec.widths:
        cols = "<cols>" + "".join(
            f'<col min="{i + 1}" max="{i + 1}" width="{w:g}" customWidth="1"/>'
            for i, w in enumerate(spec.widths)
        ) + "</cols>"
    header = "".join(
        f'<c r="{column_letter(i)}1" t="inlineStr" s="{STYLE_HEADER}"><is><t>'
        f"{_escape_text(h)}</t></is></c>"
        for i, h in enumerate(spec.headers)
    )
    return (
        f'{_XML_HEAD}<worksheet xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">'
        f'<dimension ref="A1:{last}"/>'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/>{cols}<sheetData><row r="1">{header}</row>'
    )


def _row_writer(kinds: Sequence[str]) -> Callable[..., Any]:  # a closure, typed by use
    letters = [column_letter(i) for i in range(len(kinds))]
    parts_for = list(zip(letters, kinds, strict=True))

    def render(rownum: int, values: Sequence[Any]) -> str:
        r = str(rownum)
        out = [f'<row r="{r}">']
        append = out.append
        for (letter, kind), value in zip(parts_for, values, strict=True):
            if value is None or value == "":
                continue
            if kind == KIND_TEXT:
                if isinstance(value, int | float) and not isinstance(value, bool):
                    append(f'<c r="{letter}{r}"><v>{value!r}</v></c>')  # a number as given
                    continue
                text = value if isinstance(value, str) else str(value)
                space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
                append(f'<c r="{letter}{r}" t="inlineStr" s="1"><is><t{space}>'
                       f"{_escape_text(text)}</t></is></c>")
            elif kind == KIND_DATE:
                if isinstance(value, int):  # already an Excel serial (from SQL)
                    append(f'<c r="{letter}{r}" s="2"><v>{value}</v></c>')
                    continue
                if isinstance(value, str) and "/" in value:  # dd/mm/yyyy before 1900-03-01
                    append(f'<c r="{letter}{r}" t="inlineStr" s="1"><is><t>{value}</t></is></c>')
                    continue
                d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
                if d < FIRST_SAFE_DATE:
                    append(f'<c r="{letter}{r}" t="inlineStr" s="1"><is><t>{date_text(d)}'
                           "</t></is></c>")
                else:
                    append(f'<c r="{letter}{r}" s="2"><v>{d.toordinal() - EXCEL_EPOCH_ORDINAL}'
                           "</v></c>")
            else:  # KIND_INT
                append(f'<c r="{letter}{r}"><v>{int(value)}</v></c>')
        append("</row>")
        return "".join(out)

    return render


_STYLES = (
    f'{_XML_HEAD}<styleSheet xmlns="{_NS_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="[$-421]dd/mm/yyyy"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
    'applyFont="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


class XlsxWriter:
    """Write a workbook sheet by sheet into ``target`` (a binary file object).

    ``add_sheet(spec, rows, count)`` streams ``rows`` (sequences of values in column order)
    into the zip; ``close()`` writes the workbook parts that list the sheets.
    """

    def __init__(self, target: Any, *, compresslevel: int = 6) -> None:
        self._zip = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED,
                                    compresslevel=compresslevel)
        self._sheets: list[str] = []

    def add_sheet(self, spec: SheetSpecW, rows: Iterable[Sequence[Any]], count: int,
                  *, on_chunk: Any = None, chunk: int = 2000) -> int:
        index = len(self._sheets) + 1
        self._sheets.append(spec.name)
        render = _row_writer(spec.kinds)
        written = 0
        with self._zip.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=True) as raw:
            out = io.BufferedWriter(raw, buffer_size=1 << 20)
            out.write(_sheet_prolog(spec, count).encode("utf-8"))
            batch: list[str] = []
            rownum = 1
            for values in rows:
                rownum += 1
                batch.append(render(rownum, values))
                if len(batch) >= chunk:
                    out.write("".join(batch).encode("utf-8"))
                    written += len(batch)
                    batch.clear()
                    if on_chunk is not None:
                        on_chunk(written)
            if batch:
                out.write("".join(batch).encode("utf-8"))
                written += len(batch)
            out.write(b"</sheetData></worksheet>")
            out.flush()
        if written != count:
            raise ValueError(f"sheet {spec.name}: {written} rows written, {count} announced")
        return written

    def close(self) -> None:
        for name, text in workbook_parts(self._sheets).items():
            self._zip.writestr(name, text)
        self._zip.close()

    def discard(self) -> None:
        """Give the workbook up (a cancel or an error): close the zip now, while its target
        is still open, instead of leaving it to the garbage collector (which would complain
        about a closed file)."""
        with contextlib.suppress(Exception):
            self._zip.close()


def workbook_parts(sheet_names: Sequence[str]) -> dict[str, str]:
    """The fixed parts of a workbook with these sheets, exactly as :class:`XlsxWriter` writes
    them (the pre-scan compares a bundle's parts with these, byte for byte)."""
    n = len(sheet_names)
    sheets_ct = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, n + 1)
    )
    parts: dict[str, str] = {}
    parts["[Content_Types].xml"] = (
        f'{_XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
        'main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{sheets_ct}</Types>")
    parts["_rels/.rels"] = (
        f'{_XML_HEAD}<Relationships xmlns="{_NS_PKG_REL}"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>')
    sheet_list = "".join(
        f'<sheet name="{_escape_text(name)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(sheet_names, start=1)
    )
    parts["xl/workbook.xml"] = (
        f'{_XML_HEAD}<workbook xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">'
        f"<sheets>{sheet_list}</sheets></workbook>")
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/'
        f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, n + 1)
    )
    rels += (f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/'
             'officeDocument/2006/relationships/styles" Target="styles.xml"/>')
    parts["xl/_rels/workbook.xml.rels"] = (
        f'{_XML_HEAD}<Relationships xmlns="{_NS_PKG_REL}">{rels}</Relationships>')
    parts["xl/styles.xml"] = _STYLES
    return parts


def allowed_members(sheet_count: int) -> frozenset[str]:
    """Exactly the parts :class:`XlsxWriter` writes for ``sheet_count`` sheets."""
    fixed = {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
             "xl/_rels/workbook.xml.rels", "xl/styles.xml"}
    return frozenset(fixed | {f"xl/worksheets/sheet{i}.xml" for i in range(1, sheet_count + 1)})


# -- guarded reading -------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadCaps:
    """Limits checked before python-calamine parses anything."""

    max_members: int = 32
    max_member_bytes: int = 256 * 1024 * 1024  # uncompressed, per part
    # uncompressed, whole workbook: a bundle's reading time grows with it. A real village's
    # mix of sheets at sync.container.MAX_BUNDLE_ROWS makes about 112 MiB; this leaves room
    # for longer notes, and bounds the work of a bundle at both caps (see MAX_BUNDLE_ROWS)
    max_total_bytes: int = 128 * 1024 * 1024
    max_ratio: int = 200  # uncompressed / compressed, per part larger than 1 MiB
    max_rows_per_sheet: int = 250_000
    max_cells: int = 12_000_000
    # one text cell: 32,767 characters at most 7 bytes each once escaped (``_x001B_``)
    max_cell_bytes: int = 256 * 1024


def unpacked_size(workbook: bytes) -> int:
    """The bytes of all a workbook's parts once unpacked, as its zip directory declares them
    (what the read caps compare with ``max_total_bytes``)."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as zf:
        return sum(i.file_size for i in zf.infolist())


@dataclass
class PrescanResult:
    sheet_rows: dict[str, int] = field(default_factory=dict)  # member name -> data rows
    total_bytes: int = 0


@dataclass(frozen=True)
class SheetLayout:
    """What the pre-scan needs to know of one sheet: its name and column headers."""

    name: str
    headers: Sequence[str]


_DANGEROUS = (b"<!DOCTYPE", b"<!ENTITY", b"<!doctype", b"<!entity")


def _default_layouts(sheet_count: int) -> list[SheetLayout]:
    from sync.schema import SCHEMA

    return [SheetLayout(s.name, s.headers) for s in SCHEMA[:sheet_count]]


def _open_workbook(data: bytes, caps: ReadCaps) -> zipfile.ZipFile:
    """Open a workbook's zip for the prescans: refused (``sync.xlsx.*``) when it is no zip,
    has more parts than ``caps`` allow or one part name twice."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise AppError("sync.xlsx.not_workbook", detail=str(exc)) from exc
    infos = zf.infolist()
    names = [i.filename for i in infos]
    if len(infos) > caps.max_members:
        zf.close()
        raise AppError("sync.xlsx.too_many_parts", count=len(infos))
    if len(set(names)) != len(names):
        zf.close()
        raise AppError("sync.xlsx.duplicate_part")
    return zf


def _check_part(info: zipfile.ZipInfo, caps: ReadCaps) -> None:
    """Refuse an encrypted or oddly compressed part, one too large, or a zip bomb."""
    if info.flag_bits & 0x1:
        raise AppError("sync.xlsx.not_workbook", detail="encrypted part")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise AppError("sync.xlsx.not_workbook", detail="compression method")
    if info.file_size > caps.max_member_bytes:
        raise AppError("sync.xlsx.too_large", size=info.file_size)
    if info.file_size > (1 << 20) and info.file_size > caps.max_ratio * max(
            1, info.compress_size):
        raise AppError("sync.xlsx.bomb", part=info.filename)


def prescan(data: bytes, *, sheet_count: int, caps: ReadCaps = ReadCaps(),
            layouts: Sequence[SheetLayout] | None = None,
            _sheets: bool = True) -> PrescanResult:
    """Check a workbook without parsing it; raise ``AppError("sync.xlsx.*")`` if refused.

    Only what :class:`XlsxWriter` writes passes: the fixed parts byte for byte, and sheets
    made of ``<row r="N">`` rows numbered 1, 2, 3..., each holding cells of the sheet's own
    columns in that row (an inline string, a whole-number date, or a plain number). So the
    real cell coordinates, the row count however written and every string's size are bounded
    before python-calamine sees the file (a cell far away would make it allocate the whole
    rectangle up to that cell), and formula, error and shared-string cells never reach it.
    """
    if layouts is None:
        layouts = _default_layouts(sheet_count)
    with _open_workbook(data, caps) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        allowed = allowed_members(sheet_count)
        unexpected = sorted(set(names) - allowed)
        missing = sorted(allowed - set(names))
        if unexpected or missing:
            raise AppError("sync.xlsx.unexpected_parts",
                           parts=", ".join((unexpected + missing)[:5]))
        result = PrescanResult()
        declared_total = sum(i.file_size for i in infos)
        if declared_total > caps.max_total_bytes:
            raise AppError("sync.xlsx.too_large", size=declared_total)
        fixed = {k: v.encode("utf-8") for k, v in workbook_parts(
            [lay.name for lay in layouts]).items()}
        for info in infos:
            _check_part(info, caps)
            if info.filename.startswith("xl/worksheets/"):
                if not _sheets:  # read and checked once, by CheckedWorkbook.sheet_columns
                    continue
                index = int(info.filename[len("xl/worksheets/sheet"):-len(".xml")])
                scanner = _SheetScanner(layouts[index - 1], caps)
                _stream_member(zf, info, caps, result, scanner.feed)
                result.sheet_rows[info.filename] = scanner.finish()
            else:
                chunks: list[bytes] = []
                expected = fixed[info.filename]
                if info.file_size > 4 * len(expected) + 4096:
                    raise AppError("sync.xlsx.foreign_part", part=info.filename)
                _stream_member(zf, info, caps, result, chunks.append)
                if b"".join(chunks) != expected:
                    raise AppError("sync.xlsx.foreign_part", part=info.filename)
        return result


def _stream_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, caps: ReadCaps,
                   result: PrescanResult, sink: Any) -> None:
    """Stream one part into ``sink`` (bounded by its declared size; CRC checked at the end)."""
    for chunk in _member_chunks(zf, info, caps, result):
        sink(chunk)


def _member_chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, caps: ReadCaps,
                   result: PrescanResult) -> Iterator[bytes]:
    """The decompressed chunks of one part (bounded by its declared size and the caps; no
    DTD or entity; CRC checked at the end, after the last chunk)."""
    tail = b""
    seen = 0
    try:
        handle = zf.open(info)
    except zipfile.BadZipFile as exc:
        raise AppError("sync.xlsx.not_workbook", detail=str(exc)) from exc
    except (OSError, EOFError, ValueError, RuntimeError) as exc:
        raise AppError("sync.xlsx.not_workbook", detail=str(exc)) from exc
    with handle, _ReadAhead(handle, info.file_size) as reader:
        while True:
            try:
                chunk = reader.read()
            except zipfile.BadZipFile as exc:  # CRC or size mismatch: the part lies about itself
                raise AppError("sync.xlsx.not_workbook", detail=str(exc)) from exc
            except (OSError, EOFError, ValueError, RuntimeError) as exc:
                raise AppError("sync.xlsx.not_workbook", detail=str(exc)) from exc
            if not chunk:
                break
            seen += len(chunk)
            result.total_bytes += len(chunk)
            if seen > caps.max_member_bytes or result.total_bytes > caps.max_total_bytes:
                raise AppError("sync.xlsx.too_large", size=seen)
            window = tail + chunk
            if b"<!" in window and any(d in window for d in _DANGEROUS):
                raise AppError("sync.xlsx.entities", part=info.filename)
            yield chunk
            tail = window[-16:]
    if seen != info.file_size:
        raise AppError("sync.xlsx.not_workbook", detail="size mismatch")


# A part at least this large is decompressed (and its CRC computed) in a thread of its own,
# READ_AHEAD_DEPTH chunks of READ_CHUNK bytes ahead of the checks and the reader: zlib and
# crc32 release the GIL, so on a second core the 247 MiB of sheet XML of 170,000 residents
# cost no wall time of their own (issue 17 item 14).
READ_CHUNK = 1 << 20
READ_AHEAD_MIN_BYTES = 8 << 20
READ_AHEAD_DEPTH = 4


class _ReadAhead:
    """``handle.read(READ_CHUNK)`` chunk after chunk, in a thread for a large part. The
    chunks, the empty one at the end and whatever ``read`` raised come in the order a plain
    loop would see them. Leaving the ``with`` block (a refusal half-way included) stops the
    thread and waits for it, so the handle is never read after it is closed."""

    def __init__(self, handle: Any, size: int) -> None:
        self.handle = handle
        self.thread: threading.Thread | None = None
        if size >= READ_AHEAD_MIN_BYTES:
            self.queue: queue.Queue[bytes | BaseException] = queue.Queue(READ_AHEAD_DEPTH)
            self.stop = threading.Event()
            self.thread = threading.Thread(target=self._run, name="xlsx-read-ahead",
                                           daemon=True)

    def __enter__(self) -> _ReadAhead:
        if self.thread is not None:
            self.thread.start()
        return self

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                chunk = self.handle.read(READ_CHUNK)
            except BaseException as exc:  # handed to the reader, raised there
                self._put(exc)
                return
            self._put(chunk)
            if not chunk:
                return

    def _put(self, item: bytes | BaseException) -> None:
        while not self.stop.is_set():
            try:
                self.queue.put(item, timeout=0.05)
                return
            except queue.Full:
                continue

    def read(self) -> bytes:
        if self.thread is None:
            return self.handle.read(READ_CHUNK)  # type: ignore[no-any-return]
        item = self.queue.get()
        if isinstance(item, BaseException):
            raise item
        return item

    def __exit__(self, *exc: object) -> None:
        if self.thread is not None:
            self.stop.set()
            self.thread.join()


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


_SHEET_HEAD = re.compile(
    re.escape(f'{_XML_HEAD}<worksheet xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">'.encode())
    + rb'<dimension ref="A1:([A-Z]{1,3})([1-9][0-9]{0,6})"/>'
    + re.escape(b'<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                b'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
                b'<sheetFormatPr defaultRowHeight="15"/>')
    + rb'(?:<cols>(?:<col min="[0-9]{1,3}" max="[0-9]{1,3}" width="[0-9]{1,3}(?:\.[0-9]{1,6})?"'
    + rb' customWidth="1"/>){1,64}</cols>)?<sheetData>')
_SHEET_TAIL = b"</sheetData></worksheet>"
_ROW_NUMBER = re.compile(rb'<row r="([0-9]{1,7})">')
_CELL_START = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_TEXT_START = re.compile(
    rb'<c r="[A-Z]{1,3}[0-9]{1,7}" t="inlineStr" s="[13]"><is><t(?: xml:space="preserve")?>')
_NUMBER = rb"-?[0-9]{1,17}(?:\.[0-9]{1,17})?(?:[eE][+-]?[0-9]{1,2})?"


class _SheetScanner:
    """Checks one sheet part chunk by chunk against the writer's grammar."""

    def __init__(self, layout: SheetLayout, caps: ReadCaps) -> None:
        self.layout = layout
        self.caps = caps
        self.width = len(layout.headers)
        letters = b"|".join(column_letter(i).encode() for i in range(self.width))
        text = rb"[^<]{0,%d}" % caps.max_cell_bytes
        self.cell = (
            rb'<c r="(?:' + letters + rb')\1"(?:'
            rb' t="inlineStr" s="[13]"><is><t(?: xml:space="preserve")?>' + text + rb"</t></is>"
            rb'| s="2"><v>[0-9]{1,7}</v>'
            rb"|><v>" + _NUMBER + rb"</v>)</c>")
        self.row = re.compile(rb'<row r="([1-9][0-9]{0,6})">(?:' + self.cell + rb")*</row>")
        # the longest row the writer can write: every column a full text cell
        self.max_row_bytes = self.width * (caps.max_cell_bytes + 200) + 100
        self.buf = b""
        self.head: re.Match[bytes] | None = None
        self.rows = 0  # rows seen, the header included
        self.done = False
        self.parts: list[bytes] | None = None  # whole rows once checked, when collected
        self.plain: re.Pattern[str] | None = None  # read_plain's cells, compiled when used

    def refuse_rows(self) -> AppError:
        return AppError("sync.xlsx.too_many_rows", part=self.layout.name,
                        maximum=self.caps.max_rows_per_sheet)

    def feed(self, chunk: bytes) -> None:
        part = self.take(chunk)
        if part is not None:
            self._rows(part)
            if self.parts is not None:
                self.parts.append(part)
        self.check_leftover()

    def take(self, chunk: bytes) -> bytes | None:
        """Add ``chunk``; the whole rows it completes (None: no row ends in it), not checked
        yet. The sheet's head is checked as soon as it is whole."""
        buf = self.buf + chunk
        if self.head is None:
            head = _SHEET_HEAD.match(buf)
            if head is None:
                if len(buf) < 64 * 1024:
                    self.buf = buf
                    return None
                raise AppError("sync.xlsx.bad_layout", sheet=self.layout.name)
            self.head = head
            dim_cols = _col_number(head.group(1))
            dim_rows = int(head.group(2))
            if dim_rows - 1 > self.caps.max_rows_per_sheet or (
                    dim_rows * dim_cols > self.caps.max_cells):
                raise self.refuse_rows()
            if dim_cols != self.width:
                raise AppError("sync.xlsx.bad_layout", sheet=self.layout.name)
            buf = buf[head.end():]
        cut = buf.rfind(b"</row>")
        if cut < 0:
            self.buf = buf
            return None
        cut += len(b"</row>")
        self.buf = buf[cut:]
        return buf[:cut]

    def check_leftover(self) -> None:
        """What is left after the last whole row cannot be the start of a row the writer
        writes (too long for one)."""
        if len(self.buf) > self.max_row_bytes:
            if self.buf.count(b"<row") > 1:  # rows that never close, such as <row/>
                raise AppError("sync.xlsx.bad_row_number", sheet=self.layout.name,
                               row=self.rows + 1)
            raise AppError("sync.xlsx.cell_too_large", sheet=self.layout.name,
                           row=self.rows + 1, maximum=self.caps.max_cell_bytes)

    def count_rows(self, part: bytes) -> None:
        if self.rows + part.count(b"<row") - 1 > self.caps.max_rows_per_sheet:
            raise self.refuse_rows()  # rows however written, counted before anything else

    def read_plain(self, part: bytes, index: dict[str, int],
                   serials: dict[str, Any]) -> list[list[Any]] | None:
        """Check and read whole rows ``part`` in one pass (issue 17 item 14: the grammar check
        was a second regular-expression pass over every sheet): the columns, as
        :func:`_plain_chunk` reads them, when ``part`` is plainly what :meth:`_rows` accepts
        (every row numbered in turn and tiled by cells of its own number that the grammar
        allows, every text short enough in any encoding) and every text can be taken as
        written; the rows are then counted as :meth:`_rows` counts them. None otherwise, with
        nothing counted: :meth:`_rows` then checks ``part`` (and refuses it with its exact
        code) before the careful reader reads it."""
        try:
            text = part.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if "&" in text or "\r" in text or ("_" in text and "_x" in text):
            return None
        if self.plain is None:
            letters = "|".join(column_letter(i) for i in range(self.width))
            most = max(2, self.caps.max_cell_bytes // 4)  # characters of 4 bytes at most
            inner, text_max = str(most - 2), str(most)
            self.plain = re.compile(
                r'(<c r="(' + letters + r')([0-9]{1,7})"(?: t="inlineStr" s="[13]"><is>'
                r"(?:<t>([^< \t\n](?:[^<]{0," + inner + r"}[^< \t\n])?)</t>"
                r'|<t xml:space="preserve">([^<]{0,' + text_max + r"})</t>"
                r"|<t>([^<]{0," + text_max + r"})</t>)</is>"
                r'| s="2"><v>([0-9]{1,7})</v>|><v>(' + _NUMBER.decode() + r")</v>)</c>)")
        bodies = text.split("</row>")
        bodies.pop()  # the part ends with </row>: nothing after it
        width = self.width
        flat: list[Any] = [""] * (len(bodies) * width)
        findall = self.plain.findall
        offset = 0
        number = self.rows
        for body in bodies:
            number += 1
            row = str(number)
            tag = f'<row r="{row}">'
            if not body.startswith(tag) or number > 9_999_999:
                return None
            covered = len(tag)
            for whole, col, cell_row, txt, kept, odd, serial, value in findall(body, covered):
                if cell_row != row:
                    return None
                covered += len(whole)
                if txt:
                    flat[offset + index[col]] = txt
                elif kept:
                    flat[offset + index[col]] = kept
                elif odd:
                    return None  # white space to trim
                elif serial:
                    got = serials.get(serial)
                    if got is None:
                        got = serials[serial] = serial_value(int(serial))
                    flat[offset + index[col]] = got
                elif value:
                    flat[offset + index[col]] = float(value)
            if covered != len(body):  # the cells found do not tile the row
                return None
            offset += width
        self.rows = number
        if self.rows - 1 > self.caps.max_rows_per_sheet:
            raise self.refuse_rows()
        return [flat[i::width] for i in range(width)]

    def _rows(self, part: bytes) -> None:
        self.count_rows(part)
        rest, n = self.row.subn(b"", part)
        if rest:
            self._explain(part)
        numbers = _ROW_NUMBER.findall(part)
        if len(numbers) != n:
            self._explain(part)
        first = self.rows + 1
        if int(numbers[0]) != first or int(numbers[-1]) != first + n - 1 or any(
                int(x) != first + i for i, x in enumerate(numbers)):
            raise AppError("sync.xlsx.bad_row_number", sheet=self.layout.name, row=first)
        self.rows += n
        if self.rows - 1 > self.caps.max_rows_per_sheet:
            raise self.refuse_rows()

    def _explain(self, part: bytes) -> None:
        """Name the first row and column that the writer would never have written."""
        pos = 0
        rownum = self.rows
        while True:
            match = self.row.match(part, pos)
            if match is None:
                break
            rownum = int(match.group(1))
            pos = match.end()
        rownum += 1
        bad = part[pos:pos + self.max_row_bytes]
        found = _ROW_NUMBER.match(bad)
        if found is not None:
            rownum = int(found.group(1))
        elif bad.startswith(b"<row"):  # a row without its number (<row>, <row/>, <row s=..>)
            raise AppError("sync.xlsx.bad_row_number", sheet=self.layout.name, row=rownum)
        cell_re = re.compile(self.cell.replace(rb"\1", str(rownum).encode()))
        column = ""
        cursor = found.end() if found is not None else 0
        while cursor < len(bad):
            cell = cell_re.match(bad, cursor)
            if cell is None:
                text = _TEXT_START.match(bad, cursor)
                if text is not None:
                    end = bad.find(b"<", text.end())
                    if end < 0 or end - text.end() > self.caps.max_cell_bytes:
                        raise AppError("sync.xlsx.cell_too_large", sheet=self.layout.name,
                                       row=rownum, maximum=self.caps.max_cell_bytes)
                start = _CELL_START.match(bad, cursor)
                if start is not None:
                    col = _col_number(start.group(1)) - 1
                    column = (self.layout.headers[col] if 0 <= col < self.width
                              else start.group(1).decode())
                break
            cursor = cell.end()
        cell_text = bad[cursor:cursor + 400].split(b"</c>", 1)[0]
        opening = cell_text.split(b">", 1)[0]
        if b"<f>" in cell_text or b"<f " in cell_text or b"<f/>" in cell_text:
            code = "sync.xlsx.formula_cell"
        elif b' t="e"' in opening:
            code = "sync.xlsx.error_cell"
        elif b' t="s"' in opening:
            code = "sync.xlsx.shared_string"
        else:
            code = "sync.xlsx.bad_cell"
        raise AppError(code, sheet=self.layout.name, row=rownum, column=column or "-")

    def finish(self) -> int:
        if self.head is None or self.buf != _SHEET_TAIL:
            if self.head is not None and self.buf.startswith(b"<row"):
                self._explain(self.buf)
            raise AppError("sync.xlsx.bad_layout", sheet=self.layout.name)
        if self.rows < 1:
            raise AppError("sync.xlsx.bad_layout", sheet=self.layout.name)
        if int(self.head.group(2)) != self.rows:
            raise AppError("sync.xlsx.bad_layout", sheet=self.layout.name)
        return self.rows - 1  # minus the header row


_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape_text(value: str) -> str:
    """Undo the OOXML ``_xHHHH_`` escape (if the reader did not)."""
    if "_x" not in value:
        return value
    return _UNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)


# -- streaming reader of the bundle's own format ---------------------------------------------
#
# After :func:`prescan` has accepted a workbook, every sheet is exactly the writer's grammar:
# ``<row r="N">`` rows numbered 1, 2, 3..., cells of the sheet's own columns, each an inline
# string (``s="1"`` or ``s="3"``), a whole-number date serial (``s="2"``) or a plain number.
# :func:`iter_sheet_rows` reads such a sheet part chunk by chunk and yields each row as a list
# of the sheet's width, so memory does not grow with the sheet. The values are those
# python-calamine gives for the same cells (a test reads real bundles both ways): text with
# XML references resolved, literal line ends normalised to ``\n``, XML white space trimmed
# unless ``xml:space="preserve"``, and only the ``_x00HH_`` escapes undone (calamine leaves
# ``_x0100_`` and above as written); a date serial as a ``date`` (0 as ``time(0, 0)``, 60 as
# 28/02/1900, beyond 31/12/9999 as a float); a number as a float; a missing cell as ``""``.

_CELL_PARTS = re.compile(
    r'<c r="([A-Z]{1,3})[0-9]{1,7}"(?:( t="inlineStr" s="[13]"><is><t(?: xml:space="preserve")?>)'
    r'([^<]*)</t></is>| s="2"><v>([0-9]{1,7})</v>|><v>([^<]*)</v>)</c>')
_REFERENCE = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,8})|#x([0-9A-Fa-f]{1,7}));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_BYTE_ESCAPE = re.compile(r"_x(00[0-9A-Fa-f]{2})_")
_XML_SPACE = " \t\r\n"
_SERIAL_DAY_ONE = date(1899, 12, 31).toordinal()
_LAST_SERIAL = date(9999, 12, 31).toordinal() - EXCEL_EPOCH_ORDINAL


def _reference(match: re.Match[str]) -> str:
    name, dec, hexa = match.groups()
    if name:
        return _NAMED[name]
    code = int(dec) if dec else int(hexa, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise ValueError(f"character reference {code}")
    return chr(code)


def _resolve_references(text: str) -> str:
    out = _REFERENCE.sub(_reference, text)
    if "&" in _REFERENCE.sub("", text):  # an entity XML does not define, or one not closed
        raise ValueError("unknown entity")
    return out


def cell_text(raw: str, preserve: bool) -> str:
    """The text of one inline string cell as written between ``<t>`` and ``</t>``."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in raw:
        raw = _resolve_references(raw)
    if not preserve:
        raw = raw.strip(_XML_SPACE)
    if "_x" in raw:
        raw = _BYTE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw)
    return raw


def serial_value(serial: int) -> Any:
    """A whole-number date serial as python-calamine reads it (1900 date system)."""
    if serial == 0:
        return time(0, 0)
    if serial < 60:
        return date.fromordinal(_SERIAL_DAY_ONE + serial)
    if serial == 60:  # Excel's 29/02/1900, a day that never was
        return date(1900, 2, 28)
    if serial > _LAST_SERIAL:
        return float(serial)
    return date.fromordinal(EXCEL_EPOCH_ORDINAL + serial)


def iter_sheet_rows(zf: zipfile.ZipFile, member: str, width: int, *,
                    chunk_size: int = 1 << 20) -> Iterator[list[Any]]:
    """Yield the rows (the header first) of a sheet part that passed :func:`prescan`.

    Raises ``AppError("sync.xlsx.not_workbook")`` for what the pre-scan's grammar lets through
    but an XML reader refuses (bytes that are not UTF-8, an unknown entity).
    """
    for columns in iter_sheet_columns(zf, member, width, chunk_size=chunk_size):
        yield from map(list, zip(*columns, strict=True))


# One cell of the writer's grammar: column letters, then one of: a text that needs no trimming
# (not preserved, no XML white space at either end), a preserved text, any other text (its
# white space at the ends is trimmed: read by :func:`_rows_of`), a date serial, a number.
_CELL_VALUES = re.compile(
    r'<c r="([A-Z]{1,3})[0-9]{1,7}"(?: t="inlineStr" s="[13]"><is>'
    r'(?:<t>([^< \t\n](?:[^<]*[^< \t\n])?)</t>|<t xml:space="preserve">([^<]*)</t>'
    r'|<t>([^<]*)</t>)</is>| s="2"><v>([0-9]{1,7})</v>|><v>([^<]*)</v>)</c>')


def _plain_chunk(text: str, width: int, index: dict[str, int],
                 serials: dict[str, Any]) -> list[list[Any]] | None:
    """The columns of whole rows ``text`` (each ending ``</row>``) when every text in it can be
    taken as written; None when a cell needs :func:`cell_text` (a reference, a carriage
    return, an ``_xHHHH_`` escape, white space to trim), read then row by row by
    :func:`_rows_of`. One ``findall`` per row and one store per cell; the marks are looked for
    one character at a time (a search for a longer string cost 2-3 ms per MiB)."""
    if "&" in text or "\r" in text or ("_" in text and "_x" in text):
        return None
    bodies = text.split("</row>")
    bodies.pop()  # after the last </row>: nothing
    flat: list[Any] = [""] * (len(bodies) * width)
    findall = _CELL_VALUES.findall
    offset = 0
    for body in bodies:
        for col, txt, kept, odd, serial, number in findall(body):
            if txt:
                flat[offset + index[col]] = txt
            elif kept:
                flat[offset + index[col]] = kept
            elif odd:
                return None  # white space to trim
            elif serial:
                value = serials.get(serial)
                if value is None:
                    value = serials[serial] = serial_value(int(serial))
                flat[offset + index[col]] = value
            elif number:
                flat[offset + index[col]] = float(number)
        offset += width
    return [flat[i::width] for i in range(width)]


def _rows_of(text: str, width: int, index: dict[str, int]) -> list[list[Any]]:
    """The columns of whole rows ``text``, cell by cell (every text through :func:`cell_text`
    when it needs it)."""
    rows = []
    for body in text.split("</row>")[:-1]:
        row: list[Any] = [""] * width
        for col, opening, txt, serial, number in _CELL_PARTS.findall(body):
            if opening:
                preserve = opening[-2] == '"'  # <t xml:space="preserve">
                if "&" in txt or "\r" in txt or "_x" in txt or not (
                        preserve or txt == txt.strip(_XML_SPACE)):
                    txt = cell_text(txt, preserve)
                row[index[col]] = txt
            elif serial:
                row[index[col]] = serial_value(int(serial))
            else:
                row[index[col]] = float(number)
        rows.append(row)
    return [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in range(width)]


def iter_sheet_columns(zf: zipfile.ZipFile, member: str, width: int, *,
                       chunk_size: int = 1 << 20) -> Iterator[list[list[Any]]]:
    """The rows of a sheet part that passed :func:`prescan` (the header first), a chunk of
    whole rows at a time, as columns: ``width`` lists of equal length (one per column), the
    values those of :func:`iter_sheet_rows`. The importer checks values column by column, so
    the rows are never built as rows (issue 17 item 14: a third of the reading time was spent
    building and then transposing them)."""
    index = {column_letter(i): i for i in range(width)}
    serials: dict[str, Any] = {}
    buf = b""
    started = False
    try:
        with zf.open(member) as handle:
            while True:
                chunk = handle.read(chunk_size)
                buf += chunk
                if not started:
                    head = _SHEET_HEAD.match(buf)
                    if head is None:
                        if chunk and len(buf) < 64 * 1024:
                            continue
                        raise ValueError("sheet head")
                    buf = buf[head.end():]
                    started = True
                if chunk:
                    cut = buf.rfind(b"</row>")
                    if cut < 0:
                        continue
                    cut += len(b"</row>")
                    part, buf = buf[:cut], buf[cut:]
                else:
                    part, buf = buf, b""
                # the part ends with a whole row: every piece before the last is one row
                text = part.decode("utf-8")
                columns = _plain_chunk(text, width, index, serials)
                if columns is None:
                    columns = _rows_of(text, width, index)
                if columns[0]:
                    yield columns
                if not chunk:
                    break
    except (UnicodeDecodeError, ValueError, KeyError, zipfile.BadZipFile, OSError,
            EOFError) as exc:
        raise AppError("sync.xlsx.not_workbook", detail=str(exc)[:200]) from exc


class CheckedWorkbook:
    """A bundle workbook checked as :func:`prescan` checks it, each sheet decompressed,
    checked and read in one pass (issue 17 item 14: the pre-scan and the reader each
    decompressed 247 MiB of sheet XML for 170,000 residents).

    Opening checks everything but the sheets' contents (the parts, their sizes and ratios, the
    fixed parts byte for byte); :meth:`sheet_columns` then streams one sheet: every chunk of
    whole rows passes the pre-scan's grammar and bounds (rows however written, cell
    coordinates, string sizes) before it is read, and the end of the sheet is checked as the
    pre-scan checks it (a chunk of plain rows checked and read by one regular expression,
    :meth:`_SheetScanner.read_plain`; any other by the pre-scan's own check, then read).
    What the pre-scan refuses is refused with the same code, before the
    refused rows are read; a sheet's rows read before a refusal further down are thrown away
    with the import's transaction.
    """

    def __init__(self, data: bytes, *, sheet_count: int, caps: ReadCaps = ReadCaps(),
                 layouts: Sequence[SheetLayout], format_version: int | None = None) -> None:
        self.format_version = format_version  # the worker's column checks (sync.sheet_worker)
        self.result = prescan(data, sheet_count=sheet_count, caps=caps, layouts=layouts,
                              _sheets=False)
        self.caps, self.layouts = caps, list(layouts)
        self.zf = zipfile.ZipFile(io.BytesIO(data))
        self.infos = {i.filename: i for i in self.zf.infolist()}
        self.helper = self._start_helper(data)

    def _start_helper(self, data: bytes) -> Any:
        """A worker process for the sheets of at least ``sheet_worker.MIN_BYTES`` (None when
        there is none, or it cannot start: the import then reads every part itself)."""
        if os.environ.get("BMD_SHEET_WORKER") == "0":  # switched off (measures, trouble)
            return None
        big = [(f"xl/worksheets/sheet{i}.xml", layout)
               for i, layout in enumerate(self.layouts, start=1)
               if self.infos[f"xl/worksheets/sheet{i}.xml"].file_size >= sheet_worker.MIN_BYTES]
        if not big:
            return None
        try:
            return sheet_worker.SheetHelper(data, big, self.caps, READ_CHUNK,
                                            self.format_version)
        except OSError:
            return None

    def close(self) -> None:
        if self.helper is not None:
            self.helper.stop()
        self.zf.close()

    def sheet_rows(self, index: int) -> int:
        """Data rows of sheet ``index`` (from 1), once :meth:`sheet_columns` read it whole."""
        return self.result.sheet_rows[f"xl/worksheets/sheet{index}.xml"]

    def sheet_columns(self, index: int) -> Iterator[list[list[Any]]]:
        """Sheet ``index`` (from 1) as :func:`iter_sheet_columns` gives it, checked."""
        member = f"xl/worksheets/sheet{index}.xml"
        layout = self.layouts[index - 1]
        width = len(layout.headers)
        scanner = _SheetScanner(layout, self.caps)
        letters = {column_letter(i): i for i in range(width)}
        serials: dict[str, Any] = {}
        helper = self.helper if self.helper is not None and member in self.helper.members \
            else None
        number = 0  # parts of whole rows so far
        for chunk in _member_chunks(self.zf, self.infos[member], self.caps, self.result):
            # the checks in the order of _SheetScanner.feed: the rows counted, the rows
            # checked (in one pass with the reading when they are plain), what is left over
            part = scanner.take(chunk)
            columns = None
            if part is not None:
                read = None
                if helper is not None and sheet_worker.owned(number):
                    # the same part read by the worker from the same row count: what
                    # read_plain gives here (sync.sheet_worker)
                    read = helper.read_plain(member, number, scanner.rows, part)
                number += 1
                if read is not None:
                    # a plain part holds as many "<row" as rows read: count_rows's refusal,
                    # made on the rows the worker counted
                    columns, scanner.rows = read
                    if scanner.rows - 1 > self.caps.max_rows_per_sheet:
                        raise scanner.refuse_rows()
                else:
                    scanner.count_rows(part)
                    columns = scanner.read_plain(part, letters, serials)
                if columns is None:
                    scanner._rows(part)
            scanner.check_leftover()
            if part is None:
                continue
            if columns is None:
                try:
                    text = part.decode("utf-8")
                    columns = _plain_chunk(text, width, letters, serials)
                    if columns is None:
                        columns = _rows_of(text, width, letters)
                except (UnicodeDecodeError, ValueError, KeyError) as exc:
                    raise AppError("sync.xlsx.not_workbook", detail=str(exc)[:200]) from exc
            if columns[0]:
                yield columns
        self.result.sheet_rows[member] = scanner.finish()


# -- workbooks made by Excel or LibreOffice (the import of existing lists) ----------------

_ANY_ROW = re.compile(rb'<row\b[^>]*?\br="([0-9]{1,10})"')
_ANY_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,4})([0-9]{1,10})"')
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]{1,3}\d+(?::([A-Z]{1,3})(\d+))?"')
_FOREIGN_MAX_COLUMNS = 256


def prescan_foreign(data: bytes, *, caps: ReadCaps, allowed: frozenset[str]) -> PrescanResult:
    """Check a workbook another program wrote, before any reader parses it.

    The bundle rules (:func:`prescan`) accept only our own writer's bytes; a village's own
    list comes from Excel or LibreOffice, so here the guard is by bounds instead: only the
    ``allowed`` parts, no encrypted or odd compression, no zip bomb, no DTD/entity, and in
    every sheet the *real* row and cell coordinates (``<row r>``, ``<c r>``, however many rows
    lack them) within the row and column caps — a single far cell would otherwise make the
    reader allocate the whole rectangle up to it and take the process down.
    """
    with _open_workbook(data, caps) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        unexpected = sorted(set(names) - allowed)
        if unexpected:
            raise AppError("sync.xlsx.unexpected_parts", parts=", ".join(unexpected[:5]))
        result = PrescanResult()
        if sum(i.file_size for i in infos) > caps.max_total_bytes:
            raise AppError("sync.xlsx.too_large", size=sum(i.file_size for i in infos))
        for info in infos:
            _check_part(info, caps)
            is_sheet = info.filename.startswith("xl/worksheets/") and (
                info.filename.count("/") == 2)  # not xl/worksheets/_rels/*.rels
            bounds = _ForeignSheetBounds(info.filename, caps)
            _stream_member(zf, info, caps, result,
                           bounds.feed if is_sheet else (lambda _chunk: None))
            if is_sheet:
                result.sheet_rows[info.filename] = bounds.finish()
        return result


class _ForeignSheetBounds:
    """Fed a sheet part chunk by chunk: refuses a declared dimension, a row or cell
    coordinate, or a number of rows beyond the caps (however the rows are written)."""

    def __init__(self, part: str, caps: ReadCaps) -> None:
        self.part, self.caps = part, caps
        self.tail = b""
        self.rows = self.highest_row = 0
        self.first = True

    def _refuse(self) -> AppError:
        return AppError("sync.xlsx.too_many_rows", part=self.part,
                        maximum=self.caps.max_rows_per_sheet)

    def feed(self, chunk: bytes) -> None:
        window = self.tail + chunk
        if self.first:  # a declared size too big
            self.first = False
            dim = _DIMENSION.search(window[:4096])
            if dim is not None and dim.group(2) is not None and (
                    int(dim.group(2)) - 1 > self.caps.max_rows_per_sheet
                    or _col_number(dim.group(1)) > _FOREIGN_MAX_COLUMNS):
                raise self._refuse()
        self.rows += window.count(b"<row ") + window.count(b"<row>") - (
            self.tail.count(b"<row ") + self.tail.count(b"<row>"))
        for match in _ANY_ROW.finditer(window):
            self.highest_row = max(self.highest_row, int(match.group(1)))
        for match in _ANY_CELL.finditer(window):
            self.highest_row = max(self.highest_row, int(match.group(2)))
            if _col_number(match.group(1)) > _FOREIGN_MAX_COLUMNS:
                raise self._refuse()
        if max(self.rows, self.highest_row) - 1 > self.caps.max_rows_per_sheet:
            raise self._refuse()
        self.tail = window[-64:]

    def finish(self) -> int:
        return max(0, self.rows - 1)  # minus the header row
