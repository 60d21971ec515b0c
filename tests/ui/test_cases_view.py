"""Kasus: open a case on a person through the real dialog, follow it up, refer, close,
reopen; confidential details stay hidden until asked for, and each reveal is logged."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from app.core.models import AuditEntry, Case, CaseFollowUp, Resident
from tests.demo_data import make_demo_village
from tests.ui.gui_b_support import drive, make_ctx


@pytest.fixture
def ws(tmp_path) -> Iterator[object]:
    w = make_demo_village(tmp_path / "desa", residents=300, seed=8, today=date.today())
    yield w
    w.close()


@pytest.fixture
def view(qtbot, ws):
    from app.ui.views.cases import CasesView

    v = CasesView(make_ctx(ws))
    qtbot.addWidget(v)
    v.resize(1196, 700)
    v.show()
    return v


def a_pmi(ws) -> Resident:
    with ws.db.session() as s:
        return s.scalars(select(Resident).where(Resident.migrant_status == "pmi",
                                                Resident.deleted.is_(False))
                         .order_by(Resident.name)).first()


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def test_open_follow_up_close_reopen(qtbot, view, ws, monkeypatch, qtmodeltester) -> None:
    from app.ui.dialogs.case_follow_up import FollowUpDialog
    from app.ui.dialogs.case_form import CaseDialog

    person = a_pmi(ws)
    before = view.model.rowCount()

    def fill_new(d: CaseDialog) -> None:
        save(qtbot, d)  # nothing chosen yet: refused, dialog stays open
        assert d.isVisible() and "Pilih orang yang mengalami" in d.errors.text()
        qtbot.keyClicks(d.picker.search, person.nik)
        qtbot.keyClick(d.picker.search, Qt.Key.Key_Return)
        assert d.resident_id == person.id
        assert d.episode.currentData() is not None  # the trip abroad now, chosen for us
        save(qtbot, d)  # no type yet: refused with the catalogue's sentence
        assert d.isVisible() and "Jenis kasus wajib diisi" in d.errors.text()
        d.case_type.setCurrentIndex(d.case_type.findData("gaji_tidak_dibayar"))
        qtbot.keyClicks(d.reporter, "Siti (istri)")
        qtbot.keyClicks(d.chronology, "Gaji tiga bulan belum dibayar majikan.")
        d.referral.setCurrentIndex(d.referral.findData("p4mi"))
        save(qtbot, d)

    opened = drive(monkeypatch, CaseDialog, fill_new)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    case_id = opened[0].saved_id
    assert case_id
    with ws.db.session() as s:
        case = s.get(Case, case_id)
        assert (case.resident_id, case.case_type, case.status, case.referral, case.sensitive) \
            == (person.id, "gaji_tidak_dibayar", "baru", "p4mi", True)
        assert case.reporter == "Siti (istri)" and case.episode_id
    assert view.model.rowCount() == before + 1
    assert view.selected_id() == case_id
    row = view.model.row_of(case_id)
    assert view.model.row_values(row)[3] == "Rahasia"
    assert "Gaji tiga bulan" not in view.detail.toPlainText()
    qtmodeltester.check(view.model)

    # a follow-up moves the case to "diproses" and refers it further
    def fill_follow(d: FollowUpDialog) -> None:
        qtbot.keyClicks(d.note, "Dilaporkan ke BP3MI Lampung.")
        d.referral.setCurrentIndex(d.referral.findData("bp3mi"))
        save(qtbot, d)

    drive(monkeypatch, FollowUpDialog, fill_follow)
    qtbot.mouseClick(view.follow_button, Qt.MouseButton.LeftButton)
    with ws.db.session() as s:
        case = s.get(Case, case_id)
        assert (case.status, case.referral) == ("diproses", "bp3mi")
        notes = s.scalars(select(CaseFollowUp.note).where(CaseFollowUp.case_id == case_id))
        assert list(notes) == ["Dilaporkan ke BP3MI Lampung."]

    # closing: the case leaves the "open" list, the view follows it to "all cases"
    def fill_close(d: FollowUpDialog) -> None:
        qtbot.keyClicks(d.note, "Gaji sudah dibayar.")
        save(qtbot, d)

    drive(monkeypatch, FollowUpDialog, fill_close)
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    with ws.db.session() as s:
        case = s.get(Case, case_id)
        assert case.status == "selesai" and case.closed_on == date.today()
    assert view.status.currentData() == "all" and view.selected_id() == case_id
    assert view.reopen_button.isEnabled() and not view.follow_button.isEnabled()

    monkeypatch.setattr(type(view), "confirm", lambda self, text: True)
    qtbot.mouseClick(view.reopen_button, Qt.MouseButton.LeftButton)
    with ws.db.session() as s:
        case = s.get(Case, case_id)
        assert case.status == "diproses" and case.closed_on is None


def test_confidential_details_are_shown_on_request_and_logged(qtbot, view, ws) -> None:
    view.status.setCurrentIndex(view.status.findData("all"))
    assert view.model.rowCount() > 0
    assert view.table.isColumnHidden(7)
    view.table.selectRow(0)
    case_id = view.selected_id()
    with ws.db.session() as s:
        case = s.get(Case, case_id)
        chronology = case.chronology
    assert chronology and chronology not in view.detail.toPlainText()
    qtbot.mouseClick(view.reveal_button, Qt.MouseButton.LeftButton)
    assert chronology in view.detail.toPlainText()
    assert view.model.row_values(view.model.row_of(case_id))[3] != "Rahasia"
    # other rows stay hidden until the list-wide switch is turned on
    others = [i for i in range(view.model.rowCount()) if view.model.key(i) != case_id]
    assert all(view.model.row_values(i)[3] == "Rahasia" for i in others)
    view.show_sensitive.click()
    assert not view.table.isColumnHidden(7)
    assert all(view.model.row_values(i)[3] != "Rahasia" for i in others)
    with ws.db.session() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(
            AuditEntry.action.in_(["reveal_case", "reveal_case_list"]))))
    assert sorted(actions) == ["reveal_case", "reveal_case_list"]


def test_filters(qtbot, view, ws) -> None:
    view.apply_filter(status="all")
    everyone = view.model.rowCount()
    rid = view.rows[0].resident_id
    view.apply_filter(resident_id=rid)
    assert view.model.rowCount() >= 1 and all(r.resident_id == rid for r in view.rows)
    assert view.person_label.isVisible()
    qtbot.mouseClick(view.person_clear, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == everyone
    name = view.rows[0].name
    qtbot.keyClicks(view.search, name)
    view.timer.timeout.emit()
    assert all(name.lower() in r.name.lower() for r in view.rows)
    view.apply_filter(status="selesai", case_type="")
    assert all(r.status == "selesai" for r in view.rows)
