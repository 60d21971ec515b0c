"""Benchmark: how long the GUI thread blocks after an import on a 200,000-resident hub.

    cp -r /tmp/bench-hub-cache/hub_200000 /tmp/hub-copy      # never the cached hub itself
    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui_thread.py --hub /tmp/hub-copy \\
        --bundle /tmp/bench-hub-cache/probe_inc_50/TT_....bmdt

Opens the hub views (Regency, Villages, Same NIK, Find a person with a NIK search, Case desk)
and the resident list (the village-mode list, on the same 200,000 residents)
with the real background task runner and lets them load. Then it imports one small bundle on
the DB worker (as the Import view does; without ``--bundle`` it deletes one resident through
the service instead), then, for each view in turn, calls its ``refresh`` slot (what
``ctx.data_changed`` does for the view on screen) and measures until everything it queued
has finished:

- the longest gap of a 5 ms timer on the GUI thread (minus 5 ms): the longest time the window
  could not respond;
- the time spent inside the view's slots on the GUI thread (``refresh`` itself plus the
  callbacks that fill the table), summed with QElapsedTimer.

Each is printed against the 100 ms goal with its ratio (< 1 is good).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GOAL_S = 0.100
VIEWS = ("beranda", "desa", "nik", "cari", "kasus", "warga")
SLOTS = ("refresh", "_loaded", "_fill", "_searched", "_show_village", "_show_person",
         "_refreshed")


def line(label: str, seconds: float, extra: str = "") -> None:
    print(f"{label:<46} {seconds * 1000:8.1f} ms   goal {GOAL_S * 1000:4.0f} ms   "
          f"ratio {seconds / GOAL_S:5.2f} {extra}")


def settle(app: Any, tasks: Any, rounds: int = 30) -> None:
    for _ in range(rounds):  # debounce timers fire, queued results arrive
        app.processEvents()
        time.sleep(0.01)
        while tasks.busy:
            app.processEvents()
            time.sleep(0.001)


def wrap_slots(view: Any, spent: list[float]) -> None:
    """Time every call of the view's slots on the GUI thread (instance attributes, so signal
    connections made later and calls through ``self`` both go through the wrapper)."""
    from PySide6.QtCore import QElapsedTimer

    for name in SLOTS:
        real = getattr(view, name, None)
        if real is None:
            continue

        def timed(*a: Any, _real: Any = real, **k: Any) -> Any:
            clock = QElapsedTimer()
            clock.start()
            try:
                return _real(*a, **k)
            finally:
                spent.append(clock.nsecsElapsed() / 1e9)

        setattr(view, name, timed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hub", required=True, help="a COPY of a hub folder")
    parser.add_argument("--bundle", default="", help="a small bundle to import (else a write)")
    parser.add_argument("--nik", default="180701", help="the NIK prefix typed in Find a person")
    args = parser.parse_args()

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from app.ui.context import AppContext
    from app.ui.p4mi import P4MI_VIEWS
    from app.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    ws = open_workspace(DataDir(Path(args.hub)), exclusive=False)
    tasks = TaskRunner()
    ctx = AppContext(ws, ws.office(), operator="Bench", tasks=tasks)
    try:
        count = ws.db.engine.raw_connection().execute(
            "SELECT count(*) FROM resident WHERE deleted = 0").fetchone()[0]
        name = ws.db.engine.raw_connection().execute(
            "SELECT name FROM resident WHERE deleted = 0 LIMIT 1 OFFSET 777").fetchone()[0]
        print(f"hub: {count} residents")
        views: dict[str, Any] = {}
        spent: dict[str, list[float]] = {}
        from app.ui.main_window import ViewSpec

        specs = (*P4MI_VIEWS, ViewSpec("warga", "app.ui.views.residents", "ResidentsView", ""))
        for spec in specs:
            if spec.key not in VIEWS:
                continue
            module = __import__(spec.module, fromlist=[spec.cls])
            view = getattr(module, spec.cls)(ctx)
            view.resize(1366, 700)
            view.show()
            views[spec.key] = view
            spent[spec.key] = []
            if spec.key == "cari":
                view.search.setText(args.nik)
            settle(app, tasks)
            wrap_slots(view, spent[spec.key])

        # the write or import, on the DB worker as the Import view does it
        started = time.perf_counter()
        if args.bundle:
            from sync.importer import import_many

            def work() -> Any:
                return import_many(ws, [Path(args.bundle)], valid_rows_only=True,
                                   confirm_keys={}, operator="Bench")
        else:
            def work() -> Any:  # delete one resident through the service (a copy of the hub)
                from app.core.services.residents import delete_resident

                with ws.db.unit_of_work("Bench") as s:
                    rid = s.execute(__import__("sqlalchemy").text(
                        "SELECT id FROM resident WHERE deleted = 0 LIMIT 1")).scalar()
                    delete_resident(s, rid)
                return rid
        result = tasks._db.submit(work).result()
        took = time.perf_counter() - started
        print(f"write/import on the DB worker: {took:.2f} s  {result!r:.120}")

        clock = QElapsedTimer()
        gaps: list[float] = []
        last = [0.0]

        def tick() -> None:
            now = clock.nsecsElapsed() / 1e9
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(tick)
        print()
        worst_all = 0.0
        for key, view in views.items():
            gaps.clear()
            spent[key].clear()
            clock.start()
            last[0] = 0.0
            timer.start()
            t0 = time.perf_counter()
            view.refresh()  # what ctx.data_changed does for the view on screen
            settle(app, tasks)
            timer.stop()
            gaps.append(clock.nsecsElapsed() / 1e9 - last[0])
            worst = max(0.0, max(gaps) - 0.005)
            worst_all = max(worst_all, worst)
            line(f"'{key}' longest GUI-thread block", worst,
                 f"(ready after {time.perf_counter() - t0:.2f} s)")
            line(f"'{key}' time in its slots (GUI thread)", sum(spent[key]),
                 f"({len(spent[key])} calls, longest {max(spent[key], default=0) * 1000:.1f} ms)")
        # the next keystrokes in the resident list's search box run on the GUI thread
        warga = views.get("warga")
        if warga is not None:
            for label, text in (("NIK prefix", args.nik + "01"),
                                ("name", name.split()[0][:4].lower())):
                clock.start()
                warga.apply_filter(text=text)
                took = clock.nsecsElapsed() / 1e9
                worst_all = max(worst_all, took)
                line(f"'warga' next search, {label} (GUI thread)", took,
                     f"({warga.model.rowCount()} rows)")
                warga.apply_filter(text="")
        print()
        line("worst GUI-thread block of all views", worst_all)
        for view in views.values():
            view.close()
    finally:
        tasks.shutdown()
        ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
