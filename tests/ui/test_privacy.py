"""Confidential case details per place (issue 14): an operator without the right sees none.

One village with one confidential case (type "Gaji tidak dibayar", a reporter, a chronology,
a follow-up note) and one open case that is not confidential. An operator (operator_desa, no
SEE_SENSITIVE) signs in and every place that shows case data is checked: the Kasus list and
detail, its type filter (a search result), the follow-up dialog's title, the case dialog, the
person's change history, the dashboard, the person sheet and the monthly recap (PDFs), the
audit log and its export, and the same core read paths on the P4MI side. The head sees them
only after a reveal, which the audit log records.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from app.core.access import Role
from app.core.errors import AppError
from app.core.privacy import REDACTED
from app.core.services.operators import SignedIn

TYPE_LABEL = "Gaji tidak dibayar"
OPEN_TYPE_LABEL = "Hilang kontak"
REPORTER = "Siti Rahayu (istri)"
CHRONOLOGY = "Majikan menahan gaji tujuh bulan"
NOTE = "Dilaporkan ke atase ketenagakerjaan"
SECRETS = (TYPE_LABEL, "gaji_tidak_dibayar", REPORTER, CHRONOLOGY, NOTE)

OPERATOR = SignedIn(5, "Operator Budi", Role.OPERATOR_DESA)
HEAD = SignedIn(1, "Kades Ani", Role.KEPALA_DESA)
P4MI_CLERK = SignedIn(7, "Petugas Rina", Role.PETUGAS_P4MI)


def _seed(ws: Any) -> dict[str, str]:
    from app.core.services.cases import CaseInput, add_follow_up, open_case, update_case
    from app.core.services.residents import ResidentInput, register_resident

    today = date.today()
    with ws.db.unit_of_work("Kades Ani") as s:
        r = register_resident(s, ResidentInput(name="Wati Lestari", nik="1807014506900002",
                                               sex="P"), accept_warnings=True)
        secret = open_case(s, r.id, CaseInput(
            case_type="gaji_tidak_dibayar", reported_on=today - timedelta(days=3),
            reporter=REPORTER, chronology=CHRONOLOGY, sensitive=True))
        add_follow_up(s, secret.id, today - timedelta(days=1), NOTE)
        plain = open_case(s, r.id, CaseInput(case_type="hilang_kontak", reported_on=today,
                                             reporter="Pak RT", sensitive=False))
        ids = {"resident": r.id, "secret": secret.id, "plain": plain.id}
    with ws.db.unit_of_work("Kades Ani") as s:
        # a later change of the confidential case, as in the reported history line
        data = CaseInput(case_type="gaji_tidak_dibayar", reported_on=today - timedelta(days=3),
                         reporter=REPORTER, chronology=CHRONOLOGY + ".", sensitive=True)
        update_case(s, ids["secret"], data)
    return ids


def _no_secret(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret.lower() not in text.lower(), f"{where} shows {secret!r}: {text[:400]}"


@pytest.fixture
def seeded(village: Any) -> tuple[Any, dict[str, str]]:
    return village, _seed(village)


def _ctx(ws: Any, who: SignedIn) -> Any:
    from tests.ui.gui_b_support import make_ctx

    ctx = make_ctx(ws)
    ctx.sign_in(who)
    return ctx


def test_core_read_paths_redact_for_an_operator(seeded) -> None:
    from app.core.repo.cases import case_detail, list_cases
    from app.core.repo.dashboard import open_cases
    from app.core.services.audit import resident_history

    ws, ids = seeded
    with ws.db.session() as s:
        rows = {r.id: r for r in list_cases(s, status="all", viewer=OPERATOR)}
        assert rows[ids["secret"]].hidden and rows[ids["secret"]].case_type == REDACTED
        assert rows[ids["secret"]].reporter == REDACTED == rows[ids["secret"]].chronology
        assert not rows[ids["plain"]].hidden and rows[ids["plain"]].reporter == "Pak RT"
        _no_secret(repr(list(rows.values())), "list_cases")
        # filtering on the type is a search: it must not single out the hidden case
        found = list_cases(s, status="all", case_type="gaji_tidak_dibayar", viewer=OPERATOR)
        assert found == []
        with pytest.raises(AppError) as err:
            list_cases(s, status="all", viewer=OPERATOR, reveal=True)
        assert err.value.code == "auth.not_allowed"
        with pytest.raises(AppError):
            list_cases(s, status="all", viewer=OPERATOR, reveal={ids["secret"]})
        # no viewer given: redacted, never the details
        assert list_cases(s, status="all")[0].hidden in (True, False)
        assert all(r.hidden for r in list_cases(s, status="all") if r.sensitive)

        detail = case_detail(s, ids["secret"], viewer=OPERATOR)
        assert detail.hidden
        _no_secret(repr(detail), "case_detail")
        with pytest.raises(AppError):
            case_detail(s, ids["secret"], viewer=OPERATOR, reveal=True)

        history = resident_history(s, ids["resident"], viewer=OPERATOR)
        assert any(line.hidden for line in history)
        _no_secret(repr(history), "resident_history")
        with pytest.raises(AppError):
            resident_history(s, ids["resident"], viewer=OPERATOR, reveal=True)

        _no_secret(repr(open_cases(s)), "dashboard open cases")

        # the head, once revealed, gets the details
        revealed = case_detail(s, ids["secret"], viewer=HEAD, reveal=True)
        assert revealed.case.reporter == REPORTER and revealed.follow_ups[0].note == NOTE
        assert any(r.case_type == "gaji_tidak_dibayar"
                   for r in list_cases(s, status="all", viewer=HEAD, reveal=True))
        assert "gaji_tidak_dibayar" in repr(resident_history(s, ids["resident"], viewer=HEAD,
                                                             reveal=True))


def test_printed_sheet_and_recap_hide_the_type(seeded) -> None:
    from app.core.reports.person import build_person_sheet
    from app.core.reports.recap import build_recap, monthly_recap

    ws, ids = seeded
    today = date.today()
    with ws.db.session() as s:
        sheet = build_person_sheet(s, ws.office(), ids["resident"], include_cases=True,
                                   viewer=OPERATOR).to_text()
        head_sheet = build_person_sheet(s, ws.office(), ids["resident"], include_cases=True,
                                        viewer=HEAD).to_text()
        recap = monthly_recap(s, today.year, today.month)
        recap_text = build_recap(s, ws.office(), today.year, today.month).to_text()
    assert "E. Kasus" in sheet and "Rahasia" in sheet and OPEN_TYPE_LABEL in sheet
    _no_secret(sheet, "person sheet")
    assert TYPE_LABEL in head_sheet
    _no_secret(repr(recap.new_cases) + recap_text, "monthly recap")


def test_every_screen_hides_the_details_from_an_operator(qtbot, seeded, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.ui.data_menu import audit_lines
    from app.ui.dialogs.case_follow_up import FollowUpDialog
    from app.ui.dialogs.case_form import CaseDialog
    from app.ui.dialogs.history import HistoryDialog
    from app.ui.views.cases import CasesView
    from app.ui.views.dashboard import DashboardView

    ws, ids = seeded
    ctx = _ctx(ws, OPERATOR)
    refusals: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda _p, _t, text, *a, **k: refusals.append(text)))

    view = CasesView(ctx)
    qtbot.addWidget(view)
    view.apply_filter(status="all")
    assert view.model.rowCount() == 2
    assert view.select_case(ids["secret"])
    view.reveal_selected()
    view.show_sensitive.setChecked(True)
    cells = " ".join(str(v) for i in range(view.model.rowCount())
                     for v in view.model.row_values(i))
    _no_secret(cells + view.detail.toPlainText(), "Kasus view")
    view.case_type.setCurrentIndex(view.case_type.findData("gaji_tidak_dibayar"))
    assert view.model.rowCount() == 0  # the type filter does not find the hidden case

    follow = FollowUpDialog(ctx, ids["secret"])
    qtbot.addWidget(follow)
    _no_secret(follow.about.text() + follow.windowTitle(), "follow-up dialog")
    assert "Wati Lestari" in follow.about.text()
    plain = FollowUpDialog(ctx, ids["plain"])
    qtbot.addWidget(plain)
    assert OPEN_TYPE_LABEL in plain.about.text()

    opened: list[Any] = []
    monkeypatch.setattr(CaseDialog, "exec", lambda self: opened.append(self) or 0)
    assert CaseDialog.edit(ctx, ids["secret"]) is None
    assert opened == [] and refusals  # refused before the form opened
    with pytest.raises(AppError):
        CaseDialog(ctx, case_id=ids["secret"])  # and the core refuses a form built anyway

    history = HistoryDialog(ctx, ids["resident"])
    qtbot.addWidget(history)
    text = history.text.toPlainText()
    assert "Pak RT" in text  # the plain case is still told
    _no_secret(text, "change history")
    n = len(refusals)
    history.reveal_button.click()
    assert len(refusals) == n + 1 and not history.revealed
    _no_secret(history.text.toPlainText(), "change history after a refused reveal")

    dash = DashboardView(ctx)
    qtbot.addWidget(dash)
    dash.refresh()
    cells = " ".join(str(v) for i in range(dash.cases_model.rowCount())
                     for v in dash.cases_model.row_values(i))
    _no_secret(cells, "dashboard")

    lines = audit_lines(ctx)
    _no_secret(repr(lines), "audit log")

    with ws.db.session() as s:
        from app.core.models import AuditEntry

        reveals = s.query(AuditEntry).filter(AuditEntry.action.like("reveal%")).count()
    assert reveals == 0  # nothing was revealed, so nothing was logged


def test_head_reveal_is_audited(qtbot, seeded, monkeypatch) -> None:
    from app.core.models import AuditEntry
    from app.ui.dialogs.case_form import CaseDialog
    from app.ui.dialogs.history import HistoryDialog
    from app.ui.views.cases import CasesView

    ws, ids = seeded
    ctx = _ctx(ws, HEAD)
    view = CasesView(ctx)
    qtbot.addWidget(view)
    view.apply_filter(status="all")
    assert view.select_case(ids["secret"])
    assert REPORTER not in view.detail.toPlainText()  # hidden until revealed, even for her
    view.reveal_selected()
    assert REPORTER in view.detail.toPlainText() and NOTE in view.detail.toPlainText()

    history = HistoryDialog(ctx, ids["resident"])
    qtbot.addWidget(history)
    assert TYPE_LABEL not in history.text.toPlainText()
    history.reveal_button.click()
    assert TYPE_LABEL in history.text.toPlainText()
    assert CHRONOLOGY not in history.text.toPlainText()  # long texts never in the history

    monkeypatch.setattr(CaseDialog, "exec", lambda self: 0)
    CaseDialog.edit(ctx, ids["secret"])
    with ws.db.session() as s:
        actions = [a for (a,) in s.query(AuditEntry.action)
                   .filter(AuditEntry.action.like("reveal%")).order_by(AuditEntry.id)]
        operators = {o for (o,) in s.query(AuditEntry.operator)
                     .filter(AuditEntry.action.like("reveal%"))}
    assert actions == ["reveal_case", "reveal_case_history", "reveal_case"]
    assert operators == {"Kades Ani"}


def test_p4mi_side_applies_the_same_rule(hub) -> None:
    """The hub holds the villages' cases; its clerk (no SEE_SENSITIVE) gets them redacted."""
    from app.core.repo.cases import case_detail, list_cases
    from app.core.repo.dashboard import open_cases
    from app.core.services.audit import resident_history

    ids = _seed(hub)
    with hub.db.session() as s:
        _no_secret(repr(list_cases(s, status="all", viewer=P4MI_CLERK)), "P4MI case list")
        _no_secret(repr(case_detail(s, ids["secret"], viewer=P4MI_CLERK)), "P4MI case")
        _no_secret(repr(resident_history(s, ids["resident"], viewer=P4MI_CLERK)),
                   "P4MI history")
        _no_secret(repr(open_cases(s)), "P4MI dashboard")
        with pytest.raises(AppError):
            list_cases(s, status="all", viewer=P4MI_CLERK, reveal=True)
