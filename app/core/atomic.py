"""The one atomic file writer: a file appears under its final name only when complete.

Every file the program writes under a name someone relies on (bundles, receipts, backups,
the restored or migrated database, tables, key files, the high-water marks, the restore
plan) goes through here:

1. the content is written to a temporary name in the same folder (:func:`temp_name`,
   ``.NAME.sementara``; the caller may give its own, e.g. a backup's ``.part``),
2. the temporary file is flushed to the disk (``fsync``),
3. it is renamed onto the final name (``os.replace``, atomic on the same file system),
4. the folder is flushed too, so the rename itself survives a power cut.

A failure removes the temporary file and raises a coded error (``AppError(error_code,
path=..., detail=...)``, ``file.write_failed`` unless the caller names its own; a full or
read-only disk can be mapped by ``map_error``). A kill or power cut at any moment leaves the
old file (or none) under the final name, never a half one; a leftover temporary file is
removed at the next start (:mod:`app.core.recovery`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from app.core.errors import AppError

MESSAGES: dict[str, tuple[str, str]] = {
    "file.write_failed": (
        "Berkas {path} tidak bisa ditulis: {detail}. Berkas lama (kalau ada) tidak berubah.",
        "The file {path} could not be written: {detail}. The old file (if any) is unchanged.",
    ),
}

ErrorMap = Callable[[BaseException], BaseException | None]


def temp_name(dest: Path) -> Path:
    """Where :func:`write_atomic` writes before the rename (left behind by a power cut)."""
    return dest.parent / f".{dest.name}.sementara"


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (a rename) to the disk; a no-op where not supported."""
    if os.name != "posix":  # pragma: no cover - no directory fsync on Windows
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _os_reason(exc: OSError) -> str:
    from app.core.cli_support import os_reason  # the Indonesian words for errno values

    return os_reason(exc)


def commit(tmp: Path, dest: Path, *, synced: bool = False) -> Path:
    """Steps 2-4 for a complete file ``tmp``: fsync it (unless ``synced``), rename it onto
    ``dest``, fsync the folder. Raises the ``OSError`` (the caller cleans up and maps it)."""
    if not synced:
        fsync_file(tmp)
    os.replace(tmp, dest)
    fsync_dir(dest.parent)
    return dest


def write_atomic(dest: Path, produce: Callable[[Path], object], *,
                 error_code: str = "file.write_failed", tmp: Path | None = None,
                 map_error: ErrorMap | None = None, cleanup: tuple[str, ...] = ()) -> Path:
    """Run ``produce(tmp)`` (it writes the whole file), then :func:`commit` it onto ``dest``.

    On any failure ``tmp`` (and ``tmp`` + each suffix in ``cleanup``, e.g. ``-journal``) is
    removed; an ``OSError`` becomes ``map_error(exc)`` when that gives an error, else
    ``AppError(error_code, path, detail)``; anything else is raised as it is.
    """
    dest = Path(dest)
    tmp = tmp if tmp is not None else temp_name(dest)
    try:
        if dest.is_dir():
            raise IsADirectoryError(21, "tujuan adalah folder", str(dest))
        dest.parent.mkdir(parents=True, exist_ok=True)
        produce(tmp)
        commit(tmp, dest)
    except BaseException as exc:
        for path in (tmp, *(tmp.with_name(tmp.name + s) for s in cleanup)):
            with contextlib.suppress(OSError):  # never let the clean-up hide the reason
                path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            mapped = map_error(exc) if map_error is not None else None
            raise (mapped or AppError(error_code, path=str(dest),
                                      detail=_os_reason(exc))) from exc
        raise
    return dest


def write_bytes(dest: Path, data: bytes, *, mode: int | None = None, **kw: object) -> Path:
    """:func:`write_atomic` of ``data``; ``mode`` (e.g. ``0o600``) for a private file."""

    def produce(tmp: Path) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        fd = os.open(tmp, flags, mode if mode is not None else 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    return write_atomic(dest, produce, **kw)  # type: ignore[arg-type]


def write_text(dest: Path, text: str, *, mode: int | None = None, **kw: object) -> Path:
    """:func:`write_bytes` of ``text`` in UTF-8."""
    return write_bytes(dest, text.encode("utf-8"), mode=mode, **kw)
