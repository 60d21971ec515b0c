"""Permission checks in the GUI: ask the context, and explain a refusal in plain words.

``ctx.may(permission)`` answers for the signed-in operator (everything is allowed while no
one signed in, e.g. a folder without operators). :func:`require` shows why an action is not
allowed and whom to ask, instead of a greyed-out button nobody understands.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.access import Permission

translate = QCoreApplication.translate

ROLE_LABELS = {  # one spelling everywhere a role is named: "Kepala desa", never "kepala desa"
    "kepala_desa": QT_TRANSLATE_NOOP("Permissions", "Village head"),
    "operator_desa": QT_TRANSLATE_NOOP("Permissions", "Village secretary / operator"),
    "kepala_p4mi": QT_TRANSLATE_NOOP("Permissions", "Head of P4MI"),
    "petugas_p4mi": QT_TRANSLATE_NOOP("Permissions", "P4MI clerk"),
}

WHAT = {
    Permission.DELETE: QT_TRANSLATE_NOOP("Permissions", "delete a person or a record"),
    Permission.EXPORT: QT_TRANSLATE_NOOP("Permissions", "copy data out of this computer"),
    Permission.RESTORE: QT_TRANSLATE_NOOP("Permissions", "restore a backup"),
    Permission.MANAGE_OPERATORS: QT_TRANSLATE_NOOP("Permissions",
                                                   "add operators or change their PINs"),
    Permission.SEE_SENSITIVE: QT_TRANSLATE_NOOP("Permissions", "see confidential case details"),
    Permission.EDIT: QT_TRANSLATE_NOOP("Permissions", "add or change records"),
    Permission.IMPORT: QT_TRANSLATE_NOOP("Permissions", "import bundles"),
    Permission.MANAGE_KEYS: QT_TRANSLATE_NOOP("Permissions", "manage signing keys"),
}


def role_label(role: str) -> str:
    source = ROLE_LABELS.get(role)
    return translate("Permissions", source) if source else role


def may(ctx: Any, permission: Permission) -> bool:
    """Whether the current operator may do ``permission``."""
    return bool(getattr(ctx, "may", lambda _p: True)(permission))


def refusal_text(ctx: Any, permission: Permission) -> str:
    who = getattr(ctx, "signed_in", None)
    name = who.name if who is not None else getattr(ctx, "operator", "")
    role = role_label(who.role) if who is not None else ""
    head = translate("Permissions", "{name} ({role}) may not {what}.").format(
        name=name, role=role, what=translate("Permissions", WHAT.get(permission, "")))
    return head + " " + translate(
        "Permissions", "Ask the village head (or the head of P4MI) to do it, or to sign in "
        "with their PIN for this task.")


def require(parent: QWidget | None, ctx: Any, permission: Permission) -> bool:
    """True when allowed; otherwise explain why not and return False."""
    if may(ctx, permission):
        return True
    QMessageBox.information(parent, translate("Permissions", "Not allowed"),
                            refusal_text(ctx, permission))
    return False
