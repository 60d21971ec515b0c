"""Progress reports and cooperative cancel for long work, without Qt.

Long operations (import, export, backup, reports) take a ``progress`` callback and a
:class:`CancelToken`. They call ``progress(Progress(...))`` now and then (cheap: the GUI only
keeps the latest value and polls it) and ``cancel.check()`` between steps, which raises
:class:`Cancelled`. ``Cancelled`` is not an error: the caller rolls back and says nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """Where a long operation is: ``done`` of ``total`` steps (``total == 0``: unknown)."""

    label: str = ""
    done: int = 0
    total: int = 0

    @property
    def fraction(self) -> float | None:
        if self.total <= 0:
            return None
        return max(0.0, min(1.0, self.done / self.total))


ProgressCallback = Callable[[Progress], None]


def no_progress(_progress: Progress) -> None:
    """A progress callback that ignores everything (for headless callers)."""


class Cancelled(Exception):  # noqa: N818 - the name is the concept
    """The user asked to stop; the operation undid its partial work."""


class CancelToken:
    """Set by the user (the Batal button), checked by the worker between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancel was requested."""
        if self._event.is_set():
            raise Cancelled()
