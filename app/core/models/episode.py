"""Migration episodes (penempatan) and the contact log with PMI abroad."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.models.base import Base, SyncMixin
from app.core.models.resident import Resident


class EpisodeState(StrEnum):
    TERDAFTAR = "terdaftar"
    TERVERIFIKASI = "terverifikasi"
    BERANGKAT = "berangkat"
    PULANG = "pulang"
    BATAL = "batal"
    GAGAL_BERANGKAT = "gagal_berangkat"


class Procedure(StrEnum):
    PROSEDURAL = "prosedural"
    DIDUGA_NONPROSEDURAL = "diduga_nonprosedural"
    BELUM_DIKETAHUI = "belum_diketahui"


class Episode(SyncMixin, Base):
    __tablename__ = "episode"

    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    state: Mapped[str] = mapped_column(String(20), index=True)
    destination_country: Mapped[str] = mapped_column(String(2), default="", index=True)
    destination_city: Mapped[str] = mapped_column(String(100), default="")
    job: Mapped[str] = mapped_column(String(100), default="")
    sector: Mapped[str] = mapped_column(String(40), default="")
    employer: Mapped[str] = mapped_column(String(150), default="")
    p3mi: Mapped[str] = mapped_column(String(150), default="")
    scheme: Mapped[str] = mapped_column(String(40), default="")
    procedure: Mapped[str] = mapped_column(String(24), default=Procedure.BELUM_DIKETAHUI)
    registered_on: Mapped[date | None]
    verified_on: Mapped[date | None]
    departed_on: Mapped[date | None] = mapped_column(index=True)
    contract_start: Mapped[date | None]
    contract_end: Mapped[date | None]
    expected_return: Mapped[date | None] = mapped_column(index=True)
    returned_on: Mapped[date | None] = mapped_column(index=True)
    return_reason: Mapped[str] = mapped_column(String(40), default="")
    ended_on: Mapped[date | None]  # batal / gagal berangkat
    end_reason: Mapped[str] = mapped_column(Text, default="")
    consent_name: Mapped[str] = mapped_column(String(150), default="")
    consent_nik: Mapped[str] = mapped_column(String(16), default="")
    consent_relation: Mapped[str] = mapped_column(String(40), default="")
    # Document checklist: comma-separated codes from resources/reference/documents.json.
    documents: Mapped[str] = mapped_column(Text, default="")
    lapor_diri: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    resident: Mapped[Resident] = relationship(back_populates="episodes")

    @property
    def document_codes(self) -> list[str]:
        return [c for c in self.documents.split(",") if c]


class ContactLog(SyncMixin, Base):
    """The last news from a PMI abroad (for "no news for N months")."""

    __tablename__ = "contact_log"

    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    episode_id: Mapped[str | None] = mapped_column(ForeignKey("episode.id"), index=True)
    contacted_on: Mapped[date] = mapped_column(index=True)
    channel: Mapped[str] = mapped_column(String(40), default="")
    condition: Mapped[str] = mapped_column(String(40), default="")
    news: Mapped[str] = mapped_column(Text, default="")
