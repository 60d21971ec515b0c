"""A follow-up on a case (what was done, the status after it, a referral), or closing it.

``FollowUpDialog.ask(ctx, case_id, parent, closing=False)`` saves through
:func:`app.core.services.cases.add_follow_up` (or ``close_case``) and returns ``True`` when
something was saved.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import AppError, ValidationFailed
from app.ui.context import AppContext
from app.ui.dialogs.case_form import ErrorLabel, bad_date, date_edit, fill_codes, pydate
from app.ui.i18n import Retranslating
from app.ui.widgets.forms import FormKeys


class FollowUpDialog(Retranslating, QDialog):
    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None, *,
                 closing: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        self.closing = closing
        self.saved = False
        self.setObjectName("FollowUpDialog")
        from app.core.repo.cases import case_detail

        # the title never reveals a confidential case's type (app.core.privacy)
        with ctx.db.session() as s:
            detail = case_detail(s, case_id, viewer=ctx.viewer)
        self.case_hidden = detail.hidden
        self.case_type_label = ("" if detail.hidden
                                else ctx.ref_label("case_types", detail.case.case_type))
        self.about = QLabel()
        self.about.setObjectName("about")
        self.resident_name = detail.resident_name
        self.about.setWordWrap(True)
        self.noted_on = date_edit("noted_on")
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.status = QComboBox()
        self.status.setObjectName("status")
        self.referral = QComboBox()
        self.referral.setObjectName("referral")
        self.errors = ErrorLabel()
        self.date_label, self.note_label = QLabel(), QLabel()
        self.status_label, self.referral_label = QLabel(), QLabel()
        self.date_label.setBuddy(self.noted_on)
        self.note_label.setBuddy(self.note)
        self.status_label.setBuddy(self.status)
        self.referral_label.setBuddy(self.referral)
        form = QFormLayout()
        form.addRow(self.about)
        form.addRow(self.date_label, self.noted_on)
        form.addRow(self.note_label, self.note)
        if not closing:
            form.addRow(self.status_label, self.status)
            form.addRow(self.referral_label, self.referral)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        self.retranslate()
        fill_codes(self.referral, ctx, "referrals",
                   empty=self.tr("(unchanged: {current})").format(
                       current=ctx.ref_label("referrals", detail.case.referral)
                       if detail.case.referral else self.tr("none")))
        self.keys = FormKeys(self, save=self.save, first=self.note,
                             save_button=self.buttons.button(QDialogButtonBox.StandardButton.Save))
        self.resize(520, self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Close the case") if self.closing
                            else self.tr("Follow-up"))
        self.about.setText(f"{self.resident_name} · "
                           + (self.tr("Confidential case") if self.case_hidden
                              else self.case_type_label))
        self.date_label.setText(self.tr("&Date"))
        self.note_label.setText(self.tr("&What was done") if not self.closing
                                else self.tr("&How it ended"))
        self.status_label.setText(self.tr("Status &after"))
        self.referral_label.setText(self.tr("&Referred to"))
        current = self.status.currentIndex()
        self.status.clear()
        self.status.addItem(self.tr("In progress"), "")
        self.status.addItem(self.tr("Closed (finished)"), "selesai")
        self.status.setCurrentIndex(max(0, current))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("&Close case") if self.closing else self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def save(self) -> None:
        from app.core.services import cases

        note = self.note.toPlainText().strip()
        if bad_date(self.noted_on) is not None:
            self.errors.setText(self.ctx.message("ui.date_invalid"))
            self.errors.show()
            self.noted_on.setFocus()
            return
        when = pydate(self.noted_on.date())
        try:
            with self.ctx.write() as s:
                if self.closing:
                    if not note:
                        note = self.tr("Case closed.")
                    cases.close_case(s, self.case_id, when, note)
                else:
                    cases.add_follow_up(s, self.case_id, when, note,
                                        new_status=self.status.currentData() or "",
                                        referral=self.referral.currentData() or "")
        except (ValidationFailed, AppError) as exc:
            self.errors.show_error(exc)
            return
        self.saved = True
        self.ctx.notify_changed("case")
        self.accept()

    @classmethod
    def ask(cls, ctx: AppContext, case_id: str, parent: QWidget | None = None, *,
            closing: bool = False) -> bool:
        dialog = cls(ctx, case_id, parent, closing=closing)
        dialog.exec()
        return dialog.saved
