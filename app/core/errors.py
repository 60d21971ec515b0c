"""Coded errors and validation issues.

Nothing below the GUI speaks prose: errors carry a stable ``code`` and named parameters, and
the sentences live in :mod:`app.core.messages` (Indonesian and English), shared by the command
line and the GUI.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How hard an issue is: errors block a save, warnings only need confirmation."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One finding of a rule on one field, with the parameters its sentence needs."""

    code: str
    field: str | None = None
    severity: Severity = Severity.ERROR
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class AppError(Exception):
    """An expected failure with a stable code; the user sees the catalogue's sentence."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:  # English, for logs and tracebacks
        from app.core.messages import message

        return message(self.code, "en", **self.params)


class ValidationFailed(AppError):
    """Input refused: at least one issue is an error. Nothing was written."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("validation.failed", count=len(issues))
        self.issues = issues

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]


class NeedsConfirmation(AppError):
    """Only warnings were found; call again with ``accept_warnings=True`` to go on."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("validation.needs_confirmation", count=len(issues))
        self.issues = issues


def raise_for_issues(issues: list[Issue], *, accept_warnings: bool) -> None:
    """Raise :class:`ValidationFailed` on any error, :class:`NeedsConfirmation` on warnings."""
    if any(i.is_error for i in issues):
        raise ValidationFailed(issues)
    if issues and not accept_warnings:
        raise NeedsConfirmation(issues)
