"""A canonical dump of one village's synced rows, to compare a village with the hub.

Every synced table, every row owned by the village (tombstones included), every synced column
plus the derived resident status, sorted by id. Two databases hold the same village data
exactly when their dumps (or digests) are equal.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from app.core.backup import connect_read_only
from sync.schema import SCHEMA


def canonical_dump(db_path: Path, village_code: str) -> dict[str, list[list[Any]]]:
    con = connect_read_only(db_path)
    try:
        out: dict[str, list[list[Any]]] = {}
        for sheet in SCHEMA:
            cols = list(sheet.keys)
            if sheet.table == "resident":
                cols.append("migrant_status")
            sql = (f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} FROM "
                   f'"{sheet.table}" WHERE owner_office = ? ORDER BY id')
            out[sheet.table] = [list(r) for r in con.execute(sql, (village_code,))]
        return out
    finally:
        con.close()


def dump_digest(db_path: Path, village_code: str) -> str:
    text = json.dumps(canonical_dump(db_path, village_code), ensure_ascii=False,
                      sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
