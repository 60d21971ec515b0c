"""Buku Register PMI Desa: one line per migration episode, oldest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.models import Episode, Resident
from app.core.reports.common import PROCEDURE_LABELS, address, country, label
from app.core.reports.document import (
    Document,
    Paragraph,
    Signature,
    Table,
    fmt_date,
    letterhead_from,
)
from app.core.rules.episodes import start_date
from app.core.workspace import Office

HEADERS = (
    "No", "Nama / NIK", "L/P", "Tempat, tgl lahir", "Alamat", "Negara tujuan",
    "Pekerjaan", "P3MI / Skema", "Prosedur", "Tgl\ndaftar", "Tgl\nberangkat",
    "Perkiraan\npulang", "Tgl\npulang", "Status / alasan",
)
WIDTHS = (3, 13, 3, 9, 9, 7, 8, 10, 8, 6, 6, 6, 6, 8)
DATE_COLUMNS = (9, 10, 11, 12)
SHORT_STATES = {
    "terdaftar": "Terdaftar", "terverifikasi": "Terverifikasi", "berangkat": "Berangkat",
    "pulang": "Pulang", "batal": "Batal", "gagal_berangkat": "Gagal berangkat",
    "dalam_proses": "Dalam proses", "cuti": "Cuti", "dicegah": "Dicegah desa",
}


@dataclass(frozen=True)
class RegisterRow:
    number: int
    episode_id: str
    resident_id: str
    name: str
    nik: str
    sex: str
    birth: str
    address: str
    country: str
    job: str
    p3mi_scheme: str
    procedure: str
    registered_on: date | None
    departed_on: date | None
    expected_return: date | None
    returned_on: date | None
    state: str

    def cells(self) -> tuple[str, ...]:
        return (
            str(self.number), f"{self.name}\n{self.nik or 'NIK belum diketahui'}", self.sex,
            self.birth, self.address, self.country, self.job, self.p3mi_scheme, self.procedure,
            fmt_date(self.registered_on), fmt_date(self.departed_on),
            fmt_date(self.expected_return), fmt_date(self.returned_on), self.state,
        )


def register_numbers(session: Session) -> dict[str, int]:
    """Each person's stable register number: the order in which their first placement was
    recorded, counting every placement ever recorded (deleted ones too), so a number never
    changes between prints and a later entry never renumbers the earlier ones."""
    firsts = session.execute(
        select(Episode.resident_id, func.min(Episode.created_at))
        .group_by(Episode.resident_id)).all()
    ordered = sorted(firsts, key=lambda t: (t[1], t[0]))
    return {resident_id: n for n, (resident_id, _at) in enumerate(ordered, start=1)}


def register_rows(session: Session, year: int | None = None) -> list[RegisterRow]:
    """Every live episode of a live resident (of ``year`` by its first date, if given), by
    the person's stable register number, then the episode's first date."""
    numbers = register_numbers(session)
    rows = session.execute(
        select(Episode, Resident)
        .join(Resident, Resident.id == Episode.resident_id)
        .where(Episode.deleted.is_(False), Resident.deleted.is_(False))
    ).all()
    items = []
    for ep, r in rows:
        first = start_date(ep.registered_on, ep.departed_on, ep.returned_on)
        if year is not None and (first is None or first.year != year):
            continue
        items.append((numbers[r.id], first or date.max, ep.created_at, ep, r))
    items.sort(key=lambda t: (t[0], t[1], t[2]))
    out = []
    for n, _first, _created, ep, r in items:
        state = SHORT_STATES.get(ep.state, ep.state)
        if ep.return_reason:
            state = f"{state}:\n{label('return_reasons', ep.return_reason).split(' (')[0]}"
        elif ep.ended_on:
            state = f"{state}\n{fmt_date(ep.ended_on)}"
        birth = ", ".join(x for x in (r.birth_place, fmt_date(r.birth_date)) if x)
        scheme = label("schemes", ep.scheme).split(" (")[0]
        out.append(RegisterRow(
            number=n, episode_id=ep.id, resident_id=r.id, name=r.name, nik=r.nik or "",
            sex=r.sex, birth=birth, address=address(r.dusun, r.rt, r.rw, r.address),
            country=country(ep.destination_country),
            job=ep.job or label("sectors", ep.sector),
            p3mi_scheme="\n".join(x for x in (ep.p3mi, scheme) if x),
            procedure=PROCEDURE_LABELS.get(ep.procedure, ep.procedure),
            registered_on=ep.registered_on, departed_on=ep.departed_on,
            expected_return=ep.expected_return, returned_on=ep.returned_on,
            state=state,
        ))
    return out


PERSON_COLUMNS = 5  # No, name/NIK, sex, birth, address: once per person


def person_rows(rows: list[RegisterRow]) -> tuple[tuple[str, ...], ...]:
    """One table row per person, their placements stacked in the cells, so a person is never
    split across two pages (a table row moves whole to the next page)."""
    out: list[tuple[str, ...]] = []
    group: list[RegisterRow] = []

    def flush() -> None:
        if not group:
            return
        cells = [r.cells() for r in group]
        head = cells[0][:PERSON_COLUMNS]
        padded = []
        for c in cells:  # the placements line up across the columns
            height = max(v.count("\n") + 1 for v in c[PERSON_COLUMNS:])
            padded.append([v + "\n" * (height - v.count("\n") - 1) for v in c])
        rest = tuple("\n".join(c[i] for c in padded).rstrip("\n")
                     for i in range(PERSON_COLUMNS, len(HEADERS)))
        out.append(head + rest)
        group.clear()

    for row in rows:
        if group and group[0].resident_id != row.resident_id:
            flush()
        group.append(row)
    flush()
    return tuple(out)


def build_register(session: Session, office: Office, *, year: int | None = None,
                   today: date | None = None) -> Document:
    today = today or date.today()
    head = letterhead_from(session, office)
    rows = register_rows(session, year)
    subtitle = f"Tahun {year}" if year else f"Keadaan per {fmt_date(today)}"
    doc = Document(
        letterhead=head,
        title="BUKU REGISTER PEKERJA MIGRAN INDONESIA (PMI) DESA",
        subtitle=subtitle,
        landscape=True,
        printed_on=today,
    )
    doc.blocks.append(Paragraph(
        "Dasar: Undang-Undang Nomor 18 Tahun 2017 tentang Pelindungan Pekerja Migran "
        "Indonesia, Pasal 42 ayat (1)."))
    doc.blocks.append(Table(
        heading="",
        headers=HEADERS,
        rows=person_rows(rows),
        widths=WIDTHS,
        nowrap=DATE_COLUMNS,
        empty_text="Belum ada penempatan yang tercatat.",
    ))
    doc.blocks.append(Paragraph(f"Jumlah: {len(rows)} penempatan dari "
                                f"{len({r.resident_id for r in rows})} orang."))
    doc.signature = Signature(head.place, today, head.signer_title, head.head_name)
    return doc
