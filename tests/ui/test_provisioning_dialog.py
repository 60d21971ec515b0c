"""P4MI mode: "Siapkan paket pelatihan"; opening a package for the wizard; the practice strip."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from tests.ui.conftest import make_context


@pytest.fixture
def hub_ctx(tmp_path: Path) -> Iterator[Any]:
    from app.core.paths import DataDir
    from app.core.workspace import MODE_P4MI, initialise_office, open_workspace

    ws = open_workspace(DataDir(tmp_path / "p4mi"))
    initialise_office(ws, mode=MODE_P4MI, code="18.07", name="Kabupaten Lampung Timur",
                      operator="Petugas P4MI")
    yield make_context(ws)
    ws.close()


def _save_button(dialog: Any) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_create_package_from_the_dialog(hub_ctx: Any, qtbot: Any, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.dialogs.provisioning import ProvisioningDialog
    from sync.keys import load_keypair
    from sync.provisioning import read_provisioning

    dialog = ProvisioningDialog(hub_ctx)
    qtbot.addWidget(dialog)
    pair = load_keypair(hub_ctx.workspace.data_dir)
    assert pair is not None
    assert dialog.windowTitle() == "Siapkan paket pelatihan"
    assert pair.fingerprint in dialog.fingerprint_label.text()
    assert "Kode kunci P4MI" in dialog.fingerprint_label.text()
    assert "264 desa" in dialog.regency.text()
    assert _save_button(dialog).text() == "&Buat paket"
    assert dialog.path.text().endswith(".bmdp")

    asked: list[str] = []

    def fake_save(parent: Any, title: str, start: str, filters: str) -> tuple[str, str]:
        asked.append(title)
        assert "*.bmdp" in filters
        return str(tmp_path / "flashdisk" / "paket-lampung-timur"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    dialog.choose_button.click()
    assert asked == ["Simpan paket pelatihan"]
    assert dialog.path.text() == str(tmp_path / "flashdisk" / "paket-lampung-timur.bmdp")
    dialog.trainer.setText("Budi Santoso")
    dialog.phone.setText("0812 3456 7890")
    _save_button(dialog).click()

    assert dialog.errors.isHidden()
    assert dialog.created is not None
    saved = tmp_path / "flashdisk" / "paket-lampung-timur.bmdp"
    assert dialog.created.path == saved
    prov = read_provisioning(saved)
    assert (prov.trainer_name, prov.trainer_phone) == ("Budi Santoso", "0812 3456 7890")
    assert prov.fingerprint == pair.fingerprint
    assert not dialog.result_label.isHidden()
    assert "Paket pelatihan disimpan" in dialog.result_label.text()
    assert str(saved) in dialog.result_label.text()


def test_write_failure_is_shown_in_the_dialog(hub_ctx: Any, qtbot: Any, tmp_path: Path) -> None:
    from app.ui.dialogs.provisioning import ProvisioningDialog

    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    dialog = ProvisioningDialog(hub_ctx)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(blocker / "paket.bmdp"))
    _save_button(dialog).click()
    assert dialog.created is None
    assert not dialog.errors.isHidden()
    assert "tidak dapat disimpan" in dialog.errors.text()


def test_village_mode_cannot_make_one(ctx: Any, qtbot: Any) -> None:
    from app.ui.dialogs.provisioning import ProvisioningDialog

    dialog = ProvisioningDialog(ctx)
    qtbot.addWidget(dialog)
    assert not _save_button(dialog).isEnabled()
    assert "folder data P4MI" in dialog.errors.text()
    assert dialog.fingerprint_label.text().endswith("-")  # no P4MI key made in a village


def test_open_package_for_the_wizard(hub_ctx: Any, qtbot: Any, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.dialogs.provisioning import describe_provisioning, open_provisioning_file
    from sync.provisioning import create_provisioning

    made = create_provisioning(hub_ctx.workspace, tmp_path, trainer="Siti")
    chosen = {"path": str(made.path)}
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (chosen["path"], "*.bmdp"))
    prov = open_provisioning_file(None)
    assert prov is not None and prov.fingerprint == made.fingerprint
    text = describe_provisioning(prov)
    assert "Kabupaten/kota: Kabupaten Lampung Timur (18.07)" in text
    assert "Desa dalam paket: 264" in text and "Pelatih: Siti" in text
    assert made.fingerprint in text

    env = json.loads(made.path.read_text(encoding="utf-8"))
    env["content"] = env["content"].replace("Sukadana", "Sukamaju")
    bad = tmp_path / "ubah.bmdp"
    bad.write_text(json.dumps(env), encoding="utf-8")
    chosen["path"] = str(bad)
    warned: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text: warned.append((title, text)))
    assert open_provisioning_file(None) is None
    assert warned and warned[0][0] == "Paket pelatihan ditolak"
    assert "Tanda tangan paket pelatihan tidak cocok" in warned[0][1]

    chosen["path"] = ""
    assert open_provisioning_file(None) is None  # cancelled
    assert len(warned) == 1


def test_practice_banner_is_orange_and_translated(qtbot: Any) -> None:
    from app.ui.i18n import set_language
    from app.ui.practice import practice_banner, practice_title

    banner = practice_banner(None)
    qtbot.addWidget(banner)
    banner.show()
    assert banner.objectName() == "practiceBanner"
    assert banner.text() == ("MODE LATIHAN — data di sini hanya untuk berlatih, tidak dikirim "
                             "ke P4MI")
    assert "#e65100" in banner.styleSheet()
    assert banner.isVisible() and banner.height() > 10
    assert practice_title("Buku Migran Desa") == "Buku Migran Desa — MODE LATIHAN"
    set_language("en")  # LanguageChange is posted: the strip follows once events run
    qtbot.waitUntil(lambda: banner.text().startswith("PRACTICE MODE"), timeout=2000)
    set_language("id")
    qtbot.waitUntil(lambda: banner.text().startswith("MODE LATIHAN"), timeout=2000)
