"""Helper process for the atomic writer's kill test: SIGKILL at ``os.replace``.

    python atomic_kill_worker.py DEST TEXT
        writes TEXT into DEST through :func:`app.core.atomic.write_text`, but kills itself
        (SIGKILL) just before the rename, i.e. with the new file complete under its
        temporary name and the old one still in place.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(dest: str, text: str) -> None:
    from app.core import atomic

    def killed(*_args: object, **_kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    os.replace = killed  # type: ignore[assignment]
    atomic.write_text(Path(dest), text)
    print("not killed")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
