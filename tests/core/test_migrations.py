"""Schema migrations: from empty, the models match the scripts, upgrades back up first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.core import migrate
from app.core.backup import backup_database, integrity_ok
from app.core.db import make_engine
from app.core.migrations import HEAD_REVISION
from app.core.models import Base
from app.core.paths import DataDir
from app.core.workspace import open_workspace


def test_head_constant_matches_alembic() -> None:
    assert migrate.alembic_head() == HEAD_REVISION


def test_empty_database_migrates_to_head_without_backup(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "d")
    ws = open_workspace(data)
    ws.close()
    assert migrate.current_revision(data.db_path) == HEAD_REVISION
    assert list(data.backups.iterdir()) == []
    assert not migrate.is_pending(data.db_path)


def test_models_and_migration_scripts_agree(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "d")
    open_workspace(data).close()
    engine = make_engine(data.db_path)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_pragmas_wal_full_foreign_keys(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "d")
    ws = open_workspace(data)
    with ws.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    ws.close()


def test_upgrade_from_first_revision_backs_up_and_keeps_rows(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "d").ensure()
    migrate.upgrade(data.db_path, data.backups, target="0001")
    con = sqlite3.connect(data.db_path)
    con.execute(
        "INSERT INTO resident (id, origin_instance, origin_counter, owner_office, version,"
        " created_at, updated_at, updated_by, deleted, name, sex, birth_place, shdk, dusun,"
        " rw, rt, address, phone, education, marital_status, passport_no, bpjs_tk_no,"
        " life_status, notes, migrant_status) VALUES ('a'||hex(randomblob(15)), 'x', 1,"
        " '18.07.01.2001', 1, '2024-01-01', '2024-01-01', 'op', 0, 'Lama', 'L', '', '', '',"
        " '', '', '', '', '', '', '', '', 'hidup', '', 'bukan')"
    )
    con.commit()
    con.close()
    backup = migrate.upgrade(data.db_path, data.backups)
    assert migrate.current_revision(data.db_path) == HEAD_REVISION
    con = sqlite3.connect(data.db_path)
    assert con.execute("SELECT name FROM resident").fetchall() == [("Lama",)]
    con.close()
    assert HEAD_REVISION != "0001"
    assert backup is not None and integrity_ok(backup)
    old = sqlite3.connect(backup)
    assert old.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    assert old.execute("SELECT name FROM resident").fetchall() == [("Lama",)]
    old.close()


def test_backup_captures_uncheckpointed_wal(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "d")
    ws = open_workspace(data)
    with ws.db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        conn.exec_driver_sql(
            "INSERT INTO setting (key, value) VALUES ('office_code', '18.07.01.2001')")
        conn.commit()
        # the row is only in the -wal file now; a plain copy of the .db would miss it
        copy = backup_database(data.db_path, data.backups, reason="uji")
    ws.close()
    con = sqlite3.connect(copy)
    assert con.execute("SELECT value FROM setting").fetchall() == [("18.07.01.2001",)]
    con.close()
    assert integrity_ok(copy)


def test_newer_database_is_refused(tmp_path: Path) -> None:
    import pytest

    from app.core.errors import AppError

    data = DataDir(tmp_path / "d")
    open_workspace(data).close()
    con = sqlite3.connect(data.db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(AppError) as err:
        open_workspace(data)
    assert err.value.code == "database.newer"
