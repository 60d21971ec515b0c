"""The one atomic file writer (:mod:`app.core.atomic`): complete file or the old one."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.core import atomic
from app.core.errors import AppError
from app.core.recovery import clean_leftovers

ROOT = Path(__file__).resolve().parents[2]
WORKER = ROOT / "tests" / "core" / "atomic_kill_worker.py"


def test_kill_at_the_rename_leaves_the_old_file_intact(tmp_path: Path) -> None:
    dest = tmp_path / "kunci" / "batas.json"
    dest.parent.mkdir()
    dest.write_text('{"counter": 7}', encoding="utf-8")
    done = subprocess.run([sys.executable, str(WORKER), str(dest), '{"counter": 8}'],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stdout + done.stderr
    assert dest.read_text(encoding="utf-8") == '{"counter": 7}'  # the old file, whole
    leftover = atomic.temp_name(dest)
    assert leftover.read_text(encoding="utf-8") == '{"counter": 8}'  # complete, not in place
    # the next start removes the leftover
    assert leftover in clean_leftovers(tmp_path, "buku_migran.db", restore_pending=False)
    assert not leftover.exists()


def test_write_replaces_whole_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    dest = tmp_path / "a" / "b.txt"
    assert atomic.write_text(dest, "satu") == dest
    atomic.write_text(dest, "dua")
    assert dest.read_text(encoding="utf-8") == "dua"
    assert sorted(p.name for p in dest.parent.iterdir()) == ["b.txt"]


def test_private_file_mode(tmp_path: Path) -> None:
    dest = tmp_path / "pribadi.json"
    atomic.write_text(dest, "rahasia", mode=0o600)
    if os.name == "posix":
        assert stat.S_IMODE(dest.stat().st_mode) == 0o600


def test_failure_is_coded_cleans_up_and_keeps_the_old_file(tmp_path: Path) -> None:
    dest = tmp_path / "laporan.csv"
    dest.write_text("lama", encoding="utf-8")

    def broken(tmp: Path) -> None:
        tmp.write_text("setengah", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(AppError) as err:
        atomic.write_atomic(dest, broken)
    assert err.value.code == "file.write_failed"
    assert err.value.params["path"] == str(dest) and err.value.params["detail"]
    assert dest.read_text(encoding="utf-8") == "lama"
    assert not atomic.temp_name(dest).exists()

    with pytest.raises(AppError) as err:
        atomic.write_atomic(dest, broken, error_code="table.write_failed")
    assert err.value.code == "table.write_failed"


def test_other_errors_propagate_after_the_clean_up(tmp_path: Path) -> None:
    dest = tmp_path / "x.bin"

    class Stop(Exception):
        pass

    def cancelled(tmp: Path) -> None:
        tmp.write_bytes(b"12")
        raise Stop

    with pytest.raises(Stop):
        atomic.write_atomic(dest, cancelled)
    assert not dest.exists() and not atomic.temp_name(dest).exists()


def test_a_folder_as_destination_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(AppError) as err:
        atomic.write_text(tmp_path, "x")
    assert err.value.code == "file.write_failed"
