"""A P4MI hub built the way real hubs are built, and what one import costs in it (issue 15).

Run: ``python benchmarks/bench_hub.py`` (first run builds the cache: about 10 minutes).

* **Villages**: ``--villages`` (default 264, every village of Lampung Timur 18.07) demo village
  folders of ``--residents`` (default 800) residents each, every one with the hub's public key,
  exporting a full encrypted bundle (``round1/``). Cached under ``--cache`` (default
  ``/tmp/bench-hub-cache``) so reruns start at once.
* **Hubs at 10k / 50k / 200k / 400k residents**: an empty hub imports the first villages'
  bundles through the real importer (``import_many``), the workspace is closed (``PRAGMA
  optimize``) and ``ANALYZE`` is run so the planner statistics every real hub has are present.
  There are only 264 villages in the regency: the 400k hub is the 200k hub with every village
  row copied once more under new ids and NIKs (owner codes of regency 18.08), then ``ANALYZE``d.
* **Probes** at every hub size, each into a fresh copy of the hub, each in a child process
  (``python -m sync import``: wall, CPU and peak RSS of the child; "work" = the importer's own
  ``seconds``, after start-up):
  - a full bundle of a village the hub does not hold yet (800 residents, ~1,070 rows);
  - an incremental bundle of 50 changed residents of a village the hub holds.
  Floor: python-calamine reading the same workbook + a bare ``sqlite3`` upsert of its rows into
  the same hub copy (``synchronous=FULL``, committed). Goals: work <= 2x floor (full bundle);
  the 50-row bundle under 0.5 s of work at 400k.
* **Regency round**: ``python -m sync import round1/`` (all villages, one command) into an
  empty hub; then every village gets its receipt, changes 3 residents and exports an
  incremental bundle, and ``python -m sync import round2/`` imports the second round. Goals:
  under 180 s and under 60 s. The per-bundle growth curve comes from the command's own
  per-village progress lines.

Options: ``--cache DIR``, ``--villages N``, ``--residents N``, ``--skip-round``,
``--sizes 10000,50000,200000,400000``, ``--jobs N`` (village generation processes).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REGENCY = "18.07"
DB_NAME = "buku_migran.db"


def _villages(n: int) -> list[tuple[str, str]]:
    from app.core import reference

    return [v for d, _ in reference.children(REGENCY) for v in reference.children(d)][:n]


def _cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


# -- cache: villages and their bundles ------------------------------------------------------


def _hub_template(cache: Path) -> Path:
    """An empty P4MI hub with its key pair (every hub below is a copy of it)."""
    from app.core.paths import DataDir
    from app.core.workspace import MODE_P4MI, initialise_office, open_workspace
    from sync.keys import load_or_create_keypair

    tpl = cache / "hub_empty"
    if (tpl / ".done").exists():
        return tpl
    shutil.rmtree(tpl, ignore_errors=True)
    ws = open_workspace(DataDir(tpl))
    initialise_office(ws, mode=MODE_P4MI, code=REGENCY, name="Lampung Timur", operator="P4MI")
    load_or_create_keypair(ws.data_dir, office_code=REGENCY, role="p4mi")
    ws.close()
    (tpl / ".done").write_text("ok")
    return tpl


def _make_village(job: tuple[str, str, int, int, str, str]) -> str:
    code, name, residents, seed, cache_s, hub_s = job
    from datetime import date

    from app.core.demo import add_demo_data
    from app.core.paths import DataDir
    from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace
    from sync.export import export_bundle
    from sync.keys import PublicKeyInfo, load_keypair, set_p4mi_key

    cache = Path(cache_s)
    folder = cache / "villages" / code
    done = folder / ".done"
    if done.exists():
        return done.read_text()
    shutil.rmtree(folder, ignore_errors=True)
    pair = load_keypair(DataDir(Path(hub_s)))
    assert pair is not None
    ws = open_workspace(DataDir(folder))
    try:
        office = initialise_office(ws, mode=MODE_VILLAGE, code=code, name=name,
                                   operator=f"Operator {name}")
        set_p4mi_key(ws.data_dir, PublicKeyInfo(pair.public, REGENCY, "p4mi"))
        add_demo_data(ws.db, office, residents, seed=seed, today=date(2026, 11, 1))
        report = export_bundle(ws, cache / "round1", full=True)
    finally:
        ws.close()
    done.write_text(report.path.name)
    return report.path.name


def build_villages(cache: Path, villages: list[tuple[str, str]], residents: int,
                   jobs: int) -> None:
    tpl = _hub_template(cache)
    (cache / "round1").mkdir(parents=True, exist_ok=True)
    todo = [(c, n, residents, 1000 + i, str(cache), str(tpl))
            for i, (c, n) in enumerate(villages)
            if not (cache / "villages" / c / ".done").exists()]
    if not todo:
        return
    started = time.perf_counter()
    print(f"building {len(todo)} villages of {residents} residents ({jobs} processes)...",
          flush=True)
    with Pool(jobs) as pool:
        for k, _ in enumerate(pool.imap_unordered(_make_village, todo), start=1):
            if k % 20 == 0 or k == len(todo):
                print(f"  {k}/{len(todo)} villages, {time.perf_counter() - started:.0f} s",
                      flush=True)


def _bundle_of(cache: Path, code: str) -> Path:
    return cache / "round1" / (cache / "villages" / code / ".done").read_text()


def _fingerprint(path: Path) -> str:
    from sync.container import read_bundle

    return read_bundle(path).manifest.public_key.fingerprint


# -- hubs ------------------------------------------------------------------------------------


def _copy_hub(src: Path, dst: Path) -> None:
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("cadangan", "masuk", "log*"))


def _import_into(hub: Path, bundles: list[Path]) -> None:
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from sync.importer import import_many

    ws = open_workspace(DataDir(hub))
    try:
        keys = {}
        from sync.container import read_bundle

        for b in bundles:
            m = read_bundle(b).manifest
            keys[m.village_code] = m.public_key.fingerprint
        for path, result in import_many(ws, bundles, confirm_keys=keys):
            if not hasattr(result, "status") or result.status != "diimpor":
                raise SystemExit(f"{path.name}: {result}")
    finally:
        ws.close()  # PRAGMA optimize, as every session of the program ends


def _analyze(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute("ANALYZE")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def _count(db: Path, sql: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def _double(db: Path) -> None:
    """Copy every village row once more under new ids/NIKs and codes of regency 18.08."""
    from sync.schema import SCHEMA

    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("BEGIN")
    codes = sorted(r[0] for r in con.execute("SELECT DISTINCT owner_office FROM resident"))
    remap = {c: "18.08" + c[5:] for c in codes}
    for code in codes:
        ids: dict[str, str] = {}
        for sheet in SCHEMA:
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{sheet.table}")')]
            refs = [i for i, c in enumerate(cols)
                    if c == "id" or any(k.key == c and k.kind == "ref" for k in sheet.columns)]
            owner = cols.index("owner_office")
            nik = cols.index("nik") if sheet.table == "resident" else None
            out = []
            for r in con.execute(f'SELECT * FROM "{sheet.table}" WHERE owner_office = ?',
                                 (code,)):
                row = list(r)
                for i in refs:
                    if row[i] is not None:
                        row[i] = ids.setdefault(row[i], uuid.uuid4().hex)
                row[owner] = remap[code]
                if nik is not None and row[nik]:
                    row[nik] = "35" + row[nik][2:]
                out.append(row)
            con.executemany(f'INSERT INTO "{sheet.table}" VALUES '
                            f'({", ".join("?" * len(cols))})', out)
    con.execute("COMMIT")
    con.close()


def build_hubs(cache: Path, villages: list[tuple[str, str]], residents: int,
               sizes: list[int]) -> dict[int, Path]:
    tpl = _hub_template(cache)
    hubs: dict[int, Path] = {}
    held = 0
    prev: Path | None = None
    probes = 14  # the last villages stay out of every hub: they are the "new village" probes
    pool = villages[:-probes]
    for size in sizes:
        hub = cache / f"hub_{size}"
        hubs[size] = hub
        if (hub / ".done").exists():
            held = int((hub / ".done").read_text())
            prev = hub
            continue
        if size > len(pool) * residents:  # beyond the regency: double the previous hub
            assert prev is not None
            _copy_hub(prev, hub)
            _double(hub / DB_NAME)
        else:
            want = max(1, round(size / residents))
            if prev is None:
                _copy_hub(tpl, hub)
            else:
                _copy_hub(prev, hub)
            started = time.perf_counter()
            _import_into(hub, [_bundle_of(cache, c) for c, _ in pool[held:want]])
            print(f"  hub {size}: {want - held} more bundles imported in "
                  f"{time.perf_counter() - started:.0f} s", flush=True)
            held = want
        _analyze(hub / DB_NAME)
        (hub / ".done").write_text(str(held))
        prev = hub
    return hubs


# -- probes ----------------------------------------------------------------------------------


def _probe_incremental(cache: Path, village: tuple[str, str], hub: Path, changed: int) -> Path:
    """An incremental bundle of ``village`` (held by ``hub``) with ``changed`` residents."""
    out = cache / f"probe_inc_{changed}"
    done = out / ".done"
    if done.exists():
        return out / done.read_text()
    from sqlalchemy import select

    from app.core.models import Resident
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from sync.export import export_bundle
    from sync.receipt import import_receipt, make_receipt

    shutil.rmtree(out, ignore_errors=True)
    folder = out / "village"
    shutil.copytree(cache / "villages" / village[0], folder)
    hws = open_workspace(DataDir(hub))
    try:
        receipt = make_receipt(hws, village[0], out)
    finally:
        hws.close()
    vws = open_workspace(DataDir(folder))
    try:
        import_receipt(vws, receipt.path)
        with vws.db.unit_of_work("bench") as s:
            for n, r in enumerate(s.scalars(select(Resident).order_by(Resident.id)
                                            .limit(changed))):
                r.phone = f"0812{n:08d}"
        report = export_bundle(vws, out / "bundle")
    finally:
        vws.close()
    done.write_text(str(report.path.relative_to(out)))
    return report.path


def _floor(bundle: Path, hub_db: Path) -> float:
    import python_calamine

    from app.core.paths import DataDir
    from sync.container import read_bundle
    from sync.keys import load_keypair
    from sync.schema import SCHEMA

    opened = read_bundle(bundle)
    workbook = opened.workbook(load_keypair(DataDir(hub_db.parent)))
    started = time.perf_counter()
    wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(workbook))
    carried = {s.table: s for s in opened.manifest.sheets}
    con = sqlite3.connect(hub_db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("BEGIN IMMEDIATE")
    for base in SCHEMA:
        sheet = carried.get(base.table)
        if sheet is None:
            continue
        rows = wb.get_sheet_by_name(sheet.name).to_python()[1:]
        if not rows:
            continue
        cols = list(sheet.keys)
        extra = ", migrant_status" if sheet.table == "resident" else ""
        extra_v = ", 'bukan'" if sheet.table == "resident" else ""
        if sheet.table == "letter":
            extra, extra_v = ", fields", ", ''"
        sets = ", ".join(f'"{c}" = excluded."{c}"' for c in cols[1:])
        con.executemany(
            f"INSERT INTO {sheet.table} ({', '.join(chr(34) + c + chr(34) for c in cols)}{extra})"
            f" VALUES ({', '.join('?' * len(cols))}{extra_v}) ON CONFLICT(id) DO UPDATE SET "
            f"{sets}", [[_floor_value(c, v) for c, v in zip(sheet.columns, r, strict=True)]
                        for r in rows])
    con.execute("COMMIT")
    con.close()
    return time.perf_counter() - started


def _floor_value(col, v):  # noqa: ANN001, ANN202 - a cell as the bare upsert stores it
    if v == "" and col.nullable:
        return None
    if col.kind == "bool":
        return 1 if v == "ya" else 0
    if col.kind == "date" and hasattr(v, "isoformat"):
        return v.isoformat()[:10]
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


_SECONDS = re.compile(r"^BENCH seconds=([0-9.]+)$", re.M)


def _run_import(hub: Path, target: Path, *, confirm: str | None = None) -> dict[str, float]:
    """``python -m sync import`` in a child; wall, CPU, peak RSS of the child and the work."""
    code = ("import resource, sys, time\n"
            "t0 = time.perf_counter()\n"
            "from sync.cli import main\n"
            "try:\n"
            "    import sync.importer.pipeline as imp\n"
            "except ImportError:  # before the importer became a package\n"
            "    import sync.importer as imp\n"
            "orig = imp._import\n"
            "work = []\n"
            "def timed(*a, **k):\n"
            "    r = orig(*a, **k)\n"
            "    work.append(r.seconds)\n"
            "    return r\n"
            "imp._import = timed\n"
            "rc = main(sys.argv[1:])\n"
            "print(f'BENCH seconds={sum(work):.4f}')\n"
            "print(f'BENCH rss={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}')\n"
            "sys.exit(rc)\n")
    args = [sys.executable, "-c", code, "import", "--data-dir", str(hub), str(target)]
    if confirm:
        args += ["--confirm-key", confirm]
    cpu0 = _cpu_children()
    started = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"import failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    rss = int(re.search(r"BENCH rss=(\d+)", proc.stdout).group(1))
    return {"wall": wall, "cpu": _cpu_children() - cpu0, "rss_mib": rss / 1024,
            "work": float(_SECONDS.search(proc.stdout).group(1)), "stdout": proc.stdout,
            "stderr": proc.stderr}


def probes(cache: Path, hubs: dict[int, Path], villages: list[tuple[str, str]]) -> list[dict]:
    from app.core.backup import backup_database

    rows = []
    new_village = villages[-1]
    full = _bundle_of(cache, new_village[0])
    inc = _probe_incremental(cache, villages[0], hubs[min(hubs)], 50)
    work = cache / "work"
    for hub in hubs.values():
        residents = _count(hub / DB_NAME, "SELECT count(*) FROM resident")
        for label, bundle, confirm in (("full 800", full, _fingerprint(full)),
                                       ("50 changed", inc, None)):
            _copy_hub(hub, work / "floor")
            floor = _floor(bundle, work / "floor" / DB_NAME)
            _copy_hub(hub, work / "hub")
            # this morning's verified backup: the first import of a day makes it (timed
            # apart below); every later import of the day finds it and copies nothing
            t = time.perf_counter()
            backup_database(work / "hub" / DB_NAME, work / "hub" / "cadangan", reason="harian")
            backup_s = time.perf_counter() - t
            got = _run_import(work / "hub", bundle, confirm=confirm)
            got["daily_backup"] = backup_s
            rows.append({"size": residents, "probe": label, "floor": floor, **got})
            print(f"PROBE hub {residents:>7,} residents, {label:<10}: work {got['work']:.3f} s, "
                  f"floor {floor:.3f} s -> {got['work'] / floor:.2f}x; child wall "
                  f"{got['wall']:.2f} s, CPU {got['cpu']:.2f} s, peak RSS "
                  f"{got['rss_mib']:.0f} MiB; the day's first import adds the daily backup "
                  f"{backup_s:.2f} s", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    return rows


# -- the regency round -----------------------------------------------------------------------


_PROGRESS = re.compile(r"^\[(\d+)/(\d+)\] .*?([0-9.]+) s$")


def _round2_bundles(cache: Path, hub: Path, villages: list[tuple[str, str]]) -> Path:
    out = cache / "round2"
    if (out / ".done").exists():
        return out
    from sqlalchemy import select

    from app.core.models import Resident
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from sync.export import export_bundle
    from sync.receipt import import_receipt, make_receipt

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    hws = open_workspace(DataDir(hub))
    receipts = {}
    (cache / "receipts").mkdir(parents=True, exist_ok=True)
    try:
        for code, _ in villages:
            receipts[code] = make_receipt(hws, code, cache / "receipts").path
    finally:
        hws.close()
    for code, _ in villages:
        folder = cache / "villages2" / code
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(cache / "villages" / code, folder)
        vws = open_workspace(DataDir(folder))
        try:
            import_receipt(vws, receipts[code])
            with vws.db.unit_of_work("bench") as s:
                for n, r in enumerate(s.scalars(select(Resident).order_by(Resident.id)
                                                .limit(3))):
                    r.phone = f"0813{n:08d}"
            export_bundle(vws, out)
        finally:
            vws.close()
        shutil.rmtree(folder, ignore_errors=True)
    (out / ".done").write_text("ok")
    return out


def regency_round(cache: Path, villages: list[tuple[str, str]]) -> dict:
    tpl = _hub_template(cache)
    hub = cache / "work" / "round_hub"
    _copy_hub(tpl, hub)
    # first contact: every village's key confirmed beforehand (provisioning)
    folder = cache / "round1"
    _trust_all(hub, folder)
    first = _run_import(hub, folder)
    (cache / "round1.log").write_text(first["stderr"])
    curve = _curve(first["stderr"])
    print(f"ROUND 1 {len(villages)} full bundles, one command: wall {first['wall']:.1f} s, "
          f"CPU {first['cpu']:.1f} s, work {first['work']:.1f} s, peak RSS "
          f"{first['rss_mib']:.0f} MiB (goal < 180 s)", flush=True)
    second_dir = _round2_bundles(cache, hub, villages)
    second = _run_import(hub, second_dir)
    (cache / "round2.log").write_text(second["stderr"])
    print(f"ROUND 2 {len(villages)} incremental bundles (3 changed residents each): wall "
          f"{second['wall']:.1f} s, CPU {second['cpu']:.1f} s, work {second['work']:.1f} s, "
          f"peak RSS {second['rss_mib']:.0f} MiB (goal < 60 s)", flush=True)
    backups = hub / "cadangan"
    size = sum(p.stat().st_size for p in backups.glob("*")) if backups.is_dir() else 0
    print(f"        backups after both rounds: {size / 2**20:.0f} MiB in "
          f"{len(list(backups.glob('*.db'))) if backups.is_dir() else 0} file(s)")
    return {"first": first, "second": second, "curve": curve}


def _trust_all(hub: Path, folder: Path) -> None:
    """Put every village's key on record, as provisioning does (``sync.trust``)."""
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from sync.container import read_bundle
    from sync.trust import trust_village_key

    ws = open_workspace(DataDir(hub))
    try:
        for p in sorted(folder.glob("*.bmd")):
            m = read_bundle(p).manifest
            trust_village_key(ws, m.village_code, m.public_key, operator="bench",
                              confirm_fingerprint=m.public_key.fingerprint)
    finally:
        ws.close()


def _curve(stderr: str) -> list[tuple[int, float]]:
    """(bundle number, seconds) from the per-village progress lines of the command."""
    out = []
    for line in stderr.splitlines():
        m = _PROGRESS.match(line.strip())
        if m:
            out.append((int(m.group(1)), float(m.group(3))))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", default="/tmp/bench-hub-cache")
    parser.add_argument("--villages", type=int, default=264)
    parser.add_argument("--residents", type=int, default=800)
    parser.add_argument("--sizes", default="10000,50000,200000,400000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-round", action="store_true")
    parser.add_argument("--skip-probes", action="store_true")
    args = parser.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    meta = cache / "params.json"
    params = {"villages": args.villages, "residents": args.residents}
    if meta.exists() and json.loads(meta.read_text()) != params:
        raise SystemExit(f"{cache} was built with {meta.read_text()}: use another --cache")
    meta.write_text(json.dumps(params))
    villages = _villages(args.villages)
    cpu0 = _cpu_self()
    build_villages(cache, villages, args.residents, args.jobs)
    sizes = [int(s) for s in args.sizes.split(",")]
    hubs = build_hubs(cache, villages, args.residents, sizes)
    print(f"cache ready ({_cpu_self() - cpu0:.0f} s CPU in this process); load average "
          f"{os.getloadavg()[0]:.1f}", flush=True)
    if not args.skip_probes:
        probes(cache, hubs, villages)
    if not args.skip_round:
        result = regency_round(cache, villages)
        curve = result["curve"]
        if curve:
            for n in (13, 63, 132, 200, 250, len(curve)):
                near = [s for k, s in curve if abs(k - n) <= 3]
                if near:
                    print(f"CURVE  bundle ~{n:>3} (hub ~{n * args.residents:>7,} residents): "
                          f"{sum(near) / len(near):.3f} s per bundle (command's own timing)")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
