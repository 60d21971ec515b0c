"""Impor paket (P4MI): preview, then import, then receipts.

1. **Choose** one or more ``.bmd`` files, or a whole folder (a USB stick from many villages:
   the folder and its sub-folders one level down).
2. **Preview** every bundle (:func:`sync.importer.preview_import`, nothing changes; a folder
   is checked quickly with :func:`sync.importer.quick.check_bundle`, container, key and numbers
   only, and the rows of a bundle are previewed when the clerk selects it, so that a regency
   round of 264 bundles is staged and classified once, in the import): per bundle
   the village, number, kind, encryption and a plain summary; for the selected one the counts
   per sheet (new, updated, unchanged, deleted, older, conflicts, rows with errors), each row
   error with sheet, row, column and reason, missing sequence numbers, NIK clashes. A village
   seen for the first time shows its key fingerprint: the clerk ticks "confirmed by phone".
3. **Import** (:func:`sync.importer.import_many`, DB worker, progress and **Batal**): by
   default a bundle with row errors is refused whole; "import only the valid rows" is an
   explicit option. Bundles whose new key is not confirmed are skipped.
4. **Receipts**: write one receipt per imported village into a chosen folder
   (:func:`sync.receipt.make_receipt`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import AppError
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.p4mi import common
from app.ui.tablemodels.rows import RowsModel
from app.ui.tasks import Op

MAX_SHOWN_ERRORS = 2_000


@dataclass
class BundleItem:
    path: Path
    report: object = None  # ImportReport of the preview
    refusal: AppError | None = None  # refused before any row was read
    result: object = None  # ImportReport or AppError of the import
    skipped: bool = False
    confirmed: bool = False  # the clerk confirmed a new village key
    reading: bool = False  # the rows of a quickly checked bundle are being previewed

    @property
    def quick(self) -> bool:
        """Checked quickly (container, key, numbers): its rows are not read yet."""
        from sync.importer.quick import STATUS_CHECKED

        return self.report is not None and self.report.status == STATUS_CHECKED

    @property
    def needs_key(self) -> bool:
        return self.report is not None and self.report.key_status == "baru"


def find_bundles(folder: Path) -> list[Path]:
    """The ``.bmd`` files in ``folder`` and its direct sub-folders, by name."""
    found = {p for p in folder.glob("*.bmd") if p.is_file()}
    found |= {p for p in folder.glob("*/*.bmd") if p.is_file()}
    return sorted(found, key=lambda p: (p.name, str(p)))


def _is_paket(report: object) -> bool:
    """A hub's "paket kabupaten" preview or result (sync/relay/), not a village bundle's."""
    return bool(getattr(report, "is_paket", False))


class ImportView(Retranslating, QWidget):
    """Import bundles. Filters (``apply_filter``): ``paths=[...]`` previews those files."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ImportView")
        self.items: list[BundleItem] = []
        self.imported_villages: list[str] = []

        self.title = QLabel()
        self.title.setFont(common.title_font(self))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color: #444;")
        self.notice = common.Notice()
        self.files_button = QPushButton()
        self.files_button.setObjectName("files_button")
        self.files_button.clicked.connect(self.choose_files)
        self.folder_button = QPushButton()
        self.folder_button.setObjectName("folder_button")
        self.folder_button.clicked.connect(self.choose_folder)
        self.valid_only = QCheckBox()
        self.valid_only.setObjectName("valid_only")
        self.import_button = QPushButton()
        self.import_button.setObjectName("import_button")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.receipt_button = QPushButton()
        self.receipt_button.setObjectName("receipt_button")
        self.receipt_button.setEnabled(False)
        self.receipt_button.clicked.connect(self.write_receipts)
        buttons = QHBoxLayout()
        buttons.addWidget(self.files_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.valid_only)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.receipt_button)

        self.bundles_model = RowsModel([], self, numeric=(2,))
        self.bundles_table = common.make_table(self.bundles_model)
        self.bundles_table.setObjectName("bundles_table")
        self.bundles_table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._show_details(cur.row()))

        self.details = QTextBrowser()
        self.details.setObjectName("details")
        self.details.setOpenLinks(False)
        self.key_confirm = QCheckBox()
        self.key_confirm.setObjectName("key_confirm")
        self.key_confirm.hide()
        self.key_confirm.toggled.connect(self._key_confirmed)
        self.errors_label = QLabel()
        self.errors_model = RowsModel([], self, numeric=(1,))
        self.errors_table = common.make_table(self.errors_model)
        self.errors_table.setObjectName("errors_table")
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.details, 1)
        lv.addWidget(self.key_confirm)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.errors_label)
        rv.addWidget(self.errors_table, 1)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(left)
        lower.addWidget(right)
        lower.setSizes([560, 560])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.bundles_table)
        split.addWidget(lower)
        split.setSizes([220, 360])

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.notice)
        layout.addWidget(split, 1)
        self.retranslate()

    # -- texts ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Import bundles from villages"))
        self.intro.setText(self.tr(
            "Choose bundle files (.bmd) or a whole folder, for example a USB stick with bundles "
            "of many villages. Each bundle is checked first and nothing changes until you press "
            "Import."))
        self.files_button.setText(self.tr("Choose bundle files…"))
        self.folder_button.setText(self.tr("Choose a folder…"))
        self.valid_only.setText(self.tr("Import only the valid rows"))
        self.valid_only.setToolTip(self.tr(
            "Normally a bundle with any row error is refused whole. With this option the valid "
            "rows are imported and the receipt lists the rejected rows for the village to fix."))
        self.import_button.setText(self.tr("Import"))
        self.receipt_button.setText(self.tr("Write receipts…"))
        self.bundles_model.set_headers([
            self.tr("File"), self.tr("Village"), self.tr("No."), self.tr("Kind"),
            self.tr("Encryption"), self.tr("Check result"), self.tr("Import")])
        self.errors_model.set_headers([self.tr("Sheet"), self.tr("Row"), self.tr("Column"),
                                       self.tr("Reason")])
        self.errors_label.setText(self.tr("Rows with errors"))
        self._fill_table()

    def refresh(self) -> None:
        """Nothing to re-read: the page shows the bundles chosen."""

    def apply_filter(self, **filters: object) -> None:
        paths = filters.get("paths")
        if paths:
            self.preview([Path(str(p)) for p in paths])  # type: ignore[union-attr]

    # -- choosing and preview ------------------------------------------------------------------
    def choose_files(self) -> None:
        paths = common.ask_files(self, self.tr("Choose bundle files"),
                                 self.tr("Bundles (*.bmd);;All files (*)"))
        if paths:
            self.preview(paths)

    def choose_folder(self) -> None:
        folder = common.ask_folder(self, self.tr("Choose the folder or USB stick with bundles"))
        if folder is None:
            return
        paths = find_bundles(folder)
        if not paths:
            self.notice.show_message(self.tr("No bundle files (.bmd) in {folder}.").format(
                folder=str(folder)), "warn")
            return
        self.preview(paths, quick=True)

    def preview(self, paths: list[Path], *, quick: bool = False) -> None:
        """Check the bundles on the DB worker. ``quick``: container, key and numbers only
        (a folder); the rows of one bundle are previewed when it is selected."""
        from sync.importer import preview_import
        from sync.importer.quick import check_bundle
        from sync.relay import is_paket, preview_paket

        ws = self.ctx.workspace
        self.notice.clear_message()
        self.imported_villages = []
        self.receipt_button.setEnabled(False)
        template = self.tr("Checking bundle {n} of {total}…")

        def work(progress, cancel):  # noqa: ANN001, ANN202
            from app.core.messages import catalogue, labels
            from app.core.progress import Progress

            # the sentences of the import's progress steps, read here on the DB worker: their
            # first use imports every contributing module (1-4 s), which froze the GUI thread
            # when the progress dialog first showed a step of the import
            catalogue()
            labels()
            items = []
            for n, path in enumerate(paths):
                cancel.check()
                progress(Progress(template.format(n=n + 1, total=len(paths)), n, len(paths)))
                item = BundleItem(path)
                try:
                    # a hub's "paket kabupaten" (issue 16) is previewed per village inside it
                    if is_paket(path):
                        item.report = preview_paket(ws, path, cancel=cancel)
                    elif quick:
                        item.report = check_bundle(ws, path)
                    else:
                        item.report = preview_import(ws, path, cancel=cancel)
                except AppError as exc:
                    item.refusal = exc
                items.append(item)
            return items

        def done(items: list[BundleItem]) -> None:
            self.items = items
            self._fill_table()
            if items:
                self.bundles_table.selectionModel().setCurrentIndex(
                    self.bundles_model.index(0, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self._show_details(0)
            ready = sum(1 for i in items if self._importable(i))
            self.notice.show_message(self.tr(
                "{n} bundles checked, {ready} can be imported. Look at each one, then press "
                "Import.").format(n=len(items), ready=ready), "info")
            self._update_buttons()

        def failed(exc: BaseException) -> None:
            common.report_failure(self.ctx, self.notice, self, exc)

        Op(self.ctx.tasks, work, parent=self).with_progress(self.tr("Checking bundles…")) \
            .on_success(done).on_failure(failed).on_cancel(
                lambda: self.notice.show_message(self.tr("Check cancelled."), "info")).start()

    # -- words ---------------------------------------------------------------------------------
    def _importable(self, item: BundleItem) -> bool:
        """Previewed, not imported yet (a bundle refused for row errors may be tried again,
        for example with "only the valid rows")."""
        r, res = item.report, item.result
        if r is None or r.status == "sudah_diimpor":
            return False
        return res is None or (not isinstance(res, AppError) and res.status == "ditolak")

    def _summary(self, item: BundleItem) -> str:
        r = item.report
        if item.refusal is not None:
            return self.tr("refused: {reason}").format(
                reason=self.ctx.message(item.refusal.code, **item.refusal.params))
        if r.status == "sudah_diimpor":
            return self.tr("already imported earlier")
        if item.quick:
            parts = [self.tr("signature and key checked; rows are checked on import")]
            if r.missing_sequences:
                parts.append(self.tr("missing no. {numbers}").format(
                    numbers=common.ranges(r.missing_sequences)))
            if item.needs_key:
                parts.append(self.tr("new village key"))
            return ", ".join(parts)
        parts = [self.tr("{n} new").format(n=common.number(r.total("new"))),
                 self.tr("{n} updated").format(n=common.number(r.total("updated")))]
        if r.total("deleted"):
            parts.append(self.tr("{n} deleted").format(n=common.number(r.total("deleted"))))
        if r.error_rows:
            parts.append(self.tr("{n} rows with errors").format(n=common.number(r.error_rows)))
        if r.total("conflicts"):
            parts.append(self.tr("{n} conflicts").format(n=common.number(r.total("conflicts"))))
        if r.nik_clashes:
            parts.append(self.tr("{n} NIK also in another village").format(
                n=common.number(len(r.nik_clashes))))
        if r.missing_sequences:
            parts.append(self.tr("missing no. {numbers}").format(
                numbers=common.ranges(r.missing_sequences)))
        if item.needs_key:
            parts.append(self.tr("new hub key") if _is_paket(r) else self.tr("new village key"))
        return ", ".join(parts)

    def _result_text(self, item: BundleItem) -> str:
        res = item.result
        if item.skipped:
            return self.tr("skipped: key not confirmed")
        if res is None:
            return ""
        if isinstance(res, AppError):
            return self.tr("refused")
        return {
            "diimpor": self.tr("imported"),
            "sebagian": self.tr("imported, {n} rows rejected").format(n=res.error_rows),
            "sudah_diimpor": self.tr("already imported"),
            "ditolak": self.tr("refused: rows with errors"),
        }.get(res.status, res.status)

    def _fill_table(self) -> None:
        rows, keys = [], []
        for n, item in enumerate(self.items):
            r = item.report
            if r is None:
                rows.append((item.path.name, "", "", "", "", self._summary(item),
                             self._result_text(item)))
            else:
                who = f"{r.village_name} ({r.village_code})"
                kind = self.tr("full") if r.scope == "lengkap" else self.tr("changes")
                if _is_paket(r):
                    who = self.tr("{hub}, {n} villages").format(hub=who, n=len(r.villages))
                    kind = self.tr("regency package, {kind}").format(kind=kind)
                rows.append((
                    item.path.name, who, str(r.sequence), kind,
                    self.tr("encrypted") if r.encrypted else self.tr("NOT encrypted"),
                    self._summary(item), self._result_text(item)))
            keys.append(str(n))
        current = self.bundles_table.currentIndex().row()
        self.bundles_model.set_rows(rows, keys)
        self.bundles_table.resizeColumnsToContents()
        if 0 <= current < len(rows):
            self.bundles_table.selectRow(current)

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(any(self._importable(i) for i in self.items))
        self.receipt_button.setEnabled(bool(self.imported_villages))

    def _show_details(self, row: int) -> None:
        self.key_confirm.blockSignals(True)
        self.key_confirm.hide()
        self.key_confirm.blockSignals(False)
        if not 0 <= row < len(self.items):
            self.details.clear()
            self.errors_model.set_rows([], [])
            return
        item = self.items[row]
        if item.quick and item.result is None:
            self._read_rows(row)
        self.details.setHtml(self._details_html(item))
        r = item.report
        errors = r.errors[:MAX_SHOWN_ERRORS] if r is not None else []
        self.errors_model.set_rows(
            [(e.sheet, str(e.row), e.column or "–", self.ctx.message(e.code, **e.params))
             for e in errors], [f"{e.sheet}:{e.row}:{e.column}" for e in errors])
        self.errors_label.setText(self.tr("Rows with errors: {n}").format(
            n=r.error_rows if r is not None else 0))
        if item.needs_key and item.result is None:
            self.key_confirm.blockSignals(True)
            self.key_confirm.setText(self.tr(
                "I phoned the sending hub's clerk: the fingerprint {fp} is the same").format(
                fp=r.fingerprint) if _is_paket(r) else self.tr(
                "I phoned the village operator: the fingerprint {fp} is the same").format(
                fp=r.fingerprint))
            self.key_confirm.setChecked(item.confirmed)
            self.key_confirm.show()
            self.key_confirm.blockSignals(False)

    def _read_rows(self, row: int) -> None:
        """Preview the rows of a quickly checked bundle (on the DB worker), then show them."""
        from sync.importer import preview_import

        item = self.items[row]
        if item.reading:
            return
        item.reading = True
        ws, path = self.ctx.workspace, item.path

        def work(_progress, cancel):  # noqa: ANN001, ANN202
            return preview_import(ws, path, cancel=cancel)

        def done(report: object) -> None:
            item.reading = False
            if item.result is None and item in self.items:
                item.report = report
                self._fill_table()
                current = self.bundles_table.currentIndex().row()
                if 0 <= current < len(self.items) and self.items[current] is item:
                    self._show_details(current)

        def failed(exc: BaseException) -> None:
            item.reading = False
            if isinstance(exc, AppError) and item.result is None:
                item.refusal, item.report = exc, None
                self._fill_table()
                self._update_buttons()
            else:
                common.report_failure(self.ctx, self.notice, self, exc)

        def cancelled() -> None:
            item.reading = False

        Op(self.ctx.tasks, work, parent=self).on_success(done).on_failure(failed) \
            .on_cancel(cancelled).start()

    def _details_html(self, item: BundleItem) -> str:
        from html import escape

        r = item.report
        out = [f"<h3>{escape(item.path.name)}</h3>"]
        if item.refusal is not None:
            out.append("<p style='color:#6b1410'><b>{}</b></p>".format(escape(self.tr(
                "This bundle is refused and changes nothing:"))))
            out.append(f"<p>{escape(self.ctx.message(item.refusal.code, **item.refusal.params))}"
                       "</p>")
            return "".join(out)
        if _is_paket(r):
            out.append(self._paket_html(r))
        else:
            out.append("<p>" + escape(self.tr(
                "Village {name} ({code}), bundle no. {n} ({kind}), made on {when}; {enc}.").format(
                name=r.village_name, code=r.village_code, n=r.sequence,
                kind=self.tr("full") if r.scope == "lengkap" else self.tr("changes"),
                when=common.fmt_iso(r.created_at),
                enc=self.tr("encrypted") if r.encrypted else self.tr("NOT encrypted"))) + "</p>")
        if r.status == "sudah_diimpor":
            out.append("<p><b>" + escape(self.tr(
                "This very file was imported before; importing it again changes nothing."))
                + "</b></p>")
            return "".join(out)
        if isinstance(item.result, AppError):
            out.append("<p style='color:#6b1410'><b>" + escape(self.ctx.message(
                item.result.code, **item.result.params)) + "</b></p>")
        elif item.quick:
            out.append("<p><i>" + escape(self.tr("Reading the rows of this bundle…")) + "</i></p>")
        elif item.result is not None and item.result.status == "ditolak":
            out.append("<p style='color:#6b1410'><b>" + escape(self.tr(
                "Refused: {n} rows have errors, nothing changed. Tick \"Import only the valid "
                "rows\" to import the rest, or ask the village to fix them.").format(
                n=item.result.error_rows)) + "</b></p>")
        heads = [self.tr("Sheet"), self.tr("New"), self.tr("Updated"), self.tr("Unchanged"),
                 self.tr("Deleted"), self.tr("Older"), self.tr("Conflicts"),
                 self.tr("With errors")]
        out.append("<table border='1' cellspacing='0' cellpadding='3'><tr>"
                   + "".join(f"<th>{escape(h)}</th>" for h in heads) + "</tr>")
        for sheet, c in r.counts.items():
            if not any(c.as_dict().values()):
                continue
            values = (c.new, c.updated, c.unchanged, c.deleted, c.older, c.conflicts, c.rejected)
            out.append(f"<tr><td>{escape(sheet)}</td>"
                       + "".join(f"<td align='right'>{common.number(v)}</td>" for v in values)
                       + "</tr>")
        out.append("</table>")
        notes: list[str] = []
        if item.needs_key and _is_paket(r):
            notes.append(self.tr(
                "First package from the hub {code}. Its key fingerprint is {fp}. Phone that "
                "hub's clerk and compare it before importing.").format(code=r.hub_code,
                                                                       fp=r.fingerprint))
        elif item.needs_key:
            notes.append(self.tr(
                "First bundle from this village. Its key fingerprint is {fp}. Phone the village "
                "operator (page \"P4MI bundle\" in their application) and compare it before "
                "importing.").format(fp=r.fingerprint))
        if r.missing_sequences:
            notes.append(self.tr(
                "Bundle numbers not received from this village: {numbers}. The import goes on; "
                "the village's next bundle carries those changes again.").format(
                numbers=common.ranges(r.missing_sequences)))
        if r.total("older"):
            notes.append(self.tr(
                "{n} rows are older than what P4MI already holds; they will not overwrite "
                "newer data.").format(n=r.total("older")))
        if r.total("conflicts"):
            notes.append(self.tr(
                "{n} rows conflict with what P4MI holds; P4MI keeps its row and the incoming "
                "one is kept for review.").format(n=r.total("conflicts")))
        for clash in r.nik_clashes[:20]:
            notes.append(self.tr(
                "NIK {nik} (sheet {sheet}, row {row}) is also held for village {other}. It is "
                "not merged; see \"Same NIK\".").format(
                nik=clash.masked_nik, sheet=clash.sheet, row=clash.row,
                other=clash.other_village))
        for code, params in r.warnings:
            if code in ("sync.warn.new_key", "sync.warn.gap"):
                continue
            notes.append(self.ctx.message(code, **params))
        if r.error_rows:
            notes.append(self.tr(
                "{n} rows have errors (list on the right). By default the whole bundle is "
                "refused; tick \"Import only the valid rows\" to import the rest.").format(
                n=r.error_rows))
        if notes:
            out.append("<ul>" + "".join(f"<li>{escape(t)}</li>" for t in notes) + "</ul>")
        return "".join(out)

    def _paket_html(self, r: Any) -> str:
        """A hub's package: who sent it, and the villages inside with their counts."""
        from html import escape

        out = ["<p>" + escape(self.tr(
            "Regency package of {name} ({code}), no. {n} ({kind}), made on {when}; {enc}. It "
            "holds {count} villages; each is checked and merged like its own bundle, and the "
            "whole package is imported at once or not at all.").format(
            name=r.hub_name, code=r.hub_code, n=r.sequence,
            kind=self.tr("full") if r.scope == "lengkap" else self.tr("changes"),
            when=common.fmt_iso(r.created_at),
            enc=self.tr("encrypted") if r.encrypted else self.tr("NOT encrypted"),
            count=len(r.villages))) + "</p>"]
        heads = [self.tr("Village"), self.tr("New"), self.tr("Updated"), self.tr("Unchanged"),
                 self.tr("Older"), self.tr("Conflicts"), self.tr("With errors")]
        out.append("<table border='1' cellspacing='0' cellpadding='3'><tr>"
                   + "".join(f"<th>{escape(h)}</th>" for h in heads) + "</tr>")
        for v in r.villages:
            values = (v.total("new"), v.total("updated"), v.total("unchanged"),
                      v.total("older"), v.total("conflicts"), v.error_rows)
            out.append(f"<tr><td>{escape(v.village_name)} ({escape(v.village_code)})</td>"
                       + "".join(f"<td align='right'>{common.number(n)}</td>" for n in values)
                       + "</tr>")
        out.append("</table><p>" + escape(self.tr("All villages together:")) + "</p>")
        return "".join(out)

    def _key_confirmed(self, checked: bool) -> None:
        row = self.bundles_table.currentIndex().row()
        if not 0 <= row < len(self.items):
            return
        village = self.items[row].report.village_code
        fp = self.items[row].report.fingerprint
        for item in self.items:  # every bundle of that village with the same key
            if item.report is not None and item.report.village_code == village and \
                    item.report.fingerprint == fp:
                item.confirmed = checked

    # -- import --------------------------------------------------------------------------------
    def start_import(self) -> None:
        from app.core.access import Permission
        from app.ui.permissions import require

        if not require(self, self.ctx, Permission.IMPORT):
            return
        from sync.importer import import_many
        from sync.relay import import_paket

        todo = [i for i in self.items if self._importable(i)]
        for item in todo:
            item.skipped = item.needs_key and not item.confirmed
        todo = [i for i in todo if not i.skipped]
        if not todo:
            self._fill_table()
            self.notice.show_message(self.tr(
                "Nothing to import: confirm the key fingerprint of new villages first."), "warn")
            return
        ws, operator = self.ctx.workspace, self.ctx.operator
        valid_only = self.valid_only.isChecked()
        keys = {i.report.village_code: i.report.fingerprint for i in todo if i.needs_key}
        pakets = [i.path for i in todo if _is_paket(i.report)]
        paths = [i.path for i in todo if not _is_paket(i.report)]

        def work(progress, cancel):  # noqa: ANN001, ANN202
            results = import_many(ws, paths, valid_rows_only=valid_only, confirm_keys=keys,
                                  operator=operator, progress=progress,
                                  cancel=cancel) if paths else []
            for path in pakets:  # a hub's package: one transaction each (sync/relay/)
                item = next(i for i in todo if i.path == path)
                try:
                    results.append((path, import_paket(
                        ws, path, valid_rows_only=valid_only, operator=operator,
                        confirm_key=item.report.fingerprint if item.needs_key else None,
                        progress=progress, cancel=cancel)))
                except AppError as exc:
                    results.append((path, exc))
            return results

        def done(results: list) -> None:
            by_path = dict(results)
            villages: list[str] = []
            for item in todo:
                item.result = by_path.get(item.path)
                res = item.result
                if item.quick and res is not None and not isinstance(res, AppError):
                    item.report = res  # the import read the rows: its counts are the details
                if res is not None and not isinstance(res, AppError) and res.changed:
                    if res.village_code not in villages:
                        villages.append(res.village_code)
            self.imported_villages = villages
            self._after_import(todo)
            self.ctx.notify_changed("bundle")

        def failed(exc: BaseException) -> None:
            common.report_failure(self.ctx, self.notice, self, exc)

        def cancelled() -> None:
            self.notice.show_message(self.tr(
                "Import cancelled. Bundles finished before the cancel stay imported; the one in "
                "progress changed nothing."), "warn")
            self._recheck(todo)

        Op(self.ctx.tasks, work, parent=self).with_progress(self.tr("Importing bundles…")) \
            .on_success(done).on_failure(failed).on_cancel(cancelled).start()

    def _recheck(self, todo: list[BundleItem]) -> None:
        """After a cancel: check the bundles again quickly (on the DB worker), so that those
        imported before the cancel show as imported and get their receipts."""
        from sync.importer.quick import check_bundle

        ws = self.ctx.workspace

        def work(_progress, _cancel):  # noqa: ANN001, ANN202
            out = []
            for item in todo:
                try:
                    out.append((item, check_bundle(ws, item.path)))
                except AppError as exc:
                    out.append((item, exc))
            return out

        def done(checked: list) -> None:
            for item, report in checked:
                if isinstance(report, AppError):
                    continue
                if report.status == "sudah_diimpor" and item.report is not None \
                        and item.report.status != "sudah_diimpor":
                    if item.report.village_code not in self.imported_villages:
                        self.imported_villages.append(item.report.village_code)
                    item.report = report
            self._fill_table()
            self._update_buttons()
            if self.imported_villages:
                self.ctx.notify_changed("bundle")

        Op(self.ctx.tasks, work, parent=self).on_success(done).start()

    def _after_import(self, todo: list[BundleItem]) -> None:
        ok = sum(1 for i in todo if not isinstance(i.result, AppError) and i.result is not None
                 and i.result.changed)
        refused = len(todo) - ok
        skipped = sum(1 for i in self.items if i.skipped)
        text = self.tr("{ok} bundles imported, {refused} refused, {skipped} skipped.").format(
            ok=ok, refused=refused, skipped=skipped)
        if self.imported_villages:
            text += " " + self.tr("Write the receipts for the villages now (Write receipts…).")
        self.notice.show_message(text, "ok" if not refused and not skipped else "warn")
        self._fill_table()
        self._show_details(max(0, self.bundles_table.currentIndex().row()))
        self._update_buttons()

    def write_receipts(self) -> None:
        from app.core import reference
        from sync.receipt import make_receipt
        from sync.relay import make_paket_receipt

        folder = common.ask_folder(self, self.tr("Choose the folder for the receipts"))
        if folder is None:
            return
        written, failed = [], []
        for village in self.imported_villages:
            try:
                if reference.region_level(village) != "desa":  # a hub that sent a package
                    written.append(make_paket_receipt(self.ctx.workspace, village,
                                                      folder).name)
                    continue
                info = make_receipt(self.ctx.workspace, village, folder,
                                    operator=self.ctx.operator)
                written.append(info.path.name)
            except (AppError, OSError) as exc:
                failed.append(f"{village}: {common.error_sentence(self.ctx, exc) or exc}")
        text = self.tr("{n} receipts written to {folder}: {files}").format(
            n=len(written), folder=str(folder), files=", ".join(written))
        if failed:
            text += "\n" + self.tr("Not written: {list}").format(list="; ".join(failed))
        self.notice.show_message(text, "warn" if failed else "ok")
