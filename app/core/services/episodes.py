"""The migration lifecycle: register a CPMI, verify, depart, return, cancel; contact log."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import reference
from app.core.errors import Issue, Severity, ValidationFailed, raise_for_issues
from app.core.models import (
    ContactLog,
    Episode,
    EpisodeState,
    Procedure,
    Resident,
    new_uuid,
)
from app.core.rules.episodes import (
    OPEN_STATES,
    DepartureFacts,
    check_transition,
    red_flags,
)
from app.core.services.common import (
    check_code,
    check_not_future,
    check_order,
    load_live,
    require,
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
        if getattr(ep, name) != value:
            setattr(ep, name, value)


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
    session.add(ep)
    session.flush()
    return ep


def _move(ep: Episode, new: str) -> None:
    issues = check_transition(ep.state, new)
    if issues:
        raise ValidationFailed(issues)
    ep.state = new


def update_documents(session: Session, episode_id: str, documents: list[str]) -> Episode:
    ep = load_live(session, Episode, episode_id)
    issues = _check_documents(documents)
    if issues:
        raise ValidationFailed(issues)
    ep.documents = ",".join(dict.fromkeys(documents))
    session.flush()
    return ep


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
    return ep


def departure_flags(session: Session, resident: Resident, placement: Placement,
                    departed_on: date | None, consent_name: str, verified: bool) -> list[Issue]:
    """Red flags for a departure (warnings only), also shown by the form before saving."""
    country_min = None
    if placement.destination_country:
        item = reference.ref_item("countries", placement.destination_country)
        if item is not None:
            country_min = item.extra.get("min_age")
    return red_flags(
        DepartureFacts(
            birth_date=resident.birth_date,
            departure=departed_on,
            contract_end=placement.contract_end,
            passport_no=resident.passport_no,
            passport_expiry=resident.passport_expiry,
            scheme=placement.scheme,
            consent_name=consent_name,
            bpjs_tk_no=resident.bpjs_tk_no,
            verified=verified,
            country_min_age=country_min,
        )
    )


def record_departure(
    session: Session, episode_id: str, departed_on: date, placement: Placement,
    *, accept_warnings: bool = False,
) -> Episode:
    """A registered or verified CPMI leaves: the episode becomes ``berangkat``."""
    ep = load_live(session, Episode, episode_id)
    issues = check_transition(ep.state, S.BERANGKAT)
    issues += _check_placement(placement)
    issues += check_not_future(departed_on, "departed_on", "keberangkatan")
    issues += check_order(ep.registered_on, departed_on, ("pendaftaran", "keberangkatan"),
                          "departed_on")
    if not any(i.is_error for i in issues):
        issues += departure_flags(session, ep.resident, placement, departed_on,
                                  ep.consent_name, ep.state == S.TERVERIFIKASI)
    raise_for_issues(issues, accept_warnings=accept_warnings)
    ep.state = S.BERANGKAT
    ep.departed_on = departed_on
    _apply_placement(ep, placement)
    session.flush()
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
    return ep


def record_return(
    session: Session, episode_id: str, returned_on: date, reason: str, *, notes: str = ""
) -> Episode:
    ep = load_live(session, Episode, episode_id)
    issues = check_transition(ep.state, S.PULANG)
    issues += require(reason, "return_reason", "Alasan pulang")
    issues += check_code("return_reasons", reason, "return_reason", "Alasan pulang")
    issues += check_not_future(returned_on, "returned_on", "kepulangan")
    issues += check_order(ep.departed_on, returned_on, ("keberangkatan", "kepulangan"),
                          "returned_on")
    if issues:
        raise ValidationFailed(issues)
    ep.state = S.PULANG
    ep.returned_on = returned_on
    ep.return_reason = reason
    if notes:
        ep.notes = (ep.notes + "\n" + notes).strip()
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
    ep = load_live(session, Episode, episode_id)
    issues = _check_placement(placement)
    if issues:
        raise ValidationFailed(issues)
    _apply_placement(ep, placement)
    session.flush()
    return ep


def set_lapor_diri(session: Session, episode_id: str, done: bool) -> Episode:
    ep = load_live(session, Episode, episode_id)
    ep.lapor_diri = done
    session.flush()
    return ep


def delete_episode(session: Session, episode_id: str) -> Episode:
    ep = load_live(session, Episode, episode_id)
    ep.deleted = True
    session.flush()
    return ep


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
