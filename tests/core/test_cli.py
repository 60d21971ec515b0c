"""The headless command line with its output and exit codes, run in the test process
(tests/cli_run.py; the subprocess smoke test is in tests/cli/test_bad_commands.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.cli_run import CliResult, run_cli

ROOT = Path(__file__).resolve().parents[2]


def run_app(*args: str, env: dict[str, str] | None = None) -> CliResult:
    return run_cli("app", *args, env=env)


def _count(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_init_village_then_demo_twice_adds(tmp_path: Path) -> None:
    folder = tmp_path / "desa"
    res = run_app("init", "--data-dir", str(folder), "--village", "18.07.01.2001")
    assert res.returncode == 0, res.stderr
    assert "Sukadana" in res.stdout
    res = run_app("demo", "--data-dir", str(folder), "--residents", "120", "--seed", "3")
    assert res.returncode == 0, res.stderr
    db = folder / "buku_migran.db"
    assert _count(db, "resident") == 120
    res = run_app("demo", "--data-dir", str(folder), "--residents", "30")
    assert res.returncode == 0, res.stderr
    assert _count(db, "resident") == 150


def test_init_refuses_bad_codes_and_creates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "x"
    for bad in ("18.07", "99.99.99.9999", "abc", "18.07.01.20011"):
        res = run_app("init", "--data-dir", str(folder), "--village", bad)
        assert res.returncode == 2, (bad, res.stderr)
        assert "kode desa" in res.stderr
    res = run_app("init", "--data-dir", str(folder), "--p4mi", "18.07.01")
    assert res.returncode == 2 and "kabupaten" in res.stderr
    assert not folder.exists()


def test_init_twice_refused_and_keeps_first(tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    assert run_app("init", "--data-dir", str(folder), "--p4mi", "18.07").returncode == 0
    res = run_app("init", "--data-dir", str(folder), "--village", "18.07.01.2001")
    assert res.returncode == 2 and "sudah berisi" in res.stderr
    con = sqlite3.connect(folder / "buku_migran.db")
    assert dict(con.execute("SELECT key, value FROM setting"))["office_code"] == "18.07"
    con.close()


def test_demo_refuses_p4mi_uninitialised_and_bad_counts(tmp_path: Path) -> None:
    res = run_app("demo", "--data-dir", str(tmp_path / "none"), "--residents", "5")
    assert res.returncode == 2 and "belum disiapkan" in res.stderr
    hub = tmp_path / "hub"
    run_app("init", "--data-dir", str(hub), "--p4mi", "18.07")
    res = run_app("demo", "--data-dir", str(hub), "--residents", "5")
    assert res.returncode == 2 and "mode desa" in res.stderr
    res = run_app("demo", "--data-dir", str(hub), "--residents", "0")
    assert res.returncode == 2
    res = run_app("demo", "--data-dir", str(hub), "--residents", "lima")
    assert res.returncode == 2 and "tidak dapat dipahami" in res.stderr


def test_empty_data_dir_is_refused_not_the_default_folder(tmp_path: Path) -> None:
    # issue 17: `--data-dir ""` used to initialise the default (environment) folder
    folder = tmp_path / "env"
    res = run_app("init", "--data-dir", "", "--village", "18.07.01.2001",
                  env={"BUKU_MIGRAN_DATA": str(folder)})
    assert res.returncode == 2 and "Folder data kosong" in res.stderr
    assert not folder.exists()


def test_self_test_prints_each_check_and_passes() -> None:
    res = run_app("--self-test")
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout.count("[OK]") >= 3
    assert "[GAGAL]" not in res.stdout
    assert "Database dibuat" in res.stdout and "Data referensi" in res.stdout
