"""Golden bundles (tests/data/bundles, made by tools/make_golden_bundles.py) keep working:
a bundle written by an earlier build still imports, and the refusals stay refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.errors import AppError
from sync.container import read_bundle
from sync.importer import STATUS_IMPORTED, import_bundle
from sync.keys import KeyPair
from tests.sync.conftest import hub_state

DATA = Path(__file__).resolve().parents[1] / "data" / "bundles"
GOLDEN_KEY = KeyPair(bytes(range(32)))


def test_golden_bundle_imports(hub) -> None:
    path = DATA / "BMD_18.07.01.2001_20260115_000001.bmd"
    manifest = read_bundle(path).manifest
    assert manifest.public_key.fingerprint == GOLDEN_KEY.fingerprint
    report = import_bundle(hub, path, confirm_key=GOLDEN_KEY.fingerprint)
    assert report.status == STATUS_IMPORTED and not report.errors
    assert {k: v.new + v.deleted for k, v in report.counts.items()} == manifest.counts
    assert report.counts["Penduduk"].new == 12


def test_golden_v1_bundle_is_format_1_and_fills_v2_defaults(hub) -> None:
    """The committed golden bundles were written by format v1; after v2 they import with the
    v2-only episode columns at their defaults and no red-flag rows."""
    import sqlite3

    path = DATA / "BMD_18.07.01.2001_20260115_000001.bmd"
    assert read_bundle(path).manifest.format_version == 1
    import_bundle(hub, path, confirm_key=GOLDEN_KEY.fingerprint)
    con = sqlite3.connect(hub.data_dir.db_path)
    try:
        rows = con.execute("SELECT count(*), sum(visa_type = ''), sum(lapor_diri_on IS NULL) "
                           "FROM episode").fetchone()
        assert rows[0] > 0 and rows[0] == rows[1] == rows[2]
        assert con.execute("SELECT count(*) FROM episode_flag").fetchone() == (0,)
    finally:
        con.close()


def test_future_format_version_is_refused(hub, tmp_path: Path) -> None:
    import json
    import zipfile

    from sync.container import write_bundle
    from sync.schema import FORMAT_VERSION

    with zipfile.ZipFile(DATA / "BMD_18.07.01.2001_20260115_000001.bmd") as zf:
        manifest = json.loads(zf.read("manifest.json"))
        workbook = zf.read("data.xlsx")
    manifest.pop("members")
    future = dict(manifest, format_version=FORMAT_VERSION + 1, sequence=4)
    path = tmp_path / "BMD_18.07.01.2001_20260115_000004.bmd"
    write_bundle(path, future, workbook, GOLDEN_KEY)
    before = hub_state(hub)
    with pytest.raises(AppError) as err:
        import_bundle(hub, path, confirm_key=GOLDEN_KEY.fingerprint)
    assert err.value.code == "sync.bundle.future_version"
    assert hub_state(hub) == before


@pytest.mark.parametrize(("name", "code"), [
    # made as a "future" v2 claim with v1 sheets: now a v2 manifest without the v2 sheet
    ("BMD_18.07.01.2001_20260115_000002.bmd", "sync.bundle.bad_manifest"),
    ("BMD_18.07.01.2001_20260115_000003.bmd", "sync.bundle.checksum"),
])
def test_golden_refusals(hub, name: str, code: str) -> None:
    before = hub_state(hub)
    with pytest.raises(AppError) as err:
        import_bundle(hub, DATA / name, confirm_key=GOLDEN_KEY.fingerprint)
    assert err.value.code == code
    assert hub_state(hub) == before
