"""Issue 16: SIGKILL before each write statement of a "paket kabupaten" import at the province
(two villages in one package): the hub is either unchanged or holds the whole package, never
one village of it, and the killed import simply runs again."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from app.core.models import Resident
from sync.canonical import dump_digest
from sync.keys import load_or_create_keypair
from sync.relay import export_paket, import_paket
from tests.sync.conftest import TODAY, export, import_, make_village
from tests.sync.test_kill_import_undo import _kill_everywhere, _state_after_kill

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="uses fork and SIGKILL"),
    pytest.mark.timeout(900),
]

A, B = "18.07.01.2001", "18.07.01.2002"


def _state(db: Path) -> tuple:
    con = sqlite3.connect(db)
    try:
        book = tuple(tuple(con.execute(sql).fetchall()) for sql in (
            "SELECT village_code, instance_id, counter FROM sync_knowledge ORDER BY 1, 2",
            "SELECT file_sha256, village_code, status FROM sync_bundle_import ORDER BY id",
            "SELECT village_code, imports FROM sync_village_state ORDER BY 1",
            "SELECT village_code, fingerprint, active FROM sync_village_key ORDER BY id",
            "SELECT count(*) FROM import_run"))
    finally:
        con.close()
    return dump_digest(db, A), dump_digest(db, B), book


def _hub(folder: Path, code: str):  # noqa: ANN202 - a Workspace
    from tests.hubdb.conftest import make_hub_on

    return make_hub_on(folder, None, code=code)


def test_kill_before_each_statement_of_a_package_import(tmp_path: Path) -> None:
    # the kill points: before each write statement of `python -m sync import PAKET` and after
    # each COMMIT (the import kill worker of issue 15, which runs this checkout's code)
    a = make_village(tmp_path / "a", code=A, residents=5, seed=21)
    b = make_village(tmp_path / "b", code=B, residents=4, seed=22)
    k1 = _hub(tmp_path / "k1", "18.07")
    prov = _hub(tmp_path / "tpl-before", "18")
    try:
        import_(k1, export(b, tmp_path / "usb" / "b1"))
        first = export_paket(k1, tmp_path / "usb" / "p1", today=TODAY).path
        fp = load_or_create_keypair(k1.data_dir, office_code="18.07", role="p4mi").fingerprint
        import_paket(prov, first, confirm_key=fp)  # the regency's key on record
        with b.db.unit_of_work("Operator Desa") as s:
            s.get(Resident, sorted(r.id for r in s.query(Resident))[0]).name = "Diubah"
        import_(k1, export(b, tmp_path / "usb" / "b2"))
        import_(k1, export(a, tmp_path / "usb" / "a1"))
        second = export_paket(k1, tmp_path / "usb" / "p2", today=TODAY, full=True).path
    finally:
        for ws in (a, b, k1, prov):
            ws.close()
    before = _state(tmp_path / "tpl-before" / "buku_migran.db")
    shutil.copytree(tmp_path / "tpl-before", tmp_path / "tpl-after")
    prov = _hub(tmp_path / "tpl-after", "18")
    try:
        assert import_paket(prov, second).status == "diimpor"
    finally:
        prov.close()
    after = _state(tmp_path / "tpl-after" / "buku_migran.db")
    assert after != before and after[0] != before[0] and after[1] != before[1]

    outcomes = _kill_everywhere("import", tmp_path / "tpl-before", tmp_path / "imp", str(second))
    assert len(outcomes) > 20 and "killed" in outcomes.values()
    seen = set()
    for n, outcome in outcomes.items():
        assert outcome in ("killed", "finished"), (n, outcome)
        _state_after_kill(tmp_path / "imp" / f"imp-k{n}")  # opens, WAL replayed, intact
        state = _state(tmp_path / "imp" / f"imp-k{n}" / "buku_migran.db")
        assert state in (before, after), n
        seen.add(state == after)
    assert seen == {False, True}  # the kill points fall on both sides of the COMMIT
    last_killed = max(n for n, o in outcomes.items() if o == "killed")
    folder = tmp_path / "imp" / f"imp-k{last_killed}"
    from sync.cli import main

    assert main(["import", "--data-dir", str(folder), str(second)]) == 0
    assert _state(folder / "buku_migran.db") == after


