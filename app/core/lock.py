"""One writer per data folder: an OS file lock held while a program has the folder open.

Two copies of the application writing the same SQLite file is a support nightmare (and on a
shared laptop it happens: a second double-click). The lock is an advisory OS lock on
``.kunci-buka`` inside the data folder, released by the OS when the process dies, so a
power cut or a kill never leaves a stale lock behind.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from app.core.errors import AppError

LOCK_NAME = ".kunci-buka"
_HELD: set[Path] = set()  # lock files this process holds


def held_here(folder: Path) -> bool:
    """Whether this process holds the lock of ``folder`` (through any FolderLock)."""
    return (Path(folder) / LOCK_NAME).absolute() in _HELD


class FolderLock:
    """Exclusive lock on a data folder; ``acquire`` raises ``AppError("data_dir.in_use")``."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_NAME
        self._handle: int | None = None

    def acquire(self) -> FolderLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:  # a read-only folder or write-protected stick
            from app.core.cli_support import os_reason

            raise AppError("data_dir.not_writable", path=str(self.path.parent),
                           detail=os_reason(exc)) from exc
        try:
            _lock(handle)
        except OSError as exc:
            os.close(handle)
            raise AppError("data_dir.in_use", path=str(self.path.parent)) from exc
        os.ftruncate(handle, 0)
        os.write(handle, str(os.getpid()).encode())
        self._handle = handle
        _HELD.add(self.path.absolute())
        return self

    def release(self) -> None:
        if self._handle is not None:
            _HELD.discard(self.path.absolute())
            try:
                _unlock(self._handle)
            finally:
                os.close(self._handle)
                self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def __enter__(self) -> FolderLock:
        return self.acquire()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: int) -> None:
        msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)

    def _unlock(handle: int) -> None:
        os.lseek(handle, 0, os.SEEK_SET)
        msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)
