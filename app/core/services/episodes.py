"""The migration lifecycle: register a CPMI, verify, depart, return, cancel; contact log.

Every step evaluates the red-flag rules (:mod:`app.core.rules.flags`) and keeps the result as
:class:`~app.core.models.EpisodeFlag` rows (:func:`sync_flags`): who saw a flag and when, and
whether it was accepted with a reason. A change of the person or the episode re-evaluates
them; a flag whose rule stops firing is marked ``cleared``, never deleted.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import Issue, NeedsConfirmation, Severity, ValidationFailed, raise_for_issues
from app.core.models import (
    ContactLog,
    Episode,
    EpisodeFlag,
    EpisodeState,
    LifeStatus,
    Procedure,
    Resident,
    flag_id,
    new_uuid,
    utcnow,
)
from app.core.rules import flags as flag_rules
from app.core.rules.episodes import OPEN_STATES, check_transition
from app.core.services.common import (
    check_code,
    check_not_future,
    check_order,
    load_live,
    require,
    soft_delete,
)

S = EpisodeState


@dataclass
class Placement:
    """Where and how a PMI works: filled at registration or at departure."""

    destination_country: str = ""
    destination_city: str = ""
    job: str = ""
    sector: str = ""
    employer: str = ""
    p3mi: str = ""
    scheme: str = ""
    procedure: str = Procedure.BELUM_DIKETAHUI
    contract_start: date | None = None
    contract_end: date | None = None
    expected_return: date | None = None


@dataclass
class Consent:
    name: str = ""
    nik: str = ""
    relation: str = ""


@dataclass
class Registration:
    registered_on: date
    placement: Placement = field(default_factory=Placement)
    consent: Consent = field(default_factory=Consent)
    documents: list[str] = field(default_factory=list)
    notes: str = ""
    details: TripDetails | None = None


def _check_placement(p: Placement) -> list[Issue]:
    issues = check_code("countries", p.destination_country, "destination_country",
                        "Negara tujuan")
    issues += check_code("sectors", p.sector, "sector", "Sektor")
    issues += check_code("schemes", p.scheme, "scheme", "Skema penempatan")
    if p.procedure not in {x.value for x in Procedure}:
        issues.append(Issue("code.unknown", "procedure", Severity.ERROR,
                            {"value": p.procedure, "label": "Prosedur"}))
    issues += check_order(p.contract_start, p.contract_end,
                          ("mulai kontrak", "akhir kontrak"), "contract_end")
    return issues


def _apply_placement(ep: Episode, p: Placement) -> None:
    for name in Placement.__dataclass_fields__:
        value = getattr(p, name)
        if name == "expected_return" and value is None and p.contract_end is not None:
            value = p.contract_end  # expected return defaults from the contract end
        if getattr(ep, name) != value:
            setattr(ep, name, value)


@dataclass
class TripDetails:
    """The fields P4MI and embassy clerks ask for, per episode (issue 9, point 3)."""

    epmi_no: str = ""
    visa_type: str = ""
    visa_no: str = ""
    trip_passport_no: str = ""
    trip_passport_expiry: date | None = None
    pk_no: str = ""
    wage: str = ""
    foreign_agency: str = ""
    employer_address: str = ""
    employer_phone: str = ""
    phone_abroad: str = ""
    heir_name: str = ""
    heir_relation: str = ""
    heir_phone: str = ""
    bpjs_status: str = ""
    lapor_diri_on: date | None = None

    @classmethod
    def of(cls, ep: Episode) -> TripDetails:
        return cls(**{name: getattr(ep, name) for name in cls.__dataclass_fields__})


def _check_details(d: TripDetails) -> list[Issue]:
    issues = check_code("visa_types", d.visa_type, "visa_type", "Jenis visa")
    issues += check_code("relations", d.heir_relation, "heir_relation", "Hubungan ahli waris")
    issues += check_code("bpjs_status", d.bpjs_status, "bpjs_status", "Status BPJS")
    issues += check_not_future(d.lapor_diri_on, "lapor_diri_on", "lapor diri")
    return issues


def _apply_details(ep: Episode, d: TripDetails) -> None:
    for name in TripDetails.__dataclass_fields__:
        value = getattr(d, name)
        if isinstance(value, str):
            value = value.strip()
        if getattr(ep, name) != value:
            setattr(ep, name, value)
    if d.lapor_diri_on is not None and not ep.lapor_diri:
        ep.lapor_diri = True


# -- red flags --------------------------------------------------------------------------------


def flag_facts(resident: Resident, ep: Episode, step: str,
               departure: date | None = None) -> flag_rules.FlagFacts:
    """The facts the rules read, from a person and an episode (persistent or a draft)."""
    country = ep.destination_country or ""
    return flag_rules.FlagFacts(
        step=step,
        birth_date=resident.birth_date,
        departure=departure or ep.departed_on,
        nik=resident.nik or "",
        marital_status=resident.marital_status or "",
        country=country,
        sector=ep.sector or "",
        scheme=ep.scheme or "",
        p3mi=ep.p3mi or "",
        documents=frozenset(ep.document_codes),
        passport_no=(ep.trip_passport_no or resident.passport_no or ""),
        passport_expiry=ep.trip_passport_expiry if ep.trip_passport_no
        else resident.passport_expiry,
        contract_end=ep.contract_end,
        visa_type=ep.visa_type or "",
        pk_no=ep.pk_no or "",
        consent_name=ep.consent_name or "",
        consent_relation=ep.consent_relation or "",
        bpjs_tk_no=resident.bpjs_tk_no or "",
        verified=ep.verified_on is not None or ep.state in (S.TERVERIFIKASI, S.DALAM_PROSES),
    )


def finding_issue(f: flag_rules.Finding) -> Issue:
    """A finding as a warning :class:`Issue` (its sentence is ``flag.<code>``), with the
    parameters in words (Indonesian, the register's language)."""
    return Issue(f.message_code, None, Severity.WARNING, flag_rules.display_params(f.params))


def sync_flags(session: Session, ep: Episode, step: str, *,
               findings: list[flag_rules.Finding] | None = None,
               accept_reason: str = "", resident: Resident | None = None,
               fresh: bool = False) -> list[EpisodeFlag]:
    """Store the findings of the rules on ``ep`` as flag rows; returns the active rows.

    New findings become rows (seen now, by the session's operator); a finding that was
    cleared before is raised again; an active row whose rule no longer fires is cleared.
    With ``accept_reason`` every active, not yet accepted flag is marked accepted with it.
    """
    from app.core.db import OPERATOR

    operator = str(session.info.get(OPERATOR, ""))[:100]
    now = utcnow()
    if findings is None:
        findings = flag_rules.evaluate(flag_facts(resident or ep.resident, ep, step))
    version = flag_rules.rule_version()
    # ``fresh``: a new episode of a batch (not flushed yet) has no flags to look up
    existing = {} if fresh else {f.code: f for f in session.scalars(
        select(EpisodeFlag).where(EpisodeFlag.episode_id == ep.id))}
    active: list[EpisodeFlag] = []
    fired = set()
    for finding in findings:
        fired.add(finding.code)
        detail = json.dumps(finding.params, ensure_ascii=False, sort_keys=True, default=str)
        row = existing.get(finding.code)
        if row is None:
            row = EpisodeFlag(id=flag_id(ep.id, finding.code), episode_id=ep.id,
                              code=finding.code, seen_at=now, seen_by=operator, step=step)
            session.add(row)
        elif row.cleared or row.deleted:
            row.cleared, row.cleared_at, row.deleted = False, None, False
            row.seen_at, row.seen_by, row.step = now, operator, step
            row.accepted, row.accepted_reason, row.accepted_by, row.accepted_at = (
                False, "", "", None)
        for key, value in (("severity", str(finding.severity)), ("detail", detail),
                           ("rule_version", version)):
            if getattr(row, key) != value:
                setattr(row, key, value)
        if accept_reason and not row.accepted:
            row.accepted, row.accepted_reason = True, accept_reason.strip()
            row.accepted_by, row.accepted_at = operator, now
        active.append(row)
    for code, row in existing.items():
        if code not in fired and not row.cleared and not row.deleted:
            row.cleared, row.cleared_at = True, now
    session.flush()
    return active


def reevaluate_episode(session: Session, ep: Episode) -> list[EpisodeFlag]:
    """Re-run the rules on a changed episode at the step it has reached (closed episodes
    that ended before departure keep their flags as they were)."""
    step = flag_rules.step_of_state(ep.state)
    if step is None or ep.deleted:
        return []
    return sync_flags(session, ep, step)


def reevaluate_resident(session: Session, resident_id: str) -> None:
    """Re-run the rules on every live episode of a person whose data changed."""
    for ep in session.scalars(select(Episode).where(Episode.resident_id == resident_id,
                                                    Episode.deleted.is_(False))):
        reevaluate_episode(session, ep)


def preview_flags(
    session: Session, resident_id: str, step: str, *, episode_id: str | None = None,
    placement: Placement | None = None, consent: Consent | None = None,
    documents: list[str] | None = None, details: TripDetails | None = None,
    departure: date | None = None, verified: bool | None = None,
) -> list[flag_rules.Finding]:
    """What the rules would say about a form before it is saved (nothing is written)."""
    resident = load_live(session, Resident, resident_id)
    draft = Episode(state=S.TERDAFTAR, documents="", consent_name="", consent_relation="")
    for name in TripDetails.__dataclass_fields__:
        setattr(draft, name, getattr(TripDetails(), name))
    for name in Placement.__dataclass_fields__:
        setattr(draft, name, getattr(Placement(), name))
    draft.verified_on = None
    if episode_id is not None:
        ep = load_live(session, Episode, episode_id)
        for col in Episode.__table__.columns:
            setattr(draft, col.key, getattr(ep, col.key))
    if placement is not None:
        for name in Placement.__dataclass_fields__:
            setattr(draft, name, getattr(placement, name))
    if consent is not None:
        draft.consent_name, draft.consent_relation = consent.name, consent.relation
    if documents is not None:
        draft.documents = ",".join(documents)
    if details is not None:
        for name in TripDetails.__dataclass_fields__:
            setattr(draft, name, getattr(details, name))
    if verified is not None and verified:
        draft.verified_on = draft.verified_on or date.today()
    facts = flag_facts(resident, draft, step, departure)
    if verified is not None:
        facts = dataclasses.replace(facts, verified=verified)
    return flag_rules.evaluate(facts)


def accept_flags(session: Session, episode_id: str, reason: str) -> list[EpisodeFlag]:
    """Accept every active flag of an episode with a reason (who and when are recorded)."""
    ep = load_live(session, Episode, episode_id)
    if not reason.strip():
        raise ValidationFailed([Issue("flag.reason_required", "accept_reason")])
    step = flag_rules.step_of_state(ep.state)
    if step is not None:
        return sync_flags(session, ep, step, accept_reason=reason)
    from app.core.db import OPERATOR

    rows = list(session.scalars(select(EpisodeFlag).where(
        EpisodeFlag.episode_id == ep.id, EpisodeFlag.cleared.is_(False),
        EpisodeFlag.deleted.is_(False))))
    for row in rows:
        if not row.accepted:
            row.accepted, row.accepted_reason = True, reason.strip()
            row.accepted_by = str(session.info.get(OPERATOR, ""))[:100]
            row.accepted_at = utcnow()
    session.flush()
    return rows


def _open_episode(session: Session, resident_id: str) -> Episode | None:
    return session.scalars(
        select(Episode).where(
            Episode.resident_id == resident_id,
            Episode.deleted.is_(False),
            Episode.state.in_([str(s) for s in OPEN_STATES]),
        )
    ).first()


class OpenEpisodeIndex:
    """The open episodes' states of the residents of a batch (an import), so each new
    episode does not query the database: a resident created by the batch (announced with
    :meth:`new_resident`, not flushed yet) has none but the batch's own, one already stored
    is looked up once. Services given an index (``open_index=``) keep it current and leave
    flushing to the caller, who calls :meth:`flushed` after each flush."""

    def __init__(self) -> None:
        self._states: dict[str, list[str]] = {}  # resident id -> states of open episodes
        self._pending: dict[str, Resident] = {}  # created by the batch, not flushed yet

    def new_resident(self, resident: Resident) -> None:
        self._pending[resident.id] = resident
        self._states[resident.id] = []

    def flushed(self) -> None:
        self._pending.clear()

    def resident(self, session: Session, resident_id: str) -> Resident:
        pending = self._pending.get(resident_id)
        return pending if pending is not None else load_live(session, Resident, resident_id)

    def find(self, session: Session, resident: Resident) -> str | None:
        """The state of an open episode of ``resident``, if any."""
        if resident.id not in self._states:
            other = _open_episode(session, resident.id)
            self._states[resident.id] = [other.state] if other is not None else []
        states = self._states[resident.id]
        return states[0] if states else None

    def added(self, ep: Episode) -> None:
        if ep.state in OPEN_STATES:
            self._states.setdefault(ep.resident_id, []).append(ep.state)


def _load_resident(session: Session, resident_id: str,
                   open_index: OpenEpisodeIndex | None) -> Resident:
    if open_index is not None:
        return open_index.resident(session, resident_id)
    return load_live(session, Resident, resident_id)


def _check_no_open(session: Session, resident: Resident,
                   open_index: OpenEpisodeIndex | None = None) -> None:
    if open_index is not None:
        state = open_index.find(session, resident)
    else:
        other = _open_episode(session, resident.id)
        state = other.state if other is not None else None
    if state is not None:
        raise ValidationFailed([Issue("episode.open_exists", "state", Severity.ERROR,
                                      {"name": resident.name, "state": state})])


def _store_new(session: Session, ep: Episode, open_index: OpenEpisodeIndex | None) -> None:
    """Add a new episode: flushed now, or (a batch) given its id and left to the caller."""
    if open_index is None:
        session.add(ep)
        session.flush()
        return
    ep.id = new_uuid()
    session.add(ep)
    open_index.added(ep)


def _check_documents(codes: list[str]) -> list[Issue]:
    issues: list[Issue] = []
    for code in codes:
        issues += check_code("documents", code, "documents", "Dokumen")
    return issues


def register_cpmi(
    session: Session, resident_id: str, reg: Registration, *, accept_warnings: bool = False
) -> Episode:
    """A resident registers as calon PMI: a new episode in state ``terdaftar``."""
    resident = load_live(session, Resident, resident_id)
    _check_no_open(session, resident)
    issues = require(reg.registered_on, "registered_on", "Tanggal pendaftaran")
    issues += check_not_future(reg.registered_on, "registered_on", "pendaftaran")
    issues += _check_placement(reg.placement) + _check_documents(reg.documents)
    issues += check_code("relations", reg.consent.relation, "consent_relation",
                         "Hubungan pemberi izin")
    if reg.details is not None:
        issues += _check_details(reg.details)
    raise_for_issues(issues, accept_warnings=accept_warnings)
    ep = Episode(
        resident_id=resident.id,
        state=S.TERDAFTAR,
        registered_on=reg.registered_on,
        consent_name=reg.consent.name.strip(),
        consent_nik=reg.consent.nik.strip(),
        consent_relation=reg.consent.relation,
        documents=",".join(dict.fromkeys(reg.documents)),
        notes=reg.notes,
    )
    _apply_placement(ep, reg.placement)
    if reg.details is not None:
        _apply_details(ep, reg.details)
    session.add(ep)
    session.flush()
    sync_flags(session, ep, "daftar")
    return ep


def _move(ep: Episode, new: str) -> None:
    issues = check_transition(ep.state, new)
    if issues:
        raise ValidationFailed(issues)
    ep.state = new


def _edit(session: Session, episode_id: str, issues: list[Issue],
          apply: Callable[[Episode], None]) -> Episode:
    """One edit of a live episode: refused whole on ``issues``, else ``apply`` it and re-run
    the rules (flags, status)."""
    ep = load_live(session, Episode, episode_id)
    if issues:
        raise ValidationFailed(issues)
    apply(ep)
    session.flush()
    reevaluate_episode(session, ep)
    return ep


def update_documents(session: Session, episode_id: str, documents: list[str]) -> Episode:
    def apply(ep: Episode) -> None:
        ep.documents = ",".join(dict.fromkeys(documents))

    return _edit(session, episode_id, _check_documents(documents), apply)


def update_details(session: Session, episode_id: str, details: TripDetails) -> Episode:
    """Edit the clerk fields of an episode (visa, PK, heir, BPJS, lapor diri, ...)."""
    return _edit(session, episode_id, _check_details(details),
                 lambda ep: _apply_details(ep, details))


def update_consent(session: Session, episode_id: str, consent: Consent) -> Episode:
    def apply(ep: Episode) -> None:
        ep.consent_name, ep.consent_nik = consent.name.strip(), consent.nik.strip()
        ep.consent_relation = consent.relation

    issues = check_code("relations", consent.relation, "consent_relation",
                        "Hubungan pemberi izin")
    return _edit(session, episode_id, issues, apply)


def verify(session: Session, episode_id: str, verified_on: date) -> Episode:
    ep = load_live(session, Episode, episode_id)
    issues = check_not_future(verified_on, "verified_on", "verifikasi")
    issues += check_order(ep.registered_on, verified_on, ("pendaftaran", "verifikasi"),
                          "verified_on")
    if issues:
        raise ValidationFailed(issues)
    _move(ep, S.TERVERIFIKASI)
    ep.verified_on = verified_on
    session.flush()
    sync_flags(session, ep, "verifikasi")
    return ep


def start_process(session: Session, episode_id: str, since: date, place: str) -> Episode:
    """The CPMI is in process (at the P3MI, a training centre or a shelter), not yet gone."""
    ep = load_live(session, Episode, episode_id)
    issues = check_transition(ep.state, S.DALAM_PROSES)
    issues += require(place, "process_place", "Tempat proses")
    issues += check_code("process_places", place, "process_place", "Tempat proses")
    issues += check_not_future(since, "process_since", "mulai proses")
    issues += check_order(ep.verified_on or ep.registered_on, since,
                          ("pendaftaran/verifikasi", "mulai proses"), "process_since")
    if issues:
        raise ValidationFailed(issues)
    ep.state = S.DALAM_PROSES
    ep.process_since, ep.process_place = since, place
    session.flush()
    sync_flags(session, ep, "verifikasi")
    return ep


def prevent_departure(session: Session, episode_id: str, on: date, reason: str) -> Episode:
    """``dicegah``: the village prevented the departure or did not recommend it.

    Its own end of a CPMI episode (not ``batal``), with the reason; the flags behind the
    decision stay on the episode as they were when it was taken.
    """
    ep = load_live(session, Episode, episode_id)
    issues = check_transition(ep.state, S.DICEGAH)
    issues += require(reason, "end_reason", "Alasan dicegah")
    issues += check_not_future(on, "ended_on", "pencegahan")
    issues += check_order(ep.registered_on, on, ("pendaftaran", "pencegahan"), "ended_on")
    if issues:
        raise ValidationFailed(issues)
    step = flag_rules.step_of_state(ep.state) or "daftar"
    sync_flags(session, ep, step)  # the flags as they stand when the decision is taken
    ep.state = S.DICEGAH
    ep.ended_on, ep.end_reason = on, reason.strip()
    session.flush()
    return ep


def start_leave(session: Session, episode_id: str, leave_from: date,
                leave_until: date | None = None) -> Episode:
    """Home leave (``cuti``): the PMI is back in the village; the placement does not end."""
    ep = load_live(session, Episode, episode_id)
    issues = check_transition(ep.state, S.CUTI)
    issues += check_not_future(leave_from, "leave_from", "mulai cuti")
    issues += check_order(ep.departed_on, leave_from, ("keberangkatan", "mulai cuti"),
                          "leave_from")
    issues += check_order(leave_from, leave_until, ("mulai cuti", "akhir cuti"), "leave_until")
    if issues:
        raise ValidationFailed(issues)
    ep.state = S.CUTI
    ep.leave_from, ep.leave_until = leave_from, leave_until
    session.flush()
    return ep


def end_leave(session: Session, episode_id: str, back_on: date) -> Episode:
    """The PMI goes back abroad after home leave: the same placement continues."""
    ep = load_live(session, Episode, episode_id)
    issues = check_transition(ep.state, S.BERANGKAT)
    issues += check_not_future(back_on, "leave_until", "kembali bekerja")
    issues += check_order(ep.leave_from, back_on, ("mulai cuti", "kembali bekerja"),
                          "leave_until")
    if issues:
        raise ValidationFailed(issues)
    ep.state = S.BERANGKAT
    ep.leave_until = back_on
    session.flush()
    return ep


def record_departure(
    session: Session, episode_id: str, departed_on: date, placement: Placement,
    *, accept_warnings: bool = False, accept_reason: str = "",
    details: TripDetails | None = None,
) -> Episode:
    """A registered, verified or in-process CPMI leaves: the episode becomes ``berangkat``.

    Red flags raise :class:`NeedsConfirmation`; going on needs ``accept_warnings`` *and* a
    reason, and the flags are stored as accepted with it.
    """
    ep = load_live(session, Episode, episode_id)
    issues = check_transition(ep.state, S.BERANGKAT)
    issues += _check_placement(placement)
    if details is not None:
        issues += _check_details(details)
    issues += check_not_future(departed_on, "departed_on", "keberangkatan")
    issues += check_order(ep.registered_on, departed_on, ("pendaftaran", "keberangkatan"),
                          "departed_on")
    if issues:
        raise ValidationFailed(issues)
    findings = preview_flags(session, ep.resident_id, "berangkat", episode_id=ep.id,
                             placement=placement, details=details, departure=departed_on)
    if findings and not accept_warnings:
        raise NeedsConfirmation([finding_issue(f) for f in findings])
    if findings and not accept_reason.strip():
        raise ValidationFailed([Issue("flag.reason_required", "accept_reason")])
    ep.state = S.BERANGKAT
    ep.departed_on = departed_on
    _apply_placement(ep, placement)
    if details is not None:
        _apply_details(ep, details)
    session.flush()
    sync_flags(session, ep, "berangkat", accept_reason=accept_reason)
    return ep


def record_late_departure(
    session: Session, resident_id: str, departed_on: date | None, placement: Placement,
    *, notes: str = "", accept_warnings: bool = False,
    open_index: OpenEpisodeIndex | None = None,
) -> Episode:
    """A departure the village learns of afterwards: an episode that starts at ``berangkat``.

    With ``open_index`` (a batch) the caller flushes."""
    resident = _load_resident(session, resident_id, open_index)
    _check_no_open(session, resident, open_index)
    issues = _check_placement(placement)
    issues += check_not_future(departed_on, "departed_on", "keberangkatan")
    raise_for_issues(issues, accept_warnings=accept_warnings)
    ep = Episode(resident_id=resident.id, state=S.BERANGKAT, departed_on=departed_on,
                 notes=notes)
    _apply_placement(ep, placement)
    _store_new(session, ep, open_index)
    # already gone: recorded for the record, not blocked
    sync_flags(session, ep, "berangkat", resident=resident,
               fresh=open_index is not None)
    return ep


@dataclass
class Death:
    """For return reason ``meninggal``: repatriation of the remains and the BPJS claim."""

    repatriation_status: str = ""
    death_claim_status: str = ""


def _check_death(reason: str, death: Death | None) -> list[Issue]:
    if death is None:
        return []
    issues = check_code("repatriation_status", death.repatriation_status,
                        "repatriation_status", "Pemulangan jenazah")
    issues += check_code("death_claim_status", death.death_claim_status,
                         "death_claim_status", "Klaim jaminan kematian BPJS")
    return issues


def _apply_death(session: Session, ep: Episode, reason: str, death: Death | None) -> None:
    """Death abroad: the person is recorded deceased; repatriation and claim are kept."""
    if reason != "meninggal":
        return
    resident = session.get(Resident, ep.resident_id)
    if resident is not None and resident.life_status != LifeStatus.MENINGGAL:
        resident.life_status = LifeStatus.MENINGGAL
    death = death or Death()
    ep.repatriation_status = death.repatriation_status
    ep.death_claim_status = death.death_claim_status or "belum_diajukan"


def record_return(
    session: Session, episode_id: str, returned_on: date, reason: str, *, notes: str = "",
    death: Death | None = None,
) -> Episode:
    """The PMI came home (from work or from home leave): the episode becomes ``pulang``."""
    ep = load_live(session, Episode, episode_id)
    issues = check_transition(ep.state, S.PULANG)
    issues += require(reason, "return_reason", "Alasan pulang")
    issues += check_code("return_reasons", reason, "return_reason", "Alasan pulang")
    issues += check_not_future(returned_on, "returned_on", "kepulangan")
    issues += check_order(ep.departed_on, returned_on, ("keberangkatan", "kepulangan"),
                          "returned_on")
    issues += _check_death(reason, death)
    if issues:
        raise ValidationFailed(issues)
    ep.state = S.PULANG
    ep.returned_on = returned_on
    ep.return_reason = reason
    if notes:
        ep.notes = (ep.notes + "\n" + notes).strip()
    _apply_death(session, ep, reason, death)
    session.flush()
    return ep


@dataclass
class ReturneeProfile:
    """Returnee profile for empowerment (UU 18/2017 Pasal 42 ayat 1 huruf e)."""

    returnee_skills: str = ""
    returnee_business: str = ""
    remittance_use: str = ""
    plans_to_leave: str = ""


def update_returnee_profile(session: Session, episode_id: str,
                            profile: ReturneeProfile) -> Episode:
    ep = load_live(session, Episode, episode_id)
    issues = check_code("return_plans", profile.plans_to_leave, "plans_to_leave",
                        "Rencana berangkat lagi")
    if issues:
        raise ValidationFailed(issues)
    for name in ReturneeProfile.__dataclass_fields__:
        value = getattr(profile, name).strip()
        if getattr(ep, name) != value:
            setattr(ep, name, value)
    session.flush()
    return ep


def record_past_return(
    session: Session, resident_id: str, returned_on: date | None, reason: str,
    placement: Placement, *, departed_on: date | None = None, notes: str = "",
    open_index: OpenEpisodeIndex | None = None,
) -> Episode:
    """A returnee whose trip was never recorded: an episode that starts at ``pulang``.

    With ``open_index`` (a batch) the caller flushes."""
    resident = _load_resident(session, resident_id, open_index)
    _check_no_open(session, resident, open_index)
    issues = _check_placement(placement)
    issues += check_code("return_reasons", reason, "return_reason", "Alasan pulang")
    issues += check_not_future(returned_on, "returned_on", "kepulangan")
    issues += check_order(departed_on, returned_on, ("keberangkatan", "kepulangan"),
                          "returned_on")
    if issues:
        raise ValidationFailed(issues)
    ep = Episode(resident_id=resident.id, state=S.PULANG, departed_on=departed_on,
                 returned_on=returned_on, return_reason=reason, notes=notes)
    _apply_placement(ep, placement)
    _apply_death(session, ep, reason, None)
    _store_new(session, ep, open_index)
    return ep


def end_before_departure(
    session: Session, episode_id: str, ended_on: date, reason: str, *, failed: bool
) -> Episode:
    """``batal`` (the CPMI withdrew) or ``gagal_berangkat`` (could not leave)."""
    ep = load_live(session, Episode, episode_id)
    new = S.GAGAL_BERANGKAT if failed else S.BATAL
    issues = check_transition(ep.state, new)
    issues += check_not_future(ended_on, "ended_on", "pembatalan")
    if issues:
        raise ValidationFailed(issues)
    ep.state = new
    ep.ended_on = ended_on
    ep.end_reason = reason.strip()
    session.flush()
    return ep


def update_placement(session: Session, episode_id: str, placement: Placement) -> Episode:
    return _edit(session, episode_id, _check_placement(placement),
                 lambda ep: _apply_placement(ep, placement))


def set_lapor_diri(session: Session, episode_id: str, done: bool) -> Episode:
    ep = load_live(session, Episode, episode_id)
    ep.lapor_diri = done
    session.flush()
    return ep


def delete_episode(session: Session, episode_id: str) -> Episode:
    return soft_delete(session, Episode, episode_id)


def add_contact(
    session: Session, resident_id: str, contacted_on: date, news: str, *,
    channel: str = "", condition: str = "", episode_id: str | None = None,
) -> ContactLog:
    """Record the latest news from (or about) a PMI abroad."""
    resident = load_live(session, Resident, resident_id)
    issues = require(contacted_on, "contacted_on", "Tanggal kabar")
    issues += check_not_future(contacted_on, "contacted_on", "kabar")
    if issues:
        raise ValidationFailed(issues)
    if episode_id is None:
        open_ep = _open_episode(session, resident.id)
        episode_id = open_ep.id if open_ep else None
    entry = ContactLog(resident_id=resident.id, episode_id=episode_id,
                       contacted_on=contacted_on, news=news.strip(), channel=channel,
                       condition=condition)
    session.add(entry)
    session.flush()
    return entry
