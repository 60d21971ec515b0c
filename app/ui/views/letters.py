"""Surat: village letters for CPMI, the letter register, and "Periksa surat" at the P4MI.

* :class:`LetterDialog` (from a person's record, or "New letter" here): type, signer, purpose,
  the consenting relative for a Surat Izin Keluarga (chosen from the KK or typed), paper. It
  issues the letter (a new number in the register), writes the PDF with its QR code and typed
  check code to ``<data folder>/cetak`` and shows the number and the code.
* :class:`LettersView` (village): the letter register, reprint (same number), revoke with a
  reason, the agenda book, and the letterhead settings (head, secretary, address, logo,
  number pattern).
* :class:`CheckLetterView` (P4MI): a typed code or the text of a USB barcode scanner (it types
  the QR text and Enter), or a scan/photo/PDF file; the answer names the village and letter.

Filters (``apply_filter``): ``resident_id=id`` shows that person's letters.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import AppError
from app.core.letters import (
    KINDS,
    SIGNER_HEAD,
    SIGNER_SECRETARY,
    LetterRequest,
    LetterSettings,
    consent_candidates,
    list_letters,
    load_settings,
    save_settings,
)
from app.core.reports import fmt_date
from app.ui.context import AppContext
from app.ui.errors import error_text
from app.ui.i18n import Retranslating
from app.ui.printing.pdf import PAPERS, render_pdf
from app.ui.tablemodels.rows import RowsModel
from app.ui.widgets.tables import setup_table

CONSENT_RELATIONS = ("suami", "istri", "ayah", "ibu", "wali")


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_") or "surat"


def letters_folder(ctx: AppContext) -> Path:
    return Path(ctx.workspace.data_dir.root) / "cetak"


def write_letter_pdf(ctx: AppContext, letter_id: str, paper: str) -> tuple[Path, str, str]:
    """Render a letter (new or reprint) to ``cetak/``; returns (path, number, code)."""
    from sync.letters import document

    doc = document(ctx.workspace, letter_id)
    path = letters_folder(ctx) / f"surat_{_slug(doc.number)}_{paper}.pdf"
    render_pdf(doc, path, paper)
    assert doc.seal is not None
    return path, doc.number, doc.seal.code


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("error")
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.hide()
    return label


class LetterDialog(Retranslating, QDialog):
    """Issue one letter for one person."""

    def __init__(self, ctx: AppContext, resident_id: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resident_id = resident_id
        self.setObjectName("LetterDialog")
        self.issued_path: Path | None = None
        self.issued_number = ""
        self.issued_code = ""
        with ctx.db.session() as s:
            from app.core.services.residents import get_resident

            person = get_resident(s, resident_id)
            self.person_name, self.person_nik = person.name, person.nik or ""
            self.candidates = consent_candidates(s, resident_id)
        self.person = QLabel()
        self.person.setStyleSheet("font-weight: bold;")
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for code in KINDS:
            self.kind.addItem("", code)
        self.signer = QComboBox()
        self.signer.setObjectName("signer")
        self.signer.addItem("", SIGNER_HEAD)
        self.signer.addItem("", SIGNER_SECRETARY)
        self.purpose = QLineEdit()
        self.purpose.setObjectName("purpose")
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        for paper in PAPERS:
            self.paper.addItem(paper, paper)
        self.open_after = QCheckBox()
        self.open_after.setObjectName("open_after")
        self.open_after.setChecked(True)

        self.consent_box = QGroupBox()
        self.consent_from = QComboBox()
        self.consent_from.setObjectName("consent_from")
        self.consent_from.addItem("", "")
        for c in self.candidates:
            self.consent_from.addItem(f"{c.name} ({c.nik or '-'})", c.resident_id)
        self.consent_name = QLineEdit()
        self.consent_name.setObjectName("consent_name")
        self.consent_nik = QLineEdit()
        self.consent_nik.setObjectName("consent_nik")
        self.consent_nik.setMaxLength(16)
        self.consent_relation = QComboBox()
        self.consent_relation.setObjectName("consent_relation")
        self.consent_relation.addItem("—", "")
        for code in CONSENT_RELATIONS:
            self.consent_relation.addItem(ctx.ref_label("relations", code), code)
        self.consent_from.currentIndexChanged.connect(self._consent_chosen)
        cform = QFormLayout(self.consent_box)
        self.consent_from_label = QLabel()
        self.consent_name_label = QLabel()
        self.consent_nik_label = QLabel()
        self.consent_relation_label = QLabel()
        cform.addRow(self.consent_from_label, self.consent_from)
        cform.addRow(self.consent_name_label, self.consent_name)
        cform.addRow(self.consent_nik_label, self.consent_nik)
        cform.addRow(self.consent_relation_label, self.consent_relation)

        form = QFormLayout()
        self.kind_label = QLabel()
        self.signer_label = QLabel()
        self.purpose_label = QLabel()
        self.paper_label = QLabel()
        form.addRow(self.kind_label, self.kind)
        form.addRow(self.signer_label, self.signer)
        form.addRow(self.purpose_label, self.purpose)
        form.addRow(self.paper_label, self.paper)
        form.addRow("", self.open_after)
        self.error = _error_label()
        self.result = QLabel()
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setStyleSheet("font-size: 14px;")
        self.buttons = QDialogButtonBox()
        self.make_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.make_button.setObjectName("make_letter")
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.make_button.clicked.connect(self.make)
        self.close_button.clicked.connect(self.reject)
        self.kind.currentIndexChanged.connect(self._kind_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.person)
        layout.addLayout(form)
        layout.addWidget(self.consent_box)
        layout.addWidget(self.error)
        layout.addWidget(self.result)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(620, 520)
        self.retranslate()
        self._kind_changed()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New letter"))
        self.person.setText(self.tr("Letter for {name} (NIK {nik})").format(
            name=self.person_name, nik=self.person_nik or "-"))
        names = {"izin_keluarga": self.tr("Family consent letter (Surat Izin Keluarga)"),
                 "status_perkawinan": self.tr("Marital status statement"),
                 "pengantar_cpmi": self.tr("Cover letter for the Disnaker and the P3MI"),
                 "domisili": self.tr("Domicile statement")}
        for i in range(self.kind.count()):
            self.kind.setItemText(i, names[self.kind.itemData(i)])
        self.signer.setItemText(0, self.tr("Village head"))
        self.signer.setItemText(1, self.tr("Village secretary (a.n. the village head)"))
        self.kind_label.setText(self.tr("&Type"))
        self.kind_label.setBuddy(self.kind)
        self.signer_label.setText(self.tr("&Signed by"))
        self.signer_label.setBuddy(self.signer)
        self.purpose_label.setText(self.tr("&Purpose"))
        self.purpose_label.setBuddy(self.purpose)
        self.paper_label.setText(self.tr("P&aper"))
        self.paper_label.setBuddy(self.paper)
        self.open_after.setText(self.tr("Open the PDF after saving"))
        self.consent_box.setTitle(self.tr("Consenting spouse, parent or guardian"))
        self.consent_from.setItemText(0, self.tr("(type name and NIK below)"))
        self.consent_from_label.setText(self.tr("&From the KK"))
        self.consent_from_label.setBuddy(self.consent_from)
        self.consent_name_label.setText(self.tr("&Name"))
        self.consent_name_label.setBuddy(self.consent_name)
        self.consent_nik_label.setText(self.tr("NI&K"))
        self.consent_nik_label.setBuddy(self.consent_nik)
        self.consent_relation_label.setText(self.tr("&Relation"))
        self.consent_relation_label.setBuddy(self.consent_relation)
        self.make_button.setText(self.tr("&Make letter"))
        self.close_button.setText(self.tr("Close"))

    def _kind_changed(self) -> None:
        self.consent_box.setVisible(self.kind.currentData() == "izin_keluarga")

    def _consent_chosen(self) -> None:
        member = self.consent_from.currentData()
        typed = not member
        self.consent_name.setEnabled(typed)
        self.consent_nik.setEnabled(typed)
        for c in self.candidates:
            if c.resident_id == member:
                self.consent_name.setText(c.name)
                self.consent_nik.setText(c.nik)
                index = self.consent_relation.findData(c.relation)
                if index >= 0:
                    self.consent_relation.setCurrentIndex(index)

    def request(self) -> LetterRequest:
        member = self.consent_from.currentData() or None
        return LetterRequest(
            resident_id=self.resident_id, kind=self.kind.currentData(),
            signer=self.signer.currentData(), purpose=self.purpose.text(),
            consent_member_id=member,
            consent_name="" if member else self.consent_name.text(),
            consent_nik="" if member else self.consent_nik.text(),
            consent_relation=self.consent_relation.currentData() or "")

    def make(self) -> None:
        from sync.letters import issue

        self.error.hide()
        try:
            issued, _doc = issue(self.ctx.workspace, self.request(), self.ctx.operator)
        except AppError as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            return
        self.ctx.notify_changed("letter")
        try:
            path, number, code = write_letter_pdf(self.ctx, issued.letter_id,
                                                  self.paper.currentData())
        except OSError as exc:
            self.error.setText(self.tr("The letter {number} is in the register, but the PDF "
                                       "could not be written: {error}. Reprint it from the "
                                       "Letters view.").format(number=issued.number,
                                                               error=exc))
            self.error.show()
            return
        self.issued_path, self.issued_number, self.issued_code = path, number, code
        self.result.setText(self.tr("Letter number <b>{number}</b><br>Check code "
                                    "<b>{code}</b><br>Saved: {path}").format(
            number=number, code=code, path=path))
        self.make_button.setEnabled(False)
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    @classmethod
    def run(cls, ctx: AppContext, resident_id: str, parent: QWidget | None = None) -> None:
        cls(ctx, resident_id, parent).exec()


class LetterSettingsDialog(QDialog):
    """Letterhead and signer: head's name and title, secretary, office address, logo, pattern."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("LetterSettingsDialog")
        with ctx.db.session() as s:
            current = load_settings(s)
        self.head_name = QLineEdit(current.head_name)
        self.head_title = QLineEdit(current.head_title)
        self.secretary = QLineEdit(current.secretary_name)
        self.address = QLineEdit(current.office_address)
        self.logo = QLineEdit(current.logo_path)
        self.pattern = QLineEdit(current.number_pattern)
        for name, edit in (("head_name", self.head_name), ("head_title", self.head_title),
                           ("secretary", self.secretary), ("address", self.address),
                           ("logo", self.logo), ("pattern", self.pattern)):
            edit.setObjectName(name)
        self.browse = QPushButton(self.tr("Choose..."))
        self.browse.clicked.connect(self._browse)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.tr("Village head's name"), self.head_name)
        form.addRow(self.tr("Head's title (empty: Kepala Desa ...)"), self.head_title)
        form.addRow(self.tr("Village secretary's name"), self.secretary)
        form.addRow(self.tr("Office address"), self.address)
        form.addRow(self.tr("Logo (PNG or JPEG, optional)"), logo_row)
        form.addRow(self.tr("Letter number pattern"), self.pattern)
        hint = QLabel(self.tr("Pattern fields: {kode} classification code, {nomor} running "
                              "number, {singkatan} letter abbreviation, {bulan_romawi}, "
                              "{bulan}, {tahun}."))
        hint.setWordWrap(True)
        self.error = _error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setWindowTitle(self.tr("Letterhead and signer"))
        self.resize(640, 320)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Village logo"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.logo.setText(path)

    def save(self) -> None:
        values = LetterSettings(self.head_name.text(), self.head_title.text(),
                                self.secretary.text(), self.address.text(),
                                self.logo.text().strip(), self.pattern.text().strip())
        try:
            with self.ctx.write() as s:
                save_settings(s, values)
        except AppError as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            return
        self.accept()


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    return setup_table(view, name="letters_table")


class LettersView(Retranslating, QWidget):
    """The village's letter register (buku agenda surat keluar)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("LettersView")
        self.resident_id: str | None = None
        self.year = QComboBox()
        self.year.setObjectName("year")
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.new_button = QPushButton()
        self.new_button.setObjectName("new_letter")
        self.new_button.clicked.connect(self.new_letter)
        self.reprint_button = QPushButton()
        self.reprint_button.setObjectName("reprint")
        self.reprint_button.clicked.connect(self.reprint)
        self.revoke_button = QPushButton()
        self.revoke_button.setObjectName("revoke")
        self.revoke_button.clicked.connect(self.revoke)
        self.book_button = QPushButton()
        self.book_button.setObjectName("agenda_book")
        self.book_button.clicked.connect(self.print_book)
        self.settings_button = QPushButton()
        self.settings_button.setObjectName("letter_settings")
        self.settings_button.clicked.connect(self.edit_settings)
        self.filter_label = QLabel()
        self.model = RowsModel([], self)
        self.table = _table(self.model)
        self.table.doubleClicked.connect(lambda _i: self.reprint())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addWidget(self.filter_label, 1)
        for button in (self.new_button, self.reprint_button, self.revoke_button,
                       self.book_button, self.settings_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.retranslate()
        self._fill_years()
        self.refresh()

    def retranslate(self) -> None:
        self.intro.setText(self.tr(
            "Every letter gets a number of its own that is never reused. Letters are made from "
            "a person's record (button Letter...) or with New letter; each carries a QR code "
            "and a check code that the P4MI can verify offline."))
        self.year_label.setText(self.tr("&Year"))
        self.new_button.setText(self.tr("&New letter..."))
        self.reprint_button.setText(self.tr("&Reprint"))
        self.revoke_button.setText(self.tr("Re&voke..."))
        self.book_button.setText(self.tr("Print agenda &book"))
        self.settings_button.setText(self.tr("Letterhead and &signer..."))
        self.model.set_headers([self.tr("Number"), self.tr("Date"), self.tr("Type"),
                                self.tr("Name"), self.tr("NIK"), self.tr("Signed by"),
                                self.tr("Status")])
        self.refresh()

    def _fill_years(self) -> None:
        with self.ctx.db.session() as s:
            years = sorted({r.issued_on.year for r in list_letters(s)} | {date.today().year},
                           reverse=True)
        self.year.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(str(y), y)
        self.year.blockSignals(False)

    def apply_filter(self, resident_id: str | None = None, **_filters: object) -> None:
        self.resident_id = resident_id
        self.refresh()

    def refresh(self) -> None:
        if not hasattr(self, "model"):
            return
        year = self.year.currentData()
        with self.ctx.db.session() as s:
            rows = list_letters(s, resident_id=self.resident_id, year=year)
        self.rows = rows
        self.model.set_rows(
            [(r.number, fmt_date(r.issued_on), KINDS.get(r.kind, r.kind), r.name, r.nik,
              r.signer, self.tr("Revoked: {reason}").format(reason=r.reason) if r.revoked
              else self.tr("Valid")) for r in rows],
            [r.letter_id for r in rows])
        self.filter_label.setText(self.tr("(one person only)") if self.resident_id else "")

    def _selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.key(rows[0].row()) if rows else None

    def new_letter(self) -> None:
        from app.ui.widgets.resident_picker import ResidentPicker

        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("New letter: choose the person"))
        picker = ResidentPicker(self.ctx, dialog)
        picker.picked.connect(lambda _id, _name: dialog.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(picker)
        layout.addWidget(buttons)
        dialog.resize(520, 420)
        if dialog.exec() and picker.selected_id:
            LetterDialog.run(self.ctx, picker.selected_id, self)
            self._fill_years()
            self.refresh()

    def reprint(self) -> None:
        letter_id = self._selected()
        if letter_id is None:
            return
        try:
            path, number, code = write_letter_pdf(self.ctx, letter_id, "A4")
        except (AppError, OSError) as exc:
            self.status.setText(error_text(exc))
            return
        self.status.setText(self.tr("Reprinted {number} (check code {code}): {path}").format(
            number=number, code=code, path=path))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def revoke(self) -> None:
        from sync.letters import revoke

        letter_id = self._selected()
        if letter_id is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Revoke letter"),
                                          self.tr("Why is this letter revoked? The P4MI will "
                                                  "see it after the next bundle."))
        if not ok:
            return
        try:
            revoke(self.ctx.workspace, letter_id, reason, self.ctx.operator)
        except AppError as exc:
            QMessageBox.warning(self, self.tr("Revoke letter"), error_text(exc))
            return
        self.ctx.notify_changed("letter")
        self.refresh()

    def print_book(self) -> None:
        from app.core.letters import agenda_book

        year = self.year.currentData() or date.today().year
        with self.ctx.db.session() as s:
            doc = agenda_book(s, self.ctx.office, year)
        path = letters_folder(self.ctx) / f"buku_agenda_surat_{year}.pdf"
        try:
            render_pdf(doc, path, "F4")
        except OSError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(self.tr("Agenda book saved: {path}").format(path=path))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def edit_settings(self) -> None:
        LetterSettingsDialog(self.ctx, self).exec()


STATUS_COLOURS = {"asli": "#1b5e20", "dicabut": "#b00020", "tidak_cocok": "#b00020",
                  "desa_tidak_dikenal": "#8a5a00", "tidak_dikenal": "#8a5a00",
                  "rusak": "#8a5a00"}


class CheckLetterView(Retranslating, QWidget):
    """P4MI: is this village letter genuine? Typed code, scanner text, or a scan/PDF file."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("CheckLetterView")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.returnPressed.connect(self.check_typed)
        self.check_button = QPushButton()
        self.check_button.setObjectName("check")
        self.check_button.clicked.connect(self.check_typed)
        self.file_button = QPushButton()
        self.file_button.setObjectName("check_file")
        self.file_button.clicked.connect(self.choose_file)
        self.result = QLabel()
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setMinimumHeight(120)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout()
        self.code_label = QLabel()
        self.code_label.setBuddy(self.code)
        row.addWidget(self.code_label)
        row.addWidget(self.code, 1)
        row.addWidget(self.check_button)
        row.addWidget(self.file_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.last_status = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(self.tr(
            "Check a village letter offline. Type the check code printed under the QR code "
            "(for example 7K2M-9QXA-...), scan the QR code with a USB barcode scanner into "
            "the box, or open a scan or photo of the letter (PNG, JPEG or PDF). Checking "
            "changes nothing."))
        self.code_label.setText(self.tr("&Code or scanner text"))
        self.check_button.setText(self.tr("&Check"))
        self.file_button.setText(self.tr("Open &scan or PDF..."))

    def focus_search(self) -> None:
        self.code.setFocus()

    def check_typed(self) -> None:
        from sync.letters import check_text

        text = self.code.text().strip()
        if text:
            self._run(lambda: check_text(self.ctx.workspace, text))

    def check_path(self, path: Path) -> None:
        from sync.letters import check_file

        self._run(lambda: check_file(self.ctx.workspace, path))

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Scan or photo of a letter"), "",
            self.tr("Scans and PDF (*.png *.jpg *.jpeg *.pdf)"))
        if path:
            self.check_path(Path(path))

    def _run(self, check) -> None:  # noqa: ANN001 - a callable giving a CheckResult
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = check()
        except AppError as exc:
            self.last_status = "error"
            self.result.setStyleSheet("color: #b00020; font-size: 15px;")
            self.result.setText(error_text(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.last_status = result.status
        colour = STATUS_COLOURS.get(result.status, "#000000")
        self.result.setStyleSheet(f"color: {colour}; font-size: 18px; font-weight: bold;")
        self.result.setText(result.text(self.ctx.language))
        self.code.selectAll()
