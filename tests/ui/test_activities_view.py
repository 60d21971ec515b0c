"""Kegiatan: record a session, add participants (residents found by name or NIK, and free
names), remove one, delete the activity; checked in the database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from app.core.models import Activity, ActivityParticipant, Resident
from tests.demo_data import make_demo_village
from tests.ui.gui_b_support import drive, make_ctx


@pytest.fixture
def ws(tmp_path) -> Iterator[object]:
    w = make_demo_village(tmp_path / "desa", residents=300, seed=9, today=date.today())
    yield w
    w.close()


@pytest.fixture
def view(qtbot, ws):
    from app.ui.views.activities import ActivitiesView

    v = ActivitiesView(make_ctx(ws))
    qtbot.addWidget(v)
    v.resize(1196, 700)
    v.show()
    return v


def press(qtbot, dialog, which=QDialogButtonBox.StandardButton.Save) -> None:
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


def test_activity_with_participants(qtbot, view, ws, monkeypatch, qtmodeltester) -> None:
    from app.ui.dialogs.activity_form import ActivityDialog
    from app.ui.dialogs.activity_participants import ParticipantsDialog

    existing = view.model.rowCount()

    def fill_activity(d: ActivityDialog) -> None:
        press(qtbot, d)  # no title: refused
        assert d.isVisible() and "Judul kegiatan wajib diisi" in d.errors.text()
        qtbot.keyClicks(d.title, "Sosialisasi migrasi aman Dusun Krajan")
        d.kind.setCurrentIndex(d.kind.findData("sosialisasi"))
        press(qtbot, d)

    opened = drive(monkeypatch, ActivityDialog, fill_activity)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    aid = opened[0].saved_id
    with ws.db.session() as s:
        act = s.get(Activity, aid)
        assert (act.title, act.kind, act.held_on) == (
            "Sosialisasi migrasi aman Dusun Krajan", "sosialisasi", date.today())
        people = s.scalars(select(Resident).where(Resident.deleted.is_(False),
                                                  Resident.nik.is_not(None))
                           .order_by(Resident.name).limit(2)).all()
    assert view.model.rowCount() == existing + 1 and view.selected_id() == aid
    assert view.people_model.rowCount() == 0

    def fill_people(d: ParticipantsDialog) -> None:
        qtbot.keyClicks(d.picker.search, people[0].name)
        d.picker.run_search()
        item = next(d.picker.results.item(i) for i in range(d.picker.results.count())
                    if d.picker.results.item(i).data(Qt.ItemDataRole.UserRole) == people[0].id)
        item.setCheckState(Qt.CheckState.Checked)
        d.picker.search.clear()
        qtbot.keyClicks(d.picker.search, people[1].nik)  # by NIK; the first tick is kept
        d.picker.run_search()
        d.picker.results.item(0).setCheckState(Qt.CheckState.Checked)
        for line in ("Ibu Ketua PKK", "", "ibu ketua pkk", "Pak Babinsa"):
            qtbot.keyClicks(d.free_names, line)
            qtbot.keyClick(d.free_names, Qt.Key.Key_Return)
        press(qtbot, d)

    added = drive(monkeypatch, ParticipantsDialog, fill_people)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    assert added[0].added == 4
    with ws.db.session() as s:
        rows = s.execute(select(ActivityParticipant.resident_id, ActivityParticipant.name)
                         .where(ActivityParticipant.activity_id == aid,
                                ActivityParticipant.deleted.is_(False))).all()
    assert sorted(rows, key=lambda r: r[1]) == sorted(
        [(people[0].id, people[0].name), (people[1].id, people[1].name),
         (None, "Ibu Ketua PKK"), (None, "Pak Babinsa")], key=lambda r: r[1])
    assert view.people_model.rowCount() == 4
    assert view.model.row_values(view.model.row_of(aid))[3] == "4"
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.people_model)

    # adding again: those already on the list cannot be ticked twice
    def fill_again(d: ParticipantsDialog) -> None:
        qtbot.keyClicks(d.picker.search, people[0].name)
        d.picker.run_search()
        item = next(d.picker.results.item(i) for i in range(d.picker.results.count())
                    if d.picker.results.item(i).data(Qt.ItemDataRole.UserRole) == people[0].id)
        assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
        press(qtbot, d)
        assert "Centang paling sedikit" in d.errors.text()

    drive(monkeypatch, ParticipantsDialog, fill_again)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)

    # remove one participant, then delete the activity
    monkeypatch.setattr(type(view), "confirm", lambda self, text: True)
    row = next(i for i in range(view.people_model.rowCount())
               if view.people_model.row_values(i)[0] == "Pak Babinsa")
    view.people.selectRow(row)
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    with ws.db.session() as s:
        names = set(s.scalars(select(ActivityParticipant.name).where(
            ActivityParticipant.activity_id == aid, ActivityParticipant.deleted.is_(False))))
    assert "Pak Babinsa" not in names and len(names) == 3
    view.select_activity(aid)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    with ws.db.session() as s:
        assert s.get(Activity, aid).deleted
        assert not s.scalars(select(ActivityParticipant).where(
            ActivityParticipant.activity_id == aid,
            ActivityParticipant.deleted.is_(False))).all()
    assert view.model.row_of(aid) == -1


def test_filters_and_edit(qtbot, view, ws, monkeypatch) -> None:
    from app.ui.dialogs.activity_form import ActivityDialog

    assert view.model.rowCount() > 0
    view.table.selectRow(0)
    aid = view.selected_id()

    def rename(d: ActivityDialog) -> None:
        d.title.clear()
        qtbot.keyClicks(d.title, "Pelatihan literasi keuangan")
        press(qtbot, d)

    drive(monkeypatch, ActivityDialog, rename)
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    with ws.db.session() as s:
        assert s.get(Activity, aid).title == "Pelatihan literasi keuangan"
    qtbot.keyClicks(view.search, "literasi keu")
    view.timer.timeout.emit()
    assert [r.id for r in view.rows] == [aid]
    view.search.clear()
    view.timer.timeout.emit()
    year = view.rows[0].held_on.year
    view.apply_filter(year=year)
    assert view.rows and all(r.held_on.year == year for r in view.rows)
