"""Pick residents by typing part of a name or the start of a NIK.

A search box debounced by a short timer and a short list of matches (at most 30, so a plain
QListWidget is enough). ``picked(id, name)`` fires on Enter or double-click; in multi mode the
checked residents are read with :meth:`checked`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.core.repo.lookup import ResidentHit, search_residents
from app.ui.context import AppContext
from app.ui.i18n import Retranslating

IdRole = Qt.ItemDataRole.UserRole
NameRole = Qt.ItemDataRole.UserRole + 1


class ResidentPicker(Retranslating, QWidget):
    picked = Signal(str, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 multi: bool = False, exclude: set[str] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.multi = multi
        self.exclude = set(exclude or ())
        self.selected_id: str | None = None
        self.selected_name = ""
        self._checked: dict[str, str] = {}
        self.search = QLineEdit()
        self.search.setObjectName("resident_search")
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("resident_results")
        self.results.setMinimumHeight(120)
        self.chosen = QLabel()
        self.chosen.setObjectName("resident_chosen")
        self.chosen.setWordWrap(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.search.installEventFilter(self)
        self.results.itemActivated.connect(self._activated)
        self.results.itemDoubleClicked.connect(self._activated)
        self.results.itemChanged.connect(self._item_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.chosen)
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Type a name or the start of a NIK"))
        self._show_chosen()

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001, N802 - Qt override
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus()
                self.results.setCurrentRow(0)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.timer.stop()
                self.run_search()
                if self.results.count() == 1 and not self.multi:
                    self._activated(self.results.item(0))
                return True
        return super().eventFilter(obj, event)

    def run_search(self) -> None:
        with self.ctx.db.session() as s:
            hits = search_residents(s, self.search.text())
        self.results.blockSignals(True)
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(self._label(hit))
            item.setData(IdRole, hit.id)
            item.setData(NameRole, hit.name)
            if self.multi:
                if hit.id in self.exclude:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                    item.setText(item.text() + "  " + self.tr("(already added)"))
                else:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked if hit.id in self._checked
                                       else Qt.CheckState.Unchecked)
            self.results.addItem(item)
        self.results.blockSignals(False)

    def _item_changed(self, item: QListWidgetItem) -> None:
        if not self.multi:
            return
        rid = item.data(IdRole)
        if item.checkState() == Qt.CheckState.Checked:
            self._checked[rid] = item.data(NameRole)
        else:
            self._checked.pop(rid, None)
        self._show_chosen()

    def _label(self, hit: ResidentHit) -> str:
        parts = [hit.name, hit.nik or self.tr("NIK unknown")]
        if hit.birth_date:
            parts.append(hit.birth_date.strftime("%d/%m/%Y"))
        if hit.dusun:
            parts.append(self.tr("Dusun {name}").format(name=hit.dusun))
        return " · ".join(parts)

    def _activated(self, item: QListWidgetItem) -> None:
        if not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        if self.multi:
            state = item.checkState()
            item.setCheckState(Qt.CheckState.Unchecked if state == Qt.CheckState.Checked
                               else Qt.CheckState.Checked)
            return
        self.set_selected(item.data(IdRole), item.data(NameRole))
        self.picked.emit(self.selected_id, self.selected_name)

    def set_selected(self, resident_id: str | None, name: str) -> None:
        self.selected_id = resident_id
        self.selected_name = name
        self._show_chosen()

    def _show_chosen(self) -> None:
        if self.multi:
            if self._checked:
                self.chosen.setText(self.tr("Chosen: {names}").format(
                    names=", ".join(self._checked.values())))
            else:
                self.chosen.setText(self.tr("Tick the residents to add (Space or "
                                            "double-click)."))
        elif self.selected_id:
            self.chosen.setText(self.tr("Chosen: {name}").format(name=self.selected_name))
        else:
            self.chosen.setText(self.tr("Nobody chosen yet: search, then press Enter or "
                                        "double-click a name."))

    def checked(self) -> list[tuple[str, str]]:
        """The residents ticked so far (across searches), in the order they were ticked."""
        return list(self._checked.items())
