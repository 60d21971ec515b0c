"""A process killed (SIGKILL) in the middle of writing loses nothing it had committed."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from app.core.backup import integrity_ok

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 4


def _kill_after(folder: Path, prefix: str, delay: float) -> list[str]:
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "tests/core/crash_worker.py"), str(folder), prefix],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()  # wait until it really writes
    assert first, proc.stderr.read() if proc.stderr else ""
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    rest, _ = proc.communicate(timeout=30)
    return [first.strip()] + [line for line in rest.splitlines() if line.strip()]


def test_kill_during_writes_keeps_every_committed_unit(village, tmp_path: Path) -> None:
    folder = village.data_dir.root
    village.close()
    rng = random.Random(7)
    committed: set[str] = set()
    for round_no in range(ROUNDS):
        committed |= set(_kill_after(folder, f"r{round_no}", rng.uniform(0.05, 0.6)))
        db = folder / "buku_migran.db"
        assert integrity_ok(db)
        con = sqlite3.connect(db)
        names = {row[0] for row in con.execute("SELECT name FROM resident")}
        orphans = con.execute(
            "SELECT count(*) FROM resident r WHERE NOT EXISTS "
            "(SELECT 1 FROM episode e WHERE e.resident_id = r.id)").fetchone()[0]
        counter = con.execute("SELECT counter FROM installation").fetchone()[0]
        con.close()
        assert committed <= names, sorted(committed - names)[:5]
        assert orphans == 0  # no half-done unit of work
        assert counter == len(names)  # one counter step per committed unit, none lost
    assert len(committed) > ROUNDS
