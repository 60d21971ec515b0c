"""Record or change an information session or training (Kegiatan).

``ActivityDialog.create(ctx, parent)`` / ``ActivityDialog.edit(ctx, activity_id, parent)``
save through :mod:`app.core.services.community` and return the activity id, or ``None``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import AppError, ValidationFailed
from app.ui.context import AppContext
from app.ui.dialogs.case_form import ErrorLabel, bad_date, date_edit, fill_codes, pydate, qdate
from app.ui.i18n import Retranslating
from app.ui.widgets.forms import FormKeys


class ActivityDialog(Retranslating, QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 activity_id: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.activity_id = activity_id
        self.saved_id: str | None = None
        self.setObjectName("ActivityDialog")
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.held_on = date_edit("held_on")
        self.place = QLineEdit()
        self.place.setObjectName("place")
        self.organizer = QLineEdit()
        self.organizer.setObjectName("organizer")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        self.errors = ErrorLabel()
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, widget in (("kind", self.kind), ("title", self.title),
                            ("held_on", self.held_on), ("place", self.place),
                            ("organizer", self.organizer), ("notes", self.notes)):
            label = QLabel()
            label.setBuddy(widget)
            self.labels[key] = label
            form.addRow(label, widget)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        current = ""
        if activity_id:
            from app.core.repo.records import activity_values

            with ctx.db.session() as s:
                act = activity_values(s, activity_id)
            if act is not None:
                current = act.kind
                self.title.setText(act.title)
                self.held_on.setDate(qdate(act.held_on))
                self.place.setText(act.place)
                self.organizer.setText(act.organizer)
                self.notes.setPlainText(act.notes)
        self.retranslate()
        fill_codes(self.kind, ctx, "activity_kinds", empty=self.tr("(choose the kind)"),
                   current=current)
        if not activity_id:
            self.kind.setCurrentIndex(max(0, self.kind.findData("sosialisasi")))
            self.place.setText(self.tr("Village hall"))
            self.organizer.setText(self.tr("Village government"))
        self.keys = FormKeys(self, save=self.save, first=self.kind,
                             save_button=self.buttons.button(QDialogButtonBox.StandardButton.Save))
        self.resize(520, self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change activity") if self.activity_id
                            else self.tr("New activity"))
        for key, text in (("kind", self.tr("&Kind")), ("title", self.tr("&Title")),
                          ("held_on", self.tr("&Date")), ("place", self.tr("&Place")),
                          ("organizer", self.tr("&Organised by")),
                          ("notes", self.tr("&Notes"))):
            self.labels[key].setText(text)
        self.title.setPlaceholderText(self.tr("e.g. Safe migration information session"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def save(self) -> None:
        from app.core.services.community import ActivityInput, create_activity, update_activity

        if bad_date(self.held_on) is not None:
            self.errors.setText(self.ctx.message("ui.date_invalid"))
            self.errors.show()
            self.held_on.setFocus()
            return
        data = ActivityInput(kind=self.kind.currentData() or "", title=self.title.text().strip(),
                             held_on=pydate(self.held_on.date()),
                             place=self.place.text().strip(),
                             organizer=self.organizer.text().strip(),
                             notes=self.notes.toPlainText().strip())
        try:
            with self.ctx.write() as s:
                if self.activity_id:
                    act = update_activity(s, self.activity_id, data)
                else:
                    act = create_activity(s, data)
                self.saved_id = act.id
        except (ValidationFailed, AppError) as exc:
            self.errors.show_error(exc)
            return
        self.ctx.notify_changed("activity")
        self.accept()

    @classmethod
    def create(cls, ctx: AppContext, parent: QWidget | None = None) -> str | None:
        dialog = cls(ctx, parent)
        dialog.exec()
        return dialog.saved_id

    @classmethod
    def edit(cls, ctx: AppContext, activity_id: str,
             parent: QWidget | None = None) -> str | None:
        dialog = cls(ctx, parent, activity_id=activity_id)
        dialog.exec()
        return dialog.saved_id
