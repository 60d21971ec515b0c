"""The returnee profile (Pasal 42 e) from the person's Migrasi tab: only for a returned
episode, first field focused, unique accelerators, Ctrl+S saves, Esc on changed data asks."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.core.models import Episode
from app.core.services import episodes as svc
from app.core.services import residents
from tests.ui.test_accelerators import duplicates


def _returnee(ctx) -> tuple[str, str]:
    with ctx.db.unit_of_work("op") as s:
        rid = residents.register_resident(s, residents.ResidentInput(
            name="Sri Purna", sex="P", birth_date=date(1988, 3, 3)), accept_warnings=True).id
        ep = svc.record_past_return(s, rid, date(2025, 2, 1), "habis_kontrak",
                                    svc.Placement(destination_country="HK"),
                                    departed_on=date(2023, 1, 10))
        return rid, ep.id


def _episode(ctx, epid: str) -> Episode:
    with ctx.db.session() as s:
        return s.scalars(select(Episode).where(Episode.id == epid)).one()


def test_profile_saved_with_ctrl_s_and_shown_again(qtbot, ctx) -> None:
    from app.ui.dialogs.episode import RETURNEE, EpisodeDialog

    rid, epid = _returnee(ctx)
    dialog = EpisodeDialog(ctx, RETURNEE, rid, _episode(ctx, epid))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    f = dialog.returnee_fields
    assert dialog.focusWidget() is f["returnee_skills"]  # the first field has the focus
    assert not dialog.when.isVisibleTo(dialog)
    assert duplicates(dialog) == []
    qtbot.keyClicks(f["returnee_skills"], "Bahasa Kanton, merawat lansia")
    qtbot.keyClick(f["returnee_skills"], Qt.Key.Key_Tab)  # Tab leaves the text box
    assert dialog.focusWidget() is f["returnee_business"]
    qtbot.keyClicks(f["returnee_business"], "Warung kopi")
    f["remittance_use"].setPlainText("Rumah dan sekolah anak")
    f["plans_to_leave"].set_code("tidak")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved and not dialog.isVisible()
    ep = _episode(ctx, epid)
    assert (ep.returnee_skills, ep.returnee_business, ep.remittance_use, ep.plans_to_leave) == (
        "Bahasa Kanton, merawat lansia", "Warung kopi", "Rumah dan sekolah anak", "tidak")
    again = EpisodeDialog(ctx, RETURNEE, rid, ep)
    qtbot.addWidget(again)
    assert again.returnee_fields["returnee_business"].toPlainText() == "Warung kopi"
    assert again.returnee_fields["plans_to_leave"].code() == "tidak"
    assert not again.is_changed()


def test_escape_on_changed_data_asks_and_keeps_the_record(qtbot, ctx, monkeypatch) -> None:
    from app.ui.dialogs.episode import RETURNEE, EpisodeDialog

    rid, epid = _returnee(ctx)
    dialog = EpisodeDialog(ctx, RETURNEE, rid, _episode(ctx, epid))
    qtbot.addWidget(dialog)
    dialog.show()
    asked: list[bool] = []
    monkeypatch.setattr(dialog, "confirm_discard", lambda: asked.append(True) or False)
    qtbot.keyClicks(dialog.returnee_fields["returnee_skills"], "Menjahit")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()  # "keep editing"
    monkeypatch.setattr(dialog, "confirm_discard", lambda: True)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and not dialog.saved
    assert _episode(ctx, epid).returnee_skills == ""


def test_migrasi_tab_offers_the_profile_only_for_a_returned_episode(qtbot, ctx,
                                                                    monkeypatch) -> None:
    from app.ui.dialogs.episode import RETURNEE, EpisodeDialog, MigrationPanel

    rid, epid = _returnee(ctx)
    with ctx.db.unit_of_work("op") as s:
        svc.register_cpmi(s, rid, svc.Registration(
            registered_on=date.today(), placement=svc.Placement(destination_country="MY"),
            consent=svc.Consent("Budi", "", "suami"), documents=[]), accept_warnings=True)
    panel = MigrationPanel(ctx)
    qtbot.addWidget(panel)
    panel.load(rid)
    button = panel.actions[RETURNEE]
    assert panel.timeline.currentRow() == 1  # the new, open episode
    assert not button.isEnabled()
    panel.timeline.selectRow(0)  # the returned trip
    assert button.isEnabled()
    seen: list[str] = []
    monkeypatch.setattr(EpisodeDialog, "ask", classmethod(
        lambda cls, c, mode, r, episode=None, parent=None: seen.append(
            (mode, episode.id)) or False))
    button.click()
    assert seen == [(RETURNEE, epid)]
    with ctx.db.unit_of_work("op") as s:
        svc.update_returnee_profile(s, epid, svc.ReturneeProfile(returnee_skills="Las"))
    panel.load(rid)
    panel.timeline.selectRow(0)
    assert "Las" in panel.detail.text()
