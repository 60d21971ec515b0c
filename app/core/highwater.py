"""Floors for the change counter and the bundle sequence that survive a database restore.

A restore brings back an older database whose counter and bundle sequence are lower than what
P4MI has already received. Reusing those numbers would make the hub take new changes for old
ones, so the highest values ever used are also kept in a small file outside the database
(``kunci/batas.json``), and after a restore the database continues above them.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.core.atomic import write_text

FILENAME = "batas.json"


def _path(keys_dir: Path) -> Path:
    return keys_dir / FILENAME


def read_floors(keys_dir: Path) -> dict[str, int]:
    try:
        data = json.loads(_path(keys_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: int(v) for k, v in data.items() if isinstance(v, int)}


def raise_floors(keys_dir: Path, **values: int) -> dict[str, int]:
    """Record ``values`` (e.g. ``counter=120, sequence=7``) where higher than stored."""
    floors = read_floors(keys_dir)
    for key, value in values.items():
        floors[key] = max(floors.get(key, 0), int(value))
    # the temporary name ``batas.part`` is the one start-up removes after a cut
    write_text(_path(keys_dir), json.dumps(floors, sort_keys=True),
               tmp=_path(keys_dir).with_suffix(".part"))
    return floors
