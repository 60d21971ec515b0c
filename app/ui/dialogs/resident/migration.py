"""The **Migrasi** tab of the resident record: the episode timeline and its actions.

The tab holds a :class:`~app.ui.dialogs.episode.MigrationPanel` (timeline, lifecycle actions
read from the table of mode specs, contact log); each action saves through its own
:class:`~app.ui.dialogs.episode.EpisodeDialog`, so the tab has nothing to collect or validate.
:attr:`changed` tells the record that an episode changed (the migrant status may have).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.ui.context import AppContext
from app.ui.dialogs.episode import MigrationPanel


class MigrationTab(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = MigrationPanel(ctx, self)
        self.panel.changed.connect(self.changed)
        lay = QVBoxLayout(self)
        lay.addWidget(self.panel)

    def load(self, resident_id: str) -> None:
        self.panel.load(resident_id)
