"""A village's part of a hub's package holds every row that hub has of the village, many
bundles' worth: it is read with the package part's caps (``sync.relay.paket.PART_CAPS``), not
with the cap that bounds the work of one village bundle (issue 17 item 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

import sync.relay.importing as relay_importing
from app.core.errors import AppError
from sync.importer import STATUS_IMPORTED
from sync.importer.context import RunContext
from sync.keys import load_or_create_keypair
from sync.relay import export_paket, import_paket
from sync.relay.paket import PART_CAPS
from sync.xlsx import ReadCaps, unpacked_size
from tests.hubdb.conftest import hub_state, make_hub_on
from tests.sync.conftest import TODAY, export, import_, make_village

VILLAGE = "18.07.01.2001"


def _regency_package(tmp: Path) -> tuple[Path, str]:
    regency = make_hub_on(tmp / "kab", None, code="18.07")
    try:
        village = make_village(tmp / "desa", code=VILLAGE, residents=120, seed=7)
        try:
            assert import_(regency, export(village, tmp / "usb")).status == STATUS_IMPORTED
        finally:
            village.close()
        fingerprint = load_or_create_keypair(regency.data_dir, office_code="18.07",
                                             role="p4mi").fingerprint
        return export_paket(regency, tmp / "flashdisk", today=TODAY).path, fingerprint
    finally:
        regency.close()


def _part_size(path: Path) -> int:
    from sync.relay import read_paket

    opened = read_paket(path)
    with opened.parts(None) as parts:
        return max(unpacked_size(part.data) for _village, part in parts)


def test_a_part_larger_than_one_bundle_may_be_is_read_with_the_part_caps(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, fingerprint = _regency_package(tmp_path)
    size = _part_size(path)
    assert PART_CAPS.max_total_bytes > ReadCaps().max_total_bytes
    # a village bundle of this size would be refused (the bundle cap just below it) ...
    monkeypatch.setattr(RunContext, "read_caps", ReadCaps(max_total_bytes=size - 1))
    province = make_hub_on(tmp_path / "prov", None, code="18")
    try:
        # ... and the part reads only with the part's caps: below its size it is refused
        # with nothing changed
        before = hub_state(province)
        monkeypatch.setattr(relay_importing, "PART_CAPS", ReadCaps(max_total_bytes=size - 1))
        with pytest.raises(AppError) as err:
            import_paket(province, path, confirm_key=fingerprint)
        assert err.value.code == "sync.xlsx.too_large"
        assert hub_state(province) == before
        monkeypatch.setattr(relay_importing, "PART_CAPS", ReadCaps(max_total_bytes=size))
        assert import_paket(province, path, confirm_key=fingerprint).status == STATUS_IMPORTED
    finally:
        province.close()
