"""A full disk gives a clear message and loses nothing that was committed."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from app.core.backup import integrity_ok
from app.core.messages import message

ROOT = Path(__file__).resolve().parents[2]


def test_full_disk_refuses_cleanly_and_keeps_committed(village) -> None:
    folder = village.data_dir.root
    village.close()
    db = folder / "buku_migran.db"
    limit = db.stat().st_size + 400_000
    res = subprocess.run(
        [sys.executable, str(ROOT / "tests/core/disk_full_worker.py"), str(folder), str(limit)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    lines = res.stdout.splitlines()
    assert res.returncode == 0, res.stderr[-2000:]
    assert lines[-1] in ("refused storage.full", "refused storage.io"), lines[-3:]
    code = lines[-1].split()[1]
    assert "TIDAK tersimpan" in message(code, "id", path=str(folder))
    committed = [line[3:] for line in lines if line.startswith("ok ")]
    assert len(committed) > 3
    assert integrity_ok(db)
    con = sqlite3.connect(db)
    names = [r[0] for r in con.execute("SELECT name FROM resident ORDER BY rowid")]
    con.close()
    assert names == committed  # every committed one, and nothing half-written
