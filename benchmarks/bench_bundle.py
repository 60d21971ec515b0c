"""Bundle speed at regency scale (issue 4 item 9). Run: ``python benchmarks/bench_bundle.py``.

* a village of 20,000 demo residents exports a bundle; the export is timed against its floor,
  the same SQL read written as CSV and deflated into a zip (issue 15 item 5), and against the
  peer openpyxl's write-only mode writing the same rows (goal: at most 1.3x openpyxl);
* a P4MI hub already holding 200,000 residents and 250,000 episodes (bulk-inserted copies of
  the village with new ids, other village codes and NIKs) imports the bundle; the import is
  timed against the floor measured in the same run: python-calamine reading the same workbook
  plus a bare ``sqlite3`` bulk upsert of its rows into a copy of the same hub (goal: at most
  2x). The verified backup the import makes first is timed separately (it grows with the hub);
* peak Python memory of the import (tracemalloc) into the 200,000-resident hub and into an
  empty hub: bounded by the bundle, not by the hub.

Options: ``--residents N`` (default 20000), ``--hub-copies K`` (default 10), ``--keep DIR``,
``--export-only``.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import tracemalloc
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VILLAGE = "18.07.01.2001"


def _village(root: Path, residents: int):
    from app.core.demo import add_demo_data
    from app.core.paths import DataDir
    from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace

    ws = open_workspace(DataDir(root))
    office = initialise_office(ws, mode=MODE_VILLAGE, code=VILLAGE, name="Sukadana",
                               operator="bench")
    add_demo_data(ws.db, office, residents, seed=42, today=date(2026, 1, 15))
    return ws


def _hub(root: Path):
    from app.core.paths import DataDir
    from app.core.workspace import MODE_P4MI, initialise_office, open_workspace

    ws = open_workspace(DataDir(root))
    initialise_office(ws, mode=MODE_P4MI, code="18.07", name="Lampung Timur", operator="bench")
    return ws


def _fill_hub(hub_db: Path, village_db: Path, copies: int, episodes_target: int) -> None:
    """Bulk-insert ``copies`` copies of the village's synced rows under other village codes."""
    from app.core import reference
    from sync.schema import SCHEMA

    codes = [v for d, _ in reference.children("18.07") for v, _ in reference.children(d)
             if v != VILLAGE][:copies]
    src = sqlite3.connect(village_db)
    dst = sqlite3.connect(hub_db)
    dst.execute("PRAGMA synchronous=OFF")
    dst.execute("BEGIN")
    rng = random.Random(1)
    for n, code in enumerate(codes):
        ids: dict[str, str] = {}

        def new_id(old: str | None, _ids: dict[str, str] = ids) -> str | None:
            if old is None:
                return None
            if old not in _ids:
                _ids[old] = uuid.uuid4().hex
            return _ids[old]

        for sheet in SCHEMA:
            table = sheet.table
            cols = [c for c in sheet.keys] + (["migrant_status"] if table == "resident" else [])
            rows = src.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            ref_idx = [i for i, c in enumerate(sheet.columns) if c.kind in ("id", "ref")]
            owner = cols.index("owner_office")
            nik = cols.index("nik") if table == "resident" else None
            repeat = 1
            if table == "episode" and rows:
                repeat = max(1, round(episodes_target / copies / len(rows)))
            out = []
            for r in rows:
                for k in range(repeat):
                    row = list(r)
                    for i in ref_idx:
                        row[i] = new_id(row[i]) if (i != 0 or k == 0) else uuid.uuid4().hex
                    row[owner] = code
                    if nik is not None and row[nik]:
                        row[nik] = row[nik][:12] + f"{rng.randrange(10000):04d}"
                    out.append(row)
            dst.executemany(f"INSERT OR IGNORE INTO {table} ({', '.join(cols)}) VALUES "
                            f"({', '.join('?' * len(cols))})", out)
        print(f"  hub: copy {n + 1}/{len(codes)} ({code})", flush=True)
    dst.execute("COMMIT")
    dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    src.close()
    dst.close()


def _rows_for_openpyxl(village_db: Path):
    from sync.schema import SCHEMA

    con = sqlite3.connect(village_db)
    out = {}
    for sheet in SCHEMA:
        rows = []
        for r in con.execute(f"SELECT {', '.join(chr(34) + k + chr(34) for k in sheet.keys)} "
                             f"FROM {sheet.table} ORDER BY rowid"):
            row = []
            for col, v in zip(sheet.columns, r, strict=True):
                if col.kind == "date" and v is not None:
                    v = date.fromisoformat(v)
                elif col.kind == "bool":
                    v = "ya" if v else "tidak"
                row.append(v)
            rows.append(row)
        out[sheet.name] = (sheet.headers, rows)
    con.close()
    return out


def _openpyxl_write(data) -> float:
    import openpyxl

    started = time.perf_counter()
    wb = openpyxl.Workbook(write_only=True)
    for name, (headers, rows) in data.items():
        ws = wb.create_sheet(name)
        ws.append(headers)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return time.perf_counter() - started


def _csv_deflate_floor(village_db: Path, office: str) -> tuple[float, int]:
    """The export's floor: the same SQL read as the export (``sync.export``'s column
    expressions, ``ORDER BY rowid``) written as CSV, one member per sheet, deflated into a
    zip in memory. Returns (seconds, bytes)."""
    import csv
    import zipfile

    from sync.export import _select_expr
    from sync.schema import SCHEMA

    started = time.perf_counter()
    con = sqlite3.connect(village_db)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for sheet in SCHEMA:
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(sheet.headers)
            writer.writerows(con.execute(
                f'SELECT {", ".join(_select_expr(c) for c in sheet.columns)} '
                f'FROM "{sheet.table}" WHERE owner_office = ? ORDER BY rowid', [office]))
            zf.writestr(f"{sheet.name}.csv", text.getvalue().encode())
    con.close()
    return time.perf_counter() - started, len(buf.getvalue())


def _floor(workbook: bytes, hub_db: Path) -> tuple[float, float]:
    """calamine read of the same workbook + bare sqlite3 bulk upsert into the hub."""
    import python_calamine

    from sync.schema import SCHEMA

    started = time.perf_counter()
    wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(workbook))
    sheets = {s.name: wb.get_sheet_by_name(s.name).to_python() for s in SCHEMA}
    read = time.perf_counter() - started
    con = sqlite3.connect(hub_db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("BEGIN IMMEDIATE")
    for sheet in SCHEMA:
        cols = list(sheet.keys)
        extra = ", migrant_status" if sheet.table == "resident" else ""
        extra_v = ", 'bukan'" if sheet.table == "resident" else ""
        sets = ", ".join(f'"{c}" = excluded."{c}"' for c in cols[1:])
        con.executemany(
            f"INSERT INTO {sheet.table} ({', '.join(chr(34) + c + chr(34) for c in cols)}{extra})"
            f" VALUES ({', '.join('?' * len(cols))}{extra_v}) ON CONFLICT(id) DO UPDATE SET "
            f"{sets}", [[None if v == "" and c.nullable else v
                         for c, v in zip(sheet.columns, r, strict=True)]
                        for r in sheets[sheet.name][1:]])
    con.execute("COMMIT")
    con.close()
    return read, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--hub-copies", type=int, default=10)
    parser.add_argument("--keep", default=None)
    parser.add_argument("--export-only", action="store_true",
                        help="only the export and its floor (no hub, no import)")
    args = parser.parse_args()
    from app.core.backup import backup_database
    from sync.container import read_bundle
    from sync.export import export_bundle
    from sync.importer import import_bundle

    tmp = Path(args.keep or tempfile.mkdtemp(prefix="bench-bundle-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        t = time.perf_counter()
        village = _village(tmp / "desa", args.residents)
        print(f"village of {args.residents} residents generated in "
              f"{time.perf_counter() - t:.1f} s")
        export_s = []
        for _ in range(3):
            report = export_bundle(village, tmp / f"usb{len(export_s)}", full=True)
            export_s.append(report.seconds)
        bundle = report.path
        rows = report.total_rows
        data = _rows_for_openpyxl(village.data_dir.db_path)
        openpyxl_s = min(_openpyxl_write(data) for _ in range(2))
        floor = [_csv_deflate_floor(village.data_dir.db_path, VILLAGE) for _ in range(3)]
        floor_s = min(f[0] for f in floor)
        village.close()
        print(f"EXPORT  {rows} rows: ours {min(export_s):.2f} s (best of 3; plain, incl. SQL "
              f"read, zip, signature, fsync); bundle {report.size:,} bytes")
        print(f"        floor: the same SQL read as CSV + deflate {floor_s:.2f} s "
              f"({floor[0][1]:,} bytes) -> ours / floor {min(export_s) / floor_s:.2f}")
        print(f"        peer: openpyxl write-only of the same rows (SQL read apart) "
              f"{openpyxl_s:.2f} s -> ours / openpyxl {min(export_s) / openpyxl_s:.2f} "
              f"(goal <= 1.3)", flush=True)
        if args.export_only:
            return 0

        hub = _hub(tmp / "hub")
        hub_db = hub.data_dir.db_path
        hub.close()
        t = time.perf_counter()
        _fill_hub(hub_db, tmp / "desa" / "buku_migran.db", args.hub_copies, 250_000)
        con = sqlite3.connect(hub_db)
        n_res = con.execute("SELECT count(*) FROM resident").fetchone()[0]
        n_eps = con.execute("SELECT count(*) FROM episode").fetchone()[0]
        con.close()
        print(f"hub of {n_res:,} residents and {n_eps:,} episodes bulk-inserted in "
              f"{time.perf_counter() - t:.1f} s")
        for name in ("hub_floor", "hub_mem"):
            shutil.copytree(tmp / "hub", tmp / name)

        opened = read_bundle(bundle)
        fp = opened.manifest.public_key.fingerprint
        from app.core.paths import DataDir
        from app.core.workspace import open_workspace

        ws = open_workspace(DataDir(tmp / "hub"))
        t = time.perf_counter()
        backup_database(hub_db, tmp / "backups", reason="bench")
        backup_s = time.perf_counter() - t
        result = import_bundle(ws, bundle, confirm_key=fp, backup=False)
        import_s = result.seconds
        ws.close()
        assert result.total("new") == rows, result.total("new")

        read_s, floor_s = _floor(opened.data, tmp / "hub_floor" / "buku_migran.db")
        print(f"IMPORT  {rows} rows into {n_res:,}-resident hub: ours {import_s:.2f} s "
              f"(verify, pre-scan, stage, validate, classify, merge, statuses, history) vs floor "
              f"{floor_s:.2f} s (calamine read {read_s:.2f} s + bare sqlite3 upsert) -> ratio "
              f"{import_s / floor_s:.2f} (goal <= 2)")
        print(f"        verified backup before the import: {backup_s:.2f} s (grows with the "
              f"hub; with it the ratio is {(import_s + backup_s) / floor_s:.2f})")

        ws = open_workspace(DataDir(tmp / "hub_mem"))
        tracemalloc.start()
        import_bundle(ws, bundle, confirm_key=fp, backup=False)
        peak_big = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        ws.close()
        empty = _hub(tmp / "hub_empty")
        tracemalloc.start()
        import_bundle(empty, bundle, confirm_key=fp, backup=False)
        peak_empty = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        empty.close()
        print(f"MEMORY  peak Python allocations of the import: {peak_big / 2**20:.1f} MiB into "
              f"the {n_res:,}-resident hub, {peak_empty / 2**20:.1f} MiB into an empty hub "
              f"(bundle {report.size / 2**20:.1f} MiB, cap 64 MiB)")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
