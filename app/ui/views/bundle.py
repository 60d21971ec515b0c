"""Paket P4MI (village mode): save a bundle for P4MI, read P4MI's receipts, keys, history.

- **Save a bundle** to a folder or USB stick: *changes not yet confirmed by a P4MI receipt*
  (default) or *everything* (full). The engine (:func:`sync.export.export_bundle`) writes to a
  temporary name and renames, on the DB worker thread with progress and **Batal**. The page
  says beforehand whether the bundle will be encrypted to P4MI or plain (with the warning),
  and afterwards where the file is.
- **Receipt status** (:func:`sync.receipt.send_status`): what P4MI has confirmed, what still
  waits to be sent, rows P4MI rejected. *Import receipt* reads a ``.bmdt`` file; the first
  receipt pins the P4MI key after the operator confirms its fingerprint.
- **Keys**: this installation's fingerprint (read out to the P4MI clerk by phone); the head
  installs the P4MI public key from its file after comparing the fingerprint.
- **History** of the bundles written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import AppError
from app.core.repo import p4mi as repo
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.p4mi import common
from app.ui.tablemodels.rows import RowsModel
from app.ui.tasks import Op
from sync.container import MAX_BUNDLE_ROWS


class BundleView(Retranslating, QWidget):
    """Paket P4MI. Filters: none."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("BundleView")
        self.last_report = None  # the ExportReport of the latest bundle written here
        self.status = None  # the latest SendStatus
        self.own_fingerprint = ""
        self.p4mi_fingerprint: str | None = None

        self.title = QLabel()
        self.title.setFont(common.title_font(self))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color: #444;")
        self.notice = common.Notice()
        self.notice.setObjectName("notice")

        # -- save a bundle
        self.send_box = QGroupBox()
        self.changes_radio = QRadioButton()
        self.full_radio = QRadioButton()
        self.changes_radio.setChecked(True)
        self.scope_group = QButtonGroup(self)
        self.scope_group.addButton(self.changes_radio)
        self.scope_group.addButton(self.full_radio)
        self.encryption_label = QLabel()
        self.encryption_label.setObjectName("encryption_label")
        self.encryption_label.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.setObjectName("save_button")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_bundle)
        self.result_label = QLabel()
        self.result_label.setObjectName("result_label")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        send = QVBoxLayout(self.send_box)
        send.addWidget(self.changes_radio)
        send.addWidget(self.full_radio)
        send.addWidget(self.encryption_label)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        send.addLayout(row)
        send.addWidget(self.result_label)

        # -- receipt status
        self.status_box = QGroupBox()
        self.status_labels: dict[str, tuple[QLabel, QLabel]] = {
            k: (QLabel(), QLabel()) for k in ("receipt", "confirmed", "exported", "pending")}
        grid = QGridLayout()
        for r, (caption, value) in enumerate(self.status_labels.values()):
            value.setObjectName(f"status_{list(self.status_labels)[r]}")
            value.setWordWrap(True)
            grid.addWidget(caption, r, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, r, 1)
        grid.setColumnStretch(1, 1)
        self.rejected_label = QLabel()
        self.rejected_label.setObjectName("rejected_label")
        self.rejected_label.setWordWrap(True)
        self.receipt_button = QPushButton()
        self.receipt_button.setObjectName("receipt_button")
        self.receipt_button.clicked.connect(self.import_receipt)
        status = QVBoxLayout(self.status_box)
        status.addLayout(grid)
        status.addWidget(self.rejected_label)
        row = QHBoxLayout()
        row.addWidget(self.receipt_button)
        row.addStretch(1)
        status.addLayout(row)

        # -- keys
        self.keys_box = QGroupBox()
        self.own_key_caption = QLabel()
        self.own_key_label = QLabel()
        self.own_key_label.setObjectName("own_key_label")
        self.p4mi_key_caption = QLabel()
        self.p4mi_key_label = QLabel()
        self.p4mi_key_label.setObjectName("p4mi_key_label")
        for label in (self.own_key_label, self.p4mi_key_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            f = label.font()
            f.setFamily("monospace")
            f.setBold(True)
            label.setFont(f)
        self.key_hint = QLabel()
        self.key_hint.setWordWrap(True)
        self.key_hint.setStyleSheet("color: #555;")
        self.install_key_button = QPushButton()
        self.install_key_button.setObjectName("install_key_button")
        self.install_key_button.clicked.connect(self.install_p4mi_key)
        keys = QGridLayout(self.keys_box)
        keys.addWidget(self.own_key_caption, 0, 0)
        keys.addWidget(self.own_key_label, 0, 1)
        keys.addWidget(self.p4mi_key_caption, 1, 0)
        keys.addWidget(self.p4mi_key_label, 1, 1)
        keys.addWidget(self.key_hint, 2, 0, 1, 2)
        keys.addWidget(self.install_key_button, 3, 0, 1, 1)
        keys.setColumnStretch(1, 1)

        # -- history
        self.history_box = QGroupBox()
        self.history_model = RowsModel([], self, numeric=(0, 4))
        self.history_table = common.make_table(self.history_model)
        self.history_table.setObjectName("history_table")
        self.history_table.setMinimumHeight(150)
        QVBoxLayout(self.history_box).addWidget(self.history_table)

        left = QVBoxLayout()
        left.addWidget(self.send_box)
        left.addWidget(self.keys_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.status_box)
        from app.ui.p4mi.from_p4mi import FromP4miPanel  # the P4MI desk's bulletin (issue 12)

        self.from_p4mi = FromP4miPanel(ctx, self.notice)
        right.addWidget(self.from_p4mi)
        right.addWidget(self.history_box, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        inner = QWidget()
        page = QVBoxLayout(inner)
        page.addWidget(self.title)
        page.addWidget(self.intro)
        page.addWidget(self.notice)
        page.addLayout(columns, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.retranslate()
        self.refresh()

    # -- texts ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("P4MI bundle"))
        self.intro.setText(self.tr(
            "Once a month, save a bundle to a USB stick or folder and take it to P4MI (or send "
            "the file). P4MI answers with a receipt file: import it here so this page knows what "
            "P4MI already holds. Nothing is deleted from this computer when you send."))
        self.send_box.setTitle(self.tr("Save a bundle for P4MI"))
        self.changes_radio.setText(self.tr(
            "Changes not yet confirmed by a P4MI receipt (usual, every month)"))
        self.full_radio.setText(self.tr(
            "Everything (full bundle: the first time, or when P4MI asks for it)"))
        self.save_button.setText(self.tr("Save bundle to folder or USB stick…"))
        self.status_box.setTitle(self.tr("What P4MI has received"))
        captions = {
            "receipt": self.tr("Latest receipt:"),
            "confirmed": self.tr("Confirmed by P4MI up to:"),
            "exported": self.tr("Latest bundle saved:"),
            "pending": self.tr("Still to send:"),
        }
        for key, text in captions.items():
            self.status_labels[key][0].setText(text)
        self.receipt_button.setText(self.tr("Import P4MI receipt…"))
        self.keys_box.setTitle(self.tr("Keys"))
        self.own_key_caption.setText(self.tr("Fingerprint of this computer:"))
        self.p4mi_key_caption.setText(self.tr("P4MI key:"))
        self.key_hint.setText(self.tr(
            "Read the fingerprint of this computer to the P4MI clerk by phone when P4MI asks: "
            "it proves that the bundle comes from this village. The village head installs the "
            "P4MI key file (from P4MI or the training) so that bundles are encrypted."))
        self.install_key_button.setText(self.tr("Install P4MI key from file…"))
        self.history_box.setTitle(self.tr("Bundles saved"))
        self.history_model.set_headers([
            self.tr("No."), self.tr("Saved on"), self.tr("Kind"), self.tr("Status"),
            self.tr("Rows"), self.tr("File")])
        self._show_keys()
        self._show_status()
        self._show_result()

    # -- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        from sync.keys import load_or_create_keypair, load_p4mi_key
        from sync.receipt import send_status

        office = self.ctx.office
        try:
            pair = load_or_create_keypair(self.ctx.workspace.data_dir, office_code=office.code,
                                          role="desa")
            self.own_fingerprint = pair.fingerprint
            key = load_p4mi_key(self.ctx.workspace.data_dir)
            self.p4mi_fingerprint = key.fingerprint if key else None
            self.status = send_status(self.ctx.workspace)
        except AppError as exc:
            self.notice.show_message(self.ctx.message(exc.code, **exc.params), "error")
        with self.ctx.db.session() as s:
            history = repo.export_history(s)
        confirmed = self.status.confirmed_sequence if self.status is not None else 0
        self.history_model.set_rows(
            [(str(h.sequence), common.fmt_datetime(h.created_at), self._scope_text(h.scope),
              # once P4MI's receipt confirms it, the bundle is no longer just "saved"
              self.tr("received by P4MI") if h.status == "selesai" and h.sequence <= confirmed
              else self._export_status_text(h.status), common.number(h.rows), h.file_name)
             for h in history], [str(h.id) for h in history])
        self.history_table.resizeColumnsToContents()
        self._show_keys()
        self._show_status()
        self.from_p4mi.refresh()

    def _scope_text(self, scope: str) -> str:
        return self.tr("full") if scope == "lengkap" else self.tr("changes")

    def _export_status_text(self, status: str) -> str:
        return {"selesai": self.tr("saved"), "gagal": self.tr("failed"),
                "menulis": self.tr("interrupted")}.get(status, status)

    def _show_keys(self) -> None:
        self.own_key_label.setText(self.own_fingerprint or "–")
        if self.p4mi_fingerprint:
            self.p4mi_key_label.setText(self.p4mi_fingerprint)
            self.encryption_label.setText(self.tr(
                "The bundle will be encrypted to the P4MI key {fingerprint}: only P4MI can "
                "read it.").format(fingerprint=self.p4mi_fingerprint))
            self.encryption_label.setStyleSheet(
                "QLabel { color: #144d2f; background: #e9f6ef; padding: 4px; }")
        else:
            self.p4mi_key_label.setText(self.tr("not installed"))
            self.encryption_label.setText(self.tr(
                "Warning: the P4MI key is not installed, so the bundle will NOT be encrypted. "
                "Anyone who gets the file can read the personal data (UU 27/2022). Install the "
                "P4MI key below first if you can."))
            self.encryption_label.setStyleSheet(
                "QLabel { color: #5c3d00; background: #fff4e0; padding: 4px; }")

    def _show_status(self) -> None:
        st = self.status
        labels = {k: v[1] for k, v in self.status_labels.items()}
        if st is None:
            for label in labels.values():
                label.setText("–")
            self.rejected_label.clear()
            return
        labels["receipt"].setText(common.fmt_iso(st.last_receipt_at) if st.last_receipt_at
                                  else self.tr("none yet"))
        labels["confirmed"].setText(self.tr("bundle no. {n}").format(n=st.confirmed_sequence)
                                    if st.confirmed_sequence else self.tr("nothing yet"))
        labels["exported"].setText(self.tr("bundle no. {n}").format(n=st.last_export_sequence)
                                   if st.last_export_sequence else self.tr("none yet"))
        if st.pending_total == 0:
            labels["pending"].setText(self.tr("nothing: P4MI has everything"))
            labels["pending"].setStyleSheet("color: #144d2f;")
        else:
            parts = ", ".join(f"{sheet} {common.number(n)}" for sheet, n in st.pending.items()
                              if n)
            text = self.tr("{n} rows ({parts})").format(n=common.number(st.pending_total),
                                                         parts=parts)
            if st.pending_total > MAX_BUNDLE_ROWS:  # said before the user tries, not after
                text += "\n" + self.tr(
                    "More than one bundle can carry ({n} rows at most): P4MI would refuse it. "
                    "Contact the P4MI clerk.").format(n=common.number(MAX_BUNDLE_ROWS))
            labels["pending"].setText(text)
            labels["pending"].setStyleSheet("color: #8a4b00; font-weight: bold;")
        if st.rejected:
            lines = [self.tr("P4MI rejected {n} rows in the latest bundle; fix them and send "
                             "again:").format(n=len(st.rejected))]
            for item in st.rejected[:8]:
                lines.append(self.tr("• sheet {sheet}, row {row}, {column}: {reason}").format(
                    sheet=item.get("sheet", ""), row=item.get("row", ""),
                    column=item.get("column", "") or "-", reason=self._rejected_reason(item)))
            if len(st.rejected) > 8:
                lines.append(self.tr("… and {n} more").format(n=len(st.rejected) - 8))
            self.rejected_label.setText("\n".join(lines))
            self.rejected_label.setStyleSheet("color: #6b1410;")
        else:
            self.rejected_label.clear()

    def _rejected_reason(self, item: dict) -> str:
        code = item.get("code")
        if code:
            params = item.get("params") if isinstance(item.get("params"), dict) else {}
            return self.ctx.message(str(code), **params)
        return str(item.get("pesan", ""))

    def _show_result(self) -> None:
        r = self.last_report
        if r is None:
            self.result_label.clear()
            return
        what = self.tr("full") if r.scope == "lengkap" else self.tr("changes")
        lock = self.tr("encrypted to P4MI") if r.encrypted else self.tr("NOT encrypted")
        self.result_label.setText(self.tr(
            "Bundle no. {n} ({what}, {rows} rows, {lock}) saved as:\n{path}").format(
            n=r.sequence, what=what, rows=common.number(r.total_rows), lock=lock,
            path=str(r.path)))

    # -- actions -------------------------------------------------------------------------------
    def save_bundle(self) -> None:
        from app.core.access import Permission
        from app.ui.permissions import require

        if not require(self, self.ctx, Permission.EXPORT):
            return
        from sync.export import export_bundle

        folder = common.ask_folder(self, self.tr("Choose the folder or USB stick for the bundle"))
        if folder is None:
            return
        full = self.full_radio.isChecked()
        ws, operator = self.ctx.workspace, self.ctx.operator
        self.notice.clear_message()
        self.save_button.setEnabled(False)

        def work(progress, cancel):  # noqa: ANN001, ANN202 - Op work signature
            return export_bundle(ws, Path(folder), full=full, progress=progress, cancel=cancel,
                                 operator=operator)

        def done(report) -> None:  # noqa: ANN001
            self.save_button.setEnabled(True)
            self.last_report = report
            self._show_result()
            if report.encrypted:
                self.notice.show_message(self.tr(
                    "The bundle is saved. Take it to P4MI, or send the file."), "ok")
            else:
                self.notice.show_message(self.tr(
                    "The bundle is saved but NOT encrypted: keep the USB stick safe and delete "
                    "the file after P4MI has it."), "warn")
            self.refresh()
            self.ctx.notify_changed("bundle")

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            common.report_failure(self.ctx, self.notice, self, exc)
            self.refresh()

        def cancelled() -> None:
            self.save_button.setEnabled(True)
            self.notice.show_message(self.tr("Cancelled: no bundle was saved."), "info")

        Op(self.ctx.tasks, work, parent=self).with_progress(self.tr("Saving the bundle…")) \
            .on_success(done).on_failure(failed).on_cancel(cancelled).start()

    def import_receipt(self) -> None:
        from sync.receipt import import_receipt, read_receipt

        path = common.ask_file(self, self.tr("Choose the P4MI receipt file"),
                               self.tr("P4MI receipts (*.bmdt);;All files (*)"))
        if path is None:
            return
        self.notice.clear_message()
        confirm_key = None
        try:
            if self.p4mi_fingerprint is None:
                _content, hub, _sha = read_receipt(path)
                if not common.confirm(
                        self, self.tr("Confirm the P4MI key"),
                        self.tr("No P4MI key is installed yet. This receipt is signed by the key "
                                "with fingerprint:\n\n{fp}\n\nAsk the P4MI clerk to read out the "
                                "P4MI fingerprint. Install this key only if they are the "
                                "same.").format(fp=hub.fingerprint),
                        self.tr("Same: install and import")):
                    return
                confirm_key = hub.fingerprint
            result = import_receipt(self.ctx.workspace, path, confirm_key=confirm_key,
                                    operator=self.ctx.operator)
        except AppError as exc:
            self.notice.show_message(self.ctx.message(exc.code, **exc.params), "error")
            return
        if result.status == "sudah_ada":
            self.notice.show_message(self.tr("This receipt was already imported."), "info")
        elif result.status == "lama":
            self.notice.show_message(self.tr(
                "This receipt is older than one already imported; the newer one still "
                "counts."), "info")
        else:
            text = self.tr("Receipt of {when} imported: P4MI holds bundles up to no. {n}.").format(
                when=common.fmt_iso(result.issued_at), n=result.highest_sequence)
            if result.rejected:
                text += " " + self.tr("{n} rows were rejected; see the list.").format(
                    n=len(result.rejected))
            self.notice.show_message(text, "warn" if result.rejected else "ok")
        from sync.bulletin import bulletin_beside

        beside = bulletin_beside(path, self.ctx.office.code)
        if beside is not None and result.status != "lama":
            self.from_p4mi.import_file(beside)  # the P4MI's bulletin travels beside it
        self.refresh()
        self.ctx.notify_changed("bundle")

    def install_p4mi_key(self) -> None:
        from app.core.access import Permission
        from app.ui.permissions import require

        if not require(self, self.ctx, Permission.MANAGE_KEYS):
            return
        from app.core.services.audit import log_event
        from sync.keys import read_public_key_file, set_p4mi_key

        path = common.ask_file(self, self.tr("Choose the P4MI key file"),
                               self.tr("Public key files (*.pub);;All files (*)"))
        if path is None:
            return
        self.notice.clear_message()
        try:
            info = read_public_key_file(path)
            if info.role and info.role != "p4mi":
                self.notice.show_message(self.tr(
                    "This is not a P4MI key file (it belongs to {code}). Choose the key file "
                    "from P4MI.").format(code=info.office_code or "?"), "error")
                return
            replacing = self.p4mi_fingerprint is not None and \
                self.p4mi_fingerprint != info.fingerprint
            text = self.tr("The key in this file has the fingerprint:\n\n{fp}\n\nCompare it with "
                           "the fingerprint the P4MI clerk reads out. Install it only if they are "
                           "the same.").format(fp=info.fingerprint)
            if replacing:
                text += "\n\n" + self.tr("It replaces the installed P4MI key {old}.").format(
                    old=self.p4mi_fingerprint)
            if not common.confirm(self, self.tr("Install the P4MI key"), text,
                                  self.tr("Same: install")):
                return
            set_p4mi_key(self.ctx.workspace.data_dir, info)
            with self.ctx.write() as s:
                log_event(s, "set_p4mi_key", operator=self.ctx.operator, entity="kunci_p4mi",
                          entity_id=info.office_code, fingerprint=info.fingerprint,
                          old=self.p4mi_fingerprint or "")
        except AppError as exc:
            self.notice.show_message(self.ctx.message(exc.code, **exc.params), "error")
            return
        self.notice.show_message(self.tr(
            "P4MI key {fp} installed: from now on bundles are encrypted.").format(
            fp=info.fingerprint), "ok")
        self.refresh()
