"""The episode dialog as a checkpoint: live red flags, "Kembali" as the default answer, the
new outcomes, and the dialog rules (first field focused, unique accelerators, Ctrl+S, Esc)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel
from sqlalchemy import select

from app.core.models import Episode, EpisodeFlag, Resident
from app.core.services import episodes as svc
from app.core.services import residents


def _minor(ctx) -> str:
    with ctx.db.unit_of_work("op") as s:
        return residents.register_resident(s, residents.ResidentInput(
            name="Nur Muda", sex="P", birth_date=date.today() - timedelta(days=17 * 365 + 20),
            marital_status="belum_kawin"), accept_warnings=True).id


def _adult(ctx) -> str:
    with ctx.db.unit_of_work("op") as s:
        return residents.register_resident(s, residents.ResidentInput(
            name="Tini Dewasa", sex="P", birth_date=date(1990, 5, 5)),
            accept_warnings=True).id


def test_confirm_default_is_go_back_and_going_on_needs_a_reason(qtbot) -> None:
    from app.ui.dialogs.episode import FlagConfirmDialog

    dialog = FlagConfirmDialog(["Usia saat berangkat 17 tahun"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.back.isDefault() and not dialog.go_on.isDefault()
    assert dialog.back.text().replace("&", "") == "Kembali"
    assert not dialog.go_on.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter means "Kembali"
    assert dialog.result() == QDialog.DialogCode.Rejected
    dialog2 = FlagConfirmDialog(["x"])
    qtbot.addWidget(dialog2)
    qtbot.keyClicks(dialog2.reason, "Dirujuk ke P4MI")
    assert dialog2.go_on.isEnabled()


def test_register_shows_the_under_age_flag_live_and_stores_it(qtbot, ctx) -> None:
    from app.ui.dialogs.episode import REGISTER, EpisodeDialog

    rid = _minor(ctx)
    dialog = EpisodeDialog(ctx, REGISTER, rid)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.flags.isVisible()
    assert "17 tahun" in dialog.flags.text() and "tinggi" in dialog.flags.text()
    dialog.fields["destination_country"].set_code("KH")
    dialog.update_flags()
    assert "Kamboja" in dialog.flags.text()
    assert dialog.save()
    with ctx.db.session() as s:
        ep = s.scalars(select(Episode).where(Episode.resident_id == rid)).one()
        codes = {f.code for f in s.scalars(select(EpisodeFlag).where(
            EpisodeFlag.episode_id == ep.id))}
    assert {"under_age", "scam_route"} <= codes


def test_dialog_rules(qtbot, ctx, monkeypatch) -> None:
    from app.ui.dialogs.episode import DEPART, DETAILS, REGISTER, RETURN, EpisodeDialog

    rid = _adult(ctx)
    dialog = EpisodeDialog(ctx, REGISTER, rid)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.when  # the first field has the focus
    # unique accelerators among the dialog's labels and buttons
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    keys = [m.group(1).lower() for t in texts for m in [re.search(r"&([^&\s])", t)] if m]
    assert len(keys) == len(set(keys)), keys
    # Esc on unchanged data closes without asking
    asked: list[bool] = []
    monkeypatch.setattr(EpisodeDialog, "confirm_discard", lambda self: asked.append(True)
                        or False)
    dialog.reject()
    assert not asked and dialog.result() == QDialog.DialogCode.Rejected
    # Esc on changed data asks; "keep editing" keeps the dialog open
    dialog2 = EpisodeDialog(ctx, REGISTER, rid)
    qtbot.addWidget(dialog2)
    dialog2.show()
    qtbot.keyClicks(dialog2.fields["job"], "Perawat")
    qtbot.keyClick(dialog2, Qt.Key.Key_Escape)
    assert asked == [True] and dialog2.isVisible()
    # Ctrl+S saves
    qtbot.keyClick(dialog2.fields["job"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog2.saved
    with ctx.db.session() as s:
        ep = s.scalars(select(Episode).where(Episode.resident_id == rid)).one()
    assert ep.job == "Perawat"
    for mode in (DEPART, DETAILS, RETURN):
        d = EpisodeDialog(ctx, mode, rid, ep)
        qtbot.addWidget(d)
        labels = [w.text() for w in d.findChildren(QLabel) + d.findChildren(QAbstractButton)]
        keys = [m.group(1).lower() for t in labels for m in [re.search(r"&([^&\s])", t)] if m]
        assert len(keys) == len(set(keys)), (mode, keys)


def test_prevent_leave_and_death_through_the_panel(qtbot, ctx, monkeypatch) -> None:
    from app.ui.dialogs.episode import (
        LEAVE,
        LEAVE_END,
        PREVENT,
        RETURN,
        EpisodeDialog,
        MigrationPanel,
    )

    def drive(fill):
        def fake_exec(self):
            self.show()
            fill(self)
            return int(self.result())

        monkeypatch.setattr(EpisodeDialog, "exec", fake_exec)

    rid = _minor(ctx)
    with ctx.db.unit_of_work("op") as s:
        svc.register_cpmi(s, rid, svc.Registration(date.today()))
    panel = MigrationPanel(ctx)
    qtbot.addWidget(panel)
    panel.load(rid)
    assert panel.actions[PREVENT].isEnabled() and not panel.actions[LEAVE].isEnabled()
    assert "17 tahun" in panel.detail.text()  # the flags on the person's record

    def prevent(d):
        d.notes.setPlainText("Masih 17 tahun; keluarga diberi penjelasan")
        d.save()

    drive(prevent)
    assert panel.run_action(PREVENT)
    with ctx.db.session() as s:
        ep = s.scalars(select(Episode).where(Episode.resident_id == rid)).one()
    assert ep.state == "dicegah" and ep.end_reason.startswith("Masih 17")
    assert panel.timeline.item(0, 0).text() != "Batal"

    adult = _adult(ctx)
    with ctx.db.unit_of_work("op") as s:
        epid = svc.record_late_departure(s, adult, date.today() - timedelta(days=300),
                                         svc.Placement(destination_country="HK")).id
    panel.load(adult)
    assert panel.actions[LEAVE].isEnabled()
    drive(lambda d: d.save())
    assert panel.run_action(LEAVE)
    with ctx.db.session() as s:
        assert s.get(Episode, epid).state == "cuti"
        assert s.get(Resident, adult).migrant_status == "pmi"
    drive(lambda d: d.save())
    assert panel.run_action(LEAVE_END)

    def died(d):
        assert not d.repatriation.isVisibleTo(d)
        d.fields["return_reason"].set_code("meninggal")
        assert d.repatriation.isVisibleTo(d)
        d.repatriation.set_code("dipulangkan")
        d.death_claim.set_code("diajukan")
        d.save()

    drive(died)
    assert panel.run_action(RETURN)
    with ctx.db.session() as s:
        ep = s.get(Episode, epid)
        assert ep.state == "pulang" and ep.death_claim_status == "diajukan"
        assert s.get(Resident, adult).life_status == "meninggal"


def test_migration_list_has_flag_column_and_filter(qtbot, ctx) -> None:
    from app.ui.views.migration import MigrationView

    view = MigrationView(ctx)
    qtbot.addWidget(view)
    all_rows = view.model.rowCount()
    view.apply_filter(flags="ada")
    flagged = view.model.rowCount()
    assert 0 < flagged < all_rows
    column = [c.key for c in view.model.columns].index("flags")
    texts = {view.model.index(r, column).data() for r in range(flagged)}
    assert all(t and t[0].isdigit() for t in texts)
    view.apply_filter(flags="tinggi")
    assert view.model.rowCount() <= flagged
    with ctx.db.session() as s:
        high = s.scalar(select(EpisodeFlag.episode_id).where(
            EpisodeFlag.severity == "tinggi", EpisodeFlag.cleared.is_(False)).limit(1))
    assert (high is None) == (view.model.rowCount() == 0)
