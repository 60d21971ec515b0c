"""Shared fixtures: a fresh village or P4MI data folder per test, hypothesis profiles."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

settings.register_profile("ci", max_examples=25, deadline=None)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

VILLAGE_CODE = "18.07.01.2001"
REGENCY_CODE = "18.07"


@pytest.fixture
def village(tmp_path: Path) -> Iterator[object]:
    """An initialised, empty village workspace (Sukadana, Lampung Timur)."""
    from app.core.paths import DataDir
    from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace

    ws = open_workspace(DataDir(tmp_path / "desa"))
    initialise_office(ws, mode=MODE_VILLAGE, code=VILLAGE_CODE, name="Sukadana",
                      operator="Operator Uji")
    yield ws
    ws.close()


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[object]:
    """An initialised, empty P4MI hub workspace (Lampung Timur)."""
    from app.core.paths import DataDir
    from app.core.workspace import MODE_P4MI, initialise_office, open_workspace

    ws = open_workspace(DataDir(tmp_path / "p4mi"))
    initialise_office(ws, mode=MODE_P4MI, code=REGENCY_CODE, name="Kabupaten Lampung Timur",
                      operator="Petugas P4MI")
    yield ws
    ws.close()
