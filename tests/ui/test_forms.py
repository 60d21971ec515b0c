"""Keyboard and forms (issue 14): first field focused, Ctrl+S and Enter save, Esc on changed
data asks, no red errors on a blank form, dates typed as digits, NIK fills birth date and sex,
RT/RW as three digits. The database is checked after each save."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.core.models import Activity, Case, CaseFollowUp, Resident


def _resident_id(ws: Any) -> str:
    from sqlalchemy import select

    with ws.db.session() as s:
        return s.scalar(select(Resident.id).where(Resident.deleted.is_(False),
                                                  Resident.nik.is_not(None)).limit(1))


def _case_id(ws: Any) -> str:
    from app.core.services.cases import CaseInput, open_case

    with ws.db.unit_of_work("Operator Uji") as s:
        return open_case(s, _resident_id(ws), CaseInput(case_type="hilang_kontak",
                                                        reported_on=date.today())).id


def _forms() -> dict[str, Callable[[Any, Any], QDialog]]:
    from app.ui.dialogs.activity_form import ActivityDialog
    from app.ui.dialogs.case_follow_up import FollowUpDialog
    from app.ui.dialogs.case_form import CaseDialog
    from app.ui.dialogs.family_member import FamilyMemberDialog
    from app.ui.dialogs.resident import ResidentDialog

    return {
        "ResidentDialog": lambda ctx, ws: ResidentDialog(ctx, None),
        "CaseDialog": lambda ctx, ws: CaseDialog(ctx, resident_id=_resident_id(ws)),
        "FollowUpDialog": lambda ctx, ws: FollowUpDialog(ctx, _case_id(ws)),
        "ActivityDialog": lambda ctx, ws: ActivityDialog(ctx),
        "FamilyMemberDialog": lambda ctx, ws: FamilyMemberDialog(ctx, _resident_id(ws), []),
    }


def _show(qtbot: Any, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    return dialog


def _esc(qtbot: Any, dialog: QDialog) -> None:
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)


@pytest.mark.parametrize("name", sorted(_forms()))
def test_first_field_focus_and_esc_asks_only_when_changed(qtbot, ctx, demo_village,
                                                          monkeypatch, name) -> None:
    from app.ui.widgets import forms

    asked: list[str] = []
    answer = {"discard": False}
    monkeypatch.setattr(forms, "ask_discard",
                        lambda _p: asked.append(name) or answer["discard"])
    dialog = _show(qtbot, _forms()[name](ctx, demo_village))
    first = dialog.keys.first
    assert dialog.focusWidget() is first or first.isAncestorOf(dialog.focusWidget())
    _esc(qtbot, dialog)  # unchanged: closes without asking
    assert not dialog.isVisible() and asked == []

    dialog = _show(qtbot, _forms()[name](ctx, demo_village))
    qtbot.keyClicks(dialog.keys.first if hasattr(dialog.keys.first, "insert")
                    else dialog.focusWidget(), "x")
    if not dialog.keys.changed():  # a combo box: choose another entry instead
        dialog.keys.first.setCurrentIndex(dialog.keys.first.currentIndex() + 1)
    assert dialog.keys.changed()
    _esc(qtbot, dialog)
    assert asked == [name] and dialog.isVisible()  # "keep editing"
    answer["discard"] = True
    _esc(qtbot, dialog)
    assert asked == [name, name] and not dialog.isVisible()


def test_ctrl_s_and_enter_save(qtbot, ctx, demo_village) -> None:
    from sqlalchemy import func, select

    from app.ui.dialogs.activity_form import ActivityDialog
    from app.ui.dialogs.case_follow_up import FollowUpDialog

    def count(model: Any) -> int:
        with demo_village.db.session() as s:
            return s.scalar(select(func.count()).select_from(model))

    before = count(Activity)
    dialog = _show(qtbot, ActivityDialog(ctx))
    dialog.title.setFocus()
    qtbot.keyClicks(dialog.title, "Sosialisasi migrasi aman")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)  # Enter in a line: Save
    assert dialog.saved_id and count(Activity) == before + 1

    dialog = _show(qtbot, ActivityDialog(ctx))
    qtbot.keyClicks(dialog.title, "Pelatihan usaha")
    qtbot.keyClick(dialog.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved_id and count(Activity) == before + 2

    before = count(CaseFollowUp)
    follow = _show(qtbot, FollowUpDialog(ctx, _case_id(demo_village)))
    qtbot.keyClicks(follow.note, "Keluarga ditelepon")
    qtbot.keyClick(follow.note, Qt.Key.Key_Return)  # a new line in the notes, not a save
    assert count(CaseFollowUp) == before and follow.isVisible()
    qtbot.keyClick(follow.note, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert follow.saved and count(CaseFollowUp) == before + 1


def test_resident_form_keys_blank_form_nik_and_rt_rw(qtbot, ctx) -> None:
    from sqlalchemy import select

    from app.ui.dialogs.resident import ResidentDialog

    dialog = _show(qtbot, ResidentDialog(ctx, None))
    assert dialog.focusWidget() is dialog.edits["name"]
    assert not any(box.isVisible() for box in dialog.issue_boxes.values())
    assert dialog.form_summary.text() == ""  # no red errors before the user did anything
    assert dialog.save_button.isDefault()
    qtbot.keyClicks(dialog.edits["name"], "Rina Wulandari")
    qtbot.keyClicks(dialog.edits["nik"], "1807016505950003")  # woman born 25/05/1995
    assert dialog.edits["birth_date"].value() == date(1995, 5, 25)
    assert dialog.edits["sex"].currentData() == "P"
    dialog.edits["rt"].setFocus()
    qtbot.keyClicks(dialog.edits["rt"], "12/3")
    dialog.edits["phone"].setFocus()  # leaving RT tidies it
    assert (dialog.edits["rt"].text(), dialog.edits["rw"].text()) == ("012", "003")
    qtbot.keyClick(dialog.edits["phone"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with ctx.db.session() as s:
        saved = s.scalars(select(Resident).where(Resident.nik == "1807016505950003")).one()
    assert (saved.birth_date, saved.sex, saved.rt, saved.rw) == (date(1995, 5, 25), "P",
                                                                 "012", "003")
    assert not dialog.keys.changed()  # saved: Esc closes without asking
    _esc(qtbot, dialog)
    assert not dialog.isVisible()


def test_nik_does_not_overwrite_what_was_typed(qtbot, ctx) -> None:
    from app.ui.dialogs.resident import ResidentDialog

    dialog = _show(qtbot, ResidentDialog(ctx, None))
    dialog.edits["birth_date"].setText("01/01/1990")
    dialog.edits["sex"].setCurrentIndex(dialog.edits["sex"].findData("L"))
    qtbot.keyClicks(dialog.edits["nik"], "1807016505950003")
    assert dialog.edits["birth_date"].text() == "01/01/1990"
    assert dialog.edits["sex"].currentData() == "L"  # the checks will point out the mismatch


def test_date_field_accepts_digits_only(qtbot) -> None:
    from app.ui.widgets.fields import DateField

    field = DateField()
    qtbot.addWidget(field)
    for text, expected in (("12031995", date(1995, 3, 12)), ("12/03/1995", date(1995, 3, 12)),
                           ("1-3-1995", date(1995, 3, 1)), ("12.03.1995", date(1995, 3, 12)),
                           ("", None)):
        field.setText(text)
        assert field.value() == expected, text
    for bad in ("31021995", "1203199", "12/3/95", "abc"):
        field.setText(bad)
        assert not field.is_valid() and not field.date().isValid(), bad
    field.setText("12031995")
    field.editingFinished.emit()
    assert field.text() == "12/03/1995"


def test_case_and_activity_dates_are_typed_fields(qtbot, ctx, demo_village) -> None:
    """One date field everywhere: the case form takes "12031995" as a date."""
    from sqlalchemy import select

    from app.ui.dialogs.case_form import CaseDialog
    from app.ui.widgets.fields import DateField

    dialog = _show(qtbot, CaseDialog(ctx, resident_id=_resident_id(demo_village)))
    assert isinstance(dialog.reported_on, DateField)
    dialog.case_type.setCurrentIndex(dialog.case_type.findData("ingin_pulang"))
    dialog.reported_on.setText("notadate")
    dialog.save()
    assert dialog.isVisible() and "hh/bb/tttt" in dialog.errors.text()
    day = date.today().replace(day=1)
    dialog.reported_on.setText(day.strftime("%d%m%Y"))
    dialog.save()
    with ctx.db.session() as s:
        case = s.get(Case, dialog.saved_id)
        assert case is not None and case.reported_on == day
        assert s.scalar(select(Case.case_type).where(Case.id == dialog.saved_id)) \
            == "ingin_pulang"


def test_rt_rw_normalised_in_the_core() -> None:
    from app.core.services.residents import ResidentInput, normalize_rt_rw

    assert normalize_rt_rw("12/3", "") == ("012", "003")
    assert normalize_rt_rw("1", "3") == ("001", "003")
    assert normalize_rt_rw("001", "003") == ("001", "003")
    assert normalize_rt_rw("", "") == ("", "")
    assert normalize_rt_rw("1a", "") == ("1a", "")  # the checks report it, as typed
    data = ResidentInput(name="A", sex="L", rt=" 7 ", rw="12").normalized()
    assert (data.rt, data.rw) == ("007", "012")


def test_folder_made_with_init_operator_lists_that_operator(qtbot, tmp_path) -> None:
    """``init --operator "Kades Ani"`` (the same core call as the CLI): the first start signs
    Kades Ani in as the head, and the operator list shows her."""
    from app.core.paths import DataDir
    from app.core.services.operators import active_operators
    from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace
    from app.ui.context import AppContext
    from app.ui.data_menu import OperatorsDialog
    from app.ui.login import sign_in_at_start

    ws = open_workspace(DataDir(tmp_path / "desa"))
    try:
        office = initialise_office(ws, mode=MODE_VILLAGE, code="18.07.01.2001",
                                   name="Sukadana", operator="Kades Ani")
        who = sign_in_at_start(ws.db, office)
        assert who is not None and (who.name, who.role) == ("Kades Ani", "kepala_desa")
        assert who.id > 0
        with ws.db.session() as s:
            assert [o.name for o in active_operators(s)] == ["Kades Ani"]
        ctx = AppContext(ws, office, signed_in=who)
        dialog = OperatorsDialog(ctx)
        qtbot.addWidget(dialog)
        assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "Kades Ani"
        assert sign_in_at_start(ws.db, office).id == who.id  # not added twice
        with ws.db.session() as s:
            assert len(active_operators(s)) == 1
    finally:
        ws.close()


def test_pin_dialog_refilled_after_a_refusal(qtbot) -> None:
    from app.ui.data_menu import PinDialog

    seen: list[PinDialog] = []

    def fake_exec(self: PinDialog) -> int:
        seen.append(self)
        return int(QDialog.DialogCode.Accepted)

    import pytest as _pytest

    with _pytest.MonkeyPatch.context() as mp:
        mp.setattr(PinDialog, "exec", fake_exec)
        answer = PinDialog.ask("Tambah", ("kepala_desa", "operator_desa"),
                               initial=("Siti", "operator_desa", "1111", "1111"))
    assert answer == ("Siti", "operator_desa", "1111", "1111")
    qtbot.addWidget(seen[0])
    assert seen[0].name.text() == "Siti" and seen[0].role.currentData() == "operator_desa"


def test_wizard_operator_is_signed_in_without_a_second_pin(qtbot, tmp_path) -> None:
    from app.core.paths import DataDir
    from app.core.services.operators import add_operator, pins_required
    from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace
    from app.ui.login import signed_in_after_setup

    ws = open_workspace(DataDir(tmp_path / "desa"))
    try:
        initialise_office(ws, mode=MODE_VILLAGE, code="18.07.01.2001", name="Sukadana",
                          operator="Sri Wahyuni")
        with ws.db.unit_of_work("Sri Wahyuni") as s:  # what the wizard's accept() does
            add_operator(s, "Sri Wahyuni", "kepala_desa", "1234")
        with ws.db.session() as s:
            assert pins_required(s)  # without this, the PIN would be asked again
        who = signed_in_after_setup(ws.db, "Sri Wahyuni")
        assert who is not None and (who.name, who.role) == ("Sri Wahyuni", "kepala_desa")
        assert signed_in_after_setup(ws.db, "Someone else") is None
    finally:
        ws.close()
