"""Where one big bundle's import spends its time (issue 17 item 14), phase by phase.

Run: ``python benchmarks/bench_import_phases.py BUNDLE [--runs N] [--profile]``, with BUNDLE
for example the big bundle that ``python benchmarks/bench_hostile.py --only big --keep DIR``
leaves in ``DIR/big-170000/``. Each run imports BUNDLE into a fresh copy of an empty hub in
this process and prints, per phase, wall seconds, CPU seconds of the whole process (all
threads) and CPU seconds of the importing thread alone (``time.thread_time``: what the
read-ahead thread takes off it). ``--profile`` adds cProfile's 25 costliest functions.
The machine is shared: read CPU seconds, and compare figures taken back to back.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_times: dict[str, list[float]] = {}


def _timed(owner: Any, name: str, label: str) -> None:
    real = getattr(owner, name)

    def wrapper(*a: Any, **kw: Any) -> Any:
        w, c, t = time.perf_counter(), time.process_time(), time.thread_time()
        try:
            return real(*a, **kw)
        finally:
            got = _times.setdefault(label, [0.0, 0.0, 0.0])
            got[0] += time.perf_counter() - w
            got[1] += time.process_time() - c
            got[2] += time.thread_time() - t

    setattr(owner, name, wrapper)


def _instrument() -> None:
    import sync.import_undo as undo
    import sync.importer.pipeline as pipeline
    import sync.importer.staging as staging

    _timed(pipeline, "read_bundle", "verify (read_bundle)")
    _timed(pipeline._Run, "stage", "stage (all)")
    _timed(staging._SheetStager, "_chunk", "  stage: column checks")
    _timed(staging._SheetStager, "_write", "  stage: inserts")
    _timed(staging, "_index_stage", "  stage: staging indexes")
    for name in ("check_knowledge", "check_references", "classify", "merge", "drop"):
        _timed(pipeline._Run, name, name)
    _timed(undo, "journal_rows", "undo journal")
    for name in ("refresh_statuses", "_record", "_archive"):
        _timed(pipeline, name, name.lstrip("_"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from sync.container import read_bundle
    from sync.importer import import_bundle
    from tests.sync.conftest import make_hub

    bundle = Path(args.bundle)
    key = read_bundle(bundle).manifest.public_key.fingerprint
    _instrument()
    with tempfile.TemporaryDirectory(prefix="bench-phases-") as tmp:
        template = Path(tmp) / "empty-hub"
        make_hub(template).close()
        for run in range(args.runs):
            _times.clear()
            hub = Path(tmp) / f"hub-{run}"
            shutil.copytree(template, hub)
            ws = open_workspace(DataDir(hub))
            profiler = cProfile.Profile() if args.profile else None
            load = os.getloadavg()[0]
            w, c, t = time.perf_counter(), time.process_time(), time.thread_time()
            if profiler is not None:
                profiler.enable()
            report = import_bundle(ws, bundle, confirm_key=key, backup=False)
            if profiler is not None:
                profiler.disable()
            w, c, t = (time.perf_counter() - w, time.process_time() - c,
                       time.thread_time() - t)
            ws.close()
            print(f"run {run + 1}: {report.status}, import {w:.2f} s wall, {c:.2f} s CPU "
                  f"({t:.2f} s in the importing thread); load {load:.2f} before, "
                  f"{os.getloadavg()[0]:.2f} after")
            print(f"  {'phase':<26} {'wall s':>7} {'CPU s':>7} {'thread s':>8}")
            for label, (pw, pc, pt) in _times.items():
                print(f"  {label:<26} {pw:7.2f} {pc:7.2f} {pt:8.2f}")
            if profiler is not None:
                pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
            shutil.rmtree(hub)
    return 0


if __name__ == "__main__":
    sys.exit(main())
