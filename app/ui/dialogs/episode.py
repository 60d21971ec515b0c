"""The migration lifecycle of one resident: timeline, actions, and the contact log.

:class:`MigrationPanel` (the **Migrasi** tab of the resident record) lists every episode,
oldest first, and offers only the actions the current state allows: register as CPMI (with
document checklist and family consent), verify, record departure (red flags explained and
confirmed, never blocking), record return with its reason, cancelled or failed departure; and,
for a trip the village learns of afterwards, a departure or a return recorded late. A person
can leave again once the last episode is closed. :class:`EpisodeDialog` is the form of each
action; it calls the service in :mod:`app.core.services.episodes`. What differs between the
actions (title, fields, required fields, the service call, the permission, which episode and
which states) is one :class:`~app.ui.dialogs.episode_modes.ModeSpec` per mode in
:data:`~app.ui.dialogs.episode_modes.MODES`, read by both classes.

The village as a checkpoint (issue 9): every form that registers, verifies, departs or
changes an episode shows the red flags the rules raise, live, before saving; a departure with
flags asks for confirmation in :class:`FlagConfirmDialog`, whose default button is "Kembali"
(go back) and whose "save anyway" needs a written reason, stored with the flags. The village
can also record a prevented departure (dicegah), the in-process stage, home leave (cuti), a
death abroad, and the clerk fields (visa, PK, heir, BPJS, lapor diri).

Dialog rules: the first field has the focus, accelerators are unique, Ctrl+S saves, and Esc
(or Cancel) on changed data asks before throwing the changes away.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import AppError, Issue, NeedsConfirmation, ValidationFailed
from app.core.reference import ref_list
from app.core.repo.episodes import flags_for_episodes, resident_timeline
from app.core.rules.flags import flag_text
from app.core.services import episodes as svc
from app.ui import permissions
from app.ui.context import AppContext
from app.ui.dialogs import common
from app.ui.dialogs.episode_modes import (  # noqa: F401 - the mode names, for callers
    BEFORE_DEPARTURE,
    CONTACT,
    DEPART,
    DETAILS,
    DOCUMENTS,
    END,
    FIELD_GROUPS,
    FLAG_STEP,
    LATE_DEPART,
    LEAVE,
    LEAVE_END,
    MODES,
    OPEN_STATES,
    PAST_RETURN,
    PLACEMENT,
    PLACEMENT_MODES,
    PREVENT,
    PROCESS,
    REGISTER,
    RETURN,
    RETURNEE,
    VERIFY,
    ModeSpec,
)
from app.ui.i18n import Retranslating
from app.ui.labels import EPISODE_STATE, FLAG_SEVERITY, PROCEDURE, fmt_date, label
from app.ui.widgets.fields import WARNING_STYLE, CodeCombo, DateField, IssueBox
from app.ui.widgets.fit import keep_choice_whole
from app.ui.widgets.tables import setup_table

translate = QCoreApplication.translate

RETURNEE_FIELDS = ("returnee_skills", "returnee_business", "remittance_use")
DETAIL_FIELDS = ("epmi_no", "visa_type", "visa_no", "trip_passport_no", "trip_passport_expiry",
                 "pk_no", "wage", "foreign_agency", "employer_address", "employer_phone",
                 "phone_abroad", "heir_name", "heir_relation", "heir_phone", "bpjs_status",
                 "lapor_diri_on")


class FlagConfirmDialog(QDialog):
    """Red flags before saving: "Kembali" (go back) is the default; going on needs a reason."""

    def __init__(self, texts: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FlagConfirmDialog")
        self.setWindowTitle(self.tr("Red flags: check before saving"))
        layout = QVBoxLayout(self)
        head = QLabel(self.tr("The rules found these red flags. The village should stop or "
                              "postpone a risky departure. To record it anyway, write why; "
                              "the reason is kept with the flags and travels to P4MI."))
        head.setWordWrap(True)
        layout.addWidget(head)
        listing = QLabel("\n".join("⚠ " + t for t in texts))
        listing.setObjectName("flag_list")
        listing.setWordWrap(True)
        listing.setStyleSheet(WARNING_STYLE)
        layout.addWidget(listing)
        self.reason = QLineEdit()
        self.reason.setObjectName("accept_reason")
        reason_label = QLabel(self.tr("&Reason for going on"))
        reason_label.setBuddy(self.reason)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        box = QDialogButtonBox()
        self.back = box.addButton(self.tr("&Go back"), QDialogButtonBox.ButtonRole.RejectRole)
        self.back.setObjectName("flags_back")
        self.go_on = box.addButton(self.tr("Save &anyway with this reason"),
                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.go_on.setObjectName("flags_save_anyway")
        self.go_on.setAutoDefault(False)
        self.go_on.setEnabled(False)
        self.back.setDefault(True)  # Enter means "Kembali", never "save anyway"
        self.back.setAutoDefault(True)
        self.reason.textChanged.connect(lambda t: self.go_on.setEnabled(bool(t.strip())))
        self.back.clicked.connect(self.reject)
        self.go_on.clicked.connect(self.accept)
        layout.addWidget(box)
        self.back.setFocus()

    @classmethod
    def ask(cls, texts: list[str], parent: QWidget | None = None) -> str | None:
        """The reason to go on, or None to go back."""
        dialog = cls(texts, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.reason.text().strip():
            return dialog.reason.text().strip()
        return None


class EpisodeDialog(Retranslating, QDialog):
    """One lifecycle action. ``episode`` is the episode acted on (None for a new one).

    Everything that differs between the actions is in the mode's :class:`ModeSpec`
    (:data:`app.ui.dialogs.episode_modes.MODES`); the dialog builds the field groups the spec
    names, in the fixed order of :data:`FIELD_GROUPS`, and saves through the spec's call.
    """

    def __init__(self, ctx: AppContext, mode: str, resident_id: str,
                 episode: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mode = mode
        self.spec = MODES[mode]
        self.resident_id = resident_id
        self.episode = episode
        self.setObjectName(f"EpisodeDialog_{mode}")
        self.saved = False
        self.accept_reason = ""
        self.setMinimumWidth(780)
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        layout.addLayout(form)
        self.when = DateField()
        self.when.setObjectName("when")
        self.when.set_value(date.today())
        self.when_label = QLabel()
        self.when_label.setBuddy(self.when)
        if self.spec.date_label:
            form.addRow(self.when_label, self.when)
        self.fields: dict[str, Any] = {}
        for group in FIELD_GROUPS:
            if group in self.spec.groups:
                getattr(self, f"_build_{group}")(form, layout)
        self.flags = QLabel()
        self.flags.setObjectName("red_flags")
        self.flags.setWordWrap(True)
        self.flags.setStyleSheet(WARNING_STYLE)
        self.flags.setVisible(False)
        self.issues = IssueBox()
        self.issues.setObjectName("episode_issues")
        layout.addWidget(self.flags)
        layout.addWidget(self.issues)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("episode_save")
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self.save)
        self.ok.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self._flag_timer = QTimer(self)
        self._flag_timer.setSingleShot(True)
        self._flag_timer.setInterval(250)
        self._flag_timer.timeout.connect(self.update_flags)
        if self.spec.flag_step:
            watched = [self.when, *self.fields.values()]
            watched += [getattr(self, n) for n in ("consent_name", "consent_relation")
                        if hasattr(self, n)]
            watched += list(getattr(self, "doc_checks", {}).values())
            for w in watched:
                sig = (getattr(w, "currentIndexChanged", None) or getattr(w, "toggled", None)
                       or w.textChanged)
                sig.connect(lambda *_a: self._flag_timer.start())
        self.retranslate()
        self._prefill()
        self.update_flags()
        self._death_visible()
        self._snapshot = self._state()
        first = self._first_field()
        if first is not None:
            first.setFocus()

    def shows(self, group: str) -> bool:
        """Whether this mode's form has the field group ``group`` (see FIELD_GROUPS)."""
        return group in self.spec.groups

    # -- dialog rules ----------------------------------------------------------------------
    def _inputs(self) -> list[QWidget]:
        """Every input of the form, in tab order (for the focus and the changed check)."""
        return [w for w in self.findChildren(QWidget)
                if isinstance(w, QLineEdit | QComboBox | QCheckBox | QPlainTextEdit
                              | QRadioButton) and w.isVisibleTo(self)
                and not isinstance(w.parent(), QComboBox)]

    def _first_field(self) -> QWidget | None:
        order = [self.when] if self.when.isVisibleTo(self) else []
        order += [w for w in self._inputs() if w is not self.when]
        return order[0] if order else None

    def _state(self) -> list[object]:
        out: list[object] = []
        for w in self._inputs():
            if isinstance(w, QLineEdit):
                out.append(w.text())
            elif isinstance(w, QComboBox):
                out.append((w.currentIndex(), w.currentText()))
            elif isinstance(w, QPlainTextEdit):
                out.append(w.toPlainText())
            else:
                out.append(w.isChecked())
        return out

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Save):  # Ctrl+S saves
            self.save()
            return
        super().keyPressEvent(event)

    def is_changed(self) -> bool:
        return self._state() != self._snapshot

    def reject(self) -> None:
        """Esc or Cancel: ask before throwing typed data away."""
        if not self.saved and self.is_changed() and not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Discard changes?"))
        box.setText(self.tr("You changed this form. Close it without saving?"))
        discard = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is discard

    def _death_visible(self) -> None:
        if not self.shows("death"):
            return
        dead = self.fields["return_reason"].code() == "meninggal"
        for w in (self.repatriation, self.death_claim, self.repatriation_label,
                  self.death_claim_label):
            w.setVisible(dead)

    # -- building: one method per field group, called in FIELD_GROUPS order ----------------
    def _build_placement(self, _form: QFormLayout, layout: QVBoxLayout) -> None:
        self.placement_box = QGroupBox()
        grid = QGridLayout(self.placement_box)
        f = self.fields
        f["destination_country"] = CodeCombo("countries", self.ctx.language)
        f["destination_city"] = QLineEdit()
        f["job"] = QLineEdit()
        f["sector"] = CodeCombo("sectors", self.ctx.language)
        f["employer"] = QLineEdit()
        f["p3mi"] = QLineEdit()
        f["scheme"] = CodeCombo("schemes", self.ctx.language)
        proc = QComboBox()
        for code in PROCEDURE:
            proc.addItem("", code)
        f["procedure"] = keep_choice_whole(proc)
        f["contract_start"] = DateField()
        f["contract_end"] = DateField()
        f["expected_return"] = DateField()
        self.placement_labels: dict[str, QLabel] = {}
        order = ["destination_country", "destination_city", "job", "sector", "employer",
                 "p3mi", "scheme", "procedure", "contract_start", "contract_end",
                 "expected_return"]
        for i, key in enumerate(order):
            widget = f[key]
            widget.setObjectName(key)
            lab = QLabel()
            lab.setBuddy(widget)
            self.placement_labels[key] = lab
            grid.addWidget(lab, i // 2, (i % 2) * 2)
            grid.addWidget(widget, i // 2, (i % 2) * 2 + 1)
        layout.addWidget(self.placement_box)

    def _build_return_reason(self, form: QFormLayout, _layout: QVBoxLayout) -> None:
        self.fields["return_reason"] = CodeCombo("return_reasons", self.ctx.language)
        self.fields["return_reason"].setObjectName("return_reason")
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.fields["return_reason"])
        form.addRow(self.reason_label, self.fields["return_reason"])

    def _build_death(self, form: QFormLayout, _layout: QVBoxLayout) -> None:
        """Death abroad: repatriation of the remains and the BPJS claim."""
        self.repatriation = CodeCombo("repatriation_status", self.ctx.language)
        self.repatriation.setObjectName("repatriation_status")
        self.death_claim = CodeCombo("death_claim_status", self.ctx.language)
        self.death_claim.setObjectName("death_claim_status")
        self.repatriation_label, self.death_claim_label = QLabel(), QLabel()
        self.repatriation_label.setBuddy(self.repatriation)
        self.death_claim_label.setBuddy(self.death_claim)
        form.addRow(self.repatriation_label, self.repatriation)
        form.addRow(self.death_claim_label, self.death_claim)
        self.fields["return_reason"].currentIndexChanged.connect(
            lambda _i: self._death_visible())

    def _build_process_place(self, form: QFormLayout, _layout: QVBoxLayout) -> None:
        self.process_place = CodeCombo("process_places", self.ctx.language)
        self.process_place.setObjectName("process_place")
        self.process_label = QLabel()
        self.process_label.setBuddy(self.process_place)
        form.addRow(self.process_label, self.process_place)

    def _build_leave_until(self, form: QFormLayout, _layout: QVBoxLayout) -> None:
        self.leave_until = DateField()
        self.leave_until.setObjectName("leave_until")
        self.leave_until_label = QLabel()
        self.leave_until_label.setBuddy(self.leave_until)
        form.addRow(self.leave_until_label, self.leave_until)

    def _build_details(self, _form: QFormLayout, layout: QVBoxLayout) -> None:
        self.details_box = QGroupBox()
        grid = QGridLayout(self.details_box)
        self.detail_fields: dict[str, Any] = {}
        self.detail_labels: dict[str, QLabel] = {}
        for i, key in enumerate(DETAIL_FIELDS):
            if key == "visa_type":
                widget: Any = CodeCombo("visa_types", self.ctx.language)
            elif key == "heir_relation":
                widget = CodeCombo("relations", self.ctx.language)
            elif key == "bpjs_status":
                widget = CodeCombo("bpjs_status", self.ctx.language)
            elif key in ("trip_passport_expiry", "lapor_diri_on"):
                widget = DateField()
            else:
                widget = QLineEdit()
            widget.setObjectName(key)
            lab = QLabel()
            lab.setBuddy(widget)
            self.detail_fields[key] = widget
            self.detail_labels[key] = lab
            grid.addWidget(lab, i // 2, (i % 2) * 2)
            grid.addWidget(widget, i // 2, (i % 2) * 2 + 1)
        layout.addWidget(self.details_box)

    def _build_returnee(self, _form: QFormLayout, layout: QVBoxLayout) -> None:
        self.returnee_box = QGroupBox()
        form = QFormLayout(self.returnee_box)
        self.returnee_fields: dict[str, Any] = {}
        self.returnee_labels: dict[str, QLabel] = {}
        for key in (*RETURNEE_FIELDS, "plans_to_leave"):
            if key == "plans_to_leave":
                widget: Any = CodeCombo("return_plans", self.ctx.language)
            else:
                widget = QPlainTextEdit()
                widget.setTabChangesFocus(True)
                widget.setFixedHeight(64)
            widget.setObjectName(key)
            lab = QLabel()
            lab.setBuddy(widget)
            self.returnee_fields[key] = widget
            self.returnee_labels[key] = lab
            form.addRow(lab, widget)
        layout.addWidget(self.returnee_box)

    def _build_departed(self, form: QFormLayout, _layout: QVBoxLayout) -> None:
        self.departed = DateField()
        self.departed.setObjectName("departed_on")
        self.departed_label = QLabel()
        form.addRow(self.departed_label, self.departed)

    def _build_consent(self, _form: QFormLayout, layout: QVBoxLayout) -> None:
        self.consent_box = QGroupBox()
        form = QFormLayout(self.consent_box)
        self.consent_name = QLineEdit()
        self.consent_name.setObjectName("consent_name")
        self.consent_nik = QLineEdit()
        self.consent_nik.setObjectName("consent_nik")
        self.consent_nik.setMaxLength(16)
        self.consent_relation = CodeCombo("relations", self.ctx.language)
        self.consent_relation.setObjectName("consent_relation")
        self.consent_labels = [QLabel(), QLabel(), QLabel()]
        form.addRow(self.consent_labels[0], self.consent_name)
        form.addRow(self.consent_labels[1], self.consent_nik)
        form.addRow(self.consent_labels[2], self.consent_relation)
        layout.addWidget(self.consent_box)

    def _build_documents(self, _form: QFormLayout, layout: QVBoxLayout) -> None:
        self.documents_box = QGroupBox()
        grid = QGridLayout(self.documents_box)
        self.doc_checks: dict[str, QCheckBox] = {}
        items = [i for i in ref_list("documents") if not i.retired]
        for n, item in enumerate(items):
            box = QCheckBox(item.label(self.ctx.language))
            box.setObjectName(f"doc_{item.code}")
            self.doc_checks[item.code] = box
            grid.addWidget(box, n // 3, n % 3)
        layout.addWidget(self.documents_box)

    def _build_end_choice(self, form: QFormLayout, _layout: QVBoxLayout) -> None:
        self.cancelled = QRadioButton()
        self.cancelled.setObjectName("cancelled")
        self.failed = QRadioButton()
        self.failed.setObjectName("failed")
        self.cancelled.setChecked(True)
        row = QHBoxLayout()
        row.addWidget(self.cancelled)
        row.addWidget(self.failed)
        form.addRow(row)

    def _build_contact(self, form: QFormLayout, _layout: QVBoxLayout) -> None:
        self.channel = QComboBox()
        self.channel.setEditable(True)
        self.channel.setObjectName("channel")
        self.condition = QComboBox()
        self.condition.setEditable(True)
        self.condition.setObjectName("condition")
        self.channel_label, self.condition_label = QLabel(), QLabel()
        form.addRow(self.channel_label, self.channel)
        form.addRow(self.condition_label, self.condition)

    def _build_notes(self, form: QFormLayout, _layout: QVBoxLayout) -> None:
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setFixedHeight(70)
        self.notes.setTabChangesFocus(True)
        self.notes_label = QLabel()
        form.addRow(self.notes_label, self.notes)

    # -- texts ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        spec = self.spec
        self.setWindowTitle(translate("EpisodeDialog", spec.title))
        intro = translate("EpisodeDialog", spec.intro) if spec.intro else ""
        self.intro.setText(intro)
        self.intro.setVisible(bool(intro))
        self.when_label.setText(translate("EpisodeDialog", spec.date_label)
                                if spec.date_label else "")
        if self.shows("placement"):
            self.placement_box.setTitle(self.tr("Placement"))
            names = {"destination_country": self.tr("Country"),
                     "destination_city": self.tr("City"), "job": self.tr("Job"),
                     "sector": self.tr("Sector"), "employer": self.tr("Employer"),
                     "p3mi": self.tr("P3MI (placement company)"),
                     "scheme": self.tr("Placement scheme"), "procedure": self.tr("Procedure"),
                     "contract_start": self.tr("Contract start"),
                     "contract_end": self.tr("Contract end"),
                     "expected_return": self.tr("Expected return")}
            for key, text in names.items():
                self.placement_labels[key].setText(text)
            proc = self.fields["procedure"]
            for i in range(proc.count()):
                proc.setItemText(i, label(PROCEDURE, proc.itemData(i)))
        if self.shows("consent"):
            self.consent_box.setTitle(self.tr("Family consent"))
            for lab, text in zip(self.consent_labels, (self.tr("Name of the family member"),
                                                       self.tr("Their NIK"),
                                                       self.tr("Relation")), strict=True):
                lab.setText(text)
        if self.shows("documents"):
            self.documents_box.setTitle(self.tr("Documents seen"))
        if self.shows("return_reason"):
            self.reason_label.setText(self.tr("Reason for return"))
        if self.shows("death"):
            self.repatriation_label.setText(self.tr("Repatriation of the remains"))
            self.death_claim_label.setText(self.tr("BPJS death benefit claim"))
        if self.shows("process_place"):
            self.process_label.setText(self.tr("Where"))
        if self.shows("leave_until"):
            self.leave_until_label.setText(self.tr("Leave ends (planned)"))
        if self.shows("details"):
            self.details_box.setTitle(self.tr("Trip details"))
            names = {"epmi_no": self.tr("ID PMI / E-PMI number"),
                     "visa_type": self.tr("Visa type"), "visa_no": self.tr("Visa number"),
                     "trip_passport_no": self.tr("Passport number for this trip"),
                     "trip_passport_expiry": self.tr("Passport valid until"),
                     "pk_no": self.tr("Work contract (PK) number"), "wage": self.tr("Wage"),
                     "foreign_agency": self.tr("Foreign agency (mitra usaha)"),
                     "employer_address": self.tr("Employer address"),
                     "employer_phone": self.tr("Employer phone"),
                     "phone_abroad": self.tr("Worker's phone abroad"),
                     "heir_name": self.tr("Family contact / heir (ahli waris)"),
                     "heir_relation": self.tr("Heir's relation"),
                     "heir_phone": self.tr("Heir's phone"),
                     "bpjs_status": self.tr("BPJS Ketenagakerjaan"),
                     "lapor_diri_on": self.tr("Lapor diri date")}
            for key, text in names.items():
                self.detail_labels[key].setText(text)
        if self.shows("returnee"):
            self.returnee_box.setTitle(self.tr("After the return"))
            names = {"returnee_skills": self.tr("S&kills learned abroad"),
                     "returnee_business": self.tr("&Business or work now"),
                     "remittance_use": self.tr("&Use of remittances"),
                     "plans_to_leave": self.tr("&Plan to leave again")}
            for key, text in names.items():
                self.returnee_labels[key].setText(text)
        if self.shows("departed"):
            self.departed_label.setText(self.tr("Departure date (if known)"))
        if self.shows("end_choice"):
            self.cancelled.setText(self.tr("Cancelled by the CPMI"))
            self.failed.setText(self.tr("Failed to depart"))
        if self.shows("contact"):
            self.channel_label.setText(self.tr("Through"))
            self.condition_label.setText(self.tr("Condition"))
            self.channel.clear()
            self.channel.addItems(["WhatsApp", self.tr("Phone call"), self.tr("Family"),
                                   self.tr("Letter or message"), self.tr("Other")])
            self.condition.clear()
            self.condition.addItems([self.tr("Well"), self.tr("Sick"),
                                     self.tr("Has a problem"), self.tr("Not known")])
        if self.shows("notes"):
            self.notes_label.setText(translate("EpisodeDialog", spec.notes_label))
        self.ok.setText(self.tr("&Save"))
        self.cancel_button.setText(self.tr("Cancel"))

    def _prefill(self) -> None:
        ep = self.episode
        if self.spec.default_procedure:
            proc = self.fields["procedure"]
            proc.setCurrentIndex(proc.findData(self.spec.default_procedure))
        if self.spec.blank_date:
            self.when.setText("")
        if ep is None:
            return
        if self.shows("returnee"):
            for key in RETURNEE_FIELDS:
                self.returnee_fields[key].setPlainText(getattr(ep, key) or "")
            self.returnee_fields["plans_to_leave"].set_code(ep.plans_to_leave)
        if self.shows("placement"):
            for key, widget in self.fields.items():
                value = getattr(ep, key, None)
                if isinstance(widget, CodeCombo):
                    widget.set_code(value)
                elif isinstance(widget, DateField):
                    widget.set_value(value)
                elif isinstance(widget, QComboBox):
                    widget.setCurrentIndex(max(0, widget.findData(value)))
                else:
                    widget.setText(value or "")
        if self.shows("documents"):
            for code in ep.document_codes:
                if code in self.doc_checks:
                    self.doc_checks[code].setChecked(True)
        if self.shows("details"):
            for key, widget in self.detail_fields.items():
                value = getattr(ep, key, None)
                if isinstance(widget, CodeCombo):
                    widget.set_code(value)
                elif isinstance(widget, DateField):
                    widget.set_value(value)
                else:
                    widget.setText(value or "")

    # -- values (read by the spec's save call) ----------------------------------------------
    def placement(self) -> svc.Placement:
        values: dict[str, Any] = {}
        for key, widget in self.fields.items():
            if key == "return_reason":
                continue
            if isinstance(widget, CodeCombo):
                values[key] = widget.code()
            elif isinstance(widget, DateField):
                try:
                    values[key] = widget.value()
                except ValueError:
                    raise ValueError(key) from None
            elif isinstance(widget, QComboBox):
                values[key] = widget.currentData()
            else:
                values[key] = widget.text().strip()
        return svc.Placement(**values)

    def returnee_profile(self) -> svc.ReturneeProfile:
        f = self.returnee_fields
        return svc.ReturneeProfile(
            returnee_skills=f["returnee_skills"].toPlainText(),
            returnee_business=f["returnee_business"].toPlainText(),
            remittance_use=f["remittance_use"].toPlainText(),
            plans_to_leave=f["plans_to_leave"].code())

    def details(self) -> svc.TripDetails:
        values: dict[str, Any] = {}
        for key, widget in self.detail_fields.items():
            if isinstance(widget, CodeCombo):
                values[key] = widget.code()
            elif isinstance(widget, DateField):
                values[key] = self.date_of(widget, key)
            else:
                values[key] = widget.text().strip()
        return svc.TripDetails(**values)

    def consent(self) -> svc.Consent:
        return svc.Consent(self.consent_name.text(), self.consent_nik.text(),
                           self.consent_relation.code())

    def documents(self) -> list[str]:
        return [c for c, b in self.doc_checks.items() if b.isChecked()]

    def notes_text(self) -> str:
        return self.notes.toPlainText()

    def date_of(self, field: DateField, name: str) -> date | None:
        """The date in ``field`` (None when empty); ValueError(name) when not a date."""
        try:
            return field.value()
        except ValueError:
            raise ValueError(name) from None

    def when_value(self) -> date | None:
        """The form's own date; ValueError("when_required") when the mode requires it and it
        is empty."""
        value = self.date_of(self.when, "when")
        if value is None and "when" in self.spec.required:
            raise ValueError("when_required")
        return value

    def update_flags(self) -> None:
        """Show, live, the red flags the rules raise on what the form holds now."""
        step = self.spec.flag_step
        if step is None or (self.episode is None and self.spec.target != "new"):
            self.flags.setVisible(False)
            return
        try:
            kw: dict[str, Any] = {}
            if self.shows("placement"):
                kw["placement"] = self.placement()
            if self.shows("consent"):
                kw["consent"] = svc.Consent(self.consent_name.text(), "",
                                            self.consent_relation.code())
            if self.shows("documents"):
                kw["documents"] = self.documents()
            if self.shows("details"):
                kw["details"] = self.details()
            if "departure" in self.spec.flag_facts:
                kw["departure"] = self.when.value()
            if "verified" in self.spec.flag_facts:
                kw["verified"] = True
        except ValueError:
            return
        with self.ctx.db.session() as s:
            found = svc.preview_flags(
                s, self.resident_id, step,
                episode_id=self.episode.id if self.episode is not None else None, **kw)
        self.flag_texts = [
            f"{flag_text(f.code, f.params, self.ctx.language)} "
            f"({label(FLAG_SEVERITY, str(f.severity))})" for f in found]
        if found:
            self.flags.setText(self.tr("Red flags (recorded with the episode):") + "\n" +
                               "\n".join("⚠ " + t for t in self.flag_texts))
        self.flags.setVisible(bool(found))

    # -- saving --------------------------------------------------------------------------
    def _run(self, session: Any, accept: bool) -> None:
        ep_id = self.episode.id if self.episode is not None else None
        self.spec.save(self, session, ep_id, accept)

    def save(self) -> bool:
        self.issues.clear()
        if not permissions.require(self, self.ctx, self.spec.permission):
            return False
        accept = False
        self.accept_reason = ""
        while True:
            try:
                with self.ctx.write() as s:
                    self._run(s, accept)
                break
            except ValueError as exc:
                self.issues.add(self._value_error(str(exc)), error=True)
                return False
            except NeedsConfirmation as exc:
                if accept:
                    return False
                if any(i.code.startswith("flag.") for i in exc.issues):
                    self.update_flags()  # the same rules on the same form, in words
                    texts = getattr(self, "flag_texts", None) or [self._text(i)
                                                                  for i in exc.issues]
                    reason = FlagConfirmDialog.ask(texts, self)
                    if reason is None:  # "Kembali": back to the form, nothing saved
                        return False
                    self.accept_reason = reason
                else:
                    texts = [self._text(i) for i in exc.issues]
                    if not common.confirm_warnings(self, texts):
                        return False
                accept = True
            except ValidationFailed as exc:
                for issue in exc.issues:
                    self.issues.add(self._text(issue), error=issue.is_error)
                return False
        self.saved = True
        self.accept()
        return True

    def _value_error(self, name: str) -> str:
        if name == "when_required":
            return self.tr("Fill in the date.")
        return self.tr("Write the date as dd/mm/yyyy, for example 17/08/2024.")

    def _text(self, issue: Issue) -> str:
        return self.ctx.message(issue.code, **issue.params)

    @classmethod
    def ask(cls, ctx: AppContext, mode: str, resident_id: str, episode: Any = None,
            parent: QWidget | None = None) -> bool:
        """Show the form; True if something was saved."""
        dialog = cls(ctx, mode, resident_id, episode, parent)
        dialog.exec()
        return dialog.saved


class MigrationPanel(Retranslating, QWidget):
    """The Migrasi tab: timeline of episodes, lifecycle actions, contact log."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resident_id: str | None = None
        self.episodes: list[Any] = []
        self.flags: dict[str, list[Any]] = {}
        self.timeline_label = QLabel()
        self.timeline = QTableWidget(0, 8)
        self.timeline.setObjectName("timeline")
        self.detail = QLabel()
        self.detail.setObjectName("episode_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contacts_label = QLabel()
        self.contacts = QTableWidget(0, 4)
        self.contacts.setObjectName("contacts")
        setup_table(self.timeline, headers=lambda: [
            self.tr("State"), self.tr("Country"), self.tr("Job"), self.tr("Procedure"),
            self.tr("Registered"), self.tr("Departed"), self.tr("Expected return"),
            self.tr("Returned / ended")])
        setup_table(self.contacts, headers=lambda: [
            self.tr("Date"), self.tr("Through"), self.tr("Condition"), self.tr("News")])
        self.timeline.itemSelectionChanged.connect(self._selection_changed)
        self.actions: dict[str, QPushButton] = {}
        buttons = QGridLayout()
        for n, mode in enumerate(m for m in MODES if m != PLACEMENT):  # the table's order
            button = QPushButton()
            button.setObjectName(f"action_{mode}")
            button.clicked.connect(lambda _=False, m=mode: self.run_action(m))
            self.actions[mode] = button
            buttons.addWidget(button, n // 3, n % 3)  # fits 1366 px in a longer language
        layout = QVBoxLayout(self)
        layout.addWidget(self.timeline_label)
        layout.addWidget(self.timeline, 3)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.lapor_diri = QCheckBox()
        self.lapor_diri.setObjectName("lapor_diri")
        self.lapor_diri.clicked.connect(self.set_lapor_diri)
        self.placement_button = QPushButton()
        self.placement_button.setObjectName("action_placement")
        self.placement_button.clicked.connect(lambda _=False: self.run_action(PLACEMENT))
        self.actions[PLACEMENT] = self.placement_button
        abroad = QHBoxLayout()
        abroad.addWidget(self.lapor_diri)
        abroad.addWidget(self.placement_button)
        abroad.addStretch(1)
        self.abroad_issues = IssueBox()
        self.abroad_issues.setObjectName("abroad_issues")
        layout.addLayout(abroad)
        layout.addWidget(self.abroad_issues)
        layout.addWidget(self.contacts_label)
        layout.addWidget(self.contacts, 2)
        self.retranslate()

    def retranslate(self) -> None:
        for mode, spec in MODES.items():
            self.actions[mode].setText(translate("MigrationPanel", spec.action))
        self.lapor_diri.setText(self.tr("Self-report done (lapor diri, Peduli WNI)"))
        self.timeline_label.setText(self.tr("Migration episodes (oldest first)"))
        self.contacts_label.setText(self.tr("News from abroad (newest first)"))
        if self.resident_id:
            self.load(self.resident_id)

    def load(self, resident_id: str) -> None:
        self.resident_id = resident_id
        with self.ctx.db.session() as s:
            self.episodes, contacts = resident_timeline(s, resident_id)

        with self.ctx.db.session() as s:
            self.flags = flags_for_episodes(s, [e.id for e in self.episodes])
        self.timeline.setRowCount(len(self.episodes))
        for r, ep in enumerate(self.episodes):
            end = ep.returned_on or ep.ended_on
            values = [label(EPISODE_STATE, ep.state),
                      self.ctx.ref_label("countries", ep.destination_country)
                      if ep.destination_country else "",
                      ep.job, label(PROCEDURE, ep.procedure), fmt_date(ep.registered_on),
                      fmt_date(ep.departed_on), fmt_date(ep.expected_return), fmt_date(end)]
            for c, value in enumerate(values):
                self.timeline.setItem(r, c, QTableWidgetItem(value))
        self.timeline.resizeColumnsToContents()
        self.contacts.setRowCount(len(contacts))
        for r, c in enumerate(contacts):
            for col, value in enumerate((fmt_date(c.contacted_on), c.channel, c.condition,
                                         c.news)):
                self.contacts.setItem(r, col, QTableWidgetItem(value))
        if self.episodes:
            self.timeline.selectRow(len(self.episodes) - 1)
        self._selection_changed()

    def open_episode(self) -> Any:
        for ep in self.episodes:
            if ep.state in OPEN_STATES:
                return ep
        return None

    def _selection_changed(self) -> None:
        open_ep = self.open_episode()
        state = open_ep.state if open_ep is not None else None
        for mode, spec in MODES.items():
            self.actions[mode].setEnabled(self._allowed(spec, open_ep))
        self.lapor_diri.setEnabled(state == "berangkat")
        self.lapor_diri.setChecked(state == "berangkat" and bool(open_ep.lapor_diri))
        row = self.timeline.currentRow()
        ep = self.episodes[row] if 0 <= row < len(self.episodes) else None
        self.detail.setText(self._describe(ep) if ep is not None else
                            self.tr("No migration recorded for this person."))

    def _allowed(self, spec: ModeSpec, open_ep: Any) -> bool:
        """Whether the action of ``spec`` can run on this person now."""
        if spec.target == "new":
            return open_ep is None
        if spec.target == "selected":
            return bool(self.episodes)
        if spec.target == "returned":
            return self._selected_returned() is not None
        state = open_ep.state if open_ep is not None else None
        return spec.enabled_in is None or state in spec.enabled_in

    def _target(self, spec: ModeSpec) -> Any:
        """The episode the action of ``spec`` works on (None for a new one)."""
        if spec.target == "new":
            return None
        if spec.target == "selected":  # the selected episode (open or closed)
            row = self.timeline.currentRow()
            return self.episodes[row] if 0 <= row < len(self.episodes) else None
        if spec.target == "returned":  # the selected episode, when it ended with a return
            return self._selected_returned()
        return self.open_episode()

    def _selected_returned(self) -> Any:
        """The selected episode when it ended with a return (``pulang``), else None."""
        row = self.timeline.currentRow()
        ep = self.episodes[row] if 0 <= row < len(self.episodes) else None
        return ep if ep is not None and ep.state == "pulang" else None

    def _describe(self, ep: Any) -> str:
        docs = ", ".join(self.ctx.ref_label("documents", c) for c in ep.document_codes)
        parts = [
            self.tr("State: {state}.").format(state=label(EPISODE_STATE, ep.state)),
            self.tr("Employer: {v}.").format(v=ep.employer) if ep.employer else "",
            self.tr("P3MI: {v}.").format(v=ep.p3mi) if ep.p3mi else "",
            self.tr("Scheme: {v}.").format(v=self.ctx.ref_label("schemes", ep.scheme))
            if ep.scheme else "",
            self.tr("Family consent: {name} ({relation}).").format(
                name=ep.consent_name, relation=self.ctx.ref_label("relations",
                                                                  ep.consent_relation))
            if ep.consent_name else self.tr("No family consent recorded."),
            self.tr("Documents: {docs}.").format(docs=docs) if docs else
            self.tr("No documents ticked."),
            self.tr("Return reason: {v}.").format(
                v=self.ctx.ref_label("return_reasons", ep.return_reason))
            if ep.return_reason else "",
            self.tr("Reason: {v}.").format(v=ep.end_reason) if ep.end_reason else "",
            self.tr("Skills: {v}.").format(v=ep.returnee_skills)
            if ep.state == "pulang" and ep.returnee_skills else "",
            self.tr("Business: {v}.").format(v=ep.returnee_business)
            if ep.state == "pulang" and ep.returnee_business else "",
            self.tr("Remittances: {v}.").format(v=ep.remittance_use)
            if ep.state == "pulang" and ep.remittance_use else "",
            self.tr("Plan to leave again: {v}.").format(
                v=self.ctx.ref_label("return_plans", ep.plans_to_leave))
            if ep.state == "pulang" and ep.plans_to_leave else "",
        ]
        text = " ".join(p for p in parts if p)
        flags = self.flags.get(ep.id, [])
        if flags:
            lines = []
            for f in flags:
                line = "⚠ " + (f.text_en if self.ctx.language == "en" else f.text_id)
                line += " (" + label(FLAG_SEVERITY, f.severity) + ")"
                if f.accepted:
                    line += " " + self.tr("Accepted by {who}: {why}").format(
                        who=f.accepted_by, why=f.accepted_reason)
                lines.append(line)
            text += "\n" + self.tr("Red flags:") + "\n" + "\n".join(lines)
        return text

    def set_lapor_diri(self, done: bool) -> bool:
        """Tick or untick "lapor diri" of the open episode abroad; True when saved."""
        self.abroad_issues.clear()
        episode = self.open_episode()
        if self.resident_id is None or episode is None or episode.state != "berangkat":
            return False
        try:
            with self.ctx.write() as s:
                svc.set_lapor_diri(s, episode.id, bool(done))
        except AppError as exc:
            self.abroad_issues.add(self.ctx.message(exc.code, **exc.params), error=True)
            self.load(self.resident_id)
            return False
        self.load(self.resident_id)
        self.changed.emit()
        return True

    def run_action(self, mode: str) -> bool:
        if self.resident_id is None:
            return False
        spec = MODES[mode]
        episode = self._target(spec)
        if spec.needs_episode and episode is None:
            return False
        saved = EpisodeDialog.ask(self.ctx, mode, self.resident_id, episode, self)
        if saved:
            self.load(self.resident_id)
            self.changed.emit()
        return saved
