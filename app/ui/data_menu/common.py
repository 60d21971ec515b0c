"""Helpers shared by the Data menu's dialogs: backup reasons, sizes, who acts, audit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.core import formatting

translate = QCoreApplication.translate


def _tr(text: str) -> str:
    return translate("DataMenu", text)


REASONS = {
    "harian": QT_TRANSLATE_NOOP("DataMenu", "daily, automatic"),
    "manual": QT_TRANSLATE_NOOP("DataMenu", "made by hand"),
    "sebelum-pulihkan": QT_TRANSLATE_NOOP("DataMenu", "state before a restore"),
}
REASON_PREFIXES = {
    "sebelum-migrasi": QT_TRANSLATE_NOOP("DataMenu", "before a program update"),
    "sebelum-impor": QT_TRANSLATE_NOOP("DataMenu", "before a bundle import"),
}
UNDO_REASON = "sebelum-pulihkan"


def reason_label(reason: str) -> str:
    if reason in REASONS:
        return _tr(REASONS[reason])
    for prefix, text in REASON_PREFIXES.items():
        if reason.startswith(prefix):
            return _tr(text)
    return reason


def size_text(size: int, language: str = "id") -> str:
    return formatting.size(size, language)


def _local(at: datetime) -> str:
    return at.strftime("%d/%m/%Y %H:%M")


def _signed_in(ctx: Any) -> Any:
    return getattr(ctx, "signed_in", None)


def _acting(ctx: Any) -> Any:
    """Who acts in operator services: the signed-in operator, or (no PINs yet) the head."""
    from app.core.access import Role
    from app.core.services.operators import SignedIn

    who = _signed_in(ctx)
    if who is not None:
        return who
    role = Role.KEPALA_P4MI if ctx.office.is_p4mi else Role.KEPALA_DESA
    return SignedIn(0, ctx.operator, str(role))


def _log(ctx: Any, action: str, **details: Any) -> None:
    from app.core.services.audit import log_event

    with ctx.write() as s:
        log_event(s, action, **details)
