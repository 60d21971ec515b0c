"""Public statistics: aggregates only, small counts suppressed, no personal data.

For a village board, a notice board or a website. Every figure is a count of live residents
or episodes in a category; a count from 1 to ``SMALL - 1`` is shown as ``"<5"`` so that no
one can be singled out (e.g. the only PMI in Hong Kong), and categories are fixed lists, so
the table itself reveals nothing about a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import reference
from app.core.models import Case, Episode, Resident

SMALL = 5
STATUS_LABELS = {"calon_pmi": "Calon PMI", "pmi": "PMI (di luar negeri atau sedang cuti)",
                 "purna_pmi": "Purna PMI", "bukan": "Bukan pekerja migran"}


@dataclass(frozen=True)
class StatRow:
    table: str
    category: str
    count: int

    @property
    def shown(self) -> str:
        """The published value: small non-zero counts are suppressed."""
        return f"<{SMALL}" if 0 < self.count < SMALL else str(self.count)


def public_statistics(session: Session, today: date | None = None) -> list[StatRow]:
    today = today or date.today()
    rows: list[StatRow] = []
    live_res = Resident.deleted.is_(False)
    live_ep = Episode.deleted.is_(False)
    by_status = dict(session.execute(
        select(Resident.migrant_status, func.count()).where(live_res)
        .group_by(Resident.migrant_status)).all())
    for code, label in STATUS_LABELS.items():
        rows.append(StatRow("Penduduk menurut status pekerja migran", label,
                            by_status.get(code, 0)))
    from app.core.repo.dashboard import abroad_episodes

    abroad_sub = abroad_episodes().subquery()  # the one definition of "PMI abroad"
    pmi_sex = dict(session.execute(
        select(Resident.sex, func.count()).join(abroad_sub, abroad_sub.c.resident_id
                                                 == Resident.id)
        .group_by(Resident.sex)).all())
    rows.append(StatRow("PMI menurut jenis kelamin", "Laki-laki", pmi_sex.get("L", 0)))
    rows.append(StatRow("PMI menurut jenis kelamin", "Perempuan", pmi_sex.get("P", 0)))
    abroad = session.execute(
        select(abroad_sub.c.destination_country, func.count())
        .group_by(abroad_sub.c.destination_country)).all()
    for code, count in sorted(abroad, key=lambda r: -r[1]):
        label = reference.ref_label("countries", code) if code else "Tidak diketahui"
        rows.append(StatRow("PMI menurut negara tujuan", label, count))
    for year in range(today.year - 4, today.year + 1):
        start, end = date(year, 1, 1), date(year, 12, 31)
        departed = session.scalar(select(func.count()).select_from(Episode).where(
            live_ep, Episode.departed_on.between(start, end))) or 0
        returned = session.scalar(select(func.count()).select_from(Episode).where(
            live_ep, Episode.returned_on.between(start, end))) or 0
        rows.append(StatRow("Keberangkatan per tahun", str(year), departed))
        rows.append(StatRow("Kepulangan per tahun", str(year), returned))
    procedure: dict[str, int] = dict(session.execute(
        select(abroad_sub.c.procedure, func.count()).group_by(abroad_sub.c.procedure)).all())
    rows.append(StatRow("PMI menurut prosedur", "Prosedural", procedure.get("prosedural", 0)))
    rows.append(StatRow("PMI menurut prosedur", "Diduga non-prosedural",
                        procedure.get("diduga_nonprosedural", 0)))
    cases = dict(session.execute(
        select(Case.status, func.count()).where(Case.deleted.is_(False))
        .group_by(Case.status)).all())
    for code, label in (("baru", "Baru"), ("diproses", "Diproses"), ("selesai", "Selesai")):
        rows.append(StatRow("Kasus menurut status", label, cases.get(code, 0)))
    return rows


def write_statistics_csv(rows: list[StatRow], out: Path, title: str) -> Path:
    """A CSV (UTF-8 with BOM, ``;``-separated as Indonesian Excel expects), written atomically
    through the safe table writer (:mod:`app.core.tables`); ``.xlsx`` gives a workbook."""
    from app.core.tables import INT, TEXT, Column, Sheet, write_table

    sheet = Sheet("Statistik publik",
                  [Column("Tabel", TEXT, 40), Column("Kategori", TEXT, 36),
                   Column("Jumlah", INT, 10)],
                  rows=([row.table, row.category,
                         row.shown if 0 < row.count < SMALL else row.count] for row in rows),
                  title_rows=[title, f"Angka 1 sampai {SMALL - 1} ditampilkan sebagai <{SMALL} "
                                     "untuk melindungi data pribadi."])
    return write_table(out, sheet)
