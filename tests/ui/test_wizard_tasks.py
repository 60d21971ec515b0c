"""First-start wizard; background tasks with delayed progress and cancel."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt


def test_wizard_sets_village_operator_and_hashed_pin(qtbot, tmp_path) -> None:
    from sqlalchemy import select

    from app.core.access import check_pin
    from app.core.models import Operator
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from app.ui.wizard import SetupWizard

    ws = open_workspace(DataDir(tmp_path / "baru"))
    try:
        wizard = SetupWizard(ws)
        qtbot.addWidget(wizard)
        wizard.show()
        assert "UU 27/2022" in wizard.welcome_page.notice.toPlainText()
        assert wizard.welcome_page.mode() == "desa"
        wizard.next()
        page = wizard.village_page
        assert not page.isComplete()
        qtbot.keyClicks(page.search, "sukadana, lampung timur")
        page._run_search()
        codes = [page.hits.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(page.hits.count())]
        assert "18.07.01.2001" in codes
        page.hits.setCurrentRow(codes.index("18.07.01.2001"))
        assert page.village_code() == "18.07.01.2001"
        assert page.province.currentData() == "18" and page.district.currentData() == "18.07.01"
        assert "Sukadana" in page.chosen.text()
        wizard.next()
        op = wizard.operator_page
        qtbot.keyClicks(op.name, "Sri Wahyuni")
        qtbot.keyClicks(op.pin, "1234")
        qtbot.keyClicks(op.pin2, "1243")
        assert not op.isComplete() and op.problem.text() == "Kedua PIN tidak sama."
        op.pin2.clear()
        qtbot.keyClicks(op.pin2, "1234")
        assert op.isComplete()
        wizard.accept()
        office = ws.office()
        assert office.code == "18.07.01.2001" and office.operator == "Sri Wahyuni"
        with ws.db.session() as s:
            operator = s.scalars(select(Operator)).one()
        assert operator.name == "Sri Wahyuni" and operator.role == "kepala_desa"
        stored = operator.pin_hash
        assert stored.startswith("$argon2id$") and "1234" not in stored
        assert check_pin(stored, "1234") and not check_pin(stored, "1235")
    finally:
        ws.close()


def test_wizard_p4mi_mode_chooses_a_regency(qtbot, tmp_path) -> None:
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from app.ui.wizard import SetupWizard

    ws = open_workspace(DataDir(tmp_path / "hub"))
    try:
        wizard = SetupWizard(ws)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.welcome_page.p4mi_mode.setChecked(True)
        wizard.next()
        page = wizard.village_page
        assert not page.village.isEnabled()
        page.province.setCurrentIndex(page.province.findData("18"))
        page.regency.setCurrentIndex(page.regency.findData("18.07"))
        assert page.isComplete() and "Lampung Timur" in page.chosen.text()
        wizard.next()
        op = wizard.operator_page
        assert op.role.currentData() == "kepala_p4mi"
        qtbot.keyClicks(op.name, "Petugas Satu")
        wizard.accept()
        office = ws.office()
        assert office.is_p4mi and office.code == "18.07"
    finally:
        ws.close()


def test_wizard_by_province_lists(qtbot, tmp_path) -> None:
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from app.ui.wizard import VillagePage

    ws = open_workspace(DataDir(tmp_path / "b"))
    try:
        page = VillagePage()
        qtbot.addWidget(page)
        page.province.setCurrentIndex(page.province.findData("18"))
        page.regency.setCurrentIndex(page.regency.findData("18.07"))
        page.district.setCurrentIndex(page.district.findData("18.07.01"))
        page.village.setCurrentIndex(page.village.findData("18.07.01.2001"))
        assert page.village_code() == "18.07.01.2001"
    finally:
        ws.close()


def test_op_runs_off_thread_with_progress_and_cancel(qtbot) -> None:
    from app.core.progress import Progress
    from app.ui import progress as progress_mod
    from app.ui.tasks import Op, TaskRunner

    runner = TaskRunner()
    results: dict[str, object] = {}
    main_thread = __import__("threading").get_ident()

    def work(report, cancel):
        results["thread"] = __import__("threading").get_ident()
        for i in range(200):
            report(Progress("Menghitung", i, 200))
            cancel.check()
            time.sleep(0.01)
        return "selesai"

    op = Op(runner, work).with_progress("Menghitung...")
    op.on_success(lambda r: results.setdefault("ok", r))
    op.on_cancel(lambda: results.setdefault("cancelled", True))
    op.start()
    qtbot.waitUntil(lambda: op.dialog is not None and op.dialog.dialog is not None,
                    timeout=3000)
    dialog = op.dialog.dialog
    assert isinstance(dialog, progress_mod.ProgressDialog)
    assert dialog.cancel_button.text() == "Batal"
    qtbot.waitUntil(lambda: dialog.bar.maximum() == 200, timeout=2000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cancelled" in results, timeout=3000)
    assert "ok" not in results and results["thread"] != main_thread
    assert not runner.busy
    runner.shutdown()


def test_op_quick_work_shows_no_dialog_and_failure_goes_to_callback(qtbot) -> None:
    from app.core.errors import AppError
    from app.ui.tasks import Op, TaskRunner

    runner = TaskRunner()
    got: list[object] = []
    op = Op(runner, lambda _p, _c: 42).with_progress("x").on_success(got.append).start()
    qtbot.waitUntil(lambda: got == [42], timeout=2000)
    assert op.dialog is None

    def fail(_p, _c):
        raise AppError("storage.full", path="/x")

    Op(runner, fail).on_failure(got.append).start()
    qtbot.waitUntil(lambda: len(got) == 2, timeout=2000)
    assert isinstance(got[1], AppError) and got[1].code == "storage.full"
    runner.shutdown()


def test_wizard_prefilled_from_training_package(qtbot, tmp_path, hub) -> None:
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from app.ui.wizard import SetupWizard
    from sync.keys import load_p4mi_key
    from sync.provisioning import create_provisioning

    prov = create_provisioning(hub, tmp_path / "paket", trainer="Budi Pelatih")
    ws = open_workspace(DataDir(tmp_path / "desa-baru"))
    try:
        wizard = SetupWizard(ws)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.use_provisioning(prov)
        assert "Budi Pelatih" in wizard.welcome_page.provisioning_label.text()
        assert not wizard.welcome_page.p4mi_mode.isEnabled()
        wizard.next()
        page = wizard.village_page
        assert page.regency.currentData() == "18.07" and not page.regency.isEnabled()
        qtbot.keyClicks(page.search, "Sukadana")
        page._run_search()
        codes = [page.hits.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(page.hits.count())]
        assert codes and all(c.startswith("18.07.") for c in codes)
        page.hits.setCurrentRow(codes.index("18.07.01.2001"))
        wizard.next()
        qtbot.keyClicks(wizard.operator_page.name, "Kades Baru")
        wizard.accept()
        assert ws.office().code == "18.07.01.2001"
        key = load_p4mi_key(ws.data_dir)
        assert key is not None and key.fingerprint == prov.fingerprint
    finally:
        ws.close()


def test_work_that_cannot_stop_shows_no_cancel_button(qtbot) -> None:
    from app.core.progress import CancelToken
    from app.ui.progress import ProgressDialog

    token = CancelToken()
    dialog = ProgressDialog("Memulihkan...", token, cancellable=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.cancel_button.isVisible()
    dialog.reject()  # Esc
    assert not token.cancelled
    normal = ProgressDialog("Mengimpor...", CancelToken())
    qtbot.addWidget(normal)
    normal.show()
    assert normal.cancel_button.isVisible()
