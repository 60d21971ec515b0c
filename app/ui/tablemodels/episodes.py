"""The migration list: every episode with its resident."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from app.core.repo.episodes import EpisodeFilter, fetch_rows, search_ids
from app.ui.labels import EPISODE_STATE, FLAG_SEVERITY, PROCEDURE, fmt_date, label
from app.ui.tablemodels.base import Column, IdListTableModel


class EpisodeTableModel(IdListTableModel):
    columns = (
        Column("name", QT_TRANSLATE_NOOP("Columns", "Name")),
        Column("nik", QT_TRANSLATE_NOOP("Columns", "NIK")),
        Column("state", QT_TRANSLATE_NOOP("Columns", "State")),
        Column("flags", QT_TRANSLATE_NOOP("Columns", "Red flags"), sortable=False),
        Column("country", QT_TRANSLATE_NOOP("Columns", "Country")),
        Column("job", QT_TRANSLATE_NOOP("Columns", "Job"), sortable=False),
        Column("procedure", QT_TRANSLATE_NOOP("Columns", "Procedure")),
        Column("registered_on", QT_TRANSLATE_NOOP("Columns", "Registered")),
        Column("departed_on", QT_TRANSLATE_NOOP("Columns", "Departed")),
        Column("expected_return", QT_TRANSLATE_NOOP("Columns", "Expected return")),
        Column("returned_on", QT_TRANSLATE_NOOP("Columns", "Returned / ended")),
    )

    def __init__(self, db: Any, language: str = "id", parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.language = language
        self.filter = EpisodeFilter()
        self.sort_column = 8  # departed_on
        self.sort_order = Qt.SortOrder.DescendingOrder

    def query_ids(self) -> array:
        with self.db.session() as s:
            return search_ids(s, self.filter, self.sort_key, self.descending)

    def set_filter(self, f: EpisodeFilter) -> None:
        self.filter = f
        self.requery()

    def refresh(self) -> None:
        self.requery()

    def load_rows(self, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        from app.core.reference import ref_label

        with self.db.session() as s:
            raw = fetch_rows(s, ids)
        unknown = QCoreApplication.translate("Columns", "(unknown)")
        out: dict[int, tuple[Any, ...]] = {}
        for rowid, r in raw.items():
            (_e, resident_id, name, nik, state, country, job, proc, reg, dep, exp, ret,
             ended, flag_count, flag_level, flag_open) = r
            out[rowid] = (
                name, nik or unknown, label(EPISODE_STATE, state),
                _flags_text(flag_count, flag_level, flag_open),
                ref_label("countries", country, self.language) if country else "",
                job or "", label(PROCEDURE, proc), fmt_date(reg), fmt_date(dep), fmt_date(exp),
                fmt_date(ret or ended), resident_id,
            )
        return out


_LEVELS = ("tinggi", "sedang", "rendah")


def _flags_text(count: int, level: int | None, unaccepted: int) -> str:
    """"3 (high, 1 not accepted)" for the Red flags column; empty without flags."""
    if not count:
        return ""
    severity = label(FLAG_SEVERITY, _LEVELS[level]) if level is not None else ""
    text = f"{count} ({severity})"
    if unaccepted:
        text += " " + QCoreApplication.translate("Columns", "{n} not accepted").format(
            n=unaccepted)
    return text
