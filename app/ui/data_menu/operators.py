"""Data > Operators: names, roles, PINs and the idle lock's minutes."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.access import P4MI_ROLES, VILLAGE_ROLES, Permission
from app.core.errors import AppError
from app.ui import permissions
from app.ui.data_menu.common import (
    _acting,
    _signed_in,
)
from app.ui.errors import show_error

log = logging.getLogger(__name__)


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
