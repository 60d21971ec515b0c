"""A folder import in the GUI (issue 15 item 3): every bundle is staged and classified once
(a quick check before, the rows of the selected bundle previewed), progress names each village
as it goes, and Batal stops after the bundle in progress, leaving the finished ones imported."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.p4mi_support import VILLAGE_A, VILLAGE_B, Bundles, count, make_bundles, make_hub

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> Bundles:
    return make_bundles(tmp_path_factory.mktemp("p4mi-folder"))


@pytest.fixture
def hub(tmp_path: Path) -> Any:
    ws = make_hub(tmp_path / "p4mi")
    yield ws
    ws.close()


def _context(hub: Any, tasks: Any) -> Any:
    from app.ui.context import AppContext

    return AppContext(hub, hub.office(), operator="Operator Uji", language="id", tasks=tasks)


def _confirm_all(view: Any) -> None:
    for row in range(len(view.items)):
        view.bundles_table.selectRow(row)
        view._show_details(row)
        view.key_confirm.setChecked(True)


def test_a_folder_is_staged_and_classified_once(qtbot: Any, hub: Any, bundles: Bundles,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.p4mi import common
    from app.ui.p4mi.importer import ImportView
    from sync.importer import pipeline
    from tests.ui.conftest import make_context

    staged: list[str] = []
    real_stage = pipeline._Run.stage

    def stage(self, con, workbook):  # noqa: ANN001, ANN202
        staged.append(self.opened.file_name)
        return real_stage(self, con, workbook)

    monkeypatch.setattr(pipeline._Run, "stage", stage)
    view = ImportView(make_context(hub))
    qtbot.addWidget(view)
    monkeypatch.setattr(common, "ask_folder", lambda *a, **k: bundles.usb)
    qtbot.mouseClick(view.folder_button, LEFT)
    names = sorted(p.name for p in bundles.usb.glob("*.bmd"))
    assert len(view.items) == 2
    # the folder was checked without reading rows; only the bundle shown was previewed
    assert staged == [view.items[0].path.name]
    assert view.items[0].report.total("new") > 0 and view.items[1].quick
    assert "diperiksa saat impor" in view.bundles_model.row_values(1)[5]
    _confirm_all(view)  # selecting the second one previews its rows too
    assert sorted(staged) == names
    staged.clear()
    qtbot.mouseClick(view.import_button, LEFT)
    assert sorted(staged) == names  # each bundle staged once by the import
    assert count(hub, "SELECT count(*) FROM resident WHERE owner_office = ?", VILLAGE_A) == 40
    assert [view.bundles_model.row_values(r)[6] for r in range(2)] == ["diimpor", "diimpor"]


def test_round_import_never_previews_unopened_bundles(qtbot: Any, hub: Any, bundles: Bundles,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """With the keys on record (provisioning) a whole folder imports after the quick check:
    one staging per bundle, the first one previewed because it is shown."""
    from app.ui.p4mi import common
    from app.ui.p4mi.importer import ImportView
    from sync.container import read_bundle
    from sync.importer import pipeline
    from sync.trust import trust_village_key
    from tests.ui.conftest import make_context

    for path in bundles.usb.glob("*.bmd"):
        m = read_bundle(path).manifest
        trust_village_key(hub, m.village_code, m.public_key, operator="Uji",
                          confirm_fingerprint=m.public_key.fingerprint)
    staged: list[str] = []
    real_stage = pipeline._Run.stage

    def stage(self, con, workbook):  # noqa: ANN001, ANN202
        staged.append(self.opened.file_name)
        return real_stage(self, con, workbook)

    monkeypatch.setattr(pipeline._Run, "stage", stage)
    view = ImportView(make_context(hub))
    qtbot.addWidget(view)
    monkeypatch.setattr(common, "ask_folder", lambda *a, **k: bundles.usb)
    qtbot.mouseClick(view.folder_button, LEFT)
    qtbot.mouseClick(view.import_button, LEFT)
    assert len(staged) == 3  # 2 imports + the preview of the bundle on screen
    assert count(hub, "SELECT count(*) FROM sync_bundle_import") == 2


def test_progress_per_village_and_cancel(qtbot: Any, hub: Any, bundles: Bundles,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui import tasks as tasks_module
    from app.ui.p4mi import common
    from app.ui.p4mi.importer import ImportView
    from app.ui.progress import ProgressDialog
    from app.ui.tasks import TaskRunner
    from sync.importer import pipeline

    seen: list[tuple[int, str]] = []
    real_set = tasks_module.ProgressSlot.set

    def record(self, progress):  # noqa: ANN001, ANN202
        if progress.code == "progress.import.bundle":
            key = (progress.params["n"], progress.params["name"])
            if key not in seen:
                seen.append(key)
        return real_set(self, progress)

    monkeypatch.setattr(tasks_module.ProgressSlot, "set", record)
    reached, go = threading.Event(), threading.Event()
    calls: list[Path] = []
    real_import = pipeline.import_bundle

    def gated(ws, path, **kw):  # noqa: ANN001, ANN003, ANN202
        calls.append(path)
        if len(calls) == 2:  # the second village waits until the clerk pressed Batal
            reached.set()
            go.wait(60)
        return real_import(ws, path, **kw)

    monkeypatch.setattr(pipeline, "import_bundle", gated)
    tasks = TaskRunner()
    try:
        view = ImportView(_context(hub, tasks))
        qtbot.addWidget(view)
        view.show()
        monkeypatch.setattr(common, "ask_folder", lambda *a, **k: bundles.usb)
        qtbot.mouseClick(view.folder_button, LEFT)
        qtbot.waitUntil(lambda: len(view.items) == 2 and not tasks.busy, timeout=60000)
        for row in range(2):
            view.bundles_table.selectRow(row)
            qtbot.waitUntil(lambda r=row: not view.items[r].quick and not tasks.busy,
                            timeout=60000)
            view.key_confirm.setChecked(True)
        qtbot.mouseClick(view.import_button, LEFT)
        qtbot.waitUntil(reached.is_set, timeout=60000)
        dialogs: list[Any] = []
        qtbot.waitUntil(lambda: bool(dialogs.extend(view.findChildren(ProgressDialog))
                                     or dialogs) and dialogs[0].isVisible(), timeout=10000)
        dialog = dialogs[0]
        second = sorted(p.name for p in bundles.usb.glob("*.bmd"))[1]
        qtbot.waitUntil(lambda: f"Paket 2 dari 2: {second}" in dialog.label.text(),
                        timeout=10000)
        qtbot.mouseClick(dialog.cancel_button, LEFT)
        go.set()
        qtbot.waitUntil(lambda: not tasks.busy and view.notice.kind == "warn", timeout=60000)
        qtbot.waitUntil(lambda: "sudah diimpor" in view.bundles_model.row_values(0)[5],
                        timeout=60000)
    finally:
        go.set()
        tasks.shutdown()
    names = sorted(p.name for p in bundles.usb.glob("*.bmd"))
    assert [n for n, _name in seen] == [1, 2] and [name for _n, name in seen] == names
    assert "dibatalkan" in view.notice.text().lower()
    # the first village stays imported, the second changed nothing
    assert count(hub, "SELECT count(*) FROM resident WHERE owner_office = ?", VILLAGE_A) == 40
    assert count(hub, "SELECT count(*) FROM resident WHERE owner_office = ?", VILLAGE_B) == 0
    assert count(hub, "SELECT count(*) FROM sync_bundle_import") == 1
    assert view.imported_villages == [VILLAGE_A] and view.receipt_button.isEnabled()
    assert "sudah diimpor" not in view.bundles_model.row_values(1)[5]
