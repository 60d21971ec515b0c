"""Impor paket (P4MI): folder preview changes nothing, unconfirmed new keys are skipped,
confirmed bundles are imported, row errors refuse by default or import the valid rows,
receipts are written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import make_context
from tests.ui.p4mi_support import VILLAGE_A, VILLAGE_B, Bundles, count, make_bundles, make_hub

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> Bundles:
    return make_bundles(tmp_path_factory.mktemp("p4mi-import"))


@pytest.fixture
def hub(tmp_path: Path) -> Any:
    ws = make_hub(tmp_path / "p4mi")
    yield ws
    ws.close()


@pytest.fixture
def view(qtbot: Any, hub: Any) -> Any:
    from app.ui.p4mi.importer import ImportView

    w = ImportView(make_context(hub))
    qtbot.addWidget(w)
    return w


def _select(view: Any, row: int) -> None:
    view.bundles_table.selectRow(row)
    view._show_details(row)


def test_folder_preview_confirm_import_and_receipts(qtbot: Any, view: Any, hub: Any,
                                                    bundles: Bundles, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    qtmodeltester: Any) -> None:
    from app.ui.p4mi import common

    monkeypatch.setattr(common, "ask_folder", lambda *a, **k: bundles.usb)
    qtbot.mouseClick(view.folder_button, LEFT)
    assert view.bundles_model.rowCount() == 2
    qtmodeltester.check(view.bundles_model)
    qtmodeltester.check(view.errors_model)
    assert count(hub, "SELECT count(*) FROM resident") == 0  # a preview changes nothing
    first = view.bundles_model.row_values(0)
    assert VILLAGE_A in first[1] and "TIDAK terenkripsi" in first[4]
    assert f"{view.items[0].report.total('new')} baru" in first[5]
    assert "kunci desa baru" in first[5]
    # the new village key is shown for the phone check
    fp = view.items[0].report.fingerprint
    assert view.key_confirm.isVisible() or not view.isVisible()
    assert fp in view.key_confirm.text() and fp in view.details.toPlainText()

    # nothing confirmed: both skipped, nothing imported
    qtbot.mouseClick(view.import_button, LEFT)
    assert count(hub, "SELECT count(*) FROM resident") == 0
    assert view.notice.kind == "warn"
    assert all("dilewati" in view.bundles_model.row_values(r)[6] for r in range(2))

    for row in range(2):
        _select(view, row)
        view.key_confirm.setChecked(True)
    qtbot.mouseClick(view.import_button, LEFT)
    assert count(hub, "SELECT count(*) FROM resident WHERE owner_office = ?", VILLAGE_A) == 40
    assert count(hub, "SELECT count(*) FROM resident WHERE owner_office = ?", VILLAGE_B) == 26
    assert count(hub, "SELECT count(*) FROM sync_bundle_import") == 2
    assert count(hub, "SELECT count(*) FROM sync_nik_flag") == 1
    assert [view.bundles_model.row_values(r)[6] for r in range(2)] == ["diimpor", "diimpor"]
    assert view.notice.kind == "ok" and view.receipt_button.isEnabled()

    out = tmp_path / "tanda-terima"
    out.mkdir()
    monkeypatch.setattr(common, "ask_folder", lambda *a, **k: out)
    qtbot.mouseClick(view.receipt_button, LEFT)
    names = sorted(p.name for p in out.glob("*.bmdt"))
    assert len(names) == 2 and names[0].startswith(f"TT_{VILLAGE_A}_")

    # the same folder again: already imported, nothing to import
    monkeypatch.setattr(common, "ask_folder", lambda *a, **k: bundles.usb)
    qtbot.mouseClick(view.folder_button, LEFT)
    assert all("sudah diimpor" in view.bundles_model.row_values(r)[5] for r in range(2))
    assert not view.import_button.isEnabled()


def test_row_errors_refuse_by_default_then_valid_rows_only(qtbot: Any, view: Any, hub: Any,
                                                           bundles: Bundles,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           qtmodeltester: Any) -> None:
    from app.ui.p4mi import common

    monkeypatch.setattr(common, "ask_files", lambda *a, **k: [bundles.bad])
    qtbot.mouseClick(view.files_button, LEFT)
    report = view.items[0].report
    assert report.error_rows == 2
    assert "2 baris bermasalah" in view.bundles_model.row_values(0)[5]
    qtmodeltester.check(view.errors_model)
    rows = [view.errors_model.row_values(r) for r in range(view.errors_model.rowCount())]
    assert ("Penduduk", "2", "NIK") == rows[0][:3] and rows[0][3]
    assert any(r[:2] == ("Penduduk", "4") for r in rows)

    view.key_confirm.setChecked(True)
    qtbot.mouseClick(view.import_button, LEFT)
    assert count(hub, "SELECT count(*) FROM resident") == 0  # refused whole
    assert view.bundles_model.row_values(0)[6].startswith("ditolak")
    assert view.import_button.isEnabled()  # may be tried again with the option

    view.valid_only.setChecked(True)
    qtbot.mouseClick(view.import_button, LEFT)
    assert count(hub, "SELECT count(*) FROM resident") == 12 - 2
    assert count(hub, "SELECT count(*) FROM sync_bundle_import WHERE status = 'sebagian'") == 1
    assert "2 baris ditolak" in view.bundles_model.row_values(0)[6]


def test_a_damaged_file_is_refused_with_a_reason(qtbot: Any, view: Any, hub: Any,
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.p4mi import common

    bad = tmp_path / "BMD_18.07.01.2001_20260101_000001.bmd"
    bad.write_bytes(b"not a zip at all")
    monkeypatch.setattr(common, "ask_files", lambda *a, **k: [bad])
    qtbot.mouseClick(view.files_button, LEFT)
    assert view.items[0].refusal is not None
    assert view.bundles_model.row_values(0)[5].startswith("ditolak")
    assert not view.import_button.isEnabled()
