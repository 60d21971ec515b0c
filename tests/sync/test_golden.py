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


@pytest.mark.parametrize(("name", "code"), [
    ("BMD_18.07.01.2001_20260115_000002.bmd", "sync.bundle.future_version"),
    ("BMD_18.07.01.2001_20260115_000003.bmd", "sync.bundle.checksum"),
])
def test_golden_refusals(hub, name: str, code: str) -> None:
    before = hub_state(hub)
    with pytest.raises(AppError) as err:
        import_bundle(hub, DATA / name, confirm_key=GOLDEN_KEY.fingerprint)
    assert err.value.code == code
    assert hub_state(hub) == before
