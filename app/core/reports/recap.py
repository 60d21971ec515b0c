"""Rekap bulanan: what happened in one month, and the position at its end."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.models import Activity, ActivityParticipant, Case, Episode, EpisodeState, Resident
from app.core.repo.dashboard import add_months
from app.core.reports.common import CASE_STATUS_LABELS, PROCEDURE_LABELS, country, label
from app.core.reports.document import (
    Document,
    KeyValues,
    Signature,
    Table,
    fmt_date,
    letterhead_from,
    month_name,
)
from app.core.workspace import Office

S = EpisodeState


@dataclass
class MonthlyRecap:
    """The figures of one month (first..last day inclusive)."""

    year: int
    month: int
    first: date
    last: date
    registered: int = 0
    verified: int = 0
    departed: int = 0
    departed_by_procedure: dict[str, int] = field(default_factory=dict)
    returned: int = 0
    returned_by_reason: dict[str, int] = field(default_factory=dict)
    ended: int = 0  # batal / gagal berangkat
    prevented: int = 0  # dicegah: departures the village prevented this month
    abroad_at_end: int = 0
    abroad_by_country: list[tuple[str, int]] = field(default_factory=list)
    abroad_by_sex: dict[str, int] = field(default_factory=dict)
    cases_reported: int = 0
    cases_closed: int = 0
    cases_open_at_end: int = 0
    departures: list[tuple[str, str, str, date | None, str]] = field(default_factory=list)
    returns: list[tuple[str, str, str, date | None, str]] = field(default_factory=list)
    activities: list[tuple[date, str, str, int]] = field(default_factory=list)
    new_cases: list[tuple[date, str, str, str]] = field(default_factory=list)


def _in(d: date | None, first: date, last: date) -> bool:
    return d is not None and first <= d <= last


def _abroad_at(ep: Episode, last: date) -> bool:
    """Abroad on the day ``last``: departed by then (a departure of unknown date counts while
    the episode is ``berangkat``), not yet returned, not on home leave. For the current month
    this is exactly :func:`app.core.repo.dashboard.abroad_episodes`."""
    if ep.state == S.BERANGKAT:
        return ep.departed_on is None or ep.departed_on <= last
    if ep.state == S.PULANG:
        return (ep.departed_on is not None and ep.departed_on <= last
                and ep.returned_on is not None and ep.returned_on > last)
    if ep.state == S.CUTI:  # on leave now; abroad at ``last`` if the leave began after it
        return ((ep.departed_on is None or ep.departed_on <= last)
                and ep.leave_from is not None and ep.leave_from > last)
    return False


def monthly_recap(session: Session, year: int, month: int) -> MonthlyRecap:
    first = date(year, month, 1)
    last = add_months(first, 1) - timedelta(days=1)
    rec = MonthlyRecap(year, month, first, last)
    rows = session.execute(
        select(Episode, Resident).join(Resident, Resident.id == Episode.resident_id)
        .where(Episode.deleted.is_(False), Resident.deleted.is_(False))
    ).all()
    countries: Counter[str] = Counter()
    sexes: Counter[str] = Counter()
    procs: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for ep, r in rows:
        if _in(ep.registered_on, first, last):
            rec.registered += 1
        if _in(ep.verified_on, first, last):
            rec.verified += 1
        if _in(ep.departed_on, first, last):
            rec.departed += 1
            procs[ep.procedure] += 1
            rec.departures.append((r.name, r.nik or "", country(ep.destination_country),
                                   ep.departed_on, PROCEDURE_LABELS.get(ep.procedure, "")))
        if _in(ep.returned_on, first, last):
            rec.returned += 1
            reasons[ep.return_reason] += 1
            rec.returns.append((r.name, r.nik or "", country(ep.destination_country),
                                ep.returned_on, label("return_reasons", ep.return_reason)))
        if ep.state in (S.BATAL, S.GAGAL_BERANGKAT) and _in(ep.ended_on, first, last):
            rec.ended += 1
        if ep.state == S.DICEGAH and _in(ep.ended_on, first, last):
            rec.prevented += 1
        if _abroad_at(ep, last):
            rec.abroad_at_end += 1
            countries[ep.destination_country] += 1
            sexes[r.sex] += 1
    rec.departed_by_procedure = {p: procs.get(p, 0) for p in PROCEDURE_LABELS}
    rec.returned_by_reason = dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])))
    rec.abroad_by_country = sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))
    rec.abroad_by_sex = {"L": sexes.get("L", 0), "P": sexes.get("P", 0)}
    rec.departures.sort(key=lambda t: (t[3], t[0]))
    rec.returns.sort(key=lambda t: (t[3], t[0]))

    cases = session.execute(
        select(Case, Resident.name).join(Resident, Resident.id == Case.resident_id)
        .where(Case.deleted.is_(False), Resident.deleted.is_(False))
    ).all()
    for case, name in cases:
        if _in(case.reported_on, first, last):
            rec.cases_reported += 1
            # a printed recap never names a confidential case's type (app.core.privacy)
            kind = "Rahasia" if case.sensitive else label("case_types", case.case_type)
            rec.new_cases.append((case.reported_on, name, kind,
                                  CASE_STATUS_LABELS.get(case.status, case.status)))
        if case.status == "selesai" and _in(case.closed_on, first, last):
            rec.cases_closed += 1
        closed_by_end = case.status == "selesai" and (case.closed_on is None
                                                     or case.closed_on <= last)
        if case.reported_on <= last and not closed_by_end:
            rec.cases_open_at_end += 1
    rec.new_cases.sort()

    acts = session.execute(
        select(Activity).where(Activity.deleted.is_(False), Activity.held_on >= first,
                               Activity.held_on <= last).order_by(Activity.held_on)
    ).scalars().all()
    counts = dict(session.execute(
        select(ActivityParticipant.activity_id, func.count())
        .where(ActivityParticipant.deleted.is_(False),
               ActivityParticipant.activity_id.in_([a.id for a in acts]))
        .group_by(ActivityParticipant.activity_id)
    ).all())
    for act in acts:
        rec.activities.append((act.held_on, label("activity_kinds", act.kind), act.title,
                               int(counts.get(act.id, 0))))
    return rec


def build_recap(session: Session, office: Office, year: int, month: int, *,
                today: date | None = None) -> Document:
    today = today or date.today()
    rec = monthly_recap(session, year, month)
    head = letterhead_from(session, office)
    doc = Document(
        letterhead=head,
        title="REKAPITULASI BULANAN PEKERJA MIGRAN INDONESIA DESA",
        subtitle=f"Bulan {month_name(month)} {year} "
                 f"({fmt_date(rec.first)} s.d. {fmt_date(rec.last)})",
        printed_on=today,
    )
    doc.blocks.append(KeyValues("A. Kejadian selama bulan ini", (
        ("Pendaftaran calon PMI baru", str(rec.registered)),
        ("Verifikasi calon PMI", str(rec.verified)),
        ("Keberangkatan", str(rec.departed)),
        *((f"    {PROCEDURE_LABELS[p]}", str(n)) for p, n in rec.departed_by_procedure.items()),
        ("Kepulangan", str(rec.returned)),
        *((f"    {label('return_reasons', k) or 'Alasan belum dicatat'}", str(n))
          for k, n in rec.returned_by_reason.items()),
        ("Batal / gagal berangkat", str(rec.ended)),
        ("Keberangkatan yang dicegah desa", str(rec.prevented)),
        ("Kasus dilaporkan", str(rec.cases_reported)),
        ("Kasus selesai", str(rec.cases_closed)),
    )))
    doc.blocks.append(KeyValues(f"B. Keadaan pada {fmt_date(rec.last)}", (
        ("PMI berada di luar negeri", str(rec.abroad_at_end)),
        ("    Laki-laki", str(rec.abroad_by_sex.get("L", 0))),
        ("    Perempuan", str(rec.abroad_by_sex.get("P", 0))),
        ("Kasus belum selesai", str(rec.cases_open_at_end)),
    )))
    doc.blocks.append(Table(
        "C. PMI di luar negeri menurut negara tujuan", ("No", "Negara tujuan", "Jumlah"),
        tuple((str(i), country(c), str(n))
              for i, (c, n) in enumerate(rec.abroad_by_country, start=1)),
        widths=(8, 72, 20), numeric=(2,), empty_text="Tidak ada PMI di luar negeri."))
    doc.blocks.append(Table(
        "D. Daftar keberangkatan bulan ini",
        ("No", "Nama", "NIK", "Negara tujuan", "Tgl berangkat", "Prosedur"),
        tuple((str(i), name, nik, c, fmt_date(d), p)
              for i, (name, nik, c, d, p) in enumerate(rec.departures, start=1)),
        widths=(6, 26, 20, 16, 14, 18), nowrap=(2, 4), empty_text="Tidak ada keberangkatan."))
    doc.blocks.append(Table(
        "E. Daftar kepulangan bulan ini",
        ("No", "Nama", "NIK", "Negara tujuan", "Tgl pulang", "Alasan"),
        tuple((str(i), name, nik, c, fmt_date(d), reason)
              for i, (name, nik, c, d, reason) in enumerate(rec.returns, start=1)),
        widths=(6, 26, 20, 16, 14, 18), nowrap=(2, 4), empty_text="Tidak ada kepulangan."))
    doc.blocks.append(Table(
        "F. Kegiatan sosialisasi dan pemberdayaan",
        ("No", "Tanggal", "Jenis", "Judul", "Peserta"),
        tuple((str(i), fmt_date(d), kind, title, str(n))
              for i, (d, kind, title, n) in enumerate(rec.activities, start=1)),
        widths=(6, 14, 28, 40, 12), numeric=(4,), nowrap=(1,),
        empty_text="Tidak ada kegiatan."))
    doc.signature = Signature(head.place, today, head.signer_title, head.head_name)
    return doc
