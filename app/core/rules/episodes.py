"""The migration episode state machine, the derived resident status, and red flags.

``terdaftar -> terverifikasi -> berangkat -> pulang``, with side exits ``batal`` and
``gagal_berangkat`` before departure. An episode may also *start* at ``berangkat`` or
``pulang``: a departure the village learns of later.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.core.errors import Issue, Severity
from app.core.models.episode import EpisodeState as S
from app.core.models.resident import MigrantStatus

MINIMUM_AGE = 18
"""UU 18/2017 Pasal 5: a PMI must be at least 18 years old."""

START_STATES = frozenset({S.TERDAFTAR, S.BERANGKAT, S.PULANG})
OPEN_STATES = frozenset({S.TERDAFTAR, S.TERVERIFIKASI, S.BERANGKAT})
CLOSED_STATES = frozenset({S.PULANG, S.BATAL, S.GAGAL_BERANGKAT})

TRANSITIONS: dict[str, frozenset[str]] = {
    S.TERDAFTAR: frozenset({S.TERVERIFIKASI, S.BERANGKAT, S.BATAL, S.GAGAL_BERANGKAT}),
    S.TERVERIFIKASI: frozenset({S.BERANGKAT, S.BATAL, S.GAGAL_BERANGKAT}),
    S.BERANGKAT: frozenset({S.PULANG}),
    S.PULANG: frozenset(),
    S.BATAL: frozenset(),
    S.GAGAL_BERANGKAT: frozenset(),
}

MESSAGES: dict[str, tuple[str, str]] = {
    "episode.bad_transition": (
        "Status penempatan tidak bisa diubah dari '{old}' menjadi '{new}'.",
        "The episode cannot move from '{old}' to '{new}'.",
    ),
    "episode.bad_start": (
        "Penempatan baru hanya bisa dimulai sebagai terdaftar, berangkat, atau pulang.",
        "A new episode can only start as registered, departed or returned.",
    ),
    "episode.open_exists": (
        "{name} masih punya penempatan yang belum selesai (status: {state}). "
        "Selesaikan dulu sebelum mencatat penempatan baru.",
        "{name} still has an unfinished episode (state: {state}). "
        "Close it before recording a new one.",
    ),
    "episode.date_order": (
        "Tanggal {later} tidak boleh sebelum tanggal {earlier}.",
        "The {later} date cannot be before the {earlier} date.",
    ),
    "episode.date_future": (
        "Tanggal {field} ({value}) masih di masa depan.",
        "The {field} date ({value}) is in the future.",
    ),
    "flag.under_age": (
        "Usia saat berangkat {age} tahun, di bawah batas minimal {minimum} tahun "
        "(UU 18/2017 Pasal 5 atau aturan negara tujuan).",
        "Age at departure is {age}, below the minimum of {minimum} "
        "(UU 18/2017 art. 5 or the destination country's rule).",
    ),
    "flag.passport_expires": (
        "Paspor habis berlaku ({expiry}) sebelum kontrak selesai ({contract_end}).",
        "The passport expires ({expiry}) before the contract ends ({contract_end}).",
    ),
    "flag.no_passport": (
        "Nomor paspor belum dicatat.",
        "No passport number has been recorded.",
    ),
    "flag.perseorangan": (
        "Skema perseorangan: pekerja berangkat tanpa P3MI, pastikan dokumennya lengkap.",
        "Individual scheme: the worker leaves without a P3MI; make sure the papers are complete.",
    ),
    "flag.no_consent": (
        "Belum ada surat izin keluarga (nama pemberi izin kosong).",
        "No family consent recorded (the consenting person's name is empty).",
    ),
    "flag.no_bpjs": (
        "Belum ada nomor BPJS Ketenagakerjaan.",
        "No BPJS Ketenagakerjaan number.",
    ),
    "flag.not_verified": (
        "Calon PMI ini belum diverifikasi oleh desa.",
        "This prospective migrant worker has not been verified by the village.",
    ),
}


def start_date(
    registered_on: date | None, departed_on: date | None, returned_on: date | None
) -> date | None:
    """The first known date of an episode, used to order a resident's episodes."""
    return registered_on or departed_on or returned_on


@dataclass(frozen=True)
class EpisodeFacts:
    """What status derivation needs of one episode."""

    state: str
    start: date | None
    created_order: str  # created_at ISO text, a tie-breaker


def derive_status(episodes: Iterable[EpisodeFacts]) -> MigrantStatus:
    """A resident's status from the latest episode that did not end before departure."""
    live = [e for e in episodes if e.state not in (S.BATAL, S.GAGAL_BERANGKAT)]
    if not live:
        return MigrantStatus.BUKAN
    latest = max(live, key=lambda e: (e.start or date.min, e.created_order))
    if latest.state in (S.TERDAFTAR, S.TERVERIFIKASI):
        return MigrantStatus.CALON_PMI
    if latest.state == S.BERANGKAT:
        return MigrantStatus.PMI
    return MigrantStatus.PURNA_PMI


def check_transition(old: str, new: str) -> list[Issue]:
    if new in TRANSITIONS.get(old, frozenset()):
        return []
    return [Issue("episode.bad_transition", "state", Severity.ERROR, {"old": old, "new": new})]


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


@dataclass(frozen=True)
class DepartureFacts:
    """What the red-flag check needs to know about a planned or recorded departure."""

    birth_date: date | None
    departure: date | None
    contract_end: date | None
    passport_no: str
    passport_expiry: date | None
    scheme: str
    consent_name: str
    bpjs_tk_no: str
    verified: bool
    country_min_age: int | None = None


def red_flags(facts: DepartureFacts) -> list[Issue]:
    """Warnings before departure. They never block; the operator confirms them."""
    flags: list[Issue] = []
    minimum = max(MINIMUM_AGE, facts.country_min_age or 0)
    when = facts.departure or date.today()
    if facts.birth_date is not None:
        age = age_on(facts.birth_date, when)
        if age < minimum:
            flags.append(
                Issue("flag.under_age", "birth_date", Severity.WARNING,
                      {"age": age, "minimum": minimum})
            )
    if not facts.passport_no.strip():
        flags.append(Issue("flag.no_passport", "passport_no", Severity.WARNING))
    elif (facts.passport_expiry and facts.contract_end
          and facts.passport_expiry < facts.contract_end):
        flags.append(
            Issue("flag.passport_expires", "passport_expiry", Severity.WARNING,
                  {"expiry": facts.passport_expiry.strftime("%d/%m/%Y"),
                   "contract_end": facts.contract_end.strftime("%d/%m/%Y")})
        )
    if facts.scheme == "perseorangan":
        flags.append(Issue("flag.perseorangan", "scheme", Severity.WARNING))
    if not facts.consent_name.strip():
        flags.append(Issue("flag.no_consent", "consent_name", Severity.WARNING))
    if not facts.bpjs_tk_no.strip():
        flags.append(Issue("flag.no_bpjs", "bpjs_tk_no", Severity.WARNING))
    if not facts.verified:
        flags.append(Issue("flag.not_verified", "state", Severity.WARNING))
    return flags
