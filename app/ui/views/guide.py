"""Panduan: a short offline help in Indonesian, from ``resources/guide/*.md``.

Each Markdown file is one topic (its first ``# `` line is the title), listed on the left and
shown in a QTextBrowser. Filters (``apply_filter``): ``topic="03-paket-p4mi"`` (file stem).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.context import AppContext
from app.ui.i18n import Retranslating


def guide_dir() -> Path:
    from app.core.reference import resources_dir

    return resources_dir() / "guide"


def topics() -> list[tuple[str, str, str]]:
    """``(stem, title, markdown)`` of every guide file, in file-name order."""
    out = []
    for path in sorted(guide_dir().glob("*.md")):
        text = path.read_text(encoding="utf-8")
        first = next((line for line in text.splitlines() if line.startswith("# ")), path.stem)
        out.append((path.stem, first.removeprefix("# ").strip(), text))
    return out


class GuideView(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("GuideView")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.list = QListWidget()
        self.list.setObjectName("guide_topics")
        self.list.setFixedWidth(240)
        self.list.setSpacing(3)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide_text")
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)
        self.browser.document().setDefaultStyleSheet(
            "h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 12px; }"
            "td, th { padding: 3px 6px; } th { background: #e6e6e6; }")
        self.browser.setStyleSheet("QTextBrowser { padding: 8px 16px; }")
        self._topics = topics()
        for stem, title, _text in self._topics:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, stem)
            self.list.addItem(item)
        self.list.currentRowChanged.connect(self._show)
        row = QHBoxLayout()
        row.addWidget(self.list)
        row.addWidget(self.browser, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.note)
        layout.addLayout(row, 1)
        self.retranslate()
        if self._topics:
            self.list.setCurrentRow(0)

    def retranslate(self) -> None:
        self.note.setText(self.tr("This guide is written in Indonesian, the language of the "
                                  "village office.") if self.ctx.language == "en" else "")
        self.note.setVisible(self.ctx.language == "en")

    def _show(self, row: int) -> None:
        if 0 <= row < len(self._topics):
            self.browser.setMarkdown(self._topics[row][2])

    def current_topic(self) -> str:
        row = self.list.currentRow()
        return self._topics[row][0] if 0 <= row < len(self._topics) else ""

    def apply_filter(self, **filters: object) -> None:
        topic = str(filters.get("topic", ""))
        for i, (stem, _t, _x) in enumerate(self._topics):
            if stem == topic:
                self.list.setCurrentRow(i)
                break

    def focus_search(self) -> None:
        self.list.setFocus()
