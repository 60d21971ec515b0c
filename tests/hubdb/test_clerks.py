"""Several clerks at once on one PostgreSQL hub database, in real parallel processes.

Two clerk workstations (two data folders) share one server database. Each worker stops inside
its import transaction right after taking the village's sync-state row lock and commits only
when the test says so (see clerk_worker.py), so the tests decide the interleaving instead of
hoping for it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from sync.importer import STATUS_ALREADY, STATUS_IMPORTED
from tests.hubdb.conftest import make_hub_on
from tests.sync.conftest import OTHER_VILLAGE, VILLAGE, export, fingerprint_of, make_village

pytestmark = pytest.mark.postgresql
ROOT = Path(__file__).resolve().parents[2]
WORKER = ROOT / "tests" / "hubdb" / "clerk_worker.py"


def _start(clerk: Path, bundle: Path, signals: Path, name: str, *, fingerprint: str | None = None,
           only: str | None = None) -> subprocess.Popen[str]:
    """A clerk's worker process (clerk_worker.py); ``only``: stop at that code's lock only."""
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(clerk), str(bundle),
         fingerprint or fingerprint_of(bundle), str(signals), name, *([only] if only else [])],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def _wait_for(path: Path, proc: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"worker ended early: {proc.stdout.read()} {proc.stderr.read()}")
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.02)


def _result(proc: subprocess.Popen[str]) -> dict:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture
def setup(tmp_path: Path, pg_database: str):
    villages = [make_village(tmp_path / "desa-a", code=VILLAGE, residents=40, seed=3),
                make_village(tmp_path / "desa-b", code=OTHER_VILLAGE, residents=30, seed=5)]
    clerks = []
    for n in (1, 2):  # two workstations, one server database
        ws = make_hub_on(tmp_path / f"petugas{n}", pg_database)
        ws.close()
        clerks.append(tmp_path / f"petugas{n}")
    signals = tmp_path / "sinyal"
    signals.mkdir()
    yield villages, clerks, signals
    for v in villages:
        v.close()


def _count(clerk: Path, sql: str, **params) -> int:
    ws = make_hub_on(clerk, _url(clerk))
    try:
        with ws.db.engine.connect() as conn:
            return int(conn.execute(text(sql), params).scalar())
    finally:
        ws.close()


def _url(clerk: Path) -> str:
    from app.core.server import read_config

    cfg = read_config(clerk)
    assert cfg is not None
    return str(cfg.sqlalchemy_url().render_as_string(hide_password=False)).replace(
        "postgresql+psycopg", "postgresql")


def test_different_villages_import_at_the_same_time(setup, tmp_path: Path) -> None:
    (a, b), (clerk1, clerk2), signals = setup
    bundle_a, bundle_b = export(a, tmp_path / "usb-a"), export(b, tmp_path / "usb-b")
    first = _start(clerk1, bundle_a, signals, "satu")
    _wait_for(signals / "satu.locked", first)  # clerk 1 holds village A's lock, uncommitted
    second = _start(clerk2, bundle_b, signals, "dua")
    _wait_for(signals / "dua.locked", second)  # village B's lock: no waiting for clerk 1
    (signals / "dua.go").write_text("1")
    done_b = _result(second)  # clerk 2 committed while clerk 1 still holds its transaction
    assert first.poll() is None
    (signals / "satu.go").write_text("1")
    done_a = _result(first)
    assert done_a["status"] == done_b["status"] == STATUS_IMPORTED
    assert _count(clerk1, "SELECT count(*) FROM resident WHERE owner_office = :v",
                  v=VILLAGE) == 40
    assert _count(clerk1, "SELECT count(*) FROM resident WHERE owner_office = :v",
                  v=OTHER_VILLAGE) == 30


def test_the_same_bundle_by_two_clerks_is_merged_once(setup, tmp_path: Path) -> None:
    (a, _b), (clerk1, clerk2), signals = setup
    bundle = export(a, tmp_path / "usb")
    copy = tmp_path / "usb-salinan" / bundle.name  # the second clerk's copy of the stick
    copy.parent.mkdir()
    copy.write_bytes(bundle.read_bytes())
    first = _start(clerk1, bundle, signals, "satu")
    _wait_for(signals / "satu.locked", first)
    second = _start(clerk2, copy, signals, "dua")
    (signals / "dua.go").write_text("1")  # it may go on as soon as it gets the lock
    _wait_for(signals / "dua.reached", second)
    time.sleep(1.5)
    assert not (signals / "dua.locked").exists()  # serialised: waiting for clerk 1's lock
    assert second.poll() is None
    (signals / "satu.go").write_text("1")
    assert _result(first)["status"] == STATUS_IMPORTED
    assert _result(second)["status"] == STATUS_ALREADY  # seen under the lock: not merged twice
    assert _count(clerk1, "SELECT count(*) FROM sync_bundle_import") == 1
    assert _count(clerk1, "SELECT imports FROM sync_village_state WHERE village_code = :v",
                  v=VILLAGE) == 1
    assert _count(clerk1, "SELECT count(*) FROM resident") == 40


def test_one_village_two_bundles_wait_for_each_other(setup, tmp_path: Path) -> None:
    from sqlalchemy import select

    from app.core.models import Resident
    from tests.sync.conftest import import_

    (a, _b), (clerk1, clerk2), signals = setup
    hub = make_hub_on(clerk1, _url(clerk1))
    try:  # the village is known: its sync-state row exists, FOR UPDATE is what waits
        assert import_(hub, export(a, tmp_path / "awal")).status == STATUS_IMPORTED
    finally:
        hub.close()
    with a.db.unit_of_work("op") as s:
        s.scalars(select(Resident).order_by(Resident.id)).first().name = "Nama Lama"
    first_bundle = export(a, tmp_path / "usb")
    with a.db.unit_of_work("op") as s:
        s.scalars(select(Resident).order_by(Resident.id)).first().name = "Nama Baru"
    second_bundle = export(a, tmp_path / "usb")
    first = _start(clerk1, first_bundle, signals, "satu")
    _wait_for(signals / "satu.locked", first)
    second = _start(clerk2, second_bundle, signals, "dua")
    (signals / "dua.go").write_text("1")
    _wait_for(signals / "dua.reached", second)
    time.sleep(1.5)
    assert not (signals / "dua.locked").exists()
    (signals / "satu.go").write_text("1")
    assert _result(first)["status"] == STATUS_IMPORTED
    assert _result(second)["status"] == STATUS_IMPORTED
    assert _count(clerk1, "SELECT count(*) FROM resident WHERE name = 'Nama Baru'") == 1
    assert _count(clerk1, "SELECT imports FROM sync_village_state WHERE village_code = :v",
                  v=VILLAGE) == 3
    assert _count(clerk1, "SELECT max(counter) FROM sync_knowledge") > 0
