"""Checks around start-up: the daily backup in the background, and the guided restore of a
damaged database.

- :func:`start_daily_backup` is called once the main window shows. It runs
  :func:`~app.core.backup.daily_backup_if_due` and the rotation on the DB worker thread, so it
  never delays start-up; it logs, and shows nothing unless it fails (then a note in the status
  bar, never a modal box).
- :func:`offer_restore_for_damaged` is called when ``open_workspace`` raised
  ``AppError("database.damaged")`` (``PRAGMA quick_check`` failed). It explains, offers the
  newest good backup, and restores it; the damaged file is kept as a copy
  (:func:`~app.core.restore.restore_database` does that). True means "open again".
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

STATUS_TIMEOUT_MS = 0  # the failure note stays until something else is shown


def _main_window() -> QMainWindow | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            return widget
    return None


class StartUpNotices:
    """Collects what start-up repaired (``app.core.recovery`` notices: leftovers removed, an
    interrupted restore finished, ...) and shows it in the status bar of the main window."""

    def __init__(self) -> None:
        from app.core.recovery import add_notice_handler

        self.items: list[tuple[str, dict[str, Any]]] = []
        add_notice_handler(self._add)

    def _add(self, code: str, params: dict[str, Any]) -> None:
        self.items.append((code, params))

    def show(self, window: QMainWindow, lang: str) -> str:
        """Stop collecting; put the sentences in the status bar. Returns the text shown."""
        from app.core.messages import message
        from app.core.recovery import remove_notice_handler

        remove_notice_handler(self._add)
        text = " ".join(message(code, lang, **params) for code, params in self.items)
        if text:
            window.statusBar().showMessage(text, STATUS_TIMEOUT_MS)
        return text


def start_daily_backup(ctx: Any, window: QMainWindow | None = None) -> Any:
    """Make the daily backup (if due) and rotate, in the background. Returns the Op."""
    from app.core.services.backups import daily_backup
    from app.ui.errors import error_text
    from app.ui.tasks import Op

    data_dir = ctx.workspace.data_dir

    def work(_progress: Any, _cancel: Any) -> Path | None:
        return daily_backup(data_dir, db=ctx.db, operator=ctx.operator)

    def failed(exc: BaseException) -> None:
        log.error("daily backup failed", exc_info=exc)
        target = window or _main_window()
        text = translate(
            "StartupChecks", "The daily backup could not be made: {reason} The data itself is "
            "safe; use Data > Back up now to try again.").format(reason=error_text(exc))
        if target is not None:
            target.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    return Op(ctx.tasks, work, window).on_failure(failed).start()


class DamagedDatabasePrompt:
    """The questions of the guided restore (tests replace ``ask`` and ``tell``)."""

    @classmethod
    def ask(cls, parent: QWidget | None, text: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(translate("StartupChecks", "The database is damaged"))
        box.setText(text)
        restore = box.addButton(translate("StartupChecks", "Restore the newest backup"),
                                QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("StartupChecks", "Close the program"),
                      QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        return box.clickedButton() is restore

    @classmethod
    def tell(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)


def offer_restore_for_damaged(data_dir: Any, parent: QWidget | None = None, *,
                              lock_held: bool = True) -> bool:
    """Offer the newest good backup for a damaged database; True when it was restored.

    The caller holds the folder lock (``app.ui.main`` does, before ``open_workspace``); with
    ``lock_held=False`` this function takes it for the restore. A second lock on the same
    folder from the same program would be refused, so never take it twice.
    """
    from contextlib import nullcontext

    from app.core.backup import newest_good_backup
    from app.core.errors import AppError
    from app.core.lock import FolderLock
    from app.core.services.backups import restore_backup
    from app.ui.data_menu import reason_label
    from app.ui.errors import show_error

    good = newest_good_backup(data_dir.backups)
    if good is None:
        log.error("database damaged and no good backup in %s", data_dir.backups)
        title = translate("StartupChecks", "The database is damaged")
        DamagedDatabasePrompt.tell(parent, title, translate(
            "StartupChecks",
            "The database of this village cannot be read completely, and there is no good "
            "backup in {folder}.\n\nDo not delete anything. If you have a backup on a USB "
            "stick, restore it with the command \"restore\" or ask P4MI or the trainer for "
            "help; the damaged file stays where it is: {path}").format(
            folder=data_dir.backups, path=data_dir.db_path))
        return False
    when = good.taken.strftime("%d/%m/%Y %H:%M")
    text = translate(
        "StartupChecks",
        "The database of this village cannot be read completely; it may have been damaged by "
        "a power cut or a failing disk.\n\nThe newest good backup is from {when} ({kind}). The "
        "program can put it back now. The damaged file is not thrown away: a copy is kept in "
        "the backup folder, so support staff can still try to rescue the latest "
        "changes.\n\nChanges made after {when} are not in the backup.").format(
        when=when, kind=reason_label(good.reason))
    if not DamagedDatabasePrompt.ask(parent, text):
        log.info("guided restore declined")
        return False
    QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        with nullcontext() if lock_held else FolderLock(data_dir.root):
            result = restore_backup(data_dir, good.path, reason="rusak")
    except AppError as exc:
        QGuiApplication.restoreOverrideCursor()
        log.error("guided restore failed", exc_info=exc)
        show_error(parent, exc)
        return False
    QGuiApplication.restoreOverrideCursor()
    log.warning("damaged database replaced by %s; damaged copy kept at %s", result.source,
                result.damaged_copy)
    title = translate("StartupChecks", "Restored")
    DamagedDatabasePrompt.tell(parent, title, translate(
        "StartupChecks",
        "The data was restored from the backup of {when}. The damaged file was kept as "
        "{file}.").format(when=when, file=result.damaged_copy or "-"))
    return True
