"""Work per bundle is bounded (issue 17 item 14). Run: ``python benchmarks/bench_hostile.py``.

Each case imports one bundle, signed with the village's real key, into a P4MI hub in a
child process and reports wall time and the child's peak RSS (``ru_maxrss``). Goal: every
bundle within the 64 MiB cap is decided (imported or refused) in under 10 s and 500 MB.

* ``dup-nik``: village A sends 20,000 residents sharing one NIK, then village B sends 20,000
  residents with that same NIK (the cross-village NIK check must not pair every row of one
  with every row of the other);
* ``big``: one bundle of about 170,000 valid residents (a demo village's rows copied with new
  ids and NIKs) into an empty hub;
* ``far-cell``: a cell at XFD1048576 (refused by the pre-scan, never reaches the reader);
* ``full``: the fullest bundle the caps allow with a real village's mix of sheets: every
  sheet of a 10,000-resident demo village copied (new ids, references kept within each copy)
  as many times as the caps admit (bytes of the whole workbook and of one sheet, rows per
  sheet, rows per bundle: ``sync.container.MAX_BUNDLE_ROWS``), the last copy trimmed to the
  exact row cap, so that every sheet is big, not only the residents; then every resident's
  note lengthened until the workbook is within 5 % of the cap on its unpacked bytes;
* ``errors``: the same bundle with every resident's NIK too short (every chunk of the biggest
  sheet falls back to the cell-by-cell check; refused with some 59,000 row errors).

Options: ``--residents N`` (default 170000), ``--dup N`` (default 20000), ``--keep DIR``
(kept; a second run with the same DIR imports the big bundle made by the first into a new
empty hub), ``--only CASE``. Each line prints wall seconds, peak RSS, the child's CPU seconds
and the ratios to the goal (10 s, 500 MB). ``--pg URL`` (a role with CREATEDB): every hub is
a fresh PostgreSQL database made for the run and dropped after; the peak RSS is then the
importing process's alone, not the server's. ``--hub DIR``: ``full`` and ``errors`` go into a
copy of this built hub instead of an empty one (the design's hub of 200,000 residents:
``python -m sync demo-hub --data-dir DIR --villages 20 --residents 10000``, about 2 minutes).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

A = "18.07.01.2001"
B = "18.07.01.2002"


def _village(root: Path, code: str, residents: int):  # noqa: ANN202 - Workspace
    from tests.sync.conftest import make_village

    return make_village(root, code=code, residents=residents, seed=42)


def _rows(workbook: bytes) -> dict[str, list[list[Any]]]:
    from tests.sync.conftest import read_sheets

    return read_sheets(workbook)


def _resign(ws: Any, src: Path, sheets: dict[str, list[list[Any]]], dest: Path) -> Path:
    from tests.sync.conftest import repack, unpack, village_keypair, write_sheets

    manifest, _ = unpack(src)
    counts = {n: len(r) - 1 for n, r in sheets.items()}
    return repack(dest / src.name, manifest, write_sheets(sheets), village_keypair(ws),
                  counts=counts)


def _fresh_ids(sheets: dict[str, list[list[Any]]], copies: int) -> None:
    """Append ``copies`` copies of every resident with a new id and a new NIK serial."""
    people = sheets["Penduduk"]
    header, body = people[0], people[1:]
    nik_col = header.index("NIK")
    kk_col = header.index("No KK")
    serial = 0
    for _ in range(copies):
        for row in body:
            serial += 1
            new = list(row)
            new[0] = uuid.uuid4().hex
            if new[nik_col]:
                new[nik_col] = str(new[nik_col])[:12] + f"{(serial % 9999) + 1:04d}"
            if new[kk_col]:
                new[kk_col] = str(new[kk_col])[:12] + f"{(serial % 9999) + 1:04d}"
            people.append(new)


def _same_nik(sheets: dict[str, list[list[Any]]], nik: str) -> None:
    people = sheets["Penduduk"]
    col = people[0].index("NIK")
    for row in people[1:]:
        row[col] = nik


def _child(hub: Path, bundle: Path) -> tuple[float, float, str]:
    """Import ``bundle`` into ``hub`` in a child process: (seconds, peak RSS MiB, outcome)."""
    code = (
        "import sys, time\n"
        "root, hub, bundle = sys.argv[1:4]\n"
        "sys.path.insert(0, root)\n"
        "from pathlib import Path\n"
        "from app.core.paths import DataDir\n"
        "from app.core.workspace import open_workspace\n"
        "from app.core.errors import AppError\n"
        "from sync.container import read_bundle\n"
        "from sync.importer import import_bundle\n"
        "ws = open_workspace(DataDir(Path(hub)))\n"
        "p = Path(bundle)\n"
        "t = time.perf_counter()\n"
        "try:\n"
        "    key = read_bundle(p).manifest.public_key.fingerprint\n"
        "    r = import_bundle(ws, p, confirm_key=key, backup=False)\n"
        "    out = f'{r.status} nik_clashes={len(r.nik_clashes)}'\n"
        "except AppError as e:\n"
        "    out = 'refused ' + e.code\n"
        "print(round(time.perf_counter() - t, 2), out)\n"
        # its own peak, and that of the sheet worker it started. Not RUSAGE_SELF: Linux
        # carries the high-water mark of the memory a process had before exec into its
        # ru_maxrss, and this child began as the bench process (which may just have built a
        # 300 MiB bundle); VmHWM is that of the program it became.
        "import re, resource\n"
        "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())\n"
        "own = int(hwm.group(1)) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print('rss', own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = usage.ru_maxrss
    cpu_before = usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, str(ROOT), str(hub), str(bundle)],
                          capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss
    cpu = usage.ru_utime + usage.ru_stime - cpu_before  # the machine is shared: CPU seconds too
    if proc.returncode != 0:
        return wall, peak / 1024, f"CRASH rc={proc.returncode} {proc.stderr[-300:]}"
    lines = proc.stdout.strip().splitlines()
    if lines and lines[-1].startswith("rss "):
        # the child's peak plus its sheet worker's peak (sync/sheet_worker.py): an upper
        # bound of the two processes' memory at any one moment
        own, helper = (int(x) for x in lines.pop().split()[1:])
        worker = f" (worker {helper / 1024:.0f} MiB)" if helper else ""
        return wall, (own + helper) / 1024, f"{' '.join(lines)} cpu={cpu:.1f}s{worker}"
    # ru_maxrss of children is the maximum over all children so far: run each case alone
    # (``--only``) for an exact figure when an earlier child was larger
    return wall, max(peak, before) / 1024, f"{proc.stdout.strip()} cpu={cpu:.1f}s"


PG_ADMIN: str | None = None  # --pg: hubs on PostgreSQL
PG_MADE: list[str] = []
HUB_TEMPLATE: Path | None = None  # --hub: a built hub, copied for the full and errors cases


def _hub(root: Path) -> Path:
    from tests.sync.conftest import make_hub

    if PG_ADMIN:  # a fresh database, set up as bench_pg_import.py sets up its hubs
        import uuid

        import psycopg
        from bench_pg_import import _hub as hub_on
        from bench_pg_import import _with_db

        name = f"bmd_hostile_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"')
        PG_MADE.append(name)
        ws = hub_on(root, _with_db(PG_ADMIN, name))
    else:
        ws = make_hub(root)
    folder = ws.data_dir.root
    ws.close()
    return folder


def case_dup(tmp: Path, n: int) -> list[tuple[str, float, float, str]]:
    from tests.sync.conftest import export

    nik = "1807014101900001"
    hub = _hub(tmp / "hub-dup")
    out = []
    for code in (A, B):
        ws = _village(tmp / f"desa-{code}", code, 200)
        try:
            src = export(ws, tmp / f"asli-{code}", full=True)
            from tests.sync.conftest import unpack

            sheets = _rows(unpack(src)[1])
            copies = max(0, -(-n // 200) - 1)
            _fresh_ids(sheets, copies)
            people = sheets["Penduduk"]
            del people[n + 1:]
            _same_nik(sheets, nik)
            bundle = _resign(ws, src, sheets, tmp / f"dup-{code}")
        finally:
            ws.close()
        wall, rss, outcome = _child(hub, bundle)
        out.append((f"dup-nik {code} ({n} rows, {bundle.stat().st_size >> 20} MiB)", wall, rss,
                    outcome))
    return out


def case_big(tmp: Path, n: int) -> list[tuple[str, float, float, str]]:
    from tests.sync.conftest import export, unpack

    made = sorted((tmp / f"big-{n}").glob("*.bmd"))
    if made:  # --keep DIR of an earlier run: the same bundle again, into a new empty hub
        bundle = made[0]
    else:
        ws = _village(tmp / "desa-big", A, 10_000)
        try:
            src = export(ws, tmp / "asli-big", full=True)
            sheets = _rows(unpack(src)[1])
            copies = max(0, -(-n // 10_000) - 1)
            _fresh_ids(sheets, copies)
            del sheets["Penduduk"][n + 1:]
            bundle = _resign(ws, src, sheets, tmp / f"big-{n}")
        finally:
            ws.close()
    size = bundle.stat().st_size
    wall, rss, outcome = _child(_hub(Path(tempfile.mkdtemp(prefix="hub-big-", dir=tmp))),
                                bundle)
    return [(f"big ({n} residents, {size / 2**20:.1f} MiB)", wall, rss, outcome)]


def _copies_within_caps(workbook: bytes, counts: dict[str, int]) -> int:
    """How many copies of every sheet of ``workbook`` the import's read caps admit."""
    from sync.container import MAX_BUNDLE_ROWS
    from sync.xlsx import ReadCaps

    caps = ReadCaps()
    with zipfile.ZipFile(io.BytesIO(workbook)) as zf:
        # the test writer's rows are up to 3 % longer than the export's (its own styles)
        parts = [i.file_size * 21 // 20 for i in zf.infolist()
                 if i.filename.startswith("xl/worksheets/")]
        other = sum(i.file_size for i in zf.infolist()) - sum(parts)
    by_bytes = min((caps.max_total_bytes - other) // max(1, sum(parts)),
                   caps.max_member_bytes // max(1, max(parts)))
    by_sheet = caps.max_rows_per_sheet // max(1, max(counts.values()))
    by_bundle = -(-MAX_BUNDLE_ROWS // max(1, sum(counts.values())))  # then trimmed
    return max(1, min(by_bytes, by_sheet, by_bundle))


def _copy_all(sheets: dict[str, list[list[Any]]], copies: int) -> None:
    """Make every sheet ``copies`` copies of its rows; copy k gives every id and reference the
    first four hex digits ``k`` (so references stay within the copy) and every resident's NIK
    and No KK a new serial, as ``_fresh_ids`` does."""
    from sync.schema import BY_NAME

    serial = 0
    for name, rows in sheets.items():
        spec = BY_NAME[name]
        ids = [i for i, c in enumerate(spec.columns) if c.kind in ("id", "ref")]
        niks = [i for i, c in enumerate(spec.columns)
                if name == "Penduduk" and c.kind == "nik"]
        body = rows[1:]
        del rows[1:]
        for k in range(copies):  # the original too: an id may start with another copy's prefix
            prefix = f"{k:04x}"
            for row in body:
                new = list(row)
                for i in ids:
                    if new[i]:
                        new[i] = prefix + str(new[i])[4:]
                if niks and k:
                    serial += 1
                    for i in niks:
                        if new[i]:
                            new[i] = str(new[i])[:12] + f"{(serial % 9999) + 1:04d}"
                rows.append(new)


def _trim_last_copy(sheets: dict[str, list[list[Any]]], per_copy: dict[str, int],
                    most: int) -> None:
    """Drop rows of the last copy, children's sheets first (so no reference loses its row),
    until the bundle holds at most ``most`` rows."""
    from sync.schema import SCHEMA

    excess = sum(len(r) - 1 for r in sheets.values()) - most
    for sheet in reversed(SCHEMA):
        if excess <= 0:
            return
        rows = sheets[sheet.name]
        cut = min(excess, per_copy.get(sheet.name, 0))
        if cut:
            del rows[len(rows) - cut:]
            excess -= cut
    if excess > 0:
        raise RuntimeError("one copy holds fewer rows than the excess")


def _pad_notes(sheets: dict[str, list[list[Any]]]) -> None:
    """Lengthen every resident's note (Catatan) so that the workbook comes close to the
    read cap on uncompressed bytes: the bundle is then at both caps, rows and bytes."""
    from sync.xlsx import ReadCaps
    from tests.sync.conftest import write_sheets

    with zipfile.ZipFile(io.BytesIO(write_sheets(sheets))) as zf:
        size = sum(i.file_size for i in zf.infolist())
    people = sheets["Penduduk"]
    room = ReadCaps().max_total_bytes * 95 // 100 - size  # a new cell costs its tags too
    extra = room // max(1, len(people) - 1)
    if extra <= 0:
        return
    col = people[0].index("Catatan")
    words = ("kunjungan rumah keluarga, dokumen lengkap, sudah ikut sosialisasi migrasi aman "
             "di balai desa; ")
    for row in people[1:]:
        note = str(row[col] or "")
        row[col] = (note + " " + words * (extra // len(words) + 1))[:len(note) + extra]


def _spoil_every_nik(sheets: dict[str, list[list[Any]]]) -> None:
    """Every resident's NIK too short: every row of the biggest sheet has a bad cell, so every
    chunk of it is checked again cell by cell and every row becomes a row error."""
    people = sheets["Penduduk"]
    col = people[0].index("NIK")
    for row in people[1:]:
        row[col] = "123"


def _full_bundle(tmp: Path, name: str, spoil: Any = None) -> Path:
    """The fullest bundle the caps allow (see ``full`` above), kept in ``tmp/name``;
    ``spoil(sheets)`` changes its rows before it is signed."""
    from tests.sync.conftest import export, unpack

    made = sorted((tmp / name).glob("*.bmd"))
    if made:  # --keep DIR of an earlier run
        return made[0]
    ws = _village(tmp / f"desa-{name}", A, 10_000)
    try:
        src = export(ws, tmp / f"asli-{name}", full=True)
        manifest, workbook = unpack(src)
        copies = _copies_within_caps(workbook, manifest["counts"])
        sheets = _rows(workbook)
        _copy_all(sheets, copies)
        from sync.container import MAX_BUNDLE_ROWS

        _trim_last_copy(sheets, manifest["counts"], MAX_BUNDLE_ROWS)
        _pad_notes(sheets)
        if spoil is not None:
            spoil(sheets)
        return _resign(ws, src, sheets, tmp / name)
    finally:
        ws.close()


def case_full(tmp: Path, name: str = "full", spoil: Any = None
              ) -> list[tuple[str, float, float, str]]:
    from tests.sync.conftest import unpack

    bundle = _full_bundle(tmp, name, spoil)
    manifest, workbook = unpack(bundle)
    rows = sum(manifest["counts"].values())
    with zipfile.ZipFile(io.BytesIO(workbook)) as zf:
        xml = sum(i.file_size for i in zf.infolist())
    hub = Path(tempfile.mkdtemp(prefix=f"hub-{name}-", dir=tmp)) / "hub"
    if HUB_TEMPLATE is not None:
        shutil.copytree(HUB_TEMPLATE, hub)
    else:
        _hub(hub)
    wall, rss, outcome = _child(hub, bundle)
    into = "" if HUB_TEMPLATE is None else f" into {HUB_TEMPLATE.name}"
    return [(f"{name}{into} ({rows} rows, {xml / 2**20:.0f} MiB XML, "
             f"{bundle.stat().st_size / 2**20:.1f} MiB)", wall, rss, outcome)]


def case_far(tmp: Path) -> list[tuple[str, float, float, str]]:
    from tests.sync.conftest import edit_first_sheet, export, repack, unpack, village_keypair

    ws = _village(tmp / "desa-far", A, 50)
    try:
        src = export(ws, tmp / "asli-far", full=True)
        manifest, workbook = unpack(src)

        def far_cell(xml: bytes) -> bytes:
            cut = xml.rindex(b"</row>")
            return (xml[:cut] + b'<c r="XFD1048576" t="inlineStr" s="1"><is><t>x'
                    b"</t></is></c>" + xml[cut:])

        far = edit_first_sheet(workbook, far_cell)
        bundle = repack(tmp / "far" / src.name, manifest, far, village_keypair(ws))
    finally:
        ws.close()
    wall, rss, outcome = _child(_hub(tmp / "hub-far"), bundle)
    return [("far-cell", wall, rss, outcome)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=170_000)
    parser.add_argument("--dup", type=int, default=20_000)
    parser.add_argument("--keep")
    parser.add_argument("--only", choices=("dup-nik", "big", "far-cell", "full", "errors"))
    parser.add_argument("--pg", help="hubs on this PostgreSQL server (role with CREATEDB)")
    parser.add_argument("--hub", type=Path, help="full/errors into a copy of this built hub")
    args = parser.parse_args()
    if args.pg and args.hub:
        parser.error("--hub is a SQLite hub folder: not with --pg")
    global PG_ADMIN, HUB_TEMPLATE
    PG_ADMIN, HUB_TEMPLATE = args.pg, args.hub
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    tmp.mkdir(parents=True, exist_ok=True)
    print("load average before:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    results = []
    try:
        if args.only in (None, "far-cell"):
            results += case_far(tmp)
        if args.only in (None, "dup-nik"):
            results += case_dup(tmp, args.dup)
        if args.only in (None, "big"):
            results += case_big(tmp, args.residents)
        if args.only in (None, "full"):
            results += case_full(tmp)
        if args.only in (None, "errors"):
            results += case_full(tmp, "errors", _spoil_every_nik)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        if PG_ADMIN:
            from bench_pg_import import _drop_database

            for name in PG_MADE:
                _drop_database(PG_ADMIN, name)
    ok = True
    for name, wall, rss, outcome in results:
        good = wall < 10 and rss < 500 and not outcome.startswith("CRASH")
        ok &= good
        found = re.search(r"cpu=([0-9.]+)s", outcome)
        cpu = float(found.group(1)) if found else 0.0
        print(f"{'OK ' if good else 'BAD'} {name:<45} {wall:6.2f} s {rss:7.1f} MiB  {outcome}"
              f"  (ratio to goal: wall {wall / 10:.2f}, CPU {cpu / 10:.2f}, "
              f"RSS {rss / 500:.2f})")
    print("load average after:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(json.dumps({"all_within_bounds": ok}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
