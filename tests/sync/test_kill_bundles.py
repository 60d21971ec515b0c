"""SIGKILL during export or import: no half bundle, no half import, nothing committed lost."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from app.core.backup import integrity_ok
from app.core.models import Resident
from sync.container import read_bundle
from tests.sync.conftest import digest, export, import_, make_hub, make_village

ROOT = Path(__file__).resolve().parents[2]


def _run_and_kill(args: list[str], delay: float) -> list[str]:
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests/sync/kill_worker.py"), *args],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first, proc.stderr.read() if proc.stderr else ""
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    rest, _ = proc.communicate(timeout=60)
    return [first.strip()] + [x for x in rest.splitlines() if x.strip()]


def _counts(db: Path) -> tuple[int, int, int]:
    con = sqlite3.connect(db)
    try:
        return tuple(con.execute(  # type: ignore[return-value]
            "SELECT (SELECT count(*) FROM resident), (SELECT count(*) FROM episode), "
            "(SELECT count(*) FROM sync_bundle_import WHERE status IN ('diimpor', 'sebagian'))"
        ).fetchone())
    finally:
        con.close()


def test_kill_during_export_leaves_only_whole_bundles(tmp_path: Path) -> None:
    village = make_village(tmp_path / "desa", residents=300, seed=4)
    folder = village.data_dir.root
    village.close()
    usb = tmp_path / "usb"
    rng = random.Random(11)
    printed: list[str] = []
    for _ in range(3):
        printed += _run_and_kill(["export", str(usb), str(folder)], rng.uniform(0.05, 0.8))
        assert integrity_ok(folder / "buku_migran.db")
    bundles = sorted(usb.glob("*.bmd"))
    assert {str(p) for p in bundles} >= set(printed)  # every reported bundle is there
    sequences = [read_bundle(p).manifest.sequence for p in bundles]  # each one whole
    assert len(sequences) == len(set(sequences)) >= 3


def test_kill_during_import_is_all_or_nothing(tmp_path: Path) -> None:
    village = make_village(tmp_path / "desa", residents=400, seed=6)
    usb = tmp_path / "usb"
    paths = [export(village, usb, full=True)]
    for n in range(2):
        with village.db.unit_of_work("op") as s:
            for person in s.scalars(select(Resident).order_by(Resident.name).limit(40)):
                person.notes = f"ubah {n}"
            s.add(Resident(name=f"Penduduk baru {n}", sex="P"))
        paths.append(export(village, usb))
    # the states a hub may be in: after 0, 1, 2 or 3 whole imports
    reference = make_hub(tmp_path / "acuan")
    states = {_counts(reference.data_dir.db_path)}
    for path in paths:
        import_(reference, path)
        states.add(_counts(reference.data_dir.db_path))
    reference.close()
    hub = make_hub(tmp_path / "p4mi")
    folder = hub.data_dir.root
    hub.close()
    rng = random.Random(5)
    for _ in range(3):
        _run_and_kill(["import", str(folder), *map(str, paths)], rng.uniform(0.0, 0.5))
        db = folder / "buku_migran.db"
        assert integrity_ok(db)
        assert _counts(db) in states  # whole imports only, recorded in the history
    hub = make_hub_reopen(folder)
    try:
        for path in paths:
            import_(hub, path)
        assert digest(hub) == digest(village)
    finally:
        hub.close()
        village.close()


def make_hub_reopen(folder: Path):  # noqa: ANN201 - Workspace
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace

    return open_workspace(DataDir(folder))
