"""The episode dialog read from its table of mode specs: each mode shows exactly its fields,
the panel enables exactly the actions a state allows, and the modes that had no test of their
own (documents, in process) save through the dialog. Dates are fixed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from app.core.models import Episode
from app.core.services import episodes as svc
from app.core.services import residents

REGISTERED = date(2025, 3, 3)

# what each form showed before the modes became a table (the "when" row is the form's date)
SHOWN = {
    "register": {"when", "placement", "consent", "documents"},
    "verify": {"when"},
    "process": {"when", "process_place"},
    "depart": {"when", "placement"},
    "prevent": {"when", "notes"},
    "end": {"when", "end_choice", "notes"},
    "documents": {"documents"},
    "return": {"when", "return_reason", "death", "notes"},
    "leave": {"when", "leave_until"},
    "leave_end": {"when"},
    "late_depart": {"when", "placement", "notes"},
    "past_return": {"when", "placement", "return_reason", "departed", "notes"},
    "contact": {"when", "contact", "notes"},
    "details": {"details"},
    "returnee": {"returnee"},
    "placement": {"placement"},
}
# one input that only its group has (object names)
MARKER = {"when": "when", "placement": "destination_country", "return_reason": "return_reason",
          "death": "repatriation_status", "process_place": "process_place",
          "leave_until": "leave_until", "details": "epmi_no", "returnee": "returnee_skills",
          "departed": "departed_on", "consent": "consent_name", "documents": "doc_ktp",
          "end_choice": "failed", "contact": "channel", "notes": "notes"}


def _person(ctx, name: str = "Rini Uji Mode") -> str:
    with ctx.db.unit_of_work("op") as s:
        return residents.register_resident(s, residents.ResidentInput(
            name=name, sex="P", birth_date=date(1990, 5, 5)), accept_warnings=True).id


def _registered(ctx) -> tuple[str, Episode]:
    rid = _person(ctx)
    with ctx.db.unit_of_work("op") as s:
        ep = svc.register_cpmi(s, rid, svc.Registration(REGISTERED), accept_warnings=True)
        s.flush()
        s.expunge(ep)
    return rid, ep


def _episode(ctx, episode_id: str) -> Episode:
    with ctx.db.session() as s:
        ep = s.get(Episode, episode_id)
        s.expunge(ep)
        return ep


def test_the_table_has_every_mode_the_panel_offers(qtbot, ctx) -> None:
    from app.ui.dialogs.episode import MigrationPanel
    from app.ui.dialogs.episode_modes import FIELD_GROUPS, MODES, TARGETS

    panel = MigrationPanel(ctx)
    qtbot.addWidget(panel)
    assert set(panel.actions) == set(MODES) == set(SHOWN)
    for key, spec in MODES.items():
        assert spec.key == key
        assert set(spec.groups) <= set(FIELD_GROUPS), key
        assert spec.target in TARGETS, key
        assert "when" not in spec.required or spec.date_label, key  # required and shown
        # the button says the table's text, in Indonesian (the default language)
        assert panel.actions[key].text() == QCoreApplication.translate(
            "MigrationPanel", spec.action) != spec.action


@pytest.mark.parametrize("mode", sorted(SHOWN))
def test_each_mode_shows_exactly_its_fields(qtbot, ctx, mode) -> None:
    from app.ui.dialogs.episode import EpisodeDialog
    from app.ui.dialogs.episode_modes import MODES

    rid, ep = _registered(ctx)
    dialog = EpisodeDialog(ctx, mode, rid, None if MODES[mode].target == "new" else ep)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = {group for group, name in MARKER.items()
             if (w := dialog.findChild(QWidget, name)) is not None and w.isVisibleTo(dialog)
             or (group == "death" and dialog.findChild(QWidget, name) is not None)}
    assert shown == SHOWN[mode]
    assert dialog.windowTitle() and dialog.windowTitle() != MODES[mode].title  # Indonesian


def test_panel_enables_the_actions_each_state_allows(qtbot, ctx) -> None:
    from app.ui.dialogs.episode import MigrationPanel

    def enabled(panel) -> set[str]:
        return {m for m, b in panel.actions.items() if b.isEnabled()}

    panel = MigrationPanel(ctx)
    qtbot.addWidget(panel)
    rid = _person(ctx)
    panel.load(rid)
    assert enabled(panel) == {"register", "late_depart", "past_return", "contact"}
    with ctx.db.unit_of_work("op") as s:
        ep_id = svc.register_cpmi(s, rid, svc.Registration(REGISTERED),
                                  accept_warnings=True).id
    panel.load(rid)
    assert enabled(panel) == {"verify", "process", "depart", "prevent", "end", "documents",
                              "contact", "details"}
    with ctx.db.unit_of_work("op") as s:
        svc.verify(s, ep_id, date(2025, 3, 10))
    panel.load(rid)
    assert enabled(panel) == {"process", "depart", "prevent", "end", "documents", "contact",
                              "details"}
    with ctx.db.unit_of_work("op") as s:
        svc.record_departure(s, ep_id, date(2025, 4, 1), svc.Placement(destination_country="TW"),
                             accept_warnings=True, accept_reason="uji")
    panel.load(rid)
    assert enabled(panel) == {"return", "leave", "contact", "details", "placement"}
    with ctx.db.unit_of_work("op") as s:
        svc.start_leave(s, ep_id, date(2025, 9, 1), None)
    panel.load(rid)
    assert enabled(panel) == {"return", "leave_end", "contact", "details"}
    with ctx.db.unit_of_work("op") as s:
        svc.record_return(s, ep_id, date(2025, 10, 1), "habis_kontrak")
    panel.load(rid)
    assert enabled(panel) == {"register", "late_depart", "past_return", "contact", "details",
                              "returnee"}


def test_documents_mode_saves_the_ticked_documents(qtbot, ctx) -> None:
    from app.ui.dialogs.episode import DOCUMENTS, EpisodeDialog

    rid, ep = _registered(ctx)
    dialog = EpisodeDialog(ctx, DOCUMENTS, rid, ep)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not any(b.isChecked() for b in dialog.doc_checks.values())
    dialog.doc_checks["paspor"].setChecked(True)
    dialog.doc_checks["ktp"].setChecked(True)
    assert dialog.save() and dialog.saved
    assert _episode(ctx, ep.id).document_codes == ["ktp", "paspor"]
    again = EpisodeDialog(ctx, DOCUMENTS, rid, _episode(ctx, ep.id))  # ticked when reopened
    qtbot.addWidget(again)
    assert {c for c, b in again.doc_checks.items() if b.isChecked()} == {"ktp", "paspor"}


def test_process_mode_needs_a_place_and_a_date(qtbot, ctx) -> None:
    from app.ui.dialogs.episode import PROCESS, EpisodeDialog

    rid, ep = _registered(ctx)
    dialog = EpisodeDialog(ctx, PROCESS, rid, ep)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.when.setText("")
    assert not dialog.save()  # the date is required by the mode: the service is not asked
    assert dialog.issues.texts == [dialog.tr("Fill in the date.")] != ["Fill in the date."]
    dialog.when.setText("15/03/2025")
    assert not dialog.save()  # no place: the service refuses, in Indonesian
    assert any("Tempat proses" in t for t in dialog.issues.texts)
    assert _episode(ctx, ep.id).state == "terdaftar"
    place = dialog.process_place
    place.setCurrentIndex(1)
    code = place.code()
    assert code
    assert dialog.save()
    after = _episode(ctx, ep.id)
    assert (after.state, after.process_place, after.process_since) == (
        "dalam_proses", code, date(2025, 3, 15))


def test_required_date_is_checked_before_the_service(qtbot, ctx) -> None:
    from app.ui.dialogs.episode import LATE_DEPART, VERIFY, EpisodeDialog

    rid, ep = _registered(ctx)
    dialog = EpisodeDialog(ctx, VERIFY, rid, ep)
    qtbot.addWidget(dialog)
    dialog.when.setText("")
    assert not dialog.save()
    assert dialog.issues.texts == [dialog.tr("Fill in the date.")]
    assert _episode(ctx, ep.id).state == "terdaftar"
    # a mode whose date is optional goes on to the service with no date
    other = _person(ctx, "Wati Tanpa Tanggal")
    late = EpisodeDialog(ctx, LATE_DEPART, other)
    qtbot.addWidget(late)
    assert late.when.text() == ""
    assert late.fields["procedure"].currentData() == "diduga_nonprosedural"
    late.fields["destination_country"].set_code("MY")
    assert late.save(), late.issues.texts
    with ctx.db.session() as s:
        made = s.scalars(select(Episode).where(Episode.resident_id == other)).one()
    assert (made.state, made.departed_on, made.procedure) == (
        "berangkat", None, "diduga_nonprosedural")


def test_the_modes_permission_is_checked_before_saving(qtbot, ctx, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.core.access import Permission
    from app.ui.dialogs.episode import VERIFY, EpisodeDialog

    rid, ep = _registered(ctx)
    asked: list[object] = []
    monkeypatch.setattr(ctx, "may", lambda p: asked.append(p) or False, raising=False)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda _p, _t, text, *a, **k: told.append(text)))
    dialog = EpisodeDialog(ctx, VERIFY, rid, ep)
    qtbot.addWidget(dialog)
    dialog.when.setText("10/03/2025")
    assert not dialog.save() and not dialog.saved
    assert asked == [Permission.EDIT] and told
    assert _episode(ctx, ep.id).state == "terdaftar"
