"""A whole regency round imported through the real Import view, offscreen (issue 15 item 3).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui_round.py

Needs the cache of ``benchmarks/bench_hub.py`` (``/tmp/bench-hub-cache``: ``hub_empty``,
``round1/`` with 264 full bundles of 800 residents, ``round2/`` with 264 incremental bundles of
3 changed residents each). A copy of the empty hub gets every village's key on record (as
provisioning does), then the Import view (``app.ui.p4mi.importer.ImportView``, the real
background task runner, a real QApplication) is driven as a clerk does: "Choose a folder…"
(the folder check), "Import" (``import_many`` on the DB worker, progress dialog), until the
result is on screen; then the same for ``round2/``. Printed per round: the folder check, the
import, the total against the goal (180 s and 60 s), the per-village progress updates seen
(the bundle number and file name the dialog shows), the longest GUI-thread block while it ran
(a 5 ms timer), the number of bundles staged (each once) and the process's peak RSS.
``--old`` runs the previous behaviour for comparison (every bundle previewed in full before
the import).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="/tmp/bench-hub-cache")
    parser.add_argument("--work", default="/tmp/hub15b-gui-round")
    parser.add_argument("--limit", type=int, default=0, help="only the first N bundles")
    parser.add_argument("--old", action="store_true",
                        help="preview every bundle in full first (the behaviour before)")
    parser.add_argument("--screenshot", default="", help="save the view after round 1 (PNG)")
    args = parser.parse_args()

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from app.ui import tasks as tasks_module
    from app.ui.context import AppContext
    from app.ui.p4mi import common
    from app.ui.p4mi.importer import ImportView
    from app.ui.tasks import TaskRunner
    from benchmarks.bench_hub import _copy_hub, _trust_all
    from sync.importer import pipeline

    cache, work = Path(args.cache), Path(args.work)
    hub = work / "hub"
    _copy_hub(cache / "hub_empty", hub)
    rounds = [cache / "round1", cache / "round2"]
    if args.limit:  # a smaller round: the first N villages of each folder
        for n, src in enumerate(rounds):
            dst = work / src.name
            dst.mkdir(parents=True, exist_ok=True)
            for p in dst.glob("*.bmd"):
                p.unlink()
            for p in sorted(src.glob("*.bmd"))[:args.limit]:
                os.link(p, dst / p.name)
            rounds[n] = dst
    _trust_all(hub, rounds[0])

    staged: list[str] = []
    real_stage = pipeline._Run.stage

    def stage(self: Any, con: Any, workbook: Any) -> Any:
        staged.append(self.opened.file_name)
        return real_stage(self, con, workbook)

    pipeline._Run.stage = stage
    seen: list[int] = []
    real_set = tasks_module.ProgressSlot.set

    def record(self: Any, progress: Any) -> None:
        if progress.code == "progress.import.bundle" and (
                not seen or seen[-1] != progress.params["n"]):
            seen.append(progress.params["n"])
        real_set(self, progress)

    tasks_module.ProgressSlot.set = record

    app = QApplication.instance() or QApplication([])
    ws = open_workspace(DataDir(hub), exclusive=False)
    tasks = TaskRunner()
    ctx = AppContext(ws, ws.office(), operator="Bench", language="id", tasks=tasks)
    clock = QElapsedTimer()
    gaps: list[float] = []
    last = [0.0]

    long_gaps: list[tuple[float, float]] = []

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e9
        gaps.append(now - last[0])
        if now - last[0] > 0.1:
            long_gaps.append((last[0], now - last[0]))
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)

    def wait(until: Any) -> None:
        while not until():
            app.processEvents()
            time.sleep(0.002)

    results = []
    try:
        view = ImportView(ctx)
        view.resize(1366, 700)
        view.show()
        for n, folder in enumerate(rounds, 1):
            count = len(list(folder.glob("*.bmd")))
            staged.clear()
            seen.clear()
            gaps.clear()
            view.items = []
            common.ask_folder = lambda *a, _f=folder, **k: _f
            if args.old:
                from app.ui.p4mi.importer import find_bundles

                view.choose_folder = lambda _f=folder: view.preview(find_bundles(_f))
            clock.start()
            last[0] = 0.0
            timer.start()
            cpu0 = time.process_time()
            t0 = time.perf_counter()
            view.choose_folder()
            wait(lambda _n=count: not tasks.busy and len(view.items) == _n)
            checked = time.perf_counter() - t0
            staged_check = len(staged)
            t1 = time.perf_counter()
            print(f"  (import pressed at {t1 - t0:.1f} s)")
            view.start_import()
            wait(lambda: not tasks.busy and all(i.result is not None for i in view.items
                                                if i.report is not None
                                                and i.report.status != "sudah_diimpor"))
            imported = time.perf_counter() - t1
            timer.stop()
            total = time.perf_counter() - t0
            cpu = time.process_time() - cpu0
            ok = sum(1 for i in view.items if i.result is not None
                     and getattr(i.result, "changed", False))
            worst = max(gaps, default=0.0) - 0.005
            goal = 180.0 if n == 1 else 60.0
            results.append((n, count, checked, imported, total, goal))
            print(f"ROUND {n}: {count} bundles from {folder}", flush=True)
            print(f"  folder check   {checked:7.1f} s  ({staged_check} bundles staged)")
            print(f"  import         {imported:7.1f} s  ({ok} imported, "
                  f"{len(staged) - staged_check} staged)")
            print(f"  total          {total:7.1f} s  goal {goal:.0f} s  ratio "
                  f"{total / goal:.2f}  {'met' if total < goal else 'NOT met'}  (CPU of the "
                  f"process {cpu:.1f} s, load average {os.getloadavg()[0]:.1f})")
            print(f"  progress       one step per village: {seen == list(range(1, count + 1))} "
                  f"({len(seen)} villages shown)")
            print(f"  GUI thread     longest block {worst * 1000:.0f} ms; blocks over 100 ms: "
                  + ", ".join(f"{g * 1000:.0f} ms at {at:.1f} s" for at, g in long_gaps[:12]),
                  flush=True)
            long_gaps.clear()
            if n == 1 and args.screenshot:
                view.grab().save(args.screenshot)
    finally:
        tasks.shutdown()
        ws.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the process {rss:.0f} MiB; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
