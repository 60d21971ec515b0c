"""Kasus: the cases of the village's migrant workers, their follow-ups, referral and closing.

Case details are sensitive (UU 27/2022). In the list, a case marked confidential shows neither
its type nor its chronology until the operator presses **Show confidential details**; the
detail pane hides the reporter, the chronology and the follow-up notes of such a case until
**Show details** is pressed. Each reveal is written to the audit log.

Filters (``apply_filter``): ``status="open" | "all" | "baru" | "diproses" | "selesai"``,
``case_type=code``, ``resident_id=id`` (the cases of one person), ``case_id=id`` (select it).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.privacy import log_reveal
from app.core.repo.cases import CaseRow, case_detail, list_cases
from app.ui.context import AppContext
from app.ui.dialogs.case_follow_up import FollowUpDialog
from app.ui.dialogs.case_form import CaseDialog, fill_codes
from app.ui.i18n import Retranslating
from app.ui.tablemodels.rows import RowsModel
from app.ui.widgets.tables import select_key, selected_key, set_widths, setup_table


def _d(value) -> str:  # noqa: ANN001 - date | None
    return value.strftime("%d/%m/%Y") if value else ""


class CasesView(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("CasesView")
        self.rows: list[CaseRow] = []
        self.resident_filter: str | None = None
        self.revealed_cases: set[str] = set()

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.setObjectName("status_filter")
        self.case_type = QComboBox()
        self.case_type.setObjectName("type_filter")
        self.show_sensitive = QCheckBox()
        self.show_sensitive.setObjectName("show_sensitive")
        self.person_label = QLabel()
        self.person_clear = QPushButton()
        self.person_clear.clicked.connect(lambda: self.apply_filter(resident_id=None))
        self.new_button = QPushButton()
        self.new_button.setObjectName("new_case")
        self.new_button.clicked.connect(self.new_case)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self.timer.start())

        self.model = RowsModel([], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_table(self.table, name="cases_table")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())
        self.table.doubleClicked.connect(lambda _i: self.follow_up())

        self.detail = QTextBrowser()
        self.detail.setObjectName("case_detail")
        self.detail.setOpenLinks(False)
        self.reveal_button = QPushButton()
        self.reveal_button.setObjectName("reveal")
        self.reveal_button.clicked.connect(self.reveal_selected)
        self.follow_button = QPushButton()
        self.follow_button.setObjectName("follow_up")
        self.follow_button.clicked.connect(self.follow_up)
        self.close_button = QPushButton()
        self.close_button.setObjectName("close_case")
        self.close_button.clicked.connect(self.close_case)
        self.reopen_button = QPushButton()
        self.reopen_button.setObjectName("reopen_case")
        self.reopen_button.clicked.connect(self.reopen_case)
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("edit_case")
        self.edit_button.clicked.connect(self.edit_case)
        self.person_button = QPushButton()
        self.person_button.clicked.connect(self.open_person)

        top = QHBoxLayout()
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        top.addWidget(self.search_label)
        top.addWidget(self.search, 2)
        top.addWidget(self.status, 1)
        top.addWidget(self.case_type, 1)
        top.addWidget(self.show_sensitive)
        top.addStretch(0)
        top.addWidget(self.new_button)
        person_row = QHBoxLayout()
        person_row.addWidget(self.person_label)
        person_row.addWidget(self.person_clear)
        person_row.addStretch(1)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.detail, 1)
        buttons1 = QHBoxLayout()
        for b in (self.follow_button, self.close_button, self.reopen_button):
            buttons1.addWidget(b)
        buttons2 = QHBoxLayout()
        for b in (self.reveal_button, self.edit_button, self.person_button):
            buttons2.addWidget(b)
        rl.addLayout(buttons1)
        rl.addLayout(buttons2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([820, 360])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addLayout(person_row)
        layout.addWidget(split, 1)

        self.retranslate()
        fill_codes(self.case_type, ctx, "case_types", empty=self.tr("All types"))
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.case_type.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_sensitive.toggled.connect(self._sensitive_toggled)
        self._update_person_row()
        self.refresh()

    # -- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.search_label.setText(self.tr("&Search"))
        self.search.setPlaceholderText(self.tr("Name or NIK"))
        current = self.status.currentData() or "open"
        self.status.blockSignals(True)
        self.status.clear()
        for text, key in ((self.tr("Open cases"), "open"), (self.tr("All cases"), "all"),
                          (self.tr("New"), "baru"), (self.tr("In progress"), "diproses"),
                          (self.tr("Closed"), "selesai")):
            self.status.addItem(text, key)
        self.status.setCurrentIndex(max(0, self.status.findData(current)))
        self.status.blockSignals(False)
        self.show_sensitive.setText(self.tr("Show &confidential details"))
        self.show_sensitive.setToolTip(self.tr(
            "Case details are personal data. Show them only when nobody else can see the "
            "screen. Each time is recorded in the change history."))
        self.new_button.setText(self.tr("&New case..."))
        self.reveal_button.setText(self.tr("Show &details"))
        self.follow_button.setText(self.tr("&Follow-up..."))
        self.close_button.setText(self.tr("C&lose case..."))
        self.reopen_button.setText(self.tr("Re&open"))
        self.edit_button.setText(self.tr("&Change..."))
        self.person_button.setText(self.tr("Open &person"))
        self.person_clear.setText(self.tr("Show everyone"))
        self.model.set_headers([
            self.tr("Reported"), self.tr("Name"), self.tr("NIK"), self.tr("Type of case"),
            self.tr("Referred to"), self.tr("Status"), self.tr("Follow-ups"),
            self.tr("Chronology")])
        self._fill_model()
        self._show_detail()

    def status_text(self, status: str) -> str:
        return {"baru": self.tr("New"), "diproses": self.tr("In progress"),
                "selesai": self.tr("Closed")}.get(status, status)

    # -- data --------------------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.selected_id()
        with self.ctx.db.session() as s:
            self.rows = list_cases(s, status=self.status.currentData() or "open",
                                   case_type=self.case_type.currentData() or "",
                                   search=self.search.text(), resident_id=self.resident_filter,
                                   viewer=self.ctx.viewer, reveal=self._reveal())
        self._fill_model()
        if keep:
            self.select_case(keep)
        self._show_detail()

    def _reveal(self) -> bool | set[str]:
        """What the core is asked to reveal (it refuses for an operator without the right)."""
        from app.core.privacy import may_see

        if not may_see(self.ctx.viewer):
            return False
        return True if self.show_sensitive.isChecked() else set(self.revealed_cases)

    def _shows(self, row: CaseRow) -> bool:
        """Whether the details of ``row`` are shown now (the core redacted the others)."""
        return not row.hidden

    def _fill_model(self) -> None:
        hidden = self.tr("Confidential")
        cells = []
        for r in self.rows:
            shows = self._shows(r)
            chronology = " ".join(r.chronology.split())[:120] if shows else "•••"
            cells.append((
                _d(r.reported_on), r.name, r.nik,
                self.ctx.ref_label("case_types", r.case_type) if shows else hidden,
                self.ctx.ref_label("referrals", r.referral).split(" (")[0] if r.referral
                else "",
                self.status_text(r.status), str(r.follow_ups), chronology))
        self.model.set_rows(cells, [r.id for r in self.rows])
        self.table.setColumnHidden(7, not self.show_sensitive.isChecked())
        fm = self.table.fontMetrics()
        set_widths(self.table, (fm.horizontalAdvance("00/00/0000") + 18, 150,
                                fm.horizontalAdvance("0" * 16) + 18, 150, 90, 80, 90))

    def selected_id(self) -> str | None:
        return selected_key(self.table)

    def selected_row(self) -> CaseRow | None:
        cid = self.selected_id()
        return next((r for r in self.rows if r.id == cid), None)

    def select_case(self, case_id: str) -> bool:
        return select_key(self.table, case_id)

    def _show_detail(self) -> None:
        row = self.selected_row()
        for b in (self.follow_button, self.close_button, self.reopen_button, self.edit_button,
                  self.person_button, self.reveal_button):
            b.setEnabled(row is not None)
        if row is None:
            hint = self.tr("Choose a case in the list to see it here.")
            self.detail.setHtml(f"<p style='color:#666'>{escape(hint)}</p>")
            return
        closed = row.status == "selesai"
        self.follow_button.setEnabled(not closed)
        self.close_button.setEnabled(not closed)
        self.reopen_button.setEnabled(closed)
        shows = self._shows(row)
        self.reveal_button.setEnabled(not shows)
        with self.ctx.db.session() as s:
            d = case_detail(s, row.id, viewer=self.ctx.viewer, reveal=shows and row.sensitive)
        c = d.case
        lines = [f"<h3>{escape(d.resident_name)}</h3>",
                 f"<p>NIK: {escape(d.resident_nik or '-')}</p><table>"]

        def item(label: str, value: str) -> None:
            lines.append(f"<tr><td style='color:#555; padding-right:8px'>{escape(label)}</td>"
                         f"<td>{escape(value)}</td></tr>")

        hidden = self.tr("(confidential: press Show details)")
        item(self.tr("Type of case"), self.ctx.ref_label("case_types", c.case_type) if shows
             else hidden)
        item(self.tr("Status"), self.status_text(c.status))
        item(self.tr("Reported on"), _d(c.reported_on))
        if c.occurred_on:
            item(self.tr("Happened on"), _d(c.occurred_on))
        if d.episode_label:
            item(self.tr("Country"), self.ctx.ref_label("countries", d.episode_label))
        item(self.tr("Referred to"), self.ctx.ref_label("referrals", c.referral) if c.referral
             else self.tr("not referred yet"))
        item(self.tr("Reported by"), (c.reporter or "-") if shows else hidden)
        if c.closed_on:
            item(self.tr("Closed on"), _d(c.closed_on))
        lines.append("</table>")
        chron = self.tr("Chronology")
        lines.append(f"<h4>{escape(chron)}</h4>")
        lines.append("<p>" + (escape(c.chronology or "-").replace("\n", "<br/>") if shows
                              else escape(hidden)) + "</p>")
        heading = self.tr("Follow-ups ({n})").format(n=len(d.follow_ups))
        lines.append(f"<h4>{escape(heading)}</h4>")
        if d.follow_ups:
            lines.append("<table cellspacing='0' cellpadding='2'>")
            for f in d.follow_ups:
                note = escape(f.note).replace("\n", "<br/>") if shows else "•••"
                lines.append(f"<tr><td valign='top' style='padding-right:8px'>"
                             f"{_d(f.noted_on)}</td><td valign='top'>{note}"
                             f"<br/><span style='color:#666'>"
                             f"{escape(self.status_text(f.status_after))}"
                             f"{' · ' + escape(f.by) if f.by else ''}</span></td></tr>")
            lines.append("</table>")
        else:
            none_yet = self.tr("No follow-up yet.")
            lines.append(f"<p>{escape(none_yet)}</p>")
        lines += self._from_p4mi(row.id, shows)  # the P4MI's bulletin (issue 12)
        self.detail.setHtml("".join(lines))

    def _from_p4mi(self, case_id: str, shows: bool) -> list[str]:
        """The P4MI's status and actions on this case, from its latest bulletin."""
        from app.core.desk.bulletin_store import load_bulletin

        with self.ctx.db.session() as s:
            bulletin = load_bulletin(s)
        entry = bulletin.cases.get(case_id) if bulletin is not None else None
        if entry is None:
            return []
        status = {"diterima": self.tr("accepted by P4MI"),
                  "diproses": self.tr("in progress at P4MI"),
                  "dirujuk": self.tr("referred on by P4MI"),
                  "selesai": self.tr("done at P4MI")}.get(entry.status, entry.status)
        heading = self.tr("P4MI status: {status}").format(status=status)
        out = [f"<h4>{escape(heading)}</h4><ul>"]
        actions = {"terima": self.tr("Referral accepted"),
                   "tindak_lanjut": self.tr("P4MI follow-up"),
                   "rujuk": self.tr("Referred on"), "selesai": self.tr("Outcome")}
        for a in entry.actions:
            ref = a.get("referral", "")
            where = (" → " + self.ctx.ref_label("referrals", ref)) if ref else ""
            note = (": " + (a.get("note", "") if shows else "•••")) if a.get("note") else ""
            day = str(a.get("noted_on", ""))[:10]
            day = f"{day[8:10]}/{day[5:7]}/{day[0:4]}" if len(day) == 10 else day
            what = actions.get(str(a.get("action", "")), str(a.get("action", "")))
            out.append(f"<li>{escape(day)} {escape(what + where + note)}</li>")
        out.append("</ul>")
        return out

    # -- sensitive details -------------------------------------------------------------------
    def _may_see_sensitive(self) -> bool:
        from app.core.access import Permission

        if self.ctx.may(Permission.SEE_SENSITIVE):
            return True
        self.detail.setHtml("<p>" + escape(self.tr(
            "Only the village head (or the head of the P4MI post) may see confidential case "
            "details.")) + "</p>")
        return False

    def _sensitive_toggled(self, on: bool) -> None:
        if on and not self._may_see_sensitive():
            self.show_sensitive.blockSignals(True)
            self.show_sensitive.setChecked(False)
            self.show_sensitive.blockSignals(False)
            return
        if on:
            with self.ctx.write() as s:
                log_reveal(s, self.ctx.viewer, "reveal_case_list")
        self.refresh()

    def reveal_selected(self) -> None:
        row = self.selected_row()
        if row is None or self._shows(row) or not self._may_see_sensitive():
            return
        with self.ctx.write() as s:
            log_reveal(s, self.ctx.viewer, "reveal_case", entity_id=row.id)
        self.revealed_cases.add(row.id)
        keep = row.id
        self.refresh()
        self.select_case(keep)
        self._show_detail()

    # -- actions -----------------------------------------------------------------------------
    def new_case(self) -> None:
        case_id = CaseDialog.create(self.ctx, self, resident_id=self.resident_filter)
        if case_id:
            self._after_write(case_id)

    def edit_case(self) -> None:
        row = self.selected_row()
        if row and CaseDialog.edit(self.ctx, row.id, self):
            self._after_write(row.id)

    def follow_up(self) -> None:
        row = self.selected_row()
        if row and row.status != "selesai" and FollowUpDialog.ask(self.ctx, row.id, self):
            self._after_write(row.id)

    def close_case(self) -> None:
        row = self.selected_row()
        if row and FollowUpDialog.ask(self.ctx, row.id, self, closing=True):
            self._after_write(row.id)

    def reopen_case(self) -> None:
        from app.core.services import cases

        row = self.selected_row()
        if row is None or row.status != "selesai":
            return
        if not self.confirm(self.tr("Reopen the case of {name}?").format(name=row.name)):
            return
        with self.ctx.write() as s:
            cases.reopen_case(s, row.id)
        self.ctx.notify_changed("case")
        self._after_write(row.id)

    def confirm(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Please confirm"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Yes"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("No"))
        return box.exec() == QMessageBox.StandardButton.Yes

    def _after_write(self, case_id: str) -> None:
        self.refresh()
        if not self.select_case(case_id):
            # the case left the current filter (e.g. closed while showing open cases)
            self.status.setCurrentIndex(max(0, self.status.findData("all")))
            self.select_case(case_id)

    def open_person(self) -> None:
        row = self.selected_row()
        if row:
            self.ctx.open_resident(row.resident_id)

    # -- filters -----------------------------------------------------------------------------
    def apply_filter(self, **filters: object) -> None:
        if "resident_id" in filters:
            self.resident_filter = filters["resident_id"] or None  # type: ignore[assignment]
            self._update_person_row()
        if "status" in filters:
            self.status.blockSignals(True)
            self.status.setCurrentIndex(max(0, self.status.findData(filters["status"])))
            self.status.blockSignals(False)
        if "case_type" in filters:
            self.case_type.blockSignals(True)
            self.case_type.setCurrentIndex(max(0, self.case_type.findData(
                filters["case_type"] or "")))
            self.case_type.blockSignals(False)
        self.refresh()
        if filters.get("case_id"):
            self.select_case(str(filters["case_id"]))

    def _update_person_row(self) -> None:
        shown = self.resident_filter is not None
        self.person_label.setVisible(shown)
        self.person_clear.setVisible(shown)
        if shown:
            from app.core.repo.records import resident_brief

            with self.ctx.db.session() as s:
                r = resident_brief(s, self.resident_filter)
            self.person_label.setText(self.tr("Cases of {name} only").format(
                name=r.name if r else "?"))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
