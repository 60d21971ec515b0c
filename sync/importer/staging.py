"""Stage: the workbook's sheets, read by the streaming reader of the writer's grammar, go into
``TEMP`` staging tables; bad cells become row errors."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from itertools import chain
from typing import Any, cast

from app.core.errors import AppError
from sync.dbutil import dialect_of
from sync.importer.cells import _CellError, _converter, column_converter
from sync.importer.context import RunContext, _stage_name
from sync.importer.report import RowError, SheetCounts
from sync.schema import REQUIRED_TEXT, SCHEMA, Sheet
from sync.sheet_worker import ReadColumns
from sync.xlsx import CheckedWorkbook, SheetLayout

# The page cache of the staging tables during one import, in KiB (it grows only as far as
# used: about 65 MiB for 170,000 residents, about 1 s less CPU than SQLite's default 2 MiB).
TEMP_CACHE_KIB = 192 * 1024
CHUNK = 2_000  # rows written to a staging table at a time
STEP = 1_000  # rows checked column by column at a time


def _columns(chunks: Iterator[list[list[Any]]]) -> Iterator[list[list[Any]]]:
    """The reader's chunks of columns cut into pieces of STEP rows (with the column checks of
    each piece when the sheet worker made them, :class:`sync.sheet_worker.ReadColumns`)."""
    for columns in chunks:
        n = len(columns[0])
        pieces = columns.pieces if isinstance(columns, ReadColumns) else None
        if n <= STEP:
            yield columns if pieces is None else _Piece(columns, pieces[0])
            continue
        for k, start in enumerate(range(0, n, STEP)):
            piece = [c[start:start + STEP] for c in columns]
            yield piece if pieces is None else _Piece(piece, pieces[k])


def column_checks(sheet: Sheet) -> list[Any]:
    """The whole-column checks of a sheet's columns, in order
    (:func:`sync.importer.cells.column_converter`); staging and the sheet worker use these."""
    return [column_converter(sheet.table, c, (sheet.table, c.key) in REQUIRED_TEXT)
            for c in sheet.columns]


def checked_columns(checks: list[Any], columns: Any) -> list[list[Any]] | None:
    """Each column of a piece of rows through its check; None as soon as one refuses
    something (the piece is then checked cell by cell, which names every bad cell)."""
    out = []
    for check, values in zip(checks, columns, strict=True):
        converted = check(values)
        if converted is None:
            return None
        out.append(converted)
    return out


class _Piece(list[list[Any]]):
    """STEP rows' columns and what the sheet worker's column checks made of them (None: they
    refused something, the import checks the piece itself)."""

    def __init__(self, columns: list[list[Any]], checked: list[list[Any]] | None) -> None:
        super().__init__(columns)
        self.checked = checked


def _drain(chunks: Iterator[Any]) -> None:
    """Read the rest of a sheet (bounded by the caps), so that whatever the checks of its
    grammar refuse further down is the refusal reported, as when the whole workbook was
    checked before any row was read."""
    for _ in chunks:
        pass


def _index_stage(con: sqlite3.Connection, table: str) -> None:
    stage = _stage_name(table)
    con.execute(f"CREATE UNIQUE INDEX temp.{stage}_id ON {stage} (id)")


# The staging tables of this session and, for each, its columns with their types; and the types
# of the hub tables' columns: one round trip that tells which staging tables can be reused.
_SERVER_STAGES = """
SELECT c.relnamespace = pg_my_temp_schema(), c.relname,
       array_agg(a.attname::text || ' ' || format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum)
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
  AND ((c.relnamespace = pg_my_temp_schema() AND c.relname = ANY(%(stages)s))
       OR (c.relnamespace = to_regnamespace(current_schema())::oid
           AND c.relname = ANY(%(tables)s)))
GROUP BY 1, 2
"""


def _server_stages(con: sqlite3.Connection, sheets: list[Sheet]) -> None:
    """The staging tables on a PostgreSQL server, empty and indexed, before the rows are copied
    in. Creating a temporary table there is catalog work of several milliseconds per statement
    (its columns, types, index): the tables are kept for the life of the pooled connection (a
    session's temporary tables live as long as the session) and emptied with one ``TRUNCATE``
    of them all; a table is made again only if missing or if its columns differ from what this
    bundle's sheet (format version) and the hub's table (migrations) ask for. The statements
    that remain go to the server together, in one round trip."""
    raw = cast(Any, con).raw
    found: dict[tuple[bool, str], list[str]] = {}
    with raw.cursor() as cur:
        cur.execute(_SERVER_STAGES, {"stages": [_stage_name(s.table) for s in sheets],
                                     "tables": [s.table for s in sheets]})
        for temp, name, columns in cur.fetchall():
            found[(bool(temp), name)] = list(columns)
    keep: list[str] = []
    script: list[str] = []
    for sheet in sheets:
        stage = _stage_name(sheet.table)
        types = dict(c.split(" ", 1) for c in found.get((False, sheet.table), []))
        wanted = (["_row integer"] + [f"{k} {types.get(k, '?')}" for k in sheet.keys]
                  + ["_action text", "_was_deleted boolean"])
        if found.get((True, stage)) == wanted:
            keep.append(stage)
            continue
        cols = ", ".join(f'"{k}"' for k in sheet.keys)
        # typed columns: those of the real table; the index on id is made on the empty table
        # (it stays with the table from bundle to bundle)
        script += [f"DROP TABLE IF EXISTS pg_temp.{stage}",
                   f"CREATE TEMP TABLE {stage} AS SELECT NULL::integer AS _row, {cols}, "
                   f"NULL::text AS _action, NULL::boolean AS _was_deleted "
                   f'FROM "{sheet.table}" WITH NO DATA',
                   # as on SQLite: a staged row is new until classify finds it in the hub
                   # (the rows the hub does not hold are then never written twice)
                   f"ALTER TABLE {stage} ALTER COLUMN _action SET DEFAULT 'baru'",
                   f"CREATE UNIQUE INDEX {stage}_id ON {stage} (id)"]
    if keep:
        script.insert(0, "TRUNCATE " + ", ".join(f"pg_temp.{s}" for s in keep))
    with raw.cursor() as cur:
        cur.execute("; ".join(script))  # no parameters: one simple query, many statements


class StagingSteps(RunContext):
    def stage(self, con: sqlite3.Connection, workbook: bytes) -> None:
        manifest = self.opened.manifest
        carried = manifest.sheets  # format v1 or v2; optional sheets may be absent
        # The workbook's parts are checked first (an allow-list, sizes, the fixed parts byte for
        # byte with the writer's, and so the sheet names); then each sheet is decompressed,
        # checked against the writer's grammar and read in one pass, chunk by chunk, never
        # whole (sync.xlsx.CheckedWorkbook).
        book = CheckedWorkbook(workbook, sheet_count=len(carried), caps=self.read_caps,
                               layouts=[SheetLayout(s.name, s.headers) for s in carried],
                               format_version=manifest.format_version)
        total = sum(manifest.counts.values())
        done = 0
        by_table = {s.table: s for s in carried}
        position = {s.table: i for i, s in enumerate(carried, start=1)}
        # sheets the bundle does not carry are staged empty with every column
        self.staged = {s.table: by_table.get(s.table, s) for s in SCHEMA}
        server = dialect_of(con) == "postgresql"
        if server:
            _server_stages(con, [self.staged[s.table] for s in SCHEMA])
        else:
            # the staging tables stay in memory instead of spilling to the temp file page by
            # page as they are written and classified (restored by MergeSteps.drop)
            self.temp_cache = con.execute("PRAGMA temp.cache_size").fetchone()[0]
            con.execute(f"PRAGMA temp.cache_size = {-TEMP_CACHE_KIB}")
        try:
            for sheet in SCHEMA:
                sheet = self.staged[sheet.table]
                keys = sheet.keys
                cols = ", ".join(f'"{k}"' for k in keys)
                if not server:
                    con.execute(f"DROP TABLE IF EXISTS temp.{_stage_name(sheet.table)}")
                    # rows are appended in _row order (the rowid); the index on id comes after
                    con.execute(f"CREATE TEMP TABLE {_stage_name(sheet.table)} "
                                f"(_row INTEGER PRIMARY KEY, {cols}, "
                                "_action TEXT DEFAULT 'baru', _was_deleted INTEGER)")
                if sheet.table not in by_table:
                    if not server:
                        _index_stage(con, sheet.table)
                    continue
                expected = manifest.counts[sheet.name]
                chunks = book.sheet_columns(position[sheet.table])
                first = next(chunks, None)
                header = None if first is None else [c[0] for c in first]
                if first is None or header is None or [
                        str(h) for h in header] != sheet.headers:
                    _drain(chunks)  # a refusal of the sheet's grammar comes first
                    raise AppError("sync.xlsx.bad_header", sheet=sheet.name)
                body = chain([[c[1:] for c in first]] if len(first[0]) > 1 else [], chunks)
                try:
                    done = self._stage_sheet(con, sheet, _columns(body), expected, done, total)
                except AppError as exc:
                    if exc.code != "sync.bundle.count_mismatch":
                        raise
                    # more rows than the manifest says: the sheet was read to its end (its
                    # own refusals first); name the number of rows it holds
                    raise AppError(exc.code, sheet=sheet.name, expected=expected,
                                   found=book.sheet_rows(position[sheet.table])) from None
                found = book.sheet_rows(position[sheet.table])
                if found != expected:
                    raise AppError("sync.bundle.count_mismatch", sheet=sheet.name,
                                   expected=expected, found=found)
                if not server:
                    _index_stage(con, sheet.table)
        finally:
            book.close()
        self.tick("progress.import.read", total, total)

    def _stage_sheet(self, con: sqlite3.Connection, sheet: Sheet, rows: Any, expected: int,
                     done: int, total: int) -> int:
        return _SheetStager(self, con, sheet, expected, done, total).run(rows)


class _SheetStager:
    """One sheet into its staging table: chunks of rows converted column by column
    (:func:`sync.importer.cells.column_converter`); a chunk that holds anything else than
    valid rows is converted again cell by cell, which names every bad cell and rejects its row
    exactly as if no chunk had been tried."""

    def __init__(self, run: RunContext, con: sqlite3.Connection, sheet: Sheet, expected: int,
                 done: int, total: int) -> None:
        self.run_ctx, self.con, self.sheet = run, con, sheet
        self.expected, self.done, self.total = expected, done, total
        required = [(sheet.table, c.key) in REQUIRED_TEXT for c in sheet.columns]
        self.convs = [_converter(sheet.table, c, r) for c, r in zip(sheet.columns, required,
                                                                    strict=True)]
        self.column_convs = column_checks(sheet)
        self.headers = sheet.headers
        self.width = len(self.convs)
        self.owner_index = sheet.keys.index("owner_office")
        placeholders = ", ".join("?" * (self.width + 1))
        self.insert = (f"INSERT INTO {_stage_name(sheet.table)} (_row, "
                       + ", ".join(f'"{k}"' for k in sheet.keys) + f") VALUES ({placeholders})")
        self.seen: set[str] = set()
        self.batch: list[tuple[Any, ...]] = []
        self.rownum = 1
        self.counts = run.report.counts.setdefault(sheet.name, SheetCounts())
        self.village = run.village
        self.section = sheet.name

    def run(self, chunks: Iterator[list[tuple[Any, ...]]]) -> int:
        for columns in chunks:
            n = len(columns[0])
            staged = None
            if self.rownum - 1 + n > self.expected:
                _drain(chunks)  # the sheet's own refusals first, then the count
                raise AppError("sync.bundle.count_mismatch", sheet=self.sheet.name,
                               expected=self.expected, found=self.rownum - 1 + n)
            staged = self._chunk(columns)
            if staged is None:
                for raw in zip(*columns, strict=True):
                    self._row(raw)
            else:
                self.rownum += n
                self._add(staged)
        if self.batch:
            self._write()
        if self.rownum - 1 != self.expected:
            raise AppError("sync.bundle.count_mismatch", sheet=self.sheet.name,
                           expected=self.expected, found=self.rownum - 1)
        return self.done + self.expected

    def _chunk(self, raw: list[tuple[Any, ...]]) -> list[tuple[Any, ...]] | None:
        """The rows of a chunk (given as its columns) ready for the staging table, or None
        unless every row is valid, of this village and new in the sheet."""
        columns = raw.checked if isinstance(raw, _Piece) else None  # by the sheet worker
        if columns is None:
            columns = checked_columns(self.column_convs, raw)
            if columns is None:
                return None
        n = len(raw[0])
        ids = columns[0]
        if columns[self.owner_index].count(self.village) != n:
            return None
        if len(set(ids)) != n or not self.seen.isdisjoint(ids):
            return None
        self.seen.update(ids)
        first = self.rownum + 1
        return list(zip(range(first, first + n), *columns, strict=True))

    def _write(self) -> None:
        """The batch into the staging table: ``COPY`` on a PostgreSQL server (one stream
        instead of a statement per row), the prepared INSERT on SQLite."""
        if dialect_of(self.con) == "postgresql":
            cast(Any, self.con).copy_rows(_stage_name(self.sheet.table), ["_row", *self.sheet.keys],
                               self.batch)
        else:
            self.con.executemany(self.insert, self.batch)

    def _add(self, staged: list[tuple[Any, ...]]) -> None:
        """Append rows to the batch, written (and progress told) every CHUNK rows, at the same
        rows as :meth:`_row` would."""
        start = 0
        while start < len(staged):
            part = staged[start:start + CHUNK - len(self.batch)]
            self.batch.extend(part)
            start += len(part)
            if len(self.batch) >= CHUNK:
                self._flush(part[-1][0])

    def _flush(self, rownum: int) -> None:
        self._write()
        self.batch.clear()
        self.run_ctx.tick("progress.import.sheet", self.done + rownum - 1, self.total,
                          section=self.section)

    def _row(self, raw: Any) -> None:
        """One row, cell by cell: every bad cell becomes a row error."""
        self.rownum += 1
        rownum = self.rownum
        sheet, headers, width = self.sheet, self.headers, self.width
        if rownum - 1 > self.expected:
            raise AppError("sync.bundle.count_mismatch", sheet=sheet.name,
                           expected=self.expected, found=rownum - 1)
        if len(raw) != width:
            raw = (list(raw) + [""] * width)[:width]
        out: list[Any] = [rownum]
        bad = False
        for i, (conv, value) in enumerate(zip(self.convs, raw, strict=True)):
            try:
                out.append(conv(value))
            except _CellError as exc:
                bad = True
                self.run_ctx.error(RowError(sheet.name, rownum, headers[i], exc.code,
                                            exc.params, raw[0] if isinstance(raw[0], str)
                                            else ""))
        owner_index, village = self.owner_index, self.village
        if not bad:
            row_id = out[1]
            if out[owner_index + 1] != village:
                bad = True
                self.run_ctx.error(RowError(sheet.name, rownum, headers[owner_index],
                                            "sync.row.other_village",
                                            {"found": str(out[owner_index + 1])[:20],
                                             "village": village}, row_id))
            elif row_id in self.seen:
                bad = True
                self.run_ctx.error(RowError(sheet.name, rownum, headers[0],
                                            "sync.row.duplicate_id", {}, row_id))
        if bad:
            self.counts.rejected += 1
            self.run_ctx.report.error_rows += 1
            return
        self.seen.add(out[1])
        self.batch.append(tuple(out))
        if len(self.batch) >= CHUNK:
            self._flush(rownum)
