"""Relay upward in the GUI (issue 16): Data > Send the regency package at a regency hub; the
import view of the province previews the package with its villages, imports it after the hub
key is confirmed, and writes the receipt for the regency hub."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from tests.hubdb.conftest import make_hub_on
from tests.sync.conftest import export, import_, make_village
from tests.ui.conftest import make_context
from tests.ui.p4mi_support import count

LEFT = Qt.MouseButton.LeftButton
A, B = "18.07.01.2001", "18.07.01.2002"
SHOTS = os.environ.get("BMD_SCREENSHOTS")  # a folder: keep the screenshots there


def _shot(widget: Any, tmp_path: Path, name: str) -> None:
    widget.resize(1366, 768)
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(folder / name))


@pytest.fixture
def regency(tmp_path: Path) -> Any:
    k1 = make_hub_on(tmp_path / "k1", None, code="18.07")
    for code, seed in ((A, 31), (B, 32)):
        village = make_village(tmp_path / code, code=code, residents=4, seed=seed)
        try:
            import_(k1, export(village, tmp_path / "usb" / code))
        finally:
            village.close()
    yield k1
    k1.close()


@pytest.mark.parametrize("language", ["id", "en"])
def test_send_the_package_from_the_data_menu(qtbot: Any, regency: Any, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             language: str) -> None:
    from app.ui.data_menu import install_data_menu
    from app.ui.i18n import set_language

    set_language(language)
    try:
        window = QMainWindow()
        qtbot.addWidget(window)
        menu = install_data_menu(window, make_context(regency, language))
        assert menu.send_paket_action.isVisible()
        told: list[str] = []
        monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
        menu.send_paket(folder=tmp_path / "out")
        written = list((tmp_path / "out").glob("BMDR_18.07_*.bmd"))
        assert len(written) == 1 and str(written[0]) in told[-1]
        assert ("2 desa" if language == "id" else "2 villages") in told[-1]
        menu.adjustSize()
        _shot_menu = menu.grab()
        folder = Path(SHOTS) if SHOTS else tmp_path
        folder.mkdir(parents=True, exist_ok=True)
        assert _shot_menu.save(str(folder / f"relay_data_menu_{language}.png"))
        label = menu.send_paket_action.text().replace("&", "")
        assert label == ("Kirim paket kabupaten ke hub di atasnya..." if language == "id"
                         else "Send the regency package to the hub above...")
    finally:
        set_language("id")


def test_hidden_at_a_village_and_a_national_hub(qtbot: Any, tmp_path: Path) -> None:
    from app.ui.data_menu import install_data_menu

    village = make_village(tmp_path / "v", code=A)
    national = make_hub_on(tmp_path / "n", None, code="ID")
    try:
        for ws in (village, national):
            window = QMainWindow()
            qtbot.addWidget(window)
            assert not install_data_menu(window, make_context(ws)).send_paket_action.isVisible()
    finally:
        village.close()
        national.close()


@pytest.mark.parametrize("language", ["id", "en"])
def test_province_previews_imports_and_writes_the_receipt(
        qtbot: Any, regency: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        language: str) -> None:
    from app.ui.i18n import set_language
    from app.ui.p4mi import common
    from app.ui.p4mi.importer import ImportView
    from sync.relay import export_paket

    paket = export_paket(regency, tmp_path / "usb-prov").path
    province = make_hub_on(tmp_path / "prov", None, code="18")
    set_language(language)
    try:
        view = ImportView(make_context(province, language))
        qtbot.addWidget(view)
        monkeypatch.setattr(common, "ask_files", lambda *a, **k: [paket])
        qtbot.mouseClick(view.files_button, LEFT)
        assert count(province, "SELECT count(*) FROM resident") == 0  # preview: no change
        row = view.bundles_model.row_values(0)
        assert "18.07" in row[1] and ("2 desa" if language == "id" else "2 villages") in row[1]
        assert ("paket kabupaten" if language == "id" else "regency package") in row[3]
        details = view.details.toPlainText()
        assert A in details and B in details
        fp = view.items[0].report.fingerprint
        assert fp in view.key_confirm.text()
        _shot(view, tmp_path, f"relay_import_preview_{language}.png")

        qtbot.mouseClick(view.import_button, LEFT)  # the hub key not confirmed: skipped
        assert count(province, "SELECT count(*) FROM resident") == 0
        view.bundles_table.selectRow(0)
        view._show_details(0)
        view.key_confirm.setChecked(True)
        qtbot.mouseClick(view.import_button, LEFT)
        assert count(province, "SELECT count(*) FROM resident") == 8
        assert view.bundles_model.row_values(0)[6] == ("diimpor" if language == "id"
                                                       else "imported")
        monkeypatch.setattr(common, "ask_folder", lambda *a, **k: tmp_path / "tt")
        (tmp_path / "tt").mkdir()
        qtbot.mouseClick(view.receipt_button, LEFT)
        assert len(list((tmp_path / "tt").glob("TT_18.07_*.bmdt"))) == 1
        _shot(view, tmp_path, f"relay_import_done_{language}.png")
    finally:
        set_language("id")
        province.close()
