"""The form-only translation of the bulk code's SQLite SQL for a PostgreSQL server
(:func:`sync.dbutil.to_postgres`), and the URL handling that keeps passwords out of sight."""

from __future__ import annotations

import pytest

from app.core.errors import AppError
from app.core.server import masked, parse_url
from sync.dbutil import to_postgres


@pytest.mark.parametrize(("sqlite", "postgres"), [
    ("SELECT 1 FROM t WHERE a = ? AND b = ?", "SELECT 1 FROM t WHERE a = %s AND b = %s"),
    ("SELECT '?', \"x?\" FROM t WHERE a = ?", "SELECT '?', \"x?\" FROM t WHERE a = %s"),
    ("SELECT 1 FROM t WHERE a LIKE '10%' AND b = ?",
     "SELECT 1 FROM t WHERE a LIKE '10%%' AND b = %s"),
    ("DROP TABLE IF EXISTS temp.s_resident", "DROP TABLE IF EXISTS pg_temp.s_resident"),
    ('SELECT 1 FROM main."resident" m', 'SELECT 1 FROM "resident" m'),
    ("BEGIN IMMEDIATE", "BEGIN"),
    ("SELECT 1 FROM episode WHERE +deleted = FALSE AND +m.deleted = FALSE",
     "SELECT 1 FROM episode WHERE deleted = FALSE AND m.deleted = FALSE"),
    ("SELECT version + 1 FROM t", "SELECT version + 1 FROM t"),
    ("CREATE TEMP TABLE s (id TEXT) WITHOUT ROWID", "CREATE TEMP TABLE s (id TEXT) "),
    ("SELECT domain.x FROM tmain.y", "SELECT domain.x FROM tmain.y"),
])
def test_to_postgres(sqlite: str, postgres: str) -> None:
    assert to_postgres(sqlite) == postgres


def test_without_parameters_percent_signs_stay_single() -> None:
    assert to_postgres("SELECT 1 WHERE a LIKE '1%'", params=False) == (
        "SELECT 1 WHERE a LIKE '1%'")


def test_the_password_is_split_off_and_masked() -> None:
    cfg = parse_url("postgresql://p4mi:rahasia%40x@192.168.1.10:5433/p4mi_1807")
    assert cfg.url == "postgresql://p4mi@192.168.1.10:5433/p4mi_1807"
    assert cfg.password == "rahasia@x" and cfg.database == "p4mi_1807"
    assert "rahasia" not in repr(cfg.sqlalchemy_url())
    assert masked("postgresql://u:pw@h/db") == "postgresql://u:***@h/db"


@pytest.mark.parametrize("bad", ["mysql://u@h/db", "postgresql://u@h", "postgresql://u@h/a/b",
                                 "postgresql://u@h:99999/db"])
def test_a_bad_url_is_refused(bad: str) -> None:
    with pytest.raises(AppError) as err:
        parse_url(bad)
    assert err.value.code == "server.bad_url"
