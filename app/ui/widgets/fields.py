"""Small input widgets shared by the forms: dates as dd/MM/yyyy, code lists, inline issues."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.labels import fmt_date
from app.ui.widgets.fit import keep_choice_whole

translate = QCoreApplication.translate

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5a00;"


def _tr(text: str) -> str:
    return translate("Fields", text)


class DateField(QLineEdit):
    """The one date field of every form: typed as ``dd/mm/yyyy``; empty means unknown.

    Also accepted: ``d-m-yyyy``, ``dd.mm.yyyy`` and the digits alone, ``12031995`` (shown as
    ``12/03/1995`` once the field is left). ``date()`` / ``setDate()`` speak ``QDate`` for
    the forms that used a ``QDateEdit`` before (an invalid ``QDate`` when the text is not a
    date).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(translate("Fields", "dd/mm/yyyy"))
        self.setMaxLength(10)
        self.setFixedWidth(110)
        self.editingFinished.connect(self._tidy)

    @staticmethod
    def parse(text: str) -> date | None:
        """The date in ``text``; None when empty; ValueError when it is not a real date."""
        text = text.strip().replace("-", "/").replace(".", "/")
        if not text:
            return None
        if text.isdigit() and len(text) == 8:
            text = f"{text[:2]}/{text[2:4]}/{text[4:]}"
        parts = text.split("/")
        if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
            raise ValueError(text)
        return date(int(parts[2]), int(parts[1]), int(parts[0]))

    def value(self) -> date | None:
        """The date, None when empty; raises ValueError when the text is not a real date."""
        return self.parse(self.text())

    def is_valid(self) -> bool:
        try:
            self.value()
        except ValueError:
            return False
        return True

    def set_value(self, value: date | None) -> None:
        self.setText(fmt_date(value))

    def _tidy(self) -> None:
        try:
            value = self.value()
        except ValueError:
            return
        if value is not None and self.text() != fmt_date(value):
            self.set_value(value)

    # QDateEdit-compatible calls
    def date(self) -> QDate:
        try:
            value = self.value()
        except ValueError:
            return QDate()
        return QDate(value.year, value.month, value.day) if value else QDate()

    def setDate(self, value: QDate) -> None:  # noqa: N802 - QDateEdit's name
        self.set_value(date(value.year(), value.month(), value.day()) if value.isValid()
                       else None)


def date_field(name: str, value: date | None = None) -> DateField:
    """A named :class:`DateField`, filled with ``value`` (e.g. today)."""
    field = DateField()
    field.setObjectName(name)
    field.set_value(value)
    return field


class CodeCombo(QComboBox):
    """A choice from a reference list (``countries``, ``schemes``...); the first entry is empty.
    Retired codes are shown only when the record already holds one."""

    def __init__(self, list_name: str, language: str = "id",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list_name = list_name
        self.language = language
        self.setMaxVisibleItems(20)
        self.reload()
        keep_choice_whole(self)

    def reload(self) -> None:
        from app.core.reference import ref_list

        current = self.code()
        self.blockSignals(True)
        self.clear()
        self.addItem("—", "")
        for item in ref_list(self.list_name):
            if not item.retired:
                self.addItem(item.label(self.language), item.code)
        self.blockSignals(False)
        self.set_code(current)

    def code(self) -> str:
        return self.currentData() or ""

    def set_code(self, code: str | None) -> None:
        if not code:
            self.setCurrentIndex(0)
            return
        index = self.findData(code)
        if index < 0:
            from app.core.reference import ref_label

            self.addItem(ref_label(self.list_name, code, self.language), code)
            index = self.count() - 1
        self.setCurrentIndex(index)


class IssueBox(QWidget):
    """Inline messages under a field: errors in red, warnings in amber; an optional button
    (e.g. "Buka data" for a duplicate NIK)."""

    action = Signal(str)  # the payload of the button (e.g. the other resident's id)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(1)
        self.setVisible(False)
        self.texts: list[str] = []

    def clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.texts = []
        self.setVisible(False)

    def add(self, text: str, *, error: bool, button: str | None = None,
            payload: str = "") -> None:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        lab = QLabel(("✖ " if error else "⚠ ") + text)
        lab.setWordWrap(True)
        lab.setStyleSheet(ERROR_STYLE if error else WARNING_STYLE)
        lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        line.addWidget(lab, 1)
        if button:
            btn = QPushButton(button)
            btn.setObjectName("issue_action")
            btn.clicked.connect(lambda: self.action.emit(payload))
            line.addWidget(btn)
        self._layout.addWidget(row)
        self.texts.append(text)
        self.setVisible(True)
