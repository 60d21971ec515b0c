"""Deleting a person from the resident list: permission, typed confirmation, purge, tombstone."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from app.core.models import AuditEntry, Episode, Resident


def _view(qtbot: Any, ctx: Any) -> Any:
    from app.ui.views.residents import ResidentsView

    view = ResidentsView(ctx)
    qtbot.addWidget(view)
    ctx.data_changed.connect(lambda _e: view.refresh())  # as the main window does
    view.show()
    return view


def _migrant(ctx: Any) -> Resident:
    with ctx.db.session() as s:
        rid = s.scalars(select(Episode.resident_id).where(Episode.deleted.is_(False))
                        .limit(1)).one()
        return s.get(Resident, rid)


def _select(view: Any, resident_id: str) -> None:
    view.apply_filter(text=_name_of(view.ctx, resident_id))
    for row in range(view.model.rowCount()):
        view.table.selectRow(row)
        if view.table.current_uuid() == resident_id:
            return
    raise AssertionError("resident not in the list")


def _name_of(ctx: Any, resident_id: str) -> str:
    with ctx.db.session() as s:
        return s.get(Resident, resident_id).name


def test_delete_needs_typed_confirmation_and_purges(qtbot: Any, ctx: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.dialogs.delete_resident import DeleteResidentDialog

    person = _migrant(ctx)
    view = _view(qtbot, ctx)
    _select(view, person.id)
    before = view.model.rowCount()

    # The real dialog: the Delete button only works after HAPUS or the name is typed.
    dialog = DeleteResidentDialog(person.name, person.nik or "")
    qtbot.addWidget(dialog)
    assert person.name in dialog.heading.text()
    assert "P4MI" in dialog.explain.text()
    assert not dialog.delete_button.isEnabled()
    qtbot.keyClicks(dialog.answer, "hapu")
    assert not dialog.delete_button.isEnabled()
    dialog.answer.setText(person.name.upper())
    assert dialog.delete_button.isEnabled()
    dialog.answer.setText("HAPUS")
    assert dialog.confirmed()

    asked: list[str] = []
    told: list[str] = []

    def ask(name: str, nik: str, parent: Any = None) -> bool:
        asked.append(name)
        return True

    monkeypatch.setattr(DeleteResidentDialog, "ask", staticmethod(ask))
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information",
                        lambda *a, **k: told.append(a[2]))
    view.delete_button.click()
    assert asked == [person.name]
    assert told and person.name in told[0]

    with ctx.db.session() as s:
        row = s.get(Resident, person.id)
        assert row.deleted and row.nik is None and row.name == "(dihapus)"
        assert row.address == "" and row.phone == ""
        episodes = s.scalars(select(Episode).where(Episode.resident_id == person.id)).all()
        assert episodes and all(e.deleted and e.employer == "" for e in episodes)
        audit = s.scalars(select(AuditEntry).where(AuditEntry.entity_id == person.id)).all()
        assert any(a.action == "delete" for a in audit)
        for a in audit:
            assert person.name not in a.changes
            if person.nik:
                assert person.nik not in a.changes
            json.loads(a.changes)
    # gone from the list, the tombstone remains for the next bundle
    assert view.model.rowCount() == before - 1


def test_cancel_keeps_the_person(qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.dialogs.delete_resident import DeleteResidentDialog

    person = _migrant(ctx)
    view = _view(qtbot, ctx)
    _select(view, person.id)
    monkeypatch.setattr(DeleteResidentDialog, "ask", staticmethod(lambda *a, **k: False))
    view.delete_current()
    with ctx.db.session() as s:
        assert not s.get(Resident, person.id).deleted


def test_operator_role_may_not_delete(qtbot: Any, ctx: Any,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.services.operators import SignedIn
    from app.ui.dialogs.delete_resident import DeleteResidentDialog

    ctx.signed_in = SignedIn(7, "Siti Operator", "operator_desa")
    person = _migrant(ctx)
    view = _view(qtbot, ctx)
    _select(view, person.id)
    told: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information",
                        lambda *a, **k: told.append(a[2]))

    def never(*_a: Any, **_k: Any) -> bool:
        raise AssertionError("the confirmation must not be asked")

    monkeypatch.setattr(DeleteResidentDialog, "ask", staticmethod(never))
    view.delete_current()
    assert told and "Siti Operator" in told[0] and "kepala desa" in told[0].lower()
    with ctx.db.session() as s:
        assert not s.get(Resident, person.id).deleted
