"""The migration lifecycle of one resident: timeline, actions, and the contact log.

:class:`MigrationPanel` (the **Migrasi** tab of the resident record) lists every episode,
oldest first, and offers only the actions the current state allows: register as CPMI (with
document checklist and family consent), verify, record departure (red flags explained and
confirmed, never blocking), record return with its reason, cancelled or failed departure; and,
for a trip the village learns of afterwards, a departure or a return recorded late. A person
can leave again once the last episode is closed. :class:`EpisodeDialog` is the form of each
action; it calls the service in :mod:`app.core.services.episodes`.

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

from PySide6.QtCore import Qt, QTimer, Signal
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

from app.core.errors import Issue, NeedsConfirmation, ValidationFailed
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.labels import EPISODE_STATE, FLAG_SEVERITY, PROCEDURE, fmt_date, label
from app.ui.widgets.fields import WARNING_STYLE, CodeCombo, DateField, IssueBox
from app.ui.widgets.fit import keep_choice_whole
from app.ui.widgets.tables import setup_table

REGISTER = "register"
VERIFY = "verify"
DEPART = "depart"
LATE_DEPART = "late_depart"
RETURN = "return"
PAST_RETURN = "past_return"
END = "end"
DOCUMENTS = "documents"
CONTACT = "contact"
PLACEMENT = "placement"
PREVENT = "prevent"  # dicegah / tidak direkomendasikan desa
PROCESS = "process"  # dalam proses (P3MI, training centre, shelter)
LEAVE = "leave"  # home leave (cuti) starts
LEAVE_END = "leave_end"  # back to work after home leave
DETAILS = "details"  # the clerk fields: visa, PK, heir, BPJS, lapor diri
RETURNEE = "returnee"  # returnee profile for empowerment (Pasal 42 e), a returned episode
RETURNEE_FIELDS = ("returnee_skills", "returnee_business", "remittance_use")

OPEN_STATES = ("terdaftar", "terverifikasi", "dalam_proses", "berangkat", "cuti")
BEFORE_DEPARTURE = ("terdaftar", "terverifikasi", "dalam_proses")
PLACEMENT_MODES = (REGISTER, DEPART, LATE_DEPART, PAST_RETURN, PLACEMENT)
FLAG_STEP = {REGISTER: "daftar", VERIFY: "verifikasi", PROCESS: "verifikasi",
             DEPART: "berangkat", LATE_DEPART: "berangkat", PLACEMENT: "berangkat",
             DOCUMENTS: "daftar", DETAILS: "berangkat", PREVENT: "daftar"}
"""Modes that show the red flags live, and the step the rules are evaluated at."""
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
    """One lifecycle action. ``episode`` is the episode acted on (None for a new one)."""

    def __init__(self, ctx: AppContext, mode: str, resident_id: str,
                 episode: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mode = mode
        self.resident_id = resident_id
        self.episode = episode
        self.setObjectName(f"EpisodeDialog_{mode}")
        self.saved = False
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
        if mode not in (DOCUMENTS, PLACEMENT, DETAILS, RETURNEE):
            form.addRow(self.when_label, self.when)
        self.fields: dict[str, Any] = {}
        if mode in PLACEMENT_MODES:
            layout.addWidget(self._placement_box())
        if mode in (RETURN, PAST_RETURN):
            self.fields["return_reason"] = CodeCombo("return_reasons", ctx.language)
            self.fields["return_reason"].setObjectName("return_reason")
            self.reason_label = QLabel()
            self.reason_label.setBuddy(self.fields["return_reason"])
            form.addRow(self.reason_label, self.fields["return_reason"])
        if mode == RETURN:  # death abroad: repatriation of the remains and the BPJS claim
            self.repatriation = CodeCombo("repatriation_status", ctx.language)
            self.repatriation.setObjectName("repatriation_status")
            self.death_claim = CodeCombo("death_claim_status", ctx.language)
            self.death_claim.setObjectName("death_claim_status")
            self.repatriation_label, self.death_claim_label = QLabel(), QLabel()
            self.repatriation_label.setBuddy(self.repatriation)
            self.death_claim_label.setBuddy(self.death_claim)
            form.addRow(self.repatriation_label, self.repatriation)
            form.addRow(self.death_claim_label, self.death_claim)
            self.fields["return_reason"].currentIndexChanged.connect(
                lambda _i: self._death_visible())
        if mode == PROCESS:
            self.process_place = CodeCombo("process_places", ctx.language)
            self.process_place.setObjectName("process_place")
            self.process_label = QLabel()
            self.process_label.setBuddy(self.process_place)
            form.addRow(self.process_label, self.process_place)
        if mode == LEAVE:
            self.leave_until = DateField()
            self.leave_until.setObjectName("leave_until")
            self.leave_until_label = QLabel()
            self.leave_until_label.setBuddy(self.leave_until)
            form.addRow(self.leave_until_label, self.leave_until)
        if mode == DETAILS:
            layout.addWidget(self._details_box())
        if mode == RETURNEE:
            layout.addWidget(self._returnee_box())
        if mode in (LATE_DEPART, PAST_RETURN):
            self.departed = DateField()
            self.departed.setObjectName("departed_on")
            if mode == PAST_RETURN:
                self.departed_label = QLabel()
                form.addRow(self.departed_label, self.departed)
        if mode in (REGISTER,):
            layout.addWidget(self._consent_box())
        if mode in (REGISTER, DOCUMENTS):
            layout.addWidget(self._documents_box())
        if mode == END:
            self.cancelled = QRadioButton()
            self.cancelled.setObjectName("cancelled")
            self.failed = QRadioButton()
            self.failed.setObjectName("failed")
            self.cancelled.setChecked(True)
            row = QHBoxLayout()
            row.addWidget(self.cancelled)
            row.addWidget(self.failed)
            form.addRow(row)
        if mode == CONTACT:
            self.channel = QComboBox()
            self.channel.setEditable(True)
            self.channel.setObjectName("channel")
            self.condition = QComboBox()
            self.condition.setEditable(True)
            self.condition.setObjectName("condition")
            self.channel_label, self.condition_label = QLabel(), QLabel()
            form.addRow(self.channel_label, self.channel)
            form.addRow(self.condition_label, self.condition)
        if mode in (END, CONTACT, RETURN, PAST_RETURN, LATE_DEPART, PREVENT):
            self.notes = QPlainTextEdit()
            self.notes.setObjectName("notes")
            self.notes.setFixedHeight(70)
            self.notes.setTabChangesFocus(True)
            self.notes_label = QLabel()
            form.addRow(self.notes_label, self.notes)
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
        if mode in FLAG_STEP:
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
        if self.mode != RETURN:
            return
        dead = self.fields["return_reason"].code() == "meninggal"
        for w in (self.repatriation, self.death_claim, self.repatriation_label,
                  self.death_claim_label):
            w.setVisible(dead)

    # -- building ------------------------------------------------------------------------
    def _placement_box(self) -> QGroupBox:
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
        return self.placement_box

    def _details_box(self) -> QGroupBox:
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
        return self.details_box

    def _returnee_box(self) -> QGroupBox:
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
        return self.returnee_box

    def returnee_profile(self):  # noqa: ANN201 - app.core.services.episodes.ReturneeProfile
        from app.core.services.episodes import ReturneeProfile

        f = self.returnee_fields
        return ReturneeProfile(
            returnee_skills=f["returnee_skills"].toPlainText(),
            returnee_business=f["returnee_business"].toPlainText(),
            remittance_use=f["remittance_use"].toPlainText(),
            plans_to_leave=f["plans_to_leave"].code())

    def details(self):  # noqa: ANN201 - app.core.services.episodes.TripDetails
        from app.core.services.episodes import TripDetails

        values: dict[str, Any] = {}
        for key, widget in self.detail_fields.items():
            if isinstance(widget, CodeCombo):
                values[key] = widget.code()
            elif isinstance(widget, DateField):
                values[key] = self._date(widget, key)
            else:
                values[key] = widget.text().strip()
        return TripDetails(**values)

    def _consent_box(self) -> QGroupBox:
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
        return self.consent_box

    def _documents_box(self) -> QGroupBox:
        from app.core.reference import ref_list

        self.documents_box = QGroupBox()
        grid = QGridLayout(self.documents_box)
        self.doc_checks: dict[str, QCheckBox] = {}
        items = [i for i in ref_list("documents") if not i.retired]
        for n, item in enumerate(items):
            box = QCheckBox(item.label(self.ctx.language))
            box.setObjectName(f"doc_{item.code}")
            self.doc_checks[item.code] = box
            grid.addWidget(box, n // 3, n % 3)
        return self.documents_box

    # -- texts ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        titles = {
            REGISTER: (self.tr("Register as prospective migrant worker (CPMI)"),
                       self.tr("Registration date")),
            VERIFY: (self.tr("Verify the CPMI"), self.tr("Verification date")),
            DEPART: (self.tr("Record departure"), self.tr("Departure date")),
            LATE_DEPART: (self.tr("Record a departure learned of later"),
                          self.tr("Departure date (if known)")),
            RETURN: (self.tr("Record return"), self.tr("Return date")),
            PAST_RETURN: (self.tr("Record a past trip (already returned)"),
                          self.tr("Return date (if known)")),
            END: (self.tr("Cancelled or failed departure"), self.tr("Date")),
            DOCUMENTS: (self.tr("Document checklist"), ""),
            CONTACT: (self.tr("News from abroad"), self.tr("Date of the news")),
            PLACEMENT: (self.tr("Change the placement"), ""),
            PREVENT: (self.tr("Departure prevented / not recommended by the village"),
                      self.tr("Date of the decision")),
            PROCESS: (self.tr("In process (P3MI, training centre, shelter)"),
                      self.tr("In process since")),
            LEAVE: (self.tr("Home leave (cuti)"), self.tr("Leave starts")),
            LEAVE_END: (self.tr("Back to work after home leave"), self.tr("Back abroad on")),
            DETAILS: (self.tr("Trip details for P4MI and the embassy"), ""),
            RETURNEE: (self.tr("Returnee profile (empowerment)"), ""),
        }
        intros = {
            REGISTER: self.tr("Tick the documents already seen by the village. The family "
                              "consent (izin keluarga) is required by UU 18/2017."),
            DEPART: self.tr("Red flags below are kept with the episode. With red flags, "
                            "saving asks for a reason; the village can also record the "
                            "departure as prevented instead."),
            LATE_DEPART: self.tr("For a resident who left without registering at the "
                                 "village. Mark 'Suspected non-procedural' if the departure "
                                 "did not go through the legal process."),
            PAST_RETURN: self.tr("For a returnee whose trip was never recorded."),
            END: self.tr("Cancelled: the CPMI withdrew. Failed: the departure could not "
                         "happen (e.g. failed medical check, P3MI problem)."),
            CONTACT: self.tr("The last news from or about the worker abroad (for the "
                             "'no news for N months' list)."),
            PLACEMENT: self.tr("Correct or complete where and how the worker is placed "
                               "(e.g. a new employer or an extended contract)."),
            PREVENT: self.tr("The village stopped this departure or does not recommend it "
                             "(its own outcome, not a cancellation). Write the reason; the "
                             "red flags behind it stay with the episode."),
            LEAVE: self.tr("The worker is home on leave; the placement goes on and the person "
                           "stays a PMI."),
            DETAILS: self.tr("The facts P4MI and embassy clerks ask for. Expected return "
                             "follows the contract end unless you change it."),
            RETURNEE: self.tr("What the returned worker brings home, for the village's "
                              "empowerment programmes (UU 18/2017 Pasal 42 e)."),
        }
        title, when = titles[self.mode]
        self.setWindowTitle(title)
        self.intro.setText(intros.get(self.mode, ""))
        self.intro.setVisible(bool(intros.get(self.mode)))
        self.when_label.setText(when)
        if hasattr(self, "placement_box"):
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
        if hasattr(self, "consent_box"):
            self.consent_box.setTitle(self.tr("Family consent"))
            for lab, text in zip(self.consent_labels, (self.tr("Name of the family member"),
                                                       self.tr("Their NIK"),
                                                       self.tr("Relation")), strict=True):
                lab.setText(text)
        if hasattr(self, "documents_box"):
            self.documents_box.setTitle(self.tr("Documents seen"))
        if hasattr(self, "reason_label"):
            self.reason_label.setText(self.tr("Reason for return"))
        if self.mode == RETURN:
            self.repatriation_label.setText(self.tr("Repatriation of the remains"))
            self.death_claim_label.setText(self.tr("BPJS death benefit claim"))
        if self.mode == PROCESS:
            self.process_label.setText(self.tr("Where"))
        if self.mode == LEAVE:
            self.leave_until_label.setText(self.tr("Leave ends (planned)"))
        if hasattr(self, "details_box"):
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
        if hasattr(self, "returnee_box"):
            self.returnee_box.setTitle(self.tr("After the return"))
            names = {"returnee_skills": self.tr("S&kills learned abroad"),
                     "returnee_business": self.tr("&Business or work now"),
                     "remittance_use": self.tr("&Use of remittances"),
                     "plans_to_leave": self.tr("&Plan to leave again")}
            for key, text in names.items():
                self.returnee_labels[key].setText(text)
        if hasattr(self, "departed_label"):
            self.departed_label.setText(self.tr("Departure date (if known)"))
        if self.mode == END:
            self.cancelled.setText(self.tr("Cancelled by the CPMI"))
            self.failed.setText(self.tr("Failed to depart"))
        if self.mode == CONTACT:
            self.channel_label.setText(self.tr("Through"))
            self.condition_label.setText(self.tr("Condition"))
            self.channel.clear()
            self.channel.addItems(["WhatsApp", self.tr("Phone call"), self.tr("Family"),
                                   self.tr("Letter or message"), self.tr("Other")])
            self.condition.clear()
            self.condition.addItems([self.tr("Well"), self.tr("Sick"),
                                     self.tr("Has a problem"), self.tr("Not known")])
        if hasattr(self, "notes_label"):
            self.notes_label.setText(self.tr("Notes") if self.mode != CONTACT
                                     else self.tr("News"))
        self.ok.setText(self.tr("&Save"))
        self.cancel_button.setText(self.tr("Cancel"))

    def _prefill(self) -> None:
        ep = self.episode
        if self.mode == LATE_DEPART:
            proc = self.fields["procedure"]
            proc.setCurrentIndex(proc.findData("diduga_nonprosedural"))
            self.when.setText("")
        if self.mode == PAST_RETURN:
            self.when.setText("")
        if ep is None:
            return
        if self.mode == RETURNEE:
            for key in RETURNEE_FIELDS:
                self.returnee_fields[key].setPlainText(getattr(ep, key) or "")
            self.returnee_fields["plans_to_leave"].set_code(ep.plans_to_leave)
        if self.mode in PLACEMENT_MODES:
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
        if hasattr(self, "doc_checks"):
            for code in ep.document_codes:
                if code in self.doc_checks:
                    self.doc_checks[code].setChecked(True)
        if hasattr(self, "detail_fields"):
            for key, widget in self.detail_fields.items():
                value = getattr(ep, key, None)
                if isinstance(widget, CodeCombo):
                    widget.set_code(value)
                elif isinstance(widget, DateField):
                    widget.set_value(value)
                else:
                    widget.setText(value or "")

    # -- values --------------------------------------------------------------------------
    def placement(self):  # noqa: ANN201 - app.core.services.episodes.Placement
        from app.core.services.episodes import Placement

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
        return Placement(**values)

    def _date(self, field: DateField, name: str) -> date | None:
        try:
            return field.value()
        except ValueError:
            raise ValueError(name) from None

    def update_flags(self) -> None:
        """Show, live, the red flags the rules raise on what the form holds now."""
        step = FLAG_STEP.get(self.mode)
        if step is None or (self.episode is None and self.mode not in (REGISTER, LATE_DEPART)):
            self.flags.setVisible(False)
            return
        from app.core.rules.flags import flag_text
        from app.core.services import episodes as svc

        try:
            kw: dict[str, Any] = {}
            if self.mode in PLACEMENT_MODES:
                kw["placement"] = self.placement()
            if hasattr(self, "consent_name"):
                kw["consent"] = svc.Consent(self.consent_name.text(), "",
                                            self.consent_relation.code())
            if hasattr(self, "doc_checks"):
                kw["documents"] = [c for c, b in self.doc_checks.items() if b.isChecked()]
            if hasattr(self, "detail_fields"):
                kw["details"] = self.details()
            if self.mode in (DEPART, LATE_DEPART, REGISTER):
                kw["departure"] = self.when.value()
            if self.mode in (VERIFY, PROCESS):
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
        from app.core.services import episodes as svc

        ep_id = self.episode.id if self.episode is not None else None
        m = self.mode
        if m == REGISTER:
            reg = svc.Registration(
                registered_on=self._date(self.when, "registered_on"),
                placement=self.placement(),
                consent=svc.Consent(self.consent_name.text(), self.consent_nik.text(),
                                    self.consent_relation.code()),
                documents=[c for c, b in self.doc_checks.items() if b.isChecked()])
            svc.register_cpmi(session, self.resident_id, reg, accept_warnings=accept)
        elif m == VERIFY:
            svc.verify(session, ep_id, self._required_date())
        elif m == DEPART:
            svc.record_departure(session, ep_id, self._required_date(), self.placement(),
                                 accept_warnings=accept, accept_reason=self.accept_reason)
        elif m == PREVENT:
            svc.prevent_departure(session, ep_id, self._required_date(),
                                  self.notes.toPlainText())
        elif m == PROCESS:
            svc.start_process(session, ep_id, self._required_date(),
                              self.process_place.code())
        elif m == LEAVE:
            svc.start_leave(session, ep_id, self._required_date(),
                            self._date(self.leave_until, "leave_until"))
        elif m == LEAVE_END:
            svc.end_leave(session, ep_id, self._required_date())
        elif m == DETAILS:
            svc.update_details(session, ep_id, self.details())
        elif m == RETURNEE:
            svc.update_returnee_profile(session, ep_id, self.returnee_profile())
        elif m == LATE_DEPART:
            svc.record_late_departure(session, self.resident_id,
                                      self._date(self.when, "departed_on"), self.placement(),
                                      notes=self.notes.toPlainText(), accept_warnings=accept)
        elif m == RETURN:
            reason = self.fields["return_reason"].code()
            death = svc.Death(self.repatriation.code(), self.death_claim.code()) \
                if reason == "meninggal" else None
            svc.record_return(session, ep_id, self._required_date(), reason,
                              notes=self.notes.toPlainText(), death=death)
        elif m == PAST_RETURN:
            svc.record_past_return(session, self.resident_id,
                                   self._date(self.when, "returned_on"),
                                   self.fields["return_reason"].code(), self.placement(),
                                   departed_on=self._date(self.departed, "departed_on"),
                                   notes=self.notes.toPlainText())
        elif m == END:
            svc.end_before_departure(session, ep_id, self._required_date(),
                                     self.notes.toPlainText(), failed=self.failed.isChecked())
        elif m == DOCUMENTS:
            svc.update_documents(session, ep_id,
                                 [c for c, b in self.doc_checks.items() if b.isChecked()])
        elif m == PLACEMENT:
            svc.update_placement(session, ep_id, self.placement())
        elif m == CONTACT:
            svc.add_contact(session, self.resident_id, self._required_date(),
                            self.notes.toPlainText(), channel=self.channel.currentText(),
                            condition=self.condition.currentText(),
                            episode_id=ep_id)

    def _required_date(self) -> date:
        value = self._date(self.when, "when")
        if value is None:
            raise ValueError("when_required")
        return value

    def save(self) -> bool:
        from app.ui.dialogs import common

        self.issues.clear()
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
        for n, mode in enumerate((REGISTER, VERIFY, PROCESS, DEPART, PREVENT, END, DOCUMENTS,
                                  RETURN, LEAVE, LEAVE_END, LATE_DEPART, PAST_RETURN,
                                  CONTACT, DETAILS, RETURNEE)):
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
        texts = {REGISTER: self.tr("Register as CPMI..."), VERIFY: self.tr("Verify..."),
                 DEPART: self.tr("Record departure..."), RETURN: self.tr("Record return..."),
                 END: self.tr("Cancelled / failed..."), DOCUMENTS: self.tr("Documents..."),
                 LATE_DEPART: self.tr("Departure learned later..."),
                 PAST_RETURN: self.tr("Past trip (returned)..."),
                 CONTACT: self.tr("Add news from abroad..."),
                 PLACEMENT: self.tr("Change placement..."),
                 PREVENT: self.tr("Prevented (dicegah)..."),
                 PROCESS: self.tr("In process..."), LEAVE: self.tr("Home leave..."),
                 LEAVE_END: self.tr("Back from leave..."),
                 DETAILS: self.tr("Trip details..."),
                 RETURNEE: self.tr("Returnee profile...")}
        for mode, text in texts.items():
            self.actions[mode].setText(text)
        self.lapor_diri.setText(self.tr("Self-report done (lapor diri, Peduli WNI)"))
        self.timeline_label.setText(self.tr("Migration episodes (oldest first)"))
        self.contacts_label.setText(self.tr("News from abroad (newest first)"))
        if self.resident_id:
            self.load(self.resident_id)

    def load(self, resident_id: str) -> None:
        from app.core.repo.episodes import flags_for_episodes, resident_timeline

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
        allowed = {
            REGISTER: open_ep is None, LATE_DEPART: open_ep is None,
            PAST_RETURN: open_ep is None, VERIFY: state == "terdaftar",
            DEPART: state in BEFORE_DEPARTURE,
            END: state in BEFORE_DEPARTURE,
            DOCUMENTS: state in BEFORE_DEPARTURE,
            RETURN: state in ("berangkat", "cuti"), CONTACT: True,
            PLACEMENT: state == "berangkat",
            PREVENT: state in BEFORE_DEPARTURE,
            PROCESS: state in ("terdaftar", "terverifikasi"),
            LEAVE: state == "berangkat", LEAVE_END: state == "cuti",
            DETAILS: bool(self.episodes),
            RETURNEE: self._selected_returned() is not None,
        }
        for mode, ok in allowed.items():
            self.actions[mode].setEnabled(ok)
        self.lapor_diri.setEnabled(state == "berangkat")
        self.lapor_diri.setChecked(state == "berangkat" and bool(open_ep.lapor_diri))
        row = self.timeline.currentRow()
        ep = self.episodes[row] if 0 <= row < len(self.episodes) else None
        self.detail.setText(self._describe(ep) if ep is not None else
                            self.tr("No migration recorded for this person."))

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
        from app.core.errors import AppError
        from app.core.services.episodes import set_lapor_diri

        self.abroad_issues.clear()
        episode = self.open_episode()
        if self.resident_id is None or episode is None or episode.state != "berangkat":
            return False
        try:
            with self.ctx.write() as s:
                set_lapor_diri(s, episode.id, bool(done))
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
        episode = None if mode in (REGISTER, LATE_DEPART, PAST_RETURN) else self.open_episode()
        if mode == DETAILS:  # details of the selected episode (open or closed)
            row = self.timeline.currentRow()
            episode = self.episodes[row] if 0 <= row < len(self.episodes) else None
        if mode == RETURNEE:  # the selected episode, when it ended with a return
            episode = self._selected_returned()
        if mode not in (REGISTER, LATE_DEPART, PAST_RETURN, CONTACT) and episode is None:
            return False
        saved = EpisodeDialog.ask(self.ctx, mode, self.resident_id, episode, self)
        if saved:
            self.load(self.resident_id)
            self.changed.emit()
        return saved
