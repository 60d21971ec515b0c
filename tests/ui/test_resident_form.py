"""The resident form: inline checks from the services, warnings confirmed, duplicate NIK,
family and children of PMI; the database is checked after each save."""

from __future__ import annotations

from sqlalchemy import select

from app.core.models import Resident


def _dialog(qtbot, ctx, resident_id=None):
    from app.ui.dialogs.resident import ResidentDialog

    dialog = ResidentDialog(ctx, resident_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type(qtbot, dialog, field: str, text: str) -> None:
    edit = dialog.edits[field]
    edit.clear()
    qtbot.keyClicks(edit, text)


def test_new_resident_errors_block_then_save(qtbot, ctx, monkeypatch) -> None:
    from app.ui.dialogs import common

    dialog = _dialog(qtbot, ctx)
    _type(qtbot, dialog, "name", "Rina Wulandari")
    _type(qtbot, dialog, "nik", "12345")
    dialog.check()
    assert dialog.issue_boxes["nik"].isVisible()
    assert any("16" in t for t in dialog.issue_boxes["nik"].texts)
    assert not dialog.save()  # sex missing, NIK malformed: nothing written
    with ctx.db.session() as s:
        assert s.scalars(select(Resident).where(Resident.name == "Rina Wulandari")).first() \
            is None
    asked: list[list[str]] = []
    monkeypatch.setattr(common, "confirm_warnings",
                        lambda _p, texts, **_k: asked.append(texts) or True)
    dialog.edits["sex"].setCurrentIndex(dialog.edits["sex"].findData("P"))
    _type(qtbot, dialog, "nik", "1807016505950003")  # woman born 25/05/1995
    _type(qtbot, dialog, "birth_date", "25/05/1995")
    _type(qtbot, dialog, "rt", "3")
    dialog.check()
    assert not any(i.is_error for i in dialog.current_issues())
    assert dialog.save()
    with ctx.db.session() as s:
        saved = s.scalars(select(Resident).where(Resident.nik == "1807016505950003")).one()
    assert saved.name == "Rina Wulandari" and saved.sex == "P" and saved.rt == "003"
    assert saved.updated_by == "Operator Uji"
    assert dialog.resident_id == saved.id
    assert dialog.tabs.isTabEnabled(2)


def test_bad_date_is_explained(qtbot, ctx) -> None:
    dialog = _dialog(qtbot, ctx)
    _type(qtbot, dialog, "birth_date", "31/02/1990")
    dialog.check()
    assert any("hh/bb/tttt" in t for t in dialog.issue_boxes["birth_date"].texts)


def test_warning_needs_confirmation(qtbot, ctx, monkeypatch) -> None:
    """A NIK whose birth date disagrees with the form is a warning: refused, then confirmed."""
    from app.ui.dialogs import common

    answers = iter([False, True])
    asked: list[list[str]] = []

    def confirm(_parent, texts, **_kw):
        asked.append(texts)
        return next(answers)

    monkeypatch.setattr(common, "confirm_warnings", confirm)
    dialog = _dialog(qtbot, ctx)
    _type(qtbot, dialog, "name", "Budi Santoso")
    dialog.edits["sex"].setCurrentIndex(dialog.edits["sex"].findData("L"))
    _type(qtbot, dialog, "nik", "1807010101900007")
    _type(qtbot, dialog, "birth_date", "02/01/1990")
    issues = dialog.check()
    assert issues and not any(i.is_error for i in issues)
    assert any(b.texts for b in dialog.issue_boxes.values())
    assert not dialog.save()
    assert dialog.save()
    assert len(asked) == 2 and asked[0]
    with ctx.db.session() as s:
        assert s.scalars(select(Resident).where(Resident.nik == "1807010101900007")).one()


def test_nik_is_checked_while_typing_without_pressing_anything(qtbot, ctx) -> None:
    """The live check runs by itself after typing stops (its timer, not a test's call)."""
    dialog = _dialog(qtbot, ctx)
    _type(qtbot, dialog, "nik", "12345")
    qtbot.waitUntil(lambda: dialog.issue_boxes["nik"].isVisible(), timeout=3000)
    assert any("16" in t for t in dialog.issue_boxes["nik"].texts)


def test_duplicate_nik_offers_the_other_person(qtbot, ctx, monkeypatch) -> None:
    from app.ui.dialogs.resident import ResidentDialog

    with ctx.db.session() as s:
        other = s.scalars(select(Resident).where(Resident.nik.is_not(None)).limit(1)).one()
    dialog = _dialog(qtbot, ctx)
    _type(qtbot, dialog, "name", "Orang Lain")
    _type(qtbot, dialog, "nik", other.nik)
    dialog.check()
    box = dialog.issue_boxes["nik"]
    assert any(other.name in t for t in box.texts)
    opened: list[str] = []
    monkeypatch.setattr(ResidentDialog, "open_existing",
                        classmethod(lambda cls, _c, rid, *_a, **_k: opened.append(rid)))
    from PySide6.QtWidgets import QPushButton

    button = box.findChild(QPushButton, "issue_action")
    assert button.text() == "Buka data"
    qtbot.mouseClick(button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton)
    assert opened == [other.id]


def test_edit_existing_and_family_tab(qtbot, ctx) -> None:
    from sqlalchemy.orm import aliased

    other = aliased(Resident)
    with ctx.db.session() as s:
        # a PMI whose family card has other members, so the table has something to show
        pmi = s.scalars(select(Resident).where(
            Resident.migrant_status == "pmi", Resident.no_kk.is_not(None),
            select(other.id).where(other.no_kk == Resident.no_kk,
                                   other.id != Resident.id).exists())).first()
        assert pmi is not None, "demo data must hold a PMI with family members"
        same = s.scalars(select(Resident).where(Resident.no_kk == pmi.no_kk,
                                                Resident.id != pmi.id)).all()
    assert len(same) >= 1
    dialog = _dialog(qtbot, ctx, pmi.id)
    assert "PMI" in dialog.header.text()
    assert dialog.kk_table.rowCount() == len(same)
    names = {dialog.kk_table.item(r, 0).text() for r in range(dialog.kk_table.rowCount())}
    assert names == {m.name for m in same}
    kids = [m for m in same if m.birth_date and (m.birth_date.year > 2008)]
    if kids:
        assert dialog.children_table.rowCount() >= 1
        assert pmi.name in dialog.children_label.text()
    _type(qtbot, dialog, "phone", "081234567890")
    assert dialog.save()
    with ctx.db.session() as s:
        assert s.get(Resident, pmi.id).phone == "081234567890"


def test_history_reads_like_sentences(qtbot, ctx) -> None:
    from app.ui.dialogs.history import HistoryDialog

    with ctx.db.session() as s:
        r = s.scalars(select(Resident).limit(1)).one()
    dialog = _dialog(qtbot, ctx, r.id)
    _type(qtbot, dialog, "address", "Jl. Melati 5")
    assert dialog.save()
    history = HistoryDialog(ctx, r.id)
    qtbot.addWidget(history)
    lines = history.lines()
    assert "Operator Uji mengubah data penduduk: alamat dari" in lines[0]
    assert "menjadi “Jl. Melati 5”" in lines[0]
    assert any("menambah data penduduk" in line for line in lines)
