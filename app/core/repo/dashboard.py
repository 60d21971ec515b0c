"""The figures of the dashboard (Beranda): Qt-free, read-only, one query per figure.

Definitions (the dashboard test re-counts each of them with independent SQL):

- Every figure ignores soft-deleted rows, and rows of soft-deleted residents.
- *Status counts*: residents by their derived ``migrant_status`` (all life statuses).
- *Abroad now* (the one definition of "PMI abroad", :func:`abroad_episodes`): live episodes
  in :data:`~app.core.rules.episodes.ABROAD_STATES` (``berangkat``; not ``cuti``, home leave)
  of live residents. The PMI tile, the destination countries, the procedural split, the
  public statistics and the monthly recap of the current month all count these episodes; a
  person has at most one open episode, so episodes and people agree.
- *Departures / returns per month*: episodes by the month of ``departed_on`` /
  ``returned_on``, for the last ``months`` calendar months ending with the month of ``today``.
- *Past expected return*: abroad now with ``expected_return`` before ``today``.
- *Open cases*: cases with status ``baru`` or ``diproses``.
- *No news for N months*: abroad now whose last sign of life (the latest contact-log date of
  the resident, or the departure date when it is later or there is no contact) is before
  ``today`` minus N calendar months.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, String, Subquery, and_, cast, func, select
from sqlalchemy.orm import Session

from app.core.models import (
    Case,
    CaseStatus,
    ContactLog,
    Episode,
    EpisodeState,
    MigrantStatus,
    Procedure,
    Resident,
)

STATUS_ORDER: tuple[str, ...] = (
    MigrantStatus.CALON_PMI,
    MigrantStatus.PMI,
    MigrantStatus.PURNA_PMI,
    MigrantStatus.BUKAN,
)
PROCEDURE_ORDER: tuple[str, ...] = (
    Procedure.PROSEDURAL,
    Procedure.DIDUGA_NONPROSEDURAL,
    Procedure.BELUM_DIKETAHUI,
)
_ABROAD_VALUES = ("berangkat",)  # == ABROAD_STATES (a test checks it)
OPEN_CASE_STATUSES: tuple[str, ...] = (CaseStatus.BARU, CaseStatus.DIPROSES)
DEFAULT_NO_NEWS_MONTHS = 3


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (negative goes back), the day clamped to
    the length of the target month (31 March minus one month is 28 or 29 February)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    next_first = date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_first - date(year, month, 1)).days
    return date(year, month, min(day.day, last_day))


def month_keys(today: date, months: int) -> list[tuple[int, int]]:
    """``(year, month)`` of the last ``months`` calendar months, oldest first, ending with the
    month of ``today``."""
    first = add_months(today.replace(day=1), -(months - 1))
    keys = []
    for i in range(months):
        d = add_months(first, i)
        keys.append((d.year, d.month))
    return keys


@dataclass(frozen=True)
class MonthCount:
    year: int
    month: int
    departures: int
    returns: int


@dataclass(frozen=True)
class OverdueRow:
    resident_id: str
    episode_id: str
    name: str
    nik: str
    country: str
    departed_on: date | None
    expected_return: date
    days_overdue: int


@dataclass(frozen=True)
class OpenCaseRow:
    case_id: str
    resident_id: str
    name: str
    case_type: str
    reported_on: date
    status: str
    referral: str
    sensitive: bool = True


@dataclass(frozen=True)
class NoNewsRow:
    resident_id: str
    episode_id: str
    name: str
    nik: str
    country: str
    departed_on: date | None
    last_contact: date | None

    @property
    def last_sign(self) -> date | None:
        """The later of the last contact and the departure."""
        known = [d for d in (self.last_contact, self.departed_on) if d is not None]
        return max(known) if known else None


@dataclass(frozen=True)
class DashboardData:
    today: date
    residents_total: int
    status_counts: dict[str, int]
    abroad_now: int
    countries: list[tuple[str, int]]
    procedure_counts: dict[str, int]
    months: list[MonthCount]
    overdue_count: int
    overdue: list[OverdueRow]
    open_cases_count: int
    open_cases: list[OpenCaseRow]
    no_news_months: int
    no_news_count: int
    no_news: list[NoNewsRow]
    extra: dict[str, int] = field(default_factory=dict)
    prevented_total: int = 0
    prevented_recent: int = 0  # in the last ``months`` months
    flagged_open: int = 0  # open episodes with an active red flag
    flagged_high: int = 0  # ... of which at least one is of high severity
    flagged_departed: int = 0  # abroad now with an active red flag (accepted or not)
    no_lapor_diri_count: int = 0
    no_lapor_diri: list[NoNewsRow] = field(default_factory=list)
    children: list[Any] = field(default_factory=list)  # repo.family.ChildRow, children of migrants
    children_no_carer: int = 0  # ... of whom without carer


def prevented_counts(session: Session, since: date) -> tuple[int, int]:
    """Departures prevented by the village (state ``dicegah``): all time, and since ``since``."""
    base = (select(func.count()).select_from(Episode)
            .join(Resident, Resident.id == Episode.resident_id)
            .where(Episode.deleted.is_(False), Resident.deleted.is_(False),
                   Episode.state == EpisodeState.DICEGAH))
    total = session.scalar(base) or 0
    recent = session.scalar(base.where(Episode.ended_on >= since)) or 0
    return int(total), int(recent)


def flagged_counts(session: Session) -> tuple[int, int, int]:
    """Open episodes with an active red flag, those with a high one, and PMI abroad now with
    an active flag."""
    from app.core.models import EpisodeFlag
    from app.core.rules.episodes import OPEN_STATES

    def count(states: Iterable[str], high: bool) -> int:
        flag = select(EpisodeFlag.id).where(
            EpisodeFlag.episode_id == Episode.id, EpisodeFlag.cleared.is_(False),
            EpisodeFlag.deleted.is_(False))
        if high:
            flag = flag.where(EpisodeFlag.severity == "tinggi")
        return session.scalar(
            select(func.count()).select_from(Episode)
            .join(Resident, Resident.id == Episode.resident_id)
            .where(Episode.deleted.is_(False), Resident.deleted.is_(False),
                   Episode.state.in_([str(s) for s in states]), flag.exists())) or 0

    from app.core.rules.episodes import ABROAD_STATES

    return count(OPEN_STATES, False), count(OPEN_STATES, True), count(ABROAD_STATES, False)


def no_lapor_diri(session: Session, limit: int | None = None) -> tuple[int, list[NoNewsRow]]:
    """PMI abroad who have not reported themselves to the embassy (lapor diri), the earliest
    departure first: the count and the rows."""
    q = (select(Episode.id, Episode.resident_id, Resident.name, Resident.nik,
                Episode.destination_country, Episode.departed_on)
         .join(Resident, Resident.id == Episode.resident_id)
         .where(Episode.id.in_(select(abroad_episodes().subquery().c.id)),
                Episode.lapor_diri.is_(False), Episode.lapor_diri_on.is_(None)))
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    q = q.order_by(Episode.departed_on, Resident.name)
    if limit is not None:
        q = q.limit(limit)
    rows = [NoNewsRow(rid, eid, name, nik or "", country, dep, None)
            for eid, rid, name, nik, country, dep in session.execute(q)]
    return int(total), rows


def _live_resident() -> ColumnElement[bool]:
    return Resident.deleted.is_(False)


def _live_in(scope: str | None) -> ColumnElement[bool]:
    """Live residents; with ``scope`` (a ``LIKE`` pattern, a regency's ``'PP.KK.%'`` at a
    province hub) only those whose ``owner_office`` matches it. Scoped, ``deleted`` is tested
    in the form of the server's partial index (migration 0012: ``deleted = FALSE``, which
    ``IS false`` is not to the planner); the rows are the same (``deleted`` is never NULL)."""
    if scope is None:
        return _live_resident()
    return and_(Resident.deleted == False, Resident.owner_office.like(scope))  # noqa: E712


def residents_total(session: Session, scope: str | None = None) -> int:
    return session.scalar(select(func.count()).select_from(Resident)
                          .where(_live_in(scope))) or 0


def status_counts(session: Session, scope: str | None = None) -> dict[str, int]:
    """Live residents per derived status; every status is present (zero when none)."""
    rows = session.execute(
        select(Resident.migrant_status, func.count())
        .where(_live_in(scope))
        .group_by(Resident.migrant_status)
    ).all()
    counts = {str(s): 0 for s in STATUS_ORDER}
    for status, n in rows:
        counts[str(status)] = counts.get(str(status), 0) + int(n)
    return counts


def abroad_episodes(scope: str | None = None) -> Select[Any]:
    """PMI abroad now: live episodes in ``ABROAD_STATES`` of live residents (a select over
    Episode). Every count of PMI abroad uses this."""
    from app.core.rules.episodes import ABROAD_STATES

    return (
        select(Episode)
        .join(Resident, Resident.id == Episode.resident_id)
        .where(
            Episode.deleted.is_(False),
            _live_in(scope),
            Episode.state.in_([str(s) for s in ABROAD_STATES]),
        )
    )


_abroad = abroad_episodes


def abroad_now(session: Session, scope: str | None = None) -> int:
    return session.scalar(select(func.count()).select_from(_abroad(scope).subquery())) or 0


def countries_abroad(session: Session, scope: str | None = None) -> list[tuple[str, int]]:
    """``(country code, count)`` of PMI abroad now, most first, then by code."""
    sub = _abroad(scope).subquery()
    rows = session.execute(
        select(sub.c.destination_country, func.count())
        .group_by(sub.c.destination_country)
        .order_by(func.count().desc(), sub.c.destination_country)
    ).all()
    return [(str(code or ""), int(n)) for code, n in rows]


def procedure_counts(session: Session, scope: str | None = None) -> dict[str, int]:
    """PMI abroad now by procedure (prosedural, diduga non-prosedural, belum diketahui)."""
    sub = _abroad(scope).subquery()
    rows = session.execute(
        select(sub.c.procedure, func.count()).group_by(sub.c.procedure)
    ).all()
    counts = {str(p): 0 for p in PROCEDURE_ORDER}
    for proc, n in rows:
        key = str(proc) if proc in counts else Procedure.BELUM_DIKETAHUI
        counts[key] += int(n)
    return counts


def per_month(session: Session, today: date, months: int = 12,
              scope: str | None = None) -> list[MonthCount]:
    """Departures and returns in each of the last ``months`` calendar months, oldest first."""
    keys = month_keys(today, months)
    start = date(keys[0][0], keys[0][1], 1)
    end = add_months(date(keys[-1][0], keys[-1][1], 1), 1)

    def counts(column: Any) -> dict[str, int]:
        # "YYYY-MM" of an ISO date on both databases (strftime is SQLite's alone)
        month = func.substr(cast(column, String), 1, 7)
        rows = session.execute(
            select(month, func.count())
            .select_from(Episode)
            .join(Resident, Resident.id == Episode.resident_id)
            .where(
                Episode.deleted.is_(False),
                _live_in(scope),
                column >= start,
                column < end,
            )
            .group_by(month)
        ).all()
        return {str(m): int(n) for m, n in rows}

    dep = counts(Episode.departed_on)
    ret = counts(Episode.returned_on)
    out = []
    for y, m in keys:
        k = f"{y:04d}-{m:02d}"
        out.append(MonthCount(y, m, dep.get(k, 0), ret.get(k, 0)))
    return out


def overdue_returns(session: Session, today: date, limit: int | None = None) -> list[OverdueRow]:
    """PMI abroad past their expected return, the longest overdue first."""
    q = (
        select(Episode.id, Episode.resident_id, Resident.name, Resident.nik,
               Episode.destination_country, Episode.departed_on, Episode.expected_return)
        .join(Resident, Resident.id == Episode.resident_id)
        .where(
            Episode.deleted.is_(False),
            Resident.deleted.is_(False),
            Episode.state.in_(_ABROAD_VALUES),
            Episode.expected_return.is_not(None),
            Episode.expected_return < today,
        )
        .order_by(Episode.expected_return, Resident.name)
    )
    if limit is not None:
        q = q.limit(limit)
    return [
        OverdueRow(resident_id=rid, episode_id=eid, name=name, nik=nik or "", country=country,
                   departed_on=dep, expected_return=exp, days_overdue=(today - exp).days)
        for eid, rid, name, nik, country, dep, exp in session.execute(q)
        if exp is not None  # the query's ``expected_return IS NOT NULL``, for the type checker
    ]


def overdue_count(session: Session, today: date) -> int:
    sub = _abroad().where(Episode.expected_return.is_not(None),
                          Episode.expected_return < today).subquery()
    return session.scalar(select(func.count()).select_from(sub)) or 0


def open_cases(session: Session, limit: int | None = None) -> list[OpenCaseRow]:
    """Cases still open (baru, diproses), the oldest report first. No sensitive text."""
    q = (
        select(Case.id, Case.resident_id, Resident.name, Case.case_type, Case.reported_on,
               Case.status, Case.referral, Case.sensitive)
        .join(Resident, Resident.id == Case.resident_id)
        .where(Case.deleted.is_(False), Resident.deleted.is_(False),
               Case.status.in_(OPEN_CASE_STATUSES))
        .order_by(Case.reported_on, Resident.name)
    )
    if limit is not None:
        q = q.limit(limit)
    from app.core.privacy import REDACTED

    # the dashboard never reveals: a confidential case's type is not even returned
    return [OpenCaseRow(cid, rid, name, REDACTED if sensitive else case_type, reported_on,
                        status, referral, sensitive)
            for cid, rid, name, case_type, reported_on, status, referral, sensitive
            in session.execute(q)]


def open_cases_count(session: Session) -> int:
    return session.scalar(
        select(func.count()).select_from(Case)
        .join(Resident, Resident.id == Case.resident_id)
        .where(Case.deleted.is_(False), Resident.deleted.is_(False),
               Case.status.in_(OPEN_CASE_STATUSES))
    ) or 0


def _no_news_query(today: date, months: int) -> tuple[Select[Any], Subquery]:
    cutoff = add_months(today, -months)
    last = (
        select(ContactLog.resident_id, func.max(ContactLog.contacted_on).label("last"))
        .where(ContactLog.deleted.is_(False))
        .group_by(ContactLog.resident_id)
        .subquery()
    )
    q = (
        select(Episode.id, Episode.resident_id, Resident.name, Resident.nik,
               Episode.destination_country, Episode.departed_on, last.c.last)
        .join(Resident, Resident.id == Episode.resident_id)
        .outerjoin(last, last.c.resident_id == Episode.resident_id)
        .where(
            Episode.deleted.is_(False),
            Resident.deleted.is_(False),
            Episode.state.in_(_ABROAD_VALUES),
            and_(
                (last.c.last.is_(None)) | (last.c.last < cutoff),
                (Episode.departed_on.is_(None)) | (Episode.departed_on < cutoff),
            ),
        )
    )
    return q, last


def no_news(session: Session, today: date, months: int = DEFAULT_NO_NEWS_MONTHS,
            limit: int | None = None) -> list[NoNewsRow]:
    """PMI abroad with no news for ``months`` months, the longest silence first."""
    q, last = _no_news_query(today, months)
    sign = func.max(func.coalesce(last.c.last, "0000-00-00"),
                    func.coalesce(Episode.departed_on, "0000-00-00"))
    q = q.order_by(sign, Resident.name)
    if limit is not None:
        q = q.limit(limit)
    return [NoNewsRow(rid, eid, name, nik or "", country, dep, _as_date(lastc))
            for eid, rid, name, nik, country, dep, lastc in session.execute(q)]


def no_news_count(session: Session, today: date,
                  months: int = DEFAULT_NO_NEWS_MONTHS) -> int:
    q, _ = _no_news_query(today, months)
    return session.scalar(select(func.count()).select_from(q.subquery())) or 0


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def load_dashboard(session: Session, today: date | None = None, *, months: int = 12,
                   no_news_months: int = DEFAULT_NO_NEWS_MONTHS,
                   list_limit: int | None = 500) -> DashboardData:
    """Everything the dashboard shows, in one read session."""
    today = today or date.today()
    prevented_total, prevented_recent = prevented_counts(session, add_months(today, -months))
    flagged_open, flagged_high, flagged_departed = flagged_counts(session)
    lapor_count, lapor_rows = no_lapor_diri(session, list_limit)
    from app.core.repo.family import children_of_migrants

    children = children_of_migrants(session, today)
    return DashboardData(
        today=today,
        residents_total=residents_total(session),
        status_counts=status_counts(session),
        abroad_now=abroad_now(session),
        countries=countries_abroad(session),
        procedure_counts=procedure_counts(session),
        months=per_month(session, today, months),
        overdue_count=overdue_count(session, today),
        overdue=overdue_returns(session, today, list_limit),
        open_cases_count=open_cases_count(session),
        open_cases=open_cases(session, list_limit),
        no_news_months=no_news_months,
        no_news_count=no_news_count(session, today, no_news_months),
        no_news=no_news(session, today, no_news_months, list_limit),
        prevented_total=prevented_total,
        prevented_recent=prevented_recent,
        flagged_open=flagged_open,
        flagged_high=flagged_high,
        flagged_departed=flagged_departed,
        no_lapor_diri_count=lapor_count,
        no_lapor_diri=lapor_rows,
        children=children,
        children_no_carer=sum(1 for c in children if c.without_carer),
    )
