"""Penduduk: the resident list with search-as-you-type and filters, up to 200,000 rows.

``apply_filter`` understands ``text``, ``status`` (calon_pmi, pmi, purna_pmi, bukan),
``life_status`` (hidup, meninggal, pindah), ``dusun`` and ``country`` (ISO code).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import formatting
from app.core.repo.residents import ResidentFilter
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.labels import LIFE_STATUS, MIGRANT_STATUS, label
from app.ui.tablemodels.residents import ResidentTableModel
from app.ui.widgets.fit import keep_choice_whole
from app.ui.widgets.idtable import IdTableView

SEARCH_DELAY_MS = 250


class ResidentsView(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ResidentsView")
        self.model = ResidentTableModel(ctx.db, ctx.language, self)

        self.search = QLineEdit()
        self.search.setObjectName("resident_search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self.status = QComboBox()
        self.status.setObjectName("filter_status")
        self.life = QComboBox()
        self.life.setObjectName("filter_life")
        self.dusun = QComboBox()
        self.dusun.setObjectName("filter_dusun")
        self.country = QComboBox()
        self.country.setObjectName("filter_country")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clear_filters")
        self.new_button = QPushButton()
        self.new_button.setObjectName("new_resident")
        self.open_button = QPushButton()
        self.open_button.setObjectName("open_resident")
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("delete_resident")
        self.count_label = QLabel()
        self.count_label.setObjectName("resident_count")
        self.filter_label = QLabel()

        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.filter_label)
        for combo in (self.status, self.life, self.dusun, self.country):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            top.addWidget(keep_choice_whole(combo))
        top.addWidget(self.clear_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.delete_button)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.new_button)

        self.table = IdTableView()
        self.table.setObjectName("resident_table")
        self.table.setModel(self.model)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._apply)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._apply_now)
        for combo in (self.status, self.life, self.dusun, self.country):
            combo.currentIndexChanged.connect(lambda _i: self._apply())
        self.clear_button.clicked.connect(self.clear_filters)
        self.new_button.clicked.connect(self.new_resident)
        self.open_button.clicked.connect(self.open_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.table.activated_uuid.connect(ctx.open_resident)
        self.model.modelReset.connect(self._update_count)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_resident)

        self._loading = False
        self.retranslate()
        self._fill_choices()
        self.model.requery()
        # NIK and No. KK fit 16 digits; Nama takes the rest (no sideways scrollbar at 1366x768)
        self.table.set_column_widths({1: 140, 2: 140, 3: 40, 4: 100, 5: 110, 6: 70, 7: 140,
                                      8: 105, 9: 100}, stretch=0)
        # Build the in-memory search tables on the DB worker while the user looks around.
        from app.ui.tasks import Op

        Op(ctx.tasks, lambda _p, _c: self.model.index_cache.warm(), self).start()

    # -- texts ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search name or NIK / family card no. (Ctrl+F)"))
        self.filter_label.setText(self.tr("Filter"))
        self.clear_button.setText(self.tr("Clear filters"))
        self.new_button.setText(self.tr("&New resident"))
        self.open_button.setText(self.tr("&Open"))
        self.delete_button.setText(self.tr("Delete resident"))
        self.delete_button.setToolTip(self.tr(
            "Delete the selected person (village head only): personal data is erased and the "
            "deletion goes to P4MI"))
        self._fill_choices()
        self.model.retranslate(self.ctx.language)
        self._update_count()

    def _set_combo(self, combo: QComboBox, all_text: str,
                   items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, "")
        for code, text in items:
            combo.addItem(text, code)
        index = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    def _fill_choices(self) -> None:
        from app.core.repo.residents import destination_countries, dusun_names

        with self.ctx.db.session() as s:
            dusuns = dusun_names(s)
            countries = destination_countries(s)
        self._set_choices(dusuns, countries)

    def _set_choices(self, dusuns: list[str], countries: list[str]) -> None:
        from app.core.reference import ref_label

        self._set_combo(self.status, self.tr("All statuses"),
                        [(c, label(MIGRANT_STATUS, c)) for c in MIGRANT_STATUS])
        self._set_combo(self.life, self.tr("Alive, deceased, moved"),
                        [(c, label(LIFE_STATUS, c)) for c in LIFE_STATUS])
        self._set_combo(self.dusun, self.tr("All hamlets"), [(d, d) for d in dusuns])
        names = sorted(((c, ref_label("countries", c, self.ctx.language)) for c in countries),
                       key=lambda p: p[1])
        self._set_combo(self.country, self.tr("All countries"), names)

    # -- filtering -----------------------------------------------------------------------
    def current_filter(self) -> ResidentFilter:
        return ResidentFilter(
            text=self.search.text(),
            status=self.status.currentData() or "",
            life_status=self.life.currentData() or "",
            dusun=self.dusun.currentData() or "",
            country=self.country.currentData() or "",
        )

    def _apply(self) -> None:
        if self._loading:
            return
        self._timer.stop()
        f = self.current_filter()
        if f != self.model.filter:
            self.model.set_filter(f)

    def _apply_now(self) -> None:
        self._apply()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self.table.setFocus()

    def apply_filter(self, **filters: Any) -> None:
        self._loading = True
        try:
            self.search.setText(filters.get("text", ""))
            for combo, key in ((self.status, "status"), (self.life, "life_status"),
                               (self.dusun, "dusun"), (self.country, "country")):
                value = filters.get(key, "")
                index = combo.findData(value) if value else 0
                if index < 0:  # e.g. a country nobody went to: keep it selectable
                    combo.addItem(value, value)
                    index = combo.count() - 1
                combo.setCurrentIndex(index)
        finally:
            self._loading = False
        self._apply()

    def clear_filters(self) -> None:
        self.apply_filter()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{n} residents shown").format(
            n=formatting.number(self.model.rowCount(), self.ctx.language)))

    # -- actions -------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        """Data changed: read the hamlet and country choices and build a fresh search index
        with the new row order on the DB worker (about 0.3 s on the GUI thread at 200,000
        residents otherwise, see benchmarks/bench_gui_thread.py); the GUI thread only swaps
        them in. The filter and sort asked for meanwhile are applied when they arrive."""
        from app.core.repo.residents import ResidentIndex, destination_countries, dusun_names
        from app.ui.tasks import Op

        db, model = self.ctx.db, self.model
        old = model.index_cache  # the GUI keeps searching it until the new one arrives
        wanted = (model.filter, model.sort_key, model.descending)

        def work(_progress: Any, _cancel: Any) -> tuple[Any, list[str], list[str], Any]:
            with db.session() as s:
                dusuns, countries = dusun_names(s), destination_countries(s)
            # only the residents written since the old index was read are read again
            # (a full read when that cannot be told): 1-2 s at 200,000 residents otherwise
            index = old.updated() if isinstance(old, ResidentIndex) else ResidentIndex(
                db.session)
            index.warm()  # the next keystroke finds the name and number tables ready
            ids = index.search(*wanted)
            return index, dusuns, countries, ids

        Op(self.ctx.tasks, work, self).on_success(
            lambda r: self._refreshed(r[0], wanted, *r[1:])).start()

    def _refreshed(self, index: Any, wanted: tuple[Any, ...], dusuns: list[str],
                   countries: list[str], ids: Any) -> None:
        self._set_choices(dusuns, countries)
        self.model.index_cache = index
        if (self.model.filter, self.model.sort_key, self.model.descending) == wanted:
            self.model.set_ids(ids)
        else:  # the user changed the filter or the sort meanwhile
            self.model.requery()

    def open_current(self) -> None:
        uuid = self.table.current_uuid()
        if uuid:
            self.ctx.open_resident(uuid)

    def delete_current(self) -> None:
        """Delete the selected person after a typed confirmation (Permission.DELETE)."""
        from app.ui.dialogs.delete_resident import delete_person

        uuid = self.table.current_uuid()
        if uuid:
            delete_person(self.ctx, uuid, self)

    def new_resident(self) -> None:
        from app.ui.dialogs.resident import ResidentDialog

        ResidentDialog.open_new(self.ctx, self)
