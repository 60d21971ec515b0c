"""Rekap & tanda terima (P4MI): the Excel recap for BP3MI / Disnaker, receipts, import history.

- **Save Excel recap** (:func:`sync.recap.write_recap`, DB worker, progress and Batal): per
  village and per status, NIK as text, dates as dates.
- **Write receipts for every village** that has a key on record, into one folder.
- The import history of the hub (newest first).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.errors import AppError
from app.core.repo import p4mi as repo
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.p4mi import common
from app.ui.tablemodels.rows import RowsModel
from app.ui.tasks import Op


class RecapView(Retranslating, QWidget):
    """Recap and receipts. Filters: ``village=CODE`` shows that village's imports only."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("RecapView")
        self.village_filter = ""
        self.last_recap = None
        self.title = QLabel()
        self.title.setFont(common.title_font(self))
        self.notice = common.Notice()
        self.recap_box = QGroupBox()
        self.recap_text = QLabel()
        self.recap_text.setWordWrap(True)
        self.recap_button = QPushButton()
        self.recap_button.setObjectName("recap_button")
        self.recap_button.clicked.connect(self.save_recap)
        rb = QVBoxLayout(self.recap_box)
        rb.addWidget(self.recap_text)
        row = QHBoxLayout()
        row.addWidget(self.recap_button)
        row.addStretch(1)
        rb.addLayout(row)
        self.receipt_box = QGroupBox()
        self.receipt_text = QLabel()
        self.receipt_text.setWordWrap(True)
        self.receipts_button = QPushButton()
        self.receipts_button.setObjectName("receipts_button")
        self.receipts_button.clicked.connect(self.write_all_receipts)
        cb = QVBoxLayout(self.receipt_box)
        cb.addWidget(self.receipt_text)
        row = QHBoxLayout()
        row.addWidget(self.receipts_button)
        row.addStretch(1)
        cb.addLayout(row)
        boxes = QHBoxLayout()
        boxes.addWidget(self.recap_box, 1)
        boxes.addWidget(self.receipt_box, 1)
        self.history_label = QLabel()
        self.history_label.setFont(common.title_font(self, 1.1))
        self.model = RowsModel([], self, numeric=(2, 5, 6, 7, 8))
        self.table = common.make_table(self.model)
        self.table.setObjectName("imports_table")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.notice)
        layout.addLayout(boxes)
        layout.addWidget(self.history_label)
        layout.addWidget(self.table, 1)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Recap and receipts"))
        self.recap_box.setTitle(self.tr("Excel recap for BP3MI / Disnaker"))
        self.recap_text.setText(self.tr(
            "One workbook: a sheet per village (residents, CPMI, PMI, purna PMI, procedural or "
            "not, last bundle) and one sheet per status with every person and their latest "
            "migration. NIK stays text and dates are real dates."))
        self.recap_button.setText(self.tr("Save Excel recap…"))
        self.receipt_box.setTitle(self.tr("Receipts for the villages"))
        self.receipt_text.setText(self.tr(
            "A receipt tells a village what P4MI holds, up to which bundle number, and which rows "
            "were rejected. Give it back on the village's USB stick or send the file."))
        self.receipts_button.setText(self.tr("Write receipts for every village…"))
        self.history_label.setText(self.tr("Bundles imported"))
        self.model.set_headers([
            self.tr("Imported on"), self.tr("Village"), self.tr("No."), self.tr("Kind"),
            self.tr("Result"), self.tr("New"), self.tr("Updated"), self.tr("Deleted"),
            self.tr("Rejected"), self.tr("By"), self.tr("File")])
        self.refresh()

    def apply_filter(self, **filters: object) -> None:
        if "village" in filters:
            self.village_filter = str(filters["village"] or "")
            self.refresh()

    def refresh(self) -> None:
        from app.core import reference

        with self.ctx.db.session() as s:
            rows = repo.import_history(s, self.village_filter or None)
        status = {"diimpor": self.tr("imported"), "sebagian": self.tr("partly imported")}
        self.model.set_rows([
            (common.fmt_datetime(h.imported_at),
             f"{reference.region_name(h.village_code) or ''} ({h.village_code})",
             str(h.sequence), self.tr("full") if h.scope == "lengkap" else self.tr("changes"),
             status.get(h.status, h.status), common.number(h.new), common.number(h.updated),
             common.number(h.deleted), common.number(h.rejected), h.operator, h.file_name)
            for h in rows], [str(h.id) for h in rows])
        if rows:
            self.table.resizeColumnsToContents()

    def save_recap(self) -> None:
        from app.core.access import Permission
        from app.ui.permissions import require

        if not require(self, self.ctx, Permission.EXPORT):
            return
        from sync.recap import recap_file_name, write_recap

        # proposed in the data folder's keluar/, not wherever the program was started
        suggested = str(self.ctx.workspace.data_dir.outbox
                        / recap_file_name(self.ctx.office.code, date.today()))
        path = common.ask_save_file(self, self.tr("Save the Excel recap"), suggested,
                                    self.tr("Excel workbooks (*.xlsx)"))
        if path is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        ws = self.ctx.workspace
        self.notice.clear_message()

        def work(progress, cancel):  # noqa: ANN001, ANN202
            return write_recap(ws, Path(path), progress=progress, cancel=cancel)

        def done(report) -> None:  # noqa: ANN001
            self.last_recap = report
            people = sum(n for k, n in report.rows.items() if k != "Rekap per Desa")
            self.notice.show_message(self.tr(
                "Recap saved ({villages} villages, {people} persons): {path}").format(
                villages=report.villages, people=common.number(people), path=str(report.path)),
                "ok")

        Op(self.ctx.tasks, work, parent=self).with_progress(self.tr("Writing the recap…")) \
            .on_success(done).on_failure(
                lambda exc: common.report_failure(self.ctx, self.notice, self, exc)) \
            .on_cancel(lambda: self.notice.show_message(
                self.tr("Cancelled: no recap was saved."), "info")).start()

    def write_all_receipts(self) -> None:
        from sync.bulletin import make_bulletin
        from sync.receipt import make_receipt

        with self.ctx.db.session() as s:
            villages = repo.imported_villages(s)
        if not villages:
            self.notice.show_message(self.tr("No village has sent a bundle yet."), "info")
            return
        folder = common.ask_folder(self, self.tr("Choose the folder for the receipts"))
        if folder is None:
            return
        written, failed = 0, []
        for code in villages:
            try:
                make_receipt(self.ctx.workspace, code, folder, operator=self.ctx.operator)
                # the P4MI's bulletin for the village travels beside its receipt (issue 12)
                make_bulletin(self.ctx.workspace, code, folder, operator=self.ctx.operator)
                written += 1
            except (AppError, OSError) as exc:
                failed.append(f"{code}: {common.error_sentence(self.ctx, exc) or exc}")
        text = self.tr("{n} receipts written to {folder}.").format(n=written, folder=str(folder))
        if failed:
            text += "\n" + self.tr("Not written: {list}").format(list="; ".join(failed))
        self.notice.show_message(text, "warn" if failed else "ok")
