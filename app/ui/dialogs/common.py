"""Small modal questions with a plain-value ``ask`` (tests replace these functions)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

translate = QCoreApplication.translate


def _tr(text: str) -> str:
    return translate("Dialogs", text)


def confirm_warnings(parent: QWidget | None, warnings: list[str], *, title: str = "") -> bool:
    """Show the warnings with their explanation; True if the operator chooses to go on."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or translate("Dialogs", "Please check"))
    box.setText(translate("Dialogs", "Please check these points. They do not stop you from "
                          "saving, but the village should know about them."))
    box.setInformativeText("\n".join("• " + w for w in warnings))
    save = box.addButton(translate("Dialogs", "Save anyway"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("Dialogs", "Go back and fix"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    return box.clickedButton() is save


def confirm(parent: QWidget | None, question: str, *, title: str = "") -> bool:
    answer = QMessageBox.question(parent, title or translate("Dialogs", "Please confirm"), question)
    return answer == QMessageBox.StandardButton.Yes
