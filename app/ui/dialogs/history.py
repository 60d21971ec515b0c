"""Change history of a record from the audit log: who changed what, when, in plain words.

For a resident it gathers the person's own row and every row that belongs to them (episodes,
news from abroad, family members, cases). Values of sensitive fields (case chronology and
follow-up notes) are not shown, only that they changed. A confidential case's type and
reporter are redacted by the core (:mod:`app.core.privacy`) until an operator allowed to see
them presses **Show confidential details** (written to the audit log).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.privacy import REDACTED
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from app.ui.labels import (
    CASE_STATUS,
    ENTITY,
    EPISODE_STATE,
    FLAG_SEVERITY,
    FLAG_STEP,
    LIFE_STATUS,
    PROCEDURE,
    SEX,
    fmt_date,
    label,
)

translate = QCoreApplication.translate

FIELD_LABELS = {
    "name": QT_TRANSLATE_NOOP("History", "name"),
    "nik": QT_TRANSLATE_NOOP("History", "NIK"),
    "no_kk": QT_TRANSLATE_NOOP("History", "family card no."),
    "sex": QT_TRANSLATE_NOOP("History", "sex"),
    "birth_place": QT_TRANSLATE_NOOP("History", "birth place"),
    "birth_date": QT_TRANSLATE_NOOP("History", "birth date"),
    "shdk": QT_TRANSLATE_NOOP("History", "relation to head"),
    "dusun": QT_TRANSLATE_NOOP("History", "hamlet"),
    "rw": "RW", "rt": "RT",
    "address": QT_TRANSLATE_NOOP("History", "address"),
    "phone": QT_TRANSLATE_NOOP("History", "phone"),
    "education": QT_TRANSLATE_NOOP("History", "education"),
    "marital_status": QT_TRANSLATE_NOOP("History", "marital status"),
    "passport_no": QT_TRANSLATE_NOOP("History", "passport no."),
    "passport_expiry": QT_TRANSLATE_NOOP("History", "passport valid until"),
    "bpjs_tk_no": QT_TRANSLATE_NOOP("History", "BPJS Ketenagakerjaan no."),
    "life_status": QT_TRANSLATE_NOOP("History", "life status"),
    "notes": QT_TRANSLATE_NOOP("History", "notes"),
    "state": QT_TRANSLATE_NOOP("History", "state"),
    "destination_country": QT_TRANSLATE_NOOP("History", "country"),
    "destination_city": QT_TRANSLATE_NOOP("History", "city"),
    "job": QT_TRANSLATE_NOOP("History", "job"),
    "sector": QT_TRANSLATE_NOOP("History", "sector"),
    "employer": QT_TRANSLATE_NOOP("History", "employer"),
    "p3mi": "P3MI",
    "scheme": QT_TRANSLATE_NOOP("History", "scheme"),
    "procedure": QT_TRANSLATE_NOOP("History", "procedure"),
    "registered_on": QT_TRANSLATE_NOOP("History", "registration date"),
    "verified_on": QT_TRANSLATE_NOOP("History", "verification date"),
    "departed_on": QT_TRANSLATE_NOOP("History", "departure date"),
    "contract_start": QT_TRANSLATE_NOOP("History", "contract start"),
    "contract_end": QT_TRANSLATE_NOOP("History", "contract end"),
    "expected_return": QT_TRANSLATE_NOOP("History", "expected return"),
    "returned_on": QT_TRANSLATE_NOOP("History", "return date"),
    "return_reason": QT_TRANSLATE_NOOP("History", "return reason"),
    "ended_on": QT_TRANSLATE_NOOP("History", "end date"),
    "end_reason": QT_TRANSLATE_NOOP("History", "reason"),
    "consent_name": QT_TRANSLATE_NOOP("History", "family consent by"),
    "consent_nik": QT_TRANSLATE_NOOP("History", "NIK of consenting person"),
    "consent_relation": QT_TRANSLATE_NOOP("History", "relation of consenting person"),
    "documents": QT_TRANSLATE_NOOP("History", "documents"),
    "lapor_diri": QT_TRANSLATE_NOOP("History", "self-report (lapor diri)"),
    "contacted_on": QT_TRANSLATE_NOOP("History", "date of news"),
    "channel": QT_TRANSLATE_NOOP("History", "through"),
    "condition": QT_TRANSLATE_NOOP("History", "condition"),
    "news": QT_TRANSLATE_NOOP("History", "news"),
    "deleted": QT_TRANSLATE_NOOP("History", "deleted"),
    # family left behind
    "member_name": QT_TRANSLATE_NOOP("History", "family member's name"),
    "member_birth_date": QT_TRANSLATE_NOOP("History", "family member's birth date"),
    "relation": QT_TRANSLATE_NOOP("History", "relation"),
    "is_carer": QT_TRANSLATE_NOOP("History", "carer of the children"),
    # cases
    "case_type": QT_TRANSLATE_NOOP("History", "type of case"),
    "reporter": QT_TRANSLATE_NOOP("History", "reported by"),
    "reported_on": QT_TRANSLATE_NOOP("History", "report date"),
    "occurred_on": QT_TRANSLATE_NOOP("History", "date it happened"),
    "chronology": QT_TRANSLATE_NOOP("History", "chronology"),
    "referral": QT_TRANSLATE_NOOP("History", "referred to"),
    "status": QT_TRANSLATE_NOOP("History", "status"),
    "closed_on": QT_TRANSLATE_NOOP("History", "closing date"),
    "sensitive": QT_TRANSLATE_NOOP("History", "confidential"),
    "noted_on": QT_TRANSLATE_NOOP("History", "follow-up date"),
    "note": QT_TRANSLATE_NOOP("History", "follow-up note"),
    "status_after": QT_TRANSLATE_NOOP("History", "status afterwards"),
    # activities
    "kind": QT_TRANSLATE_NOOP("History", "kind of activity"),
    "title": QT_TRANSLATE_NOOP("History", "title"),
    "held_on": QT_TRANSLATE_NOOP("History", "date held"),
    "place": QT_TRANSLATE_NOOP("History", "place"),
    "organizer": QT_TRANSLATE_NOOP("History", "organised by"),
    # trip details, red flags, letters, P4MI case desk (round two)
    "epmi_no": QT_TRANSLATE_NOOP("History", "ID PMI / e-PMI no."),
    "visa_type": QT_TRANSLATE_NOOP("History", "visa type"),
    "visa_no": QT_TRANSLATE_NOOP("History", "visa no."),
    "trip_passport_no": QT_TRANSLATE_NOOP("History", "passport no. (this trip)"),
    "trip_passport_expiry": QT_TRANSLATE_NOOP("History", "passport (this trip) valid until"),
    "pk_no": QT_TRANSLATE_NOOP("History", "work contract (PK) no."),
    "wage": QT_TRANSLATE_NOOP("History", "wage"),
    "foreign_agency": QT_TRANSLATE_NOOP("History", "foreign agency"),
    "employer_address": QT_TRANSLATE_NOOP("History", "employer's address"),
    "employer_phone": QT_TRANSLATE_NOOP("History", "employer's phone"),
    "phone_abroad": QT_TRANSLATE_NOOP("History", "phone abroad"),
    "heir_name": QT_TRANSLATE_NOOP("History", "heir or family contact"),
    "heir_relation": QT_TRANSLATE_NOOP("History", "relation of the heir"),
    "heir_phone": QT_TRANSLATE_NOOP("History", "phone of the heir"),
    "bpjs_status": QT_TRANSLATE_NOOP("History", "BPJS Ketenagakerjaan status"),
    "lapor_diri_on": QT_TRANSLATE_NOOP("History", "self-report date"),
    "process_place": QT_TRANSLATE_NOOP("History", "in process at"),
    "process_since": QT_TRANSLATE_NOOP("History", "in process since"),
    "leave_from": QT_TRANSLATE_NOOP("History", "home leave from"),
    "leave_until": QT_TRANSLATE_NOOP("History", "home leave until"),
    "repatriation_status": QT_TRANSLATE_NOOP("History", "repatriation"),
    "death_claim_status": QT_TRANSLATE_NOOP("History", "death benefit claim"),
    "returnee_skills": QT_TRANSLATE_NOOP("History", "returnee's skills"),
    "returnee_business": QT_TRANSLATE_NOOP("History", "returnee's business"),
    "remittance_use": QT_TRANSLATE_NOOP("History", "use of remittances"),
    "plans_to_leave": QT_TRANSLATE_NOOP("History", "plans to leave again"),
    "code": QT_TRANSLATE_NOOP("History", "red flag"),
    "severity": QT_TRANSLATE_NOOP("History", "severity"),
    "rule_version": QT_TRANSLATE_NOOP("History", "rule version"),
    "step": QT_TRANSLATE_NOOP("History", "step seen at"),
    "detail": QT_TRANSLATE_NOOP("History", "detail"),
    "seen_at": QT_TRANSLATE_NOOP("History", "seen at"),
    "seen_by": QT_TRANSLATE_NOOP("History", "seen by"),
    "accepted": QT_TRANSLATE_NOOP("History", "accepted"),
    "accepted_reason": QT_TRANSLATE_NOOP("History", "reason for accepting"),
    "accepted_by": QT_TRANSLATE_NOOP("History", "accepted by"),
    "accepted_at": QT_TRANSLATE_NOOP("History", "accepted at"),
    "cleared": QT_TRANSLATE_NOOP("History", "no longer applies"),
    "cleared_at": QT_TRANSLATE_NOOP("History", "no longer applies since"),
    "number": QT_TRANSLATE_NOOP("History", "letter number"),
    "seq": QT_TRANSLATE_NOOP("History", "serial no."),
    "year": QT_TRANSLATE_NOOP("History", "year"),
    "issued_on": QT_TRANSLATE_NOOP("History", "letter date"),
    "signer_name": QT_TRANSLATE_NOOP("History", "signed by"),
    "signer_role": QT_TRANSLATE_NOOP("History", "signer's title"),
    "revoked": QT_TRANSLATE_NOOP("History", "revoked"),
    "revoked_reason": QT_TRANSLATE_NOOP("History", "reason revoked"),
    "content_hash": QT_TRANSLATE_NOOP("History", "content hash"),
    "fields": QT_TRANSLATE_NOOP("History", "letter contents"),
    "action": QT_TRANSLATE_NOOP("History", "P4MI action"),
    "village_code": QT_TRANSLATE_NOOP("History", "village code"),
}
EVENT_KEYS = {
    "path": QT_TRANSLATE_NOOP("History", "file"),
    "file": QT_TRANSLATE_NOOP("History", "file"),
    "to": QT_TRANSLATE_NOOP("History", "to"),
    "source": QT_TRANSLATE_NOOP("History", "from"),
    "name": QT_TRANSLATE_NOOP("History", "name"),
    "role": QT_TRANSLATE_NOOP("History", "role"),
    "report": QT_TRANSLATE_NOOP("History", "report"),
    "tries": QT_TRANSLATE_NOOP("History", "wrong tries"),
    "reason": QT_TRANSLATE_NOOP("History", "reason"),
}
REPORTS = {
    "register": QT_TRANSLATE_NOOP("History", "Buku Register PMI"),
    "recap": QT_TRANSLATE_NOOP("History", "monthly recap"),
    "person": QT_TRANSLATE_NOOP("History", "person's data sheet"),
}
SENSITIVE = {"chronology", "note"}
CODE_LISTS = {"shdk": "shdk", "education": "education", "marital_status": "marital_status",
              "destination_country": "countries", "sector": "sectors", "scheme": "schemes",
              "return_reason": "return_reasons", "consent_relation": "relations",
              "case_type": "case_types", "referral": "referrals", "relation": "relations",
              "kind": "activity_kinds", "heir_relation": "relations",
              "visa_type": "visa_types", "bpjs_status": "bpjs_status",
              "repatriation_status": "repatriation_status",
              "death_claim_status": "death_claim_status", "process_place": "process_places",
              "plans_to_leave": "return_plans"}
SKIP = {"resident_id", "episode_id", "case_id", "member_id", "activity_id", "id"}


def _tr(text: str) -> str:
    return translate("History", text)


def _value(field: str, value: Any, lang: str, detail: dict[str, Any] | None = None) -> str:
    from app.core.reference import ref_label

    if value is None or value == "":
        return translate("History", "(empty)")
    if isinstance(value, bool) or value in (True, False):
        return translate("History", "yes") if value else translate("History", "no")
    if field in CODE_LISTS:
        return ref_label(CODE_LISTS[field], str(value), lang)
    if field == "state":
        return label(EPISODE_STATE, value)
    if field == "sex":
        return label(SEX, value)
    if field in ("status", "status_after"):
        return label(CASE_STATUS, value)
    if field == "procedure":
        return label(PROCEDURE, value)
    if field == "severity":
        return label(FLAG_SEVERITY, value)
    if field == "step":
        return label(FLAG_STEP, value)
    if field == "life_status":
        return label(LIFE_STATUS, value)
    if field == "documents":
        return ", ".join(ref_label("documents", c, lang) for c in str(value).split(",") if c)
    if field == "code" and isinstance(value, str) and value.isidentifier():
        # a red flag's code ("no_consent"): its sentence, as the episode form shows it
        from app.core.messages import catalogue, message

        if f"flag.{value}" in catalogue():
            return message(f"flag.{value}", lang, **(detail or {})).rstrip(".")
    text = str(value)
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return fmt_date(text[:10])
    return text


def field_label(field: str) -> str:
    """The readable (translated) name of an audited column."""
    return _tr(FIELD_LABELS[field]) if field in FIELD_LABELS else field


def describe_event(details: dict[str, Any]) -> str:
    """The details of an event row (backup, login, print...) with readable names and values."""
    from pathlib import PurePath

    from app.ui.permissions import role_label

    parts = []
    for key, value in sorted(details.items()):
        if key not in EVENT_KEYS or value in ("", None):
            continue
        if key == "role":
            text = role_label(str(value))
        elif key == "reason":
            from app.ui.data_menu import reason_label

            text = reason_label(str(value))
        elif key == "report":
            text = _tr(REPORTS[value]) if value in REPORTS else str(value)
        elif key == "path":
            text = PurePath(str(value)).name or str(value)
        else:
            text = str(value)
        parts.append(f"{_tr(EVENT_KEYS[key])}: {text}")
    return "; ".join(parts)


def local_time(at: datetime) -> str:
    local = at.replace(tzinfo=UTC).astimezone()
    return local.strftime("%d/%m/%Y %H:%M")


def describe(entity: str, action: str, changes: dict[str, Any], lang: str) -> str:
    """One readable sentence (without who and when) for one audit row."""
    what = label(ENTITY, entity)
    if action == "create":
        head = translate("History", "added {what}").format(what=what)
    elif action == "delete":
        return translate("History", "deleted {what}").format(what=what)
    elif action == "update":
        head = translate("History", "changed {what}").format(what=what)
    else:
        from app.ui.data_menu import ACTIONS

        head = (translate("AuditDialog", ACTIONS[action]) if action in ACTIONS
                else translate("History", "event: {action}").format(action=action))
    parts = []
    detail = changes.get("detail", [None, None])
    detail = detail[1] if isinstance(detail, list) and len(detail) == 2 else None
    if isinstance(detail, str) and detail.startswith("{"):
        import json

        try:
            detail = json.loads(detail)
        except ValueError:
            detail = None
    detail = detail if isinstance(detail, dict) else None
    for field, pair in sorted(changes.items()):
        if field in SKIP or not isinstance(pair, list) or len(pair) != 2:
            continue
        name = field_label(field)
        if field in SENSITIVE or REDACTED in pair:
            hidden = translate("History", "{field} (confidential, not shown)")
            parts.append(hidden.format(field=name))
            continue
        old, new = pair
        if action == "create":
            if new in ({}, [], None, "", "{}", "[]"):
                continue  # nothing to tell ("detail: {}")
            parts.append(f"{name}: {_value(field, new, lang, detail)}")
        else:
            parts.append(translate("History", "{field} from “{old}” to “{new}”").format(
                field=name, old=_value(field, old, lang), new=_value(field, new, lang)))
    return head + (": " + "; ".join(parts) if parts else "")


def resident_history(session: Any, resident_id: str, lang: str, *, viewer: Any = None,
                     reveal: bool = False) -> list[tuple[datetime, str, str]]:
    """``(when, operator, sentence)`` for the resident and everything that belongs to them.

    The rows come from :func:`app.core.services.audit.resident_history`, which redacts a
    confidential case unless ``reveal`` is asked for a ``viewer`` allowed to see it.
    """
    from app.core.services.audit import resident_history as rows_of

    return [(r.at, r.operator, describe(r.entity, r.action, r.changes, lang))
            for r in rows_of(session, resident_id, viewer=viewer, reveal=reveal)]


class HistoryDialog(Retranslating, QDialog):
    def __init__(self, ctx: AppContext, resident_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resident_id = resident_id
        self.setObjectName("HistoryDialog")
        self.resize(860, 560)
        self.heading = QLabel()
        self.text = QTextBrowser()
        self.text.setObjectName("history_text")
        self.revealed = False
        buttons = QDialogButtonBox()
        self.reveal_button = buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.reveal_button.setObjectName("reveal")
        self.reveal_button.clicked.connect(self.reveal)
        self.close_button = buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        from app.ui.widgets.forms import FormKeys

        self.keys = FormKeys(self, first=self.text, guard=False)
        self.retranslate()

    def lines(self) -> list[str]:
        with self.ctx.db.session() as s:
            rows = resident_history(s, self.resident_id, self.ctx.language,
                                    viewer=self.ctx.viewer, reveal=self.revealed)
        return [self.tr("{when} — {who} {what}").format(
            when=local_time(at), who=who or self.tr("(unknown operator)"), what=what)
            for at, who, what in reversed(rows)]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change history"))
        self.heading.setText(self.tr("Every change to this person and their migration "
                                     "records, newest first. Times are this computer's time."))
        self.close_button.setText(self.tr("Close"))
        self.reveal_button.setText(self.tr("Show &confidential details"))
        self.reveal_button.setEnabled(not self.revealed)
        from html import escape

        self.text.setHtml("<br>".join(escape(line) for line in self.lines()) or
                          escape(self.tr("No changes recorded yet.")))

    def reveal(self) -> None:
        """Show confidential case details: only for whom may see them, and audited."""
        from app.core.access import Permission
        from app.core.privacy import log_reveal
        from app.ui import permissions

        if self.revealed or not permissions.require(self, self.ctx, Permission.SEE_SENSITIVE):
            return
        with self.ctx.write() as s:
            log_reveal(s, self.ctx.viewer, "reveal_case_history", entity="resident",
                       entity_id=self.resident_id)
        self.revealed = True
        self.retranslate()

    @classmethod
    def show_for_resident(cls, ctx: AppContext, resident_id: str,
                          parent: QWidget | None = None) -> None:
        cls(ctx, resident_id, parent).exec()


