"""The fixtures and steps both wizard-server modules use (``test_wizard_server.py`` and the
whole start it runs in a process of its own, ``wizard_server_start.py``): kept once here. A
module takes them by importing them (pytest finds imported fixtures, autouse ones included).
Not collected (its name does not start with ``test_``)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from PySide6.QtCore import Qt


@pytest.fixture(autouse=True)
def indonesian(qapp: Any) -> Any:
    """In Indonesian, as the installed program starts."""
    from app.ui.i18n import set_language

    set_language("id")
    yield
    set_language("id")


@pytest.fixture
def checks_off_gui_thread(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every connection test the wizard makes: True if it ran on the GUI thread."""
    from app.core import server

    seen: list[bool] = []
    real = server.check_connection

    def check(*args: Any, **kwargs: Any) -> str:
        seen.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(server, "check_connection", check)
    return seen


def to_server_page(qtbot: Any, wizard: Any, regency: str = "18.07") -> Any:
    wizard.show()
    wizard.welcome_page.p4mi_mode.setChecked(True)
    wizard.next()
    page = wizard.village_page
    page.province.setCurrentIndex(page.province.findData(regency.split(".")[0]))
    page.regency.setCurrentIndex(page.regency.findData(regency))
    wizard.next()
    assert wizard.currentPage() is wizard.server_page
    return wizard.server_page


def fill(qtbot: Any, page: Any, url: str, *, password: str | None = None,
          port: int | None = None) -> None:
    parts = urlsplit(url)
    page.server.setChecked(True)
    page.host.setText(parts.hostname or "127.0.0.1")
    page.port.setValue(port or parts.port or 5432)
    page.database.setText(parts.path.lstrip("/"))
    page.user.setText(unquote(parts.username or ""))
    page.password.setText(password if password is not None else unquote(parts.password or ""))


def connection_test(qtbot: Any, page: Any) -> str:
    assert page.test_button.isEnabled()
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.op is None, timeout=20000)
    return page.status.text()


@pytest.fixture
def wizard(qtbot: Any, tmp_path: Path) -> Any:
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from app.ui.wizard import SetupWizard

    ws = open_workspace(DataDir(tmp_path / "baru"))
    w = SetupWizard(ws)
    qtbot.addWidget(w)
    yield w
    if w.server_page.runner is not None:
        w.server_page.runner.shutdown(wait=True)
    ws.close()
