"""Data > Privacy notice."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


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
