"""The hub suite on both databases: every test taking ``hub_backend`` (or ``hub``) runs on the
SQLite file and on a PostgreSQL server.

The server comes from ``BMD_TEST_PG_URL`` (a database the test role may connect to; the role
needs CREATEDB: each test gets a fresh database of its own, dropped afterwards). ``.ci/run``
starts a local server and sets it.

- ``BMD_TEST_PG_URL`` set: the PostgreSQL variants run; a server that cannot be reached FAILS
  them with the reason (never a skip).
- not set: the PostgreSQL variants are deselected (reported as deselected, never as passed);
  in CI (``CI=true``) not set is an error: the whole run stops.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ENV = "BMD_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgresql: runs against a PostgreSQL server")
    if not os.environ.get(ENV) and os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError(
            f"{ENV} is not set in CI: .ci/run must start PostgreSQL and export it "
            "(the hub suite must run on both databases)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "hub_backend" in metafunc.fixturenames:
        metafunc.parametrize("hub_backend", [
            pytest.param("sqlite", id="sqlite"),
            pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgresql)])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get(ENV):
        return
    keep, drop = [], []
    for item in items:
        (drop if item.get_closest_marker("postgresql") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def _admin_url() -> str:
    url = os.environ.get(ENV)
    if not url:
        pytest.fail(f"{ENV} is not set")  # deselected before; never reached in a normal run
    return url


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The admin URL, checked once: a server that is not there fails with the reason."""
    import psycopg

    url = _admin_url()
    try:
        with psycopg.connect(url, connect_timeout=5) as con:
            con.execute("SELECT 1")
    except psycopg.Error as exc:
        pytest.fail(f"{ENV} is set but the PostgreSQL server cannot be used: {exc}. Start it "
                    "(pg_ctlcluster 15 main start) or unset the variable.", pytrace=False)
    return url


def with_database(url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


@pytest.fixture
def pg_database(pg_server: str) -> Iterator[str]:
    """A fresh, empty database for one test (its URL, password included)."""
    import psycopg

    name = f"bmd_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_database(pg_server, name)
    finally:
        _drop_database(pg_server, name)


def _drop_database(url: str, name: str) -> None:
    """Drop a test database; a session of another role still closing (a server process the
    test role may not terminate, e.g. an autovacuum worker) is waited for, a few times."""
    import time

    import psycopg

    for attempt in range(10):
        try:
            with psycopg.connect(url, autocommit=True) as con:
                con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except psycopg.errors.InsufficientPrivilege:
            if attempt == 9:
                raise
            time.sleep(0.5)


@pytest.fixture
def hub_url(hub_backend: str, request: pytest.FixtureRequest) -> str | None:
    """None for the SQLite file, else the URL of a fresh server database."""
    if hub_backend == "sqlite":
        return None
    return request.getfixturevalue("pg_database")


@pytest.fixture
def second_url(hub_backend: str, request: pytest.FixtureRequest) -> Iterator[str | None]:
    """A second fresh server database on the PostgreSQL variant (a second hub, e.g. a regency
    hub beside a province hub), None on the SQLite variant (a second file)."""
    if hub_backend == "sqlite":
        yield None
        return
    import psycopg

    admin = request.getfixturevalue("pg_server")
    name = f"bmd_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_database(admin, name)
    finally:
        _drop_database(admin, name)


def make_hub_on(root: Path, url: str | None, code: str = "18.07") -> Any:
    """A P4MI hub folder on the SQLite file (``url`` None) or on the server ``url``."""
    from app.core.paths import DataDir
    from app.core.server import parse_url, save_config
    from app.core.workspace import MODE_P4MI, initialise_office, open_workspace

    data = DataDir(root)
    if url is not None:
        data.ensure()
        save_config(root, parse_url(url), office=code)
    ws = open_workspace(data)
    if ws.office() is None:
        initialise_office(ws, mode=MODE_P4MI, code=code, name="Kabupaten Lampung Timur",
                          operator="Petugas P4MI")
    return ws


@pytest.fixture
def hub(tmp_path: Path, hub_url: str | None) -> Iterator[Any]:
    ws = make_hub_on(tmp_path / "p4mi", hub_url)
    yield ws
    ws.close()


@pytest.fixture
def village(tmp_path: Path) -> Iterator[Any]:
    from tests.sync.conftest import make_village

    ws = make_village(tmp_path / "desa", residents=60, seed=3)
    yield ws
    ws.close()


def table_rows(ws: Any, table: str) -> list[tuple[Any, ...]]:
    """Every row of ``table`` (sorted, as text), on either database."""
    from sqlalchemy import text

    with ws.db.engine.connect() as conn:
        rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
    return sorted(tuple(str(v) for v in r) for r in rows)


HUB_TABLES = ("resident", "episode", "family_link", "contact_log", "case_file",
              "case_follow_up", "activity", "activity_participant", "letter", "episode_flag",
              "sync_bundle_import", "sync_knowledge", "sync_village_key", "sync_conflict",
              "sync_nik_flag", "sync_village_state")


def hub_state(ws: Any) -> dict[str, list[tuple[Any, ...]]]:
    return {t: table_rows(ws, t) for t in HUB_TABLES}
