"""UI state and preferences: typed options over an INI file in the data folder.

Domain configuration (village, operator) lives in the database; this file only keeps what
belongs to this desk: language, window geometry, column widths, last folder. Each option is
declared once with its default (Picard's ``Option`` registry); ``settings_version`` lets a
later version upgrade old keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_FILE = "tampilan.ini"
SETTINGS_VERSION = 1


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    kind: type


LANGUAGE = Option("ui/language", "id", str)
GEOMETRY = Option("window/geometry", QByteArray(), QByteArray)
LAST_VIEW = Option("window/last_view", "beranda", str)
RESIDENT_COLUMNS = Option("residents/header", QByteArray(), QByteArray)


class Settings:
    def __init__(self, path: Path | None) -> None:
        if path is None:
            self._q = QSettings()  # tests without a data folder: in-memory-ish default
            self._q.clear()
        else:
            self._q = QSettings(str(path), QSettings.Format.IniFormat)
        if int(self._q.value("settings_version", 0) or 0) < SETTINGS_VERSION:
            self._q.setValue("settings_version", SETTINGS_VERSION)

    @classmethod
    def for_data_dir(cls, root: Path) -> Settings:
        return cls(root / SETTINGS_FILE)

    def get(self, option: Option) -> Any:
        value = self._q.value(option.key, option.default)
        if option.kind is str:
            return str(value) if value is not None else option.default
        if option.kind is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray()
        return value

    def set(self, option: Option, value: Any) -> None:
        self._q.setValue(option.key, value)

    def sync(self) -> None:
        self._q.sync()
