"""Open a case on a person (optionally on one of their episodes), or change one.

The dialog saves through :mod:`app.core.services.cases` when **Save** is pressed; refused
input stays in the dialog with the reasons shown under the form (errors from the shared
message catalogue). ``CaseDialog.create(ctx, parent, resident_id=..., episode_id=...)`` and
``CaseDialog.edit(ctx, case_id, parent)`` return the saved case id, or ``None``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import AppError, ValidationFailed
from app.core.reference import active_codes, ref_list
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.widgets.fields import DateField, date_field
from app.ui.widgets.resident_picker import ResidentPicker


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def date_edit(name: str) -> DateField:
    """The shared typed date field (app.ui.widgets.fields), set to today."""
    return date_field(name, date.today())


def bad_date(*fields: DateField) -> DateField | None:
    """The first enabled field whose text is not a date (empty counts as bad here)."""
    for f in fields:
        if f.isEnabled() and not f.date().isValid():
            return f
    return None


def fill_codes(combo: QComboBox, ctx: AppContext, list_name: str, *, empty: str | None = None,
               current: str = "") -> None:
    """Fill a combo with the active codes of a reference list (plus ``current`` if retired)."""
    combo.clear()
    if empty is not None:
        combo.addItem(empty, "")
    active = set(active_codes(list_name))
    for item in ref_list(list_name):
        if item.code in active or item.code == current:
            combo.addItem(item.label(ctx.language), item.code)
    if current:
        combo.setCurrentIndex(max(0, combo.findData(current)))


class ErrorLabel(QLabel):
    """Where a dialog lists why its input was refused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errors")
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.hide()

    def show_error(self, exc: BaseException) -> None:
        from app.ui.errors import error_text, issue_text

        if isinstance(exc, ValidationFailed):
            self.setText("\n".join("• " + issue_text(i) for i in exc.issues))
        else:
            self.setText(error_text(exc))
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()


class CaseDialog(Retranslating, QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 resident_id: str | None = None, episode_id: str | None = None,
                 case_id: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        self.saved_id: str | None = None
        self.setObjectName("CaseDialog")
        self.picker: ResidentPicker | None = None
        self.resident_id = resident_id
        self.resident_label = QLabel()
        self.resident_label.setObjectName("resident_name")
        existing = None
        if case_id:
            from app.core.privacy import may_see
            from app.core.repo.cases import case_detail

            # changing a case shows all of it: only for whom may see it (core refuses others)
            with ctx.db.session() as s:
                existing = case_detail(s, case_id, viewer=ctx.viewer,
                                       reveal=may_see(ctx.viewer))
            if existing.hidden:
                from app.core.errors import AppError

                raise AppError("auth.not_allowed", name=ctx.operator,
                               role=getattr(ctx.signed_in, "role", ""))
            self.resident_id = existing.case.resident_id
            episode_id = existing.case.episode_id
            self.resident_label.setText(f"{existing.resident_name} · {existing.resident_nik}")
        elif resident_id:
            from app.core.repo.records import resident_brief

            with ctx.db.session() as s:
                r = resident_brief(s, resident_id)
            self.resident_label.setText(f"{r.name} · {r.nik}" if r else "")
        else:
            self.picker = ResidentPicker(ctx)
            self.picker.picked.connect(lambda rid, _n: self._resident_chosen(rid))

        self.episode = QComboBox()
        self.episode.setObjectName("episode")
        self.case_type = QComboBox()
        self.case_type.setObjectName("case_type")
        self.reported_on = date_edit("reported_on")
        self.occurred_known = QCheckBox()
        self.occurred_known.setObjectName("occurred_known")
        self.occurred_on = date_edit("occurred_on")
        self.occurred_on.setEnabled(False)
        self.occurred_known.toggled.connect(self.occurred_on.setEnabled)
        self.reporter = QLineEdit()
        self.reporter.setObjectName("reporter")
        self.referral = QComboBox()
        self.referral.setObjectName("referral")
        self.chronology = QPlainTextEdit()
        self.chronology.setObjectName("chronology")
        self.chronology.setTabChangesFocus(True)
        self.sensitive = QCheckBox()
        self.sensitive.setObjectName("sensitive")
        self.sensitive.setChecked(True)
        self.errors = ErrorLabel()

        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()

        def row(key: str, widget: QWidget | QHBoxLayout) -> None:
            label = QLabel()
            if isinstance(widget, QWidget):
                label.setBuddy(widget)
            self.labels[key] = label
            form.addRow(label, widget)

        row("resident", self.picker if self.picker is not None else self.resident_label)
        row("episode", self.episode)
        row("case_type", self.case_type)
        row("reported_on", self.reported_on)
        occurred = QHBoxLayout()
        occurred.addWidget(self.occurred_known)
        occurred.addWidget(self.occurred_on, 1)
        row("occurred_on", occurred)
        self.labels["occurred_on"].setBuddy(self.occurred_known)
        row("reporter", self.reporter)
        row("referral", self.referral)
        row("chronology", self.chronology)
        form.addRow("", self.sensitive)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        self.retranslate()
        fill_codes(self.case_type, ctx, "case_types",
                   empty=self.tr("(choose the type of case)"),
                   current=existing.case.case_type if existing else "")
        fill_codes(self.referral, ctx, "referrals", empty=self.tr("(not referred yet)"),
                   current=existing.case.referral if existing else "")
        self._fill_episodes(episode_id)
        if existing is not None:
            c = existing.case
            self.reported_on.setDate(qdate(c.reported_on))
            if c.occurred_on:
                self.occurred_known.setChecked(True)
                self.occurred_on.setDate(qdate(c.occurred_on))
            self.reporter.setText(c.reporter)
            self.chronology.setPlainText(c.chronology)
            self.sensitive.setChecked(c.sensitive)
        from app.ui.widgets.forms import FormKeys

        self.keys = FormKeys(self, save=self.save,
                             first=self.picker.search if self.picker is not None
                             else self.case_type,
                             save_button=self.buttons.button(QDialogButtonBox.StandardButton.Save))
        self.resize(620, self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change case") if self.case_id else self.tr("New case"))
        texts = {
            "resident": self.tr("&Person"),
            "episode": self.tr("&Migration episode"),
            "case_type": self.tr("&Type of case"),
            "reported_on": self.tr("&Reported on"),
            "occurred_on": self.tr("&Happened on"),
            "reporter": self.tr("Reported &by"),
            "referral": self.tr("Re&ferred to"),
            "chronology": self.tr("&Chronology"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.occurred_known.setText(self.tr("known"))
        self.reporter.setPlaceholderText(self.tr("Name and relation, e.g. Siti (wife)"))
        self.chronology.setPlaceholderText(self.tr("What happened, in the reporter's words"))
        self.sensitive.setText(self.tr("C&onfidential: hide the details in lists"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def _resident_chosen(self, resident_id: str) -> None:
        self.resident_id = resident_id
        self._fill_episodes(None)

    def _fill_episodes(self, current: str | None) -> None:
        from app.core.repo.lookup import episodes_of

        self.episode.clear()
        self.episode.addItem(self.tr("(not about one episode)"), None)
        if not self.resident_id:
            return
        with self.ctx.db.session() as s:
            choices = episodes_of(s, self.resident_id)
        states = {"terdaftar": self.tr("registered"), "terverifikasi": self.tr("verified"),
                  "berangkat": self.tr("abroad"), "pulang": self.tr("returned"),
                  "batal": self.tr("cancelled"), "gagal_berangkat": self.tr("failed to depart")}
        for ch in choices:
            country = self.ctx.ref_label("countries", ch.country) if ch.country else "-"
            when = ch.start.strftime("%d/%m/%Y") if ch.start else ""
            self.episode.addItem(f"{country} · {states.get(ch.state, ch.state)} · {when}",
                                 ch.id)
        index = self.episode.findData(current) if current else -1
        if index < 0 and choices and choices[0].state == "berangkat" and not self.case_id:
            index = 1  # a case is usually about the trip abroad now
        self.episode.setCurrentIndex(max(0, index))

    def case_input(self):  # noqa: ANN201 - CaseInput
        from app.core.services.cases import CaseInput

        return CaseInput(
            case_type=self.case_type.currentData() or "",
            reported_on=pydate(self.reported_on.date()),
            reporter=self.reporter.text().strip(),
            occurred_on=pydate(self.occurred_on.date()) if self.occurred_known.isChecked()
            else None,
            chronology=self.chronology.toPlainText().strip(),
            referral=self.referral.currentData() or "",
            sensitive=self.sensitive.isChecked(),
            episode_id=self.episode.currentData(),
        )

    def save(self) -> None:
        from app.core.services import cases

        if not self.resident_id:
            self.errors.setText(self.tr("Choose the person the case is about."))
            self.errors.show()
            return
        bad = bad_date(self.reported_on, self.occurred_on)
        if bad is not None:
            self.errors.setText(self.ctx.message("ui.date_invalid"))
            self.errors.show()
            bad.setFocus()
            return
        data = self.case_input()
        try:
            with self.ctx.write() as s:
                if self.case_id:
                    case = cases.update_case(s, self.case_id, data)
                else:
                    case = cases.open_case(s, self.resident_id, data)
                self.saved_id = case.id
        except (ValidationFailed, AppError) as exc:
            self.errors.show_error(exc)
            return
        self.ctx.notify_changed("case")
        self.accept()

    @classmethod
    def create(cls, ctx: AppContext, parent: QWidget | None = None, *,
               resident_id: str | None = None, episode_id: str | None = None) -> str | None:
        dialog = cls(ctx, parent, resident_id=resident_id, episode_id=episode_id)
        dialog.exec()
        return dialog.saved_id

    @classmethod
    def edit(cls, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> str | None:
        """Change a case. A confidential one only for whom may see it; opening it is a reveal
        and goes into the audit log."""
        from app.core.access import Permission
        from app.core.privacy import log_reveal
        from app.core.repo.records import case_is_sensitive
        from app.ui import permissions

        with ctx.db.session() as s:
            sensitive = case_is_sensitive(s, case_id)
        if sensitive:
            if not permissions.require(parent, ctx, Permission.SEE_SENSITIVE):
                return None
            with ctx.write() as s:
                log_reveal(s, ctx.viewer, "reveal_case", entity_id=case_id)
        dialog = cls(ctx, parent, case_id=case_id)
        dialog.exec()
        return dialog.saved_id
