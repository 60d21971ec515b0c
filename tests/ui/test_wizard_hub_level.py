"""The first-start wizard sets up a province or a national hub as ``python -m app init --p4mi
18`` / ``--p4mi nasional`` do (issue 16 item 1): the same office code, name and mode."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def _cli_office(tmp_path: Path, code: str) -> tuple[str, str, str]:
    from app.cli import run_command
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace

    folder = tmp_path / f"cli-{code}"
    assert run_command(["init", "--p4mi", code, "--data-dir", str(folder),
                 "--operator", "Petugas"]) == 0
    ws = open_workspace(DataDir(folder))
    try:
        office = ws.office()
        return office.mode, office.code, office.name
    finally:
        ws.close()


@pytest.mark.parametrize(("level", "cli_code", "expected"), [
    ("provinsi", "18", "18"), ("nasional", "nasional", "ID"), ("kabupaten", "18.07", "18.07")])
def test_wizard_sets_up_the_hub_level_the_cli_does(qtbot: Any, tmp_path: Path, level: str,
                                                   cli_code: str, expected: str) -> None:
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from app.ui.wizard import SetupWizard

    ws = open_workspace(DataDir(tmp_path / "hub"))
    try:
        wizard = SetupWizard(ws)
        qtbot.addWidget(wizard)
        wizard.show()
        page = wizard.village_page
        assert not page.hub_level.isVisible()  # a village never sees the hub's level
        wizard.welcome_page.p4mi_mode.setChecked(True)
        wizard.next()
        assert page.hub_level.isVisible() and page.hub_level.currentData() == "kabupaten"
        page.hub_level.setCurrentIndex(page.hub_level.findData(level))
        assert page.regency.isEnabled() == (level == "kabupaten")
        assert page.province.isEnabled() == (level != "nasional")
        if level != "nasional":
            assert not page.isComplete()  # nothing chosen yet
            page.province.setCurrentIndex(page.province.findData("18"))
        if level == "kabupaten":
            assert not page.isComplete()
            page.regency.setCurrentIndex(page.regency.findData("18.07"))
        assert page.isComplete() and page.village_code() == expected
        assert f"({expected})" in page.chosen.text()
        wizard.next()
        assert wizard.currentPage() is wizard.server_page
        assert wizard.server_page.code == expected  # a server's database is checked for it
        wizard.next()
        op = wizard.operator_page
        assert op.role.currentData() == "kepala_p4mi"
        qtbot.keyClicks(op.name, "Petugas")
        wizard.accept()
        office = ws.office()
        assert (office.mode, office.code, office.name) == _cli_office(tmp_path, cli_code)
    finally:
        ws.close()


def test_back_to_village_mode_offers_the_lists_again(qtbot: Any, tmp_path: Path) -> None:
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from app.ui.wizard import SetupWizard

    ws = open_workspace(DataDir(tmp_path / "w"))
    try:
        wizard = SetupWizard(ws)
        qtbot.addWidget(wizard)
        page = wizard.village_page
        wizard.welcome_page.p4mi_mode.setChecked(True)
        page.hub_level.setCurrentIndex(page.hub_level.findData("nasional"))
        assert not page.province.isEnabled() and page.village_code() == "ID"
        wizard.welcome_page.village_mode.setChecked(True)
        assert page.province.isEnabled() and page.regency.isEnabled()
        assert page.village_code() is None
    finally:
        ws.close()
