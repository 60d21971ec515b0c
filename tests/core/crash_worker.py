"""Helper process for the kill tests: writes units of work forever, printing each commit.

Each unit of work adds one resident and registers them as CPMI (two rows plus audit rows),
so a half-done unit would show as a resident without an episode.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from app.core.paths import DataDir
from app.core.services import episodes, residents
from app.core.workspace import open_workspace


def main(folder: str, prefix: str) -> None:
    ws = open_workspace(DataDir(Path(folder)))
    i = 0
    while True:
        name = f"{prefix}-{i}"
        with ws.db.unit_of_work("uji") as s:
            r = residents.register_resident(s, residents.ResidentInput(name=name, sex="L"))
            episodes.register_cpmi(s, r.id, episodes.Registration(date.today()))
        print(name, flush=True)  # only after the commit returned
        i += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
