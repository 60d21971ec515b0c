"""A big bundle is decided fast (issue 17, item 14) without deciding anything differently.

The importer checks a chunk of rows column by column (:func:`column_converter`), stages in one
transaction and classifies once unless another program changed the hub in between. Each
shortcut must give exactly what the cell-by-cell path gives: these tests compare the two.
"""

from __future__ import annotations

import io
import random
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

import sync.importer.merge as merge_mod
import sync.importer.pipeline as pipeline
import sync.importer.staging as staging
from app.core.rules.nik import validate_kk, validate_nik
from sync.dbutil import raw_connection
from sync.importer import STATUS_IMPORTED, STATUS_PARTIAL
from sync.importer.cells import _CellError, _converter, _NikParts, column_converter
from sync.schema import REQUIRED_TEXT, SCHEMA
from sync.xlsx import iter_sheet_rows
from tests.sync.conftest import (
    OTHER_VILLAGE,
    VILLAGE,
    craft,
    export,
    hub_state,
    import_,
    make_hub,
    make_village,
    unpack,
)

# -- the column converters agree with the cell converters ------------------------------------

BAD_VALUES: list[Any] = [
    "", " ", "x\x1by", "\u202eevil", "a\x00", "\ufeff", "\x85", "ya", "tidak", "Ya",
    "0" * 16, "1807010101900000", "1807014101900001", "0007014101900001", "1807013202900001",
    "180701010190000", "18070101019000011", "\u0661" * 16, "1807010101900001\n",
    "a" * 32, "A" * 32, "g" * 32, "a" * 31, "a" * 32 + "\n", "2026-01-15 10:00:00.000000",
    "2026-13-15 10:00:00.000000", "2026-01-15T10:00:00.000000", "\u0662026-01-15 10:00:00.000000",
    "15/01/2026", "31/02/2026", "2026-01-15", " 2026-01-15", 0.0, 1.0, -1.0, 2.5, 2.0**62,
    2.0**63, float("nan"), float("inf"), date(2026, 1, 15), date(1900, 2, 28), time(0, 0),
    5e6, "x" * 5000, "L", "P", "18.07.01.2001", "18.07.01.2002", "baris\nkedua", "\t",
]


def _bundle_columns(tmp: Path) -> dict[str, list[list[Any]]]:
    """Every sheet's values, column by column, as the reader gives them from a real bundle."""
    ws = make_village(tmp / "desa", residents=80, seed=5)
    try:
        workbook = unpack(export(ws, tmp / "out", full=True))[1]
    finally:
        ws.close()
    out = {}
    with zipfile.ZipFile(io.BytesIO(workbook)) as zf:
        for index, sheet in enumerate(SCHEMA, start=1):
            member = f"xl/worksheets/sheet{index}.xml"
            if member not in zf.namelist():
                continue
            rows = list(iter_sheet_rows(zf, member, len(sheet.headers)))[1:]
            out[sheet.table] = [list(c) for c in zip(*rows, strict=True)] if rows else [
                [] for _ in sheet.headers]
    return out


def _cell_results(conv: Any, values: list[Any]) -> list[Any] | None:
    out = []
    for v in values:
        try:
            out.append(conv(v))
        except _CellError:
            return None
    return out


def test_column_converters_take_only_what_the_cell_converters_take(tmp_path: Path) -> None:
    """Chunks of real values with bad ones mixed in: whenever the column converter answers,
    every value is one the cell converter accepts, converted to the same value and type."""
    real = _bundle_columns(tmp_path)
    rnd = random.Random(14)
    answered = refused = 0
    for sheet in SCHEMA:
        if sheet.table not in real:
            continue
        for col, values in zip(sheet.columns, real[sheet.table], strict=True):
            required = (sheet.table, col.key) in REQUIRED_TEXT
            cell = _converter(sheet.table, col, required)
            column = column_converter(sheet.table, col, required)
            pool = [v for v in values if v != ""] or [""]
            for trial in range(120):
                chunk = [rnd.choice(pool) for _ in range(rnd.randint(1, 12))]
                if trial % 3:
                    for _ in range(rnd.randint(1, 2)):
                        chunk[rnd.randrange(len(chunk))] = rnd.choice(BAD_VALUES)
                got = column(chunk)
                expected = _cell_results(cell, chunk)
                if got is None:
                    refused += 1
                    continue
                answered += 1
                assert expected is not None, (sheet.table, col.key, chunk)
                assert [(type(v), v) for v in got] == [(type(v), v) for v in expected], (
                    sheet.table, col.key, chunk)
            # a chunk of the bundle's own values is taken whole (no cell-by-cell detour)
            if values:
                assert column(values) is not None, (sheet.table, col.key)
    assert answered > 1000 and refused > 1000


@pytest.mark.parametrize("check", [validate_nik, validate_kk])
def test_nik_parts_agree_with_the_validator(check: Any) -> None:
    rnd = random.Random(7)
    parts = _NikParts(check)
    pieces = ["00", "01", "18", "07", "31", "32", "41", "71", "72", "12", "13", "29", "02",
              "30", "99", "60", "90"]
    numbers = []
    for _ in range(20_000):
        number = "".join(rnd.choice(pieces) for _ in range(6)) + rnd.choice(
            ["0000", "0001", "1234", "9000"])
        numbers.append(number)
        fine = not any(i.is_error for i in check(number))
        assert parts.all_fine([number]) is fine, number
    fine_ones = [n for n in numbers if parts.all_fine([n])]
    assert 100 < len(fine_ones) < len(numbers)
    assert parts.all_fine(fine_ones[:500])
    assert not parts.all_fine(fine_ones[:500] + [n for n in numbers if n not in fine_ones][:1])


# -- a chunk with a bad row is staged exactly as row by row ----------------------------------


def _spoil(sheets: dict[str, list[list[Any]]]) -> None:
    people = sheets["Penduduk"]
    head = people[0]
    col = {h: i for i, h in enumerate(head)}
    people[5][col["Nama"]] = "Bad\x1bName"
    people[9][col["NIK"]] = "1807010000900001"
    people[14][col["Jenis Kelamin"]] = ""
    people[20][col["Tanggal Lahir"]] = "31/02/1990"
    people[33][0] = people[32][0]  # a repeated id
    people[40][col["Kode Desa Pemilik"]] = OTHER_VILLAGE
    people[41][col["Versi"]] = 2.5
    people[47][col["Nama"]] = "=SUM(A1)"  # fine: text that looks like a formula stays text


def _data(hub: Any) -> list[Any]:
    """The hub's rows of the bundle's tables and what the import kept of it (not the times)."""
    kept = {s.table for s in SCHEMA} | {"sync_knowledge"}
    return [(t, rows) for t, rows in hub_state(hub) if t in kept]


def _import_recording(hub: Any, bundle: Path, monkeypatch: pytest.MonkeyPatch,
                      *, cell_by_cell: bool) -> tuple[Any, list[tuple[str, int, int]]]:
    ticks: list[tuple[str, int, int]] = []
    with monkeypatch.context() as m:
        m.setattr(staging, "CHUNK", 7)  # a write (and a progress tick) every 7 rows
        m.setattr(staging, "STEP", 9)  # chunks of a few rows
        if cell_by_cell:
            m.setattr(staging._SheetStager, "_chunk", lambda self, columns: None)
        report = import_(hub, bundle, valid_rows_only=True,
                         progress=lambda p: ticks.append((p.text("id"), p.done, p.total)))
    return report, ticks


def test_chunks_stage_exactly_as_row_by_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    village = make_village(tmp_path / "desa", residents=120, seed=9)
    try:
        bundle = craft(village, tmp_path, _spoil)
    finally:
        village.close()
    taken: list[bool] = []
    real_chunk = staging._SheetStager._chunk

    def counting(self: Any, columns: Any) -> Any:
        out = real_chunk(self, columns)
        taken.append(out is not None)
        return out

    results = []
    for n, by_cell in enumerate((False, True)):
        hub = make_hub(tmp_path / f"p4mi{n}")
        try:
            if not by_cell:
                monkeypatch.setattr(staging._SheetStager, "_chunk", counting)
            report, ticks = _import_recording(hub, bundle, monkeypatch, cell_by_cell=by_cell)
            monkeypatch.undo()
            state = _data(hub)
            results.append(([e.to_json() for e in report.errors], report.error_rows,
                            {k: v.as_dict() for k, v in report.counts.items()}, ticks, state,
                            report.status))
        finally:
            hub.close()
    fast, slow = results
    assert fast[5] == STATUS_PARTIAL and fast[1] >= 5
    assert fast == slow
    # both ways were really taken in the first import: whole chunks and row-by-row chunks
    assert True in taken and False in taken
    assert len([t for t in fast[3] if t[0].startswith("Membaca")]) > 20


# -- one transaction for staging, one classification ----------------------------------------


def test_classified_once_when_nothing_changed(tmp_path: Path, hub: Any, village: Any,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = pipeline._Run.classify

    def counting(self: Any, con: Any) -> None:
        calls.append(1)
        real(self, con)

    monkeypatch.setattr(pipeline._Run, "classify", counting)
    bundle = export(village, tmp_path / "out", full=True)
    report = import_(hub, bundle)
    assert report.status == STATUS_IMPORTED and report.total("new") > 60
    assert len(calls) == 1


def test_a_change_by_another_program_before_the_merge_is_classified_again(
        tmp_path: Path, hub: Any, village: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Between the first classification and the write lock (at the daily backup step) another
    program gives a resident to another office: the import sees it and does not take that
    resident over."""
    first = export(village, tmp_path / "satu", full=True)
    assert import_(hub, first).status == STATUS_IMPORTED
    with village.db.session() as s:
        from app.core.models import Resident

        person = s.query(Resident).filter(Resident.deleted.is_(False)).first()
        person.notes = "diubah di desa"
        person_id = person.id
        s.commit()
    second = export(village, tmp_path / "dua")
    real_backup = pipeline.daily_backup_if_due  # the import's backup step (issue 15: daily)

    def backup_then_meddle(*a: Any, **kw: Any) -> Any:
        out = real_backup(*a, **kw)
        con = sqlite3.connect(hub.data_dir.db_path)
        try:
            con.execute("UPDATE resident SET owner_office = ? WHERE id = ?",
                        (OTHER_VILLAGE, person_id))
            con.commit()
        finally:
            con.close()
        return out

    monkeypatch.setattr(pipeline, "daily_backup_if_due", backup_then_meddle)
    report = import_(hub, second, backup=True)
    assert [(c.row_id, c.reason) for c in report.conflicts] == [(person_id, "pemilik")]
    con = sqlite3.connect(hub.data_dir.db_path)
    try:
        owner, notes = con.execute("SELECT owner_office, notes FROM resident WHERE id = ?",
                                   (person_id,)).fetchone()
    finally:
        con.close()
    assert owner == OTHER_VILLAGE and notes != "diubah di desa"


def test_classify_writes_only_the_staged_rows_the_hub_holds(
        tmp_path: Path, hub: Any, village: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each staged row is written at most once by classify (issue 17 item 14): a new row is
    "baru" from the staging insert on, so a first full bundle into an empty hub writes none
    (two UPDATEs of every row before); a row the hub holds is written once."""
    changes: list[int] = []
    real = pipeline._Run.classify

    def counting(self: Any, con: Any) -> None:
        before = con.total_changes
        real(self, con)
        changes.append(con.total_changes - before)

    monkeypatch.setattr(pipeline._Run, "classify", counting)
    first = import_(hub, export(village, tmp_path / "satu", full=True))
    assert first.status == STATUS_IMPORTED and first.total("new") > 60
    assert changes == [0]
    second = import_(hub, export(village, tmp_path / "dua", full=True))
    held = sum(second.counts[s.name].unchanged for s in SCHEMA if s.name in second.counts)
    assert second.total("new") == 0 and held == first.total("new")
    assert changes == [0, held]


def test_a_row_the_hub_lost_after_the_first_classify_is_new_again(
        tmp_path: Path, hub: Any, village: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Classified as held, then removed from the hub by another program before the write lock:
    the second classify makes it new again and the merge brings it back."""
    assert import_(hub, export(village, tmp_path / "satu", full=True)).status == STATUS_IMPORTED
    con = sqlite3.connect(hub.data_dir.db_path)
    try:
        (gone,) = con.execute("SELECT id FROM resident ORDER BY id LIMIT 1").fetchone()
    finally:
        con.close()
    real_backup = pipeline.daily_backup_if_due

    def backup_then_delete(*a: Any, **kw: Any) -> Any:
        out = real_backup(*a, **kw)
        other = sqlite3.connect(hub.data_dir.db_path)
        try:
            other.execute("DELETE FROM resident WHERE id = ?", (gone,))
            other.commit()
        finally:
            other.close()
        return out

    monkeypatch.setattr(pipeline, "daily_backup_if_due", backup_then_delete)
    report = import_(hub, export(village, tmp_path / "dua", full=True), backup=True)
    assert report.status == STATUS_IMPORTED
    assert report.counts["Penduduk"].new == 1
    con = sqlite3.connect(hub.data_dir.db_path)
    try:
        assert con.execute("SELECT count(*) FROM resident WHERE id = ?", (gone,)).fetchone() == (1,)
    finally:
        con.close()


def test_the_page_cache_is_bigger_during_an_import_and_restored_after(
        tmp_path: Path, hub: Any, village: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    with raw_connection(hub.db) as con:
        before = con.execute("PRAGMA main.cache_size").fetchone()[0]
    during = []
    real = pipeline._Run.merge

    def spying(self: Any, con: Any) -> Any:
        during.append(con.execute("PRAGMA main.cache_size").fetchone()[0])
        return real(self, con)

    monkeypatch.setattr(pipeline._Run, "merge", spying)
    import_(hub, export(village, tmp_path / "out", full=True))
    assert during == [-pipeline.MAIN_CACHE_KIB] and during[0] != before
    with raw_connection(hub.db) as con:
        assert con.execute("PRAGMA main.cache_size").fetchone()[0] == before


def test_a_village_bundle_imports_the_same_with_and_without_chunks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clean bundle (every chunk whole): the hub ends the same as row by row."""
    village = make_village(tmp_path / "desa", code=VILLAGE, residents=150, seed=21)
    try:
        bundle = export(village, tmp_path / "out", full=True)
    finally:
        village.close()
    states = []
    for n, by_cell in enumerate((False, True)):
        hub = make_hub(tmp_path / f"p4mi{n}")
        try:
            report, ticks = _import_recording(hub, bundle, monkeypatch, cell_by_cell=by_cell)
            assert report.status == STATUS_IMPORTED
            states.append((_data(hub), ticks))
        finally:
            hub.close()
    assert states[0] == states[1]


# -- a big first bundle: secondary indexes built after the rows ------------------------------

def _schema_sql(hub: Any) -> list[tuple[str, str, str]]:
    con = sqlite3.connect(hub.data_dir.db_path)
    try:
        return con.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                           "ORDER BY type, name").fetchall()
    finally:
        con.close()


def _import_tracing(hub: Any, bundle: Path, monkeypatch: pytest.MonkeyPatch,
                    statements: list[str]) -> Any:
    """Import ``bundle``, recording every SQL statement of the merge's connection."""
    original = merge_mod._indexes_rebuilt_if_large

    def tracing(con: Any, table: str, stage: str) -> Any:
        con.set_trace_callback(statements.append)
        return original(con, table, stage)

    with monkeypatch.context() as m:
        m.setattr(merge_mod, "_indexes_rebuilt_if_large", tracing)
        try:
            return import_(hub, bundle)
        finally:
            with raw_connection(hub.db) as con:
                con.set_trace_callback(None)


def test_a_bundle_big_for_the_hub_is_merged_with_indexes_built_after(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows many compared with the hub table: its secondary indexes are dropped, the rows
    inserted and the indexes made again with the same definitions; the hub ends exactly as
    with the row-by-row index upkeep."""
    village = make_village(tmp_path / "desa", code=VILLAGE, residents=120, seed=8)
    try:
        bundle = export(village, tmp_path / "out", full=True)
    finally:
        village.close()
    results = []
    for n, floor in enumerate((10, 10**9)):  # rebuilt / kept
        monkeypatch.setattr(merge_mod, "REBUILD_MIN_ROWS", floor)
        hub = make_hub(tmp_path / f"p4mi{n}")
        try:
            before = _schema_sql(hub)
            statements: list[str] = []
            report = _import_tracing(hub, bundle, monkeypatch, statements)
            assert report.status == STATUS_IMPORTED
            assert _schema_sql(hub) == before  # every index back, as it was
            dropped = [s for s in statements if s.startswith("DROP INDEX")]
            results.append((_data(hub), dropped))
            con = sqlite3.connect(hub.data_dir.db_path)
            try:
                assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                plan = " ".join(str(r) for r in con.execute(
                    "EXPLAIN QUERY PLAN SELECT id FROM resident WHERE nik = '1'"))
                assert "ix_resident_nik" in plan
            finally:
                con.close()
        finally:
            hub.close()
    (rebuilt, dropped_rebuilt), (kept, dropped_kept) = results
    assert rebuilt == kept
    assert any("ix_resident_nik" in s for s in dropped_rebuilt)
    assert dropped_kept == []


def test_a_small_bundle_into_a_bigger_hub_keeps_the_indexes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Few new rows compared with what the hub holds: no index is dropped."""
    monkeypatch.setattr(merge_mod, "REBUILD_MIN_ROWS", 10)
    hub = make_hub(tmp_path / "p4mi")
    try:
        for n, (code, residents) in enumerate(((OTHER_VILLAGE, 150), (VILLAGE, 40))):
            village = make_village(tmp_path / f"desa{n}", code=code, residents=residents, seed=n)
            try:
                bundle = export(village, tmp_path / f"out{n}", full=True)
            finally:
                village.close()
            statements: list[str] = []
            assert _import_tracing(hub, bundle, monkeypatch, statements).status == (
                STATUS_IMPORTED)
            dropped = [s for s in statements if "DROP INDEX" in s and "resident" in s]
            assert bool(dropped) == (n == 0)  # the first fills an empty hub
    finally:
        hub.close()


def test_a_failed_merge_after_dropping_the_indexes_leaves_them_in_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The drop is part of the import's transaction: a failure after it changes nothing."""
    monkeypatch.setattr(merge_mod, "REBUILD_MIN_ROWS", 10)
    village = make_village(tmp_path / "desa", code=VILLAGE, residents=60, seed=4)
    try:
        bundle = export(village, tmp_path / "out", full=True)
    finally:
        village.close()
    hub = make_hub(tmp_path / "p4mi")
    try:
        before_schema, before = _schema_sql(hub), hub_state(hub)

        original = merge_mod._indexes_rebuilt_if_large

        @contextmanager
        def failing(con: Any, table: str, stage: str) -> Iterator[None]:
            with original(con, table, stage):
                if table == "resident":  # the indexes are gone now: fail before the insert
                    assert con.execute("SELECT count(*) FROM sqlite_master WHERE type = "
                                       "'index' AND name = 'ix_resident_nik'").fetchone()[0] == 0
                    raise RuntimeError("listrik padam")
                yield

        monkeypatch.setattr(merge_mod, "_indexes_rebuilt_if_large", failing)
        with pytest.raises(RuntimeError):
            import_(hub, bundle)
        assert _schema_sql(hub) == before_schema
        assert hub_state(hub) == before
    finally:
        hub.close()


def test_nik_flags_are_looked_up_again_only_when_classify_found_clashes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The record step repeats the NIK lookup of every resident only if classify found a clash
    (on SQLite nothing can add one in between); the flags are written as before."""
    hub = make_hub(tmp_path / "p4mi")
    try:
        first = make_village(tmp_path / "desa0", code=OTHER_VILLAGE, residents=30, seed=1)
        try:
            bundle = export(first, tmp_path / "out0", full=True)
            con = sqlite3.connect(first.data_dir.db_path)
            nik = con.execute("SELECT nik FROM resident WHERE nik IS NOT NULL AND deleted = 0 "
                              "LIMIT 1").fetchone()[0]
            con.close()
        finally:
            first.close()
        statements: list[str] = []
        assert _import_tracing(hub, bundle, monkeypatch, statements).status == STATUS_IMPORTED
        assert not [s for s in statements if "INSERT INTO sync_nik_flag" in s]

        def same_nik(sheets: dict[str, list[list[Any]]]) -> None:
            people = sheets["Penduduk"]
            people[3][people[0].index("NIK")] = nik

        village = make_village(tmp_path / "desa1", code=VILLAGE, residents=30, seed=2)
        try:
            clash = craft(village, tmp_path / "out1", same_nik)
        finally:
            village.close()
        statements.clear()
        report = _import_tracing(hub, clash, monkeypatch, statements)
        assert report.status == STATUS_IMPORTED and len(report.nik_clashes) == 1
        assert [s for s in statements if "INSERT INTO sync_nik_flag" in s]
        con = sqlite3.connect(hub.data_dir.db_path)
        try:
            flags = con.execute("SELECT nik, village_code, other_village FROM sync_nik_flag"
                                ).fetchall()
        finally:
            con.close()
        assert flags == [(nik, VILLAGE, OTHER_VILLAGE)]
    finally:
        hub.close()


def test_the_staging_page_cache_is_bigger_during_an_import_and_restored_after(
        tmp_path: Path, hub: Any, village: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    with raw_connection(hub.db) as con:
        before = con.execute("PRAGMA temp.cache_size").fetchone()[0]
    during = []
    real = pipeline._Run.classify

    def spying(self: Any, con: Any) -> Any:
        during.append(con.execute("PRAGMA temp.cache_size").fetchone()[0])
        return real(self, con)

    monkeypatch.setattr(pipeline._Run, "classify", spying)
    import_(hub, export(village, tmp_path / "out", full=True))
    assert during == [-staging.TEMP_CACHE_KIB] and during[0] != before
    with raw_connection(hub.db) as con:
        assert con.execute("PRAGMA temp.cache_size").fetchone()[0] == before
