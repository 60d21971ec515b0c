"""Where the data folder is, and what lives in it.

Resolution order: an explicit ``--data-dir``, the ``BUKU_MIGRAN_DATA`` environment variable, a
``portable.txt`` marker beside the program (the data then lives in ``data/`` beside it, e.g. on
a trainer's USB stick), and finally the user's data folder from platformdirs. The program
folder is never the default, so installing a newer build over an older one keeps the data.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "BUKU_MIGRAN_DATA"
PORTABLE_MARKER = "portable.txt"
DB_FILENAME = "buku_migran.db"


def program_dir() -> Path:
    """The folder of the running program: the executable when frozen, else the repo top."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("BukuMigranDesa", appauthor=False, roaming=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Pick the data folder by the documented order (not created here)."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    marker = program_dir() / PORTABLE_MARKER
    if marker.is_file():
        return program_dir() / "data"
    return default_data_dir()


@dataclass(frozen=True)
class DataDir:
    """The layout of one data folder (a village or a P4MI hub)."""

    root: Path

    @property
    def db_path(self) -> Path:
        return self.root / DB_FILENAME

    @property
    def backups(self) -> Path:
        return self.root / "cadangan"

    @property
    def logs(self) -> Path:
        return self.root / "log"

    @property
    def inbox(self) -> Path:
        return self.root / "masuk"

    @property
    def outbox(self) -> Path:
        return self.root / "keluar"

    @property
    def keys(self) -> Path:
        return self.root / "kunci"

    def ensure(self) -> DataDir:
        """Create the folder and its sub-folders if missing."""
        for folder in (self.root, self.backups, self.logs, self.inbox, self.outbox, self.keys):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    def exists(self) -> bool:
        # a P4MI hub on a PostgreSQL server has its settings file instead of the database file
        return self.db_path.is_file() or (self.root / "server.json").is_file()
