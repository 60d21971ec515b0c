"""Beranda: the village at a glance.

Number tiles (residents by status, overdue returns, open cases, no news), a bar chart of
departures and returns per month, destination countries of the PMI abroad now, and the
procedural / suspected non-procedural split; below, the lists behind three of the numbers.
Every number leads to its list: a tile or a bar switches to the matching view with a filter
(``ctx.show_view``), or opens the list on this page. The figures come from
:mod:`app.core.repo.dashboard` (definitions there), read on the DB worker thread.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core import formatting
from app.core.repo import dashboard as dash
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.tablemodels.rows import RowsModel
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
from app.ui.widgets.tables import fit_columns, setup_table

STATUS_TILES = ("calon_pmi", "pmi", "purna_pmi")


class ChildrenModel(RowsModel):
    """The children list: a child without carer is shown in bold dark red."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._flagged: list[bool] = []

    def set_flagged(self, flagged: list[bool]) -> None:
        self._flagged = list(flagged)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    def is_flagged(self, row: int) -> bool:
        return row < len(self._flagged) and self._flagged[row]

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN001
        if index.isValid() and self.is_flagged(index.row()):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#A50F15")
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)


def fmt_date(value: date | None) -> str:
    return formatting.date_text(value)


class NumberTile(QFrame):
    """A big number with a caption; click, Enter or Space activates it."""

    clicked = Signal()

    def __init__(self, key: str, accent: str = "#0072B2", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"tile_{key}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"NumberTile {{ background: white; border: 1px solid #cfd6de; "
            f"border-left: 5px solid {accent}; border-radius: 4px; }}"
            f"NumberTile:focus {{ border: 2px solid #F0B400; border-left: 5px solid {accent}; }}")
        self.number = QLabel("–")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setStyleSheet(f"color: {accent}; border: none;")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("border: none; color: #333;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(0)
        self.number.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.number)
        layout.addWidget(self.caption, 1)  # any extra height goes to the caption's lines
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # room for a caption of three lines: at 1366 px the ten tiles wrap their captions,
        # and a fixed height from the one-line size hint cut them off
        lines = self.caption.fontMetrics().lineSpacing() * 3
        self._base_height = self.number.sizeHint().height() + lines + 16
        self.setMinimumHeight(self._base_height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """A caption that needs a fourth line at this width ("Calon pekerja migran (CPMI)"
        in a narrow tile, a longer language) makes the tile taller instead of being cut."""
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_caption)  # after this resize, not inside it

    def _fit_caption(self) -> None:
        width = self.caption.width()
        if width <= 0:
            return
        needed = (self.number.sizeHint().height() + self.caption.heightForWidth(width)
                  + self.layout().contentsMargins().top()
                  + self.layout().contentsMargins().bottom() + 4)
        self._needed = max(self._base_height, needed)
        # the tiles of a row keep one height: the tallest caption's
        row = [t for t in (self.parentWidget().findChildren(NumberTile)
                           if self.parentWidget() is not None else [self])
               if t.parentWidget() is self.parentWidget()]
        height = max(getattr(t, "_needed", t._base_height) for t in row)
        for tile in row:
            if height != tile.minimumHeight():
                tile.setMinimumHeight(height)

    def set_value(self, value: int, locale: QLocale | None = None) -> None:
        self.number.setText((locale or QLocale(QLocale.Language.Indonesian)).toString(value))
        self._update_accessible()

    def set_caption(self, text: str, tip: str = "") -> None:
        self.caption.setText(text)
        self._fit_caption()
        self.setToolTip(tip)
        self._update_accessible()

    def _update_accessible(self) -> None:
        self.setAccessibleName(f"{self.caption.text()}: {self.number.text()}")

    def value_text(self) -> str:
        return self.number.text()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class DashboardView(Retranslating, QWidget):
    """Beranda. Filters (``apply_filter``): ``list="overdue" | "open_cases" | "no_news"``
    opens that list on this page; ``no_news_months=N``."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("DashboardView")
        self.data: dash.DashboardData | None = None
        self._loading = False
        self._pending = False

        self.title = QLabel()
        tf = QFont(self.font())
        tf.setPointSizeF(tf.pointSizeF() * 1.35)
        tf.setBold(True)
        self.title.setFont(tf)
        self.updated = QLabel()
        self.updated.setStyleSheet("color: #555;")
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.print_button = QPushButton()
        self.print_menu = QMenu(self)
        self.print_register_action = self.print_menu.addAction("")
        self.print_recap_action = self.print_menu.addAction("")
        self.print_register_action.triggered.connect(lambda: self._print("register"))
        self.print_recap_action.triggered.connect(lambda: self._print("recap"))
        self.print_yearly_action = self.print_menu.addAction("")  # Pasal 42 yearly report
        self.print_yearly_action.triggered.connect(lambda: self._print("yearly"))
        self.print_button.setMenu(self.print_menu)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addSpacing(12)
        head.addWidget(self.updated, 1)
        head.addWidget(self.print_button)
        head.addWidget(self.refresh_button)

        # -- tiles
        self.tiles: dict[str, NumberTile] = {
            "residents": NumberTile("residents", "#555555"),
            "calon_pmi": NumberTile("calon_pmi", "#56B4E9"),
            "pmi": NumberTile("pmi", "#0072B2"),
            "purna_pmi": NumberTile("purna_pmi", "#009E73"),
            "overdue": NumberTile("overdue", "#D55E00"),
            "no_news": NumberTile("no_news", "#CC79A7"),
            "open_cases": NumberTile("open_cases", "#B8860B"),
            "prevented": NumberTile("prevented", "#117733"),
            "flagged": NumberTile("flagged", "#AA3377"),
            "no_carer": NumberTile("no_carer", "#C0392B"),
        }
        tiles = QHBoxLayout()
        tiles.setSpacing(8)
        for key, tile in self.tiles.items():
            tiles.addWidget(tile)
            tile.clicked.connect(lambda k=key: self.activate_tile(k))

        # -- charts
        self.months_chart = MonthBarChart()
        self.months_chart.setObjectName("months_chart")
        self.months_chart.activated.connect(self._month_activated)
        self.countries_chart = HBarChart()
        self.countries_chart.setObjectName("countries_chart")
        self.countries_chart.activated.connect(self._country_activated)
        self.procedure_bar = SplitBar()
        self.procedure_bar.setObjectName("procedure_bar")
        self.procedure_bar.activated.connect(self._procedure_activated)
        self.months_box = QGroupBox()
        QVBoxLayout(self.months_box).addWidget(self.months_chart)
        self.countries_box = QGroupBox()
        QVBoxLayout(self.countries_box).addWidget(self.countries_chart)
        self.procedure_box = QGroupBox()
        QVBoxLayout(self.procedure_box).addWidget(self.procedure_bar)
        for box in (self.months_box, self.countries_box, self.procedure_box):
            box.layout().setContentsMargins(8, 4, 8, 6)

        # -- lists
        self.tabs = QTabWidget()
        self.overdue_model = RowsModel([], self, numeric=(3,))
        self.cases_model = RowsModel([], self)
        self.no_news_model = RowsModel([], self)
        self.overdue_table = self._table(self.overdue_model, "overdue_table")
        self.cases_table = self._table(self.cases_model, "open_cases_table")
        self.no_news_table = self._table(self.no_news_model, "no_news_table")
        self.lapor_model = RowsModel([], self)
        self.lapor_table = self._table(self.lapor_model, "no_lapor_diri_table")
        self.no_news_months = QSpinBox()
        self.no_news_months.setRange(1, 36)
        self.no_news_months.setValue(dash.DEFAULT_NO_NEWS_MONTHS)
        self.no_news_months.valueChanged.connect(lambda _v: self.refresh())
        self.no_news_label = QLabel()
        self.no_news_label.setBuddy(self.no_news_months)
        no_news_page = QWidget()
        nl = QVBoxLayout(no_news_page)
        nl.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.no_news_label)
        row.addWidget(self.no_news_months)
        row.addStretch(1)
        nl.addLayout(row)
        nl.addWidget(self.no_news_table)
        self.tabs.addTab(self.overdue_table, "")
        self.tabs.addTab(no_news_page, "")
        self.tabs.addTab(self.cases_table, "")
        self.tabs.addTab(self.lapor_table, "")
        # children of migrants (issue 9): those without carer first and marked
        self.children_model = ChildrenModel([], self, numeric=(1,))
        self.children_table = self._table(self.children_model, "children_table")
        self.children_excel_button = QPushButton()
        self.children_excel_button.setObjectName("children_excel_button")
        self.children_excel_button.clicked.connect(self.save_children_list)
        self.children_note = QLabel()
        self.children_note.setWordWrap(True)
        children_page = QWidget()
        cl = QVBoxLayout(children_page)
        cl.setContentsMargins(0, 4, 0, 0)
        crow = QHBoxLayout()
        crow.addWidget(self.children_note, 1)
        crow.addWidget(self.children_excel_button)
        cl.addLayout(crow)
        cl.addWidget(self.children_table)
        self.tabs.addTab(children_page, "")
        self.list_pages = {"overdue": 0, "no_news": 1, "open_cases": 2, "no_lapor_diri": 3,
                           "children": 4, "no_carer": 4}
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        self.sheet_button = QPushButton()
        self.sheet_button.clicked.connect(self.print_selected_sheet)
        self.tabs.setCornerWidget(self._corner(), Qt.Corner.TopRightCorner)

        grid = QGridLayout()
        grid.setSpacing(8)
        grid.addWidget(self.months_box, 0, 0)
        grid.addWidget(self.countries_box, 0, 1, 2, 1)
        grid.addWidget(self.procedure_box, 1, 0)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(0, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addLayout(tiles)
        layout.addLayout(grid, 5)
        layout.addWidget(self.tabs, 4)

        ctx.language_changed.connect(lambda _l: self._show_data())
        self.retranslate()
        self.refresh()

    # -- building blocks ---------------------------------------------------------------------
    def _table(self, model: RowsModel, name: str) -> QTableView:
        view = QTableView()
        view.setModel(model)
        setup_table(view, name=name)
        view.doubleClicked.connect(lambda _i: self.open_selected())
        view.activated.connect(lambda _i: self.open_selected())
        return view

    def _corner(self) -> QWidget:
        w = QWidget()
        row = QHBoxLayout(w)
        row.setContentsMargins(0, 0, 0, 2)
        row.addWidget(self.sheet_button)
        row.addWidget(self.open_button)
        return w

    # -- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        office = self.ctx.office
        if office.is_p4mi:
            self.title.setText(self.tr("Home: {name}").format(name=office.name))
        else:
            self.title.setText(self.tr("Home: Village {name}").format(name=office.name))
        self.refresh_button.setText(self.tr("&Reload"))
        self.refresh_button.setToolTip(self.tr("Read the figures again (F5)"))
        self.print_button.setText(self.tr("&Print"))
        self.print_register_action.setText(self.tr("Village migrant worker register (PDF)..."))
        self.print_recap_action.setText(self.tr("Monthly recap (PDF)..."))
        self.print_yearly_action.setText(self.tr("Yearly report, Pasal 42 (PDF)..."))
        tips = self.tr("Click to see the list")
        captions = {
            "residents": self.tr("Residents recorded"),
            "calon_pmi": self.tr("Prospective migrant workers (CPMI)"),
            "pmi": self.tr("Migrant workers abroad now (PMI)"),
            "purna_pmi": self.tr("Returned migrant workers"),
            "overdue": self.tr("Past expected return"),
            "no_news": self.tr("No news for {n} months").format(n=self.no_news_months.value()),
            "open_cases": self.tr("Open cases"),
            "prevented": self.tr("Departures prevented"),
            "flagged": self.tr("Open with red flags"),
            "no_carer": self.tr("Children without carer"),
        }
        for key, tile in self.tiles.items():
            tile.set_caption(captions[key], tips)
        self.months_box.setTitle(self.tr("Departures and returns per month"))
        self.countries_box.setTitle(self.tr("Destination countries of the PMI abroad now"))
        self.procedure_box.setTitle(self.tr("PMI abroad now: procedural or not"))
        empty = self.tr("No data yet")
        for chart in (self.months_chart, self.countries_chart, self.procedure_bar):
            chart.empty_text = empty
        self.no_news_label.setText(self.tr("&No news for more than"))
        self.no_news_months.setSuffix(self.tr(" months"))
        self.open_button.setText(self.tr("&Open resident"))
        self.sheet_button.setText(self.tr("Print &sheet"))
        self.overdue_model.set_headers([self.tr("Name"), self.tr("NIK"),
                                        self.tr("Expected return"), self.tr("Days late"),
                                        self.tr("Country")])
        self.no_news_model.set_headers([self.tr("Name"), self.tr("NIK"), self.tr("Departed"),
                                        self.tr("Last news"), self.tr("Country")])
        self.lapor_model.set_headers([self.tr("Name"), self.tr("NIK"), self.tr("Departed"),
                                      self.tr("Country")])
        self.children_model.set_headers([
            self.tr("Child"), self.tr("Age"), self.tr("Schooling"),
            self.tr("Migrant parent(s)"), self.tr("Where the parent is"), self.tr("Carer")])
        self.children_excel_button.setText(self.tr("Save list as E&xcel..."))
        self.children_note.setText(self.tr(
            "Own children under 18 of CPMI and of PMI, from the family cards and the "
            "family-left-behind entries. A child marked NO CARER has no carer recorded: "
            "open the parent and record one."))
        self.cases_model.set_headers([self.tr("Reported"), self.tr("Name"),
                                      self.tr("Case type"), self.tr("Referred to"),
                                      self.tr("Status")])
        self._show_data()

    # -- data --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the figures again on the DB worker thread."""
        from app.ui.tasks import Op

        if self._loading:
            self._pending = True  # read again when the current read is done
            return
        self._loading = True
        self._pending = False
        months = self.no_news_months.value()
        db = self.ctx.db

        def work(_progress, _cancel) -> dash.DashboardData:
            with db.session() as s:
                return dash.load_dashboard(s, date.today(), months=12, no_news_months=months)

        def done(data: dash.DashboardData) -> None:
            self._loading = False
            self.data = data
            self._loaded_at = datetime.now()
            self._show_data()
            self.loaded.emit()
            if self._pending:
                self.refresh()

        def failed(exc: BaseException) -> None:
            self._loading = False
            from app.ui.errors import show_error

            show_error(self, exc)

        Op(self.ctx.tasks, work, parent=self).on_success(done).on_failure(failed).start()

    def _show_data(self) -> None:
        d = self.data
        if d is None:
            return
        lang = self.ctx.language
        locale = QLocale(QLocale.Language.English if lang == "en"
                         else QLocale.Language.Indonesian)
        self.updated.setText(self.tr("Figures of {date} {time}").format(
            date=fmt_date(d.today), time=self._loaded_at.strftime("%H:%M")))
        self.tiles["residents"].set_value(d.residents_total, locale)
        for key in STATUS_TILES:
            self.tiles[key].set_value(d.status_counts[key], locale)
        # one definition of "PMI abroad" (repo.dashboard.abroad_episodes), like the charts
        self.tiles["pmi"].set_value(d.abroad_now, locale)
        self.tiles["prevented"].set_value(d.prevented_total, locale)
        self.tiles["flagged"].set_value(d.flagged_open, locale)
        self.tiles["flagged"].setToolTip(self.tr(
            "{high} with a high-severity flag; {abroad} PMI abroad have a flag. Click to see "
            "the list").format(high=d.flagged_high, abroad=d.flagged_departed))
        self.tiles["overdue"].set_value(d.overdue_count, locale)
        self.tiles["no_news"].set_value(d.no_news_count, locale)
        self.tiles["open_cases"].set_value(d.open_cases_count, locale)
        self.tiles["no_news"].set_caption(
            self.tr("No news for {n} months").format(n=d.no_news_months),
            self.tiles["no_news"].toolTip())

        keys = [f"{m.year:04d}-{m.month:02d}" for m in d.months]
        labels = [f"{locale.monthName(m.month, QLocale.FormatType.ShortFormat)}\n{m.year % 100:02d}"
                  for m in d.months]
        self.months_chart.set_data(keys, labels, [
            Series(self.tr("Departures"), BLUE, tuple(m.departures for m in d.months),
                   "departed_month"),
            Series(self.tr("Returns"), GREEN, tuple(m.returns for m in d.months),
                   "returned_month"),
        ])
        self.countries_chart.set_items([
            Item(code, self.ctx.ref_label("countries", code) if code
                 else self.tr("Not recorded"), n, BLUE)
            for code, n in d.countries
        ])
        proc_labels = {
            "prosedural": (self.tr("Procedural"), GREEN),
            "diduga_nonprosedural": (self.tr("Suspected non-procedural"), ORANGE),
            "belum_diketahui": (self.tr("Not known"), GREY),
        }
        self.procedure_bar.set_items([
            Item(k, proc_labels[k][0], d.procedure_counts[k], proc_labels[k][1])
            for k in dash.PROCEDURE_ORDER
        ])

        def country(code: str) -> str:
            return self.ctx.ref_label("countries", code) if code else "-"

        self.overdue_model.set_rows(
            [(r.name, r.nik, fmt_date(r.expected_return), str(r.days_overdue),
              country(r.country)) for r in d.overdue],
            [r.resident_id for r in d.overdue])
        self.no_news_model.set_rows(
            [(r.name, r.nik, fmt_date(r.departed_on),
              fmt_date(r.last_contact) or self.tr("never"), country(r.country))
             for r in d.no_news],
            [r.resident_id for r in d.no_news])
        self.lapor_model.set_rows(
            [(r.name, r.nik, fmt_date(r.departed_on), country(r.country))
             for r in d.no_lapor_diri],
            [r.resident_id for r in d.no_lapor_diri])
        no_carer = self.tr("NO CARER")
        parent_home = self.tr("{names} (parent at home)")
        self.children_model.set_rows(
            [(c.name, "" if c.age is None else str(c.age),
              self.ctx.ref_label("education", c.education) if c.education else "",
              ", ".join(p.name for p in c.parents), self._where(c),
              no_carer if c.without_carer else (
                  parent_home.format(names=", ".join(c.carers)) if c.carer_is_parent
                  else ", ".join(c.carers)))
             for c in d.children],
            [c.open_key for c in d.children])
        self.children_model.set_flagged([c.without_carer for c in d.children])
        self.tiles["no_carer"].set_value(d.children_no_carer, locale)
        self.tiles["no_carer"].setToolTip(self.tr(
            "{n} children of migrants, {m} of them without carer. Click to see the "
            "list").format(n=len(d.children), m=d.children_no_carer))
        status_names = {"baru": self.tr("New"), "diproses": self.tr("In progress")}
        self.cases_model.set_rows(
            [(fmt_date(r.reported_on), r.name,
              self.tr("Confidential") if r.sensitive else self.ctx.ref_label("case_types",
                                                                             r.case_type),
              self.ctx.ref_label("referrals", r.referral) if r.referral else "",
              status_names.get(r.status, r.status)) for r in d.open_cases],
            [r.resident_id for r in d.open_cases])
        self.tabs.setTabText(0, self.tr("Past expected return ({n})").format(n=d.overdue_count))
        self.tabs.setTabText(1, self.tr("No news ({n})").format(n=d.no_news_count))
        self.tabs.setTabText(2, self.tr("Open cases ({n})").format(n=d.open_cases_count))
        self.tabs.setTabText(3, self.tr("No lapor diri ({n})").format(n=d.no_lapor_diri_count))
        self.tabs.setTabText(4, self.tr("Children of migrants ({n}, {m} without carer)").format(
            n=len(d.children), m=d.children_no_carer))
        for table in (self.overdue_table, self.no_news_table, self.cases_table,
                      self.lapor_table, self.children_table):
            fit_columns(table, minimum=110)

    # -- click-through -----------------------------------------------------------------------
    def activate_tile(self, key: str) -> None:
        if key == "residents":
            self.ctx.show_view("penduduk")
        elif key == "pmi":  # PMI abroad now: the episodes the charts count
            self.ctx.show_view("migrasi", state="berangkat")
        elif key in STATUS_TILES:
            self.ctx.show_view("penduduk", status=key)
        elif key == "open_cases":
            self.ctx.show_view("kasus", status="open")
        elif key == "prevented":
            self.ctx.show_view("migrasi", state="dicegah")
        elif key == "flagged":
            self.ctx.show_view("migrasi", state="open", flags="ada")
        else:
            self.apply_filter(list=key)

    def _month_activated(self, key: str) -> None:
        which, _, month = key.partition(":")  # "departed_month:2026-05"
        self.ctx.show_view("migrasi", **{which: month})

    def _country_activated(self, code: str) -> None:
        if code:
            self.ctx.show_view("penduduk", status="pmi", country=code)
        else:  # PMI whose country is not recorded: the migration list shows them
            self.ctx.show_view("migrasi", state="berangkat")

    def _procedure_activated(self, procedure: str) -> None:
        self.ctx.show_view("migrasi", state="berangkat", procedure=procedure)

    def apply_filter(self, **filters: object) -> None:
        months = filters.get("no_news_months")
        if isinstance(months, int):
            self.no_news_months.setValue(months)
        page = self.list_pages.get(str(filters.get("list", "")))
        if page is not None:
            self.tabs.setCurrentIndex(page)
            table = self.current_table()
            table.setFocus()
            if table.model().rowCount() and not table.selectionModel().hasSelection():
                table.selectRow(0)

    def current_table(self) -> QTableView:
        return [self.overdue_table, self.no_news_table, self.cases_table, self.lapor_table,
                self.children_table][self.tabs.currentIndex()]

    def _where(self, child) -> str:
        """Where the migrant parents of a child are: "PMI, Hong Kong" or "CPMI"."""
        parts = []
        for p in child.parents:
            if p.migrant_status == "pmi":
                place = (self.ctx.ref_label("countries", p.country) if p.country
                         else self.tr("country not recorded"))
                parts.append(self.tr("PMI, {place}").format(place=place))
            else:
                parts.append(self.tr("CPMI, {place}").format(
                    place=self.ctx.ref_label("countries", p.country)) if p.country
                    else self.tr("CPMI"))
        return "; ".join(parts)

    def save_children_list(self) -> None:
        """The children of migrants as an Excel workbook, through the safe table writer."""
        from PySide6.QtWidgets import QFileDialog

        from app.core.reports.children import write_children_list
        from app.ui.feedback import show_status

        if self.data is None:
            return
        suggested = f"anak-pmi-{self.data.today:%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the list of children of migrants"), suggested,
            self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        data = self.data
        try:
            write_children_list(Path(path), data.children, self.ctx.office.name, data.today,
                                self.ctx.language)
        except Exception as exc:  # noqa: BLE001 - shown to the person, nothing written
            from app.ui.errors import show_error

            show_error(self, exc)
            return
        show_status(self, self.tr("List saved: {path}").format(path=path))

    def selected_resident(self) -> str | None:
        table = self.current_table()
        rows = table.selectionModel().selectedRows()
        if not rows:
            return None
        return table.model().key(rows[0].row())

    def open_selected(self) -> None:
        rid = self.selected_resident()
        if rid:
            self.ctx.open_resident(rid)

    def print_selected_sheet(self) -> None:
        from app.ui.printing.dialog import print_person_sheet

        rid = self.selected_resident()
        if rid:
            print_person_sheet(self.ctx, rid, self)

    def _print(self, which: str) -> None:
        from app.ui.printing.dialog import PrintDialog

        PrintDialog.run(self.ctx, which, self)
