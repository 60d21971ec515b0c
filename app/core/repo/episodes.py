"""Read-only queries behind the Migrasi list: migration episodes with their resident.

Same shape as :mod:`app.core.repo.residents`: :func:`search_ids` gives episode rowids in
display order, :func:`fetch_rows` one page of display values. A village has a few hundred
episodes, a P4MI hub up to about 250,000; every filter column has an index.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.core.repo.like import escape_like

SORT_COLUMNS: dict[str, str] = {
    "name": "r.name",
    "nik": "r.nik",
    "state": "e.state",
    "country": "e.destination_country",
    "procedure": "e.procedure",
    "registered_on": "e.registered_on",
    "departed_on": "e.departed_on",
    "expected_return": "e.expected_return",
    "returned_on": "e.returned_on",
}
ROW_COLUMNS = ("rowid", "resident_id", "name", "nik", "state", "country", "job", "procedure",
               "registered_on", "departed_on", "expected_return", "returned_on", "ended_on",
               "flag_count", "flag_level", "flag_unaccepted")
"""``flag_count``: active (not cleared) red flags; ``flag_level``: the most severe of them
(0 tinggi, 1 sedang, 2 rendah, None without flags); ``flag_unaccepted``: how many of them
nobody has accepted with a reason."""

FLAG_FILTERS = ("ada", "tinggi", "belum_diterima")
"""``EpisodeFilter.flags``: any active flag, an active high flag, an active flag not accepted."""

_ACTIVE_FLAG = ("FROM episode_flag f WHERE f.episode_id = e.id AND f.cleared = FALSE "
                "AND f.deleted = FALSE")
_LEVEL = "CASE f.severity WHEN 'tinggi' THEN 0 WHEN 'sedang' THEN 1 ELSE 2 END"


@dataclass(frozen=True)
class EpisodeFilter:
    text: str = ""  # name words, or NIK digits (prefix)
    state: str = ""  # an episode state, or "open" (terdaftar, terverifikasi, berangkat)
    procedure: str = ""
    country: str = ""
    overdue: bool = False  # abroad (berangkat) with expected return before `today`
    flags: str = ""  # one of FLAG_FILTERS, or "" for every episode
    departed_month: str = ""  # "YYYY-MM"
    returned_month: str = ""  # "YYYY-MM"
    today: date | None = None


def _raw(session: Session) -> Any:
    return session.connection().connection.driver_connection


def _where(f: EpisodeFilter) -> tuple[str, list[Any]]:
    clauses = ["e.deleted = FALSE", "r.deleted = FALSE"]
    params: list[Any] = []
    q = " ".join(f.text.split())
    if q:
        digits = q.replace(" ", "")
        if digits.isdigit():
            clauses.append("r.nik >= ? AND r.nik < ?")
            params += [digits, digits + ":"]
        else:
            for word in q.split():
                clauses.append("r.name LIKE ? ESCAPE '\\'")
                params.append(f"%{escape_like(word)}%")
    if f.state == "open":
        from app.core.models.episode import OPEN_STATE_VALUES

        clauses.append("e.state IN (" + ", ".join(f"'{v}'" for v in OPEN_STATE_VALUES) + ")")
    elif f.state:
        clauses.append("e.state = ?")
        params.append(f.state)
    if f.procedure:
        clauses.append("e.procedure = ?")
        params.append(f.procedure)
    if f.country:
        clauses.append("e.destination_country = ?")
        params.append(f.country)
    if f.overdue:
        clauses.append("e.state = 'berangkat' AND e.expected_return IS NOT NULL "
                       "AND e.expected_return < ?")
        params.append((f.today or date.today()).isoformat())
    if f.flags == "ada":
        clauses.append(f"EXISTS (SELECT 1 {_ACTIVE_FLAG})")
    elif f.flags == "tinggi":
        clauses.append(f"EXISTS (SELECT 1 {_ACTIVE_FLAG} AND f.severity = 'tinggi')")
    elif f.flags == "belum_diterima":
        clauses.append(f"EXISTS (SELECT 1 {_ACTIVE_FLAG} AND f.accepted = FALSE)")
    for column, month in (("departed_on", f.departed_month), ("returned_on", f.returned_month)):
        if month:
            clauses.append(f"substr(e.{column}, 1, 7) = ?")
            params.append(month)
    return " AND ".join(clauses), params


def search_ids(session: Session, f: EpisodeFilter, sort_key: str = "departed_on",
               descending: bool = True) -> array[int]:
    column = SORT_COLUMNS.get(sort_key, "e.departed_on")
    direction = "DESC" if descending else "ASC"
    where, params = _where(f)
    sql = (f"SELECT e.rowid FROM episode e JOIN resident r ON r.id = e.resident_id "
           f"WHERE {where} ORDER BY {column} {direction}, e.rowid {direction}")
    return array("q", [row[0] for row in _raw(session).execute(sql, params)])


def fetch_rows(session: Session, rowids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    out: dict[int, tuple[Any, ...]] = {}
    raw = _raw(session)
    for start in range(0, len(rowids), 500):
        chunk = list(rowids[start:start + 500])
        if not chunk:
            continue
        marks = ",".join("?" * len(chunk))
        sql = ("SELECT e.rowid, e.resident_id, r.name, r.nik, e.state, e.destination_country, "
               "e.job, e.procedure, e.registered_on, e.departed_on, e.expected_return, "
               "e.returned_on, e.ended_on, "
               f"(SELECT count(*) {_ACTIVE_FLAG}), (SELECT min({_LEVEL}) {_ACTIVE_FLAG}), "
               f"(SELECT count(*) {_ACTIVE_FLAG} AND f.accepted = FALSE) "
               "FROM episode e JOIN resident r "
               f"ON r.id = e.resident_id WHERE e.rowid IN ({marks})")
        for row in raw.execute(sql, chunk):
            out[row[0]] = tuple(row)
    return out


@dataclass(frozen=True)
class FlagInfo:
    """One stored red flag of an episode, as plain data for views and reports."""

    episode_id: str
    code: str  # rule code without prefix, e.g. "under_age"; sentence: message("flag." + code)
    severity: str  # "tinggi", "sedang" or "rendah"
    text_id: str  # the Indonesian sentence
    text_en: str  # the English sentence
    rule_version: str
    step: str  # where it was first seen: "daftar", "verifikasi" or "berangkat"
    seen_at: Any  # datetime (UTC) or None
    seen_by: str
    accepted: bool
    accepted_reason: str
    accepted_by: str
    accepted_at: Any
    cleared: bool  # the rule no longer fires (the data was fixed)


def flags_for_episodes(session: Session, episode_ids: Sequence[str], *,
                       include_cleared: bool = False) -> dict[str, list[FlagInfo]]:
    """Red flags stored with the given episodes: ``{episode_id: [FlagInfo, ...]}``.

    Every requested id is a key (an empty list when it has no flag). Flags are ordered most
    severe first, then by code. Cleared flags (no longer firing) are left out unless
    ``include_cleared``; deleted rows never appear. Works on a village and on a P4MI hub
    (the rows travel in bundles, sheet ``Tanda Bahaya``). Read-only, Qt-free.
    """
    import json

    from app.core.rules.flags import flag_text

    out: dict[str, list[FlagInfo]] = {eid: [] for eid in episode_ids}
    raw = _raw(session)
    ids = list(out)
    order = {"tinggi": 0, "sedang": 1, "rendah": 2}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        sql = ("SELECT episode_id, code, severity, rule_version, step, detail, seen_at, "
               "seen_by, accepted, accepted_reason, accepted_by, accepted_at, cleared "
               f"FROM episode_flag WHERE deleted = FALSE AND episode_id IN ({marks})")
        if not include_cleared:
            sql += " AND cleared = FALSE"
        for (eid, code, severity, version, step, detail, seen_at, seen_by, accepted, reason,
             acc_by, acc_at, cleared) in raw.execute(sql, chunk):
            try:
                params = json.loads(detail) if detail else {}
            except ValueError:
                params = {}
            out[eid].append(FlagInfo(
                eid, code, severity, flag_text(code, params, "id"),
                flag_text(code, params, "en"), version, step, seen_at, seen_by,
                bool(accepted), reason, acc_by, acc_at, bool(cleared)))
    for flags in out.values():
        flags.sort(key=lambda f: (order.get(f.severity, 3), f.code))
    return out


def resident_timeline(session: Session, resident_id: str) -> tuple[list[Any], list[Any]]:
    """A person's episodes (oldest first) and contact notes (newest first), not deleted.

    The rows are returned detached from the session: read-only values for the dialog."""
    from sqlalchemy import select

    from app.core.models import ContactLog, Episode

    episodes = list(session.scalars(
        select(Episode).where(Episode.resident_id == resident_id, Episode.deleted.is_(False))
        .order_by(Episode.created_at)))
    contacts = list(session.scalars(
        select(ContactLog).where(ContactLog.resident_id == resident_id,
                                 ContactLog.deleted.is_(False))
        .order_by(ContactLog.contacted_on.desc())))
    return episodes, contacts
