"""Benchmark: how long the GUI thread blocks after an import on a 200,000-resident hub.

    cp -r /tmp/bench-hub-cache/hub_200000 /tmp/hub-copy      # never the cached hub itself
    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui_thread.py --hub /tmp/hub-copy \\
        --bundle /tmp/bench-hub-cache/probe_inc_50/TT_....bmdt

Opens the hub views (Regency, Villages, Same NIK, Find a person with a NIK search, Case desk)
and the resident list (the village-mode list, on the same 200,000 residents)
with the real background task runner and lets them load. Then, for each action in turn (with
``--bundle``: an import of that bundle on the DB worker, as the Import view does it; always: a
write, one resident deleted through the service), it measures the GUI thread while the action
runs on the worker, then calls each view's ``refresh`` slot (what ``ctx.data_changed`` does for
the view on screen) and measures until everything it queued has finished, and the next two
keystrokes in the resident list's search box (and clearing it), each until the table is
painted, and choosing two other villages in the Villages view (their import history shown):

- the longest gap of a 5 ms timer on the GUI thread (minus 5 ms): the longest time the window
  could not respond;
- the time spent inside the view's slots on the GUI thread (``refresh`` itself plus the
  callbacks that fill the table), summed with QElapsedTimer.

Each is printed against the 100 ms goal with its ratio (< 1 is good), and at the end the worst
block per action (after an import, after a write) with its ratio. The resident list also says
whether its search index was updated incrementally or read in full.
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
         "_refreshed", "_show_history")


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


def hog_watch(threshold: float, found: list[tuple[float, str]]) -> None:
    """Record every C call on a background thread that takes longer than ``threshold``
    seconds (``--hogs``): a diagnosis of GUI-thread gaps with nothing spent in the slots, which
    come from the worker holding the GIL in one long C call (a sort, a set of 200,000
    entries, ...). SQLite's own steps release the GIL, so a long ``execute`` shows up here but
    does not block the GUI thread."""
    import threading

    local = threading.local()

    def prof(frame: Any, event: str, arg: Any) -> None:
        if event == "c_call":
            stack = getattr(local, "stack", None)
            if stack is None:
                stack = local.stack = []
            stack.append(time.perf_counter())
        elif event in ("c_return", "c_exception"):
            stack = getattr(local, "stack", None)
            if stack:
                took = time.perf_counter() - stack.pop()
                if took >= threshold:
                    code = frame.f_code
                    found.append((took, f"{getattr(arg, '__qualname__', arg)} in "
                                        f"{code.co_filename.split('/')[-1]}:{frame.f_lineno} "
                                        f"({code.co_name})"))

    threading.setprofile(prof)  # threads started from now on: the DB worker and the pool


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hub", required=True, help="a COPY of a hub folder")
    parser.add_argument("--bundle", default="", help="a small bundle to import (else a write)")
    parser.add_argument("--nik", default="180701", help="the NIK prefix typed in Find a person")
    parser.add_argument("--hogs", type=float, default=0.0, metavar="MS",
                        help="list C calls on the worker threads longer than MS milliseconds")
    args = parser.parse_args()
    hogs: list[tuple[float, str]] = []
    if args.hogs:
        hog_watch(args.hogs / 1000, hogs)

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

        clock = QElapsedTimer()
        gaps: list[float] = []
        last = [0.0]
        # the GUI thread's own CPU time between two ticks: the part of a gap that is work on
        # the GUI thread, not waiting for a core or the GIL (steady under load, unlike gaps)
        cpu_gaps: list[float] = []
        cpu_last = [0.0]
        own = [0.0]  # the longest such stretch of the last measurement

        def tick() -> None:
            now = clock.nsecsElapsed() / 1e9
            gaps.append(now - last[0])
            last[0] = now
            cpu = time.thread_time()
            cpu_gaps.append(cpu - cpu_last[0])
            cpu_last[0] = cpu

        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(tick)

        def start_clock() -> None:
            gaps.clear()
            cpu_gaps.clear()
            clock.start()
            last[0] = 0.0
            cpu_last[0] = time.thread_time()
            timer.start()

        def stop_clock() -> float:
            timer.stop()
            gaps.append(clock.nsecsElapsed() / 1e9 - last[0])
            cpu_gaps.append(time.thread_time() - cpu_last[0])
            own[0] = max(cpu_gaps)
            return max(0.0, max(gaps) - 0.005)

        def import_work() -> Any:  # on the DB worker, as the Import view does it
            from sync.importer import import_many

            return import_many(ws, [Path(args.bundle)], valid_rows_only=True,
                               confirm_keys={}, operator="Bench")

        def write_work() -> Any:  # delete one resident through the service (a copy of the hub)
            from app.core.services.residents import delete_resident

            with ws.db.unit_of_work("Bench") as s:
                rid = s.execute(__import__("sqlalchemy").text(
                    "SELECT id FROM resident WHERE deleted = 0 LIMIT 1")).scalar()
                delete_resident(s, rid)
            return rid

        actions = ([("import", import_work)] if args.bundle else []) + [("write", write_work)]
        summary: list[tuple[str, str, float]] = []
        cpu_summary: list[tuple[str, str, float]] = []  # the GUI thread's own CPU stretches
        worst_all = 0.0
        for turn, (action, work) in enumerate(actions):
            print(f"\n== after {'an import' if action == 'import' else 'a write'} ==")
            start_clock()
            started = time.perf_counter()
            hogs.append((-1.0, f"{action} on the worker"))
            future = tasks._db.submit(work)
            busy = 0.0  # the longest processEvents call: the GUI thread's own work
            while not future.done():  # the GUI thread keeps running while the worker writes
                t0 = time.perf_counter()
                app.processEvents()
                busy = max(busy, time.perf_counter() - t0)
                time.sleep(0.001)
            result = future.result()
            took = time.perf_counter() - started
            during = stop_clock()
            line(f"'{action}' itself on the DB worker: GUI block", during,
                 f"({took:.2f} s on the worker; longest event processing "
                 f"{busy * 1000:.1f} ms; {result!r:.40})")
            summary.append((action, f"during the {action}", during))
            cpu_summary.append((action, f"during the {action}", own[0]))
            for key, view in views.items():
                spent[key].clear()
                start_clock()
                t0 = time.perf_counter()
                hogs.append((-1.0, f"'{key}' refresh after the {action}"))
                view.refresh()  # what ctx.data_changed does for the view on screen
                settle(app, tasks)
                worst = stop_clock()
                summary.append((action, f"'{key}' refresh", worst))
                cpu_summary.append((action, f"'{key}' refresh", own[0]))
                line(f"'{key}' longest GUI-thread block", worst,
                     f"(ready after {time.perf_counter() - t0:.2f} s)")
                line(f"'{key}' time in its slots (GUI thread)", sum(spent[key]),
                     f"({len(spent[key])} calls, longest "
                     f"{max(spent[key], default=0) * 1000:.1f} ms)")
                if key == "warga":
                    index = view.model.index_cache
                    print(f"{'':<46} search index after the {action}: "
                          f"{'updated incrementally' if index.incremental else 'read in full'}")
            # the next keystrokes in the resident list's search box run on the GUI thread;
            # each is measured until the table has been painted, and so is clearing the box
            warga = views.get("warga")
            if warga is not None:
                for label, text in (("NIK prefix", args.nik + "01"),
                                    ("name", name.split()[0][:4].lower()), ("cleared", "")):
                    start_clock()
                    warga.apply_filter(text=text)
                    settle(app, tasks, rounds=5)
                    took = stop_clock()
                    summary.append((action, f"'warga' next search, {label}", took))
                    cpu_summary.append((action, f"'warga' next search, {label}", own[0]))
                    line(f"'warga' next search, {label} (GUI thread)", took,
                         f"({warga.model.rowCount()} rows)")
            # the clerk chooses other villages in the Villages view: each one's import
            # history is shown (two villages that sent bundles, others for each action)
            desa = views.get("desa")
            if desa is not None:
                sent = [r.code for r in desa.rows if r.bundles]
                for code in sent[2 * turn:2 * turn + 2]:
                    spent["desa"].clear()
                    hogs.append((-1.0, f"'desa' village {code} chosen after the {action}"))
                    start_clock()
                    t0 = time.perf_counter()
                    desa.select_village(code)
                    settle(app, tasks, rounds=5)
                    worst = stop_clock()
                    summary.append((action, f"'desa' village {code} chosen", worst))
                    cpu_summary.append((action, f"'desa' village {code} chosen", own[0]))
                    line(f"'desa' village {code} chosen: GUI block", worst,
                         f"(history of {desa.history_model.rowCount()} shown after "
                         f"{time.perf_counter() - t0:.2f} s; {sum(spent['desa']) * 1000:.1f}"
                         f" ms in its slots)")
        print("\n== worst GUI-thread block per action ==")
        for action, _work in actions:
            mine = [(w, what) for a, what, w in summary if a == action]
            worst, what = max(mine)
            worst_all = max(worst_all, worst)
            line(f"after {'an import' if action == 'import' else 'a write'} ({what})", worst)
        line("worst GUI-thread block of all actions", worst_all)
        print("\n== the GUI thread's own work: longest CPU stretch between two ticks ==")
        for action, what, w in cpu_summary:
            print(f"{action:<7} {what:<38} {w * 1000:8.1f} ms")
        for action, _work in actions:
            mine = [(w, what) for a, what, w in cpu_summary if a == action]
            worst, what = max(mine)
            line(f"after {'an import' if action == 'import' else 'a write'} ({what})", worst)
        if args.hogs:
            print(f"\n== C calls over {args.hogs:g} ms on the worker threads ==")
            for took, what in hogs:
                print(f"  -- {what}" if took < 0 else f"{took * 1000:8.1f} ms  {what}")
        for view in views.values():
            view.close()
    finally:
        tasks.shutdown()
        ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
