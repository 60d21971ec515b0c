"""Data > Send the regency package to the province (a regency or province hub, issue 16):
choose a folder or USB stick, the package is written on the DB worker (sync/relay/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.core.access import Permission
from app.core.workspace import HUB_PROVINCE, HUB_REGENCY
from app.ui import permissions
from app.ui.errors import show_error
from app.ui.tasks import Op


def can_send_paket(office: Any) -> bool:
    """Only a regency or province hub has a hub above it."""
    return office.is_p4mi and office.hub_level in (HUB_REGENCY, HUB_PROVINCE)


def send_paket(menu: Any, *, folder: Path | None = None) -> Op | None:
    """Ask for the folder (unless given), write the package, say where it is."""
    from sync.relay import export_paket

    window, ctx = menu.window_, menu.ctx
    if not permissions.require(window, ctx, Permission.EXPORT):
        return None
    if folder is None:
        chosen = QFileDialog.getExistingDirectory(window, QCoreApplication.translate(
            "DataMenu", "Choose the folder or USB stick for the regency package"))
        if not chosen:
            return None
        folder = Path(chosen)
    title = QCoreApplication.translate("DataMenu", "Regency package")

    def work(progress: Any, cancel: Any) -> Any:
        return export_paket(ctx.workspace, folder, operator=ctx.operator, progress=progress,
                            cancel=cancel)

    def done(report: Any) -> None:
        menu.last_result = report
        text = QCoreApplication.translate(
            "DataMenu", "The regency package was written:\n{path}\n\n{villages} villages, "
            "{rows} records. Take it to the hub above; it imports it like a village bundle "
            "and sends back a receipt.").format(
            path=report.path, villages=len(report.villages), rows=report.total_rows)
        if not report.encrypted:
            text += "\n\n" + QCoreApplication.translate(
                "DataMenu", "The package is NOT encrypted: the key of the hub above is not "
                "installed yet. Its first receipt installs it.")
        QMessageBox.information(window, title, text)

    progress_text = QCoreApplication.translate("DataMenu", "Writing the regency package...")
    return (Op(ctx.tasks, work, window).with_progress(progress_text)
            .on_success(done).on_failure(lambda exc: show_error(window, exc)).start())
