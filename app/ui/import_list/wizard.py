"""Import an existing list: file -> column mapping -> preview -> result.

Reading and previewing run on the DB worker (:class:`app.ui.tasks.Op`); nothing is written
before the operator presses **Import** on the preview page. The result page prints the error
list and saves the refused rows as an Excel file (the project's safe XLSX writer) to fix and
import again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
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
    QWizard,
    QWizardPage,
)

from app.ui.errors import show_error
from app.ui.tasks import Op
from app.ui.widgets.tables import setup_table

PAGE_FILE, PAGE_MAPPING, PAGE_PREVIEW, PAGE_RESULT = range(4)
translate = QCoreApplication.translate


class ImportListWizard(QWizard):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("import_list_wizard")
        self.setWindowTitle(self.tr("Import an existing list"))
        self.resize(1000, 640)
        self.table: Any = None  # sync.lists.read.Table
        self.preview: Any = None  # sync.lists.plan.Preview
        self.result: Any = None  # sync.lists.apply.ImportResult
        self.setPage(PAGE_FILE, FilePage(self))
        self.setPage(PAGE_MAPPING, MappingPage(self))
        self.setPage(PAGE_PREVIEW, PreviewPage(self))
        self.setPage(PAGE_RESULT, ResultPage(self))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))

    def run(self, work: Any, done: Any, label: str) -> Op:
        return (Op(self.ctx.tasks, work, self).with_progress(label).on_success(done)
                .on_failure(lambda exc: show_error(self, exc)).start())

    def step(self, page: Any, key: Any, work: Any, store: Any, label: str) -> bool:
        """Run ``work`` once for ``key``; go on to the next page when it has finished.

        With a background runner ``validatePage`` first answers False; the result then
        calls ``next()``, whose ``validatePage`` finds the key done and answers True.
        """
        if getattr(page, "done_key", None) == key:
            return True
        page.busy = True

        def done(value: Any) -> None:
            store(value)
            page.done_key = key
            if not page.busy:
                self.next()

        self.run(work, done, label)
        page.busy = False
        return getattr(page, "done_key", None) == key


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportListWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("1. Choose the file"))
        self.setSubTitle(self.tr("OpenSID workbook (.xlsx/.xlsm), SIAK export (.xls) or any "
                                 "Excel or CSV list with one person per row."))
        self.path = QLineEdit()
        self.path.setObjectName("path")
        browse = QPushButton(self.tr("Browse..."))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.update_mode = QRadioButton(self.tr("People already registered: update the "
                                                "columns of the file"))
        self.skip_mode = QRadioButton(self.tr("People already registered: skip them"))
        self.update_mode.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.update_mode)
        group.addButton(self.skip_mode)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.update_mode)
        layout.addWidget(self.skip_mode)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the list"), "",
            self.tr("Lists (*.xlsx *.xlsm *.xls *.csv);;All files (*)"))
        if name:
            self.path.setText(name)

    @property
    def mode(self) -> str:
        return "skip" if self.skip_mode.isChecked() else "update"

    def validatePage(self) -> bool:  # noqa: N802
        from sync.lists import mapping
        from sync.lists.read import read_table

        text = self.path.text().strip()
        if not text:
            self.status.setText(self.tr("Choose a file first."))
            return False

        def work(_progress: Any, _cancel: Any) -> Any:
            return read_table(Path(text), mapping.score)

        def store(table: Any) -> None:
            self.w.table = table

        return self.w.step(self, text, work, store, self.tr("Reading the file..."))


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportListWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("2. Which column is which?"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.grid = QTableWidget(0, 3)
        self.grid.setObjectName("mapping")
        setup_table(self.grid, headers=lambda: [self.tr("Column in the file"),
                                                self.tr("First value"), self.tr("Field")])
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.grid)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:  # noqa: N802
        from sync.lists.mapping import FIELDS
        from sync.lists.normalise import shown
        from sync.lists.plan import default_mapping

        table = self.w.table
        column_map, known = default_mapping(self.w.ctx.workspace.data_dir.root, table)
        self.note.setText(
            (self.tr("The mapping remembered for this kind of file is used.") if known else
             self.tr("The columns were guessed from their names. Check them.")) + " " +
            self.tr("Sheet '{sheet}', header in row {row}, {count} rows.").format(
                sheet=table.sheet, row=table.header_row, count=len(table.rows)))
        first = table.rows[0][1] if table.rows else []
        self.grid.setRowCount(len(table.headers))
        self.combos = []
        for col, header in enumerate(table.headers):
            self.grid.setItem(col, 0, QTableWidgetItem(header))
            self.grid.setItem(col, 1, QTableWidgetItem(shown(first[col]) if first else ""))
            combo = QComboBox()
            combo.addItem(self.tr("(not imported)"), "")
            for field, (label, _syn) in FIELDS.items():
                combo.addItem(label, field)
            combo.setCurrentIndex(max(0, combo.findData(column_map.get(col, ""))))
            self.grid.setCellWidget(col, 2, combo)
            self.combos.append(combo)

    def mapping(self) -> dict[int, str]:
        return {c: combo.currentData() for c, combo in enumerate(self.combos)
                if combo.currentData()}

    def validatePage(self) -> bool:  # noqa: N802
        from app.core.errors import AppError
        from sync.lists import mapping as mapping_mod
        from sync.lists.plan import build_preview

        chosen = self.mapping()
        fields = list(chosen.values())
        try:
            if len(set(fields)) != len(fields):
                dup = next(f for f in fields if fields.count(f) > 1)
                raise AppError("lists.mapping_twice", field=mapping_mod.FIELDS[dup][0])
            mapping_mod.check(chosen)
        except AppError as exc:
            show_error(self, exc)
            return False
        table, mode = self.w.table, self.w.page(PAGE_FILE).mode

        def work(_progress: Any, _cancel: Any) -> Any:
            with self.w.ctx.db.session() as s:
                return build_preview(s, table, chosen, mode=mode)

        def store(preview: Any) -> None:
            self.w.preview = preview

        key = (id(table), mode, tuple(sorted(chosen.items())))
        return self.w.step(self, key, work, store, self.tr("Checking every row..."))


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportListWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("3. Preview: nothing has been changed yet"))
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        self.counts.setWordWrap(True)
        self.report = QPlainTextEdit()
        self.report.setObjectName("report")
        self.report.setReadOnly(True)
        self.decision = QComboBox()
        self.decision.setObjectName("decision")
        self.decision_label = QLabel(self.tr("People without NIK who match a registered "
                                             "person (name, birth date, KK):"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.report, 1)
        row = QHBoxLayout()
        row.addWidget(self.decision_label)
        row.addWidget(self.decision, 1)
        layout.addLayout(row)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))

    def initializePage(self) -> None:  # noqa: N802
        from sync.lists.report import report_lines

        p = self.w.preview
        c = p.counts
        self.counts.setText(self.tr(
            "New: {new}   Updated: {update}   Unchanged: {unchanged}   Skipped: {skip}   "
            "Need a decision: {decide}   Refused: {refused}").format(**c))
        self.report.setPlainText("\n".join(report_lines(p)))
        self.decision.clear()
        self.decision.addItem(self.tr("Skip them"), "skip")
        self.decision.addItem(self.tr("Update the registered person"), "update")
        self.decision.addItem(self.tr("Register them as new people"), "new")
        visible = c["decide"] > 0
        self.decision.setVisible(visible)
        self.decision_label.setVisible(visible)

    def validatePage(self) -> bool:  # noqa: N802
        from sync.lists import mapping as mapping_mod
        from sync.lists.apply import apply_preview

        preview, decision = self.w.preview, self.decision.currentData() or "skip"
        ctx = self.w.ctx
        data_dir = ctx.workspace.data_dir

        def work(_progress: Any, _cancel: Any) -> Any:
            result = apply_preview(ctx.db, data_dir.backups, preview, operator=ctx.operator,
                                   decision=decision)
            mapping_mod.remember(data_dir.root, preview.headers, preview.mapping)
            return result

        def store(result: Any) -> None:
            self.w.result = result
            ctx.notify_changed("resident")

        return self.w.step(self, id(preview), work, store, self.tr("Importing..."))


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportListWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("4. Done"))
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.errors = QPlainTextEdit()
        self.errors.setReadOnly(True)
        self.print_button = QPushButton(self.tr("&Print the error list..."))
        self.print_button.clicked.connect(self.print_errors)
        self.save_button = QPushButton(self.tr("Save the &refused rows as Excel..."))
        self.save_button.setObjectName("save_refused")
        self.save_button.clicked.connect(lambda: self.save_refused())
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors, 1)
        layout.addLayout(row)

    def initializePage(self) -> None:  # noqa: N802
        from sync.lists.report import report_lines

        r, p = self.w.result, self.w.preview
        self.summary.setText(self.tr(
            "Imported from {file}: {created} new people, {updated} updated, {episodes} new "
            "placements. {refused} rows were refused. A backup was made first: {backup}. "
            "Data > Undo last list import takes it all back.").format(
                file=p.file_name, created=r.created, updated=r.updated, episodes=r.episodes,
                refused=p.counts["refused"], backup=r.backup.name))
        self.errors.setPlainText("\n".join(report_lines(p)))
        has_refused = p.counts["refused"] > 0
        self.save_button.setEnabled(has_refused)

    def print_errors(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec():
            QTextDocument(self.errors.toPlainText()).print_(printer)

    def save_refused(self, dest: Path | None = None) -> Path | None:
        from sync.lists.report import write_refused_rows

        if dest is None:
            stem = Path(self.w.preview.file_name).stem
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the refused rows"), f"{stem}_ditolak.xlsx",
                self.tr("Excel workbook (*.xlsx)"))
            if not name:
                return None
            dest = Path(name)
        try:
            write_refused_rows(self.w.preview, dest)
        except Exception as exc:  # noqa: BLE001 - shown to the operator
            show_error(self, exc)
            return None
        return dest


def undo_last_list_import(ctx: Any, parent: QWidget | None = None, *,
                          confirm: bool = True) -> Op | None:
    """Data > Undo last list import: ask, then undo on the DB worker."""
    from sync.lists.apply import undo_last_import

    title = translate("ImportListWizard", "Undo last list import")
    if confirm and QMessageBox.question(
            parent, title,
            translate("ImportListWizard", "Undo the last list import? The people it added "
                      "are removed and the values it changed are put back. A backup is made "
                      "first.")) != (
            QMessageBox.StandardButton.Yes):
        return None

    def work(_progress: Any, _cancel: Any) -> Any:
        return undo_last_import(ctx.db, ctx.workspace.data_dir.backups, operator=ctx.operator)

    def done(result: Any) -> None:
        ctx.notify_changed("resident")
        QMessageBox.information(parent, title, translate(
            "ImportListWizard", "The import of {file} was undone: {removed} records removed, "
            "{restored} put back.").format(file=result.source_name, removed=result.removed,
                            restored=result.restored))

    return (Op(ctx.tasks, work, parent).with_progress(
        translate("ImportListWizard", "Undoing the import..."))
            .on_success(done).on_failure(lambda exc: show_error(parent, exc)).start())
