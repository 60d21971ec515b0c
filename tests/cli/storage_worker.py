"""Helper process for the read-only and full-disk tests; run it under ``unshare -m`` (a private
mount namespace, so the mounts vanish with it).

``ro FOLDER CMD...``: bind-mount FOLDER read-only (a write-protected stick), run CMD.
``full SRC FREE_KB CMD...``: mount an 8 MiB tmpfs, copy the data folder SRC into it as ``h``,
fill the disk until FREE_KB KiB are left, run CMD with ``{h}`` replaced by the copy, then
report the database's integrity and resident count and the files left in the copy.

Prints one JSON line: exit code, stdout, stderr (and the checks for ``full``).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(cmd: list[str]) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    res = subprocess.run([sys.executable, "-m", *cmd], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, env=env)
    return {"code": res.returncode, "stdout": res.stdout, "stderr": res.stderr}


def main() -> None:
    mode = sys.argv[1]
    if mode == "ro":
        folder = sys.argv[2]
        subprocess.run(["mount", "--bind", folder, folder], check=True)
        subprocess.run(["mount", "-o", "remount,bind,ro", folder], check=True)
        print(json.dumps(run(sys.argv[3:])))
        return
    src, free_kb = Path(sys.argv[2]), int(sys.argv[3])
    mount = Path(tempfile.mkdtemp(prefix="bmd-penuh-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], check=True)
    hub = mount / "h"
    shutil.copytree(src, hub)
    avail = shutil.disk_usage(mount).free // 1024
    with open(mount / "isi", "wb") as handle:
        try:
            handle.write(b"\0" * max(0, (avail - free_kb)) * 1024)
        except OSError:
            pass
    result = run([a.replace("{h}", str(hub)) for a in sys.argv[4:]])
    con = sqlite3.connect(hub / "buku_migran.db")
    try:
        result["integrity"] = con.execute("PRAGMA integrity_check").fetchone()[0]
        result["residents"] = con.execute("SELECT count(*) FROM resident").fetchone()[0]
    finally:
        con.close()
    result["files"] = sorted(str(p.relative_to(hub)) for p in hub.rglob("*"))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
