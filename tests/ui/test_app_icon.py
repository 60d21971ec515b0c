"""The program has its own icon: every size Windows asks for, set on the application."""

from __future__ import annotations

import struct

from PySide6.QtGui import QImageReader

from app.core.reference import resources_dir
from app.ui.icon import ICON_FILE, app_icon


def test_icon_file_holds_the_sizes_windows_uses(qapp) -> None:
    path = resources_dir() / "icons" / ICON_FILE
    blob = path.read_bytes()
    reserved, kind, count = struct.unpack("<HHH", blob[:6])
    assert (reserved, kind) == (0, 1) and count >= 4
    sizes = set()
    for i in range(count):
        width = blob[6 + 16 * i]
        sizes.add(256 if width == 0 else width)
    assert {16, 32, 48, 256} <= sizes
    reader = QImageReader(str(path))
    assert reader.imageCount() == count
    assert not reader.read().isNull()


def test_application_icon_is_not_null(qapp) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert icon.availableSizes(), "Qt could not read a single size from the icon"
