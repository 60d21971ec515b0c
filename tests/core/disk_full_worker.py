"""Helper process: write residents with a file-size limit until the 'disk' is full.

Prints ``ok NAME`` after each commit and ``refused CODE`` when the service refuses, then
exits 0. A file-size limit (RLIMIT_FSIZE) makes the kernel refuse writes past it, which is
what SQLite sees on a full disk.
"""

from __future__ import annotations

import resource
import signal
import sys
from pathlib import Path

from app.core.errors import AppError
from app.core.paths import DataDir
from app.core.services import residents
from app.core.workspace import open_workspace


def main(folder: str, limit: int) -> None:
    ws = open_workspace(DataDir(Path(folder)))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    for i in range(100_000):
        name = f"Penduduk {i} " + "x" * 100
        try:
            with ws.db.unit_of_work("uji") as s:
                residents.register_resident(s, residents.ResidentInput(
                    name=name, sex="L", notes="catatan " * 200))
        except AppError as exc:
            print("refused", exc.code, flush=True)
            return
        print("ok", name, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
