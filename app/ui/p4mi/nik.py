"""NIK ganda (P4MI): the same NIK held by residents of two villages.

Never merged: both residents stay as their villages sent them. One row per pair, with both
villages and names; the clerk phones the villages and marks the pair as checked (audited).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core import reference
from app.core.repo import p4mi as repo
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.labels import MIGRANT_STATUS_SHORT, label
from app.ui.p4mi import common
from app.ui.tablemodels.rows import RowsModel


class NikView(Retranslating, QWidget):
    """Same NIK in two villages. Filters: ``village=CODE`` shows only pairs with that village."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("NikView")
        self.pairs: list[repo.NikPair] = []
        self.village_filter = ""
        self.title = QLabel()
        self.title.setFont(common.title_font(self))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color: #444;")
        self.notice = common.Notice()
        self.checked_button = QPushButton()
        self.checked_button.setObjectName("checked_button")
        self.checked_button.clicked.connect(self.mark_checked)
        self.all_button = QPushButton()
        self.all_button.clicked.connect(lambda: self.apply_filter(village=""))
        self.model = RowsModel([], self)
        self.table = common.make_table(self.model)
        self.table.setObjectName("nik_table")
        buttons = QHBoxLayout()
        buttons.addWidget(self.checked_button)
        buttons.addWidget(self.all_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Same NIK in two villages"))
        self.intro.setText(self.tr(
            "These residents of different villages carry the same NIK. They are never merged: "
            "phone both villages to find out which record is right (a typing error, a person "
            "who moved), let the village correct it, then mark the pair as checked."))
        self.checked_button.setText(self.tr("Mark as checked"))
        self.all_button.setText(self.tr("Show all villages"))
        self.model.set_headers([
            self.tr("NIK"), self.tr("Village 1"), self.tr("Name 1"), self.tr("Status 1"),
            self.tr("Village 2"), self.tr("Name 2"), self.tr("Status 2"), self.tr("Found on"),
            self.tr("Check")])
        self._fill()

    def apply_filter(self, **filters: object) -> None:
        if "village" in filters:
            self.village_filter = str(filters["village"] or "")
            self._fill()

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Read the pairs on the DB worker (the window stays responsive on a big hub); ``then``
        runs on the GUI thread once they are shown."""
        from app.ui.tasks import Op

        db = self.ctx.db

        def work(_progress, _cancel):  # noqa: ANN001, ANN202
            with db.session() as s:
                return repo.nik_pairs(s)

        def done(pairs: list[repo.NikPair]) -> None:
            self.pairs = pairs
            self._fill()
            if then is not None:
                then()

        Op(self.ctx.tasks, work, parent=self).on_success(done).start()

    def shown_pairs(self) -> list[repo.NikPair]:
        v = self.village_filter
        return [p for p in self.pairs if not v or v in (p.village_a, p.village_b)]

    def _village(self, code: str) -> str:
        return f"{reference.region_name(code) or ''} ({code})"

    def _status(self, status: str) -> str:
        return label(MIGRANT_STATUS_SHORT, status)

    def _fill(self) -> None:
        pairs = self.shown_pairs()
        check = {"baru": self.tr("to check"), "diperiksa": self.tr("checked"),
                 "": self.tr("to check")}
        self.model.set_rows([
            (p.nik, self._village(p.village_a), p.name_a, self._status(p.status_a),
             self._village(p.village_b), p.name_b, self._status(p.status_b),
             common.fmt_date(p.first_seen), check.get(p.flag_status, p.flag_status))
            for p in pairs], [f"{p.resident_a}:{p.resident_b}" for p in pairs])
        if pairs:
            self.table.resizeColumnsToContents()
        self.checked_button.setEnabled(bool(pairs))
        self.all_button.setVisible(bool(self.village_filter))

    def mark_checked(self) -> None:
        from app.core.services.nik_pairs import mark_pair_checked

        row = self.table.currentIndex().row()
        pairs = self.shown_pairs()
        if not 0 <= row < len(pairs):
            self.notice.show_message(self.tr("Select a pair first."), "info")
            return
        with self.ctx.write() as s:
            mark_pair_checked(s, pairs[row], operator=self.ctx.operator)
        self.refresh(then=lambda: self.table.selectRow(row))
        self.notice.show_message(self.tr("Marked as checked."), "ok")
        self.ctx.notify_changed("nik_flag")
