"""Benchmark: the P4MI desk at 200,000 residents, on a hub built through real bundles.

    python -m sync demo-hub --data-dir HUB --villages 40 --residents 5000   # ~200,000 residents
    QT_QPA_PLATFORM=offscreen python benchmarks/bench_desk.py --hub HUB

Prints, each against its goal with the ratio (< 1 is good):

1. **Person search** (:class:`app.core.desk.search.PersonSearch`): name fragments (2 to 6
   letters, taken from real names), whole names, NIK prefixes of 6 to 16 digits; median and
   worst per kind, against 100 ms. The one-off warm-up (loading the name and NIK tables, done
   on the DB worker when the view opens) is printed separately.
2. **Person view** (:func:`app.core.desk.person.person_view`) for random residents.
3. **Case desk list** (:func:`app.core.desk.cases.desk_cases`), all cases.
4. **GUI-thread blocks**: each hub view (Regency, Villages, Same NIK, Find a person, Case
   desk) is created and refreshed with the real background task runner while a 5 ms timer
   ticks on the GUI thread; the longest gap between ticks, minus the tick interval, is the
   longest time the window could not respond. Against 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GOAL_S = 0.100


def line(label: str, seconds: float, goal: float = GOAL_S, extra: str = "") -> None:
    print(f"{label:<48} {seconds * 1000:9.1f} ms   goal {goal * 1000:5.0f} ms   "
          f"ratio {seconds / goal:5.2f} {extra}")


def bench_core(ws: Any, rng: random.Random) -> None:
    from contextlib import contextmanager

    from app.core.desk.cases import DeskFilter, desk_cases
    from app.core.desk.person import person_view
    from app.core.desk.search import PersonSearch

    @contextmanager
    def sessions() -> Any:
        with ws.db.session() as s:
            yield s

    con = ws.db.engine.raw_connection()
    try:
        total = con.execute("SELECT count(*) FROM resident WHERE deleted = 0").fetchone()[0]
        sample = con.execute("SELECT id, name, nik FROM resident WHERE deleted = 0 AND "
                             "nik IS NOT NULL ORDER BY random() LIMIT 300").fetchall()
    finally:
        con.close()
    print(f"hub: {total:,} live residents".replace(",", "."))
    search = PersonSearch(sessions)
    t = time.perf_counter()
    search.warm()
    warm = (time.perf_counter() - t) * 1000
    print(f"{'search warm-up (once, on the DB worker)':<48} {warm:9.1f} ms")
    kinds: dict[str, list[str]] = {"name fragment": [], "whole name": [], "NIK prefix": []}
    for _id, name, nik in sample[:100]:
        word = rng.choice(name.split())
        n = rng.randint(2, min(6, len(word))) if len(word) >= 2 else 2
        start = rng.randint(0, max(0, len(word) - n))
        kinds["name fragment"].append(word[start:start + n])
        kinds["whole name"].append(name)
        kinds["NIK prefix"].append(nik[:rng.randint(6, 16)])
    for kind, queries in kinds.items():
        times, hits = [], []
        for q in queries:
            t = time.perf_counter()
            r = search.search(q)
            times.append(time.perf_counter() - t)
            hits.append(r.total)
        line(f"search by {kind} (median of {len(times)})", statistics.median(times),
             extra=f"median hits {int(statistics.median(hits))}")
        line(f"search by {kind} (worst)", max(times))
    times = []
    for rid, _name, _nik in sample[100:200]:
        t = time.perf_counter()
        with ws.db.session() as s:
            person_view(s, rid)
        times.append(time.perf_counter() - t)
    line("person view (median of 100)", statistics.median(times))
    line("person view (worst)", max(times))
    t = time.perf_counter()
    with ws.db.session() as s:
        rows = desk_cases(s, DeskFilter(status="all"))
    line(f"case desk, all {len(rows)} cases", time.perf_counter() - t)


def bench_gui(ws: Any, wanted: set[str] | None = None) -> list[tuple[str, float, float]]:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.context import AppContext
    from app.ui.p4mi import P4MI_VIEWS
    from app.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    tasks = TaskRunner()
    ctx = AppContext(ws, ws.office(), operator="Bench", tasks=tasks)
    out = []
    wanted = wanted or {"beranda", "desa", "nik", "cari", "kasus", "laporan"}
    for spec in P4MI_VIEWS:
        if spec.key not in wanted:
            continue
        module = __import__(spec.module, fromlist=[spec.cls])
        clock = QElapsedTimer()
        gaps: list[float] = []
        last = [0.0]

        def tick(clock: QElapsedTimer = clock, gaps: list[float] = gaps,
                 last: list[float] = last) -> None:
            now = clock.nsecsElapsed() / 1e9
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(tick)
        clock.start()
        timer.start()
        started = time.perf_counter()
        view = getattr(module, spec.cls)(ctx)
        view.resize(1366, 700)
        view.show()
        if spec.key == "cari":
            view.search.setText("sri")  # a search that hits thousands
        if hasattr(view, "refresh") and spec.key != "cari":
            view.refresh()
        app.processEvents()
        while tasks.busy:
            app.processEvents()
            time.sleep(0.001)
        for _ in range(40):  # let the debounce timers fire and their work finish
            app.processEvents()
            time.sleep(0.01)
            while tasks.busy:
                app.processEvents()
                time.sleep(0.001)
        timer.stop()
        now = clock.nsecsElapsed() / 1e9
        gaps.append(now - last[0])
        worst = max(gaps) - 0.005
        out.append((spec.key, worst, time.perf_counter() - started))
        view.close()
        view.deleteLater()
        app.processEvents()
    tasks.shutdown()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hub", required=True, help="a hub folder made by `sync demo-hub`")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--views", default="", help="only these views, e.g. 'kasus,cari'")
    parser.add_argument("--gui-only", action="store_true", help="skip the core timings")
    args = parser.parse_args()
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace

    ws = open_workspace(DataDir(Path(args.hub)), exclusive=False)
    try:
        if not args.gui_only:
            bench_core(ws, random.Random(args.seed))
            print()
        views = {v.strip() for v in args.views.split(",") if v.strip()} or None
        for key, worst, total in bench_gui(ws, views):
            line(f"GUI-thread block, view '{key}'", max(worst, 0.0),
                 extra=f"(view ready after {total:.2f} s)")
    finally:
        ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
