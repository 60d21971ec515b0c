"""Public statistics hold aggregates only, with small counts suppressed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from app.core.demo import add_demo_data
from app.core.models import Resident
from app.core.stats import public_statistics, write_statistics_csv


def test_statistics_match_sql_and_hide_people(village, tmp_path: Path) -> None:
    add_demo_data(village.db, village.office(), 400, seed=2, today=date(2026, 6, 1))
    with village.db.session() as s:
        rows = public_statistics(s, today=date(2026, 6, 1))
        pmi = s.scalar(select(func.count()).select_from(Resident).where(
            Resident.migrant_status == "pmi", Resident.deleted.is_(False)))
        people = s.scalars(select(Resident).where(Resident.nik.is_not(None)).limit(50)).all()
    by_key = {(r.table, r.category): r for r in rows}
    assert by_key[("Penduduk menurut status pekerja migran",
                   "PMI (di luar negeri atau sedang cuti)")].count == pmi
    assert all(r.shown == "<5" for r in rows if 0 < r.count < 5)
    assert any(r.shown == "<5" for r in rows)  # the demo village has small categories
    out = write_statistics_csv(rows, tmp_path / "stat.csv", "Statistik")
    text = out.read_text(encoding="utf-8-sig")
    for person in people:
        assert person.nik not in text and person.name not in text
    assert "Tabel;Kategori;Jumlah" in text
