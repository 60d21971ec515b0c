"""Power cuts at exact points of an export and of the archive copy of an import (issue 17,
items 2 and 4): sequence numbers are neither reused nor leaked, no bundle file is overwritten,
no ``.sementara`` file stays, the archive copy in ``masuk/`` is whole or rewritten."""

from __future__ import annotations

import hashlib
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from sync.container import read_bundle
from sync.importer import STATUS_ALREADY, STATUS_IMPORTED
from tests.sync.conftest import TODAY, export, import_, make_hub, make_village

ROOT = Path(__file__).resolve().parents[2]


def _kill_at(point: str, data_dir: Path, target: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "tests/sync/kill_at.py"), point,
                           str(data_dir), str(target)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == -signal.SIGKILL, (point, proc.returncode, proc.stderr[-2000:])


def _reopen(folder: Path):  # noqa: ANN202 - Workspace
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace

    return open_workspace(DataDir(folder))


def _exports(folder: Path) -> list[tuple[int, str]]:
    con = sqlite3.connect(folder / "buku_migran.db")
    try:
        return con.execute("SELECT sequence, status FROM sync_bundle_export "
                           "ORDER BY sequence").fetchall()
    finally:
        con.close()


def _village(tmp_path: Path) -> Path:
    ws = make_village(tmp_path / "desa", residents=20, seed=8)
    folder = ws.data_dir.root
    ws.close()
    return folder


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_kill_after_the_number_is_taken_releases_it_and_tells_p4mi(tmp_path: Path) -> None:
    folder, usb = _village(tmp_path), tmp_path / "usb"
    _kill_at("export-after-number", folder, usb)
    assert _exports(folder) == [(1, "menulis")]  # the number is taken, no file exists
    assert not list(usb.glob("*.bmd"))
    village = _reopen(folder)
    hub = make_hub(tmp_path / "p4mi")
    try:
        from sync.export import export_bundle

        report = export_bundle(village, usb, full=True, today=TODAY)
        assert report.sequence == 2
        assert "sync.warn.export_released" in report.warnings
        m = read_bundle(report.path).manifest
        assert m.released == [(1, 1)]
        assert _exports(folder) == [(1, "dilepas"), (2, "selesai")]
        imported = import_(hub, report.path)
        assert imported.status == STATUS_IMPORTED
        assert imported.missing_ranges == [] and imported.missing_sequences == []
        assert ("sync.warn.released", {"numbers": "1"}) in imported.warnings
        # released once, told in every later bundle, never handed out again
        again = export_bundle(village, usb, full=True, today=TODAY)
        assert again.sequence == 3 and read_bundle(again.path).manifest.released == [(1, 1)]
        assert "sync.warn.export_released" not in again.warnings
    finally:
        hub.close()
        village.close()


def test_kill_before_the_rename_cleans_the_temp_file_and_releases(tmp_path: Path) -> None:
    folder, usb = _village(tmp_path), tmp_path / "usb"
    _kill_at("export-before-rename", folder, usb)
    leftovers = list(usb.glob(".*.sementara"))
    assert len(leftovers) == 1 and not list(usb.glob("*.bmd"))
    village = _reopen(folder)
    try:
        from sync.export import recover_exports

        assert recover_exports(village) == ["sync.warn.export_released"]  # at the next start
        assert not leftovers[0].exists()
        assert _exports(folder) == [(1, "dilepas")]
        path = export(village, usb, full=True)
        assert read_bundle(path).manifest.sequence == 2
        assert read_bundle(path).manifest.released == [(1, 1)]
        assert not list(usb.glob(".*"))
    finally:
        village.close()


def test_kill_after_the_rename_finishes_the_export(tmp_path: Path) -> None:
    folder, usb = _village(tmp_path), tmp_path / "usb"
    _kill_at("export-after-rename", folder, usb)
    (first,) = usb.glob("*.bmd")
    assert _exports(folder) == [(1, "menulis")]
    village = _reopen(folder)
    hub = make_hub(tmp_path / "p4mi")
    try:
        from sync.export import export_bundle

        report = export_bundle(village, usb, full=True, today=TODAY)
        assert "sync.warn.export_recovered" in report.warnings
        assert report.sequence == 2 and "released" not in read_bundle(report.path).manifest.raw
        con = sqlite3.connect(folder / "buku_migran.db")
        try:
            row = con.execute("SELECT status, sha256, file_name FROM sync_bundle_export "
                              "WHERE sequence = 1").fetchone()
        finally:
            con.close()
        assert row == ("selesai", _sha(first), first.name)
        assert import_(hub, first).status == STATUS_IMPORTED
        second = import_(hub, report.path)
        assert second.status == STATUS_IMPORTED and second.missing_ranges == []
    finally:
        hub.close()
        village.close()


def test_restore_after_a_cut_never_reuses_the_number_nor_overwrites(tmp_path: Path) -> None:
    """The database comes back from before the export (a restore); the bundle written just
    before the cut is on the stick: its number is not handed out again, its file not
    overwritten with other content."""
    folder, usb = _village(tmp_path), tmp_path / "usb"
    saved = tmp_path / "sebelum.db"
    shutil.copy2(folder / "buku_migran.db", saved)
    _kill_at("export-after-rename", folder, usb)
    (first,) = usb.glob("*.bmd")
    before = first.read_bytes()
    for suffix in ("-wal", "-shm"):
        (folder / f"buku_migran.db{suffix}").unlink(missing_ok=True)
    shutil.copy2(saved, folder / "buku_migran.db")  # the restore
    village = _reopen(folder)
    try:
        from sqlalchemy import select

        from app.core.models import Resident

        with village.db.unit_of_work("op") as s:  # other content than the first bundle
            s.scalars(select(Resident).limit(1)).one().notes = "setelah pulih"
        path = export(village, usb, full=True)
        assert read_bundle(path).manifest.sequence == 2
        assert first.read_bytes() == before
    finally:
        village.close()


def test_an_existing_bundle_file_is_never_overwritten(tmp_path: Path) -> None:
    """Even with the database and the floor file both lost, a bundle on the stick keeps its
    number and its content."""
    folder, usb = _village(tmp_path), tmp_path / "usb"
    village = _reopen(folder)
    try:
        first = export(village, usb, full=True)
        before = first.read_bytes()
        con = sqlite3.connect(folder / "buku_migran.db")
        con.execute("DELETE FROM sync_bundle_export")
        con.commit()
        con.close()
        (village.data_dir.keys / "batas.json").unlink()
        path = export(village, usb, full=True)
        assert read_bundle(path).manifest.sequence == 2
        assert first.read_bytes() == before
    finally:
        village.close()


def _hub_and_bundle(tmp_path: Path) -> tuple[Path, Path]:
    village = make_village(tmp_path / "desa", residents=20, seed=9)
    try:
        bundle = export(village, tmp_path / "usb", full=True)
    finally:
        village.close()
    hub = make_hub(tmp_path / "p4mi")
    folder = hub.data_dir.root
    hub.close()
    return folder, bundle


def _imports(folder: Path) -> int:
    con = sqlite3.connect(folder / "buku_migran.db")
    try:
        return con.execute("SELECT count(*) FROM sync_bundle_import").fetchone()[0]
    finally:
        con.close()


def test_kill_before_the_archive_rename(tmp_path: Path) -> None:
    folder, bundle = _hub_and_bundle(tmp_path)
    _kill_at("import-archive-before-rename", folder, bundle)
    target = folder / "masuk" / "18.07.01.2001" / bundle.name
    assert not target.exists()  # never half a file under the real name
    assert _imports(folder) == 0  # the archive comes first: no import without its copy
    hub = _reopen(folder)
    try:
        assert import_(hub, bundle).status == STATUS_IMPORTED
        assert _sha(target) == _sha(bundle)
        assert not list(target.parent.glob(".*"))
    finally:
        hub.close()


def test_kill_after_the_archive_rename_before_commit(tmp_path: Path) -> None:
    folder, bundle = _hub_and_bundle(tmp_path)
    _kill_at("import-archive-after-rename", folder, bundle)
    target = folder / "masuk" / "18.07.01.2001" / bundle.name
    assert _sha(target) == _sha(bundle)
    assert _imports(folder) == 0
    hub = _reopen(folder)
    try:
        assert import_(hub, bundle).status == STATUS_IMPORTED
        assert _sha(target) == _sha(bundle)
    finally:
        hub.close()


def test_half_written_archive_is_verified_and_rewritten(tmp_path: Path) -> None:
    """A copy cut short under its real name (as older versions could leave it) is found and
    rewritten when the bundle is imported again."""
    folder, bundle = _hub_and_bundle(tmp_path)
    hub = _reopen(folder)
    try:
        assert import_(hub, bundle).status == STATUS_IMPORTED
        target = folder / "masuk" / "18.07.01.2001" / bundle.name
        target.write_bytes(bundle.read_bytes()[:1000])
        assert import_(hub, bundle).status == STATUS_ALREADY
        assert _sha(target) == _sha(bundle)
    finally:
        hub.close()
