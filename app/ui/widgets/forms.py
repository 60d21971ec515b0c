"""The keyboard contract every form dialog keeps (issue 14), in one place.

``FormKeys(dialog, save=..., first=..., save_button=...)``:

- the ``first`` field has the focus when the dialog opens (not the tab bar, not a button);
- **Ctrl+S** calls ``save`` (the same as the Save button); **Enter** presses the Save button
  (``save_button`` becomes the default button; multi-line notes keep Enter for a new line);
- **Esc** (or the window's close button) on a form whose fields were changed asks before the
  changes are discarded (:func:`ask_discard`, which tests replace); an unchanged form closes
  at once. "Changed" compares every input field under ``root`` (default: the dialog) with its
  value when the dialog was shown, or when :meth:`FormKeys.mark_clean` was last called (e.g.
  after a save that keeps the dialog open).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

translate = QCoreApplication.translate


def ask_discard(parent: QWidget | None) -> bool:
    """Ask whether to throw the changes away; True to discard and close."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("Forms", "Discard changes?"))
    box.setText(translate("Forms", "You changed this form without saving. Close it and "
                          "discard the changes?"))
    discard = box.addButton(translate("Forms", "&Discard changes"),
                            QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(translate("Forms", "&Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


def form_state(root: QWidget) -> tuple[Any, ...]:
    """The values of every user-editable input under ``root`` (for "was it changed?")."""
    values: list[Any] = []
    for w in root.findChildren(QWidget):
        if isinstance(w.parent(), (QAbstractSpinBox, QComboBox)):
            continue  # the line edit inside a date/spin/editable combo: its owner counts
        if isinstance(w, QLineEdit):
            values.append((w.objectName(), w.text()))
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            if not w.isReadOnly():
                values.append((w.objectName(), w.toPlainText()))
        elif isinstance(w, QComboBox):
            values.append((w.objectName(), w.currentIndex(), w.currentText()))
        elif isinstance(w, QAbstractSpinBox):
            values.append((w.objectName(), w.text()))
        elif isinstance(w, QAbstractButton) and w.isCheckable() and not isinstance(
                w, QPushButton):
            values.append((w.objectName(), w.isChecked()))
    return tuple(values)


class FormKeys(QObject):
    def __init__(self, dialog: QDialog, *, save: Callable[[], Any] | None = None,
                 first: QWidget | None = None, save_button: QPushButton | None = None,
                 root: QWidget | None = None, guard: bool = True) -> None:
        super().__init__(dialog)
        self.guard = guard
        self.dialog = dialog
        self.first = first
        self.root = root or dialog
        self.clean: tuple[Any, ...] | None = None
        self.shortcut: QShortcut | None = None
        if save is not None:
            self.shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), dialog)
            self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            self.shortcut.activated.connect(lambda: save())
        if save_button is not None:
            save_button.setAutoDefault(True)
            save_button.setDefault(True)
        dialog.installEventFilter(self)

    def mark_clean(self) -> None:
        """The fields as they are now count as unchanged."""
        self.clean = form_state(self.root)

    def changed(self) -> bool:
        return self.guard and self.clean is not None and form_state(self.root) != self.clean

    def focus_first(self) -> None:
        if self.first is not None and self.first.isEnabled():
            self.first.setFocus(Qt.FocusReason.OtherFocusReason)

    def may_close(self) -> bool:
        """Unchanged, or the user agreed to discard the changes."""
        return not self.changed() or ask_discard(self.dialog)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is getattr(self, "dialog", None):
            kind = event.type()
            if kind == QEvent.Type.Show:
                if self.clean is None:
                    self.mark_clean()
                self.focus_first()
            elif kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
                if not self.may_close():
                    event.accept()
                    return True
                self.clean = None  # asked once is enough
            elif (kind == QEvent.Type.Close and event.spontaneous()
                  and self.dialog.isVisible()):
                # the window's close button (a close() by the program does not ask)
                if not self.may_close():
                    event.ignore()
                    return True
                self.clean = None
        return super().eventFilter(watched, event)
