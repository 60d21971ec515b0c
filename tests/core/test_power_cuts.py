"""Power cuts during schema work and restore (issue 17, items 1 and 3).

The kills happen at exact points: before every schema statement (found by a counting run
with a SQLite trace callback, so new migrations are covered without editing this test), and
at every rename/unlink of a restore. After each kill the folder must open again.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.core import migrate
from app.core.backup import backup_database, integrity_ok
from app.core.migrations import HEAD_REVISION
from app.core.paths import DataDir
from app.core.restore import quick_check
from app.core.workspace import open_workspace

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "schema_v1" / "buku_migran.db"
WORKER = ROOT / "tests" / "core" / "migration_kill_worker.py"
RESTORE_WORKER = ROOT / "tests" / "core" / "restore_kill_worker.py"

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="uses fork and SIGKILL"),
    # one kill per schema statement of every migration: minutes on a busy 2-core machine
    pytest.mark.timeout(1500),
]


def _is_schema_step(statement: str) -> bool:
    head = statement.lstrip().upper()
    if head.startswith(("CREATE", "ALTER", "DROP", "COMMIT")):
        return True
    return "ALEMBIC_VERSION" in head and head.startswith(("INSERT", "UPDATE", "DELETE"))


def _worker(*args: str) -> str:
    done = subprocess.run([sys.executable, str(WORKER), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _kill_everywhere(scenario: str, template: Path, work: Path) -> tuple[list[str], dict]:
    """Kill before every schema statement; returns (the statements, {N: outcome})."""
    work.mkdir(parents=True, exist_ok=True)
    _worker("count", scenario, str(template), str(work))
    statements = json.loads((work / "count.json").read_text())
    points = [i + 1 for i, s in enumerate(statements) if _is_schema_step(s)]
    if not points:
        return statements, {}
    out = _worker("kill", scenario, str(template), str(work), ",".join(map(str, points)))
    return statements, {int(k): v for k, v in json.loads(out.strip().splitlines()[-1]).items()}


def _no_leftovers(folder: Path) -> None:
    left = [p.name for p in folder.rglob("*") if p.name.endswith((".part", ".pulihkan"))]
    assert left == []


def _count(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_kill_before_every_schema_statement_of_a_new_folders_init(tmp_path: Path) -> None:
    from app.cli import run_command

    statements, outcome = _kill_everywhere("init", tmp_path / "none", tmp_path / "w")
    creates = [s for s in statements if s.lstrip().upper().startswith("CREATE TABLE")]
    assert len(creates) >= 20  # every migration from an empty file ran in the counting run
    assert outcome and set(outcome.values()) == {"killed"}, outcome
    for n in outcome:
        folder = tmp_path / "w" / f"mig-k{n}"
        code = run_command(["init", "--data-dir", str(folder), "--village", "18.07.01.2001"])
        ws = open_workspace(DataDir(folder))
        try:
            office = ws.office()
        finally:
            ws.close()
        # a second init either finishes the first or says the folder is already set up
        assert code in (0, 2), n
        assert office is not None and office.code == "18.07.01.2001", n
        assert migrate.current_revision(folder / "buku_migran.db") == HEAD_REVISION, n
        assert quick_check(folder / "buku_migran.db"), n
        _no_leftovers(folder)


def _village_at_first_revision(folder: Path) -> Path:
    data = DataDir(folder).ensure()
    migrate.upgrade(data.db_path, data.backups, target="0001")
    con = sqlite3.connect(data.db_path)
    con.execute("INSERT INTO setting (key, value) VALUES ('office_code', '18.07.01.2001')")
    con.execute(
        "INSERT INTO resident (id, origin_instance, origin_counter, owner_office, version,"
        " created_at, updated_at, updated_by, deleted, name, sex, birth_place, shdk, dusun,"
        " rw, rt, address, phone, education, marital_status, passport_no, bpjs_tk_no,"
        " life_status, notes, migrant_status) VALUES ('a'||hex(randomblob(15)), 'x', 1,"
        " '18.07.01.2001', 1, '2024-01-01', '2024-01-01', 'op', 0, 'Lama', 'L', '', '', '',"
        " '', '', '', '', '', '', '', '', 'hidup', '', 'bukan')")
    con.commit()
    con.close()
    return folder


def _fixture_village(folder: Path) -> Path:
    data = DataDir(folder).ensure()
    shutil.copyfile(FIXTURE, data.db_path)
    return folder


@pytest.mark.parametrize("make", [_village_at_first_revision, _fixture_village],
                         ids=["from-0001", "from-schema_v1-fixture"])
def test_kill_before_every_schema_statement_of_an_upgrade(tmp_path: Path, make) -> None:
    template = make(tmp_path / "template")
    before = migrate.current_revision(template / "buku_migran.db")
    residents = _count(template / "buku_migran.db", "resident")
    _, outcome = _kill_everywhere("open", template, tmp_path / "w")
    if before == HEAD_REVISION:
        assert outcome == {}  # nothing to migrate: nothing to kill
        return
    assert outcome and set(outcome.values()) == {"killed"}, outcome
    for n in outcome:
        folder = tmp_path / "w" / f"mig-k{n}"
        open_workspace(DataDir(folder)).close()
        db = folder / "buku_migran.db"
        assert migrate.current_revision(db) == HEAD_REVISION, n
        assert quick_check(db), n
        assert _count(db, "resident") == residents, n
        _no_leftovers(folder)


# -- half-applied migrations left by older versions -----------------------------------------

def _half_apply_next_revision(db: Path, revision: str) -> None:
    """What an older version left after a cut: one table of the next revision, old version."""
    scratch = DataDir(db.parent.parent / "scratch").ensure()
    migrate.upgrade(scratch.db_path, scratch.backups, target=revision)
    before = migrate.expected_schema(revision)
    migrate.upgrade(scratch.db_path, scratch.backups)
    con = sqlite3.connect(scratch.db_path)
    new_tables = [(name, sql) for name, sql in con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='table'")
        if ("table", name) not in before and name != "alembic_version"]
    con.close()
    assert new_tables
    con = sqlite3.connect(db)
    con.execute(new_tables[0][1])  # committed on its own, as the driver used to do
    con.commit()
    con.close()


def test_half_applied_migration_is_repaired_from_its_backup(tmp_path: Path) -> None:
    folder = _village_at_first_revision(tmp_path / "desa")
    data = DataDir(folder)
    backup_database(data.db_path, data.backups, reason="sebelum-migrasi-0001")
    _half_apply_next_revision(data.db_path, "0001")
    notices: list[str] = []
    from app.core.recovery import add_notice_handler, remove_notice_handler

    def handler(code: str, _params: dict) -> None:
        notices.append(code)

    add_notice_handler(handler)
    try:
        open_workspace(data).close()
    finally:
        remove_notice_handler(handler)
    assert migrate.current_revision(data.db_path) == HEAD_REVISION
    assert _count(data.db_path, "resident") == 1
    assert "recovery.migration_repaired" in notices
    assert any(data.backups.glob("setengah-migrasi_*"))


def test_half_applied_column_change_is_recognised(tmp_path: Path) -> None:
    """A column added by a cut migration (no new table) is recognised too."""
    folder = _village_at_first_revision(tmp_path / "desa")
    db = DataDir(folder).db_path
    assert not migrate._half_applied(db, "0001")
    con = sqlite3.connect(db)
    con.execute("ALTER TABLE resident ADD COLUMN kolom_baru TEXT")
    con.commit()
    con.close()
    assert migrate._half_applied(db, "0001")


def test_half_made_schema_of_a_new_folder_is_started_again(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "baru").ensure()
    con = sqlite3.connect(data.db_path)
    con.execute("CREATE TABLE setting (key VARCHAR(60) NOT NULL PRIMARY KEY, value TEXT)")
    con.commit()
    con.close()
    ws = open_workspace(data)
    ws.close()
    assert migrate.current_revision(data.db_path) == HEAD_REVISION


def test_half_applied_migration_without_its_backup_is_refused_clearly(tmp_path: Path) -> None:
    from app.core.errors import AppError
    from app.core.messages import message

    folder = _village_at_first_revision(tmp_path / "desa")
    data = DataDir(folder)
    _half_apply_next_revision(data.db_path, "0001")
    with pytest.raises(AppError) as err:
        open_workspace(data)
    assert err.value.code == "recovery.migration_unrepairable"
    assert "python -m app restore" in message(err.value.code, "id", **err.value.params)
    assert migrate.current_revision(data.db_path) == "0001"  # nothing else changed
    assert _count(data.db_path, "resident") == 1


# -- restore -------------------------------------------------------------------------------

WAL_WRITER = """
import os, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from app.core.paths import DataDir
from app.core.services import residents
from app.core.workspace import open_workspace
ws = open_workspace(DataDir(Path({folder!r})))
for i in range(3):
    with ws.db.unit_of_work("uji") as s:
        residents.register_resident(s, residents.ResidentInput(name=f"wal-{{i}}", sex="P"))
os._exit(0)  # no close: the rows stay in the -wal file only
"""


def _names(db: Path) -> set[str]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {r[0] for r in con.execute("SELECT name FROM resident WHERE deleted = 0")}
    finally:
        con.close()


@pytest.fixture
def restore_template(tmp_path: Path, village) -> tuple[Path, str]:
    """A village with a backup (one resident) and three later residents only in the -wal."""
    from app.core.services import residents

    with village.db.unit_of_work("uji") as s:
        residents.register_resident(s, residents.ResidentInput(name="lama", sex="L"))
    source = backup_database(village.data_dir.db_path, village.data_dir.backups, reason="uji")
    folder = village.data_dir.root
    village.close()
    subprocess.run([sys.executable, "-c", WAL_WRITER.format(root=str(ROOT), folder=str(folder))],
                   check=True, timeout=120)
    wal = folder / "buku_migran.db-wal"
    assert wal.stat().st_size > 0
    template = tmp_path / "template"
    shutil.copytree(folder, template)
    return template, source.name


def test_kill_at_every_rename_and_unlink_of_a_restore(tmp_path: Path,
                                                      restore_template) -> None:
    from app.cli import run_command

    template, source_name = restore_template
    wal_rows = {"wal-0", "wal-1", "wal-2"}
    work = tmp_path / "rk"
    work.mkdir()
    done = subprocess.run([sys.executable, str(RESTORE_WORKER), "count", str(template),
                           str(work), source_name], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    counted = json.loads((work / "count.json").read_text())
    assert counted["exit"] == 0
    calls = counted["calls"]
    assert any(c[0] == "replace" and c[-1] == "buku_migran.db" for c in calls), calls
    assert any(c[0] == "unlink" and c[1] == "buku_migran.db-wal" for c in calls), calls
    points = list(range(1, len(calls) + 1))
    done = subprocess.run([sys.executable, str(RESTORE_WORKER), "kill", str(template), str(work),
                           source_name, ",".join(map(str, points))],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(outcome.values()) == {"killed"}, outcome
    for n in points:
        folder = work / f"rk-{n}"
        db = folder / "buku_migran.db"
        live = _names(db)
        undo = sorted(folder.glob("cadangan/*sebelum-pulihkan*.db"))
        # committed data is never lost: still in the live file, or kept in the undo copy
        assert wal_rows <= live or (undo and wal_rows <= _names(undo[0])), (n, calls[n - 1])
        # the repeated restore (no file named: "the newest backup") finishes THE SAME restore
        code = run_command(["restore", "--data-dir", str(folder)])
        assert code == 0, n
        assert _names(db) == {"lama"}, (n, calls[n - 1])
        undo = sorted(folder.glob("cadangan/*sebelum-pulihkan*.db"))
        # one undo copy holding everything from before (two when the cut came right after
        # the first copy was finished, or after the whole restore, which is then redone)
        assert 1 <= len(undo) <= 2, n
        assert _names(undo[0]) == wal_rows | {"lama"}, n
        assert not (folder / "buku_migran.db.pulihkan-rencana").exists()
        _no_leftovers(folder)
        assert integrity_ok(db)


def test_restore_cut_after_the_wal_is_removed_keeps_wal_rows_in_the_live_file(
        tmp_path: Path, restore_template) -> None:
    """The exact case of the issue: a cut between removing the -wal and the rename."""
    template, source_name = restore_template
    work = tmp_path / "rk"
    work.mkdir()
    subprocess.run([sys.executable, str(RESTORE_WORKER), "count", str(template), str(work),
                    source_name], check=True, capture_output=True, timeout=300)
    calls = json.loads((work / "count.json").read_text())["calls"]
    n = next(i + 1 for i, c in enumerate(calls)
             if c[0] == "replace" and c[-1] == "buku_migran.db")
    done = subprocess.run([sys.executable, str(RESTORE_WORKER), "kill", str(template), str(work),
                           source_name, str(n)], capture_output=True, text=True, timeout=300)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {str(n): "killed"}
    folder = work / f"rk-{n}"
    assert {"wal-0", "wal-1", "wal-2", "lama"} <= _names(folder / "buku_migran.db")
    # the next start finishes the restore and says so
    from app.core.recovery import add_notice_handler, remove_notice_handler

    notices: list[str] = []

    def handler(code: str, _params: dict) -> None:
        notices.append(code)

    add_notice_handler(handler)
    try:
        open_workspace(DataDir(folder), exclusive=True).close()
    finally:
        remove_notice_handler(handler)
    assert "recovery.restore_resumed" in notices
    assert _names(folder / "buku_migran.db") == {"lama"}
