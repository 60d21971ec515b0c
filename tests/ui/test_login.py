"""PIN sign-in at start and the idle lock screen."""

from __future__ import annotations

from app.core.access import Permission, Role
from app.core.services import operators


def _operators(ws) -> None:
    with ws.db.unit_of_work("setup") as s:
        operators.add_operator(s, "Kades Ani", Role.KEPALA_DESA, "2468")
        operators.add_operator(s, "Operator Budi", Role.OPERATOR_DESA, "1357")


def test_no_pin_means_the_head_works_without_signing_in(village) -> None:
    from app.ui.login import sign_in_at_start

    who = sign_in_at_start(village.db, village.office())
    assert who is not None and who.role == Role.KEPALA_DESA


def test_wrong_then_right_pin(qtbot, village) -> None:
    from app.ui.login import LoginDialog

    _operators(village)
    dialog = LoginDialog(village.db, village.office())
    qtbot.addWidget(dialog)
    dialog.operator.setCurrentIndex(dialog.operator.findData("Operator Budi"))
    qtbot.keyClicks(dialog.pin, "0000")
    dialog.try_sign_in()
    assert dialog.signed_in is None and "PIN salah" in dialog.problem.text()
    assert dialog.pin.text() == ""
    qtbot.keyClicks(dialog.pin, "1357")
    dialog.try_sign_in()
    assert dialog.signed_in is not None and dialog.signed_in.name == "Operator Budi"
    assert not dialog.signed_in.may(Permission.DELETE)


def test_idle_lock_hides_window_until_pin(qtbot, village, monkeypatch) -> None:
    from PySide6.QtWidgets import QWidget

    from app.core.services.operators import SignedIn
    from app.ui import login
    from app.ui.context import AppContext

    _operators(village)
    ctx = AppContext(village, village.office(),
                     signed_in=SignedIn(2, "Operator Budi", Role.OPERATOR_DESA))
    assert not ctx.may(Permission.SEE_SENSITIVE) and ctx.operator == "Operator Budi"
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    seen: list[bool] = []

    def fake_ask(db, office, *, locked_for="", parent=None):
        seen.append(window.isVisible())
        assert locked_for == "Operator Budi"
        return SignedIn(1, "Kades Ani", Role.KEPALA_DESA)

    monkeypatch.setattr(login.LoginDialog, "ask", staticmethod(fake_ask))
    lock = login.IdleLock(window, ctx, minutes=1)
    lock.lock()
    assert seen == [False]  # the window was hidden while the PIN was asked
    assert window.isVisible() and ctx.operator == "Kades Ani"
    assert ctx.may(Permission.SEE_SENSITIVE)


def test_idle_timer_locks_by_itself_and_input_postpones_it(qtbot, village, monkeypatch) -> None:
    """The timer, not a direct call, locks the window; a key press restarts the wait; a
    closed window stops the timer (it must not fire a sign-in box later)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QWidget

    from app.core.services.operators import SignedIn
    from app.ui import login
    from app.ui.context import AppContext

    _operators(village)
    ctx = AppContext(village, village.office(),
                     signed_in=SignedIn(2, "Operator Budi", Role.OPERATOR_DESA))
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    asked: list[str] = []

    def fake_ask(db, office, *, locked_for="", parent=None):
        asked.append(locked_for)
        return SignedIn(2, "Operator Budi", Role.OPERATOR_DESA)

    monkeypatch.setattr(login.LoginDialog, "ask", staticmethod(fake_ask))
    lock = login.IdleLock(window, ctx, minutes=1)
    lock.timer.setInterval(300)
    lock.timer.start()
    qtbot.wait(150)
    QApplication.sendEvent(window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A,
                                             Qt.KeyboardModifier.NoModifier, "a"))
    assert lock.timer.remainingTime() > 200  # input restarted the wait
    qtbot.waitUntil(lambda: asked == ["Operator Budi"], timeout=2000)
    assert window.isVisible()
    window.close()
    assert not lock.timer.isActive()
    qtbot.wait(400)
    assert asked == ["Operator Budi"]


def test_operator_without_permission_cannot_reveal_case_details(qtbot, tmp_path) -> None:
    from datetime import date

    from app.core.services.operators import SignedIn
    from app.ui.views.cases import CasesView
    from tests.demo_data import make_demo_village
    from tests.ui.gui_b_support import make_ctx

    ws = make_demo_village(tmp_path / "desa", residents=300, seed=8, today=date.today())
    try:
        ctx = make_ctx(ws)
        ctx.sign_in(SignedIn(5, "Operator Budi", Role.OPERATOR_DESA))
        view = CasesView(ctx)
        qtbot.addWidget(view)
        view.show()
        view.status.setCurrentIndex(view.status.findData("all"))
        assert view.model.rowCount() > 0
        view.table.selectRow(0)
        view.reveal_selected()
        assert "kepala desa" in view.detail.toPlainText().lower()
        view.show_sensitive.setChecked(True)
        assert not view.show_sensitive.isChecked() and view.table.isColumnHidden(7)
    finally:
        ws.close()


def test_idle_time_is_configurable_by_the_head(qtbot, village) -> None:
    from app.core.db import get_setting
    from app.core.services.operators import SignedIn
    from app.ui.context import AppContext
    from app.ui.data_menu import IDLE_SETTING, OperatorsDialog

    ctx = AppContext(village, village.office(),
                     signed_in=SignedIn(1, "Kades Ani", Role.KEPALA_DESA))
    dialog = OperatorsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.idle_minutes.value() == 10
    dialog.idle_minutes.setValue(25)
    dialog.save_idle_minutes()
    with village.db.session() as s:
        assert get_setting(s, IDLE_SETTING) == "25"


def test_wrong_pin_does_not_squeeze_the_dialog(qtbot, village) -> None:
    """After a wrong PIN the PIN field keeps its height and the message is shown whole."""
    from PySide6.QtWidgets import QApplication

    from app.ui.login import LoginDialog

    _operators(village)
    dialog = LoginDialog(village.db, village.office())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.pin
    for _ in range(2):
        qtbot.keyClicks(dialog.pin, "0000")
        dialog.try_sign_in()
        QApplication.processEvents()
        assert "PIN salah" in dialog.problem.text()
        assert dialog.pin.height() >= dialog.pin.sizeHint().height()
        needed = dialog.problem.heightForWidth(dialog.problem.width())
        assert dialog.problem.height() >= needed > 0
        assert dialog.problem.geometry().bottom() <= dialog.height()
