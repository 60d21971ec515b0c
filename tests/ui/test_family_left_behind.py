"""Family left behind (FamilyLink) and, for a PMI abroad, lapor diri and the placement:
driven through the real dialogs, the DB is checked after each step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from sqlalchemy import func, select

from app.core.models import Episode, FamilyLink, Resident


def _pmi_abroad_with_family(ctx) -> tuple[Resident, Episode]:
    """A PMI with an open ``berangkat`` episode and someone else on the same KK."""
    with ctx.db.session() as s:
        for ep in s.scalars(select(Episode).where(Episode.state == "berangkat",
                                                  Episode.deleted.is_(False))
                            .order_by(Episode.created_at)):
            person = ep.resident
            if person.deleted or not person.no_kk:
                continue
            n = s.scalar(select(func.count()).select_from(Resident).where(
                Resident.no_kk == person.no_kk, Resident.id != person.id,
                Resident.deleted.is_(False)))
            if n:
                return person, ep
    raise AssertionError("demo data without a PMI abroad with family")


def _drive(monkeypatch, cls, fill):
    """Make ``cls.exec`` run ``fill(dialog)`` like a person, then return."""

    def fake_exec(self):
        self.show()
        fill(self)
        return int(self.result())

    monkeypatch.setattr(cls, "exec", fake_exec)


def _links(ctx, rid) -> list[FamilyLink]:
    with ctx.db.session() as s:
        return list(s.scalars(select(FamilyLink).where(FamilyLink.resident_id == rid)
                              .order_by(FamilyLink.created_at)))


def test_link_member_and_carer_then_unlink(qtbot, ctx, monkeypatch) -> None:
    from app.ui.dialogs import common
    from app.ui.dialogs.family_member import FamilyMemberDialog
    from app.ui.dialogs.resident import ResidentDialog

    person, _ep = _pmi_abroad_with_family(ctx)
    dialog = ResidentDialog(ctx, person.id)
    qtbot.addWidget(dialog)
    before = [x for x in _links(ctx, person.id) if not x.deleted]
    n0 = len(before)
    assert dialog.left_behind_table.rowCount() == n0
    assert dialog.add_link_button.text() == "&Tambah anggota..."
    assert not dialog.remove_link_button.isEnabled()
    kk_member_id = dialog._kk_members[0][0]

    def pick_from_kk(d):
        assert d.windowTitle() == "Tambah anggota keluarga yang ditinggalkan"
        d.member.setCurrentIndex(d.member.findData(kk_member_id))
        assert not d.name.isEnabled()
        # no relation chosen: refused, the catalogue's sentence is shown in the dialog
        qtbot.mouseClick(d.ok, Qt.MouseButton.LeftButton)
        assert d.issues.texts and any("Hubungan" in t for t in d.issues.texts)
        assert not d.saved
        d.relation.set_code("anak")
        qtbot.mouseClick(d.ok, Qt.MouseButton.LeftButton)

    _drive(monkeypatch, FamilyMemberDialog, pick_from_kk)
    assert dialog.add_family_link()

    def type_carer(d):
        d.member.setCurrentIndex(0)
        assert d.name.isEnabled()
        d.relation.set_code("nenek")
        d.birth_date.setText("31/02/1950")  # not a date
        d.save()
        assert d.issues.texts and not d.saved
        d.birth_date.setText("12/03/1955")
        qtbot.keyClicks(d.name, "Nenek Sarinah")
        qtbot.mouseClick(d.carer, Qt.MouseButton.LeftButton,
                         pos=QPoint(8, d.carer.height() // 2))  # on the box itself
        assert d.carer.isChecked()
        d.save()

    _drive(monkeypatch, FamilyMemberDialog, type_carer)
    assert dialog.add_family_link()

    links = _links(ctx, person.id)[-2:]
    assert [(x.member_id, x.relation, x.is_carer) for x in links] == [
        (kk_member_id, "anak", False), (None, "nenek", True)]
    assert links[1].member_name == "Nenek Sarinah"
    assert links[1].member_birth_date == date(1955, 3, 12)
    table = dialog.left_behind_table
    assert table.rowCount() == n0 + 2
    last = n0 + 1
    assert table.item(last, 0).text() == "Nenek Sarinah"
    assert table.item(last, 1).text() == "Nenek"
    assert table.item(last, 2).text() == "12/03/1955"
    assert table.item(last, 3).text() == "pengasuh" and table.item(n0, 3).text() == ""
    assert table.item(n0, 2).text() != ""  # born: from the member's own record

    # cancelled confirmation: nothing removed
    asked: list[str] = []
    monkeypatch.setattr(common, "confirm", lambda _p, q, **_k: asked.append(q) or False)
    table.selectRow(last)
    assert dialog.remove_link_button.isEnabled()
    assert not dialog.remove_family_link()
    assert "Nenek Sarinah" in asked[0]
    assert not any(x.deleted for x in _links(ctx, person.id)[-2:])

    monkeypatch.setattr(common, "confirm", lambda _p, q, **_k: True)
    table.selectRow(last)
    qtbot.mouseClick(dialog.remove_link_button, Qt.MouseButton.LeftButton)
    assert [x.deleted for x in _links(ctx, person.id)[-2:]] == [False, True]
    assert table.rowCount() == n0 + 1 and table.item(n0, 1).text() == "Anak"


def test_unregistered_member_needs_a_name(qtbot, ctx, monkeypatch) -> None:
    from app.ui.dialogs.family_member import FamilyMemberDialog

    person, _ep = _pmi_abroad_with_family(ctx)
    d = FamilyMemberDialog(ctx, person.id, [])
    qtbot.addWidget(d)
    d.relation.set_code("anak")
    assert not d.save()
    assert any("Nama anggota keluarga" in t for t in d.issues.texts)
    assert all(x.member_name for x in _links(ctx, person.id))


def test_lapor_diri_and_placement_change(qtbot, ctx, monkeypatch) -> None:
    from app.ui.dialogs.episode import PLACEMENT, EpisodeDialog, MigrationPanel

    person, ep = _pmi_abroad_with_family(ctx)
    with ctx.write() as s:  # start from a known state
        s.get(Episode, ep.id).lapor_diri = False
    panel = MigrationPanel(ctx)
    qtbot.addWidget(panel)
    panel.load(person.id)
    changed: list[bool] = []
    panel.changed.connect(lambda: changed.append(True))
    assert panel.lapor_diri.text() == "Sudah lapor diri (Peduli WNI)"
    assert panel.lapor_diri.isEnabled() and not panel.lapor_diri.isChecked()
    assert panel.actions[PLACEMENT].isEnabled()

    qtbot.mouseClick(panel.lapor_diri, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, panel.lapor_diri.height() // 2))
    with ctx.db.session() as s:
        assert s.get(Episode, ep.id).lapor_diri is True
    assert panel.lapor_diri.isChecked() and changed
    panel.lapor_diri.click()
    with ctx.db.session() as s:
        assert s.get(Episode, ep.id).lapor_diri is False

    country = ep.destination_country

    def change(d):
        assert d.windowTitle() == "Ubah penempatan"
        assert d.fields["destination_country"].code() == country  # prefilled
        d.fields["destination_city"].setText("Kaohsiung")
        d.fields["employer"].setText("Majikan Baru")
        d.fields["p3mi"].setText("PT Uji Jaya")
        d.fields["sector"].set_code(d.fields["sector"].itemData(1))
        d.fields["contract_start"].setText("01/01/2025")
        d.fields["contract_end"].setText("01/01/2024")  # before the start: refused
        qtbot.mouseClick(d.ok, Qt.MouseButton.LeftButton)
        assert d.issues.texts and not d.saved
        d.fields["contract_end"].setText("31/12/2026")
        d.fields["expected_return"].setText("15/01/2027")
        qtbot.mouseClick(d.ok, Qt.MouseButton.LeftButton)

    _drive(monkeypatch, EpisodeDialog, change)
    assert panel.run_action(PLACEMENT)
    with ctx.db.session() as s:
        after = s.get(Episode, ep.id)
        assert after.state == "berangkat" and after.destination_country == country
        assert (after.destination_city, after.employer, after.p3mi) == (
            "Kaohsiung", "Majikan Baru", "PT Uji Jaya")
        assert after.sector
        assert (after.contract_start, after.contract_end, after.expected_return) == (
            date(2025, 1, 1), date(2026, 12, 31), date(2027, 1, 15))


def test_no_lapor_diri_without_a_departure(qtbot, ctx) -> None:
    from app.ui.dialogs.episode import PLACEMENT, MigrationPanel

    with ctx.db.session() as s:
        person = s.scalars(select(Resident).where(Resident.migrant_status == "bukan")
                           .limit(1)).one()
    panel = MigrationPanel(ctx)
    qtbot.addWidget(panel)
    panel.load(person.id)
    assert not panel.lapor_diri.isEnabled() and not panel.actions[PLACEMENT].isEnabled()
    assert not panel.set_lapor_diri(True)


def test_edit_a_member_and_warn_when_children_have_no_carer(qtbot, empty_ctx,
                                                             monkeypatch) -> None:
    from app.core.services.residents import ResidentInput, register_resident
    from app.ui.dialogs.family_member import FamilyMemberDialog
    from app.ui.dialogs.resident import ResidentDialog

    ctx = empty_ctx
    with ctx.write() as s:
        rid = register_resident(s, ResidentInput(name="Wati", sex="P"),
                                accept_warnings=True).id
    dialog = ResidentDialog(ctx, rid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    assert not dialog.carer_warning.isVisible()
    young = date(date.today().year - 6, 1, 15).strftime("%d/%m/%Y")

    def add_child(d):
        d.relation.set_code("anak")
        qtbot.keyClicks(d.name, "Dimas")
        d.birth_date.setText(young)
        d.save()

    _drive(monkeypatch, FamilyMemberDialog, add_child)
    assert dialog.add_family_link()
    assert dialog.carer_warning.isVisible() and "Dimas" in dialog.carer_warning.text()
    assert "pengasuh" in dialog.carer_warning.text().lower()

    def change(d):
        assert d.windowTitle() == "Ubah anggota keluarga yang ditinggalkan"
        assert (d.name.text(), d.birth_date.text(), d.relation.code()) == ("Dimas", young,
                                                                           "anak")
        d.name.setText("Dimas Saputra")
        d.relation.set_code("pengasuh")  # it was the carer, typed in the wrong row
        d.carer.setChecked(True)
        d.save()

    _drive(monkeypatch, FamilyMemberDialog, change)
    dialog.left_behind_table.selectRow(0)
    assert dialog.edit_link_button.isEnabled()
    assert dialog.edit_family_link()
    links = [x for x in _links(ctx, rid) if not x.deleted]
    assert [(x.member_name, x.relation, x.is_carer) for x in links] == [
        ("Dimas Saputra", "pengasuh", True)]
    assert dialog.left_behind_table.item(0, 0).text() == "Dimas Saputra"
    assert not dialog.carer_warning.isVisible()


def test_children_without_carer_rule(village) -> None:
    from app.core.services.community import children_without_carer, link_family_member
    from app.core.services.residents import ResidentInput, register_resident

    today = date(2026, 6, 1)
    with village.db.unit_of_work("t") as s:
        rid = register_resident(s, ResidentInput(name="Wati", sex="P"),
                                accept_warnings=True).id
        assert children_without_carer(s, rid, today) == []
        link_family_member(s, rid, "anak", member_name="Adult", member_birth_date=date(
            2000, 1, 1))
        assert children_without_carer(s, rid, today) == []  # grown up
        link_family_member(s, rid, "anak", member_name="Kid", member_birth_date=date(
            2020, 1, 1))
        link_family_member(s, rid, "anak", member_name="Unknown age")
        assert children_without_carer(s, rid, today) == ["Kid", "Unknown age"]
        link_family_member(s, rid, "nenek", member_name="Nenek", is_carer=True)
        assert children_without_carer(s, rid, today) == []
