"""The **Data** menu: backups, restore and its undo, audit log, operators, statistics, privacy.

One module per dialog: :mod:`.restore_dialog`, :mod:`.audit`, :mod:`.operators`,
:mod:`.privacy`; the menu is :mod:`.menu`, shared helpers :mod:`.common`. The use cases
(backup + rotate + audit, restore + audit) live in :mod:`app.core.services.backups`.

The main window calls :func:`install_data_menu` once; every action checks the operator's
permission (:mod:`app.ui.permissions`) and explains a refusal in plain Indonesian.

Restore and the open database
-----------------------------
A restore replaces the database file, so nothing may hold it open. Every view keeps the same
:class:`~app.core.db.Database` object (table models keep a reference to it), so the restore
does **not** swap it: on the single DB worker thread (no other DB work can run at the same
time) it closes every pooled connection (``db.close()``, an engine dispose), runs
:func:`~app.core.restore.restore_database` (which migrates and re-stamps the restored file)
and lets the same engine connect again to the new file on the next use. The window is disabled
while this runs, so the GUI thread cannot open a connection in between; afterwards every view
refreshes (``ctx.notify_changed("restore")``).
"""

from __future__ import annotations

from app.ui.data_menu.audit import (
    ACTIONS,
    CASE_ENTITIES,
    DETAIL_KEYS,
    GROUPS,
    MAX_ROWS,
    AuditDialog,
    audit_lines,
    write_table,
)
from app.ui.data_menu.common import REASON_PREFIXES, REASONS, UNDO_REASON, reason_label, size_text
from app.ui.data_menu.menu import DataMenu, install_data_menu
from app.ui.data_menu.operators import IDLE_SETTING, OperatorsDialog, PinDialog
from app.ui.data_menu.privacy import PrivacyDialog, privacy_markdown
from app.ui.data_menu.restore_dialog import RestoreDialog

__all__ = [
    "ACTIONS", "CASE_ENTITIES", "DETAIL_KEYS", "GROUPS", "IDLE_SETTING", "MAX_ROWS",
    "REASONS", "REASON_PREFIXES", "UNDO_REASON", "AuditDialog", "DataMenu", "OperatorsDialog",
    "PinDialog", "PrivacyDialog", "RestoreDialog", "audit_lines", "install_data_menu",
    "privacy_markdown", "reason_label", "size_text", "write_table",
]
