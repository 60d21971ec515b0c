"""Screenshots of the bundle pages with demo data, to look at (1366x768, offscreen grab).

    python tools/screenshots_p4mi.py OUT_DIR [--villages 6] [--residents 300]

Builds (in a temporary folder) a P4MI hub the real way (``sync.demo.build_demo_hub``), two more
villages whose bundles wait on a "USB stick" (one carries a NIK the hub already holds), then
renders each P4MI view and the village "Paket P4MI" page as they sit in the main window (the
page area: 1366 minus the 170-pixel navigation, 768 minus menu and status bar).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PAGE = (1366 - 170, 768 - 52)


def _extra_villages(tmp: Path, hub_dir: Path) -> Path:
    """Two villages not yet imported, exported to a USB folder."""
    from sqlalchemy import select

    from app.core.demo import add_demo_data
    from app.core.models import Resident
    from app.core.paths import DataDir
    from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace
    from sync.export import export_bundle

    usb = tmp / "usb"
    hub = open_workspace(DataDir(hub_dir), exclusive=False)
    with hub.db.session() as s:
        nik = s.scalars(select(Resident.nik).where(Resident.nik.is_not(None))).first()
    hub.close()
    for n, (code, name) in enumerate((("18.07.01.2001", "Sukadana"),
                                      ("18.07.01.2002", "Pakuan Aji"))):
        ws = open_workspace(DataDir(tmp / code))
        office = initialise_office(ws, mode=MODE_VILLAGE, code=code, name=name,
                                   operator=f"Operator {name}")
        add_demo_data(ws.db, office, 120, seed=50 + n)
        if n == 0:
            with ws.db.unit_of_work("Operator") as s:
                s.add(Resident(name="Siti Rahayu", sex="P", nik=nik))
        export_bundle(ws, usb, full=True)
        ws.close()
    return usb


def _import_usb(hub_dir: Path, usb: Path) -> None:
    """Import the waiting bundles (keys confirmed, as after the phone call)."""
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from sync.container import read_bundle
    from sync.importer import import_many

    paths = sorted(usb.glob("*.bmd"))
    keys = {m.village_code: m.public_key.fingerprint
            for m in (read_bundle(p).manifest for p in paths)}
    hub = open_workspace(DataDir(hub_dir), exclusive=False)
    try:
        import_many(hub, paths, confirm_keys=keys)
    finally:
        hub.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--villages", type=int, default=6)
    parser.add_argument("--residents", type=int, default=300)
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from app.ui.context import AppContext
    from app.ui.i18n import set_language
    from app.ui.tasks import TaskRunner
    from sync.demo import build_demo_hub

    set_language("id")
    tmp = Path(tempfile.mkdtemp(prefix="bmd-shots-"))
    hub_dir, villages_dir = tmp / "p4mi", tmp / "desa"
    build_demo_hub(hub_dir, villages_dir, villages=args.villages, residents=args.residents)
    usb = _extra_villages(tmp, hub_dir)

    def render(ws_dir: Path, module: str, cls: str, name: str, prepare=None) -> None:  # noqa: ANN001
        ws = open_workspace(DataDir(ws_dir), exclusive=False)
        ctx = AppContext(ws, ws.office(), operator="Petugas Demo", language="id",
                         tasks=TaskRunner(synchronous=True))
        view = getattr(importlib.import_module(module), cls)(ctx)
        view.resize(*PAGE)
        view.show()
        if prepare is not None:
            prepare(view)
        app.processEvents()
        path = out / f"{name}.png"
        view.grab().save(str(path))
        print(path)
        view.close()
        ws.close()

    def preview(view) -> None:  # noqa: ANN001
        from app.ui.p4mi.importer import find_bundles

        view.preview(find_bundles(usb))
        view.bundles_table.selectRow(0)
        view._show_details(0)

    render(hub_dir, "app.ui.p4mi.dashboard", "RegencyDashboardView", "p4mi_1_beranda")
    render(hub_dir, "app.ui.p4mi.importer", "ImportView", "p4mi_2_impor", preview)
    _import_usb(hub_dir, usb)
    render(hub_dir, "app.ui.p4mi.villages", "VillagesView", "p4mi_3_desa",
           lambda v: v.apply_filter(show="sent", village=next(
               (r.code for r in v.rows if r.bundles), "")))
    render(hub_dir, "app.ui.p4mi.nik", "NikView", "p4mi_4_nik")
    render(hub_dir, "app.ui.p4mi.recap", "RecapView", "p4mi_5_rekap")
    first_village = sorted(p for p in villages_dir.iterdir() if not p.name.startswith("_"))[0]
    render(first_village, "app.ui.views.bundle", "BundleView", "desa_paket_p4mi")
    render(tmp / "18.07.01.2002", "app.ui.views.bundle", "BundleView",
           "desa_paket_p4mi_tanpa_kunci")
    print(f"data: {tmp}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
