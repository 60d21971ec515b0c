"""A P4MI hub on a PostgreSQL server: ``init --database``, its connection test and Indonesian
refusals, the password kept out of what is printed, the identity of the database, the same
Alembic migrations, backup by pg_dump and the refused restore."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from app.core.errors import AppError
from tests.cli_run import CliResult, run_cli
from tests.hubdb.conftest import make_hub_on, with_database

pytestmark = pytest.mark.postgresql
ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> CliResult:
    unset: dict[str, str | None] = {k: None for k in os.environ if k.startswith("PG")}
    return run_cli("app", *args, env={**unset, "BMD_PG_PASSWORD": None})


def _password(url: str) -> str:
    pw = urlsplit(url).password
    assert pw, "the test role must log in with a password (see .ci/run)"
    return pw


def _with(url: str, *, password: str | None = None, port: int | None = None) -> str:
    parts = urlsplit(url)
    host = parts.hostname or "127.0.0.1"
    netloc = f"{parts.username}:{password or parts.password}@{host}:{port or parts.port or 5432}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


def test_init_on_the_server_keeps_the_password_apart(pg_database: str, tmp_path: Path) -> None:
    folder = tmp_path / "p4mi"
    done = _cli("init", "--p4mi", "18.07", "--data-dir", str(folder), "--database", pg_database)
    assert done.returncode == 0, done.stderr
    secret = _password(pg_database)
    assert secret not in done.stdout + done.stderr
    assert "basis data baru disiapkan" in done.stdout
    settings = json.loads((folder / "server.json").read_text())
    assert settings["office"] == "18.07" and secret not in settings["url"]
    kept = folder / "kunci" / "server.sandi"
    assert kept.read_text() == secret
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert not (folder / "buku_migran.db").exists()  # no SQLite file for a server hub
    # a second clerk's workstation joins the same database
    second = _cli("init", "--p4mi", "18.07", "--data-dir", str(tmp_path / "p4mi-2"),
                  "--database", pg_database)
    assert second.returncode == 0, second.stderr
    assert "tersambung ke basis data yang sudah ada" in second.stdout
    # and the hub works: the server backup, logged
    backup = _cli("backup", "--data-dir", str(folder))
    assert backup.returncode == 0, backup.stderr
    dump = Path(backup.stdout.strip().rsplit(" ", 1)[-1])
    assert dump.suffix == ".dump" and dump.parent == folder / "cadangan"
    listing = subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True,
                             text=True, check=True).stdout
    assert "TABLE DATA public resident" in listing
    restore = _cli("restore", "--data-dir", str(folder), str(dump))
    assert restore.returncode == 2 and "pg_restore --clean" in restore.stderr


@pytest.mark.parametrize("case", ["password", "unreachable", "missing", "village",
                                  "other_office"])
def test_init_refusals_create_nothing(case: str, pg_database: str, tmp_path: Path) -> None:
    url, code = pg_database, "18.07"
    if case == "password":
        url, expected = _with(pg_database, password="salah-sekali"), "kata sandi salah"
    elif case == "unreachable":
        url, expected = _with(pg_database, port=1), "tidak dapat dihubungi"
    elif case == "missing":
        url, expected = with_database(pg_database, "tidak_ada_db"), "tidak ada di server"
    elif case == "village":
        expected = "Folder desa selalu memakai berkas SQLite"
    else:
        make_hub_on(tmp_path / "pertama", pg_database, code="18.07").close()
        code, expected = "18.08", "milik kantor lain (18.07)"
    which = ["--village", "18.07.01.2001"] if case == "village" else ["--p4mi", code]
    folder = tmp_path / "baru"
    done = _cli("init", *which, "--data-dir", str(folder), "--database", url)
    assert done.returncode == 2, done.stdout + done.stderr
    assert expected in done.stderr
    assert "salah-sekali" not in done.stderr and _password(pg_database) not in done.stderr
    assert not folder.exists() or not any(folder.iterdir())


def test_a_folder_whose_database_became_another_offices_is_refused(pg_database: str,
                                                                   tmp_path: Path) -> None:
    from sqlalchemy import text

    from app.core.paths import DataDir
    from app.core.workspace import open_workspace

    ws = make_hub_on(tmp_path / "p4mi", pg_database)
    with ws.db.engine.begin() as conn:
        conn.execute(text("UPDATE setting SET value = '18.08' WHERE key = 'office_code'"))
    ws.close()
    with pytest.raises(AppError) as err:
        open_workspace(DataDir(tmp_path / "p4mi"))
    assert err.value.code == "server.other_office"
    assert err.value.params["found"] == "18.08"


def test_the_same_migrations_give_the_models_schema(pg_database: str, tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.core.migrate import server_revision
    from app.core.migrations import HEAD_REVISION
    from app.core.models import Base

    ws = make_hub_on(tmp_path / "p4mi", pg_database)
    try:
        with ws.db.engine.connect() as conn:
            assert server_revision(conn) == HEAD_REVISION
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        ws.close()
    from app.core.desk.search import SERVER_INDEXES  # server-only, not in the models (0011)
    from app.core.repo.p4mi import REPORT_INDEXES  # the same (0012)

    diff = [d for d in diff if not (isinstance(d, tuple) and d[0] == "remove_index"
                                    and d[1].name in SERVER_INDEXES + REPORT_INDEXES)]
    assert diff == []


def test_an_older_server_schema_is_upgraded_keeping_its_data(pg_database: str,
                                                             tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from app.core.migrate import MIGRATIONS_DIR, server_revision
    from app.core.migrations import HEAD_REVISION
    from app.core.server import make_server_engine, parse_url

    engine = make_server_engine(parse_url(pg_database))
    try:
        with engine.begin() as conn:
            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0007")
            conn.execute(text("INSERT INTO setting (key, value) VALUES ('mode', 'p4mi'), "
                              "('office_code', '18.07'), ('office_name', 'Lampung Timur')"))
    finally:
        engine.dispose()
    ws = make_hub_on(tmp_path / "p4mi", pg_database)
    try:
        assert ws.office() is not None and ws.office().code == "18.07"
        with ws.db.engine.connect() as conn:
            assert server_revision(conn) == HEAD_REVISION
            assert conn.execute(text("SELECT count(*) FROM sync_village_state")).scalar() == 0
    finally:
        ws.close()
