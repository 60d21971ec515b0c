"""Add participants to an activity: residents found by name or NIK, and people from outside
the village by name only. ``ParticipantsDialog.ask(ctx, activity_id, parent)`` returns the
number of participants added."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import AppError, ValidationFailed
from app.ui.context import AppContext
from app.ui.dialogs.case_form import ErrorLabel
from app.ui.i18n import Retranslating
from app.ui.widgets.resident_picker import ResidentPicker


class ParticipantsDialog(Retranslating, QDialog):
    def __init__(self, ctx: AppContext, activity_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.activity_id = activity_id
        self.added = 0
        self.setObjectName("ParticipantsDialog")
        from app.core.repo.activities import participants

        with ctx.db.session() as s:
            present = participants(s, activity_id)
        self.present_ids = {p.resident_id for p in present if p.resident_id}
        self.present_names = {p.name.casefold() for p in present}
        self.picker = ResidentPicker(ctx, multi=True, exclude=self.present_ids)
        self.residents_box = QGroupBox()
        QVBoxLayout(self.residents_box).addWidget(self.picker)
        self.free_names = QPlainTextEdit()
        self.free_names.setObjectName("free_names")
        self.free_names.setTabChangesFocus(True)
        self.free_names.setMaximumHeight(80)
        self.free_label = QLabel()
        self.free_label.setWordWrap(True)
        self.free_label.setBuddy(self.free_names)
        self.others_box = QGroupBox()
        ol = QVBoxLayout(self.others_box)
        ol.addWidget(self.free_label)
        ol.addWidget(self.free_names)
        self.errors = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.residents_box, 1)
        layout.addWidget(self.others_box)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        self.retranslate()
        from app.ui.widgets.forms import FormKeys

        self.keys = FormKeys(self, save=self.save, first=self.picker.search,
                             save_button=self.buttons.button(QDialogButtonBox.StandardButton.Save))
        self.resize(600, 520)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add participants"))
        self.residents_box.setTitle(self.tr("Residents of the village"))
        self.others_box.setTitle(self.tr("Other participants"))
        self.free_label.setText(self.tr("&Names of people who are not in the register, one "
                                        "per line:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Add"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def chosen(self) -> tuple[list[str], list[str]]:
        """(resident ids, free names) that are not yet participants."""
        ids = [rid for rid, _n in self.picker.checked() if rid not in self.present_ids]
        names: list[str] = []
        seen = set(self.present_names)
        for line in self.free_names.toPlainText().splitlines():
            name = " ".join(line.split())
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
        return ids, names

    def save(self) -> None:
        from app.core.services.community import add_participant

        ids, names = self.chosen()
        if not ids and not names:
            self.errors.setText(self.tr("Tick at least one resident or type a name."))
            self.errors.show()
            return
        try:
            with self.ctx.write() as s:
                for rid in ids:
                    add_participant(s, self.activity_id, resident_id=rid)
                for name in names:
                    add_participant(s, self.activity_id, name=name)
        except (ValidationFailed, AppError) as exc:
            self.errors.show_error(exc)
            return
        self.added = len(ids) + len(names)
        self.ctx.notify_changed("activity")
        self.accept()

    @classmethod
    def ask(cls, ctx: AppContext, activity_id: str, parent: QWidget | None = None) -> int:
        dialog = cls(ctx, activity_id, parent)
        dialog.exec()
        return dialog.added
