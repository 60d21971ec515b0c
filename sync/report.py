"""Reports of a P4MI hub for a period (``laporan``), as Excel and PDF, Qt-free.

:func:`build_period_report` reads the hub once and returns a :class:`PeriodReport`: a list of
:class:`ReportTable` (one per sheet). :func:`write_report` writes it as ``.xlsx`` (through the
project's safe streaming writer :mod:`sync.xlsx`: NIKs as text cells, dates as real dates, one
sheet per table) or ``.pdf`` (:mod:`sync.report_pdf`), atomically.

Definitions (``tests/sync/test_report.py`` re-counts every figure with its own SQL). The period
is ``dari``..``sampai``, both days included. Only live rows (``deleted = FALSE``) of live residents
count; the village of a row is the resident's ``owner_office``.

- *Registered* / *departed* / *returned* in the period: episodes whose ``registered_on`` /
  ``departed_on`` / ``returned_on`` lies in the period. *Cases*: cases whose ``reported_on``
  lies in the period. *Abroad now*: episodes in state ``berangkat`` (today's state).
- *Per kecamatan*: one row per village that holds residents or sent a bundle, grouped by
  kecamatan with a subtotal row each, and a regency total that is the sum of the subtotals.
- *CPMI waiting*: episodes in state ``terdaftar``/``terverifikasi`` registered at least
  ``waiting_days`` days before ``sampai``.
- *Overdue returns*: episodes in state ``berangkat`` whose ``expected_return`` is before
  ``sampai``. *No news*: episodes in state ``berangkat`` whose last sign of life (the latest
  contact-log date of the resident, or the departure date when later or without contact) is
  before ``sampai`` minus ``no_news_months`` calendar months.
- *Villages not sending*: every village of the regency whose last bundle was imported more
  than ``silent_days`` days before ``sampai``, or never.
- *Prevented departures* (``Dicegah per Desa``, ``Dicegah per Alasan``): episodes in state
  ``dicegah`` whose ``ended_on`` (the date of the village's decision) lies in the period, per
  village with a subtotal per kecamatan and a regency total, and per reason (the reason text as
  the village wrote it, trimmed), each split by sex.
- *A regency of a province or national hub* (``regency``): every table counts only the rows
  of residents whose ``owner_office`` lies in that regency (``LIKE 'PP.KK.%'``), the villages
  that sent bundles among them, and "villages not sending" lists that regency's villages.
  Without ``regency`` the report is the hub's own (every row it holds), as before.
- *Red flags* (``Tanda Bahaya``): live ``episode_flag`` rows of live episodes of live residents
  first seen (``seen_at``) in the period, per code and severity, in three exclusive columns:
  *terbuka* (neither accepted nor cleared), *diterima* (accepted with a reason, still firing)
  and *sudah diperbaiki* (cleared: the rule no longer fires), which add up to the row's total.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.core import formatting, reference
from app.core.errors import AppError
from app.core.progress import CancelToken, Progress
from app.core.repo.dashboard import add_months
from app.core.workspace import MODE_P4MI, Workspace, hub_covers
from sync.dbutil import dialect_of, raw_connection
from sync.xlsx import KIND_DATE, KIND_INT, KIND_TEXT, SheetSpecW, XlsxWriter

MESSAGES: dict[str, tuple[str, str]] = {
    "report.period_invalid": (
        "Periode laporan tidak benar: tanggal 'dari' ({dari}) sesudah tanggal 'sampai' "
        "({sampai}).",
        "The report period is wrong: 'from' ({dari}) is after 'to' ({sampai}).",
    ),
    "report.regency_outside": (
        "Wilayah {regency} bukan kabupaten/kota di wilayah hub ini ({hub}): laporan tidak "
        "dibuat.",
        "{regency} is no regency or city under this hub's area ({hub}): no report was made.",
    ),
    "report.format_unknown": (
        "Laporan hanya dapat ditulis sebagai .xlsx atau .pdf, bukan '{suffix}'.",
        "A report can only be written as .xlsx or .pdf, not '{suffix}'.",
    ),
}

WAITING_DAYS = 90
NO_NEWS_MONTHS = 3
SILENT_DAYS = 45
SEX_ID = {"L": "Laki-laki", "P": "Perempuan"}
SEVERITY_ID = {"tinggi": "Tinggi", "sedang": "Sedang", "rendah": "Rendah"}
FLAG_TITLES_ID = {
    "under_age": "Di bawah umur",
    "closed_destination": "Negara tujuan tertutup (PRT perseorangan)",
    "scam_route": "Rute penipuan daring / perdagangan orang",
    "no_nik": "NIK belum dicatat",
    "p_to_p_without_p3mi": "Skema P to P tanpa P3MI",
    "g_to_g_private": "Skema G to G dengan P3MI swasta",
    "perseorangan_refused": "Perseorangan tidak diizinkan negara tujuan",
    "p3mi_unlicensed": "P3MI tidak berizin",
    "no_consent": "Tanpa izin keluarga",
    "consent_wrong_person": "Izin keluarga dari orang yang tidak berhak",
    "no_ktp": "Tanpa KTP-el",
    "no_passport": "Tanpa paspor",
    "passport_expires": "Paspor habis sebelum kontrak berakhir",
    "no_visa": "Tanpa visa kerja",
    "visa_not_work": "Visa bukan visa kerja",
    "no_contract": "Tanpa perjanjian kerja",
    "no_bpjs": "Tanpa BPJS Ketenagakerjaan",
    "not_verified": "Belum diverifikasi desa",
}
"""Short Indonesian titles of the red-flag codes (the full sentences need the flag's details)."""
CASE_STATUS_ID = {"baru": "Baru", "diproses": "Diproses", "selesai": "Selesai"}


@dataclass
class ReportTable:
    sheet: str  # the Excel sheet name (<= 31 characters)
    title: str
    headers: tuple[str, ...]
    kinds: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    note: str = ""
    total_label_rows: int = 0  # how many of the last rows are totals (for the PDF's bold)


@dataclass
class PeriodReport:
    regency_code: str
    regency_name: str
    dari: date
    sampai: date
    tables: list[ReportTable] = field(default_factory=list)

    def table(self, sheet: str) -> ReportTable:
        return next(t for t in self.tables if t.sheet == sheet)


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):  # a server gives typed values, SQLite gives text
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _label(list_name: str, code: str | None, empty: str = "(tidak diisi)") -> str:
    return reference.ref_label(list_name, code, "id") if code else empty


_LIVE_EP = ("FROM episode e JOIN resident r ON r.id = e.resident_id "
            "WHERE e.deleted = FALSE AND r.deleted = FALSE")


@dataclass(frozen=True)
class _Scope:
    """The rows a report counts: the whole hub (``pattern`` None) or one regency of it."""

    pattern: str | None = None

    def on(self, column: str = "r.owner_office") -> str:
        return "" if self.pattern is None else f" AND {column} LIKE ?"

    def args(self, *rest: Any) -> tuple[Any, ...]:
        """The scope's parameter (when any) before ``rest``."""
        return rest if self.pattern is None else (self.pattern, *rest)

    @property
    def live_ep(self) -> str:
        return _LIVE_EP + self.on()


_WHOLE = _Scope()


def build_period_report(ws: Workspace, dari: date, sampai: date, *,
                        waiting_days: int = WAITING_DAYS, no_news_months: int = NO_NEWS_MONTHS,
                        silent_days: int = SILENT_DAYS,
                        progress: Callable[[Progress], None] | None = None,
                        cancel: CancelToken | None = None,
                        regency: str | None = None) -> PeriodReport:
    """The hub's report for ``dari``..``sampai``; ``regency``: one regency (or city) of a
    province or national hub, every table limited to it (None or the hub's own code: the
    whole hub)."""
    office = ws.office()
    if office is None or office.mode != MODE_P4MI:
        raise AppError("sync.import.not_hub")
    if dari > sampai:
        raise AppError("report.period_invalid", dari=dari, sampai=sampai)
    code, sc = office.code, _WHOLE
    if regency is not None and regency != office.code:
        if (reference.region_level(regency) != "kabupaten" or not hub_covers(office.code, regency)
                or reference.region_name(regency) is None):
            raise AppError("report.regency_outside", regency=regency, hub=office.code)
        code, sc = regency, _Scope(f"{regency}.%")
    report = PeriodReport(code, reference.region_name(code) or office.name, dari, sampai)
    p = (dari.isoformat(), sampai.isoformat())
    steps = 11

    def step(n: int, section: str) -> None:
        if cancel is not None:
            cancel.check()
        if progress is not None:
            progress(Progress(done=n, total=steps, code=f"progress.report.{section}"))

    with raw_connection(ws.db) as con:
        con.execute("BEGIN")  # one consistent snapshot for every table
        if dialect_of(con) == "postgresql":
            from app.core.repo.p4mi import REPORT_WORK_MEM

            con.execute(f"SET LOCAL work_mem = '{REPORT_WORK_MEM}'")
        step(0, "districts")
        report.tables.append(_per_district(con, code, p, sc))
        step(1, "countries")
        report.tables.append(_by_country_sex(con, p, sc))
        step(2, "sectors")
        report.tables.append(_grouped(
            con, sc, "Sektor & Jabatan", "Keberangkatan menurut sektor dan jabatan",
            ("Sektor", "Jabatan / Pekerjaan"),
            "coalesce(e.sector, ''), coalesce(e.job, '')", "e.departed_on", p,
            lambda k: (_label("sectors", k[0]), k[1] or "(tidak diisi)")))
        step(3, "schemes")
        report.tables.append(_grouped(
            con, sc, "Skema & P3MI", "Keberangkatan menurut skema penempatan dan P3MI",
            ("Skema Penempatan", "P3MI"), "coalesce(e.scheme, ''), coalesce(e.p3mi, '')",
            "e.departed_on", p,
            lambda k: (_label("schemes", k[0]), k[1] or "(tidak diisi)")))
        step(4, "returns")
        report.tables.append(_grouped(
            con, sc, "Alasan Pulang", "Kepulangan menurut alasan", ("Alasan Pulang",),
            "coalesce(e.return_reason, '')", "e.returned_on", p,
            lambda k: (_label("return_reasons", k[0]),)))
        step(5, "cases")
        report.tables.append(_cases(con, p, sc))
        step(6, "flags")
        report.tables.append(_prevented_per_village(con, p, sc))
        report.tables.append(_prevented_per_reason(con, p, sc))
        report.tables.append(_flags(con, p, sc))
        step(7, "waiting")
        report.tables.append(_waiting(con, sampai, waiting_days, sc))
        step(8, "overdue")
        report.tables.append(_overdue(con, sampai, sc))
        step(9, "no_news")
        report.tables.append(_no_news(con, sampai, no_news_months, sc))
        step(10, "silent")
        report.tables.append(_silent(con, code, sampai, silent_days))
        con.execute("ROLLBACK")
    step(11, "done")
    return report


def _village_names(code: str) -> tuple[str, str]:
    parent = reference.parent_code(code) or ""
    return reference.region_name(code) or "", reference.region_name(parent) or ""


PER_DISTRICT_HEADERS = ("Kode Wilayah", "Kecamatan", "Desa", "Penduduk", "CPMI Terdaftar",
                        "Berangkat", "Pulang", "Kasus Dilaporkan", "PMI di Luar Negeri (kini)")


def _per_district(con: Any, regency: str, p: tuple[str, str],
                  sc: _Scope = _WHOLE) -> ReportTable:
    figures: dict[str, list[int]] = defaultdict(lambda: [0] * 6)
    for village, n in con.execute("SELECT owner_office, count(*) FROM resident "
                                  f"WHERE deleted = FALSE{sc.on('owner_office')} "
                                  "GROUP BY owner_office", sc.args()):
        figures[str(village)][0] = int(n)
    for col, column in ((1, "e.registered_on"), (2, "e.departed_on"), (3, "e.returned_on")):
        for village, n in con.execute(f"SELECT r.owner_office, count(*) {sc.live_ep} AND "
                                      f"{column} BETWEEN ? AND ? GROUP BY r.owner_office",
                                      sc.args(*p)):
            figures[str(village)][col] = int(n)
    for village, n in con.execute(
            "SELECT r.owner_office, count(*) FROM case_file c JOIN resident r ON "
            f"r.id = c.resident_id WHERE c.deleted = FALSE AND r.deleted = FALSE{sc.on()} AND "
            "c.reported_on BETWEEN ? AND ? GROUP BY r.owner_office", sc.args(*p)):
        figures[str(village)][4] = int(n)
    for village, n in con.execute(f"SELECT r.owner_office, count(*) {sc.live_ep} AND "
                                  "e.state = 'berangkat' GROUP BY r.owner_office", sc.args()):
        figures[str(village)][5] = int(n)
    for (village,) in con.execute("SELECT DISTINCT village_code FROM sync_bundle_import WHERE "
                                  f"TRUE{sc.on('village_code')}", sc.args()):
        figures[str(village)]  # noqa: B018 - a village that sent a bundle has a row
    by_district: dict[str, list[str]] = defaultdict(list)
    for village in figures:
        by_district[reference.parent_code(village) or ""].append(village)
    table = ReportTable("Per Kecamatan", "Rekap per kecamatan dan desa", PER_DISTRICT_HEADERS,
                        (KIND_TEXT, KIND_TEXT, KIND_TEXT) + (KIND_INT,) * 6)
    total = [0] * 6
    for district in sorted(by_district):
        dname = reference.region_name(district) or district
        sub = [0] * 6
        for village in sorted(by_district[district]):
            numbers = figures[village]
            table.rows.append((village, dname, _village_names(village)[0], *numbers))
            sub = [a + b for a, b in zip(sub, numbers, strict=True)]
        table.rows.append((district, dname, f"Jumlah Kecamatan {dname}", *sub))
        total = [a + b for a, b in zip(total, sub, strict=True)]
    table.rows.append((regency, "", "JUMLAH KABUPATEN", *total))
    table.total_label_rows = 1
    return table


def _by_country_sex(con: Any, p: tuple[str, str], sc: _Scope = _WHOLE) -> ReportTable:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for col, column in ((0, "e.departed_on"), (2, "e.returned_on")):
        for country, sex, n in con.execute(
                f"SELECT coalesce(e.destination_country, ''), r.sex, count(*) {sc.live_ep} "
                f"AND {column} BETWEEN ? AND ? GROUP BY 1, 2", sc.args(*p)):
            counts[str(country)][col + (1 if sex == "P" else 0)] += int(n)
    table = ReportTable("Negara & Jenis Kelamin",
                        "Keberangkatan dan kepulangan menurut negara dan jenis kelamin",
                        ("Negara", "Berangkat L", "Berangkat P", "Berangkat Jumlah", "Pulang L",
                         "Pulang P", "Pulang Jumlah"), (KIND_TEXT,) + (KIND_INT,) * 6)
    total = [0] * 6
    for country in sorted(counts, key=lambda c: _label("countries", c)):
        dl, dp, rl, rp = counts[country]
        row = [dl, dp, dl + dp, rl, rp, rl + rp]
        table.rows.append((_label("countries", country), *row))
        total = [a + b for a, b in zip(total, row, strict=True)]
    table.rows.append(("JUMLAH", *total))
    table.total_label_rows = 1
    return table


def _grouped(con: Any, sc: _Scope, sheet: str, title: str, key_headers: tuple[str, ...],
             keys_sql: str, date_column: str, p: tuple[str, str],
             label: Callable[[tuple[str, ...]], tuple[str, ...]]) -> ReportTable:
    counts: dict[tuple[str, ...], list[int]] = defaultdict(lambda: [0, 0])
    width = len(key_headers)
    for row in con.execute(f"SELECT {keys_sql}, r.sex, count(*) {sc.live_ep} AND "
                           f"{date_column} BETWEEN ? AND ? GROUP BY {keys_sql}, r.sex",
                           sc.args(*p)):
        key = tuple(str(v) for v in row[:width])
        counts[key][1 if row[width] == "P" else 0] += int(row[width + 1])
    table = ReportTable(sheet, title, (*key_headers, "L", "P", "Jumlah"),
                        (KIND_TEXT,) * width + (KIND_INT,) * 3)
    total = [0, 0, 0]
    for key in sorted(counts, key=label):
        male, female = counts[key]
        row = [male, female, male + female]
        table.rows.append((*label(key), *row))
        total = [a + b for a, b in zip(total, row, strict=True)]
    table.rows.append(("JUMLAH",) + ("",) * (width - 1) + tuple(total))
    table.total_label_rows = 1
    return table


def _cases(con: Any, p: tuple[str, str], sc: _Scope = _WHOLE) -> ReportTable:
    table = ReportTable("Kasus", "Kasus yang dilaporkan menurut jenis, status dan negara",
                        ("Jenis Kasus", "Status di Desa", "Negara", "Jumlah"),
                        (KIND_TEXT, KIND_TEXT, KIND_TEXT, KIND_INT))
    rows = [(_label("case_types", t), CASE_STATUS_ID.get(s, s), _label("countries", c), int(n))
            for t, s, c, n in con.execute(
                "SELECT c.case_type, c.status, coalesce(e.destination_country, ''), count(*) "
                "FROM case_file c JOIN resident r ON r.id = c.resident_id "
                "LEFT JOIN episode e ON e.id = c.episode_id "
                f"WHERE c.deleted = FALSE AND r.deleted = FALSE{sc.on()} AND c.reported_on "
                "BETWEEN ? AND ? GROUP BY 1, 2, 3", sc.args(*p))]
    table.rows = sorted(rows)
    table.rows.append(("JUMLAH", "", "", sum(r[3] for r in rows)))
    table.total_label_rows = 1
    return table


def _prevented(sc: _Scope) -> str:
    return f"{sc.live_ep} AND e.state = 'dicegah' AND e.ended_on BETWEEN ? AND ?"


def _prevented_per_village(con: Any, p: tuple[str, str], sc: _Scope = _WHOLE) -> ReportTable:
    figures: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for village, sex, n in con.execute(
            f"SELECT r.owner_office, r.sex, count(*) {_prevented(sc)} GROUP BY 1, 2",
            sc.args(*p)):
        figures[str(village)][1 if sex == "P" else 0] += int(n)
    by_district: dict[str, list[str]] = defaultdict(list)
    for village in figures:
        by_district[reference.parent_code(village) or ""].append(village)
    table = ReportTable("Dicegah per Desa",
                        "Keberangkatan yang dicegah / tidak direkomendasikan desa, per desa",
                        ("Kode Wilayah", "Kecamatan", "Desa", "L", "P", "Jumlah"),
                        (KIND_TEXT,) * 3 + (KIND_INT,) * 3,
                        note="Tanggal keputusan desa di dalam periode.")
    total = [0, 0, 0]
    for district in sorted(by_district):
        dname = reference.region_name(district) or district
        sub = [0, 0, 0]
        for village in sorted(by_district[district]):
            male, female = figures[village]
            row = [male, female, male + female]
            table.rows.append((village, dname, _village_names(village)[0], *row))
            sub = [a + b for a, b in zip(sub, row, strict=True)]
        table.rows.append((district, dname, f"Jumlah Kecamatan {dname}", *sub))
        total = [a + b for a, b in zip(total, sub, strict=True)]
    table.rows.append(("", "", "JUMLAH KABUPATEN", *total))
    table.total_label_rows = 1
    return table


def _prevented_per_reason(con: Any, p: tuple[str, str], sc: _Scope = _WHOLE) -> ReportTable:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for reason, sex, n in con.execute(
            f"SELECT trim(coalesce(e.end_reason, '')), r.sex, count(*) {_prevented(sc)} "
            "GROUP BY 1, 2", sc.args(*p)):
        counts[str(reason) or "(tidak diisi)"][1 if sex == "P" else 0] += int(n)
    table = ReportTable("Dicegah per Alasan",
                        "Keberangkatan yang dicegah / tidak direkomendasikan desa, per alasan",
                        ("Alasan", "L", "P", "Jumlah"), (KIND_TEXT,) + (KIND_INT,) * 3)
    total = [0, 0, 0]
    for reason in sorted(counts):
        male, female = counts[reason]
        row = [male, female, male + female]
        table.rows.append((reason, *row))
        total = [a + b for a, b in zip(total, row, strict=True)]
    table.rows.append(("JUMLAH", *total))
    table.total_label_rows = 1
    return table


def _flags(con: Any, p: tuple[str, str], sc: _Scope = _WHOLE) -> ReportTable:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for code, severity, status, n in con.execute(
            "SELECT f.code, f.severity, CASE WHEN f.cleared THEN 2 WHEN f.accepted THEN 1 "
            "ELSE 0 END, count(*) FROM episode_flag f JOIN episode e ON e.id = f.episode_id "
            "JOIN resident r ON r.id = e.resident_id WHERE f.deleted = FALSE AND e.deleted = FALSE "
            f"AND r.deleted = FALSE{sc.on()} AND date(f.seen_at) BETWEEN ? AND ? "
            "GROUP BY 1, 2, 3", sc.args(*p)):
        counts[(str(code), str(severity))][int(status)] += int(n)
    order = {"tinggi": 0, "sedang": 1, "rendah": 2}
    table = ReportTable("Tanda Bahaya", "Tanda bahaya menurut jenis dan tingkat",
                        ("Kode", "Tanda Bahaya", "Tingkat", "Terbuka", "Diterima",
                         "Sudah Diperbaiki", "Jumlah"),
                        (KIND_TEXT,) * 3 + (KIND_INT,) * 4,
                        note="Tanda bahaya yang pertama terlihat di dalam periode. Terbuka: "
                             "belum diterima; Diterima: diterima dengan alasan; Sudah "
                             "diperbaiki: data sudah dibetulkan, aturan tidak berlaku lagi.")
    total = [0, 0, 0, 0]
    for code, severity in sorted(counts, key=lambda k: (order.get(k[1], 3), k[0])):
        opened, accepted, cleared = counts[(code, severity)]
        row = [opened, accepted, cleared, opened + accepted + cleared]
        table.rows.append((code, FLAG_TITLES_ID.get(code, code),
                           SEVERITY_ID.get(severity, severity), *row))
        total = [a + b for a, b in zip(total, row, strict=True)]
    table.rows.append(("JUMLAH", "", "", *total))
    table.total_label_rows = 1
    return table


def _person_cells(village: str) -> tuple[str, str, str]:
    name, district = _village_names(village)
    return village, name, district


def _waiting(con: Any, sampai: date, days: int, sc: _Scope = _WHOLE) -> ReportTable:
    limit = date.fromordinal(sampai.toordinal() - days).isoformat()
    table = ReportTable("CPMI Menunggu", f"CPMI yang menunggu {days} hari atau lebih",
                        ("NIK", "Nama", "Kode Desa", "Desa", "Kecamatan", "Status",
                         "Tanggal Daftar", "Lama Menunggu (hari)"),
                        (KIND_TEXT,) * 6 + (KIND_DATE, KIND_INT))
    for nik, name, village, state, registered in con.execute(
            f"SELECT r.nik, r.name, r.owner_office, e.state, e.registered_on {sc.live_ep} AND "
            "e.state IN ('terdaftar', 'terverifikasi') AND e.registered_on <= ? "
            "ORDER BY e.registered_on, r.name", sc.args(limit)):
        reg = _date(registered)
        table.rows.append((nik or "", name, *_person_cells(str(village)),
                           "Terverifikasi" if state == "terverifikasi" else "Terdaftar", reg,
                           (sampai - reg).days if reg else 0))
    return table


def _overdue(con: Any, sampai: date, sc: _Scope = _WHOLE) -> ReportTable:
    table = ReportTable("Terlambat Pulang", "PMI yang melewati perkiraan tanggal pulang",
                        ("NIK", "Nama", "Kode Desa", "Desa", "Kecamatan", "Negara",
                         "Tanggal Berangkat", "Perkiraan Pulang", "Terlambat (hari)"),
                        (KIND_TEXT,) * 6 + (KIND_DATE, KIND_DATE, KIND_INT))
    for nik, name, village, country, departed, expected in con.execute(
            f"SELECT r.nik, r.name, r.owner_office, e.destination_country, e.departed_on, "
            f"e.expected_return {sc.live_ep} AND e.state = 'berangkat' AND "
            "e.expected_return < ? ORDER BY e.expected_return, r.name",
            sc.args(sampai.isoformat())):
        exp = _date(expected)
        table.rows.append((nik or "", name, *_person_cells(str(village)),
                           _label("countries", country), _date(departed), exp,
                           (sampai - exp).days if exp else 0))
    return table


def _no_news(con: Any, sampai: date, months: int, sc: _Scope = _WHOLE) -> ReportTable:
    limit = add_months(sampai, -months).isoformat()
    table = ReportTable("Tanpa Kabar", f"PMI tanpa kabar lebih dari {months} bulan",
                        ("NIK", "Nama", "Kode Desa", "Desa", "Kecamatan", "Negara",
                         "Tanggal Berangkat", "Kabar Terakhir"),
                        (KIND_TEXT,) * 6 + (KIND_DATE, KIND_DATE))
    for nik, name, village, country, departed, last in con.execute(
            "SELECT * FROM (SELECT r.nik, r.name, r.owner_office, e.destination_country, "
            f"e.departed_on, {_later_of(con)} AS last "
            f"{sc.live_ep} AND e.state = 'berangkat') AS p WHERE last < ? ORDER BY last, name",
            sc.args(limit)):
        table.rows.append((nik or "", name, *_person_cells(str(village)),
                           _label("countries", country), _date(departed), _date(last)))
    return table


def _later_of(con: Any) -> str:
    """The later of departure and last news, as ISO text ('' when neither is known)."""
    news = ("(SELECT max(l.contacted_on) FROM contact_log l WHERE l.resident_id = r.id "
            "AND l.deleted = FALSE)")
    if dialect_of(con) == "postgresql":  # dates are typed there; greatest() skips NULLs
        return f"coalesce(greatest(e.departed_on, {news})::text, '')"
    return f"max(coalesce(e.departed_on, ''), coalesce({news}, ''))"


def _silent(con: Any, regency: str, sampai: date, days: int) -> ReportTable:
    last: dict[str, date | None] = {}
    for village, imported in con.execute("SELECT village_code, max(imported_at) FROM "
                                         "sync_bundle_import GROUP BY village_code"):
        last[str(village)] = _date(imported)
    table = ReportTable("Desa Tidak Mengirim",
                        f"Desa yang tidak mengirim paket lebih dari {days} hari",
                        ("Kode Desa", "Desa", "Kecamatan", "Paket Terakhir Diterima",
                         "Hari Sejak Paket Terakhir"),
                        (KIND_TEXT, KIND_TEXT, KIND_TEXT, KIND_DATE, KIND_TEXT))
    for code, name in reference.villages_under(regency):  # a province hub: all its villages
        when = last.get(code)
        if when is not None and (sampai - when).days <= days:
            continue
        table.rows.append((code, name, _village_names(code)[1], when,
                           str((sampai - when).days) if when else "belum pernah"))
    return table


# -- writing -----------------------------------------------------------------------------------


def report_file_name(regency: str, dari: date, sampai: date, suffix: str = ".xlsx") -> str:
    return f"Laporan_P4MI_{regency}_{dari:%Y%m%d}-{sampai:%Y%m%d}{suffix}"


def _xlsx_bytes(report: PeriodReport) -> bytes:
    buffer = io.BytesIO()
    writer = XlsxWriter(buffer)
    for t in report.tables:
        widths = [max(10.0, min(40.0, len(h) * 1.2)) for h in t.headers]
        writer.add_sheet(SheetSpecW(t.sheet[:31], t.headers, t.kinds, widths), t.rows,
                         len(t.rows))
    writer.close()
    return buffer.getvalue()


def write_report(report: PeriodReport, dest: Path) -> Path:
    """Write ``report`` to ``dest`` (``.xlsx`` or ``.pdf``, atomically)."""
    from sync.container import write_file_atomic

    dest = Path(dest)
    suffix = dest.suffix.lower()
    if suffix == ".xlsx":
        blob = _xlsx_bytes(report)
    elif suffix == ".pdf":
        from sync.report_pdf import document_pdf

        blob = document_pdf(to_document(report))
    else:
        raise AppError("report.format_unknown", suffix=dest.suffix or dest.name)
    write_file_atomic(dest, blob, error_code="sync.export.write_failed")
    return dest


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return formatting.date_text(value)
    if isinstance(value, int):
        return formatting.number(value)
    return str(value)


def to_document(report: PeriodReport) -> Any:
    """The report as a printable :class:`app.core.reports.Document` (landscape)."""
    from app.core.reports.document import Document, Letterhead, Paragraph, Table

    head = Letterhead((f"PEMERINTAH {report.regency_name.upper()}",
                       "POS PELAYANAN DAN PELINDUNGAN PMI (P4MI)"),
                      report.regency_name.replace("Kabupaten ", ""), "Kepala P4MI")
    doc = Document(head, "LAPORAN P4MI", f"Periode {formatting.date_text(report.dari)} sampai "
                   f"{formatting.date_text(report.sampai)}", landscape=True)
    for t in report.tables:
        if t.note:
            doc.blocks.append(Paragraph(t.note))
        numeric = tuple(i for i, k in enumerate(t.kinds) if k == KIND_INT)
        doc.blocks.append(Table(t.title, tuple(t.headers),
                                tuple(tuple(_cell_text(v) for v in row) for row in t.rows),
                                numeric=numeric))
    return doc


def table_cells(table: ReportTable) -> Sequence[Sequence[str]]:
    return [[_cell_text(v) for v in row] for row in table.rows]
