"""The print dialog: choose the report's period and paper, save as PDF, open it.

``PrintDialog.run(ctx, "register" | "recap" | "person", parent, resident_id=...)``. The data
is gathered on the DB worker thread (Qt-free :mod:`app.core.reports`), the PDF is laid out on
the GUI thread (:mod:`app.ui.printing.pdf`). Files go to ``<data folder>/cetak`` by default.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.printing.pdf import PAPERS, render_pdf

KINDS = ("register", "recap", "person", "yearly")  # yearly: Pasal 42 report (issue 12)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "data"


def output_folder(ctx: AppContext) -> Path:
    return Path(ctx.workspace.data_dir.root) / "cetak"


class PrintDialog(Retranslating, QDialog):
    """Save one report as PDF. ``saved(path)`` is emitted when the file is written."""

    saved = Signal(str)

    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None, *,
                 resident_id: str | None = None, resident_name: str = "") -> None:
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(kind)
        self.ctx = ctx
        self.kind = kind
        self.resident_id = resident_id
        self.resident_name = resident_name
        self.saved_path: Path | None = None
        self.pages = 0
        self.setObjectName(f"PrintDialog_{kind}")

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        for _ in PAPERS:
            self.paper.addItem("")
        self.year = QComboBox()
        self.year.setObjectName("year")
        self.month = QDateEdit()
        self.month.setObjectName("month")
        self.month.setDisplayFormat("MM/yyyy")
        today = QDate.currentDate()
        # the last finished month: a recap of the month still running would be incomplete
        self.month.setDate(QDate(today.year(), today.month(), 1).addMonths(-1))
        self.month.setMaximumDate(QDate(today.year(), today.month(), 1))
        self.month.setCalendarPopup(True)
        self.with_cases = QCheckBox()
        self.with_cases.setObjectName("with_cases")
        self.path = QLineEdit()
        self.path.setObjectName("path")
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.open_after = QCheckBox()
        self.open_after.setObjectName("open_after")
        self.open_after.setChecked(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        self.paper_label = QLabel()
        self.paper_label.setBuddy(self.paper)
        form.addRow(self.paper_label, self.paper)
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        self.month_label = QLabel()
        self.month_label.setBuddy(self.month)
        if kind in ("register", "yearly"):
            form.addRow(self.year_label, self.year)
            self._fill_years()
        elif kind == "recap":
            form.addRow(self.month_label, self.month)
        else:
            form.addRow("", self.with_cases)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        self.path_label = QLabel()
        self.path_label.setBuddy(self.path)
        form.addRow(self.path_label, file_row)
        form.addRow("", self.open_after)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.year.currentIndexChanged.connect(lambda _i: self._default_path())
        self.month.dateChanged.connect(lambda _d: self._default_path())
        self.retranslate()
        self._default_path()
        from app.ui.widgets.forms import FormKeys

        self.keys = FormKeys(self, save=self.save, first=self.paper, guard=False,
                             save_button=self.buttons.button(QDialogButtonBox.StandardButton.Save))
        self.resize(560, self.sizeHint().height())

    # -- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        titles = {
            "register": self.tr("Print the village migrant worker register"),
            "recap": self.tr("Print the monthly recap"),
            "person": self.tr("Print a person's sheet"),
            "yearly": self.tr("Print the yearly report (Pasal 42)"),
        }
        self.setWindowTitle(titles[self.kind])
        intros = {
            "register": self.tr("Buku Register PMI Desa: one line per migration episode, "
                                "landscape, with the village letterhead."),
            "recap": self.tr("What happened in one month and where things stood at its end."),
            "yearly": self.tr("The village's duties under UU 18/2017 Pasal 42 (1) a-e in one "
                              "year, with the Desa Migran Emas self-assessment."),
            "person": self.tr("{name}: identity, every migration episode, family left behind "
                              "and the latest news.").format(name=self.resident_name
                                                             or self.tr("This person")),
        }
        self.intro.setText(intros[self.kind])
        self.paper.setItemText(0, self.tr("A4 (210 x 297 mm)"))
        self.paper.setItemText(1, self.tr("F4 / folio (215 x 330 mm)"))
        self.paper_label.setText(self.tr("&Paper"))
        self.year_label.setText(self.tr("&Year"))
        if self.year.count() and self.year.itemData(0) is None:
            self.year.setItemText(0, self.tr("All years"))
        self.month_label.setText(self.tr("&Month"))
        self.with_cases.setText(self.tr("Include &cases (type, date and status only; "
                                        "the sheet is then confidential)"))
        self.path_label.setText(self.tr("&File"))
        self.browse.setText(self.tr("&Browse..."))
        self.open_after.setText(self.tr("&Open the PDF after saving"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save PDF"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    # -- choices -----------------------------------------------------------------------------
    def _fill_years(self) -> None:
        if self.kind == "yearly":  # the running year first, then the four before it
            for y in range(date.today().year, date.today().year - 5, -1):
                self.year.addItem(str(y), y)
            return
        from app.core.repo.records import episode_years

        with self.ctx.db.session() as s:
            years = episode_years(s)
        self.year.addItem("", None)
        for y in years:
            self.year.addItem(str(y), y)

    def selected_year(self) -> int | None:
        return self.year.currentData() if self.kind in ("register", "yearly") else None

    def selected_month(self) -> tuple[int, int]:
        d = self.month.date()
        return d.year(), d.month()

    def paper_code(self) -> str:
        return PAPERS[max(0, self.paper.currentIndex())]

    def _default_path(self) -> None:
        today = date.today().isoformat()
        if self.kind == "register":
            year = self.selected_year()
            name = f"buku_register_pmi_{year or 'semua'}_{today}.pdf"
        elif self.kind == "recap":
            y, m = self.selected_month()
            name = f"rekap_bulanan_{y:04d}-{m:02d}.pdf"
        elif self.kind == "yearly":
            name = f"laporan_tahunan_{self.selected_year() or date.today().year}.pdf"
        else:
            name = f"lembar_data_{_slug(self.resident_name)}_{today}.pdf"
        self.path.setText(str(output_folder(self.ctx) / name))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), self.path.text(),
                                              self.tr("PDF files (*.pdf)"))
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.path.setText(path)

    # -- saving ------------------------------------------------------------------------------
    def build_document(self):  # noqa: ANN201 - app.core.reports.Document
        """Gather the report (called on the DB worker thread; Qt-free work only)."""
        from app.core.reports.person import build_person_sheet
        from app.core.reports.recap import build_recap
        from app.core.reports.register import build_register

        office = self.ctx.office
        year = self.selected_year()
        y, m = self.selected_month()
        kind, rid, with_cases = self.kind, self.resident_id, self.with_cases.isChecked()
        db = self.ctx.db
        viewer = self.ctx.viewer

        def work(_progress, _cancel):
            with db.session() as s:
                if kind == "register":
                    return build_register(s, office, year=year)
                if kind == "recap":
                    return build_recap(s, office, y, m)
                if kind == "yearly":
                    from app.core.desk.yearly import build_yearly_document

                    return build_yearly_document(s, office, year or date.today().year)
                return build_person_sheet(s, office, rid or "", include_cases=with_cases,
                                          viewer=viewer)

        return work

    def save(self) -> None:
        from app.ui.tasks import Op

        target = Path(self.path.text().strip())
        if not self.path.text().strip():
            self._show_error(self.tr("Choose where to save the PDF file."))
            return
        paper = self.paper_code()
        self.buttons.setEnabled(False)

        def done(document) -> None:  # noqa: ANN001 - Document
            try:
                self.pages = render_pdf(document, target, paper)
            except OSError as exc:
                self.buttons.setEnabled(True)
                self._show_error(self.tr("The PDF could not be saved to {path}: {detail}")
                                 .format(path=str(target), detail=str(exc)))
                return
            self.saved_path = target
            self._log_print(target)
            self.saved.emit(str(target))
            if self.open_after.isChecked():
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
            self.accept()

        def failed(exc: BaseException) -> None:
            from app.ui.errors import error_text

            self.buttons.setEnabled(True)
            self._show_error(error_text(exc))

        Op(self.ctx.tasks, self.build_document(), parent=self).with_progress(
            self.tr("Preparing the report...")).on_success(done).on_failure(failed).start()

    def saved_message(self) -> str:
        """Where the PDF went, for the status bar once the dialog has closed."""
        return self.tr("PDF saved: {path} ({pages} page(s))").format(
            path=str(self.saved_path), pages=self.pages)

    def _log_print(self, target: Path) -> None:
        """Printing personal data is an export: it goes into the audit log."""
        from app.core.services.audit import log_event

        with self.ctx.write() as s:
            log_event(s, "print", entity="resident" if self.kind == "person" else "",
                      entity_id=self.resident_id or "", report=self.kind,
                      file=target.name, pages=self.pages)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    @classmethod
    def run(cls, ctx: AppContext, kind: str, parent: QWidget | None = None, *,
            resident_id: str | None = None) -> Path | None:
        """Show the dialog; the saved file, or ``None`` if cancelled."""
        name = ""
        if resident_id:
            from app.core.repo.records import resident_brief

            with ctx.db.session() as s:
                r = resident_brief(s, resident_id)
            name = r.name if r is not None else ""
        dialog = cls(ctx, kind, parent, resident_id=resident_id, resident_name=name)
        dialog.exec()
        if dialog.saved_path is not None:
            from app.ui.feedback import show_status

            show_status(parent, dialog.saved_message())
        return dialog.saved_path


def print_person_sheet(ctx: AppContext, resident_id: str,
                       parent: QWidget | None = None) -> Path | None:
    """Print one person's sheet (for the resident form, the case and dashboard lists)."""
    return PrintDialog.run(ctx, "person", parent, resident_id=resident_id)
