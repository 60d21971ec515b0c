"""Read-only folders, write-protected sticks and full disks (issue 17, item 7): the GUI start,
``dump``, ``stats --out``, ``backup`` and ``sync import`` give the clear Indonesian message
(never "kesalahan yang tidak terduga" or a traceback) and change nothing.

Real media conditions, not mocks: the commands run in a private mount namespace
(``unshare -m``) with a read-only bind mount or a small tmpfs (see ``storage_worker.py``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_bad_commands import snapshot
from tests.cli_run import run_cli
from tests.sync.conftest import export, fingerprint_of

WORKER = Path(__file__).with_name("storage_worker.py")
BAD = ("Traceback", "tidak terduga", "Logging error")


def _mount_namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    res = subprocess.run(["unshare", "-m", "--propagation", "private", "true"],
                         capture_output=True)
    return res.returncode == 0


pytestmark = pytest.mark.skipif(not _mount_namespaces_work(),
                                reason="needs mount namespaces (root in a container or CI)")


def state(folder: Path) -> tuple[dict[str, Any], list[Any]]:
    """The files (without the lock file and the log) and every row of the database: what a
    refused command must leave as it was (sqlite_stat1, the query planner's statistics, aside).
    The database file's bytes may differ after an
    open and close (SQLite's header), its rows may not."""
    import sqlite3

    files = {k: v for k, v in snapshot(folder).items()
             if not k.endswith(".kunci-buka") and "/log/" not in f"/{k}"
             and not k.endswith(("buku_migran.db", "-wal", "-shm"))}
    rows: list[Any] = []
    for db in sorted(folder.rglob("buku_migran.db")):
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                        "AND name NOT LIKE 'sqlite_%' "
                                        "ORDER BY name"):
                rows.append((table, sorted(map(repr, con.execute(f'SELECT * FROM "{table}"')))))
        finally:
            con.close()
    return files, rows


def worker(*args: str) -> dict[str, Any]:
    res = subprocess.run(["unshare", "-m", "--propagation", "private", sys.executable,
                          str(WORKER), *args], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.strip().splitlines()[-1])


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "flashdisk"
    folder.mkdir()
    return folder


CASES = [
    ("gui-start", "{v}", ["app", "--data-dir", "{v}", "--no-crash-dialog"],
     "hanya bisa dibaca (flashdisk terkunci?)"),
    ("backup", "{v}", ["app", "backup", "--data-dir", "{v}"], "tidak bisa ditulisi"),
    ("backup-to-stick", "{usb}", ["app", "backup", "--data-dir", "{v}", "--to", "{usb}"],
     "hanya bisa dibaca"),
    ("stats-out-stick", "{usb}", ["app", "stats", "--data-dir", "{v}", "--out",
                                  "{usb}/statistik.csv"], "tidak dapat ditulis"),
    ("stats-on-read-only-folder", "{v}", ["app", "stats", "--data-dir", "{v}", "--out",
                                          "{t}/statistik.csv"], "tidak bisa ditulisi"),
]


@pytest.mark.parametrize(("protected", "cmd", "phrase"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_read_only_media_refused_clearly(protected: str, cmd: list[str], phrase: str,
                                         village: Any, usb: Path, tmp_path: Path) -> None:
    village.close()
    names = {"v": str(village.data_dir.root), "usb": str(usb), "t": str(tmp_path)}
    before = state(tmp_path)
    out = worker("ro", protected.format(**names), *[a.format(**names) for a in cmd])
    assert out["code"] == 2, out
    assert phrase in out["stderr"], out["stderr"]
    assert not any(bad in out["stderr"] for bad in BAD), out["stderr"]
    assert state(tmp_path) == before


def test_dump_works_from_a_write_protected_stick(village: Any, tmp_path: Path) -> None:
    village.close()
    v = str(village.data_dir.root)
    out = worker("ro", v, "sync", "dump", "--data-dir", v, "--village", "18.07.01.2001")
    assert out["code"] == 0, out
    expected = run_cli("sync", "dump", "--data-dir", v, "--village", "18.07.01.2001")
    assert out["stdout"] == expected.stdout and len(out["stdout"].strip()) == 64
    unknown = worker("ro", v, "sync", "dump", "--data-dir", v, "--village", "18.07.01.2002")
    assert unknown["code"] == 2 and "tidak ada di folder data" in unknown["stderr"]


@pytest.mark.parametrize("free_kb", [40, 300, 600, 700, 800, 1000])
def test_disk_full_during_import_is_refused_clearly_and_keeps_the_hub(
        free_kb: int, village: Any, hub: Any, tmp_path: Path) -> None:
    from app.core.demo import add_demo_data

    add_demo_data(village.db, village.office(), 200, seed=5)
    bundle = export(village, tmp_path / "usb")
    fp = fingerprint_of(bundle)
    village.close()
    hub.close()
    out = worker("full", str(hub.data_dir.root), str(free_kb), "sync", "import",
                 "--data-dir", "{h}", str(bundle), "--confirm-key", fp)
    assert out["integrity"] == "ok"
    assert not any(bad in out["stderr"] for bad in BAD), out["stderr"]
    if out["code"] == 0:  # enough room after all: everything is in
        assert out["residents"] > 0
    else:
        assert out["code"] == 2, out
        assert "penuh" in out["stderr"] or "gagal dibuat" in out["stderr"], out["stderr"]
        assert out["residents"] == 0  # nothing half-imported
    assert not [f for f in out["files"] if f.endswith((".sementara", ".part"))]
