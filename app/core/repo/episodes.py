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
               "registered_on", "departed_on", "expected_return", "returned_on", "ended_on")


@dataclass(frozen=True)
class EpisodeFilter:
    text: str = ""  # name words, or NIK digits (prefix)
    state: str = ""  # an episode state, or "open" (terdaftar, terverifikasi, berangkat)
    procedure: str = ""
    country: str = ""
    overdue: bool = False  # abroad (berangkat) with expected return before `today`
    departed_month: str = ""  # "YYYY-MM"
    returned_month: str = ""  # "YYYY-MM"
    today: date | None = None


def _raw(session: Session) -> Any:
    return session.connection().connection.driver_connection


def _where(f: EpisodeFilter) -> tuple[str, list[Any]]:
    clauses = ["e.deleted = 0", "r.deleted = 0"]
    params: list[Any] = []
    q = " ".join(f.text.split())
    if q:
        digits = q.replace(" ", "")
        if digits.isdigit():
            clauses.append("r.nik >= ? AND r.nik < ?")
            params += [digits, digits + ":"]
        else:
            for word in q.split():
                escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                clauses.append("r.name LIKE ? ESCAPE '\\'")
                params.append(f"%{escaped}%")
    if f.state == "open":
        clauses.append("e.state IN ('terdaftar', 'terverifikasi', 'berangkat')")
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
    for column, month in (("departed_on", f.departed_month), ("returned_on", f.returned_month)):
        if month:
            clauses.append(f"substr(e.{column}, 1, 7) = ?")
            params.append(month)
    return " AND ".join(clauses), params


def search_ids(session: Session, f: EpisodeFilter, sort_key: str = "departed_on",
               descending: bool = True) -> array:
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
               "e.returned_on, e.ended_on FROM episode e JOIN resident r "
               f"ON r.id = e.resident_id WHERE e.rowid IN ({marks})")
        for row in raw.execute(sql, chunk):
            out[row[0]] = tuple(row)
    return out
