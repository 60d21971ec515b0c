"""Add one member of the family left behind by a (C)PMI (a FamilyLink).

The member is either a resident on the same family card (chosen from a list) or someone not
registered in the village (name and birth date typed). The relation comes from the
``relations`` list; "Pengasuh anak" marks the person caring for the children. The dialog
calls :func:`app.core.services.community.link_family_member`; refused input is shown in the
dialog with the catalogue's sentence.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import AppError, ValidationFailed
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.labels import fmt_date
from app.ui.widgets.fields import CodeCombo, DateField, IssueBox


class FamilyMemberDialog(Retranslating, QDialog):
    """``members``: ``(resident_id, name, birth_date)`` of the people on the same KK."""

    def __init__(self, ctx: AppContext, resident_id: str, members: list[tuple[str, str, Any]],
                 parent: QWidget | None = None, *, link_id: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resident_id = resident_id
        self.saved = False
        self.editing = link_id is not None
        self.link_id: str | None = link_id
        self.setObjectName("FamilyMemberDialog")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        layout.addLayout(form)
        self.member = QComboBox()
        self.member.setObjectName("family_member")
        self.member.addItem("", None)
        for member_id, name, born in members:
            text = f"{name} ({fmt_date(born)})" if born else name
            self.member.addItem(text, member_id)
        self.name = QLineEdit()
        self.name.setObjectName("family_member_name")
        self.birth_date = DateField()
        self.birth_date.setObjectName("family_member_birth_date")
        self.relation = CodeCombo("relations", ctx.language)
        self.relation.setObjectName("family_relation")
        self.carer = QCheckBox()
        self.carer.setObjectName("family_is_carer")
        self.member_label, self.name_label = QLabel(), QLabel()
        self.birth_label, self.relation_label = QLabel(), QLabel()
        for lab, widget in ((self.member_label, self.member), (self.name_label, self.name),
                            (self.birth_label, self.birth_date),
                            (self.relation_label, self.relation)):
            lab.setBuddy(widget)
            form.addRow(lab, widget)
        form.addRow(self.carer)
        self.member.currentIndexChanged.connect(self._member_changed)
        self.issues = IssueBox()
        self.issues.setObjectName("family_issues")
        layout.addWidget(self.issues)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("family_save")
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        if link_id is not None:
            self._load(link_id, members)
        self.retranslate()
        self._member_changed()
        from app.ui.widgets.forms import FormKeys

        self.keys = FormKeys(self, save=self.save, first=self.member, save_button=self.ok)

    def _load(self, link_id: str, members: list[tuple[str, str, Any]]) -> None:
        from app.core.repo.records import family_link

        with self.ctx.db.session() as s:
            link = family_link(s, link_id)
        if link is None:
            return
        member_id, name, born = link.member_id, link.member_name, link.member_birth_date
        relation, carer = link.relation, link.is_carer
        index = self.member.findData(member_id) if member_id else 0
        if member_id and index < 0:  # someone no longer on the same KK
            self.member.addItem(name, member_id)
            index = self.member.count() - 1
        self.member.setCurrentIndex(max(0, index))
        if not member_id:
            self.name.setText(name)
            self.birth_date.set_value(born)
        self.relation.set_code(relation)
        self.carer.setChecked(carer)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change a family member left behind") if self.editing
                            else self.tr("Add a family member left behind"))
        self.intro.setText(self.tr("Choose a member of the same family card, or type the "
                                   "name and birth date of someone not registered in the "
                                   "village."))
        self.member.setItemText(0, self.tr("— not registered: type the name —"))
        self.member_label.setText(self.tr("&Member of the family card"))
        self.name_label.setText(self.tr("&Name"))
        self.birth_label.setText(self.tr("&Birth date"))
        self.relation_label.setText(self.tr("&Relation"))
        self.carer.setText(self.tr("&Carer of the children (pengasuh)"))
        self.ok.setText(self.tr("&Save"))
        self.cancel_button.setText(self.tr("Cancel"))

    def _member_changed(self, *_args: object) -> None:
        typed = self.member.currentData() is None
        self.name.setEnabled(typed)
        self.birth_date.setEnabled(typed)

    def save(self) -> bool:
        from app.core.services.community import link_family_member, update_family_link

        self.issues.clear()
        member_id = self.member.currentData()
        name, born = "", None
        if member_id is None:
            name = self.name.text()
            try:
                born = self.birth_date.value()
            except ValueError:
                self.issues.add(self.tr("Write the date as dd/mm/yyyy, for example "
                                        "17/08/2024."), error=True)
                return False
        try:
            with self.ctx.write() as s:
                if self.editing:
                    link = update_family_link(
                        s, self.link_id or "", self.relation.code(), member_id=member_id,
                        member_name=name, member_birth_date=born,
                        is_carer=self.carer.isChecked())
                else:
                    link = link_family_member(
                        s, self.resident_id, self.relation.code(), member_id=member_id,
                        member_name=name, member_birth_date=born,
                        is_carer=self.carer.isChecked())
                self.link_id = link.id
        except ValidationFailed as exc:
            for issue in exc.issues:
                self.issues.add(self.ctx.message(issue.code, **issue.params),
                                error=issue.is_error)
            return False
        except AppError as exc:
            self.issues.add(self.ctx.message(exc.code, **exc.params), error=True)
            return False
        self.saved = True
        self.accept()
        return True

    @classmethod
    def ask(cls, ctx: AppContext, resident_id: str, members: list[tuple[str, str, Any]],
            parent: QWidget | None = None, *, link_id: str | None = None) -> bool:
        """Show the form (to change ``link_id`` when given); True if something was saved."""
        dialog = cls(ctx, resident_id, members, parent, link_id=link_id)
        dialog.exec()
        return dialog.saved
