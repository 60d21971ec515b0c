"""A referral round trip through the GUI: the village refers a case to P4MI and sends its
bundle; the P4MI accepts it on the case desk and refers it on; the receipts (with the signed
bulletin beside each) go back; the village imports the receipt and sees the P4MI's status in
its case view, the "Dari P4MI" panel and "received by P4MI" on its bundle history. Also the
report view."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.sync.conftest import export, fingerprint_of, make_hub, make_village
from tests.ui.conftest import make_context

V, OTHER = "18.07.01.2001", "18.07.01.2002"
LEFT = Qt.MouseButton.LeftButton


def sql(ws: Any, query: str, *params: Any) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(ws.data_dir.db_path)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def test_referral_round_trip(qtbot: Any, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import select

    from app.core.models import Resident
    from app.core.services.cases import CaseInput, open_case
    from app.ui.p4mi import cases as desk_ui
    from app.ui.p4mi import common
    from app.ui.p4mi.recap import RecapView
    from app.ui.views.bundle import BundleView
    from app.ui.views.cases import CasesView
    from sync.importer import import_bundle

    village = make_village(tmp_path / "desa", code=V, residents=30, seed=4)
    other = make_village(tmp_path / "lain", code=OTHER, residents=20, seed=5)
    hub = make_hub(tmp_path / "p4mi")
    try:
        # the village refers a case to P4MI and sends its bundle
        with village.db.unit_of_work("Operator Desa") as s:
            person = s.scalars(select(Resident).order_by(Resident.name)).first()
            case_id = open_case(s, person.id, CaseInput(
                "gaji_tidak_dibayar", date(2025, 10, 1), reporter="Istri",
                chronology="Gaji empat bulan belum dibayar.", referral="p4mi")).id
            name = person.name
        for ws in (village, other):
            path = export(ws, tmp_path / "usb", full=True)
            import_bundle(hub, path, confirm_key=fingerprint_of(path))

        # the P4MI accepts it and refers it on to BP3MI
        desk = desk_ui.CaseDeskView(make_context(hub))
        qtbot.addWidget(desk)
        desk.apply_filter(village=V, referred=True)
        assert desk.select_case(case_id)
        qtbot.mouseClick(desk.buttons["terima"], LEFT)
        monkeypatch.setattr(desk_ui.DeskActionDialog, "ask", lambda *a, **k: desk_ui.ActionInput(
            date(2025, 10, 20), "Diteruskan ke BP3MI Lampung", "bp3mi"))
        qtbot.mouseClick(desk.buttons["rujuk"], LEFT)
        assert desk.notice.kind == "ok", desk.notice.text()

        # receipts and bulletins for every village
        back = tmp_path / "kembali"
        back.mkdir()
        recap = RecapView(make_context(hub))
        qtbot.addWidget(recap)
        monkeypatch.setattr(common, "ask_folder", lambda *a, **k: back)
        qtbot.mouseClick(recap.receipts_button, LEFT)
        assert recap.notice.kind == "ok", recap.notice.text()
        assert len(list(back.glob("TT_*.bmdt"))) == 2
        bulletins = sorted(back.glob("BP_*.bmdb"))
        assert [b.name.split("_")[1] for b in bulletins] == [V, OTHER]
        other_text = next(b for b in bulletins if OTHER in b.name).read_text(encoding="utf-8")
        assert case_id not in other_text and name not in other_text  # no other village's data

        # the village imports the receipt; the bulletin beside it comes along
        ctx = make_context(village)
        bundle = BundleView(ctx)
        qtbot.addWidget(bundle)
        receipt = next(back.glob(f"TT_{V}_*.bmdt"))
        monkeypatch.setattr(common, "ask_file", lambda *a, **k: receipt)
        monkeypatch.setattr(common, "confirm", lambda *a, **k: True)
        qtbot.mouseClick(bundle.receipt_button, LEFT)
        assert bundle.notice.kind == "ok", bundle.notice.text()
        assert "1" in bundle.notice.text()
        history = [bundle.history_model.row_values(r) for r in
                   range(bundle.history_model.rowCount())]
        # the status itself says so (it stayed "tersimpan" before, issue 14)
        assert history and history[0][3] == bundle.tr("received by P4MI") == "diterima P4MI"
        panel = bundle.from_p4mi.body.text()
        assert name in panel and bundle.from_p4mi.status_text("dirujuk") in panel
        assert "BP3MI" in panel

        cases = CasesView(ctx)
        qtbot.addWidget(cases)
        cases.apply_filter(status="all", case_id=case_id)
        text = cases.detail.toPlainText()
        assert "BP3MI" in text and "20/10/2025" in text
        assert sql(village, "SELECT count(*) FROM audit_log WHERE action = 'import_bulletin'"
                   ) == [(1,)]
        # importing the same bulletin again changes nothing
        assert bundle.from_p4mi.import_file(next(back.glob(f"BP_{V}_*.bmdb")))
        assert sql(village, "SELECT count(*) FROM audit_log WHERE action = 'import_bulletin'"
                   ) == [(1,)]
    finally:
        for ws in (village, other, hub):
            ws.close()


def test_report_view_saves_excel_and_pdf(qtbot: Any, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from python_calamine import CalamineWorkbook

    from app.ui.p4mi import common
    from app.ui.p4mi.report import ReportView
    from sync.importer import import_bundle

    village = make_village(tmp_path / "desa", code=V, residents=60, seed=8)
    hub = make_hub(tmp_path / "p4mi")
    try:
        path = export(village, tmp_path / "usb", full=True)
        import_bundle(hub, path, confirm_key=fingerprint_of(path))
        view = ReportView(make_context(hub))
        qtbot.addWidget(view)
        from PySide6.QtCore import QDate

        view.dari.setDate(QDate(2020, 1, 1))
        out = tmp_path / "laporan"
        monkeypatch.setattr(common, "ask_save_file", lambda *a, **k: out)
        qtbot.mouseClick(view.xlsx_button, LEFT)
        assert view.notice.kind == "ok", view.notice.text()
        assert view.last_path == tmp_path / "laporan.xlsx"
        wb = CalamineWorkbook.from_path(str(view.last_path))
        total = wb.get_sheet_by_name("Per Kecamatan").to_python()[-1]
        assert int(total[3]) == sql(hub, "SELECT count(*) FROM resident WHERE deleted = 0")[0][0]
        qtbot.mouseClick(view.pdf_button, LEFT)
        assert view.last_path == tmp_path / "laporan.pdf"
        assert view.last_path.read_bytes().startswith(b"%PDF")
        assert sql(hub, "SELECT count(*) FROM audit_log WHERE action = 'report_export'"
                   ) == [(2,)]
        view.dari.setDate(QDate.currentDate())
        view.sampai.setDate(QDate(2020, 1, 1))
        bad = tmp_path / "salah"
        monkeypatch.setattr(common, "ask_save_file", lambda *a, **k: bad)
        qtbot.mouseClick(view.xlsx_button, LEFT)
        assert view.notice.kind == "error" and not (tmp_path / "salah.xlsx").exists()
    finally:
        village.close()
        hub.close()
