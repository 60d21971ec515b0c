"""Stage: the workbook's sheets, read by the streaming reader of the writer's grammar, go into
``TEMP`` staging tables; bad cells become row errors."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from typing import Any

from app.core.errors import AppError
from sync.dbutil import dialect_of
from sync.importer.cells import _CellError, _converter
from sync.importer.context import RunContext, _stage_name
from sync.importer.report import RowError, SheetCounts
from sync.schema import REQUIRED_TEXT, SCHEMA, Sheet
from sync.xlsx import SheetLayout, iter_sheet_rows, prescan

CHUNK = 2_000


class StagingSteps(RunContext):
    def stage(self, con: sqlite3.Connection, workbook: bytes) -> None:
        manifest = self.opened.manifest
        carried = manifest.sheets  # format v1 or v2; optional sheets may be absent
        scan = prescan(workbook, sheet_count=len(carried),
                       layouts=[SheetLayout(s.name, s.headers) for s in carried])
        for index, sheet in enumerate(carried, start=1):
            found = scan.sheet_rows.get(f"xl/worksheets/sheet{index}.xml", -1)
            if found != manifest.counts.get(sheet.name):
                raise AppError("sync.bundle.count_mismatch", sheet=sheet.name,
                               expected=manifest.counts.get(sheet.name), found=found)
        # The pre-scan compared the workbook's parts (and so its sheet names) byte for byte
        # with the writer's and every sheet with its grammar: the sheets are read by the
        # streaming reader of that grammar, chunk by chunk, never whole.
        zf = zipfile.ZipFile(io.BytesIO(workbook))
        total = sum(manifest.counts.values())
        done = 0
        by_table = {s.table: s for s in carried}
        position = {s.table: i for i, s in enumerate(carried, start=1)}
        # sheets the bundle does not carry are staged empty with every column
        self.staged = {s.table: by_table.get(s.table, s) for s in SCHEMA}
        for sheet in SCHEMA:
            sheet = self.staged[sheet.table]
            keys = sheet.keys
            cols = ", ".join(f'"{k}"' for k in keys)
            con.execute(f"DROP TABLE IF EXISTS temp.{_stage_name(sheet.table)}")
            if dialect_of(con) == "postgresql":  # typed columns: those of the real table
                con.execute(f"CREATE TEMP TABLE {_stage_name(sheet.table)} AS SELECT "
                            f"NULL::integer AS _row, {cols}, NULL::text AS _action, "
                            f'NULL::boolean AS _was_deleted FROM "{sheet.table}" WITH NO DATA')
                con.execute(f"ALTER TABLE {_stage_name(sheet.table)} ADD PRIMARY KEY (id)")
            else:
                con.execute(f"CREATE TEMP TABLE {_stage_name(sheet.table)} (_row INTEGER, "
                            f"{cols}, _action TEXT, _was_deleted INTEGER, "
                            "PRIMARY KEY (id)) WITHOUT ROWID")
            if sheet.table not in by_table:
                continue
            expected = manifest.counts[sheet.name]
            rows = iter_sheet_rows(zf, f"xl/worksheets/sheet{position[sheet.table]}.xml",
                                   len(sheet.headers))
            header = next(rows, None)
            if header is None or [str(h) for h in header] != sheet.headers:
                raise AppError("sync.xlsx.bad_header", sheet=sheet.name)
            done = self._stage_sheet(con, sheet, rows, expected, done, total)
        self.tick("Membaca paket", total, total)

    def _stage_sheet(self, con: sqlite3.Connection, sheet: Sheet, rows: Any, expected: int,
                     done: int, total: int) -> int:
        convs = [_converter(sheet.table, c, (sheet.table, c.key) in REQUIRED_TEXT)
                 for c in sheet.columns]
        headers = sheet.headers
        width = len(convs)
        owner_index = sheet.keys.index("owner_office")
        placeholders = ", ".join("?" * (width + 1))
        insert = (f"INSERT INTO {_stage_name(sheet.table)} (_row, "
                  + ", ".join(f'"{k}"' for k in sheet.keys) + f") VALUES ({placeholders})")
        seen: set[str] = set()
        batch: list[tuple[Any, ...]] = []
        rownum = 1
        counts = self.report.counts.setdefault(sheet.name, SheetCounts())
        village = self.village
        for raw in rows:
            rownum += 1
            if rownum - 1 > expected:
                raise AppError("sync.bundle.count_mismatch", sheet=sheet.name,
                               expected=expected, found=rownum - 1)
            if len(raw) != width:
                raw = (list(raw) + [""] * width)[:width]
            out: list[Any] = [rownum]
            bad = False
            for i, (conv, value) in enumerate(zip(convs, raw, strict=True)):
                try:
                    out.append(conv(value))
                except _CellError as exc:
                    bad = True
                    self.error(RowError(sheet.name, rownum, headers[i], exc.code, exc.params,
                                        raw[0] if isinstance(raw[0], str) else ""))
            if not bad:
                row_id = out[1]
                if out[owner_index + 1] != village:
                    bad = True
                    self.error(RowError(sheet.name, rownum, headers[owner_index],
                                        "sync.row.other_village",
                                        {"found": str(out[owner_index + 1])[:20],
                                         "village": village}, row_id))
                elif row_id in seen:
                    bad = True
                    self.error(RowError(sheet.name, rownum, headers[0], "sync.row.duplicate_id",
                                        {}, row_id))
            if bad:
                counts.rejected += 1
                self.report.error_rows += 1
                continue
            seen.add(out[1])
            batch.append(tuple(out))
            if len(batch) >= CHUNK:
                con.executemany(insert, batch)
                batch.clear()
                self.tick(f"Membaca {sheet.name}", done + rownum - 1, total)
        if batch:
            con.executemany(insert, batch)
        if rownum - 1 != expected:
            raise AppError("sync.bundle.count_mismatch", sheet=sheet.name, expected=expected,
                           found=rownum - 1)
        return done + expected
