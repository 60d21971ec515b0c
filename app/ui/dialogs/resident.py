"""The record of one resident: personal data with inline checks, family, migration, history.

Tabs: **Data pribadi** (the form: the service's checks run as you type; errors block saving,
warnings are explained and confirmed; a duplicate NIK shows the other person with a button to
open them), **Keluarga** (members of the same family card, children of a (C)PMI, family left
behind), **Migrasi** (every episode as a timeline, the lifecycle actions, the contact log).
**Riwayat perubahan** shows the audit log of this person.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import Issue, NeedsConfirmation, ValidationFailed
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.labels import LIFE_STATUS, MIGRANT_STATUS, SEX, fmt_date, label
from app.ui.widgets.fields import CodeCombo, DateField, IssueBox
from app.ui.widgets.tables import setup_table

TEXT_FIELDS = ("name", "nik", "no_kk", "birth_place", "rw", "rt", "address", "phone",
               "passport_no", "bpjs_tk_no")
DATE_FIELDS = ("birth_date", "passport_expiry")
CODE_FIELDS = {"shdk": "shdk", "education": "education", "marital_status": "marital_status"}
CHECK_DELAY_MS = 300


class ResidentDialog(Retranslating, QDialog):
    def __init__(self, ctx: AppContext, resident_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resident_id = resident_id
        self._status = "bukan"
        self._loading = False
        self.setObjectName("ResidentDialog")
        self.resize(1000, 680)
        self.tabs = QTabWidget()
        self.form_tab = QWidget()
        self.family_tab = QWidget()
        self.migration_tab = QWidget()
        self.tabs.addTab(self.form_tab, "")
        self.tabs.addTab(self.family_tab, "")
        self.tabs.addTab(self.migration_tab, "")
        self._build_form()
        self._build_family()
        self._build_migration()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save_resident")
        self.history_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.history_button.setObjectName("history")
        self.print_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("print_sheet")
        self.case_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.case_button.setObjectName("new_case")
        self.print_button.clicked.connect(self.print_sheet)
        self.letter_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.letter_button.setObjectName("new_letter")
        self.letter_button.clicked.connect(self.new_letter)
        self.case_button.clicked.connect(self.new_case)
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.history_button.clicked.connect(self.show_history)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setObjectName("resident_header")
        self.header.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check)
        self.retranslate()
        from app.ui.widgets.forms import FormKeys

        # Enter and Ctrl+S save, Esc on changed data asks; the form tab only (the other tabs
        # save at once through their own dialogs)
        self.keys = FormKeys(self, save=self.save, first=self.edits["name"],
                             save_button=self.save_button, root=self.form_tab)
        self.load()

    # -- building ------------------------------------------------------------------------
    def _build_form(self) -> None:
        self.edits: dict[str, Any] = {}
        self.issue_boxes: dict[str, IssueBox] = {}
        self.labels: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for name in TEXT_FIELDS:
            self.edits[name] = QLineEdit()
        self.edits["nik"].setMaxLength(24)
        self.edits["no_kk"].setMaxLength(24)
        self.edits["rt"].setMaxLength(7)  # "12/3" is split into RT 012 and RW 003
        self.edits["rw"].setMaxLength(3)
        self.edits["rt"].editingFinished.connect(self._tidy_rt_rw)
        self.edits["rw"].editingFinished.connect(self._tidy_rt_rw)
        self.edits["nik"].editingFinished.connect(self._fill_from_nik)
        self.edits["nik"].textChanged.connect(
            lambda text: self._fill_from_nik() if len("".join(text.split())) == 16 else None)
        for name in DATE_FIELDS:
            self.edits[name] = DateField()
        sex = QComboBox()
        sex.addItem("—", "")
        sex.addItem("", "L")
        sex.addItem("", "P")
        self.edits["sex"] = sex
        for name, list_name in CODE_FIELDS.items():
            self.edits[name] = CodeCombo(list_name, self.ctx.language)
        self.edits["dusun"] = QComboBox()
        self.edits["dusun"].setEditable(True)
        life = QComboBox()
        for code in LIFE_STATUS:
            life.addItem("", code)
        self.edits["life_status"] = life
        notes = QPlainTextEdit()
        notes.setFixedHeight(54)
        notes.setTabChangesFocus(True)
        self.edits["notes"] = notes
        left = ("name", "nik", "no_kk", "sex", "birth_place", "birth_date", "shdk",
                "life_status", "education", "marital_status")
        right = ("dusun", "rw", "rt", "address", "phone", "passport_no", "passport_expiry",
                 "bpjs_tk_no", "notes")
        for column, names in ((0, left), (2, right)):
            row = 0
            for name in names:
                widget = self.edits[name]
                widget.setObjectName(f"field_{name}")
                lab = QLabel()
                lab.setBuddy(widget)
                self.labels[name] = lab
                box = IssueBox()
                box.setObjectName(f"issues_{name}")
                box.action.connect(self._open_other)
                self.issue_boxes[name] = box
                grid.addWidget(lab, row, column, Qt.AlignmentFlag.AlignTop)
                cell = QVBoxLayout()
                cell.setSpacing(2)
                cell.addWidget(widget)
                cell.addWidget(box)
                cell.addStretch(1)  # at the top of a row the other column made taller
                grid.addLayout(cell, row, column + 1)
                row += 1
        for widget in self.edits.values():
            if isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._changed)
                if widget.isEditable():
                    widget.editTextChanged.connect(self._changed)
            else:
                widget.textChanged.connect(self._changed)
        self.form_summary = QLabel()
        self.form_summary.setObjectName("form_summary")
        self.form_summary.setWordWrap(True)
        inner = QWidget()
        outer = QVBoxLayout(inner)
        outer.addLayout(grid)
        outer.addWidget(self.form_summary)
        outer.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        lay = QVBoxLayout(self.form_tab)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(scroll)

    def _build_family(self) -> None:
        lay = QVBoxLayout(self.family_tab)
        self.kk_label = QLabel()
        self.kk_table = QTableWidget(0, 5)
        self.kk_table.setObjectName("kk_members")
        self.children_label = QLabel()
        self.children_label.setObjectName("children_label")
        self.children_label.setWordWrap(True)
        self.children_table = QTableWidget(0, 3)
        self.children_table.setObjectName("pmi_children")
        setup_table(self.kk_table, headers=lambda: [
            self.tr("Name"), self.tr("NIK"), self.tr("Relation to head"), self.tr("Born"),
            self.tr("Migrant status")])
        setup_table(self.children_table, headers=lambda: [
            self.tr("Name"), self.tr("Born"), self.tr("Relation to head")])
        for table in (self.kk_table, self.children_table):
            table.cellDoubleClicked.connect(
                lambda row, _c, t=table: self._open_row(t, row))
        self.open_member_button = QPushButton()
        self.open_member_button.setObjectName("open_member")
        self.open_member_button.clicked.connect(
            lambda: self._open_row(self.kk_table, self.kk_table.currentRow()))
        lay.addWidget(self.kk_label)
        lay.addWidget(self.kk_table, 2)
        lay.addWidget(self.open_member_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.children_label)
        lay.addWidget(self.children_table, 1)
        self.left_behind_label = QLabel()
        self.left_behind_label.setObjectName("left_behind_label")
        self.left_behind_table = QTableWidget(0, 4)
        setup_table(self.left_behind_table, name="left_behind", headers=lambda: [
            self.tr("Name"), self.tr("Relation"), self.tr("Born"), self.tr("Carer")])
        self.add_link_button = QPushButton()
        self.add_link_button.setObjectName("add_family_link")
        self.add_link_button.clicked.connect(self.add_family_link)
        self.edit_link_button = QPushButton()
        self.edit_link_button.setObjectName("edit_family_link")
        self.edit_link_button.clicked.connect(self.edit_family_link)
        self.left_behind_table.cellDoubleClicked.connect(lambda *_a: self.edit_family_link())
        self.remove_link_button = QPushButton()
        self.remove_link_button.setObjectName("remove_family_link")
        self.remove_link_button.clicked.connect(self.remove_family_link)
        self.left_behind_table.itemSelectionChanged.connect(self._link_selection_changed)
        self.carer_warning = QLabel()
        self.carer_warning.setObjectName("carer_warning")
        self.carer_warning.setWordWrap(True)
        self.carer_warning.setStyleSheet("color: #8a5a00;")
        self.carer_warning.hide()
        row = QHBoxLayout()
        row.addWidget(self.add_link_button)
        row.addWidget(self.edit_link_button)
        row.addWidget(self.remove_link_button)
        row.addStretch(1)
        lay.addWidget(self.left_behind_label)
        lay.addWidget(self.left_behind_table, 1)
        lay.addWidget(self.carer_warning)
        lay.addLayout(row)
        self._kk_members: list[tuple[str, str, Any]] = []

    def _build_migration(self) -> None:
        from app.ui.dialogs.episode import MigrationPanel

        lay = QVBoxLayout(self.migration_tab)
        self.migration = MigrationPanel(self.ctx, self)
        self.migration.changed.connect(self._migration_changed)
        lay.addWidget(self.migration)

    # -- texts ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        names = {
            "name": self.tr("&Name"), "nik": self.tr("N&IK"), "no_kk": self.tr("Family card n&o."),
            "sex": self.tr("Se&x"), "birth_place": self.tr("Birth place"),
            "birth_date": self.tr("&Birth date"), "shdk": self.tr("&Relation to head"),
            "life_status": self.tr("&Life status"), "notes": self.tr("No&tes"),
            "dusun": self.tr("&Hamlet (dusun)"), "rw": "RW", "rt": "RT",
            "address": self.tr("&Address"), "phone": self.tr("Phone / &WhatsApp"),
            "education": self.tr("&Education"), "marital_status": self.tr("&Marital status"),
            "passport_no": self.tr("Passport no."),
            "passport_expiry": self.tr("Passport valid &until"),
            "bpjs_tk_no": self.tr("BPJS &Ketenagakerjaan no."),
        }
        for key, text in names.items():
            self.labels[key].setText(text)
        self.edits["sex"].setItemText(1, label(SEX, "L"))
        self.edits["sex"].setItemText(2, label(SEX, "P"))
        for i in range(self.edits["life_status"].count()):
            self.edits["life_status"].setItemText(
                i, label(LIFE_STATUS, self.edits["life_status"].itemData(i)))
        self.tabs.setTabText(0, self.tr("Personal &data"))
        self.tabs.setTabText(1, self.tr("&Family"))
        self.tabs.setTabText(2, self.tr("Mi&gration"))
        self.save_button.setText(self.tr("&Save"))
        self.history_button.setText(self.tr("Change histor&y"))
        self.print_button.setText(self.tr("&Print data sheet"))
        self.letter_button.setText(self.tr("Letter..."))
        self.case_button.setText(self.tr("New &case"))
        self.close_button.setText(self.tr("Close"))
        self.open_member_button.setText(self.tr("Open selected family member"))
        self.left_behind_label.setText(self.tr(
            "Family left behind (children of the migrant worker and their carer):"))
        self.add_link_button.setText(self.tr("&Add member..."))
        self.edit_link_button.setText(self.tr("C&hange..."))
        self.remove_link_button.setText(self.tr("Remove from the list"))
        if self.resident_id is not None:
            self.load_left_behind()
        self._update_header()

    def _update_header(self) -> None:
        if self.resident_id is None:
            self.setWindowTitle(self.tr("New resident"))
            self.header.setText(self.tr("New resident"))
        else:
            name = self.edits["name"].text()
            self.setWindowTitle(self.tr("Resident: {name}").format(name=name))
            self.header.setText(self.tr("{name} — {status}").format(
                name=name, status=label(MIGRANT_STATUS, self._status)))
        existing = self.resident_id is not None
        self.tabs.setTabEnabled(1, existing)
        self.tabs.setTabEnabled(2, existing)
        self.history_button.setEnabled(existing)
        self.print_button.setEnabled(existing)
        self.letter_button.setEnabled(existing)
        self.case_button.setEnabled(existing)

    # -- loading -------------------------------------------------------------------------
    def load(self) -> None:
        from app.core.repo.residents import dusun_names

        self._loading = True
        self._status = "bukan"
        with self.ctx.db.session() as s:
            dusun = self.edits["dusun"]
            dusun.clear()
            dusun.addItem("")
            dusun.addItems(dusun_names(s))
            if self.resident_id is not None:
                from app.core.services.residents import get_resident

                r = get_resident(s, self.resident_id)
                for name in TEXT_FIELDS:
                    self.edits[name].setText(getattr(r, name) or "")
                for name in DATE_FIELDS:
                    self.edits[name].set_value(getattr(r, name))
                for name in CODE_FIELDS:
                    self.edits[name].set_code(getattr(r, name))
                self.edits["sex"].setCurrentIndex(max(0, self.edits["sex"].findData(r.sex)))
                self.edits["life_status"].setCurrentIndex(
                    max(0, self.edits["life_status"].findData(r.life_status)))
                dusun.setCurrentText(r.dusun or "")
                self.edits["notes"].setPlainText(r.notes or "")
                self._status = r.migrant_status
        self._loading = False
        self._update_header()
        if self.resident_id is not None:
            self.load_family()
            self.migration.load(self.resident_id)
            self.check()
        else:
            self.show_issues([])  # a blank form shows no errors until the user types
        self.keys.mark_clean()

    def load_family(self) -> None:
        from app.core.repo.residents import children_of_migrants, same_kk

        kk = self.edits["no_kk"].text().strip() or None
        with self.ctx.db.session() as s:
            members = same_kk(s, kk, exclude_id=self.resident_id)
            everyone = same_kk(s, kk)
            children = children_of_migrants(s, kk)
        self.kk_label.setText(self.tr("Members of family card {kk}: {n}").format(
            kk=kk or "—", n=len(members)) if kk else
            self.tr("No family card number recorded."))
        self._fill(self.kk_table, [
            (m.id, m.name, m.nik or "", self.ctx.ref_label("shdk", m.shdk),
             fmt_date(m.birth_date), label(MIGRANT_STATUS, m.migrant_status))
            for m in members])
        migrants = [m.name for m in everyone if m.migrant_status in ("calon_pmi", "pmi")]
        if children:
            self.children_label.setText(self.tr(
                "Children left behind by a migrant worker of this family ({names}):").format(
                names=", ".join(migrants)))
        else:
            self.children_label.setText(self.tr(
                "No children under 18 of a migrant worker on this family card."))
        self._fill(self.children_table, [
            (m.id, m.name, fmt_date(m.birth_date), self.ctx.ref_label("shdk", m.shdk))
            for m in children])
        self._kk_members = [(m.id, m.name, m.birth_date) for m in members]
        self.load_left_behind()

    # -- family left behind --------------------------------------------------------------
    def load_left_behind(self) -> None:
        """The FamilyLink rows of this person (not deleted), oldest first."""
        from app.core.repo.records import left_behind

        rows: list[tuple[Any, ...]] = []
        if self.resident_id is not None:
            with self.ctx.db.session() as s:
                links = left_behind(s, self.resident_id)
            for link in links:
                rows.append((link.id, link.member_name,
                             self.ctx.ref_label("relations", link.relation),
                             fmt_date(link.member_birth_date),
                             self.tr("carer") if link.is_carer else ""))
        self._fill(self.left_behind_table, rows)
        self._link_selection_changed()
        self._check_carer()

    def _check_carer(self) -> None:
        """Warn when children are left behind and no one is marked as their carer."""
        from app.core.services.community import children_without_carer

        names: list[str] = []
        if self.resident_id is not None:
            with self.ctx.db.session() as s:
                names = children_without_carer(s, self.resident_id)
        self.carer_warning.setText("⚠ " + self.ctx.message("family.no_carer",
                                                           names=", ".join(names))
                                   if names else "")
        self.carer_warning.setVisible(bool(names))

    def _link_selection_changed(self) -> None:
        self.remove_link_button.setEnabled(self._selected_link() is not None)
        self.edit_link_button.setEnabled(self._selected_link() is not None)

    def _selected_link(self) -> str | None:
        row = self.left_behind_table.currentRow()
        item = self.left_behind_table.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def add_family_link(self) -> bool:
        from app.ui.dialogs.family_member import FamilyMemberDialog

        if self.resident_id is None:
            return False
        if not FamilyMemberDialog.ask(self.ctx, self.resident_id, self._kk_members, self):
            return False
        self.ctx.notify_changed("family")
        self.load_left_behind()
        return True

    def edit_family_link(self) -> bool:
        from app.ui.dialogs.family_member import FamilyMemberDialog

        link_id = self._selected_link()
        if self.resident_id is None or link_id is None:
            return False
        if not FamilyMemberDialog.ask(self.ctx, self.resident_id, self._kk_members, self,
                                      link_id=link_id):
            return False
        self.ctx.notify_changed("family")
        self.load_left_behind()
        return True

    def remove_family_link(self) -> bool:
        from app.core.errors import AppError
        from app.core.services.community import unlink_family_member
        from app.ui.dialogs import common

        link_id = self._selected_link()
        if link_id is None:
            return False
        name = self.left_behind_table.item(self.left_behind_table.currentRow(), 0).text()
        if not common.confirm(self, self.tr(
                "Remove {name} from the family left behind? The person's own record is "
                "not changed.").format(name=name)):
            return False
        try:
            with self.ctx.write() as s:
                unlink_family_member(s, link_id)
        except AppError as exc:
            self.left_behind_label.setText(self.ctx.message(exc.code, **exc.params))
            return False
        self.ctx.notify_changed("family")
        self.load_left_behind()
        return True

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[Any, ...]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row[1:]):
                item = QTableWidgetItem(str(value))
                item.setData(Qt.ItemDataRole.UserRole, row[0])
                table.setItem(r, c, item)
        table.resizeColumnsToContents()

    def _open_row(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0) if row >= 0 else None
        if item is not None:
            self._open_other(item.data(Qt.ItemDataRole.UserRole))

    def _open_other(self, resident_id: str) -> None:
        if resident_id:
            ResidentDialog.open_existing(self.ctx, resident_id, self)

    # -- checking ------------------------------------------------------------------------
    def data(self):  # noqa: ANN201 - ResidentInput, or raises ValueError(field)
        from app.core.services.residents import ResidentInput

        values: dict[str, Any] = {n: self.edits[n].text() for n in TEXT_FIELDS}
        for name in DATE_FIELDS:
            try:
                values[name] = self.edits[name].value()
            except ValueError:
                raise ValueError(name) from None
        for name in CODE_FIELDS:
            values[name] = self.edits[name].code()
        values["sex"] = self.edits["sex"].currentData() or ""
        values["life_status"] = self.edits["life_status"].currentData() or "hidup"
        values["dusun"] = self.edits["dusun"].currentText().strip()
        values["notes"] = self.edits["notes"].toPlainText()
        return ResidentInput(**values)

    def _tidy_rt_rw(self) -> None:
        """RT and RW as on the KTP: three digits each ("12/3" -> RT 012, RW 003)."""
        from app.core.services.residents import normalize_rt_rw

        rt, rw = normalize_rt_rw(self.edits["rt"].text(), self.edits["rw"].text())
        for name, value in (("rt", rt), ("rw", rw)):
            if self.edits[name].text() != value:
                self.edits[name].setText(value)

    def _fill_from_nik(self) -> None:
        """A valid NIK tells the birth date and the sex: fill them when still empty."""
        from app.core.rules.nik import nik_birth_date, nik_sex

        if self._loading:
            return
        nik = self.edits["nik"].text()
        born, sex = nik_birth_date(nik), nik_sex(nik)
        if born is not None and not self.edits["birth_date"].text().strip():
            self.edits["birth_date"].set_value(born)
        if sex and not self.edits["sex"].currentData():
            self.edits["sex"].setCurrentIndex(max(0, self.edits["sex"].findData(sex)))

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self._timer.start()

    def current_issues(self) -> list[Issue]:
        from app.core.errors import Severity
        from app.core.services.residents import validate_resident

        try:
            data = self.data().normalized()
        except ValueError as exc:
            return [Issue("ui.date_invalid", str(exc), Severity.ERROR)]
        with self.ctx.db.session() as s:
            return validate_resident(s, data, exclude_id=self.resident_id)

    def check(self) -> list[Issue]:
        """Run the service's checks now and show them under their fields."""
        self._timer.stop()
        issues = self.current_issues()
        self.show_issues(issues)
        return issues

    def show_issues(self, issues: list[Issue]) -> None:
        for box in self.issue_boxes.values():
            box.clear()
        loose: list[str] = []
        for issue in issues:
            text = self._issue_text(issue)
            box = self.issue_boxes.get(issue.field or "")
            if box is None:
                loose.append(text)
                continue
            button = payload = None
            if issue.code == "resident.nik_duplicate":
                button = self.tr("Open record")
                payload = issue.params.get("resident_id", "")
            box.add(text, error=issue.is_error, button=button, payload=payload or "")
        errors = sum(1 for i in issues if i.is_error)
        warnings = len(issues) - errors
        summary = []
        if errors:
            summary.append(self.tr("{n} problem(s) must be fixed before saving.").format(
                n=errors))
        if warnings:
            summary.append(self.tr("{n} warning(s): you may save after checking them.").format(
                n=warnings))
        self.form_summary.setText(" ".join(summary + loose))

    def _issue_text(self, issue: Issue) -> str:
        return self.ctx.message(issue.code, **issue.params)

    # -- saving --------------------------------------------------------------------------
    def save(self) -> bool:
        """Save through the service; True when saved. Warnings need confirmation."""
        from app.core.services.residents import register_resident, update_resident
        from app.ui.dialogs import common

        issues = self.check()
        if any(i.is_error for i in issues):
            self.tabs.setCurrentIndex(0)
            self._focus_first_error(issues)
            return False
        data = self.data()
        accept = False
        while True:
            try:
                with self.ctx.write() as s:
                    if self.resident_id is None:
                        resident = register_resident(s, data, accept_warnings=accept)
                    else:
                        resident = update_resident(s, self.resident_id, data,
                                                   accept_warnings=accept)
                    new_id = resident.id
                break
            except NeedsConfirmation as exc:
                texts = [self._issue_text(i) for i in exc.issues]
                if accept or not common.confirm_warnings(self, texts):
                    return False
                accept = True
            except ValidationFailed as exc:
                self.show_issues(exc.issues)
                return False
        self.resident_id = new_id
        self.ctx.notify_changed("resident")
        self.load()
        return True

    def _focus_first_error(self, issues: list[Issue]) -> None:
        for issue in issues:
            widget = self.edits.get(issue.field or "")
            if issue.is_error and widget is not None:
                widget.setFocus()
                return

    def _migration_changed(self) -> None:
        self.ctx.notify_changed("episode")
        with self.ctx.db.session() as s:
            from app.core.services.residents import get_resident

            self._status = get_resident(s, self.resident_id).migrant_status
        self._update_header()
        self.load_family()

    def print_sheet(self) -> None:
        """Everything held about this person, as a PDF (also for access requests)."""
        from app.ui.printing.dialog import print_person_sheet

        if self.resident_id:
            print_person_sheet(self.ctx, self.resident_id, self)

    def new_letter(self) -> None:
        """A numbered village letter for this person (Surat Izin Keluarga, keterangan...)."""
        from app.ui.views.letters import LetterDialog

        if self.resident_id:
            LetterDialog.run(self.ctx, self.resident_id, self)

    def new_case(self) -> None:
        from app.ui.dialogs.case_form import CaseDialog

        if self.resident_id and CaseDialog.create(self.ctx, self,
                                                  resident_id=self.resident_id):
            self.ctx.notify_changed("case")

    def show_history(self) -> None:
        from app.ui.dialogs.history import HistoryDialog

        if self.resident_id:
            HistoryDialog.show_for_resident(self.ctx, self.resident_id, self)

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open_existing(cls, ctx: AppContext, resident_id: str, parent: QWidget | None = None,
                      tab: str | None = None) -> ResidentDialog:
        dialog = cls(ctx, resident_id, parent)
        if tab == "migrasi":
            dialog.tabs.setCurrentIndex(2)
        elif tab == "keluarga":
            dialog.tabs.setCurrentIndex(1)
        dialog.exec()
        return dialog

    @classmethod
    def open_new(cls, ctx: AppContext, parent: QWidget | None = None) -> ResidentDialog:
        dialog = cls(ctx, None, parent)
        dialog.exec()
        return dialog
