"""Pseudo-localisation: every translated string 40% longer, to find text that a longer
translation would cut (as Vorta's tests do). Placeholders (``{name}``, ``%1``) and the ``&``
accelerator are kept, so the program still formats and the keyboard still works."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QTranslator

GROWTH = 0.4
_KEEP = re.compile(r"(\{[^}]*\}|%\d|<[^>]*>)")


def stretch(text: str) -> str:
    """``text`` padded by 40% of its visible length (tags and placeholders not counted)."""
    if not text or text.isspace():
        return text
    return "\n".join(_stretch_line(line) for line in text.split("\n"))


def _stretch_line(line: str) -> str:
    """One line padded by 40%; long padding comes in words of five, so a word-wrapped
    label can still break it (as a real longer translation could)."""
    visible = len(_KEEP.sub("", line).replace("&", ""))
    if not visible:
        return line
    pad = max(1, round(visible * GROWTH))
    if pad <= 8:
        return f"{line}{'~' * pad}"
    words = ["~" * 5] * (pad // 6) + (["~" * (pad % 6)] if pad % 6 else [])
    return f"{line} {' '.join(words)}"


class PseudoTranslator(QTranslator):
    """Installed last, so Qt asks it first: it answers with the stretched translation that the
    translators below it would have given (or the stretched source)."""

    def __init__(self, below: list[QTranslator], parent: Any = None) -> None:
        super().__init__(parent)
        self.below = below

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        if context.startswith("Q") and context[1:2].isupper():
            return ""  # Qt's own widgets: leave them to the catalogue below
        for translator in self.below:
            found = translator.translate(context, source, disambiguation, n)
            if found:
                return stretch(found)
        return stretch(source)


def install(app: QCoreApplication) -> PseudoTranslator:
    from app.ui import i18n

    translator = PseudoTranslator(list(reversed(i18n._installed)))
    QCoreApplication.installTranslator(translator)
    return translator


def combo_width(combo: Any, text: str) -> int:
    """The width a combo box needs to show ``text`` whole, as the style draws it."""
    from app.ui.widgets.fit import combo_text_width

    return combo_text_width(combo, text)


def clipped_widgets(root: Any) -> list[str]:
    """Visible labels, buttons, check boxes, combo boxes and table headers under ``root``
    narrower than their text needs; one line per finding."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QHeaderView,
        QLabel,
        QTabBar,
    )

    found: list[str] = []

    def where(w: Any) -> str:
        names = []
        while w is not None and w is not root:
            if w.objectName():
                names.append(w.objectName())
            w = w.parentWidget()
        return "/".join(reversed(names)) or type(root).__name__

    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or not label.text():
            continue
        if label.wordWrap():  # wrapped: cut when its lines need more height than it has
            needed = label.heightForWidth(label.width())
            if label.height() + 1 < needed:
                found.append(f"wrapped label {label.text()[:40]!r} at {where(label)}: "
                             f"height {label.height()} < {needed}")
            continue
        if label.textFormat() == Qt.TextFormat.RichText or label.text().lstrip().startswith("<"):
            continue
        if label.width() + 1 < label.minimumSizeHint().width():
            found.append(f"label {label.text()!r} at {where(label)}: "
                         f"{label.width()} < {label.minimumSizeHint().width()}")
    for button in root.findChildren(QAbstractButton):
        if not button.isVisibleTo(root) or not button.text() or button.parent() is None:
            continue
        if isinstance(button.parentWidget(), QTabBar):
            continue
        if button.width() + 1 < button.minimumSizeHint().width():
            found.append(f"button {button.text()!r} at {where(button)}: "
                         f"{button.width()} < {button.minimumSizeHint().width()}")
    for combo in root.findChildren(QComboBox):
        if not combo.isVisibleTo(root) or combo.isEditable() or not combo.currentText():
            continue
        needed = combo_width(combo, combo.currentText())
        if combo.width() + 1 < needed:
            found.append(f"combo {combo.currentText()!r} at {where(combo)}: "
                         f"{combo.width()} < {needed}")
    for header in root.findChildren(QHeaderView):
        if not header.isVisibleTo(root) or header.orientation() != Qt.Orientation.Horizontal:
            continue
        model = header.model()
        if model is None:
            continue
        visible = [i for i in range(header.count()) if not header.isSectionHidden(i)]
        for i in visible:
            if i == visible[-1] and header.stretchLastSection():
                continue  # takes what is left; its text is cut only in a far too narrow table
            text = str(model.headerData(i, Qt.Orientation.Horizontal) or "")
            needed = header.sectionSizeHint(i)
            if text and header.sectionSize(i) < needed:
                found.append(f"header {text!r} at {where(header)}: "
                             f"{header.sectionSize(i)} < {needed}")
    return found
