"""Self-test check: a village exports an encrypted bundle, a fresh P4MI hub imports it."""

from __future__ import annotations

from datetime import date
from pathlib import Path


def check_bundles(tmp: Path) -> str:
    from app.core.demo import add_demo_data
    from app.core.paths import DataDir
    from app.core.workspace import MODE_P4MI, MODE_VILLAGE, initialise_office, open_workspace
    from sync.canonical import dump_digest
    from sync.export import export_bundle
    from sync.importer import STATUS_ALREADY, STATUS_IMPORTED, import_bundle
    from sync.keys import PublicKeyInfo, load_or_create_keypair, set_p4mi_key

    code = "18.07.01.2001"
    hub = open_workspace(DataDir(tmp / "p4mi"))
    village = open_workspace(DataDir(tmp / "desa"))
    try:
        initialise_office(hub, mode=MODE_P4MI, code="18.07", name="Lampung Timur",
                          operator="uji")
        office = initialise_office(village, mode=MODE_VILLAGE, code=code, name="Sukadana",
                                   operator="uji")
        hub_pair = load_or_create_keypair(hub.data_dir, office_code="18.07", role="p4mi")
        set_p4mi_key(village.data_dir, PublicKeyInfo(hub_pair.public, "18.07", "p4mi"))
        add_demo_data(village.db, office, 40, seed=7, today=date(2026, 1, 15))
        exported = export_bundle(village, tmp / "usb")
        if not exported.encrypted:
            raise RuntimeError("bundle not encrypted although a P4MI key is installed")
        from sync.container import read_bundle

        fingerprint = read_bundle(exported.path).manifest.public_key.fingerprint
        report = import_bundle(hub, exported.path, confirm_key=fingerprint)
        if report.status != STATUS_IMPORTED or report.errors:
            raise RuntimeError(f"import status {report.status}, {len(report.errors)} errors")
        again = import_bundle(hub, exported.path)
        if again.status != STATUS_ALREADY:
            raise RuntimeError("a second import of the same bundle was not a no-op")
        if dump_digest(village.data_dir.db_path, code) != dump_digest(hub.data_dir.db_path,
                                                                       code):
            raise RuntimeError("village and hub hold different data after the import")
    finally:
        village.close()
        hub.close()
    return (f"{exported.total_rows} baris, {exported.size} bita terenkripsi, diimpor "
            f"{report.seconds:.2f} s, isi desa dan P4MI identik")
