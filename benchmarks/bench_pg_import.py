"""Per-bundle import on a PostgreSQL hub against the SQLite hub (issue 16 item 5, first half).

    python benchmarks/bench_pg_import.py --pg postgresql://bmd:bmd-test@127.0.0.1:5432/bmd_test

The role of ``--pg`` needs CREATEDB: fresh databases are made for the run and dropped after.
Each hub (SQLite file, PostgreSQL database) first imports the same ``--others`` villages of
``--other-residents`` each through the real importer and is ANALYZEd (hub size, with planner
statistics); then the timed village's full bundle of ``--residents`` demo residents is
imported into a fresh copy of each hub, ``--repeat`` times in alternation. The SQLite import
runs with ``backup=False`` (the server path makes no file copy either). Prints seconds per hub
and the ratio PostgreSQL/SQLite (goal: at most 1.5). ``--without-index NAME`` drops a server
index first (what it costs). A regency hub: ``--others 8 --other-residents 25000`` (200,000).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TIMED = "18.07.01.2001"
OTHERS = ("18.07.01.2002", "18.07.01.2003", "18.07.01.2004", "18.07.01.2005",
          "18.07.01.2006", "18.07.01.2007", "18.07.01.2008", "18.07.01.2009")


def _village(root: Path, code: str, residents: int, seed: int):
    from app.core.demo import add_demo_data
    from app.core.paths import DataDir
    from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace

    ws = open_workspace(DataDir(root))
    office = initialise_office(ws, mode=MODE_VILLAGE, code=code, name=code, operator="Op")
    add_demo_data(ws.db, office, residents, seed=seed)
    return ws


def _hub(root: Path, url: str | None):
    from app.core.paths import DataDir
    from app.core.server import parse_url, save_config
    from app.core.workspace import MODE_P4MI, initialise_office, open_workspace

    data = DataDir(root)
    if url:
        data.ensure()
        save_config(root, parse_url(url), office="18.07")
    ws = open_workspace(data)
    initialise_office(ws, mode=MODE_P4MI, code="18.07", name="Lampung Timur", operator="P")
    return ws


def _with_db(url: str, name: str) -> str:
    p = urlsplit(url)
    return urlunsplit((p.scheme, p.netloc, "/" + name, p.query, ""))


def _drop_database(url: str, name: str) -> None:
    """Drop the run's database; an autovacuum worker of the bootstrap role still in it makes
    ``WITH (FORCE)`` fail for lack of privilege: wait for it and try again."""
    import psycopg

    for attempt in range(20):
        try:
            with psycopg.connect(url, autocommit=True) as con:
                con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except psycopg.errors.InsufficientPrivilege:
            if attempt == 19:
                raise
            time.sleep(0.5)


def _prepare(hub: Any, url: str | None, args: argparse.Namespace) -> None:
    """The server-index experiments of ``--without-index`` / ``--gin-pending-kb``."""
    if not url or not (args.without_index or args.gin_pending_kb):
        return
    from sqlalchemy import text

    with hub.db.engine.begin() as conn:
        for index in args.without_index:
            conn.execute(text(f'DROP INDEX IF EXISTS "{index}"'))
        if args.gin_pending_kb:
            conn.execute(text("ALTER INDEX ix_resident_name_trgm SET "
                              f"(gin_pending_list_limit = {args.gin_pending_kb})"))


def _copy_hub(base: tuple[Path, str | None], root: Path, admin: str) -> tuple[Any, str | None]:
    """A fresh copy of a built hub: its data folder, and on the server its database."""
    from app.core.paths import DataDir
    from app.core.server import parse_url, save_config
    from app.core.workspace import open_workspace

    folder, base_url = base
    shutil.copytree(folder, root)
    url = None
    if base_url:
        import psycopg

        name = f"bmd_bench_{uuid.uuid4().hex[:8]}"
        template = urlsplit(base_url).path.lstrip("/")
        with psycopg.connect(admin, autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        url = _with_db(admin, name)
        save_config(root, parse_url(url), office="18.07")
    return open_workspace(DataDir(root)), url


def main(argv: list[str]) -> int:
    import psycopg

    from sync.container import read_bundle
    from sync.export import export_bundle
    from sync.importer import import_bundle

    ap = argparse.ArgumentParser()
    ap.add_argument("--pg", required=True)
    ap.add_argument("--residents", type=int, default=2000)
    ap.add_argument("--others", type=int, default=4, help="villages already in the hub")
    ap.add_argument("--other-residents", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--without-index", action="append", default=[], metavar="NAME",
                    help="drop this server index before the imports (to see what one costs; "
                         "repeatable, e.g. ix_resident_name_trgm)")
    ap.add_argument("--gin-pending-kb", type=int, default=0,
                    help="set the trigram index's gin_pending_list_limit (kB) first")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bmd-pgbench-"))
    bundles: dict[str, Path] = {}
    for n, code in enumerate((TIMED, *OTHERS[:args.others])):
        ws = _village(tmp / code, code, args.residents if code == TIMED
                      else args.other_residents, seed=10 + n)
        bundles[code] = export_bundle(ws, tmp / "usb", full=True).path
        ws.close()
    keys = {c: read_bundle(p).manifest.public_key.fingerprint for c, p in bundles.items()}
    print(f"bundle: {args.residents} residents, {bundles[TIMED].stat().st_size:,} bytes; hub "
          f"holds {args.others} other villages of {args.other_residents} residents")
    times: dict[str, list[float]] = {"sqlite": [], "postgresql": []}
    # Each hub is built once (the other villages imported through the real importer, then
    # ANALYZE: planner statistics, as every hub in use has them: autovacuum on the server,
    # PRAGMA optimize at close on SQLite); each timed run imports into a fresh copy of it
    # (the data folder copied; on the server the database copied with CREATE DATABASE ...
    # TEMPLATE), so large hubs cost their set-up once.
    bases: dict[str, tuple[Path, str | None]] = {}
    try:
        for kind in ("sqlite", "postgresql"):
            url = None
            if kind == "postgresql":
                name = f"bmd_bench_{uuid.uuid4().hex[:8]}"
                with psycopg.connect(args.pg, autocommit=True) as con:
                    con.execute(f'CREATE DATABASE "{name}"')
                url = _with_db(args.pg, name)
            hub = _hub(tmp / f"base-{kind}", url)
            try:
                _prepare(hub, url, args)
                for code in OTHERS[:args.others]:
                    import_bundle(hub, bundles[code], confirm_key=keys[code], backup=False)
                from sqlalchemy import text

                with hub.db.engine.begin() as conn:
                    conn.execute(text("ANALYZE"))
            finally:
                hub.close()
            bases[kind] = (tmp / f"base-{kind}", url)
        for r in range(args.repeat):
            for kind in ("sqlite", "postgresql"):
                hub, url = _copy_hub(bases[kind], tmp / f"hub-{kind}-{r}", args.pg)
                try:
                    started = time.perf_counter()
                    report = import_bundle(hub, bundles[TIMED], confirm_key=keys[TIMED],
                                           backup=False)
                    times[kind].append(time.perf_counter() - started)
                    assert report.status == "diimpor", report.status
                finally:
                    hub.close()
                    if url:
                        _drop_database(args.pg, urlsplit(url).path.lstrip("/"))
                    shutil.rmtree(tmp / f"hub-{kind}-{r}", ignore_errors=True)
                print(f"run {r + 1} {kind:<10} import {times[kind][-1]:.2f} s")
    finally:
        base_url = bases.get("postgresql", (None, None))[1]
        if base_url:
            _drop_database(args.pg, urlsplit(base_url).path.lstrip("/"))
    best = {k: min(v) for k, v in times.items()}
    print(f"best: SQLite {best['sqlite']:.2f} s, PostgreSQL {best['postgresql']:.2f} s, "
          f"ratio {best['postgresql'] / best['sqlite']:.2f}x (goal <= 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
