"""The bundle sheets are read by a streaming reader of the writer's own grammar (issue 17,
item 14): the same values python-calamine gives, without loading a sheet whole."""

from __future__ import annotations

import io
import random
import re
import sys
import tracemalloc
import zipfile
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import AppError
from sync.xlsx import (
    SheetLayout,
    SheetSpecW,
    XlsxWriter,
    _sheet_prolog,
    iter_sheet_rows,
    prescan,
    workbook_parts,
)
from tests.sync.conftest import (
    OTHER_VILLAGE,
    VILLAGE,
    edit_first_sheet,
    export,
    import_,
    make_village,
    read_sheets,
    unpack,
    write_sheets,
)


def _calamine_rows(workbook: bytes) -> dict[str, list[list[Any]]]:
    """What the importer got from python-calamine before (``iter_rows``), padded to the
    header's width as the importer pads."""
    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(workbook))
    out = {}
    for name in wb.sheet_names:
        rows = [list(r) for r in wb.get_sheet_by_name(name).iter_rows()]
        width = len(rows[0])
        out[name] = [(r + [""] * width)[:width] for r in rows]
    return out


def _stream_rows(workbook: bytes, **kw: Any) -> dict[str, list[list[Any]]]:
    with zipfile.ZipFile(io.BytesIO(workbook)) as zf:
        names = re.findall(r'<sheet name="([^"]*)"', zf.read("xl/workbook.xml").decode())
        out = {}
        for i, name in enumerate(names, start=1):
            member = f"xl/worksheets/sheet{i}.xml"
            dim = re.search(rb'<dimension ref="A1:([A-Z]+)', zf.read(member)[:2000])
            assert dim is not None
            width = sum((ord(ch) - 64) * 26 ** k for k, ch in enumerate(reversed(
                dim.group(1).decode())))
            out[name] = list(iter_sheet_rows(zf, member, width, **kw))
        return out


def _same(a: dict[str, list[list[Any]]], b: dict[str, list[list[Any]]]) -> None:
    assert list(a) == list(b)
    for name in a:
        assert len(a[name]) == len(b[name]), name
        for n, (x, y) in enumerate(zip(a[name], b[name], strict=True), start=1):
            # the same values and the same types (a date is not a datetime, 3.0 not 3)
            assert [(type(v), v) for v in x] == [(type(v), v) for v in y], (name, n)


NASTY = ["_x0041_", "_x005F_x0041_", " leading", "trailing ", "\tTab", "a\rb", "a\r\nb",
         "=SUM(A1)", "+62812", "-", "<b>&amp;</b>", "\ufffe", "x\x01y", "\u202eevil",
         "naïve 名前 😀", "_x00e9_", "_xD800_", "\u00a0nbsp\u00a0", "line\nbreak", "'quote\""]


def _nasty_bundle(village: Any, tmp: Path) -> bytes:
    src = export(village, tmp / "asli", full=True)
    sheets = read_sheets(unpack(src)[1])
    people = sheets["Penduduk"]
    name_col = people[0].index("Nama")
    for i, row in enumerate(people[1:]):
        row[name_col] = NASTY[i % len(NASTY)]
    return write_sheets(sheets)


def test_real_bundles_read_the_same_as_calamine(tmp_path: Path) -> None:
    """Several real exported bundles (and one with awkward names), read both ways."""
    workbooks = []
    for n, (code, residents, seed) in enumerate(
            [(VILLAGE, 60, 3), (OTHER_VILLAGE, 150, 7), (VILLAGE, 25, 11)]):
        ws = make_village(tmp_path / f"desa{n}", code=code, residents=residents, seed=seed)
        try:
            workbooks.append(unpack(export(ws, tmp_path / f"out{n}", full=True))[1])
            if n == 0:
                workbooks.append(_nasty_bundle(ws, tmp_path / "nasty"))
        finally:
            ws.close()
    kinds: set[type] = set()
    rows = 0
    for workbook in workbooks:
        expected = _calamine_rows(workbook)
        _same(expected, _stream_rows(workbook))
        _same(expected, _stream_rows(workbook, chunk_size=997))  # rows cut across chunks
        for sheet in expected.values():
            rows += len(sheet) - 1
            kinds.update(type(v) for r in sheet[1:] for v in r)
    # the comparison covered text, dates and numbers, over many rows
    assert {str, date, float} <= kinds
    assert rows > 400
    nasty = _calamine_rows(workbooks[1])["Penduduk"]
    names = {r[nasty[0].index("Nama")] for r in nasty[1:]}
    assert "_x0041_" in names and " leading" in names and "a\nb" not in names


def _sheet(rows_xml: list[str], width: int = 2) -> bytes:
    """A workbook of one sheet whose rows are written by hand (still the writer's grammar)."""
    spec = SheetSpecW("S", [f"h{i}" for i in range(width)], ["text"] * width)
    body = "".join(f'<row r="{i}">{c}</row>' for i, c in enumerate(rows_xml, start=2))
    xml = _sheet_prolog(spec, len(rows_xml)) + body + "</sheetData></worksheet>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in workbook_parts(["S"]).items():
            zf.writestr(name, text)
        zf.writestr("xl/worksheets/sheet1.xml", xml.encode("utf-8"))
    data = buf.getvalue()
    prescan(data, sheet_count=1, layouts=[SheetLayout("S", [f"h{i}" for i in range(width)])])
    return data


def _text(row: int, raw: str, preserve: bool = False, col: str = "A") -> str:
    space = ' xml:space="preserve"' if preserve else ""
    return f'<c r="{col}{row}" t="inlineStr" s="1"><is><t{space}>{raw}</t></is></c>'


def test_every_cell_shape_the_prescan_lets_through_reads_as_calamine() -> None:
    """Hand-written cells the pre-scan accepts but our writer would not write the same way:
    entities, literal line ends, white space without ``xml:space``, every ``_xHHHH_``
    escape, odd date serials and number spellings, a repeated cell, an empty row."""
    rnd = random.Random(17)
    alphabet = ["_x", "_x00", "_X", "0", "4", "1", "F", "f", "e", "_", "x", " ", "\t", "\n",
                "\r", "&amp;", "&lt;", "&gt;", "&#13;", "&#32;", "&#x9;", "&quot;", "&apos;",
                "&#x1F600;", "a", "é", "\u00a0", "\u3000"]
    cells = []
    for _ in range(3000):
        raw = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        cells.append((raw, rnd.random() < 0.5))
    cells += [(f"a_x{c:04X}_b", False) for c in range(0, 0x10000, 97)]
    cells += [(f"_x{c:04x}_", True) for c in (0, 9, 0x41, 0xE9, 0xFF, 0x100, 0xFFFE, 0xD800)]
    rows = [_text(i, raw, preserve) for i, (raw, preserve) in enumerate(cells, start=2)]
    for serial in (0, 1, 2, 59, 60, 61, 62, 45000, 2958465, 2958466, 9999999):
        rows.append(f'<c r="B{len(rows) + 2}" s="2"><v>{serial}</v></c>')
    for number in ("1.5", "3", "1e5", "-0", "12345678901234567", "2.50", "1E-2", "4.0e0",
                   "-1.25e+10", "0.1", "99999999999999999"):
        rows.append(f'<c r="A{len(rows) + 2}"><v>{number}</v></c>')
    n = len(rows) + 2
    rows.append(f'<c r="B{n}"><v>1</v></c><c r="B{n}"><v>2</v></c>')  # the last one counts
    rows.append("")  # an empty row inside the sheet
    rows.append(_text(len(rows) + 2, "end"))
    workbook = _sheet(rows)
    expected = _calamine_rows(workbook)
    _same(expected, _stream_rows(workbook))
    _same(expected, _stream_rows(workbook, chunk_size=64))
    got = _stream_rows(workbook)["S"]
    # the quirks are really there (so the comparison is not between two blank sheets)
    assert date(1900, 2, 28) in [r[1] for r in got] and time(0, 0) in [r[1] for r in got]
    assert 2958466.0 in [r[1] for r in got] and ["", 2.0] in got
    # _x00HH_ undone (0x61 is "a"), _x0100_ and above left as written (0x123 = 3 * 97)
    assert ["a\x00b", ""] in got and ["aab", ""] in got and ["a_x0123_b", ""] in got


@pytest.mark.parametrize("raw", ["&foo;", "&#0;", "&#xD800;", "&#1114112;", "&amp"])
def test_a_reference_xml_forbids_is_refused_as_calamine_refuses_it(raw: str) -> None:
    import python_calamine

    workbook = _sheet([_text(2, raw)])
    with pytest.raises(Exception):  # noqa: B017, PT011 - calamine's own error types
        wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(workbook))
        list(wb.get_sheet_by_name("S").iter_rows())
    with pytest.raises(AppError) as err:
        _stream_rows(workbook)
    assert err.value.code == "sync.xlsx.not_workbook"


def test_bytes_that_are_not_utf8_are_refused() -> None:
    workbook = _sheet([_text(2, "ok")])
    spoiled = edit_first_sheet(workbook, lambda xml: xml.replace(b"<t>ok</t>", b"<t>o\xffk</t>"))
    with pytest.raises(AppError) as err:
        _stream_rows(spoiled)
    assert err.value.code == "sync.xlsx.not_workbook"


def test_reading_a_sheet_holds_one_chunk_not_the_sheet() -> None:
    """Memory while reading does not grow with the sheet: 40,000 rows of 28 columns (tens of
    MB once parsed) are read holding little more than one chunk of rows at a time."""
    width = 28
    spec = SheetSpecW("S", [f"h{i}" for i in range(width)],
                      ["text"] * 20 + ["date"] * 4 + ["int"] * 4)
    row = [f"nilai teks {i}" for i in range(20)] + [date(2020, 1, 2)] * 4 + [123456] * 4
    buf = io.BytesIO()
    writer = XlsxWriter(buf)
    writer.add_sheet(spec, (row for _ in range(40_000)), 40_000)
    writer.close()
    workbook = buf.getvalue()
    with zipfile.ZipFile(io.BytesIO(workbook)) as zf:
        tracemalloc.start()
        try:
            count = 0
            for values in iter_sheet_rows(zf, "xl/worksheets/sheet1.xml", width):
                count += 1
                last = values
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert count == 40_001 and last[0] == "nilai teks 0" and last[-1] == 123456.0
    assert peak < 12 * 2**20, f"peak {peak / 2**20:.1f} MiB"


def test_the_bundle_import_does_not_use_calamine(tmp_path: Path, hub: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    ws = make_village(tmp_path / "desa", residents=40, seed=5)
    try:
        bundle = export(ws, tmp_path / "out", full=True)
    finally:
        ws.close()
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # any import of it fails
    report = import_(hub, bundle)
    assert report.status == "diimpor" and report.total("new") >= 40


# -- the plain path and the checked single pass (issue 17 item 14) ---------------------------

def test_the_plain_path_takes_a_chunk_only_when_it_reads_it_as_the_careful_path() -> None:
    """Each hand-written cell alone, and all of them together: the plain reading of a chunk
    (no per-text work) either declines it or gives exactly what the careful reading gives;
    it declines every cell whose text needs work."""
    from sync.xlsx import _plain_chunk, _rows_of

    rnd = random.Random(5)
    alphabet = ["_x", "_x00", "_", "x", "0", "A", " ", "\t", "\n", "\r", "&amp;", "&#32;", "a",
                "é", "\u00a0", "\u3000", "名"]
    cells = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 8)))
             for _ in range(3000)]
    index = {"A": 0, "B": 1}
    declined = taken = 0
    for n, raw in enumerate(cells):
        for preserve in (False, True):
            text = f'<row r="{n + 2}">{_text(n + 2, raw, preserve)}' + (
                f'<c r="B{n + 2}" s="2"><v>45000</v></c></row>')
            careful = _rows_of(text, 2, index)
            plain = _plain_chunk(text, 2, index, {})
            if plain is None:
                declined += 1
            else:
                taken += 1
                assert [(type(v), v) for c in plain for v in c] == [
                    (type(v), v) for c in careful for v in c], (raw, preserve)
            needs_work = any(m in raw for m in ("&", "\r", "_x")) or (
                not preserve and raw != raw.strip(" \t\n"))
            if needs_work:
                assert plain is None, (raw, preserve)
    assert declined > 500 and taken > 500


def _hostile_sheets() -> list[tuple[str, bytes]]:
    """One-sheet workbooks with a sheet the pre-scan refuses, each another way."""
    good = _text(2, "baik")
    cases = {
        "far cell": [good, '<c r="XFD1048576" t="inlineStr" s="1"><is><t>x</t></is></c>'],
        "formula": [good, '<c r="A3"><f>1+1</f><v>2</v></c>'],
        "error": [good, '<c r="A3" t="e"><v>#N/A</v></c>'],
        "shared string": [good, '<c r="A3" t="s"><v>0</v></c>'],
        "long string": [good, _text(3, "x" * (300 * 1024))],
        "row number": [good, good],
    }
    out = []
    for name, rows in cases.items():
        body = "".join(f'<row r="{i}">{c}</row>' for i, c in enumerate(rows, start=2))
        if name == "row number":  # rows 2, 2
            body = f'<row r="2">{good}</row><row r="2">{good}</row>'
        spec = SheetSpecW("S", ["h0", "h1"], ["text"] * 2)
        xml = _sheet_prolog(spec, len(rows)) + body + "</sheetData></worksheet>"
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for part, text in workbook_parts(["S"]).items():
                zf.writestr(part, text)
            zf.writestr("xl/worksheets/sheet1.xml", xml.encode("utf-8"))
        out.append((name, buf.getvalue()))
    many = io.BytesIO()  # 300,000 rows: refused by the row cap while read
    spec = SheetSpecW("S", ["h0", "h1"], ["text"] * 2)
    with zipfile.ZipFile(many, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, text in workbook_parts(["S"]).items():
            zf.writestr(part, text)
        zf.writestr("xl/worksheets/sheet1.xml", (_sheet_prolog(spec, 1) + "".join(
            f'<row r="{i}"></row>' for i in range(2, 300_002)) + "</sheetData></worksheet>"
        ).encode())
    out.append(("many rows", many.getvalue()))
    return out


@pytest.mark.parametrize("name,workbook", _hostile_sheets(), ids=lambda x: x
                         if isinstance(x, str) else "")
def test_the_single_pass_refuses_what_the_prescan_refuses(name: str, workbook: bytes) -> None:
    from sync.xlsx import CheckedWorkbook

    layout = [SheetLayout("S", ["h0", "h1"])]
    with pytest.raises(AppError) as before:
        prescan(workbook, sheet_count=1, layouts=layout)
    book = CheckedWorkbook(workbook, sheet_count=1, layouts=layout)
    seen: list[Any] = []
    with pytest.raises(AppError) as during:
        for columns in book.sheet_columns(1):
            seen.extend(columns[0])
    assert during.value.code == before.value.code, name
    assert dict(during.value.params) == dict(before.value.params), name
    assert "x" * 1000 not in "".join(str(v) for v in seen)  # the long string never read


def test_the_single_pass_reads_as_prescan_then_reader(tmp_path: Path) -> None:
    from sync.xlsx import CheckedWorkbook

    ws = make_village(tmp_path / "desa", residents=120, seed=9)
    try:
        workbook = _nasty_bundle(ws, tmp_path / "nasty")
    finally:
        ws.close()
    from sync.schema import SCHEMA

    layouts = [SheetLayout(s.name, s.headers) for s in SCHEMA]
    scan = prescan(workbook, sheet_count=len(SCHEMA), layouts=layouts)
    book = CheckedWorkbook(workbook, sheet_count=len(SCHEMA), layouts=layouts)
    with zipfile.ZipFile(io.BytesIO(workbook)) as zf:
        for index, sheet in enumerate(SCHEMA, start=1):
            member = f"xl/worksheets/sheet{index}.xml"
            rows = [list(r) for cols in book.sheet_columns(index) for r in zip(*cols, strict=True)]
            assert rows == list(iter_sheet_rows(zf, member, len(sheet.headers)))
            assert book.sheet_rows(index) == scan.sheet_rows[member]


def test_an_import_decompresses_each_sheet_once(tmp_path: Path, hub: Any,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The pre-scan's checks and the reading share one decompression of every sheet."""
    import sync.xlsx as xlsx

    ws = make_village(tmp_path / "desa", residents=40, seed=5)
    try:
        bundle = export(ws, tmp_path / "out", full=True)
    finally:
        ws.close()
    opened: list[str] = []
    original = xlsx._member_chunks

    def counting(zf: Any, info: Any, caps: Any, result: Any) -> Any:
        opened.append(info.filename)
        return original(zf, info, caps, result)

    monkeypatch.setattr(xlsx, "_member_chunks", counting)
    monkeypatch.setattr(zipfile.ZipFile, "open", _no_second_open(zipfile.ZipFile.open))
    report = import_(hub, bundle)
    assert report.status == "diimpor"
    sheets = [n for n in opened if n.startswith("xl/worksheets/")]
    assert sheets and len(sheets) == len(set(sheets))


def _no_second_open(original: Any) -> Any:
    seen: set[tuple[int, str]] = set()

    def opening(self: Any, name: Any, *a: Any, **kw: Any) -> Any:
        member = name if isinstance(name, str) else name.filename
        if member.startswith("xl/worksheets/"):
            key = (id(self.fp), member)
            assert key not in seen, f"{member} decompressed twice"
            seen.add(key)
        return original(self, name, *a, **kw)

    return opening


# -- the decompression in a thread of its own (issue 17 item 14) -----------------------------


def _read_ahead_threads() -> list[Any]:
    import threading

    return [t for t in threading.enumerate() if t.name == "xlsx-read-ahead"]


def _stored_with_bad_crc() -> bytes:
    """A one-sheet workbook whose sheet is stored (not deflated) and then altered: its CRC
    no longer matches, found only when the part has been read to its end."""
    spec = SheetSpecW("S", ["h0", "h1"], ["text"] * 2)
    body = "".join(f'<row r="{i}">{_text(i, "baik")}</row>' for i in range(2, 2002))
    xml = _sheet_prolog(spec, 2000) + body + "</sheetData></worksheet>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, text in workbook_parts(["S"]).items():
            zf.writestr(part, text)
        zf.writestr("xl/worksheets/sheet1.xml", xml.encode("utf-8"),
                    compress_type=zipfile.ZIP_STORED)
    data = buf.getvalue()
    at = data.rindex(b"<t>baik</t>")
    return data[:at] + b"<t>baiK</t>" + data[at + len(b"<t>baik</t>"):]


@pytest.mark.parametrize("name,workbook", [*_hostile_sheets(), ("bad crc", _stored_with_bad_crc())],
                         ids=lambda x: x if isinstance(x, str) else "")
def test_read_ahead_refuses_as_the_plain_loop_and_stops_its_thread(
        name: str, workbook: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every part decompressed in the read-ahead thread (the size threshold set to nothing):
    the same refusal, code and parameters (a CRC error raised in the thread included), as
    without it, and no thread left running after the refusal."""
    import sync.xlsx as xlsx
    from sync.xlsx import CheckedWorkbook

    layout = [SheetLayout("S", ["h0", "h1"])]
    with pytest.raises(AppError) as plain:
        prescan(workbook, sheet_count=1, layouts=layout)
    monkeypatch.setattr(xlsx, "READ_AHEAD_MIN_BYTES", 0)
    monkeypatch.setattr(xlsx, "READ_CHUNK", 4096)  # many chunks, the queue full at times
    with pytest.raises(AppError) as ahead:
        prescan(workbook, sheet_count=1, layouts=layout)
    book = CheckedWorkbook(workbook, sheet_count=1, layouts=layout)
    with pytest.raises(AppError) as single:
        for _columns in book.sheet_columns(1):
            pass
    for got in (ahead.value, single.value):
        assert (got.code, dict(got.params)) == (plain.value.code, dict(plain.value.params))
    assert not _read_ahead_threads()
    if name == "bad crc":
        assert plain.value.code == "sync.xlsx.not_workbook"
        assert "CRC" in plain.value.params["detail"]


def test_a_large_sheet_is_decompressed_in_another_thread(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sheet part of READ_AHEAD_MIN_BYTES or more is read (decompressed, CRC checked) by the
    read-ahead thread, a smaller part by the reader itself; the rows read are the same."""
    import threading

    import sync.xlsx as xlsx
    from sync.schema import SCHEMA
    from sync.xlsx import CheckedWorkbook

    ws = make_village(tmp_path / "desa", residents=120, seed=9)
    try:
        workbook = unpack(export(ws, tmp_path / "out", full=True))[1]
    finally:
        ws.close()
    layouts = [SheetLayout(s.name, s.headers) for s in SCHEMA]
    readers: dict[str, set[str]] = {}
    real_read = zipfile.ZipExtFile.read

    def read(self: Any, n: int = -1) -> bytes:
        readers.setdefault(self.name, set()).add(threading.current_thread().name)
        return real_read(self, n)

    def rows(book: Any) -> list[list[Any]]:
        return [list(r) for cols in book.sheet_columns(1) for r in zip(*cols, strict=True)]

    monkeypatch.setattr(zipfile.ZipExtFile, "read", read)
    before = rows(CheckedWorkbook(workbook, sheet_count=len(SCHEMA), layouts=layouts))
    assert readers["xl/worksheets/sheet1.xml"] == {threading.current_thread().name}
    readers.clear()
    with zipfile.ZipFile(io.BytesIO(workbook)) as zf:
        size = zf.getinfo("xl/worksheets/sheet1.xml").file_size
    monkeypatch.setattr(xlsx, "READ_AHEAD_MIN_BYTES", size)
    monkeypatch.setattr(xlsx, "READ_CHUNK", 8192)
    assert rows(CheckedWorkbook(workbook, sheet_count=len(SCHEMA), layouts=layouts)) == before
    assert readers["xl/worksheets/sheet1.xml"] == {"xlsx-read-ahead"}
    assert not _read_ahead_threads()


# -- the grammar check and the reading in one pass (issue 17 item 14) ------------------------


def _row_variants() -> list[tuple[str, bytes]]:
    """Parts of whole rows (rows 2 and 3 of a sheet of columns A-C): plain ones and ones
    that differ from them by one thing the writer's grammar forbids or the plain path leaves
    to the careful reader."""
    def text(ref: str, raw: str, preserve: bool = False) -> str:
        space = ' xml:space="preserve"' if preserve else ""
        return f'<c r="{ref}" t="inlineStr" s="1"><is><t{space}>{raw}</t></is></c>'

    good2 = text("A2", "satu") + '<c r="B2" s="2"><v>45000</v></c><c r="C2"><v>-1.5e3</v></c>'
    good3 = text("A3", "dua") + text("C3", " kanan ", preserve=True)
    variants = {
        "plain": [good2, good3],
        "empty row and empty texts": ["", text("A3", "") + text("B3", "", preserve=True)],
        "repeated column": [good2 + text("A2", "lagi"), good3],
        "cell of another row": [good2.replace("B2", "B3"), good3],
        "cell row with a zero": [good2.replace('"A2"', '"A02"'), good3],
        "junk between cells": [good2.replace("</c><c", "</c>x<c", 1), good3],
        "formula between cells": [good2 + '<c r="C2"><f>1+1</f><v>2</v></c>', good3],
        "column outside the sheet": [good2 + text("D2", "x"), good3],
        "text to trim": [text("A2", " kiri"), good3],
        "reference": [text("A2", "a&amp;b"), good3],
        "escape": [text("A2", "_x0041_"), good3],
        "non-ASCII text": [text("A2", "naïve 名前"), good3],
        "long ASCII text": [text("A2", "x" * 60_000), good3],
        # within the pre-scan's bound in bytes, beyond a quarter of it in characters: the
        # one pass cannot tell its size in bytes and leaves it to the careful check
        "longer ASCII text": [text("A2", "x" * 70_000), good3],
        "too long in bytes": [text("A2", "名" * 90_000), good3],
        "bad number": [good2.replace("-1.5e3", "1.2.3"), good3],
        "long serial": [good2.replace("45000", "123456789"), good3],
        "date style on text": [good2.replace('s="2"', 's="1"'), good3],
    }
    out = []
    for name, (row2, row3) in variants.items():
        body = f'<row r="2">{row2}</row><row r="3">{row3}</row>'
        out.append((name, body.encode("utf-8")))
    out.append(("row numbers skip", b'<row r="2"></row><row r="4"></row>'))
    out.append(("row number repeated", b'<row r="2"></row><row r="2"></row>'))
    out.append(("text between rows", b'<row r="2"></row> <row r="3"></row>'))
    out.append(("not UTF-8", b'<row r="2"><c r="A2" t="inlineStr" s="1"><is><t>\xff</t></is>'
                b'</c></row><row r="3"></row>'))
    return out


@pytest.mark.parametrize("name,part", _row_variants(), ids=lambda x: x
                         if isinstance(x, str) else "")
def test_the_one_pass_reads_only_what_the_grammar_check_accepts(name: str, part: bytes) -> None:
    """``read_plain`` (the check and the reading in one pass) answers only for a part that
    ``_rows`` (the pre-scan's check) accepts, then with the columns the plain reader gives
    and the rows counted as ``_rows`` counts them; otherwise it answers None and counts
    nothing, and ``_rows`` decides."""
    from sync.xlsx import ReadCaps, _plain_chunk, _rows_of, _SheetScanner

    layout = SheetLayout("S", ["h0", "h1", "h2"])
    index = {"A": 0, "B": 1, "C": 2}
    one = _SheetScanner(layout, ReadCaps())
    one.rows = 1  # the header row was read
    got = one.read_plain(part, index, {})
    exact = _SheetScanner(layout, ReadCaps())
    exact.rows = 1
    try:
        exact._rows(part)
    except AppError:
        assert got is None, name
        assert one.rows == 1
        return
    if got is None:
        assert one.rows == 1
        assert name not in ("plain", "empty row and empty texts", "repeated column",
                            "non-ASCII text", "long ASCII text"), name
        return
    text = part.decode("utf-8")
    assert got == (_plain_chunk(text, 3, index, {}) or _rows_of(text, 3, index)), name
    assert [type(v) for c in got for v in c] == [
        type(v) for c in _rows_of(text, 3, index) for v in c]
    assert one.rows == exact.rows == 3


def test_the_one_pass_answers_for_plain_rows_and_leaves_the_others() -> None:
    """Which variants the one pass takes itself (so that the test above compares something)."""
    from sync.xlsx import ReadCaps, _SheetScanner

    taken = []
    for name, part in _row_variants():
        scanner = _SheetScanner(SheetLayout("S", ["h0", "h1", "h2"]), ReadCaps())
        scanner.rows = 1
        if scanner.read_plain(part, {"A": 0, "B": 1, "C": 2}, {}) is not None:
            taken.append(name)
    assert taken == ["plain", "empty row and empty texts", "repeated column", "non-ASCII text",
                     "long ASCII text"]
