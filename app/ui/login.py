"""Signing in with a PIN at start, and the lock screen after the laptop sat idle.

Once any operator has a PIN, everyone signs in (the shared village laptop); wrong PINs slow
further tries down (the service records each try). After ``idle minutes`` without keyboard or
mouse input the window is covered by the same dialog until a PIN is entered again; nothing
typed in an open form is lost, the lock only hides the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.db import Database
from app.core.errors import AppError
from app.core.services.operators import (
    SignedIn,
    active_operators,
    default_operator,
    operator_named,
    pins_required,
)
from app.core.workspace import Office

DEFAULT_IDLE_MINUTES = 10


class LoginDialog(QDialog):
    """Choose your name, type your PIN. ``signed_in`` is set when accepted."""

    def __init__(self, db: Database, office: Office, *, locked_for: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.signed_in: SignedIn | None = None
        self.setWindowTitle(self.tr("Buku Migran Desa: sign in"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Register of {office}. Choose your name and type your PIN.")
                       .format(office=office.name) if not locked_for else
                       self.tr("The register was locked because the laptop was not used for "
                               "a while. Type your PIN to continue."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.operator = QComboBox()
        self.operator.setObjectName("login_operator")
        with db.session() as s:
            for op in active_operators(s):
                self.operator.addItem(op.name, op.name)
        if locked_for:
            index = self.operator.findData(locked_for)
            if index >= 0:
                self.operator.setCurrentIndex(index)
        self.pin = QLineEdit()
        self.pin.setObjectName("login_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Name"), self.operator)
        form.addRow(self.tr("&PIN"), self.pin)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setObjectName("login_problem")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Sign in"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Close the program") if not locked_for else self.tr("Cancel"))
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # a wrong-PIN message must not squeeze the PIN field: the dialog grows instead
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(440)
        self.problem.setMinimumHeight(self.problem.fontMetrics().lineSpacing() * 2)
        self.pin.setMinimumHeight(self.pin.sizeHint().height())
        from app.ui.widgets.forms import FormKeys

        self.keys = FormKeys(self, first=self.pin, guard=False)

    def try_sign_in(self) -> None:
        from app.core.messages import message
        from app.core.services.operators import sign_in
        from app.ui.i18n import current_language

        try:
            self.signed_in = sign_in(self.db, self.operator.currentData() or "", self.pin.text())
        except AppError as exc:
            self.problem.setText(message(exc.code, current_language(), **exc.params))
            self.adjustSize()
            self.pin.clear()
            self.pin.setFocus()
            return
        self.accept()

    @classmethod
    def ask(cls, db: Database, office: Office, *, locked_for: str = "",
            parent: QWidget | None = None) -> SignedIn | None:
        dialog = cls(db, office, locked_for=locked_for, parent=parent)
        dialog.exec()
        return dialog.signed_in


def signed_in_after_setup(db: Database, name: str) -> SignedIn | None:
    """The operator the first-start wizard just created (they typed their PIN a moment
    ago: they are not asked for it again)."""
    return operator_named(db, name)


def sign_in_at_start(db: Database, office: Office) -> SignedIn | None:
    """The PIN dialog when PINs are in use; None when the user closed it."""
    with db.session() as s:
        needed = pins_required(s)
    if not needed:
        return default_operator(db, office)
    return LoginDialog.ask(db, office)


class IdleLock(QObject):
    """Locks the window after ``minutes`` without input, when PINs are in use."""

    def __init__(self, window: QWidget, ctx: object, minutes: int = DEFAULT_IDLE_MINUTES,
                 ) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, minutes) * 60_000)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        """Stop watching for good: a closed window has nothing to lock, and a timer left
        running would later open a sign-in box over no window at all."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.stop()
            return False
        if not self.locked and event.type() in (
                QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                QEvent.Type.Wheel):
            self.timer.start()
        return False

    def lock(self) -> None:
        """Hide the window behind the sign-in dialog until a PIN is typed (or quit)."""
        ctx = self.ctx
        if not self.window.isVisible():
            return
        with ctx.db.session() as s:  # type: ignore[attr-defined]
            if not pins_required(s):
                self.timer.start()
                return
        self.locked = True
        self.window.hide()
        who = LoginDialog.ask(ctx.db, ctx.office,  # type: ignore[attr-defined]
                              locked_for=ctx.operator)  # type: ignore[attr-defined]
        self.locked = False
        if who is None:
            self.window.close()
            return
        ctx.sign_in(who)  # type: ignore[attr-defined]
        self.window.show()
        self.timer.start()
