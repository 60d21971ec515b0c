"""A big sheet is read partly by a worker process (issue 17 item 14, sync/sheet_worker.py):
the import takes the worker's reading of a part only for the very part and row count it holds,
makes every check itself, and reads on alone when the worker errs, dies or lags. So rows,
row errors and refusals are those of the import alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import sync.sheet_worker as sheet_worker
import sync.xlsx as xlsx
from app.core.errors import AppError
from sync.importer import STATUS_IMPORTED, STATUS_REFUSED
from sync.xlsx import CheckedWorkbook, SheetLayout, prescan
from tests.sync.conftest import (
    craft,
    digest,
    export,
    hub_state,
    import_,
    make_hub,
    make_village,
    unpack,
)
from tests.sync.test_stream_reader import _hostile_sheets, _nasty_bundle, _stored_with_bad_crc


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sheet shared with a worker, in parts of a few KiB; the import waits for every
    part the worker owns (a slow test machine must not make the worker look late)."""
    monkeypatch.setattr(sheet_worker, "MIN_BYTES", 0)
    monkeypatch.setattr(sheet_worker, "WAIT_UNSTARTED", 60.0)
    monkeypatch.setattr(sheet_worker, "PATIENCE", 60.0)
    monkeypatch.setattr(xlsx, "READ_CHUNK", 4096)


def _taken() -> int:
    return sheet_worker.taken_total


def _rows(book: CheckedWorkbook, count: int) -> list[list[list[Any]]]:
    try:
        return [[list(r) for cols in book.sheet_columns(i) for r in zip(*cols, strict=True)]
                for i in range(1, count + 1)]
    finally:
        book.close()


def _workbook(tmp: Path) -> bytes:
    ws = make_village(tmp / "desa", residents=120, seed=9)
    try:
        return _nasty_bundle(ws, tmp / "nasty")  # escapes, spaces: parts not plain too
    finally:
        ws.close()


def test_a_shared_sheet_reads_as_the_import_alone(tmp_path: Path, shared: None) -> None:
    from sync.schema import SCHEMA

    workbook = _workbook(tmp_path)
    layouts = [SheetLayout(s.name, s.headers) for s in SCHEMA]
    sheet_worker.MIN_BYTES = 1 << 40  # (undone by the fixture) no worker: the reference
    alone = _rows(CheckedWorkbook(workbook, sheet_count=len(SCHEMA), layouts=layouts),
                  len(SCHEMA))
    sheet_worker.MIN_BYTES = 0
    before = _taken()
    book = CheckedWorkbook(workbook, sheet_count=len(SCHEMA), layouts=layouts)
    assert book.helper is not None
    proc = book.helper.proc
    assert _rows(book, len(SCHEMA)) == alone
    assert _taken() - before > 10  # the worker read parts, and they were used
    assert proc.poll() is not None  # closing the workbook ends the worker


@pytest.mark.parametrize("name,workbook", [*_hostile_sheets(), ("bad crc", _stored_with_bad_crc())],
                         ids=lambda x: x if isinstance(x, str) else "")
def test_a_shared_sheet_is_refused_as_by_the_prescan(name: str, workbook: bytes,
                                                     shared: None) -> None:
    layout = [SheetLayout("S", ["h0", "h1"])]
    with pytest.raises(AppError) as before:
        prescan(workbook, sheet_count=1, layouts=layout)
    book = CheckedWorkbook(workbook, sheet_count=1, layouts=layout)
    assert book.helper is not None
    with pytest.raises(AppError) as during:
        try:
            for _columns in book.sheet_columns(1):
                pass
        finally:
            book.close()
    assert (during.value.code, dict(during.value.params)) == (
        before.value.code, dict(before.value.params)), name
    assert book.helper.proc.poll() is not None


@pytest.mark.parametrize("command", [
    [sys.executable, "-c", "import sys; sys.stdin.buffer.read(100)"],  # dies at once
    [sys.executable, "-c", "import sys, time; sys.stdout.buffer.write(b'junk'); "
                           "sys.stdout.flush(); time.sleep(30)"],  # talks nonsense, then hangs
    ["/nonexistent/worker"],  # cannot start
], ids=["dies", "nonsense", "missing"])
def test_a_failing_worker_leaves_the_import_to_read_alone(
        tmp_path: Path, shared: None, monkeypatch: pytest.MonkeyPatch,
        command: list[str]) -> None:
    from sync.schema import SCHEMA

    workbook = _workbook(tmp_path)
    layouts = [SheetLayout(s.name, s.headers) for s in SCHEMA]
    sheet_worker.MIN_BYTES = 1 << 40
    alone = _rows(CheckedWorkbook(workbook, sheet_count=len(SCHEMA), layouts=layouts),
                  len(SCHEMA))
    sheet_worker.MIN_BYTES = 0
    monkeypatch.setattr(sheet_worker, "worker_command", lambda: command)
    monkeypatch.setattr(sheet_worker, "WAIT_UNSTARTED", 0.0)  # as in a real import
    before = _taken()
    assert _rows(CheckedWorkbook(workbook, sheet_count=len(SCHEMA), layouts=layouts),
                 len(SCHEMA)) == alone
    assert _taken() == before


def test_the_program_entry_serves_as_worker(tmp_path: Path, shared: None,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """``python -m app --sheet-worker`` (the frozen executable's flag) is a worker."""
    from sync.schema import SCHEMA

    monkeypatch.setattr(sheet_worker, "worker_command",
                        lambda: [sys.executable, "-m", "app", "--sheet-worker"])
    before = _taken()
    workbook = _workbook(tmp_path)
    layouts = [SheetLayout(s.name, s.headers) for s in SCHEMA]
    _rows(CheckedWorkbook(workbook, sheet_count=len(SCHEMA), layouts=layouts), len(SCHEMA))
    assert _taken() > before


def test_an_import_with_a_worker_stores_what_the_import_alone_stores(
        tmp_path: Path, shared: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker's column checks (dates, NIKs, empty cells) give the staged rows the import's
    own checks give: the hub holds the same data either way."""
    from sync.importer import staging

    ws = make_village(tmp_path / "desa", residents=150, seed=3)
    try:
        bundle = export(ws, tmp_path / "out", full=True)
        expected = digest(ws)
    finally:
        ws.close()
    checked: list[int] = []
    real = staging._SheetStager._chunk

    def chunk(self: Any, raw: Any) -> Any:
        if isinstance(raw, staging._Piece) and raw.checked is not None:
            checked.append(len(raw[0]))
        return real(self, raw)

    monkeypatch.setattr(staging._SheetStager, "_chunk", chunk)
    hub = make_hub(tmp_path / "p4mi")
    try:
        report = import_(hub, bundle)
        assert report.status == STATUS_IMPORTED
        assert sum(checked) > 100  # most rows were checked by the worker
        assert digest(hub) == expected
    finally:
        hub.close()


def test_row_errors_in_the_worker_s_parts_are_named_as_before(
        tmp_path: Path, shared: None) -> None:
    """Bad cells far down a sheet (in parts the worker reads): the same row errors, and
    nothing changed, as when the import reads alone."""
    village = make_village(tmp_path / "desa", residents=150, seed=4)
    try:
        def change(sheets: dict[str, list[list[Any]]]) -> None:
            people = sheets["Penduduk"]
            people[120][3] = "Siti\x07"  # a control character
            people[130][0] = people[131][0]  # an id twice

        path = craft(village, tmp_path, change)
    finally:
        village.close()
    reports = []
    for worker in (False, True):
        sheet_worker.MIN_BYTES = 0 if worker else 1 << 40
        hub = make_hub(tmp_path / f"p4mi-{worker}")
        try:
            before = hub_state(hub)
            reports.append(import_(hub, path))
            assert hub_state(hub) == before
        finally:
            hub.close()
    alone, shared_ = ([(e.sheet, e.row, e.column, e.code) for e in r.errors] for r in reports)
    assert reports[1].status == reports[0].status == STATUS_REFUSED
    assert shared_ == alone and len(alone) == 2


def test_the_worker_is_started_only_for_big_sheets(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from sync.schema import SCHEMA

    ws = make_village(tmp_path / "desa", residents=40, seed=5)
    try:
        workbook = unpack(export(ws, tmp_path / "out", full=True))[1]
    finally:
        ws.close()
    started: list[Any] = []
    real = subprocess.Popen

    def popen(*a: Any, **kw: Any) -> Any:
        started.append(a)
        return real(*a, **kw)

    monkeypatch.setattr(subprocess, "Popen", popen)
    layouts = [SheetLayout(s.name, s.headers) for s in SCHEMA]
    book = CheckedWorkbook(workbook, sheet_count=len(SCHEMA), layouts=layouts)
    book.close()
    assert book.helper is None and not started
    monkeypatch.setenv("BMD_SHEET_WORKER", "0")  # switched off: none even for a big one
    monkeypatch.setattr(sheet_worker, "MIN_BYTES", 0)
    book = CheckedWorkbook(workbook, sheet_count=len(SCHEMA), layouts=layouts)
    book.close()
    assert book.helper is None and not started
