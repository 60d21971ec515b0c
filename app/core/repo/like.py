"""Text search in SQL: one escaping of LIKE patterns, one "NIK prefix or name" filter."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement

from app.core.models import Resident


def escape_like(word: str) -> str:
    r"""``word`` with LIKE's wildcards escaped (escape character ``\``)."""
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(column: Any, text: str) -> ColumnElement[bool]:
    """``column`` contains ``text`` (case-insensitive; ``%`` and ``_`` taken literally)."""
    return column.ilike(f"%{escape_like(text)}%", escape="\\")  # type: ignore[no-any-return]


def resident_matches(text: str) -> ColumnElement[bool]:
    """The search box of the case lists: digits are the start of a NIK, anything else a part
    of the resident's name."""
    if text.isdigit():
        return Resident.nik.startswith(text)
    return contains(Resident.name, text)
