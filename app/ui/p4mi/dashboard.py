"""Beranda kabupaten (P4MI): the regency at a glance.

Tiles (villages reporting, residents, CPMI, PMI abroad, purna, same-NIK pairs, villages
silent for more than 45 days), departures and returns per month, destination countries of the
PMI abroad now, procedural vs suspected non-procedural, and a table per village. Figures come
from :func:`app.core.repo.p4mi.load_regency_dashboard` (definitions in
:mod:`app.core.repo.dashboard` and :mod:`app.core.repo.p4mi`), read on the DB worker thread.
A tile or a village row leads to the matching page (villages, same NIK).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.repo import dashboard as dash
from app.core.repo import p4mi as repo
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.p4mi import common
from app.ui.tablemodels.rows import RowsModel
from app.ui.views.dashboard import NumberTile as Tile
from app.ui.widgets.charts import (
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    HBarChart,
    Item,
    MonthBarChart,
    Series,
    SplitBar,
)

TILES = (
    ("villages", "#555555", "desa", {"show": "sent"}),
    ("residents", "#555555", "desa", {}),
    ("calon_pmi", "#56B4E9", "desa", {}),
    ("pmi", "#0072B2", "desa", {}),
    ("purna_pmi", "#009E73", "desa", {}),
    ("nik", "#D55E00", "nik", {}),
    ("silent", "#CC79A7", "desa", {"show": "sent"}),
)


class RegencyDashboardView(Retranslating, QWidget):
    """Beranda kabupaten. Filters: none."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("RegencyDashboardView")
        self.data: repo.RegencyDashboard | None = None
        self._loaded_at = datetime.now()
        self.title = QLabel()
        self.title.setFont(common.title_font(self))
        self.updated = QLabel()
        self.updated.setStyleSheet("color: #555;")
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addSpacing(12)
        head.addWidget(self.updated, 1)
        head.addWidget(self.refresh_button)

        self.tiles: dict[str, Tile] = {}
        tiles = QHBoxLayout()
        tiles.setSpacing(8)
        for key, accent, view, filters in TILES:
            tile = Tile(key, accent)
            tile.clicked.connect(lambda v=view, f=filters: self.ctx.show_view(v, **f))
            self.tiles[key] = tile
            tiles.addWidget(tile)

        self.months_chart = MonthBarChart()
        self.months_chart.setObjectName("months_chart")
        self.countries_chart = HBarChart()
        self.countries_chart.setObjectName("countries_chart")
        self.procedure_bar = SplitBar()
        self.procedure_bar.setObjectName("procedure_bar")
        self.months_box = QGroupBox()
        QVBoxLayout(self.months_box).addWidget(self.months_chart)
        self.countries_box = QGroupBox()
        QVBoxLayout(self.countries_box).addWidget(self.countries_chart)
        self.procedure_box = QGroupBox()
        QVBoxLayout(self.procedure_box).addWidget(self.procedure_bar)
        self.village_box = QGroupBox()
        self.village_model = RowsModel([], self, numeric=(1, 2, 3, 4, 5))
        self.village_table = common.make_table(self.village_model)
        self.village_table.setObjectName("village_table")
        self.village_table.doubleClicked.connect(self._open_village)
        self.village_table.activated.connect(self._open_village)
        QVBoxLayout(self.village_box).addWidget(self.village_table)
        for box in (self.months_box, self.countries_box, self.procedure_box, self.village_box):
            box.layout().setContentsMargins(6, 4, 6, 6)

        self.procedure_box.setMaximumHeight(110)
        left = QVBoxLayout()
        left.addWidget(self.months_box, 1)
        left.addWidget(self.procedure_box)
        right = QVBoxLayout()
        right.addWidget(self.countries_box, 1)
        right.addWidget(self.village_box, 1)
        grid = QHBoxLayout()
        grid.addLayout(left, 3)
        grid.addLayout(right, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(tiles)
        layout.addLayout(grid, 1)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Regency at a glance"))
        self.refresh_button.setText(self.tr("Refresh"))
        captions = {
            "villages": self.tr("Villages that sent bundles"),
            "residents": self.tr("Residents recorded"),
            "calon_pmi": self.tr("Prospective migrant workers (CPMI)"),
            "pmi": self.tr("Migrant workers abroad (PMI)"),
            "purna_pmi": self.tr("Returned (purna PMI)"),
            "nik": self.tr("Same NIK in two villages"),
            "silent": self.tr("Villages silent for over {n} days").format(n=repo.SILENT_DAYS),
        }
        for key, text in captions.items():
            self.tiles[key].caption.setText(text)
        self.months_box.setTitle(self.tr("Departures and returns per month"))
        self.countries_box.setTitle(self.tr("Destination countries of PMI abroad now"))
        self.procedure_box.setTitle(self.tr("PMI abroad now: procedural or not"))
        self.village_box.setTitle(self.tr("Per village"))
        self.village_model.set_headers([self.tr("Village"), self.tr("Residents"),
                                        self.tr("CPMI"), self.tr("PMI"), self.tr("Purna"),
                                        self.tr("Days since bundle")])
        self._show()

    def refresh(self) -> None:
        from app.ui.tasks import Op

        db, code = self.ctx.db, self.ctx.office.code

        def work(_progress, _cancel):  # noqa: ANN001, ANN202
            with db.session() as s:
                return repo.load_regency_dashboard(s, code)

        def done(data: repo.RegencyDashboard) -> None:
            self.data = data
            self._loaded_at = datetime.now()
            self._show()

        Op(self.ctx.tasks, work, parent=self).on_success(done).start()

    def _show(self) -> None:
        d = self.data
        if d is None:
            return
        self.updated.setText(self.tr("Figures of {when}; {sent} of {total} villages.").format(
            when=self._loaded_at.strftime("%d/%m/%Y %H:%M"), sent=d.villages_reporting,
            total=d.villages_total))
        values = {"villages": d.villages_reporting, "residents": d.residents,
                  "calon_pmi": d.status["calon_pmi"], "pmi": d.status["pmi"],
                  "purna_pmi": d.status["purna_pmi"], "nik": d.nik_pairs,
                  "silent": d.silent_villages}
        for key, value in values.items():
            self.tiles[key].set_value(value)
        locale = QLocale(QLocale.Language.English if self.ctx.language == "en"
                         else QLocale.Language.Indonesian)
        keys = [f"{m.year:04d}-{m.month:02d}" for m in d.months]
        labels = [f"{locale.monthName(m.month, QLocale.FormatType.ShortFormat)}\n"
                  f"{m.year % 100:02d}" for m in d.months]
        self.months_chart.set_data(keys, labels, [
            Series(self.tr("Departures"), BLUE, tuple(m.departures for m in d.months), "dep"),
            Series(self.tr("Returns"), GREEN, tuple(m.returns for m in d.months), "ret"),
        ])
        self.countries_chart.set_items([
            Item(code, self.ctx.ref_label("countries", code) if code else self.tr("Not recorded"),
                 n, BLUE) for code, n in d.countries])
        proc = {"prosedural": (self.tr("Procedural"), GREEN),
                "diduga_nonprosedural": (self.tr("Suspected non-procedural"), ORANGE),
                "belum_diketahui": (self.tr("Not known"), GREY)}
        self.procedure_bar.set_items([Item(k, proc[k][0], d.procedure[k], proc[k][1])
                                      for k in dash.PROCEDURE_ORDER])
        rows = d.per_village
        self.village_model.set_rows([
            (v.name, common.number(v.residents), common.number(v.calon_pmi),
             common.number(v.pmi), common.number(v.purna_pmi),
             str(v.days_since(d.today)) if v.last_import else "") for v in rows],
            [v.code for v in rows])
        self.village_table.resizeColumnsToContents()

    def _open_village(self, index) -> None:  # noqa: ANN001
        if index.isValid():
            self.ctx.show_view("desa", village=self.village_model.key(index.row()))
