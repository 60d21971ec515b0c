"""Migrasi: every migration episode, procedural or not, with filters.

``apply_filter`` understands ``text``, ``state`` (an episode state or ``"open"``),
``procedure`` (prosedural, diduga_nonprosedural, belum_diketahui), ``country`` (ISO code),
``overdue`` (True: abroad past the expected return), ``departed_month`` and
``returned_month`` (``"YYYY-MM"``), ``flags`` (``ada``, ``tinggi``, ``belum_diterima``: red
flags, see :data:`app.core.repo.episodes.FLAG_FILTERS`). Enter or double-click opens the
person's migration tab.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.repo.episodes import EpisodeFilter
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.labels import EPISODE_STATE, PROCEDURE, label
from app.ui.tablemodels.episodes import EpisodeTableModel
from app.ui.widgets.fit import keep_choice_whole
from app.ui.widgets.idtable import IdTableView


class MigrationView(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("MigrationView")
        self.model = EpisodeTableModel(ctx.db, ctx.language, self)
        self.months: dict[str, str] = {}
        self.search = QLineEdit()
        self.search.setObjectName("episode_search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(140)
        self.state = QComboBox()
        self.state.setObjectName("filter_state")
        self.procedure = QComboBox()
        self.procedure.setObjectName("filter_procedure")
        self.country = QComboBox()
        self.country.setObjectName("filter_country")
        self.flags = QComboBox()
        self.flags.setObjectName("filter_flags")
        self.overdue = QCheckBox()
        self.overdue.setObjectName("filter_overdue")
        self.month_label = QLabel()
        self.month_label.setObjectName("month_filter")
        self.clear_button = QPushButton()
        self.open_button = QPushButton()
        self.count_label = QLabel()
        self.count_label.setObjectName("episode_count")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.overdue)
        top.addWidget(self.month_label)
        top.addWidget(self.clear_button)
        choices = QHBoxLayout()  # a row of their own: a longer language still fits 1366 px
        for w in (self.state, self.procedure, self.country, self.flags):
            # fit a 1366-pixel screen: a fixed width in characters, the popup shows all
            w.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(12)
            choices.addWidget(keep_choice_whole(w), 1)
        self.table = IdTableView()
        self.table.setObjectName("episode_table")
        self.table.setModel(self.model)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(choices)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._apply)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.state, self.procedure, self.country, self.flags):
            combo.currentIndexChanged.connect(lambda _i: self._apply())
        self.overdue.toggled.connect(lambda _b: self._apply())
        self.clear_button.clicked.connect(lambda: self.apply_filter())
        self.open_button.clicked.connect(self.open_current)
        self.table.activated_uuid.connect(self._open)
        self.model.modelReset.connect(self._update_count)
        self._loading = False
        self.retranslate()
        self.model.requery()
        self.table.set_column_widths(
            dict(enumerate((140, 130, 165, 120, 95, 105, 100, 80, 80, 85))), stretch=None)

    def retranslate(self) -> None:
        from app.core.reference import ref_label
        from app.core.repo.residents import destination_countries

        self.search.setPlaceholderText(self.tr("Search name or NIK"))
        self.overdue.setText(self.tr("Past expected return"))
        self.clear_button.setText(self.tr("Clear filters"))
        self.open_button.setText(self.tr("&Open person"))
        self.hint.setText(self.tr("Register, depart and return are recorded in the person's "
                                  "record (Migration tab). New person: Residents > New."))
        self._set(self.state, self.tr("All states"),
                  [("open", self.tr("Not finished (incl. home leave)"))] +
                  [(c, label(EPISODE_STATE, c)) for c in EPISODE_STATE])
        self._set(self.procedure, self.tr("Procedural or not"),
                  [(c, label(PROCEDURE, c)) for c in PROCEDURE])
        self._set(self.flags, self.tr("Red flags or not"), [
            ("ada", self.tr("With red flags")),
            ("tinggi", self.tr("With a high red flag")),
            ("belum_diterima", self.tr("Red flag not accepted")),
        ])
        with self.ctx.db.session() as s:
            countries = destination_countries(s)
        self._set(self.country, self.tr("All countries"), sorted(
            ((c, ref_label("countries", c, self.ctx.language)) for c in countries),
            key=lambda p: p[1]))
        self.model.retranslate(self.ctx.language)
        self._update_count()

    @staticmethod
    def _set(combo: QComboBox, all_text: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, "")
        for code, text in items:
            combo.addItem(text, code)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
        combo.blockSignals(False)

    def current_filter(self) -> EpisodeFilter:
        return EpisodeFilter(
            text=self.search.text(), state=self.state.currentData() or "",
            procedure=self.procedure.currentData() or "",
            country=self.country.currentData() or "", overdue=self.overdue.isChecked(),
            flags=self.flags.currentData() or "",
            departed_month=self.months.get("departed_month", ""),
            returned_month=self.months.get("returned_month", ""))

    def _apply(self) -> None:
        if self._loading:
            return
        self._timer.stop()
        f = self.current_filter()
        if f != self.model.filter:
            self.model.set_filter(f)

    def apply_filter(self, **filters: Any) -> None:
        self._loading = True
        try:
            self.search.setText(filters.get("text", ""))
            for combo, key in ((self.state, "state"), (self.procedure, "procedure"),
                               (self.country, "country"), (self.flags, "flags")):
                value = filters.get(key, "")
                index = combo.findData(value) if value else 0
                if index < 0:
                    combo.addItem(value, value)
                    index = combo.count() - 1
                combo.setCurrentIndex(index)
            self.overdue.setChecked(bool(filters.get("overdue", False)))
            self.months = {k: filters[k] for k in ("departed_month", "returned_month")
                           if filters.get(k)}
            month_text = []
            if "departed_month" in self.months:
                month_text.append(self.tr("departed in {m}").format(
                    m=self._month(self.months["departed_month"])))
            if "returned_month" in self.months:
                month_text.append(self.tr("returned in {m}").format(
                    m=self._month(self.months["returned_month"])))
            self.month_label.setText(", ".join(month_text))
        finally:
            self._loading = False
        self._apply()

    @staticmethod
    def _month(key: str) -> str:
        return f"{key[5:7]}/{key[0:4]}" if len(key) == 7 else key

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{n} episodes").format(n=self.model.rowCount()))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        self.model.refresh()

    def _open(self, resident_id: str) -> None:
        from app.ui.dialogs.resident import ResidentDialog

        ResidentDialog.open_existing(self.ctx, resident_id, self, tab="migrasi")

    def open_current(self) -> None:
        uuid = self.table.current_uuid()
        if uuid:
            self._open(uuid)
