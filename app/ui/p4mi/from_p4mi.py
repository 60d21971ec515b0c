"""Dari P4MI (village mode): what the P4MI sent back in its signed bulletin.

Shown on the village's Paket P4MI page: the P4MI's status of the village's cases, the outcome
of NIK-pair checks of its residents, and what the village must pass on (Pasal 42 (1) a): job
orders, licensed P3MI, destinations open or closed, reference-list updates. The bulletin is
imported together with the receipt (a ``.bmdb`` beside it) or on its own.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.desk.bulletin_store import Bulletin, load_bulletin, names_for
from app.core.errors import AppError
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.p4mi import common


class FromP4miPanel(Retranslating, QGroupBox):
    def __init__(self, ctx: AppContext, notice: common.Notice | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.notice = notice
        self.setObjectName("FromP4miPanel")
        self.bulletin: Bulletin | None = None
        self.body = QLabel()
        self.body.setObjectName("from_p4mi_body")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton()
        self.import_button.setObjectName("bulletin_button")
        self.import_button.clicked.connect(self.ask_import)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("From P4MI"))
        self.import_button.setText(self.tr("Import P4MI bulletin…"))
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.db.session() as s:
            self.bulletin = load_bulletin(s)
            names = names_for(s, self.bulletin) if self.bulletin is not None else {}
        self.body.setText(self.html(names))

    def status_text(self, status: str) -> str:
        return {"diterima": self.tr("accepted by P4MI"),
                "diproses": self.tr("in progress at P4MI"),
                "dirujuk": self.tr("referred on by P4MI"),
                "selesai": self.tr("done at P4MI")}.get(status, status)

    def html(self, names: dict[str, str]) -> str:
        b = self.bulletin
        e = escape
        if b is None:
            return "<p style='color:#666'>" + e(self.tr(
                "Nothing from P4MI yet. The P4MI gives a bulletin file (.bmdb) with its receipt: "
                "it tells the status of the cases referred to it and the information to pass on "
                "to residents.")) + "</p>"
        out = ["<p>" + e(self.tr("Bulletin of {when} from {who}").format(
            when=common.fmt_iso(b.issued_at), who=b.regency_name)) + "</p>"]
        _t1 = self.tr("Cases at P4MI ({n})").format(n=len(b.cases))
        out.append(f"<b>{e(_t1)}</b><ul>")
        for cid, c in b.cases.items():
            last = c.last
            ref = last.get("referral", "")
            where = (" → " + self.ctx.ref_label("referrals", ref)) if ref else ""
            out.append(f"<li>{e(names.get(cid, cid[:8]))}: "
                       f"{e(self.status_text(c.status))}{e(where)} "
                       f"({e(common.fmt_date(_day(last.get('noted_on'))))})</li>")
        out.append("</ul>")
        if b.nik_pairs:
            _t2 = self.tr("NIK checks by P4MI")
            out.append(f"<b>{e(_t2)}</b><ul>")
            for p in b.nik_pairs:
                state = (self.tr("checked") if p.get("status") == "diperiksa"
                         else self.tr("to check: the same NIK is held in village {v}").format(
                             v=p.get("other_village", "")))
                out.append(f"<li>{e(names.get(p.get('resident_id', ''), ''))} "
                           f"({e(p.get('nik', ''))}): {e(state)}</li>")
            out.append("</ul>")
        sections = (("lowongan", self.tr("Job orders (pass on to residents)")),
                    ("p3mi_berizin", self.tr("Licensed P3MI")),
                    ("negara_tujuan", self.tr("Destinations open or closed")),
                    ("referensi", self.tr("Reference list updates")))
        for key, title in sections:
            items = b.info.get(key, [])
            if not items:
                continue
            out.append(f"<b>{e(title)}</b><ul>")
            for item in items[:50]:
                out.append("<li>" + e(" · ".join(str(v) for v in item.values() if v)) + "</li>")
            out.append("</ul>")
        return "".join(out)

    def ask_import(self) -> None:
        path = common.ask_file(self, self.tr("Choose the P4MI bulletin file"),
                               self.tr("P4MI bulletins (*.bmdb);;All files (*)"))
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> bool:
        from sync.bulletin import import_bulletin

        try:
            result = import_bulletin(self.ctx.workspace, path, operator=self.ctx.operator)
        except AppError as exc:
            if self.notice is not None:
                self.notice.show_message(self.ctx.message(exc.code, **exc.params), "error")
            return False
        if self.notice is not None and result.status != "sudah_ada":
            text = self.tr("P4MI bulletin of {when} imported: {n} cases followed up by "
                           "P4MI.").format(when=common.fmt_iso(result.issued_at), n=result.cases)
            kind = self.notice.kind if self.notice.kind in ("ok", "warn") else "ok"
            before = self.notice.text() + " " if self.notice.kind in ("ok", "warn") else ""
            self.notice.show_message(before + text, kind)
        self.refresh()
        self.ctx.notify_changed("bulletin")
        return True


def _day(value: object):  # noqa: ANN202 - date | None
    from datetime import date

    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
