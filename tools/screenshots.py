"""Screenshots of every main view at 1366x768 with demo data, for people to look at.

    python tools/screenshots.py OUT_DIR [--lang id|en] [--data-dir DIR]
    python tools/screenshots.py OUT_DIR --all

``--all`` writes everything in one go: every main view and every dialog (each tab or wizard
page), village and P4MI, in Indonesian and in English, as ``OUT_DIR/<id|en>/<desa|p4mi>/``.
The dialogs are the ones the accelerator test opens (tests/ui/test_accelerators.py), so a new
dialog class appears here as soon as it is added there.

Without ``--data-dir`` it makes a fresh village folder with 2,000 demo residents (seed 1).
Runs offscreen by default (``QT_QPA_PLATFORM=offscreen``); under Xvfb set ``DISPLAY`` and
``QT_QPA_PLATFORM=xcb``. Writes one PNG per main view plus the resident record (each tab), a
departure form with red flags, the change history and the first-start wizard. Screenshots
are kept out of git (``/screenshots/`` is ignored).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def make_demo(folder: Path, residents: int = 2000) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "app", "init", "--data-dir", str(folder),
                    "--village", "18.07.01.2001", "--operator", "Sri Wahyuni"], check=True,
                   env=env, capture_output=True)
    subprocess.run([sys.executable, "-m", "app", "demo", "--data-dir", str(folder),
                    "--residents", str(residents), "--seed", "1"], check=True, env=env,
                   capture_output=True)


SCREEN = (1366, 768)


def _settle(app) -> None:  # noqa: ANN001
    for _ in range(3):
        app.processEvents()


def _screens_of_window(app, ctx, out: Path, dialogs: dict, ids: dict) -> list[Path]:  # noqa: ANN001
    """Every view of the main window over ``ctx``, then every dialog in ``dialogs``."""
    from PySide6.QtCore import Qt

    from app.ui.main_window import MainWindow
    from tests.ui.test_accelerators import states

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def shot(widget, name: str) -> None:  # noqa: ANN001
        _settle(app)
        path = out / (re.sub(r"[^\w.-]+", "_", name).strip("_") + ".png")
        widget.grab().save(str(path))
        written.append(path)

    window = MainWindow(ctx)
    window.resize(*SCREEN)
    window.show()
    for n, key in enumerate(window.view_keys, start=1):
        window.show_view(key)
        shot(window, f"{n:02d}_{key}")
    for name, make in dialogs.items():
        try:
            dialog = make(ctx, ids)
        except Exception as exc:  # noqa: BLE001 - report and go on with the others
            print(f"skipped {name}: {exc}", file=sys.stderr)
            continue
        size = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
        if dialog.testAttribute(Qt.WidgetAttribute.WA_Resized):  # the dialog chose a size
            size = dialog.size().expandedTo(dialog.minimumSizeHint())
        dialog.resize(min(size.width(), SCREEN[0]), min(size.height(), SCREEN[1]))
        dialog.show()
        seen: set[object] = set()
        for state in states(dialog):
            page = dialog.currentId() if hasattr(dialog, "currentId") else state
            if page in seen:
                continue  # a wizard that cannot go on without input stays on its page
            seen.add(page)
            shot(dialog, f"dlg_{name}_{state}")
        dialog.close()
        dialog.deleteLater()
    window.close()
    window.deleteLater()
    _settle(app)
    return written


def all_screens(out: Path, residents: int = 600) -> list[Path]:
    """Village and P4MI, Indonesian and English: every view and every dialog."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from app.ui.context import AppContext
    from app.ui.i18n import set_language
    from app.ui.tasks import TaskRunner
    from sync.demo import build_demo_hub
    from tests.ui.test_accelerators import _dialogs, _ids

    tmp = Path(tempfile.mkdtemp(prefix="bmd-shots-"))
    village_dir = tmp / "desa"
    make_demo(village_dir, residents)
    hub_dir = tmp / "p4mi"
    build_demo_hub(hub_dir, tmp / "villages", villages=4, residents=150)
    written: list[Path] = []
    for lang in ("id", "en"):
        set_language(lang)
        ws = open_workspace(DataDir(village_dir))
        ids = _ids(ws)
        ctx = AppContext(ws, ws.office(), operator="Sri Wahyuni", language=lang,
                         tasks=TaskRunner(synchronous=True))
        written += _screens_of_window(app, ctx, out / lang / "desa", _dialogs(), ids)
        ws.close()
        hub = open_workspace(DataDir(hub_dir))
        ctx = AppContext(hub, hub.office(), operator="Petugas Demo", language=lang,
                         tasks=TaskRunner(synchronous=True))
        written += _screens_of_window(app, ctx, out / lang / "p4mi", _p4mi_dialogs(), {})
        hub.close()
    print(f"data: {tmp}", file=sys.stderr)
    return written


def _p4mi_dialogs() -> dict:
    from app.ui.dialogs.provisioning import ProvisioningDialog
    from app.ui.p4mi.cases import DeskActionDialog

    return {
        "DeskActionDialog(rujuk)": lambda ctx, _ids: DeskActionDialog(ctx, "rujuk", "Rujuk"),
        "DeskActionDialog(selesai)": lambda ctx, _ids: DeskActionDialog(ctx, "selesai",
                                                                        "Selesai"),
        "ProvisioningDialog": lambda ctx, _ids: ProvisioningDialog(ctx),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", choices=("id", "en"), default="id")
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--all", action="store_true",
                        help="every view and dialog, village and P4MI, both languages")
    parser.add_argument("--residents", type=int, default=600, help="with --all")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.all:
        for path in all_screens(args.out, args.residents):
            print(path)
        return 0

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from app.ui.i18n import set_language

    lang = set_language(args.lang)
    tmp = tempfile.TemporaryDirectory(prefix="bmd-shots-")
    folder = args.data_dir or Path(tmp.name) / "desa"
    if args.data_dir is None:
        make_demo(folder)

    from sqlalchemy import select

    from app.core.models import Episode, Resident
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from app.ui.context import AppContext
    from app.ui.main_window import VIEWS, MainWindow
    from app.ui.tasks import TaskRunner

    ws = open_workspace(DataDir(folder))
    office = ws.office()
    assert office is not None
    ctx = AppContext(ws, office, language=lang, tasks=TaskRunner(synchronous=True))
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    written: list[Path] = []

    def shot(widget, name: str) -> None:  # noqa: ANN001
        for _ in range(3):
            app.processEvents()
        path = args.out / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    for n, spec in enumerate(VIEWS, start=1):
        window.show_view(spec.key)
        shot(window, f"{n:02d}_{spec.key}")
    view = window.show_view("penduduk", status="pmi")
    shot(window, "02b_penduduk_filter_pmi")
    view.apply_filter(text="sri")
    shot(window, "02c_penduduk_search")

    from app.ui.dialogs.episode import DEPART, EpisodeDialog
    from app.ui.dialogs.history import HistoryDialog
    from app.ui.dialogs.resident import ResidentDialog

    with ws.db.session() as s:
        pmi = s.scalars(select(Resident).where(Resident.migrant_status == "pmi")
                        .order_by(Resident.name).limit(1)).one()
        cpmi_ep = s.scalars(select(Episode).where(Episode.state == "terdaftar")
                            .order_by(Episode.created_at).limit(1)).first()
    dialog = ResidentDialog(ctx, pmi.id, window)
    dialog.show()
    for index, name in enumerate(("data", "keluarga", "migrasi")):
        dialog.tabs.setCurrentIndex(index)
        shot(dialog, f"10_resident_{name}")
    dialog.close()
    new = ResidentDialog(ctx, None, window)
    new.edits["name"].setText("Contoh Salah")
    new.edits["nik"].setText("1807014101900")
    new.edits["birth_date"].setText("01/01/1990")
    new.check()
    new.show()
    shot(new, "11_resident_new_errors")
    new.close()
    if cpmi_ep is not None:
        depart = EpisodeDialog(ctx, DEPART, cpmi_ep.resident_id, cpmi_ep, window)
        depart.show()
        shot(depart, "12_departure_red_flags")
        depart.close()
    history = HistoryDialog(ctx, pmi.id, window)
    history.show()
    shot(history, "13_history")
    history.close()

    from app.core.paths import DataDir as DD
    from app.core.workspace import open_workspace as ow
    from app.ui.wizard import SetupWizard

    blank = ow(DD(Path(tmp.name) / "baru"))
    wizard = SetupWizard(blank)
    wizard.village_page.search.setText("sukadana")
    wizard.village_page._run_search()
    wizard.village_page.hits.setCurrentRow(0)
    wizard.show()
    shot(wizard, "14_wizard_village")
    wizard.next()
    shot(wizard, "15_wizard_operator")
    wizard.close()
    blank.close()
    window.close()
    ws.close()
    tmp.cleanup()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
