"""Read-only figures and lists of the P4MI mode (regency hub) and of the village "Paket P4MI"
page: Qt-free, one query per figure.

Definitions (the tests re-count them with independent SQL):

- A *village of the regency* is every ``desa``/``kelurahan`` of the Kemendagri list under the
  hub's regency code, whether or not it ever sent a bundle.
- *Counts per village* are over live residents (``deleted = FALSE``) whose ``owner_office`` is the
  village, by their derived ``migrant_status``.
- *Last bundle* is the newest row of the import history (``sync_bundle_import``) for the
  village; *last sequence* is the highest sequence number received from the village's active
  installation; *gaps* are the numbers between 1 and that highest one never received from it.
- *Days since last contact* is the number of days between ``today`` and the date of the last
  import (``None`` when nothing was ever received).
- *Same NIK in two villages*: a NIK held by live residents of two or more villages (never
  merged); one row per pair of residents, with the clerk's flag status when the importer
  flagged the pair (``sync_nik_flag``).
- *A regency's figures at a bigger hub*: a province or national hub asked for one of its
  regencies counts only the residents whose ``owner_office`` lies in that regency
  (``LIKE 'PP.KK.%'``, :func:`regency_scope`), and the NIK pairs with at least one resident
  there. Asked for its own code, a hub counts every row it holds (as before).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from app.core import reference
from app.core.db import get_setting
from app.core.repo import dashboard as dash

STATUSES = ("calon_pmi", "pmi", "purna_pmi", "bukan")


def _as_datetime(value: object) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value).replace("Z", "").replace("T", " ")[:26])
    except ValueError:
        return None


# -- village side: export history --------------------------------------------------------------


@dataclass(frozen=True)
class ExportRow:
    id: int
    sequence: int
    scope: str  # "lengkap" / "perubahan"
    status: str  # "menulis" / "selesai" / "gagal"
    file_name: str
    created_at: datetime | None
    operator: str
    rows: int


def export_history(session: Session, limit: int = 200) -> list[ExportRow]:
    """Bundles this village wrote (newest first)."""
    rows = session.execute(text(
        "SELECT id, sequence, kind, status, file_name, created_at, operator, counts "
        "FROM sync_bundle_export ORDER BY id DESC LIMIT :n"), {"n": limit}).all()
    out = []
    for rid, seq, kind, status, name, created, operator, counts in rows:
        try:
            total = sum(int(v) for v in json.loads(counts or "{}").values())
        except (ValueError, TypeError, AttributeError):
            total = 0
        out.append(ExportRow(int(rid), int(seq), str(kind), str(status), str(name or ""),
                             _as_datetime(created), str(operator or ""), total))
    return out


# -- P4MI: villages overview -------------------------------------------------------------------


@dataclass
class VillageRow:
    code: str
    name: str
    district: str
    last_import: datetime | None = None
    last_sequence: int = 0
    gaps: list[int] = field(default_factory=list)
    bundles: int = 0
    residents: int = 0
    calon_pmi: int = 0
    pmi: int = 0
    purna_pmi: int = 0
    key_fingerprint: str = ""
    nik_flags: int = 0

    def days_since(self, today: date) -> int | None:
        return None if self.last_import is None else (today - self.last_import.date()).days


REPORT_INDEXES = ("ix_resident_live_office", "ix_resident_live_nik")
"""Migration 0012's indexes for a regency's figures at a big hub, on a PostgreSQL hub only
(not in the models: the SQLite file does not have them)."""


REPORT_WORK_MEM = "64MB"
"""The server's sort and hash memory for one dashboard or report transaction (``SET LOCAL``,
gone at its end): the default 4 MB sends the sort of a regency's 270,000 NIKs to disk."""


def regency_scope(session: Session, code: str) -> str | None:
    """The ``owner_office LIKE`` pattern a hub's figures for ``code`` are limited to: None when
    ``code`` is the hub's own office code (or the national code: every row it holds), else
    ``'code.%'`` (a regency, or a province, under a province or national hub)."""
    hub = get_setting(session, "office_code")
    if code in ("ID", hub):
        return None
    return f"{code}.%"


def _and_scope(column: str, scope: str | None) -> str:
    return "" if scope is None else f" AND {column} LIKE :scope"


def status_by_village(session: Session, scope: str | None = None) -> dict[str, dict[str, int]]:
    """``{village: {status: live residents}}`` (only villages holding residents)."""
    out: dict[str, dict[str, int]] = {}
    for office, status, n in session.execute(text(
            "SELECT owner_office, migrant_status, count(*) FROM resident WHERE deleted = FALSE"
            f"{_and_scope('owner_office', scope)} GROUP BY owner_office, migrant_status"),
            {"scope": scope} if scope else {}):
        out.setdefault(str(office), {s: 0 for s in STATUSES})[str(status)] = int(n)
    return out


def _gaps(sequences: set[int]) -> list[int]:
    top = max(sequences, default=0)
    return [n for n in range(1, top + 1) if n not in sequences]


def villages_overview(session: Session, regency_code: str,
                      pairs: list[NikPair] | None = None) -> list[VillageRow]:
    """Every village of the regency, in code order, with what P4MI holds and received.
    ``pairs``: the NIK pairs when the caller already has them (else looked up here)."""
    scope = regency_scope(session, regency_code)
    level = reference.region_level(regency_code) if regency_code != "ID" else None
    if level == "kabupaten":
        regencies = [regency_code]
    else:  # a province hub (its regencies) or the national hub (every regency)
        provinces = [regency_code] if level == "provinsi" else [
            p for p, _ in reference.children(None)]
        regencies = [r for p in provinces for r, _ in reference.children(p)]
    districts = {d: n for r in regencies for d, n in reference.children(r)}
    rows = {code: VillageRow(code, name, districts.get(reference.parent_code(code) or "", ""))
            for code, name in reference.villages_under(regency_code)}
    active: dict[str, tuple[str, str]] = {}
    for village, inst, fp in session.execute(text(
            "SELECT village_code, installation_id, fingerprint FROM sync_village_key "
            "WHERE active = TRUE ORDER BY id")):
        active[str(village)] = (str(inst or ""), str(fp))
    seqs: dict[str, set[int]] = {}
    for village, inst, seq, imported in session.execute(text(
            "SELECT village_code, installation_id, sequence, imported_at "
            "FROM sync_bundle_import ORDER BY id")):
        row = rows.get(str(village))
        if row is None:
            continue
        row.bundles += 1
        when = _as_datetime(imported)
        if when is not None and (row.last_import is None or when > row.last_import):
            row.last_import = when
        key_inst = active.get(row.code, ("", ""))[0]
        if not key_inst or key_inst == inst:
            seqs.setdefault(row.code, set()).add(int(seq))
    for code, numbers in seqs.items():
        rows[code].last_sequence = max(numbers)
        rows[code].gaps = _gaps(numbers)
    for code, (_inst, fp) in active.items():
        if code in rows:
            rows[code].key_fingerprint = fp
    for village, counts in status_by_village(session, scope).items():
        row = rows.get(village)
        if row is not None:
            row.residents = sum(counts.values())
            row.calon_pmi, row.pmi, row.purna_pmi = (counts["calon_pmi"], counts["pmi"],
                                                      counts["purna_pmi"])
    for pair in nik_pairs(session, scope) if pairs is None else pairs:
        for code in (pair.village_a, pair.village_b):
            if code in rows:
                rows[code].nik_flags += 1
    return list(rows.values())


@dataclass(frozen=True)
class ImportRow:
    id: int
    village_code: str
    file_name: str
    sequence: int
    scope: str
    imported_at: datetime | None
    operator: str
    status: str
    new: int
    updated: int
    deleted: int
    rejected: int


def import_history(session: Session, village_code: str | None = None,
                   limit: int = 500) -> list[ImportRow]:
    """The import history, newest first (optionally of one village)."""
    sql = ("SELECT id, village_code, file_name, sequence, kind, imported_at, operator, status, "
           "counts, rejected FROM sync_bundle_import")
    params: dict[str, object] = {"n": limit}
    if village_code:
        sql += " WHERE village_code = :v"
        params["v"] = village_code
    out = []
    for (rid, village, name, seq, kind, imported, operator, status, counts,
         rejected) in session.execute(text(sql + " ORDER BY id DESC LIMIT :n"), params):
        try:
            per_sheet = json.loads(counts or "{}")
            total = {k: sum(int(c.get(k, 0)) for c in per_sheet.values())
                     for k in ("new", "updated", "deleted")}
        except (ValueError, TypeError, AttributeError):
            total = {"new": 0, "updated": 0, "deleted": 0}
        try:
            n_rejected = len({(e.get("sheet"), e.get("row")) for e in json.loads(rejected or "[]")})
        except (ValueError, TypeError, AttributeError):
            n_rejected = 0
        out.append(ImportRow(int(rid), str(village), str(name or ""), int(seq), str(kind),
                             _as_datetime(imported), str(operator or ""), str(status),
                             total["new"], total["updated"], total["deleted"], n_rejected))
    return out


def imported_villages(session: Session) -> list[str]:
    """Villages with a key on record (those a receipt can be written for), in code order."""
    return [str(v) for (v,) in session.execute(text(
        "SELECT DISTINCT village_code FROM sync_village_key WHERE active = TRUE ORDER BY 1"))]


# -- P4MI: the same NIK in two villages ---------------------------------------------------------


@dataclass(frozen=True)
class NikPair:
    nik: str
    village_a: str
    resident_a: str
    name_a: str
    status_a: str
    village_b: str
    resident_b: str
    name_b: str
    status_b: str
    flag_status: str  # "baru", "diperiksa", or "" when the importer did not flag it
    first_seen: datetime | None


def _duplicate_niks(scope: str | None) -> str:
    """SQL of the NIKs held by live residents of two or more villages (``min <> max`` is
    ``count(DISTINCT owner_office) > 1``: an owner is never NULL); with a scope, only those
    held by a resident in the scope (each of its NIKs looked up, not every NIK grouped)."""
    if scope is None:
        return ("SELECT nik FROM resident WHERE deleted = FALSE AND nik IS NOT NULL "
                "AND nik != '' GROUP BY nik HAVING min(owner_office) <> max(owner_office)")
    return ("SELECT DISTINCT m.nik FROM resident m WHERE m.deleted = FALSE AND m.nik IS NOT NULL "
            "AND m.nik != '' AND m.owner_office LIKE :scope AND EXISTS (SELECT 1 FROM resident o "
            "WHERE o.nik = m.nik AND o.deleted = FALSE AND o.nik IS NOT NULL AND o.nik != '' "
            "AND o.owner_office <> m.owner_office)")


_PAIRS_CHUNK = 500  # NIKs per pair query (SQLite takes at most 32,766 parameters)


def nik_pairs(session: Session, scope: str | None = None) -> list[NikPair]:
    """Every pair of live residents of two different villages holding the same NIK (ordered
    by NIK, then villages). They are never merged; the clerk checks them. ``scope`` (an
    ``owner_office LIKE`` pattern, :func:`regency_scope`): only the pairs with at least one
    resident there.

    Two steps: the duplicated NIKs first (a few hundred among millions), then their pairs by
    NIK, in chunks taken in NIK order (the whole order is kept). One statement joining both
    let the server's planner expect the NIKs of a whole regency and read every resident."""
    params = {"scope": scope} if scope else {}
    niks = sorted(str(n) for (n,) in session.execute(text(_duplicate_niks(scope)), params))
    out: list[NikPair] = []
    for i in range(0, len(niks), _PAIRS_CHUNK):
        chunk = niks[i:i + _PAIRS_CHUNK]
        rows = session.execute(text(
            "SELECT a.nik, a.owner_office, a.id, a.name, a.migrant_status, "
            "       b.owner_office, b.id, b.name, b.migrant_status, "
            "       (SELECT f.status FROM sync_nik_flag f WHERE (f.resident_id = a.id AND "
            "          f.other_resident_id = b.id) OR (f.resident_id = b.id AND "
            "          f.other_resident_id = a.id) ORDER BY f.id DESC LIMIT 1), "
            "       (SELECT min(f.first_seen) FROM sync_nik_flag f WHERE "
            "          (f.resident_id = a.id AND f.other_resident_id = b.id) OR "
            "          (f.resident_id = b.id AND f.other_resident_id = a.id)) "
            "FROM resident a JOIN resident b ON b.nik = a.nik AND b.deleted = FALSE "
            "  AND b.owner_office > a.owner_office "
            "WHERE a.deleted = FALSE AND a.nik IN :niks"
            + ("" if scope is None else
               " AND (a.owner_office LIKE :scope OR b.owner_office LIKE :scope)")
            + " ORDER BY a.nik, a.owner_office, b.owner_office, a.id, b.id")
            .bindparams(bindparam("niks", expanding=True)), {**params, "niks": chunk}).all()
        out.extend(NikPair(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]),
                           str(r[6]), str(r[7]), str(r[8]), str(r[9] or ""),
                           _as_datetime(r[10])) for r in rows)
    return out


# -- P4MI: the regency dashboard ---------------------------------------------------------------


@dataclass
class RegencyDashboard:
    today: date
    villages_total: int
    villages_reporting: int
    residents: int
    status: dict[str, int]
    abroad: int
    countries: list[tuple[str, int]]
    procedure: dict[str, int]
    months: list[dash.MonthCount]
    per_village: list[VillageRow]
    nik_pairs: int
    silent_villages: int  # reporting villages with no bundle for more than 45 days


SILENT_DAYS = 45


def load_regency_dashboard(session: Session, regency_code: str, today: date | None = None,
                           months: int = 12) -> RegencyDashboard:
    """The dashboard of ``regency_code``: the hub's own code counts every row it holds; one of
    its regencies at a province or national hub counts that regency's (:func:`regency_scope`).
    The NIK pairs are looked up once (the overview's per-village count and the total)."""
    today = today or date.today()
    scope = regency_scope(session, regency_code)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"SET LOCAL work_mem = '{REPORT_WORK_MEM}'"))
    pairs = nik_pairs(session, scope)
    villages = villages_overview(session, regency_code, pairs)
    reporting = [v for v in villages if v.bundles]
    silent = sum(1 for v in reporting if (v.days_since(today) or 0) > SILENT_DAYS)
    countries = dash.countries_abroad(session, scope)
    return RegencyDashboard(
        today=today, villages_total=len(villages), villages_reporting=len(reporting),
        residents=dash.residents_total(session, scope), status=dash.status_counts(session, scope),
        abroad=sum(n for _, n in countries),  # = dash.abroad_now: every one has a country row
        countries=countries,
        procedure=dash.procedure_counts(session, scope),
        months=dash.per_month(session, today, months, scope),
        per_village=sorted(reporting, key=lambda v: (-v.pmi - v.calon_pmi, v.code)),
        nik_pairs=len(pairs), silent_villages=silent)
