"""Showing errors: coded errors as one clear sentence, unexpected ones with debug info.

Expected failures (:class:`~app.core.errors.AppError`) carry a code; the sentence comes from
the shared catalogue (:mod:`app.core.messages`) in the current language. Unexpected ones are
logged with their traceback; the dialog offers **Salin info debug** (copies the traceback and
versions) and **Buka folder log**. ``--no-crash-dialog`` (CI, smoke tests) only logs.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.errors import AppError, Issue, ValidationFailed

translate = QCoreApplication.translate

log = logging.getLogger(__name__)

_state: dict[str, object] = {"crash_dialog": True, "log_dir": None, "in_handler": False}


def tr(text: str) -> str:
    return translate("Errors", text)


def current_language() -> str:
    from app.ui.i18n import current_language as lang

    return lang()


def error_text(exc: BaseException) -> str:
    """The sentence for an error in the current language."""
    from app.core.messages import message

    lang = current_language()
    if isinstance(exc, AppError):
        text = message(exc.code, lang, **exc.params)
        if isinstance(exc, ValidationFailed):
            text += "\n" + "\n".join("• " + issue_text(i) for i in exc.errors)
        return text
    return message("unexpected", lang, detail=f"{type(exc).__name__}: {exc}")


def issue_text(issue: Issue) -> str:
    from app.core.messages import message

    return message(issue.code, current_language(), **issue.params)


def debug_info(exc: BaseException | None = None) -> str:
    from app import __version__

    lines = [
        f"Buku Migran Desa {__version__}",
        f"Python {sys.version.split()[0]}, {platform.platform()}",
    ]
    try:
        import PySide6

        lines.append(f"PySide6 {PySide6.__version__}")
    except Exception:  # noqa: BLE001, S110 - debug info is best effort
        pass
    if exc is not None:
        lines.append("")
        lines.extend(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return "\n".join(lines)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """One dialog for an error: the sentence, plus debug info for unexpected errors."""
    from app.core.cli_support import storage_error

    coded = storage_error(exc)  # a full or read-only disk is no programming error
    if coded is not None:
        log.warning("refused by the disk: %r", exc)
        exc = coded
    expected = isinstance(exc, AppError)
    if not expected:
        log.error("unexpected error", exc_info=exc)
    if not _state["crash_dialog"] and not expected:
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if expected else QMessageBox.Icon.Critical)
    box.setWindowTitle(translate("Errors", "Something went wrong") if not expected
                       else translate("Errors", "Cannot continue"))
    box.setText(error_text(exc))
    box.addButton(QMessageBox.StandardButton.Ok)
    if not expected:
        copy = box.addButton(translate("Errors", "Copy debug info"),
                             QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(debug_info(exc)))
        if _state["log_dir"]:
            logs = box.addButton(translate("Errors", "Open log folder"),
                                 QMessageBox.ButtonRole.ActionRole)
            logs.clicked.disconnect()
            logs.clicked.connect(lambda: QDesktopServices.openUrl(
                QUrl.fromLocalFile(str(_state["log_dir"]))))
    box.exec()


def install_excepthook(*, crash_dialog: bool, log_dir: Path | None) -> None:
    """Route uncaught errors (GUI thread and workers) to the log and one dialog."""
    _state["crash_dialog"] = crash_dialog
    _state["log_dir"] = log_dir

    def hook(etype: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> None:
        log.critical("uncaught error", exc_info=(etype, value, tb))
        if _state["in_handler"] or not crash_dialog:
            return
        _state["in_handler"] = True
        try:
            if QCoreApplication.instance() is not None:
                show_error(None, value)
        finally:
            _state["in_handler"] = False

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            log.critical("uncaught error in thread %s", args.thread,
                         exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

    sys.excepthook = hook
    threading.excepthook = thread_hook
