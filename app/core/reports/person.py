"""The sheet of one person: identity, every migration episode, family left behind, news."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.models import Case, ContactLog, Episode, FamilyLink, Resident
from app.core.privacy import Viewer, may_see
from app.core.reports.common import (
    CASE_STATUS_LABELS,
    LIFE_LABELS,
    PROCEDURE_LABELS,
    SEX_LABELS,
    STATE_LABELS,
    STATUS_LABELS,
    address,
    age,
    country,
    label,
)
from app.core.reports.document import (
    Document,
    KeyValues,
    Paragraph,
    Signature,
    Table,
    fmt_date,
    letterhead_from,
)
from app.core.rules.episodes import start_date
from app.core.services.common import load_live
from app.core.workspace import Office

if TYPE_CHECKING:
    from app.core.repo.episodes import FlagInfo


def _episode_block(n: int, ep: Episode, flags: list[FlagInfo] | None = None) -> KeyValues:
    docs = ", ".join(label("documents", c) for c in ep.document_codes) or "-"
    consent = ep.consent_name
    if consent and ep.consent_relation:
        consent = f"{consent} ({label('relations', ep.consent_relation)})"
    pairs = [
        ("Status", STATE_LABELS.get(ep.state, ep.state)),
        ("Negara / kota tujuan", " / ".join(x for x in (country(ep.destination_country),
                                                       ep.destination_city) if x)),
        ("Pekerjaan / sektor", " / ".join(x for x in (ep.job, label("sectors", ep.sector))
                                          if x) or "-"),
        ("Pemberi kerja", ep.employer or "-"),
        ("P3MI", ep.p3mi or "-"),
        ("Skema penempatan", label("schemes", ep.scheme) or "-"),
        ("Prosedur", PROCEDURE_LABELS.get(ep.procedure, ep.procedure)),
        ("Tanggal daftar", fmt_date(ep.registered_on) or "-"),
        ("Tanggal verifikasi", fmt_date(ep.verified_on) or "-"),
        ("Tanggal berangkat", fmt_date(ep.departed_on) or "-"),
        ("Kontrak", " s.d. ".join(x for x in (fmt_date(ep.contract_start),
                                              fmt_date(ep.contract_end)) if x) or "-"),
        ("Perkiraan pulang", fmt_date(ep.expected_return) or "-"),
        ("Tanggal pulang", fmt_date(ep.returned_on) or "-"),
    ]
    if ep.return_reason:
        pairs.append(("Alasan pulang", label("return_reasons", ep.return_reason)))
    if ep.ended_on:
        pairs.append(("Tanggal batal / gagal", fmt_date(ep.ended_on)))
        pairs.append(("Alasan", ep.end_reason or "-"))
    pairs += [
        ("Izin keluarga", consent or "-"),
        ("Dokumen", docs),
        ("Lapor diri (Peduli WNI)", "Sudah" if ep.lapor_diri else "Belum"),
    ]
    for key, title in (("epmi_no", "No. ID PMI / E-PMI"), ("visa_no", "No. visa"),
                       ("pk_no", "No. perjanjian kerja"), ("foreign_agency", "Mitra usaha"),
                       ("phone_abroad", "Telepon di luar negeri"),
                       ("heir_name", "Ahli waris / kontak keluarga")):
        if getattr(ep, key, ""):
            pairs.append((title, getattr(ep, key)))
    if ep.lapor_diri_on:
        pairs.append(("Tanggal lapor diri", fmt_date(ep.lapor_diri_on)))
    if ep.repatriation_status or ep.death_claim_status:
        pairs.append(("Pemulangan jenazah", label("repatriation_status",
                                                  ep.repatriation_status) or "-"))
        pairs.append(("Klaim jaminan kematian", label("death_claim_status",
                                                      ep.death_claim_status) or "-"))
    for f in flags or []:  # red flags kept with the episode (issue 9)
        note = f"{f.text_id} (tingkat {f.severity})"
        if f.accepted:
            note += f"; diterima oleh {f.accepted_by}: {f.accepted_reason}"
        pairs.append(("Tanda bahaya", note))
    if ep.notes:
        pairs.append(("Catatan", ep.notes))
    return KeyValues(f"Penempatan ke-{n}", tuple(pairs))


def build_person_sheet(session: Session, office: Office, resident_id: str, *,
                       include_cases: bool = False, today: date | None = None,
                       viewer: Viewer | None = None) -> Document:
    """One person's sheet. Cases are sensitive: only their type, date and status, and only
    when ``include_cases`` is set; a confidential case's type only for a ``viewer`` allowed
    to see it (:mod:`app.core.privacy`), "Rahasia" otherwise."""
    today = today or date.today()
    r = load_live(session, Resident, resident_id)
    head = letterhead_from(session, office)
    doc = Document(letterhead=head, title="LEMBAR DATA PEKERJA MIGRAN", subtitle=r.name,
                   printed_on=today)
    birth = ", ".join(x for x in (r.birth_place, fmt_date(r.birth_date)) if x)
    if r.birth_date:
        birth = f"{birth} ({age(r.birth_date, today)})"
    doc.blocks.append(KeyValues("A. Identitas", (
        ("Nama", r.name),
        ("NIK", r.nik or "Belum diketahui"),
        ("No. KK", r.no_kk or "Belum diketahui"),
        ("Jenis kelamin", SEX_LABELS.get(r.sex, r.sex)),
        ("Tempat, tanggal lahir", birth or "-"),
        ("Hubungan dalam keluarga", label("shdk", r.shdk) or "-"),
        ("Alamat", " ".join(x for x in (address(r.dusun, r.rt, r.rw), r.address
                                        if not r.address.startswith("Dusun") else "") if x)
         or "-"),
        ("Telepon", r.phone or "-"),
        ("Pendidikan", label("education", r.education) or "-"),
        ("Status perkawinan", label("marital_status", r.marital_status) or "-"),
        ("Paspor", " berlaku s.d. ".join(x for x in (r.passport_no,
                                                      fmt_date(r.passport_expiry)) if x) or "-"),
        ("BPJS Ketenagakerjaan", r.bpjs_tk_no or "-"),
        ("Status pekerja migran", STATUS_LABELS.get(r.migrant_status, r.migrant_status)),
        ("Status hidup", LIFE_LABELS.get(r.life_status, r.life_status)),
    )))
    eps = [e for e in session.scalars(select(Episode).where(
        Episode.resident_id == r.id, Episode.deleted.is_(False))).all()]
    eps.sort(key=lambda e: (start_date(e.registered_on, e.departed_on, e.returned_on)
                            or date.min, str(e.created_at)))
    doc.blocks.append(Paragraph(f"B. Riwayat penempatan ({len(eps)})", bold=True))
    if not eps:
        doc.blocks.append(Paragraph("Belum ada penempatan yang tercatat."))
    from app.core.repo.episodes import flags_for_episodes

    flags = flags_for_episodes(session, [e.id for e in eps])
    for n, ep in enumerate(eps, start=1):
        doc.blocks.append(_episode_block(n, ep, flags[ep.id]))
    family = session.scalars(select(FamilyLink).where(
        FamilyLink.resident_id == r.id, FamilyLink.deleted.is_(False))).all()
    doc.blocks.append(Table(
        "C. Keluarga yang ditinggalkan", ("No", "Nama", "Hubungan", "Tgl lahir", "Pengasuh"),
        tuple((str(i), f.member_name, label("relations", f.relation),
               fmt_date(f.member_birth_date), "Ya" if f.is_carer else "")
              for i, f in enumerate(family, start=1)),
        widths=(6, 40, 20, 18, 16), empty_text="Tidak ada yang dicatat."))
    contacts = session.scalars(select(ContactLog).where(
        ContactLog.resident_id == r.id, ContactLog.deleted.is_(False))
        .order_by(ContactLog.contacted_on.desc()).limit(10)).all()
    doc.blocks.append(Table(
        "D. Kabar terakhir", ("Tanggal", "Melalui", "Keadaan", "Kabar"),
        tuple((fmt_date(c.contacted_on), c.channel, c.condition, c.news) for c in contacts),
        widths=(14, 16, 16, 54), empty_text="Belum ada kabar yang dicatat."))
    if include_cases:
        shows = may_see(viewer)
        cases = session.scalars(select(Case).where(
            Case.resident_id == r.id, Case.deleted.is_(False))
            .order_by(Case.reported_on)).all()
        doc.blocks.append(Table(
            "E. Kasus", ("Tgl laporan", "Jenis kasus", "Rujukan", "Status"),
            tuple((fmt_date(c.reported_on),
                   label("case_types", c.case_type) if shows or not c.sensitive
                   else "Rahasia",
                   label("referrals", c.referral), CASE_STATUS_LABELS.get(c.status, c.status))
                  for c in cases),
            widths=(16, 44, 24, 16), empty_text="Tidak ada kasus."))
    doc.signature = Signature(head.place, today, head.signer_title, head.head_name)
    return doc
