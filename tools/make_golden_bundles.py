"""Regenerate the small golden bundles in tests/data/bundles (run from the repository top).

The committed files were made by format v1 and are kept as they are: they prove that old
bundles still import (tests/sync/test_golden.py). Running this now would write format v2
files over them; do not commit that.

* ``BMD_18.07.01.2001_20260115_000001.bmd``: a valid plain full bundle of 12 demo residents,
  signed by a fixed test key (seed bytes 0..31, so tests know its fingerprint);
* ``BMD_18.07.01.2001_20260115_000002.bmd``: the same, claiming format version 2 (future);
* ``BMD_18.07.01.2001_20260115_000003.bmd``: the same as 1 with one cell of the workbook
  changed after signing (checksum mismatch).
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "tests" / "data" / "bundles"
SEED = bytes(range(32))


def main() -> int:
    from app.core.demo import add_demo_data
    from app.core.paths import DataDir
    from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace
    from sync.container import write_bundle
    from sync.export import export_bundle
    from sync.keys import KeyPair, save_keypair

    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.bmd"):
        old.unlink()
    tmp = Path(tempfile.mkdtemp(prefix="golden-"))
    try:
        ws = open_workspace(DataDir(tmp / "desa"))
        office = initialise_office(ws, mode=MODE_VILLAGE, code="18.07.01.2001", name="Sukadana",
                                   operator="Operator Uji")
        add_demo_data(ws.db, office, 12, seed=2026, today=date(2026, 1, 15))
        pair = KeyPair(SEED)
        save_keypair(ws.data_dir, pair, office_code=office.code, role="desa")
        report = export_bundle(ws, OUT, full=True, today=date(2026, 1, 15))
        ws.close()
        with zipfile.ZipFile(report.path) as zf:
            manifest = json.loads(zf.read("manifest.json"))
            workbook = zf.read("data.xlsx")
        manifest.pop("members")
        future = dict(manifest, format_version=2, sequence=2)
        write_bundle(OUT / "BMD_18.07.01.2001_20260115_000002.bmd", future, workbook, pair)
        # one changed cell after signing: rebuild the workbook with one name altered
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(workbook)) as src, zipfile.ZipFile(
                buf, "w", zipfile.ZIP_DEFLATED) as dst:
            for name in src.namelist():
                data = src.read(name)
                if name == "xl/worksheets/sheet1.xml":
                    i = data.index(b'r="D2"')
                    j = data.index(b"<t>", i) + 3
                    data = data[:j] + b"X" + data[j + 1:]
                dst.writestr(name, data)
        third = dict(manifest, sequence=3)
        tampered_path = OUT / "BMD_18.07.01.2001_20260115_000003.bmd"
        write_bundle(tampered_path, third, workbook, pair)
        with zipfile.ZipFile(tampered_path) as zf:
            parts = {n: zf.read(n) for n in zf.namelist()}
        parts["data.xlsx"] = buf.getvalue()
        with zipfile.ZipFile(tampered_path, "w") as zf:
            for n, data in parts.items():
                zf.writestr(n, data)
        for p in sorted(OUT.glob("*.bmd")):
            print(p.relative_to(ROOT), hashlib.sha256(p.read_bytes()).hexdigest()[:16])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
