"""Helper process for the schema kill tests: SIGKILL before the Nth SQL statement.

    python migration_kill_worker.py count SCENARIO TEMPLATE WORK
        runs SCENARIO once on a copy of TEMPLATE (WORK/count) and writes every SQL statement
        the program sent to SQLite for that folder, in order, to WORK/count.json;
    python migration_kill_worker.py kill SCENARIO TEMPLATE WORK N1,N2,...
        for each N: copies TEMPLATE to WORK/kN, forks, and the child runs SCENARIO with a
        SQLite trace callback that SIGKILLs the process just before statement N runs. Prints
        a JSON object {N: "killed" | "finished" | "exit <code>"}.

Statements are counted with ``sqlite3.Connection.set_trace_callback`` on every connection the
program opens on a file inside the copied folder (``sqlite3.connect`` is wrapped), so the
numbering of the counting run and of the kill runs is the same. Scenarios: ``init`` (the
``init`` command on a new folder), ``open`` (open an existing folder: runs pending
migrations after the backup), ``practice`` (``practice --reset`` with 120 residents) and
``demo`` (``demo --residents 600`` on an existing village).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this checkout's app, not another
_real_connect = sqlite3.connect


def _install_tracer(folder_name: str, kill_at: int | None, seen: list[str]) -> None:
    count = 0

    def trace(statement: str) -> None:
        nonlocal count
        count += 1
        if kill_at is not None and count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        seen.append(statement)

    def connect(database, *args, **kwargs):  # noqa: ANN001, ANN202 - same as sqlite3.connect
        con = _real_connect(database, *args, **kwargs)
        if folder_name in str(database):
            con.set_trace_callback(trace)
        return con

    sqlite3.connect = connect  # type: ignore[assignment]
    sqlite3.dbapi2.connect = connect  # type: ignore[assignment] - what SQLAlchemy's URL path uses


def _run(scenario: str, folder: Path) -> None:
    if scenario == "init":
        from app.cli import run_command

        code = run_command(["init", "--data-dir", str(folder), "--village", "18.07.01.2001"])
        if code != 0:
            os._exit(10 + code)
    elif scenario == "open":
        from app.core.paths import DataDir
        from app.core.workspace import open_workspace

        open_workspace(DataDir(folder)).close()
    elif scenario == "practice":
        from app.cli import run_command

        code = run_command(["practice", "--data-dir", str(folder), "--residents", "120",
                            "--village", "18.07.01.2001", "--reset"])
        if code != 0:
            os._exit(10 + code)
    elif scenario == "demo":
        from app.cli import run_command

        code = run_command(["demo", "--data-dir", str(folder), "--residents", "600",
                            "--seed", "3"])
        if code != 0:
            os._exit(10 + code)
    else:
        raise SystemExit(f"unknown scenario {scenario}")


def _copy(template: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    if template.is_dir():
        shutil.copytree(template, target)
    # no template: the folder does not exist yet (a new folder)


def main(argv: list[str]) -> None:
    mode, scenario, template, work = argv[0], argv[1], Path(argv[2]), Path(argv[3])
    # import everything before forking, so each child only runs the scenario
    import alembic.command  # noqa: F401

    import app.cli  # noqa: F401
    import app.core.workspace  # noqa: F401

    if mode == "count":
        folder = work / "mig-count"
        _copy(template, folder)
        seen: list[str] = []
        _install_tracer(folder.name, None, seen)
        _run(scenario, folder)
        (work / "count.json").write_text(json.dumps(seen), encoding="utf-8")
        return
    results: dict[str, str] = {}
    for n in [int(x) for x in argv[4].split(",") if x]:
        folder = work / f"mig-k{n}"
        _copy(template, folder)
        pid = os.fork()
        if pid == 0:  # child
            try:
                _install_tracer(folder.name, n, [])
                _run(scenario, folder)
            except BaseException:  # noqa: BLE001 - reported as an exit code
                import traceback

                traceback.print_exc()
                os._exit(4)
            os._exit(3)
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            results[str(n)] = "killed"
        elif os.WIFEXITED(status) and os.WEXITSTATUS(status) == 3:
            results[str(n)] = "finished"
        else:
            results[str(n)] = f"exit {os.WEXITSTATUS(status) if os.WIFEXITED(status) else status}"
    print(json.dumps(results), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
