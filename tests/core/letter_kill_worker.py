"""Helper process for the letter kill test: issues one letter and is killed at an exact point.

``floor``: right after the number was written to the floor file (before the row exists);
``commit``: just before the COMMIT of the transaction that records the letter.
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import event


def main(folder: str, resident_id: str, point: str) -> None:
    import app.core.letters.register as register
    from app.core.letters import LetterRequest
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from sync.letters import issue

    ws = open_workspace(DataDir(Path(folder)))
    armed = {"on": False}
    if point == "floor":
        original = register.raise_floors

        def killing(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            result = original(*args, **kwargs)
            os.kill(os.getpid(), signal.SIGKILL)
            return result

        register.raise_floors = killing
    else:
        def trace(statement: str) -> None:
            if armed["on"] and statement.strip().upper().startswith("COMMIT"):
                os.kill(os.getpid(), signal.SIGKILL)

        @event.listens_for(ws.db.engine, "connect")
        def _connect(dbapi_con, _record) -> None:  # noqa: ANN001
            dbapi_con.set_trace_callback(trace)

        ws.db.engine.dispose()
    armed["on"] = True
    issue(ws, LetterRequest(resident_id, "domisili", issued_on=date(2026, 11, 30)), "uji")
    print("not killed", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
