"""A province hub of 2,000,000 residents on PostgreSQL: person search and a regency report
(issue 16 item 5, second half).

    python benchmarks/bench_province.py --pg postgresql://bmd:bmd-test@127.0.0.1:5432/bmd_test

Steps, each cached so a rerun starts where the last one stopped:

1. **Bundles** (``--cache``, default ``/tmp/bench-prov-cache``): a province hub key pair, then
   ``--villages`` demo village folders of ``--residents`` residents, spread over every regency
   of province ``--province`` (default 18, Lampung), each exporting a full encrypted bundle to
   the province hub's key (``bundles/``).
2. **Hub** on the server database ``--db`` (default ``bench_prov16``, made with the role of
   ``--pg``): ``python -m app init --p4mi PROVINCE --database URL`` (a province hub, relay16's
   hub scope), the province key pair copied into it, every bundle imported through the real
   importer (``import_bundle``, one transaction each; ``hub/imported.txt`` lists those done).
   ``--ready-only`` imports the villages generated so far (while a ``--only-bundles`` run goes
   on). Real bundles give ``villages x residents`` residents; to reach ``--target`` (default
   2,000,000) the imported villages' rows are then copied on the server under new ids, NIKs and
   village codes of the same province (as ``bench_hub.py`` doubles its 400k hub). Then the hub
   is opened (a pending schema upgrade runs: pg_dump, then migrations 0011/0012's indexes) and
   ``VACUUM ANALYZE`` is run.
3. **Measures** on the hub through the program's own code: person search
   (:class:`app.core.desk.search.PersonSearch`) by whole NIK, NIK prefix, name fragments of
   3-6 and of 2 letters and whole names, ``--queries`` each, median and worst; the regency
   dashboard (:func:`app.core.repo.p4mi.load_regency_dashboard` for ``--regency``) and the
   period report (:func:`sync.report.build_period_report` with ``regency=``, the ``laporan``)
   of ``--regency`` at the province hub, limited to that regency's rows, each median and worst
   of ``--repeat``; ``--whole`` adds both over the whole hub (the hub's own code). Goals:
   search < 100 ms, regency report < 5 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from multiprocessing import Pool
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _villages(province: str, n: int) -> list[tuple[str, str]]:
    """``n`` villages of ``province``, taken in turn from each of its regencies."""
    from app.core import reference

    per_regency = []
    for regency, _ in reference.children(province):
        per_regency.append([v for d, _ in reference.children(regency)
                            for v in reference.children(d)])
    out: list[tuple[str, str]] = []
    i = 0
    while len(out) < n and any(i < len(v) for v in per_regency):
        out.extend(v[i] for v in per_regency if i < len(v))
        i += 1
    return out[:n]


# -- 1. bundles ------------------------------------------------------------------------------


def _keys_folder(cache: Path, province: str) -> Path:
    """A folder holding only the province hub's key pair (copied into the hub later)."""
    from app.core.paths import DataDir
    from sync.keys import load_or_create_keypair

    folder = cache / "hub_keys"
    if not (folder / ".done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        data = DataDir(folder)
        data.ensure()
        load_or_create_keypair(data, office_code=province, role="p4mi")
        (folder / ".done").write_text("ok")
    return folder


def _make_village(job: tuple[str, str, int, int, str, str, str]) -> str:
    code, name, residents, seed, cache_s, keys_s, province = job
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
    pair = load_keypair(DataDir(Path(keys_s)))
    assert pair is not None
    ws = open_workspace(DataDir(folder))
    try:
        office = initialise_office(ws, mode=MODE_VILLAGE, code=code, name=name,
                                   operator=f"Operator {name}")
        set_p4mi_key(ws.data_dir, PublicKeyInfo(pair.public, province, "p4mi"))
        add_demo_data(ws.db, office, residents, seed=seed, today=date(2026, 11, 1))
        report = export_bundle(ws, cache / "bundles", full=True)
    finally:
        ws.close()
    # the village folder itself is not needed again: keep only the marker (disk)
    for entry in folder.iterdir():
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    done.write_text(report.path.name)
    return report.path.name


def build_bundles(cache: Path, province: str, villages: list[tuple[str, str]], residents: int,
                  jobs: int) -> list[Path]:
    keys = _keys_folder(cache, province)
    (cache / "bundles").mkdir(parents=True, exist_ok=True)
    todo = [(c, n, residents, 5000 + i, str(cache), str(keys), province)
            for i, (c, n) in enumerate(villages)
            if not (cache / "villages" / c / ".done").exists()]
    if todo:
        started = time.perf_counter()
        print(f"building {len(todo)} villages of {residents} residents ({jobs} processes)...",
              flush=True)
        with Pool(jobs) as pool:
            for k, _ in enumerate(pool.imap_unordered(_make_village, todo), start=1):
                if k % 10 == 0 or k == len(todo):
                    print(f"  {k}/{len(todo)} villages, {time.perf_counter() - started:.0f} s",
                          flush=True)
    return [cache / "bundles" / (cache / "villages" / c / ".done").read_text()
            for c, _ in villages]


# -- 2. the hub on the server ----------------------------------------------------------------


def _server_db(admin: str, name: str, *, fresh: bool) -> str:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as con:
        exists = con.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if fresh and exists:
            con.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        if fresh or not exists:
            con.execute(f'CREATE DATABASE "{name}"')
    return _with_db(admin, name)


def _hub_folder(cache: Path, admin: str, db: str, province: str,
                hub: Path | None = None) -> Path:
    """``python -m app init --p4mi PROVINCE --database URL`` (the documented way), then the
    province hub's key pair (the one the bundles were sealed to) into its key folder."""
    import subprocess

    hub = hub or cache / "hub"
    if (hub / ".ready").exists():
        return hub
    shutil.rmtree(hub, ignore_errors=True)
    url = _server_db(admin, db, fresh=True)
    done = subprocess.run([sys.executable, "-m", "app", "init", "--p4mi", province,
                           "--data-dir", str(hub), "--database", url,
                           "--operator", "Petugas BP3MI"], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"init failed: {done.stdout}{done.stderr}")
    print(done.stdout.strip(), flush=True)
    for key in (cache / "hub_keys" / "kunci").iterdir():
        shutil.copy2(key, hub / "kunci" / key.name)
    (hub / ".ready").write_text("ok")
    return hub


def import_bundles(hub: Path, bundles: list[Path]) -> None:
    """Import the bundles the hub does not hold yet (``imported.txt`` lists those done)."""
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from sync.container import read_bundle
    from sync.importer import import_bundle

    log = hub / "imported.txt"
    done = set(log.read_text().split()) if log.exists() else set()
    todo = [b for b in bundles if b.name not in done]
    if not todo:
        return
    print(f"importing {len(todo)} bundles ({len(done)} already in the hub)...", flush=True)
    ws = open_workspace(DataDir(hub))
    started = time.perf_counter()
    times: list[float] = []
    try:
        for k, path in enumerate(todo, start=1):
            key = read_bundle(path).manifest.public_key.fingerprint
            t = time.perf_counter()
            report = import_bundle(ws, path, confirm_key=key, backup=False)
            times.append(time.perf_counter() - t)
            if report.status != "diimpor":
                raise SystemExit(f"{path.name}: {report.status}")
            with log.open("a") as out:
                out.write(path.name + "\n")
            if k % 25 == 0 or k == len(todo):
                last = times[-25:]
                print(f"  {k}/{len(todo)} bundles, {time.perf_counter() - started:.0f} s; "
                      f"last {len(last)}: median {statistics.median(last):.2f} s per bundle",
                      flush=True)
    finally:
        ws.close()


def multiply(hub: Path, target: int, province: str) -> int:
    """Reach ``target`` residents by copying the imported villages' rows on the server under
    new ids (md5 of the old id and a round number: references stay consistent), NIKs (the new
    village's kecamatan digits) and village codes of the same province that sent no bundle
    (as ``bench_hub.py`` doubles its 400k hub). Returns the number of copy rounds (0 when the
    real bundles already reach the target)."""
    from sqlalchemy import text

    from app.core.server import make_server_engine, read_config
    from sync.schema import SCHEMA

    engine = make_server_engine(read_config(hub))  # no migration first: indexes built once
    rounds = 0
    try:
        with engine.begin() as conn:
            have = conn.execute(text("SELECT count(*) FROM resident")).scalar() or 0
            if have >= target:
                return 0
            sources = [r[0] for r in conn.execute(text(
                "SELECT village_code FROM sync_village_state ORDER BY village_code"))]
            # from the end of the list: never a village the generator makes bundles for
            free = [c for c, _ in reversed(_villages(province, 100_000))
                    if c not in set(sources)]
            print(f"hub holds {have:,} residents from {len(sources)} real bundles; copying "
                  f"villages to reach {target:,}", flush=True)
            # bulk copy: migration 0011's indexes are dropped and made again afterwards
            kept = conn.execute(text(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'resident' AND "
                "indexname IN ('ix_resident_name_trgm', 'ix_resident_nik_prefix', "
                "'ix_resident_no_kk_prefix')")).all()
            for name, _ in kept:
                conn.execute(text(f"DROP INDEX {name}"))
            cols = {t: [r[0] for r in conn.execute(text(
                "SELECT column_name FROM information_schema.columns WHERE table_name = :t "
                "ORDER BY ordinal_position"), {"t": t})] for t in (s.table for s in SCHEMA)}
            started = time.perf_counter()
            per_village = have / max(1, len(sources))  # each round copies the real villages
            while have < target:
                rounds += 1
                want = min(len(sources), int((target - have) / per_village) + 1)
                pairs = list(zip(sources[:want], free[:want], strict=True))
                free = free[want:]
                conn.execute(text("CREATE TEMP TABLE IF NOT EXISTS bench_map "
                                  "(src text PRIMARY KEY, dst text, nik6 text)"))
                conn.execute(text("TRUNCATE bench_map"))
                conn.execute(text("INSERT INTO bench_map VALUES (:s, :d, :n)"),
                             [{"s": a, "d": b, "n": b.replace(".", "")[:6]} for a, b in pairs])
                for sheet in SCHEMA:
                    refs = {"id", *(c.key for c in sheet.columns if c.kind == "ref")}
                    exprs = []
                    for c in cols[sheet.table]:
                        if c in refs:
                            exprs.append(f"CASE WHEN t.{c} IS NULL THEN NULL ELSE "
                                         f"left(md5(t.{c} || '-{rounds}'), 32) END")
                        elif c == "owner_office":
                            exprs.append("m.dst")
                        elif c in ("nik", "no_kk") and sheet.table == "resident":
                            exprs.append(f"CASE WHEN t.{c} IS NULL OR t.{c} = '' THEN t.{c} "
                                         f"ELSE m.nik6 || substr(t.{c}, 7) END")
                        else:
                            exprs.append(f"t.{c}")
                    conn.execute(text(
                        f'INSERT INTO "{sheet.table}" ({", ".join(cols[sheet.table])}) '
                        f'SELECT {", ".join(exprs)} FROM "{sheet.table}" t JOIN bench_map m '
                        "ON m.src = t.owner_office"))
                have = conn.execute(text("SELECT count(*) FROM resident")).scalar() or 0
                print(f"  round {rounds}: {want} villages copied, {have:,} residents, "
                      f"{time.perf_counter() - started:.0f} s", flush=True)
            for _, definition in kept:
                t = time.perf_counter()
                conn.execute(text(definition))
                print(f"  {definition[:60]}... {time.perf_counter() - t:.0f} s", flush=True)
    finally:
        engine.dispose()
    (hub / ".copied").write_text(str(rounds))
    return rounds


def analyze(hub: Path) -> None:
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace

    t = time.perf_counter()
    ws = open_workspace(DataDir(hub))
    print(f"opened the hub, schema upgrade included if pending (pg_dump first, then 0011's "
          f"indexes): {time.perf_counter() - t:.0f} s", flush=True)
    try:
        with ws.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            from sqlalchemy import text

            t = time.perf_counter()
            conn.execute(text("VACUUM ANALYZE"))
            print(f"VACUUM ANALYZE {time.perf_counter() - t:.0f} s", flush=True)
    finally:
        ws.close()


# -- 3. measures ------------------------------------------------------------------------------

SEARCH_GOAL = 0.100
REPORT_GOAL = 5.0


def _line(label: str, seconds: float, goal: float, extra: str = "") -> None:
    print(f"{label:<52} {seconds * 1000:10.1f} ms   goal {goal * 1000:6.0f} ms   "
          f"ratio {seconds / goal:5.2f} {extra}", flush=True)


def measure(hub: Path, queries: int, repeat: int, regency: str, seed: int = 7,
            whole: bool = False) -> None:
    import random
    from contextlib import contextmanager
    from datetime import date

    from sqlalchemy import text

    from app.core.desk.search import PersonSearch
    from app.core.paths import DataDir
    from app.core.repo.p4mi import load_regency_dashboard
    from app.core.workspace import open_workspace
    from sync.report import build_period_report

    rng = random.Random(seed)
    t = time.perf_counter()
    ws = open_workspace(DataDir(hub))
    print(f"opened the hub (schema upgrade included, if any): {time.perf_counter() - t:.0f} s",
          flush=True)
    try:
        with ws.db.engine.connect() as conn:
            total = conn.execute(text("SELECT count(*) FROM resident WHERE deleted = FALSE")
                                 ).scalar()
            villages = conn.execute(text("SELECT count(DISTINCT owner_office) FROM resident")
                                    ).scalar()
            sample = conn.execute(text(
                "SELECT name, nik FROM resident TABLESAMPLE SYSTEM (1) WHERE deleted = FALSE "
                "AND nik IS NOT NULL LIMIT :n"), {"n": queries * 3}).all()
            size = conn.execute(text("SELECT pg_size_pretty(pg_database_size("
                                     "current_database()))")).scalar()
        print(f"hub: {total:,} live residents in {villages:,} villages, database {size}",
              flush=True)
        rng.shuffle(sample)

        @contextmanager
        def sessions():  # noqa: ANN202
            with ws.db.session() as s:
                yield s

        search = PersonSearch(sessions)
        search.warm()
        kinds: dict[str, list[str]] = {"NIK (16 digits)": [], "NIK prefix (6-15 digits)": [],
                                       "name fragment (3-6 letters)": [],
                                       "name fragment (2 letters)": [], "whole name": []}
        for name, nik in sample[:queries]:
            word = rng.choice(name.split())
            kinds["NIK (16 digits)"].append(nik)
            kinds["NIK prefix (6-15 digits)"].append(nik[:rng.randint(6, 15)])
            n = rng.randint(3, max(3, min(6, len(word))))
            start = rng.randint(0, max(0, len(word) - n))
            kinds["name fragment (3-6 letters)"].append(word[start:start + n])
            kinds["name fragment (2 letters)"].append(word[:2])
            kinds["whole name"].append(name)
        for kind, qs in kinds.items():
            times, hits = [], []
            for q in qs:
                t = time.perf_counter()
                r = search.search(q)
                times.append(time.perf_counter() - t)
                hits.append(r.total)
            _line(f"search {kind}, median of {len(times)}", statistics.median(times),
                  SEARCH_GOAL, f"median hits {int(statistics.median(hits))}")
            _line(f"search {kind}, worst", max(times), SEARCH_GOAL,
                  f"(query {qs[times.index(max(times))]!r})")
        today = date(2026, 11, 30)
        province = ws.office().code
        runs = [(f"regency dashboard {regency}", lambda: _dashboard(ws, regency, today,
                                                                  load_regency_dashboard)),
                (f"period report 2026 (laporan) of {regency}, all tables",
                 lambda: build_period_report(ws, date(2026, 1, 1), today, regency=regency))]
        if whole:  # the hub's own figures over all it holds (not a regency report)
            runs += [(f"hub's own dashboard {province} (whole hub)",
                      lambda: _dashboard(ws, province, today, load_regency_dashboard)),
                     (f"period report 2026 of {province} (whole hub)",
                      lambda: build_period_report(ws, date(2026, 1, 1), today))]
        for label, run in runs:
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                run()
                times.append(time.perf_counter() - t)
            _line(f"{label}, median of {repeat}", statistics.median(times), REPORT_GOAL)
            _line(f"{label}, worst", max(times), REPORT_GOAL)
    finally:
        ws.close()


def _dashboard(ws, regency, today, load):  # noqa: ANN001, ANN202
    with ws.db.session() as s:
        return load(s, regency, today)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pg", default=os.environ.get("BMD_TEST_PG_URL", ""))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/bench-prov-cache"))
    ap.add_argument("--province", default="18")
    ap.add_argument("--villages", type=int, default=150)
    ap.add_argument("--residents", type=int, default=2000)
    ap.add_argument("--target", type=int, default=2_000_000)
    ap.add_argument("--db", default="bench_prov16")
    ap.add_argument("--hub", type=Path, default=None,
                    help="the hub's data folder (default CACHE/hub); one per --db")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--only-bundles", action="store_true")
    ap.add_argument("--only-build", action="store_true")
    ap.add_argument("--stop-import", action="store_true", help="import, then stop")
    ap.add_argument("--no-import", action="store_true", help="no more bundles: copy, measure")
    ap.add_argument("--ready-only", action="store_true",
                    help="only the villages already generated (import while generating)")
    ap.add_argument("--regency", default="18.07", help="the regency of the regency report")
    ap.add_argument("--whole", action="store_true",
                    help="also the hub's own dashboard and report over the whole hub")
    args = ap.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    villages = _villages(args.province, args.villages)
    if args.ready_only:  # import what another run has generated so far (build meanwhile)
        villages = [v for v in villages if (args.cache / "villages" / v[0] / ".done").exists()]
    bundles = build_bundles(args.cache, args.province, villages, args.residents, args.jobs)
    print(f"{len(bundles)} bundles ready in {args.cache / 'bundles'}", flush=True)
    if args.only_bundles:
        return 0
    if not args.pg:
        raise SystemExit("--pg (or BMD_TEST_PG_URL) is needed for the hub")
    hub = _hub_folder(args.cache, args.pg, args.db, args.province, args.hub)
    if args.no_import:  # measure with the bundles imported so far
        log = (hub / "imported.txt").read_text().split()
        print(f"{len(log)} bundles imported, no more (--no-import)", flush=True)
        bundles = [b for b in bundles if b.name in set(log)]
    else:
        import_bundles(hub, bundles)
    if args.stop_import:
        return 0
    multiply(hub, args.target, args.province)
    stamp = f"{len(bundles)} {(hub / '.copied').read_text() if (hub / '.copied').exists() else 0}"
    if not (hub / ".analyzed").exists() or (hub / ".analyzed").read_text() != stamp:
        analyze(hub)  # opens the hub first: a pending schema upgrade (0011's indexes) runs here
        (hub / ".analyzed").write_text(stamp)
    if args.only_build:
        return 0
    measure(hub, args.queries, args.repeat, args.regency, whole=args.whole)
    return 0


def _with_db(url: str, name: str) -> str:
    p = urlsplit(url)
    return urlunsplit((p.scheme, p.netloc, "/" + name, p.query, ""))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
