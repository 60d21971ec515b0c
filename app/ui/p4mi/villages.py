"""Desa (P4MI): every village of the regency, what P4MI holds and received from each.

One row per village of the Kemendagri list (also those that never sent anything): last
bundle date, last sequence number, missing numbers, residents, CPMI, PMI, purna, days since
the last bundle, same-NIK pairs. A search box and "only villages that sent / never sent"
filter it. Selecting a village shows its import history and key; **Ganti kunci desa**
(replace the village's key, for a new laptop or a reinstall) is an explicit, confirmed action
that the engine audits (:func:`sync.trust.replace_village_key`); **Tulis tanda terima** writes
its receipt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import AppError
from app.core.repo import p4mi as repo
from app.ui.context import AppContext
from app.ui.i18n import Retranslating, current_language
from app.ui.p4mi import common
from app.ui.tablemodels.rows import RowsModel


class VillagesView(Retranslating, QWidget):
    """Villages overview. Filters: ``village=CODE`` selects it; ``show="sent"|"never"|"all"``;
    ``text=...`` searches."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("VillagesView")
        self.rows: list[repo.VillageRow] = []
        self._histories: dict[str, list] = {}  # import history per village, as of the data
        self._reading: set[str] = set()  # villages whose history is being read on the worker
        self.today = date.today()

        self.title = QLabel()
        self.title.setFont(common.title_font(self))
        self.summary = QLabel()
        self.summary.setStyleSheet("color: #444;")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self._fill)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.show_combo = QComboBox()
        self.show_combo.setObjectName("show_combo")
        self.show_combo.currentIndexChanged.connect(lambda _i: self._fill())
        self.notice = common.Notice()
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addSpacing(12)
        head.addWidget(self.summary, 1)
        head.addWidget(self.show_combo)
        head.addWidget(self.search)
        self.search.setMinimumWidth(220)

        self.model = RowsModel([], self, numeric=(4, 5, 6, 7, 8, 9, 10, 11))
        self.table = common.make_table(self.model)
        self.table.setObjectName("villages_table")
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._show_village(cur.row()))

        self.detail_title = QLabel()
        self.detail_title.setFont(common.title_font(self, 1.1))
        self.key_label = QLabel()
        self.key_label.setObjectName("key_label")
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.replace_key_button = QPushButton()
        self.replace_key_button.setObjectName("replace_key_button")
        self.replace_key_button.clicked.connect(self.replace_key)
        self.receipt_button = QPushButton()
        self.receipt_button.setObjectName("receipt_button")
        self.receipt_button.clicked.connect(self.write_receipt)
        self.history_model = RowsModel([], self, numeric=(0, 4, 5, 6, 7))
        self.history_table = common.make_table(self.history_model)
        self.history_table.setObjectName("village_history_table")
        actions = QHBoxLayout()
        actions.addWidget(self.detail_title, 1)
        actions.addWidget(self.receipt_button)
        actions.addWidget(self.replace_key_button)
        detail = QWidget()
        dv = QVBoxLayout(detail)
        dv.setContentsMargins(0, 0, 0, 0)
        dv.addLayout(actions)
        dv.addWidget(self.key_label)
        dv.addWidget(self.history_table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setSizes([400, 220])

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.notice)
        layout.addWidget(split, 1)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Villages"))
        self.search.setPlaceholderText(self.tr("Search village, district or code"))
        current = self.show_combo.currentIndex()
        self.show_combo.blockSignals(True)
        self.show_combo.clear()
        self.show_combo.addItem(self.tr("All villages"), "all")
        self.show_combo.addItem(self.tr("Villages that sent bundles"), "sent")
        self.show_combo.addItem(self.tr("Villages that never sent"), "never")
        self.show_combo.setCurrentIndex(max(0, current))
        self.show_combo.blockSignals(False)
        self.model.set_headers([
            self.tr("Code"), self.tr("Village"), self.tr("District"), self.tr("Last bundle"),
            self.tr("Last no."), self.tr("Missing no."), self.tr("Residents"),
            self.tr("CPMI"), self.tr("PMI"), self.tr("Purna"), self.tr("Days since"),
            self.tr("Same NIK")])
        self.history_model.set_headers([
            self.tr("No."), self.tr("Imported on"), self.tr("Kind"), self.tr("Result"),
            self.tr("New"), self.tr("Updated"), self.tr("Deleted"), self.tr("Rejected"),
            self.tr("By"), self.tr("File")])
        self.replace_key_button.setText(self.tr("Replace village key…"))
        self.receipt_button.setText(self.tr("Write receipt…"))
        self._fill()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def apply_filter(self, **filters: object) -> None:
        if "show" in filters:
            index = self.show_combo.findData(filters["show"])
            if index >= 0:
                self.show_combo.setCurrentIndex(index)
        if "text" in filters:
            self.search.setText(str(filters["text"]))
            self._fill()
        if "village" in filters:
            self.select_village(str(filters["village"]))

    # -- data ----------------------------------------------------------------------------------
    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Read the overview on the DB worker (a 200,000-resident hub takes seconds); ``then``
        runs on the GUI thread once the rows are shown."""
        from app.ui.tasks import Op

        db, code = self.ctx.db, self.ctx.office.code
        current = self.current_code()

        def work(_progress, _cancel):  # noqa: ANN001, ANN202
            import sync.importer  # noqa: F401 - loaded here, not on the GUI thread (ranges())

            with db.session() as s:
                # the import history of the village on screen too: read on the GUI thread
                # after every import it blocked the window (40-90 ms at 200,000 residents)
                return (repo.villages_overview(s, code),
                        {current: repo.import_history(s, current)} if current else {})

        def done(result: tuple[list[repo.VillageRow], dict[str, list]]) -> None:
            self._histories = result[1]
            self._loaded(result[0])
            if then is not None:
                then()

        Op(self.ctx.tasks, work, parent=self).on_success(done).start()

    def _loaded(self, rows: list[repo.VillageRow]) -> None:
        self.today = date.today()
        self.rows = rows
        sent = sum(1 for r in self.rows if r.bundles)
        self.summary.setText(self.tr("{sent} of {total} villages have sent bundles.").format(
            sent=sent, total=len(self.rows)))
        self._fill()

    def shown_rows(self) -> list[repo.VillageRow]:
        mode = self.show_combo.currentData() or "all"
        needle = self.search.text().strip().lower()
        out = []
        for r in self.rows:
            if mode == "sent" and not r.bundles or mode == "never" and r.bundles:
                continue
            if needle and needle not in f"{r.code} {r.name} {r.district}".lower():
                continue
            out.append(r)
        return out

    def _fill(self) -> None:
        current = self.current_code()
        rows = self.shown_rows()
        table = []
        lang = current_language()

        def number(n: int) -> str:
            return common.number(n, lang)

        for r in rows:
            days = r.days_since(self.today)
            table.append((
                r.code, r.name, r.district, common.fmt_date(r.last_import),
                str(r.last_sequence) if r.bundles else "",
                common.ranges(r.gaps), number(r.residents), number(r.calon_pmi),
                number(r.pmi), number(r.purna_pmi),
                "" if days is None else str(days), str(r.nik_flags) if r.nik_flags else ""))
        self.model.set_rows(table, [r.code for r in rows])
        if not self.table.property("sized") and rows:
            self.table.resizeColumnsToContents()
            self.table.setProperty("sized", True)
        if current:
            self.select_village(current)

    def current_code(self) -> str:
        row = self.table.currentIndex().row()
        return self.model.key(row) if 0 <= row < self.model.rowCount() else ""

    def select_village(self, code: str) -> None:
        row = self.model.row_of(code)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
            self._show_village(row)

    def _show_village(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.detail_title.clear()
            self.key_label.clear()
            self.history_model.set_rows([], [])
            self.replace_key_button.setEnabled(False)
            self.receipt_button.setEnabled(False)
            return
        code = self.model.key(row)
        village = next(r for r in self.rows if r.code == code)
        self.detail_title.setText(f"{village.name} ({village.code})")
        if village.key_fingerprint:
            self.key_label.setText(self.tr("Village key on record: {fp}").format(
                fp=village.key_fingerprint))
        else:
            self.key_label.setText(self.tr(
                "No key on record yet: the first bundle records it after you confirm its "
                "fingerprint."))
        self.replace_key_button.setEnabled(True)
        self.receipt_button.setEnabled(bool(village.key_fingerprint))
        history = self._histories.get(code)  # as of the last refresh
        if history is not None:
            self._show_history(history)
            return
        # another village chosen by the clerk: its history is read on the DB worker (a read on
        # the GUI thread blocked the window, issue 15 item 4); the table stays empty meanwhile
        self.history_model.set_rows([], [])
        if code in self._reading:  # already asked for (select_village shows a row twice)
            return
        self._reading.add(code)
        db, histories = self.ctx.db, self._histories

        def work(_progress, _cancel):  # noqa: ANN001, ANN202
            with db.session() as s:
                return repo.import_history(s, code)

        def done(history: list) -> None:
            self._reading.discard(code)
            if histories is self._histories:  # no refresh meanwhile: still as of the data
                histories[code] = history
            if self.current_code() == code:  # the clerk may have moved on meanwhile
                self._show_history(history)

        from app.ui.tasks import Op

        def failed(exc: BaseException) -> None:
            self._reading.discard(code)
            common.report_failure(self.ctx, self.notice, self, exc)

        Op(self.ctx.tasks, work, parent=self).on_success(done).on_failure(failed).start()

    def _show_history(self, history: list) -> None:
        self.history_model.set_rows([
            (str(h.sequence), common.fmt_datetime(h.imported_at),
             self.tr("full") if h.scope == "lengkap" else self.tr("changes"),
             self.tr("imported") if h.status == "diimpor" else self.tr("partly imported"),
             common.number(h.new), common.number(h.updated), common.number(h.deleted),
             common.number(h.rejected), h.operator, h.file_name) for h in history],
            [str(h.id) for h in history])

    # -- actions -------------------------------------------------------------------------------
    def replace_key(self) -> None:
        from app.core.access import Permission
        from app.ui.permissions import require

        if not require(self, self.ctx, Permission.MANAGE_KEYS):
            return
        from sync.container import read_bundle
        from sync.keys import read_public_key_file
        from sync.trust import replace_village_key

        code = self.current_code()
        if not code:
            return
        village = next(r for r in self.rows if r.code == code)
        path = common.ask_file(self, self.tr("Choose the village's new key file or a bundle of it"),
                               self.tr("Key file or bundle (*.pub *.bmd);;All files (*)"))
        if path is None:
            return
        self.notice.clear_message()
        try:
            if path.suffix.lower() == ".bmd":
                manifest = read_bundle(Path(path)).manifest
                if manifest.village_code != code:
                    self.notice.show_message(self.tr(
                        "This bundle comes from village {other}, not from {code}.").format(
                        other=manifest.village_code, code=code), "error")
                    return
                info = manifest.public_key
            else:
                info = read_public_key_file(Path(path))
            reason = common.ask_text(self, self.tr("Replace village key"), self.tr(
                "Why is the key of {name} replaced? (for example: new laptop, application "
                "reinstalled)").format(name=village.name))
            if reason is None:
                return
            if not reason.strip():
                self.notice.show_message(self.ctx.message("sync.key.no_reason"), "error")
                return
            old = village.key_fingerprint or self.tr("(none)")
            if not common.confirm(
                    self, self.tr("Replace village key"),
                    self.tr("Village {name} ({code})\n\nOld key: {old}\nNew key: {new}\n\n"
                            "Phone the village operator and compare the new fingerprint with "
                            "the one on their \"P4MI bundle\" page. After the replacement, "
                            "bundles signed by the old key are refused. This action is "
                            "recorded in the audit log.").format(
                        name=village.name, code=code, old=old, new=info.fingerprint),
                    self.tr("Same: replace the key")):
                return
            replace_village_key(self.ctx.workspace, code, info, operator=self.ctx.operator,
                                reason=reason, confirm_fingerprint=info.fingerprint)
        except AppError as exc:
            self.notice.show_message(self.ctx.message(exc.code, **exc.params), "error")
            return
        self.notice.show_message(self.ctx.message("sync.key.replaced", village=code, old=old,
                                                  new=info.fingerprint), "ok")
        self.refresh(then=lambda: self.select_village(code))
        self.ctx.notify_changed("village_key")

    def write_receipt(self) -> None:
        from sync.receipt import make_receipt

        code = self.current_code()
        if not code:
            return
        folder = common.ask_folder(self, self.tr("Choose the folder for the receipt"))
        if folder is None:
            return
        try:
            info = make_receipt(self.ctx.workspace, code, folder, operator=self.ctx.operator)
        except (AppError, OSError) as exc:
            common.report_failure(self.ctx, self.notice, self, exc)
            return
        self.notice.show_message(self.tr("Receipt written: {path}").format(path=str(info.path)),
                                 "ok")
