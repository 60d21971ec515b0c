"""Run a command line in the test process: ``python -m app ...`` or ``python -m sync ...``
as ``main(argv)``, with its standard output, standard error and exit status.

The CLI tests use this instead of a subprocess each (a fresh interpreter costs about a second
of imports per call); what only a real process shows (the interpreter's start, a pipe closed
by the reader) has its own subprocess smoke test in tests/cli/test_bad_commands.py.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class CliResult:
    """What a subprocess would have given: ``returncode``, ``stdout``, ``stderr``."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _own_logging() -> Iterator[None]:
    """The command sets up the root logger (a log file in its data folder); a process would
    end there, the test process goes on: put the handlers and the level back."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        for handler in handlers:
            if handler not in root.handlers:
                root.addHandler(handler)
        root.setLevel(level)


@contextlib.contextmanager
def _environment(env: Mapping[str, str | None] | None) -> Iterator[None]:
    """``os.environ`` with ``env`` applied (``None`` removes a variable), restored after."""
    saved = dict(os.environ)
    try:
        for key, value in (env or {}).items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def run_cli(tool: str, *args: str, env: Mapping[str, str | None] | None = None) -> CliResult:
    """Run ``python -m <tool> <args>`` (tool ``app`` or ``sync``) in this process."""
    if tool == "app":
        from app.__main__ import main
    elif tool == "sync":
        from sync.cli import main
    else:
        raise ValueError(tool)
    out, err = io.StringIO(), io.StringIO()
    with _environment(env), _own_logging(), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's own refusals and --help
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return CliResult(code, out.getvalue(), err.getvalue())
