"""Rows refused in a "valid rows only" import are sent again once the village fixes them."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from app.core.services import episodes, residents
from sync.keys import load_or_create_keypair
from sync.receipt import import_receipt, make_receipt
from tests.sync.conftest import VILLAGE, digest, export, import_


def test_rejected_rows_arrive_after_the_fix(village, hub, tmp_path: Path) -> None:
    with village.db.unit_of_work("op") as s:
        person = residents.register_resident(s, residents.ResidentInput(name="Siti Uji",
                                                                         sex="P"))
        episode = episodes.register_cpmi(s, person.id, episodes.Registration(date(2024, 1, 5)))
        rid, eid = person.id, episode.id
    con = sqlite3.connect(village.data_dir.db_path)  # a value the bundle format refuses
    con.execute("UPDATE resident SET rt = '9999' WHERE id = ?", (rid,))
    con.commit()
    con.close()
    report = import_(hub, export(village, tmp_path / "usb"), valid_rows_only=True)
    assert report.error_rows >= 1
    hub_key = load_or_create_keypair(hub.data_dir, office_code="18.07", role="p4mi")
    receipt = make_receipt(hub, VILLAGE, tmp_path / "tt")
    import_receipt(village, receipt.path, confirm_key=hub_key.fingerprint)
    with village.db.unit_of_work("op") as s:  # the village fixes the record
        data = residents.ResidentInput.from_resident(residents.get_resident(s, rid))
        data.rt = "9"
        residents.update_resident(s, rid, data)
    report = import_(hub, export(village, tmp_path / "usb"))
    assert report.error_rows == 0
    con = sqlite3.connect(hub.data_dir.db_path)
    assert con.execute("SELECT state FROM episode WHERE id = ?", (eid,)).fetchone() == (
        "terdaftar",)
    con.close()
    assert digest(village) == digest(hub)
