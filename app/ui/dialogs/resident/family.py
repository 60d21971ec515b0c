"""The **Keluarga** tab of the resident record: the family card and the family left behind.

Members of the same family card (double-click or the button opens one), the children under 18
of a (C)PMI of this family, and the family left behind by this person (FamilyLink rows:
children and their carer), with a warning when children have no carer. Links are added and
changed in :class:`~app.ui.dialogs.family_member.FamilyMemberDialog` and saved at once.

``load`` reads everything for one person; the tab has nothing to collect or validate, since
each change is saved by its own dialog or confirmation.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import AppError
from app.core.repo.records import left_behind
from app.core.repo.residents import children_of_migrants, same_kk
from app.core.services.community import children_without_carer, unlink_family_member
from app.ui.context import AppContext
from app.ui.dialogs import common
from app.ui.dialogs.family_member import FamilyMemberDialog
from app.ui.i18n import Retranslating
from app.ui.labels import MIGRANT_STATUS, fmt_date, label
from app.ui.widgets.tables import setup_table


class FamilyTab(Retranslating, QWidget):
    """The family of one resident."""

    open_resident = Signal(str)
    """The operator asked to open a family member's own record."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resident_id: str | None = None
        lay = QVBoxLayout(self)
        self.kk_label = QLabel()
        self.kk_table = QTableWidget(0, 5)
        self.kk_table.setObjectName("kk_members")
        self.children_label = QLabel()
        self.children_label.setObjectName("children_label")
        self.children_label.setWordWrap(True)
        self.children_table = QTableWidget(0, 3)
        self.children_table.setObjectName("pmi_children")
        setup_table(self.kk_table, headers=lambda: [
            self.tr("Name"), self.tr("NIK"), self.tr("Relation to head"), self.tr("Born"),
            self.tr("Migrant status")])
        setup_table(self.children_table, headers=lambda: [
            self.tr("Name"), self.tr("Born"), self.tr("Relation to head")])
        for table in (self.kk_table, self.children_table):
            table.cellDoubleClicked.connect(
                lambda row, _c, t=table: self._open_row(t, row))
        self.open_member_button = QPushButton()
        self.open_member_button.setObjectName("open_member")
        self.open_member_button.clicked.connect(
            lambda: self._open_row(self.kk_table, self.kk_table.currentRow()))
        lay.addWidget(self.kk_label)
        lay.addWidget(self.kk_table, 2)
        lay.addWidget(self.open_member_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.children_label)
        lay.addWidget(self.children_table, 1)
        self.left_behind_label = QLabel()
        self.left_behind_label.setObjectName("left_behind_label")
        self.left_behind_table = QTableWidget(0, 4)
        setup_table(self.left_behind_table, name="left_behind", headers=lambda: [
            self.tr("Name"), self.tr("Relation"), self.tr("Born"), self.tr("Carer")])
        self.add_link_button = QPushButton()
        self.add_link_button.setObjectName("add_family_link")
        self.add_link_button.clicked.connect(self.add_family_link)
        self.edit_link_button = QPushButton()
        self.edit_link_button.setObjectName("edit_family_link")
        self.edit_link_button.clicked.connect(self.edit_family_link)
        self.left_behind_table.cellDoubleClicked.connect(lambda *_a: self.edit_family_link())
        self.remove_link_button = QPushButton()
        self.remove_link_button.setObjectName("remove_family_link")
        self.remove_link_button.clicked.connect(self.remove_family_link)
        self.left_behind_table.itemSelectionChanged.connect(self._link_selection_changed)
        self.carer_warning = QLabel()
        self.carer_warning.setObjectName("carer_warning")
        self.carer_warning.setWordWrap(True)
        self.carer_warning.setStyleSheet("color: #8a5a00;")
        self.carer_warning.hide()
        row = QHBoxLayout()
        row.addWidget(self.add_link_button)
        row.addWidget(self.edit_link_button)
        row.addWidget(self.remove_link_button)
        row.addStretch(1)
        lay.addWidget(self.left_behind_label)
        lay.addWidget(self.left_behind_table, 1)
        lay.addWidget(self.carer_warning)
        lay.addLayout(row)
        self._kk_members: list[tuple[str, str, Any]] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.open_member_button.setText(self.tr("Open selected family member"))
        self.left_behind_label.setText(self.tr(
            "Family left behind (children of the migrant worker and their carer):"))
        self.add_link_button.setText(self.tr("&Add member..."))
        self.edit_link_button.setText(self.tr("C&hange..."))
        self.remove_link_button.setText(self.tr("Remove from the list"))
        if self.resident_id is not None:
            self.load_left_behind()

    # -- loading -------------------------------------------------------------------------
    def load(self, resident_id: str, kk: str | None) -> None:
        """The family of ``resident_id``, whose family card number is ``kk`` (as typed)."""
        self.resident_id = resident_id
        with self.ctx.db.session() as s:
            members = same_kk(s, kk, exclude_id=resident_id)
            everyone = same_kk(s, kk)
            children = children_of_migrants(s, kk)
        self.kk_label.setText(self.tr("Members of family card {kk}: {n}").format(
            kk=kk or "—", n=len(members)) if kk else
            self.tr("No family card number recorded."))
        self._fill(self.kk_table, [
            (m.id, m.name, m.nik or "", self.ctx.ref_label("shdk", m.shdk),
             fmt_date(m.birth_date), label(MIGRANT_STATUS, m.migrant_status))
            for m in members])
        migrants = [m.name for m in everyone if m.migrant_status in ("calon_pmi", "pmi")]
        if children:
            self.children_label.setText(self.tr(
                "Children left behind by a migrant worker of this family ({names}):").format(
                names=", ".join(migrants)))
        else:
            self.children_label.setText(self.tr(
                "No children under 18 of a migrant worker on this family card."))
        self._fill(self.children_table, [
            (m.id, m.name, fmt_date(m.birth_date), self.ctx.ref_label("shdk", m.shdk))
            for m in children])
        self._kk_members = [(m.id, m.name, m.birth_date) for m in members]
        self.load_left_behind()

    # -- family left behind --------------------------------------------------------------
    def load_left_behind(self) -> None:
        """The FamilyLink rows of this person (not deleted), oldest first."""
        rows: list[tuple[Any, ...]] = []
        if self.resident_id is not None:
            with self.ctx.db.session() as s:
                links = left_behind(s, self.resident_id)
            for link in links:
                rows.append((link.id, link.member_name,
                             self.ctx.ref_label("relations", link.relation),
                             fmt_date(link.member_birth_date),
                             self.tr("carer") if link.is_carer else ""))
        self._fill(self.left_behind_table, rows)
        self._link_selection_changed()
        self._check_carer()

    def _check_carer(self) -> None:
        """Warn when children are left behind and no one is marked as their carer."""
        names: list[str] = []
        if self.resident_id is not None:
            with self.ctx.db.session() as s:
                names = children_without_carer(s, self.resident_id)
        self.carer_warning.setText("⚠ " + self.ctx.message("family.no_carer",
                                                           names=", ".join(names))
                                   if names else "")
        self.carer_warning.setVisible(bool(names))

    def _link_selection_changed(self) -> None:
        self.remove_link_button.setEnabled(self._selected_link() is not None)
        self.edit_link_button.setEnabled(self._selected_link() is not None)

    def _selected_link(self) -> str | None:
        row = self.left_behind_table.currentRow()
        item = self.left_behind_table.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def add_family_link(self) -> bool:
        if self.resident_id is None:
            return False
        if not FamilyMemberDialog.ask(self.ctx, self.resident_id, self._kk_members,
                                      self.window()):
            return False
        self.ctx.notify_changed("family")
        self.load_left_behind()
        return True

    def edit_family_link(self) -> bool:
        link_id = self._selected_link()
        if self.resident_id is None or link_id is None:
            return False
        if not FamilyMemberDialog.ask(self.ctx, self.resident_id, self._kk_members,
                                      self.window(), link_id=link_id):
            return False
        self.ctx.notify_changed("family")
        self.load_left_behind()
        return True

    def remove_family_link(self) -> bool:
        link_id = self._selected_link()
        if link_id is None:
            return False
        name = self.left_behind_table.item(self.left_behind_table.currentRow(), 0).text()
        if not common.confirm(self.window(), self.tr(
                "Remove {name} from the family left behind? The person's own record is "
                "not changed.").format(name=name)):
            return False
        try:
            with self.ctx.write() as s:
                unlink_family_member(s, link_id)
        except AppError as exc:
            self.left_behind_label.setText(self.ctx.message(exc.code, **exc.params))
            return False
        self.ctx.notify_changed("family")
        self.load_left_behind()
        return True

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[Any, ...]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row[1:]):
                item = QTableWidgetItem(str(value))
                item.setData(Qt.ItemDataRole.UserRole, row[0])
                table.setItem(r, c, item)
        table.resizeColumnsToContents()

    def _open_row(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0) if row >= 0 else None
        if item is not None:
            self.open_resident.emit(item.data(Qt.ItemDataRole.UserRole))
