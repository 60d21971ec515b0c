"""Paket P4MI (village): save a bundle (plain, then encrypted), receipt status, key install,
cancel; the DB and the files are checked afterwards."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.core.progress import CancelToken

LEFT = Qt.MouseButton.LeftButton


def _hub(root: Path) -> Any:
    from app.core.paths import DataDir
    from app.core.workspace import MODE_P4MI, initialise_office, open_workspace

    ws = open_workspace(DataDir(root))
    initialise_office(ws, mode=MODE_P4MI, code="18.07", name="Kabupaten Lampung Timur",
                      operator="Petugas P4MI")
    return ws


@pytest.fixture
def view(qtbot: Any, ctx: Any) -> Any:
    from app.ui.views.bundle import BundleView

    w = BundleView(ctx)
    qtbot.addWidget(w)
    return w


def _exports(ws: Any) -> list[tuple]:
    con = sqlite3.connect(ws.data_dir.db_path)
    try:
        return con.execute("SELECT sequence, kind, status, file_name FROM sync_bundle_export "
                           "ORDER BY id").fetchall()
    finally:
        con.close()


def test_plain_bundle_is_saved_with_a_warning(qtbot: Any, view: Any, ctx: Any, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              qtmodeltester: Any) -> None:
    from app.ui.p4mi import common
    from sync.container import read_bundle

    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(common, "ask_folder", lambda *a, **k: usb)
    assert "TIDAK" in view.encryption_label.text()  # warned before saving
    assert view.own_key_label.text().count("-") == 7  # 8 groups of 4 hex digits
    view.full_radio.setChecked(True)
    qtbot.mouseClick(view.save_button, LEFT)
    files = list(usb.glob("BMD_18.07.01.2001_*_000001.bmd"))
    assert len(files) == 1
    opened = read_bundle(files[0])
    assert opened.manifest.scope == "lengkap" and not opened.manifest.encrypted
    assert str(files[0]) in view.result_label.text()
    assert view.notice.kind == "warn"
    assert _exports(ctx.workspace) == [(1, "lengkap", "selesai", files[0].name)]
    assert view.history_model.rowCount() == 1
    assert view.history_model.row_values(0)[0] == "1"
    assert view.history_model.row_values(0)[3] == "tersimpan"  # no receipt yet
    qtmodeltester.check(view.history_model)
    # nothing confirmed by P4MI yet: everything still waits
    assert view.status.pending_total > 0
    assert "baris" in view.status_labels["pending"][1].text()


def test_key_install_encrypted_bundle_and_receipt(qtbot: Any, view: Any, ctx: Any,
                                                  tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.p4mi import common
    from sync.container import read_bundle
    from sync.importer import import_bundle
    from sync.keys import PUBLIC_NAME, load_or_create_keypair
    from sync.receipt import make_receipt

    hub = _hub(tmp_path / "p4mi")
    try:
        pair = load_or_create_keypair(hub.data_dir, office_code="18.07", role="p4mi")
        asked: list[str] = []
        monkeypatch.setattr(common, "ask_file", lambda *a, **k: hub.data_dir.keys / PUBLIC_NAME)
        monkeypatch.setattr(common, "confirm", lambda _p, _t, text, *_a: asked.append(text) or True)
        qtbot.mouseClick(view.install_key_button, LEFT)
        assert pair.fingerprint in asked[0]
        assert view.p4mi_key_label.text() == pair.fingerprint
        assert pair.fingerprint in view.encryption_label.text()
        con = sqlite3.connect(ctx.workspace.data_dir.db_path)
        audit = con.execute("SELECT changes FROM audit_log WHERE action = 'set_p4mi_key'"
                            ).fetchall()
        con.close()
        assert pair.fingerprint in audit[0][0]

        usb = tmp_path / "usb"
        usb.mkdir()
        monkeypatch.setattr(common, "ask_folder", lambda *a, **k: usb)
        qtbot.mouseClick(view.save_button, LEFT)
        path = view.last_report.path
        assert view.last_report.encrypted and "terenkripsi" in view.result_label.text()
        assert read_bundle(path).manifest.encrypted
        assert view.notice.kind == "ok"

        report = import_bundle(hub, path, confirm_key=read_bundle(path).manifest.public_key
                               .fingerprint)
        assert report.status == "diimpor"
        receipt = make_receipt(hub, "18.07.01.2001", tmp_path)
        monkeypatch.setattr(common, "ask_file", lambda *a, **k: receipt.path)
        qtbot.mouseClick(view.receipt_button, LEFT)
        assert view.notice.kind == "ok", view.notice.text()
        assert view.status.confirmed_sequence == 1
        assert view.status.pending_total == 0
        assert "no. 1" in view.status_labels["confirmed"][1].text()
        # the same receipt again changes nothing
        qtbot.mouseClick(view.receipt_button, LEFT)
        assert view.notice.kind == "info"
    finally:
        hub.close()


def test_receipt_for_another_village_is_refused_on_the_page(qtbot: Any, view: Any,
                                                            tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    from app.ui.p4mi import common

    bad = tmp_path / "TT_x.bmdt"
    bad.write_text(json.dumps({"format": "something else"}), encoding="utf-8")
    monkeypatch.setattr(common, "ask_file", lambda *a, **k: bad)
    qtbot.mouseClick(view.receipt_button, LEFT)
    assert view.notice.kind == "error"
    assert "tidak sah" in view.notice.text()


def test_cancel_leaves_no_bundle_and_no_sequence(qtbot: Any, view: Any, ctx: Any, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import app.ui.tasks as tasks
    from app.ui.p4mi import common

    class Pressed(CancelToken):
        def __init__(self) -> None:
            super().__init__()
            self.cancel()

    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(common, "ask_folder", lambda *a, **k: usb)
    monkeypatch.setattr(tasks, "CancelToken", Pressed)
    qtbot.mouseClick(view.save_button, LEFT)
    assert list(usb.iterdir()) == []
    assert _exports(ctx.workspace) == []
    assert view.notice.kind == "info" and view.save_button.isEnabled()


def test_bundle_over_the_row_cap_is_refused_on_the_page(qtbot: Any, view: Any, ctx: Any,
                                                         tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A village with more rows than one bundle may carry is told so in Indonesian, with the
    figures and what to do; nothing is written and no sequence number is taken."""
    import app.ui.views.bundle as bundle_view
    import sync.export as export_module
    from app.ui.p4mi import common

    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(common, "ask_folder", lambda *a, **k: usb)
    monkeypatch.setattr(export_module, "MAX_BUNDLE_ROWS", 3)
    assert "Lebih banyak dari isi satu paket" not in view.status_labels["pending"][1].text()
    monkeypatch.setattr(bundle_view, "MAX_BUNDLE_ROWS", 3)
    view.refresh()  # warned before trying
    said = view.status_labels["pending"][1].text()
    assert "Lebih banyak dari isi satu paket (paling banyak 3 baris)" in said, said
    view.full_radio.setChecked(True)
    qtbot.mouseClick(view.save_button, LEFT)
    qtbot.waitUntil(lambda: view.save_button.isEnabled(), timeout=10_000)
    assert view.notice.kind == "error"
    text = view.notice.text()
    assert "Paket tidak dibuat" in text and "paling banyak 3 baris" in text, text
    assert "hubungi petugas P4MI" in text
    assert list(usb.iterdir()) == []
    assert _exports(ctx.workspace) == []
