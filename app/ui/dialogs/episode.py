"""The migration lifecycle of one resident: timeline, actions, and the contact log.

:class:`MigrationPanel` (the **Migrasi** tab of the resident record) lists every episode,
oldest first, and offers only the actions the current state allows: register as CPMI (with
document checklist and family consent), verify, record departure (red flags explained and
confirmed, never blocking), record return with its reason, cancelled or failed departure; and,
for a trip the village learns of afterwards, a departure or a return recorded late. A person
can leave again once the last episode is closed. :class:`EpisodeDialog` is the form of each
action; it calls the service in :mod:`app.core.services.episodes`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
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
from app.ui.labels import EPISODE_STATE, PROCEDURE, fmt_date, label
from app.ui.widgets.fields import WARNING_STYLE, CodeCombo, DateField, IssueBox

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

OPEN_STATES = ("terdaftar", "terverifikasi", "berangkat")
PLACEMENT_MODES = (REGISTER, DEPART, LATE_DEPART, PAST_RETURN, PLACEMENT)


class EpisodeDialog(QDialog):
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
        if mode not in (DOCUMENTS, PLACEMENT):
            form.addRow(self.when_label, self.when)
        self.fields: dict[str, Any] = {}
        if mode in PLACEMENT_MODES:
            layout.addWidget(self._placement_box())
        if mode in (RETURN, PAST_RETURN):
            self.fields["return_reason"] = CodeCombo("return_reasons", ctx.language)
            self.reason_label = QLabel()
            form.addRow(self.reason_label, self.fields["return_reason"])
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
        if mode in (END, CONTACT, RETURN, PAST_RETURN, LATE_DEPART):
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
        self.issues = IssueBox()
        self.issues.setObjectName("episode_issues")
        layout.addWidget(self.flags)
        layout.addWidget(self.issues)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("episode_save")
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self._flag_timer = QTimer(self)
        self._flag_timer.setSingleShot(True)
        self._flag_timer.setInterval(250)
        self._flag_timer.timeout.connect(self.update_flags)
        if mode == DEPART:
            for w in (self.when, *self.fields.values()):
                sig = getattr(w, "currentIndexChanged", None) or w.textChanged
                sig.connect(lambda *_a: self._flag_timer.start())
        self.retranslate()
        self._prefill()
        self.update_flags()

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
        f["procedure"] = proc
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
        }
        intros = {
            REGISTER: self.tr("Tick the documents already seen by the village. The family "
                              "consent (izin keluarga) is required by UU 18/2017."),
            DEPART: self.tr("Warnings below never block saving; they are recorded so the "
                            "village can follow up."),
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

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
        """Before a departure: show the red flags the service will ask to confirm."""
        if self.mode != DEPART or self.episode is None:
            self.flags.setVisible(False)
            return
        from app.core.models import Resident
        from app.core.services.episodes import departure_flags

        try:
            placement = self.placement()
            when = self.when.value()
        except ValueError:
            return
        with self.ctx.db.session() as s:
            resident = s.get(Resident, self.resident_id)
            flags = departure_flags(s, resident, placement, when, self.episode.consent_name,
                                    self.episode.state == "terverifikasi")
        if flags:
            self.flags.setText(self.tr("Red flags to check before departure:") + "\n" +
                               "\n".join("⚠ " + self.ctx.message(i.code, **i.params)
                                         for i in flags))
        self.flags.setVisible(bool(flags))

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
                                 accept_warnings=accept)
        elif m == LATE_DEPART:
            svc.record_late_departure(session, self.resident_id,
                                      self._date(self.when, "departed_on"), self.placement(),
                                      notes=self.notes.toPlainText(), accept_warnings=accept)
        elif m == RETURN:
            svc.record_return(session, ep_id, self._required_date(),
                              self.fields["return_reason"].code(),
                              notes=self.notes.toPlainText())
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
        while True:
            try:
                with self.ctx.write() as s:
                    self._run(s, accept)
                break
            except ValueError as exc:
                self.issues.add(self._value_error(str(exc)), error=True)
                return False
            except NeedsConfirmation as exc:
                texts = [self._text(i) for i in exc.issues]
                if accept or not common.confirm_warnings(self, texts):
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


class MigrationPanel(QWidget):
    """The Migrasi tab: timeline of episodes, lifecycle actions, contact log."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resident_id: str | None = None
        self.episodes: list[Any] = []
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
        for table in (self.timeline, self.contacts):
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
            table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
            table.verticalHeader().setVisible(False)
            table.horizontalHeader().setStretchLastSection(True)
        self.timeline.itemSelectionChanged.connect(self._selection_changed)
        self.actions: dict[str, QPushButton] = {}
        buttons = QGridLayout()
        for n, mode in enumerate((REGISTER, VERIFY, DEPART, RETURN, END, DOCUMENTS,
                                  LATE_DEPART, PAST_RETURN, CONTACT)):
            button = QPushButton()
            button.setObjectName(f"action_{mode}")
            button.clicked.connect(lambda _=False, m=mode: self.run_action(m))
            self.actions[mode] = button
            buttons.addWidget(button, n // 5, n % 5)
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
                 PLACEMENT: self.tr("Change placement...")}
        for mode, text in texts.items():
            self.actions[mode].setText(text)
        self.lapor_diri.setText(self.tr("Self-report done (lapor diri, Peduli WNI)"))
        self.timeline_label.setText(self.tr("Migration episodes (oldest first)"))
        self.contacts_label.setText(self.tr("News from abroad (newest first)"))
        self.timeline.setHorizontalHeaderLabels(
            [self.tr("State"), self.tr("Country"), self.tr("Job"), self.tr("Procedure"),
             self.tr("Registered"), self.tr("Departed"), self.tr("Expected return"),
             self.tr("Returned / ended")])
        self.contacts.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Through"), self.tr("Condition"), self.tr("News")])
        if self.resident_id:
            self.load(self.resident_id)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self, resident_id: str) -> None:
        from sqlalchemy import select

        from app.core.models import ContactLog, Episode

        self.resident_id = resident_id
        with self.ctx.db.session() as s:
            self.episodes = list(s.scalars(
                select(Episode).where(Episode.resident_id == resident_id,
                                      Episode.deleted.is_(False))
                .order_by(Episode.created_at)))
            contacts = list(s.scalars(
                select(ContactLog).where(ContactLog.resident_id == resident_id,
                                         ContactLog.deleted.is_(False))
                .order_by(ContactLog.contacted_on.desc())))
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
            DEPART: state in ("terdaftar", "terverifikasi"),
            END: state in ("terdaftar", "terverifikasi"),
            DOCUMENTS: state in ("terdaftar", "terverifikasi"),
            RETURN: state == "berangkat", CONTACT: True,
            PLACEMENT: state == "berangkat",
        }
        for mode, ok in allowed.items():
            self.actions[mode].setEnabled(ok)
        self.lapor_diri.setEnabled(state == "berangkat")
        self.lapor_diri.setChecked(state == "berangkat" and bool(open_ep.lapor_diri))
        row = self.timeline.currentRow()
        ep = self.episodes[row] if 0 <= row < len(self.episodes) else None
        self.detail.setText(self._describe(ep) if ep is not None else
                            self.tr("No migration recorded for this person."))

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
        ]
        return " ".join(p for p in parts if p)

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
        if mode not in (REGISTER, LATE_DEPART, PAST_RETURN, CONTACT) and episode is None:
            return False
        saved = EpisodeDialog.ask(self.ctx, mode, self.resident_id, episode, self)
        if saved:
            self.load(self.resident_id)
            self.changed.emit()
        return saved
