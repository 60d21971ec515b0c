"""Hub scope (issue 16, relay upward): a P4MI hub serves a regency, a province or the whole
country; it takes village bundles from under its own code only. On both databases."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.core.errors import AppError
from app.core.workspace import (
    HUB_NATIONAL,
    HUB_PROVINCE,
    HUB_REGENCY,
    NATIONAL_CODE,
    hub_covers,
    hub_level,
)
from tests.hubdb.conftest import hub_state, make_hub_on
from tests.sync.conftest import export, import_, make_village

OTHER_REGENCY_VILLAGE = "18.08.01.2006"  # Lampung, not Lampung Timur
OTHER_PROVINCE_VILLAGE = "19.01.01.1001"  # Bangka Belitung


def test_levels_and_cover() -> None:
    assert hub_level("18.07") == HUB_REGENCY
    assert hub_level("18") == HUB_PROVINCE
    assert hub_level(NATIONAL_CODE) == HUB_NATIONAL
    assert hub_level("18.07.01") is None and hub_level("x") is None
    assert hub_covers("18", "18.07.01.2001") and hub_covers("18", "18.07")
    assert not hub_covers("18", "19.01.01.1001") and not hub_covers("1", "18.07.01.2001")
    assert hub_covers("18.07", "18.07.01.2001") and not hub_covers("18.07", "18.08.01.2006")
    assert not hub_covers("18.0", "18.07.01.2001")
    assert hub_covers(NATIONAL_CODE, "19.01.01.1001")


def _bundle(tmp_path: Path, code: str) -> Path:
    ws = make_village(tmp_path / f"desa-{code}", code=code, residents=4, seed=5)
    try:
        return export(ws, tmp_path / "usb" / code)
    finally:
        ws.close()


def test_province_hub_takes_its_villages_only(tmp_path: Path, hub_url: str | None) -> None:
    hub = make_hub_on(tmp_path / "prov", hub_url, code="18")
    try:
        assert hub.office().hub_level == HUB_PROVINCE
        for code in ("18.07.01.2001", OTHER_REGENCY_VILLAGE):
            assert import_(hub, _bundle(tmp_path, code)).status == "diimpor"
        before = hub_state(hub)
        with pytest.raises(AppError) as err:
            import_(hub, _bundle(tmp_path, OTHER_PROVINCE_VILLAGE))
        assert err.value.code == "sync.bundle.unexpected_village"
        assert hub_state(hub) == before
    finally:
        hub.close()


def test_regency_hub_still_refuses_a_neighbour(tmp_path: Path, hub_url: str | None) -> None:
    hub = make_hub_on(tmp_path / "kab", hub_url, code="18.07")
    try:
        with pytest.raises(AppError) as err:
            import_(hub, _bundle(tmp_path, OTHER_REGENCY_VILLAGE))
        assert err.value.code == "sync.bundle.unexpected_village"
    finally:
        hub.close()


def test_national_hub_takes_any_village(tmp_path: Path) -> None:
    hub = make_hub_on(tmp_path / "nas", None, code=NATIONAL_CODE)
    try:
        assert hub.office().hub_level == HUB_NATIONAL
        assert import_(hub, _bundle(tmp_path, OTHER_PROVINCE_VILLAGE)).status == "diimpor"
    finally:
        hub.close()


def _init(tmp_path: Path, name: str, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", "init", "--data-dir",
                           str(tmp_path / name), "--p4mi", code],
                          capture_output=True, text=True, timeout=120)


def test_cli_init_province_and_national(tmp_path: Path) -> None:
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace

    for name, code, expected in (("prov", "18", "18"), ("nas", "nasional", NATIONAL_CODE)):
        done = _init(tmp_path, name, code)
        assert done.returncode == 0, done.stderr
        ws = open_workspace(DataDir(tmp_path / name))
        try:
            office = ws.office()
            assert office.code == expected and office.is_p4mi
        finally:
            ws.close()
    assert "Lampung" in _init(tmp_path, "prov2", "18").stdout
    for bad in ("18.07.01", "99", "abc"):
        done = _init(tmp_path, "bad-" + bad, bad)
        assert done.returncode != 0
        assert "bukan kode hub P4MI" in done.stderr
        assert not (tmp_path / ("bad-" + bad)).exists()
