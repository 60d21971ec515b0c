"""The migration episode state machine, the derived resident status, and red flags.

``terdaftar -> terverifikasi -> (dalam_proses) -> berangkat -> pulang``, with side exits
``batal``, ``gagal_berangkat`` and ``dicegah`` (prevented / not recommended by the village)
before departure, and home leave ``cuti`` between ``berangkat`` spells that does not end the
placement. An episode may also *start* at ``berangkat`` or ``pulang``: a departure the village
learns of later. The red-flag rules live in :mod:`app.core.rules.flags`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.core.errors import Issue, Severity
from app.core.models.episode import EpisodeState as S
from app.core.models.resident import MigrantStatus
from app.core.rules.flags import MINIMUM_AGE, age_on  # noqa: F401 - re-exported

START_STATES = frozenset({S.TERDAFTAR, S.BERANGKAT, S.PULANG})
OPEN_STATES = frozenset({S.TERDAFTAR, S.TERVERIFIKASI, S.DALAM_PROSES, S.BERANGKAT, S.CUTI})
CLOSED_STATES = frozenset({S.PULANG, S.BATAL, S.GAGAL_BERANGKAT, S.DICEGAH})
ENDED_BEFORE_DEPARTURE = frozenset({S.BATAL, S.GAGAL_BERANGKAT, S.DICEGAH})
ABROAD_STATES = frozenset({S.BERANGKAT})
"""The one definition of "PMI abroad now": a live episode in these states of a live resident.
Home leave (``cuti``) keeps the person a PMI but not abroad. Every count of PMI abroad (cards,
charts, PDFs, public statistics) uses :func:`app.core.repo.dashboard.abroad_episodes`."""

_BEFORE = frozenset({S.BATAL, S.GAGAL_BERANGKAT, S.DICEGAH})
TRANSITIONS: dict[str, frozenset[str]] = {
    S.TERDAFTAR: frozenset({S.TERVERIFIKASI, S.DALAM_PROSES, S.BERANGKAT}) | _BEFORE,
    S.TERVERIFIKASI: frozenset({S.DALAM_PROSES, S.BERANGKAT}) | _BEFORE,
    S.DALAM_PROSES: frozenset({S.BERANGKAT}) | _BEFORE,
    S.BERANGKAT: frozenset({S.PULANG, S.CUTI}),
    S.CUTI: frozenset({S.BERANGKAT, S.PULANG}),
    S.PULANG: frozenset(),
    S.BATAL: frozenset(),
    S.GAGAL_BERANGKAT: frozenset(),
    S.DICEGAH: frozenset(),
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
    live = [e for e in episodes if e.state not in ENDED_BEFORE_DEPARTURE]
    if not live:
        return MigrantStatus.BUKAN
    latest = max(live, key=lambda e: (e.start or date.min, e.created_order))
    if latest.state in (S.TERDAFTAR, S.TERVERIFIKASI, S.DALAM_PROSES):
        return MigrantStatus.CALON_PMI
    if latest.state in (S.BERANGKAT, S.CUTI):
        return MigrantStatus.PMI
    return MigrantStatus.PURNA_PMI


def check_transition(old: str, new: str) -> list[Issue]:
    if new in TRANSITIONS.get(old, frozenset()):
        return []
    return [Issue("episode.bad_transition", "state", Severity.ERROR, {"old": old, "new": new})]
