"""The Data menu: backups, restore and undo with the window still working, audit log viewer,
operators and PINs, public statistics, privacy notice, and refusals for the operator role."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.core.models import Resident


class Boxes:
    """Captures QMessageBox.information/question/warning instead of showing them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer_yes: bool = True) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.info: list[tuple[str, str]] = []
        self.questions: list[str] = []
        self.answer = (QMessageBox.StandardButton.Yes if answer_yes
                       else QMessageBox.StandardButton.No)
        monkeypatch.setattr(QMessageBox, "information",
                            lambda _p, title, text, *a, **k: self.info.append((title, text)))
        monkeypatch.setattr(QMessageBox, "warning",
                            lambda _p, title, text, *a, **k: self.info.append((title, text)))
        monkeypatch.setattr(QMessageBox, "question", self._question)

    def _question(self, _parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
        self.questions.append(text)
        return self.answer


def _window(qtbot: Any, ctx: Any) -> Any:
    from PySide6.QtWidgets import QMainWindow

    from app.ui.data_menu import install_data_menu
    from app.ui.views.residents import ResidentsView

    window = QMainWindow()
    qtbot.addWidget(window)
    view = ResidentsView(ctx, window)
    window.setCentralWidget(view)
    ctx.data_changed.connect(lambda _e: view.refresh())  # as the main window does
    menu = install_data_menu(window, ctx)
    window.view = view
    window.show()
    assert menu.title() == "&Data"
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert "&Cadangkan sekarang" in texts and "&Pulihkan..." in texts
    return window


def _first(ctx: Any) -> tuple[str, str]:
    with ctx.db.session() as s:
        r = s.scalars(select(Resident).where(Resident.deleted.is_(False))
                      .order_by(Resident.name)).first()
        return r.id, r.name


def _rename(ctx: Any, rid: str, name: str) -> None:
    with ctx.write() as s:
        s.get(Resident, rid).name = name


def _name(ctx: Any, rid: str) -> str:
    with ctx.db.session() as s:
        return s.get(Resident, rid).name


def test_backup_now_and_to_folder_are_verified(qtbot: Any, ctx: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from app.core.backup import integrity_ok, list_backups

    boxes = Boxes(monkeypatch)
    window = _window(qtbot, ctx)
    menu = window.data_menu
    menu.backup_action.trigger()
    made = list_backups(ctx.workspace.data_dir.backups)
    assert [b.reason for b in made] == ["manual"]
    assert integrity_ok(made[0].path) and menu.last_result == made[0].path
    assert boxes.info and str(made[0].path) in boxes.info[-1][1]

    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    menu.backup_to_action.trigger()
    copies = list_backups(usb)
    assert len(copies) == 1 and integrity_ok(copies[0].path)
    with ctx.db.session() as s:
        from app.core.models import AuditEntry

        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.action == "backup")) == 2


def test_restore_and_undo_round_trip_in_background(qtbot: Any, demo_village: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.restore import quick_check
    from app.ui.data_menu import RestoreDialog
    from app.ui.tasks import TaskRunner
    from tests.ui.conftest import make_context

    ctx = make_context(demo_village)
    ctx.tasks = TaskRunner()  # the real background worker
    boxes = Boxes(monkeypatch)
    window = _window(qtbot, ctx)
    menu = window.data_menu
    rid, old = _first(ctx)

    op = menu.backup_now()
    qtbot.waitUntil(lambda: op.future.done() and menu.last_result is not None, timeout=5000)
    backup = menu.last_result
    _rename(ctx, rid, "Aaaa Nama Sesudah Cadangan")
    window.view.refresh()  # reads on the DB worker: the new order arrives shortly
    qtbot.waitUntil(lambda: window.view.model.data(window.view.model.index(0, 0))
                    == "Aaaa Nama Sesudah Cadangan", timeout=10000)

    # The dialog lists the backup, newest good preselected.
    dialog = RestoreDialog(ctx, window)
    qtbot.addWidget(dialog)
    assert dialog.selected_path() == backup and dialog.table.rowCount() == 1

    monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda cls, c, p=None: backup))
    import app.core.restore as core_restore

    real_restore = core_restore.restore_database

    def racing(data_dir: Any, source: Any = None) -> Any:
        with ctx.db.session() as s:  # a read that slips in while the file is replaced
            s.get(Resident, rid)
        return real_restore(data_dir, source)

    monkeypatch.setattr(core_restore, "restore_database", racing)
    menu.last_result = None
    menu.restore_action.trigger()
    assert boxes.questions and backup.name in boxes.questions[-1]
    qtbot.waitUntil(lambda: menu.last_result is not None, timeout=10000)
    result = menu.last_result
    assert window.isEnabled()
    assert result.source == backup and result.undo is not None
    assert _name(ctx, rid) == old
    qtbot.waitUntil(lambda: not ctx.tasks.busy and window.view.model.data(
        window.view.model.index(0, 0)) == old, timeout=10000)  # the list re-read in background
    assert quick_check(ctx.workspace.data_dir.db_path)

    # The window keeps working: a new change is saved into the restored file.
    _rename(ctx, rid, old + " Edit")
    assert _name(ctx, rid) == old + " Edit"
    _rename(ctx, rid, old)

    # Undo brings the state from before the restore back.
    assert menu.undo_source().path == result.undo
    menu.last_result = None
    menu.undo_action.trigger()
    qtbot.waitUntil(lambda: menu.last_result is not None, timeout=10000)
    assert _name(ctx, rid) == "Aaaa Nama Sesudah Cadangan"
    window.view.refresh()
    qtbot.waitUntil(lambda: not ctx.tasks.busy and window.view.model.data(
        window.view.model.index(0, 0)) == "Aaaa Nama Sesudah Cadangan", timeout=10000)
    assert any("Pemulihan selesai" == t for t, _ in boxes.info)
    with ctx.db.session() as s:
        from app.core.models import AuditEntry

        actions = set(s.scalars(select(AuditEntry.action)))
    assert "restore_undo" in actions
    ctx.tasks.shutdown()


def test_audit_viewer_shows_changes_and_exports(qtbot: Any, ctx: Any, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    from app.core.services.cases import CaseInput, open_case
    from app.core.services.operators import SignedIn
    from app.ui.data_menu import AuditDialog

    boxes = Boxes(monkeypatch)
    rid, old = _first(ctx)
    with ctx.write() as s:
        open_case(s, rid, CaseInput("gaji_tidak_dibayar", date.today(), reporter="Ibu Rahasia",
                                    chronology="Kronologi rahasia"))
    _rename(ctx, rid, "Nama Baru Uji Audit")
    dialog = AuditDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Riwayat perubahan (log audit)"
    first = dialog.rows[0]
    assert first[1] == "Operator Uji" and first[2] == "data diubah"
    assert "Nama Baru Uji Audit" in first[3] and old in first[3]

    # filter by kind: backups only -> nothing yet
    dialog.group.setCurrentIndex(dialog.group.findData("backup"))
    assert dialog.rows == []
    dialog.group.setCurrentIndex(0)
    dialog.operator.setCurrentIndex(dialog.operator.findData("Operator Uji"))
    assert dialog.rows and all(r[1] == "Operator Uji" for r in dialog.rows)

    out = tmp_path / "audit.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert dialog.export() == out
    sheet = load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["Waktu", "Petugas", "Tindakan", "Keterangan"]
    assert any("Nama Baru Uji Audit" in (v[3] or "") for v in values[1:])
    out_csv = tmp_path / "audit.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out_csv), ""))
    assert dialog.export() == out_csv
    with open(out_csv, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert len(rows) == len(dialog.rows) + 1
    assert boxes.info

    # Case rows: values for those who may see sensitive details, hidden for an operator.
    head_text = [r[3] for r in dialog.rows if r[3].startswith("menambah kasus")]
    assert head_text and any("Ibu Rahasia" in t for t in head_text)
    assert not any("Kronologi rahasia" in r[3] for r in dialog.rows)  # never shown
    ctx.signed_in = SignedIn(9, "Siti", "operator_desa")
    hidden = AuditDialog(ctx)
    qtbot.addWidget(hidden)
    case_rows = [r[3] for r in hidden.rows if r[3].startswith("kasus")]
    assert case_rows and all(t == "kasus (rincian rahasia)" for t in case_rows)
    assert not any("Ibu Rahasia" in r[3] for r in hidden.rows)


def test_operators_add_change_pin_and_last_head(qtbot: Any, ctx: Any,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.services.operators import sign_in
    from app.ui.data_menu import OperatorsDialog, PinDialog
    from app.ui.data_menu import operators as data_menu

    boxes = Boxes(monkeypatch)
    errors: list[str] = []
    monkeypatch.setattr(data_menu, "show_error", lambda _p, exc: errors.append(exc.code))
    answers: list[Any] = []
    refilled: list[Any] = []
    monkeypatch.setattr(PinDialog, "ask", classmethod(
        lambda cls, *a, **k: refilled.append(k.get("initial")) or answers.pop(0)))
    dialog = OperatorsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0

    # The first operator with a PIN must be a head; the form comes back as it was typed.
    answers.append(("Siti", "operator_desa", "1111", "1111"))
    answers.append(None)  # then the user gives up
    assert not dialog.add() and boxes.info[-1][0] == "Tambahkan kepala dulu"
    assert refilled == [None, ("Siti", "operator_desa", "1111", "1111")]
    answers.append(("Pak Kades", "kepala_desa", "1234", "1243"))
    answers.append(("Pak Kades", "kepala_desa", "1234", "1234"))  # retyped in the same form
    assert dialog.add() and errors == ["auth.pin_mismatch"]
    assert refilled[-1] == ("Pak Kades", "kepala_desa", "", "")
    answers.append(("Siti", "operator_desa", "1111", "1111"))
    assert dialog.add()
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 1).text() == "Kepala desa"  # one spelling (issue 14)

    ctx.signed_in = sign_in(ctx.db, "Pak Kades", "1234")
    answers.append(("", "", "9876", "9876"))
    assert dialog.change_own_pin()
    assert sign_in(ctx.db, "Pak Kades", "9876").role == "kepala_desa"

    # The head sets Siti's forgotten PIN.
    dialog.select_name("Siti")
    answers.append(("", "", "2222", "2222"))
    assert dialog.set_pin()
    assert sign_in(ctx.db, "Siti", "2222").name == "Siti"

    # The last head cannot be deactivated; Siti can.
    dialog.select_name("Pak Kades")
    assert not dialog.deactivate() and errors[-1] == "auth.last_head"
    dialog.select_name("Siti")
    assert dialog.deactivate() and dialog.table.rowCount() == 1

    # An operator may not add operators.
    ctx.signed_in = sign_in(ctx.db, "Pak Kades", "9876")
    from app.core.services.operators import SignedIn

    ctx.signed_in = SignedIn(99, "Budi", "operator_desa")
    assert not dialog.add() and "Budi" in boxes.info[-1][1]


def test_public_statistics_file(qtbot: Any, ctx: Any, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    boxes = Boxes(monkeypatch)
    window = _window(qtbot, ctx)
    out = tmp_path / "statistik"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.data_menu.stats_action.trigger()
    written = tmp_path / "statistik.csv"
    assert window.data_menu.last_result == written
    text = written.read_text(encoding="utf-8-sig")
    assert "Sukadana" in text and "Penduduk menurut status pekerja migran" in text
    with ctx.db.session() as s:
        some_nik = s.scalars(select(Resident.nik).where(Resident.nik.is_not(None))).first()
    assert some_nik not in text
    assert "<5" in boxes.info[-1][1]


def test_privacy_notice(qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.data_menu import PrivacyDialog

    shown: list[str] = []
    monkeypatch.setattr(PrivacyDialog, "exec", lambda self: shown.append(
        self.text.toPlainText()))
    window = _window(qtbot, ctx)
    window.data_menu.privacy_action.trigger()
    assert shown and "27" in shown[0] and len(shown[0]) > 200


def test_operator_role_is_refused(qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from app.core.services.operators import SignedIn
    from app.ui.data_menu import RestoreDialog

    boxes = Boxes(monkeypatch)
    window = _window(qtbot, ctx)
    ctx.signed_in = SignedIn(5, "Siti", "operator_desa")

    def never(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("must not get this far")

    monkeypatch.setattr(RestoreDialog, "ask", classmethod(never))
    window.data_menu.restore_action.trigger()
    window.data_menu.undo_action.trigger()
    assert len(boxes.info) == 2
    for title, text in boxes.info:
        assert title == "Tidak diizinkan"
        assert "Siti (Sekretaris / operator desa)" in text and "memulihkan cadangan" in text
    # export is allowed for the operator role: the folder question is asked
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    assert window.data_menu.backup_to() is None
    ctx.signed_in = SignedIn(6, "Petugas", "petugas_p4mi")  # no RESTORE either
    window.data_menu.restore_action.trigger()
    assert len(boxes.info) == 3
