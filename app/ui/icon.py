"""The application icon (drawn by ``tools/make_icon.py``), for windows and the taskbar."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from app.core.reference import resources_dir

ICON_FILE = "buku-migran.ico"


def app_icon() -> QIcon:
    """The icon with every size the ICO holds (16 to 256 px); a null icon if it is missing."""
    return QIcon(str(resources_dir() / "icons" / ICON_FILE))
