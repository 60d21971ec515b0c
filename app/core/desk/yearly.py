"""The village's yearly report on its Pasal 42 (1) duties a-e, with a Desa Migran Emas
self-assessment checklist (printed in the village: Beranda, Cetak).

Figures for calendar year ``year`` (only live rows of live residents; re-counted by
``tests/core/test_yearly_report.py`` with independent SQL):

- a. information: activities of kind ``sosialisasi`` or ``layanan_informasi`` held in the year
  and their participants; job orders passed on by the P4MI (latest bulletin).
- b. CPMI verification and registration: episodes registered / verified in the year, by sex;
  NIK checks the P4MI reported (latest bulletin).
- c. civil documents: of the episodes registered in the year, how many hold each document of
  the checklist (KTP, KK, akta lahir, izin keluarga, paspor...).
- d. departures and returns: departures and returns in the year (by country / by reason),
  abroad at the end of the year (departed on or before 31 December and not returned by then),
  cases reported and closed in the year.
- e. empowerment: activities of kind ``pelatihan``, ``pemberdayaan``, ``edukasi_keuangan``,
  ``pengasuhan_anak``, ``pendampingan`` or ``komunitas`` in the year and their participants;
  returnees (status purna PMI) and the family left behind (family links).

The checklist marks each Desa Migran Emas indicator "Ya" when the register shows it was done
in the year, otherwise "Belum": a starting point the village head reviews, not a verdict.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.desk.bulletin_store import load_bulletin
from app.core.workspace import Office

INFO_KINDS = ("sosialisasi", "layanan_informasi")
EMPOWER_KINDS = ("pelatihan", "pemberdayaan", "edukasi_keuangan", "pengasuhan_anak",
                 "pendampingan", "komunitas")
KEY_DOCUMENTS = ("ktp", "kk", "akta_lahir", "izin_keluarga", "ak1", "surat_sehat", "paspor",
                 "perjanjian_kerja")


@dataclass
class YearlyReport:
    year: int
    info_sessions: int = 0
    info_participants: int = 0
    job_orders: int = 0
    registered: dict[str, int] = field(default_factory=dict)  # sex -> n
    verified: dict[str, int] = field(default_factory=dict)
    nik_checks: int = 0
    documents: dict[str, int] = field(default_factory=dict)  # code -> episodes holding it
    registered_total: int = 0
    departed_by_country: dict[str, int] = field(default_factory=dict)
    returned_by_reason: dict[str, int] = field(default_factory=dict)
    abroad_end: int = 0
    cases_reported: int = 0
    cases_closed: int = 0
    empower_sessions: int = 0
    empower_participants: int = 0
    returnees: int = 0
    family_left_behind: int = 0
    bundles_sent: int = 0
    contacts_logged: int = 0
    checklist: list[tuple[str, bool]] = field(default_factory=list)


def _one(session: Session, sql: str, **params: Any) -> int:
    return int(session.execute(text(sql), params).scalar() or 0)


_LIVE_EP = ("FROM episode e JOIN resident r ON r.id = e.resident_id "
            "WHERE e.deleted = FALSE AND r.deleted = FALSE")


def year_end(year: int, today: date | None = None) -> date:
    """31 December, or today for the running year."""
    return min(date(year, 12, 31), today or date.today())


def yearly_report(session: Session, year: int, today: date | None = None) -> YearlyReport:
    first, last = date(year, 1, 1).isoformat(), year_end(year, today).isoformat()
    p = {"a": first, "b": last}
    rep = YearlyReport(year)

    def activities(kinds: tuple[str, ...]) -> tuple[int, int]:
        marks = ",".join(f"'{k}'" for k in kinds)
        sessions = _one(session, "SELECT count(*) FROM activity WHERE deleted = FALSE AND kind IN "
                                 f"({marks}) AND held_on BETWEEN :a AND :b", **p)
        people = _one(session, "SELECT count(*) FROM activity_participant ap JOIN activity a "
                               "ON a.id = ap.activity_id WHERE ap.deleted = FALSE "
                               "AND a.deleted = FALSE "
                               f"AND a.kind IN ({marks}) AND a.held_on BETWEEN :a AND :b", **p)
        return sessions, people

    rep.info_sessions, rep.info_participants = activities(INFO_KINDS)
    rep.empower_sessions, rep.empower_participants = activities(EMPOWER_KINDS)
    for column, target in (("registered_on", rep.registered), ("verified_on", rep.verified)):
        for sex, n in session.execute(text(
                f"SELECT r.sex, count(*) {_LIVE_EP} AND e.{column} BETWEEN :a AND :b "
                "GROUP BY r.sex"), p):
            target[str(sex)] = int(n)
    docs: Counter[str] = Counter()
    for (codes,) in session.execute(text(
            f"SELECT e.documents {_LIVE_EP} AND e.registered_on BETWEEN :a AND :b"), p):
        rep.registered_total += 1
        docs.update({c for c in (codes or "").split(",") if c})
    rep.documents = {code: docs.get(code, 0) for code in KEY_DOCUMENTS}
    rep.departed_by_country = {str(c): int(n) for c, n in session.execute(text(
        f"SELECT e.destination_country, count(*) {_LIVE_EP} AND e.departed_on BETWEEN :a AND :b "
        "GROUP BY 1 ORDER BY 2 DESC, 1"), p)}
    rep.returned_by_reason = {str(c): int(n) for c, n in session.execute(text(
        f"SELECT e.return_reason, count(*) {_LIVE_EP} AND e.returned_on BETWEEN :a AND :b "
        "GROUP BY 1 ORDER BY 2 DESC, 1"), p)}
    rep.abroad_end = _one(session, f"SELECT count(*) {_LIVE_EP} AND e.departed_on <= :b AND "
                                   "(e.returned_on IS NULL OR e.returned_on > :b) AND "
                                   "e.state IN ('berangkat', 'pulang')", **p)
    live_case = ("FROM case_file c JOIN resident r ON r.id = c.resident_id "
                 "WHERE c.deleted = FALSE AND r.deleted = FALSE")
    rep.cases_reported = _one(session, f"SELECT count(*) {live_case} AND c.reported_on "
                                       "BETWEEN :a AND :b", **p)
    rep.cases_closed = _one(session, f"SELECT count(*) {live_case} AND c.closed_on "
                                     "BETWEEN :a AND :b", **p)
    rep.returnees = _one(session, "SELECT count(*) FROM resident WHERE deleted = FALSE AND "
                                  "migrant_status = 'purna_pmi'")
    rep.family_left_behind = _one(session, "SELECT count(*) FROM family_link f JOIN resident r "
                                           "ON r.id = f.resident_id WHERE f.deleted = FALSE AND "
                                           "r.deleted = FALSE")
    rep.bundles_sent = _one(session, "SELECT count(*) FROM sync_bundle_export WHERE status = "
                                     "'selesai' AND substr(created_at, 1, 4) = :y",
                            y=str(year))
    rep.contacts_logged = _one(session, "SELECT count(*) FROM contact_log l JOIN resident r ON "
                                        "r.id = l.resident_id WHERE l.deleted = FALSE AND "
                                        "r.deleted = FALSE AND "
                                        "l.contacted_on BETWEEN :a AND :b", **p)
    bulletin = load_bulletin(session)
    if bulletin is not None and bulletin.issued_at[:4] == str(year):
        rep.job_orders = len(bulletin.info.get("lowongan", []))
        rep.nik_checks = len(bulletin.nik_pairs)
    rep.checklist = [
        ("Informasi peluang kerja dan migrasi aman disampaikan kepada warga (sosialisasi)",
         rep.info_sessions > 0),
        ("CPMI didata dan diverifikasi di desa", sum(rep.registered.values()) > 0
         or sum(rep.verified.values()) > 0),
        ("Kelengkapan dokumen CPMI dicatat (KTP, KK, izin keluarga, paspor)",
         rep.registered_total > 0 and sum(rep.documents.values()) > 0),
        ("Keberangkatan dan kepulangan dipantau, kabar PMI dicatat",
         rep.contacts_logged > 0),
        ("Kasus PMI dicatat dan ditindaklanjuti atau dirujuk", rep.cases_reported == 0
         or rep.cases_closed > 0 or _one(session, "SELECT count(*) FROM case_follow_up WHERE "
                                                  "deleted = FALSE AND noted_on BETWEEN :a AND :b",
                                         **p) > 0),
        ("Purna PMI dan keluarganya diberdayakan (pelatihan, usaha, pengasuhan anak)",
         rep.empower_sessions > 0),
        ("Data desa dikirim ke P4MI secara berkala (paket P4MI)", rep.bundles_sent > 0),
        ("Desa menerima dan meneruskan informasi dari P4MI (buletin)",
         bulletin is not None and bulletin.issued_at[:4] == str(year)),
    ]
    return rep


def build_yearly_document(session: Session, office: Office, year: int, *,
                          today: date | None = None) -> Any:
    from app.core.reference import ref_label
    from app.core.reports.document import (
        Document,
        KeyValues,
        Paragraph,
        Signature,
        Table,
        fmt_date,
        letterhead_for,
    )

    rep = yearly_report(session, year, today)
    head = letterhead_for(office)
    end = fmt_date(year_end(year, today))
    doc = Document(letterhead=head, title="LAPORAN TAHUNAN DESA TENTANG PELINDUNGAN PMI",
                   subtitle=f"Tahun {year} - pelaksanaan tugas desa menurut UU 18/2017 "
                            "Pasal 42 ayat (1) huruf a-e", printed_on=today or date.today())

    def sex(d: dict[str, int]) -> str:
        return f"{sum(d.values())} (L {d.get('L', 0)}, P {d.get('P', 0)})"

    doc.blocks.append(KeyValues("a. Menerima dan memberikan informasi permintaan pekerjaan", (
        ("Sosialisasi / layanan informasi", str(rep.info_sessions)),
        ("Peserta", str(rep.info_participants)),
        ("Lowongan dari P4MI yang diteruskan", str(rep.job_orders)),
    )))
    doc.blocks.append(KeyValues("b. Verifikasi data dan pencatatan CPMI", (
        ("CPMI didaftarkan", sex(rep.registered)),
        ("CPMI diverifikasi", sex(rep.verified)),
        ("Pemeriksaan NIK ganda dari P4MI", str(rep.nik_checks)),
    )))
    doc.blocks.append(Table(
        f"c. Fasilitasi persyaratan administrasi kependudukan ({rep.registered_total} "
        "pendaftaran CPMI tahun ini)",
        ("Dokumen", "Pendaftaran yang sudah memiliki"),
        tuple((ref_label("documents", code, "id"), str(n)) for code, n in
              rep.documents.items()), widths=(70, 30), numeric=(1,)))
    doc.blocks.append(KeyValues("d. Pemantauan keberangkatan dan kepulangan", (
        ("Keberangkatan", str(sum(rep.departed_by_country.values()))),
        *((f"    {ref_label('countries', c, 'id') if c else '(negara belum dicatat)'}", str(n))
          for c, n in rep.departed_by_country.items()),
        ("Kepulangan", str(sum(rep.returned_by_reason.values()))),
        *((f"    {ref_label('return_reasons', c, 'id') if c else 'Alasan belum dicatat'}",
           str(n)) for c, n in rep.returned_by_reason.items()),
        (f"PMI di luar negeri pada {end}", str(rep.abroad_end)),
        ("Kabar PMI yang dicatat", str(rep.contacts_logged)),
        ("Kasus dilaporkan / selesai", f"{rep.cases_reported} / {rep.cases_closed}"),
    )))
    doc.blocks.append(KeyValues("e. Pemberdayaan CPMI, PMI dan keluarganya", (
        ("Kegiatan pemberdayaan", str(rep.empower_sessions)),
        ("Peserta", str(rep.empower_participants)),
        ("Purna PMI (saat ini)", str(rep.returnees)),
        ("Anggota keluarga yang ditinggalkan (tercatat)", str(rep.family_left_behind)),
    )))
    doc.blocks.append(Table(
        "Penilaian mandiri Desa Migran Emas", ("No", "Indikator", "Terlaksana"),
        tuple((str(i), item, "Ya" if done else "Belum")
              for i, (item, done) in enumerate(rep.checklist, start=1)),
        widths=(6, 74, 20)))
    doc.blocks.append(Paragraph(
        "Penilaian di atas dihitung dari buku register desa; kepala desa memeriksa dan "
        "melengkapinya sebelum laporan ditandatangani."))
    doc.signature = Signature(head.place, today or date.today(), head.signer_title)
    return doc
