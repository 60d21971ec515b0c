"""Entry point: ``python -m app`` and the ``buku-migran`` script.

``init``, ``demo`` and the other commands run headless; ``--self-test`` checks the installation
headlessly; with no command the desktop application starts (Qt is imported only then). A word
that is not a command (``python -m app bakcup``) is refused with exit status 2 before anything
is opened or created: it never starts the GUI.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--sheet-worker"]:  # a helper process of an import (sync/sheet_worker.py)
        from sync.sheet_worker import main as sheet_worker

        return sheet_worker()
    from app.cli import COMMANDS, run_command

    if args and args[0] in COMMANDS:
        return run_command(args)
    if "--self-test" in args:
        from app.selftest import run_self_test

        return run_self_test(args)
    if args and args[0] in ("-h", "--help", "--version"):
        return run_command(args)
    if args and not args[0].startswith("-"):
        from app.core.cli_support import EXIT_REFUSED, unknown_command

        sys.stderr.write(unknown_command(args[0], COMMANDS) + "\n")
        return EXIT_REFUSED
    from app.ui.main import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
