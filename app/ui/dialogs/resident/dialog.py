"""The record of one resident: the tabs, the header and the buttons.

The dialog only composes its tabs, each a widget of its own module with its own load,
collect and validate: :class:`~.personal.PersonalTab` (**Data pribadi**, the form with live
checks), :class:`~.family.FamilyTab` (**Keluarga**) and :class:`~.migration.MigrationTab`
(**Migrasi**). It saves the form through the service, shows the header (name and migrant
status), opens another person's record when a tab asks, and offers the change history
(**Riwayat perubahan**), the printed data sheet, a letter and a new case.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.core.errors import Issue, NeedsConfirmation, ValidationFailed
from app.core.services.residents import get_resident, register_resident, update_resident
from app.ui.context import AppContext
from app.ui.dialogs import common
from app.ui.dialogs.case_form import CaseDialog
from app.ui.dialogs.history import HistoryDialog
from app.ui.dialogs.resident.family import FamilyTab
from app.ui.dialogs.resident.migration import MigrationTab
from app.ui.dialogs.resident.personal import PersonalTab
from app.ui.i18n import Retranslating
from app.ui.labels import MIGRANT_STATUS, label
from app.ui.widgets.forms import FormKeys


class ResidentDialog(Retranslating, QDialog):
    def __init__(self, ctx: AppContext, resident_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resident_id = resident_id
        self._status = "bukan"
        self.setObjectName("ResidentDialog")
        self.resize(1000, 680)
        self.tabs = QTabWidget()
        self.form_tab = PersonalTab(ctx)
        self.family_tab = FamilyTab(ctx)
        self.migration_tab = MigrationTab(ctx)
        self.tabs.addTab(self.form_tab, "")
        self.tabs.addTab(self.family_tab, "")
        self.tabs.addTab(self.migration_tab, "")
        self.form_tab.open_resident.connect(self._open_other)
        self.family_tab.open_resident.connect(self._open_other)
        self.migration_tab.changed.connect(self._migration_changed)
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
        self.retranslate()
        # Enter and Ctrl+S save, Esc on changed data asks; the form tab only (the other tabs
        # save at once through their own dialogs)
        self.keys = FormKeys(self, save=self.save, first=self.edits["name"],
                             save_button=self.save_button, root=self.form_tab)
        self.load()

    # -- the tabs' parts the record and its tests use -----------------------------------
    @property
    def edits(self) -> dict[str, Any]:
        return self.form_tab.edits

    @property
    def issue_boxes(self) -> dict[str, Any]:
        return self.form_tab.issue_boxes

    @property
    def form_summary(self) -> QLabel:
        return self.form_tab.form_summary

    @property
    def migration(self) -> Any:
        return self.migration_tab.panel

    def __getattr__(self, name: str) -> Any:
        """The family tab's tables, labels and actions (``kk_table``, ``add_family_link``...)
        under the record, as before the tabs were widgets of their own."""
        if name in FAMILY_PARTS:
            return getattr(self.family_tab, name)
        raise AttributeError(name)

    # -- texts ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Personal &data"))
        self.tabs.setTabText(1, self.tr("&Family"))
        self.tabs.setTabText(2, self.tr("Mi&gration"))
        self.save_button.setText(self.tr("&Save"))
        self.history_button.setText(self.tr("Change histor&y"))
        self.print_button.setText(self.tr("&Print data sheet"))
        self.letter_button.setText(self.tr("Letter..."))
        self.case_button.setText(self.tr("New &case"))
        self.close_button.setText(self.tr("Close"))
        self._update_header()

    def _update_header(self) -> None:
        if self.resident_id is None:
            self.setWindowTitle(self.tr("New resident"))
            self.header.setText(self.tr("New resident"))
        else:
            name = self.form_tab.name()
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
        self._status = self.form_tab.load(self.resident_id)
        self._update_header()
        if self.resident_id is not None:
            self.load_family()
            self.migration_tab.load(self.resident_id)
            self.check()
        else:
            self.form_tab.show_issues([])  # a blank form shows no errors until the user types
        self.keys.mark_clean()

    def load_family(self) -> None:
        self.family_tab.load(self.resident_id, self.form_tab.no_kk())

    def _open_other(self, resident_id: str) -> None:
        if resident_id:
            ResidentDialog.open_existing(self.ctx, resident_id, self)

    # -- checking ------------------------------------------------------------------------
    def data(self):  # noqa: ANN201 - ResidentInput, or raises ValueError(field)
        return self.form_tab.collect()

    def current_issues(self) -> list[Issue]:
        return self.form_tab.validate()

    def check(self) -> list[Issue]:
        """Run the service's checks now and show them under their fields."""
        return self.form_tab.check()

    # -- saving --------------------------------------------------------------------------
    def save(self) -> bool:
        """Save through the service; True when saved. Warnings need confirmation."""
        issues = self.check()
        if any(i.is_error for i in issues):
            self.tabs.setCurrentIndex(0)
            self.form_tab.focus_first_error(issues)
            return False
        data = self.form_tab.collect()
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
                texts = [self.ctx.message(i.code, **i.params) for i in exc.issues]
                if accept or not common.confirm_warnings(self, texts):
                    return False
                accept = True
            except ValidationFailed as exc:
                self.form_tab.show_issues(exc.issues)
                return False
        self.resident_id = new_id
        self.ctx.notify_changed("resident")
        self.load()
        return True

    def _migration_changed(self) -> None:
        self.ctx.notify_changed("episode")
        with self.ctx.db.session() as s:
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
        if self.resident_id and CaseDialog.create(self.ctx, self,
                                                  resident_id=self.resident_id):
            self.ctx.notify_changed("case")

    def show_history(self) -> None:
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


FAMILY_PARTS = frozenset({
    "kk_label", "kk_table", "children_label", "children_table", "open_member_button",
    "left_behind_label", "left_behind_table", "add_link_button", "edit_link_button",
    "remove_link_button", "carer_warning", "_kk_members", "load_left_behind",
    "add_family_link", "edit_family_link", "remove_family_link"})
