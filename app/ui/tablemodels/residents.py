"""The resident list: every resident of the folder (up to 200,000 in a P4MI hub)."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.core.repo.residents import ResidentFilter, ResidentIndex, fetch_rows
from app.ui.labels import LIFE_STATUS, MIGRANT_STATUS_SHORT, fmt_date, label
from app.ui.tablemodels.base import Column, IdListTableModel


class ResidentTableModel(IdListTableModel):
    columns = (
        Column("name", QT_TRANSLATE_NOOP("Columns", "Name")),
        Column("nik", QT_TRANSLATE_NOOP("Columns", "NIK")),
        Column("no_kk", QT_TRANSLATE_NOOP("Columns", "Family card no.")),
        Column("sex", QT_TRANSLATE_NOOP("Columns", "Sex")),
        Column("birth_date", QT_TRANSLATE_NOOP("Columns", "Birth date")),
        Column("dusun", QT_TRANSLATE_NOOP("Columns", "Hamlet")),
        Column("rt_rw", QT_TRANSLATE_NOOP("Columns", "RT/RW")),
        Column("status", QT_TRANSLATE_NOOP("Columns", "Migrant status")),
        Column("country", QT_TRANSLATE_NOOP("Columns", "Country")),
        Column("life_status", QT_TRANSLATE_NOOP("Columns", "Life status")),
    )

    def __init__(self, db: Any, language: str = "id", parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.language = language
        self.filter = ResidentFilter()
        self.index_cache = ResidentIndex(db.session)

    def query_ids(self) -> array:
        return self.index_cache.search(self.filter, self.sort_key, self.descending)

    def set_filter(self, f: ResidentFilter) -> None:
        self.filter = f
        self.requery()

    def refresh(self) -> None:
        """Data changed somewhere: forget the cached orders and ask again."""
        self.index_cache.invalidate()
        self.requery()

    def load_rows(self, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        from app.core.reference import ref_label

        with self.db.session() as s:
            raw = fetch_rows(s, ids)
        translate = QCoreApplication.translate
        sex = {"L": translate("Columns", "M"), "P": translate("Columns", "F")}
        out: dict[int, tuple[Any, ...]] = {}
        for rowid, r in raw.items():
            (_rid, uuid, name, nik, kk, sx, birth, dusun, rw, rt, status, life, country) = r
            out[rowid] = (
                name or "",
                nik or translate("Columns", "(unknown)"),
                kk or "",
                sex.get(sx, sx or ""),
                fmt_date(birth),
                dusun or "",
                f"{rt or '-'}/{rw or '-'}",
                label(MIGRANT_STATUS_SHORT, status),
                ref_label("countries", country, self.language) if country else "",
                label(LIFE_STATUS, life),
                uuid,
            )
        return out
