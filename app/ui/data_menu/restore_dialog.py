"""Data > Restore: the list of backups to choose from."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.data_menu.common import (
    _local,
    reason_label,
    size_text,
)

log = logging.getLogger(__name__)


# -- restore dialog ------------------------------------------------------------------------
class RestoreDialog(QDialog):
    """The backups with date, kind and size; the newest good one is preselected."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        from app.core.backup import list_backups, newest_good_backup

        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("RestoreDialog")
        self.setWindowTitle(self.tr("Restore a backup"))
        self.resize(760, 480)
        self.chosen: Path | None = None
        folder = ctx.workspace.data_dir.backups
        self.backups = list_backups(folder)
        good = newest_good_backup(folder)
        self.explain = QLabel(self.tr(
            "Restoring puts the data back as it was when the backup was made. Changes made "
            "after that are no longer visible.\n"
            "Before restoring, the program keeps the current data as a backup, so the restore "
            "can be undone (Data > Undo last restore). A damaged database is never "
            "overwritten: it is kept as a copy in the backup folder.\n"
            "After the restore the program re-opens the database by itself. The next P4MI "
            "bundle brings P4MI to exactly the restored state."))
        self.explain.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), 3)
        self.table.setObjectName("backup_table")
        self.table.setHorizontalHeaderLabels([self.tr("Made on"), self.tr("Kind"),
                                              self.tr("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        preselect = 0
        for row, b in enumerate(self.backups):
            kind = reason_label(b.reason)
            if good is not None and b.path == good.path:
                kind += " " + self.tr("(newest good backup)")
                preselect = row
            for col, text in enumerate((_local(b.taken), kind, size_text(b.size, ctx.language))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(b.path))
                self.table.setItem(row, col, item)
        if self.backups:
            self.table.selectRow(preselect)
        self.table.resizeColumnToContents(0)
        self.empty = QLabel(self.tr("There are no backups in {folder} yet.").format(
            folder=folder))
        self.empty.setVisible(not self.backups)
        self.other_button = QPushButton(self.tr("Backup from another folder or USB..."))
        self.other_button.clicked.connect(self.choose_file)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(self.tr("Restore"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(self.backups))
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.accept_selected)
        cancel.clicked.connect(self.reject)
        self.table.doubleClicked.connect(lambda _i: self.accept_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        row_layout = QHBoxLayout()
        row_layout.addWidget(self.other_button)
        row_layout.addStretch(1)
        row_layout.addWidget(buttons)
        layout.addLayout(row_layout)

    def selected_path(self) -> Path | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def accept_selected(self) -> None:
        self.chosen = self.selected_path()
        if self.chosen is not None:
            self.accept()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a backup file"), "",
            self.tr("Backups of Buku Migran Desa (*.db)"))
        if path:
            self.chosen = Path(path)
            self.accept()

    @classmethod
    def ask(cls, ctx: Any, parent: QWidget | None = None) -> Path | None:
        """The backup the operator chose, or None (tests replace this)."""
        dialog = cls(ctx, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen
