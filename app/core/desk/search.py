"""Person search over the whole hub: a name fragment or a NIK / No. KK prefix.

It reuses the resident list's :class:`~app.core.repo.residents.ResidentIndex` (in-memory name
table and sorted NIK integers, built once per data change), so a keystroke costs a scan of the
names in memory or a bisect, never a table scan: well under 100 ms at 200,000 residents (see
``benchmarks/bench_desk.py``). Only the first ``limit`` hits are read from the database, with
their village; ``total`` tells how many matched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.core import reference
from app.core.repo.like import escape_like
from app.core.repo.residents import ResidentFilter, ResidentIndex, _as_date, _raw

DEFAULT_LIMIT = 200
MIN_NAME_CHARS = 2
MIN_DIGITS = 6
"""A NIK prefix shorter than the kecamatan code (6 digits) matches most of a regency's
residents (every NIK of Lampung Timur starts with 1807): no search until 6 digits."""


@dataclass(frozen=True)
class PersonHit:
    id: str
    name: str
    nik: str
    sex: str
    birth_date: date | None
    village_code: str
    village_name: str
    district_name: str
    migrant_status: str
    life_status: str


COUNT_CAP = 1000
"""On a PostgreSQL hub the matches are counted up to this many (``SearchResult.more`` says
there are more): counting every "wati" of a province's 2,000,000 residents costs more than the
whole search may take, and "more than 1,000" tells the clerk to type more just as well."""


SERVER_INDEXES = ("ix_resident_name_trgm", "ix_resident_nik_prefix", "ix_resident_no_kk_prefix")
"""Migration 0011's indexes for :meth:`PersonSearch._search_server`, on a PostgreSQL hub only
(not in the models: the SQLite file does not have them)."""


@dataclass(frozen=True)
class SearchResult:
    text: str
    total: int
    hits: list[PersonHit]
    too_short: bool = False
    more: bool = False  # more than ``total`` matched (the count stopped at COUNT_CAP)


def village_names(code: str) -> tuple[str, str]:
    """(village name, kecamatan name) of a village code; empty strings when unknown."""
    village = reference.region_name(code) or ""
    parent = reference.parent_code(code) or ""
    return village, (reference.region_name(parent) or "") if parent else ""


class PersonSearch:
    """Search the hub's residents. Call :meth:`invalidate` after an import."""

    def __init__(self, session_factory: Any) -> None:
        self._sessions = session_factory
        self.index = ResidentIndex(session_factory)
        self._names: dict[str, tuple[str, str]] = {}

    def invalidate(self) -> None:
        self.index.invalidate()

    def refresh(self) -> None:
        """Bring the index up to date after a write or an import: only the residents written
        since it was read are read again (:meth:`ResidentIndex.updated`; a full read when that
        cannot be told). :meth:`invalidate` instead throws the index away and the next search
        reads all 200,000 names again, seconds of work that hold the GIL the GUI thread needs
        (issue 15 item 4). Call on the DB worker, like :meth:`search`."""
        if self._on_server():  # no in-memory index on a PostgreSQL hub
            return
        index = self.index.updated()
        index.warm()  # the name table's search string is built here, not at the next search
        self.index = index

    def warm(self) -> None:
        if not self._on_server():  # the in-memory index is SQLite's (rowids)
            self.index.warm()
        reference.region_name("18.07")  # loads the Kemendagri list once

    def _village(self, code: str) -> tuple[str, str]:
        if code not in self._names:
            self._names[code] = village_names(code)
        return self._names[code]

    def search(self, text: str, limit: int = DEFAULT_LIMIT) -> SearchResult:
        q = " ".join(text.split())
        digits = q.replace(" ", "")
        if not q:
            return SearchResult(q, 0, [])
        if (len(digits) < MIN_DIGITS) if digits.isdigit() else (len(q) < MIN_NAME_CHARS):
            return SearchResult(q, 0, [], too_short=True)
        if self._on_server():
            return self._search_server(q, digits, limit)
        ids = self.index.search(ResidentFilter(text=q), "name")
        first = list(ids[:limit])
        hits: list[PersonHit] = []
        if first:
            with self._sessions() as session:
                marks = ",".join("?" * len(first))
                rows = {r[0]: r for r in _raw(session).execute(
                    "SELECT rowid, id, name, nik, sex, birth_date, owner_office, "
                    f"migrant_status, life_status FROM resident WHERE rowid IN ({marks})",
                    first)}
            for rowid in first:
                r = rows.get(rowid)
                if r is None:
                    continue
                village, district = self._village(str(r[6]))
                hits.append(PersonHit(str(r[1]), str(r[2]), str(r[3] or ""), str(r[4] or ""),
                                      _as_date(r[5]), str(r[6]), village, district,
                                      str(r[7]), str(r[8])))
        return SearchResult(q, len(ids), hits)

    def _on_server(self) -> bool:
        with self._sessions() as session:
            return bool(session.get_bind().dialect.name == "postgresql")

    def _search_server(self, q: str, digits: str, limit: int) -> SearchResult:
        """The same search in SQL on a PostgreSQL hub (no rowids there for the in-memory
        index): every word in the name (case-insensitive), or a NIK / No. KK prefix; live
        residents in name order.

        Served by the indexes of migration 0011: a word of three letters or more is found
        anywhere in the name through the trigram index on ``lower(name)``; a word of one or two
        letters (no trigram to look up) matches the start of a word of the name ("an" finds
        Andi and Siti Anwar); a NIK / No. KK prefix uses the ``text_pattern_ops`` indexes. The
        matches are counted up to :data:`COUNT_CAP`; with more, the hits shown are ``limit``
        of the first COUNT_CAP + 1 found, in name order (the clerk is asked to type more)."""
        from sqlalchemy import text

        if digits.isdigit():
            where, params = "(nik LIKE :p OR no_kk LIKE :p)", {"p": digits + "%"}
        else:
            words = sorted({w.casefold() for w in q.split()}, key=len, reverse=True)
            terms, params = [], {}
            for i, w in enumerate(words):
                if len(w) >= 3:
                    terms.append(f"lower(name) LIKE :w{i}")
                    params[f"w{i}"] = "%" + escape_like(w) + "%"
                else:
                    terms.append(f"(lower(name) LIKE :w{i} OR lower(name) LIKE :s{i})")
                    params[f"w{i}"] = escape_like(w) + "%"
                    params[f"s{i}"] = "% " + escape_like(w) + "%"
            where = " AND ".join(terms)
        with self._sessions() as session:
            # The matches (at most COUNT_CAP + 1) are found through the indexes first, then
            # sorted: left to itself the planner may walk the whole name index in name order
            # hoping for early matches, which took 23 s for a rare NIK prefix at 2,000,000
            # residents (benchmarks/RESULTS.md). SET LOCAL lasts this read's transaction.
            session.execute(text("SET LOCAL enable_seqscan = off"))
            found = session.execute(text(
                "WITH hit AS MATERIALIZED (SELECT id, name, nik, sex, birth_date, owner_office, "
                "migrant_status, life_status FROM resident WHERE deleted = FALSE AND "
                f"{where} LIMIT :cap) SELECT *, (SELECT count(*) FROM hit) FROM hit "
                "ORDER BY name, id LIMIT :limit"),
                {**params, "cap": COUNT_CAP + 1, "limit": limit}).all()
        counted = int(found[0][8]) if found else 0
        total = min(counted, COUNT_CAP)
        rows = [r[:8] for r in found]
        hits = []
        for r in rows:
            village, district = self._village(str(r[5]))
            hits.append(PersonHit(str(r[0]), str(r[1]), str(r[2] or ""), str(r[3] or ""),
                                  _as_date(r[4]), str(r[5]), village, district, str(r[6]),
                                  str(r[7])))
        return SearchResult(q, total, hits, more=counted > COUNT_CAP)

