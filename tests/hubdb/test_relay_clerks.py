"""Two clerks of a province hub on one PostgreSQL database importing a regency's package at the
same time, in real parallel processes (clerk_worker.py decides the interleaving: each worker
stops right after taking a chosen sync-state row lock and commits when the test says so).

A package takes its sending hub's sync-state row first, then each village's: the same package
twice is serialised on the hub's row and merged once; a package and a village's own bundle are
serialised on that village's row."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import text

from sync.importer import STATUS_ALREADY, STATUS_IMPORTED
from sync.relay import export_paket, read_paket
from tests.hubdb.conftest import make_hub_on
from tests.hubdb.test_clerks import _result, _start, _url, _wait_for
from tests.sync.conftest import TODAY, export, import_, make_village

pytestmark = pytest.mark.postgresql
A, B = "18.07.01.2001", "18.07.01.2002"
REGENCY = "18.07"


@pytest.fixture
def setup(tmp_path: Path, pg_database: str):
    """Villages A and B imported at the regency hub (SQLite); two clerk folders of the province
    hub on the server; A's own bundle as the village would send it to the province."""
    villages = {A: make_village(tmp_path / "a", code=A, residents=12, seed=21),
                B: make_village(tmp_path / "b", code=B, residents=9, seed=22)}
    regency = make_hub_on(tmp_path / "kab", None, code=REGENCY)
    bundles = {code: export(ws, tmp_path / "usb" / code) for code, ws in villages.items()}
    for bundle in bundles.values():
        assert import_(regency, bundle).status == STATUS_IMPORTED
    clerks = []
    for n in (1, 2):
        make_hub_on(tmp_path / f"petugas{n}", pg_database, code="18").close()
        clerks.append(tmp_path / f"petugas{n}")
    signals = tmp_path / "sinyal"
    signals.mkdir()
    yield regency, bundles, clerks, signals
    regency.close()
    for ws in villages.values():
        ws.close()


def _count(clerk: Path, sql: str, **params) -> int:
    """One number from the province's server database (as clerk ``clerk`` reaches it)."""
    ws = make_hub_on(clerk, _url(clerk), code="18")
    try:
        with ws.db.engine.connect() as conn:
            return int(conn.execute(text(sql), params).scalar())
    finally:
        ws.close()


def _paket(regency, folder: Path) -> tuple[Path, str]:
    path = export_paket(regency, folder, today=TODAY).path
    return path, read_paket(path).fingerprint


def _hold(signals: Path, name: str, proc) -> None:
    """``name`` asked for its lock and is still waiting for it (after 1.5 s)."""
    _wait_for(signals / f"{name}.reached", proc)
    time.sleep(1.5)
    assert not (signals / f"{name}.locked").exists()
    assert proc.poll() is None


def test_the_same_package_by_two_clerks_is_merged_once(setup, tmp_path: Path) -> None:
    regency, _bundles, (clerk1, clerk2), signals = setup
    paket, fp = _paket(regency, tmp_path / "flashdisk")
    copy = tmp_path / "salinan" / paket.name  # the second clerk's copy of the stick
    copy.parent.mkdir()
    copy.write_bytes(paket.read_bytes())
    first = _start(clerk1, paket, signals, "satu", fingerprint=fp, only=REGENCY)
    _wait_for(signals / "satu.locked", first)  # clerk 1 holds the regency's row, uncommitted
    second = _start(clerk2, copy, signals, "dua", fingerprint=fp, only=REGENCY)
    (signals / "dua.go").write_text("1")  # it may go on as soon as it gets the lock
    _hold(signals, "dua", second)  # serialised: waiting for clerk 1
    (signals / "satu.go").write_text("1")
    done = _result(first)
    assert done["status"] == STATUS_IMPORTED and done["new"] > 0
    assert done["villages"] == [STATUS_IMPORTED, STATUS_IMPORTED]
    assert _result(second)["status"] == STATUS_ALREADY  # seen under the lock: not merged twice
    assert _count(clerk1, "SELECT count(*) FROM resident") == 21
    assert _count(clerk1, "SELECT count(*) FROM sync_bundle_import") == 3  # package + villages
    for code in (A, B, REGENCY):
        assert _count(clerk1, "SELECT imports FROM sync_village_state WHERE village_code = :v",
                      v=code) == 1
    assert _count(clerk1, "SELECT count(*) FROM import_run") == 2
    assert _count(clerk1, "SELECT count(*) FROM sync_village_key WHERE village_code = :v",
                  v=REGENCY) == 1


def test_a_package_and_the_village_own_bundle_wait_for_each_other(setup,
                                                                    tmp_path: Path) -> None:
    regency, bundles, (clerk1, clerk2), signals = setup
    paket, fp = _paket(regency, tmp_path / "flashdisk")
    first = _start(clerk1, paket, signals, "satu", fingerprint=fp, only=A)
    _wait_for(signals / "satu.locked", first)  # the package's transaction holds village A
    second = _start(clerk2, bundles[A], signals, "dua", only=A)  # A sends directly too
    (signals / "dua.go").write_text("1")
    _hold(signals, "dua", second)  # the same village: waits for the package
    (signals / "satu.go").write_text("1")
    assert _result(first)["status"] == STATUS_IMPORTED
    direct = _result(second)
    assert direct["status"] == STATUS_IMPORTED and direct["new"] == 0  # merged, not doubled
    assert _count(clerk1, "SELECT count(*) FROM resident WHERE owner_office = :v", v=A) == 12
    assert _count(clerk1, "SELECT imports FROM sync_village_state WHERE village_code = :v",
                  v=A) == 2
    assert _count(clerk1, "SELECT count(*) FROM sync_village_key WHERE village_code = :v",
                  v=A) == 1  # the key the package brought, the same the village signs with


def test_two_packages_of_a_new_hub_record_its_key_once(setup, tmp_path: Path) -> None:
    regency, _bundles, (clerk1, clerk2), signals = setup
    one, fp = _paket(regency, tmp_path / "p1")
    two, _fp = _paket(regency, tmp_path / "p2")  # the next number, the same rows again
    first = _start(clerk1, one, signals, "satu", fingerprint=fp, only=REGENCY)
    _wait_for(signals / "satu.locked", first)
    second = _start(clerk2, two, signals, "dua", fingerprint=fp, only=REGENCY)
    (signals / "dua.go").write_text("1")
    _hold(signals, "dua", second)  # both saw no key for the hub before the lock
    (signals / "satu.go").write_text("1")
    assert _result(first)["status"] == STATUS_IMPORTED
    later = _result(second)
    assert later["status"] == STATUS_IMPORTED and later["new"] == 0
    assert _count(clerk1, "SELECT count(*) FROM sync_village_key WHERE village_code = :v",
                  v=REGENCY) == 1  # recorded by the first; the second found it under the lock
    assert _count(clerk1, "SELECT imports FROM sync_village_state WHERE village_code = :v",
                  v=REGENCY) == 2
    assert _count(clerk1, "SELECT count(*) FROM resident") == 21
