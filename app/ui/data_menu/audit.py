"""Data > Audit log: the viewer, its readable lines and the export."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.access import Permission
from app.core.errors import AppError
from app.ui import permissions
from app.ui.data_menu.common import (
    _log,
)
from app.ui.errors import show_error
from app.ui.i18n import Retranslating

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

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


class AuditDialog(Retranslating, QDialog):
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

    def after_retranslate(self) -> None:
        self.reload()  # the rows are rendered in the language

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
