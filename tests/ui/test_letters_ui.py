"""The letter dialog from a person's record, the Surat view, and "Periksa surat" at the P4MI."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.core.test_letters import add_cpmi, setup_letters
from tests.ui.conftest import make_context

SHOTS = Path(os.environ.get("BMD_SHOTS", "")) if os.environ.get("BMD_SHOTS") else None


def _shot(widget: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def letter_ctx(village: Any) -> Any:
    setup_letters(village)
    pid = add_cpmi(village)
    with village.db.unit_of_work("op") as s:
        from app.core.models import Resident

        s.add(Resident(name="Siti Aminah", sex="P", nik="1807014101900001",
                       no_kk="1807012304160350", shdk="istri"))
    return make_context(village), pid


def test_letter_dialog_issues_a_consent_letter_from_the_kk(qtbot, letter_ctx) -> None:
    from app.ui.views.letters import LetterDialog

    ctx, pid = letter_ctx
    dialog = LetterDialog(ctx, pid)
    qtbot.addWidget(dialog)
    dialog.open_after.setChecked(False)
    dialog.kind.setCurrentIndex(dialog.kind.findData("izin_keluarga"))
    assert dialog.consent_box.isVisibleTo(dialog)
    # the wife comes from the KK with her relation guessed
    dialog.consent_from.setCurrentIndex(1)
    assert dialog.consent_name.text() == "Siti Aminah"
    assert dialog.consent_relation.currentData() == "istri"
    dialog.show()
    _shot(dialog, "dialog-surat")
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isHidden(), dialog.error.text()
    assert dialog.issued_number == "474.32/001/SIK/" + dialog.issued_number.split("/SIK/")[1]
    assert dialog.issued_path is not None and dialog.issued_path.is_file()
    assert dialog.issued_code in dialog.result.text()


def test_letter_dialog_refuses_a_wrong_relation_and_takes_no_number(qtbot, letter_ctx) -> None:
    from app.core.letters import list_letters
    from app.ui.views.letters import LetterDialog

    ctx, pid = letter_ctx
    dialog = LetterDialog(ctx, pid)
    qtbot.addWidget(dialog)
    dialog.open_after.setChecked(False)
    dialog.kind.setCurrentIndex(dialog.kind.findData("izin_keluarga"))
    dialog.consent_name.setText("Budi")
    dialog.consent_relation.setCurrentIndex(dialog.consent_relation.findData("ayah"))
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert not dialog.error.isHidden()
    assert "tidak cocok dengan status perkawinan" in dialog.error.text()
    with ctx.db.session() as s:
        assert list_letters(s) == []


def test_letters_view_lists_reprints_and_revokes(qtbot, letter_ctx, monkeypatch) -> None:
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QInputDialog

    from app.core.letters import LetterRequest
    from app.ui.main_window import MainWindow
    from sync.letters import issue

    ctx, pid = letter_ctx
    issued, _doc = issue(ctx.workspace, LetterRequest(pid, "domisili"), "op")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    view = window.show_view("surat")
    assert view.model.rowCount() == 1
    assert view.model.row_values(0)[0] == issued.number
    view.table.selectRow(0)
    view.reprint()
    assert opened and Path(opened[-1]).is_file() and issued.number in view.status.text()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("salah alamat", True))
    view.revoke()
    assert view.model.row_values(0)[-1] == "Dicabut: salah alamat"
    _shot(window, "view-surat")


def test_check_letter_view_at_p4mi(qtbot, letter_ctx, tmp_path: Path) -> None:
    from app.core.letters import LetterRequest
    from app.ui.main_window import MainWindow
    from sync.letters import issue, typed_code
    from tests.sync.conftest import export, import_, make_hub

    ctx, pid = letter_ctx
    issued, doc = issue(ctx.workspace, LetterRequest(pid, "pengantar_cpmi"), "op")
    hub = make_hub(tmp_path / "p4mi")
    try:
        import_(hub, export(ctx.workspace, tmp_path / "usb", full=True))
        hub_ctx = make_context(hub)
        window = MainWindow(hub_ctx)
        qtbot.addWidget(window)
        window.show()
        view = window.show_view("periksa")
        code = typed_code(issued.letter_id, issued.content_hash)
        qtbot.keyClicks(view.code, code)
        qtbot.keyClick(view.code, Qt.Key.Key_Return)
        assert view.last_status == "asli"
        assert view.result.text().startswith("ASLI") and issued.number in view.result.text()
        _shot(window, "periksa-surat-asli")
        view.code.setText(doc.seal.qr_text[:-8] + "AAAAAAAA")  # a damaged scan
        view.check_typed()
        assert view.last_status in ("tidak_cocok", "rusak")
        _shot(window, "periksa-surat-tidak-cocok")
    finally:
        hub.close()


def test_register_book_keeps_numbers_and_never_splits_a_person(qtbot, tmp_path: Path) -> None:
    import subprocess
    from datetime import date

    from app.core.models import Episode, Resident
    from app.core.reports.register import build_register, register_rows
    from app.ui.printing.pdf import render_pdf
    from tests.demo_data import make_demo_village

    ws = make_demo_village(tmp_path / "desa", residents=400, seed=11)
    try:
        marks: dict[str, list[str]] = {}
        with ws.db.unit_of_work("op") as s:
            people = s.query(Resident).filter(Resident.deleted.is_(False),
                                              Resident.nik.is_not(None)).limit(90).all()
            for i, person in enumerate(people):
                marks[person.nik] = []
                for k in range(1 + i % 3):
                    job = f"Kerja{i:03d}x{k}"
                    marks[person.nik].append(job)
                    # closed episodes (cancelled): a person has at most one open episode
                    s.add(Episode(resident_id=person.id, state="batal", job=job,
                                  destination_country="MY", registered_on=date(2020, 1, 1 + k),
                                  ended_on=date(2020, 2, 1 + k)))
        with ws.db.session() as s:
            before = {r.resident_id: r.number for r in register_rows(s)}
        # a later entry with an earlier date never renumbers the earlier ones
        with ws.db.unit_of_work("op") as s:
            late = Resident(name="Masuk Belakangan", sex="P", nik="1807014101800009")
            s.add(late)
            s.flush()
            s.add(Episode(resident_id=late.id, state="terdaftar", destination_country="SG",
                          registered_on=date(2001, 1, 1)))
            late_id = late.id
        with ws.db.session() as s:
            after = {r.resident_id: r.number for r in register_rows(s)}
            doc = build_register(s, ws.office())
        assert {k: after[k] for k in before} == before
        assert after[late_id] == max(after.values())
        pdf = tmp_path / "register.pdf"
        pages = render_pdf(doc, pdf, "A4")
        assert pages > 3
        texts = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf),
                                 "-"], capture_output=True, text=True, check=True).stdout
                 for n in range(1, pages + 1)]
        for nik, jobs in marks.items():
            found = [n for n, text in enumerate(texts) if nik in text]
            assert len(found) == 1, nik
            page = texts[found[0]]
            assert all(job in page for job in jobs), (nik, found[0])
    finally:
        ws.close()
