"""Small pieces shared by the bundle pages (village "Paket P4MI" and the P4MI views).

Every modal question goes through a function of this module (``ask_folder``, ``ask_files``,
``ask_file``, ``confirm``, ``ask_text``) so tests replace it with ``monkeypatch`` and CI never
waits on a dialog. Results and errors of bundle work are shown on the page itself (a
:class:`Notice`), not in message boxes: the clerk keeps them in view while working.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTableView,
    QWidget,
)

from app.core import formatting
from app.core.errors import AppError
from app.ui.i18n import current_language
from app.ui.widgets.tables import setup_table


def fmt_date(value: date | datetime | None) -> str:
    return formatting.date_text(value)


def fmt_datetime(value: datetime | None, *, utc: bool = True) -> str:
    """A stored naive-UTC time shown in local time, ``dd/MM/yyyy HH:mm``."""
    return formatting.datetime_text(value, utc=utc)


def fmt_iso(text: str | None) -> str:
    if not text:
        return ""
    try:
        return fmt_datetime(datetime.fromisoformat(text.replace("Z", "")[:26]))
    except ValueError:
        return text


def number(n: int, language: str = "") -> str:
    """``n`` grouped by thousands in the GUI's language (``2.618`` / ``2,618``); a caller
    formatting a whole table passes the language once (an import and a Qt property read per
    number cost ~20 ms on the GUI thread for the 264 villages' table)."""
    return formatting.number(n, language or current_language())


def ranges(numbers: Sequence[int]) -> str:
    if not numbers:  # most villages: no import statement per row of a table
        return ""
    from sync.importer import format_ranges

    return format_ranges(numbers, dash="–")


def title_font(widget: QWidget, scale: float = 1.35) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    return font


def make_table(model: object, parent: QWidget | None = None) -> QTableView:
    """A read-only, row-selecting table with fixed row height (STYLE 2.5)."""
    view = QTableView(parent)
    view.setModel(model)
    return setup_table(view)


class Notice(QLabel):
    """A message line on the page: information, success, warning or error."""

    STYLES = {
        "info": "background: #eef4fa; border: 1px solid #b9cfe4; color: #1d3b57;",
        "ok": "background: #e9f6ef; border: 1px solid #9fd3b6; color: #144d2f;",
        "warn": "background: #fff4e0; border: 1px solid #f0c36d; color: #5c3d00;",
        "error": "background: #fdecea; border: 1px solid #e9a29b; color: #6b1410;",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = ""
        self.hide()

    def show_message(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        self.setStyleSheet(f"QLabel {{ {self.STYLES[kind]} padding: 6px; border-radius: 3px; }}")
        self.setText(text)
        self.show()

    def clear_message(self) -> None:
        self.kind = ""
        self.setText("")
        self.hide()


def error_sentence(ctx: object, exc: BaseException) -> str | None:
    """The sentence of a coded error, or ``None`` for an unexpected one."""
    if isinstance(exc, AppError):
        return ctx.message(exc.code, **exc.params)  # type: ignore[attr-defined]
    return None


def report_failure(ctx: object, notice: Notice, parent: QWidget, exc: BaseException) -> None:
    """Coded errors go on the page; unexpected ones to the error dialog (with debug info)."""
    text = error_sentence(ctx, exc)
    if text is not None:
        notice.show_message(text, "error")
        return
    from app.ui.errors import show_error

    notice.show_message(QCoreApplication.translate(
        "BundleCommon", "Something unexpected went wrong. Nothing was changed."), "error")
    show_error(parent, exc)


# -- modal questions (replaced in tests) ---------------------------------------------------------


def ask_folder(parent: QWidget | None, title: str, start: str = "") -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, title, start)
    return Path(folder) if folder else None


def ask_files(parent: QWidget | None, title: str, filters: str = "") -> list[Path]:
    files, _ = QFileDialog.getOpenFileNames(parent, title, "", filters)
    return [Path(f) for f in files]


def ask_file(parent: QWidget | None, title: str, filters: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return Path(name) if name else None


def ask_save_file(parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return Path(name) if name else None


def confirm(parent: QWidget | None, title: str, text: str, yes: str, no: str = "") -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no or QCoreApplication.translate("BundleCommon", "Cancel"),
                  QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button)
    box.exec()
    return box.clickedButton() is yes_button


def ask_text(parent: QWidget | None, title: str, label: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, label)
    return text if ok else None
