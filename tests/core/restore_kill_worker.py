"""Helper process for the restore kill tests: SIGKILL at the Nth rename or unlink.

    python restore_kill_worker.py count TEMPLATE WORK SOURCE_NAME
        runs ``app restore`` once on a copy of TEMPLATE (WORK/rk-count) from the backup
        ``cadangan/SOURCE_NAME`` and writes every rename/unlink it made inside the folder
        (``os.replace``, ``os.rename``, ``os.unlink``, ``os.remove``), in order, to
        WORK/count.json;
    python restore_kill_worker.py kill TEMPLATE WORK SOURCE_NAME N1,N2,...
        for each N: copies TEMPLATE to WORK/rk-N, forks, and the child runs the same restore
        but SIGKILLs itself just before the Nth such call. Prints {N: "killed" | ...}.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

NAMED = ("replace", "rename", "unlink", "remove")


def _install(folder: Path, kill_at: int | None, seen: list[list[str]]) -> None:
    count = 0
    marker = str(folder)

    def wrap(name: str):  # noqa: ANN202
        real = getattr(os, name)

        def patched(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            nonlocal count
            if any(marker in str(a) for a in args):
                count += 1
                if kill_at is not None and count == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)
                seen.append([name, *(os.path.basename(str(a)) for a in args)])
            return real(*args, **kwargs)

        return patched

    for name in NAMED:
        setattr(os, name, wrap(name))


def _run(folder: Path, source_name: str) -> int:
    from app.cli import run_command

    return run_command(["restore", "--data-dir", str(folder),
                        str(folder / "cadangan" / source_name)])


def main(argv: list[str]) -> None:
    mode, template, work, source_name = argv[0], Path(argv[1]), Path(argv[2]), argv[3]
    import app.cli  # noqa: F401 - before forking
    import app.core.migrate  # noqa: F401
    import app.core.restore  # noqa: F401

    if mode == "count":
        folder = work / "rk-count"
        shutil.copytree(template, folder)
        seen: list[list[str]] = []
        _install(folder, None, seen)
        code = _run(folder, source_name)
        (work / "count.json").write_text(json.dumps({"exit": code, "calls": seen}))
        return
    results: dict[str, str] = {}
    for n in [int(x) for x in argv[4].split(",") if x]:
        folder = work / f"rk-{n}"
        shutil.copytree(template, folder)
        pid = os.fork()
        if pid == 0:
            try:
                _install(folder, n, [])
                code = _run(folder, source_name)
            except BaseException:  # noqa: BLE001 - reported as an exit code
                os._exit(4)
            os._exit(3 if code == 0 else 5)
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            results[str(n)] = "killed"
        else:
            results[str(n)] = f"exit {os.WEXITSTATUS(status)}"
    print(json.dumps(results), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
