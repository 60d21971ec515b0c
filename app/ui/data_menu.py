"""The **Data** menu: backups, restore and its undo, audit log, operators, statistics, privacy.

The main window calls :func:`install_data_menu` once; every action checks the operator's
permission (:mod:`app.ui.permissions`) and explains a refusal in plain Indonesian.

Restore and the open database
-----------------------------
A restore replaces the database file, so nothing may hold it open. Every view keeps the same
:class:`~app.core.db.Database` object (table models keep a reference to it), so the restore
does **not** swap it: on the single DB worker thread (no other DB work can run at the same
time) it closes every pooled connection (``db.close()``, an engine dispose), runs
:func:`~app.core.restore.restore_database` (which migrates and re-stamps the restored file)
and lets the same engine connect again to the new file on the next use. The window is disabled
while this runs, so the GUI thread cannot open a connection in between; afterwards every view
refreshes (``ctx.notify_changed("restore")``).
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.access import P4MI_ROLES, VILLAGE_ROLES, Permission
from app.core.errors import AppError
from app.ui import permissions
from app.ui.errors import show_error
from app.ui.tasks import Op

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def _tr(text: str) -> str:
    return translate("DataMenu", text)


REASONS = {
    "harian": QT_TRANSLATE_NOOP("DataMenu", "daily, automatic"),
    "manual": QT_TRANSLATE_NOOP("DataMenu", "made by hand"),
    "sebelum-pulihkan": QT_TRANSLATE_NOOP("DataMenu", "state before a restore"),
}
REASON_PREFIXES = {
    "sebelum-migrasi": QT_TRANSLATE_NOOP("DataMenu", "before a program update"),
    "sebelum-impor": QT_TRANSLATE_NOOP("DataMenu", "before a bundle import"),
}
UNDO_REASON = "sebelum-pulihkan"


def reason_label(reason: str) -> str:
    if reason in REASONS:
        return _tr(REASONS[reason])
    for prefix, text in REASON_PREFIXES.items():
        if reason.startswith(prefix):
            return _tr(text)
    return reason


def size_text(size: int, language: str = "id") -> str:
    text = f"{size / (1024 * 1024):.1f} MB"
    return text.replace(".", ",") if language == "id" else text


def _local(at: datetime) -> str:
    return at.strftime("%d/%m/%Y %H:%M")


def _signed_in(ctx: Any) -> Any:
    return getattr(ctx, "signed_in", None)


def _acting(ctx: Any) -> Any:
    """Who acts in operator services: the signed-in operator, or (no PINs yet) the head."""
    from app.core.access import Role
    from app.core.services.operators import SignedIn

    who = _signed_in(ctx)
    if who is not None:
        return who
    role = Role.KEPALA_P4MI if ctx.office.is_p4mi else Role.KEPALA_DESA
    return SignedIn(0, ctx.operator, str(role))


def _log(ctx: Any, action: str, **details: Any) -> None:
    from app.core.services.audit import log_event

    with ctx.write() as s:
        log_event(s, action, **details)


# -- restore dialog ------------------------------------------------------------------------
class RestoreDialog(QDialog):
    """The backups with date, kind and size; the newest good one is preselected."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        from app.core.backup import list_backups, newest_good_backup

        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("RestoreDialog")
        self.setWindowTitle(self.tr("Restore a backup"))
        self.resize(760, 480)
        self.chosen: Path | None = None
        folder = ctx.workspace.data_dir.backups
        self.backups = list_backups(folder)
        good = newest_good_backup(folder)
        self.explain = QLabel(self.tr(
            "Restoring puts the data back as it was when the backup was made. Changes made "
            "after that are no longer visible.\n"
            "Before restoring, the program keeps the current data as a backup, so the restore "
            "can be undone (Data > Undo last restore). A damaged database is never "
            "overwritten: it is kept as a copy in the backup folder.\n"
            "After the restore the program re-opens the database by itself. The next P4MI "
            "bundle brings P4MI to exactly the restored state."))
        self.explain.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), 3)
        self.table.setObjectName("backup_table")
        self.table.setHorizontalHeaderLabels([self.tr("Made on"), self.tr("Kind"),
                                              self.tr("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        preselect = 0
        for row, b in enumerate(self.backups):
            kind = reason_label(b.reason)
            if good is not None and b.path == good.path:
                kind += " " + self.tr("(newest good backup)")
                preselect = row
            for col, text in enumerate((_local(b.taken), kind, size_text(b.size, ctx.language))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(b.path))
                self.table.setItem(row, col, item)
        if self.backups:
            self.table.selectRow(preselect)
        self.table.resizeColumnToContents(0)
        self.empty = QLabel(self.tr("There are no backups in {folder} yet.").format(
            folder=folder))
        self.empty.setVisible(not self.backups)
        self.other_button = QPushButton(self.tr("Backup from another folder or USB..."))
        self.other_button.clicked.connect(self.choose_file)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(self.tr("Restore"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(self.backups))
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.accept_selected)
        cancel.clicked.connect(self.reject)
        self.table.doubleClicked.connect(lambda _i: self.accept_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        row_layout = QHBoxLayout()
        row_layout.addWidget(self.other_button)
        row_layout.addStretch(1)
        row_layout.addWidget(buttons)
        layout.addLayout(row_layout)

    def selected_path(self) -> Path | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def accept_selected(self) -> None:
        self.chosen = self.selected_path()
        if self.chosen is not None:
            self.accept()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a backup file"), "",
            self.tr("Backups of Buku Migran Desa (*.db)"))
        if path:
            self.chosen = Path(path)
            self.accept()

    @classmethod
    def ask(cls, ctx: Any, parent: QWidget | None = None) -> Path | None:
        """The backup the operator chose, or None (tests replace this)."""
        dialog = cls(ctx, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen


# -- audit log viewer ----------------------------------------------------------------------
ACTIONS = {
    "create": QT_TRANSLATE_NOOP("AuditDialog", "record added"),
    "update": QT_TRANSLATE_NOOP("AuditDialog", "record changed"),
    "delete": QT_TRANSLATE_NOOP("AuditDialog", "record deleted"),
    "login": QT_TRANSLATE_NOOP("AuditDialog", "signed in"),
    "login_failed": QT_TRANSLATE_NOOP("AuditDialog", "wrong PIN"),
    "pin_changed": QT_TRANSLATE_NOOP("AuditDialog", "PIN changed"),
    "pin_reset": QT_TRANSLATE_NOOP("AuditDialog", "PIN reset from the command line"),
    "operator_added": QT_TRANSLATE_NOOP("AuditDialog", "operator added"),
    "operator_deactivated": QT_TRANSLATE_NOOP("AuditDialog", "operator deactivated"),
    "backup": QT_TRANSLATE_NOOP("AuditDialog", "backup made"),
    "restore": QT_TRANSLATE_NOOP("AuditDialog", "database restored"),
    "restore_undo": QT_TRANSLATE_NOOP("AuditDialog", "restore undone"),
    "export": QT_TRANSLATE_NOOP("AuditDialog", "P4MI bundle saved"),
    "import": QT_TRANSLATE_NOOP("AuditDialog", "bundle imported"),
    "receipt": QT_TRANSLATE_NOOP("AuditDialog", "receipt made"),
    "import_receipt": QT_TRANSLATE_NOOP("AuditDialog", "receipt read"),
    "recap_export": QT_TRANSLATE_NOOP("AuditDialog", "recap saved"),
    "export_stats": QT_TRANSLATE_NOOP("AuditDialog", "public statistics saved"),
    "export_audit": QT_TRANSLATE_NOOP("AuditDialog", "audit log exported"),
    "print": QT_TRANSLATE_NOOP("AuditDialog", "printed"),
    "reveal_case": QT_TRANSLATE_NOOP("AuditDialog", "confidential case opened"),
    "reveal_case_list": QT_TRANSLATE_NOOP("AuditDialog", "confidential case list shown"),
    "reveal_case_history": QT_TRANSLATE_NOOP("AuditDialog",
                                             "confidential case history shown"),
    "trust_key": QT_TRANSLATE_NOOP("AuditDialog", "village key trusted"),
    "replace_key": QT_TRANSLATE_NOOP("AuditDialog", "village key replaced"),
    "set_p4mi_key": QT_TRANSLATE_NOOP("AuditDialog", "P4MI key set"),
    "nik_checked": QT_TRANSLATE_NOOP("AuditDialog", "duplicate NIK checked"),
}
GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "records": (QT_TRANSLATE_NOOP("AuditDialog", "Changes to records"),
                ("create", "update", "delete")),
    "access": (QT_TRANSLATE_NOOP("AuditDialog", "Sign-in, PINs and operators"),
               ("login", "login_failed", "pin_changed", "pin_reset", "operator_added",
                "operator_deactivated")),
    "exchange": (QT_TRANSLATE_NOOP("AuditDialog", "Exports, imports and printing"),
                 ("export", "import", "receipt", "import_receipt", "recap_export",
                  "export_stats", "export_audit", "print")),
    "backup": (QT_TRANSLATE_NOOP("AuditDialog", "Backups and restores"),
               ("backup", "restore", "restore_undo")),
}
CASE_ENTITIES = ("case_file", "case_follow_up")
MAX_ROWS = 5000
DETAIL_KEYS = {"path", "to", "source", "file", "name", "role", "report", "tries", "reason"}


def audit_lines(ctx: Any, *, start: date | None = None, end: date | None = None,
                group: str = "", operator: str = "", limit: int = MAX_ROWS,
                as_datetime: bool = False) -> list[tuple[Any, str, str, str]]:
    """``(when, operator, action, description)`` rows, newest first, in readable words.

    ``when`` is the local time as text, or a naive local ``datetime`` with ``as_datetime``
    (for the export, where it must be a real date-time cell). Case rows show no values unless
    the operator may see sensitive details.
    """
    from app.core.services.audit import audit_rows
    from app.ui.dialogs.history import describe, local_time

    offset = datetime.now().astimezone().utcoffset() or timedelta(0)
    since = (datetime.combine(start, datetime.min.time()) - offset
             if start is not None else None)
    before = (datetime.combine(end + timedelta(days=1), datetime.min.time()) - offset
              if end is not None else None)
    actions = GROUPS[group][1] if group in GROUPS else None
    sensitive = permissions.may(ctx, Permission.SEE_SENSITIVE)
    out = []
    with ctx.db.session() as s:
        rows = audit_rows(s, since=since, before=before, actions=actions, operator=operator,
                          limit=limit)
    for r in rows:
        changes = r.changes
        action = translate("AuditDialog", ACTIONS[r.action]) if r.action in ACTIONS \
            else r.action
        if r.action in ("create", "update", "delete"):
            if r.entity in CASE_ENTITIES and not sensitive:
                from app.ui.labels import ENTITY, label

                text = translate("AuditDialog", "{what} (details confidential)").format(
                    what=label(ENTITY, r.entity))
            else:
                text = describe(r.entity, r.action, changes, ctx.language)
        else:
            from app.ui.dialogs.history import describe_event

            text = describe_event(changes)  # readable names and values
        when = (r.at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
                if as_datetime else local_time(r.at))
        out.append((when, r.operator, action, text))
    return out


def write_table(rows: list[tuple[Any, ...]], header: tuple[str, ...], out: Path) -> Path:
    """The audit log as XLSX or CSV (by the file's suffix), through the safe table writer:
    the time is a real date-time cell, operator names and details always stay text."""
    from app.core.tables import DATETIME, TEXT, Column, Sheet
    from app.core.tables import write_table as write_safe_table

    kinds = (DATETIME, TEXT, TEXT, TEXT)
    widths = (19, 18, 22, 80)
    return write_safe_table(out, Sheet("Log audit", [
        Column(h, k, w) for h, k, w in zip(header, kinds, widths, strict=True)], rows=rows))


class AuditDialog(QDialog):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("AuditDialog")
        self.resize(1100, 620)
        self.rows: list[tuple[str, str, str, str]] = []
        self.times: list[datetime] = []
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        today = QDate.currentDate()
        self.start.setDate(today.addDays(-30))
        self.end.setDate(today)
        self.group = QComboBox()
        self.group.setObjectName("audit_group")
        self.operator = QComboBox()
        self.operator.setObjectName("audit_operator")
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("audit_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.export_button = QPushButton()
        self.export_button.setObjectName("audit_export")
        self.close_button = QPushButton()
        self.from_label, self.to_label = QLabel(), QLabel()
        self.group_label, self.operator_label = QLabel(), QLabel()
        top = QHBoxLayout()
        for label_widget, widget in ((self.from_label, self.start), (self.to_label, self.end),
                                     (self.group_label, self.group),
                                     (self.operator_label, self.operator)):
            label_widget.setBuddy(widget)
            top.addWidget(label_widget)
            top.addWidget(widget)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.retranslate()
        self._fill_operators()
        for edit in (self.start, self.end):
            edit.dateChanged.connect(lambda _d: self.reload())
        self.group.currentIndexChanged.connect(lambda _i: self.reload())
        self.operator.currentIndexChanged.connect(lambda _i: self.reload())
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.reject)
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change history (audit log)"))
        self.from_label.setText(self.tr("&From"))
        self.to_label.setText(self.tr("&To"))
        self.group_label.setText(self.tr("&Kind"))
        self.operator_label.setText(self.tr("&Operator"))
        self.export_button.setText(self.tr("&Export to CSV/Excel..."))
        self.close_button.setText(self.tr("Close"))
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Operator"),
                                              self.tr("Action"), self.tr("Details")])
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(self.tr("Everything"), "")
        for key, (text, _actions) in GROUPS.items():
            self.group.addItem(translate("AuditDialog", text), key)
        self.group.setCurrentIndex(max(0, self.group.findData(current or "")))
        self.group.blockSignals(False)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.reload()
        super().changeEvent(event)

    def _fill_operators(self) -> None:
        from app.core.services.audit import audit_operators

        with self.ctx.db.session() as s:
            names = audit_operators(s)
        self.operator.blockSignals(True)
        self.operator.clear()
        self.operator.addItem(self.tr("All operators"), "")
        for name in names:
            self.operator.addItem(name, name)
        self.operator.blockSignals(False)

    def reload(self) -> None:
        entries = audit_lines(self.ctx, start=self.start.date().toPython(),
                              end=self.end.date().toPython(),
                              group=self.group.currentData() or "",
                              operator=self.operator.currentData() or "", as_datetime=True)
        self.times = [e[0] for e in entries]
        self.rows = [(f"{e[0]:%d/%m/%Y %H:%M}", *e[1:]) for e in entries]
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        if len(self.rows) >= MAX_ROWS:
            self.note.setText(self.tr("Showing the newest {n} entries. Choose a shorter period "
                                      "to see older ones.").format(n=MAX_ROWS))
        else:
            self.note.setText(self.tr("{n} entries. Times are this computer's time. Values of "
                                      "deleted persons are erased.").format(n=len(self.rows)))

    def export(self) -> Path | None:
        if not permissions.require(self, self.ctx, Permission.EXPORT):
            return None
        default = self.ctx.workspace.data_dir.outbox / f"log_audit_{date.today():%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the audit log"), str(default),
            self.tr("Excel workbook (*.xlsx);;CSV for Excel (*.csv)"))
        if not path:
            return None
        out = Path(path)
        if out.suffix.lower() not in (".xlsx", ".csv"):
            out = out.with_suffix(".xlsx")
        header = (self.tr("Time"), self.tr("Operator"), self.tr("Action"), self.tr("Details"))
        try:
            write_table([(when, *row[1:]) for when, row in zip(self.times, self.rows,
                                                                strict=True)], header, out)
        except AppError as exc:
            show_error(self, exc)
            return None
        _log(self.ctx, "export_audit", file=out.name)
        QMessageBox.information(self, self.tr("Saved"),
                                self.tr("The audit log was saved to {path}.").format(path=out))
        return out

    @classmethod
    def show_for(cls, ctx: Any, parent: QWidget | None = None) -> None:
        cls(ctx, parent).exec()


# -- operators -----------------------------------------------------------------------------
class PinDialog(QDialog):
    """A new PIN typed twice (and, for a new operator, the name and role)."""

    def __init__(self, title: str, roles: tuple[str, ...] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.role = QComboBox()
        for role in roles:
            self.role.addItem(permissions.role_label(role), role)
        if roles:
            form.addRow(self.tr("&Name"), self.name)
            form.addRow(self.tr("&Role"), self.role)
        self.pin = QLineEdit()
        self.again = QLineEdit()
        for edit in (self.pin, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("New &PIN (at least 4 characters)"), self.pin)
        form.addRow(self.tr("Rep&eat the PIN"), self.again)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        ok.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        form.addRow(buttons)

    @classmethod
    def ask(cls, title: str, roles: tuple[str, ...] = (),
            parent: QWidget | None = None, *,
            initial: tuple[str, str, str, str] | None = None,
            ) -> tuple[str, str, str, str] | None:
        """``(name, role, pin, repeated pin)`` or None (tests replace this). ``initial``
        fills the form again after a refusal, so nothing typed is lost."""
        dialog = cls(title, roles, parent)
        if initial is not None:
            dialog.name.setText(initial[0])
            dialog.role.setCurrentIndex(max(0, dialog.role.findData(initial[1])))
            dialog.pin.setText(initial[2])
            dialog.again.setText(initial[3])
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return (dialog.name.text(), dialog.role.currentData() or "", dialog.pin.text(),
                dialog.again.text())


IDLE_SETTING = "idle_minutes"


class OperatorsDialog(QDialog):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("OperatorsDialog")
        self.setWindowTitle(self.tr("Operators and PINs"))
        self.resize(760, 420)
        self.ids: list[int] = []
        self.explain = QLabel(self.tr(
            "Everyone who uses this computer has their own name and PIN, so the change history "
            "shows who did what. The village head may add operators, set a forgotten PIN and "
            "deactivate operators; everyone may change their own PIN. If the head forgets "
            "their PIN, P4MI or the trainer can set a new one with the command "
            "\"reset-pin\"; no data is lost."))
        self.explain.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("operator_table")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("PIN"),
                                              self.tr("Last sign-in")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("&Add operator..."))
        self.own_pin_button = QPushButton(self.tr("Change m&y PIN..."))
        self.set_pin_button = QPushButton(self.tr("&Set PIN of selected..."))
        self.deactivate_button = QPushButton(self.tr("&Deactivate selected"))
        close = QPushButton(self.tr("Close"))
        self.add_button.clicked.connect(self.add)
        self.own_pin_button.clicked.connect(self.change_own_pin)
        self.set_pin_button.clicked.connect(self.set_pin)
        self.deactivate_button.clicked.connect(self.deactivate)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.own_pin_button, self.set_pin_button,
                  self.deactivate_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        from PySide6.QtWidgets import QSpinBox

        from app.core.db import get_setting

        idle_row = QHBoxLayout()
        idle_label = QLabel(self.tr("Lock the screen after this many &minutes without use:"))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idle_minutes")
        self.idle_minutes.setRange(1, 240)
        with ctx.db.session() as s:
            self.idle_minutes.setValue(int(get_setting(s, IDLE_SETTING, "10") or 10))
        idle_label.setBuddy(self.idle_minutes)
        self.idle_minutes.editingFinished.connect(self.save_idle_minutes)
        idle_row.addWidget(idle_label)
        idle_row.addWidget(self.idle_minutes)
        idle_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.table, 1)
        layout.addLayout(idle_row)
        layout.addLayout(buttons)
        self.reload()

    def save_idle_minutes(self) -> None:
        """Only a head may loosen the lock; the new time applies from the next start."""
        from app.core.access import Permission
        from app.core.db import set_setting
        from app.core.services.audit import log_event
        from app.ui.permissions import require

        if not require(self, self.ctx, Permission.MANAGE_OPERATORS):
            return
        minutes = self.idle_minutes.value()
        with self.ctx.write() as s:
            set_setting(s, IDLE_SETTING, str(minutes))
            log_event(s, "idle_minutes", minutes=minutes)
        lock = getattr(self.parent(), "idle_lock", None)
        if lock is not None:
            lock.timer.setInterval(minutes * 60_000)
            lock.timer.start()

    def roles(self) -> tuple[str, ...]:
        return tuple(str(r) for r in (P4MI_ROLES if self.ctx.office.is_p4mi else VILLAGE_ROLES))

    def reload(self) -> None:
        from app.core.services.operators import active_operators
        from app.ui.dialogs.history import local_time

        with self.ctx.db.session() as s:
            ops = [(o.id, o.name, o.role, bool(o.pin_hash), o.last_login)
                   for o in active_operators(s)]
        self.ids = [o[0] for o in ops]
        self.table.setRowCount(len(ops))
        for row, (_id, name, role, has_pin, last) in enumerate(ops):
            values = (name, permissions.role_label(role),
                      self.tr("set") if has_pin else self.tr("none"),
                      local_time(last) if last else "")
            for col, text in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def select_name(self, name: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == name:
                self.table.selectRow(row)
                return

    def _run(self, fn: Any) -> bool:
        try:
            with self.ctx.write() as s:
                fn(s)
        except AppError as exc:
            show_error(self, exc)
            return False
        self.reload()
        return True

    def _pin_ok(self, pin: str, again: str) -> bool:
        if pin != again:
            show_error(self, AppError("auth.pin_mismatch"))
            return False
        return True

    def add(self) -> bool:
        from app.core.access import Role
        from app.core.services.operators import HEAD_ROLES, add_operator, pins_required

        if not permissions.require(self, self.ctx, Permission.MANAGE_OPERATORS):
            return False
        typed: tuple[str, str, str, str] | None = None
        while True:  # a refusal opens the form again with what was typed, not a blank one
            answer = PinDialog.ask(self.tr("Add operator"), self.roles(), self, initial=typed)
            if answer is None:
                return False
            name, role, pin, again = answer
            if not self._pin_ok(pin, again):
                typed = (name, role, "", "")
                continue
            with self.ctx.db.session() as s:
                first = not pins_required(s)
            if first and Role(role) not in HEAD_ROLES:
                QMessageBox.information(self, self.tr("Add the head first"), self.tr(
                    "Once a PIN exists, everyone signs in with a PIN. Add the village head (or "
                    "the head of P4MI) with a PIN first, so someone can always manage the "
                    "operators."))
                typed = answer
                continue
            return self._run(lambda s, n=name, r=role, p=pin: add_operator(s, n, r, p))

    def change_own_pin(self) -> bool:
        from app.core.services.operators import change_pin

        who = _signed_in(self.ctx)
        if who is None or not who.id:
            QMessageBox.information(self, self.tr("Nobody signed in"), self.tr(
                "Nobody is signed in with a PIN yet. Choose a person in the list and use "
                "\"Set PIN of selected\"."))
            return False
        answer = PinDialog.ask(self.tr("Change my PIN"), (), self)
        if answer is None or not self._pin_ok(answer[2], answer[3]):
            return False
        return self._run(lambda s: change_pin(s, who.id, answer[2], by=who))

    def set_pin(self) -> bool:
        from app.core.services.operators import change_pin

        op_id = self.selected_id()
        if op_id is None:
            return False
        who = _acting(self.ctx)
        if op_id != who.id and not permissions.require(self, self.ctx,
                                                       Permission.MANAGE_OPERATORS):
            return False
        name = self.table.item(self.table.currentRow(), 0).text()
        answer = PinDialog.ask(self.tr("New PIN for {name}").format(name=name), (), self)
        if answer is None or not self._pin_ok(answer[2], answer[3]):
            return False
        return self._run(lambda s: change_pin(s, op_id, answer[2], by=who))

    def deactivate(self) -> bool:
        from app.core.services.operators import deactivate

        op_id = self.selected_id()
        if op_id is None:
            return False
        if not permissions.require(self, self.ctx, Permission.MANAGE_OPERATORS):
            return False
        name = self.table.item(self.table.currentRow(), 0).text()
        answer = QMessageBox.question(
            self, self.tr("Deactivate operator"),
            self.tr("Deactivate {name}? They can no longer sign in. Their changes stay in the "
                    "history.").format(name=name))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self._run(lambda s: deactivate(s, op_id, by=_acting(self.ctx)))

    @classmethod
    def show_for(cls, ctx: Any, parent: QWidget | None = None) -> None:
        cls(ctx, parent).exec()


# -- privacy notice ------------------------------------------------------------------------
def privacy_markdown() -> str:
    from app.core.reference import resources_dir

    path = resources_dir() / "privacy" / "pemberitahuan_privasi.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


class PrivacyDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PrivacyDialog")
        self.setWindowTitle(self.tr("Privacy notice"))
        self.resize(760, 600)
        self.text = QTextBrowser()
        self.text.setObjectName("privacy_text")
        self.text.setOpenExternalLinks(False)
        self.text.setMarkdown(privacy_markdown())
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    @classmethod
    def show_for(cls, parent: QWidget | None = None) -> None:
        cls(parent).exec()


# -- the menu ------------------------------------------------------------------------------
class DataMenu(QMenu):
    """The Data menu and its handlers (kept by the window as ``window.data_menu``)."""

    def __init__(self, window: QMainWindow, ctx: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.ctx = ctx
        self.setObjectName("data_menu")
        self.last_result: Any = None

        def add(name: str, slot: Any) -> QAction:
            action = QAction(self)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False: slot())
            self.addAction(action)
            return action

        self.backup_action = add("backup_now", self.backup_now)
        self.backup_to_action = add("backup_to", self.backup_to)
        self.addSeparator()
        self.restore_action = add("restore", self.restore)
        self.undo_action = add("undo_restore", self.undo_restore)
        self.addSeparator()
        self.audit_action = add("audit_log", self.show_audit)
        self.operators_action = add("operators", self.show_operators)
        self.addSeparator()
        self.stats_action = add("public_stats", self.save_statistics)
        self.privacy_action = add("privacy", self.show_privacy)
        # import of existing lists (app/ui/import_list)
        self.addSeparator()
        self.import_list_action = add("import_list", self.import_list)
        self.undo_import_list_action = add("undo_import_list", self.undo_import_list)
        for action in (self.import_list_action, self.undo_import_list_action):
            action.setVisible(not ctx.office.is_p4mi)  # lists are a village's door
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("&Data"))
        self.backup_action.setText(self.tr("&Back up now"))
        self.backup_to_action.setText(self.tr("Back up &to a folder or USB..."))
        self.restore_action.setText(self.tr("&Restore..."))
        self.undo_action.setText(self.tr("&Undo last restore"))
        self.audit_action.setText(self.tr("Change &history (audit log)"))
        self.operators_action.setText(self.tr("&Operators and PINs..."))
        self.stats_action.setText(self.tr("Public &statistics..."))
        self.privacy_action.setText(self.tr("&Privacy notice"))
        self.import_list_action.setText(self.tr("&Import an existing list (OpenSID, SIAK, "
                                                "Excel)..."))
        self.undo_import_list_action.setText(self.tr("Undo last list &import"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def import_list(self) -> Any:
        from app.ui.import_list import ImportListWizard

        if not permissions.require(self.window_, self.ctx, Permission.EDIT):
            return None
        wizard = ImportListWizard(self.ctx, self.window_)
        wizard.show()
        self.last_result = wizard
        return wizard

    def undo_import_list(self) -> Any:
        from app.ui.import_list import undo_last_list_import

        if not permissions.require(self.window_, self.ctx, Permission.EDIT):
            return None
        return undo_last_list_import(self.ctx, self.window_)

    @property
    def data_dir(self) -> Any:
        return self.ctx.workspace.data_dir

    def _info(self, title: str, text: str) -> None:
        QMessageBox.information(self.window_, title, text)

    # -- backups ---------------------------------------------------------------------------
    def _backup(self, folder: Path, rotate: bool) -> Op:
        from app.core.backup import backup_database
        from app.core.backup import rotate as rotate_backups
        from app.core.services.audit import log_event

        ctx = self.ctx

        def work(_progress: Any, _cancel: Any) -> Path:
            made = backup_database(self.data_dir.db_path, folder, reason="manual")
            if rotate:
                rotate_backups(folder)
            with ctx.db.unit_of_work(ctx.operator) as s:
                log_event(s, "backup", path=str(made))
            log.info("backup made: %s", made)
            return made

        def done(made: Path) -> None:
            self.last_result = made
            self._info(self.tr("Backup made"), self.tr(
                "The backup was made and checked:\n{path}").format(path=made))

        return (Op(ctx.tasks, work, self.window_).with_progress(self.tr("Making a backup..."))
                .on_success(done).start())

    def backup_now(self) -> Op:
        return self._backup(self.data_dir.backups, rotate=True)

    def backup_to(self) -> Op | None:
        if not permissions.require(self.window_, self.ctx, Permission.EXPORT):
            return None
        folder = QFileDialog.getExistingDirectory(
            self.window_, self.tr("Choose the folder or USB stick for the backup"))
        if not folder:
            return None
        return self._backup(Path(folder), rotate=False)

    # -- restore ---------------------------------------------------------------------------
    def restore(self) -> Op | None:
        if not permissions.require(self.window_, self.ctx, Permission.RESTORE):
            return None
        source = RestoreDialog.ask(self.ctx, self.window_)
        if source is None:
            return None
        answer = QMessageBox.question(
            self.window_, self.tr("Restore the backup?"),
            self.tr("Restore the data from {file}?\n\nThe current data is kept as a backup "
                    "first, so you can undo this with Data > Undo last restore.").format(
                file=source.name))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self.run_restore(source, undo=False)

    def undo_source(self) -> Any:
        """The backup made just before the last restore (None when there was none)."""
        from app.core.backup import list_backups

        return next((b for b in list_backups(self.data_dir.backups)
                     if b.reason == UNDO_REASON), None)

    def undo_restore(self) -> Op | None:
        if not permissions.require(self.window_, self.ctx, Permission.RESTORE):
            return None
        last = self.undo_source()
        if last is None:
            self._info(self.tr("Nothing to undo"),
                       self.tr("No restore was made on this computer, so there is nothing to "
                               "undo."))
            return None
        answer = QMessageBox.question(
            self.window_, self.tr("Undo the last restore?"),
            self.tr("Put the data back as it was just before the restore of {when}?\n\nThe "
                    "current data is kept as a backup first.").format(when=_local(last.taken)))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self.run_restore(last.path, undo=True)

    def run_restore(self, source: Path, *, undo: bool) -> Op:
        """Close the database, restore on the DB worker, let every view read again."""
        from app.core.restore import restore_database

        ctx = self.ctx
        workspace = ctx.workspace
        window = self.window_
        # No input and no repaint (a table's repaint reads rows) while the file is replaced.
        window.setEnabled(False)
        central = window.centralWidget()
        if central is not None:
            central.setUpdatesEnabled(False)

        def resume() -> None:
            window.setEnabled(True)
            if central is not None:
                central.setUpdatesEnabled(True)

        def work(_progress: Any, _cancel: Any) -> Any:
            workspace.db.close()
            log.info("restore from %s (undo=%s)", source, undo)
            try:
                return restore_database(workspace.data_dir, source)
            finally:
                # Drop any connection opened meanwhile: it would still see the old file.
                workspace.db.engine.dispose()

        def done(result: Any) -> None:
            resume()
            self.last_result = result
            _log(ctx, "restore_undo" if undo else "restore", source=str(result.source),
                 path=str(result.undo or ""))
            ctx.notify_changed("restore")
            text = self.tr("The data was restored from {file}. The program re-opened the "
                           "database; what you see now comes from that backup.").format(
                file=result.source.name)
            if result.undo is not None:
                text += "\n\n" + self.tr("The data from before the restore is kept in {file}; "
                                         "Data > Undo last restore brings it back.").format(
                    file=result.undo.name)
            if result.damaged_copy is not None:
                text += "\n\n" + self.tr("The damaged database was kept as {file}.").format(
                    file=result.damaged_copy)
            self._info(self.tr("Restore finished"), text)

        def failed(exc: BaseException) -> None:
            resume()
            log.error("restore failed", exc_info=exc)
            ctx.notify_changed("restore")
            show_error(window, exc)

        return (Op(ctx.tasks, work, window).with_progress(self.tr("Restoring the backup..."))
                .not_cancellable()
                .on_success(done).on_failure(failed).start())

    # -- audit, operators, statistics, privacy -----------------------------------------
    def show_audit(self) -> None:
        AuditDialog.show_for(self.ctx, self.window_)

    def show_operators(self) -> None:
        OperatorsDialog.show_for(self.ctx, self.window_)

    def save_statistics(self) -> Op | None:
        from app.core.services.audit import log_event
        from app.core.stats import public_statistics, write_statistics_csv

        if not permissions.require(self.window_, self.ctx, Permission.EXPORT):
            return None
        default = self.data_dir.outbox / f"statistik_publik_{date.today():%Y%m%d}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self.window_, self.tr("Save public statistics"), str(default),
            self.tr("CSV for Excel (*.csv)"))
        if not path:
            return None
        out = Path(path)
        if out.suffix.lower() != ".csv":
            out = out.with_suffix(".csv")
        ctx = self.ctx
        title = self.tr("Migrant worker statistics of {name}, as of {day}").format(
            name=ctx.office.name, day=f"{date.today():%d/%m/%Y}")

        def work(_progress: Any, _cancel: Any) -> Path:
            with ctx.db.session() as s:
                rows = public_statistics(s)
            written = write_statistics_csv(rows, out, title)
            with ctx.db.unit_of_work(ctx.operator) as s:
                log_event(s, "export_stats", path=str(written))
            return written

        def done(written: Path) -> None:
            self.last_result = written
            self._info(self.tr("Statistics saved"), self.tr(
                "The public statistics were saved to {path}. They hold counts only; counts "
                "below 5 are shown as \"<5\", so no one can be singled out.").format(
                path=written))

        return (Op(ctx.tasks, work, self.window_).with_progress(self.tr("Counting..."))
                .on_success(done).start())

    def show_privacy(self) -> None:
        PrivacyDialog.show_for(self.window_)


def install_data_menu(window: QMainWindow, ctx: Any) -> QMenu:
    """Add the Data menu to ``window``'s menu bar (before Help when there is one)."""
    menu = DataMenu(window, ctx)
    bar = window.menuBar()
    before = None
    help_menu = getattr(window, "help_menu", None)
    if help_menu is not None:
        before = help_menu.menuAction()
    if before is not None:
        bar.insertMenu(before, menu)
    else:
        bar.addMenu(menu)
    window.data_menu = menu  # type: ignore[attr-defined]
    return menu
