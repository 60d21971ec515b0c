"""Leftovers of interrupted work are cleaned at the next start, and said (issue 17, item 5).

Also: a ``practice`` or ``demo`` run cut short is never reported as finished.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.paths import DataDir
from app.core.recovery import add_notice_handler, remove_notice_handler
from app.core.workspace import open_workspace

ROOT = Path(__file__).resolve().parents[2]
WORKER = ROOT / "tests" / "core" / "migration_kill_worker.py"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses fork and SIGKILL")


@pytest.fixture
def notices():
    seen: list[tuple[str, dict]] = []

    def handler(code: str, params: dict) -> None:
        seen.append((code, params))

    add_notice_handler(handler)
    yield seen
    remove_notice_handler(handler)


def _worker(*args: str) -> str:
    done = subprocess.run([sys.executable, str(WORKER), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _kill_at(scenario: str, template: Path, work: Path, fractions: list[float]) -> list[int]:
    work.mkdir(parents=True, exist_ok=True)
    _worker("count", scenario, str(template), str(work))
    statements = json.loads((work / "count.json").read_text())
    total = len(statements)
    # the work that can be cut short starts where its "pending" marker is written (the
    # schema before it is atomic, and its own kill test covers it)
    start = next((i for i, sql in enumerate(statements) if "_pending" in sql), 0)
    points = sorted({max(1, start + 1 + int((total - start - 1) * f)) for f in fractions})
    out = _worker("kill", scenario, str(template), str(work), ",".join(map(str, points)))
    outcome = json.loads(out.strip().splitlines()[-1])
    assert set(outcome.values()) == {"killed"}, outcome
    return points


def _residents(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM resident WHERE deleted = 0").fetchone()[0]
    finally:
        con.close()


def test_leftover_files_are_removed_at_start_and_reported(village, capsys) -> None:
    from app.cli import run_command

    data = village.data_dir
    village.close()
    leftovers = [
        data.backups / "buku_migran_20260101-101010-000001_manual.db.part",
        data.backups / "buku_migran_20260101-101010-000001_manual.db.part-journal",
        data.root / "buku_migran.db.pulihkan",
        data.root / "buku_migran.db.pulihkan-journal",
        data.root / "buku_migran.db.pulihkan-rencana.part",
        data.keys / "batas.part",
    ]
    for path in leftovers:
        path.write_bytes(b"x" * 1000)
    keep = data.backups / "catatan.txt"
    keep.write_text("milik pengguna")
    code = run_command(["backup", "--data-dir", str(data.root)])
    err = capsys.readouterr().err
    assert code == 0
    assert [p for p in leftovers if p.exists()] == []
    assert keep.exists()
    assert "Sisa pekerjaan yang terputus" in err and "buku_migran.db.pulihkan" in err


def test_leftovers_of_a_folder_open_elsewhere_are_not_touched(village) -> None:
    """A backup another program is writing is not a leftover: only the lock holder cleans."""
    from app.core.lock import FolderLock

    data = village.data_dir
    village.close()
    part = data.backups / "buku_migran_20260101-101010-000001_manual.db.part"
    other = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time;sys.path.insert(0,sys.argv[1]);from app.core.lock import FolderLock;"
         "FolderLock(__import__('pathlib').Path(sys.argv[2])).acquire();print('ok',flush=True);"
         "time.sleep(60)", str(ROOT), str(data.root)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "ok"
        part.write_bytes(b"x")
        open_workspace(data).close()
        assert part.exists()
    finally:
        other.kill()
        other.wait()
    assert FolderLock  # the lock is free again: the next start cleans it
    open_workspace(data).close()
    assert not part.exists()


def test_practice_cut_short_is_prepared_again_not_reported_ready(tmp_path: Path,
                                                                  capsys) -> None:
    from app.cli import run_command

    points = _kill_at("practice", tmp_path / "none", tmp_path / "w", [0.3, 0.6, 0.85])
    for n in points:
        folder = tmp_path / "w" / f"mig-k{n}"
        con = sqlite3.connect(folder / "buku_migran.db")
        pending = con.execute(
            "SELECT value FROM setting WHERE key = 'practice_pending'").fetchone()
        con.close()
        assert pending == ("1",), n  # really cut short while preparing
        code = run_command(["practice", "--data-dir", str(folder), "--residents", "120",
                            "--village", "18.07.01.2001"])
        out, err = capsys.readouterr()
        assert code == 0, err
        assert "siap dengan 120 penduduk contoh" in out, (n, out, err)
        assert "Persiapan folder latihan" in err, (n, err)
        assert _residents(folder / "buku_migran.db") == 120, n


def test_interrupted_practice_reset_leaves_nothing_behind(tmp_path: Path, notices) -> None:
    from app.core.practice import prepare_practice

    folder = tmp_path / "Desa-latihan"
    doomed = tmp_path / "Desa-latihan.dihapus"
    (doomed / "cadangan").mkdir(parents=True)
    (doomed / "buku_migran.db").write_bytes(b"half")
    info = prepare_practice(folder, residents=5)
    assert info.created and info.residents_added == 5
    assert not doomed.exists()
    assert ("recovery.leftovers_removed", {"files": doomed.name}) in notices


def test_demo_cut_short_is_reported_at_next_start(tmp_path: Path, village, notices) -> None:
    template = village.data_dir.root
    village.close()
    points = _kill_at("demo", template, tmp_path / "w", [0.5])
    folder = tmp_path / "w" / f"mig-k{points[0]}"
    added = _residents(folder / "buku_migran.db")
    assert 0 < added < 600
    open_workspace(DataDir(folder), exclusive=True).close()
    assert ("recovery.demo_incomplete", {"added": added, "wanted": 600}) in notices
    notices.clear()
    open_workspace(DataDir(folder), exclusive=True).close()  # said once, not at every start
    assert notices == []
