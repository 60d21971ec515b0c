"""Issue 15: a bundle import is safe in O(bundle): one transaction and an undo journal, no copy
of the hub per import; "Batalkan impor terakhir" restores exactly the previous versions."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.backup import list_backups
from app.core.errors import AppError
from app.core.models import Episode, Resident
from app.core.paths import DataDir
from app.core.workspace import open_workspace
from sync.canonical import dump_digest
from sync.cli import main as sync_main
from sync.import_undo import last_run, undo_last_import
from tests.sync.conftest import VILLAGE, export, import_, make_hub, make_village


def hub_state(db: Path) -> tuple:
    """The village's canonical digest plus every bookkeeping table an import writes."""
    con = sqlite3.connect(db)
    try:
        book = tuple(tuple(con.execute(sql).fetchall()) for sql in (
            "SELECT village_code, instance_id, counter FROM sync_knowledge ORDER BY 1, 2",
            "SELECT file_sha256, status FROM sync_bundle_import ORDER BY id",
            "SELECT import_id, table_name, row_id, reason FROM sync_conflict ORDER BY id",
            "SELECT nik, resident_id, import_id FROM sync_nik_flag ORDER BY id",
            "SELECT village_code, fingerprint, active FROM sync_village_key ORDER BY id"))
    finally:
        con.close()
    return dump_digest(db, VILLAGE), book


def change_village(ws) -> None:  # noqa: ANN001 - a village Workspace
    """Edits of every kind: changed residents, an episode that changes a derived status, new
    residents with families and episodes, a deleted resident."""
    from app.core.demo import add_demo_data

    with ws.db.unit_of_work("Operator Desa") as s:
        people = list(s.scalars(select(Resident).where(Resident.deleted.is_(False))
                                .order_by(Resident.id).limit(4)))
        for n, r in enumerate(people[:3]):
            r.phone = f"08129999{n:04d}"
        people[3].deleted = True
        ep = s.scalars(select(Episode).where(Episode.state == "berangkat")
                       .order_by(Episode.id)).first()
        assert ep is not None
        ep.state = "pulang"
        ep.returned_on = date(2026, 1, 10)
    add_demo_data(ws.db, ws.office(), 6, seed=9, today=date(2026, 1, 15))


def make_two_bundles(tmp_path: Path) -> tuple[Path, Path]:
    """A full bundle of a 40-resident village, then one after edits of every kind."""
    village = make_village(tmp_path / "desa", residents=40, seed=3)
    first = export(village, tmp_path / "usb1", full=True)
    change_village(village)
    second = export(village, tmp_path / "usb2", full=True)
    village.close()
    return first, second


@pytest.fixture
def two_bundles(tmp_path: Path) -> tuple[Path, Path]:
    return make_two_bundles(tmp_path)


def test_undo_restores_exact_previous_states_then_reimport(tmp_path: Path, two_bundles) -> None:
    first, second = two_bundles
    hub = make_hub(tmp_path / "p4mi")
    db = hub.data_dir.db_path
    try:
        s0 = hub_state(db)
        assert import_(hub, first).status == "diimpor"
        s1 = hub_state(db)
        report = import_(hub, second)
        assert report.status == "diimpor"
        assert report.total("updated") >= 3 and report.total("new") > 0
        assert report.total("deleted") >= 1
        s2 = hub_state(db)
        assert s2 != s1
        info = last_run(hub)
        assert info is not None and info["file_name"] == second.name
        undone = undo_last_import(hub, operator="Petugas")
        assert undone.restored > 0 and undone.removed > 0
        assert hub_state(db) == s1  # exactly the versions before the second import
        undo_last_import(hub, operator="Petugas")
        assert hub_state(db) == s0
        with pytest.raises(AppError) as err:
            undo_last_import(hub, operator="Petugas")
        assert err.value.code == "sync.undo.nothing"
        # the history row went with the undo: the same bundles import again, to the same state
        assert import_(hub, first).status == "diimpor"
        assert hub_state(db) == s1
        assert import_(hub, second).status == "diimpor"
        assert hub_state(db) == s2
    finally:
        hub.close()
    con = sqlite3.connect(db)
    actions = [r[0] for r in con.execute("SELECT action FROM audit_log WHERE action IN "
                                         "('import', 'undo_import') ORDER BY id")]
    con.close()
    assert actions == ["import", "import", "undo_import", "undo_import", "import", "import"]


def test_cli_undo_import(tmp_path: Path, two_bundles, capsys) -> None:
    first, second = two_bundles
    hub = make_hub(tmp_path / "p4mi")
    import_(hub, first)
    db = hub.data_dir.db_path
    s1 = hub_state(db)
    import_(hub, second)
    hub.close()
    assert sync_main(["undo-import", "--data-dir", str(tmp_path / "p4mi")]) == 0
    assert "dibatalkan" in capsys.readouterr().out
    assert hub_state(db) == s1


def test_undo_in_a_village_folder_is_refused(tmp_path: Path) -> None:
    village = make_village(tmp_path / "desa")
    try:
        with pytest.raises(AppError) as err:
            undo_last_import(village, operator="x")
        assert err.value.code == "sync.undo.not_hub"
    finally:
        village.close()


def _fake_backup(folder: Path, when: datetime) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"buku_migran_{when:%Y%m%d-%H%M%S-%f}_harian.db"
    path.write_bytes(b"x" * 100)
    return path


def test_imports_copy_the_hub_at_most_once_a_day_and_rotate_on_the_cli(
        tmp_path: Path, two_bundles) -> None:
    first, second = two_bundles
    hub = make_hub(tmp_path / "p4mi")
    backups = hub.data_dir.backups
    import_(hub, first)  # confirms the key; the first import of the day makes the daily copy
    hub.close()
    assert len(list_backups(backups)) == 1
    assert sync_main(["import", "--data-dir", str(tmp_path / "p4mi"), str(second)]) == 0
    assert len(list_backups(backups)) == 1  # no copy of the hub per import
    # a day later, with old backups piling up: the CLI makes the daily copy and rotates
    for p in backups.glob("*.db"):
        p.unlink()
    now = datetime.now()
    old = [_fake_backup(backups, now - timedelta(days=200 + k)) for k in range(12)]
    village = open_workspace(DataDir(tmp_path / "desa"))
    third = export(village, tmp_path / "usb3", full=True)
    village.close()
    assert sync_main(["import", "--data-dir", str(tmp_path / "p4mi"), str(third),
                      str(first)]) == 0
    left = list_backups(backups)
    assert left[0].reason == "harian" and left[0].taken > now - timedelta(minutes=5)
    assert sum(1 for p in old if p.exists()) <= 2  # thinned: one per month at most


# -- the plan cannot flip: work per bundle does not grow with the hub -------------------------


@contextmanager
def _counting(monkeypatch, ticks: list[int]):
    import sync.importer.pipeline as importer
    from sync import dbutil

    real = dbutil.raw_connection

    @contextmanager
    def counted(db):  # noqa: ANN001, ANN202
        with real(db) as con:
            def tick() -> int:
                ticks[0] += 1
                return 0
            con.set_progress_handler(tick, 1000)
            try:
                yield con
            finally:
                con.set_progress_handler(None, 0)

    monkeypatch.setattr(importer, "raw_connection", counted)
    yield


def _grow(db: Path, copies: int) -> None:
    """Add ``copies`` copies of the village's residents and episodes under another regency's
    codes (new ids and NIKs), then ANALYZE: a big hub with planner statistics."""
    con = sqlite3.connect(db)
    con.execute("BEGIN")
    for table in ("resident", "episode"):
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
        rows = con.execute(f"SELECT * FROM {table} WHERE owner_office = ?", (VILLAGE,)).fetchall()
        out = []
        for k in range(copies):
            for r in rows:
                row = dict(zip(cols, r, strict=True))
                row["id"] = uuid.uuid4().hex
                row["owner_office"] = f"18.08.{k % 90 + 1:02d}.2001"
                if table == "resident" and row["nik"]:
                    row["nik"] = f"35{k:06d}" + row["nik"][8:]
                if table == "episode":
                    row["resident_id"] = row["id"]  # dangling is fine: foreign keys are off here
                out.append([row[c] for c in cols])
        con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(cols))})", out)
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.commit()
    con.close()


def test_import_work_is_flat_in_the_hub_size_with_statistics(tmp_path: Path, two_bundles,
                                                              monkeypatch) -> None:
    first, second = two_bundles
    hub = make_hub(tmp_path / "small")
    import_(hub, first)
    hub.close()
    shutil.copytree(tmp_path / "small", tmp_path / "big")
    _analyze = sqlite3.connect(tmp_path / "small" / "buku_migran.db")
    _analyze.execute("ANALYZE")
    _analyze.commit()
    _analyze.close()
    _grow(tmp_path / "big" / "buku_migran.db", 500)  # 40 -> ~20,000 residents
    work = {}
    for name in ("small", "big"):
        ticks = [0]
        with _counting(monkeypatch, ticks):
            ws = open_workspace(DataDir(tmp_path / name))
            try:
                assert import_(ws, second, backup=False).status == "diimpor"
            finally:
                ws.close()
        work[name] = ticks[0]
    # in thousands of SQLite virtual-machine steps: the same for 40 and 20,000 residents. A
    # join planned as a scan of the hub (classify: about 5x; the other-village NIK check with
    # a Bloom filter over the resident table: about 18x) fails here.
    assert work["big"] <= 1.25 * work["small"] + 5, work


# -- the regency round from the command line: progress per village, Ctrl+C ------------------


def _two_villages(tmp_path: Path) -> tuple[Path, Path]:
    """A folder with the full bundles of two villages; the hub has both keys on record."""
    from sync.container import read_bundle
    from sync.trust import trust_village_key
    from tests.sync.conftest import OTHER_VILLAGE

    folder = tmp_path / "usb"
    for code, seed in ((VILLAGE, 3), (OTHER_VILLAGE, 4)):
        ws = make_village(tmp_path / code, code=code, residents=10, seed=seed)
        export(ws, folder, full=True)
        ws.close()
    hub = make_hub(tmp_path / "p4mi")
    for p in sorted(folder.glob("*.bmd")):
        m = read_bundle(p).manifest
        trust_village_key(hub, m.village_code, m.public_key, operator="uji",
                          confirm_fingerprint=m.public_key.fingerprint)
    hub.close()
    return folder, tmp_path / "p4mi"


def _imported(hub_dir: Path) -> list[str]:
    con = sqlite3.connect(hub_dir / "buku_migran.db")
    try:
        return [r[0] for r in con.execute("SELECT village_code FROM sync_bundle_import "
                                          "ORDER BY id")]
    finally:
        con.close()


def test_cli_folder_import_reports_each_village(tmp_path: Path, capsys) -> None:
    folder, hub_dir = _two_villages(tmp_path)
    assert sync_main(["import", "--data-dir", str(hub_dir), str(folder)]) == 0
    err = capsys.readouterr().err
    lines = [x for x in err.splitlines() if x.startswith("[")]
    assert len(lines) == 2 and lines[0].startswith("[1/2] BMD_18.07.01.2001")
    assert lines[1].startswith("[2/2] BMD_18.07.01.2002") and lines[1].endswith(" s")
    assert _imported(hub_dir) == ["18.07.01.2001", "18.07.01.2002"]


def test_cli_folder_import_stops_cleanly_on_ctrl_c(tmp_path: Path, capsys,
                                                   monkeypatch) -> None:
    import os
    import signal

    import sync.importer.pipeline as pipeline

    folder, hub_dir = _two_villages(tmp_path)
    real = pipeline.import_bundle

    def import_then_ctrl_c(*a, **kw):  # noqa: ANN002, ANN003, ANN202
        result = real(*a, **kw)
        os.kill(os.getpid(), signal.SIGINT)  # the clerk presses Ctrl+C during the first
        return result

    monkeypatch.setattr(pipeline, "import_bundle", import_then_ctrl_c)
    assert sync_main(["import", "--data-dir", str(hub_dir), str(folder)]) == 2
    assert "Impor dihentikan" in capsys.readouterr().err
    assert _imported(hub_dir) == ["18.07.01.2001"]  # the first stays, the second never began
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
