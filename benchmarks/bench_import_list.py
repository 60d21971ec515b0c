"""Benchmark: import of a 10,000-row village list (preview + import), against the floor.

    python benchmarks/bench_import_list.py [--rows 10000]

Builds an OpenSID-style .xlsx of ``--rows`` people (valid NIKs, codes as numbers, a tenth
with a migration: country and departure date), then measures in a fresh village data folder:

- floor: python-calamine reading the sheet plus plain ``sqlite3`` inserting the rows
  (the least any import can cost);
- read: guarded read (:func:`sync.lists.read.read_table`, bundle prescan + calamine);
- preview: mapping, normalising, matching, the resident form's checks for every row;
- import: backup, one unit of work through the services, undo journal, audit;
- preview again: the same file against the filled register (the idempotent re-import);
- peak RSS of the process (``resource.getrusage``) after each step.

Goal: preview + import well under 10 s on the project machine, memory flat (RSS grows with
the rows held, not with a copy per step). The machine is shared: each step also prints the
CPU seconds of this process, which other work on the machine does not inflate.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(path: Path, rows: int) -> None:
    from app.core.rules.nik import generate_kk, generate_nik
    from sync.xlsx import KIND_INT, KIND_TEXT, SheetSpecW, XlsxWriter

    headers = ["nama", "nik", "no_kk", "sex", "tanggallahir", "dusun", "rt", "rw",
               "pendidikan_kk_id", "status_kawin", "kk_level", "negara", "tanggal berangkat"]
    kinds = [KIND_TEXT] * 5 + [KIND_TEXT] * 3 + [KIND_INT] * 3 + [KIND_TEXT] * 2

    def values():  # noqa: ANN202
        start = date(1960, 1, 1)
        for i in range(rows):
            born = start + timedelta(days=(i * 7) % 16000)
            sex = "L" if i % 2 else "P"
            nik = generate_nik("180701", born, sex, i % 9999 + 1)
            abroad = i % 10 == 0
            yield [f"WARGA {i:05d}", nik, generate_kk("180701", date(2012, 1, 1), i // 4 + 1),
                   sex, born.strftime("%d/%m/%Y"), f"DUSUN {i % 7}", f"{i % 9 + 1:03d}",
                   "001", i % 10 + 1, 1 + i % 4, 1 + i % 4,
                   "Malaysia" if abroad else "", "01/02/2023" if abroad else ""]

    with open(path, "wb") as handle:
        writer = XlsxWriter(handle)
        writer.add_sheet(SheetSpecW("Sheet1", headers, kinds), values(), rows)
        writer.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    from app.core.paths import DataDir
    from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace
    from sync.lists import mapping
    from sync.lists.apply import apply_preview
    from sync.lists.plan import build_preview
    from sync.lists.read import read_table

    tmp = Path(tempfile.mkdtemp(prefix="bench_lists_"))
    src = tmp / "daftar.xlsx"
    build(src, args.rows)
    print(f"{args.rows} rows, {src.stat().st_size / 1e6:.1f} MB, RSS {rss_mb():.0f} MB")

    import python_calamine

    t = time.perf_counter()
    cells = python_calamine.CalamineWorkbook.from_path(str(src)).get_sheet_by_name(
        "Sheet1").to_python()
    con = sqlite3.connect(tmp / "floor.db")
    con.execute("CREATE TABLE r (a, b, c, d, e, f, g, h, i, j, k, l, m)")
    con.executemany("INSERT INTO r VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", cells[1:])
    con.commit()
    con.close()
    floor = time.perf_counter() - t
    print(f"floor (calamine + sqlite3): {floor:.2f} s")

    ws = open_workspace(DataDir(tmp / "desa"))
    initialise_office(ws, mode=MODE_VILLAGE, code="18.07.01.2001", name="Sukadana",
                      operator="Bench")
    t, c = time.perf_counter(), time.process_time()
    table = read_table(src, mapping.score)
    read = time.perf_counter() - t
    print(f"guarded read: {read:.2f} s (CPU {time.process_time() - c:.2f} s), "
          f"RSS {rss_mb():.0f} MB")
    t, c = time.perf_counter(), time.process_time()
    with ws.db.session() as s:
        preview = build_preview(s, table, mapping.guess(table.headers))
    prev = time.perf_counter() - t
    print(f"preview: {prev:.2f} s (CPU {time.process_time() - c:.2f} s), "
          f"counts {preview.counts}, RSS {rss_mb():.0f} MB")
    t, c = time.perf_counter(), time.process_time()
    result = apply_preview(ws.db, ws.data_dir.backups, preview, operator="Bench")
    imp = time.perf_counter() - t
    print(f"import: {imp:.2f} s (CPU {time.process_time() - c:.2f} s; {result.created} "
          f"residents, {result.episodes} episodes), RSS {rss_mb():.0f} MB")
    total = read + prev + imp
    print(f"read + preview + import: {total:.2f} s = {total / floor:.1f}x the floor; "
          f"goal < 10 s: {'OK' if total < 10 else 'TOO SLOW'}")
    t = time.perf_counter()
    with ws.db.session() as s:
        again = build_preview(s, table, mapping.guess(table.headers))
    print(f"preview of the same file again (against the filled register): "
          f"{time.perf_counter() - t:.2f} s, unchanged {again.counts['unchanged']}, "
          f"RSS {rss_mb():.0f} MB")
    ws.close()


if __name__ == "__main__":
    main()
