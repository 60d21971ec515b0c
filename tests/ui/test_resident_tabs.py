"""The resident record's tabs as widgets of their own: each loads, collects and validates by
itself, and the dialog only composes them (opening another person, the header after a
migration change). Dates are fixed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.core.models import Resident
from app.core.services import episodes as svc
from app.core.services import residents

KK = "1807010101990001"


def _register(ctx, name: str, **kw) -> str:
    with ctx.db.unit_of_work("op") as s:
        return residents.register_resident(s, residents.ResidentInput(name=name, **kw),
                                           accept_warnings=True).id


def test_personal_tab_loads_collects_and_validates(qtbot, ctx) -> None:
    from app.ui.dialogs.resident import PersonalTab

    rid = _register(ctx, "Sinta Tab Pribadi", sex="P", birth_date=date(1994, 7, 9),
                    no_kk=KK, rt="4", rw="2", notes="catatan uji")
    tab = PersonalTab(ctx)
    qtbot.addWidget(tab)
    assert tab.load(rid) == "bukan"
    data = tab.collect()
    assert (data.name, data.sex, data.birth_date, data.no_kk, data.rt, data.rw, data.notes) == (
        "Sinta Tab Pribadi", "P", date(1994, 7, 9), KK, "004", "002", "catatan uji")
    assert not [i for i in tab.validate() if i.is_error]
    assert tab.name() == "Sinta Tab Pribadi" and tab.no_kk() == KK
    # a date that is not one: collect names the field, validate says so as an error
    tab.edits["birth_date"].setText("31/02/1994")
    try:
        tab.collect()
        raise AssertionError("collect accepted 31/02/1994")
    except ValueError as exc:
        assert str(exc) == "birth_date"
    issues = tab.validate()
    assert [(i.code, i.field, i.is_error) for i in issues] == [
        ("ui.date_invalid", "birth_date", True)]
    assert tab.check() == issues and tab.form_summary.text()  # shown, not only returned


def test_personal_tab_checks_as_you_type_but_not_while_loading(qtbot, ctx) -> None:
    from app.ui.dialogs.resident import PersonalTab

    rid = _register(ctx, "Budi Tab Hidup", sex="L", birth_date=date(1988, 1, 2))
    tab = PersonalTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab.load(rid)
    assert not tab._timer.isActive()  # loading the record starts no check
    qtbot.keyClicks(tab.edits["nik"], "123")
    assert tab._timer.isActive()
    qtbot.waitUntil(lambda: bool(tab.issue_boxes["nik"].texts), timeout=3000)
    assert any("16" in t for t in tab.issue_boxes["nik"].texts)


def test_family_tab_lists_the_card_and_asks_to_open_a_member(qtbot, ctx) -> None:
    from app.ui.dialogs.resident import FamilyTab

    head = _register(ctx, "Kepala Tab Keluarga", sex="L", birth_date=date(1980, 1, 1),
                     no_kk=KK, shdk="kepala_keluarga")
    wife = _register(ctx, "Istri Tab Keluarga", sex="P", birth_date=date(1985, 2, 2),
                     no_kk=KK, shdk="istri")
    child = _register(ctx, "Anak Tab Keluarga", sex="P", birth_date=date(2016, 3, 3),
                      no_kk=KK, shdk="anak")
    tab = FamilyTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab.load(head, KK)
    table = tab.kk_table
    names = {table.item(r, 0).text() for r in range(table.rowCount())}
    assert names == {"Istri Tab Keluarga", "Anak Tab Keluarga"}  # the person left out
    assert KK in tab.kk_label.text()
    asked: list[str] = []
    tab.open_resident.connect(asked.append)
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text().startswith("Istri"))
    table.selectRow(row)
    qtbot.mouseClick(tab.open_member_button, Qt.MouseButton.LeftButton)
    assert asked == [wife]
    assert tab.children_table.rowCount() == 0  # nobody of this card works abroad
    with ctx.db.unit_of_work("op") as s:
        svc.register_cpmi(s, wife, svc.Registration(date(2025, 3, 3)), accept_warnings=True)
    tab.load(head, KK)
    assert tab.children_table.item(0, 0).text() == "Anak Tab Keluarga"
    assert "Istri Tab Keluarga" in tab.children_label.text()
    tab.children_table.cellDoubleClicked.emit(0, 0)
    assert asked == [wife, child]


def test_migration_tab_forwards_changes_and_the_record_follows(qtbot, ctx, monkeypatch) -> None:
    from app.ui.dialogs.episode import REGISTER, EpisodeDialog
    from app.ui.dialogs.resident import ResidentDialog

    rid = _register(ctx, "Dewi Tab Migrasi", sex="P", birth_date=date(1992, 4, 4), no_kk=KK)
    dialog = ResidentDialog(ctx, rid)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.migration is dialog.migration_tab.panel
    assert dialog.migration.resident_id == rid  # loaded by the record

    def fill(d):
        d.when.setText("03/03/2025")
        d.fields["destination_country"].set_code("HK")
        d.save()
        return int(d.result())

    monkeypatch.setattr(EpisodeDialog, "exec", fill)
    before = dialog.header.text()
    assert dialog.migration.run_action(REGISTER)
    with ctx.db.session() as s:
        status = s.scalar(select(Resident.migrant_status).where(Resident.id == rid))
    assert status == "calon_pmi"
    assert dialog.header.text() != before and "Dewi Tab Migrasi" in dialog.header.text()


def test_the_record_opens_whom_a_tab_asks_for(qtbot, ctx, monkeypatch) -> None:
    from app.ui.dialogs.resident import ResidentDialog

    rid = _register(ctx, "Ayu Tab Buka", sex="P", birth_date=date(1990, 6, 6), no_kk=KK)
    other = _register(ctx, "Adik Tab Buka", sex="L", birth_date=date(1999, 6, 6), no_kk=KK)
    opened: list[str] = []
    monkeypatch.setattr(ResidentDialog, "open_existing",
                        classmethod(lambda cls, _c, r, *_a, **_k: opened.append(r)))
    dialog = ResidentDialog(ctx, rid)
    qtbot.addWidget(dialog)
    dialog.family_tab.open_resident.emit(other)
    dialog.form_tab.open_resident.emit("")  # nobody: nothing opened
    assert opened == [other]
