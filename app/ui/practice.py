"""Practice mode in the GUI: the orange strip shown on every screen of a practice folder.

``practice_banner(parent)`` returns the strip ("MODE LATIHAN — data di sini hanya untuk
berlatih, tidak dikirim ke P4MI"); the main window puts it above its views when
``app.core.practice.is_practice(workspace)`` is true. ``practice_title(title)`` marks a
window title the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from app.ui.i18n import Retranslating

BANNER_STYLE = ("QLabel#practiceBanner { background: #e65100; color: white; font-weight: bold;"
                " padding: 6px 12px; }")


class PracticeBanner(Retranslating, QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("practice mode")
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("PRACTICE MODE — data here is only for practice and is not sent "
                             "to P4MI"))
        self.setAccessibleName(self.text())



def practice_banner(parent: QWidget | None = None) -> QWidget:
    """The clearly visible orange practice-mode strip."""
    return PracticeBanner(parent)


def practice_title(title: str) -> str:
    """``title`` marked for practice mode, e.g. for the main window's title."""
    return QCoreApplication.translate("PracticeBanner", "{title} — PRACTICE MODE").format(
        title=title)
