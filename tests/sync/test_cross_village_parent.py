"""A bundle may not hang rows on another village's records (e.g. an episode on a resident
that the hub holds for another village)."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from tests.sync.conftest import OTHER_VILLAGE, VILLAGE, export, import_, make_hub, make_village


def test_child_of_another_villages_resident_is_refused(tmp_path: Path) -> None:
    a = make_village(tmp_path / "a", residents=20, seed=1)
    b = make_village(tmp_path / "b", code=OTHER_VILLAGE, residents=60, seed=3)
    hub = make_hub(tmp_path / "hub")
    try:
        import_(hub, export(a, tmp_path / "usb", full=True))
        import_(hub, export(b, tmp_path / "usb", full=True))
        con = sqlite3.connect(hub.data_dir.db_path)
        victim, status = con.execute(
            "SELECT id, migrant_status FROM resident r WHERE owner_office = ? AND NOT EXISTS "
            "(SELECT 1 FROM episode e WHERE e.resident_id = r.id) LIMIT 1", (VILLAGE,)).fetchone()
        con.close()
        # village B crafts a resident row with A's id, and an episode on it
        bdb = sqlite3.connect(b.data_dir.db_path)
        cols = [r[1] for r in bdb.execute("PRAGMA table_info(resident)")]
        row = dict(zip(cols, bdb.execute("SELECT * FROM resident LIMIT 1").fetchone(),
                       strict=True))
        row.update(id=victim, nik=None, name="Palsu")
        marks = ",".join("?" * len(cols))
        bdb.execute(f"INSERT INTO resident ({','.join(cols)}) VALUES ({marks})",
                    [row[c] for c in cols])
        ecols = [r[1] for r in bdb.execute("PRAGMA table_info(episode)")]
        ep = dict(zip(ecols, bdb.execute(
            "SELECT * FROM episode LIMIT 1").fetchone(), strict=True))
        ep.update(id=uuid.uuid4().hex, resident_id=victim, origin_counter=10**6)
        emarks = ",".join("?" * len(ecols))
        bdb.execute(f"INSERT INTO episode ({','.join(ecols)}) VALUES ({emarks})",
                    [ep[c] for c in ecols])
        bdb.execute("UPDATE installation SET counter = counter + 1000001")
        bdb.commit()
        bdb.close()
        report = import_(hub, export(b, tmp_path / "usb2"))
        assert report.status == "ditolak"
        assert any(e.code == "sync.row.missing_parent" for e in report.errors)
        con = sqlite3.connect(hub.data_dir.db_path)
        assert con.execute("SELECT owner_office, migrant_status FROM resident WHERE id = ?",
                           (victim,)).fetchone() == (VILLAGE, status)
        assert con.execute("SELECT count(*) FROM episode WHERE resident_id = ?",
                           (victim,)).fetchone()[0] == 0
        con.close()
    finally:
        for ws in (a, b, hub):
            ws.close()
