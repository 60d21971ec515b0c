"""Deleting a person (UU 27/2022 deletion request, or a record made by mistake).

The confirmation names the person, says what happens (personal values erased, also from the
change history; the deletion goes to P4MI in the next bundle; backups keep the old values
until rotation removes them) and asks the operator to type HAPUS or the person's name.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.core.access import Permission
from app.ui import permissions

translate = QCoreApplication.translate

CONFIRM_WORD = "HAPUS"


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


class DeleteResidentDialog(QDialog):
    def __init__(self, name: str, nik: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DeleteResidentDialog")
        self.person = name
        self.setWindowTitle(self.tr("Delete resident"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        who = f"{name} (NIK {nik})" if nik else name
        self.heading = QLabel(self.tr("Delete {person} from the register?").format(person=who))
        self.heading.setStyleSheet("font-weight: bold;")
        self.heading.setWordWrap(True)
        self.explain = QLabel(self.tr(
            "What happens:\n"
            "• The personal data of this person (NIK, family card, birth date, address, "
            "phone, passport, notes) and of their migration episodes, cases and news is "
            "erased, also from the change history. Only the fact of the deletion, who did it "
            "and when, stays.\n"
            "• The deletion is sent to P4MI in the next bundle, and P4MI deletes the person "
            "too.\n"
            "• The backups on this computer keep the old values until they are rotated out "
            "(after about a year at most).\n"
            "This cannot be undone from this window."))
        self.explain.setWordWrap(True)
        self.prompt = QLabel(self.tr("To confirm, type {word} or the person's name:").format(
            word=CONFIRM_WORD))
        self.answer = QLineEdit()
        self.answer.setObjectName("delete_confirm_text")
        self.prompt.setBuddy(self.answer)
        self.buttons = QDialogButtonBox()
        self.delete_button = self.buttons.addButton(self.tr("Delete"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.delete_button.setObjectName("confirm_delete")
        cancel = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setDefault(True)
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        self.answer.textChanged.connect(self._check)
        for widget in (self.heading, self.explain, self.prompt, self.answer):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)
        from app.ui.widgets.forms import FormKeys

        # a confirmation, not a form: focus the answer, Esc simply cancels
        self.keys = FormKeys(self, first=self.answer, guard=False)

    def confirmed(self) -> bool:
        typed = _norm(self.answer.text())
        return bool(typed) and typed in (_norm(CONFIRM_WORD), _norm(self.person))

    def _check(self) -> None:
        self.delete_button.setEnabled(self.confirmed())

    def accept(self) -> None:
        if self.confirmed():
            super().accept()

    @classmethod
    def ask(cls, name: str, nik: str, parent: QWidget | None = None) -> bool:
        """True when the operator confirmed the deletion (tests replace this)."""
        dialog = cls(name, nik, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted and dialog.confirmed()


def delete_person(ctx: Any, resident_id: str, parent: QWidget | None = None) -> bool:
    """Check the permission, confirm, delete in one unit of work; True when deleted."""
    from app.core.errors import AppError
    from app.core.repo.records import resident_brief
    from app.core.services.residents import delete_resident
    from app.ui.errors import show_error

    if not permissions.require(parent, ctx, Permission.DELETE):
        return False
    with ctx.db.session() as s:
        person = resident_brief(s, resident_id)
    if person is None or person.deleted:
        return False
    name, nik = person.name, person.nik
    if not DeleteResidentDialog.ask(name, nik, parent):
        return False
    try:
        with ctx.write() as s:
            delete_resident(s, resident_id, by=getattr(ctx, "signed_in", None))
    except AppError as exc:
        show_error(parent, exc)
        return False
    ctx.notify_changed("resident")
    QMessageBox.information(
        parent, translate("DeleteResidentDialog", "Deleted"),
        translate("DeleteResidentDialog",
                  "{name} was deleted. The deletion goes to P4MI with the next bundle.")
        .format(name=name))
    return True
