"""Meja kasus (P4MI): every village's cases in one list, and what the P4MI does about them.

Filters: the village's status, the P4MI's status, type, destination country, kecamatan,
village, referred to P4MI, and "reported more than N days ago". The list is read on the DB
worker (:class:`app.ui.tasks.Op`), and so are the kecamatan and village lists of the filters
(the region table takes about 0.3 s to load the first time): until they arrive the two place
filters offer only "all", and a place filter asked for meanwhile is applied when they do.

The P4MI accepts a referral, records its own follow-ups, refers the case on (BP3MI, Disnaker,
KBRI/KJRI, police, ...) and records its outcome: each is a
:class:`~app.core.models.P4miCaseAction` row owned by the P4MI (the village's rows are never
changed here; see :mod:`app.core.desk.cases`). Confidential details (type, reporter,
chronology, notes) are shown only to operators with ``Permission.SEE_SENSITIVE`` and only after
**Show details** (one case) or **Show confidential details** (the list); every reveal is
written to the audit log with the same events as the village's Kasus view.

Filters (``apply_filter``): ``status``, ``desk_status``, ``village``, ``district``,
``referred=True``, ``case_id`` (select it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core import reference
from app.core.access import Permission
from app.core.desk.cases import (
    REFER_ON,
    DeskCase,
    DeskFilter,
    desk_actions,
    desk_cases,
    record_action,
    record_reveal,
)
from app.core.errors import AppError, ValidationFailed
from app.core.repo.cases import case_detail
from app.ui.context import AppContext
from app.ui.dialogs.case_form import ErrorLabel, date_edit, pydate
from app.ui.i18n import Retranslating
from app.ui.p4mi import common
from app.ui.tablemodels.rows import RowsModel
from app.ui.tasks import Op
from app.ui.widgets.tables import fit_headers, select_key, selected_key


@dataclass(frozen=True)
class ActionInput:
    noted_on: date
    note: str
    referral: str = ""


class DeskActionDialog(QDialog):
    """Date, note and (for a referral) where to: ``ask`` returns them, or ``None``."""

    def __init__(self, ctx: AppContext, action: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DeskActionDialog")
        self.ctx = ctx
        self.action = action
        self.result_value: ActionInput | None = None
        self.setWindowTitle(title)
        self.noted_on = date_edit("noted_on")
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.referral = QComboBox()
        self.referral.setObjectName("referral")
        self.referral.addItem(self.tr("(choose)"), "")
        for code in REFER_ON:
            self.referral.addItem(ctx.ref_label("referrals", code), code)
        self.errors = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("&Date"), self.noted_on)
        if action == "rujuk":
            form.addRow(self.tr("&Refer to"), self.referral)
        form.addRow(self.tr("&Note") if action != "selesai" else self.tr("&Outcome"),
                    self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def _ok(self) -> None:
        self.result_value = ActionInput(pydate(self.noted_on.date()),
                                        self.note.toPlainText().strip(),
                                        self.referral.currentData() or "")
        self.accept()

    @classmethod
    def ask(cls, ctx: AppContext, action: str, title: str,
            parent: QWidget | None = None) -> ActionInput | None:
        dialog = cls(ctx, action, title, parent)
        dialog.exec()
        return dialog.result_value


class CaseDeskView(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("CaseDeskView")
        self.rows: list[DeskCase] = []
        self.revealed_cases: set[str] = set()
        self._select_after: str | None = None
        self.places: dict[str, list[tuple[str, str]]] | None = None  # None until loaded
        self._pending_places: dict[str, object] | None = None
        self.title = QLabel()
        self.title.setFont(common.title_font(self))
        self.notice = common.Notice()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.setObjectName("status_filter")
        self.desk_status = QComboBox()
        self.desk_status.setObjectName("desk_status_filter")
        self.case_type = QComboBox()
        self.case_type.setObjectName("type_filter")
        self.country = QComboBox()
        self.country.setObjectName("country_filter")
        self.district = QComboBox()
        self.district.setObjectName("district_filter")
        self.village = QComboBox()
        self.village.setObjectName("village_filter")
        self.referred = QCheckBox()
        self.referred.setObjectName("referred_filter")
        self.min_age = QSpinBox()
        self.min_age.setObjectName("age_filter")
        self.min_age.setRange(0, 3650)
        self.min_age.setSingleStep(30)
        self.show_sensitive = QCheckBox()
        self.show_sensitive.setObjectName("show_sensitive")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.model = RowsModel([], self, numeric=(1,))
        self.table = common.make_table(self.model)
        self.table.setObjectName("desk_table")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())
        self.detail = QTextBrowser()
        self.detail.setObjectName("case_detail")
        self.buttons: dict[str, QPushButton] = {}
        for key in ("terima", "tindak_lanjut", "rujuk", "selesai", "reveal", "person"):
            b = QPushButton()
            b.setObjectName(f"{key}_button")
            self.buttons[key] = b
        for key in ("terima", "tindak_lanjut", "rujuk", "selesai"):
            self.buttons[key].clicked.connect(lambda _c=False, k=key: self.act(k))
        self.buttons["reveal"].clicked.connect(self.reveal_selected)
        self.buttons["person"].clicked.connect(self.open_person)

        filters1 = QHBoxLayout()
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        filters1.addWidget(self.search_label)
        filters1.addWidget(self.search, 2)
        filters1.addWidget(self.status, 1)
        filters1.addWidget(self.desk_status, 1)
        filters1.addWidget(self.case_type, 1)
        filters1.addWidget(self.country, 1)
        filters2 = QHBoxLayout()
        filters2.addWidget(self.district, 1)
        filters2.addWidget(self.village, 1)
        self.age_label = QLabel()
        self.age_label.setBuddy(self.min_age)
        filters2.addWidget(self.age_label)
        filters2.addWidget(self.min_age)
        filters2.addWidget(self.referred)
        filters2.addWidget(self.show_sensitive)
        filters2.addStretch(1)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.detail, 1)
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        for key in ("terima", "tindak_lanjut", "rujuk"):
            row1.addWidget(self.buttons[key])
        for key in ("selesai", "reveal", "person"):
            row2.addWidget(self.buttons[key])
        rl.addLayout(row1)
        rl.addLayout(row2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setSizes([760, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(filters1)
        layout.addLayout(filters2)
        layout.addWidget(self.notice)
        layout.addWidget(split, 1)

        self._fill_places()
        self._load_places()
        self.retranslate()
        for combo in (self.status, self.desk_status, self.case_type, self.country,
                      self.district, self.village):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.district.currentIndexChanged.connect(lambda _i: self._fill_villages())
        self.referred.toggled.connect(lambda _on: self.refresh())
        self.min_age.valueChanged.connect(lambda _v: self.timer.start())
        self.show_sensitive.toggled.connect(self._sensitive_toggled)
        self.refresh()

    # -- texts ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Case desk: the cases of every village"))
        self.search_label.setText(self.tr("&Search"))
        self.search.setPlaceholderText(self.tr("Name or NIK"))
        self._set_items(self.status, [
            (self.tr("Open in the village"), "open"), (self.tr("All cases"), "all"),
            (self.tr("New"), "baru"), (self.tr("In progress"), "diproses"),
            (self.tr("Closed"), "selesai")])
        self._set_items(self.desk_status, [
            (self.tr("P4MI: any"), ""), (self.tr("P4MI: not accepted yet"), "belum"),
            (self.tr("P4MI: accepted"), "diterima"), (self.tr("P4MI: in progress"), "diproses"),
            (self.tr("P4MI: referred on"), "dirujuk"), (self.tr("P4MI: done"), "selesai")])
        current = self.case_type.currentData() or ""
        self._set_items(self.case_type, [(self.tr("All types"), "")] + [
            (item.label(self.ctx.language), item.code)
            for item in reference.ref_list("case_types")], current)
        current = self.country.currentData() or ""
        self._set_items(self.country, [(self.tr("All countries"), "")] + [
            (item.label(self.ctx.language), item.code)
            for item in reference.ref_list("countries")], current)
        if self.district.count():
            self.district.setItemText(0, self.tr("All districts"))
        if self.village.count():
            self.village.setItemText(0, self.tr("All villages"))
        self.age_label.setText(self.tr("Reported more than (days)"))
        self.referred.setText(self.tr("Referred to P4MI"))
        self.show_sensitive.setText(self.tr("Show &confidential details"))
        self.show_sensitive.setToolTip(self.tr(
            "Case details are personal data. Show them only when nobody else can see the "
            "screen. Each time is recorded in the change history."))
        texts = {"terima": self.tr("&Accept referral"),
                 "tindak_lanjut": self.tr("P4MI &follow-up..."),
                 "rujuk": self.tr("&Refer on..."), "selesai": self.tr("Out&come..."),
                 "reveal": self.tr("Show &details"), "person": self.tr("Open &person")}
        for key, text in texts.items():
            self.buttons[key].setText(text)
        self.model.set_headers([
            self.tr("Reported"), self.tr("Days"), self.tr("Village"), self.tr("District"),
            self.tr("Name"), self.tr("NIK"), self.tr("Type of case"), self.tr("Referred to"),
            self.tr("Village status"), self.tr("P4MI status")])
        self._fill_model()
        self._show_detail()

    @staticmethod
    def _set_items(combo: QComboBox, items: list[tuple[str, str]], current: Any = None) -> None:
        keep = combo.currentData() if current is None else current
        combo.blockSignals(True)
        combo.clear()
        for text, key in items:
            combo.addItem(text, key)
        combo.setCurrentIndex(max(0, combo.findData(keep)))
        combo.blockSignals(False)

    def _load_places(self) -> None:
        """Read the kecamatan and their villages on the DB worker, then fill the filters."""
        regency = self.ctx.office.code

        def work(_p: Any, _c: Any) -> dict[str, list[tuple[str, str]]]:
            places = {"": reference.children(regency)}
            for code, _name in places[""]:
                places[code] = reference.children(code)
            return places

        def done(places: dict[str, list[tuple[str, str]]]) -> None:
            self.places = places
            self._fill_places()
            if self._pending_places is not None:
                pending, self._pending_places = self._pending_places, None
                self.apply_filter(**pending)

        Op(self.ctx.tasks, work, self).on_success(done).on_failure(
            lambda exc: common.report_failure(self.ctx, self.notice, self, exc)).start()

    def _fill_places(self) -> None:
        """The kecamatan filter from the loaded places (only "all" until they are loaded)."""
        self.district.blockSignals(True)
        self.district.clear()
        self.district.addItem(self.tr("All districts"), "")
        for code, name in (self.places or {}).get("", []):
            self.district.addItem(f"{name} ({code})", code)
        self.district.blockSignals(False)
        self._fill_villages()

    def _fill_villages(self) -> None:
        district = self.district.currentData() or ""
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem(self.tr("All villages"), "")
        if district:
            for code, name in (self.places or {}).get(district, []):
                self.village.addItem(f"{name} ({code})", code)
        self.village.blockSignals(False)

    def status_text(self, status: str) -> str:
        return {"baru": self.tr("New"), "diproses": self.tr("In progress"),
                "selesai": self.tr("Closed")}.get(status, status)

    def desk_status_text(self, status: str) -> str:
        return {"": self.tr("not accepted yet"), "diterima": self.tr("accepted"),
                "diproses": self.tr("in progress"), "dirujuk": self.tr("referred on"),
                "selesai": self.tr("done")}.get(status, status)

    def action_text(self, action: str) -> str:
        return {"terima": self.tr("Referral accepted"), "tindak_lanjut": self.tr("Follow-up"),
                "rujuk": self.tr("Referred on"), "selesai": self.tr("Outcome")}.get(action,
                                                                                     action)

    # -- data -----------------------------------------------------------------------------
    def current_filter(self) -> DeskFilter:
        return DeskFilter(status=self.status.currentData() or "open",
                          desk_status=self.desk_status.currentData() or "",
                          case_type=self.case_type.currentData() or "",
                          country=self.country.currentData() or "",
                          village=self.village.currentData() or "",
                          district=self.district.currentData() or "",
                          referred_p4mi=self.referred.isChecked(),
                          min_age_days=self.min_age.value(), search=self.search.text())

    def refresh(self) -> None:
        self.timer.stop()
        f = self.current_filter()
        db = self.ctx.db
        keep = self._select_after or self.selected_id()

        viewer, reveal = self.ctx.viewer, self._reveal()

        def work(_p: Any, _c: Any) -> list[DeskCase]:
            with db.session() as s:
                return desk_cases(s, f, viewer=viewer, reveal=reveal)

        def done(rows: list[DeskCase]) -> None:
            if f != self.current_filter():
                return  # the filters changed while this list was read
            self.rows = rows
            self._select_after = None
            self._fill_model()
            if keep:
                self.select_case(keep)
            self._show_detail()

        Op(self.ctx.tasks, work, self).on_success(done).on_failure(
            lambda exc: common.report_failure(self.ctx, self.notice, self, exc)).start()

    def _reveal(self) -> bool | set[str]:
        """What the core may show unredacted: everything (the list switch), or the cases
        revealed one by one (each reveal was checked and audited)."""
        return True if self.show_sensitive.isChecked() else set(self.revealed_cases)

    def _shows(self, row: DeskCase) -> bool:
        return not row.sensitive or self.show_sensitive.isChecked() or (
            row.id in self.revealed_cases)

    def _fill_model(self) -> None:
        """Format every row once (1,240 cases of a 200,000-resident hub in a few ms: the labels
        are looked up once per code, not once per row)."""
        hidden = self.tr("Confidential")
        status = {k: self.status_text(k) for k in ("baru", "diproses", "selesai")}
        desk = {k: self.desk_status_text(k) for k in ("", "diterima", "diproses", "dirujuk",
                                                      "selesai")}
        types: dict[str, str] = {}
        refs: dict[str, str] = {"": ""}
        rows = []
        for r in self.rows:
            if r.case_type not in types:
                types[r.case_type] = self.ctx.ref_label("case_types", r.case_type)
            if r.referral not in refs:
                refs[r.referral] = self.ctx.ref_label("referrals", r.referral).split(" (")[0]
            d = r.reported_on
            rows.append((f"{d.day:02d}/{d.month:02d}/{d.year}", str(r.age_days),
                         r.village_name, r.district_name, r.name, r.nik,
                         types[r.case_type] if self._shows(r) else hidden, refs[r.referral],
                         status.get(r.status, r.status), desk.get(r.desk_status,
                                                                   r.desk_status)))
        self.model.set_rows(rows, [r.id for r in self.rows])
        if rows and not self.table.property("sized"):
            self._size_columns(rows[:40])
            self.table.setProperty("sized", True)

    def _size_columns(self, sample: list[tuple[str, ...]]) -> None:
        """Column widths from the text of the first rows, measured once per cell here:
        ``resizeColumnsToContents`` asks the model for every role of every cell and held
        the window for about 80 ms on a 200,000-resident hub."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader().fontMetrics()
        for col in range(self.model.columnCount()):
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            width = max([header.horizontalAdvance(title) + 28]
                        + [metrics.horizontalAdvance(r[col]) + 16 for r in sample])
            self.table.setColumnWidth(col, min(width, 320))
        fit_headers(self.table)

    def selected_id(self) -> str | None:
        return selected_key(self.table)

    def selected_row(self) -> DeskCase | None:
        cid = self.selected_id()
        return next((r for r in self.rows if r.id == cid), None)

    def select_case(self, case_id: str) -> bool:
        return select_key(self.table, case_id)

    def _show_detail(self) -> None:
        row = self.selected_row()
        for b in self.buttons.values():
            b.setEnabled(row is not None)
        if row is None:
            hint = self.tr("Choose a case in the list to see it here.")
            self.detail.setHtml(f"<p style='color:#666'>{escape(hint)}</p>")
            return
        accepted = bool(row.desk_status)
        done = row.desk_status == "selesai"
        self.buttons["terima"].setEnabled(not accepted)
        for key in ("tindak_lanjut", "rujuk", "selesai"):
            self.buttons[key].setEnabled(accepted and not done)
        shows = self._shows(row)
        self.buttons["reveal"].setEnabled(not shows)
        with self.ctx.db.session() as s:
            d = case_detail(s, row.id, viewer=self.ctx.viewer,
                            reveal=row.sensitive and self._shows(row))
            actions = desk_actions(s, row.id)
        c = d.case
        hidden = self.tr("(confidential: press Show details)")
        e = escape
        out = [f"<h3>{e(d.resident_name)}</h3>",
               f"<p>NIK {e(d.resident_nik or '-')} · {e(row.village_name)}, "
               f"{e(row.district_name)}</p><table>"]

        def item(name: str, value: str) -> None:
            out.append(f"<tr><td style='color:#555; padding-right:8px'>{e(name)}</td>"
                       f"<td>{e(value)}</td></tr>")

        item(self.tr("Type of case"), self.ctx.ref_label("case_types", c.case_type) if shows
             else hidden)
        item(self.tr("Reported on"), common.fmt_date(c.reported_on))
        if d.episode_label:
            item(self.tr("Country"), self.ctx.ref_label("countries", d.episode_label))
        item(self.tr("Village status"), self.status_text(c.status))
        item(self.tr("Referred by the village to"),
             self.ctx.ref_label("referrals", c.referral) if c.referral else "-")
        item(self.tr("P4MI status"), self.desk_status_text(row.desk_status))
        item(self.tr("Reported by"), (c.reporter or "-") if shows else hidden)
        out.append("</table>")
        _t1 = self.tr("Chronology")
        out.append(f"<h4>{e(_t1)}</h4><p>"
                   + (e(c.chronology or "-").replace("\n", "<br/>") if shows else e(hidden))
                   + "</p>")
        _t2 = self.tr("The village follow-ups ({n})").format(n=len(d.follow_ups))
        out.append(f"<h4>{e(_t2)}"
                   "</h4><ul>")
        for f in d.follow_ups:
            out.append(f"<li>{e(common.fmt_date(f.noted_on))} · "
                       f"{e(f.note) if shows else '•••'}</li>")
        out.append("</ul>")
        _t3 = self.tr("The P4MI actions ({n})").format(n=len(actions))
        out.append(f"<h4>{e(_t3)}</h4><ul>")
        for a in actions:
            where = (" → " + self.ctx.ref_label("referrals", a.referral)) if a.referral else ""
            note = (": " + a.note) if a.note else ""
            out.append(f"<li>{e(common.fmt_date(a.noted_on))} · {e(self.action_text(a.action))}"
                       f"{e(where)}{e(note) if shows else (': •••' if note else '')}"
                       f" · {e(a.by)}</li>")
        out.append("</ul>")
        self.detail.setHtml("".join(out))

    # -- confidential details (the village's rule and audit events) ------------------------
    def _may_see_sensitive(self) -> bool:
        if self.ctx.may(Permission.SEE_SENSITIVE):
            return True
        self.notice.show_message(self.tr(
            "Only the head of the P4MI post (or a village head) may see confidential case "
            "details."), "warn")
        return False

    def _sensitive_toggled(self, on: bool) -> None:
        if on and not self._may_see_sensitive():
            self.show_sensitive.blockSignals(True)
            self.show_sensitive.setChecked(False)
            self.show_sensitive.blockSignals(False)
            return
        if on:
            with self.ctx.write() as s:
                record_reveal(s)
        self._select_after = self.selected_id()
        self.refresh()  # ask the core again: redacted or not

    def reveal_selected(self) -> None:
        row = self.selected_row()
        if row is None or self._shows(row) or not self._may_see_sensitive():
            return
        with self.ctx.write() as s:
            record_reveal(s, row.id)
        self.revealed_cases.add(row.id)
        self._select_after = row.id
        self.refresh()  # the core now returns this case unredacted

    # -- the P4MI's actions ---------------------------------------------------------------
    def act(self, action: str) -> None:
        row = self.selected_row()
        if row is None:
            return
        if not self.ctx.may(Permission.EDIT):
            from app.ui.permissions import refusal_text

            self.notice.show_message(refusal_text(self.ctx, Permission.EDIT), "warn")
            return
        if action == "terima":
            data: ActionInput | None = ActionInput(date.today(), "")
        else:
            data = DeskActionDialog.ask(self.ctx, action, self.action_text(action), self)
        if data is None:
            return
        try:
            with self.ctx.write() as s:
                record_action(s, row.id, action, data.noted_on, data.note,
                              referral=data.referral)
        except ValidationFailed as exc:
            self.notice.show_message(" ".join(
                self.ctx.message(i.code, **i.params) for i in exc.issues), "error")
            return
        except AppError as exc:
            common.report_failure(self.ctx, self.notice, self, exc)
            return
        self.notice.show_message(self.tr("Saved: {what}.").format(
            what=self.action_text(action)), "ok")
        self._select_after = row.id
        self.ctx.notify_changed("p4mi_case")
        self.refresh()

    def open_person(self) -> None:
        row = self.selected_row()
        if row:
            self.ctx.show_view("cari", resident_id=row.resident_id)

    # -- filters --------------------------------------------------------------------------
    def apply_filter(self, **filters: object) -> None:
        if self.places is None and ("district" in filters or "village" in filters):
            self._pending_places = dict(filters)  # applied again once the places are loaded
        combos = {"status": self.status, "desk_status": self.desk_status,
                  "district": self.district}
        for key, combo in combos.items():
            if key in filters:
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(filters[key] or "")))
                combo.blockSignals(False)
        if "district" in filters:
            self._fill_villages()
        if "village" in filters:
            code = str(filters["village"] or "")
            if code and self.district.currentData() != reference.parent_code(code):
                self.district.blockSignals(True)
                self.district.setCurrentIndex(max(0, self.district.findData(
                    reference.parent_code(code))))
                self.district.blockSignals(False)
                self._fill_villages()
            self.village.blockSignals(True)
            self.village.setCurrentIndex(max(0, self.village.findData(code)))
            self.village.blockSignals(False)
        if "referred" in filters:
            self.referred.blockSignals(True)
            self.referred.setChecked(bool(filters["referred"]))
            self.referred.blockSignals(False)
        if filters.get("case_id"):
            self.status.blockSignals(True)
            self.status.setCurrentIndex(max(0, self.status.findData("all")))
            self.status.blockSignals(False)
            self._select_after = str(filters["case_id"])
        self.refresh()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
