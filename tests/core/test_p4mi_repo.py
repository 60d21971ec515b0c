"""Queries of the P4MI pages against independent SQL: villages overview (gaps, counts, days),
import history, same-NIK pairs, export history, regency dashboard."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app.core.repo import p4mi as repo
from tests.sync.conftest import OTHER_VILLAGE, VILLAGE, export, import_, make_hub, make_village


def _count(ws: Any, sql: str, *params: Any) -> int:
    con = sqlite3.connect(ws.data_dir.db_path)
    try:
        return int(con.execute(sql, params).fetchone()[0])
    finally:
        con.close()


def test_villages_overview_gaps_counts_and_history(tmp_path: Path) -> None:
    from sqlalchemy import select

    from app.core.models import Resident
    from app.core.reference import villages_of_regency

    village = make_village(tmp_path / "desa", residents=30, seed=2)
    other = make_village(tmp_path / "desa2", code=OTHER_VILLAGE)
    hub = make_hub(tmp_path / "p4mi")
    try:
        first = export(village, tmp_path / "usb1", full=True)
        export(village, tmp_path / "lost")  # number 2 never arrives
        with village.db.session() as s:
            person = s.scalars(select(Resident).where(Resident.nik.is_not(None))
                               .order_by(Resident.name)).first()
            nik = person.nik
        third = export(village, tmp_path / "usb3", full=True)
        import_(hub, first)
        import_(hub, third)
        with other.db.unit_of_work("op") as s:
            s.add(Resident(name="Kembar NIK", sex="L", nik=nik))
        import_(hub, export(other, tmp_path / "usb4"))

        with village.db.session() as s:
            exports = repo.export_history(s)
        assert [e.sequence for e in exports] == [3, 2, 1]
        assert exports[0].scope == "lengkap" and exports[1].scope == "perubahan"
        from sync.schema import SYNCED_TABLES

        tables = SYNCED_TABLES  # every sheet of the bundle, the red-flag rows included
        assert exports[2].rows == sum(_count(village, f"SELECT count(*) FROM {t}")
                                      for t in tables)

        with hub.db.session() as s:
            rows = {r.code: r for r in repo.villages_overview(s, "18.07")}
            history = repo.import_history(s, VILLAGE)
            pairs = repo.nik_pairs(s)
            board = repo.load_regency_dashboard(s, "18.07", today=date.today())
        assert len(rows) == len(villages_of_regency("18.07"))
        v = rows[VILLAGE]
        assert (v.bundles, v.last_sequence, v.gaps) == (2, 3, [2])
        assert v.residents == _count(hub, "SELECT count(*) FROM resident WHERE owner_office = ? "
                                          "AND deleted = 0", VILLAGE)
        for status in ("calon_pmi", "pmi", "purna_pmi"):
            assert getattr(v, status) == _count(
                hub, "SELECT count(*) FROM resident WHERE owner_office = ? AND deleted = 0 AND "
                     "migrant_status = ?", VILLAGE, status)
        assert v.days_since(date.today()) == 0
        assert v.days_since(date.today() + timedelta(days=10)) == 10
        assert v.key_fingerprint and v.nik_flags == 1
        assert rows[OTHER_VILLAGE].nik_flags == 1 and rows[OTHER_VILLAGE].residents == 1
        never = rows["18.07.01.2003"]
        assert (never.bundles, never.last_import, never.days_since(date.today())) == (0, None, None)
        assert [h.sequence for h in history] == [3, 1]
        assert history[-1].new > 0 and history[0].new == 0  # the full third bundle: unchanged
        assert len(pairs) == 1
        pair = pairs[0]
        assert (pair.nik, pair.village_a, pair.village_b) == (nik, VILLAGE, OTHER_VILLAGE)
        assert pair.name_b == "Kembar NIK" and pair.flag_status == "baru"
        assert board.villages_reporting == 2 and board.nik_pairs == 1
        assert board.residents == _count(hub, "SELECT count(*) FROM resident WHERE deleted = 0")
        assert [p.code for p in board.per_village] == sorted(
            [VILLAGE, OTHER_VILLAGE], key=lambda c: (-rows[c].pmi - rows[c].calon_pmi, c))
    finally:
        for ws in (village, other, hub):
            ws.close()
