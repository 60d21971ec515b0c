"""What every window, view and dialog of the application gets: the :class:`AppContext`.

There is no global application object: views receive the context in their constructor.

- ``ctx.workspace`` / ``ctx.db`` / ``ctx.office``: the open data folder and its database.
  Quick reads: ``with ctx.db.session() as s: ...``. Writes: ``with ctx.write() as s:`` (one
  unit of work stamped with the operator's name), then ``ctx.notify_changed("resident")``.
- ``ctx.operator``: who is working (written into every change and the audit log);
  ``ctx.signed_in`` their role, ``ctx.may(Permission.DELETE)`` what they may do.
- ``ctx.language``: ``"id"`` or ``"en"``; ``ctx.message(code, **params)`` gives the sentence of
  a core error code from the one shared catalogue (:mod:`app.core.messages`).
- ``ctx.tasks``: the :class:`~app.ui.tasks.TaskRunner` for anything that may take long.
- Navigation requests, answered by the main window:
  ``ctx.open_resident(resident_id)`` opens a person's record;
  ``ctx.show_view("penduduk", status="pmi")`` switches view and applies a filter
  (the view's ``apply_filter(**filters)``). View names: see ``app.ui.main_window.VIEWS``.
- Signals: ``data_changed(entity)`` after a write (views refresh what they show),
  ``language_changed(lang)`` after the language switch (widgets also get
  ``QEvent.LanguageChange``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.workspace import Office, Workspace
from app.ui.tasks import TaskRunner


class AppContext(QObject):
    open_resident_requested = Signal(str)
    show_view_requested = Signal(str, dict)
    data_changed = Signal(str)
    language_changed = Signal(str)

    signed_in_changed = Signal()

    def __init__(self, workspace: Workspace, office: Office, *, operator: str = "",
                 language: str = "id", tasks: TaskRunner | None = None,
                 settings: Any = None, signed_in: Any = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.office = office
        self.operator = operator or office.operator or "Operator"
        self.signed_in = signed_in  # app.core.services.operators.SignedIn, or None
        if signed_in is not None:
            self.operator = signed_in.name
        self.language = language
        self.tasks = tasks if tasks is not None else TaskRunner(self)
        self.settings = settings

    @property
    def db(self):  # noqa: ANN201 - app.core.db.Database
        return self.workspace.db

    @contextmanager
    def write(self) -> Iterator[Any]:
        """One unit of work in the operator's name (commit on success, rollback on error)."""
        with self.workspace.db.unit_of_work(self.operator) as session:
            yield session

    def may(self, permission: Any) -> bool:
        """Whether the signed-in operator may do ``permission`` (an access.Permission).

        Without a signed-in operator (tests, a folder with no operators yet) the user is the
        office's head: everything is allowed.
        """
        return self.signed_in is None or self.signed_in.may(permission)

    @property
    def viewer(self) -> Any:
        """Who reads, for the confidentiality rule of :mod:`app.core.privacy`."""
        from app.core.privacy import UNRESTRICTED

        return self.signed_in if self.signed_in is not None else UNRESTRICTED

    def sign_in(self, who: Any) -> None:
        """Another operator took over (after the lock screen)."""
        self.signed_in = who
        self.operator = who.name
        self.signed_in_changed.emit()

    def message(self, code: str, /, **params: Any) -> str:
        from app.core.messages import message

        return message(code, self.language, **params)

    def ref_label(self, list_name: str, code: str | None) -> str:
        from app.core.reference import ref_label

        return ref_label(list_name, code, self.language)

    def open_resident(self, resident_id: str) -> None:
        self.open_resident_requested.emit(resident_id)

    def show_view(self, name: str, **filters: Any) -> None:
        self.show_view_requested.emit(name, filters)

    def notify_changed(self, entity: str) -> None:
        self.data_changed.emit(entity)
