"""Self-test check: a village exports an encrypted bundle, a fresh P4MI hub imports it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any


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


def check_sheet_worker(tmp: Path) -> str:
    """The worker process that reads part of a big sheet (sync/sheet_worker.py) starts from
    this installation (the frozen executable with ``--sheet-worker``) and its reading is
    taken: a small sheet read in parts of 4 KiB, all shared, equals the import's own."""
    import io

    from sync import sheet_worker, xlsx

    spec = xlsx.SheetSpecW("S", ["Nama", "Tanggal"], [xlsx.KIND_TEXT, xlsx.KIND_DATE])
    rows = [[f"Warga {i}", date(1990, 1, 1 + i % 28)] for i in range(3000)]
    buf = io.BytesIO()
    writer = xlsx.XlsxWriter(buf)
    writer.add_sheet(spec, rows, len(rows))
    writer.close()
    layouts = [xlsx.SheetLayout("S", spec.headers)]
    saved = (sheet_worker.MIN_BYTES, sheet_worker.WAIT_UNSTARTED, xlsx.READ_CHUNK)

    def read() -> list[Any]:
        book = xlsx.CheckedWorkbook(buf.getvalue(), sheet_count=1, layouts=layouts)
        try:
            return [list(r) for cols in book.sheet_columns(1) for r in zip(*cols, strict=True)]
        finally:
            book.close()

    try:
        xlsx.READ_CHUNK = 4096
        sheet_worker.MIN_BYTES = 1 << 40
        alone = read()
        sheet_worker.MIN_BYTES, sheet_worker.WAIT_UNSTARTED = 0, 60.0
        before = sheet_worker.taken_total
        shared = read()
        taken = sheet_worker.taken_total - before
    finally:
        sheet_worker.MIN_BYTES, sheet_worker.WAIT_UNSTARTED, xlsx.READ_CHUNK = saved
    if shared != alone or len(alone) != len(rows) + 1:
        raise RuntimeError("the sheet worker's reading differs from the import's own")
    if not taken:
        raise RuntimeError(f"the sheet worker ({' '.join(sheet_worker.worker_command())}) "
                           "answered nothing")
    return f"{taken} bagian dibaca oleh proses pembantu, sama dengan pembacaan sendiri"
