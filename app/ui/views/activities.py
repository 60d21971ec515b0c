"""Kegiatan: information sessions (sosialisasi) and empowerment trainings with participants.

UU 18/2017 Pasal 42 ayat (1) a and e: the village passes on job and safe-migration information
and empowers CPMI, PMI and their families. The list shows each activity with its number of
participants; the pane beside it lists the participants (residents with NIK and status, or
names of people from outside the register).

Filters (``apply_filter``): ``year=2026``, ``kind=code``, ``activity_id=id`` (select it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.repo.activities import ActivityRow, activity_years, list_activities, participants
from app.ui.context import AppContext
from app.ui.dialogs.activity_form import ActivityDialog
from app.ui.dialogs.activity_participants import ParticipantsDialog
from app.ui.dialogs.case_form import fill_codes
from app.ui.i18n import Retranslating
from app.ui.tablemodels.rows import RowsModel
from app.ui.widgets.tables import select_key, selected_key, set_widths, setup_table


def _table(name: str, model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    return setup_table(view, name=name, multi_select=True)


class ActivitiesView(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ActivitiesView")
        self.rows: list[ActivityRow] = []

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.year = QComboBox()
        self.year.setObjectName("year_filter")
        self.kind = QComboBox()
        self.kind.setObjectName("kind_filter")
        self.new_button = QPushButton()
        self.new_button.setObjectName("new_activity")
        self.new_button.clicked.connect(self.new_activity)
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self.edit_activity)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_activity)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self.timer.start())

        self.model = RowsModel([], self, numeric=(3,))
        self.table = _table("activities_table", self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_people())
        self.table.doubleClicked.connect(lambda _i: self.edit_activity())

        self.people_title = QLabel()
        self.people_title.setWordWrap(True)
        self.people_model = RowsModel([], self)
        self.people = _table("participants_table", self.people_model)
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.people.doubleClicked.connect(lambda _i: self.open_person())
        self.add_button = QPushButton()
        self.add_button.setObjectName("add_participants")
        self.add_button.clicked.connect(self.add_participants)
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("remove_participants")
        self.remove_button.clicked.connect(self.remove_participants)
        self.person_button = QPushButton()
        self.person_button.clicked.connect(self.open_person)

        top = QHBoxLayout()
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        top.addWidget(self.search_label)
        top.addWidget(self.search, 2)
        top.addWidget(self.year, 1)
        top.addWidget(self.kind, 2)
        top.addStretch(0)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.people_title)
        rl.addWidget(self.people, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.person_button)
        rl.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setSizes([640, 540])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self.retranslate()
        fill_codes(self.kind, ctx, "activity_kinds", empty=self.tr("All kinds"))
        self._fill_years()
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    # -- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.search_label.setText(self.tr("&Search"))
        self.search.setPlaceholderText(self.tr("Title or place"))
        if self.year.count():
            self.year.setItemText(0, self.tr("All years"))
        self.new_button.setText(self.tr("&New activity..."))
        self.edit_button.setText(self.tr("&Change..."))
        self.delete_button.setText(self.tr("&Delete"))
        self.add_button.setText(self.tr("&Add participants..."))
        self.remove_button.setText(self.tr("&Remove from list"))
        self.person_button.setText(self.tr("Open &person"))
        self.model.set_headers([self.tr("Date"), self.tr("Kind"), self.tr("Title"),
                                self.tr("Participants"), self.tr("Place")])
        self.people_model.set_headers([self.tr("Name"), self.tr("NIK"), self.tr("Dusun"),
                                       self.tr("Status")])
        self._fill()
        self._show_people()

    def _fill_years(self) -> None:
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(self.tr("All years"), None)
        with self.ctx.db.session() as s:
            for y in activity_years(s):
                self.year.addItem(str(y), y)
        self.year.setCurrentIndex(max(0, self.year.findData(current)))
        self.year.blockSignals(False)

    # -- data --------------------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.selected_id()
        with self.ctx.db.session() as s:
            self.rows = list_activities(s, year=self.year.currentData(),
                                        kind=self.kind.currentData() or "",
                                        search=self.search.text())
        self._fill()
        if keep:
            self.select_activity(keep)
        self._show_people()

    def _fill(self) -> None:
        self.model.set_rows(
            [(r.held_on.strftime("%d/%m/%Y"), self.ctx.ref_label("activity_kinds", r.kind),
              r.title, str(r.participants), r.place) for r in self.rows],
            [r.id for r in self.rows])
        date_w = self.table.fontMetrics().horizontalAdvance("00/00/0000") + 18
        set_widths(self.table, (date_w, 160, 190, 70))

    def selected_id(self) -> str | None:
        return selected_key(self.table)

    def selected_row(self) -> ActivityRow | None:
        aid = self.selected_id()
        return next((r for r in self.rows if r.id == aid), None)

    def select_activity(self, activity_id: str) -> bool:
        return select_key(self.table, activity_id)

    def _show_people(self) -> None:
        row = self.selected_row()
        for b in (self.edit_button, self.delete_button, self.add_button,
                  self.remove_button, self.person_button):
            b.setEnabled(row is not None)
        if row is None:
            self.people_title.setText(self.tr("Choose an activity to see its participants."))
            self.people_model.set_rows([], [])
            return
        with self.ctx.db.session() as s:
            people = participants(s, row.id)
        self.people_title.setText(self.tr("{title}, {date}: {n} participants").format(
            title=row.title, date=row.held_on.strftime("%d/%m/%Y"), n=len(people)))
        statuses = {"calon_pmi": self.tr("Prospective PMI"), "pmi": self.tr("PMI abroad"),
                    "purna_pmi": self.tr("Returned PMI"), "bukan": self.tr("Not a migrant")}
        self.people_model.set_rows(
            [(p.name, p.nik, p.dusun,
              statuses.get(p.migrant_status, "") if p.resident_id
              else self.tr("not in the register")) for p in people],
            [p.id for p in people])
        self._people = {p.id: p for p in people}
        nik_w = self.people.fontMetrics().horizontalAdvance("0" * 16) + 18
        set_widths(self.people, (170, nik_w, 100))

    # -- actions -----------------------------------------------------------------------------
    def new_activity(self) -> None:
        aid = ActivityDialog.create(self.ctx, self)
        if aid:
            self._fill_years()
            self.refresh()
            self.select_activity(aid)

    def edit_activity(self) -> None:
        row = self.selected_row()
        if row and ActivityDialog.edit(self.ctx, row.id, self):
            self._fill_years()
            self.refresh()

    def delete_activity(self) -> None:
        from app.core.services.community import delete_activity

        row = self.selected_row()
        if row is None or not self.confirm(self.tr(
                "Delete the activity \u201c{title}\u201d and its list of participants?").format(
                title=row.title)):
            return
        with self.ctx.write() as s:
            delete_activity(s, row.id)
        self.ctx.notify_changed("activity")
        self.refresh()

    def add_participants(self) -> None:
        row = self.selected_row()
        if row and ParticipantsDialog.ask(self.ctx, row.id, self):
            self.refresh()

    def selected_participants(self) -> list[str]:
        return [self.people_model.key(i.row())
                for i in self.people.selectionModel().selectedRows()]

    def remove_participants(self) -> None:
        from app.core.services.community import remove_participant

        ids = self.selected_participants()
        if not ids or not self.confirm(self.tr("Remove {n} participant(s) from the list?")
                                       .format(n=len(ids))):
            return
        with self.ctx.write() as s:
            for pid in ids:
                remove_participant(s, pid)
        self.ctx.notify_changed("activity")
        self.refresh()

    def open_person(self) -> None:
        ids = self.selected_participants()
        people = getattr(self, "_people", {})
        if ids and people.get(ids[0]) and people[ids[0]].resident_id:
            self.ctx.open_resident(people[ids[0]].resident_id)

    def confirm(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Please confirm"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Yes"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("No"))
        return box.exec() == QMessageBox.StandardButton.Yes

    def apply_filter(self, **filters: object) -> None:
        if "year" in filters:
            self.year.setCurrentIndex(max(0, self.year.findData(filters["year"])))
        if "kind" in filters:
            self.kind.setCurrentIndex(max(0, self.kind.findData(filters["kind"] or "")))
        self.refresh()
        if filters.get("activity_id"):
            self.select_activity(str(filters["activity_id"]))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
