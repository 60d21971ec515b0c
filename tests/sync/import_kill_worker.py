"""Helper process for the import/undo kill tests: SIGKILL before the Nth SQL statement.

    python import_kill_worker.py count SCENARIO TEMPLATE WORK [BUNDLE]
        runs SCENARIO once on a copy of TEMPLATE (WORK/imp-count) and writes every SQL
        statement sent to SQLite for that folder, in order, to WORK/count.json;
    python import_kill_worker.py kill SCENARIO TEMPLATE WORK N1,N2,... [BUNDLE]
        for each N: copies TEMPLATE to WORK/imp-kN, forks, and the child runs SCENARIO with a
        trace callback that SIGKILLs the process just before statement N. Prints a JSON object
        {N: "killed" | "finished" | "exit <code>"}.

Scenarios: ``import`` (``python -m sync import --data-dir FOLDER BUNDLE``) and ``undo``
(``python -m sync undo-import --data-dir FOLDER``).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this checkout's code
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
    sqlite3.dbapi2.connect = connect  # type: ignore[assignment]


def _run(scenario: str, folder: Path, bundle: str | None) -> None:
    from sync.cli import main

    if scenario == "import":
        code = main(["import", "--data-dir", str(folder), str(bundle)])
    elif scenario == "undo":
        code = main(["undo-import", "--data-dir", str(folder)])
    else:
        raise SystemExit(f"unknown scenario {scenario}")
    if code != 0:
        os._exit(10 + code)


def main(argv: list[str]) -> None:
    mode, scenario, template, work = argv[0], argv[1], Path(argv[2]), Path(argv[3])
    import sync.cli  # noqa: F401 - everything imported before forking
    import sync.import_undo  # noqa: F401
    import sync.importer  # noqa: F401

    if mode == "count":
        folder = work / "imp-count"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(template, folder)
        seen: list[str] = []
        _install_tracer(folder.name, None, seen)
        _run(scenario, folder, argv[4] if len(argv) > 4 else None)
        (work / "count.json").write_text(json.dumps(seen), encoding="utf-8")
        return
    bundle = argv[5] if len(argv) > 5 else None
    results: dict[str, str] = {}
    for n in [int(x) for x in argv[4].split(",") if x]:
        folder = work / f"imp-k{n}"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(template, folder)
        pid = os.fork()
        if pid == 0:  # child
            try:
                _install_tracer(folder.name, n, [])
                _run(scenario, folder, bundle)
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
