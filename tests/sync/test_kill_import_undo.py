"""Issue 15: SIGKILL before each SQL statement of a bundle import and of its undo: the hub is
either unchanged or fully changed, never half, and opens; undo restores the exact digest."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.backup import integrity_ok
from tests.sync.conftest import import_, make_hub
from tests.sync.test_import_undo import hub_state, make_two_bundles

ROOT = Path(__file__).resolve().parents[2]
WORKER = ROOT / "tests" / "sync" / "import_kill_worker.py"

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="uses fork and SIGKILL"),
    pytest.mark.timeout(900),
]


def _worker(*args: str) -> str:
    done = subprocess.run([sys.executable, str(WORKER), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=800)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _is_write_step(statement: str) -> bool:
    """A statement that writes the hub (not the TEMP staging tables), or ends a transaction."""
    head = statement.lstrip().upper()
    if any(t in head for t in ("INTO S_", "UPDATE S_", "FROM S_", "TEMP.")) and \
            not head.startswith("WITH"):
        return False
    return head.startswith(("INSERT", "UPDATE", "DELETE", "BEGIN", "COMMIT", "WITH", "REPLACE"))


def _points(statements: list[str]) -> list[int]:
    """1-based kill points: before each write step, and before the statement after each
    COMMIT (the change is then committed and the process dies before going on)."""
    points = set()
    for i, s in enumerate(statements):
        if _is_write_step(s):
            points.add(i + 1)
        if s.lstrip().upper().startswith("COMMIT") and i + 1 < len(statements):
            points.add(i + 2)
    return sorted(points)


def _kill_everywhere(scenario: str, template: Path, work: Path, *extra: str) -> dict[int, str]:
    work.mkdir(parents=True, exist_ok=True)
    _worker("count", scenario, str(template), str(work), *extra)
    statements = json.loads((work / "count.json").read_text())
    points = _points(statements)
    assert len(points) > 10, statements
    out = _worker("kill", scenario, str(template), str(work), ",".join(map(str, points)), *extra)
    return {int(k): v for k, v in json.loads(out.strip().splitlines()[-1]).items()}


def _state_after_kill(folder: Path) -> tuple:
    db = folder / "buku_migran.db"
    con = sqlite3.connect(db)  # a normal open replays the WAL, as the program would
    con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    con.close()
    assert integrity_ok(db)
    return hub_state(db)


def test_kill_before_each_statement_of_an_import_and_of_its_undo(tmp_path: Path) -> None:
    first, second = make_two_bundles(tmp_path)
    hub = make_hub(tmp_path / "tpl-before")
    import_(hub, first)  # key on record, today's backup made
    hub.close()
    before = hub_state(tmp_path / "tpl-before" / "buku_migran.db")
    shutil.copytree(tmp_path / "tpl-before", tmp_path / "tpl-after")
    hub = make_hub_open(tmp_path / "tpl-after")
    import_(hub, second)
    hub.close()
    after = hub_state(tmp_path / "tpl-after" / "buku_migran.db")
    assert after != before

    # the import of the second bundle, killed before each write statement
    outcomes = _kill_everywhere("import", tmp_path / "tpl-before", tmp_path / "imp", str(second))
    assert "killed" in outcomes.values()
    seen = set()
    for n, outcome in outcomes.items():
        assert outcome in ("killed", "finished"), (n, outcome)
        state = _state_after_kill(tmp_path / "imp" / f"imp-k{n}")
        assert state in (before, after), n
        seen.add(state == after)
    assert seen == {False, True}  # the kill points fall on both sides of the COMMIT
    # a killed import is simply run again
    last_killed = max(n for n, o in outcomes.items() if o == "killed")
    folder = tmp_path / "imp" / f"imp-k{last_killed}"
    from sync.cli import main

    assert main(["import", "--data-dir", str(folder), str(second)]) == 0
    assert hub_state(folder / "buku_migran.db") == after

    # its undo, killed before each write statement: the import stays whole or is undone whole
    outcomes = _kill_everywhere("undo", tmp_path / "tpl-after", tmp_path / "undo")
    seen = set()
    for n, outcome in outcomes.items():
        assert outcome in ("killed", "finished"), (n, outcome)
        state = _state_after_kill(tmp_path / "undo" / f"imp-k{n}")
        assert state in (before, after), n
        seen.add(state == before)
    assert seen == {False, True}


def make_hub_open(folder: Path):  # noqa: ANN201 - a Workspace
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace

    return open_workspace(DataDir(folder))
