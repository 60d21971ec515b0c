"""The lifecycle actions of an episode as a table: one :class:`ModeSpec` per mode.

:class:`app.ui.dialogs.episode.EpisodeDialog` reads the spec of its mode and nothing else: the
window title and intro, whether the form has a date of its own and what it is called, which
field groups show (from :data:`FIELD_GROUPS`, always built in that order), which fields must
be filled before the service is asked, which service call saves, which permission it needs,
and at which step the red-flag rules run live. :class:`~app.ui.dialogs.episode.MigrationPanel`
reads the same table for its buttons: their text, which episode an action works on, and the
states of the open episode that allow it.

A new action is one more entry here (and its save function); the dialog does not change.
Titles and texts are English source strings marked with ``QT_TRANSLATE_NOOP`` in the
contexts the dialog and the panel translate them in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.core.access import Permission
from app.core.services import episodes as svc

REGISTER = "register"
VERIFY = "verify"
DEPART = "depart"
LATE_DEPART = "late_depart"
RETURN = "return"
PAST_RETURN = "past_return"
END = "end"
DOCUMENTS = "documents"
CONTACT = "contact"
PLACEMENT = "placement"
PREVENT = "prevent"  # dicegah / tidak direkomendasikan desa
PROCESS = "process"  # dalam proses (P3MI, training centre, shelter)
LEAVE = "leave"  # home leave (cuti) starts
LEAVE_END = "leave_end"  # back to work after home leave
DETAILS = "details"  # the clerk fields: visa, PK, heir, BPJS, lapor diri
RETURNEE = "returnee"  # returnee profile for empowerment (Pasal 42 e), a returned episode

OPEN_STATES = ("terdaftar", "terverifikasi", "dalam_proses", "berangkat", "cuti")
BEFORE_DEPARTURE = ("terdaftar", "terverifikasi", "dalam_proses")

FIELD_GROUPS = ("placement", "return_reason", "death", "process_place", "leave_until",
                "details", "returnee", "departed", "consent", "documents", "end_choice",
                "contact", "notes")
"""The field groups a mode can show, in the order the dialog builds them (and tabs through
them). Rows of the small form (the date, reason, place, notes...) stand above the boxes
(placement, details, returnee, consent, documents)."""

TARGETS = ("new", "open", "selected", "returned")
"""Which episode an action works on: none yet (it makes one), the open one, the one selected
in the timeline, or the selected one when it ended with a return."""

SaveCall = Callable[[Any, Any, "str | None", bool], object]
"""``save(dialog, session, episode_id, accept_warnings)``: read the form, call the service."""


@dataclass(frozen=True)
class ModeSpec:
    key: str
    title: str  # window title (context "EpisodeDialog")
    action: str  # the button in the Migrasi tab (context "MigrationPanel")
    save: SaveCall
    date_label: str = ""  # the form's own date; "" when the mode has none
    intro: str = ""
    groups: tuple[str, ...] = ()  # from FIELD_GROUPS
    required: tuple[str, ...] = ()  # checked by the form before the service is called
    permission: Permission = Permission.EDIT
    flag_step: str | None = None  # the red-flag step evaluated live, None: no live flags
    flag_facts: tuple[str, ...] = ()  # "departure" (the form's date), "verified"
    target: str = "open"  # from TARGETS
    needs_episode: bool = True  # False: the action may run without the target episode
    enabled_in: tuple[str, ...] | None = None  # states of the open episode; None: always
    blank_date: bool = False  # the date starts empty (a trip learned of later)
    default_procedure: str = ""
    notes_label: str = QT_TRANSLATE_NOOP("EpisodeDialog", "Notes")


# -- the service calls ---------------------------------------------------------------------
def _save_register(d: Any, s: Any, _ep: str | None, accept: bool) -> object:
    reg = svc.Registration(registered_on=d.when_value(), placement=d.placement(),
                           consent=d.consent(), documents=d.documents())
    return svc.register_cpmi(s, d.resident_id, reg, accept_warnings=accept)


def _save_verify(d: Any, s: Any, ep: str | None, _accept: bool) -> object:
    return svc.verify(s, ep, d.when_value())


def _save_depart(d: Any, s: Any, ep: str | None, accept: bool) -> object:
    return svc.record_departure(s, ep, d.when_value(), d.placement(), accept_warnings=accept,
                                accept_reason=d.accept_reason)


def _save_prevent(d: Any, s: Any, ep: str | None, _accept: bool) -> object:
    return svc.prevent_departure(s, ep, d.when_value(), d.notes_text())


def _save_process(d: Any, s: Any, ep: str | None, _accept: bool) -> object:
    return svc.start_process(s, ep, d.when_value(), d.process_place.code())


def _save_leave(d: Any, s: Any, ep: str | None, _accept: bool) -> object:
    return svc.start_leave(s, ep, d.when_value(), d.date_of(d.leave_until, "leave_until"))


def _save_leave_end(d: Any, s: Any, ep: str | None, _accept: bool) -> object:
    return svc.end_leave(s, ep, d.when_value())


def _save_details(d: Any, s: Any, ep: str | None, _accept: bool) -> object:
    return svc.update_details(s, ep, d.details())


def _save_returnee(d: Any, s: Any, ep: str | None, _accept: bool) -> object:
    return svc.update_returnee_profile(s, ep, d.returnee_profile())


def _save_late_depart(d: Any, s: Any, _ep: str | None, accept: bool) -> object:
    return svc.record_late_departure(s, d.resident_id, d.when_value(), d.placement(),
                                     notes=d.notes_text(), accept_warnings=accept)


def _save_return(d: Any, s: Any, ep: str | None, _accept: bool) -> object:
    reason = d.fields["return_reason"].code()
    death = svc.Death(d.repatriation.code(), d.death_claim.code()) \
        if reason == "meninggal" else None
    return svc.record_return(s, ep, d.when_value(), reason, notes=d.notes_text(), death=death)


def _save_past_return(d: Any, s: Any, _ep: str | None, _accept: bool) -> object:
    return svc.record_past_return(s, d.resident_id, d.when_value(),
                                  d.fields["return_reason"].code(), d.placement(),
                                  departed_on=d.date_of(d.departed, "departed_on"),
                                  notes=d.notes_text())


def _save_end(d: Any, s: Any, ep: str | None, _accept: bool) -> object:
    return svc.end_before_departure(s, ep, d.when_value(), d.notes_text(),
                                    failed=d.failed.isChecked())


def _save_documents(d: Any, s: Any, ep: str | None, _accept: bool) -> object:
    return svc.update_documents(s, ep, d.documents())


def _save_placement(d: Any, s: Any, ep: str | None, _accept: bool) -> object:
    return svc.update_placement(s, ep, d.placement())


def _save_contact(d: Any, s: Any, ep: str | None, _accept: bool) -> object:
    return svc.add_contact(s, d.resident_id, d.when_value(), d.notes_text(),
                           channel=d.channel.currentText(),
                           condition=d.condition.currentText(), episode_id=ep)


# -- the table -----------------------------------------------------------------------------
_SPECS = (
    ModeSpec(
        REGISTER, QT_TRANSLATE_NOOP("EpisodeDialog",
                                    "Register as prospective migrant worker (CPMI)"),
        QT_TRANSLATE_NOOP("MigrationPanel", "Register as CPMI..."), _save_register,
        date_label=QT_TRANSLATE_NOOP("EpisodeDialog", "Registration date"),
        intro=QT_TRANSLATE_NOOP("EpisodeDialog",
                                "Tick the documents already seen by the village. The family "
                                "consent (izin keluarga) is required by UU 18/2017."),
        groups=("placement", "consent", "documents"), flag_step="daftar",
        flag_facts=("departure",), target="new", needs_episode=False),
    ModeSpec(
        VERIFY, QT_TRANSLATE_NOOP("EpisodeDialog", "Verify the CPMI"),
        QT_TRANSLATE_NOOP("MigrationPanel", "Verify..."), _save_verify,
        date_label=QT_TRANSLATE_NOOP("EpisodeDialog", "Verification date"),
        required=("when",), flag_step="verifikasi", flag_facts=("verified",),
        enabled_in=("terdaftar",)),
    ModeSpec(
        PROCESS, QT_TRANSLATE_NOOP("EpisodeDialog",
                                   "In process (P3MI, training centre, shelter)"),
        QT_TRANSLATE_NOOP("MigrationPanel", "In process..."), _save_process,
        date_label=QT_TRANSLATE_NOOP("EpisodeDialog", "In process since"),
        groups=("process_place",), required=("when",), flag_step="verifikasi",
        flag_facts=("verified",), enabled_in=("terdaftar", "terverifikasi")),
    ModeSpec(
        DEPART, QT_TRANSLATE_NOOP("EpisodeDialog", "Record departure"),
        QT_TRANSLATE_NOOP("MigrationPanel", "Record departure..."), _save_depart,
        date_label=QT_TRANSLATE_NOOP("EpisodeDialog", "Departure date"),
        intro=QT_TRANSLATE_NOOP("EpisodeDialog",
                                "Red flags below are kept with the episode. With red flags, "
                                "saving asks for a reason; the village can also record the "
                                "departure as prevented instead."),
        groups=("placement",), required=("when",), flag_step="berangkat",
        flag_facts=("departure",), enabled_in=BEFORE_DEPARTURE),
    ModeSpec(
        PREVENT, QT_TRANSLATE_NOOP("EpisodeDialog",
                                   "Departure prevented / not recommended by the village"),
        QT_TRANSLATE_NOOP("MigrationPanel", "Prevented (dicegah)..."), _save_prevent,
        date_label=QT_TRANSLATE_NOOP("EpisodeDialog", "Date of the decision"),
        intro=QT_TRANSLATE_NOOP("EpisodeDialog",
                                "The village stopped this departure or does not recommend it "
                                "(its own outcome, not a cancellation). Write the reason; the "
                                "red flags behind it stay with the episode."),
        groups=("notes",), required=("when",), flag_step="daftar",
        enabled_in=BEFORE_DEPARTURE),
    ModeSpec(
        END, QT_TRANSLATE_NOOP("EpisodeDialog", "Cancelled or failed departure"),
        QT_TRANSLATE_NOOP("MigrationPanel", "Cancelled / failed..."), _save_end,
        date_label=QT_TRANSLATE_NOOP("EpisodeDialog", "Date"),
        intro=QT_TRANSLATE_NOOP("EpisodeDialog",
                                "Cancelled: the CPMI withdrew. Failed: the departure could not "
                                "happen (e.g. failed medical check, P3MI problem)."),
        groups=("end_choice", "notes"), required=("when",), enabled_in=BEFORE_DEPARTURE),
    ModeSpec(
        DOCUMENTS, QT_TRANSLATE_NOOP("EpisodeDialog", "Document checklist"),
        QT_TRANSLATE_NOOP("MigrationPanel", "Documents..."), _save_documents,
        groups=("documents",), flag_step="daftar", enabled_in=BEFORE_DEPARTURE),
    ModeSpec(
        RETURN, QT_TRANSLATE_NOOP("EpisodeDialog", "Record return"),
        QT_TRANSLATE_NOOP("MigrationPanel", "Record return..."), _save_return,
        date_label=QT_TRANSLATE_NOOP("EpisodeDialog", "Return date"),
        groups=("return_reason", "death", "notes"), required=("when",),
        enabled_in=("berangkat", "cuti")),
    ModeSpec(
        LEAVE, QT_TRANSLATE_NOOP("EpisodeDialog", "Home leave (cuti)"),
        QT_TRANSLATE_NOOP("MigrationPanel", "Home leave..."), _save_leave,
        date_label=QT_TRANSLATE_NOOP("EpisodeDialog", "Leave starts"),
        intro=QT_TRANSLATE_NOOP("EpisodeDialog",
                                "The worker is home on leave; the placement goes on and the "
                                "person stays a PMI."),
        groups=("leave_until",), required=("when",), enabled_in=("berangkat",)),
    ModeSpec(
        LEAVE_END, QT_TRANSLATE_NOOP("EpisodeDialog", "Back to work after home leave"),
        QT_TRANSLATE_NOOP("MigrationPanel", "Back from leave..."), _save_leave_end,
        date_label=QT_TRANSLATE_NOOP("EpisodeDialog", "Back abroad on"),
        required=("when",), enabled_in=("cuti",)),
    ModeSpec(
        LATE_DEPART, QT_TRANSLATE_NOOP("EpisodeDialog", "Record a departure learned of later"),
        QT_TRANSLATE_NOOP("MigrationPanel", "Departure learned later..."), _save_late_depart,
        date_label=QT_TRANSLATE_NOOP("EpisodeDialog", "Departure date (if known)"),
        intro=QT_TRANSLATE_NOOP("EpisodeDialog",
                                "For a resident who left without registering at the "
                                "village. Mark 'Suspected non-procedural' if the departure "
                                "did not go through the legal process."),
        groups=("placement", "notes"), flag_step="berangkat", flag_facts=("departure",),
        target="new", needs_episode=False, blank_date=True,
        default_procedure="diduga_nonprosedural"),
    ModeSpec(
        PAST_RETURN, QT_TRANSLATE_NOOP("EpisodeDialog",
                                       "Record a past trip (already returned)"),
        QT_TRANSLATE_NOOP("MigrationPanel", "Past trip (returned)..."), _save_past_return,
        date_label=QT_TRANSLATE_NOOP("EpisodeDialog", "Return date (if known)"),
        intro=QT_TRANSLATE_NOOP("EpisodeDialog",
                                "For a returnee whose trip was never recorded."),
        groups=("placement", "return_reason", "departed", "notes"), target="new",
        needs_episode=False, blank_date=True),
    ModeSpec(
        CONTACT, QT_TRANSLATE_NOOP("EpisodeDialog", "News from abroad"),
        QT_TRANSLATE_NOOP("MigrationPanel", "Add news from abroad..."), _save_contact,
        date_label=QT_TRANSLATE_NOOP("EpisodeDialog", "Date of the news"),
        intro=QT_TRANSLATE_NOOP("EpisodeDialog",
                                "The last news from or about the worker abroad (for the "
                                "'no news for N months' list)."),
        groups=("contact", "notes"), required=("when",), needs_episode=False,
        notes_label=QT_TRANSLATE_NOOP("EpisodeDialog", "News")),
    ModeSpec(
        DETAILS, QT_TRANSLATE_NOOP("EpisodeDialog", "Trip details for P4MI and the embassy"),
        QT_TRANSLATE_NOOP("MigrationPanel", "Trip details..."), _save_details,
        intro=QT_TRANSLATE_NOOP("EpisodeDialog",
                                "The facts P4MI and embassy clerks ask for. Expected return "
                                "follows the contract end unless you change it."),
        groups=("details",), flag_step="berangkat", target="selected"),
    ModeSpec(
        RETURNEE, QT_TRANSLATE_NOOP("EpisodeDialog", "Returnee profile (empowerment)"),
        QT_TRANSLATE_NOOP("MigrationPanel", "Returnee profile..."), _save_returnee,
        intro=QT_TRANSLATE_NOOP("EpisodeDialog",
                                "What the returned worker brings home, for the village's "
                                "empowerment programmes (UU 18/2017 Pasal 42 e)."),
        groups=("returnee",), target="returned"),
    ModeSpec(
        PLACEMENT, QT_TRANSLATE_NOOP("EpisodeDialog", "Change the placement"),
        QT_TRANSLATE_NOOP("MigrationPanel", "Change placement..."), _save_placement,
        intro=QT_TRANSLATE_NOOP("EpisodeDialog",
                                "Correct or complete where and how the worker is placed "
                                "(e.g. a new employer or an extended contract)."),
        groups=("placement",), flag_step="berangkat", enabled_in=("berangkat",)),
)

MODES: dict[str, ModeSpec] = {spec.key: spec for spec in _SPECS}
"""Every mode by its key, in the order of the buttons of the Migrasi tab (the placement
button, last, sits apart on the "abroad" row)."""

PLACEMENT_MODES = tuple(k for k, m in MODES.items() if "placement" in m.groups)
FLAG_STEP = {k: m.flag_step for k, m in MODES.items() if m.flag_step}
"""Modes that show the red flags live, and the step the rules are evaluated at."""
