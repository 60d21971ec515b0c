"""Helpers for the dashboard, cases, activities and printing tests (GUI-B's share).

A context over a real workspace with the synchronous task runner, and a way to drive a modal
dialog for real: ``drive(monkeypatch, DialogClass, fill)`` replaces ``exec`` so that, when the
view opens the dialog, ``fill(dialog)`` types into its widgets and presses its buttons like a
person would, and ``exec`` returns the dialog's result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog


def make_ctx(ws: Any, language: str = "id") -> Any:
    from app.ui.context import AppContext
    from app.ui.tasks import TaskRunner

    office = ws.office()
    return AppContext(ws, office, operator="Operator Uji", language=language,
                      tasks=TaskRunner(synchronous=True))


def drive(monkeypatch: Any, cls: type[QDialog], fill: Callable[[Any], None]) -> list[Any]:
    """Make ``cls.exec`` run ``fill(dialog)`` instead of a modal loop; returns the list of
    dialogs opened (for later checks)."""
    opened: list[Any] = []

    def fake_exec(self: QDialog) -> int:
        opened.append(self)
        self.show()
        fill(self)
        if self.isVisible():  # fill() did not accept: the user gives up
            self.reject()
        return int(self.result())

    monkeypatch.setattr(cls, "exec", fake_exec)
    return opened
