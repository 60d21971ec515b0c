"""Confidential case details: who may see them, and what everybody else gets instead.

A case marked confidential (``Case.sensitive``) keeps its type, reporter, chronology and
follow-up notes from anyone who is not allowed :attr:`Permission.SEE_SENSITIVE` (UU 27/2022).
The rule lives here, in the core, so every read path applies it the same way: the Kasus list
and detail, the follow-up and case dialogs, a person's change history, the dashboard, the
printed sheets and recaps, on the village and the P4MI side alike.

- A *viewer* is whoever reads: the signed-in operator
  (:class:`app.core.services.operators.SignedIn`), or :data:`UNRESTRICTED` for a folder that
  has no operators yet (then the office's head works alone) and for command-line tools run by
  the head. ``None`` means "unknown" and sees nothing confidential: a read path that forgets
  to say who reads gets the redacted data, never the details.
- Read paths return details only when asked to *reveal* them, and refuse to reveal for a viewer
  without the permission (:func:`require_see`). Showing them on screen is recorded in the audit
  log with :func:`log_reveal`, as the Kasus view always did.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy.orm import Session

from app.core.access import Permission
from app.core.errors import AppError

REDACTED = "•••"
"""What a hidden value reads as, in rows and in the change history."""

CASE_SECRET_FIELDS = frozenset({"case_type", "reporter", "chronology", "note"})
"""Fields of a confidential case (and of its follow-ups) that only an allowed viewer sees."""

CASE_ENTITIES = ("case_file", "case_follow_up")

REVEAL_ACTIONS = ("reveal_case", "reveal_case_list", "reveal_case_history")


class Viewer(Protocol):
    name: str
    role: str

    def may(self, permission: Permission) -> bool: ...


class _Unrestricted:
    """The office's head in a folder without operators, or a command-line tool."""

    name = ""
    role = "kepala"

    def may(self, permission: Permission) -> bool:  # noqa: ARG002 - everything is allowed
        return True


UNRESTRICTED: Viewer = _Unrestricted()


def may_see(viewer: Viewer | None) -> bool:
    """Whether ``viewer`` may see confidential case details (``None``: no)."""
    return viewer is not None and bool(viewer.may(Permission.SEE_SENSITIVE))


def require_see(viewer: Viewer | None) -> None:
    """Refuse (``auth.not_allowed``) unless ``viewer`` may see confidential details."""
    if not may_see(viewer):
        raise AppError("auth.not_allowed", name=getattr(viewer, "name", "") or "?",
                       role=getattr(viewer, "role", "") or "?")


def wants_reveal(reveal: object) -> bool:
    """``reveal`` is ``True`` (everything) or a collection of case ids (those)."""
    if isinstance(reveal, bool):
        return reveal
    return bool(reveal)


def revealed(reveal: object, case_id: str) -> bool:
    if isinstance(reveal, bool):
        return reveal
    return case_id in reveal  # type: ignore[operator]


def check_reveal(viewer: Viewer | None, reveal: object) -> None:
    """A read path asked to reveal something: only for a viewer with the permission."""
    if wants_reveal(reveal):
        require_see(viewer)


def log_reveal(session: Session, viewer: Viewer | None, action: str, *,
               entity_id: str = "", entity: str = "case_file") -> None:
    """Check the permission and write the reveal into the audit log (in ``session``)."""
    from app.core.services.audit import log_event

    if action not in REVEAL_ACTIONS:
        raise ValueError(action)
    require_see(viewer)
    log_event(session, action, entity=entity, entity_id=entity_id)


def redact_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """An audit row's ``{field: [old, new]}`` with the confidential values replaced."""
    out: dict[str, Any] = {}
    for field, pair in changes.items():
        if field in CASE_SECRET_FIELDS:
            if isinstance(pair, list):
                out[field] = [REDACTED if v not in (None, "") else v for v in pair]
            else:
                out[field] = REDACTED
        else:
            out[field] = pair
    return out
