"""Cari orang (P4MI): find a person among every village's residents, and see them read-only.

Typing searches (debounced 250 ms) by a name fragment or a NIK / No. KK prefix; the search and
the person view are read on the DB worker (:class:`app.ui.tasks.Op`), so the window never waits
on them (``benchmarks/bench_desk.py`` measures both at 200,000 residents). The person view shows
the village and kecamatan, every episode with the red flags the village stored (code,
severity, accepted with a reason or not), news from abroad, cases (confidential types are not
shown here: the case desk reveals them with the audited reveal), the family left behind, and
the residents of other villages carrying the same NIK, which open with one click.

Filters (``apply_filter``): ``text=...`` searches, ``resident_id=ID`` opens a person.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.desk.person import PersonView, person_view
from app.core.desk.search import PersonSearch, SearchResult
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.labels import (
    EPISODE_STATE,
    FLAG_SEVERITY,
    LIFE_STATUS,
    MIGRANT_STATUS,
    MIGRANT_STATUS_SHORT,
    label,
)
from app.ui.p4mi import common
from app.ui.tablemodels.rows import RowsModel
from app.ui.tasks import Op


class PersonSearchView(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("PersonSearchView")
        self.searcher = PersonSearch(ctx.db.session)
        self.result = SearchResult("", 0, [])
        self.person: PersonView | None = None
        self._pending = ""
        self.title = QLabel()
        self.title.setFont(common.title_font(self))
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self.notice = common.Notice()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.search.returnPressed.connect(self.run_search)
        self.model = RowsModel([], self)
        self.table = common.make_table(self.model)
        self.table.setObjectName("people_table")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.detail = QTextBrowser()
        self.detail.setObjectName("person_detail")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._link)
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([700, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(split, 1)
        self.retranslate()
        searcher = self.searcher
        Op(ctx.tasks, lambda _p, _c: searcher.warm(), self).start()  # first keystroke is quick

    # -- texts ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Find a person in every village"))
        self.search_label.setText(self.tr("&Name or NIK"))
        self.search.setPlaceholderText(self.tr("part of a name, or the first digits of a NIK"))
        self.model.set_headers(
            [
                self.tr("Name"),
                self.tr("NIK"),
                self.tr("Sex"),
                self.tr("Born"),
                self.tr("Village"),
                self.tr("District"),
                self.tr("Status"),
            ]
        )
        self._fill()
        self._show_person()

    # -- view contract --------------------------------------------------------------------
    def refresh(self) -> None:
        """New data arrived (a write or an import): the index is brought up to date on the DB
        worker (only the residents written since it was read), then the search runs again."""
        searcher = self.searcher
        Op(self.ctx.tasks, lambda _p, _c: searcher.refresh(), self).on_failure(
            lambda exc: common.report_failure(self.ctx, self.notice, self, exc)
        ).start()
        self.run_search()
        if self.person is not None:
            self.open_person(self.person.id)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def apply_filter(self, **filters: object) -> None:
        if "text" in filters:
            self.search.blockSignals(True)
            self.search.setText(str(filters["text"] or ""))
            self.search.blockSignals(False)
            self.run_search()
        if filters.get("resident_id"):
            self.open_person(str(filters["resident_id"]))

    # -- search ---------------------------------------------------------------------------
    def run_search(self) -> None:
        self.timer.stop()
        text = self.search.text()
        self._pending = text
        searcher = self.searcher

        def work(_progress: Any, _cancel: Any) -> SearchResult:
            return searcher.search(text)

        Op(self.ctx.tasks, work, self).on_success(self._searched).on_failure(
            lambda exc: common.report_failure(self.ctx, self.notice, self, exc)
        ).start()

    def _searched(self, result: SearchResult) -> None:
        if " ".join(self._pending.split()) != result.text:
            return  # an older search finished after a newer one was typed
        self.result = result
        self._fill()
        if len(result.hits) == 1:
            self.table.selectRow(0)

    def _fill(self) -> None:
        r = self.result
        sex = {"L": "L", "P": "P"}
        self.model.set_rows(
            [
                (
                    h.name,
                    h.nik,
                    sex.get(h.sex, h.sex),
                    common.fmt_date(h.birth_date),
                    h.village_name,
                    h.district_name,
                    label(MIGRANT_STATUS_SHORT, h.migrant_status),
                )
                for h in r.hits
            ],
            [h.id for h in r.hits],
        )
        if r.hits and not self.table.property("sized"):
            self.table.resizeColumnsToContents()
            self.table.setProperty("sized", True)
        if not r.text:
            self.count_label.setText("")
        elif r.too_short:
            self.count_label.setText(self.tr("Type at least 2 letters or 6 digits"))
        elif r.more:
            self.count_label.setText(
                self.tr("More than {total} found; the first {shown} are shown. Type more to "
                        "narrow.").format(total=common.number(r.total),
                                          shown=common.number(len(r.hits))))
        elif r.total > len(r.hits):
            self.count_label.setText(
                self.tr("{total} found; the first {shown} are shown. Type more to narrow.").format(
                    total=common.number(r.total), shown=common.number(len(r.hits))
                )
            )
        else:
            self.count_label.setText(self.tr("{total} found").format(total=common.number(r.total)))

    # -- person ---------------------------------------------------------------------------
    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_person(self.model.key(rows[0].row()))

    def open_person(self, resident_id: str) -> None:
        db = self.ctx.db

        def work(_progress: Any, _cancel: Any) -> PersonView:
            with db.session() as s:
                return person_view(s, resident_id)

        Op(self.ctx.tasks, work, self).on_success(self._person_loaded).on_failure(
            lambda exc: common.report_failure(self.ctx, self.notice, self, exc)
        ).start()

    def _person_loaded(self, view: PersonView) -> None:
        self.person = view
        self._show_person()

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "person":
            self.open_person(url.path().strip("/") or url.host())
        elif url.scheme() == "case":
            self.ctx.show_view("kasus", case_id=url.path().strip("/") or url.host())

    def _show_person(self) -> None:
        p = self.person
        if p is None:
            hint = self.tr("Type a name or a NIK, then choose a person to see them here.")
            self.detail.setHtml(f"<p style='color:#666'>{escape(hint)}</p>")
            return
        self.detail.setHtml(self.person_html(p))

    def person_html(self, p: PersonView) -> str:
        e = escape
        ref = self.ctx.ref_label
        out = [
            f"<h3>{e(p.name)}</h3>",
            f"<p>NIK {e(p.nik or '-')} · KK {e(p.no_kk or '-')}<br/>",
            e(
                self.tr("Village {village}, kecamatan {district} ({code})").format(
                    village=p.village_name or "?",
                    district=p.district_name or "?",
                    code=p.village_code,
                )
            ),
            "<br/>",
            e(p.address or f"RT {p.rt or '-'} / RW {p.rw or '-'} {p.dusun}".strip()),
            "<br/>",
            e(
                self.tr("Born {place} {date}").format(
                    place=p.birth_place, date=common.fmt_date(p.birth_date)
                )
            ),
            "<br/>",
            e(label(MIGRANT_STATUS, p.migrant_status)),
            " · ",
            e(label(LIFE_STATUS, p.life_status)),
            "</p>",
        ]
        if p.pairs:
            _t1 = self.tr("Same NIK in another village")
            out.append(f"<h4 style='color:#8a4b00'>{e(_t1)}</h4><ul>")
            checked = {
                "diperiksa": self.tr("checked"),
                "baru": self.tr("to check"),
                "": self.tr("to check"),
            }
            for o in p.pairs:
                out.append(
                    f"<li><a href='person:{o.resident_id}'>{e(o.name)}</a> · "
                    f"{e(o.village_name)} ({e(o.village_code)}) · "
                    f"{e(label(MIGRANT_STATUS_SHORT, o.migrant_status))} · "
                    f"{e(checked.get(o.check_status, o.check_status))}</li>"
                )
            out.append("</ul>")
        _t2 = self.tr("Migration episodes ({n})").format(n=len(p.episodes))
        out.append(f"<h4>{e(_t2)}</h4>")
        for ep in p.episodes:
            bits = [
                label(EPISODE_STATE, ep.state),
                ref("countries", ep.country),
                ep.job,
                ref("schemes", ep.scheme) if ep.scheme else "",
                ep.p3mi,
            ]
            dates = [
                (self.tr("registered"), ep.registered_on),
                (self.tr("departed"), ep.departed_on),
                (self.tr("expected back"), ep.expected_return),
                (self.tr("returned"), ep.returned_on),
            ]
            out.append(
                "<p>" + e(" · ".join(b for b in bits if b)) + "<br/><span "
                "style='color:#555'>"
                + e(", ".join(f"{name} {common.fmt_date(d)}" for name, d in dates if d))
                + "</span>"
            )
            if ep.return_reason:
                out.append(
                    "<br/>"
                    + e(
                        self.tr("Reason for return: {reason}").format(
                            reason=ref("return_reasons", ep.return_reason)
                        )
                    )
                )
            # Red flags stored with the episode by the village (issue 9, checkpoint).
            if ep.flags:
                _tf = self.tr("Red flags ({n}):").format(n=len(ep.flags))
                out.append("<br/><span style='color:#a00'>" + e(_tf) + "</span><ul>")
                for f in ep.flags:
                    text = f.text_en if self.ctx.language == "en" else f.text_id
                    line = f"{text} [{f.code}] ({label(FLAG_SEVERITY, f.severity)})"
                    if f.accepted:
                        state = self.tr("accepted by {who}: {why}").format(
                            who=f.accepted_by or "-", why=f.accepted_reason or "-")
                    else:
                        state = self.tr("not accepted")
                    out.append("<li><span style='color:#a00'>" + e(line) + "</span> · "
                               + e(state) + "</li>")
                out.append("</ul>")
            out.append("</p>")
        if p.contacts:
            _t3 = self.tr("News from abroad")
            out.append(f"<h4>{e(_t3)}</h4><ul>")
            for c in p.contacts[:10]:
                out.append(
                    f"<li>{e(common.fmt_date(c.contacted_on))} · {e(c.channel)} · "
                    f"{e(c.condition)}: {e(c.news)}</li>"
                )
            out.append("</ul>")
        _t4 = self.tr("Cases ({n})").format(n=len(p.cases))
        out.append(f"<h4>{e(_t4)}</h4>")
        if p.cases:
            out.append("<ul>")
            for c in p.cases:
                kind = (
                    self.tr("confidential case") if c.sensitive else ref("case_types", c.case_type)
                )
                desk = (
                    self.tr("P4MI: {status}").format(status=self.desk_status_text(c.p4mi_status))
                    if c.p4mi_status
                    else self.tr("P4MI: not accepted yet")
                )
                out.append(
                    f"<li><a href='case:{c.id}'>{e(common.fmt_date(c.reported_on))}</a>"
                    f" · {e(kind)} · {e(self.case_status_text(c.status))} · "
                    f"{e(desk)}</li>"
                )
            out.append("</ul>")
        if p.family:
            _t5 = self.tr("Family left behind")
            out.append(f"<h4>{e(_t5)}</h4><ul>")
            for f in p.family:
                carer = " · " + self.tr("carer") if f.is_carer else ""
                out.append(
                    f"<li>{e(f.name)} · {e(ref('relations', f.relation))} · "
                    f"{e(common.fmt_date(f.birth_date))}{e(carer)}</li>"
                )
            out.append("</ul>")
        return "".join(out)

    def case_status_text(self, status: str) -> str:
        return {
            "baru": self.tr("New"),
            "diproses": self.tr("In progress"),
            "selesai": self.tr("Closed"),
        }.get(status, status)

    def desk_status_text(self, status: str) -> str:
        return {
            "": self.tr("not accepted yet"),
            "diterima": self.tr("accepted"),
            "diproses": self.tr("in progress"),
            "dirujuk": self.tr("referred on"),
            "selesai": self.tr("done"),
        }.get(status, status)
