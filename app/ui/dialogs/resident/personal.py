"""The **Data pribadi** tab of the resident record: the personal-data form with live checks.

The service's checks (:func:`app.core.services.residents.validate_resident`) run as you type,
a moment after the last key; errors block saving, warnings are explained and confirmed; a
duplicate NIK shows the other person with a button to open them (:attr:`open_resident`).
A valid NIK fills an empty birth date and sex; "12/3" in RT becomes RT 012, RW 003.

``load`` fills the form from the database, ``collect`` reads it into a ``ResidentInput``,
``validate`` runs the service's checks on it and ``check`` shows them under their fields.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import Issue, Severity
from app.core.repo.residents import dusun_names
from app.core.rules.nik import nik_birth_date, nik_sex
from app.core.services.residents import (
    ResidentInput,
    get_resident,
    normalize_rt_rw,
    validate_resident,
)
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.labels import LIFE_STATUS, SEX, label
from app.ui.widgets.fields import CodeCombo, DateField, IssueBox

TEXT_FIELDS = ("name", "nik", "no_kk", "birth_place", "rw", "rt", "address", "phone",
               "passport_no", "bpjs_tk_no")
DATE_FIELDS = ("birth_date", "passport_expiry")
CODE_FIELDS = {"shdk": "shdk", "education": "education", "marital_status": "marital_status"}
CHECK_DELAY_MS = 300
LEFT = ("name", "nik", "no_kk", "sex", "birth_place", "birth_date", "shdk", "life_status",
        "education", "marital_status")
RIGHT = ("dusun", "rw", "rt", "address", "phone", "passport_no", "passport_expiry",
         "bpjs_tk_no", "notes")


class PersonalTab(Retranslating, QWidget):
    """The personal-data form of one resident (or of a new one)."""

    open_resident = Signal(str)
    """The operator asked to open another person (the holder of a duplicate NIK)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resident_id: str | None = None
        self._loading = False
        self.edits: dict[str, Any] = {}
        self.issue_boxes: dict[str, IssueBox] = {}
        self.labels: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for name in TEXT_FIELDS:
            self.edits[name] = QLineEdit()
        self.edits["nik"].setMaxLength(24)
        self.edits["no_kk"].setMaxLength(24)
        self.edits["rt"].setMaxLength(7)  # "12/3" is split into RT 012 and RW 003
        self.edits["rw"].setMaxLength(3)
        self.edits["rt"].editingFinished.connect(self._tidy_rt_rw)
        self.edits["rw"].editingFinished.connect(self._tidy_rt_rw)
        self.edits["nik"].editingFinished.connect(self._fill_from_nik)
        self.edits["nik"].textChanged.connect(
            lambda text: self._fill_from_nik() if len("".join(text.split())) == 16 else None)
        for name in DATE_FIELDS:
            self.edits[name] = DateField()
        sex = QComboBox()
        sex.addItem("—", "")
        sex.addItem("", "L")
        sex.addItem("", "P")
        self.edits["sex"] = sex
        for name, list_name in CODE_FIELDS.items():
            self.edits[name] = CodeCombo(list_name, self.ctx.language)
        self.edits["dusun"] = QComboBox()
        self.edits["dusun"].setEditable(True)
        life = QComboBox()
        for code in LIFE_STATUS:
            life.addItem("", code)
        self.edits["life_status"] = life
        notes = QPlainTextEdit()
        notes.setFixedHeight(54)
        notes.setTabChangesFocus(True)
        self.edits["notes"] = notes
        for column, names in ((0, LEFT), (2, RIGHT)):
            row = 0
            for name in names:
                widget = self.edits[name]
                widget.setObjectName(f"field_{name}")
                lab = QLabel()
                lab.setBuddy(widget)
                self.labels[name] = lab
                box = IssueBox()
                box.setObjectName(f"issues_{name}")
                box.action.connect(self.open_resident)
                self.issue_boxes[name] = box
                grid.addWidget(lab, row, column, Qt.AlignmentFlag.AlignTop)
                cell = QVBoxLayout()
                cell.setSpacing(2)
                cell.addWidget(widget)
                cell.addWidget(box)
                cell.addStretch(1)  # at the top of a row the other column made taller
                grid.addLayout(cell, row, column + 1)
                row += 1
        for widget in self.edits.values():
            if isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._changed)
                if widget.isEditable():
                    widget.editTextChanged.connect(self._changed)
            else:
                widget.textChanged.connect(self._changed)
        self.form_summary = QLabel()
        self.form_summary.setObjectName("form_summary")
        self.form_summary.setWordWrap(True)
        inner = QWidget()
        outer = QVBoxLayout(inner)
        outer.addLayout(grid)
        outer.addWidget(self.form_summary)
        outer.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(scroll)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check)
        self.retranslate()

    # -- texts ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        names = {
            "name": self.tr("&Name"), "nik": self.tr("N&IK"), "no_kk": self.tr("Family card n&o."),
            "sex": self.tr("Se&x"), "birth_place": self.tr("Birth place"),
            "birth_date": self.tr("&Birth date"), "shdk": self.tr("&Relation to head"),
            "life_status": self.tr("&Life status"), "notes": self.tr("No&tes"),
            "dusun": self.tr("&Hamlet (dusun)"), "rw": "RW", "rt": "RT",
            "address": self.tr("&Address"), "phone": self.tr("Phone / &WhatsApp"),
            "education": self.tr("&Education"), "marital_status": self.tr("&Marital status"),
            "passport_no": self.tr("Passport no."),
            "passport_expiry": self.tr("Passport valid &until"),
            "bpjs_tk_no": self.tr("BPJS &Ketenagakerjaan no."),
        }
        for key, text in names.items():
            self.labels[key].setText(text)
        self.edits["sex"].setItemText(1, label(SEX, "L"))
        self.edits["sex"].setItemText(2, label(SEX, "P"))
        for i in range(self.edits["life_status"].count()):
            self.edits["life_status"].setItemText(
                i, label(LIFE_STATUS, self.edits["life_status"].itemData(i)))

    # -- load / collect / validate -------------------------------------------------------
    def load(self, resident_id: str | None) -> str:
        """Fill the form with the resident's record (or a blank one); their migrant status."""
        self.resident_id = resident_id
        self._loading = True
        status = "bukan"
        with self.ctx.db.session() as s:
            dusun = self.edits["dusun"]
            dusun.clear()
            dusun.addItem("")
            dusun.addItems(dusun_names(s))
            if resident_id is not None:
                r = get_resident(s, resident_id)
                for name in TEXT_FIELDS:
                    self.edits[name].setText(getattr(r, name) or "")
                for name in DATE_FIELDS:
                    self.edits[name].set_value(getattr(r, name))
                for name in CODE_FIELDS:
                    self.edits[name].set_code(getattr(r, name))
                self.edits["sex"].setCurrentIndex(max(0, self.edits["sex"].findData(r.sex)))
                self.edits["life_status"].setCurrentIndex(
                    max(0, self.edits["life_status"].findData(r.life_status)))
                dusun.setCurrentText(r.dusun or "")
                self.edits["notes"].setPlainText(r.notes or "")
                status = r.migrant_status
        self._loading = False
        return status

    def name(self) -> str:
        return self.edits["name"].text()

    def no_kk(self) -> str | None:
        return self.edits["no_kk"].text().strip() or None

    def collect(self) -> ResidentInput:
        """What the form holds; ValueError(field) when a date is not a date."""
        values: dict[str, Any] = {n: self.edits[n].text() for n in TEXT_FIELDS}
        for name in DATE_FIELDS:
            try:
                values[name] = self.edits[name].value()
            except ValueError:
                raise ValueError(name) from None
        for name in CODE_FIELDS:
            values[name] = self.edits[name].code()
        values["sex"] = self.edits["sex"].currentData() or ""
        values["life_status"] = self.edits["life_status"].currentData() or "hidup"
        values["dusun"] = self.edits["dusun"].currentText().strip()
        values["notes"] = self.edits["notes"].toPlainText()
        return ResidentInput(**values)

    def validate(self) -> list[Issue]:
        """The service's checks on what the form holds now."""
        try:
            data = self.collect().normalized()
        except ValueError as exc:
            return [Issue("ui.date_invalid", str(exc), Severity.ERROR)]
        with self.ctx.db.session() as s:
            return validate_resident(s, data, exclude_id=self.resident_id)

    def check(self) -> list[Issue]:
        """Run the service's checks now and show them under their fields."""
        self._timer.stop()
        issues = self.validate()
        self.show_issues(issues)
        return issues

    def show_issues(self, issues: list[Issue]) -> None:
        for box in self.issue_boxes.values():
            box.clear()
        loose: list[str] = []
        for issue in issues:
            text = self.ctx.message(issue.code, **issue.params)
            box = self.issue_boxes.get(issue.field or "")
            if box is None:
                loose.append(text)
                continue
            button = payload = None
            if issue.code == "resident.nik_duplicate":
                button = self.tr("Open record")
                payload = issue.params.get("resident_id", "")
            box.add(text, error=issue.is_error, button=button, payload=payload or "")
        errors = sum(1 for i in issues if i.is_error)
        warnings = len(issues) - errors
        summary = []
        if errors:
            summary.append(self.tr("{n} problem(s) must be fixed before saving.").format(
                n=errors))
        if warnings:
            summary.append(self.tr("{n} warning(s): you may save after checking them.").format(
                n=warnings))
        self.form_summary.setText(" ".join(summary + loose))

    def focus_first_error(self, issues: list[Issue]) -> None:
        for issue in issues:
            widget = self.edits.get(issue.field or "")
            if issue.is_error and widget is not None:
                widget.setFocus()
                return

    # -- as you type ---------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self._timer.start()

    def _tidy_rt_rw(self) -> None:
        """RT and RW as on the KTP: three digits each ("12/3" -> RT 012, RW 003)."""
        rt, rw = normalize_rt_rw(self.edits["rt"].text(), self.edits["rw"].text())
        for name, value in (("rt", rt), ("rw", rw)):
            if self.edits[name].text() != value:
                self.edits[name].setText(value)

    def _fill_from_nik(self) -> None:
        """A valid NIK tells the birth date and the sex: fill them when still empty."""
        if self._loading:
            return
        nik = self.edits["nik"].text()
        born, sex = nik_birth_date(nik), nik_sex(nik)
        if born is not None and not self.edits["birth_date"].text().strip():
            self.edits["birth_date"].set_value(born)
        if sex and not self.edits["sex"].currentData():
            self.edits["sex"].setCurrentIndex(max(0, self.edits["sex"].findData(sex)))
