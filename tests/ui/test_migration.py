"""The migration lifecycle driven through the real dialogs; the DB is checked after each."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.core.models import ContactLog, Episode, Resident


def _adult_without_episode(ctx) -> Resident:
    with ctx.db.session() as s:
        return s.scalars(select(Resident).where(
            Resident.migrant_status == "bukan", Resident.birth_date < date(2000, 1, 1),
            Resident.life_status == "hidup").order_by(Resident.name).limit(1)).one()


def _drive(monkeypatch, fill):
    """Make EpisodeDialog.exec run ``fill(dialog)`` like a person, then return."""
    from app.ui.dialogs.episode import EpisodeDialog

    def fake_exec(self):
        self.show()
        fill(self)
        return int(self.result())

    monkeypatch.setattr(EpisodeDialog, "exec", fake_exec)


def _episodes(ctx, rid):
    with ctx.db.session() as s:
        return list(s.scalars(select(Episode).where(Episode.resident_id == rid)
                              .order_by(Episode.created_at)))


def test_full_lifecycle_and_leaving_again(qtbot, ctx, monkeypatch) -> None:
    from PySide6.QtCore import Qt

    from app.ui.dialogs.episode import (
        CONTACT,
        DEPART,
        END,
        REGISTER,
        RETURN,
        VERIFY,
        FlagConfirmDialog,
        MigrationPanel,
    )

    person = _adult_without_episode(ctx)
    panel = MigrationPanel(ctx)
    qtbot.addWidget(panel)
    panel.load(person.id)
    assert panel.actions[REGISTER].isEnabled() and not panel.actions[DEPART].isEnabled()
    today = date.today()

    def register(d):
        d.when.setText((today - timedelta(days=30)).strftime("%d/%m/%Y"))
        d.fields["destination_country"].set_code("TW")
        qtbot.keyClicks(d.fields["job"], "Perawat lansia")
        d.fields["scheme"].set_code("perseorangan")
        qtbot.keyClicks(d.consent_name, "Suami Uji")
        d.consent_relation.set_code("suami")
        qtbot.mouseClick(d.doc_checks["ktp"], Qt.MouseButton.LeftButton)
        d.doc_checks["kk"].setChecked(True)
        qtbot.mouseClick(d.ok, Qt.MouseButton.LeftButton)

    _drive(monkeypatch, register)
    assert panel.run_action(REGISTER)
    ep = _episodes(ctx, person.id)[-1]
    assert ep.state == "terdaftar" and ep.destination_country == "TW"
    assert ep.document_codes == ["ktp", "kk"] and ep.consent_relation == "suami"
    assert panel.timeline.item(0, 0).text() == "Terdaftar"

    def verify(d):
        d.when.setText((today - timedelta(days=20)).strftime("%d/%m/%Y"))
        d.save()

    _drive(monkeypatch, verify)
    assert panel.run_action(VERIFY)
    seen: list[list[str]] = []

    def depart(d):
        assert "Visa kerja belum dicatat" in d.flags.text()  # shown before saving
        d.when.setText((today - timedelta(days=10)).strftime("%d/%m/%Y"))
        d.fields["contract_end"].setText((today + timedelta(days=700)).strftime("%d/%m/%Y"))
        assert not d.save()  # first answer: "Kembali", nothing saved
        assert _episodes(ctx, person.id)[-1].state == "terverifikasi"
        answers.append("Visa menyusul, sudah dicek ke P3MI")
        d.save()

    answers: list[str | None] = [None]

    def ask(texts, _parent=None):
        seen.append(texts)
        return answers[-1]

    monkeypatch.setattr(FlagConfirmDialog, "ask", staticmethod(ask))
    _drive(monkeypatch, depart)
    assert panel.run_action(DEPART)
    assert seen and any("Visa kerja" in t for t in seen[0])
    with ctx.db.session() as s:
        from app.core.models import EpisodeFlag

        flags = s.scalars(select(EpisodeFlag).where(EpisodeFlag.cleared.is_(False))).all()
        assert flags and all(f.accepted_reason == "Visa menyusul, sudah dicek ke P3MI"
                             for f in flags if f.episode_id == _episodes(ctx, person.id)[-1].id)
    assert "Red flags" in panel.detail.text() or "Tanda bahaya" in panel.detail.text()
    ep = _episodes(ctx, person.id)[-1]
    assert ep.state == "berangkat" and ep.departed_on == today - timedelta(days=10)
    with ctx.db.session() as s:
        assert s.get(Resident, person.id).migrant_status == "pmi"

    def contact(d):
        d.notes.setPlainText("Sehat, kerja lancar")
        d.save()

    _drive(monkeypatch, contact)
    assert panel.run_action(CONTACT)
    with ctx.db.session() as s:
        log = s.scalars(select(ContactLog).where(ContactLog.resident_id == person.id)).one()
    assert log.news == "Sehat, kerja lancar" and log.episode_id == ep.id
    assert panel.contacts.rowCount() == 1

    def back_home(d):
        d.fields["return_reason"].set_code("habis_kontrak")
        d.save()

    _drive(monkeypatch, back_home)
    assert panel.run_action(RETURN)
    ep = _episodes(ctx, person.id)[-1]
    assert ep.state == "pulang" and ep.return_reason == "habis_kontrak"
    # leave again, then withdraw
    _drive(monkeypatch, lambda d: (d.fields["destination_country"].set_code("MY"), d.save()))
    assert panel.run_action(REGISTER)

    def withdraw(d):
        d.failed.setChecked(True)
        d.notes.setPlainText("Tidak lulus medical")
        d.save()

    _drive(monkeypatch, withdraw)
    assert panel.run_action(END)
    states = [e.state for e in _episodes(ctx, person.id)]
    assert states == ["pulang", "gagal_berangkat"]
    assert panel.timeline.rowCount() == 2
    with ctx.db.session() as s:
        assert s.get(Resident, person.id).migrant_status == "purna_pmi"


def test_late_departure_and_past_return(qtbot, ctx, monkeypatch) -> None:
    from app.ui.dialogs.episode import LATE_DEPART, PAST_RETURN, RETURN, MigrationPanel

    person = _adult_without_episode(ctx)
    panel = MigrationPanel(ctx)
    qtbot.addWidget(panel)
    panel.load(person.id)

    def late(d):
        assert d.fields["procedure"].currentData() == "diduga_nonprosedural"
        d.when.setText("01/03/2024")
        d.fields["destination_country"].set_code("MY")
        d.save()

    _drive(monkeypatch, late)
    assert panel.run_action(LATE_DEPART)
    ep = _episodes(ctx, person.id)[-1]
    assert ep.state == "berangkat" and ep.procedure == "diduga_nonprosedural"
    assert ep.registered_on is None
    _drive(monkeypatch, lambda d: (d.when.setText("05/05/2025"),
                                   d.fields["return_reason"].set_code("deportasi"), d.save()))
    assert panel.run_action(RETURN)

    def past(d):
        d.when.setText("01/01/2020")
        d.departed.setText("01/01/2018")
        d.fields["return_reason"].set_code("habis_kontrak")
        d.fields["destination_country"].set_code("HK")
        d.save()

    _drive(monkeypatch, past)
    assert panel.run_action(PAST_RETURN)
    eps = _episodes(ctx, person.id)
    assert [e.state for e in eps] == ["pulang", "pulang"]
    assert eps[-1].destination_country == "HK" and eps[-1].departed_on == date(2018, 1, 1)


def test_refused_input_is_explained_and_nothing_written(qtbot, ctx) -> None:
    from app.ui.dialogs.episode import REGISTER, EpisodeDialog

    person = _adult_without_episode(ctx)
    future = (date.today() + timedelta(days=5)).strftime("%d/%m/%Y")
    dialog = EpisodeDialog(ctx, REGISTER, person.id)
    qtbot.addWidget(dialog)
    dialog.when.setText(future)
    assert not dialog.save()
    assert any("masa depan" in t for t in dialog.issues.texts)
    dialog.when.setText("33/13/2020")
    assert not dialog.save()
    assert any("hh/bb/tttt" in t for t in dialog.issues.texts)
    assert _episodes(ctx, person.id) == []


def test_migration_view_filters_and_opens(qtbot, ctx, monkeypatch) -> None:
    from app.ui.dialogs.resident import ResidentDialog
    from app.ui.views.migration import MigrationView

    view = MigrationView(ctx)
    qtbot.addWidget(view)
    with ctx.db.session() as s:
        abroad = s.scalars(select(Episode).where(Episode.state == "berangkat",
                                                 Episode.deleted.is_(False))).all()
    view.apply_filter(state="berangkat")
    assert view.model.rowCount() == len(abroad)
    view.apply_filter(overdue=True)
    overdue = [e for e in abroad if e.expected_return and e.expected_return < date.today()]
    assert view.model.rowCount() == len(overdue)
    view.apply_filter(state="berangkat")
    opened = []
    monkeypatch.setattr(ResidentDialog, "open_existing",
                        classmethod(lambda cls, _c, rid, *_a, **k: opened.append((rid, k))))
    view.table.selectRow(0)
    view.open_current()
    assert opened and opened[0][1] == {"tab": "migrasi"}
    assert opened[0][0] in {e.resident_id for e in abroad}
