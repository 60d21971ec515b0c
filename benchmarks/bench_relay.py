"""A regency's package for its province, built from real village bundles (issue 16 item 4):
its size, the export at the regency, the import at the province, peak memory; and the floor,
the same villages' own bundles imported directly into an empty hub.

Run: ``python benchmarks/bench_relay.py [--hub 50000]`` after ``benchmarks/bench_hub.py`` has
built its cache (``--cache``, default ``/tmp/bench-hub-cache``; read, never written):

* **Regency hub**: a copy of the cache's hub of ``--hub`` residents (``hub_10000``,
  ``hub_50000``, ``hub_200000``: built through the real importer from the villages' full
  bundles in ``round1/``), with the province's key installed so its package is sealed.
* **Export** (``export_paket --full``, every village) at the regency, in a child process.
* **Import** of the package into an empty province hub (``18``, SQLite), in a child process.
* **Floor**: the same villages' own bundles (``round1/``) imported into an empty hub copy in
  one ``import_many`` run, in a child process: what the province would spend if every village
  sent to it directly.

Each child is measured from outside (``os.wait4``: wall, CPU, peak RSS of that process alone);
"work" is the time the step reports itself (after start-up and imports).
Options: ``--cache DIR``, ``--hub N``, ``--work DIR`` (default ``/tmp/bench-relay-<user>``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DB_NAME = "buku_migran.db"


def _child(step: str, *args: str) -> dict[str, float]:
    """Run this script's ``--child STEP`` in a process of its own: its JSON, wall, CPU, RSS."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", step, *args],
                            stdout=subprocess.PIPE, cwd=ROOT, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"child {step} failed ({proc.returncode}): {out[-2000:]}")
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    result.update(wall=wall, cpu=usage.ru_utime + usage.ru_stime,
                  rss_mib=usage.ru_maxrss / 1024)
    return result


# -- the steps, each run in a child process ---------------------------------------------------


def _open(folder: str):  # noqa: ANN202
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace

    return open_workspace(DataDir(Path(folder)))


def child_export(regency: str, out: str) -> dict[str, float]:
    from sync.relay import export_paket

    ws = _open(regency)
    try:
        report = export_paket(ws, Path(out), full=True)
    finally:
        ws.close()
    return {"work": report.seconds, "size": report.size, "villages": len(report.villages),
            "rows": report.total_rows, "path": str(report.path)}  # type: ignore[dict-item]


def child_import(province: str, paket: str, fingerprint: str) -> dict[str, float]:
    from sync.relay import import_paket

    ws = _open(province)
    try:
        report = import_paket(ws, Path(paket), confirm_key=fingerprint, backup=False)
    finally:
        ws.close()
    assert report.status == "diimpor", report.status
    return {"work": report.seconds, "new": report.total("new"),
            "villages": len(report.villages)}


def child_floor(hub: str, *bundles: str) -> dict[str, float]:
    from sync.container import read_bundle
    from sync.importer import STATUS_IMPORTED, import_many

    paths = [Path(b) for b in bundles]
    keys = {}
    for p in paths:
        m = read_bundle(p).manifest
        keys[m.village_code] = m.public_key.fingerprint
    ws = _open(hub)
    started = time.perf_counter()
    try:
        results = import_many(ws, paths, confirm_keys=keys)
    finally:
        ws.close()
    bad = [str(r) for _p, r in results if getattr(r, "status", None) != STATUS_IMPORTED]
    assert not bad, bad[:3]
    return {"work": time.perf_counter() - started,
            "new": sum(r.total("new") for _p, r in results)}  # type: ignore[union-attr]


CHILDREN = {"export": child_export, "import": child_import, "floor": child_floor}


# -- the benchmark ---------------------------------------------------------------------------


def _province(folder: Path) -> str:
    """An empty province hub (18) with its key pair; returns its public key file's content."""
    from app.core.workspace import MODE_P4MI, initialise_office
    from sync.keys import load_or_create_keypair

    ws = _open(str(folder))
    try:
        initialise_office(ws, mode=MODE_P4MI, code="18", name="Provinsi Lampung",
                          operator="P4MI Provinsi")
        pair = load_or_create_keypair(ws.data_dir, office_code="18", role="p4mi")
    finally:
        ws.close()
    from sync.keys import b64

    return b64(pair.public)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cache", default="/tmp/bench-hub-cache")
    p.add_argument("--hub", type=int, default=50000)
    p.add_argument("--work", default=f"/tmp/bench-relay-{os.environ.get('USER', 'x')}")
    p.add_argument("--child", nargs="+")
    args = p.parse_args()
    if args.child:
        print(json.dumps(CHILDREN[args.child[0]](*args.child[1:])))
        return 0
    from sync.keys import PublicKeyInfo, load_keypair, set_p4mi_key, unb64

    cache, work = Path(args.cache), Path(args.work)
    source = cache / f"hub_{args.hub}"
    if not (source / DB_NAME).exists() or not (cache / "hub_empty" / DB_NAME).exists():
        raise SystemExit(f"no cache at {cache}: run benchmarks/bench_hub.py first")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    regency, province, floor = work / "kab", work / "prov", work / "floor"
    shutil.copytree(source, regency)
    shutil.copytree(cache / "hub_empty", floor)
    upper = _province(province)
    for folder in (regency, floor):  # the cache's hubs are of an older schema: migrate first
        _open(str(folder)).close()
    from app.core.paths import DataDir

    set_p4mi_key(DataDir(regency), PublicKeyInfo(unb64(upper, 32), "18", "p4mi"))
    pair = load_keypair(DataDir(regency))
    assert pair is not None
    import sqlite3

    with sqlite3.connect(regency / DB_NAME) as con:
        # the cache's hub predates sync_village_state (migration 0009 creates it empty): one
        # row per village it imported, as its imports would have written
        con.execute("INSERT OR IGNORE INTO sync_village_state (village_code, imports) "
                    "SELECT village_code, count(*) FROM sync_bundle_import GROUP BY 1")
        codes = sorted(r[0] for r in con.execute("SELECT village_code FROM sync_village_state"))
        residents = con.execute("SELECT count(*) FROM resident").fetchone()[0]
    bundles = sorted(str(b) for code in codes for b in (cache / "round1").glob(f"BMD_{code}_*"))
    assert len(bundles) == len(codes), (len(bundles), len(codes))
    bundle_bytes = sum(Path(b).stat().st_size for b in bundles)

    exported = _child("export", str(regency), str(work / "flashdisk"))
    paket = Path(str(exported.pop("path")))
    imported = _child("import", str(province), str(paket), pair.fingerprint)
    direct = _child("floor", str(floor), *bundles)
    assert imported["new"] == direct["new"], (imported["new"], direct["new"])

    print(f"regency hub: {len(codes)} villages, {residents} residents (cache hub_{args.hub})")
    print(f"package: {exported['size'] / 2**20:.1f} MiB sealed, {exported['rows']:.0f} rows; "
          f"the villages' own bundles: {bundle_bytes / 2**20:.1f} MiB "
          f"({exported['size'] / bundle_bytes:.2f}x)")
    for label, r in (("export at the regency", exported), ("import at the province", imported),
                     ("floor: bundles direct", direct)):
        print(f"{label:<24} work {r['work']:7.1f} s  wall {r['wall']:7.1f} s  "
              f"cpu {r['cpu']:7.1f} s  peak RSS {r['rss_mib']:6.0f} MiB")
    print(f"ratios import/floor: work {imported['work'] / direct['work']:.2f}x, "
          f"cpu {imported['cpu'] / direct['cpu']:.2f}x, "
          f"peak RSS {imported['rss_mib'] / direct['rss_mib']:.2f}x; "
          f"package import RSS / package size "
          f"{imported['rss_mib'] / (exported['size'] / 2**20):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
