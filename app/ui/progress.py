"""A progress dialog that appears only when work takes longer than a moment.

A 100 ms timer polls the operation's :class:`~app.ui.tasks.ProgressSlot` (no signal storm from
the worker); the busy cursor appears at 300 ms and the dialog at 600 ms (Anki's
``ProgressManager``). **Batal** sets the cancel token; the worker stops at its next check.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.progress import CancelToken
from app.ui.i18n import current_language

BUSY_CURSOR_MS = 300
DIALOG_MS = 600
POLL_MS = 100


class ProgressDialog(QDialog):
    def __init__(self, label: str, cancel: CancelToken, parent: QWidget | None = None, *,
                 cancellable: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Please wait"))
        self.setModal(True)
        self.setMinimumWidth(380)
        self._cancel = cancel
        layout = QVBoxLayout(self)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self._on_cancel)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignRight)
        # Work that cannot stop half-way (a restore) shows no Batal button at all.
        self.cancel_button.setVisible(cancellable)
        self.cancellable = cancellable

    def _on_cancel(self) -> None:
        if not self.cancellable:
            return
        self._cancel.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Cancelling..."))

    def reject(self) -> None:  # Esc means Batal, never "hide while running"
        self._on_cancel()


class DelayedProgress:
    def __init__(self, label: str, slot, cancel: CancelToken,  # noqa: ANN001
                 parent: QWidget | None = None, *, cancellable: bool = True) -> None:
        self.cancellable = cancellable
        self.label = label
        self.slot = slot
        self.cancel = cancel
        self.parent = parent
        self.dialog: ProgressDialog | None = None
        self._cursor = False
        self._clock = QElapsedTimer()
        self._clock.start()
        self.timer = QTimer()
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        elapsed = self._clock.elapsed()
        if elapsed >= BUSY_CURSOR_MS and not self._cursor:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BusyCursor))
            self._cursor = True
        if elapsed >= DIALOG_MS and self.dialog is None:
            self.dialog = ProgressDialog(self.label, self.cancel, self.parent,
                                         cancellable=self.cancellable)
            self.dialog.show()
        if self.dialog is not None:
            p = self.slot.get()
            text = p.text(current_language())
            if text and not self.cancel.cancelled:
                self.dialog.label.setText(text)
            if p.total > 0:
                self.dialog.bar.setRange(0, p.total)
                self.dialog.bar.setValue(min(p.done, p.total))

    def finish(self) -> None:
        self.timer.stop()
        if self._cursor:
            QGuiApplication.restoreOverrideCursor()
            self._cursor = False
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
