"""Laporan (P4MI): the report for a period, saved as Excel or PDF.

The clerk picks the period (and the waiting / no-news limits) and saves; the report is built
and written on the DB worker (:mod:`sync.report`) with progress and **Batal**. The same report
comes from ``python -m sync laporan``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ui.context import AppContext
from app.ui.dialogs.case_form import date_edit, pydate
from app.ui.i18n import Retranslating
from app.ui.p4mi import common
from app.ui.tasks import Op


class ReportView(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ReportView")
        self.last_path: Path | None = None
        self.title = QLabel()
        self.title.setFont(common.title_font(self))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color: #444;")
        self.notice = common.Notice()
        today = QDate.currentDate()
        self.dari = date_edit("dari")
        self.dari.setDate(QDate(today.year(), 1, 1))
        self.sampai = date_edit("sampai")
        self.waiting = QSpinBox()
        self.waiting.setObjectName("waiting_days")
        self.waiting.setRange(7, 3650)
        self.waiting.setValue(90)
        self.no_news = QSpinBox()
        self.no_news.setObjectName("no_news_months")
        self.no_news.setRange(1, 60)
        self.no_news.setValue(3)
        self.xlsx_button = QPushButton()
        self.xlsx_button.setObjectName("xlsx_button")
        self.xlsx_button.clicked.connect(lambda: self.save(".xlsx"))
        self.pdf_button = QPushButton()
        self.pdf_button.setObjectName("pdf_button")
        self.pdf_button.clicked.connect(lambda: self.save(".pdf"))
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for label, field in zip(self.labels, (self.dari, self.sampai, self.waiting,
                                              self.no_news), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.xlsx_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Report for a period"))
        self.intro.setText(self.tr(
            "One report for Disnaker, BP3MI and the Bupati: per kecamatan and village, "
            "departures and returns by country and sex, by sector and occupation, by scheme "
            "and P3MI, returns by reason, cases, CPMI waiting long, overdue returns, no news, "
            "and villages that did not send a bundle for more than 45 days. Excel has one "
            "sheet per table."))
        for label, text in zip(self.labels, (self.tr("&From"), self.tr("&To"),
                                             self.tr("CPMI waiting at least (days)"),
                                             self.tr("No news for (months)")), strict=True):
            label.setText(text)
        self.xlsx_button.setText(self.tr("Save as &Excel…"))
        self.pdf_button.setText(self.tr("Save as &PDF…"))

    def period(self) -> tuple[date, date]:
        return pydate(self.dari.date()), pydate(self.sampai.date())

    def save(self, suffix: str) -> None:
        from app.core.access import Permission
        from app.ui.permissions import require
        from sync.report import build_period_report, report_file_name, write_report

        if not require(self, self.ctx, Permission.EXPORT):
            return
        dari, sampai = self.period()
        suggested = report_file_name(self.ctx.office.code, dari, sampai, suffix)
        kind = (self.tr("Excel workbooks (*.xlsx)") if suffix == ".xlsx"
                else self.tr("PDF files (*.pdf)"))
        path = common.ask_save_file(self, self.tr("Save the report"), suggested, kind)
        if path is None:
            return
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        ws = self.ctx.workspace
        waiting, no_news = self.waiting.value(), self.no_news.value()
        self.notice.clear_message()

        def work(progress: Any, cancel: Any) -> Path:
            report = build_period_report(ws, dari, sampai, waiting_days=waiting,
                                         no_news_months=no_news, progress=progress,
                                         cancel=cancel)
            cancel.check()
            return write_report(report, Path(path))

        def done(written: Path) -> None:
            self.last_path = written
            from app.core.services.audit import log_event

            with self.ctx.write() as s:
                log_event(s, "report_export", entity="laporan", entity_id=written.name,
                          dari=dari.isoformat(), sampai=sampai.isoformat())
            self.notice.show_message(self.tr("Report saved: {path}").format(path=str(written)),
                                     "ok")

        Op(self.ctx.tasks, work, parent=self).with_progress(self.tr("Writing the report…")) \
            .on_success(done).on_failure(
                lambda exc: common.report_failure(self.ctx, self.notice, self, exc)) \
            .on_cancel(lambda: self.notice.show_message(
                self.tr("Cancelled: no report was saved."), "info")).start()
