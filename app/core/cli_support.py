"""What the two command lines (``python -m app`` and ``python -m sync``) share.

* :class:`IndonesianArgumentParser`: argparse whose own messages (usage, required, invalid
  choice, unrecognised arguments, help headings) are Indonesian; a usage mistake exits 2.
* :func:`check_data_dir_arg` and :func:`check_new_data_folder`: an empty ``--data-dir``, a
  file, or a non-empty folder that is not a Buku Migran Desa folder are refused before
  anything is created in them.
* :func:`pipe_safe_stdout`: a closed pipe (``python -m sync dump ... | head``) does not turn a
  finished command into a failure; the rest of the output is dropped, the exit status is the
  command's own.
* :func:`storage_error`: an ``OSError`` or SQLite error of a full or read-only disk as the
  coded, Indonesian ``AppError`` the user can act on (instead of "kesalahan tak terduga").
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.core.errors import AppError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_REFUSED = 2

MESSAGES = {
    "cli.unknown_command": (
        "Perintah tidak dikenal: {command}.{hint} Perintah yang tersedia: {choices}. Tidak ada "
        "yang dijalankan atau diubah.",
        "Unknown command: {command}.{hint} Available commands: {choices}. Nothing was run or "
        "changed.",
    ),
    "cli.usage": (
        "Perintah tidak dapat dipahami: {detail}",
        "The command cannot be understood: {detail}",
    ),
    "cli.data_dir_empty": (
        "Folder data kosong (--data-dir \"\"): tuliskan folder data, misalnya --data-dir "
        "\"D:\\Buku Migran\". Tidak ada yang dibuat.",
        "Empty data folder (--data-dir \"\"): give the data folder, for example --data-dir "
        "\"D:\\Buku Migran\". Nothing was created.",
    ),
    "data_dir.is_file": (
        "{path} adalah sebuah berkas, bukan folder data. Pilih folder data Buku Migran Desa; "
        "tidak ada yang diubah.",
        "{path} is a file, not a data folder. Choose a Buku Migran Desa data folder; nothing "
        "was changed.",
    ),
    "data_dir.not_ours": (
        "Folder {path} sudah berisi berkas lain ({examples}) dan bukan folder data Buku Migran "
        "Desa. Pilih folder kosong atau folder baru; tidak ada yang dibuat di sana.",
        "The folder {path} already holds other files ({examples}) and is not a Buku Migran "
        "Desa data folder. Choose an empty or new folder; nothing was created there.",
    ),
    "cli.file_missing": (
        "Berkas {path} tidak ditemukan. Periksa nama dan foldernya; tidak ada yang diubah.",
        "The file {path} was not found. Check its name and folder; nothing was changed.",
    ),
    "cli.target_is_file": (
        "Tujuan {path} adalah sebuah berkas, bukan folder. Sebutkan folder tujuan (misalnya "
        "flashdisk); tidak ada yang diubah.",
        "The destination {path} is a file, not a folder. Give a destination folder (for "
        "example a USB stick); nothing was changed.",
    ),
    "cli.target_is_folder": (
        "Tujuan {path} adalah sebuah folder. Sebutkan nama berkas, misalnya {example}; tidak "
        "ada yang diubah.",
        "The destination {path} is a folder. Give a file name, for example {example}; nothing "
        "was changed.",
    ),
    "cli.out_of_range": (
        "Nilai {option} harus antara {minimum} dan {maximum} (tertulis {value}). Tidak ada "
        "yang dibuat.",
        "{option} must be between {minimum} and {maximum} (given {value}). Nothing was "
        "created.",
    ),
    "cli.unknown_village": (
        "Desa {village} tidak ada di folder data {path}. Periksa kode desa; tidak ada yang "
        "dicetak.",
        "Village {village} is not in the data folder {path}. Check the village code; nothing "
        "was printed.",
    ),
    "cli.not_a_key_backup": (
        "Berkas {path} bukan cadangan kunci Buku Migran Desa ({detail}). Tidak ada yang "
        "diubah.",
        "The file {path} is not a Buku Migran Desa key backup ({detail}). Nothing was changed.",
    ),
}

# -- argparse in Indonesian -------------------------------------------------------------------

_ARGPARSE_ID = {
    "usage: ": "pemakaian: ",
    "positional arguments": "argumen",
    "options": "pilihan",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan versi program lalu keluar",
    "the following arguments are required: %s": "argumen wajib belum diisi: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "pilihan tidak dikenal: %(value)r (pilih salah satu: %(choices)s)",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "nilai %(value)r tidak sah (harus %(type)s)",
    "expected one argument": "perlu satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "expected at least one argument": "perlu paling sedikit satu nilai",
    "not allowed with argument %s": "tidak boleh dipakai bersama argumen %s",
    "one of the arguments %s is required": "salah satu argumen ini wajib diisi: %s",
    "ambiguous option: %(option)s could match %(matches)s":
        "pilihan %(option)s tidak jelas, bisa berarti %(matches)s",
    "ignored explicit argument %r": "argumen %r tidak dipakai",
    "unexpected option string: %s": "pilihan tidak terduga: %s",
    "expected %s argument": "perlu %s nilai",
    "expected %s arguments": "perlu %s nilai",
}
_TYPE_ID = {"(harus int)": "(harus bilangan bulat)", "(harus float)": "(harus angka)"}


def _id_gettext(text: str) -> str:
    return _ARGPARSE_ID.get(text, text)


def _id_ngettext(singular: str, plural: str, n: int) -> str:
    return _id_gettext(singular if n == 1 else plural)


@contextlib.contextmanager
def _indonesian_argparse() -> Iterator[None]:
    """argparse looks its sentences up through its module-level ``_``: swap it for a while."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _id_gettext, _id_ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class IndonesianArgumentParser(argparse.ArgumentParser):
    """argparse that speaks Indonesian and reports usage mistakes with exit status 2 (refused).

    Subcommands are added as usual (``add_subparsers(parser_class=IndonesianArgumentParser)``);
    the translation is active only while this parser parses or formats, so other argparse
    users in the same process (pytest) are not affected.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)  # "--villag" is a typo, not "--village"
        with _indonesian_argparse():
            super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        with _indonesian_argparse():
            return super().add_argument(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        with _indonesian_argparse():
            return super().add_subparsers(**kwargs)

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:
        with _indonesian_argparse():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        with _indonesian_argparse():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with _indonesian_argparse():
            return super().format_usage()

    def format_help(self) -> str:
        with _indonesian_argparse():
            return super().format_help()

    def error(self, message_text: str) -> None:  # type: ignore[override]
        from app.core.messages import message

        for english, indonesian in _TYPE_ID.items():
            message_text = message_text.replace(english, indonesian)
        self.print_usage(sys.stderr)
        sys.stderr.write(message("cli.usage", "id", detail=message_text) + "\n")
        raise SystemExit(EXIT_REFUSED)


def unknown_command(command: str, choices: Any) -> str:
    """The Indonesian refusal of a mistyped command, with the closest command as a hint."""
    import difflib

    from app.core.messages import message

    close = difflib.get_close_matches(command, list(choices), n=1)
    hint = f" Maksud Anda: {close[0]}?" if close else ""
    return message("cli.unknown_command", "id", command=command, hint=hint,
                   choices=", ".join(choices))


# -- data folders -----------------------------------------------------------------------------

# What a Buku Migran Desa data folder may hold before its database exists (a first start that
# was interrupted, or an `init` that was refused): anything else means "someone else's folder".
OUR_NAMES = frozenset({"buku_migran.db", "buku_migran.db-wal", "buku_migran.db-shm",
                       "buku_migran.db-journal", "cadangan", "log", "masuk", "keluar", "kunci",
                       ".kunci-buka", ".tulis-uji", "tampilan.ini",
                       "server.json"})  # a P4MI hub on a PostgreSQL server


def check_data_dir_arg(value: str | None) -> None:
    """``--data-dir ""`` (or blanks) must not silently mean "the default folder"."""
    if value is not None and not value.strip():
        raise AppError("cli.data_dir_empty")


def check_new_data_folder(folder: Path) -> None:
    """Refuse a file, or a non-empty folder that is not (yet) a Buku Migran Desa folder.

    Creates nothing. An existing data folder (with its database) and an empty or missing
    folder pass.
    """
    from app.core.paths import DB_FILENAME

    if folder.exists() and not folder.is_dir():
        raise AppError("data_dir.is_file", path=str(folder))
    if not folder.is_dir() or (folder / DB_FILENAME).is_file() or (
            folder / "server.json").is_file():
        return
    try:
        strangers = sorted(p.name for p in folder.iterdir() if p.name not in OUR_NAMES)
    except OSError as exc:
        raise AppError("data_dir.not_writable", path=str(folder),
                       detail=exc.strerror or str(exc)) from exc
    if strangers:
        examples = ", ".join(strangers[:3]) + (", ..." if len(strangers) > 3 else "")
        raise AppError("data_dir.not_ours", path=str(folder), examples=examples)


# -- output and storage errors ---------------------------------------------------------------


class _PipeSafe:
    """A text stream that drops its output once the reader has gone (``BrokenPipeError``)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.broken = False

    def write(self, text: str) -> int:
        if not self.broken:
            try:
                return int(self._stream.write(text))
            except BrokenPipeError:
                self._break()
        return len(text)

    def flush(self) -> None:
        if not self.broken:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._break()

    def _break(self) -> None:
        self.broken = True
        try:  # the interpreter flushes stdout at exit: point the descriptor at nothing
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def pipe_safe_stdout() -> Iterator[None]:
    """Run a command with a stdout that survives a closed pipe (see the module docstring)."""
    if isinstance(sys.stdout, _PipeSafe):
        yield
        return
    saved = sys.stdout
    safe = _PipeSafe(saved)
    sys.stdout = safe
    try:
        yield
        safe.flush()
    finally:
        sys.stdout = saved


_REASONS = {errno.EROFS: "hanya bisa dibaca (flashdisk terkunci?)",
            errno.EACCES: "tidak ada izin menulis", errno.EPERM: "tidak ada izin menulis",
            errno.ENOSPC: "disk penuh", errno.EDQUOT: "kuota disk habis",
            errno.EFBIG: "berkas terlalu besar untuk disk ini",
            errno.ENOENT: "folder atau berkas tidak ada",
            errno.ENOTDIR: "sebagian jalurnya adalah berkas, bukan folder",
            errno.EISDIR: "tujuan adalah folder", errno.EIO: "kesalahan baca/tulis disk"}


def os_reason(exc: OSError) -> str:
    """The reason of an ``OSError`` in Indonesian words (the OS text when unknown)."""
    return _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def storage_error(exc: BaseException, where: Path | str | None = None, *,
                  _depth: int = 0) -> AppError | None:
    """The coded error for a full or read-only disk, or ``None`` for anything else."""
    if isinstance(exc, AppError) or _depth > 5:
        return None
    path = str(where) if where is not None else ""
    if isinstance(exc, OSError):
        if isinstance(exc.filename, str) and exc.filename:  # where it failed, if known
            path = str(Path(exc.filename).parent)
        if exc.errno in _FULL:
            return AppError("storage.full", path=path or "?")
        if exc.errno in _READ_ONLY:
            return AppError("storage.read_only", path=path or "?")
        return None
    if isinstance(exc, sqlite3.Error) or type(exc).__module__.startswith("sqlalchemy"):
        text = str(exc).lower()
        if "disk is full" in text or "database or disk is full" in text:
            return AppError("storage.full", path=path or "?")
        if "readonly" in text or "read-only" in text:
            return AppError("storage.read_only", path=path or "?")
        if "disk i/o error" in text:
            return AppError("storage.io", path=path or "?")
    cause = exc.__cause__ or exc.__context__
    if cause is not None and cause is not exc:
        return storage_error(cause, where, _depth=_depth + 1)
    return None
