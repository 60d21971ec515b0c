"""The Data menu itself: its actions, backups, restore and its undo, statistics."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
)

from app.core.access import Permission
from app.ui import permissions
from app.ui.data_menu.audit import AuditDialog
from app.ui.data_menu.common import (
    UNDO_REASON,
    _local,
    _signed_in,
)
from app.ui.data_menu.operators import OperatorsDialog
from app.ui.data_menu.privacy import PrivacyDialog
from app.ui.data_menu.restore_dialog import RestoreDialog
from app.ui.errors import show_error
from app.ui.i18n import Retranslating
from app.ui.tasks import Op

log = logging.getLogger(__name__)


# -- the menu ------------------------------------------------------------------------------
class DataMenu(Retranslating, QMenu):
    """The Data menu and its handlers (kept by the window as ``window.data_menu``)."""

    def __init__(self, window: QMainWindow, ctx: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.ctx = ctx
        self.setObjectName("data_menu")
        self.last_result: Any = None

        def add(name: str, slot: Any) -> QAction:
            action = QAction(self)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False: slot())
            self.addAction(action)
            return action

        self.backup_action = add("backup_now", self.backup_now)
        self.backup_to_action = add("backup_to", self.backup_to)
        self.addSeparator()
        self.restore_action = add("restore", self.restore)
        self.undo_action = add("undo_restore", self.undo_restore)
        self.addSeparator()
        self.audit_action = add("audit_log", self.show_audit)
        self.operators_action = add("operators", self.show_operators)
        self.addSeparator()
        self.stats_action = add("public_stats", self.save_statistics)
        self.privacy_action = add("privacy", self.show_privacy)
        # import of existing lists (app/ui/import_list)
        self.addSeparator()
        self.import_list_action = add("import_list", self.import_list)
        self.undo_import_list_action = add("undo_import_list", self.undo_import_list)
        for action in (self.import_list_action, self.undo_import_list_action):
            action.setVisible(not ctx.office.is_p4mi)  # lists are a village's door
        # P4MI: undo the last bundle import from its journal (issue 15)
        self.undo_bundle_import_action = add("undo_bundle_import", self.undo_bundle_import)
        self.undo_bundle_import_action.setVisible(ctx.office.is_p4mi)
        # a regency or province hub: its package for the hub above (issue 16, data_menu/relay.py)
        from app.ui.data_menu.relay import can_send_paket

        self.send_paket_action = add("send_paket", self.send_paket)
        self.send_paket_action.setVisible(can_send_paket(ctx.office))
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("&Data"))
        self.backup_action.setText(self.tr("&Back up now"))
        self.backup_to_action.setText(self.tr("Back up &to a folder or USB..."))
        self.restore_action.setText(self.tr("&Restore..."))
        self.undo_action.setText(self.tr("&Undo last restore"))
        self.audit_action.setText(self.tr("Change &history (audit log)"))
        self.operators_action.setText(self.tr("&Operators and PINs..."))
        self.stats_action.setText(self.tr("Public &statistics..."))
        self.privacy_action.setText(self.tr("&Privacy notice"))
        self.import_list_action.setText(self.tr("&Import an existing list (OpenSID, SIAK, "
                                                "Excel)..."))
        self.undo_import_list_action.setText(self.tr("Undo last list &import"))
        self.undo_bundle_import_action.setText(self.tr("Undo last bundle i&mport..."))
        self.send_paket_action.setText(self.tr("Send the regency packa&ge to the hub above..."))

    def import_list(self) -> Any:
        from app.ui.import_list import ImportListWizard

        if not permissions.require(self.window_, self.ctx, Permission.EDIT):
            return None
        wizard = ImportListWizard(self.ctx, self.window_)
        wizard.show()
        self.last_result = wizard
        return wizard

    def undo_import_list(self) -> Any:
        from app.ui.import_list import undo_last_list_import

        if not permissions.require(self.window_, self.ctx, Permission.EDIT):
            return None
        return undo_last_list_import(self.ctx, self.window_)

    def undo_bundle_import(self) -> Op | None:
        """Data > Undo last bundle import (P4MI): name the import, ask, undo on the DB worker."""
        from sync.import_undo import last_run, undo_last_import

        if not permissions.require(self.window_, self.ctx, Permission.IMPORT):
            return None
        ctx = self.ctx
        title = self.tr("Undo last bundle import")
        info = last_run(ctx.workspace)  # one indexed row: cheap enough for the GUI thread
        if info is None:
            self._info(title, self.tr("There is no bundle import to undo."))
            return None
        if QMessageBox.question(self.window_, title, self.tr(
                "Undo the import of {file} (village {village}, {at} UTC)? The records it "
                "added are removed and the records it changed get their previous version "
                "back, exactly. The village's next bundle brings them again.").format(
                    file=info["file_name"], village=info["village"], at=str(info["at"])[:16])
                ) != QMessageBox.StandardButton.Yes:
            return None

        def work(_progress: Any, _cancel: Any) -> Any:
            return undo_last_import(ctx.workspace, operator=ctx.operator)

        def done(result: Any) -> None:
            self.last_result = result
            ctx.notify_changed("resident")
            self._info(title, self.tr(
                "The import of {file} was undone: {removed} records removed, {restored} put "
                "back.").format(file=result.file_name, removed=result.removed,
                                restored=result.restored))

        return (Op(ctx.tasks, work, self.window_).with_progress(self.tr("Undoing the import..."))
                .on_success(done).on_failure(lambda exc: show_error(self.window_, exc)).start())

    def send_paket(self, folder: Path | None = None) -> Op | None:
        from app.ui.data_menu.relay import send_paket

        return send_paket(self, folder=folder)

    @property
    def data_dir(self) -> Any:
        return self.ctx.workspace.data_dir

    def _info(self, title: str, text: str) -> None:
        QMessageBox.information(self.window_, title, text)

    # -- backups ---------------------------------------------------------------------------
    def _backup(self, to: Path | None) -> Op:
        from app.core.services.backups import make_backup

        ctx = self.ctx
        data_dir = self.data_dir

        def work(_progress: Any, _cancel: Any) -> Path:
            return make_backup(data_dir, db=ctx.db, operator=ctx.operator, to=to,
                               by=_signed_in(ctx))

        def done(made: Path) -> None:
            self.last_result = made
            self._info(self.tr("Backup made"), self.tr(
                "The backup was made and checked:\n{path}").format(path=made))

        return (Op(ctx.tasks, work, self.window_).with_progress(self.tr("Making a backup..."))
                .on_success(done).start())

    def backup_now(self) -> Op:
        return self._backup(None)

    def backup_to(self) -> Op | None:
        if not permissions.require(self.window_, self.ctx, Permission.EXPORT):
            return None
        folder = QFileDialog.getExistingDirectory(
            self.window_, self.tr("Choose the folder or USB stick for the backup"))
        if not folder:
            return None
        return self._backup(Path(folder))

    # -- restore ---------------------------------------------------------------------------
    def restore(self) -> Op | None:
        if not permissions.require(self.window_, self.ctx, Permission.RESTORE):
            return None
        if self.ctx.db.is_server:  # every clerk's data at once: the server admin's job
            from app.core.errors import AppError
            from app.ui.errors import error_text

            self._info(self.tr("Restore on the database server"), error_text(
                AppError("server.restore_manual", backup=str(self.data_dir.backups))))
            return None
        source = RestoreDialog.ask(self.ctx, self.window_)
        if source is None:
            return None
        answer = QMessageBox.question(
            self.window_, self.tr("Restore the backup?"),
            self.tr("Restore the data from {file}?\n\nThe current data is kept as a backup "
                    "first, so you can undo this with Data > Undo last restore.").format(
                file=source.name))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self.run_restore(source, undo=False)

    def undo_source(self) -> Any:
        """The backup made just before the last restore (None when there was none)."""
        from app.core.backup import list_backups

        return next((b for b in list_backups(self.data_dir.backups)
                     if b.reason == UNDO_REASON), None)

    def undo_restore(self) -> Op | None:
        if not permissions.require(self.window_, self.ctx, Permission.RESTORE):
            return None
        last = self.undo_source()
        if last is None:
            self._info(self.tr("Nothing to undo"),
                       self.tr("No restore was made on this computer, so there is nothing to "
                               "undo."))
            return None
        answer = QMessageBox.question(
            self.window_, self.tr("Undo the last restore?"),
            self.tr("Put the data back as it was just before the restore of {when}?\n\nThe "
                    "current data is kept as a backup first.").format(when=_local(last.taken)))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self.run_restore(last.path, undo=True)

    def run_restore(self, source: Path, *, undo: bool) -> Op:
        """Close the database, restore on the DB worker, let every view read again."""
        from app.core.services.backups import restore_backup

        ctx = self.ctx
        workspace = ctx.workspace
        window = self.window_
        # No input and no repaint (a table's repaint reads rows) while the file is replaced.
        window.setEnabled(False)
        central = window.centralWidget()
        if central is not None:
            central.setUpdatesEnabled(False)

        def resume() -> None:
            window.setEnabled(True)
            if central is not None:
                central.setUpdatesEnabled(True)

        def work(_progress: Any, _cancel: Any) -> Any:
            log.info("restore from %s (undo=%s)", source, undo)
            return restore_backup(workspace.data_dir, source, db=workspace.db,
                                  operator=ctx.operator, by=_signed_in(ctx), undo=undo)

        def done(result: Any) -> None:
            resume()
            self.last_result = result
            ctx.notify_changed("restore")
            text = self.tr("The data was restored from {file}. The program re-opened the "
                           "database; what you see now comes from that backup.").format(
                file=result.source.name)
            if result.undo is not None:
                text += "\n\n" + self.tr("The data from before the restore is kept in {file}; "
                                         "Data > Undo last restore brings it back.").format(
                    file=result.undo.name)
            if result.damaged_copy is not None:
                text += "\n\n" + self.tr("The damaged database was kept as {file}.").format(
                    file=result.damaged_copy)
            self._info(self.tr("Restore finished"), text)

        def failed(exc: BaseException) -> None:
            resume()
            log.error("restore failed", exc_info=exc)
            ctx.notify_changed("restore")
            show_error(window, exc)

        return (Op(ctx.tasks, work, window).with_progress(self.tr("Restoring the backup..."))
                .not_cancellable()
                .on_success(done).on_failure(failed).start())

    # -- audit, operators, statistics, privacy -----------------------------------------
    def show_audit(self) -> None:
        AuditDialog.show_for(self.ctx, self.window_)

    def show_operators(self) -> None:
        OperatorsDialog.show_for(self.ctx, self.window_)

    def save_statistics(self) -> Op | None:
        from app.core.services.audit import log_event
        from app.core.stats import public_statistics, write_statistics_csv

        if not permissions.require(self.window_, self.ctx, Permission.EXPORT):
            return None
        default = self.data_dir.outbox / f"statistik_publik_{date.today():%Y%m%d}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self.window_, self.tr("Save public statistics"), str(default),
            self.tr("CSV for Excel (*.csv)"))
        if not path:
            return None
        out = Path(path)
        if out.suffix.lower() != ".csv":
            out = out.with_suffix(".csv")
        ctx = self.ctx
        title = self.tr("Migrant worker statistics of {name}, as of {day}").format(
            name=ctx.office.name, day=f"{date.today():%d/%m/%Y}")

        def work(_progress: Any, _cancel: Any) -> Path:
            with ctx.db.session() as s:
                rows = public_statistics(s)
            written = write_statistics_csv(rows, out, title)
            with ctx.db.unit_of_work(ctx.operator) as s:
                log_event(s, "export_stats", path=str(written))
            return written

        def done(written: Path) -> None:
            self.last_result = written
            self._info(self.tr("Statistics saved"), self.tr(
                "The public statistics were saved to {path}. They hold counts only; counts "
                "below 5 are shown as \"<5\", so no one can be singled out.").format(
                path=written))

        return (Op(ctx.tasks, work, self.window_).with_progress(self.tr("Counting..."))
                .on_success(done).start())

    def show_privacy(self) -> None:
        PrivacyDialog.show_for(self.window_)


def install_data_menu(window: QMainWindow, ctx: Any) -> QMenu:
    """Add the Data menu to ``window``'s menu bar (before Help when there is one)."""
    menu = DataMenu(window, ctx)
    bar = window.menuBar()
    before = None
    help_menu = getattr(window, "help_menu", None)
    if help_menu is not None:
        before = help_menu.menuAction()
    if before is not None:
        bar.insertMenu(before, menu)
    else:
        bar.addMenu(menu)
    window.data_menu = menu  # type: ignore[attr-defined]
    return menu
