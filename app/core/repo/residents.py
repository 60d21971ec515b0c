"""Read-only queries behind the resident list and the resident record.

The list is an *ID list* (STYLE 2.5): :class:`ResidentIndex` answers with the SQLite rowids
of every matching resident in display order (an ``array('q')``: 200,000 rows are 1.6 MB);
:func:`fetch_rows` then reads one page of display columns by rowid. Orders come from SQL
index scans; nothing here formats text.

Search text: digits only means a NIK or No. KK *prefix* (an index range scan); anything else
matches names containing every word typed, case-insensitively.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate, filterfalse
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

SORT_COLUMNS: dict[str, str] = {
    "name": "r.name",
    "nik": "r.nik",
    "no_kk": "r.no_kk",
    "dusun": "r.dusun",
    "status": "r.migrant_status",
    "life_status": "r.life_status",
}
"""Sortable keys with an index that covers ``rowid``: a full order is one index scan."""

COMPUTED_SORTS = ("sex", "birth_date", "rt_rw", "country")
"""Sortable keys without such an index: one plain scan, then a sort in Python (about 0.1 s at
200,000 residents, once; the order is cached like the others until data changes). Unknown
values (no birth date, no episode) sort last in ascending order."""

SORT_KEYS = frozenset(SORT_COLUMNS) | frozenset(COMPUTED_SORTS)


def _number_or_text(value: str | None) -> tuple[int, int, str]:
    """RT/RW parts as numbers ("3" next to "003"), text after numbers, blanks last."""
    text = (value or "").strip()
    if not text:
        return (2, 0, "")
    return (0, int(text), "") if text.isdigit() else (1, 0, text.casefold())

ROW_COLUMNS = ("rowid", "id", "name", "nik", "no_kk", "sex", "birth_date", "dusun", "rw",
               "rt", "migrant_status", "life_status", "country")
"""The order of the values in each tuple from :func:`fetch_rows`."""


@dataclass(frozen=True)
class ResidentFilter:
    text: str = ""
    status: str = ""  # migrant_status code, "" = all
    life_status: str = ""  # hidup / meninggal / pindah, "" = all
    dusun: str = ""
    country: str = ""  # any episode to this country (ISO code)


def _raw(session: Session) -> Any:
    """The DBAPI (sqlite3) connection of this session: the fastest path for big id lists."""
    return session.connection().connection.driver_connection


class ResidentIndex:
    """Fast search and sort over every resident, for the list of up to 200,000 rows.

    Sorting uses the column's index as a *covering* index (``SELECT rowid ... ORDER BY name``
    never touches the table: about 50 ms at 200,000 rows), and each full order is kept until
    :meth:`invalidate`. Filters become rowid sets from covering index scans (status, dusun,
    life status) or from two small in-memory tables: the names (lower case, in name order) for
    "contains every typed word", and NIK and No. KK as 64-bit integers in sorted arrays for
    "starts with these digits" (a bisect). The result is the cached order filtered by the set.
    Soft-deleted rows are a (small) set taken out of every result.

    Call :meth:`invalidate` after any write (the GUI does on ``data_changed``).
    """

    def __init__(self, session_factory: Any) -> None:
        self._sessions = session_factory
        self.invalidate()

    def invalidate(self) -> None:
        self._orders: dict[str, array[int]] = {}
        self._names: tuple[array[int], list[str]] | None = None
        self._raw_names: list[str] | None = None  # as stored, in the same order (for merging)
        self._numbers: dict[str, tuple[array[int], array[int]]] = {}
        self._deleted: set[int] | None = None
        self._blob: _NameBlob | None = None  # the folded names as one string, for a find
        self._live: dict[str, array[int]] = {}  # each order without the deleted rows
        self._mark: ChangeMark | None = None  # the database as of the tables' reading
        self.incremental = False  # built from an older index by :meth:`updated`

    def _query(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._sessions() as session:
            return _raw(session).execute(sql, list(params)).fetchall()

    def _ids(self, sql: str, params: Sequence[Any] = ()) -> array[int]:
        with self._sessions() as session:
            return array("q", [r for (r,) in _raw(session).execute(sql, list(params))])

    def deleted(self) -> set[int]:
        if self._deleted is None:
            self._deleted = set(self._ids("SELECT rowid FROM resident WHERE deleted = TRUE"))
        return self._deleted

    def order(self, sort_key: str) -> array[int]:
        """Every rowid (deleted included) in ascending ``sort_key`` order, rowid breaking ties."""
        if sort_key not in self._orders:
            if sort_key == "name":
                self._load_names()
            elif sort_key in COMPUTED_SORTS:
                self._orders[sort_key] = self._computed_order(sort_key)
            else:
                column = SORT_COLUMNS[sort_key].removeprefix("r.")
                self._orders[sort_key] = self._ids(
                    f"SELECT rowid FROM resident ORDER BY {column}, rowid")
        return self._orders[sort_key]

    def _computed_order(self, sort_key: str) -> array[int]:
        """Every rowid ordered by a value no index covers (see :data:`COMPUTED_SORTS`)."""
        keyed: list[tuple[Any, int]]
        if sort_key == "sex":
            keyed = [((v or "~"), i) for i, v in self._query("SELECT rowid, sex FROM resident")]
        elif sort_key == "birth_date":
            keyed = [((v is None, str(v or "")), i)
                     for i, v in self._query("SELECT rowid, birth_date FROM resident")]
        elif sort_key == "rt_rw":
            keyed = [((_number_or_text(rw), _number_or_text(rt)), i)
                     for i, rw, rt in self._query("SELECT rowid, rw, rt FROM resident")]
        else:
            keyed = self._country_keys()
        keyed.sort()
        return array("q", [i for _k, i in keyed])

    def _country_keys(self) -> list[tuple[Any, int]]:
        """(country name of the latest episode, rowid) for every resident; the same "latest"
        as :data:`_LATEST_COUNTRY`, computed in one pass over the episodes."""
        from app.core.reference import ref_label

        latest: dict[int, tuple[str, str, str]] = {}
        for rowid, country, when, created in self._query(
                "SELECT r.rowid, e.destination_country, "
                "coalesce(e.registered_on, e.departed_on, e.returned_on), e.created_at "
                "FROM episode e JOIN resident r ON r.id = e.resident_id WHERE e.deleted = FALSE"):
            rank = (str(when or ""), str(created or ""), country or "")
            if rowid not in latest or rank[:2] > latest[rowid][:2]:
                latest[rowid] = rank
        names: dict[str, str] = {}
        keyed: list[tuple[Any, int]] = []
        for (rowid,) in self._query("SELECT rowid FROM resident"):
            code = latest[rowid][2] if rowid in latest else ""
            if code and code not in names:
                names[code] = ref_label("countries", code).casefold()
            keyed.append(((not code, names.get(code, "")), rowid))
        return keyed

    def _load_names(self) -> tuple[array[int], list[str]]:
        if self._names is None:
            rows = self._query("SELECT rowid, name FROM resident ORDER BY name, rowid")
            ids = array("q", [r[0] for r in rows])
            raw = [r[1] or "" for r in rows]
            self._names = (ids, [n.casefold() for n in raw])
            self._raw_names = raw
            self._orders["name"] = ids
        return self._names

    def _number_table(self, column: str) -> tuple[array[int], array[int]]:
        """(values as integers, sorted; rowids in the same order) of ``nik`` or ``no_kk``."""
        if column not in self._numbers:
            rows = self._query(
                f"SELECT {column}, rowid FROM resident WHERE {column} IS NOT NULL "
                f"AND length({column}) = 16 ORDER BY {column}")
            values, ids = array("q"), array("q")
            for value, rowid in rows:
                if value.isdigit():
                    values.append(int(value))
                    ids.append(rowid)
            self._numbers[column] = (values, ids)
        return self._numbers[column]

    def _digits_set(self, digits: str) -> set[int]:
        digits = digits[:16]
        scale = 10 ** (16 - len(digits))
        low, high = int(digits) * scale, (int(digits) + 1) * scale
        out: set[int] = set()
        for column in ("nik", "no_kk"):
            values, ids = self._number_table(column)
            out.update(ids[bisect_left(values, low):bisect_left(values, high)])
        return out

    def _name_blob(self) -> _NameBlob:
        names = self._load_names()
        if self._blob is None or self._blob.names is not names[1]:
            self._blob = _NameBlob(names[1])
        return self._blob

    def _name_matches(self, words: list[str]) -> array[int]:
        ids, names = self._load_names()
        words = sorted({w.casefold() for w in words}, key=len, reverse=True)
        first, rest = words[0], words[1:]
        # the longest word is found with str.find over all the names joined (C speed; a
        # Python test of 200,000 names took 60-80 ms on the GUI thread per keystroke)
        hits = [(ids[j], names[j]) for j in self._name_blob().positions(first)]
        for w in rest:
            hits = [(i, n) for i, n in hits if w in n]
        return array("q", [i for i, _n in hits])

    def _live_order(self, sort_key: str) -> array[int]:
        """:meth:`order` without the deleted rows, kept like the order (an empty search box
        shows it: a Python pass over 200,000 rowids took ~40 ms on the GUI thread)."""
        if sort_key not in self._live:
            deleted = self.deleted()
            order = self.order(sort_key)
            self._live[sort_key] = (array("q", filterfalse(deleted.__contains__, order))
                                    if deleted else order)
        return self._live[sort_key]

    def warm(self) -> None:
        """Load the name and number tables and the name order now (the GUI calls this on
        its DB worker right after opening, so the first keystroke finds them ready)."""
        if self._mark is None:
            self._mark = self._change_mark()  # before reading: a write meanwhile is re-read
        self._load_names()
        self._number_table("nik")
        self._number_table("no_kk")
        self.deleted()
        self._name_blob()
        self._live_order("name")

    # -- incremental update after a write or an import (issue 15 item 4) ---------------------
    def _change_mark(self) -> ChangeMark | None:
        with self._sessions() as session:
            return change_mark(_raw(session))

    def updated(self) -> ResidentIndex:
        """A new index with this one's tables brought up to date: only the residents written
        since this index was read (:func:`changed_rowids`) are read again and merged into
        copies of the name and number tables and the deleted set (this index is not touched:
        the GUI thread may go on searching it meanwhile). Falls back to reading everything
        when the changes cannot be told (a restore, an undone import, a row count that does
        not add up) or this index was never warmed. Call on the DB worker."""
        fresh = ResidentIndex(self._sessions)
        names, raw, mark = self._names, self._raw_names, self._mark
        if names is None or raw is None or mark is None or self._deleted is None or any(
                c not in self._numbers for c in ("nik", "no_kk")):
            fresh.warm()
            return fresh
        with self._sessions() as session:
            con = _raw(session)
            now = change_mark(con)
            changed = changed_rowids(con, mark)
            rows = _rows_of(con, sorted(changed)) if changed else []
        if now is None or changed is None:
            fresh.warm()
            return fresh
        fresh._mark = now
        fresh.incremental = True
        ids, folded = names
        # only rows the old tables can hold are looked for (a new resident's rowid is above
        # the old top); each is found by a byte search of the rowid array, not a Python loop
        # over 200,000 entries (3 s on a loaded machine, holding the GIL the GUI thread needs)
        known = {i for i in changed if i <= mark.top}
        gone = _positions(ids, known)
        merged_raw, merged_ids, merged_folded = (
            _without(raw, gone, list), _without(ids, gone, _int_array),
            _without(folded, gone, list))
        if rows:
            merged_raw, merged_ids, merged_folded = _merge_names(
                merged_raw, merged_ids, merged_folded,
                sorted((name or "", rowid) for rowid, name, _n, _k, _d in rows))
        fresh._names = (merged_ids, merged_folded)
        fresh._raw_names = merged_raw
        fresh._orders["name"] = merged_ids
        for pos, column in ((2, "nik"), (3, "no_kk")):
            values, owners = self._numbers[column]
            added = sorted((int(r[pos]), r[0]) for r in rows
                           if r[pos] is not None and len(r[pos]) == 16 and r[pos].isdigit())
            fresh._numbers[column] = _merge_numbers(values, owners, known, added)
        deleted = set(self._deleted) - changed
        deleted.update(r[0] for r in rows if r[4])
        fresh._deleted = deleted
        if len(merged_ids) != now.rows:  # a row came or went unseen: read everything
            fresh = ResidentIndex(self._sessions)
            fresh.warm()
        return fresh

    def _column_set(self, f: ResidentFilter) -> set[int] | None:
        sets: list[set[int]] = []
        for column, value in (("migrant_status", f.status), ("life_status", f.life_status),
                              ("dusun", f.dusun)):
            if value:
                sets.append(set(self._ids(f"SELECT rowid FROM resident WHERE {column} = ?",
                                          [value])))
        if f.country:
            sets.append(set(self._ids(
                "SELECT r.rowid FROM episode e JOIN resident r ON r.id = e.resident_id "
                "WHERE e.destination_country = ? AND e.deleted = FALSE", [f.country])))
        if not sets:
            return None
        sets.sort(key=len)
        result = sets[0]
        for other in sets[1:]:
            result = result & other
        return result

    def search(self, f: ResidentFilter, sort_key: str = "name",
               descending: bool = False) -> array[int]:
        """Rowids of the matching live residents in display order."""
        if sort_key not in SORT_KEYS:
            sort_key = "name"
        q = " ".join(f.text.split())
        digits = q.replace(" ", "")
        keep = self._column_set(f)
        deleted = self.deleted()
        result: array[int]
        if q and not digits.isdigit():
            named = self._name_matches(q.split())  # already in name order
            if sort_key == "name":
                result = named if keep is None else array("q", filter(keep.__contains__,
                                                                      named))
            else:
                wanted = set(named) if keep is None else keep.intersection(named)
                result = array("q", filter(wanted.__contains__, self.order(sort_key)))
        elif not q and keep is None:  # everyone: the live order as it is kept
            result = self._live_order(sort_key)
            deleted = set()
        else:
            if q:
                numbers = self._digits_set(digits)
                keep = numbers if keep is None else keep & numbers
            order = self.order(sort_key)
            result = order if keep is None else array("q", filter(keep.__contains__, order))
        if deleted:
            result = array("q", filterfalse(deleted.__contains__, result))
        if descending:
            result = array("q", reversed(result))
        elif result is self._orders.get(sort_key) or result is self._live.get(sort_key):
            result = array("q", result)  # callers own their copy
        return result


@dataclass(frozen=True)
class ChangeMark:
    """Where the database stood when an index read it: the newest audit row (every write
    through the services writes one per resident, ``entity = 'resident'``), the newest undo
    journal entry (every list or bundle import journals each resident it writes) and the
    number of resident rows (a check that no row came or went unseen)."""

    audit: int
    journal: int
    rows: int
    top: int = 0  # the highest rowid: rows above it are new


def change_mark(con: Any) -> ChangeMark | None:
    """The current :class:`ChangeMark` (None on a database without rowids: read in full)."""
    if type(con).__module__.split(".")[0] != "sqlite3":
        return None
    audit, journal, rows, top = con.execute(
        "SELECT (SELECT coalesce(max(id), 0) FROM audit_log), "
        "(SELECT coalesce(max(id), 0) FROM undo_journal), "
        "(SELECT count(*) FROM resident), (SELECT coalesce(max(rowid), 0) FROM resident)"
    ).fetchone()
    return ChangeMark(int(audit), int(journal), int(rows), int(top))


UNKNOWN_CHANGE_ACTIONS = ("undo", "restore", "pulih")
"""Audit actions after which the written residents cannot be told (an undone import puts
back rows without a journal entry of its own, a restore replaces the file): read in full."""


def changed_rowids(con: Any, mark: ChangeMark) -> set[int] | None:
    """Rowids of the residents written since ``mark`` (by the services or by an import), or
    None when that cannot be told. Costs what the changes cost: two range reads by primary key
    and one lookup per changed resident."""
    if type(con).__module__.split(".")[0] != "sqlite3":
        return None
    uuids: set[str] = set()
    for action, entity, entity_id in con.execute(
            "SELECT action, entity, entity_id FROM audit_log WHERE id > ?", (mark.audit,)):
        if any(word in (action or "") for word in UNKNOWN_CHANGE_ACTIONS):
            return None
        if entity == "resident" and entity_id:
            uuids.add(entity_id)
    uuids.update(r for (r,) in con.execute(
        "SELECT row_id FROM undo_journal WHERE id > ? AND table_name = 'resident'",
        (mark.journal,)))
    out: set[int] = set()
    listed = sorted(uuids)
    for start in range(0, len(listed), 500):
        chunk = listed[start:start + 500]
        marks = ",".join("?" * len(chunk))
        out.update(r for (r,) in con.execute(
            f"SELECT rowid FROM resident WHERE id IN ({marks})", chunk))
    return out


def _rows_of(con: Any, rowids: Sequence[int]) -> list[tuple[Any, ...]]:
    """(rowid, name, nik, no_kk, deleted) of these residents."""
    out: list[tuple[Any, ...]] = []
    for start in range(0, len(rowids), 500):
        chunk = list(rowids[start:start + 500])
        marks = ",".join("?" * len(chunk))
        out.extend(con.execute(f"SELECT rowid, name, nik, no_kk, deleted FROM resident "
                               f"WHERE rowid IN ({marks})", chunk).fetchall())
    return out


def _merge_names(raw: list[str], ids: array[int], folded: list[str],
                 added: list[tuple[str, int]]) -> tuple[list[str], array[int], list[str]]:
    """``added`` ((name, rowid), sorted) merged into the name table in ``ORDER BY name,
    rowid`` (SQLite's BINARY order of UTF-8 text is Python's order of code points)."""
    positions = [bisect_left(_NameKeys(raw, ids), key) for key in added]
    out_raw: list[str] = []
    out_ids = array("q")
    out_folded: list[str] = []
    prev = 0
    for pos, (name, rowid) in zip(positions, added, strict=True):
        out_raw.extend(raw[prev:pos])
        out_ids.extend(ids[prev:pos])
        out_folded.extend(folded[prev:pos])
        out_raw.append(name)
        out_ids.append(rowid)
        out_folded.append(name.casefold())
        prev = pos
    out_raw.extend(raw[prev:])
    out_ids.extend(ids[prev:])
    out_folded.extend(folded[prev:])
    return out_raw, out_ids, out_folded


class _NameBlob:
    """The folded names of the name table joined by NUL (no typed word holds one), with the
    offset where each starts: every name holding a word is found by ``str.find`` over one
    string and a bisect, at C speed."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.text = "\0".join(names)
        self.starts = array("q", accumulate((len(n) + 1 for n in names), initial=0))

    def positions(self, word: str) -> list[int]:
        """Positions (in the name table, ascending) of the names holding ``word``."""
        out: list[int] = []
        starts, find = self.starts, self.text.find
        pos = find(word)
        while pos >= 0:
            j = bisect_right(starts, pos) - 1
            out.append(j)
            pos = find(word, starts[j + 1])  # the next name: each name once
        return out


class _NameKeys:
    """(name, rowid) of position i, for a bisect without building 200,000 tuples."""

    def __init__(self, raw: list[str], ids: array[int]) -> None:
        self.raw, self.ids = raw, ids

    def __len__(self) -> int:
        return len(self.raw)

    def __getitem__(self, i: int) -> tuple[str, int]:
        return (self.raw[i], self.ids[i])


def _int_array(parts: Any) -> array[int]:
    return array("q", parts)


def _positions(ids: array[int], wanted: set[int]) -> list[int]:
    """Sorted positions of ``wanted`` rowids in ``ids`` (each rowid at most once), found by a
    byte search of the array (C speed) rather than a Python loop over it."""
    if not wanted:
        return []
    if len(wanted) > 2_000:  # a big change: one pass is cheaper than thousands of searches
        return [j for j, i in enumerate(ids) if i in wanted]
    blob, size = ids.tobytes(), ids.itemsize
    out: list[int] = []
    for rowid in wanted:
        needle, start = array("q", [rowid]).tobytes(), 0
        while (pos := blob.find(needle, start)) >= 0:
            if pos % size == 0:
                out.append(pos // size)
                break
            start = pos + 1
    out.sort()
    return out


def _without(seq: Any, positions: list[int], make: Any) -> Any:
    """A copy of ``seq`` without the items at ``positions`` (sorted), by slices."""
    if not positions:
        return make(seq)
    out = make([])
    prev = 0
    for pos in positions:
        out.extend(seq[prev:pos])
        prev = pos + 1
    out.extend(seq[prev:])
    return out


def _merge_numbers(values: array[int], owners: array[int], changed: set[int],
                   added: list[tuple[int, int]]) -> tuple[array[int], array[int]]:
    """A number table without the changed rowids' entries, with ``added`` (sorted) in."""
    gone = _positions(owners, changed)
    values, owners = _without(values, gone, _int_array), _without(owners, gone, _int_array)
    if not added:
        return values, owners
    out_v, out_o = array("q"), array("q")
    prev = 0
    for value, owner in added:
        pos = bisect_left(values, value, lo=prev)
        out_v.extend(values[prev:pos])
        out_o.extend(owners[prev:pos])
        out_v.append(value)
        out_o.append(owner)
        prev = pos
    out_v.extend(values[prev:])
    out_o.extend(owners[prev:])
    return out_v, out_o


def search_ids(session: Session, f: ResidentFilter, sort_key: str = "name",
               descending: bool = False) -> array[int]:
    """Rowids of the matching residents in display order (one-off; the GUI keeps a
    :class:`ResidentIndex`)."""
    from contextlib import nullcontext

    return ResidentIndex(lambda: nullcontext(session)).search(f, sort_key, descending)


def count(session: Session, f: ResidentFilter) -> int:
    return len(search_ids(session, f))


_LATEST_COUNTRY = (
    "(SELECT e.destination_country FROM episode e WHERE e.resident_id = r.id AND e.deleted = FALSE "
    "ORDER BY coalesce(e.registered_on, e.departed_on, e.returned_on) DESC, e.created_at DESC "
    "LIMIT 1)"
)


def fetch_rows(session: Session, rowids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """Display values (see :data:`ROW_COLUMNS`) of the residents with these rowids."""
    if not rowids:
        return {}
    out: dict[int, tuple[Any, ...]] = {}
    raw = _raw(session)
    for start in range(0, len(rowids), 500):
        chunk = list(rowids[start:start + 500])
        marks = ",".join("?" * len(chunk))
        sql = ("SELECT r.rowid, r.id, r.name, r.nik, r.no_kk, r.sex, r.birth_date, r.dusun, "
               f"r.rw, r.rt, r.migrant_status, r.life_status, {_LATEST_COUNTRY} "
               f"FROM resident r WHERE r.rowid IN ({marks})")
        for row in raw.execute(sql, chunk):
            out[row[0]] = tuple(row)
    return out


def rowid_of(session: Session, resident_id: str) -> int | None:
    row = _raw(session).execute("SELECT rowid FROM resident WHERE id = ?",
                                (resident_id,)).fetchone()
    return row[0] if row else None


def dusun_names(session: Session) -> list[str]:
    rows = _raw(session).execute(
        "SELECT DISTINCT dusun FROM resident WHERE deleted = FALSE AND dusun != '' ORDER BY dusun")
    return [r[0] for r in rows]


def destination_countries(session: Session) -> list[str]:
    rows = _raw(session).execute(
        "SELECT DISTINCT destination_country FROM episode WHERE deleted = FALSE "
        "AND destination_country != '' ORDER BY destination_country")
    return [r[0] for r in rows]


@dataclass(frozen=True)
class FamilyMember:
    id: str
    name: str
    nik: str | None
    shdk: str
    sex: str
    birth_date: date | None
    migrant_status: str
    life_status: str


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def same_kk(session: Session, no_kk: str | None, *, exclude_id: str | None = None
            ) -> list[FamilyMember]:
    """Live residents on the same family card (No. KK), head of family first."""
    if not no_kk:
        return []
    rows = session.execute(
        text("SELECT id, name, nik, shdk, sex, birth_date, migrant_status, life_status "
             "FROM resident WHERE no_kk = :kk AND deleted = FALSE AND id != :ex "
             "ORDER BY CASE shdk WHEN 'kepala_keluarga' THEN 0 WHEN 'istri' THEN 1 "
             "WHEN 'suami' THEN 1 ELSE 2 END, birth_date"),
        {"kk": no_kk, "ex": exclude_id or ""},
    ).all()
    return [FamilyMember(r[0], r[1], r[2], r[3], r[4], _as_date(r[5]), r[6], r[7])
            for r in rows]


MIGRANT_STATUSES = ("calon_pmi", "pmi")


def children_of_migrants(session: Session, no_kk: str | None, *, today: date | None = None,
                         adult_age: int = 18) -> list[FamilyMember]:
    """Children (under ``adult_age``) of a CPMI or PMI on a family card: the migrant's own
    children from the KK relations, never siblings (issue 9). A migrant head or spouse leaves
    the card's children (SHDK ``anak``); a migrant who is a child of the head leaves the
    grandchildren (``cucu``), as does a migrant child-in-law: the closest the KK relations can
    tell."""
    if not no_kk:
        return []
    members = same_kk(session, no_kk)
    migrants = {m.shdk for m in members if m.migrant_status in MIGRANT_STATUSES}
    wanted = set()
    if migrants & {"kepala_keluarga", "istri", "suami"}:
        wanted.add("anak")
    if migrants & {"anak", "menantu"}:
        wanted.add("cucu")
    today = today or date.today()
    return [m for m in members if m.shdk in wanted
            and m.migrant_status not in MIGRANT_STATUSES
            and (m.birth_date is None or _age(m.birth_date, today) < adult_age)]


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
