"""The P4MI Excel recap against its floor (issue 15 item 5).

    python benchmarks/bench_recap.py [--hub /tmp/bench-hub-cache/hub_200000]

Works on a copy of the hub (made under ``--work``). Prints, best of ``--repeat`` runs each:

* ours: :func:`sync.recap.write_recap` (SQL read, reference labels, the safe table writer
  :mod:`app.core.tables`, atomic rename with fsync, audit row);
* floor: the same SQL (the village overview, the procedure counts and the three person
  queries of ``sync.recap``) written as CSV and deflated into a zip in memory;
* peer: openpyxl write-only (plain values, no per-cell styles) of the same rows, SQL included;
* the ratio of ours to the floor and to openpyxl.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import shutil
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _sql_rows(ws):  # noqa: ANN001, ANN202 - (sheet name, headers, rows) as the recap reads them
    from app.core.repo import p4mi as repo
    from sync.dbutil import raw_connection
    from sync.recap import _PERSONS_SQL, _PROCEDURE_SQL, PERSON_HEADERS, STATUS_SHEETS

    office = ws.office()
    with ws.db.session() as s:
        villages = repo.villages_overview(s, office.code)
    with raw_connection(ws.db) as con:
        proc = con.execute(_PROCEDURE_SQL).fetchall()
        yield "Rekap per Desa", ("Kode", "Desa", "Penduduk"), [
            (v.code, v.name, v.residents, len(proc)) for v in villages]
        for status, title in STATUS_SHEETS:
            yield title, PERSON_HEADERS, con.execute(_PERSONS_SQL, (status,))


def floor(ws) -> float:  # noqa: ANN001
    started = time.perf_counter()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, headers, rows in _sql_rows(ws):
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(headers)
            writer.writerows(rows)
            zf.writestr(f"{name}.csv", text.getvalue().encode())
    return time.perf_counter() - started


def openpyxl_peer(ws) -> float:  # noqa: ANN001
    import openpyxl

    started = time.perf_counter()
    book = openpyxl.Workbook(write_only=True)
    for name, headers, rows in _sql_rows(ws):
        sheet = book.create_sheet(name)
        sheet.append(list(headers))
        for row in rows:
            sheet.append(list(row))
    book.save(io.BytesIO())
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hub", default="/tmp/bench-hub-cache/hub_200000")
    parser.add_argument("--work", default="/tmp/hub15b-bench-recap")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from sync.recap import write_recap

    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(args.hub, work / "hub", ignore=shutil.ignore_patterns("cadangan", "log*"))
    ws = open_workspace(DataDir(work / "hub"), exclusive=False)
    try:
        ours, rows = [], {}
        for n in range(args.repeat):
            started = time.perf_counter()
            report = write_recap(ws, work / f"rekap{n}.xlsx")
            ours.append(time.perf_counter() - started)
            rows = report.rows
        size = (work / "rekap0.xlsx").stat().st_size
        floors = [floor(ws) for _ in range(args.repeat)]
        peers = [openpyxl_peer(ws) for _ in range(min(2, args.repeat))]
    finally:
        ws.close()
    total = sum(v for k, v in rows.items() if k != "Rekap per Desa")
    print(f"RECAP  {total:,} person rows + {rows.get('Rekap per Desa', 0)} villages, "
          f"{size / 2**20:.1f} MiB workbook")
    runs = ", ".join(f"{t:.2f}" for t in ours)
    print(f"  ours (write_recap)           {min(ours):6.2f} s  (runs {runs})")
    print(f"  floor (same SQL, CSV+deflate) {min(floors):6.2f} s  -> ours / floor "
          f"{min(ours) / min(floors):.2f}")
    print(f"  peer (openpyxl write-only)   {min(peers):6.2f} s  -> ours / openpyxl "
          f"{min(ours) / min(peers):.2f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS {rss:.0f} MiB; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
